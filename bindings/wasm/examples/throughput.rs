//! Native half of the WebAssembly throughput measurement (benches/wasm-vs-native.sh):
//! the binding's own `validate_text`, compiled for the host, over every `.json` file of a
//! folder, read into memory first.
//!
//! ```text
//! cargo run --release -p casebook-wasm --example throughput -- DIR [PASSES]
//! ```
//!
//! Prints one JSON line: documents, bytes, the median seconds of a pass, documents per
//! second.

use std::time::Instant;

use casebook_wasm::{ValidateOptions, validate_text};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let folder = args.next().ok_or("usage: throughput DIR [PASSES]")?;
    let passes: usize = args.next().map_or(Ok(5), |value| value.parse())?;
    let mut names: Vec<_> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        // Every `.json` file but `.planted.json`, the generator's list of planted errors.
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
                && path
                    .file_name()
                    .is_some_and(|name| !name.to_string_lossy().starts_with('.'))
        })
        .collect();
    names.sort();
    let mut documents = Vec::new();
    for path in &names {
        let mut options = ValidateOptions::default();
        options.name = Some(path.display().to_string());
        documents.push((std::fs::read_to_string(path)?, options));
    }
    let bytes: usize = documents.iter().map(|(text, _)| text.len()).sum();
    let mut findings = 0;
    let mut times = Vec::new();
    // One pass to warm up, then the timed ones.
    for pass in 0..=passes {
        let started = Instant::now();
        for (text, options) in &documents {
            findings += validate_text(text, options)?.matches("\"code\"").count();
        }
        if pass > 0 {
            times.push(started.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "{{\"documents\": {}, \"bytes\": {bytes}, \"findings\": {findings}, \"seconds_per_pass\": {median:.4}, \"documents_per_second\": {:.1}}}",
        documents.len(),
        documents.len() as f64 / median
    );
    Ok(())
}
