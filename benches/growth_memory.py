#!/usr/bin/env python3
"""Peak memory of `casebook validate` on one document of 10^3 to 10^6 topics, each
referenced from `pairing.focus`: valid, broken once, and broken at every reference.
Memory should grow with the document's size (its text and model), not faster, and the
report should stay small however many references are broken.

    python3 benches/growth_memory.py target/release/casebook
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/casebook"
base = json.loads(pathlib.Path("tests/fixtures/valid/minimal.json").read_text())


def document(n, broken):
    doc = dict(base)
    doc["topics"] = [{"id": f"topic-{i}", "label": f"Topic {i}"} for i in range(n)]
    focus = [f"topic-{i}" for i in range(n)]
    if broken == "once":
        focus[n // 2] = "no-such-topic"
    elif broken == "everywhere":
        focus = [f"topik-{i}" for i in range(n)]
    doc["pairing"] = dict(doc["pairing"], focus=focus)
    return json.dumps(doc)


print(f"{'items':>9} {'case':>11} {'MB in':>7} {'seconds':>8} {'peak RSS MiB':>13} {'findings':>9}")
with tempfile.TemporaryDirectory() as folder:
    for n in [1_000, 10_000, 100_000, 1_000_000]:
        for broken in ["valid", "once", "everywhere"]:
            path = pathlib.Path(folder) / "doc.json"
            text = document(n, broken)
            path.write_text(text)
            run = subprocess.run(
                ["/usr/bin/time", "-v", binary, "validate", "--format", "json",
                 "--max-file-size", "1GiB", str(path)],
                capture_output=True, text=True,
            )
            rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
            wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", run.stderr).group(1)
            minutes, seconds = wall.split(":")[-2:]
            seconds = float(minutes) * 60 + float(seconds)
            findings = len(json.loads(run.stdout)["files"][0]["diagnostics"])
            print(f"{n:>9} {broken:>11} {len(text) / 1e6:>7.1f} {seconds:>8.2f} {rss / 1024:>13.1f} {findings:>9}")
