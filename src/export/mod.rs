//! Flat tables for analysis: CSV, JSON Lines and Parquet (the `export` and `parquet`
//! features).
//!
//! Every collection of the format becomes a table, one file per table in the output
//! folder (`regions.csv`, `funding_sources.parquet`, ...). Each row starts with the case
//! study's id (`case_study_id`) and the entry's own id (`region_id`, `topic_id`, ...), or its
//! position in its list for entries without an id (quotes, sources, channels). A list of
//! references (a topic's SDGs, an event's regions) is a link table of its own
//! (`topic_sdgs`, `event_regions`). A date is three columns: its text as written (EDTF),
//! the first day and the last day it covers; the open end of an interval (`2019/..`)
//! leaves that day empty. Money is two columns (value and currency) and its qualifier.
//! The extensions of a document (`extensions`) are not exported.
//!
//! [`TABLES`] lists every table and column with its type and meaning; the writers and the
//! data dictionary (`docs/tables.md`, from [`data_dictionary`]) are both made from it.
//!
//! An [`Exporter`] writes one document at a time, and keeps at most one row group of each
//! table in memory (Parquet: about 4 MiB a table at most) or none (CSV and JSON Lines), so
//! memory stays flat however many documents are exported. [`Batch::export`](crate::batch::Batch::export) reads,
//! checks and exports a whole batch.
//!
//! ```
//! use casebook::export::{ExportFormat, Exporter};
//!
//! let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
//! let out = tempfile::tempdir()?;
//! let mut exporter = Exporter::create(out.path(), ExportFormat::Csv)?;
//! exporter.add(&case)?;
//! let summary = exporter.finish()?;
//! assert_eq!(summary.rows("case_studies"), Some(1));
//! assert_eq!(summary.rows("regions"), Some(case.regions.len() as u64));
//! let regions = std::fs::read_to_string(out.path().join("regions.csv"))?;
//! assert!(regions.starts_with("case_study_id,region_id,name,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::CaseStudy;

#[cfg(feature = "parquet")]
mod parquet;
mod tables;

pub use self::tables::TABLES;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnType {
    /// Text (UTF-8): ids, codes, names, dates as written.
    Text,
    /// A whole number (64-bit).
    Integer,
    /// A number (64-bit float).
    Float,
    /// A day of the calendar: `YYYY-MM-DD` in CSV and JSON Lines, `DATE` in Parquet.
    Date,
    /// True or false.
    Boolean,
}

impl ColumnType {
    /// The name of the type in the data dictionary.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Integer => "integer",
            Self::Float => "float",
            Self::Date => "date",
            Self::Boolean => "boolean",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Column {
    /// Its name, as written in the files.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnType,
    /// What it holds, and the key of the format it comes from.
    pub meaning: &'static str,
}

/// A row function: gives each row of one case study to the sink, in column order.
type Rows = fn(&CaseStudy, &mut tables::RowSink<'_>) -> Result<(), ExportError>;

/// One table: its name (the file's stem), what a row is, its columns and its rows.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Table {
    /// Its name: the file is `NAME.csv`, `NAME.parquet` or `NAME.jsonl`.
    pub name: &'static str,
    /// What one row is.
    pub meaning: &'static str,
    /// Its columns, in order.
    pub columns: &'static [Column],
    rows: Rows,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("name", &self.name)
            .field("columns", &self.columns.len())
            .finish_non_exhaustive()
    }
}

impl Table {
    /// Gives every row of this table that `case` makes to `row`, as values in column
    /// order.
    ///
    /// ```
    /// use casebook::export::{TABLES, Value};
    ///
    /// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
    /// let regions = TABLES.iter().find(|table| table.name == "regions").unwrap();
    /// let mut names = Vec::new();
    /// regions.rows(&case, &mut |values| {
    ///     names.push(values[2].to_string());
    ///     Ok(())
    /// })?;
    /// assert_eq!(names, ["Cantabria", "Chihuahua"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error `row` returns.
    pub fn rows(
        &self,
        case: &CaseStudy,
        row: &mut dyn FnMut(&[Value<'_>]) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        (self.rows)(case, row)
    }
}

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// Nothing: the key is absent, or the open end of an interval.
    Null,
    /// Text taken from the document.
    Text(&'a str),
    /// Text made for the table (a date as written).
    Owned(String),
    /// A whole number.
    Integer(i64),
    /// A number.
    Float(f64),
    /// A day.
    Date(NaiveDate),
    /// True or false.
    Boolean(bool),
}

impl Value<'_> {
    /// The text of a text value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Owned(text) => Some(text),
            _ => None,
        }
    }
}

