//! Term sets and the one Aho-Corasick automaton that finds every term of every rule and vocabulary
//! in a single pass. Terms match case-insensitively at word starts; a term ending in `*` matches as a
//! prefix ("encrypt*" → "encrypted"), any other term only as whole words.
//!
//! Because a term can only begin where a word begins, the automaton is anchored: it is walked from
//! each word start until it dies, rather than scanned over every byte with every overlapping
//! match reported (most of which would start inside a word and be thrown away).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

/// Identifies one list of terms (a rule's locate group, a criterion's terms, a vocabulary).
pub type SetId = u32;

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    // Field order gives the sort order: by start, then end, then set.
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
        // The contiguous NFA, dense near the root: 334 KB against the DFA's 6.6 MB. It executes
        // more instructions but waits less on memory: in a full analysis both took the same time
        // (docs/design.md), and the smaller one leaves the cache to the rest of the work.
        let automaton = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .dense_depth(2)
            .prefilter(false)
            .build(&self.patterns)
            .map_err(|e| e.to_string())?;
        let start = automaton
            .start_state(Anchored::Yes)
            .map_err(|e| e.to_string())?;
        let mut first_byte = [false; 256];
        for p in &self.patterns {
            if let Some(&b) = p.as_bytes().first() {
                first_byte[b.to_ascii_lowercase() as usize] = true;
                first_byte[b.to_ascii_uppercase() as usize] = true;
            }
        }
        // One entry per set and pattern (a term listed both as a word and as a prefix in one set
        // matches as a prefix), in set order, so hits come out sorted without sorting.
        let owners = self
            .owners
            .into_iter()
            .map(|mut list| {
                list.sort_unstable();
                let mut merged: Vec<(SetId, bool)> = Vec::with_capacity(list.len());
                for (set, prefix) in list {
                    match merged.last_mut() {
                        Some(last) if last.0 == set => last.1 |= prefix,
                        _ => merged.push((set, prefix)),
                    }
                }
                merged
            })
            .collect();
        Ok(Terms {
            automaton,
            start,
            first_byte,
            owners,
            set_names: self.set_names,
            patterns: self.patterns,
        })
    }
}

