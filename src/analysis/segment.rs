//! Cuts a document into the units the rules judge: sentences, and within a sentence the items of an
//! inline enumeration ("Provider will: (a) notify …; (b) provide …"), each with the lead-in that
//! governs it (a sentence's words before its first item, or the paragraph "Supplier shall:" above a
//! list). Also runs the one term pass over every block and marks definitions.

use super::quantity::{self, DurationMatch};
use crate::document::{BlockKind, Document};
use crate::library::terms::{Hit, Terms};
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// A span of one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// One judged unit.
#[derive(Debug, Clone)]
pub struct Unit {
    pub span: Span,
    /// The words that govern this unit: "Supplier shall:" above a list, or a sentence's lead-in.
    pub lead: Option<Span>,
    /// This unit defines a term ("'Security Incident' means …"): context, never a candidate.
    pub defines: Option<String>,
    pub is_heading: bool,
    /// The unit of a table row's first cell reads the whole row ([`Row`]).
    pub row: Option<Row>,
}

/// A table row read as one clause: its cells, labelled by the header row's cells, under the
/// sentence that makes the table binding ("… within the periods in this table:" just above it, or
/// the one clause that cites the schedule the table stands in). Ranges are of block indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub cells: (usize, usize),
    pub header: Option<(usize, usize)>,
}

/// A document cut into units, with the term hits of every block.
#[derive(Debug)]
pub struct Segmented {
    pub units: Vec<Unit>,
    /// Term hits of every block, block after block, each block's sorted by position
    /// ([`Segmented::block_hits`]).
    hits: Vec<Hit>,
    /// Where each block's hits start in `hits` (one more entry than blocks).
    block_hits_at: Vec<u32>,
    /// Term hits of each section's title (and its ancestors' titles), per section.
    pub heading_hits: Vec<Vec<u32>>,
    /// For each section, the range of block indices it and its subsections cover.
    pub section_blocks: Vec<(usize, usize)>,
    /// Defined terms: (term, unit index).
    pub definitions: Vec<(String, usize)>,
    /// Durations found in each block, computed on first use.
    durations: Vec<OnceLock<Vec<DurationMatch>>>,
    /// Which term sets each unit hits (the clause itself), for constant-time locating.
    pub unit_sets: SetTable,
    /// Which term sets each unit's lead-in hits.
    pub lead_sets: SetTable,
    /// For each term set, the units whose own text hits it (ascending), one list after another
    /// ([`Segmented::postings`]).
    posting_units: Vec<u32>,
    /// Where each set's list starts in `posting_units` (one more entry than sets).
    postings_at: Vec<u32>,
}

/// Marks the first unit of every table row's first cell as the row's unit ([`Row`]) and gives it
/// the table's binding sentence as lead-in.
fn read_table_rows(doc: &Document, units: &mut [Unit]) {
    for table in tables(doc) {
        let header = (table.len() > 1).then(|| table[0]);
        let lead = table_lead(doc, units, table[0].0);
        for &(lo, hi) in table.iter().skip(usize::from(header.is_some())) {
            let first = units.partition_point(|u| u.span.block < lo);
            if let Some(u) = units.get_mut(first).filter(|u| u.span.block < hi) {
                u.row = Some(Row {
                    cells: (lo, hi),
                    header,
                });
                if u.lead.is_none() {
                    u.lead = lead;
                }
            }
        }
    }
}

/// The top-level tables of a document, each as its rows' block ranges in order.
pub fn tables(doc: &Document) -> Vec<Vec<(usize, usize)>> {
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut prev: Option<(usize, u32)> = None;
    for (bi, b) in doc.blocks.iter().enumerate() {
        let BlockKind::TableCell { row, depth: 0, .. } = b.kind else {
            if !matches!(b.kind, BlockKind::TableCell { .. }) {
                prev = None;
            }
            continue;
        };
        match prev {
            Some((_, r)) if r == row => {
                if let Some(last) = out.last_mut().and_then(|t| t.last_mut()) {
                    last.1 = bi + 1;
                }
            }
            Some((_, r)) if row > r => {
                if let Some(t) = out.last_mut() {
                    t.push((bi, bi + 1));
                }
            }
            _ => out.push(vec![(bi, bi + 1)]),
        }
        prev = Some((bi, row));
    }
    out
}

