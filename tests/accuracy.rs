//! Accuracy on labeled contracts: the project's own labeled set (fixtures/labeled, written and labeled
//! by someone who had not seen the rules) and the real contracts of ../shared/corpus (labels in
//! fixtures/corpus-labels). Prints agreement per requirement and the confusion of statuses, and fails
//! under floors that are raised as the engine improves.

mod common;

use clauselint::eval;
use clauselint::library::Library;
use std::path::Path;

/// Floors: raise them when the figures improve (docs/accuracy.md).
const LABELED_MIN_AGREEMENT: f64 = 0.85;
const LABELED_MAX_FALSE_SATISFIED: usize = 18;
const CORPUS_MIN_AGREEMENT: f64 = 0.76;
const CORPUS_MAX_FALSE_SATISFIED: usize = 22;

fn report(score: &eval::Score, title: &str) {
    println!("{}", score.to_markdown(title));
    for (doc, id, label, got) in &score.disagreements {
        println!(
            "  {doc}: {id}: labeled {}, got {}",
            label.as_str(),
            got.as_str()
        );
    }
    for (doc, e) in &score.errors {
        println!("  {doc}: ERROR {e}");
    }
}

#[test]
fn labeled_fixtures_accuracy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labeled");
    let labeled = eval::load_labels(&root, &root).expect("labels load");
    assert!(
        labeled.len() >= 15,
        "the labeled set has {} contracts",
        labeled.len()
    );
    let lib = Library::builtin().expect("library");
    let sel = lib.select(&["baseline".to_string()]).expect("baseline");
    let score = eval::score(&labeled, &lib, &sel);
    report(&score, "fixtures/labeled (baseline)");
    assert!(
        score.errors.is_empty(),
        "unreadable labeled documents: {:?}",
        score.errors
    );
    assert!(
        score.agreement() >= LABELED_MIN_AGREEMENT,
        "agreement {:.3} fell under the floor {LABELED_MIN_AGREEMENT}",
        score.agreement()
    );
    assert!(
        score.false_satisfied.len() <= LABELED_MAX_FALSE_SATISFIED,
        "{} false 'satisfied' verdicts (at most {LABELED_MAX_FALSE_SATISFIED})",
        score.false_satisfied.len()
    );
}

#[test]
fn shared_corpus_accuracy() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let labels = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus-labels");
    let labeled = eval::load_labels(&labels, &shared.join("corpus")).expect("labels load");
    let lib = Library::builtin().expect("library");
    let sel = lib.select(&["baseline".to_string()]).expect("baseline");
    let score = eval::score(&labeled, &lib, &sel);
    report(&score, "../shared/corpus (baseline)");
    assert!(
        score.agreement() >= CORPUS_MIN_AGREEMENT,
        "agreement {:.3} fell under the floor {CORPUS_MIN_AGREEMENT}",
        score.agreement()
    );
    assert!(score.false_satisfied.len() <= CORPUS_MAX_FALSE_SATISFIED);
}
