//! Fuzzes the DOCX reader on arbitrary bytes (both revision views), with limits small enough that
//! every input finishes quickly. Seed it with real DOCX files for deep coverage.
#![no_main]

use clauselint::ingest::docx::{read_docx_revision, Revision};
use clauselint::ingest::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: 8 * 1024 * 1024,
        max_part_bytes: 16 * 1024 * 1024,
        max_xml_depth: 256,
        max_paragraphs: 100_000,
    };
    for rev in [Revision::Accepted, Revision::Original] {
        if let Ok(doc) = read_docx_revision(data, &limits, rev) {
            for b in &doc.blocks {
                if let Some(s) = b.section {
                    assert!(s < doc.sections.len());
                }
            }
            let _ = doc.plain_text();
        }
    }
});
