//! Parameter parsers: the numbers in contract text and what they mean.
//!
//! This module owns the extraction and normalisation of every quantity the clause rules compare
//! against thresholds (spec Part E, Part D §3-4, Clarification 10):
//!
//! - durations ("seventy-two (72) hours", "2 Business Days", "24-48 hours", "T+24", "30d") normalised
//!   to hours, with the bound word before them ([`bound_of`]), soft-cap qualifiers ([`is_soft_cap`])
//!   and the event the clock runs from ([`clock_start`]);
//! - numbers in words or digits ([`parse_number`]);
//! - frequencies as an interval in months ([`find_frequencies`]);
//! - TLS/SSL versions, AES key lengths, weak ciphers and FIPS 140 mentions;
//! - template placeholders ("[__]", "{Notice Period}", "TBD");
//! - money amounts and fee-linked liability caps; percentages.
//!
//! Input is text already normalised by [`crate::text`] (straight quotes, "-" hyphens, single spaces,
//! NFKC). Matching is case-insensitive. Every regex is compiled once, in a `LazyLock` static.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A span of bytes in the input text.
pub type Span = (usize, usize);

// ---------------------------------------------------------------------------------------------
// Shared regex fragments
// ---------------------------------------------------------------------------------------------

/// ASCII word boundary (keeps the lazy DFA usable on non-ASCII text).
const B: &str = r"(?-u:\b)";

/// Digits, with optional thousands separators and decimals: "72", "1,000", "99.9".
const DIG: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// One number word (each followed by an ASCII word boundary).
const WORD: &str = r"(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?-u:\b)";

/// A run of number words: "seventy-two", "twenty four", "one hundred and twenty".
fn wseq() -> String {
    format!(r"(?:{B}{WORD}(?:(?:\s+|-)(?:and\s+)?{WORD})*)")
}

/// The unit of a duration. Ends on a word boundary.
const UNIT: &str = r"(?:(?:business|working|banking)[\s-]+days?|(?:business|working|clock)[\s-]+hours?|(?:calendar[\s-]+)?(?:days?|weeks?|months?|years?)|hours?|hrs?|minutes?|mins?|wks?|yrs?|mos)(?-u:\b)";

/// Unit abbreviations that must be attached to the digits: "72h", "30d", "24hrs".
const ABBR: &str = r"(?:hrs?|h|d|wks?|yrs?|mins?)(?-u:\b)";

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

fn floor_cb(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_cb(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` bytes of `text` before `end` (on a char boundary), and the offset where it starts.
fn before(text: &str, end: usize, n: usize) -> (usize, &str) {
    let end = floor_cb(text, end);
    let from = ceil_cb(text, end.saturating_sub(n)).min(end);
    (from, &text[from..end])
}

/// Up to `n` bytes of `text` from `start` (on a char boundary).
fn after(text: &str, start: usize, n: usize) -> &str {
    let start = floor_cb(text, start);
    let to = floor_cb(text, start.saturating_add(n)).max(start);
    &text[start..to]
}

/// Byte index just after the last clause break (". ", ";", newline, "!", "?") in `s`, or 0.
fn after_last_break(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b';' | b'\n' | b'!' | b'?' => return i + 1,
            b'.' if b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => {
                // "e.g. " and "i.e. " are not sentence ends.
                let prev = &s[..i];
                if prev.ends_with("e.g") || prev.ends_with("i.e") || prev.ends_with("No") {
                    continue;
                }
                return i + 1;
            }
            _ => {}
        }
    }
    0
}

/// Byte index of the first clause break in `s`, or its length.
fn first_break(s: &str) -> usize {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b';' | b'\n' | b'!' | b'?' => return i,
            b'.' if b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => {
                let prev = &s[..i];
                if prev.ends_with("e.g") || prev.ends_with("i.e") {
                    continue;
                }
                return i;
            }
            _ => {}
        }
    }
    b.len()
}

/// The last `n` words of `s` (the suffix starting at that word), as a byte offset into `s`.
fn last_words_start(s: &str, n: usize) -> usize {
    let b = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = b.len();
    while i > 0 {
        let c = b[i - 1];
        let ws = c.is_ascii_whitespace();
        if !ws && !in_word {
            in_word = true;
        } else if ws && in_word {
            in_word = false;
            words += 1;
            if words == n {
                return i;
            }
        }
        i -= 1;
    }
    0
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn span_of(c: &Captures, name: &str) -> Option<Span> {
    c.name(name).map(|m| (m.start(), m.end()))
}

/// The text of `span` (empty if it is not a span of `text`).
fn text_of(text: &str, span: Span) -> &str {
    text.get(span.0..span.1).unwrap_or_default()
}

/// The index of the group named `name` in `re`. The names are the pattern's own, so a missing one
/// is a programming error, caught when the pattern is first used (every pattern has tests).
fn group_index(re: &Regex, name: &str) -> usize {
    re.capture_names()
        .position(|n| n == Some(name))
        .unwrap_or_else(|| panic!("no group named {name} in {}", re.as_str()))
}

/// Declares the named groups of a pattern: `$indices` holds each group's index, looked up once, and
/// `$groups` the spans of one match's groups, read by index instead of by a name lookup per group.
macro_rules! regex_groups {
    ($indices:ident => $groups:ident { $($group:ident),* $(,)? }) => {
        struct $indices {
            $($group: usize),*
        }

        /// The spans of one match's groups; `whole` is the match.
        #[derive(Debug, Default, Clone, PartialEq)]
        struct $groups {
            whole: Span,
            $($group: Option<Span>),*
        }

        impl $indices {
            fn of(re: &Regex) -> Self {
                Self {
                    $($group: group_index(re, stringify!($group))),*
                }
            }

            fn read(&self, c: &Captures) -> $groups {
                let span = |i: usize| c.get(i).map(|m| (m.start(), m.end()));
                $groups {
                    whole: span(0).unwrap_or_default(),
                    $($group: span(self.$group)),*
                }
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Start,
    Ones,
    Teen,
    Tens,
    Hundred,
    Scale,
}

fn word_value(w: &str) -> Option<(f64, Tok)> {
    let lower = w.to_ascii_lowercase();
    let v = match lower.as_str() {
        "zero" => (0.0, Tok::Ones),
        "one" => (1.0, Tok::Ones),
        "two" => (2.0, Tok::Ones),
        "three" => (3.0, Tok::Ones),
        "four" => (4.0, Tok::Ones),
        "five" => (5.0, Tok::Ones),
        "six" => (6.0, Tok::Ones),
        "seven" => (7.0, Tok::Ones),
        "eight" => (8.0, Tok::Ones),
        "nine" => (9.0, Tok::Ones),
        "ten" => (10.0, Tok::Teen),
        "eleven" => (11.0, Tok::Teen),
        "twelve" => (12.0, Tok::Teen),
        "thirteen" => (13.0, Tok::Teen),
        "fourteen" => (14.0, Tok::Teen),
        "fifteen" => (15.0, Tok::Teen),
        "sixteen" => (16.0, Tok::Teen),
        "seventeen" => (17.0, Tok::Teen),
        "eighteen" => (18.0, Tok::Teen),
        "nineteen" => (19.0, Tok::Teen),
        "twenty" => (20.0, Tok::Tens),
        "thirty" => (30.0, Tok::Tens),
        "forty" | "fourty" => (40.0, Tok::Tens),
        "fifty" => (50.0, Tok::Tens),
        "sixty" => (60.0, Tok::Tens),
        "seventy" => (70.0, Tok::Tens),
        "eighty" => (80.0, Tok::Tens),
        "ninety" => (90.0, Tok::Tens),
        "hundred" => (100.0, Tok::Hundred),
        "thousand" => (1e3, Tok::Scale),
        "million" => (1e6, Tok::Scale),
        "billion" => (1e9, Tok::Scale),
        _ => return None,
    };
    Some(v)
}

fn parse_digits(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return None;
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
    {
        return None;
    }
    if t.contains(',') {
        // Thousands separators: groups of three after the first.
        let int_part = t.split('.').next().unwrap_or("");
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    t.replace(',', "").parse::<f64>().ok()
}

/// Parses a number in words or digits: "seventy-two", "seventy two", "one hundred and twenty",
/// "twelve", "72", "1,000", "99.9"; "a"/"an" → 1. Returns `None` for anything else, including
/// ill-formed word sequences ("two three", "twenty and five").
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if t.as_bytes()[0].is_ascii_digit() {
        return parse_digits(t);
    }
    if t.eq_ignore_ascii_case("a") || t.eq_ignore_ascii_case("an") {
        return Some(1.0);
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Tok::Start;
    let mut pending_and = false;
    let mut any = false;
    for w in t.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        if w.eq_ignore_ascii_case("and") {
            if !matches!(last, Tok::Hundred | Tok::Scale) || pending_and {
                return None;
            }
            pending_and = true;
            continue;
        }
        let (v, kind) = word_value(w)?;
        match kind {
            Tok::Ones => {
                if matches!(last, Tok::Ones | Tok::Teen) || (last == Tok::Tens && v == 0.0) {
                    return None;
                }
                current += v;
            }
            Tok::Teen | Tok::Tens => {
                if matches!(last, Tok::Ones | Tok::Teen | Tok::Tens) {
                    return None;
                }
                current += v;
            }
            Tok::Hundred => {
                if matches!(last, Tok::Hundred) || current >= 100.0 {
                    return None;
                }
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
            }
            Tok::Scale => {
                if last == Tok::Scale {
                    return None;
                }
                let c = if current == 0.0 { 1.0 } else { current };
                total += c * v;
                current = 0.0;
            }
            Tok::Start => {}
        }
        pending_and = false;
        last = kind;
        any = true;
    }
    if !any || pending_and {
        return None;
    }
    Some(total + current)
}

/// Parses a word sequence matched greedily by the regex; if the whole run is ill-formed, drops
/// words from the front until the rest parses ("one two" → "two"). Returns the value and the byte
/// offset (within `s`) where the parsed part starts.
fn parse_words_suffix(s: &str) -> Option<(f64, usize)> {
    if let Some(v) = parse_number(s) {
        return Some((v, 0));
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'-' {
            let rest = &s[i + 1..];
            let first = rest.split([' ', '-']).next().unwrap_or("");
            if !first.eq_ignore_ascii_case("and") {
                if let Some(v) = parse_number(rest) {
                    return Some((v, i + 1));
                }
            }
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub enum TimeUnit {
    Hour,
    Day,
    BusinessDay,
    Week,
    Month,
    Year,
    Minute,
}

impl TimeUnit {
    /// Hours in `amount` of this unit: hour 1, minute 1/60, day 24, business day per
    /// Clarification 10 (N + 2·⌈N/5⌉ calendar days), week 168, month 31 days, year 12 months.
    pub fn to_hours(&self, amount: f64) -> f64 {
        match self {
            TimeUnit::Minute => amount / 60.0,
            TimeUnit::Hour => amount,
            TimeUnit::Day => amount * 24.0,
            TimeUnit::BusinessDay => (amount + 2.0 * (amount / 5.0).ceil()) * 24.0,
            TimeUnit::Week => amount * 168.0,
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
        .build(["hour", "day", "week", "month", "year", "minute"])
        .expect("unit words automaton")
});

/// Compiles a pattern with Unicode off: `\w`, `\s` and case folding are ASCII, which keeps the
/// lazy DFAs small (Unicode `\w*` under `(?i)` made them rebuild states constantly). Normalised text
/// has only ASCII white space, and the words these patterns name are English; where a pattern skips
/// arbitrary words ("upon Société becoming aware"), it lets any non-ASCII character be part of a word: `(?:[\w']|(?u:[^\x00-\x7F]))`. The
/// money and placeholder patterns keep Unicode throughout (currency signs, negated classes).
fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).unicode(false).build()
}

static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let w = wseq();
    let num = format!(r"(?:{B}{DIG}|{w}|{B}an?{B})");
    let numr = format!(r"(?:{B}{DIG}|{w})");
    let pat = format!(
        r"(?i)(?:(?:(?P<aw>{w})\s*)?\(\s*(?P<ad>{DIG})\s*\)\s*(?:-\s*)?(?P<au>{UNIT})|{B}(?P<bd>{DIG})\s*\(\s*(?P<bw>{w})\s*\)\s*(?:-\s*)?(?P<bu>{UNIT})|{B}(?P<rd1>{DIG})\s*-\s*(?P<rd2>{DIG})\s*(?:-\s*)?(?P<rdu>{UNIT})|(?P<r1>{numr})\s+(?:to|through)\s+(?P<r2>{numr})\s*(?:-\s*)?(?P<ru>{UNIT})|{B}T\s?\+\s?(?P<td>[0-9]+)(?:\s*(?P<tu>hours?|hrs?|h|days?|d){B})?|{B}(?P<od>[0-9]+)(?:st|nd|rd|th)\s+(?P<ou>(?:(?:business|working|calendar)\s+)?days?{B})|(?P<sn>{num})(?:\s*(?:-\s*)?(?P<su>{UNIT})|(?P<sa>{ABBR})))"
    );
    ascii_regex(&pat).expect("duration regex")
});

