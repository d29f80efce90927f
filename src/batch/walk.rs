//! Finding the inputs: files, folders (walked, `.gitignore` respected), globs and
//! standard input.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

use super::{Input, InputProblem, Layout, Source, shown_name};

/// The name of the configuration file of the `casebook` command, never checked as a case
/// study when a folder is walked.
const CONFIG_FILE_NAME: &str = "casebook.toml";

/// Why a named file whose extension tells no format is not read.
const UNKNOWN_FORMAT: &str =
    "cannot tell the format: expected a file name ending in .json, .jsonl, .yaml, .yml or .toml";

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

/// What was found to check, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct FoundInputs {
    /// The inputs, in the order of their paths, each file once.
    pub inputs: Vec<Input>,
    /// Paths that do not exist, cannot be walked, have no known format, or are links
    /// that are not followed.
    pub problems: Vec<InputProblem>,
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
    glob_set_with(patterns, false)
}

/// With `literal_separator`, `*` and `?` stay within one folder, as in a shell, and only
/// `**` crosses folders.
fn glob_set_with(patterns: &[String], literal_separator: bool) -> Result<GlobSet, WalkError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(literal_separator)
            .build();
        builder.add(glob.map_err(|source| WalkError::Glob {
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

/// The folders a glob pattern names before its first pattern character (`data/2019` of
/// `data/2019/*.json`, `../cases` of `../cases/**/*.yaml`, `/srv/x` of `/srv/x/*.toml`):
/// where its walk starts, empty when the pattern starts with one; and how deep below it
/// a match can lie, unless `**` lets it lie at any depth (so that `/*.json` does not walk
/// the whole file system).
fn literal_prefix(pattern: &str) -> (PathBuf, Option<usize>) {
    let parts: Vec<&str> = pattern.split('/').collect();
    let literal = parts
        .iter()
        .take(parts.len().saturating_sub(1))
        .take_while(|part| !looks_like_glob(part))
        .count();
    let (named, rest) = parts.split_at(literal);
    let mut prefix = named.join("/");
    if prefix.is_empty() && pattern.starts_with('/') {
        prefix.push('/');
    }
    let depth = (!rest.contains(&"**")).then_some(rest.len());
    (PathBuf::from(prefix), depth)
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
/// the `include` patterns, or of the current folder: every input of [`walk_inputs`],
/// gathered.
///
/// # Errors
///
/// [`WalkError`] for an invalid glob pattern, or for `-` without
/// [`WalkOptions::stdin_layout`].
pub fn find_inputs(paths: &[String], options: &WalkOptions) -> Result<FoundInputs, WalkError> {
    let mut found = FoundInputs::default();
    for item in walk_inputs(paths, options)? {
        match item {
            Ok(input) => found.inputs.push(input),
            Err(problem) => found.problems.push(problem),
        }
    }
    Ok(found)
}

/// The inputs of a walk, in order, as [`walk_inputs`] finds them.
pub struct InputWalk(Box<dyn Iterator<Item = Result<Input, InputProblem>> + Send>);

impl std::fmt::Debug for InputWalk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InputWalk").finish_non_exhaustive()
    }
}

impl Iterator for InputWalk {
    type Item = Result<Input, InputProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

/// Finds the inputs of `paths` (files, folders, glob patterns, `-`), or with no path, of
/// the `include` patterns, or of the current folder, as they are needed: each file once,
/// in the order of their paths (compared a folder at a time, so a folder's files come
/// before a file whose name extends the folder's), standard input last; each path that
/// cannot be used (not found, a broken link, no known format) comes as a problem in its
/// place.
///
/// One folder, one glob pattern or the current folder is walked as the inputs are taken,
/// and what the walk holds is a folder's entries at a time: give the walk to
/// [`Batch::check`](super::Batch::check) and a million files are never all in memory.
/// Several paths are found first and sorted together.
///
/// ```
/// use casebook::batch::{WalkOptions, walk_inputs};
///
/// let names: Vec<String> = walk_inputs(&["examples/data".into()], &WalkOptions::default())?
///     .filter_map(Result::ok)
///     .map(|input| input.name)
///     .collect();
/// assert!(names.contains(&"examples/data/cantabria-chihuahua.json".to_owned()));
/// assert!(names.is_sorted_by(|a, b| std::path::Path::new(a) <= std::path::Path::new(b)));
/// # Ok::<(), casebook::batch::WalkError>(())
/// ```
///
/// # Errors
///
/// [`WalkError`] for an invalid glob pattern, or for `-` without
/// [`WalkOptions::stdin_layout`].
pub fn walk_inputs(paths: &[String], options: &WalkOptions) -> Result<InputWalk, WalkError> {
    let exclude = Exclude {
        patterns: glob_set(&options.exclude)?,
        // The configuration's patterns are written from its folder, wherever the command
        // runs.
        base: (!options.exclude.is_empty() && !options.base.as_os_str().is_empty())
            .then(|| options.base.canonicalize().ok())
            .flatten(),
    };
    let case_studies_only =
        options.case_studies_only || (paths.is_empty() && options.include.is_empty());
    let mut walks: Vec<FolderWalk> = Vec::new();
    let mut named: Vec<Result<Input, InputProblem>> = Vec::new();
    if paths.is_empty() {
        if options.include.is_empty() {
            walks.push(FolderWalk::new(
                Path::new("."),
                None,
                exclude.clone(),
                None,
                None,
            ));
        } else {
            let include = glob_set(&options.include)?;
            let base = if options.base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                options.base.clone()
            };
            walks.push(FolderWalk::new(
                &base,
                Some((include, base.clone())),
                exclude.clone(),
                Some(problem(
                    options.include.join(", "),
                    "no file matches the `include` patterns of the configuration",
                )),
                None,
            ));
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
            (Ok(_), Ok(metadata)) if metadata.is_dir() => {
                walks.push(FolderWalk::new(path, None, exclude.clone(), None, None));
            }
            (Ok(_), Ok(_)) => named.push(match Layout::of(path) {
                Some(layout) => Ok(Input::file(path, layout)),
                None => Err(problem(shown_name(path), UNKNOWN_FORMAT)),
            }),
            (Ok(_), Err(error)) => {
                named.push(Err(problem(
                    shown_name(path),
                    format!("a broken or looping link ({error})"),
                )));
            }
            (Err(_), _) if looks_like_glob(given) => {
                // As a shell would: from the folders the pattern names (so that `./d/*.json`,
                // an absolute pattern and `../` work, and only they are walked), matched
                // against the paths as walked, `*` within one folder.
                let pattern = glob_set_with(std::slice::from_ref(given), true)?;
                let nothing = problem(given.clone(), "no file matches this pattern");
                let (prefix, depth) = literal_prefix(given);
                let (root, base) = if prefix.as_os_str().is_empty() {
                    (PathBuf::from("."), PathBuf::from("."))
                } else {
                    (prefix, PathBuf::new())
                };
                if root.is_dir() {
                    let include = Some((pattern, base));
                    let walk =
                        FolderWalk::new(&root, include, exclude.clone(), Some(nothing), depth);
                    walks.push(walk);
                } else {
                    named.push(Err(nothing));
                }
            }
            (Err(_), _) => named.push(Err(problem(shown_name(path), "no such file or folder"))),
        }
    }
    let found: Box<dyn Iterator<Item = Result<Input, InputProblem>> + Send> =
        match (walks.len(), named.is_empty()) {
            (0 | 1, true) => Box::new(walks.into_iter().flatten()),
            _ => {
                named.extend(walks.into_iter().flatten());
                named.sort_by(|a, b| place(a).cmp(place(b)));
                // One path names each file once (a walk follows no link), so only several
                // paths need the files' identities, which cost a `realpath` each; a path
                // that cannot be used is reported once however often it is met.
                if paths.len() > 1 {
                    let mut seen = HashSet::new();
                    let mut unusable = HashSet::new();
                    named.retain(|item| match item {
                        Ok(Input {
                            source: Source::File(path),
                            ..
                        }) => seen.insert(identity(path)),
                        Ok(_) => true,
                        Err(problem) => unusable.insert(identity(Path::new(&problem.path))),
                    });
                }
                Box::new(named.into_iter())
            }
        };
    let marked = found.map(move |item| {
        item.map(|mut input| {
            // The configuration file, even when named, is left out as what it is.
            let is_config = matches!(&input.source, Source::File(path)
                if path.file_name().is_some_and(|name| name == CONFIG_FILE_NAME));
            input.case_studies_only = case_studies_only || is_config;
            input
        })
    });
    Ok(InputWalk(Box::new(marked.chain(stdin.map(Ok)))))
}

fn problem(path: impl Into<String>, why: impl Into<String>) -> InputProblem {
    InputProblem {
        path: path.into(),
        why: why.into(),
    }
}

/// Where an input or a problem goes among the others.
fn place(item: &Result<Input, InputProblem>) -> &Path {
    Path::new(match item {
        Ok(input) => &input.name,
        Err(problem) => &problem.path,
    })
}

/// Patterns of paths to leave out, and the folder they are written from, when it is not
/// the current one (made canonical).
#[derive(Clone)]
struct Exclude {
    patterns: GlobSet,
    base: Option<PathBuf>,
}

/// A walk of a folder for documents, respecting `.gitignore`, a folder's entries at a
/// time; with `include`, only the files whose path relative to its base matches.
struct FolderWalk {
    walker: ignore::Walk,
    root: PathBuf,
    include: Option<(GlobSet, PathBuf)>,
    exclude: Exclude,
    canonical_root: Option<PathBuf>,
    /// Reported at the end when the walk found no input.
    when_none: Option<InputProblem>,
    found_any: bool,
}

/// How a folder is walked.
fn walk_builder(root: &Path) -> ignore::WalkBuilder {
    // Links are not followed, so that nothing outside the given paths is read and a loop
    // cannot trap the walk; a link that is broken or leads outside is reported. The
    // entries of one folder share their path up to their names, so comparing the paths'
    // bytes orders them by name; `sort_by_file_name` finds each name anew at every
    // comparison, a tenth of a run's time on a folder of small files.
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(false)
        .require_git(false)
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()));
    builder
}

