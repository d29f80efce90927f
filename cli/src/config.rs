//! The repository configuration: `casebook.toml`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use casebook::{Level, Profile, RuleCode};
use serde::Deserialize;

/// The name of the configuration file, looked for from the current directory upwards.
const FILE_NAME: &str = "casebook.toml";

/// One name or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// `casebook.toml`. Every key is optional; an unknown key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Config {
    /// Glob patterns of the files to check, relative to the configuration file's folder,
    /// used when no path is given on the command line.
    #[serde(default)]
    pub(crate) include: Vec<String>,
    /// Glob patterns of files and folders to leave out of a walk.
    #[serde(default)]
    pub(crate) exclude: Vec<String>,
    /// Programme profiles: a name or a list of names.
    profile: Option<OneOrMany>,
    /// Treat warnings as errors.
    #[serde(default)]
    pub(crate) deny_warnings: bool,
    /// The largest file that is read, in bytes.
    pub(crate) max_file_size: Option<u64>,
    /// Severity overrides: `rule-code = "error" | "warning" | "off"`.
    #[serde(default)]
    rules: toml::Table,
    /// Where the file was found; not a key.
    #[serde(skip)]
    pub(crate) directory: PathBuf,
    /// The file, for messages; not a key.
    #[serde(skip)]
    path: PathBuf,
}

impl Config {
    /// The profiles the configuration names.
    pub(crate) fn profiles(&self) -> anyhow::Result<Vec<Profile>> {
        let names = match &self.profile {
            None => Vec::new(),
            Some(OneOrMany::One(name)) => vec![name.clone()],
            Some(OneOrMany::Many(names)) => names.clone(),
        };
        names
            .iter()
            .map(|name| {
                name.parse::<Profile>()
                    .with_context(|| format!("invalid {}: key `profile`", self.path.display()))
            })
            .collect()
    }

    /// The severity overrides of the `[rules]` table.
    pub(crate) fn rules(&self) -> anyhow::Result<Vec<(RuleCode, Level)>> {
        self.rules
            .iter()
            .map(|(code, level)| {
                let context = || format!("invalid {}: key `rules.{code}`", self.path.display());
                let code: RuleCode = code.parse().with_context(context)?;
                let level: Level = level
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .with_context(context)?;
                Ok((code, level))
            })
            .collect()
    }
}

/// Reads the configuration: the file given, or `casebook.toml` in the current folder or
/// the nearest folder above it; none is the default configuration.
pub(crate) fn load(given: Option<&Path>) -> anyhow::Result<Config> {
    let path = match given {
        Some(path) => Some(path.to_owned()),
        None => find(&std::env::current_dir().context("cannot tell the current folder")?),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut config: Config = toml::from_str(&text).map_err(|error| {
        let place = error
            .span()
            .map(|span| {
                let before = text.get(..span.start).unwrap_or_default();
                let line = before.matches('\n').count() + 1;
                let column = before
                    .rsplit('\n')
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .count()
                    + 1;
                format!(":{line}:{column}")
            })
            .unwrap_or_default();
        anyhow::anyhow!("invalid {}{place}: {}", path.display(), error.message())
    })?;
    config.directory = path.parent().map(Path::to_owned).unwrap_or_default();
    config.path = path;
    Ok(config)
}

fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|folder| folder.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}
