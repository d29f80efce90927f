//! Writes a corpus of generated case studies, for benchmarks and tests.
//!
//! ```text
//! cargo run --release -p casebook-test-support --bin gen-corpus -- --count N --out DIR [--jsonl] [--seed S] [--invalid-share P]
//! ```
//!
//! Writes `DIR/case-000001.json` ... (or one `DIR/corpus.jsonl`), and `DIR/.planted.json`,
//! the list of planted errors (`file`, `line` for JSON Lines, `code`, `pointer`); it is
//! hidden, so that walking DIR does not check it. The same seed gives the same corpus.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook_test_support::generate;

struct Options {
    count: usize,
    out: PathBuf,
    jsonl: bool,
    seed: u64,
    invalid_share: f64,
}

fn parse() -> Result<Options, String> {
    let mut options = Options {
        count: 100,
        out: PathBuf::from("target/corpus"),
        jsonl: false,
        seed: 1,
        invalid_share: 0.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--count" => options.count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--out" => options.out = PathBuf::from(value()?),
            "--jsonl" => options.jsonl = true,
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--invalid-share" => {
                options.invalid_share = value()?
                    .parse()
                    .map_err(|e| format!("--invalid-share: {e}"))?;
                if !(0.0..=1.0).contains(&options.invalid_share) {
                    return Err("--invalid-share is between 0 and 1".into());
                }
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn run(options: &Options) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(&options.out)?;
    let mut generator = generate::Generator::new(options.seed);
    let mut choose = fastrand::Rng::with_seed(options.seed ^ 0x5eed);
    let mut planted = Vec::new();
    let mut lines = options
        .jsonl
        .then(|| {
            std::fs::File::create(options.out.join("corpus.jsonl")).map(std::io::BufWriter::new)
        })
        .transpose()?;
    let mut bytes = 0usize;
    for index in 0..options.count {
        let invalid = choose.f64() < options.invalid_share;
        let (document, error) = generator.document(index, invalid);
        let file = if let Some(writer) = &mut lines {
            let text = serde_json::to_string(&document)?;
            bytes += text.len() + 1;
            writeln!(writer, "{text}")?;
            "corpus.jsonl".to_owned()
        } else {
            let name = format!("case-{:06}.json", index + 1);
            let text = serde_json::to_string_pretty(&document)?;
            bytes += text.len();
            std::fs::write(options.out.join(&name), text)?;
            name
        };
        if let Some(error) = error {
            planted.push(serde_json::json!({
                "file": file,
                "line": options.jsonl.then_some(index + 1),
                "code": error.code.as_str(),
                "pointer": error.pointer,
            }));
        }
    }
    if let Some(mut writer) = lines {
        writer.flush()?;
    }
    std::fs::write(
        options.out.join(".planted.json"),
        serde_json::to_string_pretty(&planted)?,
    )?;
    eprintln!(
        "wrote {} case studies ({:.1} MB, {} with a planted error) to {}",
        options.count,
        bytes as f64 / 1e6,
        planted.len(),
        options.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let options = match parse() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("gen-corpus: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen-corpus: {error}");
            ExitCode::FAILURE
        }
    }
}
