//! Durations ("seventy-two (72) hours", "2 Business Days", "24-48 hours", "T+24", "30d")
//! normalised to hours, the bound word around them ([`bound_of`]) and soft-cap qualifiers
//! ([`is_soft_cap`]).

use super::common::{
    after, after_last_break, ascii_regex, before, first_break, floor_cb, is_pattern_space,
    last_words_start, regex_groups, text_of, word_count, Span, B,
};
use super::numbers::{
    is_digits, parse_digits, parse_number, parse_ordinal, parse_words_suffix, wseq, DIG, ORD_WORD,
};
use regex::Regex;
use std::sync::LazyLock;

/// The unit of a duration. Ends on a word boundary.
pub(super) const UNIT: &str = r"(?:(?:business|working|banking)[\s-]+days?|(?:business|working|clock)[\s-]+hours?|(?:calendar[\s-]+)?(?:days?|weeks?|fortnights?|months?|years?)|hours?|hrs?|minutes?|mins?|wks?|yrs?|mos)(?-u:\b)";

/// Unit abbreviations that must be attached to the digits: "72h", "30d", "24hrs".
const ABBR: &str = r"(?:hrs?|h|d|wks?|yrs?|mins?)(?-u:\b)";

#[derive(Debug, Clone, PartialEq)]
pub enum TimeUnit {
    Hour,
    Day,
    BusinessDay,
    Week,
    Fortnight,
    Month,
    Year,
    Minute,
}

impl TimeUnit {
    /// Hours in `amount` of this unit: hour 1, minute 1/60, day 24, business day per
    /// Clarification 10 (N + 2·⌈N/5⌉ calendar days), week 168, fortnight 336, month 31 days, year 12
    /// months.
    pub fn to_hours(&self, amount: f64) -> f64 {
        match self {
            TimeUnit::Minute => amount / 60.0,
            TimeUnit::Hour => amount,
            TimeUnit::Day => amount * 24.0,
            TimeUnit::BusinessDay => (amount + 2.0 * (amount / 5.0).ceil()) * 24.0,
            TimeUnit::Week => amount * 168.0,
            TimeUnit::Fortnight => amount * 336.0,
            TimeUnit::Month => amount * 744.0,
            TimeUnit::Year => amount * 12.0 * 744.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DurationMatch {
    /// The whole expression, e.g. "seventy-two (72) hours" or "24-48 hours".
    pub span: Span,
    /// The number (upper bound for ranges). When words and digits disagree, the words govern.
    pub amount: f64,
    pub unit: TimeUnit,
    /// Normalised to hours (see [`TimeUnit::to_hours`]).
    pub hours: f64,
    pub is_range: bool,
    /// "seventy-two (48) hours".
    pub words_digits_disagree: bool,
}

fn unit_of(s: &str) -> Option<TimeUnit> {
    let l = s.to_ascii_lowercase();
    if l.contains("business")
        || l.contains("working")
        || l.contains("banking")
        || l.contains("clock")
    {
        return Some(if l.contains("hour") {
            TimeUnit::Hour
        } else {
            TimeUnit::BusinessDay
        });
    }
    let l = l
        .strip_prefix("calendar")
        .unwrap_or(&l)
        .trim_start_matches([' ', '-']);
    let u = if l.starts_with("min") {
        TimeUnit::Minute
    } else if l.starts_with('h') {
        TimeUnit::Hour
    } else if l.starts_with('d') {
        TimeUnit::Day
    } else if l.starts_with('w') {
        TimeUnit::Week
    } else if l.starts_with("mo") {
        TimeUnit::Month
    } else if l.starts_with('f') {
        TimeUnit::Fortnight
    } else if l.starts_with('y') {
        TimeUnit::Year
    } else {
        return None;
    };
    Some(u)
}

/// The unit words of durations written without digits ("seventy-two hours", "a day").
static UNIT_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "hour",
            "day",
            "week",
            "fortnight",
            "month",
            "year",
            "minute",
        ])
        .expect("unit words automaton")
});

static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let w = wseq();
    // "half a day", "half an hour": half of one unit.
    let num = format!(r"(?:{B}{DIG}|{w}|{B}an?{B}|{B}half\s+an?{B})");
    let numr = format!(r"(?:{B}{DIG}|{w})");
    let pat = format!(
        r"(?i)(?:(?:(?P<aw>{w})\s*)?\(\s*(?P<ad>{DIG})\s*\)\s*(?:-\s*)?(?P<au>{UNIT})|{B}(?P<bd>{DIG})\s*\(\s*(?P<bw>{w})\s*\)\s*(?:-\s*)?(?P<bu>{UNIT})|{B}(?P<rd1>{DIG})\s*-\s*(?P<rd2>{DIG})\s*(?:-\s*)?(?P<rdu>{UNIT})|(?P<r1>{numr})\s+(?:to|through)\s+(?P<r2>{numr})\s*(?:-\s*)?(?P<ru>{UNIT})|{B}T\s?\+\s?(?P<td>[0-9]+)(?:\s*(?P<tu>hours?|hrs?|h|days?|d){B})?|{B}(?:(?P<od>[0-9]+)(?:st|nd|rd|th)|(?P<ow>{ORD_WORD}))\s+(?P<ou>(?:(?:business|working|calendar)\s+)?days?{B})|(?P<sn>{num})(?:\s*(?:-\s*)?(?P<su>{UNIT})|(?P<sa>{ABBR})))"
    );
    ascii_regex(&pat).expect("duration regex")
});

