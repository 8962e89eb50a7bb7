//! The clause engine: for every selected requirement, locates candidate clauses (one term pass over the
//! document), judges each, and decides: the strongest operative clause gives the status, contradictions
//! are reported, and every finding quotes its evidence with section and location.

pub mod amendments;
pub mod judge;
pub mod parties;
pub mod quantity;
pub mod segment;

use crate::document::{Document, Location};
use crate::finding::{
    Evidence, EvidenceLocation, Finding, Highlight, Reason, ReasonCode, Status, Threshold,
};
use crate::library::{Library, ParamKind, Rule, Selected, Selection};
use crate::text::{line_col_from, to_source_offset};
use judge::{Context, Judgement};
use parties::Parties;
use rayon::prelude::*;
use segment::Segmented;
use std::borrow::Cow;

/// How the rules of one document are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleParallelism {
    /// In parallel on the current rayon pool: one large document uses every thread.
    Parallel,
    /// One after the other, on the calling thread: for batches, where documents already run in
    /// parallel.
    Sequential,
}

/// Analyses one document against the selected requirements, rules in parallel. `source` is the
/// file's text for text formats (used for line:column locations). Findings come in catalogue order.
pub fn analyze<'l>(
    doc: &Document,
    source: Option<&str>,
    lib: &'l Library,
    selection: &'l Selection,
) -> Result<Vec<Finding<'l>>, AnalysisError> {
    analyze_with(doc, source, lib, selection, RuleParallelism::Parallel)
}

/// Why a document that was read could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error(
        "not analysed: more than {limit} clause-term matches in {text_bytes} bytes of text \
         (more than one every two bytes; contracts have one every five to twelve): a word list or \
         a repeated term, not contract prose"
    )]
    TooManyTermHits { limit: usize, text_bytes: usize },
}

impl From<segment::TooManyTermHits> for AnalysisError {
    fn from(e: segment::TooManyTermHits) -> Self {
        AnalysisError::TooManyTermHits {
            limit: e.limit,
            text_bytes: e.text_bytes,
        }
    }
}

/// [`analyze`], with the rules checked as `rules` says. The findings are the same either way.
pub fn analyze_with<'l>(
    doc: &Document,
    source: Option<&str>,
    lib: &'l Library,
    selection: &'l Selection,
    rules: RuleParallelism,
) -> Result<Vec<Finding<'l>>, AnalysisError> {
    let seg = segment::segment(doc, &lib.terms)?;
    let parties = Parties::detect(doc, lib);
    let ctx = Context::new(lib, doc, &seg, &parties);
    let locate = Locator { doc, source };
    let check = |sel: &'l Selected| check_rule(&ctx, &locate, &lib.rules[sel.rule], sel);
    Ok(match rules {
        // In chunks: enough to use both cores on one large document, little scheduling overhead.
        RuleParallelism::Parallel => selection
            .entries
            .par_iter()
            .with_min_len(12)
            .map(check)
            .collect(),
        RuleParallelism::Sequential => selection.entries.iter().map(check).collect(),
    })
}

/// Turns block spans into evidence locations.
struct Locator<'a> {
    doc: &'a Document,
    source: Option<&'a str>,
}

impl Locator<'_> {
    fn evidence(&self, block: usize, start: usize, end: usize, quote: String) -> Evidence {
        let b = &self.doc.blocks[block];
        let section = self.doc.section_name(b.section);
        match (b.location, self.source) {
            (Location::Line { line, column }, Some(src)) => {
                let s = to_source_offset(&b.source_map, start);
                let e = to_source_offset(&b.source_map, end.saturating_sub(1)).map(|x| x + 1);
                // The readers locate a block at its first mapped character.
                let anchor = b.source_map.first().map_or(0, |p| p.source as usize);
                let (line, column) = match s {
                    Some(off) => line_col_from(src, anchor, line, off),
                    None => (line, column),
                };
                Evidence {
                    quote,
                    section,
                    location: EvidenceLocation {
                        line: Some(line),
                        column: Some(column),
                        paragraph: None,
                    },
                    byte_range: match (s, e) {
                        (Some(s), Some(e)) if e >= s => Some([s as u32, e as u32]),
                        _ => None,
                    },
                    highlights: Vec::new(),
                }
            }
            (Location::Line { line, column }, _) => Evidence {
                quote,
                section,
                location: EvidenceLocation {
                    line: Some(line),
                    column: Some(column),
                    paragraph: None,
                },
                byte_range: None,
                highlights: Vec::new(),
            },
            (Location::Paragraph { paragraph }, _) => Evidence {
                quote,
                section,
                location: EvidenceLocation {
                    line: None,
                    column: None,
                    paragraph: Some(paragraph),
                },
                byte_range: None,
                highlights: Vec::new(),
            },
        }
    }
}

