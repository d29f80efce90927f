//! A case study as a readable page, in the layout of the IUC's published case studies:
//! the headline and standfirst, an executive summary of the facts, challenges and
//! solutions, results and impact, lessons learned, the programme, author and contact.
//!
//! The page is built once as a list of blocks and then written as Markdown or HTML, so
//! the two always say the same thing.

use std::fmt::Write as _;

use chrono::Datelike as _;

use crate::{
    CaseStudy, DatePrecision, FundingScope, FundingSource, LanguageCode, Measurement, Money,
    PartialDate, Person, Qualifier, Region, RegionId,
};

/// The format of a rendered page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// CommonMark.
    Markdown,
    /// A standalone HTML5 page.
    Html,
}

/// A piece of a page.
enum Block {
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph in italics.
    Note(String),
    Bullets(Vec<String>),
    Quote {
        text: String,
        /// The quote in the page's language, when it is in another.
        translation: Option<String>,
        by: String,
    },
    /// A table with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// How to render a page, beyond its format.
///
/// ```
/// use casebook::render::RenderOptions;
///
/// let options = RenderOptions::default().with_lang("es".parse()?);
/// assert_eq!(options.lang.map(|lang| lang.to_string()).as_deref(), Some("es"));
/// # Ok::<(), casebook::CodeError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// The language to render in: the document's own, or one of its `translations`, whose
    /// texts replace the document's where they are given. `None` for the document's own.
    pub lang: Option<LanguageCode>,
}

impl RenderOptions {
    /// These options, rendering in `lang`.
    #[must_use]
    pub fn with_lang(mut self, lang: LanguageCode) -> Self {
        self.lang = Some(lang);
        self
    }
}

/// Why a page cannot be rendered as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The language asked for is not an ISO 639-1 code.
    #[error("`{0}` is not an ISO 639-1 language code, such as `en` or `es`")]
    UnknownLanguage(LanguageCode),
    /// The document is not in the language asked for and has no translations into it.
    #[error(
        "the case study is in `{own}` and has no translations into `{asked}`; {}",
        if available.is_empty() {
            "it has no `translations` at all".to_owned()
        } else {
            format!("it has translations into {}", available.iter().map(|code| format!("`{code}`")).collect::<Vec<_>>().join(", "))
        }
    )]
    NoTranslations {
        /// The language asked for.
        asked: LanguageCode,
        /// The document's own language.
        own: LanguageCode,
        /// The languages of its `translations`.
        available: Vec<LanguageCode>,
    },
}

/// Renders a case study as a page.
///
/// ```
/// use casebook::render::{PageFormat, render};
///
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
/// let page = render(&case, PageFormat::Markdown);
/// assert!(page.starts_with("# Cantabria and Chihuahua collaborate"));
/// assert!(page.contains("## Lessons learned"));
/// # Ok::<(), casebook::Error>(())
/// ```
pub fn render(case: &CaseStudy, format: PageFormat) -> String {
    let blocks = page(case, &case.language());
    match format {
        PageFormat::Markdown => markdown(&blocks),
        PageFormat::Html => html(&case.title, case.language().as_str(), &blocks),
    }
}