regex_groups!(DurationIndices => DurationGroups {
    aw, ad, au, bd, bw, bu, rd1, rd2, rdu, r1, r2, ru, td, tu, od, ow, ou, sn, su, sa,
});

static DURATION_GROUPS: LazyLock<DurationIndices> =
    LazyLock::new(|| DurationIndices::of(&DURATION_RE));

/// Whether `s` is all of [`UNIT`] (before its closing word boundary): "hours", "Business Days",
/// "calendar-month", "hrs", "mos".
fn is_unit(s: &str) -> bool {
    let first_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (first, rest) = s.split_at(first_len);
    let is = |w: &str, words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
    const PLAIN: &[&str] = &[
        "day",
        "days",
        "week",
        "weeks",
        "fortnight",
        "fortnights",
        "month",
        "months",
        "year",
        "years",
    ];
    if rest.is_empty() {
        return is(first, PLAIN)
            || is(
                first,
                &[
                    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "wk", "wks",
                    "yr", "yrs", "mos",
                ],
            );
    }
    let second = rest.trim_start_matches(|c: char| c == '-' || is_pattern_space(c as u8));
    if second.len() == rest.len() || !second.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    (is(first, &["business", "working", "banking"]) && is(second, &["day", "days"]))
        || (is(first, &["business", "working", "clock"]) && is(second, &["hour", "hours"]))
        || (first.eq_ignore_ascii_case("calendar") && is(second, PLAIN))
}

/// The groups of a duration match written as digits and a unit ("72 hours", "1,000 days",
/// "48-hour", "30 calendar days", "72h"), read without the capture engine; `None` for any other
/// shape. Such a match can only come from the pattern's last alternative: every other one needs a
/// parenthesis, a second number, "to"/"through", "T+", an ordinal suffix or an ordinal word (which
/// starts with a letter), and no unit begins with
/// "to", "th", "st", "nd" or "rd". So its groups are the number (`sn`) and the rest (`su`, or
/// `sa` for the abbreviations "h" and "d" written against the digits).
fn digits_then_unit(text: &str, whole: Span) -> Option<DurationGroups> {
    let m = text_of(text, whole).as_bytes();
    let digits = m
        .iter()
        .take_while(|&&b| b.is_ascii_digit() || b == b',' || b == b'.')
        .count();
    let mut unit = digits;
    while m.get(unit).copied().is_some_and(is_pattern_space) {
        unit += 1;
    }
    if m.get(unit) == Some(&b'-') {
        unit += 1;
        while m.get(unit).copied().is_some_and(is_pattern_space) {
            unit += 1;
        }
    }
    let number = std::str::from_utf8(&m[..digits]).ok()?;
    let written = std::str::from_utf8(m.get(unit..)?).ok()?;
    if digits == 0 || !is_digits(number) {
        return None;
    }
    let at = |from: usize, to: usize| Some((whole.0 + from, whole.0 + to));
    let mut groups = DurationGroups {
        whole,
        sn: at(0, digits),
        ..DurationGroups::default()
    };
    if is_unit(written) {
        groups.su = at(unit, m.len());
    } else if unit == digits
        && (written.eq_ignore_ascii_case("h") || written.eq_ignore_ascii_case("d"))
    {
        groups.sa = at(unit, m.len());
    } else {
        return None;
    }
    Some(groups)
}

/// The groups of every [`DURATION_RE`] match in `text`, in order. The common shape is read by
/// [`digits_then_unit`]; any other match runs the capture engine on it.
fn duration_groups(text: &str) -> impl Iterator<Item = DurationGroups> + '_ {
    DURATION_RE.find_iter(text).filter_map(move |m| {
        let whole = (m.start(), m.end());
        digits_then_unit(text, whole).or_else(|| {
            DURATION_RE
                .captures_at(text, m.start())
                .map(|c| DURATION_GROUPS.read(&c))
        })
    })
}

/// After a duration: "a day", "per week" — a rate ("24 hours a day"), not a duration.
static RATE_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^\s*(?:a|per|each|every)\s+(?:day|week|month|year)(?-u:\b)").expect("rate re")
});

/// Words after which a bare number is a reference, not an amount ("Section 72 days" is not a
/// duration of 72 days).
const REF_WORDS: &[&str] = &[
    "section",
    "sections",
    "article",
    "articles",
    "clause",
    "clauses",
    "schedule",
    "annex",
    "exhibit",
    "appendix",
    "paragraph",
    "version",
    "part",
    "chapter",
    "rule",
    "regulation",
    "item",
    "number",
];

/// Words after which "a"/"an" + unit is a duration ("within a day", "for an hour").
const A_WORDS: &[&str] = &[
    "within",
    "than",
    "for",
    "least",
    "of",
    "after",
    "exceed",
    "exceeding",
    "over",
    "following",
    "most",
    "in",
    "about",
    "approximately",
    "up",
    "to",
    "by",
];

