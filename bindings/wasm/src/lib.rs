//! casebook for WebAssembly: the functions of the npm package `casebook`.
//!
//! Each function is a thin call into the library: [`validate`] runs the batch pipeline
//! ([`casebook::batch::Batch`]) on one text and writes its report with the library's JSON
//! writer, so it gives the same bytes as `casebook validate --format json` for one file.
//! Structured results cross into JavaScript as JSON text, which the package's JavaScript
//! layer parses; errors become JavaScript `Error`s with the library's message.
//!
//! The functions are plain Rust functions too (they build and are tested on the host):
//!
//! ```
//! let report = casebook_wasm::validate_text("{}", &casebook_wasm::ValidateOptions::default())?;
//! assert!(report.contains("\"valid\": false"));
//! # Ok::<(), casebook_wasm::BindingError>(())
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use std::collections::BTreeMap;

use casebook::batch::{Batch, Input, Layout};
use casebook::output::{OutputFormat, OutputOptions};
use casebook::render::PageFormat;
use casebook::validate::RuleCode;
use casebook::{Format, Level, Profile, Validator};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Why a call failed: its message is the JavaScript error's.
#[derive(Debug, thiserror::Error)]
pub enum BindingError {
    /// The options object could not be read.
    #[error("invalid options: {0}")]
    Options(String),
    /// A name (format, profile, rule, level, page format) that is not known.
    #[error("{0}")]
    Name(String),
    /// The document could not be read or written.
    #[error("{0}")]
    Document(String),
}

/// The options of [`validate`], as the JavaScript object gives them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// `json`, `yaml` or `toml`; default: from the name's extension, else `json`.
    pub format: Option<String>,
    /// The name the report gives the document (default `document.<format>`).
    pub name: Option<String>,
    /// Programme profiles whose checks are added: `iuc`.
    pub profiles: Vec<String>,
    /// Rule severities: code to `error`, `warning` or `off`.
    pub rules: BTreeMap<String, String>,
    /// Count warnings as failures.
    pub deny_warnings: bool,
}

fn format_named(name: &str) -> Result<Format, BindingError> {
    name.parse::<Format>()
        .map_err(|error| BindingError::Name(error.to_string()))
}

/// Checks one document and returns the report as `casebook validate --format json` writes
/// it for one file.
///
/// # Errors
///
/// [`BindingError::Name`] for an unknown format, profile, rule or level, or a rule whose
/// severity is fixed. Problems in the document are findings in the report, not errors.
pub fn validate_text(text: &str, options: &ValidateOptions) -> Result<String, BindingError> {
    let format = match (&options.format, &options.name) {
        (Some(format), _) => format_named(format)?,
        (None, Some(name)) => Format::from_path(std::path::Path::new(name)).unwrap_or(Format::Json),
        (None, None) => Format::Json,
    };
    let name = options
        .name
        .clone()
        .unwrap_or_else(|| format!("document.{format}"));
    let mut validator = Validator::new();
    for profile in &options.profiles {
        let profile: Profile = profile
            .parse()
            .map_err(|error: casebook::CodeError| BindingError::Name(error.to_string()))?;
        validator = validator.with_profile(profile);
    }
    for (code, level) in &options.rules {
        let code: RuleCode = code
            .parse()
            .map_err(|error: casebook::CodeError| BindingError::Name(error.to_string()))?;
        let level: Level = level
            .parse()
            .map_err(|error: casebook::CodeError| BindingError::Name(error.to_string()))?;
        validator = validator
            .with_level(code, level)
            .map_err(|error| BindingError::Name(error.to_string()))?;
    }
    let inputs = [Input::text(name, text, Layout::Single(format))];
    let report = Batch::new(validator).check(&inputs);
    let mut output = OutputOptions::default();
    output.deny_warnings = options.deny_warnings;
    let mut out = Vec::new();
    casebook::output::write(OutputFormat::Json, &report, &output, &mut out)
        .map_err(|error| BindingError::Document(error.to_string()))?;
    String::from_utf8(out).map_err(|error| BindingError::Document(error.to_string()))
}

/// Reads a document for a function that needs it whole.
fn read(text: &str, format: &str) -> Result<casebook::CaseStudy, BindingError> {
    casebook::from_str_as(text, format_named(format)?)
        .map_err(|error| BindingError::Document(error.to_string()))
}

/// Converts a document from one format (`json`, `yaml`, `toml`) to another, as
/// `casebook convert` does.
///
/// # Errors
///
/// An unknown format, or a document that does not read as a case study.
pub fn convert_text(text: &str, from: &str, to: &str) -> Result<String, BindingError> {
    let to = format_named(to)?;
    casebook::to_string_as(&read(text, from)?, to)
        .map_err(|error| BindingError::Document(error.to_string()))
}

