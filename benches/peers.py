#!/usr/bin/env python3
"""casebook against other JSON Schema validators, measured side by side in one run.

    python3 benches/peers.py [--count 10000] [--runs 5] [--slow-runs 1]
                             [--casebook target/release/casebook] [--skip-install]
                             [--leave-out check-jsonschema]

Generates three corpora with the workspace's generator (`gen-corpus`): N valid case
studies as N files, the same documents with three errors each (an unknown country code, a
missing required key, an unknown key), and the valid documents as one JSON Lines file.
Installs the peers, pinned, into `target/peers/` (the Cargo target folder, or
`$CARGO_TARGET_DIR`): jsonschema-cli and boon from crates.io (`cargo install --locked
-j 1`), ajv-cli from npm (`npm ci` with `benches/peers/package-lock.json`), and
check-jsonschema from PyPI (a venv, `benches/peers/requirements.txt`); and builds the parse
floor (`benches/peers/parse-floor`: every file parsed with serde_json into `IgnoredAny`).

Each tool is given casebook's committed schema (`schema/case-study.schema.json`) and the
same files, as a CI user would run it: one process for the whole folder when the tool
takes a folder or a glob; otherwise every file as an argument, through `xargs` in as few
processes as it needs, the CPU time summed over them. Every tool is run once first, to
check what it reports (and to warm the page cache), then `--runs` times, round by round,
each timed run after a read of its corpus that is not timed (a machine that pages out
cold files, as DAMON's reclaim does on the virtual machines these figures come from, would
otherwise charge some runs for reading from disk);
check-jsonschema, slow, `--slow-runs` times in all, its checking run the first of them (the
tools before it warmed the page cache). Each run's CPU time (user + sys), wall time and
peak resident set size come from GNU time (`/usr/bin/time`, Debian's package `time`) and
`wait4` on it, the tool's waited-for children included. The table gives medians and the
ratio of each tool's CPU time to casebook's (`--threads 1`) on the same corpus. Nothing here is a test: a surprising figure is printed,
never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "benches" / "peers"
SCHEMA = ROOT / "schema" / "case-study.schema.json"
CRATES = {"jsonschema-cli": "0.60.2", "boon-cli": "0.6.2"}
# An argument list of at most this many bytes per process: well under Linux's 2 MiB.
XARGS_BYTES = 1_000_000


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()


def say(message: str) -> None:
    print(f"peers: {message}", file=sys.stderr, flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    say("$ " + " ".join(str(part) for part in command))
    # The tools' own output goes to standard error too: standard output is the table.
    return subprocess.run(command, check=True, stdout=sys.stderr, **kwargs)


def output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        return f"({error.strerror})"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


# --- installing -----------------------------------------------------------------------


def install(peers: Path) -> None:
    """Installs every peer, pinned, into `peers`."""
    for crate, version in CRATES.items():
        run(
            ["cargo", "install", "--locked", "-j", "1", "--root", str(peers),
             "--target-dir", str(peers / "build"), crate, "--version", version]
        )
    npm = peers / "npm"
    npm.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PEERS / name, npm / name)
    run(["npm", "ci", "--prefix", str(npm), "--no-audit", "--no-fund"])
    venv = peers / "venv"
    if not (venv / "bin" / "python").exists():
        run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv / "bin" / "pip"), "install", "--quiet", "-r", str(PEERS / "requirements.txt")])


def build_parse_floor(peers: Path) -> Path:
    run(
        ["cargo", "build", "--release", "--locked", "--manifest-path",
         str(PEERS / "parse-floor" / "Cargo.toml"), "--target-dir", str(peers / "build")]
    )
    return peers / "build" / "release" / "parse-floor"


# --- the corpora ----------------------------------------------------------------------


def plant_three_errors(document: dict) -> dict:
    """The same document with an unknown country code, a missing required key (`title`)
    and an unknown key (`pairing.colour`)."""
    document["regions"][0]["country"] = "XQ"
    del document["title"]
    document["pairing"]["colour"] = "blue"
    return document


def corpora(peers: Path, count: int) -> Path:
    """Generates (once per count) the valid, invalid and JSON Lines corpora."""
    base = peers / f"corpus-{count}"
    stamp = base / ".complete"
    if stamp.exists():
        return base
    if base.exists():
        shutil.rmtree(base)
    gen = ["cargo", "run", "--release", "--quiet", "-p", "casebook-test-support",
           "--bin", "gen-corpus", "--", "--count", str(count)]
    run(gen + ["--out", str(base / "valid")], cwd=ROOT)
    run(gen + ["--out", str(base / "jsonl"), "--jsonl"], cwd=ROOT)
    invalid = base / "invalid"
    invalid.mkdir()
    for path in documents(base / "valid"):
        document = plant_three_errors(json.loads(path.read_text(encoding="utf-8")))
        (invalid / path.name).write_text(
            json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    stamp.write_text("")
    return base


def documents(folder: Path) -> list[Path]:
    """The folder's `.json` files, sorted; not the hidden `.planted.json`."""
    return sorted(path for path in folder.glob("*.json") if not path.name.startswith("."))


