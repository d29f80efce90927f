//! Builds a small case study in Rust and prints it as YAML.
//!
//! Run with `cargo run --example build_in_code`.
//!
//! The model's structs are `#[non_exhaustive]`, so that a new optional key in a 1.x
//! version of the format is not a breaking change: build each with `new` (the required
//! fields), then set the optional ones, as below or with `with`.

use casebook::{
    CaseStudy, Channel, ChannelKind, Frequency, Lesson, LessonTheme, Pairing, PairingKind,
    PairingStatus, Region, RegionKind, Topic,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cantabria = Region::new(
        "cantabria".parse()?,
        "Cantabria",
        RegionKind::Region,
        "ES".parse()?,
    );
    cantabria.subdivision = Some("ES-CB".parse()?);
    cantabria.nuts = Some("ES13".parse()?);

    let mut chihuahua = Region::new(
        "chihuahua".parse()?,
        "Chihuahua",
        RegionKind::State,
        "MX".parse()?,
    );
    chihuahua.subdivision = Some("MX-CHH".parse()?);

    let whatsapp = Channel::new(ChannelKind::Messaging).with(|channel| {
        channel.tool = Some("WhatsApp".to_owned());
        channel.frequency = Some(Frequency::Daily);
    });
    let mut pairing = Pairing::new(
        PairingKind::RegionToRegion,
        vec![cantabria.id.clone(), chihuahua.id.clone()],
        "2017-11".parse()?,
        PairingStatus::Active,
    );
    pairing.channels = vec![whatsapp];
    pairing.focus = vec!["smart-tourism".parse()?];

    let mut case = CaseStudy::new(
        "cantabria-chihuahua-sketch".parse()?,
        "Cantabria and Chihuahua, in brief",
        vec![cantabria, chihuahua],
        pairing,
    );
    case.topics
        .push(Topic::new("smart-tourism".parse()?, "Smart tourism"));
    let mut lesson = Lesson::new(
        "personal-connection".parse()?,
        "A personal connection keeps the lines of communication open.",
    );
    lesson.themes = vec![LessonTheme::Communication];
    case.lessons.push(lesson);

    print!("{}", casebook::to_yaml_string(&case)?);
    Ok(())
}
