//! Writes the corpus of the differential test: thousands of documents, each a valid
//! document with one value broken (or one key added or removed), with casebook's verdict on
//! each. `tools/differential/check.mjs` checks every document with Ajv (JSON Schema draft
//! 2020-12, ECMAScript regular expressions) and fails on any verdict that differs.
//!
//! ```text
//! cargo run -p casebook-test-support --bin differential -- OUT_DIR
//! ```
//!
//! It also checks, itself, that the structural findings of every broken document stay
//! the same when an unrelated structural error is added elsewhere, and exits non-zero when
//! one does not.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook::{Format, Report};
use casebook_test_support::{differential, root};
use serde_json::json;

fn structural(report: &Report) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report
        .errors()
        .filter(|finding| finding.code.is_structural())
        .map(|finding| (finding.code.to_string(), finding.pointer.clone()))
        .collect();
    found.sort();
    found
}

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: differential OUT_DIR");
        return ExitCode::from(2);
    };
    if let Err(error) = std::fs::create_dir_all(&out) {
        eprintln!("differential: cannot create {}: {error}", out.display());
        return ExitCode::from(2);
    }
    let cases = differential::cases(&root());
    let schema =
        std::fs::read_to_string(root().join("schema/case-study.schema.json")).unwrap_or_default();
    let mut lines = Vec::new();
    let mut unstable = 0;
    for (index, case) in cases.iter().enumerate() {
        let text = serde_json::to_string(&case.document).unwrap_or_default();
        let report = casebook::validate_str(&text, Format::Json);
        let alone = structural(&report);
        // The same document with an unrelated structural error added: an unknown key at
        // the root. Every finding of the broken value must still be there.
        let mut with_other = case.document.clone();
        if let Some(object) = with_other.as_object_mut() {
            object.insert("zz_unrelated".to_owned(), json!(1));
            let other = casebook::validate_str(&with_other.to_string(), Format::Json);
            let together = structural(&other);
            let missing: Vec<_> = alone
                .iter()
                .filter(|found| !together.contains(found))
                .collect();
            if !missing.is_empty() {
                unstable += 1;
                if unstable <= 20 {
                    eprintln!(
                        "differential: {} ({}): {missing:?} is not reported when another error is present",
                        case.what, case.pointer
                    );
                }
            }
        }
        lines.push(json!({
            "index": index,
            "what": case.what,
            "pointer": case.pointer,
            "document": case.document,
            "structural": alone,
            "codes": report.errors().map(|finding| finding.code.to_string()).collect::<Vec<_>>(),
        }));
    }
    let mut file = match std::fs::File::create(out.join("cases.jsonl")) {
        Ok(file) => std::io::BufWriter::new(file),
        Err(error) => {
            eprintln!("differential: {error}");
            return ExitCode::from(2);
        }
    };
    for line in &lines {
        let _ = writeln!(file, "{line}");
    }
    let _ = file.flush();
    let _ = std::fs::write(out.join("schema.json"), schema);
    println!(
        "differential: {} documents written to {}; {unstable} change their findings when another error is present",
        lines.len(),
        out.display()
    );
    if unstable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
