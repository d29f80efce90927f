//! What to check: files, folders (walked, `.gitignore` respected), globs and standard input.

use std::path::{Path, PathBuf};

use casebook::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};

use super::config::Config;

/// How a file's documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One document in the file.
    Single(Format),
    /// JSON Lines: one JSON document a line.
    JsonLines,
}

impl Layout {
    /// The layout of a file, from its extension.
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("jsonl") => Some(Self::JsonLines),
            _ => Format::from_path(path).map(Self::Single),
        }
    }
}

/// A file to check, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The path, or `-` for standard input.
    pub path: PathBuf,
    pub layout: Layout,
}

impl Target {
    /// The name findings are reported under.
    pub fn name(&self) -> String {
        let shown = self.path.display().to_string();
        shown
            .strip_prefix("./")
            .map_or(shown.clone(), str::to_owned)
    }
}

/// What was found to check, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct Inputs {
    pub targets: Vec<Target>,
    /// `(path, why)` for paths that do not exist, cannot be walked or have no known format.
    pub problems: Vec<(String, String)>,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder
            .add(Glob::new(pattern).map_err(|error| format!("invalid glob {pattern:?}: {error}"))?);
    }
    builder.build().map_err(|error| error.to_string())
}

fn looks_like_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// Collects the targets of `paths` (the command line), or of the configuration's
/// `include` patterns, or of the current folder.
pub fn collect(
    paths: &[String],
    config: &Config,
    stdin_format: Option<Format>,
) -> Result<Inputs, String> {
    let exclude = glob_set(&config.exclude)?;
    let mut inputs = Inputs::default();
    if paths.is_empty() {
        if config.include.is_empty() {
            walk(Path::new("."), None, &exclude, &mut inputs);
        } else {
            let include = glob_set(&config.include)?;
            let base = if config.directory.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                config.directory.clone()
            };
            walk(&base, Some((&include, &base)), &exclude, &mut inputs);
        }
    }
    for given in paths {
        if given == "-" {
            let format = stdin_format
                .ok_or("reading standard input (`-`) needs --input-format json|yaml|toml")?;
            inputs.targets.push(Target {
                path: PathBuf::from("-"),
                layout: Layout::Single(format),
            });
            continue;
        }
        let path = Path::new(given);
        if path.is_dir() {
            walk(path, None, &exclude, &mut inputs);
        } else if path.exists() {
            match Layout::of(path) {
                Some(layout) => inputs.targets.push(Target {
                    path: path.to_owned(),
                    layout,
                }),
                None => inputs.problems.push((
                    given.clone(),
                    "cannot tell the format: expected a file name ending in .json, .jsonl, .yaml, .yml or .toml".into(),
                )),
            }
        } else if looks_like_glob(given) {
            let pattern = glob_set(std::slice::from_ref(given))?;
            let before = inputs.targets.len();
            walk(
                Path::new("."),
                Some((&pattern, Path::new("."))),
                &exclude,
                &mut inputs,
            );
            if inputs.targets.len() == before {
                inputs
                    .problems
                    .push((given.clone(), "no file matches this pattern".into()));
            }
        } else {
            inputs
                .problems
                .push((given.clone(), "no such file or folder".into()));
        }
    }
    inputs.targets.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.targets.dedup();
    Ok(inputs)
}

/// Walks a folder for documents, respecting `.gitignore`; with `include`, keeps only the
/// files whose path relative to its base matches.
fn walk(root: &Path, include: Option<(&GlobSet, &Path)>, exclude: &GlobSet, inputs: &mut Inputs) {
    // Links are not followed, so that nothing outside the given paths is read and a loop
    // cannot trap the walk; a link that is broken or leads outside is reported.
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .build();
    let canonical_root = root.canonicalize().ok();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let place = error_path(&error).unwrap_or_else(|| root.display().to_string());
                inputs.problems.push((place, error.to_string()));
                continue;
            }
        };
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(path);
        if exclude.is_match(relative) || exclude.is_match(path) {
            continue;
        }
        if entry.path_is_symlink() {
            let shown = path.display().to_string();
            match (path.canonicalize(), &canonical_root) {
                (Err(error), _) => inputs.problems.push((
                    shown,
                    format!("a broken or looping link ({error}); not followed"),
                )),
                (Ok(target), Some(base)) if !target.starts_with(base) => inputs.problems.push((
                    shown,
                    "a link to a place outside the folder being checked; not followed".into(),
                )),
                // A link inside the folder: what it points to is walked in its own place.
                _ => {}
            }
            continue;
        }
        if !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        let Some(layout) = Layout::of(path) else {
            continue;
        };
        if let Some((patterns, base)) = include {
            let relative = path.strip_prefix(base).unwrap_or(path);
            if !patterns.is_match(relative) {
                continue;
            }
        }
        inputs.targets.push(Target {
            path: path.to_owned(),
            layout,
        });
    }
}

fn error_path(error: &ignore::Error) -> Option<String> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}
