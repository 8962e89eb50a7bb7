//! The paragraph streamer: turns document.xml (and footnotes, endnotes, comments) into blocks.
//!
//! Text comes from `w:t` (and `w:delText` in the original view), with tab/br/cr as spaces and
//! `noBreakHyphen` as "-". Field instructions, `*PrChange`, `mc:Fallback` and the rejected side of
//! tracked changes are skipped; `w:sdt`, hyperlinks, smartTag and customXml are read through. Table
//! cells become one block each; headings and clause-numbered paragraphs open sections. Everything uses
//! explicit stacks, so hostile nesting costs memory bounded by the depth limit, never the call stack.
//!
//! Notes (footnotes, endnotes) are placed at the body paragraph that first references them (location
//! and section of that paragraph) and labelled with their displayed number (footnotes "1", "2" …,
//! endnotes "i", "ii" … in order of first reference); an unreferenced note gets `Paragraph { 0 }`, no
//! section and no label. Comments keep their id and author; headers and footers are not read.

use super::numbering::{Label, Numberer, Numbering};
use super::styles::Styles;
use super::xml::{attr, int_val, Handler, Ns};
use super::Revision;
use crate::document::{
    Block, BlockKind, Comment, Document, Format, Location, SectionTracker, TrackedChanges,
};
use crate::ingest::{clause_number, IngestError, Limits};
use crate::text::BlockText;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Longest text of a numbered paragraph that still reads as a clause title.
const MAX_TITLE_CHARS: usize = 80;
/// Longest heading-styled text still read as a heading.
const MAX_HEADING_CHARS: usize = 150;
/// Most open complex fields tracked (deeper ones are treated as results).
const MAX_FIELDS: usize = 256;

/// What the reader is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Notes,
    Comments,
}

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NoteKind {
    Footnote,
    Endnote,
}

/// The open element, as far as the streamer cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    /// `w:rPr` of the paragraph mark (inside `w:pPr`).
    MarkRPr,
    NumPr,
    R,
    /// A text element (`w:t`, or `w:delText` in the original view).
    T,
    Tc,
    /// `w:trPr` (row insertion/deletion).
    TrPr,
    /// Other property containers (`w:rPr`, `w:tcPr`, `w:tblPr`, `w:sectPr`...): ins/del in them are
    /// not content revisions.
    Props,
    Other,
}

/// Why a subtree is being skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// The rejected side of a tracked change: nested revisions are still counted.
    Revision,
    /// Field instructions, property changes, `mc:Fallback`, separators: nothing counts.
    Silent,
}

#[derive(Debug, Default)]
struct Para {
    /// 1-based body paragraph index (0 outside the body).
    index: u32,
    text: BlockText,
    style: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
    outline: Option<i64>,
    /// The paragraph mark is gone in the chosen view: merge with the next paragraph.
    merge_next: bool,
    /// The mark carries a section break (`w:pPr/w:sectPr`).
    section_break: bool,
    notes: Vec<(NoteKind, String)>,
}

/// Text of paragraphs whose marks were deleted, waiting for the paragraph they merge into.
#[derive(Debug)]
struct Pending {
    index: u32,
    text: BlockText,
    notes: Vec<(NoteKind, String)>,
}

#[derive(Debug, Default)]
struct Cell {
    text: BlockText,
    label: String,
    first_para: Option<u32>,
}

#[derive(Debug)]
struct Table {
    /// Number of open paragraphs when the table started (a table in a textbox sits in a paragraph).
    para_depth: usize,
    depth: u8,
    row: i64,
    col: i64,
    row_dropped: bool,
    cell: Option<Cell>,
}

/// A note or comment being read.
#[derive(Debug)]
struct Container {
    kind: Option<NoteKind>,
    id: String,
    author: String,
    text: BlockText,
    skip: bool,
}

/// Where a note is referenced from the body: (paragraph index, section).
pub(crate) type NoteRefs = HashMap<(NoteKind, String), (u32, Option<usize>)>;

