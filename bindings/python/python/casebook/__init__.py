"""casebook for Python: read, check and export innovation-cooperation case studies.

Everything is done by the Rust library `casebook` (the same code as the `casebook`
command): this module only converts arguments and results.

Paths and texts
---------------
`load` and `validate` take a *source*, which is read as follows, so that no value is
ambiguous:

- an `os.PathLike` (such as `pathlib.Path`) is always a path;
- `bytes` are always a text (UTF-8);
- a `str` is a text when it contains a line feed (`\n`) or starts (after a byte-order
  mark and spaces) with `{`; any other `str` is a path.

A one-line text that is not JSON is read as a path: pass it as `bytes`, or use
`loads`/`validate_text`, which only take texts. A text without `format` is JSON when it
starts (after a byte-order mark and spaces) with `{`, YAML otherwise (TOML texts need
`format="toml"`); a path's format comes from its extension unless `format` is given.
`bytes` are read as a file's are: bytes that are not UTF-8 are a `syntax` finding with
its line and column (`validate`), or a `ParseError` with them (`load`, `loads`).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _casebook
from ._casebook import CasebookError, ParseError

__version__: str = _casebook.__version__

__all__ = [
    "CasebookError",
    "ExportResult",
    "Finding",
    "ParseError",
    "Report",
    "ValidationError",
    "data_dictionary",
    "export",
    "load",
    "loads",
    "read_tables",
    "schema",
    "tables",
    "validate",
    "validate_paths",
    "validate_text",
]

Source = Union[str, bytes, "os.PathLike[str]"]
Paths = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]


class ValidationError(CasebookError):
    """A document with errors, raised by `Report.raise_for_errors`: the first error's
    `code`, `pointer`, `line` and `column`, and every finding in `findings`."""

    def __init__(self, report: "Report") -> None:
        first = report.errors[0] if report.errors else None
        self.report = report
        self.findings = report.findings
        self.code = first.code if first else None
        self.pointer = first.pointer if first else None
        self.line = first.line if first else None
        self.column = first.column if first else None
        what = report.error or (str(first) if first else "not valid")
        super().__init__(f"{report.file}: {what}")


@dataclass(frozen=True)
class Finding:
    """One finding of a check: the fields of the JSON report's `diagnostics`."""

    code: str
    severity: str
    pointer: str
    message: str
    line: Optional[int] = None
    column: Optional[int] = None

    def __str__(self) -> str:
        place = f"{self.line}:{self.column}: " if self.line is not None else ""
        at = f" (at {self.pointer})" if self.pointer else ""
        return f"{place}{self.severity}[{self.code}]: {self.message}{at}"


@dataclass(frozen=True)
class Report:
    """The result for one file or text: the JSON report's `file`, `valid`, `error` (why
    it could not be read) and `diagnostics` (here `findings`)."""

    file: str
    valid: bool
    findings: Tuple[Finding, ...] = ()
    error: Optional[str] = None

    @property
    def errors(self) -> List[Finding]:
        """The findings of severity `error`."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> List[Finding]:
        """The findings of severity `warning`."""
        return [f for f in self.findings if f.severity == "warning"]

    def raise_for_errors(self) -> None:
        """Raises `ValidationError` when the document has an error or could not be read."""
        if not self.valid:
            raise ValidationError(self)

    @classmethod
    def _from_json(cls, entry: Dict[str, Any]) -> "Report":
        findings = tuple(
            Finding(
                code=d["code"],
                severity=d["severity"],
                pointer=d["pointer"],
                message=d["message"],
                line=d.get("line"),
                column=d.get("column"),
            )
            for d in entry.get("diagnostics", [])
        )
        return cls(file=entry["file"], valid=entry["valid"], findings=findings, error=entry.get("error"))


@dataclass(frozen=True)
class ExportResult:
    """What `export` wrote: the documents exported, each table's file and rows, and the
    report of every input."""

    documents: int
    files: Dict[str, Path] = field(default_factory=dict)
    rows: Dict[str, int] = field(default_factory=dict)
    reports: List[Report] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when every input was read and has no error."""
        return all(report.valid for report in self.reports)


def _starts_like_json(text: Union[str, bytes]) -> bool:
    # Python's `strip` takes no byte-order mark for a space.
    if isinstance(text, bytes):
        return text.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")
    return text.lstrip().removeprefix("\ufeff").lstrip().startswith("{")


def _is_text(source: Source) -> bool:
    if isinstance(source, bytes):
        return True
    if isinstance(source, str):
        return "\n" in source or _starts_like_json(source)
    if isinstance(source, os.PathLike):
        return False
    raise TypeError(f"expected a path (str or os.PathLike) or a text (str or bytes), not {type(source).__name__}")


def _text(source: Union[str, bytes]) -> Union[str, bytes]:
    if isinstance(source, (str, bytes)):
        return source
    raise TypeError(f"expected a text (str or bytes), not {type(source).__name__}")


def _profiles(profiles: Sequence[str]) -> List[str]:
    # A lone name is one profile, not a list of its letters.
    if isinstance(profiles, str):
        return [profiles]
    return list(profiles)


def _threads(threads: Optional[int]) -> Optional[int]:
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a whole number of 1 or more, not {threads!r}")
    return threads


def _text_format(text: Union[str, bytes], format: Optional[str]) -> str:
    if format is not None:
        return format
    return "json" if _starts_like_json(text) else "yaml"


def _paths(paths: Paths) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def loads(text: Union[str, bytes], format: Optional[str] = None) -> Dict[str, Any]:
    """Reads a text as a case study and returns it as plain Python data (dicts, lists,
    strings, numbers), as the library writes it in JSON. Raises `ParseError` (with
    `pointer`, `line`, `column`) when it does not read as a case study."""
    text = _text(text)
    if isinstance(text, bytes):
        return json.loads(_casebook.load_bytes(text, _text_format(text, format)))
    return json.loads(_casebook.load_text(text, _text_format(text, format)))