regex_groups!(DurationIndices => DurationGroups {
    aw, ad, au, bd, bw, bu, rd1, rd2, rdu, r1, r2, ru, td, tu, od, ou, sn, su, sa,
});

static DURATION_GROUPS: LazyLock<DurationIndices> =
    LazyLock::new(|| DurationIndices::of(&DURATION_RE));

/// `\s` of the patterns (ASCII, Unicode off): space, tab, line feed, vertical tab, form feed,
/// carriage return.
fn is_pattern_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Whether `s` is all of [`DIG`]: "72", "1,000", "99.9", "1,000.5".
fn is_digits(s: &str) -> bool {
    let b = s.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], Some(&b[dot + 1..])),
        None => (b, None),
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit));
    let int_ok = match int.iter().position(|&c| c == b',') {
        None => !int.is_empty() && int.iter().all(u8::is_ascii_digit),
        Some(first) => {
            (1..=3).contains(&first)
                && int[..first].iter().all(u8::is_ascii_digit)
                && int[first..]
                    .chunks(4)
                    .all(|g| g.len() == 4 && g[0] == b',' && g[1..].iter().all(u8::is_ascii_digit))
        }
    };
    int_ok && frac_ok
}

/// Whether `s` is all of [`UNIT`] (before its closing word boundary): "hours", "Business Days",
/// "calendar-month", "hrs", "mos".
fn is_unit(s: &str) -> bool {
    let first_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (first, rest) = s.split_at(first_len);
    let is = |w: &str, words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
    const PLAIN: &[&str] = &[
        "day", "days", "week", "weeks", "month", "months", "year", "years",
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
/// parenthesis, a second number, "to"/"through", "T+" or an ordinal suffix, and no unit begins with
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
    if let Some(od) = g.od {
        let v = parse_digits(text_of(text, od))?;
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
        let pw = prev_word(text, start).to_ascii_lowercase();
        if !A_WORDS.contains(&pw.as_str()) {
            return None;
        }
        (1.0, 0)
    } else {
        parse_words_suffix(s)?
    };
    Some(((start + off, end), v, unit, false, false))
}

/// Every duration in the text, in order: "72 hours", "72 hrs", "72h", "48-hour",
/// "seventy-two (72) hours", "twenty four hours", "two (2) Business Days", "5 working days",
/// "one (1) calendar month", "thirty (30) calendar days", "24-48 hours", "24 to 48 hours",
/// "three months", "1 year", "ninety (90) days", "T+24" (hours), "30d", "by the 5th Business Day".
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

// ---------------------------------------------------------------------------------------------
// Bounds, soft caps, clock starts
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Max,
    Min,
    None,
}

static BOUND_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?P<min>(?:not|no)\s+(?:less|fewer|sooner|earlier)\s+than|at\s+least|(?:a\s+)?minimum(?:\s+of)?|at\s+a\s+minimum|(?:more|greater|longer)\s+than|in\s+excess\s+of)|(?P<max>within|in\s+no\s+(?:event|case)\s+(?:(?:not|no)\s+)?later\s+than|(?:by\s+|and\s+|but\s+)?(?:not|no)\s+later\s+than|not\s+to\s+exceed|not\s+exceeding|up\s+to|(?:not|no)\s+(?:more|longer|greater)\s+than|(?:a\s+)?maximum(?:\s+of)?|at\s+(?:the\s+)?most|(?:less|fewer|shorter)\s+than|by\s+the\s+end\s+of|before\s+the\s+end\s+of|before\s+the\s+expiry\s+of))(?-u:\b)",
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockStart {
    Awareness,
    Confirmation,
    InvestigationComplete,
    Request,
    Termination,
    Other,
    Unstated,
}

static CONNECTOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^(?:'s?)?\s*,?\s*(?:(?:immediately|promptly|directly)\s+)?(?P<c>of|after|following|from|upon|on|since|once|when|beginning|commencing|starting|(?:measured|counting|calculated|running|as)\s+from|prior\s+to|before)(?-u:\b)",
    )
    .expect("connector re")
});