/// Streams a WordprocessingML part.
pub(crate) struct PartReader<'a> {
    mode: Mode,
    revision: Revision,
    max_paragraphs: usize,
    styles: Option<&'a Styles>,
    numberer: Option<Numberer<'a>>,
    doc: Document,
    tracker: SectionTracker,
    /// Level of the last heading that carried no number: numbered clauses nest under it.
    unnumbered_heading_level: Option<u8>,
    stack: Vec<Tag>,
    skip: Option<(usize, Skip)>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Open complex fields: `true` once past `separate` (showing the result).
    fields: Vec<bool>,
    pending: Option<Pending>,
    para_count: u32,
    other_paras: usize,
    note_refs: NoteRefs,
    /// Order in which notes are first referenced (for their displayed numbers).
    note_order: Vec<(NoteKind, String)>,
    note_kind: NoteKind,
    container: Option<Container>,
    changes: TrackedChanges,
}

impl<'a> PartReader<'a> {
    fn new(mode: Mode, revision: Revision, limits: &Limits) -> Self {
        PartReader {
            mode,
            revision,
            max_paragraphs: limits.max_paragraphs,
            styles: None,
            numberer: None,
            doc: Document::new(Format::Docx),
            tracker: SectionTracker::new(),
            unnumbered_heading_level: None,
            stack: Vec::new(),
            skip: None,
            paras: Vec::new(),
            tables: Vec::new(),
            fields: Vec::new(),
            pending: None,
            para_count: 0,
            other_paras: 0,
            note_refs: HashMap::new(),
            note_order: Vec::new(),
            note_kind: NoteKind::Footnote,
            container: None,
            changes: TrackedChanges::default(),
        }
    }

    /// A reader for the main document part.
    pub fn body(
        styles: &'a Styles,
        numbering: &'a Numbering,
        revision: Revision,
        limits: &Limits,
    ) -> Self {
        let mut r = Self::new(Mode::Body, revision, limits);
        r.styles = Some(styles);
        r.numberer = Some(Numberer::new(numbering, styles));
        r
    }

    /// A reader for footnotes.xml / endnotes.xml (call [`PartReader::set_note_kind`] per part).
    pub fn notes(revision: Revision, limits: &Limits) -> Self {
        Self::new(Mode::Notes, revision, limits)
    }

    /// A reader for comments.xml.
    pub fn comments(revision: Revision, limits: &Limits) -> Self {
        Self::new(Mode::Comments, revision, limits)
    }

    pub fn set_note_kind(&mut self, kind: NoteKind) {
        self.note_kind = kind;
        self.stack.clear();
        self.skip = None;
        self.paras.clear();
        self.tables.clear();
        self.fields.clear();
        self.pending = None;
        self.container = None;
    }

    /// The body document, plus where notes are referenced and in which order.
    pub fn finish_body(mut self) -> (Document, NoteRefs, Vec<(NoteKind, String)>) {
        self.flush_pending();
        self.doc.tracked_changes = self.changes;
        (self.doc, self.note_refs, self.note_order)
    }

    /// Adds the notes read to `doc`, placed at their referencing paragraphs.
    pub fn finish_notes(self, doc: &mut Document, refs: &NoteRefs, order: &[(NoteKind, String)]) {
        for mut b in self.doc.notes {
            // The note id and kind were stashed in `label` and `kind` while reading.
            let (kind, id) = match b.label.split_once(':') {
                Some(("e", id)) => (NoteKind::Endnote, id.to_string()),
                Some((_, id)) => (NoteKind::Footnote, id.to_string()),
                None => (NoteKind::Footnote, String::new()),
            };
            let key = (kind, id);
            if let Some(&(para, section)) = refs.get(&key) {
                b.location = Location::Paragraph { paragraph: para };
                b.section = section;
            }
            let n = order
                .iter()
                .filter(|(k, _)| *k == kind)
                .position(|k| *k == key)
                .map(|i| i as i64 + 1);
            b.label = match (n, kind) {
                (Some(n), NoteKind::Footnote) => n.to_string(),
                (Some(n), NoteKind::Endnote) => super::numbering::format_number(n, "lowerRoman"),
                (None, _) => String::new(),
            };
            doc.notes.push(b);
        }
    }

    pub fn finish_comments(self) -> Vec<Comment> {
        self.doc.comments
    }

    fn top(&self) -> Tag {
        self.stack.last().copied().unwrap_or(Tag::Other)
    }

    fn start_skip(&mut self, kind: Skip) {
        // `stack.len()` is the depth of the element just pushed.
        self.skip = Some((self.stack.len(), kind));
    }

