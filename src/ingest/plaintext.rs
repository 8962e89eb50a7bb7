//! Plain-text reader: decodes the bytes (UTF-8, UTF-8/UTF-16 with BOM, or a detected legacy encoding)
//! and recognises structure: paragraphs split at blank lines, numbered clause lines ("12.3 Title",
//! "(a) …") and short title lines as headings.

use crate::document::{Block, BlockKind, Document, Format, Location, SectionTracker};
use crate::ingest::{clause_number, IngestError, Limits};
use crate::text::{BlockText, LineCursor};
use std::borrow::Cow;

/// Decodes a text file's bytes. BOMs decide when present; otherwise UTF-8 if valid, else the encoding
/// chardetng detects (windows-1252 and the like). Binary data (NUL bytes) is refused.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(IngestError::Encoding {
                encoding: enc.name().to_string(),
                detail: "invalid byte sequence".into(),
            });
        }
        return Ok(text.into_owned());
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(IngestError::Binary(
            "contains NUL bytes; UTF-16 text needs a byte-order mark".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Allow);
            if enc == encoding_rs::UTF_8 {
                return Err(IngestError::Encoding {
                    encoding: "UTF-8".into(),
                    detail: format!("invalid byte at offset {}", e.valid_up_to()),
                });
            }
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(IngestError::Encoding {
                    encoding: enc.name().to_string(),
                    detail: format!(
                        "undecodable bytes (first invalid UTF-8 byte at offset {})",
                        e.valid_up_to()
                    ),
                });
            }
            Ok(text.into_owned())
        }
    }
}

/// Decodes Markdown, which must be UTF-8 (CommonMark); a BOM is accepted.
/// Bytes it owns become the text without a copy (unless a byte order mark leads them).
pub fn decode_utf8_only(bytes: Cow<'_, [u8]>) -> Result<String, IngestError> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 {
            return decode(&bytes);
        }
    }
    let invalid = |e: std::str::Utf8Error| IngestError::Encoding {
        encoding: "UTF-8".into(),
        detail: format!(
            "invalid byte at offset {} (Markdown must be UTF-8; re-save the file as UTF-8)",
            e.valid_up_to()
        ),
    };
    match bytes {
        Cow::Owned(bytes) if !bytes.starts_with(b"\xEF\xBB\xBF") => {
            String::from_utf8(bytes).map_err(|e| invalid(e.utf8_error()))
        }
        bytes => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            std::str::from_utf8(body)
                .map(str::to_string)
                .map_err(invalid)
        }
    }
}

/// Reads plain text into a document.
pub fn read_text(src: &str, limits: &Limits) -> Result<Document, IngestError> {
    let mut lines = LineCursor::new(src);
    let mut doc = Document::new(Format::Text);
    let mut sections = SectionTracker::new();
    let mut cur: Option<(BlockText, usize)> = None;

    let mut offset = 0usize;
    for raw in src.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        if trimmed.is_empty() {
            flush(&mut doc, &mut sections, &mut cur, &mut lines, limits)?;
            continue;
        }
        let starts_clause = clause_number::split(trimmed).is_some();
        let is_title = is_title_line(trimmed);
        if starts_clause || is_title {
            flush(&mut doc, &mut sections, &mut cur, &mut lines, limits)?;
        }
        match cur.as_mut() {
            Some((text, _)) => text.push_line_break(trimmed, line_start + lead),
            None => {
                let mut t = BlockText::new();
                t.push(trimmed, line_start + lead);
                cur = Some((t, line_start + lead));
            }
        }
        if is_title {
            flush(&mut doc, &mut sections, &mut cur, &mut lines, limits)?;
        }
    }
    flush(&mut doc, &mut sections, &mut cur, &mut lines, limits)?;
    Ok(doc)
}