/// Renders a case study as a page with options: in another language, from the document's
/// `translations` (format 1.1). A text with no translation into that language is shown as
/// written; the page's own words (headings, labels, dates) stay in English.
///
/// ```
/// use casebook::render::{PageFormat, RenderOptions, render_with};
///
/// let case = casebook::from_path("tests/fixtures/valid/languages-pt.yaml")?;
/// let options = RenderOptions::default().with_lang("pt".parse()?);
/// let page = render_with(&case, PageFormat::Markdown, &options)?;
/// assert!(page.starts_with("# Lisboa e Maputo partilham"));
/// assert!(render_with(&case, PageFormat::Markdown, &RenderOptions::default().with_lang("de".parse()?)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`RenderError::UnknownLanguage`] when `lang` is not an ISO 639-1 code, and
/// [`RenderError::NoTranslations`] when it is neither the document's language nor one of
/// its translations.
pub fn render_with(
    case: &CaseStudy,
    format: PageFormat,
    options: &RenderOptions,
) -> Result<String, RenderError> {
    let own = case.language();
    let Some(lang) = options.lang.as_ref().filter(|lang| **lang != own) else {
        return Ok(render(case, format));
    };
    if !lang.is_assigned() {
        return Err(RenderError::UnknownLanguage(lang.clone()));
    }
    let Some(texts) = case.translations.get(lang) else {
        return Err(RenderError::NoTranslations {
            asked: lang.clone(),
            own,
            available: case.translations.keys().cloned().collect(),
        });
    };
    let translated = translated(case, texts);
    let blocks = page(&translated, lang);
    Ok(match format {
        PageFormat::Markdown => markdown(&blocks),
        PageFormat::Html => html(&translated.title, lang.as_str(), &blocks),
    })
}

/// The case study with the free-text values that `texts` names replaced by their
/// translations; the document as it is when the result would not read.
fn translated(case: &CaseStudy, texts: &indexmap::IndexMap<String, String>) -> CaseStudy {
    let Ok(mut value) = serde_json::to_value(case) else {
        return case.clone();
    };
    for (pointer, text) in texts {
        if !crate::schema::is_free_text(pointer) || pointer.ends_with("/id") {
            continue;
        }
        if let Some(serde_json::Value::String(original)) = value.pointer_mut(pointer) {
            original.clone_from(text);
        }
    }
    serde_json::from_value(value).unwrap_or_else(|_| case.clone())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "November 2017", "14 November 2017", "2017"; from format 1.1 also "about 2018",
/// "spring 2018", "2010 to 2019", "between November 2017 and July 2019", "November 2017 or
/// later".
fn spoken(date: &PartialDate) -> String {
    match (date.is_interval(), date.start(), date.end()) {
        (false, _, _) => spoken_single(date),
        (true, Some(start), Some(end)) => format!(
            "between {} and {}",
            spoken_single(&start),
            spoken_single(&end)
        ),
        (true, Some(start), None) => format!("{} or later", spoken_single(&start)),
        (true, None, Some(end)) => format!("{} or earlier", spoken_single(&end)),
        (true, None, None) => date.to_string(),
    }
}

/// A date that is not an interval, in words.
fn spoken_single(date: &PartialDate) -> String {
    let month = date
        .month()
        .and_then(|month| MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?))
        .copied();
    let (first, last) = (date.earliest().year(), date.latest().year());
    let words = match (date.precision(), date.day(), month) {
        (DatePrecision::Season, _, _) => {
            let season = match date.earliest().month() {
                3 => "spring",
                6 => "summer",
                9 => "autumn",
                _ => "winter",
            };
            if first == last {
                format!("{season} {first}")
            } else {
                format!("{season} {first}-{:02}", last % 100)
            }
        }
        (_, Some(day), Some(month)) => format!("{day} {month} {}", date.year()),
        (_, None, Some(month)) => format!("{month} {}", date.year()),
        _ if first != last => format!("{first} to {last}"),
        _ => date.year().to_string(),
    };
    match (date.is_approximate(), date.is_uncertain()) {
        (true, true) => format!("about {words} (uncertain)"),
        (true, false) => format!("about {words}"),
        (false, true) => format!("{words} (uncertain)"),
        (false, false) => words,
    }
}

/// "snake_case" to "snake case".
fn words(code: &str) -> String {
    code.replace('_', " ")
}

