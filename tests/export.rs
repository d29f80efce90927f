//! The tables of `casebook::export`: the data dictionary in docs/tables.md is the one
//! the code makes, and every table has the rows the documents hold, in every format.
//!
//! After a change to the tables (src/export/tables.rs), regenerate the dictionary:
//!
//! ```text
//! UPDATE_DOCS=1 cargo test --all-features --test export
//! ```
#![cfg(feature = "parquet")]

use std::path::{Path, PathBuf};

use casebook::CaseStudy;
use casebook::batch::{Batch, Input, Layout};
use casebook::export::{ExportFormat, ExportSummary, Exporter, TABLES};
use casebook_test_support::generate::Generator;

const DICTIONARY: &str = "docs/tables.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn data_dictionary_is_up_to_date() {
    let path = root().join(DICTIONARY);
    let expected = casebook::export::data_dictionary();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|value| !value.is_empty() && value != "0") {
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{DICTIONARY} differs from casebook::export::data_dictionary(); regenerate it with \
         `UPDATE_DOCS=1 cargo test --all-features --test export` and commit it"
    );
}

#[test]
fn every_table_is_documented_with_its_columns() {
    let dictionary = casebook::export::data_dictionary();
    for table in TABLES {
        assert!(dictionary.contains(&format!("## `{}`", table.name)));
        assert_eq!(table.columns[0].name, "case_study_id", "{}", table.name);
        for column in table.columns {
            assert!(!column.meaning.is_empty(), "{}.{}", table.name, column.name);
        }
        let mut names: Vec<_> = table.columns.iter().map(|column| column.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            table.columns.len(),
            "{}: repeated column",
            table.name
        );
    }
}

/// The documents of the tests: the valid fixtures and generated case studies.
fn corpus() -> Vec<CaseStudy> {
    let mut cases: Vec<CaseStudy> = std::fs::read_dir(root().join("tests/fixtures/valid"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| casebook::Format::from_path(path).is_some())
        .map(|path| casebook::from_path(&path).unwrap())
        .collect();
    let mut generator = Generator::new(16);
    cases.extend((0..40).map(|index| generator.case_study(index)));
    cases
}

/// The rows each table must have, counted from the model without the export code.
fn expected_rows(cases: &[CaseStudy]) -> Vec<(&'static str, u64)> {
    let sum = |count: &dyn Fn(&CaseStudy) -> usize| cases.iter().map(count).sum::<usize>() as u64;
    vec![
        ("case_studies", cases.len() as u64),
        ("pairings", cases.len() as u64),
        (
            "pairing_regions",
            sum(&|c| c.pairing.regions.len() + c.pairing.observers.len()),
        ),
        ("pairing_languages", sum(&|c| c.pairing.languages.len())),
        ("pairing_focus", sum(&|c| c.pairing.focus.len())),
        ("pairing_channels", sum(&|c| c.pairing.channels.len())),
        ("sub_pairings", sum(&|c| c.pairing.sub_pairings.len())),
        (
            "sub_pairing_regions",
            sum(&|c| c.pairing.sub_pairings.iter().map(|s| s.regions.len()).sum()),
        ),
        ("regions", sum(&|c| c.regions.len())),
        (
            "region_identifiers",
            sum(&|c| c.regions.iter().map(|r| r.identifiers.len()).sum()),
        ),
        ("topics", sum(&|c| c.topics.len())),
        (
            "topic_sdgs",
            sum(&|c| c.topics.iter().map(|t| t.sdgs.len()).sum()),
        ),
        ("events", sum(&|c| c.events.len())),
        ("outcomes", sum(&|c| c.outcomes.len())),
        ("indicators", sum(&|c| c.indicators.len())),
        (
            "measurements",
            sum(&|c| {
                c.indicators
                    .iter()
                    .map(|i| {
                        usize::from(i.baseline.is_some())
                            + usize::from(i.target.is_some())
                            + i.values.len()
                    })
                    .sum()
            }),
        ),
        ("funding_sources", sum(&|c| c.funding_sources.len())),
        (
            "funding_shares",
            sum(&|c| c.funding_sources.iter().map(|f| f.shares.len()).sum()),
        ),
        ("lessons", sum(&|c| c.lessons.len())),
        ("people", sum(&|c| c.people.len())),
        (
            "case_study_people",
            sum(&|c| c.authors.len() + c.contacts.len()),
        ),
        ("organisations", sum(&|c| c.organisations.len())),
        (
            "organisation_roles",
            sum(&|c| c.organisations.iter().map(|o| o.roles.len()).sum()),
        ),
        ("quotes", sum(&|c| c.quotes.len())),
        ("sources", sum(&|c| c.sources.len())),
        (
            "translations",
            sum(&|c| c.translations.values().map(|texts| texts.len()).sum()),
        ),
    ]
}

fn export(cases: &[CaseStudy], format: ExportFormat, folder: &Path) -> ExportSummary {
    let mut exporter = Exporter::create(folder, format).unwrap();
    for case in cases {
        exporter.add(case).unwrap();
    }
    exporter.finish().unwrap()
}

#[test]
fn every_format_has_the_rows_of_the_model() {
    let cases = corpus();
    let expected = expected_rows(&cases);
    // The corpus exercises the format 1.1 tables too.
    for table in [
        "measurements",
        "funding_shares",
        "translations",
        "sub_pairings",
    ] {
        let rows = expected.iter().find(|(name, _)| *name == table).unwrap().1;
        assert!(rows > 0, "the corpus has no row for {table}");
    }
    for format in [
        ExportFormat::Csv,
        ExportFormat::JsonLines,
        ExportFormat::Parquet,
    ] {
        let folder = tempfile::tempdir().unwrap();
        let summary = export(&cases, format, folder.path());
        assert_eq!(summary.documents, cases.len() as u64);
        assert_eq!(summary.tables.len(), TABLES.len());
        for (table, rows) in &expected {
            assert_eq!(summary.rows(table), Some(*rows), "{table} in {format:?}");
        }
        for ((name, path, rows), table) in summary.tables.iter().zip(TABLES) {
            let columns: Vec<String> = table.columns.iter().map(|c| c.name.to_owned()).collect();
            let (found_columns, found_rows) = read_back(format, path);
            assert_eq!(found_columns, columns, "{name} in {format:?}");
            assert_eq!(found_rows, *rows, "{name} in {format:?}");
        }
    }
}

/// The column names and the number of rows of a written table, read by an independent
/// reader of each format.
fn read_back(format: ExportFormat, path: &Path) -> (Vec<String>, u64) {
    match format {
        ExportFormat::Csv => {
            let mut reader = csv::Reader::from_path(path).unwrap();
            let header: Vec<String> = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_owned)
                .collect();
            let mut rows = 0;
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), header.len());
                rows += 1;
            }
            (header, rows)
        }
        ExportFormat::JsonLines => {
            let text = std::fs::read_to_string(path).unwrap();
            let mut columns = Vec::new();
            let mut rows = 0;
            for line in text.lines() {
                let row: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(line).unwrap();
                let keys: Vec<String> = row.keys().cloned().collect();
                if rows > 0 {
                    assert_eq!(keys, columns);
                }
                columns = keys;
                rows += 1;
            }
            if rows == 0 {
                let name = path.file_stem().unwrap().to_str().unwrap();
                let table = TABLES.iter().find(|t| t.name == name).unwrap();
                columns = table.columns.iter().map(|c| c.name.to_owned()).collect();
            }
            (columns, rows)
        }
        _ => {
            use parquet::file::reader::{FileReader, SerializedFileReader};
            let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
            let metadata = reader.metadata().file_metadata();
            let columns = metadata
                .schema_descr()
                .columns()
                .iter()
                .map(|c| c.name().to_owned())
                .collect();
            (columns, u64::try_from(metadata.num_rows()).unwrap())
        }
    }
}

