//! The Markdown and plain-text readers on real contracts: every shared-corpus Markdown file reads,
//! and the reported line:column of the blocks points at their first words.

mod common;

use clauselint::document::Location;
use clauselint::ingest::{read_path, Limits};

/// The first word of a block's text (letters and digits only).
fn first_word(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| w.chars().count() >= 2)
        .map(str::to_string)
}

/// Whether `word` stands at 1-based `line`:`column` (allowing for markup such as `**` or `<span>`
/// before it); on failure, the text found there.
fn word_at(lines: &[&str], line: u32, column: u32, word: &str) -> Result<(), String> {
    let at: String = lines
        .get(line as usize - 1)
        .map(|l| l.chars().skip(column as usize - 1).collect())
        .unwrap_or_default();
    let window: String = at.chars().take(word.chars().count() + 60).collect();
    if window.contains(word) {
        Ok(())
    } else {
        Err(at.chars().take(40).collect())
    }
}

#[test]
fn block_locations_point_at_their_first_words() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let mut checked = 0usize;
    let mut wrong = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(shared.join("corpus/md"))
        .expect("corpus/md")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let ing = read_path(&path, &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let src = ing.source.expect("text formats keep their source");
        let lines: Vec<&str> = src.lines().collect();
        for b in &ing.document.blocks {
            let Location::Line { line, column } = b.location else {
                panic!("Markdown blocks have line locations");
            };
            let Some(word) = first_word(&b.text) else {
                continue;
            };
            checked += 1;
            if let Err(found) = word_at(&lines, line, column, &word) {
                wrong.push(format!(
                    "{}:{line}:{column}: expected '{word}', found '{found}'",
                    path.file_name().unwrap().to_string_lossy(),
                ));
            }
        }
    }
    println!("{checked} blocks checked, {} misplaced", wrong.len());
    assert!(checked > 1000, "only {checked} blocks checked");
    assert!(
        wrong.len() * 100 <= checked,
        "more than 1% of block locations are off:\n{}",
        wrong
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_shared_corpus_file_reads() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    for sub in ["md", "docx"] {
        for e in std::fs::read_dir(shared.join("corpus").join(sub))
            .expect("corpus")
            .flatten()
        {
            let ing = read_path(&e.path(), &Limits::default())
                .unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
            assert!(
                ing.document.blocks.len() > 5,
                "{}: only {} blocks",
                e.path().display(),
                ing.document.blocks.len()
            );
        }
    }
}

#[test]
fn evidence_locations_point_at_the_quoted_words() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let lib = clauselint::library::Library::builtin().expect("library");
    let sel = lib.select(&["baseline".to_string()]).expect("baseline");
    let (mut checked, mut wrong) = (0usize, Vec::new());
    for e in std::fs::read_dir(shared.join("corpus/md"))
        .expect("corpus")
        .flatten()
    {
        let ing = read_path(&e.path(), &Limits::default()).expect("reads");
        let src = ing.source.clone().expect("source");
        let lines: Vec<&str> = src.lines().collect();
        let findings =
            clauselint::analysis::analyze(&ing.document, Some(&src), &lib, &sel).expect("analysis");
        for f in findings {
            for ev in &f.evidence {
                let (Some(line), Some(column)) = (ev.location.line, ev.location.column) else {
                    continue;
                };
                let Some(word) = first_word(&ev.quote) else {
                    continue;
                };
                checked += 1;
                if word_at(&lines, line, column, &word).is_err() {
                    wrong.push(format!("{}:{line}:{column} '{word}'", f.requirement));
                }
            }
        }
    }
    println!("{checked} evidence locations checked, {} off", wrong.len());
    assert!(checked > 50, "only {checked} evidence locations");
    assert!(
        wrong.len() * 50 <= checked,
        "more than 2% of evidence locations are off: {wrong:?}"
    );
}