fn region_line(case: &CaseStudy, region: &Region) -> String {
    let country = region.country.name().unwrap_or(region.country.as_str());
    let mut codes = vec![region.country.to_string()];
    codes.extend(region.subdivision.iter().map(ToString::to_string));
    codes.extend(region.nuts.iter().map(|nuts| format!("NUTS {nuts}")));
    let within = region
        .parent
        .as_ref()
        .map(|parent| format!(", in {}", region_name(case, parent)))
        .unwrap_or_default();
    codes.extend(region.coordinates.iter().map(|point| {
        let north = if point.lat < 0.0 { 'S' } else { 'N' };
        let east = if point.lon < 0.0 { 'W' } else { 'E' };
        format!("{}° {north} {}° {east}", point.lat.abs(), point.lon.abs())
    }));
    codes.extend(region.identifiers.iter().map(|identifier| {
        let scheme = match identifier.scheme {
            crate::IdentifierScheme::Other => "id",
            scheme => scheme.register(),
        };
        format!("{scheme} {}", identifier.id)
    }));
    format!(
        "{} ({}{within}, {country}; {})",
        region.name,
        words(region.kind.as_str()),
        codes.join(", ")
    )
}

/// The name of the region `id`, or the id when no region has it.
fn region_name(case: &CaseStudy, id: &RegionId) -> String {
    case.regions
        .iter()
        .find(|region| region.id == *id)
        .map_or_else(|| id.to_string(), |region| region.name.clone())
}

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn person_line(case: &CaseStudy, person: &Person) -> String {
    let organisation = person
        .organisation
        .as_ref()
        .and_then(|id| case.organisations.iter().find(|o| o.id == *id))
        .map(|organisation| organisation.name.as_str());
    let mut parts = vec![person.name.clone()];
    parts.extend(person.role.clone());
    parts.extend(organisation.map(str::to_owned));
    parts.join(", ")
}

