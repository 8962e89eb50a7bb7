//! Term sets and the one Aho-Corasick automaton that finds every term of every rule and vocabulary
//! in a single pass. Terms match case-insensitively at word starts; a term ending in `*` matches as a
//! prefix ("encrypt*" → "encrypted"), any other term only as whole words.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Identifies one list of terms (a rule's locate group, a criterion's terms, a vocabulary).
pub type SetId = u32;

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    // Field order gives the sort order: by position, then set.
    pub start: u32,
    pub end: u32,
    pub set: SetId,
}

/// Builds the automaton: register term lists, then [`TermsBuilder::build`].
#[derive(Debug, Default)]
pub struct TermsBuilder {
    patterns: Vec<String>,
    index: HashMap<String, usize>,
    /// For each pattern: the sets it belongs to and whether it may match as a prefix there.
    owners: Vec<Vec<(SetId, bool)>>,
    sets: u32,
    set_names: Vec<String>,
}

impl TermsBuilder {
    /// Registers a list of terms as a new set and returns its id. Empty terms are ignored.
    pub fn add_set(&mut self, name: &str, terms: &[String]) -> SetId {
        let id = self.sets;
        self.sets += 1;
        self.set_names.push(name.to_string());
        for term in terms {
            let (body, prefix) = match term.strip_suffix('*') {
                Some(b) => (b, true),
                None => (term.as_str(), false),
            };
            let body = crate::text::normalize(body).to_ascii_lowercase();
            if body.is_empty() {
                continue;
            }
            let p = match self.index.get(&body) {
                Some(&p) => p,
                None => {
                    self.patterns.push(body.clone());
                    self.owners.push(Vec::new());
                    self.index.insert(body, self.patterns.len() - 1);
                    self.patterns.len() - 1
                }
            };
            if !self.owners[p].contains(&(id, prefix)) {
                self.owners[p].push((id, prefix));
            }
        }
        id
    }

    pub fn build(self) -> Result<Terms, String> {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A DFA: larger (about 1 MB for the library) but the fastest to search.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.patterns)
            .map_err(|e| e.to_string())?;
        Ok(Terms {
            automaton,
            owners: self.owners,
            set_names: self.set_names,
            patterns: self.patterns,
        })
    }
}

/// The compiled automaton over all terms.
#[derive(Debug, Clone)]
pub struct Terms {
    automaton: AhoCorasick,
    owners: Vec<Vec<(SetId, bool)>>,
    set_names: Vec<String>,
    patterns: Vec<String>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl Terms {
    /// Every term hit in `text`, sorted by position then set.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let pat = self.patterns[m.pattern().as_usize()].as_bytes();
            let starts_word = s == 0 || !is_word_byte(bytes[s - 1]) || !is_word_byte(pat[0]);
            if !starts_word {
                continue;
            }
            let ends_word =
                e == bytes.len() || !is_word_byte(bytes[e]) || !is_word_byte(pat[pat.len() - 1]);
            for &(set, prefix) in &self.owners[m.pattern().as_usize()] {
                if prefix || ends_word {
                    hits.push(Hit {
                        set,
                        start: s as u32,
                        end: e as u32,
                    });
                }
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    pub fn set_name(&self, set: SetId) -> &str {
        self.set_names
            .get(set as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }

    /// How many term sets there are (set ids run from 0 to this, exclusive).
    pub fn set_count(&self) -> usize {
        self.set_names.len()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_prefixes_and_overlaps() {
        let mut b = TermsBuilder::default();
        let enc = b.add_set("enc", &["encrypt*".into()]);
        let inc = b.add_set("inc", &["incident".into(), "security incident".into()]);
        let t = b.build().unwrap();
        let hits = t.find("Encrypted data; a Security Incidents list; incident.");
        assert!(hits.iter().any(|h| h.set == enc && h.start == 0));
        // "Incidents" is not the whole word "incident"; "security incident" not either.
        assert_eq!(hits.iter().filter(|h| h.set == inc).count(), 1);
        let hits = t.find("a security incident");
        assert_eq!(hits.iter().filter(|h| h.set == inc).count(), 2);
        assert!(t.find("preencrypted").is_empty());
    }
}
