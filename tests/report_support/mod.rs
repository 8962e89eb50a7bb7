//! Builds reports of the project's own fixture contracts in memory for the report tests, and renders
//! them with the same dispatcher the CLI uses (never the shared corpus).
#![allow(dead_code)]

use clauselint::library::Library;
use clauselint::report::{self, DocumentReport, Format, Report, WriteOptions};
use std::collections::BTreeMap;
use std::path::Path;

/// The fixture contracts the report snapshots cover (paths relative to the repository root).
pub const FIXTURES: [&str; 3] = [
    "fixtures/samples/acme-msa.md",
    "fixtures/labeled/hedged_security_addendum.md",
    "fixtures/labeled/dora_ict_services_agreement.docx",
];

pub fn library() -> Library {
    Library::builtin().expect("built-in library loads")
}

/// Checks `paths` (relative to the repository root, shown as given) against the baseline profile.
pub fn report_of<'l>(lib: &'l Library, paths: &[&str]) -> Report<'l> {
    let selection = lib
        .select(&["baseline".to_string()])
        .expect("baseline profile");
    let limits = clauselint::ingest::Limits::default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs: Vec<DocumentReport> = paths
        .iter()
        .map(
            |p| match clauselint::ingest::read_path(&root.join(p), &limits) {
                Ok(ing) => {
                    // Owned: the findings borrow the selection, which ends here.
                    let findings = clauselint::analysis::analyze(
                        &ing.document,
                        ing.source.as_deref(),
                        lib,
                        &selection,
                    )
                    .expect("analysis")
                    .into_iter()
                    .map(clauselint::finding::Finding::into_owned)
                    .collect();
                    DocumentReport::ok(
                        p.to_string(),
                        ing.document.format.as_str(),
                        ing.sha256,
                        findings,
                    )
                }
                Err(e) => DocumentReport::error(p.to_string(), e.to_string()),
            },
        )
        .collect();
    Report::new(selection.profiles.clone(), docs)
}

/// The contract texts of the readable documents (for the HTML report).
pub fn texts_of(paths: &[&str]) -> BTreeMap<String, clauselint::report::html::ContractText> {
    let limits = clauselint::ingest::Limits::default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeMap::new();
    for p in paths {
        if let Ok(ing) = clauselint::ingest::read_path(&root.join(p), &limits) {
            out.insert(
                p.to_string(),
                clauselint::report::html::ContractText::from_document(&ing.document),
            );
        }
    }
    out
}

/// Renders a report into a string.
pub fn render(report: &Report, format: Format, opts: &WriteOptions<'_>) -> String {
    let mut buf = Vec::new();
    report::write(&mut buf, report, format, opts).expect("rendering into memory");
    String::from_utf8(buf).expect("reports are UTF-8")
}

/// Replaces the tool version so that snapshots survive a version bump.
pub fn filter_version(s: &str) -> String {
    s.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}
