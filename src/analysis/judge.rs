//! Judges one candidate clause against one rule: who is bound and how strongly, then each typed
//! criterion (deadlines, notice periods, frequencies, elements, required and forbidden terms,
//! cryptography) and the universal weakeners (efforts, discretion, negation, placeholders). Every
//! reason points at the words that caused it.

use super::parties::{governing, Modal, Parties, Subject};
use super::quantity::{self, Bound, ClockStart, DurationMatch};
use super::segment::{Row, Segmented, Span, Unit};
use crate::document::{BlockKind, Document};
use crate::finding::ReasonCode;
use crate::library::schema::{CryptoMode, Party, Scope};
use crate::library::terms::{Hit, SetId};
use crate::library::{Check, CoreVocab, Library, Rule, Selected};
use regex::Regex;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, OnceLock};

/// A reason found while judging, with the words behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub code: ReasonCode,
    pub message: String,
    pub quote: Option<String>,
    /// Span in the candidate's own text (lead-in + clause), for highlighting.
    pub span: Option<(usize, usize)>,
}

/// Why a located clause does not count for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// It binds the customer, not the supplier.
    CustomerDuty,
    /// It is the supplier's own right ("Supplier may audit …").
    SupplierRight,
    /// A fragment or label, not an operative clause.
    NotOperative,
    /// It names the topic but none of the elements that make up the requirement.
    NotAddressed,
    /// It hands the topic to an outside document or web page whose text is not in the file.
    OutsideDocument,
}

/// The verdict on one candidate.
#[derive(Debug, Clone)]
pub struct Judgement {
    pub unit: usize,
    pub reasons: Vec<Found>,
    pub parameters: BTreeMap<String, f64>,
    /// The clause's text as judged (lead-in + clause) and where the clause starts in it.
    pub text: String,
    pub clause_start: usize,
}

/// The text one criterion looks at: pieces of text with their term hits.
struct Piece<'a> {
    text: &'a str,
    hits: Cow<'a, [Hit]>,
    /// Offset of this piece in the candidate's own text, when it is part of it.
    own_offset: Option<usize>,
    /// The piece's durations, cached per unit, when this piece is a unit's text.
    own_durations: Option<&'a OnceLock<Vec<DurationMatch>>>,
    /// The unit this piece is, when its durations are read from its paragraph on first use.
    unit: Option<usize>,
}

/// The pieces of text of each scope of one candidate, built on first use and shared by all of the
/// rule's criteria.
struct Scopes<'t> {
    ctx: &'t Context<'t>,
    view: &'t UnitView,
    unit_index: usize,
    rule: &'t Rule,
    sentence: std::cell::OnceCell<Vec<Piece<'t>>>,
    section: std::cell::OnceCell<Vec<Piece<'t>>>,
    document: std::cell::OnceCell<Vec<Piece<'t>>>,
}

impl<'t> Scopes<'t> {
    fn new(ctx: &'t Context<'t>, view: &'t UnitView, unit_index: usize, rule: &'t Rule) -> Self {
        Scopes {
            ctx,
            view,
            unit_index,
            rule,
            sentence: std::cell::OnceCell::new(),
            section: std::cell::OnceCell::new(),
            document: std::cell::OnceCell::new(),
        }
    }

    fn get(&self, scope: Scope) -> &[Piece<'t>] {
        let cell = match scope {
            Scope::Sentence => &self.sentence,
            Scope::Section => &self.section,
            Scope::Document => &self.document,
        };
        cell.get_or_init(|| {
            self.ctx
                .pieces(self.view, self.unit_index, self.rule, scope)
        })
    }
}

/// Everything judging a candidate needs.
pub struct Context<'a> {
    pub lib: &'a Library,
    pub doc: &'a Document,
    pub seg: &'a Segmented,
    pub parties: &'a Parties,
    /// Each unit's own text and governing verb, built when a rule first judges the unit and
    /// shared by every other rule that judges it (rules run in parallel, hence `OnceLock`).
    views: Vec<OnceLock<UnitView>>,
    /// The document's defined terms, to find those a unit uses.
    definitions: DefinedTerms<'a>,
    /// Which units cite which clause numbers, found when a rule first asks.
    references: OnceLock<Vec<(String, usize)>>,
    /// Per unit, the term sets of the titles of the sections it cites, found on first use.
    cited: Vec<OnceLock<Vec<u32>>>,
    /// Per block, the units that cite its clause ([`Context::referencing_units`]).
    citing: Vec<OnceLock<Vec<(usize, bool)>>>,
    /// The document's sections by number, built on first use.
    section_numbers: OnceLock<HashMap<String, usize>>,
    /// Per block, whether a later amendment deletes or replaces its clause, found on first use.
    superseded: OnceLock<Vec<bool>>,
    /// Per list item, its lead-in and text with their hits, as section context.
    unit_led: Vec<OnceLock<LedText>>,
    /// Per unit, its hits relative to its own text and its durations, as section context.
    unit_hits: Vec<OnceLock<Vec<Hit>>>,
    unit_durations: Vec<OnceLock<Vec<DurationMatch>>>,
    /// The document's cover-page variables ([`Context::cover_keys`]).
    cover: OnceLock<Vec<(String, usize)>>,
}

/// A list item joined to its lead-in, with its hits and (found on first use) its durations.
type LedText = (String, Vec<Hit>, OnceLock<Vec<DurationMatch>>);

/// The definitions of one document in document order, each with its term's searcher and its unit.
/// Most units use none of the document's few dozen terms, so before searching for a term the text
/// is tested for the term's first and last two bytes in a small bit set of the text's byte pairs.
struct DefinedTerms<'a> {
    terms: Vec<DefinedTerm<'a>>,
}

struct DefinedTerm<'a> {
    finder: memchr::memmem::Finder<'a>,
    /// Bit positions in [`PairBits`] of the term's first and last two bytes (None if shorter).
    pairs: Option<(usize, usize)>,
    /// The unit that defines the term.
    unit: usize,
}

/// A 4,096-bit set of the byte pairs of a text (hashed; a term whose pairs are absent is absent).
struct PairBits([u64; 64]);

impl PairBits {
    fn position(a: u8, b: u8) -> usize {
        (((a as usize) << 5) ^ b as usize) & 4095
    }

    fn of(text: &[u8]) -> PairBits {
        let mut bits = [0u64; 64];
        for w in text.windows(2) {
            let p = Self::position(w[0], w[1]);
            bits[p >> 6] |= 1 << (p & 63);
        }
        PairBits(bits)
    }

    fn has(&self, p: usize) -> bool {
        self.0[p >> 6] & (1 << (p & 63)) != 0
    }
}

impl<'a> DefinedTerms<'a> {
    fn new(definitions: &'a [(String, usize)]) -> DefinedTerms<'a> {
        let terms = definitions
            .iter()
            .map(|(term, unit)| {
                let b = term.as_bytes();
                DefinedTerm {
                    finder: memchr::memmem::Finder::new(b),
                    pairs: (b.len() >= 2).then(|| {
                        (
                            PairBits::position(b[0], b[1]),
                            PairBits::position(b[b.len() - 2], b[b.len() - 1]),
                        )
                    }),
                    unit: *unit,
                }
            })
            .collect();
        DefinedTerms { terms }
    }

    /// The units defining the first four defined terms (in document order) that `text` uses.
    fn used_in(&self, text: &str) -> Vec<usize> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let bytes = text.as_bytes();
        let pairs = PairBits::of(bytes);
        self.terms
            .iter()
            .filter(|t| {
                t.pairs.is_none_or(|(a, b)| pairs.has(a) && pairs.has(b))
                    && t.finder.find(bytes).is_some()
            })
            .map(|t| t.unit)
            .take(4)
            .collect()
    }
}

/// A candidate unit as every rule sees it: its own text (lead-in and clause) with term hits, and
/// who is bound how.
struct UnitView {
    text: String,
    hits: Vec<Hit>,
    clause_start: usize,
    gov: super::parties::Governing,
    /// A fragment with no verb of obligation, no party named and no finite verb.
    fragment: bool,
    /// Definition units whose terms the text uses.
    definitions: Vec<usize>,
    /// The first unfilled placeholder in the text.
    placeholder: Option<(usize, usize)>,
    /// The durations in the text, found when a rule first asks.
    durations: OnceLock<Vec<DurationMatch>>,
    /// The table rows whose names the text uses ([`Context::cover_rows`]).
    cover_rows: Vec<usize>,
    /// Where the clause excludes a customer's right ("Customer may not audit"), if it does.
    excluded_right: Option<(usize, usize)>,
    /// The clause hands its topic to a web page ([`OUTSIDE_URL`]).
    outside_url: bool,
}

static SECTION_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sections?|clauses?|articles?|paragraphs?)\s+[0-9]+(?:\.[0-9]+)*(?:(?:\s*,\s*|\s+(?:and|or)\s+)[0-9]+(?:\.[0-9]+)*)*")
        .expect("section reference regex")
});

static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)*").expect("section number regex"));

/// "this Rider", "this Schedule", …: the part of the document a clause stands in.
static THIS_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthis (?:rider|schedule|annex|exhibit|appendix|attachment|addendum)\b")
        .expect("this-part regex")
});

/// Words that exclude a right rather than grant it: the customer "may not audit", the supplier
/// "does not allow customers" to inspect (not any "cannot" in the clause).
static EXCLUDED_RIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:may not|cannot|can ?not|shall not be entitled to|is not entitled to|are not entitled to|has no right to|have no right to|no right to|not (?:be )?(?:allowed|permitted) to) (?:audit|inspect|examine|visit|enter|terminate|end)|(?:don't|do not|does not|will not|won't|shall not|would not) (?:allow|permit) (?:the |any |its )?(?:customers?|clients?|you|buyers?|purchasers?|auditors?)\b)")
        .expect("excluded right regex")
});

/// A clause that points to a web page for what it requires: a delegating verb ("described",
/// "published", "set out", "available", …) and, within a few words, a URL.
static OUTSIDE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:described|set\s+(?:out|forth)|published|available|located|posted|found|specified|detailed|defined|contained|listed|maintained|made\s+available)\b(?:\s+\S+){0,8}?\s+(?:at|on|in|via|under)\s+<?(?:https?://|www\.)")
        .expect("outside URL regex")
});

