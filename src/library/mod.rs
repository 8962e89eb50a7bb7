//! The clause library: loads the declarative rule, vocabulary and profile files (embedded in the
//! binary, or from a directory), validates them with errors that name file and line, and compiles
//! them once into a [`Library`] that every analysis thread shares read-only.

pub mod catalogue;
pub mod schema;
pub mod terms;

use crate::finding::{Level, ReasonCode, Status};
use include_dir::{include_dir, Dir};
use regex::Regex;
use schema::{Criterion, CryptoMode, ProfileFile, RuleFile, Scope, VocabFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use terms::{SetId, Terms, TermsBuilder};

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/clause-library");

/// A library file could not be loaded: names the file and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct LibraryError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// The vocabularies the engine's universal checks rely on, in [`CORE_VOCABS`] order: the engine
/// asks for their sets by this name, not by string, on every judged clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreVocab {
    SupplierRoles,
    CustomerRoles,
    ModalStrong,
    ModalPermissive,
    Efforts,
    Discretion,
    Negation,
    LegalMinimum,
    VagueTime,
    RightGrant,
    ConditionalHedge,
    AmendmentCue,
}

/// Vocabularies the engine's universal checks rely on; every library must define them.
pub const CORE_VOCABS: [&str; 12] = [
    "supplier-roles",
    "customer-roles",
    "modal-strong",
    "modal-permissive",
    "efforts",
    "discretion",
    "negation",
    "legal-minimum",
    "vague-time",
    "right-grant",
    "conditional-hedge",
    "amendment-cue",
];

/// Whether a threshold is a ceiling (smaller is stricter) or a floor (larger is stricter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Max,
    Min,
}

/// A compiled criterion (see [`schema::Criterion`]).
#[derive(Debug, Clone)]
pub enum Check {
    Deadline {
        parameter: String,
        near: Option<SetId>,
        near_fallback: bool,
        any_bound: bool,
        required: bool,
        clock: bool,
        unless: Option<SetId>,
        scope: Scope,
    },
    MinDuration {
        parameter: String,
        near: Option<SetId>,
        required: bool,
        code: ReasonCode,
        unless: Option<SetId>,
        scope: Scope,
    },
    Frequency {
        parameter: String,
        near: Option<SetId>,
        required: bool,
        unless: Option<SetId>,
        scope: Scope,
    },
    Elements {
        min: usize,
        address: usize,
        elements: Vec<(String, SetId)>,
        scope: Scope,
        unless: Option<SetId>,
    },
    Require {
        set: SetId,
        near: Option<(SetId, usize)>,
        code: ReasonCode,
        message: String,
        scope: Scope,
        unless: Option<SetId>,
        unless_title: Option<SetId>,
        negatable: bool,
    },
    Forbid {
        set: SetId,
        near: Option<(SetId, usize)>,
        code: ReasonCode,
        message: String,
        scope: Scope,
        unless: Option<SetId>,
        unless_title: Option<SetId>,
        negatable: bool,
    },
    Crypto {
        mode: CryptoMode,
        parameter: String,
        scope: Scope,
    },
    Listed {
        standards: SetId,
    },
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub file: RuleFile,
    /// Where the rule was loaded from ("clause-library/incident-response/INC-NOTIFY-TIME.toml").
    pub source: String,
    pub groups: Vec<SetId>,
    pub exclude: Option<SetId>,
    pub confirm: Option<Regex>,
    pub checks: Vec<Check>,
    pub param_kinds: BTreeMap<String, ParamKind>,
    pub ignore: BTreeSet<String>,
    /// Reason codes this rule can give (for `explain`).
    pub reason_codes: BTreeSet<ReasonCode>,
    /// Built into the binary (a catalogue requirement), or a user's own rule.
    pub builtin: bool,
}

impl Rule {
    pub fn id(&self) -> &str {
        &self.file.id
    }

    /// The term sets of the rule's `forbid` criteria: its declared weak forms.
    pub fn forbid_sets(&self) -> impl Iterator<Item = SetId> + '_ {
        self.checks.iter().filter_map(|c| match c {
            Check::Forbid { set, .. } => Some(*set),
            _ => None,
        })
    }
}

/// A compiled profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub title: String,
    pub aliases: Vec<String>,
    /// Profiles whose requirements and thresholds this one takes over.
    pub includes: Vec<String>,
    pub required: Vec<String>,
    pub recommended: Vec<String>,
    pub thresholds: BTreeMap<String, BTreeMap<String, f64>>,
    /// How findings name this profile's thresholds ("NIS2: initial notice within 24 h").
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    pub source: String,
}

