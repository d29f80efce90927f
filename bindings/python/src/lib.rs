//! The native part of the Python package `casebook` (`casebook._casebook`).
//!
//! Every function here parses its arguments and calls the library: reading, checking
//! (through [`casebook::batch::Batch`], with the GIL released), the JSON report
//! ([`casebook::output::JsonFile`]) and the tables ([`casebook::export`]). Values cross
//! into Python as JSON text that the Python side reads with `json.loads`, so that a
//! document and a report have exactly the shape of the library's JSON output. The Python
//! module `casebook` (python/casebook/__init__.py) wraps them in typed objects.

use std::path::PathBuf;

use casebook::batch::{Batch, BatchReport, Input, Layout, WalkOptions};
use casebook::export::{ExportFormat, Exporter};
use casebook::output::JsonReport;
use casebook::{Format, Profile, Validator};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    _casebook,
    CasebookError,
    PyException,
    "An error of casebook: a file that cannot be read, tables that cannot be written."
);
pyo3::create_exception!(
    _casebook,
    ParseError,
    CasebookError,
    "A document that does not read as a case study; `pointer`, `line`, `column` say where."
);

/// The format of a text or a file: the name given, or the file's extension.
fn format_of(name: Option<&str>) -> PyResult<Option<Format>> {
    name.map(|name| {
        Format::from_extension(name).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown format {name:?}: expected \"json\", \"yaml\" or \"toml\""
            ))
        })
    })
    .transpose()
}

/// The validator with the profiles named.
fn validator(profiles: &[String]) -> PyResult<Validator> {
    profiles
        .iter()
        .try_fold(Validator::new(), |validator, name| {
            let profile: Profile = name
                .parse()
                .map_err(|error: casebook::CodeError| PyValueError::new_err(error.to_string()))?;
            Ok(validator.with_profile(profile))
        })
}

/// A library error as a Python exception: a parse error with its place, or an OSError
/// for a file that cannot be read, or a CasebookError.
fn to_python(error: casebook::Error) -> PyErr {
    match error {
        casebook::Error::Parse(parse) => Python::attach(|py| {
            let exception = ParseError::new_err(parse.to_string());
            let value = exception.value(py);
            let set = || -> PyResult<()> {
                value.setattr("pointer", &parse.pointer)?;
                value.setattr("line", parse.line)?;
                value.setattr("column", parse.column)?;
                value.setattr("message", &parse.message)?;
                value.setattr("format", parse.format.to_string())?;
                Ok(())
            };
            match set() {
                Ok(()) => exception,
                Err(error) => error,
            }
        }),
        casebook::Error::ReadFile { path, source } => {
            let message = format!("cannot read {}: {source}", path.display());
            match source.kind() {
                std::io::ErrorKind::NotFound => {
                    pyo3::exceptions::PyFileNotFoundError::new_err(message)
                }
                _ => pyo3::exceptions::PyOSError::new_err(message),
            }
        }
        other => CasebookError::new_err(other.to_string()),
    }
}

/// Reads a document as its JSON text (the library's own JSON writer).
#[pyfunction]
#[pyo3(signature = (text, format=None))]
fn load_text(py: Python<'_>, text: String, format: Option<String>) -> PyResult<String> {
    let format = format_of(format.as_deref())?.unwrap_or(Format::Json);
    let case = py
        .detach(|| casebook::from_str_as(&text, format))
        .map_err(to_python)?;
    casebook::to_json_string(&case).map_err(to_python)
}

/// Reads bytes as a document, as its JSON text: bytes that are not UTF-8 are a
/// `ParseError` with the place of the first that is not.
#[pyfunction]
#[pyo3(signature = (bytes, format=None))]
fn load_bytes(py: Python<'_>, bytes: &[u8], format: Option<String>) -> PyResult<String> {
    let format = format_of(format.as_deref())?.unwrap_or(Format::Json);
    let case = py
        .detach(|| casebook::from_slice(bytes, format))
        .map_err(|error| not_utf8_placed(error, bytes, format))?;
    casebook::to_json_string(&case).map_err(to_python)
}