def file_list(folder: Path) -> Path:
    """The folder's documents, NUL-separated, for `xargs -0`."""
    listing = folder.with_name(folder.name + ".list")
    files = [str(path) for path in documents(folder)]
    listing.write_bytes(b"".join(name.encode() + b"\0" for name in files))
    return listing


# --- the tools ------------------------------------------------------------------------


@dataclass
class Corpus:
    name: str
    path: Path  # a folder, or a JSON Lines file
    files: int
    megabytes: float
    invalid: bool
    listing: Path | None = None


@dataclass
class Tool:
    name: str
    command: Callable[[Corpus], list[str]]
    xargs: bool = False  # files as arguments, through xargs
    slow: bool = False
    folder_only: bool = True  # cannot read JSON Lines
    checks: bool = True  # a validator: flags invalid documents
    # The files a run's output reports invalid, from its standard output and error.
    flagged: Callable[[str], set[str]] = field(default=lambda text: set())


def lines_matching(pattern: str) -> Callable[[str], set[str]]:
    regex = re.compile(pattern, re.MULTILINE)
    return lambda text: {match.group(1) for match in regex.finditer(text)}


def tools(casebook: Path, floor: Path, peers: Path) -> list[Tool]:
    schema = str(SCHEMA)
    bin_ = peers / "bin"
    ajv = peers / "npm" / "node_modules" / ".bin" / "ajv"
    check = peers / "venv" / "bin" / "check-jsonschema"
    casebook_flagged = lines_matching(r"^(.+?\.json):\d+:\d+: error")
    return [
        Tool("casebook --threads 1", lambda c: [str(casebook), "validate", str(c.path), "--threads", "1"],
             folder_only=False, flagged=casebook_flagged),
        Tool("casebook --threads 2", lambda c: [str(casebook), "validate", str(c.path), "--threads", "2"],
             folder_only=False, flagged=casebook_flagged),
        Tool("parse floor (serde_json IgnoredAny)", lambda c: [str(floor), str(c.path)],
             folder_only=False, checks=False),
        Tool(f"jsonschema-cli {CRATES['jsonschema-cli']}",
             lambda c: [str(bin_ / "jsonschema-cli"), "validate", schema, "-i"], xargs=True,
             flagged=lines_matching(r"^(.+?\.json) - INVALID")),
        Tool(f"boon {CRATES['boon-cli']}", lambda c: [str(bin_ / "boon"), "--draft", "2020", schema],
             xargs=True, flagged=lines_matching(r"^instance (.+?\.json): failed")),
        Tool("ajv-cli 5.0.0 (ajv 8.20.0)",
             lambda c: [str(ajv), "validate", "--spec=draft2020", "--all-errors", "--errors=text",
                        "-s", schema, "-d", f"{c.path}/*.json"],
             flagged=lines_matching(r"^(.+?\.json) invalid")),
        Tool("check-jsonschema 0.39.0", lambda c: [str(check), "--schemafile", schema],
             xargs=True, slow=True, flagged=lines_matching(r"^  (.+?\.json)::")),
    ]


# --- measuring ------------------------------------------------------------------------


@dataclass
class Measure:
    cpu: float
    wall: float
    rss_mib: float
    status: int


