#!/usr/bin/env python3
"""How `casebook validate` scales from one thread to two, against what the machine allows.

Runs, in turn and RUNS times: one thread over the whole corpus, two threads over it, and
two one-thread processes at once, each over half of it (nothing shared but the machine).
The two processes' speed-up is the ceiling for two threads on this machine at this moment;
a shared or busy machine lowers both alike. Prints every run, then the medians.

    python3 benches/scaling.py [BINARY] [--count 6000] [--runs 9] [--jsonl]

The corpus (generated documents of about 50 KB, as in `benches/peers.py`) is written once
under target/scaling/ and kept; delete it when done.
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path("target/scaling")


def corpus(count: int) -> pathlib.Path:
    base = ROOT / f"corpus-{count}"
    if (base / ".complete").exists():
        return base
    subprocess.run(["cargo", "run", "--release", "--quiet", "-p", "casebook-test-support",
                    "--bin", "gen-corpus", "--", "--count", str(count),
                    "--out", str(base / "all")], check=True)
    files = sorted(path for path in (base / "all").glob("*.json")
                   if not path.name.startswith("."))
    lines = [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
             for path in files]
    half = len(lines) // 2
    for name, part in (("all", lines), ("first", lines[:half]), ("second", lines[half:])):
        (base / f"{name}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    (base / ".complete").write_text("")
    return base


def timed(binary: str, runs: list[tuple[list[str], int]]) -> float:
    """Wall seconds of the given runs (paths, threads), started together."""
    start = time.perf_counter()
    processes = [subprocess.Popen([binary, "validate", *paths, "--threads", str(threads),
                                   "--format", "json"], stdout=subprocess.DEVNULL)
                 for paths, threads in runs]
    for process in processes:
        process.wait()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default="target/release/casebook")
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--jsonl", action="store_true", help="one JSON Lines file, not a folder")
    options = parser.parse_args()
    base = corpus(options.count)
    if options.jsonl:
        whole = [str(base / "all.jsonl")]
        halves = [[str(base / "first.jsonl")], [str(base / "second.jsonl")]]
    else:
        files = sorted(str(path) for path in (base / "all").glob("*.json")
                       if not path.name.startswith("."))
        whole = [str(base / "all")]
        halves = [files[:len(files) // 2], files[len(files) // 2:]]
    threads, processes = [], []
    for _ in range(options.runs):
        one = timed(options.binary, [(whole, 1)])
        two = timed(options.binary, [(whole, 2)])
        split = timed(options.binary, [(halves[0], 1), (halves[1], 1)])
        threads.append(one / two)
        processes.append(one / split)
        print(f"one thread {one:.3f} s, two threads {two:.3f} s (x{one / two:.2f}), "
              f"two processes {split:.3f} s (x{one / split:.2f})", flush=True)
    print(f"median: two threads x{statistics.median(threads):.2f}, "
          f"two processes x{statistics.median(processes):.2f}")


if __name__ == "__main__":
    sys.exit(main())