const TRIGGER_ALTS: &str = r"(?P<inv>complet\w*\s+(?:of\s+)?(?:its\s+|the\s+|such\s+|an?\s+|any\s+|Supplier's\s+)?(?:internal\s+|forensic\s+|initial\s+)?investigation|conclu\w*\s+(?:of\s+)?(?:its\s+|the\s+|such\s+|any\s+)?(?:internal\s+|forensic\s+)?investigation|investigation\s+(?:is\s+|has\s+been\s+)?(?:complete|completed|concluded)|determin\w*\s+that\s+(?:(?:[\w']|(?u:[^\x00-\x7F]))+\s+){0,3}(?:is|are|was|would\s+be)\s+(?:legally\s+)?required)|(?P<conf>confirm\w*|determin\w*|verif\w*|validat\w*|classif\w*|establish\w*)|(?P<aw>aware\w*|discover\w*|detect\w*|learn\w*|knew|know\w*|suspect\w*|suspicion|identif\w*)|(?P<req>request\w*|demand\w*|instruct\w*)|(?P<term>terminat\w*|expir\w*|cessation|end\s+of\s+the\s+(?:term|agreement|contract))";

static TRIGGER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(r"(?i)(?-u:\b)(?:{TRIGGER_ALTS})(?-u:\b)")).expect("trigger re")
});

static OCCURRENCE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)(?-u:\b)(?:occurr?\w*|incident|breach|compromise)(?-u:\b)")
        .expect("occurrence re")
});

/// A trigger before the duration in the same sentence: "Upon becoming aware of ..., Supplier shall
/// notify Customer within 72 hours".
static TRIGGER_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i)(?-u:\b)(?:upon|after|following|once|on|when|promptly\s+after|immediately\s+after)\s+(?:(?:[\w']|(?u:[^\x00-\x7F]))+\s+){{0,3}}?(?:{TRIGGER_ALTS})(?-u:\b)"
    ))
    .expect("trigger before re")
});

fn classify(c: &Captures) -> Option<(ClockStart, Span)> {
    for (name, kind) in [
        ("inv", ClockStart::InvestigationComplete),
        ("conf", ClockStart::Confirmation),
        ("aw", ClockStart::Awareness),
        ("req", ClockStart::Request),
        ("term", ClockStart::Termination),
    ] {
        if let Some(s) = span_of(c, name) {
            return Some((kind, s));
        }
    }
    None
}

/// The event the clock of a duration runs from, read from the words after it ("after becoming
/// aware", "of discovery", "following confirmation", "after completion of its investigation", "of
/// receipt of Customer's written request", "after termination"/"expiry", "of the date of"...), with
/// the span of the trigger words. With no connector after the duration, a trigger earlier in the
/// same sentence ("Upon discovering ..., within 72 hours") is used. A connector with no known
/// trigger is `Other`; "of a Security Incident" (occurrence, which is no later than awareness) counts
/// as `Awareness`. Nothing at all: `Unstated`.
pub fn clock_start(text: &str, d: &DurationMatch) -> (ClockStart, Option<Span>) {
    let base = floor_cb(text, d.span.1);
    let a = after(text, base, 200);
    if let Some(conn) = CONNECTOR_RE.captures(a) {
        let cend = conn.get(0).map_or(0, |m| m.end());
        let rest = &a[cend..];
        let mut rest = &rest[..first_break(rest)];
        // At most ~14 words after the connector.
        if let Some((i, _)) = rest.match_indices(' ').nth(14) {
            rest = &rest[..i];
        }
        let off = base + cend;
        if let Some(c) = TRIGGER_RE.captures(rest) {
            if let Some((k, (s, e))) = classify(&c) {
                return (k, Some((off + s, off + e)));
            }
        }
        if let Some(m) = OCCURRENCE_RE.find(rest) {
            if word_count(&rest[..m.start()]) <= 4 {
                return (
                    ClockStart::Awareness,
                    Some((off + m.start(), off + m.end())),
                );
            }
        }
        let cs = conn.name("c").map_or(0, |m| m.start());
        let tail = rest.find(',').unwrap_or(rest.len());
        let tail = match rest[..tail].match_indices(' ').nth(6) {
            Some((i, _)) => i,
            None => tail,
        };
        return (
            ClockStart::Other,
            Some((base + cs, off + rest[..tail].trim_end().len())),
        );
    }
    let (from, w) = before(text, d.span.0, 240);
    let cut = after_last_break(w);
    let w = &w[cut..];
    if let Some(c) = TRIGGER_BEFORE_RE.captures_iter(w).last() {
        if let Some((k, (s, e))) = classify(&c) {
            let off = from + cut;
            return (k, Some((off + s, off + e)));
        }
    }
    (ClockStart::Unstated, None)
}

// ---------------------------------------------------------------------------------------------
// Frequencies
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct FrequencyMatch {
    pub span: Span,
    /// The interval between events in months (week = 0.25, day = 12/365); `f64::INFINITY` when vague.
    pub months: f64,
    pub vague: bool,
    /// Tied to calendar periods ("each calendar year"): two events can be up to ~2 intervals apart.
    pub calendar: bool,
    /// An ambiguous word read at its worst case: "biannually" (24), "biweekly" (0.5),
    /// "bimonthly" (2).
    pub ambiguous: bool,
}

static FREQ_RE: LazyLock<Regex> = LazyLock::new(|| {
    let w = wseq();
    let lead = r"(?:(?:at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of)\s+)?";
    let fu = r"(?:years?|months?|weeks?|days?|quarters?)";
    let pat = format!(
        r"(?i){lead}(?:(?P<every>(?:once\s+)?every\s+(?:(?P<eo>other)\s+|(?P<en>{B}{DIG}|{w})\s*(?:\(\s*(?P<end>{DIG})\s*\)\s*)?(?:-\s*)?)?(?P<ec>(?:calendar|contract)\s+)?(?P<eu>{fu}){B})|(?P<times>(?P<tn>once|twice|thrice|(?:{B}{DIG}|{w})\s*(?:\(\s*{DIG}\s*\)\s*)?times)\s+(?:a|per|each|every|in\s+(?:any|each|every|a))\s+(?P<tc>(?:calendar|contract)\s+)?(?:(?P<tq>{B}{DIG}|{w})\s*(?:\(\s*(?P<tqd>{DIG})\s*\)\s*)?(?:-\s*)?)?(?P<tu>{fu}){B}(?:\s+period{B})?)|(?P<each>(?:each|every)\s+anniversary{B}|(?:each|per)\s+(?P<eac>(?:calendar|contract)\s+)?(?P<eau>year|month|quarter|week|day){B}|per\s+annum{B})|(?P<adv>{B}(?:semi-?annually|half-yearly|bi-?annually|bi-?ennially|annually|yearly|quarterly|semi-?monthly|bi-?monthly|monthly|bi-?weekly|fortnightly|weekly|daily|on\s+an?\s+(?:annual|yearly|semi-annual|quarterly|monthly|weekly|daily)\s+basis){B})|(?P<vague>{B}(?:periodically|on\s+a\s+periodic\s+basis|periodic|from\s+time\s+to\s+time|regularly|on\s+a\s+regular\s+basis|at\s+regular\s+intervals|as\s+needed|on\s+an\s+as[\s-]needed\s+basis|as[\s-]needed|routinely|on\s+a\s+routine\s+basis|on\s+an\s+ad[\s-]hoc\s+basis|ad[\s-]hoc){B}))"
    );
    ascii_regex(&pat).expect("frequency regex")
});

regex_groups!(FrequencyIndices => FrequencyGroups {
    every, eo, en, end, ec, eu, times, tn, tc, tq, tqd, tu, each, eac, eau, adv, vague,
});

static FREQUENCY_GROUPS: LazyLock<FrequencyIndices> =
    LazyLock::new(|| FrequencyIndices::of(&FREQ_RE));

/// The groups of every [`FREQ_RE`] match in `text`, in order. A match without white space
/// ("annually", "semi-annually", "periodically", "ad-hoc") can only be one word of the adverbs or of
/// the vague words (every other alternative, and the "at least" before them, needs a space), and
/// is read without the capture engine; any other match runs it.
fn frequency_groups(text: &str) -> impl Iterator<Item = FrequencyGroups> + '_ {
    FREQ_RE.find_iter(text).filter_map(move |m| {
        let whole = (m.start(), m.end());
        if !m.as_str().bytes().any(is_pattern_space) {
            let adverb = adverb_months(m.as_str()).is_some();
            return Some(FrequencyGroups {
                whole,
                adv: adverb.then_some(whole),
                vague: (!adverb).then_some(whole),
                ..FrequencyGroups::default()
            });
        }
        FREQ_RE
            .captures_at(text, m.start())
            .map(|c| FREQUENCY_GROUPS.read(&c))
    })
}

fn freq_unit_months(u: &str) -> f64 {
    let l = u.to_ascii_lowercase();
    if l.starts_with('y') {
        12.0
    } else if l.starts_with('q') {
        3.0
    } else if l.starts_with('m') {
        1.0
    } else if l.starts_with('w') {
        0.25
    } else {
        12.0 / 365.0
    }
}

fn num_value(s: &str) -> Option<f64> {
    if s.as_bytes().first()?.is_ascii_digit() {
        parse_digits(s)
    } else {
        parse_words_suffix(s).map(|(v, _)| v)
    }
}