/// The sentence that makes a table binding: the paragraph just above it when it introduces it
/// ("… in this table:", "as follows", "set out below"), else, for a table in a schedule or annex,
/// the one clause elsewhere that cites that schedule ("shall meet the commitments in Schedule 1").
fn table_lead(doc: &Document, units: &[Unit], first_cell: usize) -> Option<Span> {
    let above = first_cell.checked_sub(1).map(|b| &doc.blocks[b]);
    if let Some(b) = above.filter(|b| !b.is_heading()) {
        let lower = b.text.to_ascii_lowercase();
        let introduces = lower.trim_end().ends_with(':')
            || ["table", "below", "as follows", "following"]
                .iter()
                .any(|w| lower.contains(w));
        if introduces {
            let start = b.text.rfind(". ").map_or(0, |p| p + 2);
            return Some(Span {
                block: first_cell - 1,
                start,
                end: b.text.len(),
            });
        }
    }
    let section = doc.blocks[first_cell].section?;
    let display = doc.sections.get(section)?.display();
    let name = SCHEDULE_NAME.find(&display)?.as_str().to_ascii_lowercase();
    let mut citing = units.iter().filter(|u| {
        let b = &doc.blocks[u.span.block];
        !u.is_heading
            && !matches!(b.kind, BlockKind::TableCell { .. })
            && b.section != Some(section)
            && b.text
                .get(u.span.start..u.span.end)
                .is_some_and(|t| t.to_ascii_lowercase().contains(&name))
    });
    match (citing.next(), citing.next()) {
        (Some(only), None) => Some(only.span),
        _ => None,
    }
}

static SCHEDULE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:schedule|annex|exhibit|appendix|attachment)\s+(?:[0-9]+|[A-Z]|[IVX]+)\b")
        .expect("schedule name regex")
});

/// For each unit, a bitset of term-set ids: one row of equal width per unit, in one allocation.
#[derive(Debug, Clone, Default)]
pub struct SetTable {
    words_per_row: usize,
    words: Vec<u64>,
}

impl SetTable {
    fn new(rows: usize, sets: usize) -> SetTable {
        let words_per_row = sets.div_ceil(64);
        SetTable {
            words_per_row,
            words: vec![0; rows * words_per_row],
        }
    }

    fn insert_all(&mut self, row: usize, hits: &[Hit]) {
        let start = row * self.words_per_row;
        if let Some(bits) = self.words.get_mut(start..start + self.words_per_row) {
            for h in hits {
                if let Some(w) = bits.get_mut(h.set as usize / 64) {
                    *w |= 1 << (h.set % 64);
                }
            }
        }
    }

    /// The term sets of unit `row`, ascending.
    fn sets_of(&self, row: usize) -> impl Iterator<Item = u32> + '_ {
        let start = row * self.words_per_row;
        let bits = self
            .words
            .get(start..start + self.words_per_row)
            .unwrap_or(&[]);
        bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (w * 64) as u32 + bit
                })
            })
        })
    }

    /// Whether unit `row` hits term set `set`.
    pub fn contains(&self, row: usize, set: u32) -> bool {
        let w = set as usize / 64;
        w < self.words_per_row
            && self
                .words
                .get(row * self.words_per_row + w)
                .is_some_and(|x| x & (1 << (set % 64)) != 0)
    }
}

static ABBREVIATIONS: [&str; 22] = [
    "e.g", "i.e", "inc", "ltd", "co", "corp", "no", "nos", "sec", "cl", "art", "arts", "para",
    "u.s", "v", "vs", "etc", "approx", "st", "mr", "ms", "dr",
];

/// Byte offsets where sentences end (exclusive), for one block's text.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    sentence_ends_into(text, &mut ends);
    ends
}

