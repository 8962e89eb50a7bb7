//! Text normalisation for matching, with a map back to the source.
//!
//! Readers feed a block's text in chunks ([`BlockText::push`]), each with the source byte offset it came
//! from. The result is NFKC-normalised, with curly quotes and dashes made plain, non-breaking and other
//! spaces turned into plain spaces, soft hyphens dropped and runs of white space (line wraps included)
//! folded into one space; a word hyphenated at a line end ("inci-\ndent") is joined again.

use crate::document::SourcePoint;
use unicode_normalization::UnicodeNormalization;

/// Maps one character to its matching form, or `None` to drop it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
        | '\u{0060}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c if c.is_control() => ' ',
        c => c,
    })
}

/// Normalises a whole string for matching (no source map).
pub fn normalize(s: &str) -> String {
    let mut b = BlockText::default();
    b.push(s, 0);
    b.finish().0
}

/// Accumulates one block's normalised text and its source map.
#[derive(Debug, Default, Clone)]
pub struct BlockText {
    text: String,
    map: Vec<SourcePoint>,
    /// A space is owed before the next non-space character.
    pending_space: bool,
}

impl BlockText {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text so far (without a pending trailing space).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends a chunk that starts at `source_offset` in the source.
    pub fn push(&mut self, chunk: &str, source_offset: usize) {
        if chunk.is_empty() {
            return;
        }
        let source_offset = u32::try_from(source_offset).unwrap_or(u32::MAX);
        let mut marked = false;
        // Commonest of all: words separated by single spaces, no other white space. Copied whole.
        let body = chunk.trim_matches(' ');
        if is_plain_words(body.as_bytes()) {
            self.text.reserve(body.len() + 1);
            if chunk.starts_with(' ') && !self.text.is_empty() {
                self.pending_space = true;
            }
            self.before_word(&mut marked, source_offset);
            self.text.push_str(body);
            if chunk.ends_with(' ') {
                self.pending_space = true;
            }
            return;
        }
        // Fast path for ASCII: copy runs of ordinary bytes whole.
        if chunk.is_ascii() && !chunk.contains('`') {
            self.text.reserve(chunk.len() + 1);
            let bytes = chunk.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] <= b' ' || bytes[i] == 0x7f {
                    if !self.text.is_empty() {
                        self.pending_space = true;
                    }
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i] > b' ' && bytes[i] != 0x7f {
                    i += 1;
                }
                self.before_word(&mut marked, source_offset);
                self.text.push_str(&chunk[start..i]);
            }
            return;
        }
        // NFKC only where needed: it is costly and most contract text is ASCII.
        let owned;
        let chunk: &str = if chunk.is_ascii() {
            chunk
        } else {
            owned = chunk.nfkc().collect::<String>();
            &owned
        };
        for c in chunk.chars() {
            let Some(c) = fold_char(c) else { continue };
            if c == ' ' {
                if !self.text.is_empty() {
                    self.pending_space = true;
                }
                continue;
            }
            // Line-end hyphenation is undone by `push_line_break`, which readers call instead of
            // pushing "\n"; here a pending space is always a space.
            self.before_word(&mut marked, source_offset);
            self.text.push(c);
        }
    }

    /// Before text is appended: pay an owed space, and map the chunk's first character to its source
    /// offset (once per chunk).
    fn before_word(&mut self, marked: &mut bool, source_offset: u32) {
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
        if !*marked {
            self.map.push(SourcePoint {
                text: self.text.len() as u32,
                source: source_offset,
            });
            *marked = true;
        }
    }

    /// A soft line break inside a paragraph: joins the lines with one space, or with nothing when the
    /// line ended in a hyphen after a lowercase letter and the next starts in lowercase ("inci-\ndent").
    pub fn push_line_break(&mut self, next_line: &str, source_offset: usize) {
        let joins_hyphenated = self.text.ends_with('-')
            && self
                .text
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_lowercase())
            && next_line.chars().next().is_some_and(|c| c.is_lowercase());
        if joins_hyphenated {
            self.text.pop();
            self.pending_space = false;
            let before = self.text.len();
            self.push(next_line, source_offset);
            // `push` would have inserted no space since pending_space is false.
            debug_assert!(self.text.len() >= before);
        } else {
            self.pending_space = !self.text.is_empty();
            self.push(next_line, source_offset);
        }
    }

    /// Owes a separating space (e.g. between table cells or after `<br/>`).
    pub fn push_space(&mut self) {
        if !self.text.is_empty() {
            self.pending_space = true;
        }
    }

    /// Returns the text and its source map.
    pub fn finish(self) -> (String, Vec<SourcePoint>) {
        (self.text, self.map)
    }
}

