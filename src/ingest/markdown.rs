//! Markdown reader: pulldown-cmark events with source offsets become located blocks (headings,
//! paragraphs, nested list items, GFM table cells, footnotes, block quotes); HTML is reduced to its text,
//! front matter skipped, soft line breaks joined.

use crate::document::{Block, BlockKind, Document, Format, Location, SectionTracker};
use crate::ingest::{clause_number, IngestError, Limits};
use crate::text::{BlockText, LineCursor};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The deepest nesting of ordered lists read as a clause number ("4.1.2.3"); deeper items are
/// list items without one.
const MAX_CLAUSE_DEPTH: usize = 9;

/// Whether text without a telling file name reads as Markdown (headings, emphasis, lists, tables, links).
pub fn looks_like_markdown(text: &str) -> bool {
    let mut score = 0;
    for line in text.lines().take(400) {
        let l = line.trim_start();
        let strong = l.starts_with("# ")
            || l.starts_with("## ")
            || l.starts_with("### ")
            || (l.starts_with('|') && l.contains("---"));
        let weak =
            l.contains("**") || l.contains("](") || l.starts_with("- ") || l.starts_with("* ");
        if strong {
            score += 3;
        } else if weak {
            score += 1;
        }
        if score >= 3 {
            return true;
        }
    }
    false
}

struct Open {
    kind: BlockKind,
    label: String,
    start: usize,
    text: BlockText,
    soft_break: bool,
    heading_level: u8,
    note: bool,
    /// For an item of nested ordered lists: its clause number ("4.1") and depth.
    clause: Option<(String, u8)>,
}

struct ListState {
    next_number: Option<u64>,
    /// The number of the item now open in this list (ordered lists only).
    current: Option<u64>,
}

struct Reader<'s> {
    lines: LineCursor<'s>,
    doc: Document,
    sections: SectionTracker,
    open: Option<Open>,
    lists: Vec<ListState>,
    quote_depth: u32,
    in_note: bool,
    in_metadata: bool,
    table_row: u32,
    table_col: u32,
    pending_label: String,
    pending_clause: Option<(String, u8)>,
    limits: Limits,
}

/// Reads Markdown source into a document.
pub fn read_markdown(src: &str, limits: &Limits) -> Result<Document, IngestError> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut r = Reader {
        lines: LineCursor::new(src),
        doc: Document::new(Format::Markdown),
        sections: SectionTracker::new(),
        open: None,
        lists: Vec::new(),
        quote_depth: 0,
        in_note: false,
        in_metadata: false,
        table_row: 0,
        table_col: 0,
        pending_label: String::new(),
        pending_clause: None,
        limits: *limits,
    };
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        r.event(event, range.start, range.end)?;
    }
    r.flush()?;
    Ok(r.doc)
}

impl<'s> Reader<'s> {
    fn start(&mut self, kind: BlockKind, start: usize) -> Result<(), IngestError> {
        self.flush()?;
        let label = std::mem::take(&mut self.pending_label);
        let clause = self.pending_clause.take();
        self.open = Some(Open {
            clause,
            kind,
            label,
            start,
            text: BlockText::new(),
            soft_break: false,
            heading_level: 0,
            note: self.in_note,
        });
        Ok(())
    }

