//! `clauselint check`: finds the inputs (src/batch), analyses them in parallel against the selected
//! profiles, and either collects one report or streams JSON Lines in input order; the exit code gates
//! on errors and required findings.

use crate::analysis;
use crate::batch::{self, Discovered, Input, Progress};
use crate::finding::{Level, Status};
use crate::ingest::{self, Limits};
use crate::library::{Library, Selection};
use crate::report::{DocumentReport, Report};
use std::io::Write;
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

/// Checks one discovered input (an entry the walk could not read is an error entry).
pub fn check_input(
    input: &Input,
    lib: &Library,
    selection: &Selection,
    limits: &Limits,
) -> DocumentReport {
    match &input.error {
        Some(e) => DocumentReport::error(input.shown.clone(), e.clone()),
        None => check_file(&input.path, input.shown.clone(), lib, selection, limits),
    }
}

fn panicked(input: &Input) -> DocumentReport {
    DocumentReport::error(
        input.shown.clone(),
        "internal error: the analysis of this file failed (please report it)".into(),
    )
}

/// Expands directory arguments into their supported files (sorted), keeping argument order, with the
/// default walk rules.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    match batch::discover(paths, &batch::WalkOptions::default()) {
        Ok(d) => d.inputs.into_iter().map(|i| (i.path, i.shown)).collect(),
        Err(_) => Vec::new(),
    }
}

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    pub threads: usize,
    /// Draw a progress bar (if stderr is a terminal).
    pub progress: bool,
    pub limits: Limits,
}

/// Checks all inputs in parallel; results keep input order. `summary.skipped` counts what the walk
/// skipped.
pub fn check_all(
    found: &Discovered,
    lib: &Library,
    selection: &Selection,
    opts: &BatchOptions,
) -> std::io::Result<Report> {
    let progress = Progress::new(found.inputs.len() as u64, opts.progress);
    let mut docs = Vec::with_capacity(found.inputs.len());
    let r = batch::run_ordered(
        &found.inputs,
        opts.threads,
        |_, input| check_input(input, lib, selection, &opts.limits),
        |i| panicked(&found.inputs[i]),
        |d: &DocumentReport| progress.inc(d.error.is_some()),
        |d| {
            docs.push(d);
            Ok(())
        },
    );
    progress.finish();
    r?;
    let mut report = Report::new(selection.profiles.clone(), docs);
    report.summary.skipped = found.skipped.total();
    Ok(report)
}

/// What a streamed document leaves behind once its line is written.
struct Streamed {
    path: String,
    error: Option<String>,
    failed_required: [bool; 2],
    line: std::io::Result<Vec<u8>>,
}

/// Streams one JSON line per document, in input order, as results complete; memory stays bounded by
/// the pipeline window. Returns the exit code.
pub fn stream_jsonl(
    found: &Discovered,
    lib: &Library,
    selection: &Selection,
    opts: &BatchOptions,
    fail_on: FailOn,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let progress = Progress::new(found.inputs.len() as u64, opts.progress);
    let mut gate = Gate::new(fail_on);
    let streamed = |d: DocumentReport| {
        let mut line = Vec::with_capacity(4096);
        let written = crate::report::json::write_line(&mut line, &d).map(|_| line);
        let required = |s: Status| {
            d.findings
                .iter()
                .any(|f| f.level == Level::Required && f.status == s)
        };
        Streamed {
            failed_required: [required(Status::Missing), required(Status::Weak)],
            path: d.path,
            error: d.error,
            line: written,
        }
    };
    let r = batch::run_ordered(
        &found.inputs,
        opts.threads,
        |_, input| streamed(check_input(input, lib, selection, &opts.limits)),
        |i| streamed(panicked(&found.inputs[i])),
        |s: &Streamed| progress.inc(s.error.is_some()),
        |s| {
            if let Some(e) = &s.error {
                progress.suspend(|| eprintln!("clauselint: {}: {e}", s.path));
            }
            gate.observe_parts(s.error.is_some(), s.failed_required);
            out.write_all(&s.line?)
        },
    );
    progress.finish();
    r?;
    out.flush()?;
    Ok(gate.code())
}

/// The gate: which statuses of required findings fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Missing,
    Weak,
    Never,
}

/// The exit code, accumulated one document at a time (for streamed runs).
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    fail_on: FailOn,
    errored: bool,
    failed: bool,
}

impl Gate {
    pub fn new(fail_on: FailOn) -> Gate {
        Gate {
            fail_on,
            errored: false,
            failed: false,
        }
    }

    pub fn observe(&mut self, d: &DocumentReport) {
        let required = |s: Status| {
            d.findings
                .iter()
                .any(|f| f.level == Level::Required && f.status == s)
        };
        self.observe_parts(
            d.error.is_some(),
            [required(Status::Missing), required(Status::Weak)],
        );
    }

    /// `required` = [a required finding is missing, a required finding is weak].
    fn observe_parts(&mut self, errored: bool, required: [bool; 2]) {
        self.errored |= errored;
        self.failed |= match self.fail_on {
            FailOn::Never => false,
            FailOn::Missing => required[0],
            FailOn::Weak => required[0] || required[1],
        };
    }

    /// 2 if any document could not be read, 1 if a required finding reached the gate, else 0.
    pub fn code(&self) -> i32 {
        if self.errored {
            super::EXIT_ERROR
        } else if self.failed {
            super::EXIT_FINDINGS
        } else {
            super::EXIT_OK
        }
    }
}

/// Exit code for a report: 2 if any document could not be read, 1 if a required finding reaches the
/// gate, else 0.
pub fn exit_code(report: &Report, fail_on: FailOn) -> i32 {
    let mut gate = Gate::new(fail_on);
    for d in &report.documents {
        gate.observe(d);
    }
    gate.code()
}

/// A file written through a temporary file in the same directory and renamed into place when
/// complete: never half-written. Dropped without `commit`, the temporary file is removed.
pub struct AtomicFile {
    tmp: PathBuf,
    path: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    committed: bool,
}

impl AtomicFile {
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "report".into());
        let tmp = dir.join(format!(".{name}.clauselint-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            path: path.to_path_buf(),
            file: std::io::BufWriter::with_capacity(1 << 16, file),
            committed: false,
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.file
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.file.flush()?;
        self.file.get_ref().sync_all()?;
        std::fs::rename(&self.tmp, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