/// A heading line: all capitals ("MASTER SERVICES AGREEMENT"), or a clause number followed by a title
/// ("12.3 Security Incidents").
fn is_title_line(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && line.len() < 90 {
        return true;
    }
    match clause_number::split(line) {
        Some(c) if c.depth >= 1 => clause_number::looks_like_title(&line[c.rest_offset..]),
        _ => false,
    }
}

fn flush(
    doc: &mut Document,
    sections: &mut SectionTracker,
    cur: &mut Option<(BlockText, usize)>,
    lines: &mut LineCursor,
    limits: &Limits,
) -> Result<(), IngestError> {
    let Some((text, start)) = cur.take() else {
        return Ok(());
    };
    let (text, map) = text.finish();
    if text.is_empty() {
        return Ok(());
    }
    if doc.blocks.len() >= limits.max_paragraphs {
        return Err(IngestError::TooManyParagraphs {
            limit: limits.max_paragraphs,
        });
    }
    let (line, column) = lines.line_col(start);
    let number = clause_number::split(&text);
    let (kind, section) = if is_title_line(&text) {
        let (num, title, depth) = match &number {
            Some(c) => (
                c.number.to_string(),
                text[c.rest_offset..].to_string(),
                c.depth,
            ),
            None => (String::new(), text.clone(), 0),
        };
        let title = title.trim_end_matches(['.', ':']).to_string();
        let level = if depth == 0 { 1 } else { 1 + depth };
        let idx = sections.open(&mut doc.sections, level, num, title);
        (BlockKind::Heading { level }, Some(idx))
    } else {
        match &number {
            Some(c) if c.depth >= 1 => {
                let title = clause_number::leading_title(&text[c.rest_offset..])
                    .unwrap_or_default()
                    .to_string();
                let idx =
                    sections.open(&mut doc.sections, 1 + c.depth, c.number.to_string(), title);
                (BlockKind::Paragraph, Some(idx))
            }
            Some(_) => (BlockKind::ListItem { depth: 0 }, sections.current()),
            None => (BlockKind::Paragraph, sections.current()),
        }
    };
    doc.blocks.push(Block {
        kind,
        label: String::new(),
        text,
        section,
        location: Location::Line { line, column },
        source_range: Some((start as u32, start as u32)),
        source_map: map,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_legacy() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hi".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "hi");
        // windows-1252 curly quotes and section sign
        let s = decode(b"\x93Supplier\x94 shall comply with \xa7 5 and the \x93Agreement\x94.")
            .unwrap();
        assert!(s.contains('\u{201C}') && s.contains('§'), "{s}");
        assert!(decode(b"a\0b").is_err());
        assert!(decode_utf8_only(Cow::Borrowed(b"ok \xff")).is_err());
        assert!(decode_utf8_only(Cow::Owned(b"ok \xff".to_vec())).is_err());
        for bytes in [&b"caf\xC3\xA9"[..], b"\xEF\xBB\xBFcaf\xC3\xA9"] {
            assert_eq!(decode_utf8_only(Cow::Borrowed(bytes)).unwrap(), "caf\u{e9}");
            assert_eq!(
                decode_utf8_only(Cow::Owned(bytes.to_vec())).unwrap(),
                "caf\u{e9}"
            );
        }
    }

    #[test]
    fn structure_from_numbered_lines() {
        let src = "MASTER SERVICES AGREEMENT\n\n12. SECURITY\n12.3 Security Incidents\nSupplier shall notify\nCustomer within 72 hours.\n(a) first item\n";
        let d = read_text(src, &Limits::default()).unwrap();
        let p = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Supplier shall"))
            .unwrap();
        assert_eq!(p.text, "Supplier shall notify Customer within 72 hours.");
        assert_eq!(p.location, Location::Line { line: 5, column: 1 });
        assert_eq!(
            d.section_path(p.section),
            vec![
                "MASTER SERVICES AGREEMENT",
                "12 SECURITY",
                "12.3 Security Incidents"
            ]
        );
        assert!(d.blocks.iter().any(|b| b.text == "(a) first item"));
    }
}