fn adverb_months(s: &str) -> Option<(f64, bool)> {
    let l: String = s
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let l = l
        .strip_prefix("onan")
        .or_else(|| l.strip_prefix("ona"))
        .unwrap_or(&l)
        .trim_end_matches("basis");
    Some(match l {
        "semiannually" | "halfyearly" | "semiannual" => (6.0, false),
        "biannually" => (24.0, true),
        "biennially" => (24.0, false),
        "annually" | "yearly" | "annual" => (12.0, false),
        "quarterly" => (3.0, false),
        "semimonthly" => (0.5, false),
        "bimonthly" => (2.0, true),
        "monthly" => (1.0, false),
        "biweekly" => (0.5, true),
        "fortnightly" => (0.5, false),
        "weekly" => (0.25, false),
        "daily" => (12.0 / 365.0, false),
        _ => return None,
    })
}

/// Frequencies as the interval in months: "annually"/"yearly"/"each year"/"once a year"/"every
/// twelve (12) months"/"at least once per year" → 12; "each calendar year" → 12 with `calendar`;
/// "semi-annually"/"twice a year"/"every six months" → 6; "quarterly"/"every 3 months" → 3;
/// "monthly" → 1; "weekly" → 0.25; "every two years"/"biennially" → 24; "every 18 months" → 18;
/// vague ones ("periodically", "from time to time", "regularly", "as needed", "on a periodic
/// basis") → `f64::INFINITY` with `vague`.
pub fn find_frequencies(text: &str) -> Vec<FrequencyMatch> {
    let mut out = Vec::new();
    for g in frequency_groups(text) {
        let group = |span: Option<Span>| span.map(|s| text_of(text, s));
        let span = g.whole;
        let mut calendar = false;
        let mut ambiguous = false;
        let mut vague = false;
        let is_calendar =
            |kind: Option<&str>| kind.is_some_and(|k| k.to_ascii_lowercase().starts_with("cal"));
        let months = if g.every.is_some() {
            let Some(u) = group(g.eu) else { continue };
            let n = if g.eo.is_some() {
                2.0
            } else if let Some(d) = group(g.end) {
                match parse_digits(d) {
                    Some(v) => v,
                    None => continue,
                }
            } else if let Some(n) = group(g.en) {
                match num_value(n) {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                1.0
            };
            calendar = is_calendar(group(g.ec));
            n * freq_unit_months(u)
        } else if g.times.is_some() {
            let Some(tn) = group(g.tn) else { continue };
            let t = tn.to_ascii_lowercase();
            let times = match t.as_str() {
                "once" => 1.0,
                "twice" => 2.0,
                "thrice" => 3.0,
                _ => {
                    let num = t.trim_end_matches("times").trim_end();
                    let num = num.split('(').next().unwrap_or(num).trim();
                    match num_value(num) {
                        Some(v) if v > 0.0 => v,
                        _ => continue,
                    }
                }
            };
            let per = if let Some(d) = group(g.tqd) {
                parse_digits(d)
            } else if let Some(q) = group(g.tq) {
                num_value(q)
            } else {
                Some(1.0)
            };
            let (Some(per), Some(u)) = (per, group(g.tu)) else {
                continue;
            };
            calendar = is_calendar(group(g.tc));
            per * freq_unit_months(u) / times
        } else if g.each.is_some() {
            calendar = is_calendar(group(g.eac));
            match group(g.eau) {
                Some(u) => freq_unit_months(u),
                None => 12.0, // per annum, each anniversary
            }
        } else if let Some(a) = group(g.adv) {
            match adverb_months(a) {
                Some((v, amb)) => {
                    ambiguous = amb;
                    v
                }
                None => continue,
            }
        } else {
            vague = true;
            f64::INFINITY
        };
        out.push(FrequencyMatch {
            span,
            months,
            vague,
            calendar,
            ambiguous,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Protocols, ciphers, FIPS
// ---------------------------------------------------------------------------------------------

/// A TLS/SSL mention. `unversioned` mentions have major = minor = 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolVersion {
    pub span: Span,
    pub ssl: bool,
    pub major: u32,
    pub minor: u32,
    pub or_higher: bool,
    pub unversioned: bool,
}

static TLS_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?P<p>TLS|SSL|Transport\s+Layer\s+Security|Secure\s+Sockets?\s+Layer)(?:\s*\(\s*(?:TLS|SSL)\s*\))?(?:(?:\s*(?:v(?:ersion)?\.?\s*|-)?(?P<maj>[0-9])(?:\.(?P<min>[0-9]))?(?:[0-9]|(?P<plus>\+)|\s*\(?(?:or|and)\s+(?:higher|later|above|greater|newer|more\s+recent|better|stronger|successor\s+versions?|any\s+(?:higher|later|newer)\s+versions?)(?:\s+versions?)?(?-u:\b)\)?|(?-u:\b)))|(?-u:\b))",
    )
    .expect("tls re")
});

static AT_LEAST_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:at\s+least|minimum(?:\s+of)?|(?:no|not)\s+(?:lower|less|older|earlier)\s+than|or\s+higher|or\s+later)\s*(?:version\s+)?$",
    )
    .expect("at least re")
});

static MINIMUM_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^\s*\(?(?:minimum|at\s+a\s+minimum|at\s+minimum|or\s+above)(?-u:\b)")
        .expect("minimum after re")
});

/// TLS/SSL versions mentioned: "TLS 1.2", "TLS v1.2 or higher", "TLSv1.3", "TLS 1.2+", "SSL",
/// "SSLv3", "TLS 1.0", "at least TLS 1.2". "SSL/TLS" gives two unversioned mentions.
pub fn find_tls_versions(text: &str) -> Vec<ProtocolVersion> {
    let mut out = Vec::new();
    for c in TLS_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let p = c.name("p").map_or("", |p| p.as_str());
        let ssl = p
            .as_bytes()
            .first()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'));
        let mut end = m.end();
        let (major, minor, unversioned) = match c.name("maj") {
            Some(maj) => {
                let Ok(major) = maj.as_str().parse::<u32>() else {
                    continue;
                };
                let minor = c
                    .name("min")
                    .and_then(|n| n.as_str().parse::<u32>().ok())
                    .unwrap_or(0);
                // "TLS 12" is not a version; the regex consumed a trailing digit to reject it.
                let ver_end = c.name("min").map_or(maj.end(), |n| n.end());
                if text
                    .as_bytes()
                    .get(ver_end)
                    .is_some_and(|b| b.is_ascii_digit())
                {
                    continue;
                }
                (major, minor, false)
            }
            None => (0, 0, true),
        };
        let mut or_higher = false;
        if !unversioned {
            let tail = &text[c.name("min").or(c.name("maj")).map_or(m.end(), |x| x.end())..m.end()];
            or_higher = !tail.trim().is_empty();
            let (_, w) = before(text, m.start(), 40);
            if AT_LEAST_BEFORE_RE.is_match(w) {
                or_higher = true;
            }
            if let Some(mm) = MINIMUM_AFTER_RE.find(after(text, end, 24)) {
                or_higher = true;
                end += mm.end();
            }
        }
        // Drop a trailing space/paren that belongs to the text, not the match.
        let trimmed = text[m.start()..end].trim_end();
        out.push(ProtocolVersion {
            span: (m.start(), m.start() + trimmed.len()),
            ssl,
            major,
            minor,
            or_higher,
            unversioned,
        });
    }
    out
}

static AES_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:AES[\s-]?(?:(?:GCM|CBC|XTS|CTR|CCM)[\s-])?(?P<a>[0-9]{3})(?-u:\b)|(?P<b>[0-9]{3})[\s-]?bits?[\s-]+(?:key\s+)?(?:AES|Advanced\s+Encryption\s+Standard)(?-u:\b)|(?:AES|Advanced\s+Encryption\s+Standard)(?:\s*\(AES\))?[\s-]+(?:\(AES\)\s+)?(?:with\s+)?(?:an?\s+)?(?:minimum\s+)?(?:key\s+(?:length|size)\s+of\s+)?(?:at\s+least\s+)?(?P<c>[0-9]{3})(?:[\s-]?bits?)?(?-u:\b))",
    )
    .expect("aes re")
});

/// AES key lengths: "AES-256", "256-bit AES", "AES 128", "AES256", "AES-GCM-256",
/// "256 bit Advanced Encryption Standard", "AES with 256-bit keys" → bits.
pub fn find_aes_bits(text: &str) -> Vec<(Span, u32)> {
    AES_RE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = c.name("a").or(c.name("b")).or(c.name("c"))?;
            let bits = n.as_str().parse::<u32>().ok()?;
            Some(((m.start(), m.end()), bits))
        })
        .collect()
}

static WEAK_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:3-?DES|Triple[\s-]DES|TDEA|RC4|ARC4|ARCFOUR|RC2|MD4|MD5|SHA-?1|(?-i:DES))(?-u:\b)",
    )
    .expect("weak re")
});

