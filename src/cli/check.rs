//! `clauselint check`: reads the contracts (in parallel), analyses them against the selected profiles
//! and prints the report; the exit code gates on required findings.

use crate::analysis;
use crate::finding::{Level, Status};
use crate::ingest::{self, Limits};
use crate::library::{Library, Selection};
use crate::report::{DocumentReport, Report};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Reads and analyses one file; an unreadable file becomes an error entry, never a failure of the run.
pub fn check_file(
    path: &Path,
    shown: String,
    lib: &Library,
    selection: &Selection,
    limits: &Limits,
) -> DocumentReport {
    match ingest::read_path(path, limits) {
        Ok(ing) => {
            let findings = analysis::analyze(&ing.document, ing.source.as_deref(), lib, selection);
            DocumentReport::ok(shown, ing.document.format.as_str(), ing.sha256, findings)
        }
        Err(e) => DocumentReport::error(shown, e.to_string()),
    }
}

/// Expands directory arguments into their supported files (sorted), keeping argument order.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, 0);
            files.sort();
            for f in files {
                let shown = f.display().to_string();
                out.push((f, shown));
            }
        } else {
            out.push((p.clone(), p.display().to_string()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, out, depth + 1);
        } else if ft.is_file() {
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if matches!(ext.as_str(), "md" | "markdown" | "txt" | "docx") {
                out.push(p);
            }
        }
    }
}

/// Checks all inputs in parallel; results keep input order.
pub fn check_all(
    inputs: &[(PathBuf, String)],
    lib: &Library,
    selection: &Selection,
    limits: &Limits,
) -> Report {
    let docs: Vec<DocumentReport> = inputs
        .par_iter()
        .map(|(p, shown)| check_file(p, shown.clone(), lib, selection, limits))
        .collect();
    Report::new(selection.profiles.clone(), docs)
}

/// The gate: which statuses of required findings fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Missing,
    Weak,
    Never,
}

/// Exit code for a report: 2 if any document could not be read, 1 if a required finding reaches the
/// gate, else 0.
pub fn exit_code(report: &Report, fail_on: FailOn) -> i32 {
    if report.documents.iter().any(|d| d.error.is_some()) {
        return super::EXIT_ERROR;
    }
    let fails = |s: Status| match fail_on {
        FailOn::Never => false,
        FailOn::Missing => s == Status::Missing,
        FailOn::Weak => s != Status::Satisfied,
    };
    let failed = report.documents.iter().any(|d| {
        d.findings
            .iter()
            .any(|f| f.level == Level::Required && fails(f.status))
    });
    if failed {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    }
}
