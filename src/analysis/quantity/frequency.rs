//! Frequencies ("annually", "every twelve (12) months", "twice a year", "periodically") as the
//! interval between events in months ([`find_frequencies`]).

use super::common::{ascii_regex, is_pattern_space, regex_groups, text_of, Span, B};
use super::numbers::{num_value, parse_digits, parse_ordinal, wseq, DIG, ORD_WORD};
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
        r"(?i){lead}(?:(?P<every>(?:once\s+)?every\s+(?:(?P<eo>other|{B}[0-9]+(?:st|nd|rd|th){B}|{ORD_WORD})\s+|(?P<en>{B}{DIG}|{w})\s*(?:\(\s*(?P<end>{DIG})\s*\)\s*)?(?:-\s*)?)?(?P<ec>(?:calendar|contract)\s+)?(?P<eu>{fu}){B})|(?P<times>(?P<tn>once|twice|thrice|(?:{B}{DIG}|{w})\s*(?:\(\s*{DIG}\s*\)\s*)?times?)\s+(?:a|per|each|every|(?:in|during)\s+(?:any|each|every|a))\s+(?:period\s+of\s+)?(?:(?:consecutive|rolling)\s+)?(?P<tc>(?:calendar|contract)\s+)?(?:(?P<tq>{B}{DIG}|{w})\s*(?:\(\s*(?P<tqd>{DIG})\s*\)\s*)?(?:-\s*)?)?(?P<tu>{fu}|annum){B}(?:\s+period{B})?)|(?P<per>(?:in|during)\s+(?:any|each|every)\s+(?:(?:consecutive|rolling)\s+)?period\s+of\s+(?:(?:consecutive|rolling)\s+)?(?P<pq>{B}{DIG}|{w})\s*(?:\(\s*(?P<pqd>{DIG})\s*\)\s*)?(?:-\s*)?(?P<pu>{fu}){B})|(?P<each>(?:each|every)\s+(?:anniversary|january|february|march|april|may|june|july|august|september|october|november|december){B}|(?:each|per)\s+(?P<eac>(?:calendar|contract)\s+)?(?P<eau>year|month|quarter|week|day){B}|per\s+annum{B})|(?P<adv>{B}(?:semi-?annually|half-yearly|bi-?annually|bi-?ennially|annually|yearly|quarterly|semi-?monthly|bi-?monthly|monthly|bi-?weekly|fortnightly|weekly|daily|on\s+an?\s+(?:annual|yearly|semi-annual|quarterly|monthly|weekly|daily)\s+basis){B})|(?P<vague>{B}(?:periodically|on\s+a\s+periodic\s+basis|periodic|from\s+time\s+to\s+time|regularly|on\s+a\s+regular\s+basis|at\s+regular\s+intervals|as\s+needed|on\s+an\s+as[\s-]needed\s+basis|as[\s-]needed|routinely|on\s+a\s+routine\s+basis|on\s+an\s+ad[\s-]hoc\s+basis|ad[\s-]hoc){B}))"
    );
    ascii_regex(&pat).expect("frequency regex")
});

