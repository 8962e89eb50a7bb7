//! Input discovery: expands the command line (paths, `--files-from`) into the ordered list of files to
//! analyse, with the walk rules (no gitignore by default, hidden and `~$` lock files skipped, symlinks
//! followed only on request, loops survived), `--glob` filters, `--shard` selection and per-kind
//! counts of the files a walk skipped.

use super::shard::{shard_key, Shard};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One file to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How the report names it.
    pub shown: String,
    /// The path relative to its directory argument ('/'-separated): the shard key.
    pub key: String,
    /// Known before reading: the walk could not read this entry.
    pub error: Option<String>,
}

/// How to walk directories.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (loops are detected and skipped).
    pub follow: bool,
    /// Honour .gitignore, .ignore and git exclude files (off: an archive is not a repository).
    pub gitignore: bool,
    /// `--glob` patterns; a leading `!` excludes. Matched against the path relative to the directory
    /// argument; applied to files found by walking, not to files named explicitly.
    pub globs: Vec<String>,
    /// Only this share of the inputs.
    pub shard: Option<Shard>,
}

/// Counts of files a walk met but did not analyse, per kind (".pdf", ".doc", "symlink", …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkipCounts(pub BTreeMap<String, u32>);

impl SkipCounts {
    pub fn add(&mut self, kind: &str) {
        *self.0.entry(kind.to_string()).or_insert(0) += 1;
    }

    pub fn total(&self) -> u32 {
        self.0.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for SkipCounts {
    /// "12 .pdf, 3 .doc"
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::report::skipped_kinds_text(&self.0))
    }
}

/// The result of discovery.
#[derive(Debug, Clone, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub skipped: SkipCounts,
    /// Things worth telling the user that are not errors (symlink loops).
    pub warnings: Vec<String>,
}

/// Why discovery could not start.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("invalid --glob {glob:?}: {message}")]
    Glob { glob: String, message: String },
    #[error("cannot read --files-from {source_name}: {message}")]
    FilesFrom {
        source_name: String,
        message: String,
    },
}

/// What a walk does with a file, by its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Markdown, text or DOCX: analysed (the content decides the reader).
    Supported,
    /// Not analysed; counted under this label.
    Skipped(String),
}

/// Classifies a walked file by its name.
pub fn classify(path: &Path) -> Kind {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => {
            let ext = ext.to_ascii_lowercase();
            match ext.as_str() {
                "md" | "markdown" | "txt" | "docx" => Kind::Supported,
                _ => Kind::Skipped(format!(".{ext}")),
            }
        }
        None => Kind::Skipped("no extension".into()),
    }
}

/// Reads a `--files-from` list: one path per line, blank lines ignored; "-" is standard input.
pub fn read_files_from(source: &Path) -> Result<Vec<PathBuf>, DiscoverError> {
    let name = source.display().to_string();
    let err = |e: std::io::Error| DiscoverError::FilesFrom {
        source_name: name.clone(),
        message: e.to_string(),
    };
    let reader: Box<dyn BufRead> = if source == Path::new("-") {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(source).map_err(err)?,
        ))
    };
    let mut out = Vec::new();
    // Lines are read as bytes: a file name need not be UTF-8 (names from old Windows shares).
    for line in reader.split(b'\n') {
        let mut line = line.map_err(err)?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        out.push(path_from_bytes(line));
    }
    Ok(out)
}

/// A path from the bytes of its name: as they are on Unix, read as UTF-8 (invalid bytes replaced)
/// elsewhere.
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

struct Globs {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Globs {
    fn new(patterns: &[String]) -> Result<Globs, DiscoverError> {
        let mut inc = GlobSetBuilder::new();
        let mut exc = GlobSetBuilder::new();
        let (mut n_inc, mut n_exc) = (0, 0);
        for p in patterns {
            let (neg, pat) = match p.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, p.as_str()),
            };
            let glob = Glob::new(pat).map_err(|e| DiscoverError::Glob {
                glob: p.clone(),
                message: e.kind().to_string(),
            })?;
            if neg {
                exc.add(glob);
                n_exc += 1;
            } else {
                inc.add(glob);
                n_inc += 1;
            }
        }
        let build = |b: GlobSetBuilder, n: usize| -> Result<Option<GlobSet>, DiscoverError> {
            if n == 0 {
                return Ok(None);
            }
            b.build().map(Some).map_err(|e| DiscoverError::Glob {
                glob: patterns.join(" "),
                message: e.kind().to_string(),
            })
        };
        Ok(Globs {
            include: build(inc, n_inc)?,
            exclude: build(exc, n_exc)?,
        })
    }

    fn accepts(&self, rel: &str) -> bool {
        if let Some(ex) = &self.exclude {
            if ex.is_match(rel) {
                return false;
            }
        }
        match &self.include {
            Some(inc) => inc.is_match(rel),
            None => true,
        }
    }
}

