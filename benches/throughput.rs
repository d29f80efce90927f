//! Throughput of reading and checking case studies, against the floor (a bare JSON scan)
//! and against what a user would otherwise pick (parse to a value, validate with the
//! `jsonschema` crate and the crate's own schema). See benches/README.md.

use std::hint::black_box;

use casebook::{CaseStudy, Format, Validator};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};

use casebook_test_support::generate;

/// How many documents each benchmark reads: about 4.3 MB of compact JSON.
const DOCUMENTS: usize = 120;

struct Corpus {
    json: Vec<String>,
    json_pretty: Vec<String>,
    invalid_json: Vec<String>,
    yaml: Vec<String>,
    toml: Vec<String>,
}

fn corpus() -> Corpus {
    let mut generator = generate::Generator::new(2026);
    let cases: Vec<CaseStudy> = (0..DOCUMENTS)
        .map(|index| generator.case_study(index))
        .collect();
    let json = cases
        .iter()
        .map(|case| serde_json::to_string(case).unwrap())
        .collect();
    let json_pretty = cases
        .iter()
        .map(|case| serde_json::to_string_pretty(case).unwrap())
        .collect();
    let invalid_json = (0..DOCUMENTS)
        .map(|index| serde_json::to_string(&generator.document(index, true).0).unwrap())
        .collect();
    let yaml = cases
        .iter()
        .map(|case| casebook::to_yaml_string(case).unwrap())
        .collect();
    let toml = cases
        .iter()
        .map(|case| casebook::to_toml_string(case).unwrap())
        .collect();
    Corpus {
        json,
        json_pretty,
        invalid_json,
        yaml,
        toml,
    }
}

fn bytes(documents: &[String]) -> u64 {
    documents.iter().map(|document| document.len() as u64).sum()
}

/// The floors (serde_json's skip, jiter's skip, jiter's walk with every key and string
/// borrowed, simd-json's tape of every value) beside casebook's typed read and its whole
/// check, on the same documents. No check can read less than the walk; see "What a reader
/// of our own could reach" in benches/README.md.
fn floors_and_checks(
    group: &mut BenchmarkGroup<'_, WallTime>,
    documents: &[String],
    validator: &Validator,
) {
    group.bench_function("scan", |b| {
        b.iter(|| {
            for document in documents {
                black_box(serde_json::from_str::<serde::de::IgnoredAny>(document).unwrap());
            }
        })
    });
    group.bench_function("jiter_skip", |b| {
        b.iter(|| {
            for document in documents {
                let mut reader = jiter::Jiter::new(document.as_bytes());
                reader.next_skip().unwrap();
                reader.finish().unwrap();
            }
        })
    });
    group.bench_function("jiter_walk", |b| {
        b.iter(|| {
            for document in documents {
                let mut reader = jiter::Jiter::new(document.as_bytes());
                let first = reader.peek().unwrap();
                black_box(walk_tokens(&mut reader, first).unwrap());
                reader.finish().unwrap();
            }
        })
    });
    // simd-json parses in place: each document is copied into a buffer first, as a reader
    // of files would read it there.
    group.bench_function("simd_tape", |b| {
        let mut buffers = simd_json::Buffers::default();
        let mut copy = Vec::new();
        b.iter(|| {
            for document in documents {
                copy.clear();
                copy.extend_from_slice(document.as_bytes());
                let tape = simd_json::to_tape_with_buffers(&mut copy, &mut buffers).unwrap();
                black_box(tape.0.len());
            }
        })
    });
    group.bench_function("typed", |b| {
        b.iter(|| {
            for document in documents {
                black_box(casebook::from_json_str(document).unwrap());
            }
        })
    });
    group.bench_function("validate", |b| {
        b.iter(|| {
            for document in documents {
                black_box(validator.validate_str(document, Format::Json));
            }
        })
    });
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let validator = Validator::new();
    let schema = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&casebook::schema())
        .expect("the crate's schema compiles");
    // Every valid document is valid for both; the comparison is of equal work done.
    for document in corpus.json.iter().chain(&corpus.json_pretty) {
        assert!(validator.validate_str(document, Format::Json).is_clean());
        assert!(schema.is_valid(&serde_json::from_str(document).unwrap()));
    }

    let mut json = c.benchmark_group("json");
    json.throughput(Throughput::Bytes(bytes(&corpus.json)));
    floors_and_checks(&mut json, &corpus.json, &validator);
    json.bench_function("value", |b| {
        b.iter(|| {
            for document in &corpus.json {
                black_box(serde_json::from_str::<serde_json::Value>(document).unwrap());
            }
        })
    });
    json.bench_function("jsonschema", |b| {
        b.iter(|| {
            for document in &corpus.json {
                let value: serde_json::Value = serde_json::from_str(document).unwrap();
                black_box(schema.is_valid(&value));
            }
        })
    });
    json.finish();

    // The same documents as written by people and by most tools: indented, a key a line.
    let mut pretty = c.benchmark_group("json_pretty");
    pretty.throughput(Throughput::Bytes(bytes(&corpus.json_pretty)));
    floors_and_checks(&mut pretty, &corpus.json_pretty, &validator);
    pretty.finish();

    let mut invalid = c.benchmark_group("json_invalid");
    invalid.throughput(Throughput::Bytes(bytes(&corpus.invalid_json)));
    invalid.bench_function("validate_invalid", |b| {
        b.iter(|| {
            for document in &corpus.invalid_json {
                black_box(validator.validate_str(document, Format::Json));
            }
        })
    });
    invalid.finish();

    for (name, documents, format) in [
        ("yaml", &corpus.yaml, Format::Yaml),
        ("toml", &corpus.toml, Format::Toml),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes(documents)));
        group.bench_function(BenchmarkId::new("typed", name), |b| {
            b.iter(|| {
                for document in documents {
                    black_box(casebook::from_str_as(document, format).unwrap());
                }
            })
        });
        group.bench_function(BenchmarkId::new("validate", name), |b| {
            b.iter(|| {
                for document in documents {
                    black_box(validator.validate_str(document, format));
                }
            })
        });
        group.finish();
    }
}