fn prev_word(text: &str, start: usize) -> &str {
    let (_, w) = before(text, start, 24);
    let w = w.trim_end();
    match w.rfind(|c: char| !c.is_alphanumeric()) {
        Some(i) => &w[i + 1..],
        None => w,
    }
}

fn prev_char(text: &str, start: usize) -> Option<char> {
    text[..floor_cb(text, start)].chars().next_back()
}

fn build_duration(text: &str, g: &DurationGroups) -> Option<(Span, f64, TimeUnit, bool, bool)> {
    // Returns (span, amount, unit, is_range, words_digits_disagree).
    let (mut start, end) = g.whole;
    let group = |span: Option<Span>| span.map(|s| text_of(text, s));
    if let Some(ad) = g.ad {
        let d = parse_digits(text_of(text, ad))?;
        let unit = unit_of(group(g.au)?)?;
        let mut amount = d;
        let mut disagree = false;
        if let Some(aw) = g.aw {
            match parse_words_suffix(text_of(text, aw)) {
                Some((v, off)) => {
                    start = aw.0 + off;
                    if v != d {
                        disagree = true;
                        amount = v;
                    }
                }
                None => start = floor_cb(text, ad.0.saturating_sub(1)),
            }
        }
        return Some(((start, end), amount, unit, false, disagree));
    }
    if let Some(bd) = g.bd {
        let d = parse_digits(text_of(text, bd))?;
        let unit = unit_of(group(g.bu)?)?;
        let (v, _) = parse_words_suffix(group(g.bw)?)?;
        let disagree = v != d;
        return Some((
            (start, end),
            if disagree { v } else { d },
            unit,
            false,
            disagree,
        ));
    }
    if let Some(r1) = g.rd1 {
        let a = parse_digits(text_of(text, r1))?;
        let b = parse_digits(group(g.rd2)?)?;
        let unit = unit_of(group(g.rdu)?)?;
        return Some(((start, end), a.max(b), unit, true, false));
    }
    if let Some(r1) = g.r1 {
        let r1_text = text_of(text, r1);
        let (a, off) = if r1_text.as_bytes().first()?.is_ascii_digit() {
            (parse_digits(r1_text)?, 0)
        } else {
            parse_words_suffix(r1_text)?
        };
        let r2 = group(g.r2)?;
        let b = if r2.as_bytes().first()?.is_ascii_digit() {
            parse_digits(r2)?
        } else {
            parse_number(r2)?
        };
        let unit = unit_of(group(g.ru)?)?;
        return Some(((r1.0 + off, end), a.max(b), unit, true, false));
    }
    if let Some(td) = g.td {
        let v = parse_digits(text_of(text, td))?;
        let unit = match group(g.tu) {
            Some(u) => unit_of(u)?,
            None => TimeUnit::Hour,
        };
        return Some(((start, end), v, unit, false, false));
    }
    if g.od.is_some() || g.ow.is_some() {
        // "by the 5th Business Day", "not later than the second Business Day". An ordinal in words
        // counts only after "the" ("a second day of testing" is no deadline).
        let v = match (g.od, g.ow) {
            (Some(od), _) => parse_digits(text_of(text, od))?,
            (None, Some(ow)) if prev_word(text, start).eq_ignore_ascii_case("the") => {
                parse_ordinal(text_of(text, ow))?
            }
            _ => return None,
        };
        let unit = unit_of(group(g.ou)?)?;
        if after(text, end, 6)
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("of ")
        {
            return None; // "the 15th day of each month" is a date.
        }
        return Some(((start, end), v, unit, false, false));
    }
    let s = group(g.sn)?;
    let unit = unit_of(group(g.su.or(g.sa))?)?;
    let (v, off) = if s.as_bytes().first()?.is_ascii_digit() {
        // "$72 hours", "Section 72 days", "1.2.3 days".
        if matches!(
            prev_char(text, start),
            Some('$' | '€' | '£' | '¥' | '§' | '.' | ',' | '#')
        ) {
            return None;
        }
        let pw = prev_word(text, start).to_ascii_lowercase();
        if REF_WORDS.contains(&pw.as_str()) {
            return None;
        }
        (parse_digits(s)?, 0)
    } else if s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("an") {
        // "within a day", or a possessive ("a week's notice"); not "24 hours a day".
        let pw = prev_word(text, start).to_ascii_lowercase();
        if !A_WORDS.contains(&pw.as_str()) && !text[end..].starts_with('\'') {
            return None;
        }
        (1.0, 0)
    } else {
        match s.get(..4) {
            Some(h) if h.eq_ignore_ascii_case("half") => (0.5, 0),
            _ => parse_words_suffix(s)?,
        }
    };
    Some(((start + off, end), v, unit, false, false))
}

