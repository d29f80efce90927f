//! Builds a small case study in Rust and prints it as YAML.
//!
//! Run with `cargo run --example build_in_code`.

use casebook::{
    CaseStudy, Channel, ChannelKind, Frequency, Lesson, LessonTheme, Pairing, PairingKind,
    PairingStatus, Region, RegionKind, Topic,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cantabria = Region {
        subdivision: Some("ES-CB".parse()?),
        nuts: Some("ES13".parse()?),
        ..Region::new(
            "cantabria".parse()?,
            "Cantabria",
            RegionKind::Region,
            "ES".parse()?,
        )
    };
    let chihuahua = Region {
        subdivision: Some("MX-CHH".parse()?),
        ..Region::new(
            "chihuahua".parse()?,
            "Chihuahua",
            RegionKind::State,
            "MX".parse()?,
        )
    };

    let whatsapp = Channel {
        tool: Some("WhatsApp".to_owned()),
        frequency: Some(Frequency::Daily),
        ..Channel::new(ChannelKind::Messaging)
    };
    let pairing = Pairing {
        channels: vec![whatsapp],
        focus: vec!["smart-tourism".parse()?],
        ..Pairing::new(
            PairingKind::RegionToRegion,
            vec![cantabria.id.clone(), chihuahua.id.clone()],
            "2017-11".parse()?,
            PairingStatus::Active,
        )
    };

    let mut case = CaseStudy::new(
        "cantabria-chihuahua-sketch".parse()?,
        "Cantabria and Chihuahua, in brief",
        vec![cantabria, chihuahua],
        pairing,
    );
    case.topics
        .push(Topic::new("smart-tourism".parse()?, "Smart tourism"));
    case.lessons.push(Lesson {
        themes: vec![LessonTheme::Communication],
        ..Lesson::new(
            "personal-connection".parse()?,
            "A personal connection keeps the lines of communication open.",
        )
    });

    print!("{}", casebook::to_yaml_string(&case)?);
    Ok(())
}
