//! Phase benchmark (not a test): reads the files `clauselint check DIR` would analyse into
//! memory, then times each phase of the pipeline over all of them in one thread — reading into a
//! document, the term pass, segmentation, party detection and the full analysis — and prints MB/s.
//! `cargo run --release --example bench_phases [DIR] [ROUNDS]`
use clauselint::analysis::{analyze, parties::Parties, segment::segment};
use clauselint::ingest::{read_bytes, Limits};
use clauselint::library::Library;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[inline(never)]
fn measure_from_here() {
    std::hint::black_box(());
}

fn is_md(p: &std::path::Path) -> bool {
    p.extension().is_some_and(|x| x == "md")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    // The files `clauselint check DIR` would analyse, in its order.
    let files: Vec<_> = clauselint::cli::check::expand_inputs(&[std::path::PathBuf::from(&dir)])
        .into_iter()
        .filter_map(|(p, _)| std::fs::read(&p).ok().map(|bytes| (p, bytes)))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let lib = Library::builtin().expect("built-in library");
    let selection = lib.select(&["baseline".to_string()]).expect("baseline");
    let limits = Limits::default();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {:.1} MB, {} rounds", files.len(), mb, rounds);
    let docs: Vec<_> = files
        .iter()
        .filter_map(|(p, b)| read_bytes(b, is_md(p), &limits).ok())
        .collect();
    let text_bytes: usize = docs
        .iter()
        .map(|d| {
            d.document
                .blocks
                .iter()
                .map(|b| b.text.len())
                .sum::<usize>()
        })
        .sum();
    println!("block text: {:.1} MB", text_bytes as f64 / 1e6);
    println!(
        "terms: {} patterns, automaton {} KB",
        lib.terms.pattern_count(),
        lib.terms.automaton_bytes() / 1024
    );
    // Warm up (regexes compile on first use), then mark the start of the measurement for
    // `valgrind --tool=callgrind --zero-before=bench_phases::measure_from_here`.
    // The findings the JSON phase serialises; computing them warms up the analysis too.
    let findings: Vec<_> = docs
        .iter()
        .filter_map(|d| analyze(&d.document, d.source.as_deref(), &lib, &selection).ok())
        .collect();
    measure_from_here();
    let only = std::env::var("PHASE").ok();
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        if only.as_deref().is_some_and(|o| o != name) {
            return;
        }
        let mut best = f64::MAX;
        let mut sink = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            sink += f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name:<12} {:>8.1} ms {:>8.1} MB/s (of input)  [{sink}]",
            best * 1e3,
            mb / best
        );
    };
    if std::env::var_os("STATS").is_some() {
        stats(&lib, &docs);
    }
    time("read", &mut || {
        files
            .iter()
            .filter_map(|(p, b)| read_bytes(b, is_md(p), &limits).ok())
            .map(|d| d.document.blocks.len())
            .sum()
    });
    time("terms", &mut || {
        docs.iter()
            .flat_map(|d| d.document.blocks.iter())
            .map(|b| lib.terms.find(&b.text).len())
            .sum()
    });
    time("segment", &mut || {
        docs.iter()
            .map(|d| segment(&d.document, &lib.terms).map_or(0, |s| s.units.len()))
            .sum()
    });
    time("parties", &mut || {
        docs.iter()
            .map(|d| Parties::detect(&d.document, &lib).supplier_aliases.len())
            .sum()
    });
    time("json", &mut || {
        let mut out = Vec::new();
        for f in &findings {
            serde_json::to_writer(&mut out, f).expect("serialise");
            out.push(b'\n');
        }
        out.len()
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    time("analyze", &mut || {
        pool.install(|| {
            docs.iter()
                .map(|d| {
                    analyze(&d.document, d.source.as_deref(), &lib, &selection)
                        .map_or(0, |f| f.len())
                })
                .sum()
        })
    });
}

#[allow(dead_code)]
fn stats(lib: &Library, docs: &[clauselint::ingest::Ingested]) {
    let mut spans = 0usize;
    let mut hits = 0usize;
    let mut per_set = std::collections::HashMap::<u32, usize>::new();
    for d in docs {
        for b in &d.document.blocks {
            let h = lib.terms.find(&b.text);
            hits += h.len();
            let mut s: Vec<(u32, u32)> = h.iter().map(|h| (h.start, h.end)).collect();
            s.sort();
            s.dedup();
            spans += s.len();
            for x in &h {
                *per_set.entry(x.set).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = per_set.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    println!(
        "hits {hits} distinct spans {spans} sets {}",
        lib.terms.set_count()
    );
    for (s, n) in v.iter().take(25) {
        println!("  {:>8} {}", n, lib.terms.set_name(*s));
    }
}