static SCHEDULE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(schedule|annex|exhibit|appendix|attachment)\s+([0-9]+|[A-Z]|[IVX]+)\b")
        .expect("schedule regex")
});

/// Whether the words between a duration and a term make the term qualify the duration: "5 days
/// for Critical", "30 days in the case of High", "24 hours in respect of Severity 1".
fn is_qualifier_gap(gap: &str) -> bool {
    let g = gap.trim().to_ascii_lowercase();
    let g = g.trim_start_matches([',', ')']).trim_start();
    [
        "for",
        "for all",
        "for any",
        "for each",
        "for every",
        "in the case of",
        "in respect of",
        "for the",
    ]
    .iter()
    .any(|w| {
        g == *w
            || g.strip_prefix(w)
                .is_some_and(|rest| rest.split_whitespace().count() <= 1)
    })
}

/// Whether a text may cite a clause by number (a cheap test before the regex).
fn mentions_a_reference(text: &str) -> bool {
    static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 6]> = LazyLock::new(|| {
        [
            "ection", "lause", "rticle", "aragraph", "ARTICLE", "SECTION",
        ]
        .map(memchr::memmem::Finder::new)
    });
    let bytes = text.as_bytes();
    WORDS.iter().any(|f| f.find(bytes).is_some())
}

fn span_text(doc: &Document, s: Span) -> &str {
    doc.blocks
        .get(s.block)
        .and_then(|b| b.text.get(s.start..s.end))
        .unwrap_or("")
}

fn shifted(hits: &[Hit], from: usize, to: usize, by: isize) -> impl Iterator<Item = Hit> + '_ {
    hits.iter()
        .filter(move |h| (h.start as usize) >= from && (h.end as usize) <= to)
        .map(move |h| Hit {
            set: h.set,
            start: (h.start as isize + by) as u32,
            end: (h.end as isize + by) as u32,
        })
}