/// The blocks of the page, in `lang`: a quote in another language shows its translation.
fn page(case: &CaseStudy, lang: &LanguageCode) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(1, case.title.clone())];
    let mut byline = Vec::new();
    if let Some(published) = &case.published {
        byline.push(spoken(published));
    }
    if let Some(programme) = &case.programme {
        byline.push(match &programme.acronym {
            Some(acronym) => format!("{} ({acronym})", programme.name),
            None => programme.name.clone(),
        });
    }
    if !byline.is_empty() {
        blocks.push(Block::Note(byline.join(" · ")));
    }
    if let Some(summary) = &case.summary {
        blocks.push(Block::Paragraph(summary.clone()));
    }

    blocks.push(Block::Heading(2, "Executive summary".into()));
    let pairing = &case.pairing;
    // Partners, observers (format 1.1) and the other places named (a ward inside a partner
    // city, format 1.1) are told apart, each in the document's order.
    let lines_of = |keep: &dyn Fn(&Region) -> bool| -> Vec<String> {
        case.regions
            .iter()
            .filter(|region| keep(region))
            .map(|region| region_line(case, region))
            .collect()
    };
    let partners = lines_of(&|region| pairing.regions.contains(&region.id));
    let observers = lines_of(&|region| pairing.observers.contains(&region.id));
    let places = lines_of(&|region| {
        !pairing.regions.contains(&region.id) && !pairing.observers.contains(&region.id)
    });
    let mut facts = vec![format!("Partners: {}", partners.join("; "))];
    for (label, lines) in [("Observers", observers), ("Other places", places)] {
        if !lines.is_empty() {
            facts.push(format!("{label}: {}", lines.join("; ")));
        }
    }
    // "since between 2017 and 2019" does not read: an interval gets "started".
    let started = if pairing.started.is_interval() {
        format!("started {}", spoken(&pairing.started))
    } else {
        format!("since {}", spoken(&pairing.started))
    };
    let span = match &pairing.ended {
        Some(ended) if pairing.started.is_interval() || ended.is_interval() => {
            format!("{started}, ended {}", spoken(ended))
        }
        Some(ended) => format!("from {} to {}", spoken(&pairing.started), spoken(ended)),
        None => format!("{started}, with no end date"),
    };
    facts.push(format!(
        "Cooperation: {}, {span} ({})",
        words(pairing.kind.as_str()),
        pairing.status
    ));
    if !case.topics.is_empty() {
        let topics: Vec<&str> = case
            .topics
            .iter()
            .map(|topic| topic.label.as_str())
            .collect();
        facts.push(format!("Topics: {}", topics.join(", ")));
    }
    if !pairing.channels.is_empty() {
        let channels: Vec<String> = pairing
            .channels
            .iter()
            .map(|channel| {
                let mut text = words(channel.kind.as_str());
                if let Some(tool) = &channel.tool {
                    text = format!("{tool} ({text})");
                }
                if let Some(frequency) = channel.frequency {
                    let _ = write!(text, ", {frequency}");
                }
                text
            })
            .collect();
        facts.push(format!("Keeping in touch: {}", channels.join("; ")));
    }
    for event in &case.events {
        let place = event
            .place
            .as_ref()
            .map(|place| format!(", {place}"))
            .unwrap_or_default();
        facts.push(format!("{}: {}{place}", spoken(&event.date), event.title));
    }
    blocks.push(Block::Bullets(facts));
    sub_pairings(case, &mut blocks);
    roles(case, &mut blocks);

    if !case.challenges.is_empty() {
        blocks.push(Block::Heading(2, "Challenges and solutions".into()));
        for challenge in &case.challenges {
            blocks.push(Block::Paragraph(challenge.text.clone()));
            if let Some(response) = &challenge.response {
                blocks.push(Block::Paragraph(response.clone()));
            }
        }
    }

    let has_results = !(case.outcomes.is_empty()
        && case.indicators.is_empty()
        && case.proposals.is_empty()
        && case.funding_sources.is_empty());
    if has_results || !case.quotes.is_empty() {
        blocks.push(Block::Heading(2, "Results and impact".into()));
        if !case.outcomes.is_empty() {
            blocks.push(Block::Bullets(
                case.outcomes
                    .iter()
                    .map(|outcome| match &outcome.date {
                        Some(date) => format!("{} ({})", outcome.text, spoken(date)),
                        None => outcome.text.clone(),
                    })
                    .collect(),
            ));
        }
        if !case.indicators.is_empty() {
            blocks.push(Block::Heading(3, "Results in numbers".into()));
            blocks.push(indicator_table(case));
        }
        if !case.proposals.is_empty() {
            blocks.push(Block::Heading(3, "Joint proposals".into()));
            blocks.push(Block::Bullets(
                case.proposals
                    .iter()
                    .map(|proposal| {
                        format!("{} ({})", proposal.title, words(proposal.status.as_str()))
                    })
                    .collect(),
            ));
        }
        if !case.funding_sources.is_empty() {
            blocks.push(Block::Heading(3, "Funding".into()));
            blocks.push(Block::Bullets(
                case.funding_sources
                    .iter()
                    .map(|source| funding_line(case, source))
                    .collect(),
            ));
        }
        for quote in &case.quotes {
            let mut by = case
                .people
                .iter()
                .find(|person| person.id == quote.speaker)
                .map_or_else(
                    || quote.speaker.to_string(),
                    |person| person_line(case, person),
                );
            if let Some(context) = &quote.context {
                let _ = write!(by, ". {context}");
            }
            let translation = quote
                .translation
                .clone()
                .filter(|_| quote.language.as_ref() != Some(lang));
            blocks.push(Block::Quote {
                text: quote.text.clone(),
                translation,
                by,
            });
        }
    }

    if !case.lessons.is_empty() {
        blocks.push(Block::Heading(2, "Lessons learned".into()));
        for lesson in &case.lessons {
            if let Some(title) = &lesson.title {
                blocks.push(Block::Heading(3, title.clone()));
            }
            blocks.push(Block::Paragraph(lesson.text.clone()));
        }
    }

    if let Some(programme) = &case.programme {
        blocks.push(Block::Heading(
            2,
            format!(
                "The {} programme",
                programme.acronym.as_deref().unwrap_or(&programme.name)
            ),
        ));
        if let Some(description) = &programme.description {
            blocks.push(Block::Paragraph(description.clone()));
        }
        let mut facts = Vec::new();
        if let Some(funder) = &programme.funded_by {
            facts.push(format!("Funded by: {funder}"));
        }
        if let Some(url) = &programme.url {
            facts.push(format!("Web site: {url}"));
        }
        if !facts.is_empty() {
            blocks.push(Block::Bullets(facts));
        }
    }

    let people = |ids: &[crate::PersonId], with_email: bool| -> Vec<String> {
        ids.iter()
            .filter_map(|id| case.people.iter().find(|person| person.id == *id))
            .map(|person| {
                let mut line = person_line(case, person);
                if let (true, Some(email)) = (with_email, &person.email) {
                    let _ = write!(line, " (email: {email})");
                }
                line
            })
            .collect()
    };
    let authors = people(&case.authors, false);
    if !authors.is_empty() {
        blocks.push(Block::Heading(3, "Author".into()));
        blocks.push(Block::Bullets(authors));
    }
    let contacts = people(&case.contacts, true);
    if !contacts.is_empty() {
        blocks.push(Block::Heading(3, "For more information, contact".into()));
        blocks.push(Block::Bullets(contacts));
    }
    if !case.sources.is_empty() {
        blocks.push(Block::Heading(3, "Sources".into()));
        blocks.push(Block::Bullets(
            case.sources
                .iter()
                .map(|source| {
                    let mut about: Vec<String> = source
                        .title
                        .iter()
                        .chain(&source.publisher)
                        .cloned()
                        .collect();
                    about.extend(source.published.as_ref().map(spoken));
                    about.push(source.url.to_string());
                    about.join(", ")
                })
                .collect(),
        ));
    }
    if let Some(disclaimer) = &case.disclaimer {
        blocks.push(Block::Note(disclaimer.clone()));
    }
    blocks
}