/// `error` as a Python exception; when it is that `bytes` are not UTF-8, a `ParseError`
/// placed as the validator places it (its `syntax` finding).
fn not_utf8_placed(error: casebook::Error, bytes: &[u8], format: Format) -> PyErr {
    let casebook::Error::NotUtf8 { .. } = error else {
        return to_python(error);
    };
    let report = Validator::new().validate_slice(bytes, format);
    let Some(finding) = report.diagnostics.first() else {
        return to_python(error);
    };
    let parse = casebook::ParseError {
        format,
        pointer: finding.pointer.clone(),
        line: finding.line,
        column: finding.column,
        message: finding.message.clone(),
    };
    to_python(casebook::Error::Parse(parse))
}

/// Reads a file as its JSON text; the format from the extension unless given.
#[pyfunction]
#[pyo3(signature = (path, format=None))]
fn load_path(py: Python<'_>, path: PathBuf, format: Option<String>) -> PyResult<String> {
    let format = format_of(format.as_deref())?;
    let case = py
        .detach(|| match format {
            None => casebook::format::from_path_with_limit(
                &path,
                casebook::batch::DEFAULT_MAX_FILE_SIZE,
            ),
            Some(format) => std::fs::read(&path)
                .map_err(|source| casebook::Error::ReadFile {
                    path: path.clone(),
                    source,
                })
                .and_then(|bytes| casebook::from_slice(&bytes, format)),
        })
        .map_err(|error| {
            // Placed from the file's bytes, read again only for this error.
            if let casebook::Error::NotUtf8 { format, .. } = error
                && let Ok(bytes) = std::fs::read(&path)
            {
                return not_utf8_placed(error, &bytes, format);
            }
            to_python(error)
        })?;
    casebook::to_json_string(&case).map_err(to_python)
}

/// The JSON report of each file, as a JSON array.
fn reports_json(report: &BatchReport) -> PyResult<String> {
    serde_json::to_string(&JsonReport::new(report, false).files())
        .map_err(|error| CasebookError::new_err(error.to_string()))
}

/// Checks one text through the library's pipeline; returns its JSON report.
#[pyfunction]
#[pyo3(signature = (text, format=None, profiles=Vec::new(), name="<text>".to_owned()))]
fn validate_text(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    profiles: Vec<String>,
    name: String,
) -> PyResult<String> {
    check_one(py, format, &profiles, |layout| {
        Input::text(name, text, layout)
    })
}

/// Checks the one document `input` gives, in `format` (JSON when none is named), through
/// the library's pipeline; returns its JSON report.
fn check_one(
    py: Python<'_>,
    format: Option<String>,
    profiles: &[String],
    input: impl FnOnce(Layout) -> Input,
) -> PyResult<String> {
    let format = format_of(format.as_deref())?.unwrap_or(Format::Json);
    let batch = Batch::new(validator(profiles)?);
    let input = input(Layout::Single(format));
    let report = py.detach(|| batch.check(&[input]));
    reports_json(&report)
}

/// Checks the bytes of one document as a file's are checked (bytes that are not UTF-8 are
/// a `syntax` finding); returns its JSON report.
#[pyfunction]
#[pyo3(signature = (bytes, format=None, profiles=Vec::new(), name="<text>".to_owned()))]
fn validate_bytes(
    py: Python<'_>,
    bytes: Vec<u8>,
    format: Option<String>,
    profiles: Vec<String>,
    name: String,
) -> PyResult<String> {
    check_one(py, format, &profiles, |layout| {
        Input::bytes(name, bytes, layout)
    })
}

/// Finds the inputs of paths (files, folders, globs) as the command does, as they are
/// checked.
fn inputs(paths: &[String]) -> PyResult<casebook::batch::InputWalk> {
    casebook::batch::walk_inputs(paths, &WalkOptions::default())
        .map_err(|error| CasebookError::new_err(error.to_string()))
}