impl FolderWalk {
    fn new(
        root: &Path,
        include: Option<(GlobSet, PathBuf)>,
        exclude: Exclude,
        when_none: Option<InputProblem>,
        max_depth: Option<usize>,
    ) -> Self {
        Self {
            walker: walk_builder(root).max_depth(max_depth).build(),
            root: root.to_owned(),
            include,
            exclude,
            canonical_root: root.canonicalize().ok(),
            when_none,
            found_any: false,
        }
    }

    /// What an entry of the walk is: an input, a problem, or nothing to check.
    fn entry(&self, entry: ignore::DirEntry) -> Option<Result<Input, InputProblem>> {
        let path = entry.path();
        if self.excluded(path) {
            return None;
        }
        let is_link = entry.path_is_symlink();
        if !(is_link || entry.file_type().is_some_and(|kind| kind.is_file()))
            || path
                .file_name()
                .is_some_and(|name| name == CONFIG_FILE_NAME)
        {
            return None;
        }
        // Only what would be an input counts, a link too: a link that is not a case-study
        // file by its name, or that the patterns do not match, is none of the run's
        // business; but a link to a folder outside is said not to be followed.
        let Some(layout) = Layout::of(path) else {
            return (is_link && self.include.is_none() && path.is_dir())
                .then(|| self.outside(path))
                .flatten()
                .map(Err);
        };
        if let Some((patterns, base)) = &self.include {
            let relative = path.strip_prefix(base).unwrap_or(path);
            if !patterns.is_match(relative) {
                return None;
            }
        }
        if !is_link {
            return Some(Ok(Input::file(path, layout)));
        }
        self.outside(path).map(Err)
    }