/// As written in a CSV file: empty for null, `YYYY-MM-DD` for a day, the shortest text
/// that reads back as the same float.
impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Null => Ok(()),
            Self::Text(text) => f.write_str(text),
            Self::Owned(text) => f.write_str(text),
            Self::Integer(value) => write!(f, "{value}"),
            Self::Float(value) => write!(f, "{value}"),
            Self::Date(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            Self::Boolean(value) => write!(f, "{value}"),
        }
    }
}

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExportFormat {
    /// CSV (RFC 4180) with a header row; an absent value is an empty field.
    Csv,
    /// JSON Lines: one JSON object a row; an absent value is `null`.
    JsonLines,
    /// Apache Parquet, Snappy-compressed, in row groups of at most [`PARQUET_ROW_GROUP`]
    /// rows or about 4 MiB of buffered values, whichever comes first.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// The rows of a Parquet table kept in memory before they are written as a row group.
pub const PARQUET_ROW_GROUP: usize = 65_536;

impl ExportFormat {
    /// The extension of the files: `csv`, `jsonl`, `parquet`.
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::JsonLines => "jsonl",
            #[cfg(feature = "parquet")]
            Self::Parquet => "parquet",
        }
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = ExportError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "csv" => Ok(Self::Csv),
            "jsonl" => Ok(Self::JsonLines),
            #[cfg(feature = "parquet")]
            "parquet" => Ok(Self::Parquet),
            other => Err(ExportError::UnknownFormat(other.to_owned())),
        }
    }
}

/// Why tables cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file cannot be created or written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The CSV writer failed.
    #[error("cannot write {path}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The Parquet writer failed.
    #[error("cannot write {path}: {message}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// No such table format.
    #[error("unknown table format `{0}`: expected `csv`, `jsonl` or `parquet`")]
    UnknownFormat(String),
}