impl<'a> Context<'a> {
    pub fn new(
        lib: &'a Library,
        doc: &'a Document,
        seg: &'a Segmented,
        parties: &'a Parties,
    ) -> Context<'a> {
        Context {
            lib,
            doc,
            seg,
            parties,
            views: (0..seg.units.len()).map(|_| OnceLock::new()).collect(),
            definitions: DefinedTerms::new(&seg.definitions),
            references: OnceLock::new(),
            cited: (0..seg.units.len()).map(|_| OnceLock::new()).collect(),
            citing: (0..doc.blocks.len()).map(|_| OnceLock::new()).collect(),
            section_numbers: OnceLock::new(),
            superseded: OnceLock::new(),
            unit_led: (0..seg.units.len()).map(|_| OnceLock::new()).collect(),
            unit_hits: (0..seg.units.len()).map(|_| OnceLock::new()).collect(),
            unit_durations: (0..seg.units.len()).map(|_| OnceLock::new()).collect(),
            cover: OnceLock::new(),
        }
    }

    /// The unit's view, built on first use.
    fn view(&self, unit_index: usize) -> &UnitView {
        self.views[unit_index].get_or_init(|| {
            let (text, hits, clause_start) = self.own_text(unit_index);
            let gov = governing(&text, &hits, self.lib, self.parties);
            // A fragment with no verb of obligation and no party named ("The ability to support
            // MFA", a table cell, a checkbox label) is not an operative clause.
            let fragment = gov.modal == Modal::None
                && gov.subject == Subject::Implicit
                && !names_a_party(&hits, self.lib)
                && !has_finite_verb(&text);
            let definitions = self.definitions.used_in(&text);
            let placeholder = quantity::find_placeholders(&text).first().copied();
            let cover_rows = self.cover_rows(&text);
            let clause = &text[clause_start..];
            let excluded_right = EXCLUDED_RIGHT
                .find(clause)
                .map(|m| (clause_start + m.start(), clause_start + m.end()));
            let outside_url = (clause.contains("http") || clause.contains("www."))
                && OUTSIDE_URL.is_match(clause);
            UnitView {
                text,
                hits,
                clause_start,
                gov,
                fragment,
                definitions,
                placeholder,
                cover_rows,
                excluded_right,
                outside_url,
                durations: OnceLock::new(),
            }
        })
    }

    /// The candidate's own text: its lead-in (if any) and the clause, with their hits, and the
    /// topics of the clauses and parts it cites.
    fn own_text(&self, unit_index: usize) -> (String, Vec<Hit>, usize) {
        let (text, mut hits, clause_start, lead) = self.joined_text(unit_index);
        let unit = &self.seg.units[unit_index];
        if lead || self.cites_by_number(unit_index) {
            self.add_reference_hits(&text, &mut hits);
        }
        self.add_enclosing_part_hits(unit, &text, &mut hits);
        (text, hits, clause_start)
    }

    /// A unit's lead-in (if any) and text, with their hits; `true` when it has a lead-in.
    fn joined_text(&self, unit_index: usize) -> (String, Vec<Hit>, usize, bool) {
        let unit = &self.seg.units[unit_index];
        let lead = unit
            .lead
            .filter(|lead| lead.block != unit.span.block || lead.end <= unit.span.start);
        let span_len = |s: Span| s.end.saturating_sub(s.start);
        // The hits that start inside each span (`shifted` keeps those that also end inside it).
        let lead_hits = lead.map_or(&[][..], |l| self.seg.hits_in(l));
        let unit_hits = self.seg.hits_in(unit.span);
        // Sized once: the lead-in, a space and the clause; their hits and a few for references.
        let mut text =
            String::with_capacity(lead.map_or(0, |l| span_len(l) + 1) + span_len(unit.span));
        let mut hits = Vec::with_capacity(lead_hits.len() + unit_hits.len() + 4);
        if let Some(lead) = lead {
            hits.extend(shifted(
                lead_hits,
                lead.start,
                lead.end,
                -(lead.start as isize),
            ));
            text.push_str(span_text(self.doc, lead));
            text.push(' ');
        }
        let clause_start = text.len();
        if let Some(row) = unit.row {
            // A table row: its cells labelled by the header, found anew as one text.
            text.push_str(&self.row_text(row));
            hits = self.lib.terms.find(&text);
        } else {
            let ut = span_text(self.doc, unit.span);
            hits.extend(shifted(
                unit_hits,
                unit.span.start,
                unit.span.end,
                clause_start as isize - unit.span.start as isize,
            ));
            text.push_str(ut);
        }
        (text, hits, clause_start, lead.is_some())
    }

    /// The party a row of a responsibility table assigns its control to: the cell under a header
    /// such as "Responsible party", "Owner" or "Performed by" that names only one side.
    pub fn row_assignee(&self, row: Row) -> Option<Subject> {
        let (h0, h1) = row.header?;
        let header = &self.doc.blocks[h0..h1];
        let cells = &self.doc.blocks[row.cells.0..row.cells.1];
        let supplier = self.lib.core_set(CoreVocab::SupplierRoles);
        let customer = self.lib.core_set(CoreVocab::CustomerRoles);
        header.iter().zip(cells).find_map(|(h, c)| {
            let h = h.text.to_ascii_lowercase();
            let assigns = [
                "responsib",
                "party",
                "owner",
                "performed by",
                "allocated",
                "assigned",
            ]
            .iter()
            .any(|w| h.contains(w));
            if !assigns {
                return None;
            }
            let hits = self.lib.terms.find(&c.text);
            let names = |set: SetId, aliases: &[String]| {
                hits.iter().any(|x| x.set == set)
                    || aliases.iter().any(|a| c.text.contains(a.as_str()))
            };
            match (
                names(supplier, &self.parties.supplier_aliases),
                names(customer, &self.parties.customer_aliases),
            ) {
                (false, true) => Some(Subject::Customer),
                (true, false) => Some(Subject::Supplier),
                _ => None,
            }
        })
    }

    /// A table row as one clause: "Severity: Critical, Deadline: 5 days" (each cell after its
    /// header cell, when the table has a short header row), else the cells joined by commas.
    pub fn row_text(&self, row: Row) -> String {
        let cells = &self.doc.blocks[row.cells.0..row.cells.1];
        let header: Vec<&str> = row
            .header
            .map(|h| {
                self.doc.blocks[h.0..h.1]
                    .iter()
                    .map(|b| b.text.trim())
                    .collect()
            })
            .filter(|h: &Vec<&str>| h.len() == cells.len() && h.iter().all(|t| t.len() <= 60))
            .unwrap_or_default();
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            if let Some(h) = header.get(i).filter(|h| !h.is_empty()) {
                out.push_str(h);
                out.push_str(": ");
            }
            out.push_str(c.text.trim().trim_end_matches('.'));
        }
        out.push('.');
        out
    }

    /// A cross-reference stands for the topic of the section it names: "breach of Section 3" gets
    /// the term hits of section 3's title ("Information Security") at the reference's position.
    fn add_reference_hits(&self, text: &str, hits: &mut Vec<Hit>) {
        let before = hits.len();
        for (start, end, section) in self.cited_sections(text) {
            for h in self.lib.terms.find(&self.doc.sections[section].title) {
                hits.push(Hit {
                    start: start as u32,
                    end: end as u32,
                    set: h.set,
                });
            }
        }
        if hits.len() > before {
            hits.sort_unstable();
            hits.dedup();
        }
    }

    /// Each section by its number: "12.3", and "5" for "Article 5" (the first section wins).
    fn sections_by_number(&self) -> &HashMap<String, usize> {
        self.section_numbers.get_or_init(|| {
            let mut map = HashMap::new();
            for (i, s) in self.doc.sections.iter().enumerate() {
                let num = s.number.trim_end_matches('.');
                if num.is_empty() {
                    continue;
                }
                map.entry(num.to_string()).or_insert(i);
                if let Some((_, last)) = num.rsplit_once(' ') {
                    map.entry(last.to_string()).or_insert(i);
                }
            }
            map
        })
    }

    /// "A breach of this Rider", "this Schedule", "this Addendum": the part the clause stands in,
    /// whose heading carries the topic ("Rider A - Information Security"), stands at those words.
    fn add_enclosing_part_hits(&self, unit: &Unit, text: &str, hits: &mut Vec<Hit>) {
        let Some(m) = THIS_PART.find(text) else {
            return;
        };
        let Some(section) = self.doc.blocks[unit.span.block].section else {
            return;
        };
        let Some(sets) = self.seg.heading_hits.get(section) else {
            return;
        };
        if sets.is_empty() {
            return;
        }
        for &set in sets {
            hits.push(Hit {
                start: m.start() as u32,
                end: m.end() as u32,
                set,
            });
        }
        hits.sort_unstable();
        hits.dedup();
    }

    /// The sections a text cites by number ("Section 3", "Article 5"), with where the number
    /// stands in the text.
    fn cited_sections(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if !mentions_a_reference(text) {
            return out;
        }
        for m in SECTION_REF.find_iter(text) {
            for n in SECTION_NUMBER.find_iter(m.as_str()) {
                let number = n.as_str().trim_end_matches('.');
                if let Some(&section) = self.sections_by_number().get(number) {
                    out.push((m.start() + n.start(), m.start() + n.end(), section));
                }
            }
        }
        out
    }

    /// Whether an amendment later in the document deletes or replaces the unit's clause.
    pub fn superseded(&self, ui: usize) -> bool {
        let blocks = self.superseded.get_or_init(|| {
            super::amendments::superseded_blocks(
                self.doc,
                self.seg,
                self.lib.core_set(CoreVocab::AmendmentCue),
                self.sections_by_number(),
            )
        });
        blocks
            .get(self.seg.units[ui].span.block)
            .copied()
            .unwrap_or(false)
    }

    /// The term sets of the titles of the sections a unit cites: "if the Supplier does not comply
    /// with Article 5" is about information security when Article 5 is headed so.
    pub fn cited_sets(&self, ui: usize) -> &[u32] {
        self.cited[ui].get_or_init(|| {
            if !self.cites_by_number(ui) {
                return Vec::new();
            }
            let text = span_text(self.doc, self.seg.units[ui].span);
            let mut sets: Vec<u32> = self
                .cited_sections(text)
                .into_iter()
                .flat_map(|(_, _, s)| self.lib.terms.find(&self.doc.sections[s].title))
                .map(|h| h.set)
                .collect();
            sets.sort_unstable();
            sets.dedup();
            sets
        })
    }

    fn pieces<'t>(
        &'t self,
        view: &'t UnitView,
        unit_index: usize,
        rule: &Rule,
        scope: Scope,
    ) -> Vec<Piece<'t>> {
        let mut pieces = vec![Piece {
            text: &view.text,
            hits: Cow::Borrowed(&view.hits),
            own_offset: Some(0),
            own_durations: Some(&view.durations),
            unit: None,
        }];
        // The definitions it uses, each with its hits relative to its own text.
        for &d in &view.definitions {
            if d < self.seg.units.len() {
                pieces.push(self.unit_piece(d));
            }
        }
        // Cover-page variables: "within the Breach Notification Period" is filled in by the row
        // of the order form's table whose first cell names it.
        for &ui in &view.cover_rows {
            if ui != unit_index {
                pieces.push(self.row_piece(ui));
            }
        }
        if scope != Scope::Sentence {
            self.add_group_pieces(&mut pieces, unit_index, rule);
        }
        if scope == Scope::Document {
            self.add_document_pieces(&mut pieces, unit_index, rule);
        }
        pieces
    }

    /// Units elsewhere in the document holding a term of one of the rule's document-wide
    /// criteria (a take-back may stand anywhere), each once.
    fn add_document_pieces<'t>(
        &'t self,
        pieces: &mut Vec<Piece<'t>>,
        unit_index: usize,
        rule: &Rule,
    ) {
        let sets: Vec<SetId> = rule
            .checks
            .iter()
            .filter_map(|c| match c {
                Check::Forbid {
                    set,
                    scope: Scope::Document,
                    ..
                }
                | Check::Require {
                    set,
                    scope: Scope::Document,
                    ..
                } => Some(*set),
                _ => None,
            })
            .collect();
        // The units whose own text holds one of the terms, from the document's postings. A unit
        // of the clause group may come twice; the first hit decides either way.
        let mut units: Vec<u32> = sets
            .iter()
            .flat_map(|&set| self.seg.postings(set))
            .copied()
            .collect();
        units.sort_unstable();
        units.dedup();
        for ui in units.into_iter().map(|u| u as usize) {
            if ui != unit_index {
                // Terms only: document-wide criteria read no durations.
                pieces.push(Piece {
                    text: span_text(self.doc, self.seg.units[ui].span),
                    hits: Cow::Borrowed(self.unit_hits_of(ui)),
                    own_offset: None,
                    own_durations: None,
                    unit: None,
                });
            }
        }
    }

    /// The clause group's pieces: on-topic sentences of the clause's own section, sibling
    /// sub-clauses on the requirement, and clauses that cite it.
    fn add_group_pieces<'t>(&'t self, pieces: &mut Vec<Piece<'t>>, unit_index: usize, rule: &Rule) {
        let unit = &self.seg.units[unit_index];
        let own = self.section_range(unit.span.block);
        let group = self.clause_group(unit.span.block);
        // Keep the section scope to the clause's neighbourhood in very long sections.
        let lo = group
            .0
            .max(unit.span.block.saturating_sub(SECTION_BLOCKS_BEFORE));
        let hi = group.1.min(unit.span.block + SECTION_BLOCKS_AFTER);
        let citing = self.referencing_units(unit.span.block);
        let cites_it = |ui: usize| citing.iter().any(|&(c, direct)| c == ui && direct);
        for bi in lo..hi {
            // In its own section, every sentence on the topic; in sibling sub-clauses, only
            // those that are themselves clauses on the requirement.
            let sibling = !(own.0..own.1).contains(&bi);
            for ui in self.sentences_around(unit_index, bi) {
                let counts = if sibling {
                    super::is_candidate(self.seg, self.doc, rule, ui, || self.cited_sets(ui))
                        || cites_it(ui)
                } else if self.separate_items(unit.span.block, bi) {
                    // Other items of a list are other measures ("policy reviewed annually"
                    // beside "access on a need-to-know basis"): only those on the topic.
                    self.on_topic(rule, ui, ON_TOPIC_CITING)
                } else {
                    self.on_topic(rule, ui, ON_TOPIC_NEAR)
                };
                if ui != unit_index && counts {
                    pieces.push(self.unit_piece(ui));
                }
            }
        }
        // Clauses elsewhere that name this one ("Clause 9.1 does not apply to …").
        for &(ui, direct) in citing {
            let b = self.seg.units[ui].span.block;
            if ui != unit_index
                && !(lo..hi).contains(&b)
                && (direct || self.on_topic(rule, ui, ON_TOPIC_CITING))
            {
                pieces.push(self.unit_piece(ui));
            }
        }
    }

    /// The blocks of the innermost section a block sits in (the block alone outside any).
    fn section_range(&self, block: usize) -> (usize, usize) {
        self.doc.blocks[block]
            .section
            .and_then(|s| self.seg.section_blocks.get(s).copied())
            .filter(|r| r.0 < r.1)
            .unwrap_or((block, block + 1))
    }

    /// The blocks a clause is judged with: its section, or, when that is an untitled sub-clause
    /// ("9.1"), every sub-clause under the same heading ("9. Liability"), so that a cap in 9.1
    /// and its carve-out in 9.2 are read together. Never the whole document under its title.
    fn clause_group(&self, block: usize) -> (usize, usize) {
        let sections = &self.doc.sections;
        let own = (block, block + 1);
        let Some(mut s) = self.doc.blocks[block].section else {
            return own;
        };
        for _ in 0..MAX_SECTION_DEPTH {
            if !sections[s].title.is_empty() {
                break;
            }
            match sections[s].parent {
                Some(p) if sections[p].parent.is_some() => s = p,
                _ => break,
            }
        }
        self.seg
            .section_blocks
            .get(s)
            .copied()
            .filter(|r| r.0 < r.1)
            .unwrap_or(own)
    }

    /// Units anywhere in the document that cite the clause a block sits in, or one of its
    /// enclosing clauses, by number ("Clause 9.1", "Article 5", "paragraph 4.2"); `true` when
    /// the citation names the clause itself rather than an enclosing one.
    fn referencing_units(&self, block: usize) -> &[(usize, bool)] {
        self.citing[block].get_or_init(|| self.find_referencing_units(block))
    }

    fn find_referencing_units(&self, block: usize) -> Vec<(usize, bool)> {
        let refs = self.references.get_or_init(|| self.find_references());
        if refs.is_empty() {
            return Vec::new();
        }
        // The clause's own numbers first, then those of the clauses around it.
        let mut numbers: Vec<(&str, bool)> = Vec::new();
        let label = self.doc.blocks[block].label.trim_end_matches('.');
        if !label.is_empty() {
            numbers.push((label, true));
        }
        let mut s = self.doc.blocks[block].section;
        let mut innermost = true;
        // Sections nest a few levels deep; the bound only guards against a malformed tree.
        for _ in 0..MAX_SECTION_DEPTH {
            let Some(i) = s else { break };
            let sec = &self.doc.sections[i];
            let n = sec.number.trim_end_matches('.');
            let n = n.rsplit(' ').next().unwrap_or(n);
            if !n.is_empty() && n.bytes().any(|b| b.is_ascii_digit()) {
                numbers.push((n, innermost));
                innermost = false;
            }
            s = sec.parent;
        }
        let mut out: Vec<(usize, bool)> = refs
            .iter()
            .filter_map(|(n, ui)| {
                numbers
                    .iter()
                    .find(|(m, _)| m == n)
                    .map(|&(_, direct)| (*ui, direct))
            })
            .collect();
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        out.dedup_by_key(|x| x.0);
        out
    }

    /// A clause's neighbours: the other sentences of its paragraph that hit `near` of the rule's
    /// groups, then the clauses in other paragraphs that cite it by number and hit `citing` of
    /// them (0: any citing clause).
    fn neighbours(&self, rule: &Rule, unit_index: usize, near: usize, citing: usize) -> Vec<usize> {
        let block = self.seg.units[unit_index].span.block;
        let same = self
            .sentences_around(unit_index, block)
            .filter(|&i| i != unit_index && self.on_topic(rule, i, near));
        let cites = self
            .referencing_units(block)
            .iter()
            .filter(|&&(i, direct)| direct && self.seg.units[i].span.block != block)
            .map(|&(i, _)| i)
            .filter(|&i| self.on_topic(rule, i, citing));
        same.chain(cites).collect()
    }

    /// The units of block `block`; in the clause's own block only the sentences around it, so a
    /// paragraph of thousands of sentences costs each of them a bounded neighbourhood, not the
    /// whole paragraph (issue 17: a 5 MB paragraph ran for hours).
    fn sentences_around(&self, unit_index: usize, block: usize) -> std::ops::Range<usize> {
        let all = self.seg.units_of_block(block);
        if block != self.seg.units[unit_index].span.block {
            return all;
        }
        let lo = all
            .start
            .max(unit_index.saturating_sub(NEIGHBOUR_SENTENCES));
        let hi = all.end.min(unit_index + NEIGHBOUR_SENTENCES + 1);
        lo..hi
    }

    /// Every (cited clause number, citing unit) of the document, found once.
    /// Whether a unit cites any clause by number (from the document's one pass over citations).
    fn cites_by_number(&self, ui: usize) -> bool {
        let refs = self.references.get_or_init(|| self.find_references());
        refs.binary_search_by(|(_, u)| u.cmp(&ui)).is_ok()
    }

    /// Every citation of the document, in unit order: (clause number, citing unit).
    fn find_references(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for (ui, u) in self.seg.units.iter().enumerate() {
            let text = span_text(self.doc, u.span);
            if u.is_heading || !mentions_a_reference(text) {
                continue;
            }
            for m in SECTION_REF.find_iter(text) {
                for n in SECTION_NUMBER.find_iter(m.as_str()) {
                    out.push((n.as_str().trim_end_matches('.').to_string(), ui));
                }
            }
        }
        out
    }

    /// Whether two blocks are different items of a list (each a measure of its own).
    fn separate_items(&self, a: usize, b: usize) -> bool {
        let item = |i: usize| matches!(self.doc.blocks[i].kind, BlockKind::ListItem { .. });
        a != b && item(a) && item(b)
    }

    /// Whether a unit of the clause's section speaks of the rule's topic: its own text or its
    /// lead-in ("Supplier shall notify Customer of:" above a list) hits `groups` of the rule's
    /// locate groups (or all it has). Only such sentences may satisfy or spoil a section-wide check, so
    /// "tests its fire alarms every year" beside a continuity plan sets no test frequency.
    fn on_topic(&self, rule: &Rule, ui: usize, groups: usize) -> bool {
        let u = &self.seg.units[ui];
        let hit = rule
            .groups
            .iter()
            .filter(|&&g| self.seg.unit_sets.contains(ui, g) || self.seg.lead_sets.contains(ui, g))
            .count();
        !u.is_heading && hit >= rule.groups.len().min(groups)
    }

    /// The table rows whose first cell is a defined name ("Breach Notification Period | 48 hours")
    /// that the text uses, by unit.
    fn cover_rows(&self, text: &str) -> Vec<usize> {
        self.cover_keys()
            .iter()
            .filter(|(key, _)| text.contains(key.as_str()))
            .map(|&(_, ui)| ui)
            .collect()
    }

    /// Every row key of the document: the first cell of a two-cell row, written as a name (two to
    /// six capitalised words), found once.
    fn cover_keys(&self) -> &[(String, usize)] {
        self.cover.get_or_init(|| {
            let mut out = Vec::new();
            for (ui, u) in self.seg.units.iter().enumerate() {
                let Some(row) = u.row else { continue };
                if row.cells.1 - row.cells.0 != 2 {
                    continue;
                }
                let key = self.doc.blocks[row.cells.0].text.trim();
                let words: Vec<&str> = key.split_whitespace().collect();
                let is_name = (2..=6).contains(&words.len())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
                if is_name {
                    out.push((key.to_string(), ui));
                }
            }
            out
        })
    }

    /// A table row as a piece of context: the row read as one text ([`Context::row_text`]).
    fn row_piece(&self, ui: usize) -> Piece<'_> {
        let view = self.view(ui);
        Piece {
            text: &view.text[view.clause_start..],
            hits: Cow::Owned(
                view.hits
                    .iter()
                    .filter(|h| h.start as usize >= view.clause_start)
                    .map(|h| Hit {
                        start: h.start - view.clause_start as u32,
                        end: h.end - view.clause_start as u32,
                        set: h.set,
                    })
                    .collect(),
            ),
            own_offset: None,
            own_durations: None,
            unit: None,
        }
    }

    /// A unit's hits relative to its own text, found once per document.
    fn unit_hits_of(&self, ui: usize) -> &[Hit] {
        let span = self.seg.units[ui].span;
        self.unit_hits[ui].get_or_init(|| {
            shifted(
                self.seg.hits_in(span),
                span.start,
                span.end,
                -(span.start as isize),
            )
            .collect()
        })
    }

    /// One unit of the document as a piece of section context: its text and its hits, offsets
    /// relative to the unit.
    /// Its hits and durations are found once per document and shared by every rule.
    fn unit_piece(&self, ui: usize) -> Piece<'_> {
        let unit = &self.seg.units[ui];
        let span = unit.span;
        // A list item is read with its lead-in ("The cap does not apply to: … (c) breach of
        // clause 14"), as the candidate itself is.
        if unit.lead.is_some_and(|l| l.block != span.block) && unit.row.is_none() {
            let (text, hits, durations) = self.unit_led[ui].get_or_init(|| {
                let (text, hits, _, _) = self.joined_text(ui);
                (text, hits, OnceLock::new())
            });
            return Piece {
                text,
                hits: Cow::Borrowed(hits),
                own_offset: None,
                own_durations: Some(durations),
                unit: None,
            };
        }
        Piece {
            text: span_text(self.doc, span),
            hits: Cow::Borrowed(self.unit_hits_of(ui)),
            own_offset: None,
            own_durations: Some(&self.unit_durations[ui]),
            unit: Some(ui),
        }
    }

    /// The durations of a unit's paragraph that lie in the unit, relative to it, so a duration
    /// reads as it does in its paragraph.
    fn unit_durations_in_block(&self, ui: usize) -> Vec<DurationMatch> {
        let span = self.seg.units[ui].span;
        let text = &self.doc.blocks[span.block].text;
        self.seg
            .durations_of(span.block, text)
            .iter()
            .filter(|d| d.span.0 >= span.start && d.span.1 <= span.end)
            .map(|d| {
                let mut d = d.clone();
                d.span = (d.span.0 - span.start, d.span.1 - span.start);
                d
            })
            .collect()
    }
}

