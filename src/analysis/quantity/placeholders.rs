//! Template placeholders left in a contract ("[__]", "{Notice Period}", "TBD", "N/A" standing
//! alone), told apart from checkboxes, footnote references and drafting notes.

use super::common::{after, ascii_regex, Span};
use super::durations::UNIT;
use regex::Regex;
use std::sync::LazyLock;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