/// What a writer of one format does.
trait Sink: Send {
    /// Writes one row of table `table` (an index into [`TABLES`]).
    fn row(&mut self, table: usize, values: &[Value<'_>]) -> Result<(), ExportError>;
    /// Writes what is buffered and closes the files.
    fn finish(self: Box<Self>) -> Result<(), ExportError>;
}

/// How many documents and rows were written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportSummary {
    /// Documents exported.
    pub documents: u64,
    /// Every table with its file and its number of rows, in the order of [`TABLES`].
    pub tables: Vec<(&'static str, PathBuf, u64)>,
}

impl ExportSummary {
    /// The rows written to a table, `None` for a table that does not exist.
    pub fn rows(&self, table: &str) -> Option<u64> {
        self.tables
            .iter()
            .find(|(name, _, _)| *name == table)
            .map(|(_, _, rows)| *rows)
    }
}

/// Writes the tables of documents given one at a time into a folder: one file per table.
pub struct Exporter {
    sink: Box<dyn Sink>,
    files: Vec<PathBuf>,
    rows: Vec<u64>,
    documents: u64,
}

impl std::fmt::Debug for Exporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exporter")
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}

impl Exporter {
    /// Creates the folder when it is missing, and a file per table in it (an existing
    /// file of the same name is replaced).
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] when the folder or a file cannot be created.
    pub fn create(folder: &Path, format: ExportFormat) -> Result<Self, ExportError> {
        std::fs::create_dir_all(folder).map_err(|source| ExportError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let files: Vec<PathBuf> = TABLES
            .iter()
            .map(|table| folder.join(format!("{}.{}", table.name, format.extension())))
            .collect();
        let sink: Box<dyn Sink> = match format {
            ExportFormat::Csv => Box::new(CsvSink::create(&files)?),
            ExportFormat::JsonLines => Box::new(JsonLinesSink::create(&files)?),
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => Box::new(parquet::ParquetSink::create(&files)?),
        };
        Ok(Self {
            sink,
            rows: vec![0; files.len()],
            files,
            documents: 0,
        })
    }

    /// Writes the rows of one case study to every table.
    ///
    /// # Errors
    ///
    /// The first error of a writer; the files are then incomplete.
    pub fn add(&mut self, case: &CaseStudy) -> Result<(), ExportError> {
        for (index, table) in TABLES.iter().enumerate() {
            let sink = &mut self.sink;
            let mut count = 0;
            table.rows(case, &mut |values| {
                count += 1;
                sink.row(index, values)
            })?;
            if let Some(rows) = self.rows.get_mut(index) {
                *rows += count;
            }
        }
        self.documents += 1;
        Ok(())
    }

    /// Writes what is buffered, closes the files, and says what was written.
    ///
    /// # Errors
    ///
    /// The first error of a writer.
    pub fn finish(self) -> Result<ExportSummary, ExportError> {
        self.sink.finish()?;
        Ok(ExportSummary {
            documents: self.documents,
            tables: TABLES
                .iter()
                .zip(self.files)
                .zip(self.rows)
                .map(|((table, file), rows)| (table.name, file, rows))
                .collect(),
        })
    }
}

fn create(path: &Path) -> Result<BufWriter<File>, ExportError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
}

struct CsvSink {
    writers: Vec<(PathBuf, csv::Writer<BufWriter<File>>)>,
    /// One field's text, reused.
    field: String,
}

impl CsvSink {
    fn create(files: &[PathBuf]) -> Result<Self, ExportError> {
        let mut writers = Vec::with_capacity(files.len());
        for (path, table) in files.iter().zip(TABLES) {
            let mut writer = csv::Writer::from_writer(create(path)?);
            writer
                .write_record(table.columns.iter().map(|column| column.name))
                .map_err(|error| csv_error(path, &error))?;
            writers.push((path.clone(), writer));
        }
        Ok(Self {
            writers,
            field: String::new(),
        })
    }
}

fn csv_error(path: &Path, error: &csv::Error) -> ExportError {
    ExportError::Csv {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

impl Sink for CsvSink {
    fn row(&mut self, table: usize, values: &[Value<'_>]) -> Result<(), ExportError> {
        let Some((path, writer)) = self.writers.get_mut(table) else {
            return Ok(());
        };
        for value in values {
            let written = match value {
                Value::Text(text) => writer.write_field(text),
                Value::Owned(text) => writer.write_field(text),
                other => {
                    self.field.clear();
                    let _ = write!(self.field, "{other}");
                    writer.write_field(&self.field)
                }
            };
            written.map_err(|error| csv_error(path, &error))?;
        }
        writer
            .write_record(None::<&[u8]>)
            .map_err(|error| csv_error(path, &error))
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        for (path, writer) in self.writers {
            let mut inner = writer.into_inner().map_err(|error| ExportError::Io {
                path: path.clone(),
                source: error.into_error(),
            })?;
            inner
                .flush()
                .map_err(|source| ExportError::Io { path, source })?;
        }
        Ok(())
    }
}

struct JsonLinesSink {
    writers: Vec<(PathBuf, BufWriter<File>)>,
}

impl JsonLinesSink {
    fn create(files: &[PathBuf]) -> Result<Self, ExportError> {
        let writers = files
            .iter()
            .map(|path| Ok((path.clone(), create(path)?)))
            .collect::<Result<_, ExportError>>()?;
        Ok(Self { writers })
    }
}

/// One row as a JSON object, keys in column order.
struct JsonRow<'r, 'v> {
    columns: &'static [Column],
    values: &'r [Value<'v>],
}

impl serde::Serialize for JsonRow<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, value) in self.columns.iter().zip(self.values) {
            match value {
                Value::Null => map.serialize_entry(column.name, &())?,
                Value::Text(text) => map.serialize_entry(column.name, text)?,
                Value::Owned(text) => map.serialize_entry(column.name, text)?,
                Value::Integer(number) => map.serialize_entry(column.name, number)?,
                // JSON has no non-finite numbers; the format has none either.
                Value::Float(number) => map.serialize_entry(column.name, number)?,
                Value::Date(_) => map.serialize_entry(column.name, &value.to_string())?,
                Value::Boolean(flag) => map.serialize_entry(column.name, flag)?,
            }
        }
        map.end()
    }
}

