//! Recognises clause numbers typed at the start of a heading or paragraph ("12.3", "Section 5",
//! "(a)", "IV.", "Schedule 2") and splits them from the text that follows.

use regex::Regex;
use std::sync::LazyLock;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^((?i:section|article|clause|schedule|annex|exhibit|appendix|attachment|part)\s+",
        r"[0-9A-Z][0-9A-Za-z]*(?:\.[0-9]+)*\.?:?",
        r"|[0-9]{1,3}(?:\.[0-9]{1,3})+\.?",
        r"|[0-9]{1,3}[.)]",
        r"|\([a-zA-Z0-9]{1,4}\)",
        r"|[a-z][.)]",
        r"|[A-Z]\.",
        r"|[IVX]{1,5}\.",
        r")(?:\s+|$)",
    ))
    .expect("clause number regex")
});

/// The words that may open a clause number ("Section 5"), as in [`NUMBER`].
const NUMBER_WORDS: [&str; 9] = [
    "section",
    "article",
    "clause",
    "schedule",
    "annex",
    "exhibit",
    "appendix",
    "attachment",
    "part",
];

/// Whether [`NUMBER`] can match at the start of `text`: a cheap test of its first bytes (a digit, a
/// parenthesis, a Roman numeral, a letter before `.` or `)`, or one of [`NUMBER_WORDS`]). Most
/// paragraphs begin with an ordinary word and are settled here without running the regex.
fn may_start_with_number(text: &[u8]) -> bool {
    let Some(&first) = text.first() else {
        return false;
    };
    // The regex folds case by Unicode rules ("ſection" is "section"): leave any non-ASCII start to it.
    if !text[..text.len().min(16)].is_ascii() {
        return true;
    }
    if first.is_ascii_digit() || matches!(first, b'(' | b'I' | b'V' | b'X') {
        return true;
    }
    if !first.is_ascii_alphabetic() {
        return false;
    }
    matches!(text.get(1), Some(b'.' | b')'))
        || NUMBER_WORDS
            .iter()
            .any(|w| text.len() > w.len() && text[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
}

/// [`NUMBER`]'s match on a text that starts with a decimal number ("12.3 ", "5. ", "4) "), found
/// without the regex: `Some(Some(end))` for a match ending at `end` (after its white space),
/// `Some(None)` for certainly no match, `None` when unsure (the regex decides). Most numbered
/// clauses start this way, and the regex costs several hundred instructions per paragraph.
fn decimal_number(text: &[u8]) -> Option<Option<usize>> {
    let digits = |from: usize| {
        text[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let first = digits(0);
    if first == 0 || first > 3 {
        return None;
    }
    let mut end = first;
    let mut groups = 0;
    while text.get(end) == Some(&b'.') {
        let n = digits(end + 1);
        if n == 0 {
            break;
        }
        if n > 3 {
            return None;
        }
        end += 1 + n;
        groups += 1;
    }
    match text.get(end) {
        // "12.3." or "5." or "4)"
        Some(b'.') => end += 1,
        Some(b')') if groups == 0 => end += 1,
        // "12.3 Notice" (a decimal number needs no final period)
        _ if groups > 0 => {}
        // "72 hours": no number of a clause
        Some(b' ') | None => return Some(None),
        _ => return None,
    }
    // The white space after it, or the end of the text.
    match text.get(end) {
        None => Some(Some(end)),
        Some(b' ') => {
            let spaces = text[end..].iter().take_while(|&&b| b == b' ').count();
            match text.get(end + spaces) {
                Some(b) if !b.is_ascii() || b.is_ascii_whitespace() => None,
                _ => Some(Some(end + spaces)),
            }
        }
        _ => None,
    }
}

/// The end of [`NUMBER`]'s match at the start of `text`, if any.
fn number_end(text: &str) -> Option<usize> {
    match decimal_number(text.as_bytes()) {
        Some(known) => known,
        None => NUMBER.find(text).map(|m| m.end()),
    }
}

/// A clause number split off the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseNumber<'a> {
    /// The number as written, without a trailing period or colon ("12.3", "Section 5", "(a)").
    pub number: &'a str,
    /// Depth of a decimal number ("12" → 1, "12.3" → 2); 1 for words like "Section 5"; 0 for letters.
    pub depth: u8,
    /// Byte offset where the rest of the text starts.
    pub rest_offset: usize,
}

/// Splits a leading clause number off `text`.
pub fn split(text: &str) -> Option<ClauseNumber<'_>> {
    if !may_start_with_number(text.as_bytes()) {
        return None;
    }
    // `find`, not `captures`: the number is the match without its trailing white space, and the
    // capture engine costs far more on a long paragraph than the plain search.
    let whole_end = number_end(text)?;
    let num = text[..whole_end].trim_end();
    let number = num.trim_end_matches([':', ' ']);
    let numeric = number.contains('.') && number.chars().next().is_some_and(|c| c.is_ascii_digit());
    let dotted = number.ends_with('.') && number.len() > 1 && !number.starts_with('(');
    let number = if numeric || dotted {
        number.trim_end_matches('.')
    } else {
        number
    };
    let first = number.chars().next()?;
    let depth = if first.is_ascii_digit() {
        number.split('.').filter(|p| !p.is_empty()).count() as u8
    } else if first.is_ascii_uppercase() && number.len() > 2 {
        // "Section 5", "Schedule 2", roman numerals "IV"
        1
    } else {
        0
    };
    Some(ClauseNumber {
        number,
        depth,
        rest_offset: whole_end,
    })
}

/// Whether a line reads like a title rather than a sentence: short, no final period, mostly
/// capitalised words.
pub fn looks_like_title(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 90 || t.ends_with([';', ',']) {
        return false;
    }
    let body = t.trim_end_matches(['.', ':']);
    if body.contains(". ") {
        return false;
    }
    // Every word capitalised (or not a word: "(a)", "3.1"), or one of the small words of titles.
    let small = [
        "and", "or", "of", "the", "to", "for", "in", "on", "with", "a", "an", "by",
    ];
    let mut words = 0;
    for w in body.split_whitespace() {
        words += 1;
        let capitalised = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
        if words > 12 || !(capitalised || small.contains(&w)) {
            return false;
        }
    }
    words > 0
}

/// A clause's lead-in title: "Security Incidents. Provider will …" → "Security Incidents".
pub fn leading_title(text: &str) -> Option<&str> {
    // A title is at most 90 bytes (`looks_like_title`), and normalised text has no run of white
    // space before it: its end, if any, lies in the first 128 bytes.
    let mut window = text.len().min(128);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let head = &text.as_bytes()[..window];
    let end = memchr::memchr_iter(b'.', head).find(|&i| head.get(i + 1) == Some(&b' '))?;
    looks_like_title(&text[..end]).then(|| &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_numbers() {
        let c = split("12.3 Security Incidents").unwrap();
        assert_eq!((c.number, c.depth), ("12.3", 2));
        assert_eq!(
            &"12.3 Security Incidents"[c.rest_offset..],
            "Security Incidents"
        );
        assert_eq!(split("12.3. Notice").unwrap().number, "12.3");
        assert_eq!(split("5. Audit").unwrap().number, "5");
        assert_eq!(split("(a) the Supplier").unwrap().number, "(a)");
        assert_eq!(split("Section 7 Term").unwrap().number, "Section 7");
        assert_eq!(
            split("SCHEDULE 2 Service Levels").unwrap().number,
            "SCHEDULE 2"
        );
        assert_eq!(split("IV. Liability").unwrap().number, "IV");
        assert!(split("The Supplier shall").is_none());
        assert!(split("72 hours is the limit").is_none());
    }

    /// The first-byte test never rejects a text the regex would match.
    #[test]
    fn the_quick_test_never_hides_a_number() {
        let mut texts: Vec<String> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "md" || x == "txt") {
                    let src = std::fs::read_to_string(&p).unwrap_or_default();
                    texts.extend(
                        src.lines()
                            .map(|l| l.trim_start_matches(['#', ' ']).to_string()),
                    );
                }
            }
        }
        let firsts = [
            "", "1", "(", "I", "V", "X", "a", "Z", "é", "§", " ", "-", "*",
        ];
        let seconds = ["", ".", ")", " ", "2", "v", "ection 4 Term", "CHEDULE 2 x"];
        for f in firsts {
            for s in seconds {
                texts.push(format!("{f}{s} rest"));
                texts.push(format!("{f}{s}"));
            }
        }
        texts.extend(
            NUMBER_WORDS
                .iter()
                .map(|w| format!("{} 5 Title", w.to_uppercase())),
        );
        // Unicode case folding: the long s is an s.
        texts.extend(
            NUMBER_WORDS
                .iter()
                .map(|w| format!("{} 5 Title", w.replace('s', "\u{17F}"))),
        );
        let mut numbers = 0;
        for t in &texts {
            if NUMBER.is_match(t) {
                numbers += 1;
                assert!(may_start_with_number(t.as_bytes()), "{t:?}");
            }
        }
        assert!(
            numbers > 100,
            "only {numbers} numbered lines among {}",
            texts.len()
        );
    }

    /// The decimal fast path agrees with the regex wherever it answers.
    #[test]
    fn decimal_numbers_match_the_regex() {
        let parts = [
            "1", "12", "123", "1234", ".", "..", ")", " ", "  ", "x", "A", "\t", "\u{a0}", "é",
            ",", ":",
        ];
        let mut answered = 0;
        let mut check = |t: &str| {
            if let Some(known) = decimal_number(t.as_bytes()) {
                answered += 1;
                assert_eq!(known, NUMBER.find(t).map(|m| m.end()), "{t:?}");
            }
        };
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        check(&format!("{a}{b}{c}{d}"));
                        check(&format!("{a}{b}{c}{d} Title"));
                    }
                }
            }
        }
        for t in [
            "12.3 Notice",
            "12.3. Notice",
            "5. Audit",
            "4) x",
            "1.2.3.4 x",
            "72 hours",
        ] {
            check(t);
        }
        assert!(answered > 2_000, "{answered}");
    }

    #[test]
    fn leading_titles() {
        assert_eq!(
            leading_title("Security Incidents. Supplier shall notify."),
            Some("Security Incidents")
        );
        assert_eq!(leading_title("Supplier shall notify. Then more."), None);
    }

    #[test]
    fn titles() {
        assert!(looks_like_title("Security Incidents"));
        assert!(looks_like_title("Return and Deletion of Data"));
        assert!(!looks_like_title(
            "Supplier shall notify Customer within 72 hours."
        ));
    }
}