/// Weak or obsolete ciphers and hashes: "3DES", "Triple DES", "DES" (upper case only, so the word
/// "des" in names is not flagged), "RC4", "MD5", "SHA-1". Protocol versions ("SSLv3", "TLS 1.0") are
/// reported by [`find_tls_versions`].
pub fn find_weak_ciphers(text: &str) -> Vec<Span> {
    WEAK_RE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

static FIPS_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)(?-u:\b)FIPS(?:[\s-]+(?:PUB(?:LICATION)?\s+)?140(?:-[1-3])?)?(?-u:\b)")
        .expect("fips re")
});

static FIPS_QUAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?P<yes>validated|validation|certified|certification|CMVP|accredited)|(?P<no>compliant|compliance|compatible|conformant|conform\w*|consistent|aligned|meets?|meeting|approved|standards?|based))(?-u:\b)",
    )
    .expect("fips qual re")
});

static NUMBER_AFTER_RE: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"^[\s-]*(?:PUB\s+)?[0-9]").expect("number after re"));

/// FIPS 140-2/140-3 mentions, and whether "validated"/"certified" (true) vs
/// "compliant"/"compatible"/"approved" or no qualifier (false). Looks at up to five words after the
/// mention ("FIPS 140-2 Level 1 validated"), then up to four before ("validated to FIPS 140-3").
/// Other FIPS publications ("FIPS 197") are skipped.
pub fn find_fips(text: &str) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    for m in FIPS_RE.find_iter(text) {
        let s = m.as_str();
        if !s.contains("140") && NUMBER_AFTER_RE.is_match(after(text, m.end(), 12)) {
            continue;
        }
        let a = after(text, m.end(), 80);
        let a = &a[..first_break(a)];
        let a = &a[..a.match_indices(' ').nth(5).map_or(a.len(), |(i, _)| i)];
        let q = FIPS_QUAL_RE.captures(a).or_else(|| {
            let (_, w) = before(text, m.start(), 60);
            let w = &w[after_last_break(w)..];
            let w = &w[last_words_start(w, 4)..];
            FIPS_QUAL_RE.captures_iter(w).last()
        });
        let validated = q.is_some_and(|c| c.name("yes").is_some());
        out.push(((m.start(), m.end()), validated));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

static PLACEHOLDER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<blank>\[\s*_+\s*\]|_{2,})|(?P<mark>\[\s*(?:x+|n|●|•|\*+|\.{2,}|…|-+|\?+|#+)\s*\])|(?P<empty>\[\s+\])|(?P<instr>\[\s*(?:insert|specify|enter|add|include|state|describe|identify|select|choose|complete|fill\s+in|to\s+be\s+(?:determined|confirmed|agreed|inserted))(?-u:\b)[^\]\n]{0,120}\])|(?P<named>\[[^\]\[\n]{0,60}?(?-u:\b)(?:name|date|number|period|amount|address|days|hours|time|percentage|value|figure|jurisdiction)(?-u:\b)[^\]\[\n]{0,40}\])|(?P<brace>\{\s*[A-Za-z_][^{}\n]{0,80}\})|(?P<tbd>(?-u:\b)(?:TBD|TBC|TBA)(?-u:\b))|(?P<na>(?-u:\b)N/A(?-u:\b))",
    )
    .expect("placeholder re")
});

static UNIT_AFTER_RE: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(&format!(r"(?i)^\s*(?:-\s*)?{UNIT}")).expect("unit after re"));

/// Is this "[x]"/"[ ]" at the start of a block (optionally after a list marker) and followed by
/// text? Then it is a checkbox.
fn is_checkbox(text: &str, start: usize, end: usize) -> bool {
    let pre = &text[..start];
    let line = &pre[pre.rfind('\n').map_or(0, |i| i + 1)..];
    let line = line.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '-' | '*' | '+' | '|' | '(' | ')' | '.')
            || c.is_ascii_digit()
    });
    let at_start = line.is_empty() || line.ends_with('|');
    let rest = &text[end..];
    at_start
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
        && !UNIT_AFTER_RE.is_match(after(text, end, 40))
}

/// Template placeholders: "[__]", "[___] days", "___", "[X]", "[●]", "[•]", "[...]",
/// "{Notice Period}", "{Breach Notification Period}", "TBD", "TBC", "[Specify time period]",
/// "[insert ...]", "[number of days]", "N/A" standing alone (the whole block, a table cell, or after
/// a colon). Not placeholders: checkboxes ("[ ]"/"[x]" at the start of a line followed by text),
/// "[ ]" elsewhere unless a unit follows ("[ ] days"), footnote references "[1]", "[2023]",
/// drafting notes ("[Drafting note: ...]").
pub fn find_placeholders(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // Every placeholder form has a bracket, a brace, an underscore, "TB?" or "N/A".
    let bytes = text.as_bytes();
    let tb_or_na = |i: usize| {
        matches!(
            bytes.get(i..),
            Some([b'T', b'B', ..]) | Some([b'N', b'/', b'A', ..])
        )
    };
    if memchr::memchr3(b'[', b'{', b'_', bytes).is_none()
        && !memchr::memchr2_iter(b'T', b'N', bytes).any(tb_or_na)
    {
        return out;
    }
    for c in PLACEHOLDER_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let (s, e) = (m.start(), m.end());
        if c.name("mark").is_some() {
            let inner = m
                .as_str()
                .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
            if inner.eq_ignore_ascii_case("x") && is_checkbox(text, s, e) {
                continue;
            }
        }
        if c.name("empty").is_some()
            && (is_checkbox(text, s, e) || !UNIT_AFTER_RE.is_match(after(text, e, 40)))
        {
            continue;
        }
        if c.name("named").is_some() {
            let l = m.as_str().to_ascii_lowercase();
            if l.starts_with("[drafting note")
                || l.starts_with("[note to")
                || l.starts_with("[note:")
            {
                continue;
            }
        }
        if c.name("na").is_some() {
            let pre = text[..s].trim_end_matches([' ', '\t']);
            let post = text[e..].trim_start_matches([' ', '\t', '.', ';']);
            let pre_ok = pre.is_empty() || pre.ends_with(['\n', '|', ':']);
            let post_ok = post.is_empty() || post.starts_with(['\n', '|']);
            if !(pre_ok && post_ok) {
                continue;
            }
        }
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Money and percentages
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMatch {
    pub span: Span,
    pub amount: Option<f64>,
    /// ISO code: "USD" ($, US$, dollars), "EUR" (€, euros), "GBP" (£, pounds), or the code written.
    pub currency: Option<String>,
    pub fee_multiple: Option<f64>,
    pub fee_linked: bool,
}

static MONEY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let w = wseq();
    let sym = r"(?:US\$|\$|€|£|¥|(?-u:\b)(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|SGD|INR|SEK|NOK|DKK)(?-u:\b))";
    let mult = r"(?:\s?(?:million|billion|thousand)|(?:mm|mn|m|bn|b|k))(?-u:\b)";
    let fees = r"(?:(?:total|aggregate|annual|annuali[sz]ed|yearly|subscription|service|contract|twelve\s+\(12\)\s+months'?|twelve\s+months'?|12\s+months'?)\s+)*(?:fees|charges|amounts?|sums?|contract\s+value|value\s+of\s+the\s+(?:contract|agreement))(?-u:\b)";
    let period = format!(
        r"(?:\s+(?:(?:under|pursuant\s+to)\s+this\s+(?:agreement|contract|dpa|addendum)|(?:by|to)\s+(?:customer|supplier|[\w']+)|hereunder|thereunder|in\s+respect\s+of\s+the\s+services)){{0,3}}(?:\s+(?:in|during|for|within|over)\s+the\s+(?:(?:immediately\s+)?(?:preceding|previous|prior|last)\s+)?(?:(?:{DIG}|{w})\s*(?:\(\s*{DIG}\s*\)\s*)?[\s-]*)?(?:months?|years?|calendar\s+years?|contract\s+years?)(?:\s+period)?(?:\s+(?:immediately\s+)?(?:preceding|prior\s+to|before))?)?"
    );
    let paid =
        r"(?:\s+(?:actually\s+)?(?:paid\s+(?:and|or|and/or)\s+payable|paid|payable)(?-u:\b))?";
    let pat = format!(
        r"(?i)(?P<mul>(?P<fm>{B}{DIG}|{w})\s*(?:\(\s*(?P<fd>{DIG})\s*[x×]?\s*\)\s*)?(?:times|x|×)\s*(?:\(\s*(?P<fd2>{DIG})\s*[x×]\s*\)\s*)?(?:the\s+)?{fees}{paid}{period})|(?P<pct>(?P<pn>{B}{DIG}|{w})\s*(?:%|percent(?-u:\b)|per\s+cent(?-u:\b))\s*(?:\(\s*(?P<pd>{DIG})\s*%\s*\)\s*)?of\s+(?:the\s+)?{fees}{paid}{period})|(?P<feel>(?:the\s+)?(?:(?:total|aggregate|annual)\s+)?(?:fees|charges|amounts|sums)\s+(?:actually\s+)?(?:paid\s+(?:and|or|and/or)\s+payable|paid|payable){B}{period})|(?P<sym>(?P<s1>{sym})\s?(?P<n1>{DIG})(?P<m1>{mult})?(?-u:\b))|(?P<post>{B}(?P<n2>{DIG})(?P<m2>{mult})?\s*(?P<c2>USD|EUR|GBP|CHF|CAD|AUD|U\.?S\.?\s+dollars|dollars|euros?|pounds(?:\s+sterling)?)(?-u:\b))|(?P<words>(?P<w3>{w})\s+(?:(?:US|U\.S\.|United\s+States)\s+)?(?P<c3>dollars|euros?|pounds(?:\s+sterling)?)(?-u:\b)(?:\s*\(\s*(?P<ps>{sym})\s?(?P<pn3>{DIG})(?P<pm3>{mult})?\s*\))?)"
    );
    // Unicode stays on: currency signs, and names of any language ("paid to Müller").
    Regex::new(&pat).expect("money regex")
});

