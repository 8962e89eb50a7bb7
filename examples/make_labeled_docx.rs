//! Writes the three DOCX contracts of the labelled test set (fixtures/labeled/*.docx).
//!
//! Run with `cargo run --example make_labeled_docx`. The contract text lives next to the output,
//! in `fixtures/labeled/<name>.docx.src.txt`, in a small line-based markup:
//!
//! ```text
//! = Title                      title paragraph (no number)
//! == Heading                   Heading 1, auto-numbered "%1."
//! =# Heading                   Heading 1 without a number (schedules, annexes)
//! . Clause text                clause, auto-numbered "%1.%2" under the last heading
//! - Item text                  list item, auto-numbered "(%3)" (a), (b), ... under the last clause
//! | cell | cell |              table row; consecutive rows make one table, the first row is the header
//! // comment                   ignored
//! anything else                plain paragraph
//! ```
//!
//! Inside any text, `{+inserted+}` becomes a tracked insertion (`w:ins`) and `{-deleted-}` a tracked
//! deletion (`w:del`). The labels describe the ACCEPTED text: insertions kept, deletions dropped.
//! Clause numbers are never typed in the text: Word numbering (`w:numPr`) supplies them.

use std::fs;
use std::path::{Path, PathBuf};

use docx_rs::*;

const DOCS: [&str; 3] = [
    "dora_ict_services_agreement",
    "supplier_security_schedule",
    "us_vendor_services_agreement",
];

const AUTHOR: &str = "Customer Legal";
const DATE: &str = "2025-09-15T09:30:00Z";
const NUM_ID: usize = 2;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/labeled");
    for name in DOCS {
        let src = dir.join(format!("{name}.docx.src.txt"));
        let text = fs::read_to_string(&src)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", src.display()))?;
        let out = dir.join(format!("{name}.docx"));
        write_docx(&text, &out)?;
        println!("wrote {}", out.display());
    }
    Ok(())
}

fn numbering() -> (AbstractNumbering, Numbering) {
    let abs = AbstractNumbering::new(NUM_ID)
        .add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new("%1."),
                LevelJc::new("left"),
            )
            .indent(Some(567), Some(SpecialIndentType::Hanging(567)), None, None)
            .bold(),
        )
        .add_level(
            Level::new(
                1,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new("%1.%2"),
                LevelJc::new("left"),
            )
            .indent(Some(1134), Some(SpecialIndentType::Hanging(567)), None, None),
        )
        .add_level(
            Level::new(
                2,
                Start::new(1),
                NumberFormat::new("lowerLetter"),
                LevelText::new("(%3)"),
                LevelJc::new("left"),
            )
            .indent(Some(1701), Some(SpecialIndentType::Hanging(567)), None, None),
        );
    (abs, Numbering::new(NUM_ID, NUM_ID))
}

fn styles(docx: Docx) -> Docx {
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .bold()
            .size(32),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .bold()
            .size(26)
            .outline_lvl(0),
    )
}

/// Splits `text` into runs, inserted runs and deleted runs and adds them to `p`.
fn add_inline(mut p: Paragraph, text: &str) -> Paragraph {
    let mut rest = text;
    while !rest.is_empty() {
        let ins = rest.find("{+");
        let del = rest.find("{-");
        let next = match (ins, del) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(start) = next else {
            p = p.add_run(Run::new().add_text(rest));
            break;
        };
        if start > 0 {
            p = p.add_run(Run::new().add_text(&rest[..start]));
        }
        let is_ins = rest[start..].starts_with("{+");
        let close = if is_ins { "+}" } else { "-}" };
        let body_start = start + 2;
        let end = rest[body_start..]
            .find(close)
            .map(|e| body_start + e)
            .unwrap_or_else(|| panic!("unclosed tracked change in: {text}"));
        let body = &rest[body_start..end];
        if is_ins {
            p = p.add_insert(
                Insert::new(Run::new().add_text(body))
                    .author(AUTHOR)
                    .date(DATE),
            );
        } else {
            p = p.add_delete(
                Delete::new()
                    .add_run(Run::new().add_delete_text(body))
                    .author(AUTHOR)
                    .date(DATE),
            );
        }
        rest = &rest[end + 2..];
    }
    p
}

fn cell(text: &str, header: bool) -> TableCell {
    let mut p = Paragraph::new();
    if header {
        p = p.bold();
        p = p.add_run(Run::new().add_text(text).bold());
    } else {
        p = add_inline(p, text);
    }
    TableCell::new().add_paragraph(p)
}

fn flush_table(docx: Docx, rows: &mut Vec<Vec<String>>) -> Docx {
    if rows.is_empty() {
        return docx;
    }
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| TableRow::new(r.iter().map(|c| cell(c, i == 0)).collect()))
        .collect();
    rows.clear();
    docx.add_table(Table::new(table_rows)).add_paragraph(Paragraph::new())
}

fn write_docx(src: &str, out: &Path) -> anyhow::Result<()> {
    let (abs, num) = numbering();
    let mut docx = styles(Docx::new())
        .add_abstract_numbering(abs)
        .add_numbering(num);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for raw in src.lines() {
        let line = raw.trim_end();
        if line.starts_with('|') {
            let cells = line
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            rows.push(cells);
            continue;
        }
        docx = flush_table(docx, &mut rows);
        if line.trim().is_empty() || line.starts_with("//") {
            continue;
        }
        let para = if let Some(t) = line.strip_prefix("=# ") {
            add_inline(Paragraph::new().style("Heading1"), t)
        } else if let Some(t) = line.strip_prefix("== ") {
            add_inline(
                Paragraph::new()
                    .style("Heading1")
                    .numbering(NumberingId::new(NUM_ID), IndentLevel::new(0)),
                t,
            )
        } else if let Some(t) = line.strip_prefix("= ") {
            add_inline(Paragraph::new().style("Title").align(AlignmentType::Center), t)
        } else if let Some(t) = line.strip_prefix(". ") {
            add_inline(
                Paragraph::new().numbering(NumberingId::new(NUM_ID), IndentLevel::new(1)),
                t,
            )
        } else if let Some(t) = line.strip_prefix("- ") {
            add_inline(
                Paragraph::new().numbering(NumberingId::new(NUM_ID), IndentLevel::new(2)),
                t,
            )
        } else {
            add_inline(Paragraph::new(), line)
        };
        docx = docx.add_paragraph(para);
    }
    docx = flush_table(docx, &mut rows);
    let file = fs::File::create(out)?;
    docx.build().pack(file)?;
    Ok(())
}