/// The sub-pairings of a network (format 1.1): who pairs up, on what, since when.
fn sub_pairings(case: &CaseStudy, blocks: &mut Vec<Block>) {
    if case.pairing.sub_pairings.is_empty() {
        return;
    }
    blocks.push(Block::Heading(3, "Sub-pairings".into()));
    let lines = case
        .pairing
        .sub_pairings
        .iter()
        .map(|sub_pairing| {
            let regions: Vec<String> = sub_pairing
                .regions
                .iter()
                .map(|id| region_name(case, id))
                .collect();
            let mut line = and_list(&regions);
            let topics: Vec<String> = sub_pairing
                .topics
                .iter()
                .map(|id| {
                    case.topics
                        .iter()
                        .find(|topic| topic.id == *id)
                        .map_or_else(|| id.to_string(), |topic| topic.label.clone())
                })
                .collect();
            if !topics.is_empty() {
                let _ = write!(line, ", on {}", and_list(&topics));
            }
            match (&sub_pairing.started, &sub_pairing.ended) {
                (Some(started), Some(ended)) => {
                    let _ = write!(line, ", from {} to {}", spoken(started), spoken(ended));
                }
                (Some(started), None) => {
                    let _ = write!(line, ", since {}", spoken(started));
                }
                (None, Some(ended)) => {
                    let _ = write!(line, ", until {}", spoken(ended));
                }
                (None, None) => {}
            }
            if let Some(note) = &sub_pairing.note {
                let _ = write!(line, ": {note}");
            }
            line
        })
        .collect();
    blocks.push(Block::Bullets(lines));
}

/// The organisations that have roles (format 1.1), with their roles.
fn roles(case: &CaseStudy, blocks: &mut Vec<Block>) {
    let lines: Vec<String> = case
        .organisations
        .iter()
        .filter(|organisation| !organisation.roles.is_empty())
        .map(|organisation| {
            let roles: Vec<String> = organisation
                .roles
                .iter()
                .map(|role| words(role.as_str()))
                .collect();
            format!("{}: {}", organisation.name, roles.join(", "))
        })
        .collect();
    if !lines.is_empty() {
        blocks.push(Block::Heading(3, "Who does what".into()));
        blocks.push(Block::Bullets(lines));
    }
}

