//! JSON report (../shared/spec/report-json.md): the whole run as one document, or one line per
//! document (JSON Lines). The whole-run document can be written one document at a time
//! ([`JsonStream`]), byte for byte what serde's pretty printer gives for the whole [`Report`].

use super::{DocumentReport, Report, RunSummary, Tool};
use serde::Serialize;
use std::io::Write;

/// Writes the report as pretty-printed JSON.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut stream = JsonStream::begin(out, report.schema_version, &report.tool, &report.profiles)?;
    for d in &report.documents {
        stream.document(out, &JsonStream::render(d)?)?;
    }
    stream.finish(out, &report.summary)
}

/// Writes one document as one line of JSON.
pub fn write_line(out: &mut dyn Write, doc: &DocumentReport) -> std::io::Result<()> {
    out.write_all(&line(doc)?)
}

/// One document as one line of JSON, newline included. The same bytes as serde_json's compact
/// form (tested), written by sonic-rs, whose string escaping scans many bytes per step where
/// serde_json's takes one: most of a line is clause text and library wording (docs/design.md).
pub fn line(doc: &DocumentReport) -> std::io::Result<Vec<u8>> {
    // A line is 20–60 KB for a typical contract: room for most without regrowing.
    let mut line = Vec::with_capacity(64 * 1024);
    sonic_rs::to_writer(&mut line, doc).map_err(std::io::Error::other)?;
    line.push(b'\n');
    Ok(line)
}

/// The pretty-printed JSON report written piece by piece: the head (schema version, tool, profiles),
/// then each element of `documents` in order, then the summary. Only a count is kept between pieces,
/// so memory does not grow with the number of documents.
#[derive(Debug)]
pub struct JsonStream {
    documents: usize,
}

/// Indentation of the members of the top-level object, and of the elements of `documents`.
const MEMBER: &[u8] = b"  ";
const ELEMENT: &[u8] = b"    ";

/// Writes `value` pretty-printed as if nested at `indent`: every line after the first is indented.
/// Serialized JSON has no raw newline inside a string, so each newline is one of the layout's.
fn nested<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
    indent: &[u8],
) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent)?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

impl JsonStream {
    /// Writes everything before the first document.
    pub fn begin(
        out: &mut dyn Write,
        schema_version: u32,
        tool: &Tool,
        profiles: &[String],
    ) -> std::io::Result<JsonStream> {
        write!(
            out,
            "{{\n  \"schema_version\": {schema_version},\n  \"tool\": "
        )?;
        nested(out, tool, MEMBER)?;
        out.write_all(b",\n  \"profiles\": ")?;
        nested(out, profiles, MEMBER)?;
        out.write_all(b",\n  \"documents\": [")?;
        Ok(JsonStream { documents: 0 })
    }

    /// One document as an element of `documents` (its first line unindented); any thread may render.
    pub fn render(doc: &DocumentReport) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(8192);
        nested(&mut buf, doc, ELEMENT)?;
        Ok(buf)
    }

    /// Writes the next document, as given by [`JsonStream::render`].
    pub fn document(&mut self, out: &mut dyn Write, rendered: &[u8]) -> std::io::Result<()> {
        out.write_all(if self.documents == 0 { b"\n" } else { b",\n" })?;
        out.write_all(ELEMENT)?;
        out.write_all(rendered)?;
        self.documents += 1;
        Ok(())
    }

    /// Closes `documents` and writes the summary and the end of the report.
    pub fn finish(self, out: &mut dyn Write, summary: &RunSummary) -> std::io::Result<()> {
        if self.documents > 0 {
            out.write_all(b"\n")?;
            out.write_all(MEMBER)?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        nested(out, summary, MEMBER)?;
        out.write_all(b"\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(report: &Report) -> String {
        let mut buf = Vec::new();
        write(&mut buf, report).expect("write into memory");
        String::from_utf8(buf).expect("UTF-8")
    }

    fn whole(report: &Report) -> String {
        let mut s = serde_json::to_string_pretty(report).expect("serialize");
        s.push('\n');
        s
    }

    /// Every ASCII byte (controls, quote, backslash, DEL), non-ASCII text, the line and paragraph
    /// separators and a string of every escape in a row: the line is what serde_json gives.
    #[test]
    fn a_line_is_serde_jsons_compact_form() {
        let ascii: String = (0u8..=127).map(char::from).collect();
        let nasty = [
            ascii.clone(),
            "\u{2028}\u{2029} é ß 中文 🦀 \u{feff}".to_string(),
            "\"\\\n\r\t\u{8}\u{c}\u{1f}".repeat(40),
            "plain words of a clause, long enough to be scanned in vector steps. ".repeat(30),
        ];
        for text in &nasty {
            let doc = DocumentReport::error(text.clone(), format!("cause: {text}"));
            let line = line(&doc).expect("line");
            let mut expected = serde_json::to_vec(&doc).expect("serialize");
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8_lossy(&line),
                String::from_utf8_lossy(&expected)
            );
        }
        // Numbers of findings (parameters, thresholds): whole, fractional, huge and non-finite.
        let numbers: std::collections::BTreeMap<String, f64> = [
            72.0,
            0.1 + 0.2,
            1e21,
            1e300 * 10.0,
            -0.0,
            f64::INFINITY,
            f64::NAN,
            12.0 / 365.0,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), v))
        .collect();
        assert_eq!(
            sonic_rs::to_string(&numbers).expect("sonic-rs"),
            serde_json::to_string(&numbers).expect("serde_json")
        );
    }

    #[test]
    fn streamed_equals_the_whole_report_serialized() {
        let empty = Report::new(Vec::new(), Vec::new());
        assert_eq!(streamed(&empty), whole(&empty));

        let mut errors = Report::new(
            vec!["baseline".into(), "dora".into()],
            vec![
                DocumentReport::error("a \"quoted\"\nname.md".into(), "file not found".into()),
                DocumentReport::error("b.docx".into(), "encrypted DOCX\t(é)".into()),
            ],
        );
        errors.summary.skipped = 3;
        errors.summary.skipped_by_kind.insert(".pdf".into(), 2);
        errors.summary.skipped_by_kind.insert(".doc".into(), 1);
        assert_eq!(streamed(&errors), whole(&errors));
        assert!(streamed(&errors).contains("\"skipped_by_kind\": {\n      \".doc\": 1,"));
    }
}