/// Whether a unit is a candidate for a rule: every locate group hit in the clause, its lead-in,
/// the title of a section it cites or (with heading context) a heading above it, at least one in
/// the clause itself.
/// Public for the developer example `debug_units`.
pub fn is_candidate_pub(seg: &Segmented, doc: &Document, rule: &Rule, unit: usize) -> bool {
    is_candidate(seg, doc, rule, unit, || &[])
}

/// `cited` gives the term sets of the titles of the sections the unit cites by number; it is asked
/// only when the clause itself and its lead-in miss a group.
pub(crate) fn is_candidate<'c>(
    seg: &Segmented,
    doc: &Document,
    rule: &Rule,
    i: usize,
    cited: impl FnOnce() -> &'c [u32],
) -> bool {
    let unit = &seg.units[i];
    if unit.is_heading || unit.defines.is_some() {
        return false;
    }
    let own = |set| seg.unit_sets.contains(i, set);
    if rule.exclude.is_some_and(own) {
        return false;
    }
    let section = doc.blocks[unit.span.block].section;
    let heading = section
        .and_then(|s| seg.heading_hits.get(s))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if !rule.groups.iter().any(|&g| own(g)) {
        return false;
    }
    let mut cited = Some(cited);
    let mut cited_sets: &[u32] = &[];
    for &g in &rule.groups {
        let mut ok = own(g)
            || seg.lead_sets.contains(i, g)
            || (rule.file.locate.heading_context && heading.binary_search(&g).is_ok());
        if !ok {
            if let Some(f) = cited.take() {
                cited_sets = f();
            }
            ok = cited_sets.binary_search(&g).is_ok();
        }
        if !ok {
            return false;
        }
    }
    if let Some(re) = &rule.confirm {
        let b = &doc.blocks[unit.span.block];
        if !re.is_match(b.text.get(unit.span.start..unit.span.end).unwrap_or("")) {
            return false;
        }
    }
    true
}

fn rank(j: &Judgement) -> (usize, usize, usize) {
    let hard = j
        .reasons
        .iter()
        .filter(|r| r.code != ReasonCode::Conflict)
        .count();
    (usize::from(hard > 0), hard, j.unit)
}

const MAX_QUOTE: usize = 600;

pub(crate) fn clip(s: &str) -> String {
    if s.len() <= MAX_QUOTE {
        return s.to_string();
    }
    let mut end = MAX_QUOTE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind(' ').unwrap_or(end);
    format!("{} …", &s[..cut])
}

