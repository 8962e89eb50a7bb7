//! The plain human-readable report: per document a summary line, then each weak or missing
//! requirement with its reasons, the quoted clause and where it stands, and the wording that fixes it.

use super::Report;
use crate::finding::{Finding, Status};
use std::io::Write;

/// Options of the text printer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Only the summary lines.
    pub quiet: bool,
    /// Also list satisfied requirements with their evidence.
    pub show_satisfied: bool,
}

fn location(f: &Finding) -> String {
    let Some(ev) = f.evidence.first() else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(s) = &ev.section {
        parts.push(format!("§ {s}"));
    }
    match (ev.location.line, ev.location.column, ev.location.paragraph) {
        (Some(l), Some(c), _) => parts.push(format!("line {l}:{c}")),
        (_, _, Some(p)) => parts.push(format!("paragraph {p}")),
        _ => {}
    }
    parts.join(", ")
}

/// Writes the text report.
pub fn write(out: &mut dyn Write, report: &Report, opts: TextOptions) -> std::io::Result<()> {
    for doc in &report.documents {
        if let Some(e) = &doc.error {
            writeln!(out, "{}: error: {e}", doc.path)?;
            continue;
        }
        let s = doc.summary;
        writeln!(
            out,
            "{}: {} satisfied, {} weak, {} missing",
            doc.path, s.satisfied, s.weak, s.missing
        )?;
        if opts.quiet {
            continue;
        }
        for f in &doc.findings {
            if f.status == Status::Satisfied && !opts.show_satisfied {
                continue;
            }
            let level = match f.level {
                crate::finding::Level::Required => "",
                crate::finding::Level::Recommended => " (recommended)",
            };
            writeln!(
                out,
                "\n  {:<9} {} — {}{level} [{}]",
                f.status.as_str().to_uppercase(),
                f.requirement,
                f.title,
                f.severity
            )?;
            let loc = location(f);
            if !loc.is_empty() {
                writeln!(out, "    at {loc}")?;
            }
            if let Some(ev) = f.evidence.first() {
                writeln!(out, "    > {}", ev.quote)?;
            }
            for r in &f.reasons {
                writeln!(out, "    - {}: {}", r.code.as_str(), r.message)?;
            }
            if f.status != Status::Satisfied {
                writeln!(out, "    fix: {}", f.suggestion)?;
            }
        }
        writeln!(out)?;
    }
    let t = report.summary;
    writeln!(
        out,
        "{} document(s), {} error(s): {} satisfied, {} weak, {} missing",
        t.documents, t.errors, t.satisfied, t.weak, t.missing
    )
}
