//! The document model: what every reader (Markdown, DOCX, text) produces and what the analysis reads.
//!
//! A [`Document`] is an ordered list of [`Block`]s of body text (headings, paragraphs, list items, table
//! cells), plus notes (footnotes, endnotes) and comments kept apart. Every block carries its text,
//! normalised for matching, the section it stands in (as a reader sees it: "12.3 Security Incidents")
//! and where it is in the source (line:column for text formats, paragraph number for DOCX).

use serde::Serialize;

/// The format a document was read from, detected by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Docx,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Text => "text",
        }
    }
}

/// What kind of block this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; `level` 1 is the top.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item; `depth` 0 is the outermost list.
    ListItem {
        depth: u8,
    },
    /// A table cell (0-based row and column; `depth` 0 for a top-level table, 1 for a nested one ...).
    TableCell {
        row: u32,
        col: u32,
        depth: u8,
    },
    /// A block quote paragraph.
    Quote,
    /// A footnote or endnote (kept in [`Document::notes`]).
    Note,
    /// A comment (kept in [`Document::comments`]).
    Comment,
}

/// Where a block stands in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Location {
    /// 1-based line and column (columns count Unicode code points), for Markdown and text.
    Line { line: u32, column: u32 },
    /// 1-based index of the `w:p` element in the main document body, for DOCX (table and
    /// content-control paragraphs included; notes and comments not counted).
    Paragraph { paragraph: u32 },
}

/// A mapping point from the block's normalised text back to the source: text byte offset `text`
/// corresponds to source byte offset `source`. Points are sorted by `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourcePoint {
    pub text: u32,
    pub source: u32,
}

/// One section of the document, as a reader sees it: "12.3" + "Security Incidents".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The clause number as displayed ("12.3", "(a)", "Schedule 2"); empty when unnumbered.
    pub number: String,
    /// The heading text without its number.
    pub title: String,
    /// Nesting level: 1 is the top.
    pub level: u8,
    /// The enclosing section, if any (index into [`Document::sections`]).
    pub parent: Option<usize>,
}

impl Section {
    /// "12.3 Security Incidents", "Security Incidents" or "12.3".
    pub fn display(&self) -> String {
        match (self.number.is_empty(), self.title.is_empty()) {
            (true, _) => self.title.clone(),
            (false, true) => self.number.clone(),
            (false, false) => format!("{} {}", self.number, self.title),
        }
    }
}

/// A block of text: one heading, paragraph, list item, table cell, note or comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The number or label the reader sees in front of the block but that may not be typed in its text
    /// (Word auto-numbering "12.3", "(a)"; a Markdown ordered-list marker "3."). Empty if none.
    pub label: String,
    /// The text, normalised for matching (see [`crate::text::normalize`]); the label is not included.
    pub text: String,
    /// The innermost section this block belongs to (for a heading: the section it opens).
    pub section: Option<usize>,
    pub location: Location,
    /// Byte range of the whole block in the source (text formats only; `None` for DOCX).
    pub source_range: Option<(u32, u32)>,
    /// Maps offsets in `text` back to source byte offsets (text formats only; empty for DOCX).
    #[serde(skip)]
    pub source_map: Vec<SourcePoint>,
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// A comment attached to the document (DOCX), kept apart from the contract text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub text: String,
}

/// Counts of tracked changes met while reading (DOCX).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TrackedChanges {
    pub insertions: u32,
    pub deletions: u32,
}

/// A contract as clauselint reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub format: Format,
    pub sections: Vec<Section>,
    /// Body blocks in reading order.
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes, in order of their definitions.
    pub notes: Vec<Block>,
    pub comments: Vec<Comment>,
    pub tracked_changes: TrackedChanges,
}

impl Document {
    pub fn new(format: Format) -> Self {
        Document {
            format,
            sections: Vec::new(),
            blocks: Vec::new(),
            notes: Vec::new(),
            comments: Vec::new(),
            tracked_changes: TrackedChanges::default(),
        }
    }

    /// The section path as a reader sees it: "12 Security > 12.3 Security Incidents".
    pub fn section_path(&self, section: Option<usize>) -> Vec<String> {
        let mut path = Vec::new();
        let mut cur = section;
        while let Some(i) = cur {
            let Some(s) = self.sections.get(i) else { break };
            path.push(s.display());
            cur = s.parent;
        }
        path.reverse();
        path
    }

    /// The nearest section's display name ("12.3 Security Incidents").
    pub fn section_name(&self, section: Option<usize>) -> Option<String> {
        section
            .and_then(|i| self.sections.get(i))
            .map(Section::display)
    }

    /// All body text, blocks joined by newlines (for tests and parity checks).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !b.label.is_empty() {
                out.push_str(&b.label);
                out.push(' ');
            }
            out.push_str(&b.text);
            out.push('\n');
        }
        out
    }
}

/// Builds the section tree while blocks arrive in reading order. Readers call [`SectionTracker::open`]
/// for every heading (or numbered clause that acts as one) and [`SectionTracker::current`] for the
/// section of every other block.
#[derive(Debug, Default)]
pub struct SectionTracker {
    /// Stack of (level, section index).
    stack: Vec<(u8, usize)>,
}

impl SectionTracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens a section at `level` (1 = top) and returns its index in `sections`.
    pub fn open(
        &mut self,
        sections: &mut Vec<Section>,
        level: u8,
        number: String,
        title: String,
    ) -> usize {
        let level = level.max(1);
        while matches!(self.stack.last(), Some(&(l, _)) if l >= level) {
            self.stack.pop();
        }
        let parent = self.stack.last().map(|&(_, i)| i);
        sections.push(Section {
            number,
            title,
            level,
            parent,
        });
        let idx = sections.len() - 1;
        self.stack.push((level, idx));
        idx
    }

    /// The innermost open section.
    pub fn current(&self) -> Option<usize> {
        self.stack.last().map(|&(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_tracker_nests_and_pops() {
        let mut secs = Vec::new();
        let mut t = SectionTracker::new();
        let a = t.open(&mut secs, 1, "12".into(), "Security".into());
        let b = t.open(&mut secs, 2, "12.3".into(), "Security Incidents".into());
        assert_eq!(secs[b].parent, Some(a));
        let c = t.open(&mut secs, 1, "13".into(), "Audit".into());
        assert_eq!(secs[c].parent, None);
        let mut doc = Document::new(Format::Markdown);
        doc.sections = secs;
        assert_eq!(
            doc.section_path(Some(b)),
            vec!["12 Security", "12.3 Security Incidents"]
        );
    }
}