fn check_rule<'l>(
    ctx: &Context,
    locate: &Locator,
    rule: &'l Rule,
    sel: &'l Selected,
) -> Finding<'l> {
    let seg = ctx.seg;
    let mut judged: Vec<Judgement> = Vec::new();
    let mut customer_only = false;
    let mut outside = false;
    // Only units whose own text hits one of the rule's groups can be candidates.
    let mut units: Vec<u32> = rule
        .groups
        .iter()
        .flat_map(|&g| seg.postings(g))
        .copied()
        .collect();
    units.sort_unstable();
    units.dedup();
    for i in units.into_iter().map(|i| i as usize) {
        if ctx.superseded(i) || !is_candidate(seg, ctx.doc, rule, i, || ctx.cited_sets(i)) {
            continue;
        }
        match judge::judge(ctx, rule, sel, i) {
            Ok(j) => judged.push(j),
            Err(judge::Rejection::CustomerDuty) => customer_only = true,
            Err(judge::Rejection::OutsideDocument) => outside = true,
            Err(_) => {}
        }
    }
    let thresholds: Vec<Threshold> = sel
        .thresholds
        .iter()
        .map(|(param, t)| Threshold {
            profile: Cow::Borrowed(&t.source),
            parameter: Cow::Borrowed(param),
            max: (t.kind == ParamKind::Max).then_some(t.value),
            min: (t.kind == ParamKind::Min).then_some(t.value),
        })
        .collect();
    let file = &rule.file;
    let mut finding = Finding {
        requirement: Cow::Borrowed(&file.id),
        title: Cow::Borrowed(&file.title),
        category: Cow::Borrowed(&file.category),
        severity: Cow::Borrowed(&file.severity),
        level: sel.level,
        status: Status::Missing,
        message: String::new(),
        reasons: Vec::new(),
        thresholds,
        parameters: Default::default(),
        evidence: Vec::new(),
        references: Cow::Borrowed(&file.references),
        suggestion: Cow::Borrowed(&file.docs.suggestion),
    };
    let Some(best_idx) = (0..judged.len()).min_by_key(|&i| rank(&judged[i])) else {
        finding.message = if outside {
            format!(
                "{}: only by reference to an outside document or web page, whose text is not in \
                 this file.",
                file.title
            )
        } else if customer_only {
            format!(
                "{}: only the customer is bound; no supplier clause found.",
                file.title
            )
        } else {
            format!("{}: no operative clause found.", file.title)
        };
        return finding;
    };
    let best = &judged[best_idx];
    let unit = &seg.units[best.unit];
    let clause = &best.text[best.clause_start..];
    let mut ev = locate.evidence(
        unit.span.block,
        unit.span.start,
        unit.span.end,
        clip(clause),
    );
    for r in &best.reasons {
        if let Some((s, e)) = r.span {
            if s >= best.clause_start && e - best.clause_start <= ev.quote.len() {
                ev.highlights.push(Highlight {
                    start: (s - best.clause_start) as u32,
                    end: (e - best.clause_start) as u32,
                    label: r.code.description().to_string(),
                });
            }
        }
    }
    finding.evidence.push(ev);
    finding.parameters = best
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    finding.reasons = best
        .reasons
        .iter()
        .map(|r| Reason {
            code: r.code,
            message: r.message.clone(),
            quote: r.quote.clone(),
        })
        .collect();

    // Contradictions: another operative clause sets the same parameter on the other side of the
    // threshold.
    for (param, &value) in &best.parameters {
        let Some(t) = sel.thresholds.get(param) else {
            continue;
        };
        let passes = |v: f64| match t.kind {
            ParamKind::Max => v <= t.value,
            ParamKind::Min => v >= t.value,
        };
        if let Some(other) = judged.iter().filter(|j| j.unit != best.unit).find(|j| {
            j.parameters
                .get(param)
                .is_some_and(|&v| passes(v) != passes(value))
        }) {
            let ou = &seg.units[other.unit];
            let ov = other.parameters[param];
            let oe = locate.evidence(
                ou.span.block,
                ou.span.start,
                ou.span.end,
                clip(&other.text[other.clause_start..]),
            );
            finding.reasons.push(Reason {
                code: ReasonCode::Conflict,
                message: format!(
                    "another clause{} sets {param} to {ov}, against {value} here",
                    oe.section
                        .as_ref()
                        .map(|s| format!(" ({s})"))
                        .unwrap_or_default()
                ),
                quote: Some(oe.quote.clone()),
            });
            finding.evidence.push(oe);
        }
    }
    let hard = finding
        .reasons
        .iter()
        .any(|r| r.code != ReasonCode::Conflict);
    finding.status = if hard {
        Status::Weak
    } else {
        Status::Satisfied
    };
    let section = finding.evidence[0]
        .section
        .clone()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    finding.message = match finding.status {
        Status::Satisfied => format!("{}: satisfied{section}.", file.title),
        _ => {
            let first = finding
                .reasons
                .iter()
                .find(|r| r.code != ReasonCode::Conflict)
                .map(|r| r.message.clone())
                .unwrap_or_default();
            format!("{}: weak{section}: {first}.", file.title)
        }
    };
    finding
}
