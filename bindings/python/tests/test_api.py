"""The Python API: load, validate, validate_paths, schema, errors, stubs."""

import json
import pathlib
import subprocess

import pytest

import casebook


def test_the_package_is_typed():
    assert casebook.__version__
    package = pathlib.Path(casebook.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_casebook.pyi").exists()


def test_load_a_path_and_a_text_give_the_same_data(repo):
    path = repo / "examples/data/cantabria-chihuahua.json"
    from_path = casebook.load(path)
    from_str_path = casebook.load(str(path))
    from_text = casebook.load(path.read_text())
    from_yaml = casebook.load(repo / "examples/data/cantabria-chihuahua.yaml")
    assert from_path == from_str_path == from_text == from_yaml
    assert from_path["id"] == json.loads(path.read_text())["id"]
    assert isinstance(from_path["regions"], list)


def test_text_or_path_rule():
    assert casebook._is_text("{}")
    assert casebook._is_text("id: x\ntitle: y")
    assert casebook._is_text(b"id: x")
    assert not casebook._is_text("examples/data/x.json")
    assert not casebook._is_text(pathlib.Path("{weird}.json"))
    with pytest.raises(TypeError):
        casebook._is_text(42)


def test_parse_error_has_pointer_line_and_column():
    text = '{\n  "schema_version": "1.0",\n  "id": 3\n}'
    with pytest.raises(casebook.ParseError) as caught:
        casebook.load(text)
    error = caught.value
    assert isinstance(error, casebook.CasebookError)
    assert error.pointer == "/id"
    assert error.line == 3
    assert error.column is not None and error.column > 1
    assert error.format == "json"


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        casebook.load(tmp_path / "missing.json")


def test_validate_matches_the_json_report_of_the_command(repo, casebook_bin):
    path = repo / "tests/fixtures/invalid/date-order.yaml"
    report = casebook.validate(path)
    assert not report.valid
    assert report.errors
    command = subprocess.run(
        [casebook_bin, "validate", "--format", "json", str(path)], capture_output=True, text=True
    )
    expected = json.loads(command.stdout)["files"][0]["diagnostics"]
    assert [
        {"code": f.code, "severity": f.severity, "pointer": f.pointer, "message": f.message, "line": f.line, "column": f.column}
        for f in report.findings
    ] == [{key: d.get(key) for key in ("code", "severity", "pointer", "message", "line", "column")} for d in expected]
    with pytest.raises(casebook.ValidationError) as caught:
        report.raise_for_errors()
    assert caught.value.pointer == report.errors[0].pointer
    assert caught.value.line == report.errors[0].line


def test_validate_a_text_and_profiles(repo):
    text = (repo / "examples/data/cantabria-chihuahua.yaml").read_text()
    assert casebook.validate(text).valid
    assert casebook.validate(text, format="yaml", profiles=["iuc"]).file == "<text>"
    with pytest.raises(ValueError):
        casebook.validate(text, profiles=["no-such-profile"])
    with pytest.raises(ValueError):
        casebook.validate(text, format="xml")


def test_validate_paths_checks_across_files(repo):
    reports = casebook.validate_paths([repo / "examples/data"], threads=2)
    files = [p for p in (repo / "examples/data").iterdir() if p.suffix in (".json", ".yaml", ".toml")]
    assert len(reports) == len(files) >= 3
    # Each example in three formats: each copy is a duplicate of the others.
    assert all(not report.valid for report in reports)
    assert all(any(f.code == "duplicate-case-study-id" for f in r.errors) for r in reports)
    single = casebook.validate_paths(repo / "examples/data/cantabria-chihuahua.json")
    assert len(single) == 1 and single[0].valid


def test_validate_paths_reports_unreadable_paths(tmp_path):
    reports = casebook.validate_paths([tmp_path / "missing.json"])
    assert len(reports) == 1
    assert not reports[0].valid
    assert reports[0].error


def test_schema_is_the_commands(repo, casebook_bin):
    command = subprocess.run([casebook_bin, "schema"], capture_output=True, text=True, check=True)
    assert casebook.schema() == json.loads(command.stdout)


def test_tables_match_the_data_dictionary(repo):
    dictionary = casebook.data_dictionary()
    assert dictionary == (repo / "docs/tables.md").read_text()
    for name, columns in casebook.tables().items():
        assert f"## `{name}`" in dictionary
        assert columns[0][0] == "case_study_id"


def test_bad_arguments_are_python_errors_that_say_what():
    # What a stranger tried: none of these may surface as an AttributeError or an
    # OverflowError from deep inside.
    for wrong in (42, None):
        with pytest.raises(TypeError):
            casebook.loads(wrong)
    for threads in (0, -1, True):
        with pytest.raises(ValueError, match="threads"):
            casebook.validate_paths([], threads=threads)
    with pytest.raises(ValueError, match="out is empty"):
        casebook.export([], to="csv", out="")


def _findings(report):
    return [(f.code, f.pointer, f.line, f.column, f.message) for f in report.findings]


def test_bytes_that_are_not_utf8_are_a_finding_with_its_place(tmp_path):
    # What a stranger found: they raised a ValueError without a place, though a file of
    # the same bytes is a `syntax` finding at its line and column.
    data = b'{\n  "title": "Caf\xe9"\n}'
    path = tmp_path / "latin1.json"
    path.write_bytes(data)
    from_file = casebook.validate(path)
    for report in (casebook.validate(data), casebook.validate_text(data), casebook.validate(path, format="json")):
        assert not report.valid
        assert _findings(report) == _findings(from_file)
    (finding,) = from_file.findings
    assert (finding.code, finding.line, finding.column) == ("syntax", 2, 16)
    for load in (lambda: casebook.loads(data), lambda: casebook.load(path), lambda: casebook.load(path, format="json")):
        with pytest.raises(casebook.ParseError) as caught:
            load()
        assert (caught.value.line, caught.value.column) == (2, 16)


def test_a_byte_order_mark_does_not_change_how_a_text_is_read(repo, tmp_path):
    # What a stranger found: a JSON text after a byte-order mark was read as YAML.
    text = (repo / "tests/fixtures/invalid/unknown-reference.json").read_text()
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    from_file = casebook.validate(path)
    assert from_file.findings
    assert _findings(casebook.validate("\ufeff" + text)) == _findings(from_file)
    assert _findings(casebook.validate(b"\xef\xbb\xbf" + text.encode())) == _findings(from_file)
    # On one line it is still a text, not a path.
    one_line = casebook.validate("\ufeff" + json.dumps(json.loads(text)))
    assert [(f.code, f.pointer) for f in one_line.findings] == [(f.code, f.pointer) for f in from_file.findings]


def test_validate_checks_one_file_and_says_so_of_a_pattern(tmp_path, repo):
    # What a stranger found: a pattern gave the first file's report alone.
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text((repo / "tests/fixtures/valid/minimal.json").read_text())
    for pattern in (str(tmp_path / "*.json"), tmp_path / "*.json"):
        with pytest.raises(ValueError, match="names 2 files"):
            casebook.validate(pattern)
    assert casebook.validate(tmp_path / "a.json").valid


def test_an_empty_list_of_paths_checks_nothing(tmp_path, monkeypatch, repo):
    # The command checks the current folder when given no path; a list that came out
    # empty is no input.
    (tmp_path / "case.json").write_text((repo / "tests/fixtures/valid/minimal.json").read_text())
    monkeypatch.chdir(tmp_path)
    assert casebook.validate_paths([]) == []
    result = casebook.export([], to="csv", out=tmp_path / "tables")
    assert result.documents == 0 and result.reports == []
    assert all(rows == 0 for rows in result.rows.values())


def test_read_tables_says_which_input_could_not_be_read(tmp_path):
    pytest.importorskip("pyarrow")
    with pytest.raises(casebook.CasebookError, match="missing"):
        casebook.read_tables([tmp_path / "missing"])


def test_a_profile_named_alone_is_one_profile(repo):
    path = repo / "tests/fixtures/invalid/iuc-partners.yaml"
    alone = casebook.validate(path, profiles="iuc")
    assert _findings(alone) == _findings(casebook.validate(path, profiles=["iuc"]))
    assert any(f.code == "iuc-partners" for f in alone.findings)