fn currency_code(s: &str) -> String {
    let l = s.trim().to_ascii_lowercase();
    if l.contains('$') || l.contains("dollar") || l == "usd" {
        "USD".into()
    } else if l.contains('€') || l.starts_with("euro") || l == "eur" {
        "EUR".into()
    } else if l.contains('£') || l.starts_with("pound") || l == "gbp" {
        "GBP".into()
    } else if l.contains('¥') {
        "JPY".into()
    } else {
        s.trim().to_ascii_uppercase()
    }
}

fn multiplier(s: Option<&str>) -> f64 {
    let Some(s) = s else { return 1.0 };
    let l = s.trim().to_ascii_lowercase();
    match l.as_str() {
        "million" | "m" | "mm" | "mn" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "thousand" | "k" => 1e3,
        _ => 1.0,
    }
}

/// Money and fee-linked caps: "USD 5,000,000", "$5M", "five million dollars ($5,000,000)",
/// "EUR 2m", "€10 million", "£1,000,000", "5,000,000 euros"; "two times (2x) the annual Fees" →
/// fee multiple 2; "200% of the fees" → 2; "the fees paid or payable in the twelve (12) months
/// preceding" → fee linked, multiple 1. When words and digits are both given, the digits are used.
pub fn find_money(text: &str) -> Vec<MoneyMatch> {
    let mut out = Vec::new();
    for c in MONEY_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let span = (m.start(), m.end());
        let mm = if c.name("mul").is_some() {
            let v = c
                .name("fd")
                .or(c.name("fd2"))
                .and_then(|d| parse_digits(d.as_str()))
                .or_else(|| c.name("fm").and_then(|f| num_value(f.as_str())));
            let Some(v) = v else { continue };
            MoneyMatch {
                span,
                amount: None,
                currency: None,
                fee_multiple: Some(v),
                fee_linked: true,
            }
        } else if c.name("pct").is_some() {
            let v = c
                .name("pd")
                .and_then(|d| parse_digits(d.as_str()))
                .or_else(|| c.name("pn").and_then(|f| num_value(f.as_str())));
            let Some(v) = v else { continue };
            MoneyMatch {
                span,
                amount: None,
                currency: None,
                fee_multiple: Some(v / 100.0),
                fee_linked: true,
            }
        } else if c.name("feel").is_some() {
            MoneyMatch {
                span,
                amount: None,
                currency: None,
                fee_multiple: Some(1.0),
                fee_linked: true,
            }
        } else if c.name("sym").is_some() {
            let (Some(s), Some(n)) = (c.name("s1"), c.name("n1")) else {
                continue;
            };
            let Some(v) = parse_digits(n.as_str()) else {
                continue;
            };
            MoneyMatch {
                span,
                amount: Some(v * multiplier(c.name("m1").map(|x| x.as_str()))),
                currency: Some(currency_code(s.as_str())),
                fee_multiple: None,
                fee_linked: false,
            }
        } else if c.name("post").is_some() {
            let (Some(cur), Some(n)) = (c.name("c2"), c.name("n2")) else {
                continue;
            };
            let Some(v) = parse_digits(n.as_str()) else {
                continue;
            };
            MoneyMatch {
                span,
                amount: Some(v * multiplier(c.name("m2").map(|x| x.as_str()))),
                currency: Some(currency_code(cur.as_str())),
                fee_multiple: None,
                fee_linked: false,
            }
        } else {
            let (Some(w), Some(cur)) = (c.name("w3"), c.name("c3")) else {
                continue;
            };
            let digits = c
                .name("pn3")
                .and_then(|n| parse_digits(n.as_str()))
                .map(|v| v * multiplier(c.name("pm3").map(|x| x.as_str())));
            let Some((v, off)) = parse_words_suffix(w.as_str()) else {
                continue;
            };
            MoneyMatch {
                span: (w.start() + off, span.1),
                amount: Some(digits.unwrap_or(v)),
                currency: Some(currency_code(cur.as_str())),
                fee_multiple: None,
                fee_linked: false,
            }
        };
        out.push(mm);
    }
    out
}

static PCT_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(&format!(
        r"(?i){B}(?P<n>{DIG})\s?(?:%|percent(?-u:\b)|per\s+cent(?-u:\b))"
    ))
    .expect("percent re")
});