def load(source: Source, format: Optional[str] = None) -> Dict[str, Any]:
    """Reads a case study from a path or a text (see the module's doc for which is which)
    and returns it as plain Python data. Raises `ParseError` (with `pointer`, `line`,
    `column`) when it does not read as a case study, and `OSError` when a file cannot be
    read."""
    if _is_text(source):
        return loads(source, format)  # type: ignore[arg-type]
    return json.loads(_casebook.load_path(os.fspath(source), format))


def validate_text(
    text: Union[str, bytes], format: Optional[str] = None, profiles: Sequence[str] = (), name: str = "<text>"
) -> Report:
    """Checks a text; the report names it `name`."""
    text = _text(text)
    check = _casebook.validate_bytes if isinstance(text, bytes) else _casebook.validate_text
    entries = json.loads(check(text, _text_format(text, format), _profiles(profiles), name))
    return Report._from_json(entries[0])


def validate(source: Source, format: Optional[str] = None, profiles: Sequence[str] = ()) -> Report:
    """Checks one document, from a path or a text (see the module's doc), with the
    programme profiles named (`"iuc"`). Findings are in the report, never raised; call
    `Report.raise_for_errors()` to raise them."""
    if _is_text(source):
        return validate_text(source, format, profiles)  # type: ignore[arg-type]
    path = os.fspath(source)
    if format is not None:
        with open(path, "rb") as file:
            return validate_text(file.read(), format, profiles, name=path)
    if os.path.isdir(path):
        raise IsADirectoryError(f"{path} is a folder: use casebook.validate_paths")
    reports = validate_paths([path], profiles)
    if len(reports) != 1:
        # A pattern, or a name that reads as one: each file would have its own report.
        raise ValueError(f"{path} names {len(reports)} files, and validate checks one: use casebook.validate_paths")
    return reports[0]


def validate_paths(paths: Paths, profiles: Sequence[str] = (), threads: Optional[int] = None) -> List[Report]:
    """Checks files, folders (walked, `.gitignore` respected) and glob patterns through the
    library's batch pipeline, on `threads` threads (one per core by default) with the GIL
    released, including the checks across files (duplicate ids). One report per file,
    sorted by path. An empty list checks nothing (the command, given no path, checks the
    current folder)."""
    threads = _threads(threads)
    if not _paths(paths):
        return []
    return [Report._from_json(entry) for entry in json.loads(_casebook.validate_paths(_paths(paths), _profiles(profiles), threads))]


def export(
    paths: Paths,
    to: str = "parquet",
    out: Union[str, "os.PathLike[str]"] = "tables",
    valid_only: bool = False,
    profiles: Sequence[str] = (),
    threads: Optional[int] = None,
) -> ExportResult:
    """Writes the tables of the documents of `paths` (files, folders, globs) into the
    folder `out`, one file per table, as `csv`, `parquet` or `jsonl`: the same tables as
    `casebook export` (see `data_dictionary()`). Documents that read as case studies are
    exported with or without findings, unless `valid_only`; an empty list exports none
    (every table empty). Raises `CasebookError` when a table cannot be written."""
    threads = _threads(threads)
    if not os.fspath(out):
        raise ValueError("out is empty: name the folder the tables go into")
    documents, tables, reports = _casebook.export(_paths(paths), to, os.fspath(out), valid_only, _profiles(profiles), threads)
    return ExportResult(
        documents=documents,
        files={name: Path(path) for name, path, _ in tables},
        rows={name: rows for name, _, rows in tables},
        reports=[Report._from_json(entry) for entry in json.loads(reports)],
    )


def read_tables(
    paths: Paths, to: str = "pyarrow", valid_only: bool = False, profiles: Sequence[str] = ()
) -> Dict[str, Any]:
    """The tables of the documents of `paths`, in memory: `{name: pyarrow.Table}`, or
    `{name: pandas.DataFrame}` with `to="pandas"`. Needs pyarrow (and pandas for
    `"pandas"`); the tables go through Parquet files in a temporary folder. Raises
    `CasebookError` when an input cannot be read (a path that does not exist, say), which
    `export` only notes in its reports. A document that is read but does not read as a case
    study (bad syntax, a missing key) is left out of the tables, as `casebook export` leaves
    it out: call `export` to see its findings in `ExportResult.reports`."""
    if to not in ("pyarrow", "pandas"):
        raise ValueError(f'unknown table kind {to!r}: expected "pyarrow" or "pandas"')
    try:
        import pyarrow.parquet as pq
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("casebook.read_tables needs pyarrow: pip install pyarrow") from error
    with tempfile.TemporaryDirectory(prefix="casebook-tables-") as folder:
        result = export(paths, "parquet", folder, valid_only=valid_only, profiles=profiles)
        unread = [report for report in result.reports if report.error is not None]
        if unread:
            # Tables without an input's rows, with no word of it, would read as complete.
            more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
            raise CasebookError(f"{unread[0].file}: {unread[0].error}{more}")
        tables = {name: pq.read_table(path) for name, path in result.files.items()}
    if to == "pandas":
        return {name: table.to_pandas() for name, table in tables.items()}
    return tables


def schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format."""
    return json.loads(_casebook.schema())


def data_dictionary() -> str:
    """The data dictionary of the tables, in Markdown (docs/tables.md)."""
    return _casebook.data_dictionary()


def tables() -> Dict[str, List[Tuple[str, str, str]]]:
    """Every table's columns as `(name, type, meaning)`, by table name."""
    return {name: columns for name, _, columns in _casebook.tables()}