/// How many of a rule's locate groups a sentence must hit to be on its topic (all of them when the
/// rule has fewer): beside the clause in its own section, one; in a clause that only cites it, two,
/// since one group alone is often a common word ("not", "access", "data").
const ON_TOPIC_NEAR: usize = 1;
const ON_TOPIC_CITING: usize = 2;

/// How many sentences on either side of a clause in its own paragraph are read with it.
const NEIGHBOUR_SENTENCES: usize = 12;

/// The deepest section nesting followed when climbing from a clause to its parents.
const MAX_SECTION_DEPTH: usize = 64;

/// How far the section scope reaches around a clause in a very long section, in blocks.
const SECTION_BLOCKS_BEFORE: usize = 12;
const SECTION_BLOCKS_AFTER: usize = 25;

fn first_hit<'p>(pieces: &'p [Piece], set: SetId) -> Option<(&'p Piece<'p>, Hit)> {
    pieces
        .iter()
        .find_map(|p| p.hits.iter().find(|h| h.set == set).map(|h| (p, *h)))
}

/// The first hit of `set` within `window` bytes of a hit of the `near` set (when given) and,
/// when `negatable`, not negated by "not", "never", "no" or "without" earlier in its clause.
fn first_hit_where<'p>(
    pieces: &'p [Piece<'p>],
    set: SetId,
    near: Option<(SetId, usize)>,
    negatable: bool,
) -> Option<(&'p Piece<'p>, Hit)> {
    pieces.iter().find_map(|p| {
        p.hits
            .iter()
            .filter(|h| h.set == set)
            .filter(|h| !negatable || !negated_before(p.text, h.start as usize))
            .find(|h| near.is_none_or(|n| has_near(p, h, n)))
            .map(|h| (p, *h))
    })
}

/// Whether a hit of the `near` set (other than `h` itself) lies within `window` bytes of `h`.
fn has_near(p: &Piece, h: &Hit, (near, window): (SetId, usize)) -> bool {
    p.hits.iter().any(|n| {
        n.set == near
            && (n.start as usize).abs_diff(h.start as usize) <= window
            && n.start != h.start
    })
}

/// Whether "not", "never", "no" or "without" stands before `start` in its clause (within
/// [`NEGATION_REACH`] bytes): "shall not use it to train", "are not the Bank's exclusive remedy".
fn negated_before(text: &str, start: usize) -> bool {
    let start = start.min(text.len());
    let mut from = start.saturating_sub(NEGATION_REACH);
    while from < start && !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..start).unwrap_or("");
    let clause = before.rsplit([';', '.']).next().unwrap_or(before);
    let lower = format!(" {}", clause.to_ascii_lowercase());
    let Some(at) = [" not ", " never ", " no ", " without "]
        .iter()
        .filter_map(|n| lower.rfind(n))
        .max()
    else {
        return false;
    };
    // An exception after the negation lifts it: "shall not process it other than … (b) to
    // improve its services", "no use except for …".
    let after = &lower[at..];
    !NEGATION_EXCEPTIONS.iter().any(|x| after.contains(x))
}

