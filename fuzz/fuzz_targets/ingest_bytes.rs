//! Fuzzes the format-detecting entry point `clauselint::ingest::read_bytes` (DOCX, OLE, Markdown and
//! plain text), with and without the Markdown hint.
#![no_main]

use clauselint::ingest::{read_bytes, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: 8 * 1024 * 1024,
        max_part_bytes: 16 * 1024 * 1024,
        max_xml_depth: 256,
        max_paragraphs: 100_000,
    };
    let _ = read_bytes(data, true, &limits);
    let _ = read_bytes(data, false, &limits);
});
