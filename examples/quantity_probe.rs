//! Developer aid: prints what the quantity parsers find in a phrase.
//! `cargo run --example quantity_probe -- "within seventy-two (72) hours"`
use clauselint::analysis::quantity;
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    for d in quantity::find_durations(&text) {
        println!(
            "duration {:?} = {} h, bound {:?}, soft {}, clock {:?}",
            &text[d.span.0..d.span.1],
            d.hours,
            quantity::bound_of(&text, &d),
            quantity::is_soft_cap(&text, &d),
            quantity::clock_start(&text, &d).0
        );
    }
    for f in quantity::find_frequencies(&text) {
        println!(
            "frequency {:?} = {} months (vague {})",
            &text[f.span.0..f.span.1],
            f.months,
            f.vague
        );
    }
    for p in quantity::find_placeholders(&text) {
        println!("placeholder {:?}", &text[p.0..p.1]);
    }
}