/// Renders a document as a page, `html` or `markdown`, as `casebook render` does.
///
/// # Errors
///
/// An unknown format or page format, or a document that does not read as a case study.
pub fn render_text(text: &str, format: &str, page: &str) -> Result<String, BindingError> {
    let page = match page {
        "html" => PageFormat::Html,
        "markdown" => PageFormat::Markdown,
        other => {
            return Err(BindingError::Name(format!(
                "invalid page format {other:?}: expected `html` or `markdown`"
            )));
        }
    };
    Ok(casebook::render::render(&read(text, format)?, page))
}

/// One rule, as [`rules_json`] lists it.
#[derive(Debug, Serialize)]
struct RuleEntry {
    code: &'static str,
    severity: &'static str,
    kind: &'static str,
    adjustable: bool,
    summary: &'static str,
}

impl RuleEntry {
    fn new(code: RuleCode) -> Self {
        Self {
            code: code.as_str(),
            severity: code.default_severity().as_str(),
            kind: code.kind().as_str(),
            adjustable: code.is_adjustable(),
            summary: code.summary(),
        }
    }
}

/// Every rule, as a JSON array of `{code, severity, kind, adjustable, summary}`: what
/// `casebook rules` lists.
pub fn rules_json() -> String {
    let rules: Vec<RuleEntry> = RuleCode::ALL.iter().copied().map(RuleEntry::new).collect();
    serde_json::to_string(&rules).unwrap_or_default()
}

/// One rule explained, as a JSON object: the fields of [`rules_json`] with `why`,
/// `problem` and `fix` (YAML fragments), what `casebook explain` prints.
///
/// # Errors
///
/// An unknown rule code.
pub fn explain_json(code: &str) -> Result<String, BindingError> {
    #[derive(Serialize)]
    struct Explained {
        #[serde(flatten)]
        rule: RuleEntry,
        why: &'static str,
        problem: &'static str,
        fix: &'static str,
    }
    let code: RuleCode = code
        .parse()
        .map_err(|error: casebook::CodeError| BindingError::Name(error.to_string()))?;
    let explanation = code.explanation();
    serde_json::to_string(&Explained {
        rule: RuleEntry::new(code),
        why: explanation.why,
        problem: explanation.problem,
        fix: explanation.fix,
    })
    .map_err(|error| BindingError::Document(error.to_string()))
}

/// The versions, as a JSON object: `casebook` (this build), `formats` (each format
/// version read, with its summary), `latest`, `codeTables` and `countryBoxes`.
pub fn version_json() -> String {
    let formats: Vec<serde_json::Value> = casebook::version::FORMAT_VERSIONS
        .iter()
        .map(|format| {
            serde_json::json!({"version": format.version.to_string(), "summary": format.summary})
        })
        .collect();
    serde_json::json!({
        "casebook": env!("CARGO_PKG_VERSION"),
        "formats": formats,
        "latest": casebook::SchemaVersion::LATEST.to_string(),
        "codeTables": casebook::CODE_TABLES_VERSION,
        "countryBoxes": casebook::codes::COUNTRY_BOXES_VERSION,
    })
    .to_string()
}

fn js(error: BindingError) -> JsError {
    JsError::new(&error.to_string())
}

/// JavaScript: `validate(text, optionsJson)`, the report as JSON text.
///
/// # Errors
///
/// Options that cannot be read, or the errors of [`validate_text`].
#[wasm_bindgen(js_name = validate)]
pub fn validate(text: &str, options: &str) -> Result<String, JsError> {
    let options: ValidateOptions = if options.is_empty() {
        ValidateOptions::default()
    } else {
        serde_json::from_str(options)
            .map_err(|error| js(BindingError::Options(error.to_string())))?
    };
    validate_text(text, &options).map_err(js)
}

/// JavaScript: `schema()`, the JSON Schema as `casebook schema` prints it.
#[wasm_bindgen(js_name = schema)]
pub fn schema() -> String {
    casebook::schema_json()
}

/// JavaScript: `convert(text, from, to)`.
///
/// # Errors
///
/// The errors of [`convert_text`].
#[wasm_bindgen(js_name = convert)]
pub fn convert(text: &str, from: &str, to: &str) -> Result<String, JsError> {
    convert_text(text, from, to).map_err(js)
}

/// JavaScript: `render(text, format, page)`.
///
/// # Errors
///
/// The errors of [`render_text`].
#[wasm_bindgen(js_name = render)]
pub fn render(text: &str, format: &str, page: &str) -> Result<String, JsError> {
    render_text(text, format, page).map_err(js)
}

/// JavaScript: `rules()`, as JSON text.
#[wasm_bindgen(js_name = rules)]
pub fn rules() -> String {
    rules_json()
}

/// JavaScript: `explain(code)`, as JSON text.
///
/// # Errors
///
/// The errors of [`explain_json`].
#[wasm_bindgen(js_name = explain)]
pub fn explain(code: &str) -> Result<String, JsError> {
    explain_json(code).map_err(js)
}

/// JavaScript: `version()`, as JSON text.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    version_json()
}