/// Every duration in the text, in order: "72 hours", "72 hrs", "72h", "48-hour",
/// "seventy-two (72) hours", "twenty four hours", "two (2) Business Days", "5 working days",
/// "one (1) calendar month", "thirty (30) calendar days", "24-48 hours", "24 to 48 hours",
/// "three months", "1 year", "ninety (90) days", "T+24" (hours), "30d", "by the 5th Business Day",
/// "not later than the second Business Day" (96 h), "within a fortnight" (336 h), "half a day"
/// (12 h), "a week's notice".
/// Not durations: "Section 72", "$72", "72%", "version 1.2", "Article 28", rates ("24 hours a day").
pub fn find_durations(text: &str) -> Vec<DurationMatch> {
    let mut out = Vec::new();
    // Every duration has a digit or a unit word; most sentences have neither.
    if !text.bytes().any(|b| b.is_ascii_digit()) && !UNIT_WORDS.is_match(text) {
        return out;
    }
    for groups in duration_groups(text) {
        let Some((span, amount, unit, is_range, disagree)) = build_duration(text, &groups) else {
            continue;
        };
        if RATE_AFTER_RE.is_match(after(text, span.1, 16)) {
            continue;
        }
        let hours = unit.to_hours(amount);
        out.push(DurationMatch {
            span,
            amount,
            unit,
            hours,
            is_range,
            words_digits_disagree: disagree,
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Max,
    Min,
    None,
}

static BOUND_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?P<min>(?:not|no)\s+(?:less|fewer|sooner|earlier)\s+than|at\s+least|(?:a\s+)?minimum(?:\s+of)?|at\s+a\s+minimum|(?:more|greater|longer)\s+than|in\s+excess\s+of)|(?P<max>(?:won't|won’t|will\s+not|shall\s+not|must\s+not|does\s+not|never)\s+(?:take|last|exceed|run)\s+(?:more|longer)\s+than|within|in\s+no\s+(?:event|case)\s+(?:(?:not|no)\s+)?later\s+than|(?:by\s+|and\s+|but\s+)?(?:not|no)\s+later\s+than|not\s+to\s+exceed|not\s+exceeding|up\s+to|(?:not|no)\s+(?:more|longer|greater)\s+than|(?:a\s+)?maximum(?:\s+of)?|at\s+(?:the\s+)?most|(?:less|fewer|shorter)\s+than|by\s+the\s+end\s+of|before\s+the\s+end\s+of|before\s+the\s+expiry\s+of))(?-u:\b)",
    )
    .expect("bound before re")
});

static BOUND_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(?:'s?)?\s*,?\s*(?:(?P<max>at\s+the\s+latest|or\s+(?:less|fewer|sooner|earlier)|maximum|max(?-u:\b))|(?P<min>in\s+advance|prior|advance|beforehand|before|or\s+(?:more|longer|greater)|(?:written\s+)?notice|minimum))(?-u:\b)",
    )
    .expect("bound after re")
});

/// The bound word around a duration: before it (within three words, same clause): "within",
/// "no later than", "not later than", "in no event later than", "by no later than", "not to exceed",
/// "up to", "no more than" → Max; "at least", "not less than", "no less than", "no fewer than",
/// "minimum of" → Min. If none before, after it: "at the latest", "or less" → Max; "in advance",
/// "prior", "before", "notice" ("30 days' prior written notice"), "or more" → Min.
pub fn bound_of(text: &str, d: &DurationMatch) -> Bound {
    let (_, w) = before(text, d.span.0, 96);
    let w = &w[after_last_break(w)..];
    if let Some(c) = BOUND_BEFORE_RE.captures_iter(w).last() {
        if let Some(m) = c.get(0) {
            let gap = &w[m.end()..];
            if !gap.contains([',', ':']) && word_count(gap) <= 3 {
                return if c.name("max").is_some() {
                    Bound::Max
                } else {
                    Bound::Min
                };
            }
        }
    }
    if let Some(c) = BOUND_AFTER_RE.captures(after(text, d.span.1, 48)) {
        return if c.name("max").is_some() {
            Bound::Max
        } else {
            Bound::Min
        };
    }
    Bound::None
}

static SOFT_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?:where|when|if|as\s+far\s+as|to\s+the\s+extent)\s+(?:reasonably\s+|commercially\s+|technically\s+)?(?:possible|practicable|practical|feasible)|(?:target(?:s|ed|ing)?|goal|objective|aim(?:s|ing)?|ideally|endeavou?rs?|strives?|seeks?|try|tries|intends?|typically|normally|generally(?:\s+accepted)?|usually|expected|estimated|anticipated|approximately|roughly|if\s+able)(?-u:\b))",
    )
    .expect("soft before re")
});

static HARD_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?:but|and|however|provided\s+that)\s*,?\s*(?:in\s+any\s+(?:event|case)\s*,?\s*)?(?:(?:no|not)\s+later\s+than|within)|in\s+any\s+(?:event|case)|in\s+no\s+(?:event|case)|in\s+all\s+(?:events|cases)|at\s+the\s+latest|regardless|in\s+every\s+case)(?-u:\b)",
    )
    .expect("hard re")
});

