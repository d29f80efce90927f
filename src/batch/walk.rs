//! Finding the inputs: files, folders (walked, `.gitignore` respected), globs and
//! standard input.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::{Input, Layout};

/// The name of the configuration file of the `casebook` command, never checked as a case
/// study when a folder is walked.
const CONFIG_FILE_NAME: &str = "casebook.toml";

/// How to find inputs.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct WalkOptions {
    /// Glob patterns of the files to check when no path is given, relative to `base`.
    pub include: Vec<String>,
    /// Glob patterns of files and folders to leave out of a walk.
    pub exclude: Vec<String>,
    /// The folder `include` patterns are relative to (the configuration file's folder);
    /// empty for the current folder.
    pub base: PathBuf,
    /// The layout of standard input (`-`), which has no file name to tell it.
    pub stdin_layout: Option<Layout>,
    /// Check only files that declare themselves case studies
    /// ([`Input::case_studies_only`]), even when they are named. Without it, that holds
    /// only for a walk of the current folder with no path and no `include`, where
    /// `package.json` and CI files sit next to the case studies.
    pub case_studies_only: bool,
}

/// A path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The path as given or found.
    pub path: String,
    /// Why it could not be used.
    pub why: String,
}

/// What was found to check, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct FoundInputs {
    /// The inputs, sorted by path, each file once.
    pub inputs: Vec<Input>,
    /// Paths that do not exist, cannot be walked, have no known format, or are links
    /// that are not followed.
    pub problems: Vec<InputProblem>,
}

impl FoundInputs {
    fn problem(&mut self, path: impl Into<String>, why: impl Into<String>) {
        self.problems.push(InputProblem {
            path: path.into(),
            why: why.into(),
        });
    }
}

/// The error of an invalid glob pattern.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// A glob pattern that cannot be parsed.
    #[error("invalid glob {pattern:?}")]
    Glob {
        /// The pattern.
        pattern: String,
        /// What the glob parser said.
        source: globset::Error,
    },
    /// Standard input was named without its layout.
    #[error("reading standard input (`-`) needs its format (--input-format json|yaml|toml|jsonl)")]
    StdinFormat,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, WalkError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern).map_err(|source| WalkError::Glob {
            pattern: pattern.clone(),
            source,
        })?);
    }
    builder.build().map_err(|source| WalkError::Glob {
        pattern: patterns.join(", "),
        source,
    })
}