/// Expands the arguments in order: a directory becomes its supported files (sorted by name within each
/// directory, depth first), anything else is taken as a file named explicitly (read whatever its name;
/// an unreadable one becomes an error entry).
pub fn discover(args: &[PathBuf], opts: &WalkOptions) -> Result<Discovered, DiscoverError> {
    let globs = Globs::new(&opts.globs)?;
    let mut out = Discovered::default();
    // A file reached twice (named twice, inside two directory arguments, or through a followed
    // link) is checked and counted once, where it is first reached.
    let mut seen = (args.len() > 1 || opts.follow).then(Seen::default);
    for arg in args {
        if arg.is_dir() {
            walk_dir(arg, opts, &globs, &mut out, seen.as_mut());
        } else if seen.as_mut().is_some_and(|s| !s.first_time(arg)) {
            continue;
        } else {
            out.inputs.push(Input {
                path: arg.clone(),
                shown: arg.display().to_string(),
                key: shard_key(arg),
                error: None,
            });
        }
    }
    if let Some(shard) = opts.shard {
        out.inputs.retain(|i| shard.owns(&i.key));
    }
    if let Some(seen) = seen.filter(|s| s.repeats > 0) {
        out.warnings.push(format!(
            "{} path(s) reached more than once; each file is checked once",
            seen.repeats
        ));
    }
    Ok(out)
}

/// The files a run has reached, by canonical path.
#[derive(Default)]
struct Seen {
    files: std::collections::HashSet<PathBuf>,
    repeats: usize,
}

impl Seen {
    /// False if the file was reached before. A path that cannot be resolved counts as new (its
    /// error is reported where it is read).
    fn first_time(&mut self, path: &Path) -> bool {
        let Ok(canonical) = std::fs::canonicalize(path) else {
            return true;
        };
        let new = self.files.insert(canonical);
        self.repeats += usize::from(!new);
        new
    }
}

fn walk_dir(
    root: &Path,
    opts: &WalkOptions,
    globs: &Globs,
    out: &mut Discovered,
    mut seen: Option<&mut Seen>,
) {
    let mut b = ignore::WalkBuilder::new(root);
    b.standard_filters(false)
        .hidden(true)
        .follow_links(opts.follow)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with("~$"));
    if opts.gitignore {
        b.git_ignore(true)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false);
    }
    for entry in b.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                walk_error(root, opts, e, out);
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        // A file `--glob` leaves out, or another shard's, is outside this run: neither analysed
        // nor counted as skipped (so the shards' skipped counts add up to the archive's).
        let key = shard_key(rel);
        if !globs.accepts(&key) || opts.shard.is_some_and(|s| !s.owns(&key)) {
            continue;
        }
        if ft.is_symlink() {
            // Only reached without --follow (with it, the walker resolves links).
            out.skipped.add("symlink");
            continue;
        }
        if !ft.is_file() {
            out.skipped.add("special file");
            continue;
        }
        if seen.as_mut().is_some_and(|s| !s.first_time(path)) {
            continue;
        }
        match classify(path) {
            Kind::Skipped(kind) => out.skipped.add(&kind),
            Kind::Supported => {
                out.inputs.push(Input {
                    path: path.to_path_buf(),
                    shown: path.display().to_string(),
                    key,
                    error: None,
                });
            }
        }
    }
}

/// A loop is a warning (the walk goes on); an unreadable directory or entry becomes an error entry so
/// the run says that part of the archive was not checked.
fn walk_error(root: &Path, opts: &WalkOptions, err: ignore::Error, out: &mut Discovered) {
    let (path, inner) = unwrap_error(err, None);
    match inner {
        ignore::Error::Loop { ancestor, child } => {
            let key = shard_key(child.strip_prefix(root).unwrap_or(&child));
            if opts.shard.is_some_and(|s| !s.owns(&key)) {
                return;
            }
            out.warnings.push(format!(
                "{}: symbolic link loop to {}, not followed",
                child.display(),
                ancestor.display()
            ));
            out.skipped.add("symlink loop");
        }
        other => {
            let path = path.unwrap_or_else(|| root.to_path_buf());
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let message = match other.io_error() {
                Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                    "cannot read: permission denied".to_string()
                }
                Some(io) => format!("cannot read: {io}"),
                None => format!("cannot read: {other}"),
            };
            out.inputs.push(Input {
                shown: path.display().to_string(),
                path,
                key: shard_key(&rel),
                error: Some(message),
            });
        }
    }
}

fn unwrap_error(err: ignore::Error, path: Option<PathBuf>) -> (Option<PathBuf>, ignore::Error) {
    match err {
        ignore::Error::WithPath { path, err } => unwrap_error(*err, Some(path)),
        ignore::Error::WithDepth { err, .. } => unwrap_error(*err, path),
        ignore::Error::WithLineNumber { err, .. } => unwrap_error(*err, path),
        other => (path, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_by_extension() {
        assert_eq!(classify(Path::new("a/B.DOCX")), Kind::Supported);
        assert_eq!(classify(Path::new("a.markdown")), Kind::Supported);
        assert_eq!(classify(Path::new("a.pdf")), Kind::Skipped(".pdf".into()));
        assert_eq!(
            classify(Path::new("README")),
            Kind::Skipped("no extension".into())
        );
    }

    #[test]
    fn skip_counts_display_most_frequent_first() {
        let mut s = SkipCounts::default();
        for _ in 0..3 {
            s.add(".doc");
        }
        for _ in 0..12 {
            s.add(".pdf");
        }
        assert_eq!(s.to_string(), "12 .pdf, 3 .doc");
        assert_eq!(s.total(), 15);
    }

    #[test]
    fn globs_include_and_exclude() {
        let g = Globs::new(&["*.md".into(), "!drafts/**".into()]).expect("globs");
        assert!(g.accepts("a/b.md"));
        assert!(!g.accepts("drafts/b.md"));
        assert!(!g.accepts("a/b.docx"));
    }
}
