//! The Parquet writer: the `parquet` crate's column writers, one file per table, each
//! buffering at most [`PARQUET_ROW_GROUP`] rows, or about 4 MiB, before it writes them as
//! a row group.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::{ColumnType, ExportError, PARQUET_ROW_GROUP, Sink, TABLES, Table, Value};

/// The values of one column of a row group, and which of them are present (definition
/// level 1) or null (0).
enum Values {
    Text(Vec<ByteArray>),
    Integer(Vec<i64>),
    Float(Vec<f64>),
    Date(Vec<i32>),
    Boolean(Vec<bool>),
}

struct Buffer {
    values: Values,
    levels: Vec<i16>,
}

impl Buffer {
    fn new(kind: ColumnType) -> Self {
        let values = match kind {
            ColumnType::Text => Values::Text(Vec::new()),
            ColumnType::Integer => Values::Integer(Vec::new()),
            ColumnType::Float => Values::Float(Vec::new()),
            ColumnType::Date => Values::Date(Vec::new()),
            ColumnType::Boolean => Values::Boolean(Vec::new()),
        };
        Self {
            values,
            levels: Vec::new(),
        }
    }

    /// Adds a value (one of another type than the column's is written as null); returns
    /// about how many bytes of memory it takes.
    fn push(&mut self, value: &Value<'_>) -> usize {
        let mut size = 8;
        let present = match (&mut self.values, value) {
            (Values::Text(values), Value::Text(text)) => {
                values.push(ByteArray::from(text.as_bytes().to_vec()));
                size += TEXT_OVERHEAD + text.len();
                true
            }
            (Values::Text(values), Value::Owned(text)) => {
                values.push(ByteArray::from(text.as_bytes().to_vec()));
                size += TEXT_OVERHEAD + text.len();
                true
            }
            (Values::Integer(values), Value::Integer(number)) => {
                values.push(*number);
                true
            }
            (Values::Float(values), Value::Float(number)) => {
                values.push(*number);
                true
            }
            (Values::Date(values), Value::Date(day)) => match days_since_epoch(*day) {
                Some(days) => {
                    values.push(days);
                    true
                }
                None => false,
            },
            (Values::Boolean(values), Value::Boolean(flag)) => {
                values.push(*flag);
                true
            }
            _ => false,
        };
        self.levels.push(i16::from(present));
        size
    }

    fn clear(&mut self) {
        self.levels.clear();
        match &mut self.values {
            Values::Text(values) => values.clear(),
            Values::Integer(values) => values.clear(),
            Values::Float(values) => values.clear(),
            Values::Date(values) => values.clear(),
            Values::Boolean(values) => values.clear(),
        }
    }
}

/// The memory a text value takes besides its bytes: the `ByteArray` and its allocation.
const TEXT_OVERHEAD: usize = 48;

/// The memory one table's buffered rows may take before they are written as a row group.
const ROW_GROUP_BYTES: usize = 4 << 20;

/// Parquet's `DATE`: days since 1970-01-01.
fn days_since_epoch(day: NaiveDate) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((day - epoch).num_days()).ok()
}

/// The Parquet schema of a table: every column optional.
fn schema(table: &Table) -> String {
    let mut schema = format!("message {} {{\n", table.name);
    for column in table.columns {
        let kind = match column.kind {
            ColumnType::Text => "binary",
            ColumnType::Integer => "int64",
            ColumnType::Float => "double",
            ColumnType::Date => "int32",
            ColumnType::Boolean => "boolean",
        };
        let annotation = match column.kind {
            ColumnType::Text => " (STRING)",
            ColumnType::Date => " (DATE)",
            _ => "",
        };
        schema.push_str(&format!("  optional {kind} {}{annotation};\n", column.name));
    }
    schema.push('}');
    schema
}

struct TableFile {
    path: PathBuf,
    writer: SerializedFileWriter<File>,
    buffers: Vec<Buffer>,
    rows: usize,
    /// About how much memory the buffered rows take.
    bytes: usize,
}

fn parquet_error(path: &Path, error: &parquet::errors::ParquetError) -> ExportError {
    ExportError::Parquet {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

impl TableFile {
    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let path = &self.path;
        let fail = |error| parquet_error(path, &error);
        let mut group = self.writer.next_row_group().map_err(fail)?;
        for buffer in &self.buffers {
            let Some(mut column) = group.next_column().map_err(fail)? else {
                break;
            };
            let levels = Some(buffer.levels.as_slice());
            match &buffer.values {
                Values::Text(values) => column
                    .typed::<ByteArrayType>()
                    .write_batch(values, levels, None),
                Values::Integer(values) => column
                    .typed::<Int64Type>()
                    .write_batch(values, levels, None),
                Values::Float(values) => column
                    .typed::<DoubleType>()
                    .write_batch(values, levels, None),
                Values::Date(values) => column
                    .typed::<Int32Type>()
                    .write_batch(values, levels, None),
                Values::Boolean(values) => {
                    column.typed::<BoolType>().write_batch(values, levels, None)
                }
            }
            .map_err(fail)?;
            column.close().map_err(fail)?;
        }
        group.close().map_err(fail)?;
        self.buffers.iter_mut().for_each(Buffer::clear);
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }
}

pub(super) struct ParquetSink {
    tables: Vec<TableFile>,
}

impl ParquetSink {
    pub(super) fn create(files: &[PathBuf]) -> Result<Self, ExportError> {
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("casebook {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let mut tables = Vec::with_capacity(files.len());
        for (path, table) in files.iter().zip(TABLES) {
            let fail = |error| parquet_error(path, &error);
            let schema = Arc::new(parse_message_type(&schema(table)).map_err(fail)?);
            let file = File::create(path).map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })?;
            let writer =
                SerializedFileWriter::new(file, schema, Arc::clone(&properties)).map_err(fail)?;
            tables.push(TableFile {
                path: path.clone(),
                writer,
                buffers: table
                    .columns
                    .iter()
                    .map(|column| Buffer::new(column.kind))
                    .collect(),
                rows: 0,
                bytes: 0,
            });
        }
        Ok(Self { tables })
    }
}

impl Sink for ParquetSink {
    fn row(&mut self, table: usize, values: &[Value<'_>]) -> Result<(), ExportError> {
        let Some(file) = self.tables.get_mut(table) else {
            return Ok(());
        };
        for (buffer, value) in file.buffers.iter_mut().zip(values) {
            file.bytes += buffer.push(value);
        }
        file.rows += 1;
        if file.rows >= PARQUET_ROW_GROUP || file.bytes >= ROW_GROUP_BYTES {
            file.flush()?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        for mut file in self.tables {
            file.flush()?;
            let path = file.path.clone();
            file.writer
                .close()
                .map_err(|error| parquet_error(&path, &error))?;
        }
        Ok(())
    }
}