/// How far before a term a negation reaches, in bytes, within its clause: "shall not combine it
/// with other data, sell it, or use it to build or train any model" negates the last verb too.
const NEGATION_REACH: usize = 160;

/// Words after a negation that carve an exception out of it, so what follows is allowed.
const NEGATION_EXCEPTIONS: [&str; 7] = [
    " other than ",
    " except ",
    " save ",
    " unless ",
    " apart from ",
    " however",
    " but may ",
];

/// How close (in bytes) a feasibility condition must stand to a time to qualify it.
const HEDGE_TIME_WINDOW: usize = 40;

/// Whether a feasibility condition qualifies a time rather than the duty: "as soon as reasonably
/// practicable", "without undue delay when feasible", "where possible within 72 hours". Times are
/// judged by the deadline checks (a soft cap; Clarification 15: a hard cap beside it stands).
fn qualifies_a_time(ctx: &Context, view: &UnitView, own_hits: &[Hit], h: &Hit) -> bool {
    let vague = ctx.lib.core_set(CoreVocab::VagueTime);
    let close = |s: usize, e: usize| {
        s <= h.end as usize + HEDGE_TIME_WINDOW && h.start as usize <= e + HEDGE_TIME_WINDOW
    };
    own_hits
        .iter()
        .any(|v| v.set == vague && close(v.start as usize, v.end as usize))
        || view
            .durations
            .get_or_init(|| quantity::find_durations(&view.text))
            .iter()
            .any(|d| close(d.span.0, d.span.1))
}

fn hit_quote(p: &Piece, h: Hit) -> String {
    p.text
        .get(h.start as usize..h.end as usize)
        .unwrap_or("")
        .to_string()
}

fn own_span(p: &Piece, s: usize, e: usize) -> Option<(usize, usize)> {
    p.own_offset.map(|o| (o + s, o + e))
}

fn present(pieces: &[Piece], set: Option<SetId>) -> bool {
    set.is_some_and(|s| first_hit(pieces, s).is_some())
}

fn fmt_hours(h: f64) -> String {
    if h >= 48.0 && (h / 24.0).fract() == 0.0 {
        format!("{} days ({h} h)", h / 24.0)
    } else {
        format!("{h} h")
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v}")
    } else {
        format!("{v:.1}")
    }
}

/// A duration found in some text, and where that text sits in the candidate's own text.
#[derive(Clone)]
struct Located<'t> {
    text: Cow<'t, str>,
    own_offset: Option<usize>,
    d: DurationMatch,
}

impl Located<'_> {
    fn quote(&self) -> String {
        self.text[self.d.span.0..self.d.span.1].to_string()
    }
    fn own_span(&self) -> Option<(usize, usize)> {
        self.own_offset
            .map(|o| (o + self.d.span.0, o + self.d.span.1))
    }
}

/// Whether the clause names the tier of another of the rule's deadlines ("Critical vulnerabilities
/// must be remediated within 14 days" names no "high" tier, but names "critical"): then its
/// durations are that tier's, not a fallback for every tier.
fn names_another_tier(rule: &Rule, near: Option<SetId>, pieces: &[Piece]) -> bool {
    rule.checks.iter().any(|c| match c {
        Check::Deadline {
            near: Some(other), ..
        } => Some(*other) != near && first_hit(&pieces[..1], *other).is_some(),
        _ => false,
    })
}

