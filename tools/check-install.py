#!/usr/bin/env python3
"""Checks the routes that install the `casebook` command without compiling it:

1. the wheel (maturin, `bindings = "bin"`) installed with pip into a fresh virtual
   environment, run with a PATH on which neither cargo nor rustc can be found;
2. the composite GitHub Action (`action.yml`), its steps run the way GitHub runs them
   (inputs filled in from `${{ inputs.X }}` and their defaults, `$GITHUB_PATH` carried over
   to later steps), in a test repository that also holds package.json, Cargo.toml and
   .github/*.yml; pip reads the local wheel instead of PyPI, the only difference;
3. the release archive that `cargo binstall` looks for: the templates of
   `[package.metadata.binstall]` expanded for this target must name the archive that
   tools/release-archive.sh made, and the binary inside it must run.

    python3 tools/check-install.py WHEEL_DIR ARCHIVE TARGET
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib

import yaml

from fixtures import ROOT

failures = []
passed = []


def expect(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    (passed if condition else failures).append(message)


def crate_version():
    return tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]


def bare_path(*folders):
    """A PATH of the given folders, Python's own and the system's, with no Rust toolchain."""
    path = os.pathsep.join([*map(str, folders), os.path.dirname(sys.executable), "/usr/bin", "/bin"])
    expect(shutil.which("cargo", path=path) is None and shutil.which("rustc", path=path) is None,
           "neither cargo nor rustc is on the PATH the installed command runs with")
    return path


def run(arguments, **options):
    return subprocess.run(arguments, capture_output=True, text=True, **options)


def check_wheel(wheels, scratch):
    venv = scratch / "venv"
    run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheel = sorted(wheels.glob("casebook_cli-*.whl"))
    expect(len(wheel) == 1, f"one casebook-cli wheel in {wheels}")
    installed = run([str(venv / "bin" / "pip"), "install", "--no-index", "--disable-pip-version-check", str(wheel[-1])])
    expect(installed.returncode == 0, f"pip installs the wheel: {installed.stderr.strip()[-300:]}")
    env = {"PATH": bare_path(venv / "bin"), "HOME": str(scratch)}
    version = run(["casebook", "--version"], env=env)
    expect(version.returncode == 0 and crate_version() in version.stdout,
           f"the installed casebook runs and says its version ({version.stdout.strip()})")
    example = ROOT / "examples" / "data" / "cantabria-chihuahua.yaml"
    valid = run(["casebook", "validate", str(example)], env=env)
    expect(valid.returncode == 0, "the installed casebook finds the bundled example valid")
    broken = run(["casebook", "validate", str(ROOT / "tests/fixtures/invalid/unknown-reference.json")], env=env)
    expect(broken.returncode == 1 and "unknown-reference" in broken.stdout,
           "the installed casebook reports a broken file with exit 1")


def test_repository(scratch):
    repo = scratch / "repository"
    (repo / "data").mkdir(parents=True)
    (repo / ".github").mkdir()
    (repo / "package.json").write_text('{"name": "site", "version": "1.0.0", "private": true}\n')
    (repo / "Cargo.toml").write_text('[package]\nname = "site"\nversion = "0.1.0"\n')
    (repo / ".github" / "dependabot.yml").write_text("version: 2\nupdates: []\n")
    shutil.copy(ROOT / "examples/data/cantabria-chihuahua.json", repo / "data" / "cantabria-chihuahua.json")
    shutil.copy(ROOT / "tests/fixtures/invalid/unknown-reference.json", repo / "data" / "unknown-reference.json")
    return repo


def run_action(inputs, repo, wheels, scratch):
    """Runs the steps of action.yml as GitHub does; returns the last step's result."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)

    def fill(text):
        def one(match):
            name = match.group(1)
            if name not in values:
                failures.append(f"action.yml names an input it does not declare: {name}")
            return values.get(name, "")
        return re.sub(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}", one, text)

    runner_temp = pathlib.Path(tempfile.mkdtemp(dir=scratch))
    github_path = runner_temp / "github-path"
    github_path.write_text("")
    added = []
    result = None
    for step in action["runs"]["steps"]:
        env = {
            "PATH": bare_path(*added),
            "HOME": str(scratch),
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_PATH": str(github_path),
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(wheels),
        }
        env.update({key: fill(str(value)) for key, value in step.get("env", {}).items()})
        folder = repo / fill(step.get("working-directory", "."))
        result = run(["bash", "-e", "-c", step["run"]], cwd=folder, env=env)
        if result.returncode not in (0, 1) or (result.returncode == 1 and step is not action["runs"]["steps"][-1]):
            failures.append(f"action step '{step['name']}' failed: {result.stderr.strip()[-500:]}")
            return result
        added = [line for line in github_path.read_text().splitlines() if line] + added
    return result


def check_action(wheels, scratch):
    text = (ROOT / "action.yml").read_text()
    action = yaml.safe_load(text)
    expect(action["inputs"]["version"]["default"] == crate_version(),
           "the action's default version is the crate's version")
    spliced = [s["name"] for s in action["runs"]["steps"] if "${{" in s["run"]]
    expect(not spliced, f"inputs reach the action's scripts only through env (spliced in: {spliced})")

    repo = test_repository(scratch)
    whole = run_action({}, repo, wheels, scratch)
    expect(whole.returncode == 1, f"the action on the whole repository exits 1 (got {whole.returncode})")
    expect("::error file=data/unknown-reference.json,line=" in whole.stdout,
           "the action annotates the broken file with its line")
    expect("package.json" not in whole.stdout and "Cargo.toml" not in whole.stdout and "dependabot" not in whole.stdout,
           "the action skips package.json, Cargo.toml and .github/*.yml")
    named = run_action(
        {"paths": "data/cantabria-chihuahua.json", "profile": "iuc", "args": "--deny-warnings"},
        repo, wheels, scratch,
    )
    expect(named.returncode == 0, f"the action with paths, profile and args on the example exits 0 ({named.stdout.strip()[-300:]})")


def check_binstall(archive, target, scratch):
    cli = tomllib.loads((ROOT / "cli" / "Cargo.toml").read_text())
    meta = cli["package"]["metadata"]["binstall"]
    values = {
        "repo": tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["repository"],
        "name": cli["package"]["name"],
        "version": crate_version(),
        "target": target,
        "archive-suffix": ".tar.gz",
        "bin": "casebook",
        "binary-ext": "",
    }

    def expand(template):
        return re.sub(r"\{\s*([a-z-]+)\s*\}", lambda m: values[m.group(1)], template)

    url = expand(meta["pkg-url"])
    expect(url.rsplit("/", 1)[-1] == archive.name, f"binstall's pkg-url names the archive ({url})")
    expect(meta["pkg-fmt"] == "tgz", "binstall reads the archive as tgz")
    with tarfile.open(archive) as tar:
        tar.extractall(scratch / "binstall", filter="data")
    binary = scratch / "binstall" / expand(meta["bin-dir"])
    expect(binary.is_file(), f"binstall's bin-dir is in the archive ({expand(meta['bin-dir'])})")
    if binary.is_file():
        ran = run([str(binary), "validate", str(ROOT / "examples/data/cantabria-chihuahua.toml")],
                  env={"PATH": bare_path()})
        expect(ran.returncode == 0, "the archived binary runs and finds the example valid")


def main():
    wheels, archive, target = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        check_wheel(wheels, scratch)
        check_action(wheels, scratch)
        check_binstall(archive, target, scratch)
    print(f"install routes: {len(passed)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
