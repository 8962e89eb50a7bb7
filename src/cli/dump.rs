//! `clauselint dump`: prints a document as clauselint reads it, block by block, as text or JSON.

use crate::document::{Block, BlockKind, Document, Location};
use crate::ingest::docx::Revision;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct DumpBlock<'a> {
    #[serde(flatten)]
    kind: &'a BlockKind,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    text: &'a str,
    section_path: Vec<String>,
    location: &'a Location,
}

#[derive(Serialize)]
struct DumpDocument<'a> {
    path: &'a str,
    format: &'static str,
    revision: &'static str,
    tracked_changes: crate::document::TrackedChanges,
    blocks: Vec<DumpBlock<'a>>,
    notes: Vec<DumpBlock<'a>>,
    comments: &'a [crate::document::Comment],
}

fn dump_blocks<'a>(doc: &'a Document, blocks: &'a [Block]) -> Vec<DumpBlock<'a>> {
    blocks
        .iter()
        .map(|b| DumpBlock {
            kind: &b.kind,
            label: &b.label,
            text: &b.text,
            section_path: doc.section_path(b.section),
            location: &b.location,
        })
        .collect()
}

/// Writes the JSON dump of one document.
pub fn write_json(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    revision: Revision,
) -> std::io::Result<()> {
    let d = DumpDocument {
        path,
        format: doc.format.as_str(),
        revision: match revision {
            Revision::Accepted => "accepted",
            Revision::Original => "original",
        },
        tracked_changes: doc.tracked_changes,
        blocks: dump_blocks(doc, &doc.blocks),
        notes: dump_blocks(doc, &doc.notes),
        comments: &doc.comments,
    };
    serde_json::to_writer_pretty(&mut *out, &d)?;
    writeln!(out)
}

fn kind_name(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading { level } => format!("heading{level}"),
        BlockKind::Paragraph => "paragraph".into(),
        BlockKind::ListItem { depth } => format!("item{}", depth + 1),
        BlockKind::TableCell { row, col, .. } => format!("cell{}:{}", row + 1, col + 1),
        BlockKind::Quote => "quote".into(),
        BlockKind::Note => "note".into(),
        BlockKind::Comment => "comment".into(),
    }
}

fn location_text(loc: &Location) -> String {
    match loc {
        Location::Line { line, column } => format!("{line}:{column}"),
        Location::Paragraph { paragraph } => format!("¶{paragraph}"),
    }
}

/// Writes the human-readable dump of one document.
pub fn write_text(out: &mut dyn Write, path: &str, doc: &Document) -> std::io::Result<()> {
    writeln!(
        out,
        "{path}: {} — {} blocks, {} sections, {} notes, {} comments{}",
        doc.format.as_str(),
        doc.blocks.len(),
        doc.sections.len(),
        doc.notes.len(),
        doc.comments.len(),
        if doc.tracked_changes.insertions + doc.tracked_changes.deletions > 0 {
            format!(
                ", tracked changes: {} insertions, {} deletions (shown accepted)",
                doc.tracked_changes.insertions, doc.tracked_changes.deletions
            )
        } else {
            String::new()
        }
    )?;
    let mut last_section = None;
    for (heading, blocks) in [("", &doc.blocks), ("notes", &doc.notes)] {
        if !heading.is_empty() && !blocks.is_empty() {
            writeln!(out, "\n-- {heading} --")?;
        }
        for b in blocks.iter() {
            if b.section != last_section {
                let path = doc.section_path(b.section);
                if !path.is_empty() {
                    writeln!(out, "§ {}", path.join(" > "))?;
                }
                last_section = b.section;
            }
            let label = if b.label.is_empty() {
                String::new()
            } else {
                format!("{} ", b.label)
            };
            writeln!(
                out,
                "  {:<8} {:<10} {label}{}",
                location_text(&b.location),
                kind_name(&b.kind),
                b.text
            )?;
        }
    }
    if !doc.comments.is_empty() {
        writeln!(out, "\n-- comments --")?;
        for c in &doc.comments {
            writeln!(out, "  [{}] {}: {}", c.id, c.author, c.text)?;
        }
    }
    Ok(())
}