/// "about 7,500,000 USD", "50,000 USD".
fn money(money: &Money) -> String {
    qualified(
        money.qualifier(),
        &format!("{} {}", figure(money.value), money.currency),
    )
}

/// A number for readers, with the thousands of its whole part grouped: "115,000",
/// "250,000.75", "7.5".
fn figure(value: f64) -> String {
    let text = value.to_string();
    let (sign, unsigned) = text.split_at(usize::from(text.starts_with('-')));
    let (whole, fraction) = unsigned.split_at(unsigned.find('.').unwrap_or(unsigned.len()));
    if !whole.bytes().all(|byte| byte.is_ascii_digit()) {
        return text;
    }
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3);
    grouped.push_str(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped.push_str(fraction);
    grouped
}

/// A figure with its qualifier in words: "at least 200".
fn qualified(qualifier: Qualifier, figure: &str) -> String {
    match qualifier.words() {
        "" => figure.to_owned(),
        words => format!("{words} {figure}"),
    }
}

/// "about 7500 (November 2019)", with the note after a dash.
fn measurement(measured: &Measurement) -> String {
    let mut text = qualified(measured.qualifier(), &figure(measured.value));
    if let Some(date) = &measured.date {
        let _ = write!(text, " ({})", spoken(date));
    }
    if let Some(note) = &measured.note {
        let _ = write!(text, " — {note}");
    }
    text
}

/// The indicators as a table: name, unit, baseline, target and the values reached.
fn indicator_table(case: &CaseStudy) -> Block {
    let header = ["Indicator", "Unit", "Baseline", "Target", "Values"]
        .map(str::to_owned)
        .to_vec();
    let rows = case
        .indicators
        .iter()
        .map(|indicator| {
            let optional =
                |figure: Option<&Measurement>| figure.map(measurement).unwrap_or_default();
            vec![
                indicator.name.clone(),
                indicator.unit.clone(),
                optional(indicator.baseline.as_ref()),
                optional(indicator.target.as_ref()),
                indicator
                    .values
                    .iter()
                    .map(measurement)
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    Block::Table { header, rows }
}

/// "Sister-city grant (received, about 7,500,000 USD, from January 2019 to December 2021,
/// for a whole programme; shares: Nakuru at least 400,000 USD, ...)".
fn funding_line(case: &CaseStudy, source: &FundingSource) -> String {
    let mut facts = vec![words(source.status.as_str())];
    if let Some(amount) = &source.amount {
        facts.push(money(amount));
    }
    if let Some(period) = &source.period {
        facts.push(spoken(period));
    }
    match source.scope {
        Some(FundingScope::Programme) => facts.push("for a whole programme".to_owned()),
        Some(FundingScope::Partner) => facts.push("for one partner".to_owned()),
        _ => {}
    }
    if let Some(id) = &source.funder {
        let name = case
            .organisations
            .iter()
            .find(|organisation| organisation.id == *id)
            .map_or_else(|| id.to_string(), |organisation| organisation.name.clone());
        facts.push(format!("from {name}"));
    }
    let mut line = format!("{} ({}", source.name, facts.join(", "));
    if !source.shares.is_empty() {
        let shares: Vec<String> = source
            .shares
            .iter()
            .map(|share| {
                let who = match (&share.region, &share.organisation) {
                    (Some(id), _) => case
                        .regions
                        .iter()
                        .find(|region| region.id == *id)
                        .map_or_else(|| id.to_string(), |region| region.name.clone()),
                    (None, Some(id)) => case
                        .organisations
                        .iter()
                        .find(|organisation| organisation.id == *id)
                        .map_or_else(|| id.to_string(), |organisation| organisation.name.clone()),
                    (None, None) => "unnamed".to_owned(),
                };
                format!("{who} {}", money(&share.amount))
            })
            .collect();
        let _ = write!(line, "; shares: {}", shares.join(", "));
    }
    line.push(')');
    line
}

/// Escapes what Markdown would read as markup.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            escaped.push('\\');
        }
        escaped.push(if c.is_control() { ' ' } else { c });
    }
    escaped
}