    fn count_revision(&mut self, insertion: bool) {
        if self.mode != Mode::Body {
            return;
        }
        if insertion {
            self.changes.insertions = self.changes.insertions.saturating_add(1);
        } else {
            self.changes.deletions = self.changes.deletions.saturating_add(1);
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push(s, 0);
        }
    }

    fn push_space(&mut self) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_space();
        }
    }

    fn in_field_instruction(&self) -> bool {
        self.fields.last() == Some(&false)
    }

    fn start_paragraph(&mut self) -> Result<(), IngestError> {
        let index = if self.mode == Mode::Body && self.container.is_none() {
            self.para_count = self.para_count.saturating_add(1);
            if self.para_count as usize > self.max_paragraphs {
                return Err(IngestError::TooManyParagraphs {
                    limit: self.max_paragraphs,
                });
            }
            self.para_count
        } else {
            self.other_paras += 1;
            if self.other_paras > self.max_paragraphs {
                return Err(IngestError::TooManyParagraphs {
                    limit: self.max_paragraphs,
                });
            }
            0
        };
        let mut para = Para {
            index,
            ..Para::default()
        };
        if self.mode == Mode::Body {
            // The previous paragraph's mark is gone: this one continues its text.
            if let Some(p) = self.pending.take() {
                para.index = p.index;
                para.text = p.text;
                para.notes = p.notes;
            }
        }
        self.paras.push(para);
        Ok(())
    }

    fn flush_pending(&mut self) {
        // A deleted mark on the last paragraph: nothing follows to merge into; emit as is.
        if let Some(p) = self.pending.take() {
            let para = Para {
                index: p.index,
                text: p.text,
                notes: p.notes,
                ..Para::default()
            };
            self.emit_paragraph(para);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        if p.merge_next && self.mode == Mode::Body {
            self.pending = Some(Pending {
                index: p.index,
                text: p.text,
                notes: p.notes,
            });
            return;
        }
        match self.mode {
            Mode::Body => self.emit_paragraph(p),
            Mode::Notes | Mode::Comments => {
                if let Some(c) = self.container.as_mut() {
                    c.text.push_space();
                    c.text.push(p.text.as_str(), 0);
                }
            }
        }
    }

    /// Numbering label and heading level of a body paragraph.
    fn paragraph_props(&mut self, p: &Para) -> (Option<Label>, Option<u8>) {
        let Some(styles) = self.styles else {
            return (None, None);
        };
        let inherited = styles.resolve(p.style.as_deref());
        let num_id = p.num_id.or(inherited.num_id);
        let label = match num_id {
            // An empty paragraph that only carries a section break shows no number (LibreOffice
            // folds it into the break) and so does not advance the counters.
            _ if p.section_break && p.text.is_empty() => None,
            Some(n) if n > 0 => {
                let ilvl = p.ilvl.or(inherited.ilvl);
                self.numberer.as_mut().and_then(|nb| {
                    let ilvl = ilvl.unwrap_or_else(|| nb.ilvl_for_style(n, p.style.as_deref()));
                    nb.next(n, ilvl)
                })
            }
            _ => None,
        };
        let outline = p.outline.or(inherited.outline_lvl);
        let level = match outline {
            Some(l) if (0..9).contains(&l) => Some(l as u8 + 1),
            Some(_) => None,
            None => inherited.heading_by_name,
        };
        (label, level)
    }

    fn record_notes(&mut self, notes: &[(NoteKind, String)], index: u32, section: Option<usize>) {
        for key in notes {
            if !self.note_refs.contains_key(key) && self.note_refs.len() < 100_000 {
                self.note_refs.insert(key.clone(), (index, section));
                self.note_order.push(key.clone());
            }
        }
    }

    fn emit_paragraph(&mut self, p: Para) {
        let (label, heading) = self.paragraph_props(&p);
        let label_text = label.as_ref().map(|l| l.text.clone()).unwrap_or_default();

        // A paragraph of a table cell joins the cell's text.
        let para_depth = self.paras.len();
        if let Some(t) = self.tables.last_mut() {
            if t.para_depth == para_depth {
                if let Some(cell) = t.cell.as_mut() {
                    if !p.text.is_empty() {
                        if cell.first_para.is_none() {
                            cell.first_para = Some(p.index);
                        }
                        if cell.text.is_empty() && cell.label.is_empty() {
                            cell.label = label_text;
                        } else if !label_text.is_empty() {
                            cell.text.push_space();
                            cell.text.push(&label_text, 0);
                        }
                        cell.text.push_space();
                        cell.text.push(p.text.as_str(), 0);
                    }
                    let section = self.tracker.current();
                    self.record_notes(&p.notes, p.index, section);
                    return;
                }
            }
        }

        let text = p.text.finish().0;
        if text.is_empty() {
            let section = self.tracker.current();
            self.record_notes(&p.notes, p.index, section);
            return;
        }
        let number = label_text.trim_end_matches('.').to_string();
        // Body text in a heading style (common in converted documents) is not a heading.
        let heading = heading.filter(|_| reads_as_heading(&text));
        let kind;
        let section;
        let clause_label = label.as_ref().filter(|l| !l.bullet && clause_like(&l.text));
        // Auto-numbered clauses nest by numbering level, below the last unnumbered heading.
        let clause_level = |l: &Label| {
            let base = self.unnumbered_heading_level.unwrap_or(0);
            base.saturating_add(l.ilvl as u8 + 1).min(u8::MAX - 1)
        };
        if let Some(level) = heading {
            // A numbered heading takes its level from the numbering: outline levels in converted
            // documents often disagree with the visible hierarchy.
            let level = clause_label.map_or(level, clause_level);
            kind = BlockKind::Heading { level };
            // A heading without auto-numbering may have its number typed: "6. Liability".
            let (number, title) = match (number.is_empty(), clause_number::split(&text)) {
                (true, Some(c)) => (c.number.to_string(), text[c.rest_offset..].to_string()),
                _ => (number, text.clone()),
            };
            let title = title.trim_end_matches(['.', ':']).to_string();
            if number.is_empty() {
                self.unnumbered_heading_level = Some(level);
            }
            section = Some(
                self.tracker
                    .open(&mut self.doc.sections, level, number, title),
            );
        } else if let Some(l) = clause_label {
            // An auto-numbered clause: a short title reads as a heading; a clause with text opens an
            // untitled section (or one titled by its lead-in, "Security Incidents. Provider ...").
            let level = clause_level(l);
            let title;
            if is_title(&text) {
                kind = BlockKind::Heading { level };
                title = text.trim_end_matches(['.', ':']).to_string();
            } else {
                kind = BlockKind::Paragraph;
                title = leading_title(&text);
            }
            section = Some(
                self.tracker
                    .open(&mut self.doc.sections, level, number, title),
            );
        } else if let Some(l) = label.as_ref() {
            kind = BlockKind::ListItem {
                depth: l.ilvl as u8,
            };
            section = self.tracker.current();
        } else if let Some(c) = clause_number::split(&text)
            .filter(|c| c.depth >= 1 && c.number.starts_with(|ch: char| ch.is_ascii_digit()))
        {
            // A typed decimal clause number: "12.3 The Supplier shall ...".
            let base = self.unnumbered_heading_level.unwrap_or(0);
            let level = base.saturating_add(c.depth).min(u8::MAX - 1);
            let rest = &text[c.rest_offset..];
            let title = if is_title(rest) {
                rest.trim_end_matches(['.', ':']).to_string()
            } else {
                leading_title(rest)
            };
            kind = BlockKind::Paragraph;
            section =
                Some(
                    self.tracker
                        .open(&mut self.doc.sections, level, c.number.to_string(), title),
                );
        } else {
            kind = BlockKind::Paragraph;
            section = self.tracker.current();
        }
        self.record_notes(&p.notes, p.index, section);
        self.doc.blocks.push(Block {
            kind,
            label: label_text,
            text,
            section,
            location: Location::Paragraph { paragraph: p.index },
            source_range: None,
            source_map: Vec::new(),
        });
    }

    fn end_cell(&mut self) {
        let section = self.tracker.current();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = t.cell.take() else { return };
        if t.row_dropped || (cell.text.is_empty() && cell.label.is_empty()) {
            return;
        }
        let kind = BlockKind::TableCell {
            row: t.row.clamp(0, u32::MAX as i64) as u32,
            col: t.col.clamp(0, u32::MAX as i64) as u32,
            depth: t.depth,
        };
        let location = Location::Paragraph {
            paragraph: cell.first_para.unwrap_or(0),
        };
        let text = cell.text.finish().0;
        let block = Block {
            kind,
            label: cell.label,
            text,
            section,
            location,
            source_range: None,
            source_map: Vec::new(),
        };
        match self.mode {
            Mode::Body => self.doc.blocks.push(block),
            _ => {
                if let Some(c) = self.container.as_mut() {
                    c.text.push_space();
                    c.text.push(&block.text, 0);
                }
            }
        }
    }

    fn start_container(&mut self, local: &str, e: &BytesStart<'_>) {
        let id = attr(e, "id").unwrap_or_default().into_owned();
        let ty = attr(e, "type").unwrap_or_default();
        let skip = matches!(
            ty.as_ref(),
            "separator" | "continuationSeparator" | "continuationNotice"
        );
        let kind = match local {
            "footnote" => Some(NoteKind::Footnote),
            "endnote" => Some(NoteKind::Endnote),
            _ => None,
        };
        let author = attr(e, "author").unwrap_or_default().into_owned();
        self.container = Some(Container {
            kind,
            id,
            author,
            text: BlockText::new(),
            skip,
        });
    }

    fn end_container(&mut self) {
        let Some(c) = self.container.take() else {
            return;
        };
        if c.skip {
            return;
        }
        let text = c.text.finish().0;
        match self.mode {
            Mode::Comments => {
                if self.doc.comments.len() < 1_000_000 {
                    self.doc.comments.push(Comment {
                        id: c.id,
                        author: c.author,
                        text,
                    });
                }
            }
            _ => {
                if text.is_empty() {
                    return;
                }
                let tag = if c.kind == Some(NoteKind::Endnote) {
                    "e"
                } else {
                    "f"
                };
                self.doc.notes.push(Block {
                    kind: BlockKind::Note,
                    label: format!("{tag}:{}", c.id),
                    text,
                    section: None,
                    location: Location::Paragraph { paragraph: 0 },
                    source_range: None,
                    source_map: Vec::new(),
                });
            }
        }
    }

    /// Handles a WordprocessingML start tag: the tag to push and whether its subtree is skipped.
    fn start_w(
        &mut self,
        local: &str,
        e: &BytesStart<'_>,
    ) -> Result<(Tag, Option<Skip>), IngestError> {
        let parent = self.top();
        let accepted = self.revision == Revision::Accepted;
        let tag = match local {
            "p" => {
                self.start_paragraph()?;
                Tag::P
            }
            "pPr" if parent == Tag::P => Tag::PPr,
            "numPr" if parent == Tag::PPr => Tag::NumPr,
            "rPr" if parent == Tag::PPr => Tag::MarkRPr,
            "pStyle" if parent == Tag::PPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val").map(|v| v.into_owned());
                }
                Tag::Other
            }
            "outlineLvl" if parent == Tag::PPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = int_val(e);
                }
                Tag::Other
            }
            "numId" if parent == Tag::NumPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = int_val(e);
                }
                Tag::Other
            }
            "ilvl" if parent == Tag::NumPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = int_val(e);
                }
                Tag::Other
            }
            l if l.ends_with("PrChange") => {
                return Ok((Tag::Other, Some(Skip::Silent)));
            }
            "ins" | "moveTo" | "del" | "moveFrom" => {
                let insertion = matches!(local, "ins" | "moveTo");
                match parent {
                    Tag::MarkRPr => {
                        self.count_revision(insertion);
                        // The paragraph mark was inserted/deleted: gone in one of the views.
                        if insertion != accepted {
                            if let Some(p) = self.paras.last_mut() {
                                p.merge_next = true;
                            }
                        }
                        Tag::Other
                    }
                    Tag::TrPr => {
                        self.count_revision(insertion);
                        if insertion != accepted {
                            if let Some(t) = self.tables.last_mut() {
                                t.row_dropped = true;
                            }
                        }
                        Tag::Other
                    }
                    Tag::Props | Tag::PPr | Tag::NumPr => Tag::Other,
                    _ => {
                        self.count_revision(insertion);
                        if insertion != accepted {
                            return Ok((Tag::Other, Some(Skip::Revision)));
                        }
                        Tag::Other
                    }
                }
            }
            "r" => Tag::R,
            "t" => Tag::T,
            "delText" => {
                if accepted {
                    Tag::Other
                } else {
                    Tag::T
                }
            }
            "instrText" | "delInstrText" => {
                return Ok((Tag::Other, Some(Skip::Silent)));
            }
            "tab" | "ptab" | "br" | "cr" if parent == Tag::R => {
                if !self.in_field_instruction() {
                    self.push_space();
                }
                Tag::Other
            }
            "noBreakHyphen" if parent == Tag::R => {
                if !self.in_field_instruction() {
                    self.push_text("-");
                }
                Tag::Other
            }
            "fldChar" => {
                match attr(e, "fldCharType").as_deref() {
                    Some("begin") if self.fields.len() < MAX_FIELDS => {
                        self.fields.push(false);
                    }
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            *f = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                Tag::Other
            }
            "footnoteReference" | "endnoteReference" => {
                let kind = if local == "footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                if let (Some(id), Some(p)) = (attr(e, "id"), self.paras.last_mut()) {
                    if p.notes.len() < 1000 {
                        p.notes.push((kind, id.into_owned()));
                    }
                }
                Tag::Other
            }
            "tbl" => {
                let depth = self.tables.len().min(u8::MAX as usize) as u8;
                self.tables.push(Table {
                    para_depth: self.paras.len(),
                    depth,
                    row: -1,
                    col: -1,
                    row_dropped: false,
                    cell: None,
                });
                Tag::Other
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = t.row.saturating_add(1);
                    t.col = -1;
                    t.row_dropped = false;
                }
                Tag::Other
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col = t.col.saturating_add(1);
                    t.cell = Some(Cell::default());
                }
                Tag::Tc
            }
            "trPr" => Tag::TrPr,
            "sectPr" if parent == Tag::PPr => {
                if let Some(p) = self.paras.last_mut() {
                    p.section_break = true;
                }
                Tag::Props
            }
            "rPr" | "tcPr" | "tblPr" | "tblPrEx" | "sectPr" | "tblGrid" | "numberingChange" => {
                Tag::Props
            }
            "footnote" | "endnote" | "comment"
                if self.mode != Mode::Body && self.stack.len() == 1 =>
            {
                self.start_container(local, e);
                if self.container.as_ref().is_some_and(|c| c.skip) {
                    return Ok((Tag::Other, Some(Skip::Silent)));
                }
                Tag::Other
            }
            _ => Tag::Other,
        };
        Ok((tag, None))
    }
}