fn batch(profiles: &[String], threads: Option<usize>) -> PyResult<Batch> {
    let mut batch = Batch::new(validator(profiles)?);
    if let Some(threads) = threads {
        batch = batch.threads(threads);
    }
    Ok(batch)
}

/// Checks files, folders and globs through the library's batch, with the GIL released;
/// returns the JSON report of every file.
#[pyfunction]
#[pyo3(signature = (paths, profiles=Vec::new(), threads=None))]
fn validate_paths(
    py: Python<'_>,
    paths: Vec<String>,
    profiles: Vec<String>,
    threads: Option<usize>,
) -> PyResult<String> {
    let batch = batch(&profiles, threads)?;
    let inputs = inputs(&paths)?;
    let report = py.detach(|| batch.check(inputs));
    reports_json(&report)
}

/// Writes the tables of the documents of `paths` into `out`; returns the number of
/// documents, the rows of each table, and every file's JSON report.
#[pyfunction]
#[pyo3(signature = (paths, to, out, valid_only=false, profiles=Vec::new(), threads=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn export(
    py: Python<'_>,
    paths: Vec<String>,
    to: String,
    out: PathBuf,
    valid_only: bool,
    profiles: Vec<String>,
    threads: Option<usize>,
) -> PyResult<(u64, Vec<(String, String, u64)>, String)> {
    let format: ExportFormat = to
        .parse()
        .map_err(|error: casebook::export::ExportError| PyValueError::new_err(error.to_string()))?;
    let batch = batch(&profiles, threads)?;
    // No path is no input here: the command's walk of the current folder is for a command
    // line without paths, not for a list that came out empty.
    let inputs = (!paths.is_empty()).then(|| inputs(&paths)).transpose()?;
    let written = py.detach(|| {
        let mut exporter = Exporter::create(&out, format)?;
        let report = match inputs {
            Some(inputs) => batch.export(inputs, &mut exporter, valid_only)?,
            None => batch.export(Vec::<Input>::new(), &mut exporter, valid_only)?,
        };
        Ok::<_, casebook::export::ExportError>((report, exporter.finish()?))
    });
    let (report, summary) = written.map_err(|error| CasebookError::new_err(error.to_string()))?;
    let tables = summary
        .tables
        .iter()
        .map(|(name, path, rows)| ((*name).to_owned(), path.display().to_string(), *rows))
        .collect();
    Ok((summary.documents, tables, reports_json(&report)?))
}

/// The JSON Schema of the format, as JSON text.
#[pyfunction]
fn schema() -> String {
    casebook::schema_json()
}

/// The data dictionary of the tables, in Markdown.
#[pyfunction]
fn data_dictionary() -> String {
    casebook::export::data_dictionary()
}

/// Every table with its columns: `[(table, meaning, [(column, type, meaning)])]`.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn tables() -> Vec<(
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str, &'static str)>,
)> {
    casebook::export::TABLES
        .iter()
        .map(|table| {
            (
                table.name,
                table.meaning.trim(),
                table
                    .columns
                    .iter()
                    .map(|column| (column.name, column.kind.name(), column.meaning))
                    .collect(),
            )
        })
        .collect()
}

/// The native module.
#[pymodule]
fn _casebook(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("CasebookError", py.get_type::<CasebookError>())?;
    module.add("ParseError", py.get_type::<ParseError>())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(load_text, module)?)?;
    module.add_function(wrap_pyfunction!(load_path, module)?)?;
    module.add_function(wrap_pyfunction!(load_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(validate_text, module)?)?;
    module.add_function(wrap_pyfunction!(validate_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(validate_paths, module)?)?;
    module.add_function(wrap_pyfunction!(export, module)?)?;
    module.add_function(wrap_pyfunction!(schema, module)?)?;
    module.add_function(wrap_pyfunction!(data_dictionary, module)?)?;
    module.add_function(wrap_pyfunction!(tables, module)?)?;
    Ok(())
}
