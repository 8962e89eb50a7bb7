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

/// Copies clause-library into a fresh temporary folder, applies `edit`, loads it, and returns the
/// load error's message.
fn load_error_after(name: &str, edit: impl FnOnce(&Path)) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("clause-library");
    let tmp =
        std::env::temp_dir().join(format!("clauselint-libtest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&root, &tmp);
    edit(&tmp);
    let result = Library::from_dir(&tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    match result {
        Ok(_) => panic!("{name}: the broken library loaded without error"),
        Err(e) => e.to_string(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let p = entry.path();
        let target = to.join(entry.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

fn rewrite(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no '{from}'", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn broken_library_files_give_errors_naming_file_and_line() {
    let rule = |dir: &Path| dir.join("incident-response/INC-NOTIFY-TIME.toml");

    let e = load_error_after("unknown-key", |d| {
        rewrite(
            &rule(d),
            "severity = \"high\"",
            "severity = \"high\"\nseverty = \"x\"",
        )
    });
    assert!(
        e.contains("INC-NOTIFY-TIME.toml:") && e.contains("severty"),
        "{e}"
    );

    let e = load_error_after("bad-regex", |d| {
        rewrite(&rule(d), "[locate]", "[locate]\nconfirm = \"(unclosed\"")
    });
    assert!(
        e.contains("INC-NOTIFY-TIME.toml:") && e.contains("bad regex"),
        "{e}"
    );

    let e = load_error_after("file-name", |d| {
        std::fs::rename(rule(d), d.join("incident-response/INC-NOTIFY-LATE.toml")).unwrap()
    });
    assert!(
        e.contains("INC-NOTIFY-LATE.toml") && e.contains("does not match"),
        "{e}"
    );

    let e = load_error_after("wrong-folder", |d| {
        std::fs::rename(rule(d), d.join("encryption/INC-NOTIFY-TIME.toml")).unwrap()
    });
    assert!(
        e.contains("must be in the folder 'incident-response/'"),
        "{e}"
    );

    let e = load_error_after("wrong-severity", |d| {
        rewrite(&rule(d), "severity = \"high\"", "severity = \"low\"")
    });
    assert!(
        e.contains("INC-NOTIFY-TIME.toml:") && e.contains("should be 'high'"),
        "{e}"
    );

    let e = load_error_after("profile-unknown-id", |d| {
        rewrite(
            &d.join("profiles/baseline.toml"),
            "\"INC-NOTIFY-TIME\",",
            "\"INC-NOTIFY-TIME\", \"NO-SUCH-ID\",",
        )
    });
    assert!(
        e.contains("baseline.toml:") && e.contains("NO-SUCH-ID"),
        "{e}"
    );

    let e = load_error_after("weak-example-without-reason", |d| {
        rewrite(
            &rule(d),
            "reasons = [\"no-deadline\"]\ntext = \"Supplier will notify Customer promptly of any Security Incident.\"",
            "text = \"Supplier will notify Customer promptly of any Security Incident.\"",
        )
    });
    assert!(e.contains("must name the reason"), "{e}");
}

#[test]
fn every_criterion_has_a_weak_example_that_gives_its_reason() {
    use clauselint::library::schema::Criterion;
    let lib = dir_library();
    let mut gaps = Vec::new();
    for rule in &lib.rules {
        let weak: Vec<&str> = rule
            .file
            .examples
            .iter()
            .filter(|e| e.status == "weak")
            .flat_map(|e| e.reasons.iter().map(String::as_str))
            .collect();
        let has_missing = rule.file.examples.iter().any(|e| e.status == "missing");
        for (i, c) in rule.file.criteria.iter().enumerate() {
            // An elements criterion that only decides whether a clause is on the topic at all
            // (address = min) turns look-alikes into missing: it needs a missing example.
            if let Criterion::Elements { min, address, .. } = c {
                if address >= min {
                    if !has_missing {
                        gaps.push(format!(
                            "{} criterion #{} (a missing look-alike)",
                            rule.id(),
                            i + 1
                        ));
                    }
                    continue;
                }
            }
            let codes: Vec<&str> = match c {
                Criterion::Deadline { .. } => vec![
                    "no-deadline",
                    "deadline-exceeds",
                    "soft-cap",
                    "late-clock-start",
                    "placeholder",
                    "unresolved-reference",
                ],
                Criterion::MinDuration { code, .. } => {
                    vec![code.as_str(), "missing-element", "placeholder"]
                }
                Criterion::Frequency { .. } => vec!["frequency-too-low"],
                Criterion::Elements { .. } => vec!["missing-element"],
                Criterion::Require { code, .. } | Criterion::Forbid { code, .. } => {
                    vec![code.as_str()]
                }
                Criterion::Listed { .. } => {
                    vec!["vague-standard", "unresolved-reference", "placeholder"]
                }
                Criterion::Crypto { .. } => vec!["vague-standard", "weak-crypto"],
            };
            if !codes.iter().any(|c| weak.contains(c)) {
                gaps.push(format!("{} criterion #{} ({codes:?})", rule.id(), i + 1));
            }
        }
    }
    assert!(
        gaps.is_empty(),
        "criteria without a weak example naming their reason:\n{}",
        gaps.join("\n")
    );
}

/// The clause library's automaton keeps the walk's three-byte first step, which needs fewer than
/// 32,767 states (a larger library is refused when built). Every word list costs states: keep
/// lists to the distinctive words of a phrase, not every variant.
#[test]
fn the_library_automaton_keeps_the_three_byte_step() {
    let lib = clauselint::library::Library::builtin().expect("library");
    let (states, three_step) = lib.terms.states();
    println!("automaton: {states} states");
    assert!(three_step, "{states} states: the three-byte step is off");
}
