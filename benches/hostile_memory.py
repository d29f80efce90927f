#!/usr/bin/env python3
"""Time and peak memory of `casebook validate` on single documents built to stress it:
a million broken ids, a million unknown keys, a million YAML `.nan` in a list,
1.9 million one-member objects, and 100,000 members of `extensions`, every second one
`.nan`. Each is the bundled Cantabria-Chihuahua example with one long list
or object added, so every finding past the report's limit is made, counted and set aside.

    python3 benches/hostile_memory.py target/release/casebook --compare OTHER_BUILD

Prints one Markdown table: for each document and build, the median CPU time (user +
system) and peak RSS of `--threads 1 --format json` over `--runs` runs, the builds
alternating. Each build is copied to a fresh file first: the kernel maps more of a file
written a moment ago (about 2 MB more for this binary), so a build just compiled would
otherwise seem to take more memory than one compiled hours before.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "cantabria-chihuahua.json"


def documents(casebook: Path, folder: Path, count: int) -> list[Path]:
    """Writes the hostile documents into `folder`, `count` items each."""
    base = json.loads(EXAMPLE.read_text())

    def copy():
        return json.loads(json.dumps(base))

    topic = base["topics"][0]
    written = []

    def write(name: str, text: str):
        path = folder / name
        path.write_text(text)
        written.append(path)

    doc = copy()
    doc["topics"] = [dict(topic, id=f"t{n}") for n in range(count)]
    write("good-ids.json", json.dumps(doc))
    doc["topics"] = [dict(topic, id=f"Bad Id {n}") for n in range(count)]
    write("bad-ids.json", json.dumps(doc))
    doc = copy()
    doc["pairing"].update({f"k{n}": 1 for n in range(count)})
    write("unknown-keys.json", json.dumps(doc))
    doc = copy()
    doc["extensions"]["x-objects"] = [{"a": 1}] * (count * 19 // 10)
    doc["bogus"] = 1
    write("small-objects.json", json.dumps(doc, separators=(",", ":")))
    yaml = subprocess.run(
        [str(casebook), "convert", "--to", "yaml", str(EXAMPLE)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    nans = "extensions:\n  x-nans:\n" + "  - .nan\n" * count
    write("nan-list.yaml", yaml.replace("extensions:\n", nans, 1))
    # A tenth as many: an older build took the square of their number.
    mixed = "".join(
        f"  k{n}: {'.nan' if n % 2 else '1.5'}\n" for n in range(count // 10)
    )
    write("nan-members.yaml", yaml.replace("extensions:\n", "extensions:\n" + mixed, 1))
    return written


def measure(binary: Path, document: Path) -> tuple[float, float]:
    """CPU seconds and peak RSS in MiB of one run."""
    run = subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%U %S %M",
            str(binary),
            "validate",
            str(document),
            "--max-file-size",
            "1000000000",
            "--threads",
            "1",
            "--format",
            "json",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    user, system, peak = run.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), int(peak) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("casebook", type=Path)
    parser.add_argument("--compare", type=Path, help="a second build, measured alternately")
    parser.add_argument("--count", type=int, default=1_000_000, help="items a document")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        builds = {}
        for label, binary in [("this build", args.casebook), ("compared", args.compare)]:
            if binary is not None:
                fresh = scratch / f"casebook-{len(builds)}"
                shutil.copy2(binary, fresh)
                builds[label] = fresh
        written = documents(args.casebook, scratch, args.count)
        header = " | ".join(f"{label}: CPU s | {label}: peak MiB" for label in builds)
        print(f"| document | MB | {header} |")
        print("|---|---|" + "---|---|" * len(builds))
        for document in written:
            runs = {label: [] for label in builds}
            for _ in range(args.runs):
                for label, binary in builds.items():
                    runs[label].append(measure(binary, document))
            cells = " | ".join(
                f"{statistics.median(cpu for cpu, _ in found):.2f} | "
                f"{statistics.median(peak for _, peak in found):,.0f}"
                for found in runs.values()
            )
            size = document.stat().st_size / 1e6
            print(f"| {document.name} | {size:.0f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
