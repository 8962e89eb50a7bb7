//! The clause library: its files load and validate, and every rule's own examples give the status and
//! reasons they state.

use clauselint::finding::Level;
use clauselint::library::{catalogue, Library};
use std::path::Path;

fn dir_library() -> Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("clause-library");
    Library::from_dir(&root).unwrap_or_else(|e| panic!("library does not load: {e}"))
}

#[test]
fn every_rule_example_gives_its_status_and_reasons() {
    let lib = dir_library();
    let (failures, count) = clauselint::selftest::run_examples(&lib);
    assert!(count > 0, "no examples ran");
    if !failures.is_empty() {
        let list: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        panic!(
            "{} of {count} rule examples failed:\n{}",
            failures.len(),
            list.join("\n")
        );
    }
}

#[test]
fn embedded_library_matches_the_directory() {
    let dir = dir_library();
    let embedded = Library::builtin().expect("embedded library loads");
    let a: Vec<&str> = dir.rules.iter().map(|r| r.id()).collect();
    let b: Vec<&str> = embedded.rules.iter().map(|r| r.id()).collect();
    assert_eq!(a, b);
}

#[test]
fn baseline_profile_requires_the_24_baseline_ids_in_catalogue_order() {
    let lib = dir_library();
    let sel = lib.select(&["baseline".to_string()]).unwrap();
    let ids: Vec<&str> = sel
        .entries
        .iter()
        .filter(|e| e.level == Level::Required)
        .map(|e| lib.rules[e.rule].id())
        .collect();
    let expected: Vec<&str> = catalogue::baseline_ids().collect();
    assert_eq!(ids, expected);
}

#[test]
fn baseline_recommends_the_other_16_and_the_library_has_all_40() {
    let lib = dir_library();
    assert_eq!(lib.rules.len(), 40);
    let sel = lib.select(&["baseline".to_string()]).unwrap();
    let rec: Vec<&str> = sel
        .entries
        .iter()
        .filter(|e| e.level == Level::Recommended)
        .map(|e| lib.rules[e.rule].id())
        .collect();
    let expected: Vec<&str> = catalogue::CATALOGUE[24..].iter().map(|c| c.0).collect();
    assert_eq!(rec, expected);
}