/// [`sentence_ends`] into a buffer the caller reuses (cleared first).
fn sentence_ends_into(text: &str, ends: &mut Vec<usize>) {
    let b = text.as_bytes();
    ends.clear();
    for i in memchr::memchr3_iter(b'.', b'?', b'!', b) {
        if b.get(i + 1) != Some(&b' ') {
            continue;
        }
        // Next word must start like a sentence.
        let next = b.get(i + 2).copied().unwrap_or(b' ');
        let starts =
            next.is_ascii_uppercase() || next == b'"' || next == b'(' || next.is_ascii_digit();
        if starts && b[i] == b'.' {
            // Guard abbreviations and numbers ("cl. 5", "No. 3", "12.3", "a.").
            let word_start = memchr::memrchr2(b' ', b'(', &b[..i]).map_or(0, |p| p + 1);
            let word = &text[word_start..i];
            let is_abbrev = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                || (word.len() == 1 && word.chars().all(|ch| ch.is_ascii_alphabetic()))
                || (word_start == 0 && word.chars().all(|ch| ch.is_ascii_digit() || ch == '.'));
            if !is_abbrev {
                ends.push(i + 1);
            }
        } else if starts {
            ends.push(i + 1);
        }
    }
    ends.push(b.len());
    ends.dedup();
}

static ENUM_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:^|[:;,]\s*(?:and\s+|or\s+)?|\s)\(([a-z]|[ivx]{1,4})\)|(?:^|[:;]\s*(?:and\s+|or\s+)?)\(([0-9]{1,2})\))\s",
    )
        .expect("enumeration regex")
});

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^(?:\([a-z0-9]+\)\s*|[0-9.]+\s*)?"([A-Z][A-Za-z0-9'\- ]{1,60})"\s*(?:\([^)]*\)\s*)?(?:means|shall mean|has the meaning|refers to|includes|is defined)"#,
    )
    .expect("definition regex")
});

/// A definition without quotes, the term set in bold or plain Title Case: "Security Incident
/// means any actual, attempted or suspected …".
static BARE_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\([a-z0-9]+\)\s*|[0-9.]+\s*)?([A-Z][A-Za-z0-9'\-]*(?:\s+(?:[A-Z][A-Za-z0-9'\-]*|of|and|or|to|the)){0,5})\s+(?:means|shall\s+mean|has\s+the\s+meaning)\b",
    )
    .expect("bare definition regex")
});

/// The term a sentence defines, quoted or bare.
fn defined_term(sentence: &str) -> Option<String> {
    let re = if memchr::memchr(b'"', sentence.as_bytes()).is_some() {
        &DEFINITION
    } else if memchr::memmem::find(sentence.as_bytes(), b" mean").is_some()
        || memchr::memmem::find(sentence.as_bytes(), b" has the meaning").is_some()
    {
        &BARE_DEFINITION
    } else {
        return None;
    };
    re.captures(sentence)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// Splits one sentence into enumeration items. Returns (lead-in end, item ranges); no items when the
/// sentence has fewer than two.
fn enumeration_items(text: &str, start: usize, end: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    let s = &text[start..end];
    let marks: Vec<usize> = ENUM_ITEM
        .captures_iter(s)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).map(|m| start + m.start() - 1))
        .collect();
    if marks.len() < 2 {
        return None;
    }
    let lead_end = marks[0];
    let mut items = Vec::new();
    for (i, &m) in marks.iter().enumerate() {
        let e = marks.get(i + 1).copied().unwrap_or(end);
        items.push((m, e));
    }
    Some((lead_end, items))
}

/// A text too dense with clause terms to be contract prose: a word list or a term repeated
/// throughout. Analysing it would take memory out of proportion to its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyTermHits {
    /// How many hits the document may have.
    pub limit: usize,
    /// Bytes of text of the document.
    pub text_bytes: usize,
}

/// How many term hits a document with `text_bytes` bytes of text may have: one every two bytes
/// (contracts have one every five to twelve: the densest of the fixtures, `../shared/corpus` and
/// 2,000 generated contracts has 0.19 per byte, its densest paragraph 0.33), and at least 65,536.
/// At 12 bytes a hit, the hits take at most six times the text.
pub fn term_hit_limit(text_bytes: usize) -> usize {
    (text_bytes / 2).max(1 << 16)
}