/// Durations of the pieces, optionally only those following a `near` term (or all of them when
/// `fallback` is set and no near term occurs).
fn durations<'p>(
    ctx: &Context,
    pieces: &[Piece<'p>],
    near: Option<SetId>,
    fallback: bool,
) -> Vec<Located<'p>> {
    let near = match near {
        Some(set) if fallback && first_hit(pieces, set).is_none() => None,
        n => n,
    };
    let mut out = Vec::new();
    for p in pieces {
        let ds: Cow<[DurationMatch]> = match p.own_durations {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| match p.unit {
                Some(ui) => ctx.unit_durations_in_block(ui),
                None => quantity::find_durations(p.text),
            })),
            None => Cow::Owned(quantity::find_durations(p.text)),
        };
        if ds.is_empty() {
            continue;
        }
        match near {
            None => out.extend(ds.iter().map(|d| Located {
                text: Cow::Borrowed(p.text),
                own_offset: p.own_offset,
                d: d.clone(),
            })),
            Some(set) => {
                for h in p.hits.iter().filter(|h| h.set == set) {
                    // A duration that the term qualifies from behind ("within five (5) days for
                    // Critical vulnerabilities") belongs to it; else the first duration after the
                    // term within the same clause, or else one that ends just before it ("thirty
                    // (30) days' prior written notice").
                    let qualified = ds.iter().rev().find(|d| {
                        d.span.1 <= h.start as usize
                            && h.start as usize - d.span.1 <= 24
                            && is_qualifier_gap(&p.text[d.span.1..h.start as usize])
                    });
                    let after = ds.iter().find(|d| {
                        d.span.0 >= h.end as usize
                            && d.span.0 - h.end as usize <= 160
                            && !p.text[h.end as usize..d.span.0].contains("; ")
                    });
                    let before = || {
                        ds.iter().rev().find(|d| {
                            d.span.1 <= h.start as usize
                                && h.start as usize - d.span.1 <= 40
                                && !p.text[d.span.1..h.start as usize].contains([';', '.'])
                        })
                    };
                    if let Some(d) = qualified.or(after).or_else(before) {
                        if !out.iter().any(|x: &Located| {
                            x.text.as_ptr() == p.text.as_ptr() && x.d.span == d.span
                        }) {
                            out.push(Located {
                                text: Cow::Borrowed(p.text),
                                own_offset: p.own_offset,
                                d: d.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// Judges one candidate unit, or says why it does not count.
pub fn judge(
    ctx: &Context,
    rule: &Rule,
    sel: &Selected,
    unit_index: usize,
) -> Result<Judgement, Rejection> {
    let lib = ctx.lib;
    let unit = &ctx.seg.units[unit_index];
    let view = ctx.view(unit_index);
    let (own, own_hits, clause_start, gov) = (
        view.text.as_str(),
        view.hits.as_slice(),
        view.clause_start,
        view.gov,
    );
    let own_placeholder = view.placeholder;
    let mut reasons: Vec<Found> = Vec::new();
    let mut parameters = BTreeMap::new();
    let ignored = |name: &str| rule.ignore.contains(name);

    if view.fragment {
        return Err(Rejection::NotOperative);
    }
    // A row of a responsibility table that assigns the control to the customer.
    if let Some(row) = unit.row {
        if ctx.row_assignee(row) == Some(Subject::Customer) && rule.file.party != Party::Any {
            return Err(Rejection::CustomerDuty);
        }
    }
    match rule.file.party {
        Party::SupplierDuty => {
            if gov.subject == Subject::Customer {
                return Err(Rejection::CustomerDuty);
            }
            if gov.modal == Modal::Permissive && !ignored("permissive-modal") {
                let (s, e) = gov.modal_span.unwrap_or((0, 0));
                reasons.push(Found {
                    code: ReasonCode::PermissiveModal,
                    message: format!("'{}' does not bind the supplier", &own[s..e]),
                    quote: Some(own[s..e].to_string()),
                    span: Some((s, e)),
                });
            }
        }
        Party::CustomerRight => {
            // "Supplier may …" is the supplier's own right, not the customer's.
            if gov.subject == Subject::Supplier && gov.modal == Modal::Permissive {
                return Err(Rejection::SupplierRight);
            }
            // The customer (or either party) holds the right, or the supplier must allow it.
            let grants = own_hits
                .iter()
                .any(|h| h.set == lib.core_set(CoreVocab::RightGrant));
            let customer_governs = matches!(gov.subject, Subject::Customer | Subject::Both);
            let customer_holds = customer_governs || gov.customer_right;
            if customer_governs && gov.modal == Modal::Strong && !grants {
                // "Customer shall …", "Customer acknowledges …": a duty, not a right.
                return Err(Rejection::CustomerDuty);
            }
            if !customer_holds && !grants {
                return Err(Rejection::NotOperative);
            }
            // "Customer may not audit …", "we don't allow customers to inspect …": the right is
            // excluded, not granted.
            if let Some((s, e)) = view.excluded_right {
                reasons.push(Found {
                    code: ReasonCode::Negated,
                    message: format!("the right is excluded: '{}'", &own[s..e]),
                    quote: Some(own[s..e].to_string()),
                    span: Some((s, e)),
                });
            }
        }
        Party::Any => {
            // The customer's "may" is a right; the supplier's "may" is no duty.
            if gov.modal == Modal::Permissive
                && gov.subject == Subject::Supplier
                && !ignored("permissive-modal")
            {
                let (s, e) = gov.modal_span.unwrap_or((0, 0));
                reasons.push(Found {
                    code: ReasonCode::PermissiveModal,
                    message: format!("'{}' does not bind the supplier", &own[s..e]),
                    quote: Some(own[s..e].to_string()),
                    span: Some((s, e)),
                });
            }
        }
    }

    let universal: [(CoreVocab, &str, ReasonCode, &str); 4] = [
        (
            CoreVocab::Efforts,
            "efforts-standard",
            ReasonCode::EffortsStandard,
            "duty hedged by",
        ),
        (
            CoreVocab::Discretion,
            "discretion",
            ReasonCode::Discretion,
            "left to discretion:",
        ),
        (
            CoreVocab::Negation,
            "negated",
            ReasonCode::Negated,
            "duty negated by",
        ),
        (
            CoreVocab::ConditionalHedge,
            "conditional-hedge",
            ReasonCode::NarrowedScope,
            "duty applies only where the supplier finds it possible:",
        ),
    ];
    let own_piece = [Piece {
        text: own,
        hits: Cow::Borrowed(own_hits),
        own_offset: Some(0),
        own_durations: None,
        unit: None,
    }];
    for (vocab, name, code, what) in universal {
        if ignored(name)
            || (code == ReasonCode::Discretion && rule.file.party == Party::CustomerRight)
        {
            continue;
        }
        let set = lib.core_set(vocab);
        // A feasibility condition the rule names itself ("where feasible" in CRY-TRANSIT's list)
        // is reported by the rule, in its own words.
        let rule_names_it = |h: &Hit| {
            own_hits
                .iter()
                .any(|o| o.start == h.start && rule.forbid_sets().any(|set| set == o.set))
        };
        let hit = own_hits.iter().find(|h| {
            h.set == set
                && !(vocab == CoreVocab::ConditionalHedge
                    && (rule_names_it(h) || qualifies_a_time(ctx, view, own_hits, h)))
        });
        if let Some((p, h)) = hit.map(|h| (&own_piece[0], *h)) {
            let q = hit_quote(p, h);
            reasons.push(Found {
                code,
                message: format!("{what} '{q}'"),
                quote: Some(q),
                span: own_span(p, h.start as usize, h.end as usize),
            });
        }
    }
    // A carve-out in a neighbouring sentence of the same paragraph negates the duty for part of its
    // subject ("… using AES-256. Supplier shall not be required to encrypt backups.").
    if !ignored("negated") && !reasons.iter().any(|r| r.code == ReasonCode::Negated) {
        let negation = lib.core_set(CoreVocab::Negation);
        // Sentences of the same paragraph, and clauses elsewhere that cite this one by number
        // ("Nothing in clause 1.1 requires the Supplier to erase backups"), on the same topic.
        for i in ctx.neighbours(rule, unit_index, ON_TOPIC_NEAR, ON_TOPIC_CITING) {
            let other = &ctx.seg.units[i];
            let hits = ctx.seg.hits_in(other.span);
            if let Some(n) = hits.iter().find(|h| h.set == negation) {
                let text = span_text(ctx.doc, other.span);
                let q = ctx.doc.blocks[other.span.block]
                    .text
                    .get(n.start as usize..n.end as usize)
                    .unwrap_or("")
                    .to_string();
                reasons.push(Found {
                    code: ReasonCode::Negated,
                    message: format!("a neighbouring sentence carves it out: '{text}'"),
                    quote: Some(q),
                    span: None,
                });
                break;
            }
        }
    }
    neighbour_hedges(ctx, rule, unit_index, &mut reasons);
    if !ignored("placeholder") {
        if let Some((s, e)) = own_placeholder {
            reasons.push(Found {
                code: ReasonCode::Placeholder,
                message: format!("unfilled placeholder '{}'", &own[s..e]),
                quote: Some(own[s..e].to_string()),
                span: Some((s, e)),
            });
        }
    }

    let scopes = Scopes::new(ctx, view, unit_index, rule);
    // A clause in one of the rule's declared weak forms ("such information as it deems
    // appropriate") addresses the topic, weakly, even with none of its elements.
    let weak_form = rule
        .forbid_sets()
        .any(|set| own_hits.iter().any(|h| h.set == set));
    for check in &rule.checks {
        if let Check::Elements {
            address,
            elements,
            scope,
            ..
        } = check
        {
            if *address > 0 && !weak_form {
                let pieces = scopes.get(*scope);
                let have = elements
                    .iter()
                    .filter(|(_, set)| first_hit(pieces, *set).is_some())
                    .count();
                if have < *address {
                    return Err(Rejection::NotAddressed);
                }
            }
        }
        evaluate(
            ctx,
            rule,
            sel,
            unit,
            own,
            &scopes,
            check,
            &mut reasons,
            &mut parameters,
        );
    }

    // The clause hands the topic's substance to an outside page ("the controls described at
    // https://…"): with what this file says it falls short, and the rest is not in the file, so
    // the topic is missing (Statuses; Clarifications 16 and 22), not weak.
    let falls_short = reasons.iter().any(|r| r.code != ReasonCode::Conflict);
    if falls_short && view.outside_url {
        return Err(Rejection::OutsideDocument);
    }

    // One reason per code and quote.
    let mut seen = Vec::new();
    reasons.retain(|r| {
        let key = (r.code, r.quote.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    Ok(Judgement {
        unit: unit_index,
        reasons,
        parameters,
        text: own.to_string(),
        clause_start,
    })
}

/// A hedge in another sentence of the same numbered clause, on the same topic, or in a clause that
/// cites it by number, hedges the clause:
/// in "Supplier will log security events to the extent the application supports it. Logs shall be
/// retained for twelve months." the second sentence alone is not the clause. The hedges are the
/// efforts and discretion vocabularies and the rule's own sentence-level weak forms.
fn neighbour_hedges(ctx: &Context, rule: &Rule, unit_index: usize, reasons: &mut Vec<Found>) {
    let lib = ctx.lib;
    let mut hedges: Vec<(SetId, ReasonCode, &str)> = Vec::new();
    for (vocab, name, code) in [
        (
            CoreVocab::Efforts,
            "efforts-standard",
            ReasonCode::EffortsStandard,
        ),
        (CoreVocab::Discretion, "discretion", ReasonCode::Discretion),
    ] {
        if !rule.ignore.contains(name) && rule.file.party != Party::CustomerRight {
            hedges.push((lib.core_set(vocab), code, ""));
        }
    }
    for c in &rule.checks {
        if let Check::Forbid {
            set,
            code,
            message,
            scope: Scope::Sentence,
            near: None,
            unless: None,
            unless_title: None,
            ..
        } = c
        {
            hedges.push((*set, *code, message));
        }
    }
    // Sentences of the same paragraph on the topic, and clauses that cite this one by number
    // ("Each audit under clause 15.1 is subject to Supplier's approval of the auditor"). Sibling
    // sub-clauses are separate duties (4.1 a programme, 4.9 malicious code): measured, hedges
    // taken from them weakened as many right clauses as they caught.
    for i in ctx.neighbours(rule, unit_index, ON_TOPIC_CITING, 0) {
        let other = ctx.seg.units[i].span;
        for h in ctx.seg.hits_in(other) {
            let Some(&(_, code, what)) = hedges.iter().find(|x| x.0 == h.set) else {
                continue;
            };
            let block_text = &ctx.doc.blocks[other.block].text;
            if reasons.iter().any(|r| r.code == code)
                || negated_before(block_text, h.start as usize)
            {
                continue;
            }
            let q = ctx.doc.blocks[other.block]
                .text
                .get(h.start as usize..h.end as usize)
                .unwrap_or("")
                .to_string();
            let what = if what.is_empty() { "hedged by" } else { what };
            reasons.push(Found {
                code,
                message: format!(
                    "another sentence of the clause: {what} '{q}' ('{}')",
                    span_text(ctx.doc, other)
                ),
                quote: Some(q),
                span: None,
            });
        }
    }
}

/// Whether a supplier or customer role word occurs anywhere in the text (possessives included).
fn names_a_party(hits: &[Hit], lib: &Library) -> bool {
    let supplier = lib.core_set(CoreVocab::SupplierRoles);
    let customer = lib.core_set(CoreVocab::CustomerRoles);
    hits.iter().any(|h| h.set == supplier || h.set == customer)
}

/// A statement with a finite verb ("Data is encrypted", "liability is limited") rather than a bare
/// label or fragment.
fn has_finite_verb(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        " is ",
        " are ",
        " does ",
        " do not ",
        " has ",
        " have ",
        " remains ",
        " remain ",
    ]
    .iter()
    .any(|v| lower.contains(v))
}

fn threshold(sel: &Selected, rule: &Rule, param: &str) -> (f64, String) {
    match sel.thresholds.get(param) {
        Some(t) => (t.value, t.label.clone()),
        None => (
            rule.file.parameters.get(param).copied().unwrap_or(0.0),
            "default".into(),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate(
    ctx: &Context,
    rule: &Rule,
    sel: &Selected,
    unit: &Unit,
    own: &str,
    scopes: &Scopes,
    check: &Check,
    reasons: &mut Vec<Found>,
    parameters: &mut BTreeMap<String, f64>,
) {
    let lib = ctx.lib;
    let own_placeholder = scopes.view.placeholder;
    let scope_of = |scope: Scope| scopes.get(scope);
    let vague_time = lib.core_set(CoreVocab::VagueTime);
    match check {
        Check::Deadline {
            parameter,
            near,
            near_fallback,
            any_bound,
            required,
            clock,
            unless,
            scope,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) {
                return;
            }
            let (max, source) = threshold(sel, rule, parameter);
            let other_tier = names_another_tier(rule, *near, pieces);
            let keep = |l: &Located| *any_bound || quantity::bound_of(&l.text, &l.d) != Bound::Min;
            let mut found: Vec<Located> =
                durations(ctx, pieces, *near, *near_fallback && !other_tier)
                    .into_iter()
                    .filter(keep)
                    .collect();
            if found.is_empty() && other_tier {
                // This sentence sets another tier's deadline ("Critical … within 14 days"); this
                // tier's may stand in the next sentence or sub-clause of the same clause.
                found = durations(ctx, scopes.get(Scope::Section), *near, false)
                    .into_iter()
                    .filter(keep)
                    .collect();
            }
            // A deadline set out in a schedule elsewhere in the document, or in the table the
            // clause introduces.
            let mut via_schedule = None;
            if found.is_empty() {
                if let Some((lo, hi)) = following_table(ctx, own, unit.span.block) {
                    found = durations_in_blocks(ctx, rule, (lo, hi), false, *near);
                    via_schedule = Some("the table below".to_string());
                }
            }
            if found.is_empty() {
                if let Some(m) = SCHEDULE_REF.find(own) {
                    match resolve_schedule(ctx, rule, m.as_str(), *near) {
                        Some(ds) => {
                            via_schedule = Some(m.as_str().to_string());
                            found = ds;
                        }
                        None => {
                            reasons.push(Found {
                                code: ReasonCode::UnresolvedReference,
                                message: format!(
                                    "the deadline is in {}, which is not in this document",
                                    m.as_str()
                                ),
                                quote: Some(m.as_str().to_string()),
                                span: Some((m.start(), m.end())),
                            });
                            return;
                        }
                    }
                }
            }
            if found.is_empty() {
                if let Some((s, e)) = own_placeholder {
                    reasons.push(Found {
                        code: ReasonCode::Placeholder,
                        message: format!("deadline left as a placeholder '{}'", &own[s..e]),
                        quote: Some(own[s..e].to_string()),
                        span: Some((s, e)),
                    });
                } else if *required {
                    let vague = first_hit(&pieces[..1], vague_time);
                    let (message, quote, span) = match vague {
                        Some((p, h)) => {
                            let q = hit_quote(p, h);
                            (
                                format!("'{q}' sets no hard deadline (at most {})", fmt_hours(max)),
                                Some(q),
                                own_span(p, h.start as usize, h.end as usize),
                            )
                        }
                        None => (
                            format!("no deadline stated (at most {})", fmt_hours(max)),
                            None,
                            None,
                        ),
                    };
                    reasons.push(Found {
                        code: ReasonCode::NoDeadline,
                        message,
                        quote,
                        span,
                    });
                }
                return;
            }
            let (hard, soft): (Vec<Located>, Vec<Located>) = found
                .into_iter()
                .partition(|l| !quantity::is_soft_cap(&l.text, &l.d));
            if hard.is_empty() {
                if let Some(l) = soft.first() {
                    let q = l.quote();
                    reasons.push(Found {
                        code: ReasonCode::SoftCap,
                        message: format!("'{q}' is a target, not a hard deadline"),
                        quote: Some(q),
                        span: l.own_span(),
                    });
                }
                return;
            }
            let Some(l) = hard.iter().min_by(|a, b| a.d.hours.total_cmp(&b.d.hours)) else {
                return;
            };
            parameters.insert(parameter.clone(), l.d.hours);
            if l.d.hours > max {
                let via = via_schedule
                    .map(|s| format!(" (set in {s})"))
                    .unwrap_or_default();
                reasons.push(Found {
                    code: ReasonCode::DeadlineExceeds,
                    message: format!(
                        "deadline {}{via} exceeds {} ({source})",
                        fmt_hours(l.d.hours),
                        fmt_hours(max)
                    ),
                    quote: Some(l.quote()),
                    span: l.own_span(),
                });
            }
            if *clock {
                let (start, span) = quantity::clock_start(&l.text, &l.d);
                if matches!(
                    start,
                    ClockStart::Confirmation | ClockStart::InvestigationComplete
                ) {
                    let (s, e) = span.unwrap_or(l.d.span);
                    let q = l.text[s..e].to_string();
                    reasons.push(Found {
                        code: ReasonCode::LateClockStart,
                        message: format!("the clock starts late: '{q}' instead of awareness"),
                        quote: Some(q),
                        span: l.own_offset.map(|o| (o + s, o + e)),
                    });
                }
            }
        }
        Check::MinDuration {
            parameter,
            near,
            required,
            code,
            unless,
            scope,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) {
                return;
            }
            let (min, source) = threshold(sel, rule, parameter);
            let found = durations(ctx, pieces, *near, false);
            let best = found
                .iter()
                .filter(|l| quantity::bound_of(&l.text, &l.d) != Bound::Max)
                .max_by(|a, b| a.d.hours.total_cmp(&b.d.hours));
            let up_to = found
                .iter()
                .find(|l| quantity::bound_of(&l.text, &l.d) == Bound::Max);
            match best {
                Some(l) => {
                    parameters.insert(parameter.clone(), l.d.hours);
                    if l.d.hours < min {
                        reasons.push(Found {
                            code: *code,
                            message: format!(
                                "{} is shorter than {} ({source})",
                                fmt_hours(l.d.hours),
                                fmt_hours(min)
                            ),
                            quote: Some(l.quote()),
                            span: l.own_span(),
                        });
                    }
                }
                None => {
                    if let Some(l) = up_to {
                        let q = l.quote();
                        reasons.push(Found {
                            code: *code,
                            message: format!(
                                "'up to' {q} sets no minimum (at least {})",
                                fmt_hours(min)
                            ),
                            quote: Some(q),
                            span: l.own_span(),
                        });
                    } else if let Some((s, e)) = own_placeholder {
                        reasons.push(Found {
                            code: ReasonCode::Placeholder,
                            message: format!("period left as a placeholder '{}'", &own[s..e]),
                            quote: Some(own[s..e].to_string()),
                            span: Some((s, e)),
                        });
                    } else if *required {
                        reasons.push(Found {
                            code: ReasonCode::MissingElement,
                            message: format!(
                                "no period stated (at least {} required)",
                                fmt_hours(min)
                            ),
                            quote: None,
                            span: None,
                        });
                    }
                }
            }
        }
        Check::Frequency {
            parameter,
            near,
            required,
            unless,
            scope,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) {
                return;
            }
            let (max, source) = threshold(sel, rule, parameter);
            let mut all = Vec::new();
            for p in pieces {
                for f in quantity::find_frequencies(p.text) {
                    let near_ok = match near {
                        None => true,
                        Some(set) => p
                            .hits
                            .iter()
                            .any(|h| h.set == *set && (h.start as usize).abs_diff(f.span.0) <= 200),
                    };
                    if near_ok {
                        all.push((p, f));
                    }
                }
            }
            let best = all
                .iter()
                .filter(|(_, f)| !f.vague)
                .min_by(|a, b| a.1.months.total_cmp(&b.1.months));
            match best {
                Some((p, f)) => {
                    parameters.insert(parameter.clone(), f.months);
                    if f.months > max {
                        let q = p.text[f.span.0..f.span.1].to_string();
                        reasons.push(Found {
                            code: ReasonCode::FrequencyTooLow,
                            message: format!(
                                "every {} months is less often than every {} months ({source})",
                                fmt_num(f.months),
                                fmt_num(max)
                            ),
                            quote: Some(q),
                            span: own_span(p, f.span.0, f.span.1),
                        });
                    }
                }
                None if *required => {
                    let (message, quote, span) = match all.first() {
                        Some((p, f)) => {
                            let q = p.text[f.span.0..f.span.1].to_string();
                            (
                                format!(
                                    "'{q}' states no frequency (at least every {} months)",
                                    fmt_num(max)
                                ),
                                Some(q),
                                own_span(p, f.span.0, f.span.1),
                            )
                        }
                        None => (
                            format!(
                                "no frequency stated (at least every {} months)",
                                fmt_num(max)
                            ),
                            None,
                            None,
                        ),
                    };
                    reasons.push(Found {
                        code: ReasonCode::FrequencyTooLow,
                        message,
                        quote,
                        span,
                    });
                }
                None => {}
            }
        }
        Check::Elements {
            min,
            address: _,
            elements,
            scope,
            unless,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) {
                return;
            }
            let (have, lack): (Vec<_>, Vec<_>) = elements
                .iter()
                .partition(|(_, set)| first_hit(pieces, *set).is_some());
            if have.len() < *min {
                let lack: Vec<&str> = lack.iter().map(|(n, _)| n.as_str()).collect();
                reasons.push(Found {
                    code: ReasonCode::MissingElement,
                    message: format!(
                        "{} of the required {} elements present; missing: {}",
                        have.len(),
                        min,
                        lack.join(", ")
                    ),
                    quote: None,
                    span: None,
                });
            }
        }
        Check::Require {
            set,
            near,
            code,
            message,
            scope,
            unless,
            unless_title,
            negatable,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) || title_has(ctx, *unless_title) {
                return;
            }
            let found = first_hit_where(pieces, *set, *near, *negatable);
            if found.is_none() {
                reasons.push(Found {
                    code: *code,
                    message: message.clone(),
                    quote: None,
                    span: None,
                });
            }
        }
        Check::Forbid {
            set,
            near,
            code,
            message,
            scope,
            unless,
            unless_title,
            negatable,
        } => {
            let pieces = scope_of(*scope);
            if present(pieces, *unless) || title_has(ctx, *unless_title) {
                return;
            }
            let found = first_hit_where(pieces, *set, *near, *negatable);
            if let Some((p, h)) = found {
                let q = hit_quote(p, h);
                // Words found in another clause of the group are quoted with their clause, so
                // the reader can find them.
                let message = match p.own_offset {
                    Some(_) => format!("{message}: '{q}'"),
                    None => format!(
                        "another clause of the group: {message}: '{q}' ('{}')",
                        super::clip(p.text.trim())
                    ),
                };
                reasons.push(Found {
                    code: *code,
                    message,
                    quote: Some(q),
                    span: own_span(p, h.start as usize, h.end as usize),
                });
            }
        }
        Check::Listed { standards } => {
            let pieces = scope_of(Scope::Sentence);
            if first_hit(pieces, *standards).is_some() {
                return;
            }
            if let Some(m) = SCHEDULE_REF.find(own) {
                let r = m.as_str();
                match schedule_content(ctx, r) {
                    None => reasons.push(Found {
                        code: ReasonCode::UnresolvedReference,
                        message: format!("the measures are in {r}, which is not in this document"),
                        quote: Some(r.to_string()),
                        span: Some((m.start(), m.end())),
                    }),
                    Some(text) if is_empty_content(&text) => reasons.push(Found {
                        code: ReasonCode::Placeholder,
                        message: format!("{r} is empty or a placeholder"),
                        quote: Some(r.to_string()),
                        span: Some((m.start(), m.end())),
                    }),
                    Some(_) => {}
                }
                return;
            }
            if own.trim_end().ends_with(':') {
                // The list that follows must have content.
                let next: String = ctx
                    .doc
                    .blocks
                    .iter()
                    .skip(unit.span.block + 1)
                    .take_while(|b| {
                        !b.is_heading()
                            && (matches!(
                                b.kind,
                                BlockKind::ListItem { .. } | BlockKind::TableCell { .. }
                            ) || b.text.starts_with('(')
                                || (!b.label.is_empty()
                                    && crate::ingest::clause_number::split(&b.text).is_none()))
                    })
                    .take(12)
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if is_empty_content(&next) {
                    reasons.push(Found {
                        code: ReasonCode::Placeholder,
                        message: "the list of measures or standards is empty".into(),
                        quote: None,
                        span: None,
                    });
                }
                return;
            }
            let lower = own.to_ascii_lowercase();
            if [
                "set out below",
                "set forth below",
                "as follows",
                "including at a minimum",
                "at a minimum",
                "listed below",
            ]
            .iter()
            .any(|p| lower.contains(p))
            {
                return;
            }
            reasons.push(Found {
                code: ReasonCode::VagueStandard,
                message: "no listed measures and no named standard: only general 'appropriate' or 'industry-standard' safeguards".into(),
                quote: None,
                span: None,
            });
        }
        Check::Crypto {
            mode,
            parameter,
            scope,
        } => {
            let pieces = scope_of(*scope);
            let (min, source) = threshold(sel, rule, parameter);
            crypto(pieces, *mode, parameter, min, &source, reasons, parameters);
        }
    }
}

/// Whether the document's title (its first heading, or its first block) has a term of `set`.
fn title_has(ctx: &Context, set: Option<SetId>) -> bool {
    let Some(set) = set else { return false };
    let title = ctx
        .doc
        .blocks
        .iter()
        .take(8)
        .position(|b| b.is_heading())
        .unwrap_or(0);
    ctx.seg.block_hits(title).iter().any(|h| h.set == set)
}

fn crypto(
    pieces: &[Piece],
    mode: CryptoMode,
    parameter: &str,
    min: f64,
    source: &str,
    reasons: &mut Vec<Found>,
    parameters: &mut BTreeMap<String, f64>,
) {
    let fips_validated = pieces
        .iter()
        .any(|p| quantity::find_fips(p.text).iter().any(|&(_, v)| v));
    let mut strong = fips_validated;
    let mut weak: Option<(&Piece, (usize, usize), String)> = None;
    let mut best = 0.0f64;
    for p in pieces {
        match mode {
            CryptoMode::Transit => {
                for v in quantity::find_tls_versions(p.text) {
                    let q = p.text[v.span.0..v.span.1].to_string();
                    if v.unversioned && !v.ssl {
                        continue;
                    }
                    let version = v.major as f64 + v.minor as f64 / 10.0;
                    if v.ssl || version < min {
                        weak.get_or_insert((p, v.span, q));
                    } else {
                        strong = true;
                        best = best.max(version);
                    }
                }
            }
            CryptoMode::Rest => {
                for (span, bits) in quantity::find_aes_bits(p.text) {
                    if (bits as f64) >= min {
                        strong = true;
                        best = best.max(bits as f64);
                    } else {
                        let q = p.text[span.0..span.1].to_string();
                        weak.get_or_insert((p, span, q));
                    }
                }
                for span in quantity::find_weak_ciphers(p.text) {
                    let q = p.text[span.0..span.1].to_string();
                    weak.get_or_insert((p, span, q));
                }
            }
        }
    }
    if best > 0.0 {
        parameters.insert(parameter.to_string(), best);
    }
    if strong {
        return;
    }
    let what = match mode {
        CryptoMode::Transit => format!("TLS {} or higher", fmt_num(min)),
        CryptoMode::Rest => format!("AES-{} or stronger", fmt_num(min)),
    };
    match weak {
        Some((p, span, q)) => reasons.push(Found {
            code: ReasonCode::WeakCrypto,
            message: format!("'{q}' is weaker than {what} ({source})"),
            quote: Some(q),
            span: own_span(p, span.0, span.1),
        }),
        None => reasons.push(Found {
            code: ReasonCode::VagueStandard,
            message: format!("no protocol version, algorithm or FIPS validation named ({what} or FIPS 140-2/140-3 validated required)"),
            quote: None,
            span: None,
        }),
    }
}

/// The block range of the section a reference like "Schedule 4" or "Annex II" names (its heading
/// starts with the reference), or `None` when the document has no such section.
fn referenced_blocks(ctx: &Context, reference: &str) -> Option<(usize, usize)> {
    let want = reference.to_ascii_lowercase();
    let section = ctx.doc.sections.iter().position(|s| {
        let d = s.display().to_ascii_lowercase();
        d.starts_with(&want)
            && d[want.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })?;
    ctx.seg.section_blocks.get(section).copied()
}

/// The text of the section a reference like "Schedule 4" or "Annex II" names, or `None` when the
/// document has no such section.
fn schedule_content(ctx: &Context, reference: &str) -> Option<String> {
    let doc = ctx.doc;
    let (lo, hi) = referenced_blocks(ctx, reference)?;
    Some(
        doc.blocks
            .iter()
            .take(hi.min(doc.blocks.len()))
            .skip(lo)
            .filter(|b| !b.is_heading())
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Content that says nothing: empty, "N/A", "TBD" or only placeholders.
fn is_empty_content(text: &str) -> bool {
    let t = text.trim();
    if t.len() < 3 {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.trim_end_matches('.'),
        "n/a" | "na" | "tbd" | "tbc" | "none" | "not applicable"
    ) {
        return true;
    }
    let placeholders: usize = quantity::find_placeholders(t)
        .iter()
        .map(|(s, e)| e - s)
        .sum();
    placeholders * 2 >= t.len()
}

/// Finds the deadline a clause delegates to "Schedule 2": the durations in that schedule's section, in
/// blocks on the rule's topic. `None` when the schedule is not in the document.
fn resolve_schedule<'c>(
    ctx: &Context<'c>,
    rule: &Rule,
    reference: &str,
    near: Option<SetId>,
) -> Option<Vec<Located<'c>>> {
    let (lo, hi) = referenced_blocks(ctx, reference)?;
    Some(durations_in_blocks(ctx, rule, (lo, hi), true, near))
}

/// The table right after a clause that introduces it ("… within the periods in this table:"),
/// as a block range.
fn following_table(ctx: &Context, own: &str, block: usize) -> Option<(usize, usize)> {
    let lower = own.to_ascii_lowercase();
    let introduces = lower.trim_end().ends_with(':')
        || [
            "this table",
            "table below",
            "following table",
            "set out below",
            "as follows",
        ]
        .iter()
        .any(|w| lower.contains(w));
    let is_cell = |b: &usize| {
        ctx.doc
            .blocks
            .get(*b)
            .is_some_and(|b| matches!(b.kind, BlockKind::TableCell { .. }))
    };
    if !introduces || !is_cell(&(block + 1)) {
        return None;
    }
    let end = (block + 1..ctx.doc.blocks.len())
        .find(|b| !is_cell(b))
        .unwrap_or(ctx.doc.blocks.len());
    Some((block + 1, end))
}

/// The durations in blocks `lo..hi`: a table row read as one text ("Item: Erasure of data on
/// exit, Time limit: within 120 days", so a number belongs to its own row), any other block as
/// itself. With `on_topic`, only rows that hit two of the rule's groups (all, if it has fewer)
/// and blocks that hit one; with `near`, only rows that hit it ("Critical" for the critical
/// deadline).
fn durations_in_blocks<'c>(
    ctx: &Context<'c>,
    rule: &Rule,
    (lo, hi): (usize, usize),
    on_topic: bool,
    near: Option<SetId>,
) -> Vec<Located<'c>> {
    let doc: &'c Document = ctx.doc;
    let mut out = Vec::new();
    for bi in lo..hi.min(doc.blocks.len()) {
        if matches!(doc.blocks[bi].kind, BlockKind::TableCell { .. }) {
            let row = ctx
                .seg
                .units_of_block(bi)
                .find_map(|u| ctx.seg.units[u].row.filter(|r| r.cells.0 == bi));
            let Some(row) = row else { continue };
            let text = ctx.row_text(row);
            let hits = ctx.lib.terms.find(&text);
            let groups = rule
                .groups
                .iter()
                .filter(|g| hits.iter().any(|h| h.set == **g))
                .count();
            if on_topic && groups < rule.groups.len().min(ON_TOPIC_CITING) {
                continue;
            }
            if near.is_some_and(|n| !hits.iter().any(|h| h.set == n)) {
                continue;
            }
            for d in quantity::find_durations(&text) {
                out.push(Located {
                    text: Cow::Owned(text.clone()),
                    own_offset: None,
                    d,
                });
            }
            continue;
        }
        let hits = ctx.seg.block_hits(bi);
        if on_topic && !rule.groups.iter().any(|g| hits.iter().any(|h| h.set == *g)) {
            continue;
        }
        let text: &'c str = &doc.blocks[bi].text;
        for d in quantity::find_durations(text) {
            out.push(Located {
                text: Cow::Borrowed(text),
                own_offset: None,
                d,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{negated_before, DefinedTerms};

    /// The negation test never loops or panics, whatever offset it is given (an offset past the
    /// text once made it spin for ever).
    #[test]
    fn negated_before_takes_any_offset() {
        let t = "Supplier shall not use it to train — ünïcode ok";
        for start in 0..t.len() + 40 {
            let _ = negated_before(t, start);
        }
        assert!(negated_before(t, t.find("use").unwrap_or(0)));
        assert!(!negated_before(t, 3));
    }

    /// The pair filter never hides a term that a plain substring search finds, and the first four
    /// definitions in document order are kept, a term defined twice giving both definitions.
    #[test]
    fn defined_terms_match_a_plain_search() {
        let terms = [
            "Personal Data",
            "Services",
            "Data",
            "Security Incident",
            "Sub-processor",
            "Data",
            "€",
            "Affiliate",
            "Customer Data",
        ];
        let definitions: Vec<(String, usize)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), 100 + i))
            .collect();
        let defined = DefinedTerms::new(&definitions);
        let texts = [
            "",
            "The Supplier shall protect Personal Data.",
            "Customer Data and Services, Security Incidents, each Sub-processor, fees in €",
            "personal data in lower case is not the defined term",
            "an Affiliate of the Data controller",
            "Servicesx Dat",
            "Data Data Data Affiliate Services Personal Data",
        ];
        for text in texts {
            let expected: Vec<usize> = definitions
                .iter()
                .filter(|(t, _)| text.contains(t.as_str()))
                .map(|&(_, u)| u)
                .take(4)
                .collect();
            assert_eq!(defined.used_in(text), expected, "{text}");
        }
        // Every two-byte window counts: a term found only at the very end is still found.
        assert_eq!(
            DefinedTerms::new(&definitions).used_in("xx Affiliate"),
            vec![107]
        );
    }
}
