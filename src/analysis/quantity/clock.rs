//! The event a duration's clock runs from ([`clock_start`]): awareness, confirmation, the end of
//! an investigation, a request, termination.

use super::common::{
    after, after_last_break, ascii_regex, before, first_break, floor_cb, span_of, word_count, Span,
};
use super::durations::DurationMatch;
use regex::{Captures, Regex};
use std::sync::LazyLock;

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

#[cfg(test)]
mod tests {
    use super::super::durations::{bound_of, find_durations, Bound};
    use super::*;

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
        let d = find_durations(t);
        assert_eq!(d.len(), 1, "{t}: {d:?}");
        let d = &d[0];
        assert_eq!(d.hours, 120.0);
        assert_eq!(bound_of(t, d), Bound::Max);
        assert_eq!(clock_start(t, d).0, Awareness);
    }
}