/// "12.3", "5.", "Article 5", "Section 2.1", "IV." read as clause numbers; "(a)", "i." do not.
fn clause_like(label: &str) -> bool {
    let l = label.trim();
    let l = l.strip_suffix('.').unwrap_or(l);
    if l.is_empty() {
        return false;
    }
    let decimal = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    };
    if decimal(l) {
        return true;
    }
    if let Some((word, rest)) = l.split_once(' ') {
        let word = word.to_ascii_lowercase();
        let rest = rest.trim();
        let rest = rest.strip_suffix(':').unwrap_or(rest);
        let roman = !rest.is_empty() && rest.bytes().all(|b| b"IVXLC".contains(&b));
        return matches!(
            word.as_str(),
            "article"
                | "section"
                | "clause"
                | "schedule"
                | "annex"
                | "appendix"
                | "exhibit"
                | "part"
        ) && (decimal(rest) || roman);
    }
    // Upper-case roman numerals with a dot: "IV."
    label.trim().ends_with('.') && l.bytes().all(|b| b"IVXLC".contains(&b))
}

/// Whether heading-styled text reads as a heading rather than body text: not long, not several
/// sentences.
fn reads_as_heading(text: &str) -> bool {
    if text.chars().count() > MAX_HEADING_CHARS {
        return false;
    }
    let rest = clause_number::split(text).map_or(text, |c| &text[c.rest_offset..]);
    // A continuation clause ("was known to ...") is not a heading.
    if rest.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    if !text.ends_with(['.', ';', ',', ':']) {
        return true;
    }
    // A sentence ending in a stop: a heading only if it reads as a title ("Definitions.").
    clause_number::looks_like_title(rest) && !rest.ends_with([';', ','])
}

