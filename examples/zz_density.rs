fn main() {
    let lib = clauselint::library::Library::builtin().unwrap();
    let limits = clauselint::ingest::Limits::default();
    let mut worst: Vec<(f64, usize, String)> = Vec::new();
    for dir in std::env::args().skip(1) {
        for (p, _) in clauselint::cli::check::expand_inputs(&[std::path::PathBuf::from(&dir)]) {
            let Ok(d) = clauselint::ingest::read_path(&p, &limits) else {
                continue;
            };
            let bytes: usize = d.document.blocks.iter().map(|b| b.text.len()).sum();
            let hits: usize = d
                .document
                .blocks
                .iter()
                .map(|b| lib.terms.find(&b.text).len())
                .sum();
            let maxblock = d
                .document
                .blocks
                .iter()
                .map(|b| {
                    (
                        lib.terms.find(&b.text).len() as f64 / b.text.len().max(1) as f64,
                        b.text.len(),
                    )
                })
                .filter(|x| x.1 > 200)
                .map(|x| (x.0 * 1000.0) as usize)
                .max()
                .unwrap_or(0);
            worst.push((
                hits as f64 / bytes.max(1) as f64,
                maxblock,
                p.display().to_string(),
            ));
        }
    }
    worst.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for w in worst.iter().take(8) {
        println!(
            "{:.3} hits/byte (densest block >200B: {:.3}) {}",
            w.0,
            w.1 as f64 / 1000.0,
            w.2
        );
    }
    let mut mb: Vec<_> = worst.iter().map(|w| w.1).collect();
    mb.sort();
    println!(
        "max block density {:.3}",
        *mb.last().unwrap() as f64 / 1000.0
    );
}
