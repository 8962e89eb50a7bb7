//! Amendments inside a document: a variation or amendment appended to an agreement that deletes
//! or replaces its clauses ("Clause 8.3 of the Agreement is deleted", "Section 9.5 is deleted and
//! replaced with the following"). The deleted clause no longer binds anyone, so it is no
//! candidate for any requirement; its replacement, in the amendment, is read like any clause.

use super::segment::Segmented;
use crate::document::Document;
use crate::library::terms::SetId;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// "Clause 8.3 (of the Agreement) is deleted / shall be replaced / is amended to read …", and
/// "delete / replace clause 8.3". A clause only "amended" by adding words stays in force.
static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:clause|section|article|paragraph)s?\s+(\d+(?:\.\d+)*)(?:\s+(?:of|to)\s+the\s+[A-Za-z ]{1,40}?)?,?\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:deleted|removed|revoked|struck|replaced|superseded|substituted|amended\s+and\s+restated|amended\s+to\s+read)\b|\b(?:delete|replace|strike(?:\s+out)?)\s+(?:clause|section|article|paragraph)\s+(\d+(?:\.\d+)*)\b",
    )
    .expect("amendment pattern")
});

/// Per block, whether an amendment later in the document deletes or replaces the clause it
/// stands in. `sections` maps clause numbers to the first section so numbered. Only clauses
/// before the amendment are superseded, so the replacement text ("14.4 Within thirty (30)
/// days …") keeps its force. `cue` is the term set of the words every amendment holds ("deleted", "replaced"): blocks
/// without one are not read.
pub fn superseded_blocks(
    doc: &Document,
    seg: &Segmented,
    cue: SetId,
    sections: &HashMap<String, usize>,
) -> Vec<bool> {
    let mut out = vec![false; doc.blocks.len()];
    for (at, block) in doc.blocks.iter().enumerate() {
        if !seg.block_hits(at).iter().any(|h| h.set == cue) {
            continue;
        }
        for c in AMENDMENT.captures_iter(&block.text) {
            let Some(number) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let Some(&(lo, hi)) = sections
                .get(number.as_str())
                .and_then(|&s| seg.section_blocks.get(s))
            else {
                continue;
            };
            if hi <= at {
                out[lo..hi].iter_mut().for_each(|b| *b = true);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        AMENDMENT
            .captures_iter(text)
            .filter_map(|c| c.get(1).or_else(|| c.get(2)))
            .map(|m| m.as_str().to_string())
            .collect()
    }

    #[test]
    fn reads_deletions_and_replacements() {
        assert_eq!(
            numbers("1. Clause 8.2 of the Agreement is deleted and replaced with the following:"),
            ["8.2"]
        );
        assert_eq!(
            numbers("9. Clause 18.3 of the Agreement is deleted."),
            ["18.3"]
        );
        assert_eq!(
            numbers("Section 7 shall be amended to read as follows"),
            ["7"]
        );
        assert_eq!(
            numbers("The parties agree to delete clause 4.1 in its entirety."),
            ["4.1"]
        );
        // Amended by adding words: the clause stays.
        assert!(numbers("Clause 5 is amended by adding the words 'and backups'.").is_empty());
        assert!(numbers("Clause 5 is hereby incorporated.").is_empty());
    }
}
