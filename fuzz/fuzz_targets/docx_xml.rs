//! Fuzzes the DOCX XML parsers directly: the input, split on 0xFF bytes, becomes document.xml,
//! numbering.xml, styles.xml, footnotes.xml and comments.xml of a stored (uncompressed) package, so
//! mutations reach the XML streamer instead of dying on zip checksums.
#![no_main]

use clauselint::ingest::docx::{read_docx_revision, Revision};
use clauselint::ingest::Limits;
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let names = [
        "word/document.xml",
        "word/numbering.xml",
        "word/styles.xml",
        "word/footnotes.xml",
        "word/comments.xml",
    ];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    if w.start_file("_rels/.rels", opts).is_err() || w.write_all(RELS).is_err() {
        return;
    }
    for (name, part) in names.iter().zip(data.split(|&b| b == 0xFF)) {
        if w.start_file(*name, opts).is_err() || w.write_all(part).is_err() {
            return;
        }
    }
    let Ok(bytes) = w.finish() else { return };
    let bytes = bytes.into_inner();
    let limits = Limits {
        max_file_bytes: 8 * 1024 * 1024,
        max_part_bytes: 4 * 1024 * 1024,
        max_xml_depth: 256,
        max_paragraphs: 100_000,
    };
    for rev in [Revision::Accepted, Revision::Original] {
        if let Ok(doc) = read_docx_revision(&bytes, &limits, rev) {
            for b in doc.blocks.iter().chain(&doc.notes) {
                if let Some(s) = b.section {
                    assert!(s < doc.sections.len());
                }
            }
        }
    }
});