/// Whether every byte is printable ASCII (space to `~`). No early exit, so the loop vectorises:
/// most chunks pass, and this check ran over every byte of every contract.
/// Whether `body` is words separated by single spaces and nothing else to normalise: not empty,
/// printable ASCII other than '`' (which folds to a quote), no two spaces in a row. One pass over
/// byte pairs without a branch per byte, 64 bytes between early exits.
fn is_plain_words(body: &[u8]) -> bool {
    let plain = |b: u8| (b.wrapping_sub(b' ') < 0x5f) & (b != b'`');
    let Some((&last, heads)) = body.split_last() else {
        return false;
    };
    let nexts = &body[1..];
    plain(last)
        && heads.chunks(64).zip(nexts.chunks(64)).all(|(h, n)| {
            h.iter().zip(n).fold(true, |ok, (&a, &b)| {
                ok & plain(a) & !((a == b' ') & (b == b' '))
            })
        })
}

/// Maps a byte offset in a block's normalised text to a byte offset in the source, using the block's
/// source map. Within a chunk the offset is carried over one to one (exact for ASCII text).
pub fn to_source_offset(map: &[SourcePoint], text_offset: usize) -> Option<usize> {
    let t = text_offset as u32;
    let idx = map.partition_point(|p| p.text <= t);
    let p = map.get(idx.checked_sub(1)?)?;
    Some((p.source + (t - p.text)) as usize)
}

/// The 1-based line and column (in code points) of `offset` in `src`, given that `anchor` lies on
/// line `anchor_line`: counts only the lines between the two, so locating a few quotes in a
/// document needs no index of all its lines. Same result as [`LineIndex::line_col`].
pub fn line_col_from(src: &str, anchor: usize, anchor_line: u32, offset: usize) -> (u32, u32) {
    let bytes = src.as_bytes();
    let offset = offset.min(bytes.len());
    let (from, from_line) = if anchor <= offset {
        (anchor, anchor_line)
    } else {
        (0, 1)
    };
    let line = from_line as usize + memchr::memchr_iter(b'\n', &bytes[from..offset]).count();
    let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
    (line as u32, column_of(src, line_start, offset))
}

/// Line and column look-ups for offsets that mostly come in increasing order (a reader's blocks):
/// each counts only the lines since the one before, so reading a document needs no index of all
/// its lines. Same results as [`LineIndex::line_col`], in any order.
#[derive(Debug, Clone)]
pub struct LineCursor<'s> {
    src: &'s str,
    at: usize,
    line: u32,
}

impl<'s> LineCursor<'s> {
    pub fn new(src: &'s str) -> Self {
        LineCursor {
            src,
            at: 0,
            line: 1,
        }
    }

    /// 1-based line and column (columns count Unicode code points) of `offset`.
    pub fn line_col(&mut self, offset: usize) -> (u32, u32) {
        let (line, column) = line_col_from(self.src, self.at, self.line, offset);
        let offset = offset.min(self.src.len());
        if offset >= self.at {
            (self.at, self.line) = (offset, line);
        }
        (line, column)
    }
}

/// The 1-based column (in code points) of `offset` on the line that starts at `line_start`.
fn column_of(src: &str, line_start: usize, offset: usize) -> u32 {
    let column = src
        .get(line_start..offset)
        .map(|s| s.chars().count())
        .unwrap_or(offset - line_start);
    column as u32 + 1
}

/// Line starts of a source, for byte offset to line:column conversion: the reference the cheaper
/// look-ups are tested against.
#[cfg(test)]
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