    fn ensure_open(&mut self, start: usize) -> Result<(), IngestError> {
        if self.open.is_none() {
            let kind = self.paragraph_kind();
            self.start(kind, start)?;
        }
        Ok(())
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.in_note {
            BlockKind::Note
        } else if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: (self.lists.len() - 1).min(255) as u8,
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn push_text(&mut self, t: &str, offset: usize) -> Result<(), IngestError> {
        if self.in_metadata {
            return Ok(());
        }
        self.ensure_open(offset)?;
        if let Some(o) = self.open.as_mut() {
            if o.soft_break {
                o.soft_break = false;
                o.text.push_line_break(t, offset);
            } else {
                o.text.push(t, offset);
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), IngestError> {
        let Some(o) = self.open.take() else {
            return Ok(());
        };
        if o.text.is_empty() {
            // Keep a list label for the first paragraph of the item.
            if self.pending_label.is_empty() {
                self.pending_label = o.label;
                self.pending_clause = o.clause;
            }
            return Ok(());
        }
        let (mut text, mut map) = o.text.finish();
        let mut label = o.label;
        let (line, column) = self
            .lines
            .line_col(map.first().map_or(o.start, |p| p.source as usize));
        let location = Location::Line { line, column };
        let section = if o.heading_level > 0 {
            let (number, title) = match clause_number::split(&text) {
                Some(c) => (c.number.to_string(), text[c.rest_offset..].to_string()),
                None => (String::new(), text.clone()),
            };
            let title = title.trim_end_matches(['.', ':']).to_string();
            Some(
                self.sections
                    .open(&mut self.doc.sections, o.heading_level, number, title),
            )
        } else if !o.note && matches!(o.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
            // A typed clause number at the start of a paragraph ("12.3 Supplier shall …") opens a
            // numbered clause below the headings.
            if let Some(c) = clause_number::split(&text).filter(|c| c.depth >= 1) {
                let rest = &text[c.rest_offset..];
                let title = leading_title(rest);
                let level = 6 + c.depth.min(9);
                Some(
                    self.sections
                        .open(&mut self.doc.sections, level, c.number.to_string(), title),
                )
            } else if let Some((number, depth)) = o.clause.clone() {
                // An item of an ordered list reads as a numbered clause: "4." then "4.1".
                let title = leading_title(&text);
                Some(
                    self.sections
                        .open(&mut self.doc.sections, 6 + depth.min(9), number, title),
                )
            } else {
                self.sections.current()
            }
        } else {
            self.sections.current()
        };
        if text.len() > u32::MAX as usize {
            text.truncate(0);
            map.clear();
            label.clear();
        }
        let block = Block {
            kind: o.kind,
            label,
            text,
            section,
            location,
            source_range: Some((o.start as u32, o.start as u32)),
            source_map: map,
        };
        if o.note {
            self.doc.notes.push(block);
        } else {
            if self.doc.blocks.len() >= self.limits.max_paragraphs {
                return Err(IngestError::TooManyParagraphs {
                    limit: self.limits.max_paragraphs,
                });
            }
            self.doc.blocks.push(block);
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'s>, start: usize, end: usize) -> Result<(), IngestError> {
        match event {
            Event::Start(tag) => self.start_tag(tag, start)?,
            Event::End(tag) => self.end_tag(tag, end)?,
            Event::Text(t) | Event::Code(t) => {
                // Text events of escaped or entity text may not map one to one; point at the event start.
                self.push_text(&t, start)?;
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, start)?,
            Event::Html(h) | Event::InlineHtml(h) => {
                if self.in_metadata {
                    return Ok(());
                }
                let lower = h.to_ascii_lowercase();
                let breaks = lower.contains("<br") || lower.contains("<li") || lower.contains("<p");
                if breaks {
                    if let Some(o) = self.open.as_mut() {
                        o.text.push_space();
                    }
                }
                let stripped = strip_tags(&h);
                if !stripped.trim().is_empty() {
                    let decoded = decode_entities(&stripped);
                    if let Some(o) = self.open.as_mut() {
                        o.text.push_space();
                    }
                    self.push_text(&decoded, start)?;
                }
            }
            Event::SoftBreak => {
                if let Some(o) = self.open.as_mut() {
                    o.soft_break = true;
                }
            }
            Event::HardBreak => {
                if let Some(o) = self.open.as_mut() {
                    o.text.push_space();
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
        Ok(())
    }

    fn start_tag(&mut self, tag: Tag<'s>, start: usize) -> Result<(), IngestError> {
        match tag {
            Tag::Heading { level, .. } => {
                self.start(
                    BlockKind::Heading {
                        level: heading_level(level),
                    },
                    start,
                )?;
                if let Some(o) = self.open.as_mut() {
                    o.heading_level = heading_level(level);
                }
            }
            Tag::Paragraph => {
                // A paragraph inside a list item that has no text yet continues that item.
                let reuse = self.open.as_ref().is_some_and(|o| {
                    o.text.is_empty() && matches!(o.kind, BlockKind::ListItem { .. })
                });
                if !reuse {
                    let kind = self.paragraph_kind();
                    self.start(kind, start)?;
                }
            }
            Tag::List(first) => {
                self.flush()?;
                self.lists.push(ListState {
                    next_number: first,
                    current: None,
                });
            }
            Tag::Item => {
                let label = match self.lists.last_mut() {
                    Some(ListState {
                        next_number: Some(n),
                        current,
                    }) => {
                        let l = format!("{n}.");
                        *current = Some(*n);
                        *n += 1;
                        l
                    }
                    _ => String::new(),
                };
                // Nested ordered lists number clauses: "4." then "4.1".
                // Only as deep as clause numbers go: joining a stack of 100,000 nested lists at
                // every item was quadratic (issue 17).
                let clause = if !label.is_empty()
                    && !self.in_note
                    && self.quote_depth == 0
                    && self.lists.len() <= MAX_CLAUSE_DEPTH
                {
                    let parts: Option<Vec<String>> = self
                        .lists
                        .iter()
                        .map(|l| l.current.map(|n| n.to_string()))
                        .collect();
                    parts.map(|p| (p.join("."), p.len().min(9) as u8))
                } else {
                    None
                };
                self.flush()?;
                self.pending_label = label;
                self.pending_clause = clause;
                let kind = self.paragraph_kind();
                self.start(kind, start)?;
            }
            Tag::BlockQuote(_) => {
                self.flush()?;
                self.quote_depth += 1;
            }
            Tag::FootnoteDefinition(_) => {
                self.flush()?;
                self.in_note = true;
            }
            Tag::Table(_) => {
                self.flush()?;
                self.table_row = 0;
            }
            Tag::TableHead | Tag::TableRow => {
                self.table_col = 0;
            }
            Tag::TableCell => {
                self.start(
                    BlockKind::TableCell {
                        row: self.table_row,
                        col: self.table_col,
                        depth: 0,
                    },
                    start,
                )?;
            }
            Tag::MetadataBlock(_) => self.in_metadata = true,
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                if self.open.is_none() {
                    let kind = self.paragraph_kind();
                    self.start(kind, start)?;
                }
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
        }
        Ok(())
    }

    fn end_tag(&mut self, tag: TagEnd, _end: usize) -> Result<(), IngestError> {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item => self.flush()?,
            TagEnd::CodeBlock | TagEnd::HtmlBlock => self.flush()?,
            TagEnd::List(_) => {
                self.flush()?;
                self.lists.pop();
                self.pending_label.clear();
            }
            TagEnd::BlockQuote(_) => {
                self.flush()?;
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::FootnoteDefinition => {
                self.flush()?;
                self.in_note = false;
            }
            TagEnd::TableCell => {
                self.flush()?;
                self.table_col += 1;
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                self.flush()?;
                self.table_row += 1;
            }
            TagEnd::Table => self.flush()?,
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
            _ => {}
        }
        Ok(())
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A clause's leading title ("Security Incidents. Supplier shall …"), or the whole text when it is
/// only a title.
fn leading_title(rest: &str) -> String {
    match clause_number::leading_title(rest) {
        Some(t) => t.to_string(),
        None if clause_number::looks_like_title(rest) => {
            rest.trim_end_matches(['.', ':']).to_string()
        }
        None => String::new(),
    }
}

/// Removes HTML tags, keeping the text between them.
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "'")
        .replace("&ldquo;", "\"")
        .replace("&rdquo;", "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Document {
        read_markdown(src, &Limits::default()).unwrap()
    }

    /// Ordered lists nested past clause depth are list items without a clause number (numbering
    /// every level of a 100,000-deep nest was quadratic).
    #[test]
    fn deep_nesting_stops_numbering_clauses() {
        let doc = read(&format!("{}x\n", "1. ".repeat(12)));
        let parts = |d: &Document| {
            d.sections
                .iter()
                .map(|s| s.number.split('.').count())
                .max()
                .unwrap_or(0)
        };
        assert_eq!(parts(&doc), 0, "{:?}", doc.sections);
        assert!(!doc.blocks.is_empty());
        // Within clause depth the number is read.
        let doc = read(&format!("{}x\n", "1. ".repeat(3)));
        assert_eq!(parts(&doc), 3, "{:?}", doc.sections);
    }

    #[test]
    fn headings_paragraphs_and_sections() {
        let d = read("# Agreement\n\n## 12. Security\n\n### 12.3 Security Incidents\n\nSupplier shall\nnotify Customer.\n");
        assert_eq!(d.blocks.len(), 4);
        let p = &d.blocks[3];
        assert_eq!(p.text, "Supplier shall notify Customer.");
        assert_eq!(p.location, Location::Line { line: 7, column: 1 });
        assert_eq!(
            d.section_path(p.section),
            vec!["Agreement", "12 Security", "12.3 Security Incidents"]
        );
    }

    #[test]
    fn lists_tables_notes_quotes_html() {
        let src = "Intro text.[^1]\n\n1. First item\n   - nested item\n2. Second <br/> line\n\n| Term | Value |\n|---|---|\n| Notice | 72 hours |\n\n> Quoted duty.\n\n<div><span>HTML text</span></div>\n\n[^1]: The footnote text.\n";
        let d = read(src);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"First item"), "{texts:?}");
        assert!(texts.contains(&"nested item"));
        assert!(texts.contains(&"Second line"));
        assert!(texts.contains(&"72 hours"));
        assert!(texts.contains(&"Quoted duty."));
        assert!(texts.contains(&"HTML text"), "{texts:?}");
        let first = d.blocks.iter().find(|b| b.text == "First item").unwrap();
        assert_eq!(first.label, "1.");
        assert_eq!(first.kind, BlockKind::ListItem { depth: 0 });
        let nested = d.blocks.iter().find(|b| b.text == "nested item").unwrap();
        assert_eq!(nested.kind, BlockKind::ListItem { depth: 1 });
        let cell = d.blocks.iter().find(|b| b.text == "72 hours").unwrap();
        assert_eq!(
            cell.kind,
            BlockKind::TableCell {
                row: 1,
                col: 1,
                depth: 0
            }
        );
        assert_eq!(d.notes.len(), 1);
        assert_eq!(d.notes[0].text, "The footnote text.");
    }

    #[test]
    fn front_matter_skipped_and_typed_numbers_open_clauses() {
        let d = read("1. Security\n   1. Incidents. Supplier shall notify.\n");
        let item = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Incidents"))
            .unwrap();
        assert_eq!(
            d.section_name(item.section).as_deref(),
            Some("1.1 Incidents")
        );
        let d = read("---\ntitle: x\n---\n\n# Terms\n\n5.2 Encryption. Supplier shall encrypt.\n\nMore text.\n");
        assert_eq!(d.blocks[0].text, "Terms");
        let more = d.blocks.iter().find(|b| b.text == "More text.").unwrap();
        assert_eq!(
            d.section_name(more.section).as_deref(),
            Some("5.2 Encryption")
        );
    }

    #[test]
    fn detects_markdown() {
        assert!(looks_like_markdown("# Title\n\ntext"));
        assert!(!looks_like_markdown("MASTER AGREEMENT\n\n1. Definitions\n"));
    }
}