static SOFT_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:or\s+such\s+(?:longer|other|further|extended|additional|later)\s+(?:period|time)|or\s+as\s+soon\s+(?:as\s+)?(?:reasonably\s+)?(?:possible|practicable|practical|feasible)|or\s+(?:a\s+)?(?:longer|later)(?:\s+(?:period|time))?|(?:where|when|if|to\s+the\s+extent|as\s+far\s+as)\s+(?:reasonably\s+|commercially\s+|technically\s+)?(?:possible|practicable|practical|feasible)|unless\s+(?:otherwise\s+)?(?:impracticable|not\s+(?:feasible|practicable|possible)|impossible)|(?:as\s+a\s+)?target|(?:on\s+a\s+)?(?:best|reasonable)[\s-]efforts?(?:\s+basis)?|approximately)(?-u:\b)",
    )
    .expect("soft after re")
});

/// Words that end the stretch after a duration in which a soft qualifier still governs it.
const SOFT_GAP_STOPS: &[&str] = &[
    "and", "shall", "will", "must", "but", "which", "that", "provided", "then",
];

/// True when the duration is qualified so that it is not a hard deadline: "where possible within
/// 72 hours", "(where practicable, within 72 hours)", "target of 72 hours", "aim to ... within",
/// "ideally within", "or such longer period as is reasonable", "if feasible". Looks at up to ten
/// words before it in the same clause, and the few words right after it. A hard cap after the
/// qualifier ("when feasible, but no later than 72 hours", "promptly, and in any event within
/// 48 hours") is not soft.
pub fn is_soft_cap(text: &str, d: &DurationMatch) -> bool {
    let (_, w) = before(text, d.span.0, 160);
    let w = &w[after_last_break(w)..];
    let w = &w[last_words_start(w, 10)..];
    if let Some(m) = SOFT_BEFORE_RE
        .find_iter(w)
        .filter(|m| !m.as_str().to_ascii_lowercase().ends_with("accepted"))
        .last()
    {
        if !HARD_RE.is_match(&w[m.end()..]) {
            return true;
        }
    }
    let a = after(text, d.span.1, 96);
    let a = &a[..first_break(a)];
    if let Some(m) = SOFT_AFTER_RE.find(a) {
        let gap = &a[..m.start()];
        let stopped = gap
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|t| SOFT_GAP_STOPS.iter().any(|s| t.eq_ignore_ascii_case(s)));
        if !stopped && word_count(gap) <= 4 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{agree_with_the_capture_engine, labeled_texts};
    use super::*;

    fn durs(text: &str) -> Vec<(String, f64, f64)> {
        find_durations(text)
            .into_iter()
            .map(|d| (text[d.span.0..d.span.1].to_string(), d.amount, d.hours))
            .collect()
    }

    fn one(text: &str) -> DurationMatch {
        let v = find_durations(text);
        assert_eq!(v.len(), 1, "{text:?} → {v:?}");
        v[0].clone()
    }

    /// Numbers, separators and units in every combination, with text around them: the shapes
    /// the shortcut reads and the near misses it must leave to the capture engine.
    fn duration_shapes() -> Vec<String> {
        let numbers = [
            "72",
            "1,000",
            "1,00",
            "10,000.5",
            "99.9",
            "7.",
            "1.2.3",
            "0",
            "seventy-two",
            "a",
            "an",
            "(72)",
            "two (2)",
            "2 (two)",
            "24-48",
            "24 to 48",
            "5th",
            "T+24",
            "T + 2",
            "half a",
            "second",
        ];
        let separators = ["", " ", "-", " - ", "  ", "\t", "\n", "- "];
        let units = [
            "hours",
            "Hours",
            "HRS",
            "hr",
            "h",
            "H",
            "d",
            "days",
            "Day",
            "business days",
            "Business-Days",
            "banking  day",
            "working hours",
            "clock hours",
            "calendar  months",
            "Calendar-Year",
            "mos",
            "wks",
            "wk",
            "yr",
            "min",
            "minutes",
            "hourly",
            "dayz",
            "th day",
            "to 5 days",
            "business",
            "calendar",
            "weeks",
            "month",
            "fortnight",
            "Fortnights",
        ];
        let around = [
            ("", ""),
            ("within ", "."),
            ("Section ", ""),
            ("$", " of"),
            ("", " a day"),
            ("by the ", "'s notice"),
        ];
        let mut texts = Vec::new();
        for n in numbers {
            for sep in separators {
                for u in units {
                    for (before, after) in around {
                        texts.push(format!("{before}{n}{sep}{u}{after}"));
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn duration_groups_agree_with_the_capture_engine() {
        let mut texts = labeled_texts();
        texts.extend(duration_shapes());
        agree_with_the_capture_engine(
            &texts,
            &DURATION_RE,
            |c| DURATION_GROUPS.read(c),
            |text| duration_groups(text).collect(),
            |text, g: &DurationGroups| digits_then_unit(text, g.whole).is_some(),
            (2_001, 2_001),
        );
    }

    #[test]
    fn digits_then_unit_reads_only_its_shape() {
        let groups = |t: &str| digits_then_unit(t, (0, t.len()));
        let g = groups("1,000 business days").unwrap();
        assert_eq!((g.sn, g.su, g.sa), (Some((0, 5)), Some((6, 19)), None));
        let g = groups("72h").unwrap();
        assert_eq!((g.sn, g.su, g.sa), (Some((0, 2)), None, Some((2, 3))));
        let g = groups("48 - Hours").unwrap();
        assert_eq!((g.sn, g.su), (Some((0, 2)), Some((5, 10))));
        for other in [
            "seventy-two (72) hours",
            "72 (seventy-two) hours",
            "24-48 hours",
            "5th business day",
            "T+24",
            "1,00 days",
            "72 h",
            "72 dayz",
            "a day",
        ] {
            assert_eq!(groups(other), None, "{other}");
        }
        assert!(is_unit("Business - Days") && is_unit("mos") && is_unit("calendar\tweek"));
        assert!(!is_unit("calendar") && !is_unit("business weeks") && !is_unit("days ago"));
    }

    #[test]
    fn quantity_durations_table() {
        use TimeUnit::*;
        // (text, matched span, amount, unit, hours, is_range)
        let cases: &[(&str, &str, f64, TimeUnit, f64, bool)] = &[
            ("within 72 hours", "72 hours", 72.0, Hour, 72.0, false),
            ("within 72 hrs of", "72 hrs", 72.0, Hour, 72.0, false),
            ("24 hrs. after", "24 hrs", 24.0, Hour, 24.0, false),
            ("within 72h", "72h", 72.0, Hour, 72.0, false),
            ("a 48-hour period", "48-hour", 48.0, Hour, 48.0, false),
            ("a 72-hour window", "72-hour", 72.0, Hour, 72.0, false),
            (
                "within seventy-two (72) hours after",
                "seventy-two (72) hours",
                72.0,
                Hour,
                72.0,
                false,
            ),
            (
                "twenty-four (24) hours",
                "twenty-four (24) hours",
                24.0,
                Hour,
                24.0,
                false,
            ),
            (
                "within twenty four hours",
                "twenty four hours",
                24.0,
                Hour,
                24.0,
                false,
            ),
            (
                "within seventy two hours",
                "seventy two hours",
                72.0,
                Hour,
                72.0,
                false,
            ),
            (
                "two (2) Business Days",
                "two (2) Business Days",
                2.0,
                BusinessDay,
                96.0,
                false,
            ),
            (
                "2 Business Days",
                "2 Business Days",
                2.0,
                BusinessDay,
                96.0,
                false,
            ),
            (
                "1 business day",
                "1 business day",
                1.0,
                BusinessDay,
                72.0,
                false,
            ),
            (
                "3 business days",
                "3 business days",
                3.0,
                BusinessDay,
                120.0,
                false,
            ),
            (
                "5 working days",
                "5 working days",
                5.0,
                BusinessDay,
                168.0,
                false,
            ),
            (
                "10 business days",
                "10 business days",
                10.0,
                BusinessDay,
                336.0,
                false,
            ),
            (
                "one (1) calendar month",
                "one (1) calendar month",
                1.0,
                Month,
                744.0,
                false,
            ),
            ("one (1) month", "one (1) month", 1.0, Month, 744.0, false),
            (
                "thirty (30) calendar days",
                "thirty (30) calendar days",
                30.0,
                Day,
                720.0,
                false,
            ),
            ("30 days", "30 days", 30.0, Day, 720.0, false),
            (
                "ninety (90) days",
                "ninety (90) days",
                90.0,
                Day,
                2160.0,
                false,
            ),
            ("within 24-48 hours", "24-48 hours", 48.0, Hour, 48.0, true),
            (
                "within 24 to 48 hours",
                "24 to 48 hours",
                48.0,
                Hour,
                48.0,
                true,
            ),
            (
                "two to three days",
                "two to three days",
                3.0,
                Day,
                72.0,
                true,
            ),
            (
                "for three months",
                "three months",
                3.0,
                Month,
                2232.0,
                false,
            ),
            ("for 1 year", "1 year", 1.0, Year, 8928.0, false),
            (
                "three (3) years",
                "three (3) years",
                3.0,
                Year,
                26784.0,
                false,
            ),
            ("restore by T+24", "T+24", 24.0, Hour, 24.0, false),
            ("retain for 30d", "30d", 30.0, Day, 720.0, false),
            ("within 2 weeks", "2 weeks", 2.0, Week, 336.0, false),
            ("within 15 minutes", "15 minutes", 15.0, Minute, 0.25, false),
            (
                "one hundred and twenty (120) days",
                "one hundred and twenty (120) days",
                120.0,
                Day,
                2880.0,
                false,
            ),
            (
                "one hundred twenty days",
                "one hundred twenty days",
                120.0,
                Day,
                2880.0,
                false,
            ),
            ("1,000 days", "1,000 days", 1000.0, Day, 24000.0, false),
            ("within (72) hours", "(72) hours", 72.0, Hour, 72.0, false),
            (
                "72 (seventy-two) hours",
                "72 (seventy-two) hours",
                72.0,
                Hour,
                72.0,
                false,
            ),
            ("fourteen days", "fourteen days", 14.0, Day, 336.0, false),
            ("within an hour", "an hour", 1.0, Hour, 1.0, false),
            (
                "no later than 5 days after",
                "5 days",
                5.0,
                Day,
                120.0,
                false,
            ),
            (
                "by the 5th Business Day",
                "5th Business Day",
                5.0,
                BusinessDay,
                168.0,
                false,
            ),
            ("RTO of 4 hours", "4 hours", 4.0, Hour, 4.0, false),
            ("1.5 hours", "1.5 hours", 1.5, Hour, 1.5, false),
            (
                "SEVENTY-TWO (72) HOURS",
                "SEVENTY-TWO (72) HOURS",
                72.0,
                Hour,
                72.0,
                false,
            ),
            (
                "thirty (30) days' prior written notice",
                "thirty (30) days",
                30.0,
                Day,
                720.0,
                false,
            ),
        ];
        for (text, span, amount, unit, hours, range) in cases {
            let d = one(text);
            assert_eq!(&text[d.span.0..d.span.1], *span, "{text}");
            assert_eq!(d.amount, *amount, "{text}");
            assert_eq!(&d.unit, unit, "{text}");
            assert!(
                (d.hours - hours).abs() < 1e-9,
                "{text}: {} vs {hours}",
                d.hours
            );
            assert_eq!(d.is_range, *range, "{text}");
            assert!(!d.words_digits_disagree, "{text}");
        }
    }

    #[test]
    fn quantity_not_durations() {
        for text in [
            "Section 72",
            "$72",
            "72%",
            "version 1.2",
            "Article 28",
            "Article 28 of the GDPR",
            "available 24 hours a day, 7 days a week",
            "the 15th day of each month",
            "a day",
            "one of the parties",
            "Section 72 hours",
            "AES-256",
        ] {
            assert!(
                find_durations(text).is_empty(),
                "{text}: {:?}",
                find_durations(text)
            );
        }
    }

    #[test]
    fn quantity_durations_multi() {
        let t = "within 24 hours and in any event no later than 72 hours";
        let v = durs(t);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0, "24 hours");
        assert_eq!(v[1].0, "72 hours");
        let v = durs("Section 12.3 within 5 days");
        assert_eq!(v, vec![("5 days".to_string(), 5.0, 120.0)]);
        let v = durs("uptime of 99.9% and a response within 4 hours");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "4 hours");
        // Ill-formed word run: only the well-formed tail counts.
        let v = durs("one two hours");
        assert_eq!(v, vec![("two hours".to_string(), 2.0, 2.0)]);
    }

    #[test]
    fn quantity_words_digits_disagree() {
        let d = one("seventy-two (48) hours");
        assert!(d.words_digits_disagree);
        assert_eq!(d.amount, 72.0, "words govern");
        assert!(!one("seventy-two (72) hours").words_digits_disagree);
        assert!(one("48 (seventy-two) hours").words_digits_disagree);
    }

    #[test]
    fn quantity_bound_table() {
        let cases: &[(&str, Bound)] = &[
            ("Supplier shall notify within 72 hours", Bound::Max),
            ("no later than 72 hours after", Bound::Max),
            ("not later than seventy-two (72) hours", Bound::Max),
            ("in no event later than 48 hours", Bound::Max),
            ("by no later than 5 business days", Bound::Max),
            ("a period not to exceed 30 days", Bound::Max),
            ("up to 30 days' notice", Bound::Max),
            ("within a period of 30 days", Bound::Max),
            ("no more than 24 hours", Bound::Max),
            ("we won't take more than 72 hours to tell you", Bound::Max),
            ("it shall not take longer than 48 hours", Bound::Max),
            ("72 hours at the latest", Bound::Max),
            ("at least 30 days", Bound::Min),
            ("not less than thirty (30) days", Bound::Min),
            ("no less than 90 days", Bound::Min),
            ("no fewer than 10 business days", Bound::Min),
            ("a minimum of 12 months", Bound::Min),
            ("upon thirty (30) days' prior written notice", Bound::Min),
            ("30 days in advance", Bound::Min),
            ("retained for 90 days", Bound::None),
            ("RTO of 4 hours", Bound::None),
            ("within the Term, 30 days", Bound::None),
        ];
        for (text, want) in cases {
            let d = find_durations(text);
            let d = d.last().expect(text);
            assert_eq!(bound_of(text, d), *want, "{text}");
        }
        // Two durations, each with its own bound word.
        let t = "within 24 hours and in any event no later than 72 hours";
        let v = find_durations(t);
        assert_eq!(bound_of(t, &v[0]), Bound::Max);
        assert_eq!(bound_of(t, &v[1]), Bound::Max);
        let t = "at least 30 days before, and within 5 days after";
        let v = find_durations(t);
        assert_eq!(bound_of(t, &v[0]), Bound::Min);
        assert_eq!(bound_of(t, &v[1]), Bound::Max);
    }

    #[test]
    fn quantity_soft_cap_table() {
        let cases: &[(&str, bool)] = &[
            (
                "Supplier shall notify Customer where possible within 72 hours.",
                true,
            ),
            ("promptly (where practicable, within 72 hours)", true),
            ("promptly (and where possible within 72 hours)", true),
            ("with a target of 72 hours", true),
            ("Supplier aims to notify Customer within 72 hours", true),
            ("Supplier will ideally notify within 24 hours", true),
            (
                "within 72 hours, or such longer period as is reasonable",
                true,
            ),
            ("within 72 hours if feasible", true),
            ("within 72 hours of discovery where practicable", true),
            ("Supplier will typically respond within 4 hours", true),
            (
                "without undue delay when feasible, but no later than 72 hours",
                false,
            ),
            ("promptly, and in any event within 48 hours", false),
            ("Supplier shall notify Customer within 72 hours", false),
            ("within 72 hours after becoming aware", false),
            (
                "Where possible, Supplier will encrypt data. Supplier shall notify within 72 hours",
                false,
            ),
            (
                "within 72 hours and shall, where possible, provide a report",
                false,
            ),
            (
                "using generally accepted standards, notify within 72 hours",
                false,
            ),
            ("Supplier generally notifies within 72 hours", true),
        ];
        for (text, want) in cases {
            let d = find_durations(text);
            let d = d.last().expect(text);
            assert_eq!(is_soft_cap(text, d), *want, "{text}");
        }
        let t = "where possible within 24 hours, and in any event within 72 hours";
        let v = find_durations(t);
        assert!(is_soft_cap(t, &v[0]));
        assert!(!is_soft_cap(t, &v[1]));
    }

    #[test]
    fn durations_in_unusual_words() {
        use TimeUnit::*;
        // (text, matched span, unit, hours)
        let cases: &[(&str, &str, TimeUnit, f64)] = &[
            // A fortnight is two weeks.
            ("within a fortnight", "a fortnight", Fortnight, 336.0),
            ("on a fortnight's notice", "a fortnight", Fortnight, 336.0),
            ("within two fortnights", "two fortnights", Fortnight, 672.0),
            ("one (1) fortnight", "one (1) fortnight", Fortnight, 336.0),
            ("2 fortnights", "2 fortnights", Fortnight, 672.0),
            ("two weeks", "two weeks", Week, 336.0),
            ("within two (2) weeks", "two (2) weeks", Week, 336.0),
            // Half a unit.
            ("half a day", "half a day", Day, 12.0),
            ("within half an hour", "half an hour", Hour, 0.5),
            ("on half a day's notice", "half a day", Day, 12.0),
            ("half a week", "half a week", Week, 84.0),
            // N business days = N + 2·⌈N/5⌉ calendar days, in words or digits.
            ("one business day", "one business day", BusinessDay, 72.0),
            ("1 working day", "1 working day", BusinessDay, 72.0),
            (
                "two (2) business days",
                "two (2) business days",
                BusinessDay,
                96.0,
            ),
            (
                "five Business Days",
                "five Business Days",
                BusinessDay,
                168.0,
            ),
            (
                "ten (10) Business Days",
                "ten (10) Business Days",
                BusinessDay,
                336.0,
            ),
            // "the Nth day": ordinals in words as in digits.
            (
                "not later than the second Business Day",
                "second Business Day",
                BusinessDay,
                96.0,
            ),
            (
                "by the 2nd Business Day",
                "2nd Business Day",
                BusinessDay,
                96.0,
            ),
            (
                "by the third business day after receipt",
                "third business day",
                BusinessDay,
                120.0,
            ),
            (
                "on the fifth Business Day",
                "fifth Business Day",
                BusinessDay,
                168.0,
            ),
            (
                "by the tenth working day",
                "tenth working day",
                BusinessDay,
                336.0,
            ),
            ("by the second day", "second day", Day, 48.0),
            (
                "by the seventh calendar day",
                "seventh calendar day",
                Day,
                168.0,
            ),
            // Plain words.
            ("three days", "three days", Day, 72.0),
            (
                "three (3) calendar days",
                "three (3) calendar days",
                Day,
                72.0,
            ),
            ("within a week", "a week", Week, 168.0),
            ("for a week", "a week", Week, 168.0),
            ("upon a week's notice", "a week", Week, 168.0),
            ("an hour's notice", "an hour", Hour, 1.0),
            ("forty-eight hours", "forty-eight hours", Hour, 48.0),
            (
                "forty eight (48) hours",
                "forty eight (48) hours",
                Hour,
                48.0,
            ),
            (
                "seventy-two (72) hours",
                "seventy-two (72) hours",
                Hour,
                72.0,
            ),
        ];
        for (text, span, unit, hours) in cases {
            let d = one(text);
            assert_eq!(&text[d.span.0..d.span.1], *span, "{text}");
            assert_eq!(&d.unit, unit, "{text}");
            assert!(
                (d.hours - hours).abs() < 1e-9,
                "{text}: {} h, not {hours}",
                d.hours
            );
        }
        let t = "not later than the second Business Day";
        assert_eq!(bound_of(t, &one(t)), Bound::Max);
        for text in [
            "a day",
            "a week",
            "24 hours a day, 7 days a week",
            "half a dozen",
            "on the second day of each month",
            "from the first day of the Term",
            "a second day of testing",
        ] {
            assert!(find_durations(text).is_empty(), "{text}: {:?}", durs(text));
        }
    }
}
