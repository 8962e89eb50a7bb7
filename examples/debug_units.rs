//! Developer aid: prints the units of a contract and, for one rule, each candidate's judgement.
//! `cargo run --example debug_units -- FILE RULE-ID`
use clauselint::analysis::{judge, parties::Parties, segment};
use clauselint::library::Library;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: debug_units FILE RULE-ID");
        std::process::exit(2);
    }
    let lib = Library::from_dir(std::path::Path::new("clause-library")).expect("library");
    let ing = clauselint::ingest::read_path(std::path::Path::new(&args[1]), &Default::default())
        .expect("read");
    let doc = &ing.document;
    let seg = segment::segment(doc, &lib.terms).expect("a contract, not a word list");
    let parties = Parties::detect(doc, &lib);
    let ctx = judge::Context::new(&lib, doc, &seg, &parties);
    let Some(ri) = lib.rules.iter().position(|r| r.id() == args[2]) else {
        eprintln!("unknown rule");
        std::process::exit(2);
    };
    let sel = lib.select_one(ri);
    let rule = &lib.rules[ri];
    println!("parties: {parties:?}");
    for (i, u) in seg.units.iter().enumerate() {
        let text = &doc.blocks[u.span.block].text[u.span.start..u.span.end];
        let j = judge::judge(&ctx, rule, &sel.entries[0], i);
        let cand = clauselint::analysis::is_candidate_pub(&seg, doc, rule, i);
        println!(
            "unit #{i}: {text:?} lead={:?}",
            u.lead.map(|l| &doc.blocks[l.block].text[l.start..l.end])
        );
        for h in seg.hits_in(u.span) {
            print!(
                "[{}:{}] ",
                lib.terms.set_name(h.set),
                &doc.blocks[u.span.block].text[h.start as usize..h.end as usize]
            );
        }
        println!();
        if cand {
            println!("#{i} CANDIDATE {text}");
            match j {
                Ok(j) => println!(
                    "   reasons: {:?}\n   params: {:?}",
                    j.reasons
                        .iter()
                        .map(|r| (r.code, r.message.clone()))
                        .collect::<Vec<_>>(),
                    j.parameters
                ),
                Err(r) => println!("   rejected: {r:?}"),
            }
        }
    }
}