impl Sink for JsonLinesSink {
    fn row(&mut self, table: usize, values: &[Value<'_>]) -> Result<(), ExportError> {
        let (Some((path, writer)), Some(definition)) =
            (self.writers.get_mut(table), TABLES.get(table))
        else {
            return Ok(());
        };
        let row = JsonRow {
            columns: definition.columns,
            values,
        };
        serde_json::to_writer(&mut *writer, &row)
            .map_err(std::io::Error::from)
            .and_then(|()| writer.write_all(b"\n"))
            .map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        for (path, mut writer) in self.writers {
            writer
                .flush()
                .map_err(|source| ExportError::Io { path, source })?;
        }
        Ok(())
    }
}

/// The data dictionary: every table, what a row is, and each column's name, type and
/// meaning, in Markdown. `docs/tables.md` is this text (a test compares them).
///
/// ```
/// let dictionary = casebook::export::data_dictionary();
/// assert!(dictionary.contains("## `regions`"));
/// assert!(dictionary.contains("| `case_study_id` | text |"));
/// ```
pub fn data_dictionary() -> String {
    let mut text = String::from(
        "# The tables of `casebook export`\n\n\
         <!-- Generated from casebook::export::TABLES (src/export/tables.rs); \
         regenerate with `UPDATE_DOCS=1 cargo test --all-features --test export`. -->\n\n\
         `casebook export PATH... --to csv|parquet|jsonl --out DIR` (and `casebook.export` in \
         Python, and `casebook::export` in Rust) writes one file per table into `DIR`: \
         `NAME.csv`, `NAME.parquet` or `NAME.jsonl`. Every file is written, with its header \
         (CSV) or schema (Parquet), even when it has no row.\n\n\
         - **Keys.** Every row starts with `case_study_id`, the id of its case study, then \
         the id of its entry (`region_id`, `topic_id`, ...). Entries without an id \
         (quotes, sources, channels, shares) are keyed by `position`, their place in their \
         list from 0. Case-study ids are unique within a valid corpus, so \
         `(case_study_id, region_id)` is unique too.\n\
         - **Lists of references** (a topic's SDGs, an event's regions) are link tables, one \
         row per reference, with its `position`.\n\
         - **Dates** are three columns: the text as written (EDTF: `2017-11`, `2019/..`), \
         and the first and last day it covers (`_earliest`, `_latest`). The open or \
         unknown end of an interval leaves its day empty (null).\n\
         - **Money** is `amount_value` and `amount_currency` (ISO 4217), with \
         `amount_qualifier` (`about`, `at_least`, ...; empty means exact).\n\
         - **Absent values** are empty fields in CSV and nulls in Parquet and JSON Lines. \
         Types: text (UTF-8), integer (64-bit), float (64-bit), date (`YYYY-MM-DD`; Parquet \
         `DATE`).\n\
         - **Not exported**: `extensions`, and the `$schema` key.\n",
    );
    for table in TABLES {
        let _ = write!(
            text,
            "\n## `{}`\n\n{}\n\n| Column | Type | Meaning |\n| --- | --- | --- |\n",
            table.name,
            table.meaning.trim().replace("\n ", " ").replace('\n', " ")
        );
        for column in table.columns {
            let _ = writeln!(
                text,
                "| `{}` | {} | {} |",
                column.name,
                column.kind.name(),
                column.meaning
            );
        }
    }
    text
}
