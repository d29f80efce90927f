//! Loads the reference case study and prints a short summary.
//!
//! Run with `cargo run --example quickstart [FILE]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/cantabria-chihuahua.json".to_owned());
    let case = match casebook::from_path(&path) {
        Ok(case) => case,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::FAILURE;
        }
    };

    println!("{}", case.title);
    println!("\nregions:");
    for region in &case.regions {
        let code = region
            .subdivision
            .as_ref()
            .map_or(region.country.as_str(), |code| code.as_str());
        println!("  {} ({}, {code})", region.name, region.kind);
    }

    let pairing = &case.pairing;
    let ended = pairing
        .ended
        .map_or_else(|| "no end date".to_owned(), |date| date.to_string());
    println!(
        "\npairing: {}, started {}, {ended}, {}",
        pairing.kind, pairing.started, pairing.status
    );

    println!("\ntopics:");
    for topic in &case.topics {
        println!("  {}", topic.label);
    }

    println!("\nfunding sources:");
    for source in &case.funding_sources {
        println!("  {} ({}, {})", source.name, source.kind, source.status);
    }
    ExitCode::SUCCESS
}
