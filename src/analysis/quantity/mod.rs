//! Parameter parsers: the numbers in contract text and what they mean.
//!
//! This module owns the extraction and normalisation of every quantity the clause rules compare
//! against thresholds (spec Part E, Part D §3-4, Clarification 10), one file per concern:
//!
//! - `numbers`: numbers in words or digits ([`parse_number`]);
//! - `durations`: durations ("seventy-two (72) hours", "2 Business Days", "24-48 hours", "T+24",
//!   "30d") normalised to hours ([`find_durations`]), with the bound word around them
//!   ([`bound_of`]) and soft-cap qualifiers ([`is_soft_cap`]);
//! - `clock`: the event a duration's clock runs from ([`clock_start`]);
//! - `frequency`: frequencies as an interval in months ([`find_frequencies`]);
//! - `crypto`: TLS/SSL versions, AES key lengths, weak ciphers and FIPS 140 mentions;
//! - `placeholders`: template placeholders ("[__]", "{Notice Period}", "TBD");
//! - `common`: the span type, text windows and regex helpers the others share.
//!
//! Input is text already normalised by [`crate::text`] (straight quotes, "-" hyphens, single spaces,
//! NFKC). Matching is case-insensitive. Every regex is compiled once, in a `LazyLock` static.

mod clock;
mod common;
mod crypto;
mod durations;
mod frequency;
mod numbers;
mod placeholders;

pub use clock::{clock_start, ClockStart};
pub use common::Span;
pub use crypto::{find_aes_bits, find_fips, find_tls_versions, find_weak_ciphers, ProtocolVersion};
pub use durations::{bound_of, find_durations, is_soft_cap, Bound, DurationMatch, TimeUnit};
pub use frequency::{find_frequencies, FrequencyMatch};
pub use numbers::parse_number;
pub use placeholders::find_placeholders;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_non_ascii_and_edges() {
        // Spans stay on char boundaries; no panics on odd input.
        let t = "Le fournisseur — notifiera dans les 72 heures; within 72 hours ✓ é";
        let v = find_durations(t);
        assert_eq!(v.len(), 1);
        for d in &v {
            let _ = bound_of(t, d);
            let _ = is_soft_cap(t, d);
            let _ = clock_start(t, d);
        }
        for t in [
            "",
            "(",
            ")",
            "T+",
            "[",
            "{",
            "$",
            "€",
            "é72 hours",
            "72 hours",
        ] {
            for d in find_durations(t) {
                let _ = (bound_of(t, &d), is_soft_cap(t, &d), clock_start(t, &d));
            }
            let _ = (
                find_frequencies(t),
                find_tls_versions(t),
                find_weak_ciphers(t),
            );
            let _ = (find_placeholders(t), find_fips(t), find_aes_bits(t));
        }
    }
}
