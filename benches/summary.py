#!/usr/bin/env python3
"""Prints the throughput of each benchmark of the last `cargo bench --bench throughput`
run, and the ratios the targets are stated in, from criterion's estimates under
target/criterion. Medians, one run, this machine: see benches/README.md."""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def measured(group, name):
    """(median seconds per iteration, bytes per iteration) of one benchmark."""
    folder = ROOT / group / name
    if not folder.exists():
        folder = ROOT / group / name.replace("/", "_")
    estimates = json.loads((folder / "new" / "estimates.json").read_text())
    benchmark = json.loads((folder / "new" / "benchmark.json").read_text())
    seconds = estimates["median"]["point_estimate"] / 1e9
    return seconds, benchmark["throughput"]["Bytes"]


def measured_elements(group, name):
    """(median seconds per iteration, elements per iteration) of one benchmark."""
    folder = ROOT / group / name
    estimates = json.loads((folder / "new" / "estimates.json").read_text())
    benchmark = json.loads((folder / "new" / "benchmark.json").read_text())
    return estimates["median"]["point_estimate"] / 1e9, benchmark["throughput"]["Elements"]


def mb_per_s(group, name):
    seconds, size = measured(group, name)
    return size / seconds / 1e6


def main():
    rows = [
        ("json", "scan"), ("json", "jiter_skip"), ("json", "simd_tape"), ("json", "jiter_walk"),
        ("json", "value"), ("json", "typed"), ("json", "validate"), ("json", "jsonschema"),
        ("json_pretty", "scan"), ("json_pretty", "jiter_skip"), ("json_pretty", "simd_tape"),
        ("json_pretty", "jiter_walk"), ("json_pretty", "typed"), ("json_pretty", "validate"),
        ("json_invalid", "validate_invalid"),
        ("yaml", "typed/yaml"), ("yaml", "validate/yaml"), ("toml", "typed/toml"), ("toml", "validate/toml"),
    ]
    speed = {}
    # Each benchmark's latest results, whichever run made them: a run of some groups
    # leaves the others' earlier figures, so compare rows of one run only.
    print(f"{'benchmark':<28} {'MB/s':>10} {'time ÷ scan':>12}")
    for group, name in rows:
        try:
            speed[(group, name)] = mb_per_s(group, name)
        except FileNotFoundError:
            print(f"{group}/{name:<22} {'(not run)':>10}")
            continue
        # Within a group every benchmark reads the same bytes, so the time ratio to the
        # group's `scan` (the floor) is the ratio of the speeds.
        floor = speed.get((group, "scan"))
        versus = f"{floor / speed[(group, name)]:>12.2f}" if floor else ""
        print(f"{group + '/' + name:<28} {speed[(group, name)]:>10.1f} {versus}")

    def ratio(label, a, b, target, higher=True):
        if a in speed and b in speed:
            value = speed[a] / speed[b]
            met = value >= target if higher else value <= target
            print(f"{label:<40} {value:>6.2f}x  (target {'>=' if higher else '<='} {target}x: {'met' if met else 'MISSED'})")

    print()
    print("growth: time per topic (1,000,000 topics and references in the largest document)")
    for name in ("validate", "validate_broken_once", "validate_broken_everywhere"):
        cells = []
        for n in (1_000, 10_000, 100_000, 1_000_000):
            try:
                seconds, _ = measured_elements("growth", f"{name}/{n}")
                cells.append(f"{n}: {seconds / n * 1e9:8.0f} ns")
            except FileNotFoundError:
                cells.append(f"{n}: (not run)")
        print(f"  {name:<27} " + "   ".join(cells))

    print()
    ratio("validate / scan (throughput)", ("json", "validate"), ("json", "scan"), 0.5)
    ratio("validate / jsonschema (throughput)", ("json", "validate"), ("json", "jsonschema"), 2.0)
    # "within 1.15x of typed": the time ratio, typed throughput over validate throughput.
    if ("json", "typed") in speed and ("json", "validate") in speed:
        value = speed[("json", "typed")] / speed[("json", "validate")]
        print(f"{'validate time / typed time':<40} {value:>6.2f}x  (target <= 1.15x: {'met' if value <= 1.15 else 'MISSED'})")


if __name__ == "__main__":
    sys.exit(main())
