//! How fast could casebook read YAML? Each Rust YAML parser on crates.io that gives the
//! place of what it reads, against casebook's own checks of the same documents in JSON
//! and YAML, measured side by side in one run (see `benches/README.md`).
//!
//! `cargo run --release -- DIR [--rounds N] [--only NAME]`: DIR holds JSON case studies
//! (`gen-corpus`'s); each is written as YAML the way `casebook convert` writes it. With
//! `--only NAME`, one contender (the first whose name starts with NAME) reads the documents
//! once, for `valgrind --tool=callgrind`; `--only setup` reads none, for the cost of
//! preparing them.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use casebook::Format;
use serde::de::IgnoredAny;

// As the casebook CLI: allocation is a large part of reading a document.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One way of reading a document: its name, the syntax it reads, and the reading, which
/// returns a count of what it read (events, or findings) so that nothing is optimised away.
struct Contender {
    name: &'static str,
    format: Format,
    read: fn(&str) -> usize,
}

const CONTENDERS: &[Contender] = &[
    Contender {
        name: "serde_json IgnoredAny (the JSON parse floor)",
        format: Format::Json,
        read: |text| {
            serde_json::from_str::<IgnoredAny>(text).expect("json");
            1
        },
    },
    Contender {
        name: "casebook validate, JSON",
        format: Format::Json,
        read: |text| casebook::validate_str(text, Format::Json).diagnostics.len(),
    },
    Contender {
        name: "casebook validate, YAML",
        format: Format::Yaml,
        read: |text| casebook::validate_str(text, Format::Yaml).diagnostics.len(),
    },
    Contender {
        name: "casebook typed read, YAML (serde-saphyr)",
        format: Format::Yaml,
        read: |text| casebook::from_yaml_str(text).expect("yaml").regions.len(),
    },
    Contender {
        name: "serde-saphyr 2.2.0 IgnoredAny",
        format: Format::Yaml,
        read: |text| {
            serde_saphyr::from_str::<IgnoredAny>(text).expect("serde-saphyr");
            1
        },
    },
    Contender {
        name: "granit-parser 2.2.0 events (under serde-saphyr)",
        format: Format::Yaml,
        read: |text| events(granit_parser::Parser::new_from_str(text)),
    },
    Contender {
        name: "saphyr-parser 0.3.4 events",
        format: Format::Yaml,
        read: |text| events(saphyr_parser::Parser::new_from_str(text)),
    },
    Contender {
        name: "yaml-rust2 0.13.2 events",
        format: Format::Yaml,
        read: |text| {
            let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
            let mut events = 0;
            loop {
                let (event, _) = parser.next_token().expect("yaml-rust2");
                events += 1;
                if event == yaml_rust2::Event::StreamEnd {
                    return events;
                }
            }
        },
    },
    Contender {
        name: "libyaml-safer 0.3.0 events",
        format: Format::Yaml,
        read: |text| {
            let mut input = text.as_bytes();
            let mut parser = libyaml_safer::Parser::new();
            parser.set_input_string(&mut input);
            events(parser)
        },
    },
    Contender {
        name: "serde_yaml_ng 0.10.0 IgnoredAny (unsafe-libyaml, C libyaml's code)",
        format: Format::Yaml,
        read: |text| {
            serde_yaml_ng::from_str::<IgnoredAny>(text).expect("serde_yaml_ng");
            1
        },
    },
    Contender {
        name: "ryml 0.3.2 tree (Rapid YAML, C++)",
        format: Format::Yaml,
        read: |text| ryml::Tree::parse(text).expect("ryml").len(),
    },
];

/// How many events a parser gave, each of which must read.
fn events<Event, Error: std::fmt::Debug>(
    parser: impl Iterator<Item = Result<Event, Error>>,
) -> usize {
    let mut count = 0;
    for event in parser {
        event.expect("a valid document");
        count += 1;
    }
    count
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut rounds = 9;
    let mut only = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            "--only" => only = Some(args.next().expect("--only NAME")),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.expect("usage: yaml-parsers DIR [--rounds N] [--only NAME]");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the folder of JSON documents")
        .map(|entry| entry.expect("entry").path())
        // Not gen-corpus's hidden `.planted.json`, which lists the errors it planted.
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."))
        })
        .collect();
    paths.sort();
    let json: Vec<String> = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("read"))
        .collect();
    let yaml: Vec<String> = json
        .iter()
        .map(|text| {
            let case = casebook::from_json_str(text).expect("a valid document");
            casebook::to_string_as(&case, Format::Yaml).expect("written as YAML")
        })
        .collect();
    let texts = |format: Format| if format == Format::Json { &json } else { &yaml };
    let bytes = |format: Format| texts(format).iter().map(String::len).sum::<usize>();
    let read_all = |contender: &Contender| {
        texts(contender.format)
            .iter()
            .map(|text| (contender.read)(black_box(text)))
            .sum::<usize>()
    };
    if let Some(only) = only {
        // Reading and writing the documents alone, to subtract from the others' counts.
        if only == "setup" {
            println!("setup: {} documents", json.len());
            return;
        }
        let contender = CONTENDERS
            .iter()
            .find(|contender| contender.name.starts_with(&only))
            .expect("a contender whose name starts so");
        println!("{}: {}", contender.name, black_box(read_all(contender)));
        return;
    }
    println!(
        "{} documents: JSON {:.1} MB, YAML {:.1} MB; {rounds} rounds, medians",
        json.len(),
        bytes(Format::Json) as f64 / 1e6,
        bytes(Format::Yaml) as f64 / 1e6
    );
    // Rounds interleave the contenders, so that a slower moment of a shared machine falls
    // on all of them.
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); CONTENDERS.len()];
    for _ in 0..rounds {
        for (contender, times) in CONTENDERS.iter().zip(&mut times) {
            let start = Instant::now();
            black_box(read_all(contender));
            times.push(start.elapsed().as_secs_f64());
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|times| {
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        })
        .collect();
    let json_validate = medians[1];
    println!("| reading | syntax | ms | MB/s | ÷ casebook validate, JSON |");
    println!("|---|---|---|---|---|");
    for (contender, median) in CONTENDERS.iter().zip(&medians) {
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.2} |",
            contender.name,
            if contender.format == Format::Json {
                "JSON"
            } else {
                "YAML"
            },
            median * 1e3,
            bytes(contender.format) as f64 / 1e6 / median,
            median / json_validate
        );
    }
}
