//! What the parsers share: the byte-span type, windows of text before and after a match cut at
//! clause breaks, the ASCII regex builder, and the macro that reads a pattern's named groups by
//! index.

use regex::{Captures, Regex};

/// A span of bytes in the input text.
pub type Span = (usize, usize);

/// ASCII word boundary (keeps the lazy DFA usable on non-ASCII text).
pub(super) const B: &str = r"(?-u:\b)";

pub(super) fn floor_cb(s: &str, mut i: usize) -> usize {
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
pub(super) fn before(text: &str, end: usize, n: usize) -> (usize, &str) {
    let end = floor_cb(text, end);
    let from = ceil_cb(text, end.saturating_sub(n)).min(end);
    (from, &text[from..end])
}

/// Up to `n` bytes of `text` from `start` (on a char boundary).
pub(super) fn after(text: &str, start: usize, n: usize) -> &str {
    let start = floor_cb(text, start);
    let to = floor_cb(text, start.saturating_add(n)).max(start);
    &text[start..to]
}

/// Byte index just after the last clause break (". ", ";", newline, "!", "?") in `s`, or 0.
pub(super) fn after_last_break(s: &str) -> usize {
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
pub(super) fn first_break(s: &str) -> usize {
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
pub(super) fn last_words_start(s: &str, n: usize) -> usize {
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

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(super) fn span_of(c: &Captures, name: &str) -> Option<Span> {
    c.name(name).map(|m| (m.start(), m.end()))
}

/// The text of `span` (empty if it is not a span of `text`).
pub(super) fn text_of(text: &str, span: Span) -> &str {
    text.get(span.0..span.1).unwrap_or_default()
}

/// The index of the group named `name` in `re`. The names are the pattern's own, so a missing one
/// is a programming error, caught when the pattern is first used (every pattern has tests).
pub(super) fn group_index(re: &Regex, name: &str) -> usize {
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
            whole: $crate::analysis::quantity::Span,
            $($group: Option<$crate::analysis::quantity::Span>),*
        }

        impl $indices {
            fn of(re: &::regex::Regex) -> Self {
                Self {
                    $($group: $crate::analysis::quantity::common::group_index(re, stringify!($group))),*
                }
            }

            fn read(&self, c: &::regex::Captures) -> $groups {
                let span = |i: usize| c.get(i).map(|m| (m.start(), m.end()));
                $groups {
                    whole: span(0).unwrap_or_default(),
                    $($group: span(self.$group)),*
                }
            }
        }
    };
}
pub(super) use regex_groups;

/// Compiles a pattern with Unicode off: `\w`, `\s` and case folding are ASCII, which keeps the
/// lazy DFAs small (Unicode `\w*` under `(?i)` made them rebuild states constantly). Normalised text
/// has only ASCII white space, and the words these patterns name are English; where a pattern skips
/// arbitrary words ("upon Société becoming aware"), it lets any non-ASCII character be part of a
/// word: `(?:[\w']|(?u:[^\x00-\x7F]))`. The placeholder pattern keeps Unicode throughout (bullet
/// signs, negated classes).
pub(super) fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).unicode(false).build()
}

/// `\s` of the patterns (ASCII, Unicode off): space, tab, line feed, vertical tab, form feed,
/// carriage return.
pub(super) fn is_pattern_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Helpers for the tests of the parser files.
#[cfg(test)]
pub(super) mod test_support {
    use super::*;

    /// The block texts of the labeled contracts.
    pub(in crate::analysis::quantity) fn labeled_texts() -> Vec<String> {
        crate::labeled::documents()
            .into_iter()
            .flat_map(|doc| doc.blocks.into_iter().map(|b| b.text))
            .collect()
    }

    /// Checks that `groups` gives, for every text, the groups the capture engine gives for every
    /// match of `re`, and that both paths are exercised: at least `least.0` matches read by
    /// `shortcut` and at least `least.1` left to the capture engine.
    pub(in crate::analysis::quantity) fn agree_with_the_capture_engine<
        G: PartialEq + std::fmt::Debug,
    >(
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
}