/// A date is its text and its first and last days; an open end leaves its day empty.
#[test]
fn dates_are_text_and_days_with_open_ends_empty() {
    let case = casebook::from_path("tests/fixtures/valid/edtf-dates.yaml").unwrap();
    let folder = tempfile::tempdir().unwrap();
    export(
        std::slice::from_ref(&case),
        ExportFormat::Csv,
        folder.path(),
    );
    let mut reader = csv::Reader::from_path(folder.path().join("sources.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let open = reader
        .records()
        .map(Result::unwrap)
        .find(|row| &row[column("accessed")] == "2021-06/..")
        .expect("the fixture's open interval");
    assert_eq!(&open[column("accessed_earliest")], "2021-06-01");
    assert_eq!(&open[column("accessed_latest")], "");
}

/// Money is its value and its currency, as in the document.
#[test]
fn money_is_value_and_currency() {
    let case = casebook::from_path("tests/fixtures/valid/funding-shares.toml").unwrap();
    let folder = tempfile::tempdir().unwrap();
    export(
        std::slice::from_ref(&case),
        ExportFormat::JsonLines,
        folder.path(),
    );
    let text = std::fs::read_to_string(folder.path().join("funding_sources.jsonl")).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), case.funding_sources.len());
    for (row, source) in rows.iter().zip(&case.funding_sources) {
        assert_eq!(row["funding_source_id"], source.id.as_str());
        match &source.amount {
            Some(amount) => {
                assert_eq!(row["amount_value"].as_f64(), Some(amount.value));
                assert_eq!(row["amount_currency"], amount.currency.as_str());
            }
            None => assert!(row["amount_value"].is_null()),
        }
    }
}

/// The batch exports every document that reads, or only the valid ones.
#[test]
fn batch_export_keeps_or_leaves_out_invalid_documents() {
    let inputs: Vec<Input> = [
        "tests/fixtures/valid/minimal.json",
        "tests/fixtures/invalid/date-order.yaml",
    ]
    .iter()
    .map(|path| Input::file(*path, Layout::of(Path::new(path)).unwrap()))
    .collect();
    let batch = Batch::new(casebook::Validator::new());
    for (valid_only, documents) in [(false, 2), (true, 1)] {
        let folder = tempfile::tempdir().unwrap();
        let mut exporter = Exporter::create(folder.path(), ExportFormat::Csv).unwrap();
        let report = batch.export(&inputs, &mut exporter, valid_only).unwrap();
        assert!(!report.passes(false));
        assert_eq!(exporter.finish().unwrap().documents, documents);
    }
}

/// A folder that cannot be made is an error that names it, not a panic.
#[test]
fn an_unwritable_folder_is_an_error() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let error = Exporter::create(&file.path().join("tables"), ExportFormat::Csv).unwrap_err();
    assert!(error.to_string().contains("tables"), "{error}");
}
