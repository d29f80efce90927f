#!/usr/bin/env python3
"""Throughput and peak memory of `casebook export` (CSV, Parquet, JSON Lines) as a ratio
to `casebook validate` on the same generated case studies, at 1,000, 10,000 and 100,000
documents; and Python's `casebook.validate_paths` against the command on one folder.

    cargo build --release -p casebook-cli -p casebook-test-support
    python3 benches/export_memory.py target/release [--counts 1000,10000,100000] [--python VENV_PYTHON]

Each corpus is one JSON Lines file (gen-corpus --jsonl, seed 1), so that walking a
folder of 100,000 files does not weigh on either side. Each command runs under
`/usr/bin/time -v` (CPU seconds, user plus system, and maximum resident set size); the tables go to a
temporary folder removed after each run. With --python, the folder of the smallest
corpus is also written as separate files and checked by the command and by
`casebook.validate_paths` in that interpreter (which must have the casebook wheel).
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("bin", nargs="?", default="target/release")
parser.add_argument("--counts", default="1000,10000,100000")
parser.add_argument("--python", default=None)
parser.add_argument("--python-count", type=int, default=10000)
args = parser.parse_args()
binaries = pathlib.Path(args.bin)
casebook = binaries / "casebook"
gen = binaries / "gen-corpus"


def timed(command):
    run = subprocess.run(["/usr/bin/time", "-v", *map(str, command)], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{command} failed ({run.returncode}): {run.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    # CPU time (user + system) is what the ratios use: on a shared machine it moves far
    # less than wall time.
    cpu = sum(
        float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", run.stderr).group(1))
        for kind in ("User", "System")
    )
    return cpu, rss


work = pathlib.Path(tempfile.mkdtemp(prefix="casebook-export-bench-"))
try:
    print(f"{'documents':>9} {'MB':>7} {'run':>16} {'CPU s':>8} {'MB/s':>7} {'peak RSS MiB':>12} {'time ratio':>10} {'RSS ratio':>9}")
    for count in [int(c) for c in args.counts.split(",")]:
        corpus = work / f"corpus-{count}"
        subprocess.run([gen, "--count", str(count), "--out", corpus, "--jsonl"], check=True, capture_output=True)
        source = corpus / "corpus.jsonl"
        megabytes = source.stat().st_size / 1e6
        base_seconds, base_rss = timed([casebook, "validate", "--quiet", source])
        print(f"{count:>9} {megabytes:>7.0f} {'validate':>16} {base_seconds:>8.2f} {megabytes / base_seconds:>7.1f} {base_rss:>12.1f} {1:>10.2f} {1:>9.2f}")
        for to in ["csv", "parquet", "jsonl"]:
            out = work / "tables"
            seconds, rss = timed([casebook, "export", source, "--to", to, "--out", out])
            shutil.rmtree(out)
            print(
                f"{count:>9} {megabytes:>7.0f} {'export --to ' + to:>16} {seconds:>8.2f} {megabytes / seconds:>7.1f} "
                f"{rss:>12.1f} {seconds / base_seconds:>10.2f} {rss / base_rss:>9.2f}"
            )
        shutil.rmtree(corpus)
    if args.python:
        count = args.python_count
        corpus = work / "files"
        subprocess.run([gen, "--count", str(count), "--out", corpus], check=True, capture_output=True)
        cli_seconds, cli_rss = timed([casebook, "validate", "--quiet", corpus])
        script = f"import casebook; r = casebook.validate_paths([{str(corpus)!r}]); assert len(r) == {count}"
        py_seconds, py_rss = timed([args.python, "-c", script])
        print(f"\n{count} files: casebook validate {cli_seconds:.2f} s, {cli_rss:.1f} MiB; "
              f"casebook.validate_paths {py_seconds:.2f} s, {py_rss:.1f} MiB; "
              f"time ratio {py_seconds / cli_seconds:.2f}, RSS ratio {py_rss / cli_rss:.2f}")
finally:
    shutil.rmtree(work, ignore_errors=True)