fn markdown(blocks: &[Block]) -> String {
    let mut page = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(
                    page,
                    "{} {}",
                    "#".repeat(usize::from(*level)),
                    escape_markdown(text)
                );
            }
            Block::Paragraph(text) => {
                let _ = writeln!(page, "{}", escape_markdown(text));
            }
            Block::Note(text) => {
                let _ = writeln!(page, "*{}*", escape_markdown(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(page, "- {}", escape_markdown(item));
                }
            }
            Block::Quote {
                text,
                translation,
                by,
            } => {
                let _ = writeln!(page, "> \"{}\"\n>", escape_markdown(text));
                if let Some(translation) = translation {
                    let _ = writeln!(page, "> \"{}\"\n>", escape_markdown(translation));
                }
                let _ = writeln!(page, "> — {}", escape_markdown(by));
            }
            Block::Table { header, rows } => {
                let cells = |cells: &[String]| {
                    cells
                        .iter()
                        .map(|cell| escape_markdown(cell))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let _ = writeln!(page, "| {} |", cells(header));
                let _ = writeln!(page, "|{}", "---|".repeat(header.len()));
                for row in rows {
                    let _ = writeln!(page, "| {} |", cells(row));
                }
            }
        }
        page.push('\n');
    }
    page.truncate(page.trim_end().len());
    page.push('\n');
    page
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