/// The compiled library, shared read-only by all analysis threads.
#[derive(Debug, Clone)]
pub struct Library {
    /// Rules in catalogue order.
    pub rules: Vec<Rule>,
    pub profiles: BTreeMap<String, Profile>,
    pub vocab: BTreeMap<String, SetId>,
    /// The terms of each vocabulary as written (for the few checks that work on words, not hits).
    pub vocab_terms: BTreeMap<String, Vec<String>>,
    pub terms: Terms,
    /// The set of each core vocabulary, indexed by [`CoreVocab`].
    core: [SetId; CORE_VOCABS.len()],
}

/// A threshold in force for one selected requirement, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdValue {
    pub value: f64,
    pub kind: ParamKind,
    /// The profile (or "config") whose number decided.
    pub source: String,
    /// How a finding names it: "NIS2: initial notice within 24 h", "config (clauselint.toml): …".
    pub label: String,
}

/// What a user's configuration adds to a selection: thresholds that win over every profile,
/// requirements left out, and requirements added (a user's own rules).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `[thresholds.ID] parameter = value`: wins over every profile.
    pub thresholds: BTreeMap<String, BTreeMap<String, f64>>,
    /// Requirement IDs not checked.
    pub disable: BTreeSet<String>,
    /// Requirements added at a level (a user's own rules).
    pub add: Vec<(String, Level)>,
    /// Where the overrides come from (the configuration file), for threshold labels.
    pub origin: String,
}

/// One requirement selected for a run.
#[derive(Debug, Clone)]
pub struct Selected {
    pub rule: usize,
    pub level: Level,
    pub thresholds: BTreeMap<String, ThresholdValue>,
}

/// The requirements a run checks, in catalogue order, with their thresholds.
#[derive(Debug, Clone)]
pub struct Selection {
    pub profiles: Vec<String>,
    pub entries: Vec<Selected>,
}

struct SourceFile {
    path: String,
    /// Path inside the library root, '/'-separated ("vocab/efforts.toml").
    rel: String,
    text: String,
    /// From a user's rule directory rather than the built-in library.
    user: bool,
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    let pos = text.find(needle)?;
    Some(text[..pos].matches('\n').count() + 1)
}

fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> LibraryError {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    LibraryError {
        file: path.to_string(),
        line,
        message: e.message().to_string(),
    }
}

