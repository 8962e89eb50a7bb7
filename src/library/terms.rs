//! Term sets and the one trie that finds every term of every rule and vocabulary in a single pass.
//! Terms match case-insensitively (ASCII) at word starts; a term ending in `*` matches as a prefix
//! ("encrypt*" → "encrypted"), any other term only as whole words.
//!
//! Because a term can only begin where a word begins, the trie is walked from each word start
//! until it dies: no failure links, no overlapping matches that start inside a word.

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
    /// Each set's normalised terms, so that a list registered twice (the same words in several
    /// rules) is one set and gives one hit per occurrence, not one per rule.
    by_terms: HashMap<Vec<(String, bool)>, SetId>,
}

impl TermsBuilder {
    /// Registers a list of terms as a set and returns its id; a list with the same terms as an
    /// earlier one gets that set's id. Empty terms are ignored.
    pub fn add_set(&mut self, name: &str, terms: &[String]) -> SetId {
        let mut key: Vec<(String, bool)> = terms
            .iter()
            .map(|t| match t.strip_suffix('*') {
                Some(b) => (crate::text::normalize(b).to_ascii_lowercase(), true),
                None => (crate::text::normalize(t).to_ascii_lowercase(), false),
            })
            .filter(|(b, _)| !b.is_empty())
            .collect();
        key.sort_unstable();
        key.dedup();
        if let Some(&id) = self.by_terms.get(&key) {
            let names = &mut self.set_names[id as usize];
            names.push('|');
            names.push_str(name);
            return id;
        }
        self.by_terms.insert(key, self.sets);
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
        let trie = Trie::new(&self.patterns)?;
        // One entry per set and pattern (a term listed both as a word and as a prefix in one set
        // matches as a prefix), in set order, so hits come out sorted without sorting.
        let owner_lists: Vec<Vec<(SetId, bool)>> = self
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
        let mut owners = Vec::new();
        let mut owners_at = Vec::with_capacity(owner_lists.len() + 1);
        for list in owner_lists {
            owners_at.push(owners.len() as u32);
            owners.extend(list);
        }
        owners_at.push(owners.len() as u32);
        Ok(Terms {
            trie,
            owners,
            owners_at,
            set_names: self.set_names,
            patterns: self.patterns,
        })
    }
}

/// Marks a trie state that ends no pattern.
const NO_PATTERN: u32 = u32::MAX;

/// The terms as a trie with a dense transition table over byte classes.
///
/// Because every walk is anchored at a word start, no failure transitions are needed: a state is a
/// prefix of some term, and a byte that extends no term leads to the dead state 0. States are
/// numbered breadth first, so the short prefixes that nearly every word walks through share the
/// first rows of the table and stay in cache. A row holds a `u16` per class, padded to a power of
/// two so a step is a shift, an or and a load. Each step waits for the load before it, so runs of
/// single-child states ([`Chain`]) are crossed by comparing bytes instead (docs/design.md has the
/// measurements against `aho-corasick`'s automata).
#[derive(Debug, Clone)]
struct Trie {
    /// Byte → class; 0 for bytes that occur in no term. ASCII letters of either case share a class.
    class: [u8; 256],
    /// log2 of the row length.
    shift: u32,
    /// `next[(state << shift) | class]`: the state after that byte; 0 is dead, 1 the root. The
    /// [`Trie::MATCH`] bit is set on states that spell out a pattern, so a walk reads
    /// `pattern_at` only when it has a match.
    next: Vec<u16>,
    /// The pattern each state spells out, or [`NO_PATTERN`].
    pattern_at: Vec<u32>,
    /// The first id of the states that start a chain (numbered after all the others).
    first_chain: usize,
    /// For a state that starts a chain: the run of single-child states after it.
    chains: Vec<Chain>,
    /// The classes along every chain.
    labels: Vec<u8>,
    /// Per byte: [`Trie::WORD_BYTE`], [`Trie::STARTS_TERM`] (some term begins with it) and
    /// [`Trie::TWO_STEP`].
    byte_kind: [u8; 256],
    /// `two_step[(first class << 6) | second class]`: the state after two bytes from the root, so a
    /// walk's first two loads become one. Empty when there are 64 classes or more.
    two_step: Vec<u16>,
    /// `three_step[(first << 10) | (second << 5) | third]` for classes below 32 (the bytes of
    /// running text): the state after three bytes from the root, so a walk's first three loads
    /// become one; [`Trie::NO_SHORTCUT`] where a term ends within the first two bytes. Empty for
    /// tries of [`Trie::ID`] states (where a state could read as `NO_SHORTCUT`).
    three_step: Vec<u16>,
    /// The bytes outside words that begin a term ("$", "%", "(") when there are at most three:
    /// then walk starts are found eight bytes at a time ([`word_start_bits`]) and these bytes by
    /// `memchr`. With more, every byte is looked up in `byte_kind`.
    punctuation_starts: Option<Vec<u8>>,
}

