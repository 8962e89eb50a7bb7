//! JSON report (../shared/spec/report-json.md): the whole run as one document, or one line per
//! document (JSON Lines).

use super::{DocumentReport, Report};
use std::io::Write;

/// Writes the report as pretty-printed JSON.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// Writes one document as one line of JSON.
pub fn write_line(out: &mut dyn Write, doc: &DocumentReport) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    writeln!(out)
}
