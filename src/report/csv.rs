//! The CSV report: one row per document and requirement (path, requirement, level, status, severity,
//! reasons joined with "; ", section, quote); a document that could not be read gets one row with
//! status `error` and the message in the reasons column. Cells that a spreadsheet would take for a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.

use super::{DocumentReport, Report};
use crate::finding::{Level, Status};
use std::io::Write;

const HEADER: [&str; 8] = [
    "path",
    "requirement",
    "level",
    "status",
    "severity",
    "reasons",
    "section",
    "quote",
];

/// Neutralises spreadsheet formula injection.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn io(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn writer<W: Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Writes the CSV report.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    write_header(out)?;
    for doc in &report.documents {
        out.write_all(&render(doc)?)?;
    }
    Ok(())
}

/// Writes the header row: the start of a report streamed one document at a time.
pub fn write_header(out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = writer(out);
    w.write_record(HEADER).map_err(io)?;
    w.flush()
}

/// One document's rows, as they appear in the report; any thread may render. Rows carry no state
/// between documents, so the report is the header followed by each document's rows in order.
pub fn render(doc: &DocumentReport) -> std::io::Result<Vec<u8>> {
    let mut w = writer(Vec::with_capacity(4096));
    if let Some(e) = &doc.error {
        w.write_record([
            cell(&doc.path).as_ref(),
            "",
            "",
            "error",
            "",
            &cell(e),
            "",
            "",
        ])
        .map_err(io)?;
        return w.into_inner().map_err(|e| e.into_error());
    }
    for f in &doc.findings {
        let level = match f.level {
            Level::Required => "required",
            Level::Recommended => "recommended",
        };
        let reasons = if f.reasons.is_empty() && f.status != Status::Satisfied {
            f.message.clone()
        } else {
            f.reasons
                .iter()
                .map(|r| format!("{}: {}", r.code.as_str(), r.message))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let ev = f.evidence.first();
        let section = ev.and_then(|e| e.section.as_deref()).unwrap_or("");
        let quote = ev.map(|e| e.quote.as_str()).unwrap_or("");
        w.write_record([
            cell(&doc.path).as_ref(),
            &f.requirement,
            level,
            f.status.as_str(),
            &f.severity,
            &cell(&reasons),
            &cell(section),
            &cell(quote),
        ])
        .map_err(io)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}
