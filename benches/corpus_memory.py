#!/usr/bin/env python3
"""Peak memory of `casebook validate` as the number of documents grows: folders of 10^4,
10^5 and 10^6 small valid case studies (each with its own id and two regions of its own,
the worst case for the checks across files), and one JSON Lines file of as many lines.
Prints peak RSS and the growth per document between sizes (the slope), which should be
small and not depend on the size.

    python3 benches/corpus_memory.py target/release/casebook [--sizes 10000,100000,1000000]
        [--compare OTHER_BINARY] [--findings] [--inputs folder,lines]

With `--findings`, every document has three findings (an unknown country, a missing key
and an unknown key), as in `benches/peers.py`'s invalid corpus, in folders and files of
their own. `--inputs lines` measures only the JSON Lines files (`folder` only the folders).

The folders are written under target/corpus-memory/ once and kept for the next run: a
million files take about 4 GB of disk in 4 KB blocks, and the JSON Lines files 0.4 GB more.
Delete the folder when done (`rm -rf target/corpus-memory`): a full disk fails every build.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path("target/corpus-memory")


def document(number: int, findings: bool) -> str:
    case = {
        "schema_version": "1.0",
        "id": f"case-{number:07d}",
        "title": f"Generated case study {number}",
        "regions": [
            {"id": f"town-{number:07d}-a", "name": f"Town {number} A",
             "kind": "city", "country": "FR"},
            {"id": f"town-{number:07d}-b", "name": f"Town {number} B",
             "kind": "city", "country": "CA", "subdivision": "CA-QC"},
        ],
        "pairing": {"kind": "city_to_city",
                    "regions": [f"town-{number:07d}-a", f"town-{number:07d}-b"],
                    "started": "2018", "status": "active"},
    }
    if findings:
        case["regions"][0]["country"] = "XQ"
        case["pairing"]["colour"] = "green"
        del case["title"]
    return json.dumps(case)


def folder(size: int, findings: bool) -> pathlib.Path:
    path = ROOT / f"files-{size}{'-findings' * findings}"
    done = path / ".complete"
    if not done.exists():
        path.mkdir(parents=True, exist_ok=True)
        for number in range(size):
            # A thousand files a folder, as a repository would spread them.
            sub = path / f"{number // 1000:04d}"
            if number % 1000 == 0:
                sub.mkdir(exist_ok=True)
            (sub / f"case-{number:07d}.json").write_text(document(number, findings))
        done.write_text("")
    return path


def lines(size: int, findings: bool) -> pathlib.Path:
    path = ROOT / f"lines-{size}{'-findings' * findings}.jsonl"
    if not path.exists():
        ROOT.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".part"), "w") as out:
            for number in range(size):
                out.write(document(number, findings) + "\n")
        os.replace(path.with_suffix(".part"), path)
    return path


def peak(binary: str, target: pathlib.Path, threads: int) -> tuple[float, float]:
    """Peak RSS in MiB and CPU seconds of one run, from GNU time."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", binary, "validate", str(target),
         "--threads", str(threads), "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # 1: the documents have findings.
    if result.returncode not in (0, 1):
        sys.exit(f"{binary} failed on {target} ({result.returncode}): {result.stderr[-500:]}")
    kib, user, system = result.stderr.strip().splitlines()[-1].split()
    return int(kib) / 1024, float(user) + float(system)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default="target/release/casebook")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--compare", help="another build, measured side by side")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--findings", action="store_true",
                        help="three findings in every document")
    parser.add_argument("--inputs", default="folder,lines",
                        help="which corpora: folder, lines (a .jsonl file), or both")
    options = parser.parse_args()
    kinds = {"folder": ("folder", folder), "lines": ("JSON Lines", lines)}
    try:
        inputs = [kinds[name] for name in options.inputs.split(",")]
    except KeyError as unknown:
        sys.exit(f"--inputs: unknown corpus {unknown}; give folder, lines or both")
    sizes = [int(size) for size in options.sizes.split(",")]
    binaries = [options.binary] + ([options.compare] if options.compare else [])
    print("| input | documents | " + " | ".join(
        f"{name}: peak RSS MiB | CPU s | bytes a document since the last size"
        for name in binaries) + " |")
    print("|---|---|" + "---|---|---|" * len(binaries))
    for kind, make in inputs:
        last = {}
        for size in sizes:
            target = make(size, options.findings)
            cells = []
            for binary in binaries:
                rss, cpu = peak(binary, target, options.threads)
                slope = ""
                if binary in last:
                    before_size, before_rss = last[binary]
                    slope = f"{(rss - before_rss) * 1048576 / (size - before_size):.0f}"
                last[binary] = (size, rss)
                cells.append(f"{rss:.1f} | {cpu:.2f} | {slope}")
            print(f"| {kind} | {size:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
