//! Reading benchmark (not a test): reads every Markdown and DOCX file of a directory (default
//! ../shared/corpus) into documents, repeatedly, in one process, and prints MB/s per format.
//! `cargo run --release --example bench_read [DIR] [ROUNDS]`
use clauselint::ingest::{read_bytes, Limits};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(50);
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Some(ext) = p.extension().and_then(|x| x.to_str()) {
                if ext == "md" || ext == "docx" {
                    if let Ok(bytes) = std::fs::read(&p) {
                        files.push((ext.to_string(), bytes));
                    }
                }
            }
        }
    }
    let limits = Limits::default();
    for kind in ["md", "docx"] {
        let set: Vec<&Vec<u8>> = files
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, b)| b)
            .collect();
        let bytes: usize = set.iter().map(|b| b.len()).sum();
        if set.is_empty() {
            continue;
        }
        let mut best = f64::MAX;
        let mut blocks = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            blocks = 0;
            for b in &set {
                if let Ok(doc) = read_bytes(b, kind == "md", &limits) {
                    blocks += doc.document.blocks.len();
                }
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{kind}: {} files, {:.2} MB, {} blocks: best of {rounds} rounds {:.1} ms = {:.1} MB/s",
            set.len(),
            bytes as f64 / 1e6,
            blocks,
            best * 1e3,
            bytes as f64 / 1e6 / best
        );
    }
}
