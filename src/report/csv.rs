//! The CSV report: one row per document and requirement (path, requirement, level, status, severity,
//! reasons joined with "; ", section, quote); a document that could not be read gets one row with
//! status `error` and the message in the reasons column. Cells that a spreadsheet would take for a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.

use super::Report;
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

/// Writes the CSV report.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(HEADER).map_err(io)?;
    for doc in &report.documents {
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
            continue;
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
    }
    w.flush()
}