/// A run of states that each have one child and spell out no pattern: a walk that enters it either
/// reads exactly these classes and reaches `end`, or dies. The walk compares the bytes instead of
/// loading one state after another.
#[derive(Debug, Clone, Copy, Default)]
struct Chain {
    /// The chain's first eight bytes as a term spells them (lowercase), little-endian: a walk
    /// compares the next eight bytes of text, lowercased, in one step.
    expect: u64,
    /// Where the classes start in `labels`.
    offset: u32,
    /// The state (with its flags) at the end of the run.
    end: u16,
    /// How many classes (at most 255).
    len: u8,
}

/// The ASCII capitals among eight bytes made lowercase, the other bytes left as they are.
fn ascii_lowercase_word(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & LOW7;
    // Per byte, the high bit of: at least 'A', and above 'Z' (no carry crosses a byte: low < 0x80).
    let from_a = low + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = low + 0x2525_2525_2525_2525;
    let capital = from_a & !past_z & !x & HIGH;
    x | (capital >> 2)
}

/// Bit `i` set where byte `i` of the 64 is a word byte ([`is_word_byte`]: an ASCII letter or
/// digit, or any byte of a multi-byte character), computed eight bytes at a time.
#[inline]
fn word_bits_64(chunk: &[u8; 64]) -> u64 {
    let (eights, _) = chunk.as_chunks::<8>();
    eights.iter().enumerate().fold(0u64, |bits, (i, &eight)| {
        bits | word_bits_8(u64::from_le_bytes(eight)) << (8 * i)
    })
}