/// Cuts `doc` into units and finds all term hits.
pub fn segment(doc: &Document, terms: &Terms) -> Result<Segmented, TooManyTermHits> {
    // About one hit per dozen bytes of contract text; room for more.
    let text_bytes: usize = doc.blocks.iter().map(|b| b.text.len()).sum();
    let limit = term_hit_limit(text_bytes);
    let mut hits = Vec::with_capacity(text_bytes / 8);
    let mut block_hits_at = Vec::with_capacity(doc.blocks.len() + 1);
    for b in &doc.blocks {
        block_hits_at.push(hits.len() as u32);
        if !terms.find_into_at_most(&b.text, &mut hits, limit) {
            return Err(TooManyTermHits { limit, text_bytes });
        }
    }
    block_hits_at.push(hits.len() as u32);
    let block_hits = |b: usize| run_of(&hits, &block_hits_at, b);
    // The document's title (a top-level heading that is the first block) is no context for its
    // clauses: "Incident Response Services Agreement" does not make every sentence about incidents.
    let title_section = doc
        .blocks
        .first()
        .filter(|b| b.is_heading())
        .and_then(|b| b.section)
        .filter(|&s| doc.sections.get(s).is_some_and(|x| x.parent.is_none()));
    let mut heading_hits = Vec::with_capacity(doc.sections.len());
    for (i, s) in doc.sections.iter().enumerate() {
        let mut sets: Vec<u32> = if Some(i) == title_section {
            Vec::new()
        } else {
            terms.find(&s.title).into_iter().map(|h| h.set).collect()
        };
        if let Some(p) = s.parent {
            if p < i {
                sets.extend(
                    heading_hits
                        .get(p)
                        .map(|v: &Vec<u32>| v.as_slice())
                        .unwrap_or(&[]),
                );
            }
        }
        sets.sort_unstable();
        sets.dedup();
        heading_hits.push(sets);
    }

    let mut section_blocks = vec![(usize::MAX, 0usize); doc.sections.len()];
    for (bi, b) in doc.blocks.iter().enumerate() {
        let mut cur = b.section;
        let mut guard = 0;
        while let Some(s) = cur {
            if guard > 64 {
                break;
            }
            guard += 1;
            if let Some(r) = section_blocks.get_mut(s) {
                r.0 = r.0.min(bi);
                r.1 = r.1.max(bi + 1);
            }
            cur = doc.sections.get(s).and_then(|x| x.parent);
        }
    }

    let mut units = Vec::new();
    let mut definitions = Vec::new();
    // The last paragraph that ends with ':' — the lead-in of the list items that follow it.
    let mut list_lead: Option<Span> = None;
    let mut ends = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let text = b.text.as_str();
        // A block that is only a title ("8. Limitation of Liability" as a list item) is a heading.
        // Word documents often style whole numbered clauses as headings: only a short one is a
        // heading; a long one is a clause whose leading title is the heading.
        let is_heading = (b.is_heading() && (text.len() <= 120 || is_leading_title(text)))
            || (text.len() < 80 && is_leading_title(text));
        let is_item = matches!(b.kind, BlockKind::ListItem { .. })
            || !b.label.is_empty()
            || text.starts_with('(');
        let block_lead = if is_item && !is_heading {
            list_lead
        } else {
            None
        };
        // A bare label between the lead-in and its items ("**Encryption**" grouping the measures
        // of an annex under "The Firm shall maintain the following measures:") keeps the lead-in.
        let group_label = !b.is_heading()
            && !is_item
            && text.len() < GROUP_LABEL_MAX
            && !text.trim_end().ends_with(['.', ':', ';']);
        if (!is_item || is_heading) && !group_label {
            list_lead = None;
        }
        let mut start = 0;
        sentence_ends_into(text, &mut ends);
        for (n, &end) in ends.iter().enumerate() {
            let (s, e) = trim_span(text, start, end);
            start = end;
            if s >= e {
                continue;
            }
            // A clause's leading title ("3.1 Notification.") reads as a heading, not as a clause;
            // a drafting instruction in brackets ("[fill in the support channel]") is not contract
            // text at all.
            // Recitals ("WHEREAS, …") state background, not obligations.
            let is_heading = is_heading
                || (n == 0 && e < text.len() && is_leading_title(&text[s..e]))
                || is_drafting_note(&text[s..e])
                || is_recital(&text[s..e]);
            // Cheap byte checks first: a definition needs a quote, an enumeration a parenthesis.
            let sentence = &text[s..e];
            let defines = defined_term(sentence);
            let items = if memchr::memchr(b'(', sentence.as_bytes()).is_some() {
                enumeration_items(text, s, e)
            } else {
                None
            };
            match items {
                Some((lead_end, items)) if defines.is_none() => {
                    let lead = Span {
                        block: bi,
                        start: s,
                        end: lead_end,
                    };
                    let outer = block_lead;
                    for (is, ie) in items {
                        units.push(Unit {
                            span: Span {
                                block: bi,
                                start: is,
                                end: ie,
                            },
                            lead: Some(match outer {
                                // Keep the paragraph lead when the sentence's own lead-in is empty.
                                Some(o) if lead_end - s < 3 => o,
                                _ => lead,
                            }),
                            defines: None,
                            is_heading,
                            row: None,
                        });
                    }
                }
                _ => {
                    if let Some(term) = &defines {
                        definitions.push((term.clone(), units.len()));
                    }
                    units.push(Unit {
                        span: Span {
                            block: bi,
                            start: s,
                            end: e,
                        },
                        lead: block_lead,
                        defines,
                        is_heading,
                        row: None,
                    });
                }
            }
        }
        if !is_heading && text.trim_end().ends_with(':') {
            let s = text.rfind(". ").map_or(0, |p| p + 2);
            list_lead = Some(Span {
                block: bi,
                start: s,
                end: text.len(),
            });
        }
    }
    read_table_rows(doc, &mut units);
    let durations = (0..doc.blocks.len()).map(|_| OnceLock::new()).collect();
    let span_hits = |sp: Span| {
        let all = block_hits(sp.block);
        let lo = all.partition_point(|h| (h.start as usize) < sp.start);
        let hi = all.partition_point(|h| (h.start as usize) < sp.end).max(lo);
        &all[lo..hi]
    };
    let sets = terms.set_count();
    let mut unit_sets = SetTable::new(units.len(), sets);
    let mut lead_sets = SetTable::new(units.len(), sets);
    // Postings in two passes: count each set's units, then place them.
    let mut postings_at = vec![0u32; sets + 1];
    for (i, u) in units.iter().enumerate() {
        let own = span_hits(u.span);
        unit_sets.insert_all(i, own);
        if let Some(lead) = u.lead {
            lead_sets.insert_all(i, span_hits(lead));
        }
        if let Some(row) = u.row {
            // The row's other cells are part of the clause; its header labels them.
            for b in row.cells.0..row.cells.1 {
                unit_sets.insert_all(i, block_hits(b));
            }
            for b in row.header.map_or(0..0, |h| h.0..h.1) {
                lead_sets.insert_all(i, block_hits(b));
            }
        }
        for set in unit_sets.sets_of(i) {
            postings_at[set as usize + 1] += 1;
        }
    }
    for set in 0..sets {
        postings_at[set + 1] += postings_at[set];
    }
    let mut posting_units = vec![0u32; postings_at[sets] as usize];
    let mut fill: Vec<u32> = postings_at[..sets].to_vec();
    for i in 0..units.len() {
        for set in unit_sets.sets_of(i) {
            let at = &mut fill[set as usize];
            posting_units[*at as usize] = i as u32;
            *at += 1;
        }
    }
    // `units_of_block` relies on document order.
    debug_assert!(units.windows(2).all(|w| w[0].span.block <= w[1].span.block));
    Ok(Segmented {
        durations,
        unit_sets,
        lead_sets,
        posting_units,
        postings_at,
        units,
        hits,
        block_hits_at,
        heading_hits,
        section_blocks,
        definitions,
    })
}

