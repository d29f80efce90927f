//! Throughput of reading and checking case studies, against the floor (a bare JSON scan)
//! and against what a user would otherwise pick (parse to a value, validate with the
//! `jsonschema` crate and the crate's own schema). See benches/README.md.

use std::hint::black_box;

use casebook::{CaseStudy, Format, Validator};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use casebook_test_support::generate;

/// How many documents each benchmark reads: about 6 MB of compact JSON.
const DOCUMENTS: usize = 120;

struct Corpus {
    json: Vec<String>,
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
        invalid_json,
        yaml,
        toml,
    }
}

fn bytes(documents: &[String]) -> u64 {
    documents.iter().map(|document| document.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let validator = Validator::new();
    let schema = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&casebook::schema())
        .expect("the crate's schema compiles");
    // Every valid document is valid for both; the comparison is of equal work done.
    for document in &corpus.json {
        assert!(validator.validate_str(document, Format::Json).is_clean());
        assert!(schema.is_valid(&serde_json::from_str(document).unwrap()));
    }

    let mut json = c.benchmark_group("json");
    json.throughput(Throughput::Bytes(bytes(&corpus.json)));
    json.bench_function("scan", |b| {
        b.iter(|| {
            for document in &corpus.json {
                black_box(serde_json::from_str::<serde::de::IgnoredAny>(document).unwrap());
            }
        })
    });
    json.bench_function("value", |b| {
        b.iter(|| {
            for document in &corpus.json {
                black_box(serde_json::from_str::<serde_json::Value>(document).unwrap());
            }
        })
    });
    json.bench_function("typed", |b| {
        b.iter(|| {
            for document in &corpus.json {
                black_box(casebook::from_json_str(document).unwrap());
            }
        })
    });
    json.bench_function("validate", |b| {
        b.iter(|| {
            for document in &corpus.json {
                black_box(validator.validate_str(document, Format::Json));
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