/// Bit `i` set where byte `i` of `x` (little-endian) is a word byte.
#[inline]
fn word_bits_8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte, the high bit of: a byte from 0x80 (x), a letter (folded to lowercase: from 'a'
    // and not from '{'), a digit (from '0' and not from ':'). No carry crosses a byte: each sum
    // stays below 0x100 because `low` is below 0x80.
    let low = x & LOW7;
    let folded = low | 0x2020_2020_2020_2020;
    let letter =
        (folded + (0x80 - u64::from(b'a')) * ONES) & !(folded + (0x80 - u64::from(b'{')) * ONES);
    let digit = (low + (0x80 - u64::from(b'0')) * ONES) & !(low + (0x80 - u64::from(b':')) * ONES);
    // The high bits gathered into the low byte: byte i's bit lands on bit 56 + i, shifted down.
    (((x | letter | digit) & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

impl Trie {
    const DEAD: u16 = 0;
    const ROOT: u16 = 1;
    const MATCH: u16 = 0x8000;
    const ID: u16 = 0x7fff;
    const WORD_BYTE: u8 = 1;
    const STARTS_TERM: u8 = 2;
    /// A byte some term begins with, which is no term by itself: a walk from it may take the
    /// first two bytes in one step ([`Trie::two_step`]).
    const TWO_STEP: u8 = 4;
    const TWO_STEP_SHIFT: u32 = 6;
    /// The classes a three-byte step covers, and the shift per byte of its index.
    const THREE_STEP_CLASSES: usize = 32;
    const THREE_STEP_SHIFT: u32 = 5;
    /// In [`Trie::three_step`]: take the bytes one or two at a time. Never a state where the table
    /// is built.
    const NO_SHORTCUT: u16 = u16::MAX;

    fn new(patterns: &[String]) -> Result<Trie, String> {
        // Classes are numbered with the bytes of running text first (space, letters, then the
        // punctuation inside words), so a walk through words reads only the first cache line
        // of each 128-byte row.
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                used[b.to_ascii_lowercase() as usize] = true;
            }
        }
        let common = b" abcdefghijklmnopqrstuvwxyz-'./";
        let order = common
            .iter()
            .copied()
            .chain((0..=255u8).filter(|b| !common.contains(b)));
        let mut class = [0u8; 256];
        // The byte a term spells each class with (its lowercase form).
        let mut spelling = [0u8; 256];
        let mut classes = 0usize;
        for b in order.filter(|&b| used[b as usize]) {
            classes += 1;
            if classes > 255 {
                return Err("terms use more than 255 distinct bytes".into());
            }
            class[b as usize] = classes as u8;
            class[b.to_ascii_uppercase() as usize] = classes as u8;
            spelling[classes] = b;
        }
        // Build the trie, then number its states breadth first, children in class order.
        struct Node {
            children: Vec<(u8, usize)>,
            pattern: u32,
        }
        let mut nodes = vec![Node {
            children: Vec::new(),
            pattern: NO_PATTERN,
        }];
        for (pid, p) in patterns.iter().enumerate() {
            let mut at = 0;
            for &b in p.as_bytes() {
                let c = class[b as usize];
                at = match nodes[at].children.iter().find(|&&(k, _)| k == c) {
                    Some(&(_, child)) => child,
                    None => {
                        nodes.push(Node {
                            children: Vec::new(),
                            pattern: NO_PATTERN,
                        });
                        let child = nodes.len() - 1;
                        nodes[at].children.push((c, child));
                        child
                    }
                };
            }
            nodes[at].pattern = pid as u32;
        }
        // State ids: 0 dead, then breadth-first order from the root (1).
        if nodes.len() + 1 > Self::ID as usize {
            return Err(format!(
                "terms form {} trie states, more than the {} supported",
                nodes.len(),
                Self::ID - 1
            ));
        }
        let mut order = Vec::with_capacity(nodes.len());
        order.push(0usize);
        let mut head = 0;
        while head < order.len() {
            let n = order[head];
            head += 1;
            nodes[n].children.sort_unstable();
            order.extend(nodes[n].children.iter().map(|&(_, child)| child));
        }
        let shift = (classes + 1).next_power_of_two().trailing_zeros();
        let states = nodes.len() + 1;
        // The run of single-child, non-matching states after each node: (classes, end node).
        let chain_of = |n: usize| -> Option<(Vec<u8>, usize)> {
            let mut classes = Vec::new();
            let mut at = n;
            while let [(c, child)] = nodes[at].children[..] {
                if (!classes.is_empty() && nodes[at].pattern != NO_PATTERN)
                    || classes.len() == usize::from(u8::MAX)
                {
                    break;
                }
                classes.push(c);
                at = child;
            }
            (classes.len() >= 2).then_some((classes, at))
        };
        // States that start a chain are numbered after all the others, in breadth-first order
        // too, so that "is a chain" is `id >= first_chain` and costs no bit of the state.
        let starts_chain: Vec<bool> = (0..nodes.len())
            .map(|n| n != 0 && chain_of(n).is_some())
            .collect();
        let mut id = vec![0u16; nodes.len()];
        let mut next_id = Self::ROOT;
        for chain_pass in [false, true] {
            for &n in order.iter().filter(|&&n| starts_chain[n] == chain_pass) {
                id[n] = next_id;
                next_id += 1;
            }
        }
        let first_chain = Self::ROOT as usize + starts_chain.iter().filter(|&&c| !c).count();
        let mut chains = vec![Chain::default(); states];
        let mut labels = Vec::new();
        let mut flags = vec![0u16; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            if node.pattern != NO_PATTERN {
                flags[n] |= Self::MATCH;
            }
        }
        let mut next = vec![Self::DEAD; states << shift];
        let mut pattern_at = vec![NO_PATTERN; states];
        for (n, node) in nodes.iter().enumerate() {
            let from = id[n] as usize;
            pattern_at[from] = node.pattern;
            for &(c, child) in &node.children {
                next[(from << shift) | c as usize] = id[child] | flags[child];
            }
            if starts_chain[n] {
                if let Some((classes, end)) = chain_of(n) {
                    let expect = classes.iter().take(8).enumerate().fold(0u64, |w, (i, &c)| {
                        w | u64::from(spelling[c as usize]) << (8 * i)
                    });
                    chains[from] = Chain {
                        expect,
                        offset: labels.len() as u32,
                        end: id[end] | flags[end],
                        len: classes.len() as u8,
                    };
                    labels.extend(classes);
                }
            }
        }
        let root_row = (Self::ROOT as usize) << shift;
        let width = 1usize << Self::TWO_STEP_SHIFT;
        let mut two_step = Vec::new();
        if classes < width {
            two_step = vec![Self::DEAD; width * width];
            for first in 1..=classes {
                let after_first = next[root_row | first];
                if after_first == Self::DEAD {
                    continue;
                }
                let row = ((after_first & Self::ID) as usize) << shift;
                for second in 1..=classes {
                    two_step[(first << Self::TWO_STEP_SHIFT) | second] = next[row | second];
                }
            }
        }
        let mut three_step = Vec::new();
        let width = Self::THREE_STEP_CLASSES;
        // A state is an id and the match bit: below `NO_SHORTCUT` (all ones) as long as the last
        // id is not `ID`.
        if states < Self::ID as usize {
            three_step = vec![Self::DEAD; width * width * width];
            let step =
                |state: u16, class: usize| next[(((state & Self::ID) as usize) << shift) | class];
            for first in 1..width.min(classes + 1) {
                let after_first = next[root_row | first];
                // Class 0 (a byte of no term) included: after a term of one or two bytes it ends
                // the walk, and the term must still be reported.
                for second in 0..width.min(classes + 1) {
                    let after_second = if after_first == Self::DEAD {
                        Self::DEAD
                    } else {
                        step(after_first, second)
                    };
                    for third in 0..width.min(classes + 1) {
                        let at = (first << (2 * Self::THREE_STEP_SHIFT))
                            | (second << Self::THREE_STEP_SHIFT)
                            | third;
                        three_step[at] = if (after_first | after_second) & Self::MATCH != 0 {
                            Self::NO_SHORTCUT
                        } else if after_second == Self::DEAD {
                            Self::DEAD
                        } else {
                            step(after_second, third)
                        };
                    }
                }
            }
        }
        let mut byte_kind = [0u8; 256];
        for (b, kind) in byte_kind.iter_mut().enumerate() {
            if is_word_byte(b as u8) {
                *kind |= Self::WORD_BYTE;
            }
            let after_first = next[root_row | class[b] as usize];
            if after_first != Self::DEAD {
                *kind |= Self::STARTS_TERM;
                if !two_step.is_empty() && after_first & Self::MATCH == 0 {
                    *kind |= Self::TWO_STEP;
                }
            }
        }
        let punctuation: Vec<u8> = (0..=255u8)
            .filter(|&b| {
                byte_kind[b as usize] & (Self::WORD_BYTE | Self::STARTS_TERM) == Self::STARTS_TERM
            })
            .collect();
        let punctuation_starts = (punctuation.len() <= 3).then_some(punctuation);
        Ok(Trie {
            punctuation_starts,
            byte_kind,
            two_step,
            three_step,
            class,
            shift,
            next,
            pattern_at,
            first_chain,
            chains,
            labels,
        })
    }

    fn memory_usage(&self) -> usize {
        self.next.len() * 2
            + self.pattern_at.len() * 4
            + self.class.len()
            + self.chains.len() * std::mem::size_of::<Chain>()
            + self.labels.len()
            + self.two_step.len() * 2
            + self.three_step.len() * 2
    }
}

/// The compiled trie over all terms.
#[derive(Debug, Clone)]
pub struct Terms {
    trie: Trie,
    /// The sets each pattern belongs to, and whether it matches there as a prefix: pattern `p`'s
    /// are `owners[owners_at[p]..owners_at[p + 1]]`, in set order.
    owners: Vec<(SetId, bool)>,
    owners_at: Vec<u32>,
    set_names: Vec<String>,
    patterns: Vec<String>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl Terms {
    /// Every term hit in `text`, sorted by position, then end, then set.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        // About one hit per dozen bytes of contract text; room for more.
        let mut hits = Vec::with_capacity(text.len() / 8);
        self.find_into(text, &mut hits);
        hits
    }

    /// [`Terms::find`], appending the hits to `hits`.
    pub fn find_into(&self, text: &str, hits: &mut Vec<Hit>) {
        self.find_into_at_most(text, hits, usize::MAX);
    }

    /// [`Terms::find_into`] that stops soon after `hits` holds more than `limit` hits (within one
    /// 64-byte step) and then returns false, so a text made of terms cannot take memory without
    /// bound. True when the whole text was searched.
    pub fn find_into_at_most(&self, text: &str, hits: &mut Vec<Hit>, limit: usize) -> bool {
        let first = hits.len();
        let complete = match &self.trie.punctuation_starts {
            Some(punctuation) => {
                self.find_from_word_starts(text.as_bytes(), punctuation, hits, limit)
            }
            None => self.find_from_each_byte(text.as_bytes(), hits, limit),
        };
        debug_assert!(hits[first..].windows(2).all(|w| w[0] < w[1]));
        complete
    }

    /// Walks from every word start and every byte of `punctuation` (the bytes outside words that
    /// begin a term, at most three). Word starts are found 64 bytes at a time, eight bytes per
    /// step, without a branch or a table look-up per byte; a word start whose byte begins no term
    /// dies at the first step of its walk.
    fn find_from_word_starts(
        &self,
        bytes: &[u8],
        punctuation: &[u8],
        hits: &mut Vec<Hit>,
        limit: usize,
    ) -> bool {
        let mut punctuation = match *punctuation {
            [] => None,
            [a] => Some(memchr::memchr3_iter(a, a, a, bytes)),
            [a, b] => Some(memchr::memchr3_iter(a, b, b, bytes)),
            [a, b, c, ..] => Some(memchr::memchr3_iter(a, b, c, bytes)),
        }
        .map(Iterator::peekable);
        let mut previous_is_word = false;
        for (chunk_index, chunk) in bytes.chunks(64).enumerate() {
            let base = chunk_index * 64;
            let word = match <&[u8; 64]>::try_from(chunk) {
                Ok(full) => word_bits_64(full),
                Err(_) => {
                    // The last, shorter chunk, padded with bytes outside words.
                    let mut padded = [0u8; 64];
                    padded[..chunk.len()].copy_from_slice(chunk);
                    word_bits_64(&padded)
                }
            };
            let mut starts = word & !((word << 1) | u64::from(previous_is_word));
            previous_is_word = word >> 63 == 1;
            if let Some(found) = punctuation.as_mut() {
                while let Some(at) = found.next_if(|&at| at < base + 64) {
                    starts |= 1 << (at - base);
                }
            }
            if !self.walk_starts(bytes, base, starts, hits, limit) {
                return false;
            }
        }
        true
    }

    /// Walks from each byte the root has a transition for, at a word start (or anywhere, if it is
    /// not a word byte: a term may begin with punctuation). The starts of 64 bytes at a time are
    /// found as a bit mask without a branch per byte; only the starts are walked.
    fn find_from_each_byte(&self, bytes: &[u8], hits: &mut Vec<Hit>, limit: usize) -> bool {
        let mut previous_is_word = false;
        for (chunk_index, chunk) in bytes.chunks(64).enumerate() {
            let mut word = 0u64;
            let mut live = 0u64;
            for (i, &b) in chunk.iter().enumerate() {
                let kind = self.trie.byte_kind[b as usize];
                word |= u64::from(kind & Trie::WORD_BYTE) << i;
                live |= u64::from((kind & Trie::STARTS_TERM) >> 1) << i;
            }
            let word_before = (word << 1) | u64::from(previous_is_word);
            previous_is_word = word >> (chunk.len() - 1) & 1 == 1;
            let starts = live & !(word_before & word);
            let base = chunk_index * 64;
            if !self.walk_starts(bytes, base, starts, hits, limit) {
                return false;
            }
        }
        true
    }

    /// Walks from each start of a 64-byte chunk (bit `i` of `starts`: `bytes[base + i]`), in
    /// order; false once `hits` holds more than `limit`.
    #[inline(always)]
    fn walk_starts(
        &self,
        bytes: &[u8],
        base: usize,
        mut starts: u64,
        hits: &mut Vec<Hit>,
        limit: usize,
    ) -> bool {
        while starts != 0 {
            let s = base + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            self.walk(bytes, s, hits);
        }
        hits.len() <= limit
    }

    /// Walks the trie from `bytes[s]` until it dies, pushing every hit.
    #[inline(always)]
    fn walk(&self, bytes: &[u8], s: usize, hits: &mut Vec<Hit>) {
        let trie = &self.trie;
        let root_row = (Trie::ROOT as usize) << trie.shift;
        let Some(&first) = bytes.get(s) else {
            return;
        };
        let kind = trie.byte_kind[first as usize];
        let first = trie.class[first as usize] as usize;
        // The first three bytes in one step, unless a term ends within the first two; else the
        // first two, unless the first alone is a term.
        let three = match (bytes.get(s + 1), bytes.get(s + 2)) {
            (Some(&second), Some(&third)) if kind & Trie::TWO_STEP != 0 => {
                let (second, third) = (
                    trie.class[second as usize] as usize,
                    trie.class[third as usize] as usize,
                );
                if (first | second | third) < Trie::THREE_STEP_CLASSES {
                    trie.three_step
                        .get(
                            (first << (2 * Trie::THREE_STEP_SHIFT))
                                | (second << Trie::THREE_STEP_SHIFT)
                                | third,
                        )
                        .copied()
                        .unwrap_or(Trie::NO_SHORTCUT)
                } else {
                    Trie::NO_SHORTCUT
                }
            }
            _ => Trie::NO_SHORTCUT,
        };
        let (mut state, mut e) = match bytes.get(s + 1) {
            _ if three != Trie::NO_SHORTCUT => (three, s + 3),
            Some(&second) if kind & Trie::TWO_STEP != 0 => (
                trie.two_step
                    .get((first << Trie::TWO_STEP_SHIFT) | trie.class[second as usize] as usize)
                    .copied()
                    .unwrap_or(Trie::DEAD),
                s + 2,
            ),
            _ => (trie.next[root_row | first], s + 1),
        };
        while state != Trie::DEAD {
            let id = (state & Trie::ID) as usize;
            if state & Trie::MATCH != 0 {
                let pid = trie.pattern_at[id];
                let ends_word =
                    e == bytes.len() || !is_word_byte(bytes[e]) || !is_word_byte(bytes[e - 1]);
                for &(set, prefix) in self.owners_of(pid as usize) {
                    if prefix || ends_word {
                        hits.push(Hit {
                            set,
                            start: s as u32,
                            end: e as u32,
                        });
                    }
                }
            }
            if id >= trie.first_chain {
                let chain = trie.chains[id];
                let len = usize::from(chain.len);
                let to = e + len;
                let eight = bytes
                    .get(e..e + 8)
                    .and_then(|w| <[u8; 8]>::try_from(w).ok());
                match eight {
                    // Up to eight classes, eight bytes of text to read: one comparison.
                    Some(word) if len <= 8 => {
                        let mask = u64::MAX >> (64 - 8 * len);
                        if ascii_lowercase_word(u64::from_le_bytes(word)) & mask != chain.expect {
                            break;
                        }
                    }
                    _ => {
                        let (Some(text), Some(classes)) = (
                            bytes.get(e..to),
                            trie.labels
                                .get(chain.offset as usize..chain.offset as usize + len),
                        ) else {
                            break;
                        };
                        if text
                            .iter()
                            .zip(classes)
                            .any(|(&b, &c)| trie.class[b as usize] != c)
                        {
                            break;
                        }
                    }
                }
                e = to;
                state = chain.end;
                continue;
            }
            let Some(&next) = bytes.get(e) else {
                break;
            };
            state = trie.next[(id << trie.shift) | trie.class[next as usize] as usize];
            e += 1;
        }
    }

    /// The sets pattern `pid` belongs to, with whether it matches there as a prefix.
    fn owners_of(&self, pid: usize) -> &[(SetId, bool)] {
        match (self.owners_at.get(pid), self.owners_at.get(pid + 1)) {
            (Some(&lo), Some(&hi)) => self.owners.get(lo as usize..hi as usize).unwrap_or(&[]),
            _ => &[],
        }
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

    /// Bytes of the trie's tables.
    pub fn automaton_bytes(&self) -> usize {
        self.trie.memory_usage()
    }

    /// The number of states of the automaton, and whether the walk takes its first three bytes
    /// in one step (tries of fewer than 32,767 states; larger ones are refused when built).
    pub fn states(&self) -> (usize, bool) {
        (self.trie.pattern_at.len(), !self.trie.three_step.is_empty())
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The distinct patterns, normalised and lowercased (prefix terms without their `*`).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
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
                for &(set, prefix) in self.owners_of(pid) {
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
        let mut blocks = 0;
        for doc in crate::labeled::documents().iter().take(8) {
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

    /// A seeded xorshift generator: each call gives a number below its argument.
    fn random_below(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// Random term lists and texts over a small alphabet (letters of both cases, digits, space,
    /// punctuation, multi-byte characters) so that prefixes, overlaps, word boundaries and case
    /// meet often: the trie finds what the naive search finds.
    #[test]
    fn random_terms_and_texts_match_a_naive_search() {
        let mut next = random_below(0x9e37_79b9_7f4a_7c15);
        let alphabet = ["a", "b", "A", "B", "c", " ", "-", "%", "€", "é", "1", "."];
        for round in 0..300 {
            let mut b = TermsBuilder::default();
            for set in 0..1 + next(4) {
                let terms: Vec<String> = (0..1 + next(5))
                    .map(|_| {
                        let mut t: String = (0..1 + next(4)).map(|_| alphabet[next(12)]).collect();
                        if next(3) == 0 {
                            t.push('*');
                        }
                        t
                    })
                    .collect();
                b.add_set(&format!("s{set}"), &terms);
            }
            let t = b.build().unwrap();
            for _ in 0..10 {
                // Longer than 64 bytes at times: walk starts are found 64 bytes at a time.
                let text: String = (0..next(150)).map(|_| alphabet[next(12)]).collect();
                assert_eq!(
                    t.find(&text),
                    t.naive_find(&text),
                    "round {round}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_lowercase_word_lowercases_each_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'x'; 8];
                word[at] = b;
                let mut want = word;
                want[at] = b.to_ascii_lowercase();
                let got = ascii_lowercase_word(u64::from_le_bytes(word)).to_le_bytes();
                assert_eq!(got, want, "byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn word_bits_mark_exactly_the_word_bytes() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [b' ', b'a', 0x80] {
                    let mut word = [fill; 8];
                    word[at] = b;
                    let want =
                        (0..8).fold(0u64, |bits, i| bits | u64::from(is_word_byte(word[i])) << i);
                    assert_eq!(
                        word_bits_8(u64::from_le_bytes(word)),
                        want,
                        "byte {b:#04x} at {at}"
                    );
                }
            }
        }
        let mut chunk = [b'.'; 64];
        chunk[0] = b'A';
        chunk[63] = 0xc3;
        chunk[17] = b'9';
        assert_eq!(word_bits_64(&chunk), 1 | 1 << 17 | 1 << 63);
    }

    /// Both ways of finding walk starts give the same hits: from word starts (the library's way,
    /// with at most three punctuation bytes beginning a term) and byte by byte (with more).
    #[test]
    fn word_starts_and_byte_by_byte_find_the_same() {
        let lib = crate::library::Library::builtin().unwrap();
        assert!(lib.terms.trie.punctuation_starts.is_some());
        let mut b = TermsBuilder::default();
        b.add_set(
            "a",
            &["$100".into(), "(a)".into(), "data*".into(), "é*".into()],
        );
        b.add_set("b", &["%".into(), "€".into(), "x".into(), "in".into()]);
        let few = b.build().unwrap();
        assert_eq!(few.trie.punctuation_starts.as_deref(), Some(&b"$%("[..]));
        let mut b = TermsBuilder::default();
        b.add_set(
            "a",
            &[
                "$".into(),
                "%".into(),
                "(".into(),
                "-".into(),
                "data".into(),
            ],
        );
        let many = b.build().unwrap();
        assert!(many.trie.punctuation_starts.is_none());
        let mut texts: Vec<String> = crate::labeled::documents()
            .iter()
            .take(4)
            .flat_map(|d| d.blocks.iter().map(|b| b.text.clone()))
            .collect();
        texts.push("(a) $100 or 5% of Data-sets; x-ray é-data (b)€ -in -inx".repeat(3));
        for t in [&lib.terms, &few, &many] {
            for text in &texts {
                if let Some(punctuation) = &t.trie.punctuation_starts {
                    let (mut by_words, mut by_bytes) = (Vec::new(), Vec::new());
                    t.find_from_word_starts(
                        text.as_bytes(),
                        punctuation,
                        &mut by_words,
                        usize::MAX,
                    );
                    t.find_from_each_byte(text.as_bytes(), &mut by_bytes, usize::MAX);
                    assert_eq!(by_words, by_bytes, "{text}");
                }
                assert_eq!(t.find(text), t.naive_find(text), "{text}");
            }
        }
    }

    /// A list registered twice is one set.
    #[test]
    fn identical_lists_share_a_set() {
        let mut b = TermsBuilder::default();
        let a = b.add_set("a", &["Data".into(), "breach*".into()]);
        let same = b.add_set("b", &["breach*".into(), "data".into(), "data".into()]);
        let other = b.add_set("c", &["breach".into(), "data".into()]);
        assert_eq!(a, same);
        assert_ne!(a, other);
        let t = b.build().unwrap();
        assert_eq!(t.find("data breaches").len(), 3);
    }

    /// The search stops within one 64-byte step of passing its limit, and says so.
    #[test]
    fn find_into_at_most_stops_near_its_limit() {
        let mut b = TermsBuilder::default();
        for set in 0..5 {
            // Five different sets (identical lists would be one set).
            b.add_set(
                &format!("s{set}"),
                &["notify".into(), "notif*".into(), format!("zq{set}")],
            );
        }
        let t = b.build().unwrap();
        let text = "notify ".repeat(10_000);
        let mut hits = Vec::new();
        assert!(!t.find_into_at_most(&text, &mut hits, 1_000));
        // Ten hits per word, at most ten words in a step of 64 bytes.
        assert!(
            (1_001..=1_000 + 100).contains(&hits.len()),
            "{}",
            hits.len()
        );
        let mut all = Vec::new();
        assert!(t.find_into_at_most(&text, &mut all, 100_000));
        assert_eq!(all.len(), 100_000);
        assert_eq!(all, t.find(&text));
        assert_eq!(&all[..hits.len()], &hits[..]);
    }

    /// Terms over 64 byte classes or more: no two-byte first step; the same hits.
    #[test]
    fn many_byte_classes_match_a_naive_search() {
        let alphabet: Vec<char> = ('!'..='~').filter(|c| !c.is_ascii_uppercase()).collect();
        assert!(alphabet.len() >= 64);
        let mut next = random_below(0x2545_f491_4f6c_dd1d);
        let mut b = TermsBuilder::default();
        let mut terms: Vec<String> = Vec::new();
        for c in &alphabet {
            terms.push(format!("{c}{}", alphabet[next(alphabet.len())]));
        }
        for _ in 0..200 {
            let len = 1 + next(3);
            terms.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
        }
        b.add_set("all", &terms);
        let t = b.build().unwrap();
        assert!(t.trie.two_step.is_empty());
        for _ in 0..200 {
            let text: String = (0..next(200))
                .map(|_| {
                    if next(4) == 0 {
                        ' '
                    } else {
                        alphabet[next(alphabet.len())]
                    }
                })
                .collect();
            assert_eq!(t.find(&text), t.naive_find(&text), "{text:?}");
        }
    }

    /// A trie of more than 16,384 states (the limit when chains were a bit of the state) crosses
    /// chains and finds the same.
    #[test]
    fn large_tries_match_a_naive_search() {
        let words: Vec<String> = (0..6000u32)
            .map(|i| {
                let mut w: String = format!("{i:x}")
                    .chars()
                    .map(|c| char::from(b'g' + c.to_digit(16).unwrap_or(0) as u8))
                    .collect();
                w.push_str("zzyx");
                if i % 3 == 0 {
                    w.push('*');
                }
                w
            })
            .collect();
        let mut b = TermsBuilder::default();
        b.add_set("many", &words);
        b.add_set("few", &["gh zzyx".into(), "security incident".into()]);
        let t = b.build().unwrap();
        let (states, three_step) = t.states();
        assert!(states > 16_384 && three_step, "{states} states");
        assert!(t.trie.first_chain < states, "expected chains");
        let text = "GHZZYX gh zzyx hgzzyxs, a Security Incident; kkzzyx gzzy ijkzzyx";
        assert_eq!(t.find(text), t.naive_find(text));
        assert!(!t.find(text).is_empty());
        // The library's own trie does use chains, and the three-byte first step.
        let lib = crate::library::Library::builtin().unwrap();
        assert!(lib.terms.trie.first_chain < lib.terms.states().0);
        assert!(lib.terms.states().1);
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
