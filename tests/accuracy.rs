//! Accuracy on labeled contracts: the project's own labeled set (fixtures/labeled, written and labeled
//! by someone who had not seen the rules), the blind batches (fixtures/blind/batch-*, written from the
//! spec alone in drafting styles new to the project), the real contracts of ../shared/corpus (labels
//! in fixtures/corpus-labels) and the classes of misjudgement in ../shared/accuracy. Prints agreement
//! per requirement and the confusion of statuses, and fails under floors that are raised as the
//! engine improves.

mod common;

use clauselint::eval;
use clauselint::library::Library;
use std::path::Path;

/// Floors: raise them when the figures improve (docs/accuracy.md).
const LABELED_MIN_AGREEMENT: f64 = 0.88;
const LABELED_MAX_FALSE_SATISFIED: usize = 14;
const CORPUS_MIN_AGREEMENT: f64 = 0.79;
const CORPUS_MAX_FALSE_SATISFIED: usize = 14;
/// Per blind batch: (directory, agreement floor, false-satisfied ceiling). Batches of eight
/// contracts are allowed (the newest was written short).
const BLIND_FLOORS: [(&str, f64, usize); 7] = [
    ("batch-01", 0.85, 7),
    ("batch-02", 0.79, 11),
    ("batch-03", 0.82, 5),
    ("batch-04", 0.82, 7),
    ("batch-05", 0.85, 7),
    ("batch-06", 0.74, 10),
    ("batch-07", 0.77, 5),
];

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
    assert_floors(
        &score,
        "fixtures/labeled",
        LABELED_MIN_AGREEMENT,
        LABELED_MAX_FALSE_SATISFIED,
    );
}

/// The set's agreement is at least `min_agreement` and its false "satisfied" verdicts at most
/// `max_false_satisfied`.
fn assert_floors(score: &eval::Score, set: &str, min_agreement: f64, max_false_satisfied: usize) {
    assert!(
        score.agreement() >= min_agreement,
        "{set}: agreement {:.3} fell under the floor {min_agreement}",
        score.agreement()
    );
    assert!(
        score.false_satisfied.len() <= max_false_satisfied,
        "{set}: {} false 'satisfied' verdicts (at most {max_false_satisfied})",
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
    assert_floors(
        &score,
        "../shared/corpus",
        CORPUS_MIN_AGREEMENT,
        CORPUS_MAX_FALSE_SATISFIED,
    );
}

#[test]
fn blind_batches_accuracy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/blind");
    let lib = Library::builtin().expect("library");
    let sel = lib.select(&["baseline".to_string()]).expect("baseline");
    for (batch, min_agreement, max_false_satisfied) in BLIND_FLOORS {
        let dir = root.join(batch);
        let labeled = eval::load_labels(&dir, &dir).expect("labels load");
        assert!(
            labeled.len() >= 8,
            "{batch} has {} contracts",
            labeled.len()
        );
        let score = eval::score(&labeled, &lib, &sel);
        report(&score, &format!("fixtures/blind/{batch} (baseline)"));
        assert!(score.errors.is_empty(), "{batch}: {:?}", score.errors);
        assert_floors(&score, batch, min_agreement, max_false_satisfied);
    }
}

/// One case of ../shared/accuracy/cases.json.
#[derive(serde::Deserialize)]
struct Case {
    file: String,
    requirement: String,
    expect: String,
    class: String,
}

/// Every case of ../shared/accuracy (classes of misjudgement and their controls) gets the status
/// the specification gives it, under the baseline profile with no configuration.
#[test]
fn accuracy_cases_are_all_right() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = shared.join("accuracy");
    let text = std::fs::read_to_string(dir.join("cases.json")).expect("cases.json");
    let cases: Vec<Case> = serde_json::from_str(&text).expect("cases.json parses");
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let lib = Library::builtin().expect("library");
    let sel = lib.select(&["baseline".to_string()]).expect("baseline");
    let mut wrong = Vec::new();
    for c in &cases {
        let path = dir.join("cases").join(&c.file);
        let ing = clauselint::ingest::read_path(&path, &clauselint::ingest::Limits::default())
            .expect("case reads");
        let findings =
            clauselint::analysis::analyze(&ing.document, ing.source.as_deref(), &lib, &sel)
                .expect("case analyses");
        let got = findings
            .iter()
            .find(|f| f.requirement == c.requirement.as_str())
            .map(|f| f.status.as_str())
            .unwrap_or("absent");
        if got != c.expect {
            wrong.push(format!(
                "{} {} (class {}): expected {}, got {got}",
                c.file, c.requirement, c.class, c.expect
            ));
        }
    }
    println!(
        "accuracy cases: {}/{} right",
        cases.len() - wrong.len(),
        cases.len()
    );
    assert!(wrong.is_empty(), "wrong cases:\n{}", wrong.join("\n"));
}