/// The compiled automaton over all terms.
#[derive(Debug, Clone)]
pub struct Terms {
    automaton: NFA,
    /// The anchored start state of `automaton`.
    start: StateID,
    /// Bytes (either case) that some term begins with: no walk starts anywhere else.
    first_byte: [bool; 256],
    owners: Vec<Vec<(SetId, bool)>>,
    set_names: Vec<String>,
    patterns: Vec<String>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl Terms {
    /// Every term hit in `text`, sorted by position, then end, then set.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let aut = &self.automaton;
        // About one hit per dozen bytes of contract text; room for more.
        let mut hits = Vec::with_capacity(bytes.len() / 8);
        let mut previous_is_word = false;
        for (s, &b) in bytes.iter().enumerate() {
            let is_word = is_word_byte(b);
            // A term starts at a word start, or anywhere if it begins with a non-word character.
            let may_start = !previous_is_word || !is_word;
            previous_is_word = is_word;
            if !may_start || !self.first_byte[b as usize] {
                continue;
            }
            let mut sid = self.start;
            for (e, &next) in bytes.iter().enumerate().skip(s) {
                sid = aut.next_state(Anchored::Yes, sid, next);
                if !aut.is_special(sid) {
                    continue;
                }
                if aut.is_dead(sid) {
                    break;
                }
                if !aut.is_match(sid) {
                    continue;
                }
                let end = e + 1;
                for i in 0..aut.match_len(sid) {
                    let pid = aut.match_pattern(sid, i);
                    // Match states also carry the terms that are suffixes of this one.
                    if end - aut.pattern_len(pid) != s {
                        continue;
                    }
                    let ends_word =
                        end == bytes.len() || !is_word_byte(bytes[end]) || !is_word_byte(next);
                    for &(set, prefix) in &self.owners[pid.as_usize()] {
                        if prefix || ends_word {
                            hits.push(Hit {
                                set,
                                start: s as u32,
                                end: end as u32,
                            });
                        }
                    }
                }
            }
        }
        debug_assert!(hits.windows(2).all(|w| w[0] < w[1]));
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

    /// Heap bytes of the automaton.
    pub fn automaton_bytes(&self) -> usize {
        self.automaton.memory_usage()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

#[cfg(test)]
impl Terms {
    /// The definition of [`Terms::find`], searched naively: every term at every position.
    fn naive_find(&self, text: &str) -> Vec<Hit> {
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut out = Vec::new();
        for (pid, pat) in self.patterns.iter().enumerate() {
            let pat = pat.as_bytes();
            let mut from = 0;
            while let Some(off) = lower[from..].find(std::str::from_utf8(pat).unwrap()) {
                let s = from + off;
                let e = s + pat.len();
                from = s + 1;
                while !lower.is_char_boundary(from) {
                    from += 1;
                }
                let starts = s == 0 || !is_word_byte(bytes[s - 1]) || !is_word_byte(pat[0]);
                let ends = e == bytes.len()
                    || !is_word_byte(bytes[e])
                    || !is_word_byte(pat[pat.len() - 1]);
                if !starts {
                    continue;
                }
                for &(set, prefix) in &self.owners[pid] {
                    if prefix || ends {
                        out.push(Hit {
                            set,
                            start: s as u32,
                            end: e as u32,
                        });
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library's own terms over the labeled contracts: the index finds what a naive search
    /// finds, hit for hit.
    #[test]
    fn library_terms_match_a_naive_search_on_the_fixtures() {
        let lib = crate::library::Library::builtin().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labeled");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let mut blocks = 0;
        for path in files.iter().take(8) {
            let bytes = std::fs::read(path).unwrap();
            let doc = crate::ingest::read_bytes(&bytes, true, &Default::default())
                .unwrap()
                .document;
            for b in &doc.blocks {
                assert_eq!(
                    lib.terms.find(&b.text),
                    lib.terms.naive_find(&b.text),
                    "{}",
                    b.text
                );
                blocks += 1;
            }
        }
        assert!(blocks > 100, "{blocks} blocks");
    }

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

    /// The anchored walk finds exactly what a naive search of every term at every position finds.
    #[test]
    fn same_hits_as_a_naive_search() {
        let lists: Vec<Vec<String>> = vec![
            vec!["data".into(), "personal data".into(), "data*".into()],
            vec!["use".into(), "user".into(), "%".into(), "€".into()],
            vec!["security incident".into(), "incident*".into(), "in".into()],
            vec!["notif*".into(), "notice".into(), "no".into(), "not".into()],
        ];
        let mut b = TermsBuilder::default();
        for (i, l) in lists.iter().enumerate() {
            b.add_set(&format!("s{i}"), l);
        }
        let t = b.build().unwrap();
        let texts = [
            "Personal Data and metadata; the User uses data-sets, 5% or €10.",
            "No notice: NOTIFY the Security Incidents in use, not innocently.",
            "personal data personal database in in-scope no.",
            "",
            "ü data",
            "notify notified notif; sub-processors (sub processor) e.g. 24/7 %% €",
            "Data-data DATA* personal  data",
        ];
        for text in texts {
            let lower = text.to_ascii_lowercase();
            let bytes = lower.as_bytes();
            let mut expected = Vec::new();
            for (set, list) in lists.iter().enumerate() {
                for term in list {
                    let (body, prefix) = match term.strip_suffix('*') {
                        Some(b) => (b, true),
                        None => (term.as_str(), false),
                    };
                    let pat = body.as_bytes();
                    for (s, _) in lower.match_indices(body) {
                        let e = s + pat.len();
                        let starts = s == 0 || !is_word_byte(bytes[s - 1]) || !is_word_byte(pat[0]);
                        let ends = e == bytes.len()
                            || !is_word_byte(bytes[e])
                            || !is_word_byte(pat[pat.len() - 1]);
                        if starts && (prefix || ends) {
                            expected.push(Hit {
                                set: set as SetId,
                                start: s as u32,
                                end: e as u32,
                            });
                        }
                    }
                }
            }
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(t.find(text), expected, "{text}");
        }
    }
}