/// A clause's lead-in title: "Security Incidents. Provider will ..." → "Security Incidents".
fn leading_title(text: &str) -> String {
    clause_number::leading_title(text)
        .unwrap_or_default()
        .to_string()
}

/// Short text without a final sentence stop reads as a title; so does a few capitalised words with
/// a final period ("Deletion at DPA Expiration.").
fn is_title(text: &str) -> bool {
    if text.chars().count() >= MAX_TITLE_CHARS {
        return false;
    }
    if !text.ends_with(['.', ';', ':', ',']) {
        return true;
    }
    let Some(body) = text.strip_suffix('.') else {
        return false;
    };
    const SMALL: [&str; 12] = [
        "and", "or", "of", "the", "to", "for", "at", "in", "on", "by", "with", "&",
    ];
    let words: Vec<&str> = body.split_whitespace().collect();
    !body.contains(['.', ',', ';', ':'])
        && (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            SMALL.contains(w)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

impl Handler for PartReader<'_> {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart<'_>) -> Result<(), IngestError> {
        if let Some((_, kind)) = self.skip {
            // Inside a skipped subtree: keep the stack aligned; count nested revisions of a rejected
            // change so the counts do not depend on the view.
            if kind == Skip::Revision
                && ns == Ns::W
                && matches!(local, "ins" | "moveTo" | "del" | "moveFrom")
            {
                self.count_revision(matches!(local, "ins" | "moveTo"));
            }
            if ns == Ns::W && local == "p" && kind == Skip::Revision {
                // Paragraphs inside rejected content still count toward the index.
                if self.mode == Mode::Body && self.container.is_none() {
                    self.para_count = self.para_count.saturating_add(1);
                }
            }
            self.stack.push(Tag::Other);
            return Ok(());
        }
        let (tag, skip) = match ns {
            Ns::W => self.start_w(local, e)?,
            Ns::Mc if local == "Fallback" => (Tag::Other, Some(Skip::Silent)),
            _ => (Tag::Other, None),
        };
        self.stack.push(tag);
        if let Some(kind) = skip {
            self.start_skip(kind);
        }
        Ok(())
    }

    fn end(&mut self, ns: Ns, local: &str) -> Result<(), IngestError> {
        let depth = self.stack.len();
        let tag = self.stack.pop().unwrap_or(Tag::Other);
        if let Some((at, _)) = self.skip {
            if at == depth {
                self.skip = None;
                if self.container.as_ref().is_some_and(|c| c.skip) && depth == 2 {
                    self.container = None;
                }
            }
            return Ok(());
        }
        if ns != Ns::W {
            return Ok(());
        }
        match tag {
            Tag::P => self.end_paragraph(),
            Tag::Tc => self.end_cell(),
            _ => match local {
                // Close the innermost table opened at this paragraph depth.
                "tbl"
                    if self
                        .tables
                        .last()
                        .is_some_and(|t| t.para_depth == self.paras.len()) =>
                {
                    self.tables.pop();
                }
                "footnote" | "endnote" | "comment" if self.mode != Mode::Body && depth == 2 => {
                    self.end_container();
                }
                _ => {}
            },
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if self.skip.is_some() || self.top() != Tag::T || self.in_field_instruction() {
            return;
        }
        self.push_text(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_labels() {
        for l in [
            "12.3",
            "5.",
            "1",
            "Article 5",
            "Section 2.1",
            "IV.",
            "ARTICLE IV",
        ] {
            assert!(clause_like(l), "{l}");
        }
        for l in ["(a)", "i.", "a.", "•", "(iv)", "1)", "", "Step 3a"] {
            assert!(!clause_like(l), "{l}");
        }
    }

    #[test]
    fn heading_text() {
        assert!(reads_as_heading("Security Incidents"));
        assert!(reads_as_heading("11. Definitions."));
        assert!(!reads_as_heading("The Supplier shall notify the Customer."));
        assert!(!reads_as_heading(&"word ".repeat(40)));
    }

    #[test]
    fn titles() {
        assert!(is_title("Security Incidents"));
        assert!(!is_title("The Supplier shall notify the Customer."));
        assert!(is_title("Deletion at DPA Expiration."));
        assert!(!is_title("Provider will notify Customer."));
    }
}
