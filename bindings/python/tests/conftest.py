"""Fixtures of the Python package's tests.

`.ci/run` sets CASEBOOK_CORPUS (a folder of generated case studies, from the
test-support crate's `gen-corpus`) and CASEBOOK_BIN (the `casebook` command) before it
runs pytest; the repository's own files are found from this file's place.
"""

import json
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def corpus() -> pathlib.Path:
    folder = os.environ.get("CASEBOOK_CORPUS")
    if not folder:
        pytest.fail("CASEBOOK_CORPUS is not set: .ci/run generates the corpus and sets it")
    return pathlib.Path(folder)


@pytest.fixture(scope="session")
def casebook_bin() -> str:
    binary = os.environ.get("CASEBOOK_BIN")
    if not binary:
        pytest.fail("CASEBOOK_BIN is not set: .ci/run builds the command and sets it")
    return binary


@pytest.fixture(scope="session")
def documents(corpus):
    """The corpus's documents, read with Python's json module (not with casebook), for
    figures counted independently of the library."""
    return [json.loads(path.read_text()) for path in sorted(corpus.glob("*.json")) if not path.name.startswith(".")]