fn looks_like_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// The file a path names, so that one file named several ways (`a.yaml`, `./a.yaml`, its
/// absolute path, a link to it) is checked once: its canonical path, or, when that
/// cannot be had, the path made absolute without `.` and `..` components.
fn identity(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_owned(), |here| here.join(path))
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Finds the inputs of `paths` (files, folders, glob patterns, `-`), or with no path, of
/// the `include` patterns, or of the current folder.
///
/// # Errors
///
/// [`WalkError`] for an invalid glob pattern, or for `-` without
/// [`WalkOptions::stdin_layout`].
pub fn find_inputs(paths: &[String], options: &WalkOptions) -> Result<FoundInputs, WalkError> {
    let exclude = glob_set(&options.exclude)?;
    let mut found = FoundInputs::default();
    let case_studies_only =
        options.case_studies_only || (paths.is_empty() && options.include.is_empty());
    if paths.is_empty() {
        if options.include.is_empty() {
            walk(Path::new("."), None, &exclude, &mut found);
        } else {
            let include = glob_set(&options.include)?;
            let base = if options.base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                options.base.clone()
            };
            walk(&base, Some((&include, &base)), &exclude, &mut found);
            if found.inputs.is_empty() {
                found.problem(
                    options.include.join(", "),
                    "no file matches the `include` patterns of the configuration",
                );
            }
        }
    }
    let mut stdin = None;
    for given in paths {
        if given == "-" {
            stdin = Some(Input::stdin(
                options.stdin_layout.ok_or(WalkError::StdinFormat)?,
            ));
            continue;
        }
        let path = Path::new(given);
        match (std::fs::symlink_metadata(path), std::fs::metadata(path)) {
            (Ok(_), Ok(metadata)) if metadata.is_dir() => walk(path, None, &exclude, &mut found),
            (Ok(_), Ok(_)) => match Layout::of(path) {
                Some(layout) => found.inputs.push(Input::file(path, layout)),
                None => found.problem(
                    given.clone(),
                    "cannot tell the format: expected a file name ending in .json, .jsonl, .yaml, .yml or .toml",
                ),
            },
            (Ok(_), Err(error)) => {
                found.problem(given.clone(), format!("a broken or looping link ({error})"));
            }
            (Err(_), _) if looks_like_glob(given) => {
                let pattern = glob_set(std::slice::from_ref(given))?;
                let before = found.inputs.len();
                walk(Path::new("."), Some((&pattern, Path::new("."))), &exclude, &mut found);
                if found.inputs.len() == before {
                    found.problem(given.clone(), "no file matches this pattern");
                }
            }
            (Err(_), _) => found.problem(given.clone(), "no such file or folder"),
        }
    }
    found.inputs.sort_by(|a, b| a.name.cmp(&b.name));
    // One path names each file once (a walk follows no link), so only several paths need
    // the files' identities, which cost a `realpath` each.
    if paths.len() > 1 {
        let mut seen = HashSet::new();
        found.inputs.retain(|input| match &input.source {
            super::Source::File(path) => seen.insert(identity(path)),
            _ => true,
        });
    }
    for input in &mut found.inputs {
        // The configuration file, even when named, is left out as what it is.
        let is_config = matches!(&input.source, super::Source::File(path)
            if path.file_name().is_some_and(|name| name == CONFIG_FILE_NAME));
        input.case_studies_only = case_studies_only || is_config;
    }
    found.inputs.extend(stdin);
    Ok(found)
}

/// Walks a folder for documents, respecting `.gitignore`; with `include`, keeps only the
/// files whose path relative to its base matches.
fn walk(
    root: &Path,
    include: Option<(&GlobSet, &Path)>,
    exclude: &GlobSet,
    found: &mut FoundInputs,
) {
    // Links are not followed, so that nothing outside the given paths is read and a loop
    // cannot trap the walk; a link that is broken or leads outside is reported.
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build();
    let canonical_root = root.canonicalize().ok();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let place = error_path(&error).unwrap_or_else(|| root.display().to_string());
                found.problem(place, error.to_string());
                continue;
            }
        };
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(path);
        if exclude.is_match(relative) || exclude.is_match(path) {
            continue;
        }
        let is_link = entry.path_is_symlink();
        if !(is_link || entry.file_type().is_some_and(|kind| kind.is_file()))
            || path
                .file_name()
                .is_some_and(|name| name == CONFIG_FILE_NAME)
        {
            continue;
        }
        // Only what would be an input counts, a link too: a link that is not a case-study
        // file by its name, or that the patterns do not match, is none of the run's business.
        let Some(layout) = Layout::of(path) else {
            continue;
        };
        if let Some((patterns, base)) = include {
            let relative = path.strip_prefix(base).unwrap_or(path);
            if !patterns.is_match(relative) {
                continue;
            }
        }
        if is_link {
            let shown = path.display().to_string();
            match (path.canonicalize(), &canonical_root) {
                (Err(error), _) => {
                    found.problem(
                        shown,
                        format!("a broken or looping link ({error}); not followed"),
                    );
                }
                (Ok(target), Some(base)) if !target.starts_with(base) => found.problem(
                    shown,
                    "a link to a place outside the folder being checked; not followed",
                ),
                // A link inside the folder: what it points to is walked in its own place.
                _ => {}
            }
            continue;
        }
        found.inputs.push(Input::file(path, layout));
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