#[cfg(test)]
impl LineIndex {
    pub fn new(src: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and column (columns count Unicode code points).
    pub fn line_col(&self, src: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(src.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        (line as u32 + 1, column_of(src, self.starts[line], offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_spaces_and_ligatures() {
        assert_eq!(
            normalize("\u{201C}Security\u{00A0}Incident\u{201D}  means\n\u{FB01}ne"),
            "\"Security Incident\" means fine"
        );
        assert_eq!(normalize("TLS\u{2011}1.2 \u{2013} AES"), "TLS-1.2 - AES");
        assert_eq!(normalize("soft\u{00AD}ware"), "software");
    }

    #[test]
    fn joins_hyphenated_line_ends() {
        let mut b = BlockText::new();
        b.push("Security inci-", 0);
        b.push_line_break("dent notice", 20);
        assert_eq!(b.finish().0, "Security incident notice");
        let mut b = BlockText::new();
        b.push("seventy-", 0);
        b.push_line_break("Two", 20);
        assert_eq!(b.finish().0, "seventy- Two");
    }

    #[test]
    fn line_cursor_agrees_with_the_index_in_any_order() {
        let src =
            "# Title\n\nFirst para\ngraph, wrapped.\n\n- item \u{e9}t\u{e9}\n  more\n\nLast\n";
        let index = LineIndex::new(src);
        let mut cursor = LineCursor::new(src);
        let forward = 0..=src.len() + 2;
        let backward = (0..=src.len()).rev();
        let jumps = [40, 3, 3, 57, 0, 12, 200, 25];
        for offset in forward.chain(backward).chain(jumps) {
            assert_eq!(
                cursor.line_col(offset),
                index.line_col(src, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn line_col_from_an_anchor_agrees_with_the_index() {
        let src = "# Title\n\nFirst para\ngraph, wrapped.\n\n- item \u{e9}t\u{e9}\n  more\n\nLast";
        let index = LineIndex::new(src);
        for anchor in 0..=src.len() {
            let (anchor_line, _) = index.line_col(src, anchor);
            for offset in 0..=src.len() + 2 {
                assert_eq!(
                    line_col_from(src, anchor, anchor_line, offset),
                    index.line_col(src, offset),
                    "anchor {anchor}, offset {offset}"
                );
            }
        }
    }

    #[test]
    fn source_map_points_back() {
        let mut b = BlockText::new();
        b.push("Hello", 10);
        b.push_space();
        b.push("world", 40);
        let (text, map) = b.finish();
        assert_eq!(text, "Hello world");
        assert_eq!(to_source_offset(&map, 0), Some(10));
        assert_eq!(to_source_offset(&map, 6), Some(40));
        assert_eq!(to_source_offset(&map, 8), Some(42));
    }

    /// Chunks of space-separated ASCII words (copied whole) give the same text and source map as
    /// the same chunks with a tab in them (copied word by word).
    #[test]
    fn whole_chunk_copy_equals_word_by_word() {
        let chunks = [
            " Supplier shall",
            "notify ",
            "  ",
            "Customer  within",
            " 72 hours.",
            "x",
        ];
        let mut fast = BlockText::new();
        let mut slow = BlockText::new();
        for (i, c) in chunks.iter().enumerate() {
            fast.push(c, i * 100);
            slow.push(&c.replace(' ', "\t"), i * 100);
        }
        let (fast_text, fast_map) = fast.finish();
        let (slow_text, slow_map) = slow.finish();
        // Chunks join where no white space separates them (a text event may end inside a word).
        assert_eq!(fast_text, "Supplier shallnotify Customer within 72 hours.x");
        assert_eq!(fast_text, slow_text);
        assert_eq!(fast_map, slow_map);
    }

    /// The single pass agrees with its definition for every byte, alone and in a long text, and
    /// for a double space at every position across the 64-byte steps.
    #[test]
    fn plain_words_are_printable_ascii_without_backtick_or_double_space() {
        let definition = |body: &[u8]| {
            !body.is_empty()
                && body
                    .iter()
                    .all(|&b| (b' '..=b'~').contains(&b) && b != b'`')
                && !body.windows(2).any(|w| w == b"  ")
        };
        let long = b"Supplier shall notify Customer of a breach. ".repeat(5);
        for b in 0..=255u8 {
            for at in [0, 1, 63, 64, 65, long.len() - 1] {
                let mut text = long.clone();
                text[at] = b;
                assert_eq!(
                    is_plain_words(&text),
                    definition(&text),
                    "byte {b:#04x} at {at}"
                );
            }
            assert_eq!(is_plain_words(&[b]), definition(&[b]), "byte {b:#04x}");
        }
        for at in 0..long.len() - 1 {
            let mut text = long.clone();
            text[at] = b' ';
            text[at + 1] = b' ';
            assert!(!is_plain_words(&text), "double space at {at}");
        }
        assert!(!is_plain_words(b""));
        assert!(is_plain_words(&long));
    }

    #[test]
    fn line_index_counts_code_points() {
        let src = "ab\ncé d\n";
        let li = LineIndex::new(src);
        assert_eq!(li.line_col(src, 0), (1, 1));
        assert_eq!(li.line_col(src, 3), (2, 1));
        let d = src.find('d').unwrap();
        assert_eq!(li.line_col(src, d), (2, 4));
    }
}