regex_groups!(FrequencyIndices => FrequencyGroups {
    every, eo, en, end, ec, eu, times, tn, tc, tq, tqd, tu, per, pq, pqd, pu, each, eac, eau, adv,
    vague,
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
    if l.starts_with('y') || l.starts_with("annum") {
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
/// twelve (12) months"/"at least once per year"/"one time in each period of 12 months"/"once during
/// any consecutive twelve-month period" → 12; "each calendar year"/"one time during each calendar
/// year" → 12 with `calendar`; "semi-annually"/"twice a year"/"twice per annum"/"every six months"
/// → 6; "quarterly"/"each quarter"/"every 3 months" → 3; "monthly" → 1; "weekly" → 0.25; "every two
/// years"/"every second year"/"every other year"/"biennially" → 24; "every 18 months" → 18; vague
/// ones ("periodically", "from time to time", "regularly", "as needed", "on a periodic basis") →
/// `f64::INFINITY` with `vague`. A count is always stated ("once", "N times", "every", "each",
/// "per", an adverb), so how long a right lasts ("for a period of two (2) years after
/// termination", "for 12 months thereafter") is no frequency.
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
            let n = if let Some(o) = group(g.eo) {
                // "every other year", "every second year", "every 3rd month".
                parse_ordinal(o).unwrap_or(2.0)
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
                    let num = t.strip_suffix("times").or_else(|| t.strip_suffix("time"));
                    let num = num.unwrap_or(&t).trim_end();
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
        } else if g.per.is_some() {
            // "(one audit) in any period of twenty-four (24) months": one event per period.
            let per = match (group(g.pqd), group(g.pq)) {
                (Some(d), _) => parse_digits(d),
                (None, Some(q)) => num_value(q),
                (None, None) => None,
            };
            let (Some(per), Some(u)) = (per, group(g.pu)) else {
                continue;
            };
            per * freq_unit_months(u)
        } else if g.each.is_some() {
            calendar = is_calendar(group(g.eac));
            match group(g.eau) {
                Some(u) => freq_unit_months(u),
                None => 12.0, // per annum, each anniversary, each January
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
            "one time in each period of 12 months",
            "once during any consecutive twelve (12) month period",
            "every second year",
            "every 3rd month",
            "twice per annum",
            "for two (2) years after termination",
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
            (
                "each January we send",
                "each January",
                12.0,
                false,
                false,
                false,
            ),
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

    /// Every frequency in `text` as (matched text, months, calendar).
    fn freqs(text: &str) -> Vec<(&str, f64, bool)> {
        find_frequencies(text)
            .into_iter()
            .map(|f| (&text[f.span.0..f.span.1], f.months, f.calendar))
            .collect()
    }

    /// The count stands before the noun ("one audit … in any period of 24 months"): the period
    /// alone gives the interval.
    #[test]
    fn a_period_with_the_count_before_the_noun() {
        for (text, months) in [
            (
                "one audit of its premises in any period of twenty-four (24) months",
                24.0,
            ),
            ("a single inspection during any period of 12 months", 12.0),
            (
                "no more than one audit in each period of eighteen months",
                18.0,
            ),
        ] {
            let f = find_frequencies(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].months, months, "{text}");
        }
        // How long a right lasts is still no frequency.
        assert!(
            find_frequencies("for a period of twenty-four (24) months after termination")
                .is_empty()
        );
    }

    #[test]
    fn frequency_counts_per_period_read_as_intervals() {
        // (text, months, calendar): one event per stated period, however the period is worded.
        let cases: &[(&str, f64, bool)] = &[
            // "once"/"one time"/"N times" + in/during/per + each/every/any/a + "period of" N units.
            ("one time in each period of 12 months", 12.0, false),
            ("once in every period of twelve (12) months", 12.0, false),
            ("once in any period of twelve months", 12.0, false),
            ("at least once during any period of 12 months", 12.0, false),
            (
                "once in any consecutive twelve (12) month period",
                12.0,
                false,
            ),
            ("once per 12-month period", 12.0, false),
            ("once in a 12 month period", 12.0, false),
            ("no less than once in any twelve-month period", 12.0, false),
            ("in each period of 6 months", 6.0, false),
            ("one time during each calendar year", 12.0, true),
            ("one (1) time per year", 12.0, false),
            ("1 time per contract year", 12.0, false),
            ("once during each year", 12.0, false),
            ("twice a year", 6.0, false),
            ("twice in each period of twelve (12) months", 6.0, false),
            ("two times per annum", 6.0, false),
            ("twice per annum", 6.0, false),
            ("four (4) times during each calendar year", 3.0, true),
            // "every" + an ordinal: every second year = every other year.
            ("every second year", 24.0, false),
            ("every 2nd year", 24.0, false),
            ("once every third year", 36.0, false),
            ("every second month", 2.0, false),
            ("every other year", 24.0, false),
            ("biennially", 24.0, false),
            ("bi-ennially", 24.0, false),
            ("each quarter", 3.0, false),
            ("every quarter", 3.0, false),
            ("once per quarter", 3.0, false),
            ("once each calendar quarter", 3.0, true),
        ];
        for (text, months, calendar) in cases {
            let v = freqs(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(v[0].0, *text, "{text}: the whole phrase");
            assert_eq!((v[0].1, v[0].2), (*months, *calendar), "{text}");
        }
    }

    #[test]
    fn survival_periods_are_not_frequencies() {
        // How long a right lasts ("for (a period of) N units after/following/thereafter") is no
        // interval between events.
        for text in [
            "at any time while the Services run and for two (2) years after they end",
            "for a period of three years following termination",
            "during the term and for 12 months thereafter",
            "for a period of two (2) years from termination",
            "for twelve (12) months after expiry or termination of this Agreement",
            "during the Term and for a period of six (6) months thereafter",
            "for one year following the end of the Term",
            "for the duration of this Agreement and for 24 months after",
        ] {
            assert!(
                find_frequencies(text).is_empty(),
                "{text}: {:?}",
                freqs(text)
            );
        }
        // The frequency next to a survival period is still read, and only it.
        for (text, freq, months) in [
            (
                "at least once a year during the term and for two (2) years after it ends",
                "at least once a year",
                12.0,
            ),
            (
                "once in each period of 12 months during the term and for a period of three years following termination",
                "once in each period of 12 months",
                12.0,
            ),
            (
                "twice per annum while the Services run and for 12 months thereafter",
                "twice per annum",
                6.0,
            ),
        ] {
            let v = freqs(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!((v[0].0, v[0].1), (freq, months), "{text}");
        }
    }
}
