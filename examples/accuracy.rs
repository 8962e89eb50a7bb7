//! Prints the accuracy tables of docs/accuracy.md: agreement with the labels of fixtures/labeled and,
//! when ../shared is present, of the shared corpus (labels in fixtures/corpus-labels).
//! `cargo run --release --example accuracy [PROFILE]`
use clauselint::eval;
use clauselint::library::Library;
use std::path::Path;

fn main() {
    let profile = std::env::args().nth(1).unwrap_or_else(|| "baseline".into());
    let lib = Library::builtin().expect("library");
    let sel = lib.select(std::slice::from_ref(&profile)).expect("profile");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let labeled = root.join("fixtures/labeled");
    let sets = [
        ("fixtures/labeled", eval::load_labels(&labeled, &labeled)),
        (
            "../shared/corpus",
            eval::load_labels(
                &root.join("fixtures/corpus-labels"),
                &root.join("../shared/corpus"),
            ),
        ),
    ];
    for (name, set) in sets {
        match set {
            Ok(l) => {
                let score = eval::score(&l, &lib, &sel);
                println!("{}", score.to_markdown(&format!("{name} ({profile})")));
                if !score.errors.is_empty() {
                    println!("errors: {:?}\n", score.errors);
                }
            }
            Err(e) => println!("### {name}\n\nnot measured: {e}\n"),
        }
    }
}