def warm(corpus: Corpus) -> None:
    """Reads every file of `corpus`, so that the run after it finds them in the page cache."""
    paths = [corpus.path] if corpus.path.is_file() else sorted(corpus.path.rglob("*"))
    for path in paths:
        if path.is_file():
            with path.open("rb") as file:
                while file.read(1 << 20):
                    pass


def measure(command: list[str], stdin: Path | None, log: Path) -> Measure:
    """Runs `command` once under GNU time, which gives the peak RSS of the tool's processes:
    one started from this driver would start from the driver's own peak (Linux keeps a
    process's peak RSS across `exec`). The CPU time, from `wait4` on time, includes every
    waited-for process below it (time's own is about a millisecond)."""
    rss_file = log.with_suffix(".rss")
    timed = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), "--"] + command
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        source = open(stdin, "rb") if stdin else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            process = subprocess.Popen(timed, stdin=source, stdout=out, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin:
                source.close()
    # The last line: time writes "Command exited with non-zero status N" before it.
    peak_kib = int(rss_file.read_text().split()[-1])
    return Measure(usage.ru_utime + usage.ru_stime, wall, peak_kib / 1024, process.returncode)


def full_command(tool: Tool, corpus: Corpus, count_processes: Path | None = None) -> list[str]:
    command = tool.command(corpus)
    if not tool.xargs:
        return command
    xargs = ["xargs", "-0", "-s", str(XARGS_BYTES)]
    if count_processes:
        # Counts the processes xargs starts: one line each, then the tool itself.
        return xargs + ["sh", "-c", f'echo >> "{count_processes}"; exec "$@"', "sh"] + command
    return xargs + command


@dataclass
class Row:
    corpus: Corpus
    tool: Tool
    measures: list[Measure] = field(default_factory=list)
    processes: int = 1
    flagged: int | None = None
    notes: list[str] = field(default_factory=list)


def check(row: Row, first: Measure, logs: Path, key: str) -> None:
    """What the tool reported on its first run, against what it should report."""
    corpus, tool = row.corpus, row.tool
    text = logs.joinpath(key + ".out").read_text(errors="replace")
    text += logs.joinpath(key + ".err").read_text(errors="replace")
    if corpus.path.is_dir():
        row.flagged = len(tool.flagged(text)) if tool.checks else None
    expect_failure = corpus.invalid and tool.checks
    if expect_failure and first.status == 0:
        row.notes.append("exit 0 on invalid documents")
    if not expect_failure and first.status != 0:
        row.notes.append(f"exit {first.status}")
    if tool.checks and row.flagged is not None:
        expected = corpus.files if corpus.invalid else 0
        if row.flagged != expected:
            row.notes.append(f"{row.flagged} of {corpus.files} files reported invalid (expected {expected})")
    if row.notes:
        sample = next((line for line in text.splitlines() if line.strip()), "")
        row.notes.append(f"first line: {sample[:120]!r}; log {logs / key}.out/.err")


def machine() -> list[str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return [
        f"machine: {cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.release()}, "
        f"load average before the run {load}",
        f"{output(['rustc', '--version'])}; node {output(['node', '--version'])}; "
        f"Python {platform.python_version()}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000, help="documents per corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each tool")
    parser.add_argument("--slow-runs", type=int, default=1,
                        help="timed runs of the slow tools (check-jsonschema)")
    parser.add_argument("--casebook", type=Path, default=None,
                        help="the casebook binary (default: target/release/casebook, built if missing)")
    parser.add_argument("--skip-install", action="store_true",
                        help="use the peers already in target/peers")
    parser.add_argument("--leave-out", action="append", default=[], metavar="TOOL",
                        help="leave out the tools whose name starts with TOOL (repeatable), "
                             "e.g. check-jsonschema, which takes minutes")
    args = parser.parse_args()
    if args.count < 1 or args.runs < 1 or args.slow_runs < 1:
        parser.error("--count, --runs and --slow-runs are at least 1")

    if not Path("/usr/bin/time").exists():
        parser.error("GNU time is missing: apt-get install time")
    target = target_dir()
    peers = target / "peers"
    peers.mkdir(parents=True, exist_ok=True)
    casebook = args.casebook or target / "release" / "casebook"
    if args.casebook is None and not casebook.exists():
        run(["cargo", "build", "--release", "-p", "casebook-cli"], cwd=ROOT)
    if not casebook.exists():
        parser.error(f"no casebook binary at {casebook}")
    if not args.skip_install:
        install(peers)
    floor = build_parse_floor(peers)
    base = corpora(peers, args.count)

    def size(path: Path) -> float:
        files = [path] if path.is_file() else documents(path)
        return sum(file.stat().st_size for file in files) / 1e6

    corpus_list = [
        Corpus("valid", base / "valid", args.count, size(base / "valid"), False,
               file_list(base / "valid")),
        Corpus("invalid (3 errors each)", base / "invalid", args.count, size(base / "invalid"), True,
               file_list(base / "invalid")),
        Corpus("valid, one JSON Lines file", base / "jsonl" / "corpus.jsonl", args.count,
               size(base / "jsonl" / "corpus.jsonl"), False),
    ]
    logs = peers / "logs"
    logs.mkdir(exist_ok=True)
    available = []
    for tool in tools(casebook.resolve(), floor, peers):
        if any(tool.name.startswith(prefix) for prefix in args.leave_out):
            say(f"{tool.name}: left out (--leave-out)")
        elif Path(tool.command(corpus_list[0])[0]).exists():
            available.append(tool)
        else:
            say(f"{tool.name}: not installed, left out (run without --skip-install)")
    rows = [Row(corpus, tool) for corpus in corpus_list for tool in available
            if corpus.listing is not None or not tool.folder_only]

    header = machine()
    say("checking what each tool reports (and warming the page cache)")
    for number, row in enumerate(rows):
        key = f"{number:02d}"
        counter = logs / (key + ".processes")
        counter.unlink(missing_ok=True)
        command = full_command(row.tool, row.corpus, counter)
        first = measure(command, row.corpus.listing if row.tool.xargs else None, logs / key)
        if row.tool.xargs:
            row.processes = len(counter.read_text().splitlines())
        check(row, first, logs, key)
        if row.tool.slow:
            # The page cache is warm from the tools before: this run counts as a timed one.
            row.measures.append(first)
        say(f"{row.corpus.name} / {row.tool.name}: exit {first.status}, {first.cpu:.2f} s CPU"
            + (f"; {'; '.join(row.notes)}" if row.notes else ""))

    for round_ in range(args.runs):
        for number, row in enumerate(rows):
            if row.tool.slow and len(row.measures) >= args.slow_runs:
                continue
            key = f"{number:02d}-run"
            command = full_command(row.tool, row.corpus)
            warm(row.corpus)
            row.measures.append(measure(command, row.corpus.listing if row.tool.xargs else None,
                                        logs / key))
        say(f"round {round_ + 1} of {args.runs} done")

    print()
    for line in header:
        print(line + "  ")
    print(f"load average after the run {' '.join(Path('/proc/loadavg').read_text().split()[:3])}  ")
    print(f"command: python3 benches/peers.py --count {args.count} --runs {args.runs} "
          f"--slow-runs {args.slow_runs}; medians of the timed runs")
    print()
    print("| corpus | tool | runs | processes | CPU s | wall s | peak RSS MiB | CPU ÷ casebook | "
          "files reported invalid | warning |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for corpus in corpus_list:
        own = [row for row in rows if row.corpus is corpus]
        reference = statistics.median(m.cpu for m in own[0].measures)
        label = f"{corpus.name}: {corpus.files} documents, {corpus.megabytes:.0f} MB"
        for row in own:
            cpu = statistics.median(m.cpu for m in row.measures)
            wall = statistics.median(m.wall for m in row.measures)
            rss = statistics.median(m.rss_mib for m in row.measures)
            flagged = "" if row.flagged is None else str(row.flagged)
            print(f"| {label} | {row.tool.name} | {len(row.measures)} | {row.processes} | {cpu:.2f} | "
                  f"{wall:.2f} | {rss:.1f} | {cpu / reference:.2f} | {flagged} | "
                  f"{'; '.join(row.notes)} |")
            label = ""
    return 0


if __name__ == "__main__":
    sys.exit(main())
