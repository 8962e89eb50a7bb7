//! Fuzz target: any bytes read as a contract and analysed against the built-in baseline library
//! must never panic.
#![no_main]

use clauselint::analysis::analyze;
use clauselint::ingest::{read_bytes, Limits};
use clauselint::library::{Library, Selection};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LIB: OnceLock<(Library, Selection)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (lib, sel) = LIB.get_or_init(|| {
        let lib = Library::builtin().expect("library");
        let sel = lib.select(&["baseline".to_string()]).expect("baseline");
        (lib, sel)
    });
    if let Ok(ing) = read_bytes(data, true, &Limits::default()) {
        let _ = analyze(&ing.document, ing.source.as_deref(), lib, sel);
    }
});
