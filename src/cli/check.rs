//! `clauselint check`: finds the inputs (src/batch), analyses them in parallel against the selected
//! profiles, and either collects one report or streams one (JSON, CSV, JSON Lines, the workbook) in
//! input order as results complete; the exit code gates on errors and required findings.

use crate::analysis;
use crate::batch::{self, Discovered, Input, Progress};
use crate::finding::{Level, Status, StatusCounts};
use crate::ingest::{self, Limits};
use crate::library::{Library, Selection};
use crate::report::json::JsonStream;
use crate::report::xlsx::WorkbookStream;
use crate::report::{DocumentReport, Report, RunSummary, SCHEMA_VERSION};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Reads and analyses one file; an unreadable file becomes an error entry, never a failure of the run.
pub fn check_file<'l>(
    path: &Path,
    shown: String,
    lib: &'l Library,
    selection: &'l Selection,
    limits: &Limits,
    rules: analysis::RuleParallelism,
) -> DocumentReport<'l> {
    match ingest::read_path(path, limits) {
        Ok(ing) => {
            match analysis::analyze_with(
                &ing.document,
                ing.source.as_deref(),
                lib,
                selection,
                rules,
            ) {
                Ok(findings) => {
                    DocumentReport::ok(shown, ing.document.format.as_str(), ing.sha256, findings)
                }
                Err(e) => DocumentReport::error(shown, e.to_string()),
            }
        }
        Err(e) => DocumentReport::error(shown, e.to_string()),
    }
}

/// Checks one discovered input (an entry the walk could not read is an error entry).
pub fn check_input<'l>(
    input: &Input,
    lib: &'l Library,
    selection: &'l Selection,
    limits: &Limits,
    rules: analysis::RuleParallelism,
) -> DocumentReport<'l> {
    match &input.error {
        Some(e) => DocumentReport::error(input.shown.clone(), e.clone()),
        None => check_file(
            &input.path,
            input.shown.clone(),
            lib,
            selection,
            limits,
            rules,
        ),
    }
}

fn panicked(input: &Input) -> DocumentReport<'static> {
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
pub fn check_all<'l>(
    found: &Discovered,
    lib: &'l Library,
    selection: &'l Selection,
    opts: &BatchOptions,
) -> std::io::Result<Report<'l>> {
    let progress = Progress::new(found.inputs.len() as u64, opts.progress);
    let mut docs = Vec::with_capacity(found.inputs.len());
    let r = batch::run_ordered(
        &found.inputs,
        opts.threads,
        |_, input, rules| check_input(input, lib, selection, &opts.limits, rules),
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
    report.summary.skipped_by_kind = found.skipped.0.clone();
    Ok(report)
}

/// What the writing side keeps of one checked document: its path and error if it could not be read
/// (for the error line), its counts (for the totals and the gate), and what the worker prepared for
/// the report.
struct Checked<P> {
    error: Option<(String, String)>,
    statuses: StatusCounts,
    failed_required: [bool; 2],
    payload: std::io::Result<P>,
}

/// A batch whose report is streamed: the inputs, the rules, how to run and what fails the run.
#[derive(Clone, Copy)]
pub struct StreamedRun<'a> {
    pub found: &'a Discovered,
    pub lib: &'a Library,
    pub selection: &'a Selection,
    pub opts: &'a BatchOptions,
    pub fail_on: FailOn,
}

