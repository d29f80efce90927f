//! The repository configuration: `casebook.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use casebook::{Level, Profile, RuleCode};
use serde::Deserialize;

/// The name of the configuration file, looked for from the current directory upwards.
pub const FILE_NAME: &str = "casebook.toml";

/// `casebook.toml`. Every key is optional; an unknown key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Glob patterns of the files to check, relative to the configuration file's folder,
    /// used when no path is given on the command line.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns of files and folders to leave out of a walk.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// A programme profile.
    #[serde(default, deserialize_with = "profile")]
    pub profile: Option<Profile>,
    /// Treat warnings as errors.
    #[serde(default)]
    pub deny_warnings: bool,
    /// The largest file that is read, in bytes.
    pub max_file_size: Option<u64>,
    /// Severity overrides: `rule-code = "error" | "warning" | "off"`.
    #[serde(default, deserialize_with = "rules")]
    pub rules: BTreeMap<RuleCode, Level>,
    /// Where the file was found; not a key.
    #[serde(skip)]
    pub directory: PathBuf,
}

fn profile<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Profile>, D::Error> {
    let name = String::deserialize(deserializer)?;
    name.parse().map(Some).map_err(serde::de::Error::custom)
}

fn rules<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<RuleCode, Level>, D::Error> {
    let raw = BTreeMap::<String, String>::deserialize(deserializer)?;
    raw.into_iter()
        .map(|(code, level)| {
            let code: RuleCode = code.parse().map_err(serde::de::Error::custom)?;
            let level: Level = level.parse().map_err(serde::de::Error::custom)?;
            Ok((code, level))
        })
        .collect()
}

/// Reads the configuration: the file given, or `casebook.toml` in the current folder or
/// the nearest folder above it; none is the default configuration.
pub fn load(given: Option<&Path>) -> Result<Config, String> {
    let path = match given {
        Some(path) => Some(path.to_owned()),
        None => find(
            &std::env::current_dir()
                .map_err(|error| format!("cannot tell the current folder: {error}"))?,
        ),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let mut config: Config = toml::from_str(&text)
        .map_err(|error| format!("invalid {}: {}", path.display(), error.message()))?;
    config.directory = path.parent().map(Path::to_owned).unwrap_or_default();
    Ok(config)
}

fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|folder| folder.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}