/// Percentages: "99.9%", "99.95 %", "50 percent", "10 per cent" → (span, value).
pub fn find_percentages(text: &str) -> Vec<(Span, f64)> {
    PCT_RE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let v = parse_digits(c.name("n")?.as_str())?;
            Some(((m.start(), m.end()), v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
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

    /// The block texts of the labeled contracts.
    fn labeled_texts() -> Vec<String> {
        crate::labeled::documents()
            .into_iter()
            .flat_map(|doc| doc.blocks.into_iter().map(|b| b.text))
            .collect()
    }

    /// Checks that `groups` gives, for every text, the groups the capture engine gives for every
    /// match of `re`, and that both paths are exercised: at least `least.0` matches read by
    /// `shortcut` and at least `least.1` left to the capture engine.
    fn agree_with_the_capture_engine<G: PartialEq + std::fmt::Debug>(
        texts: &[String],
        re: &Regex,
        read: impl Fn(&Captures) -> G,
        groups: impl Fn(&str) -> Vec<G>,
        shortcut: impl Fn(&str, &G) -> bool,
        least: (usize, usize),
    ) {
        let (mut matches, mut read_directly) = (0, 0);
        for text in texts {
            let expected: Vec<G> = re.captures_iter(text).map(|c| read(&c)).collect();
            assert_eq!(groups(text), expected, "{text:?}");
            matches += expected.len();
            read_directly += expected.iter().filter(|g| shortcut(text, g)).count();
        }
        assert!(read_directly >= least.0, "{read_directly} of {matches}");
        assert!(
            matches - read_directly >= least.1,
            "{read_directly} of {matches}"
        );
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
        ];
        let around = [
            ("", ""),
            ("within ", "."),
            ("Section ", ""),
            ("$", " of"),
            ("", " a day"),
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
    fn frequency_groups_agree_with_the_capture_engine() {
        let mut texts = labeled_texts();
        let leads = ["", "at least ", "no less than\t", "a minimum of "];
        let phrases = [
            "annually",
            "Semi-Annually",
            "semi annually",
            "semiannually",
            "half-yearly",
            "bi-weekly",
            "Biennially",
            "periodically",
            "periodic",
            "from time to time",
            "as-needed",
            "as needed",
            "on an as-needed basis",
            "ad hoc",
            "ad-hoc",
            "on an annual basis",
            "every 12 months",
            "every twelve (12) months",
            "once every other year",
            "twice a year",
            "3 (three) times per calendar year",
            "each calendar year",
            "per annum",
            "each anniversary",
            "quarterly",
            "daily",
            "DAILY",
            "dailyx",
            "regularly",
            "routinely",
            "monthly-",
            "every-year",
            "weekly.",
        ];
        let around = [("", ""), ("reviewed ", "."), ("x", ""), ("(", ")")];
        for lead in leads {
            for phrase in phrases {
                for (before, after) in around {
                    texts.push(format!("{before}{lead}{phrase}{after}"));
                }
            }
        }
        agree_with_the_capture_engine(
            &texts,
            &FREQ_RE,
            |c| FREQUENCY_GROUPS.read(c),
            |text| frequency_groups(text).collect(),
            |text, g: &FrequencyGroups| !text_of(text, g.whole).bytes().any(is_pattern_space),
            (101, 201),
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
        assert!(is_digits("1,000,000.25") && is_digits("72") && is_digits("0.5"));
        assert!(
            !is_digits("1,0000") && !is_digits("1,000.") && !is_digits(",000") && !is_digits("")
        );
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
    fn quantity_parse_number_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("seventy-two", Some(72.0)),
            ("seventy two", Some(72.0)),
            ("one hundred twenty", Some(120.0)),
            ("one hundred and twenty", Some(120.0)),
            ("twelve", Some(12.0)),
            ("fourteen", Some(14.0)),
            ("72", Some(72.0)),
            ("1,000", Some(1000.0)),
            ("5,000,000", Some(5e6)),
            ("99.9", Some(99.9)),
            ("a", Some(1.0)),
            ("an", Some(1.0)),
            ("Ninety", Some(90.0)),
            ("five million", Some(5e6)),
            ("two thousand five hundred", Some(2500.0)),
            ("zero", Some(0.0)),
            ("two three", None),
            ("twenty and five", None),
            ("seventy-two and", None),
            ("hours", None),
            ("", None),
            ("1,00", None),
            ("12abc", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), *want, "{s:?}");
        }
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
    fn quantity_clock_start_table() {
        use ClockStart::*;
        let cases: &[(&str, ClockStart, Option<&str>)] = &[
            ("within 72 hours after becoming aware of", Awareness, Some("aware")),
            ("within 72 hours of discovery", Awareness, Some("discovery")),
            ("within 24 hours of detection of", Awareness, Some("detection")),
            ("within 48 hours of Supplier learning of", Awareness, Some("learning")),
            (
                "within 72 hours after Supplier knew or should have known",
                Awareness,
                Some("knew"),
            ),
            ("within 72 hours of a reasonable suspicion", Awareness, Some("suspicion")),
            ("within 72 hours following confirmation", Confirmation, Some("confirmation")),
            ("within 72 hours after determining", Confirmation, Some("determining")),
            (
                "within 30 days after completion of its investigation",
                InvestigationComplete,
                Some("completion of its investigation"),
            ),
            (
                "within 10 days after determining that notification is legally required",
                InvestigationComplete,
                Some("determining that notification is legally required"),
            ),
            (
                "within 30 days of receipt of Customer's written request",
                Request,
                Some("request"),
            ),
            ("within 30 days after termination", Termination, Some("termination")),
            ("within 90 days following expiry", Termination, Some("expiry")),
            ("within 72 hours of a Security Incident", Awareness, Some("Incident")),
            ("within 30 days of the date of this Agreement", Other, None),
            ("within 48 hours.", Unstated, None),
            ("Supplier shall notify Customer within 72 hours", Unstated, None),
            (
                "Upon becoming aware of a Security Incident, Supplier shall notify Customer within 72 hours.",
                Awareness,
                Some("aware"),
            ),
            // Words of any language may stand between the connector and the trigger.
            (
                "Upon Société becoming aware of a Security Incident, Supplier shall notify Customer within 72 hours.",
                Awareness,
                Some("aware"),
            ),
            (
                "within 72 hours after determining that notifying Behörden is required",
                InvestigationComplete,
                None,
            ),
        ];
        for (text, want, trig) in cases {
            let d = find_durations(text);
            let d = d.first().expect(text);
            let (k, span) = clock_start(text, d);
            assert_eq!(k, *want, "{text}");
            if let (Some(t), Some((s, e))) = (trig, span) {
                assert_eq!(&text[s..e], *t, "{text}");
            }
            if *want == Unstated {
                assert!(span.is_none());
            }
        }
        let t = "no later than 5 days after discovery";
        let d = one(t);
        assert_eq!(d.hours, 120.0);
        assert_eq!(bound_of(t, &d), Bound::Max);
        assert_eq!(clock_start(t, &d).0, Awareness);
    }

    #[test]
    fn quantity_frequencies_table() {
        let inf = f64::INFINITY;
        // (text, matched text, months, vague, calendar, ambiguous)
        let cases: &[(&str, &str, f64, bool, bool, bool)] = &[
            ("tested annually", "annually", 12.0, false, false, false),
            ("a yearly audit", "yearly", 12.0, false, false, false),
            ("each year", "each year", 12.0, false, false, false),
            ("once a year", "once a year", 12.0, false, false, false),
            (
                "every twelve (12) months",
                "every twelve (12) months",
                12.0,
                false,
                false,
                false,
            ),
            (
                "at least once per year",
                "at least once per year",
                12.0,
                false,
                false,
                false,
            ),
            (
                "at least once every twelve (12) months",
                "at least once every twelve (12) months",
                12.0,
                false,
                false,
                false,
            ),
            (
                "each calendar year",
                "each calendar year",
                12.0,
                false,
                true,
                false,
            ),
            (
                "once per calendar year",
                "once per calendar year",
                12.0,
                false,
                true,
                false,
            ),
            ("semi-annually", "semi-annually", 6.0, false, false, false),
            ("twice a year", "twice a year", 6.0, false, false, false),
            (
                "every six months",
                "every six months",
                6.0,
                false,
                false,
                false,
            ),
            ("quarterly", "quarterly", 3.0, false, false, false),
            ("every 3 months", "every 3 months", 3.0, false, false, false),
            ("monthly", "monthly", 1.0, false, false, false),
            ("weekly", "weekly", 0.25, false, false, false),
            (
                "every two years",
                "every two years",
                24.0,
                false,
                false,
                false,
            ),
            ("biennially", "biennially", 24.0, false, false, false),
            (
                "every 18 months",
                "every 18 months",
                18.0,
                false,
                false,
                false,
            ),
            (
                "every other year",
                "every other year",
                24.0,
                false,
                false,
                false,
            ),
            (
                "on an annual basis",
                "on an annual basis",
                12.0,
                false,
                false,
                false,
            ),
            (
                "four (4) times per year",
                "four (4) times per year",
                3.0,
                false,
                false,
                false,
            ),
            (
                "once in any twelve (12) month period",
                "once in any twelve (12) month period",
                12.0,
                false,
                false,
                false,
            ),
            ("biannually", "biannually", 24.0, false, false, true),
            ("biweekly", "biweekly", 0.5, false, false, true),
            ("periodically", "periodically", inf, true, false, false),
            (
                "from time to time",
                "from time to time",
                inf,
                true,
                false,
                false,
            ),
            ("regularly", "regularly", inf, true, false, false),
            ("as needed", "as needed", inf, true, false, false),
            (
                "on a periodic basis",
                "on a periodic basis",
                inf,
                true,
                false,
                false,
            ),
            (
                "on each anniversary of the Effective Date",
                "each anniversary",
                12.0,
                false,
                false,
                false,
            ),
        ];
        for (text, span, months, vague, cal, amb) in cases {
            let v = find_frequencies(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            let f = &v[0];
            assert_eq!(&text[f.span.0..f.span.1], *span, "{text}");
            assert_eq!(f.months, *months, "{text}");
            assert_eq!(f.vague, *vague, "{text}");
            assert_eq!(f.calendar, *cal, "{text}");
            assert_eq!(f.ambiguous, *amb, "{text}");
        }
        // The bare adjective "annual" is not read as a frequency ("annual Fees").
        assert!(find_frequencies("within 72 hours of annual leave").is_empty());
        assert!(find_frequencies("within 72 hours").is_empty());
    }

    #[test]
    fn quantity_tls_table() {
        // (text, ssl, major, minor, or_higher, unversioned, span)
        let cases: &[(&str, bool, u32, u32, bool, bool, &str)] = &[
            ("TLS 1.2", false, 1, 2, false, false, "TLS 1.2"),
            (
                "TLS v1.2 or higher",
                false,
                1,
                2,
                true,
                false,
                "TLS v1.2 or higher",
            ),
            ("using TLSv1.3.", false, 1, 3, false, false, "TLSv1.3"),
            ("TLS 1.2+ only", false, 1, 2, true, false, "TLS 1.2+"),
            ("SSL encryption", true, 0, 0, false, true, "SSL"),
            ("SSLv3", true, 3, 0, false, false, "SSLv3"),
            ("TLS 1.0", false, 1, 0, false, false, "TLS 1.0"),
            ("at least TLS 1.2", false, 1, 2, true, false, "TLS 1.2"),
            (
                "TLS version 1.2 or later",
                false,
                1,
                2,
                true,
                false,
                "TLS version 1.2 or later",
            ),
            (
                "Transport Layer Security (TLS) 1.2",
                false,
                1,
                2,
                false,
                false,
                "Transport Layer Security (TLS) 1.2",
            ),
            ("tls 1.1", false, 1, 1, false, false, "tls 1.1"),
            (
                "TLS 1.2 (or higher);",
                false,
                1,
                2,
                true,
                false,
                "TLS 1.2 (or higher)",
            ),
            (
                "TLS 1.2 or above.",
                false,
                1,
                2,
                true,
                false,
                "TLS 1.2 or above",
            ),
        ];
        for (text, ssl, maj, min, hi, unv, span) in cases {
            let v = find_tls_versions(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            let p = &v[0];
            assert_eq!(&text[p.span.0..p.span.1], *span, "{text}");
            assert_eq!(
                (p.ssl, p.major, p.minor, p.or_higher, p.unversioned),
                (*ssl, *maj, *min, *hi, *unv),
                "{text}"
            );
        }
        let v = find_tls_versions("SSL/TLS");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|p| p.unversioned));
        assert!(find_tls_versions("mTLS and STARTTLS and TLSA records").is_empty());
    }

    #[test]
    fn quantity_aes_and_weak_table() {
        let cases: &[(&str, u32, &str)] = &[
            ("AES-256", 256, "AES-256"),
            ("256-bit AES", 256, "256-bit AES"),
            ("AES 128", 128, "AES 128"),
            ("AES256", 256, "AES256"),
            ("AES-GCM-256", 256, "AES-GCM-256"),
            (
                "256 bit Advanced Encryption Standard",
                256,
                "256 bit Advanced Encryption Standard",
            ),
            ("AES with 256-bit keys", 256, "AES with 256-bit"),
        ];
        for (text, bits, span) in cases {
            let v = find_aes_bits(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(v[0].1, *bits, "{text}");
            assert_eq!(&text[v[0].0 .0..v[0].0 .1], *span, "{text}");
        }
        assert!(find_aes_bits("AES encryption").is_empty());
        let weak: &[(&str, usize)] = &[
            ("3DES", 1),
            ("Triple DES and RC4", 2),
            ("DES", 1),
            ("MD5 or SHA-1", 2),
            ("SHA1", 1),
            ("SHA-256 and SHA-512", 0),
            ("Des Moines", 0),
            ("AES-256", 0),
        ];
        for (text, n) in weak {
            assert_eq!(find_weak_ciphers(text).len(), *n, "{text}");
        }
    }

    #[test]
    fn quantity_fips_table() {
        let cases: &[(&str, Option<bool>)] = &[
            ("FIPS 140-2 validated modules", Some(true)),
            ("FIPS 140-3 certified", Some(true)),
            ("FIPS 140-2 compliant encryption", Some(false)),
            ("FIPS 140-2 compatible", Some(false)),
            ("cryptography meeting FIPS 140-2", Some(false)),
            ("modules validated to FIPS 140-3", Some(true)),
            ("FIPS 140-2 Level 1 validated", Some(true)),
            ("FIPS 140-2", Some(false)),
            ("FIPS-validated", Some(true)),
            ("FIPS 197", None),
        ];
        for (text, want) in cases {
            let v = find_fips(text);
            match want {
                Some(w) => {
                    assert_eq!(v.len(), 1, "{text}: {v:?}");
                    assert_eq!(v[0].1, *w, "{text}");
                }
                None => assert!(v.is_empty(), "{text}: {v:?}"),
            }
        }
    }

    #[test]
    fn quantity_placeholders_table() {
        let cases: &[(&str, &[&str])] = &[
            ("within [__] days", &["[__]"]),
            ("within [___] days", &["[___]"]),
            ("within [X] days", &["[X]"]),
            ("a cap of [●]", &["[●]"]),
            ("a cap of [•]", &["[•]"]),
            ("within {Notice Period}", &["{Notice Period}"]),
            (
                "within {Breach Notification Period}",
                &["{Breach Notification Period}"],
            ),
            ("Retention: TBD", &["TBD"]),
            ("to be TBC.", &["TBC"]),
            (
                "within [Specify time period] of",
                &["[Specify time period]"],
            ),
            ("[insert name of standard]", &["[insert name of standard]"]),
            ("within ____ days", &["____"]),
            ("within [ ] days", &["[ ]"]),
            ("within [number of days] days", &["[number of days]"]),
            ("Security measures: N/A", &["N/A"]),
            ("N/A", &["N/A"]),
            ("| Encryption | N/A |", &["N/A"]),
            ("[ ] Supplier encrypts data at rest", &[]),
            ("[x] Supplier encrypts data at rest", &[]),
            ("- [X] MFA enabled", &[]),
            ("[X] days after termination", &["[X]"]),
            ("as described in [1]", &[]),
            ("see [2023] EWHC 1", &[]),
            ("[Drafting note: the period is usually 72 hours]", &[]),
            (
                "the N/A column is ignored where the value is N/A for Customer",
                &[],
            ),
            ("Supplier shall notify within 72 hours", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = find_placeholders(text)
                .into_iter()
                .map(|(s, e)| &text[s..e])
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn quantity_money_table() {
        // (text, span, amount, currency, fee_multiple, fee_linked)
        type Case<'a> = (
            &'a str,
            &'a str,
            Option<f64>,
            Option<&'a str>,
            Option<f64>,
            bool,
        );
        let cases: &[Case] = &[
            (
                "USD 5,000,000",
                "USD 5,000,000",
                Some(5e6),
                Some("USD"),
                None,
                false,
            ),
            ("$5M", "$5M", Some(5e6), Some("USD"), None, false),
            (
                "five million dollars ($5,000,000)",
                "five million dollars ($5,000,000)",
                Some(5e6),
                Some("USD"),
                None,
                false,
            ),
            ("EUR 2m", "EUR 2m", Some(2e6), Some("EUR"), None, false),
            (
                "€10 million",
                "€10 million",
                Some(1e7),
                Some("EUR"),
                None,
                false,
            ),
            (
                "£1,000,000",
                "£1,000,000",
                Some(1e6),
                Some("GBP"),
                None,
                false,
            ),
            (
                "$2.5 billion",
                "$2.5 billion",
                Some(2.5e9),
                Some("USD"),
                None,
                false,
            ),
            (
                "5,000,000 euros",
                "5,000,000 euros",
                Some(5e6),
                Some("EUR"),
                None,
                false,
            ),
            (
                "two times (2x) the annual Fees",
                "two times (2x) the annual Fees",
                None,
                None,
                Some(2.0),
                true,
            ),
            ("2x the fees", "2x the fees", None, None, Some(2.0), true),
            (
                "two times (2x) the Fees paid in the preceding 12 months and",
                "two times (2x) the Fees paid in the preceding 12 months",
                None,
                None,
                Some(2.0),
                true,
            ),
            (
                "200% of the fees paid",
                "200% of the fees paid",
                None,
                None,
                Some(2.0),
                true,
            ),
            (
                "the fees paid or payable in the twelve (12) months preceding the claim",
                "the fees paid or payable in the twelve (12) months preceding",
                None,
                None,
                Some(1.0),
                true,
            ),
            (
                "the total fees paid by Customer under this Agreement in the 12 months preceding",
                "the total fees paid by Customer under this Agreement in the 12 months preceding",
                None,
                None,
                Some(1.0),
                true,
            ),
        ];
        for (text, span, amount, cur, mult, linked) in cases {
            let v = find_money(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            let m = &v[0];
            assert_eq!(&text[m.span.0..m.span.1], *span, "{text}");
            assert_eq!(m.amount, *amount, "{text}");
            assert_eq!(m.currency.as_deref(), *cur, "{text}");
            assert_eq!(m.fee_multiple, *mult, "{text}");
            assert_eq!(m.fee_linked, *linked, "{text}");
        }
        assert!(find_money("within 72 hours, 99.9%").is_empty());
    }

    #[test]
    fn quantity_percentages_table() {
        let cases: &[(&str, &[f64])] = &[
            ("99.9%", &[99.9]),
            ("99.95 % uptime", &[99.95]),
            ("50 percent", &[50.0]),
            ("10 per cent and 99.99%", &[10.0, 99.99]),
            ("within 72 hours", &[]),
            ("version 1.2", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<f64> = find_percentages(text).into_iter().map(|x| x.1).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn money_period_after_a_non_ascii_name() {
        let t = "liability is capped at the fees paid to Müller in the preceding 12 months";
        let m = find_money(t);
        let m = m.first().expect("money");
        assert_eq!(
            &t[m.span.0..m.span.1],
            "the fees paid to Müller in the preceding 12 months"
        );
    }

    #[test]
    fn quantity_non_ascii_and_edges() {
        // Spans stay on char boundaries; no panics on odd input.
        let t = "Le fournisseur — notifiera dans les 72 heures; within 72 hours ✓ é";
        let v = find_durations(t);
        assert_eq!(v.len(), 1);
        for d in &v {
            let _ = bound_of(t, d);
            let _ = is_soft_cap(t, d);
            let _ = clock_start(t, d);
        }
        for t in [
            "",
            "(",
            ")",
            "T+",
            "[",
            "{",
            "$",
            "€",
            "é72 hours",
            "72 hours",
        ] {
            for d in find_durations(t) {
                let _ = (bound_of(t, &d), is_soft_cap(t, &d), clock_start(t, &d));
            }
            let _ = (find_frequencies(t), find_tls_versions(t), find_money(t));
            let _ = (find_placeholders(t), find_fips(t), find_aes_bits(t));
        }
    }
}
