//! Frequencies ("annually", "every twelve (12) months", "twice a year", "periodically") as the
//! interval between events in months ([`find_frequencies`]).

use super::common::{ascii_regex, is_pattern_space, regex_groups, text_of, Span, B};
use super::numbers::{num_value, parse_digits, wseq, DIG};
use regex::Regex;
use std::sync::LazyLock;

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

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{agree_with_the_capture_engine, labeled_texts};
    use super::*;

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
}