    /// Why a link is not followed: it is broken or loops, or leads outside the folder;
    /// `None` for a link inside the folder, whose target is walked in its own place.
    fn outside(&self, path: &Path) -> Option<InputProblem> {
        let shown = shown_name(path);
        match (path.canonicalize(), &self.canonical_root) {
            (Err(error), _) => Some(problem(
                shown,
                format!("a broken or looping link ({error}); not followed"),
            )),
            (Ok(target), Some(base)) if !target.starts_with(base) => Some(problem(
                shown,
                "a link to a place outside the folder being checked; not followed",
            )),
            _ => None,
        }
    }

    /// True when `exclude` leaves the entry out: matched against its path relative to
    /// the walked folder, as walked, and relative to the configuration's folder.
    fn excluded(&self, path: &Path) -> bool {
        let patterns = &self.exclude.patterns;
        if patterns.is_empty() {
            return false;
        }
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        if patterns.is_match(relative) || patterns.is_match(path) {
            return true;
        }
        let (Some(base), Some(root)) = (&self.exclude.base, &self.canonical_root) else {
            return false;
        };
        root.join(relative)
            .strip_prefix(base)
            .is_ok_and(|from_base| patterns.is_match(from_base))
    }
}

impl Iterator for FolderWalk {
    type Item = Result<Input, InputProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some(entry) = self.walker.next() else {
                return self.when_none.take().filter(|_| !self.found_any).map(Err);
            };
            let found = match entry {
                Ok(entry) => self.entry(entry),
                Err(error) => {
                    let place = error_path(&error).unwrap_or_else(|| shown_name(&self.root));
                    Some(Err(problem(place, error.to_string())))
                }
            };
            if let Some(found) = found {
                self.found_any |= found.is_ok();
                return Some(found);
            }
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<String> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(shown_name(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(shown_name(child)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::literal_prefix;
    use std::path::PathBuf;

    #[test]
    fn a_glob_is_walked_from_the_folders_it_names_no_deeper_than_it_reaches() {
        for (pattern, prefix, depth) in [
            ("d/*.json", "d", Some(1)),
            ("./d/*.json", "./d", Some(1)),
            ("*.json", "", Some(1)),
            ("/*.json", "/", Some(1)),
            ("/srv/x/*/y/*.toml", "/srv/x", Some(3)),
            ("../cases/**/*.yaml", "../cases", None),
            ("**", "", None),
            ("{a,b}/c.json", "", Some(2)),
        ] {
            assert_eq!(
                literal_prefix(pattern),
                (PathBuf::from(prefix), depth),
                "{pattern}"
            );
        }
    }
}