impl<'a> StreamedRun<'a> {
    /// Checks all inputs in parallel and hands each result on in input order as it completes,
    /// through the pipeline's bounded window, so memory does not grow with the number of inputs.
    /// `prepare` runs on the worker thread (e.g. rendering the document's bytes); `emit` receives
    /// what it made, in input order. Prints the error line of each unreadable document, keeps the
    /// gate and the run's totals. Returns the totals (with the walk's skipped counts) and the exit
    /// code.
    pub fn stream<P, R, E>(&self, prepare: R, mut emit: E) -> std::io::Result<(RunSummary, i32)>
    where
        P: Send,
        R: Fn(DocumentReport<'a>) -> std::io::Result<P> + Sync,
        E: FnMut(P) -> std::io::Result<()>,
    {
        let StreamedRun {
            found,
            lib,
            selection,
            opts,
            fail_on,
        } = *self;
        let progress = Progress::new(found.inputs.len() as u64, opts.progress);
        let mut gate = Gate::new(fail_on);
        let mut totals = RunSummary::default();
        let checked = |d: DocumentReport<'a>| {
            let failed_required = failed_required(&d);
            Checked {
                error: d.error.as_ref().map(|e| (d.path.clone(), e.clone())),
                statuses: d.summary,
                failed_required,
                payload: prepare(d),
            }
        };
        let r = batch::run_ordered(
            &found.inputs,
            opts.threads,
            |_, input, rules| checked(check_input(input, lib, selection, &opts.limits, rules)),
            |i| checked(panicked(&found.inputs[i])),
            |c: &Checked<P>| progress.inc(c.error.is_some()),
            |c| {
                if let Some((path, e)) = &c.error {
                    progress.suspend(|| eprintln!("clauselint: {path}: {e}"));
                }
                gate.observe_parts(c.error.is_some(), c.failed_required);
                totals.count(c.error.is_some(), &c.statuses);
                emit(c.payload?)
            },
        );
        progress.finish();
        r?;
        totals.skipped = found.skipped.total();
        totals.skipped_by_kind = found.skipped.0.clone();
        Ok((totals, gate.code()))
    }

    /// Streams one JSON line per document, in input order, as results complete. Returns the exit
    /// code.
    pub fn jsonl(&self, out: &mut dyn Write) -> std::io::Result<i32> {
        let render = |d: DocumentReport| crate::report::json::line(&d);
        let (_, code) = self.stream(render, |line| out.write_all(&line))?;
        out.flush()?;
        Ok(code)
    }

    /// Streams the JSON report: the head, each document as it completes (in input order), then the
    /// summary. The same bytes as the collected report. Returns the exit code.
    pub fn json(&self, out: &mut dyn Write) -> std::io::Result<i32> {
        let tool = crate::report::Tool::clauselint();
        let mut json = JsonStream::begin(out, SCHEMA_VERSION, &tool, &self.selection.profiles)?;
        let render = |d: DocumentReport| JsonStream::render(&d);
        let (totals, code) = self.stream(render, |doc| json.document(out, &doc))?;
        json.finish(out, &totals)?;
        out.flush()?;
        Ok(code)
    }

    /// Streams the CSV report: the header, then each document's rows as it completes (in input
    /// order). Returns the exit code.
    pub fn csv(&self, out: &mut dyn Write) -> std::io::Result<i32> {
        crate::report::csv::write_header(out)?;
        let render = |d: DocumentReport| crate::report::csv::render(&d);
        let (_, code) = self.stream(render, |rows| out.write_all(&rows))?;
        out.flush()?;
        Ok(code)
    }

    /// Builds the workbook as results complete (in input order): the Matrix and Findings rows go to
    /// temporary files, the Summary is written at the end. Returns the workbook, ready to save, and
    /// the exit code.
    pub fn xlsx(&self) -> std::io::Result<(rust_xlsxwriter::Workbook, i32)> {
        let tool = crate::report::Tool::clauselint();
        let mut book =
            WorkbookStream::new(&tool, &self.selection.profiles).map_err(workbook_error)?;
        let (totals, code) = self.stream(Ok, |d| book.document(&d).map_err(workbook_error))?;
        let (wb, cut) = book.finish(&totals).map_err(workbook_error)?;
        for (sheet, n) in cut.by_sheet() {
            eprintln!(
                "clauselint: warning: the workbook's {sheet} sheet is full: {n} rows not shown \
             (use --format csv or jsonl for every row)"
            );
        }
        Ok((wb, code))
    }
}

/// A workbook error as an I/O error that says what failed.
pub fn workbook_error(e: rust_xlsxwriter::XlsxError) -> std::io::Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(e) => e,
        e => std::io::Error::other(format!("cannot build the workbook: {e}")),
    }
}

/// [a required finding is missing, a required finding is weak].
fn failed_required(d: &DocumentReport) -> [bool; 2] {
    let required = |s: Status| {
        d.findings
            .iter()
            .any(|f| f.level == Level::Required && f.status == s)
    };
    [required(Status::Missing), required(Status::Weak)]
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
        self.observe_parts(d.error.is_some(), failed_required(d));
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

    /// The buffered file itself, for writers that need to own a `Write + Send`.
    pub fn file(&mut self) -> &mut std::io::BufWriter<std::fs::File> {
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
