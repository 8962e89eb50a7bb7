//! Reports: the run's results as one model (documents with their findings and summaries) and the
//! printers that render it. Printers only read the model; each format is its own module.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod terminal;
pub mod xlsx;

use crate::finding::{Finding, StatusCounts};
use crate::library::Library;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The result for one input document.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DocumentReport<'a> {
    pub path: String,
    /// "markdown", "docx" or "text"; absent when the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub error: Option<String>,
    pub findings: Vec<Finding<'a>>,
    pub summary: StatusCounts,
}

/// Tool name and version.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// Totals over all documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RunSummary {
    pub documents: u32,
    pub errors: u32,
    pub skipped: u32,
    pub satisfied: u32,
    pub weak: u32,
    pub missing: u32,
    /// The files counted in `skipped`, per kind: the lower-cased extension (".pdf", ".doc") or
    /// "symlink", "symlink loop", "special file", "no extension"; keys in sorted order. Omitted when
    /// nothing was skipped.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped_by_kind: BTreeMap<String, u32>,
}

/// Skipped files per kind, most frequent first (ties by name): the order every report shows.
pub fn skipped_kinds_sorted(by_kind: &BTreeMap<String, u32>) -> Vec<(&str, u32)> {
    let mut kinds: Vec<(&str, u32)> = by_kind.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    kinds
}

/// Skipped files per kind as a phrase: "12 .pdf, 3 .doc".
pub fn skipped_kinds_text(by_kind: &BTreeMap<String, u32>) -> String {
    skipped_kinds_sorted(by_kind)
        .into_iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl RunSummary {
    /// Counts one document: whether it could not be read, and its findings' statuses.
    pub fn count(&mut self, errored: bool, statuses: &StatusCounts) {
        self.documents += 1;
        if errored {
            self.errors += 1;
        }
        self.satisfied += statuses.satisfied;
        self.weak += statuses.weak;
        self.missing += statuses.missing;
    }
}

impl Tool {
    /// This program.
    pub fn clauselint() -> Tool {
        Tool {
            name: "clauselint".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The whole run: what `--format json` prints (see ../shared/spec/report-json.md).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub tool: Tool,
    pub profiles: Vec<String>,
    pub documents: Vec<DocumentReport<'a>>,
    pub summary: RunSummary,
}

pub const SCHEMA_VERSION: u32 = 1;

impl<'a> Report<'a> {
    pub fn new(profiles: Vec<String>, documents: Vec<DocumentReport<'a>>) -> Report<'a> {
        let mut summary = RunSummary::default();
        for d in &documents {
            summary.count(d.error.is_some(), &d.summary);
        }
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::clauselint(),
            profiles,
            documents,
            summary,
        }
    }
}

impl<'a> DocumentReport<'a> {
    pub fn ok(path: String, format: &str, sha256: String, findings: Vec<Finding<'a>>) -> Self {
        let summary = StatusCounts::of(&findings);
        DocumentReport {
            path,
            format: Some(format.to_string()),
            sha256: Some(sha256),
            error: None,
            findings,
            summary,
        }
    }

    pub fn error(path: String, message: String) -> Self {
        DocumentReport {
            path,
            format: None,
            sha256: None,
            error: Some(message),
            findings: Vec::new(),
            summary: StatusCounts::default(),
        }
    }
}

/// The report formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable: summary lines and annotated snippets (styled when `color` is set).
    Text,
    /// The JSON contract (../shared/spec/report-json.md).
    Json,
    /// One JSON line per document.
    Jsonl,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// One self-contained HTML file.
    Html,
    /// A compact Markdown report for pull-request or ticket comments.
    Markdown,
    /// One CSV row per document and requirement.
    Csv,
}

/// What the printers may need besides the report itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    /// Only the summary lines (text).
    pub quiet: bool,
    /// Also list satisfied requirements (text, markdown).
    pub show_satisfied: bool,
    /// ANSI colours (text).
    pub color: bool,
    /// The clause library, for rule documentation (SARIF rules); without it the printers fall back to
    /// what the findings carry.
    pub library: Option<&'a Library>,
    /// The contract text per document path (HTML); documents without it are shown through their quotes.
    pub texts: Option<&'a BTreeMap<String, html::ContractText>>,
}

/// Renders `report` in `format` into `out`.
pub fn write(
    out: &mut dyn Write,
    report: &Report,
    format: Format,
    opts: &WriteOptions<'_>,
) -> std::io::Result<()> {
    match format {
        Format::Text => terminal::write(out, report, opts),
        Format::Json => json::write(out, report),
        Format::Jsonl => report
            .documents
            .iter()
            .try_for_each(|d| json::write_line(out, d)),
        Format::Sarif => sarif::write(out, report, opts),
        Format::Html => html::write(out, report, opts),
        Format::Markdown => markdown::write(out, report, opts),
        Format::Csv => csv::write(out, report),
    }
}

/// A short label for a highlight: the reason code in words ("no deadline", "efforts standard") when
/// the label is a code's description, else the label up to its first colon or parenthesis.
pub fn short_label(label: &str) -> String {
    if let Some(c) = crate::finding::ReasonCode::ALL
        .iter()
        .find(|c| c.description() == label)
    {
        return c.as_str().replace('-', " ");
    }
    let cut = label.find([':', '(']).unwrap_or(label.len());
    let short = label[..cut].trim();
    if short.is_empty() { label } else { short }.to_string()
}
