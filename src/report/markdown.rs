//! The Markdown report: compact enough for a pull-request or ticket comment. Per document a heading
//! with the counts, a table of the weak and missing requirements (status, ID, title, severity,
//! section, why) and the suggested wording folded under `<details>`.

use super::{Report, WriteOptions};
use crate::finding::{Finding, Level, Status};
use std::io::Write;

/// Escapes text for a table cell: no line breaks, pipes and Markdown/HTML specials escaped.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn icon(s: Status) -> &'static str {
    match s {
        Status::Satisfied => "✅ satisfied",
        Status::Weak => "⚠️ weak",
        Status::Missing => "❌ missing",
    }
}

fn why(f: &Finding) -> String {
    if f.reasons.is_empty() {
        return cell(&f.message);
    }
    f.reasons
        .iter()
        .map(|r| format!("`{}` {}", r.code.as_str(), cell(&r.message)))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Writes the Markdown report.
pub fn write(out: &mut dyn Write, report: &Report, opts: &WriteOptions<'_>) -> std::io::Result<()> {
    let t = &report.summary;
    writeln!(
        out,
        "## clauselint: {} satisfied · {} weak · {} missing\n",
        t.satisfied, t.weak, t.missing
    )?;
    let skipped = if t.skipped_by_kind.is_empty() {
        String::new()
    } else {
        format!(
            " Skipped (not Markdown, DOCX or text): {}.",
            cell(&super::skipped_kinds_text(&t.skipped_by_kind))
        )
    };
    writeln!(
        out,
        "{} document(s), {} unreadable; profile(s): {}.{skipped}\n",
        t.documents,
        t.errors,
        report.profiles.join(", ")
    )?;
    for doc in &report.documents {
        if let Some(e) = &doc.error {
            writeln!(out, "### `{}`\n\n**error:** {}\n", doc.path, cell(e))?;
            continue;
        }
        let s = doc.summary;
        writeln!(
            out,
            "### `{}` — {} satisfied · {} weak · {} missing\n",
            doc.path, s.satisfied, s.weak, s.missing
        )?;
        if opts.quiet {
            continue;
        }
        let shown: Vec<&Finding> = doc
            .findings
            .iter()
            .filter(|f| f.status != Status::Satisfied || opts.show_satisfied)
            .collect();
        if shown.is_empty() {
            continue;
        }
        writeln!(
            out,
            "| status | requirement | severity | section | why |\n|---|---|---|---|---|"
        )?;
        for f in &shown {
            let level = match f.level {
                Level::Required => "",
                Level::Recommended => " (recommended)",
            };
            let section = f
                .evidence
                .first()
                .and_then(|e| e.section.as_deref())
                .map(cell)
                .unwrap_or_else(|| "—".into());
            writeln!(
                out,
                "| {} | **{}** {}{level} | {} | {} | {} |",
                icon(f.status),
                f.requirement,
                cell(&f.title),
                f.severity,
                section,
                why(f)
            )?;
        }
        let fixes: Vec<&&Finding> = shown
            .iter()
            .filter(|f| f.status != Status::Satisfied)
            .collect();
        if !fixes.is_empty() {
            writeln!(out, "\n<details><summary>Suggested wording</summary>\n")?;
            for f in fixes {
                writeln!(out, "- **{}**: {}", f.requirement, cell(&f.suggestion))?;
            }
            writeln!(out, "\n</details>")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