fn embedded_files() -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![&EMBEDDED];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            if f.path().extension().and_then(|e| e.to_str()) == Some("toml") {
                out.push(SourceFile {
                    path: format!("clause-library/{}", f.path().display()),
                    rel: f.path().display().to_string().replace('\\', "/"),
                    text: f.contents_utf8().unwrap_or_default().to_string(),
                    user: false,
                });
            }
        }
        for d in dir.dirs() {
            stack.push(d);
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn dir_files(root: &Path, user: bool) -> Result<Vec<SourceFile>, LibraryError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| LibraryError {
            file: dir.display().to_string(),
            line: None,
            message: format!("cannot read directory: {e}"),
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|e| e.to_str()) == Some("toml") {
                let text = std::fs::read_to_string(&p).map_err(|e| LibraryError {
                    file: p.display().to_string(),
                    line: None,
                    message: format!("cannot read: {e}"),
                })?;
                let rel = p
                    .strip_prefix(root)
                    .unwrap_or(&p)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(SourceFile {
                    path: p.display().to_string(),
                    rel,
                    text,
                    user,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

impl Library {
    /// The library built into the binary.
    pub fn builtin() -> Result<Library, LibraryError> {
        Library::from_sources(embedded_files())
    }

    /// A library read from a directory laid out like `clause-library/`.
    pub fn from_dir(root: &Path) -> Result<Library, LibraryError> {
        Library::from_sources(dir_files(root, false)?)
    }

    /// The built-in library plus a user's rule directories (laid out like `clause-library/`: rule
    /// files in `<category>/`, optionally `vocab/` and `profiles/`). User rules may use their own IDs
    /// (not the catalogue's) and are validated and compiled exactly like the built-in ones.
    pub fn with_user_dirs(dirs: &[std::path::PathBuf]) -> Result<Library, LibraryError> {
        let mut files = embedded_files();
        for d in dirs {
            files.extend(dir_files(d, true)?);
        }
        Library::from_sources(files)
    }

    /// Whether a directory holds a complete library (all core vocabularies), rather than a user's
    /// additions to the built-in one.
    pub fn is_complete_library(root: &Path) -> bool {
        CORE_VOCABS
            .iter()
            .all(|v| root.join("vocab").join(format!("{v}.toml")).is_file())
    }

    fn from_sources(files: Vec<SourceFile>) -> Result<Library, LibraryError> {
        let mut rule_files = Vec::new();
        let mut vocab_files = Vec::new();
        let mut profile_files = Vec::new();
        for f in files {
            let norm = format!("/{}", f.rel);
            if norm.contains("/vocab/") {
                let v: VocabFile =
                    toml::from_str(&f.text).map_err(|e| toml_error(&f.path, &f.text, &e))?;
                vocab_files.push((f, v));
            } else if norm.contains("/profiles/") {
                let p: ProfileFile =
                    toml::from_str(&f.text).map_err(|e| toml_error(&f.path, &f.text, &e))?;
                profile_files.push((f, p));
            } else {
                let r: RuleFile =
                    toml::from_str(&f.text).map_err(|e| toml_error(&f.path, &f.text, &e))?;
                rule_files.push((f, r));
            }
        }

        let mut tb = TermsBuilder::default();
        let mut vocab = BTreeMap::new();
        let mut vocab_terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (f, v) in &vocab_files {
            let stem = file_stem(&f.path);
            if stem != v.name {
                return Err(LibraryError {
                    file: f.path.clone(),
                    line: line_of(&f.text, "name"),
                    message: format!("vocabulary name '{}' does not match the file name", v.name),
                });
            }
            if vocab.contains_key(&v.name) {
                return Err(err(
                    &f.path,
                    None,
                    format!("duplicate vocabulary '{}'", v.name),
                ));
            }
            vocab.insert(v.name.clone(), tb.add_set(&v.name, &v.terms));
            vocab_terms.insert(v.name.clone(), v.terms.clone());
        }
        let mut core = [SetId::MAX; CORE_VOCABS.len()];
        for (set, name) in core.iter_mut().zip(CORE_VOCABS) {
            *set = *vocab.get(name).ok_or_else(|| {
                err(
                    "clause-library/vocab",
                    None,
                    format!("missing core vocabulary '{name}.toml'"),
                )
            })?;
        }

        let mut rules: Vec<Rule> = Vec::new();
        let mut seen = BTreeSet::new();
        for (f, r) in rule_files {
            let rule = compile_rule(&f, r, &mut tb, &vocab_terms)?;
            if !seen.insert(rule.file.id.clone()) {
                return Err(err(
                    &f.path,
                    line_of(&f.text, "id"),
                    format!("duplicate requirement ID '{}'", rule.file.id),
                ));
            }
            rules.push(rule);
        }
        rules.sort_by(|a, b| {
            let pa = catalogue::position(a.id()).unwrap_or(usize::MAX);
            let pb = catalogue::position(b.id()).unwrap_or(usize::MAX);
            pa.cmp(&pb).then_with(|| a.id().cmp(b.id()))
        });

        let mut profiles = BTreeMap::new();
        for (f, p) in profile_files {
            if file_stem(&f.path) != p.name {
                return Err(err(
                    &f.path,
                    line_of(&f.text, "name"),
                    format!("profile name '{}' does not match the file name", p.name),
                ));
            }
            if profiles.contains_key(&p.name) {
                return Err(err(
                    &f.path,
                    line_of(&f.text, "name"),
                    format!("duplicate profile '{}'", p.name),
                ));
            }
            for id in p.labels.keys() {
                for param in p.labels[id].keys() {
                    if !p.thresholds.get(id).is_some_and(|t| t.contains_key(param)) {
                        return Err(err(
                            &f.path,
                            line_of(&f.text, param),
                            format!(
                                "label for '{id}.{param}', which the profile sets no threshold for"
                            ),
                        ));
                    }
                }
            }
            for id in p
                .required
                .iter()
                .chain(&p.recommended)
                .chain(p.thresholds.keys())
            {
                let Some(rule) = rules.iter().find(|r| r.id() == id) else {
                    return Err(err(
                        &f.path,
                        line_of(&f.text, id),
                        format!("profile names unknown requirement '{id}'"),
                    ));
                };
                if let Some(t) = p.thresholds.get(id) {
                    for param in t.keys() {
                        if !rule.param_kinds.contains_key(param) {
                            return Err(err(
                                &f.path,
                                line_of(&f.text, param),
                                format!("'{id}' has no parameter '{param}'"),
                            ));
                        }
                    }
                }
            }
            profiles.insert(
                p.name.clone(),
                Profile {
                    name: p.name,
                    title: p.title,
                    aliases: p.aliases,
                    includes: p.includes,
                    required: p.required,
                    recommended: p.recommended,
                    thresholds: p.thresholds,
                    labels: p.labels,
                    source: f.path.clone(),
                },
            );
        }
        let mut names: BTreeMap<&str, &str> = BTreeMap::new();
        for p in profiles.values() {
            for inc in &p.includes {
                if !profiles.contains_key(inc) {
                    return Err(err(
                        &p.source,
                        None,
                        format!("profile '{}' includes unknown profile '{inc}'", p.name),
                    ));
                }
            }
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                if let Some(other) = names.insert(n, &p.name) {
                    if other != p.name || n != &p.name {
                        return Err(err(
                            &p.source,
                            None,
                            format!("profile name or alias '{n}' is used twice"),
                        ));
                    }
                }
            }
        }
        let terms = tb.build().map_err(|e| {
            err(
                "clause-library",
                None,
                format!("cannot build term automaton: {e}"),
            )
        })?;
        Ok(Library {
            rules,
            profiles,
            vocab,
            vocab_terms,
            terms,
            core,
        })
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id().eq_ignore_ascii_case(id))
    }

    /// The words of a vocabulary, lowercased.
    pub fn vocab_words(&self, name: &str) -> Vec<String> {
        self.vocab_terms
            .get(name)
            .map(|t| t.iter().map(|w| w.to_ascii_lowercase()).collect())
            .unwrap_or_default()
    }

    /// The term set of a core vocabulary.
    pub fn core_set(&self, vocab: CoreVocab) -> SetId {
        self.core[vocab as usize]
    }

    /// Looks up a profile by name or alias.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name).or_else(|| {
            self.profiles
                .values()
                .find(|p| p.aliases.iter().any(|a| a == name))
        })
    }

    /// Selects the requirements of the given profiles: the union, required winning over recommended,
    /// the strictest threshold winning.
    pub fn select(&self, names: &[String]) -> Result<Selection, String> {
        self.select_with(names, &Overrides::default())
    }

    /// The named profiles followed by everything they include (each profile once, cycles ignored).
    pub fn expand_profiles(&self, names: &[String]) -> Result<Vec<&Profile>, String> {
        let mut out: Vec<&Profile> = Vec::new();
        for name in names {
            let p = self.profile(name).ok_or_else(|| {
                format!(
                    "unknown profile '{name}' (known: {})",
                    self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
                )
            })?;
            self.push_with_includes(p, &mut out);
        }
        Ok(out)
    }

    fn push_with_includes<'a>(&'a self, p: &'a Profile, out: &mut Vec<&'a Profile>) {
        if out.iter().any(|q| q.name == p.name) {
            return;
        }
        out.push(p);
        for inc in &p.includes {
            if let Some(q) = self.profiles.get(inc) {
                self.push_with_includes(q, out);
            }
        }
    }

    /// Selects the requirements of the given profiles (and the profiles they include): the union,
    /// required winning over recommended; for each threshold the strictest number of the profiles
    /// that select or set it (a profile that does not set a number uses the rule's default), and a
    /// threshold in `overrides` over all of them. Disabled requirements are left out.
    pub fn select_with(
        &self,
        names: &[String],
        overrides: &Overrides,
    ) -> Result<Selection, String> {
        let expanded = self.expand_profiles(names)?;
        let mut profiles: Vec<String> = Vec::new();
        for name in names {
            if let Some(p) = self.profile(name) {
                if !profiles.contains(&p.name) {
                    profiles.push(p.name.clone());
                }
            }
        }
        let index_of = |id: &str| self.rules.iter().position(|r| r.id() == id);
        let mut level: BTreeMap<usize, Level> = BTreeMap::new();
        let mut raise = |idx: usize, lvl: Level| {
            let e = level.entry(idx).or_insert(lvl);
            if lvl < *e {
                *e = lvl;
            }
        };
        for prof in &expanded {
            for (ids, lvl) in [
                (&prof.required, Level::Required),
                (&prof.recommended, Level::Recommended),
            ] {
                for id in ids {
                    if let Some(idx) = index_of(id) {
                        raise(idx, lvl);
                    }
                }
            }
        }
        for (id, lvl) in &overrides.add {
            let idx = index_of(id).ok_or_else(|| format!("unknown requirement '{id}'"))?;
            raise(idx, *lvl);
        }
        for id in &overrides.disable {
            let idx =
                index_of(id).ok_or_else(|| format!("cannot disable unknown requirement '{id}'"))?;
            level.remove(&idx);
        }
        for (id, params) in &overrides.thresholds {
            let rule = self
                .rules
                .iter()
                .find(|r| r.id() == id)
                .ok_or_else(|| format!("threshold for unknown requirement '{id}'"))?;
            for param in params.keys() {
                if !rule.param_kinds.contains_key(param) {
                    let known: Vec<&str> = rule.param_kinds.keys().map(String::as_str).collect();
                    return Err(format!(
                        "'{id}' has no parameter '{param}' (it has: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ));
                }
            }
        }

        let mut entries = Vec::new();
        for (idx, lvl) in level {
            let rule = &self.rules[idx];
            let id = rule.id();
            let mut thresholds = BTreeMap::new();
            for (param, &default) in &rule.file.parameters {
                let kind = rule
                    .param_kinds
                    .get(param)
                    .copied()
                    .unwrap_or(ParamKind::Max);
                if let Some(&value) = overrides.thresholds.get(id).and_then(|t| t.get(param)) {
                    let origin = if overrides.origin.is_empty() {
                        "configuration"
                    } else {
                        overrides.origin.as_str()
                    };
                    thresholds.insert(
                        param.clone(),
                        ThresholdValue {
                            value,
                            kind,
                            source: "config".into(),
                            label: format!("config ({origin}): {param} = {}", fmt_value(value)),
                        },
                    );
                    continue;
                }
                let mut best: Option<ThresholdValue> = None;
                for prof in &expanded {
                    let own = prof.thresholds.get(id).and_then(|t| t.get(param)).copied();
                    let selects = prof
                        .required
                        .iter()
                        .chain(&prof.recommended)
                        .any(|r| r == id);
                    if own.is_none() && !selects {
                        continue;
                    }
                    let value = own.unwrap_or(default);
                    let label = match own {
                        Some(v) => prof
                            .labels
                            .get(id)
                            .and_then(|l| l.get(param))
                            .cloned()
                            .unwrap_or_else(|| {
                                format!("{}: {param} = {}", prof.name, fmt_value(v))
                            }),
                        None => {
                            format!("{}: rule default {param} = {}", prof.name, fmt_value(value))
                        }
                    };
                    if best.as_ref().is_none_or(|b| stricter(kind, value, b.value)) {
                        best = Some(ThresholdValue {
                            value,
                            kind,
                            source: prof.name.clone(),
                            label,
                        });
                    }
                }
                let t = best.unwrap_or_else(|| ThresholdValue {
                    value: default,
                    kind,
                    source: "default".into(),
                    label: format!("rule default {param} = {}", fmt_value(default)),
                });
                thresholds.insert(param.clone(), t);
            }
            entries.push(Selected {
                rule: idx,
                level: lvl,
                thresholds,
            });
        }
        Ok(Selection { profiles, entries })
    }
}

fn fmt_value(v: f64) -> String {
    format!("{v}")
}

fn stricter(kind: ParamKind, new: f64, old: f64) -> bool {
    match kind {
        ParamKind::Max => new < old,
        ParamKind::Min => new > old,
    }
}

fn err(file: &str, line: Option<usize>, message: String) -> LibraryError {
    LibraryError {
        file: file.to_string(),
        line,
        message,
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

fn parent_dir(path: &str) -> &str {
    let mut parts = path.rsplit(['/', '\\']);
    parts.next();
    parts.next().unwrap_or("")
}

fn compile_rule(
    f: &SourceFile,
    r: RuleFile,
    tb: &mut TermsBuilder,
    vocab_terms: &BTreeMap<String, Vec<String>>,
) -> Result<Rule, LibraryError> {
    let path = &f.path;
    let at = |needle: &str| line_of(&f.text, needle);
    if file_stem(path) != r.id {
        return Err(err(
            path,
            at("id"),
            format!("requirement ID '{}' does not match the file name", r.id),
        ));
    }
    let (category, severity) = match catalogue::position(&r.id) {
        Some(pos) => {
            let (_, category, severity) = catalogue::CATALOGUE[pos];
            (category.to_string(), severity.to_string())
        }
        None if f.user => {
            // A user's own requirement: its own ID, category and severity, in the same shapes.
            let id_ok = !r.id.is_empty()
                && r.id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(err(
                    path,
                    at("id"),
                    format!(
                        "requirement ID '{}' must use upper-case letters, digits and '-'",
                        r.id
                    ),
                ));
            }
            let slug_ok = !r.category.is_empty()
                && r.category
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !slug_ok {
                return Err(err(
                    path,
                    at("category"),
                    format!("category '{}' must be a lower-case slug", r.category),
                ));
            }
            if !["high", "medium", "low"].contains(&r.severity.as_str()) {
                return Err(err(
                    path,
                    at("severity"),
                    format!("severity '{}' should be high, medium or low", r.severity),
                ));
            }
            (r.category.clone(), r.severity.clone())
        }
        None => {
            return Err(err(
                path,
                at("id"),
                format!("'{}' is not a requirement ID of the catalogue", r.id),
            ))
        }
    };
    if r.category != category {
        return Err(err(
            path,
            at("category"),
            format!("category '{}' should be '{category}'", r.category),
        ));
    }
    if parent_dir(path) != category {
        return Err(err(
            path,
            None,
            format!("rule file must be in the folder '{category}/'"),
        ));
    }
    if r.severity != severity {
        return Err(err(
            path,
            at("severity"),
            format!("severity '{}' should be '{severity}'", r.severity),
        ));
    }
    if r.locate.groups.is_empty() || r.locate.groups.iter().any(Vec::is_empty) {
        return Err(err(
            path,
            at("groups"),
            "locate.groups needs non-empty term lists".into(),
        ));
    }
    let confirm = match &r.locate.confirm {
        Some(re) => Some(
            regex::RegexBuilder::new(re)
                .case_insensitive(true)
                .build()
                .map_err(|e| err(path, at("confirm"), format!("bad regex: {e}")))?,
        ),
        None => None,
    };
    let id = r.id.clone();
    // "@name" in a locate list stands for the terms of vocabulary `name` (shared word lists, such
    // as the ways a notice is given or the look-alikes of a contract breach).
    let expand = |terms: &[String]| -> Result<Vec<String>, LibraryError> {
        let mut all = Vec::with_capacity(terms.len());
        for t in terms {
            match t.strip_prefix('@') {
                Some(v) => all.extend(
                    vocab_terms
                        .get(v)
                        .ok_or_else(|| err(path, at(t), format!("unknown vocabulary '{v}'")))?
                        .iter()
                        .cloned(),
                ),
                None => all.push(t.clone()),
            }
        }
        Ok(all)
    };
    let mut groups = Vec::new();
    for (i, g) in r.locate.groups.iter().enumerate() {
        groups.push(tb.add_set(&format!("{id}/group{i}"), &expand(g)?));
    }
    let opt_set = |tb: &mut TermsBuilder, name: &str, terms: &[String]| -> Option<SetId> {
        if terms.is_empty() {
            None
        } else {
            Some(tb.add_set(&format!("{id}/{name}"), terms))
        }
    };
    let exclude = opt_set(tb, "exclude", &expand(&r.locate.exclude)?);
    let mut checks = Vec::new();
    let mut param_kinds = BTreeMap::new();
    let mut reason_codes = BTreeSet::new();
    let check_param = |p: &str| -> Result<(), LibraryError> {
        if r.parameters.contains_key(p) {
            Ok(())
        } else {
            Err(err(
                path,
                at(p),
                format!("criterion uses parameter '{p}' that [parameters] does not define"),
            ))
        }
    };
    let code_of = |c: &str| -> Result<ReasonCode, LibraryError> {
        ReasonCode::parse(c).ok_or_else(|| err(path, at(c), format!("unknown reason code '{c}'")))
    };
    let with_vocab = |terms: &[String], vocab: &[String]| -> Result<Vec<String>, LibraryError> {
        let mut all = expand(terms)?;
        for v in vocab {
            let t = vocab_terms
                .get(v)
                .ok_or_else(|| err(path, at(v), format!("unknown vocabulary '{v}'")))?;
            all.extend(t.iter().cloned());
        }
        Ok(all)
    };
    for (i, c) in r.criteria.iter().enumerate() {
        let name = format!("criterion{i}");
        let check = match c {
            Criterion::Deadline {
                parameter,
                near,
                near_fallback,
                any_bound,
                required,
                clock,
                unless,
                scope,
            } => {
                check_param(parameter)?;
                param_kinds.insert(parameter.clone(), ParamKind::Max);
                reason_codes.extend([
                    ReasonCode::DeadlineExceeds,
                    ReasonCode::SoftCap,
                    ReasonCode::Placeholder,
                    ReasonCode::UnresolvedReference,
                ]);
                if *required {
                    reason_codes.insert(ReasonCode::NoDeadline);
                }
                if *clock {
                    reason_codes.insert(ReasonCode::LateClockStart);
                }
                Check::Deadline {
                    parameter: parameter.clone(),
                    near: opt_set(tb, &format!("{name}/near"), near),
                    near_fallback: *near_fallback,
                    any_bound: *any_bound,
                    required: *required,
                    clock: *clock,
                    unless: opt_set(tb, &format!("{name}/unless"), unless),
                    scope: *scope,
                }
            }
            Criterion::MinDuration {
                parameter,
                near,
                required,
                code,
                unless,
                scope,
            } => {
                check_param(parameter)?;
                param_kinds.insert(parameter.clone(), ParamKind::Min);
                let code = code_of(code)?;
                reason_codes.insert(code);
                if *required {
                    reason_codes.insert(ReasonCode::MissingElement);
                }
                Check::MinDuration {
                    parameter: parameter.clone(),
                    near: opt_set(tb, &format!("{name}/near"), near),
                    required: *required,
                    code,
                    unless: opt_set(tb, &format!("{name}/unless"), unless),
                    scope: *scope,
                }
            }
            Criterion::Frequency {
                parameter,
                near,
                required,
                unless,
                scope,
            } => {
                check_param(parameter)?;
                param_kinds.insert(parameter.clone(), ParamKind::Max);
                reason_codes.insert(ReasonCode::FrequencyTooLow);
                Check::Frequency {
                    parameter: parameter.clone(),
                    near: opt_set(tb, &format!("{name}/near"), near),
                    required: *required,
                    unless: opt_set(tb, &format!("{name}/unless"), unless),
                    scope: *scope,
                }
            }
            Criterion::Elements {
                min,
                address,
                elements,
                scope,
                unless,
            } => {
                if *min == 0 || *min > elements.len() {
                    return Err(err(
                        path,
                        at("min"),
                        format!("elements.min must be between 1 and {}", elements.len()),
                    ));
                }
                reason_codes.insert(ReasonCode::MissingElement);
                let mut els = Vec::new();
                for (ename, terms) in elements {
                    els.push((
                        ename.clone(),
                        tb.add_set(&format!("{id}/{name}/{ename}"), terms),
                    ));
                }
                Check::Elements {
                    min: *min,
                    address: *address,
                    elements: els,
                    scope: *scope,
                    unless: opt_set(tb, &format!("{name}/unless"), unless),
                }
            }
            Criterion::Require {
                terms,
                vocab,
                near,
                window,
                code,
                message,
                scope,
                unless,
                unless_title,
                ..
            }
            | Criterion::Forbid {
                terms,
                vocab,
                near,
                window,
                code,
                message,
                scope,
                unless,
                unless_title,
                ..
            } => {
                let negatable = matches!(
                    c,
                    Criterion::Forbid {
                        negatable: true,
                        ..
                    } | Criterion::Require {
                        negatable: true,
                        ..
                    }
                );
                let all = with_vocab(terms, vocab)?;
                if all.is_empty() {
                    return Err(err(path, at(code), "criterion has no terms".into()));
                }
                let code = code_of(code)?;
                reason_codes.insert(code);
                let set = tb.add_set(&format!("{id}/{name}"), &all);
                let unless = opt_set(tb, &format!("{name}/unless"), unless);
                let unless_title = opt_set(tb, &format!("{name}/unless_title"), unless_title);
                let near = opt_set(tb, &format!("{name}/near"), near).map(|s| (s, *window));
                if matches!(c, Criterion::Require { .. }) {
                    Check::Require {
                        set,
                        near,
                        code,
                        message: message.clone(),
                        scope: *scope,
                        unless,
                        unless_title,
                        negatable,
                    }
                } else {
                    Check::Forbid {
                        set,
                        near,
                        code,
                        message: message.clone(),
                        scope: *scope,
                        unless,
                        unless_title,
                        negatable,
                    }
                }
            }
            Criterion::Listed { terms, vocab } => {
                let all = with_vocab(terms, vocab)?;
                if all.is_empty() {
                    return Err(err(
                        path,
                        at("listed"),
                        "listed criterion has no terms".into(),
                    ));
                }
                reason_codes.extend([
                    ReasonCode::VagueStandard,
                    ReasonCode::UnresolvedReference,
                    ReasonCode::Placeholder,
                ]);
                Check::Listed {
                    standards: tb.add_set(&format!("{id}/{name}"), &all),
                }
            }
            Criterion::Crypto {
                mode,
                parameter,
                scope,
            } => {
                check_param(parameter)?;
                param_kinds.insert(parameter.clone(), ParamKind::Min);
                reason_codes.extend([ReasonCode::VagueStandard, ReasonCode::WeakCrypto]);
                Check::Crypto {
                    mode: *mode,
                    parameter: parameter.clone(),
                    scope: *scope,
                }
            }
        };
        checks.push(check);
    }
    for p in r.parameters.keys() {
        if !param_kinds.contains_key(p) {
            return Err(err(
                path,
                at(p),
                format!("parameter '{p}' is not used by any criterion"),
            ));
        }
    }
    let known_universal = [
        "permissive-modal",
        "efforts-standard",
        "discretion",
        "negated",
        "placeholder",
        "legal-minimum",
    ];
    for i in &r.ignore {
        if !known_universal.contains(&i.as_str()) {
            return Err(err(
                path,
                at(i),
                format!(
                    "ignore: '{i}' is not a universal check ({})",
                    known_universal.join(", ")
                ),
            ));
        }
    }
    for u in known_universal {
        if !r.ignore.iter().any(|i| i == u) {
            reason_codes.insert(match u {
                "permissive-modal" => ReasonCode::PermissiveModal,
                "efforts-standard" => ReasonCode::EffortsStandard,
                "discretion" => ReasonCode::Discretion,
                "negated" => ReasonCode::Negated,
                "placeholder" => ReasonCode::Placeholder,
                _ => ReasonCode::NarrowedScope,
            });
        }
    }
    reason_codes.insert(ReasonCode::Conflict);
    // Examples: at least one of each status, and weak examples name known reasons that the rule can give.
    for status in ["satisfied", "weak", "missing"] {
        if !r.examples.iter().any(|e| e.status == status) {
            return Err(err(
                path,
                None,
                format!("needs at least one '{status}' example"),
            ));
        }
    }
    for e in &r.examples {
        let Some(st) = Status::parse(&e.status) else {
            return Err(err(
                path,
                at(&e.status),
                format!(
                    "example status '{}' is not satisfied, weak or missing",
                    e.status
                ),
            ));
        };
        if st == Status::Weak && e.reasons.is_empty() {
            return Err(err(
                path,
                at(e.text.lines().next().unwrap_or("")),
                "a weak example must name the reason(s) it must produce".into(),
            ));
        }
        for reason in &e.reasons {
            let code = code_of(reason)?;
            if !reason_codes.contains(&code) {
                return Err(err(
                    path,
                    at(reason),
                    format!("example expects reason '{reason}' that this rule cannot give"),
                ));
            }
        }
    }
    let ignore = r.ignore.iter().cloned().collect();
    Ok(Rule {
        builtin: !f.user,
        source: path.clone(),
        groups,
        exclude,
        confirm,
        checks,
        param_kinds,
        ignore,
        reason_codes,
        file: r,
    })
}

impl Library {
    /// A selection of one rule with its default thresholds (for running the rule's own examples).
    pub fn select_one(&self, rule: usize) -> Selection {
        let r = &self.rules[rule];
        let thresholds = r
            .file
            .parameters
            .iter()
            .map(|(p, &v)| {
                (
                    p.clone(),
                    ThresholdValue {
                        value: v,
                        kind: r.param_kinds.get(p).copied().unwrap_or(ParamKind::Max),
                        source: "default".into(),
                        label: format!("rule default {p} = {}", fmt_value(v)),
                    },
                )
            })
            .collect();
        Selection {
            profiles: Vec::new(),
            entries: vec![Selected {
                rule,
                level: Level::Required,
                thresholds,
            }],
        }
    }
}
