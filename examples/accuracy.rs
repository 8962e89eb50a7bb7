//! Prints the accuracy tables of docs/accuracy.md: agreement with the labels of fixtures/labeled,
//! of every blind batch under fixtures/blind/ and, when ../shared is present, of the shared corpus
//! (labels in fixtures/corpus-labels) and the accuracy cases of ../shared/accuracy.
//! `cargo run --release --example accuracy [PROFILE] [--brief] [--disagreements]`
//! `--brief` prints one line per set; `--disagreements` lists every label the engine disagrees with.
use clauselint::eval;
use clauselint::library::Library;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let brief = args.iter().any(|a| a == "--brief");
    let disagreements = args.iter().any(|a| a == "--disagreements");
    let profile = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "baseline".into());
    let lib = Library::builtin().expect("library");
    let sel = lib.select(std::slice::from_ref(&profile)).expect("profile");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let labeled = root.join("fixtures/labeled");
    let mut sets: Vec<(String, PathBuf, PathBuf)> =
        vec![("fixtures/labeled".into(), labeled.clone(), labeled.clone())];
    let mut batches: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/blind"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    batches.sort();
    for b in batches {
        let name = format!(
            "fixtures/blind/{}",
            b.file_name().unwrap_or_default().to_string_lossy()
        );
        sets.push((name, b.clone(), b));
    }
    sets.push((
        "../shared/corpus".into(),
        root.join("fixtures/corpus-labels"),
        root.join("../shared/corpus"),
    ));
    for (name, labels, docs) in sets {
        match eval::load_labels(&labels, &docs) {
            Ok(l) => {
                let score = eval::score(&l, &lib, &sel);
                if brief {
                    println!("{}", score.summary_line(&name));
                } else {
                    println!("{}", score.to_markdown(&format!("{name} ({profile})")));
                }
                if disagreements {
                    for (doc, id, label, got) in &score.disagreements {
                        println!(
                            "  {doc} {id}: label {}, got {}",
                            label.as_str(),
                            got.as_str()
                        );
                    }
                }
                if !score.errors.is_empty() {
                    println!("errors: {:?}\n", score.errors);
                }
            }
            Err(e) => println!("### {name}\n\nnot measured: {e}\n"),
        }
    }
}