/// Run `i` of runs stored one after another in `items`, run `i` starting at `starts[i]` (with one
/// more entry in `starts` than runs); empty for an `i` out of range.
fn run_of<'a, T>(items: &'a [T], starts: &[u32], i: usize) -> &'a [T] {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&lo), Some(&hi)) => items.get(lo as usize..hi as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// A recital: "WHEREAS, the parties …".
fn is_recital(sentence: &str) -> bool {
    let t = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    t.get(..7)
        .is_some_and(|w| w.eq_ignore_ascii_case("whereas"))
}

/// Bracketed guidance for the drafter: "[Drafting note: …]", "[ fill in … ]", "[Insert …]".
fn is_drafting_note(sentence: &str) -> bool {
    let t = sentence.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[');
    let Some(inner) = t.strip_prefix('[') else {
        return false;
    };
    let lower = inner.trim_start().to_ascii_lowercase();
    [
        "drafting note",
        "note to draft",
        "fill in",
        "insert",
        "specify",
        "note:",
        "optional",
        "select",
        "describe",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// "3.1 Notification." or "a. Periodic Tests." at the start of a block.
/// The longest paragraph read as a label grouping list items ("Authentication and access").
const GROUP_LABEL_MAX: usize = 60;

fn is_leading_title(sentence: &str) -> bool {
    let rest = match crate::ingest::clause_number::split(sentence) {
        Some(c) => &sentence[c.rest_offset..],
        None => sentence,
    };
    rest.len() < 70 && crate::ingest::clause_number::looks_like_title(rest)
}

fn trim_span(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && b[s] == b' ' {
        s += 1;
    }
    while e > s && b[e - 1] == b' ' {
        e -= 1;
    }
    (s, e)
}

impl Segmented {
    /// Indices of the units of block `block` (units are in document order).
    pub fn units_of_block(&self, block: usize) -> std::ops::Range<usize> {
        let lo = self.units.partition_point(|u| u.span.block < block);
        let hi = self.units.partition_point(|u| u.span.block <= block);
        lo..hi
    }

    /// The durations in block `block` (whose text is `text`), found once per document.
    pub fn durations_of(&self, block: usize, text: &str) -> &[DurationMatch] {
        match self.durations.get(block) {
            Some(cell) => cell.get_or_init(|| quantity::find_durations(text)),
            None => &[],
        }
    }

    /// The term hits of block `block`, sorted by position.
    pub fn block_hits(&self, block: usize) -> &[Hit] {
        run_of(&self.hits, &self.block_hits_at, block)
    }

    /// The units whose own text hits term set `set`, ascending.
    pub fn postings(&self, set: u32) -> &[u32] {
        run_of(&self.posting_units, &self.postings_at, set as usize)
    }

    /// Hits of a block within a byte range.
    pub fn hits_in(&self, span: Span) -> &[Hit] {
        let all = self.block_hits(span.block);
        let lo = all.partition_point(|h| (h.start as usize) < span.start);
        let hi = all.partition_point(|h| (h.start as usize) < span.end);
        let hi = hi.max(lo);
        // Hits that run past the end are cut by the caller when it matters.
        &all[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_guard_abbreviations_and_numbers() {
        let t = "Supplier shall comply with cl. 5 and Section 12.3. It shall notify Customer, e.g. by email. Done.";
        let ends = sentence_ends(t);
        let sents: Vec<&str> = {
            let mut s = 0;
            ends.iter()
                .map(|&e| {
                    let x = t[s..e].trim();
                    s = e;
                    x
                })
                .collect()
        };
        assert_eq!(
            sents,
            vec![
                "Supplier shall comply with cl. 5 and Section 12.3.",
                "It shall notify Customer, e.g. by email.",
                "Done."
            ]
        );
    }

    #[test]
    fn enumerations_split_with_lead() {
        let t = "Upon becoming aware, Provider will: (a) notify Customer within 72 hours; (b) provide information; and (c) contain it.";
        let (lead_end, items) = enumeration_items(t, 0, t.len()).unwrap();
        assert!(t[..lead_end].ends_with("will: "));
        assert_eq!(items.len(), 3);
        assert!(t[items[0].0..items[0].1].starts_with("(a) notify"));
    }

    #[test]
    fn numbers_in_brackets_are_not_items() {
        let t = "Supplier shall fix critical issues within fourteen (14) days and high ones within thirty (30) days.";
        assert!(enumeration_items(t, 0, t.len()).is_none());
        let t = "The notice shall include: (1) the nature; (2) the data affected.";
        assert_eq!(enumeration_items(t, 0, t.len()).unwrap().1.len(), 2);
    }

    /// The flat tables (block hits, unit and lead-in sets, postings) say what the hits say.
    #[test]
    fn set_tables_and_postings_agree_with_the_hits() {
        let lib = crate::library::Library::builtin().unwrap();
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples/acme-msa.md");
        let mut bytes = std::fs::read(path).unwrap();
        // List items under a lead-in, and a sentence with inline items.
        bytes.extend_from_slice(
            b"\n\nThe Supplier shall, in the event of a security incident:\n\n\
              - notify the Customer within 24 hours; and\n\
              - encrypt all backups.\n\n\
              Provider will: (a) notify Customer of a breach; (b) give audit access.\n",
        );
        let doc = crate::ingest::read_bytes(&bytes, true, &Default::default())
            .unwrap()
            .document;
        let seg = segment(&doc, &lib.terms).unwrap();
        for (b, block) in doc.blocks.iter().enumerate() {
            assert_eq!(seg.block_hits(b), lib.terms.find(&block.text).as_slice());
        }
        let (mut checked, mut leads) = (0, 0);
        for set in 0..lib.terms.set_count() as u32 {
            let naive: Vec<u32> = (0..seg.units.len())
                .filter(|&i| seg.hits_in(seg.units[i].span).iter().any(|h| h.set == set))
                .map(|i| i as u32)
                .collect();
            assert_eq!(seg.postings(set), naive.as_slice(), "set {set}");
            for (i, u) in seg.units.iter().enumerate() {
                let in_lead = u
                    .lead
                    .is_some_and(|l| seg.hits_in(l).iter().any(|h| h.set == set));
                assert_eq!(seg.unit_sets.contains(i, set), naive.contains(&(i as u32)));
                assert_eq!(seg.lead_sets.contains(i, set), in_lead);
            }
            checked += naive.len();
            leads += (0..seg.units.len())
                .filter(|&i| seg.lead_sets.contains(i, set))
                .count();
        }
        assert!(checked > 100, "{checked}");
        assert!(leads > 5, "{leads}");
        assert!(seg.postings(u32::MAX).is_empty());
    }

    /// A text made of one term repeated is refused once its hits pass one every two bytes; a
    /// contract, even one dense with terms, is not.
    #[test]
    fn texts_made_of_terms_are_refused_before_their_hits_grow_without_bound() {
        let lib = crate::library::Library::builtin().unwrap();
        let read = |text: &str| {
            crate::ingest::read_bytes(text.as_bytes(), true, &Default::default())
                .unwrap()
                .document
        };
        let words = read(&"notify security incident ".repeat(8_000));
        let text_bytes: usize = words.blocks.iter().map(|b| b.text.len()).sum();
        let err = segment(&words, &lib.terms).expect_err("refused");
        assert_eq!(err.limit, term_hit_limit(text_bytes));
        assert_eq!(err.text_bytes, text_bytes);
        // The same words as clauses, forty times over: analysed.
        let clause = "The Supplier shall notify the Customer of any security incident within \
                      24 hours and encrypt personal data at rest and in transit. ";
        let dense = read(&clause.repeat(2_000));
        let seg = segment(&dense, &lib.terms).expect("a contract is analysed");
        assert!(seg.hits.len() * 8 > dense.blocks.iter().map(|b| b.text.len()).sum::<usize>());
        for doc in crate::labeled::documents() {
            assert!(segment(&doc, &lib.terms).is_ok());
        }
    }

    #[test]
    fn definitions_are_marked() {
        assert!(DEFINITION.is_match("\"Security Incident\" means any actual or suspected breach."));
        assert!(DEFINITION.is_match("(k) \"Customer Data\" means data."));
        assert!(!DEFINITION.is_match("Supplier shall notify."));
        assert_eq!(
            defined_term("Security Incident means any actual or attempted access.").as_deref(),
            Some("Security Incident")
        );
        assert_eq!(
            defined_term("(b) Data Breach has the meaning given in the GDPR.").as_deref(),
            Some("Data Breach")
        );
        assert_eq!(
            defined_term("The Supplier shall notify the Customer by any means."),
            None
        );
    }
}