/// Reads the value that starts with `peek`, borrowing each key and string, and returns the
/// length of the texts read (so that nothing is optimized away).
fn walk_tokens(reader: &mut jiter::Jiter, peek: jiter::Peek) -> jiter::JiterResult<usize> {
    use jiter::Peek;
    Ok(match peek {
        Peek::Object => {
            let mut read = 0;
            let mut key = reader.known_object()?.map(str::len);
            while let Some(length) = key {
                let value = reader.peek()?;
                read += length + walk_tokens(reader, value)?;
                key = reader.next_key()?.map(str::len);
            }
            read
        }
        Peek::Array => {
            let mut read = 0;
            let mut item = reader.known_array()?;
            while let Some(value) = item {
                read += walk_tokens(reader, value)?;
                item = reader.array_step()?;
            }
            read
        }
        Peek::String => reader.known_str()?.len(),
        Peek::True | Peek::False => usize::from(reader.known_bool(peek)?),
        Peek::Null => reader.known_null().map(|()| 0)?,
        _ => reader.known_number(peek).map(|_| 1)?,
    })
}

/// How a wide document is broken.
#[derive(Clone, Copy)]
enum Broken {
    /// Not at all.
    No,
    /// One reference.
    Once,
    /// Every reference: a million findings before the per-rule cap.
    Everywhere,
}

/// A document with `n` topics, each referenced from `pairing.focus`.
fn wide_document(n: usize, broken: Broken) -> String {
    let mut generator = generate::Generator::new(n as u64);
    let mut case = generator.case_study(0);
    case.topics = (0..n)
        .map(|i| casebook::Topic::new(format!("topic-{i}").parse().unwrap(), format!("Topic {i}")))
        .collect();
    case.pairing.focus = case.topics.iter().map(|topic| topic.id.clone()).collect();
    case.outcomes.clear();
    case.lessons.clear();
    match broken {
        Broken::No => {}
        Broken::Once => case.pairing.focus[n / 2] = "no-such-topic".parse().unwrap(),
        Broken::Everywhere => {
            for (i, focus) in case.pairing.focus.iter_mut().enumerate() {
                *focus = format!("topik-{i}").parse().unwrap();
            }
        }
    }
    serde_json::to_string(&case).unwrap()
}

/// Time per item should stay flat as documents grow from 1,000 to 1,000,000 topics and
/// references (about 50 KB to 50 MB): nothing quadratic, whether valid, broken once or
/// broken at every reference (where the findings are capped per rule).
fn growth(c: &mut Criterion) {
    let validator = Validator::new();
    let mut group = c.benchmark_group("growth");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        for (name, broken) in [
            ("validate", Broken::No),
            ("validate_broken_once", Broken::Once),
            ("validate_broken_everywhere", Broken::Everywhere),
        ] {
            let document = wide_document(n, broken);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &document, |b, document| {
                b.iter(|| black_box(validator.validate_str(document, Format::Json)))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(6));
    targets = bench, growth
}
criterion_main!(benches);