fn html(title: &str, language: &str, blocks: &[Block]) -> String {
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}}\
         blockquote{{border-left:4px solid #0a5;margin-left:0;padding-left:1em}}</style>\n</head>\n<body>\n<article>\n",
        escape_html(language),
        escape_html(title)
    );
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(page, "<h{level}>{}</h{level}>", escape_html(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(page, "<p>{}</p>", escape_html(text));
            }
            Block::Note(text) => {
                let _ = writeln!(page, "<p><em>{}</em></p>", escape_html(text));
            }
            Block::Bullets(items) => {
                page.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(page, "<li>{}</li>", escape_html(item));
                }
                page.push_str("</ul>\n");
            }
            Block::Quote {
                text,
                translation,
                by,
            } => {
                let translation = translation
                    .as_ref()
                    .map(|translation| {
                        format!(
                            "<p class=\"translation\">\u{201c}{}\u{201d}</p>",
                            escape_html(translation)
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    page,
                    "<blockquote><p>\u{201c}{}\u{201d}</p>{translation}<footer>— {}</footer></blockquote>",
                    escape_html(text),
                    escape_html(by)
                );
            }
            Block::Table { header, rows } => {
                page.push_str("<table>\n<thead><tr>");
                for cell in header {
                    let _ = write!(page, "<th>{}</th>", escape_html(cell));
                }
                page.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    page.push_str("<tr>");
                    for cell in row {
                        let _ = write!(page, "<td>{}</td>", escape_html(cell));
                    }
                    page.push_str("</tr>\n");
                }
                page.push_str("</tbody>\n</table>\n");
            }
        }
    }
    page.push_str("</article>\n</body>\n</html>\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_spoken() {
        let date = |text: &str| spoken(&text.parse().unwrap());
        assert_eq!(date("2017-11"), "November 2017");
        assert_eq!(date("2017-11-14"), "14 November 2017");
        assert_eq!(date("2019"), "2019");
        assert_eq!(date("2018~"), "about 2018");
        assert_eq!(date("2018-03?"), "March 2018 (uncertain)");
        assert_eq!(date("2018-03-02%"), "about 2 March 2018 (uncertain)");
        assert_eq!(date("2018-21"), "spring 2018");
        assert_eq!(date("2018-24"), "winter 2018-19");
        assert_eq!(date("201X"), "2010 to 2019");
        assert_eq!(date("20XX"), "2000 to 2099");
        assert_eq!(date("2018-XX"), "2018");
        assert_eq!(date("2018-XX-XX"), "2018");
        assert_eq!(date("2018-12-XX"), "December 2018");
        assert_eq!(
            date("2017-11/2019-07~"),
            "between November 2017 and about July 2019"
        );
        assert_eq!(date("2017-11/.."), "November 2017 or later");
        assert_eq!(date("/2019"), "2019 or earlier");
    }

    #[test]
    fn indicators_are_a_table_and_shares_follow_their_funding_source() {
        let case =
            crate::from_yaml_str(include_str!("../tests/fixtures/valid/indicators.yaml")).unwrap();
        let page = render(&case, PageFormat::Markdown);
        assert!(page.contains(
            "| Indicator | Unit | Baseline | Target | Values |\n|---|---|---|---|---|\n"
        ));
        assert!(page.contains(
            "| Students with access to sanitation | students | 4,200 (2018) | 12,000 (December 2021) | about 7,500 (November 2019); at least 10,000 (spring 2020) — Counted before the schools closed. |"
        ));
        let html = render(&case, PageFormat::Html);
        assert!(html.contains("<th>Indicator</th>"));
        assert!(html.contains("<td>more than 250,000.75 (between 2020 and 2021)</td>"));

        let case =
            crate::from_toml_str(include_str!("../tests/fixtures/valid/funding-shares.toml"))
                .unwrap();
        let page = render(&case, PageFormat::Markdown);
        assert!(page.contains(
            "- Sister-city grant (received, about 7,500,000 USD, between January 2019 and December 2021, for a whole programme; shares: Nakuru at least 400,000 USD, Nakuru Water and Sanitation Services 120,000.5 USD)"
        ));
        assert!(page.contains("- County budget (considered)\n"));
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape_markdown("a *b* [c](d) <e>"),
            "a \\*b\\* \\[c\\](d) \\<e\\>"
        );
        assert_eq!(
            escape_html("<script>&\"'"),
            "&lt;script&gt;&amp;&quot;&#39;"
        );
    }

    #[test]
    fn networks_observers_sub_pairings_and_roles_are_shown() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let network =
            crate::from_path(root.join("tests/fixtures/valid/network-observers.yaml")).unwrap();
        let page = render(&network, PageFormat::Markdown);
        for line in [
            "- Partners: Belo Horizonte (municipality, in Minas Gerais, Brazil; BR, BR-MG); Salvador (municipality, Brazil; BR, BR-BA); ",
            "- Other places: Minas Gerais (state, Brazil; BR, BR-MG)\n",
            "- Observers: Quelimane (municipality, Mozambique; MZ, MZ-Q)\n",
            "- Cooperation: network, since April 2019, with no end date (active)\n",
            "### Sub-pairings\n\n- Belo Horizonte and Maputo, on Solid waste management, since September 2019: Technicians",
            "- Salvador, Matola and Sintra, on Water and sanitation, from 2020 to June 2021\n",
            "- Maputo adopted a plan for selective collection. (May 2021)\n",
        ] {
            assert!(page.contains(line), "{line:?} not in:\n{page}");
        }
        assert!(!page.contains("Partners: Quelimane") && !page.contains("; Quelimane"));
        assert!(!page.contains("; Minas Gerais (state"));
        let html = render(&network, PageFormat::Html);
        assert!(html.contains("<h3>Sub-pairings</h3>"), "{html}");
        assert!(html.contains("<li>Observers: Quelimane"), "{html}");

        let roles =
            crate::from_path(root.join("tests/fixtures/valid/roles-and-funders.toml")).unwrap();
        let page = render(&roles, PageFormat::Markdown);
        for line in [
            "### Who does what\n\n- County Government of Kisumu: coordinator, host, beneficiary\n- Lakeside Foundation: funder\n- Tampere University: knowledge partner, implementer\n- Kisumu Youth Association: partner\n- Lake Radio: observer, other\n",
            "- Grant of the Lakeside Foundation for the youth hub (received, 25,000 USD, from Lakeside Foundation)\n",
        ] {
            assert!(page.contains(line), "{line:?} not in:\n{page}");
        }
    }
}
