//! Reports: the run's results as one model (documents with their findings and summaries) and the
//! printers that render it. Printers only read the model; each format is its own module.

pub mod json;
pub mod text;
pub mod xlsx;

use crate::finding::{Finding, StatusCounts};
use serde::Serialize;

/// The result for one input document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    pub path: String,
    /// "markdown", "docx" or "text"; absent when the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub error: Option<String>,
    pub findings: Vec<Finding>,
    pub summary: StatusCounts,
}

/// Tool name and version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// Totals over all documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    pub documents: u32,
    pub errors: u32,
    pub skipped: u32,
    pub satisfied: u32,
    pub weak: u32,
    pub missing: u32,
}

/// The whole run: what `--format json` prints (see ../shared/spec/report-json.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub profiles: Vec<String>,
    pub documents: Vec<DocumentReport>,
    pub summary: RunSummary,
}

pub const SCHEMA_VERSION: u32 = 1;

impl Report {
    pub fn new(profiles: Vec<String>, documents: Vec<DocumentReport>) -> Report {
        let mut summary = RunSummary::default();
        for d in &documents {
            summary.documents += 1;
            if d.error.is_some() {
                summary.errors += 1;
            }
            summary.satisfied += d.summary.satisfied;
            summary.weak += d.summary.weak;
            summary.missing += d.summary.missing;
        }
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "clauselint".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            profiles,
            documents,
            summary,
        }
    }
}

impl DocumentReport {
    pub fn ok(path: String, format: &str, sha256: String, findings: Vec<Finding>) -> Self {
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
