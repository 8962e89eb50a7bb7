//! Who is bound: finds the names the contract gives the supplier and the customer (role words from the
//! vocabulary, plus aliases defined in the preamble such as `Acme Ltd ("Acme")`), and reads which
//! party a clause's governing verb binds and how strongly.

use crate::document::Document;
use crate::library::terms::Hit;
use crate::library::{CoreVocab, Library};
use regex::Regex;
use std::sync::LazyLock;

/// The party a clause binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Supplier,
    Customer,
    /// "each party", "the parties".
    Both,
    /// No party named before the verb: a passive duty ("Customer Data shall be encrypted").
    Implicit,
}

/// How strongly the governing verb binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// shall, must, will, agrees to, undertakes to.
    Strong,
    /// may, should, can, intends to.
    Permissive,
    /// No modal: a statement ("We encrypt all data").
    None,
}

/// The governing verb of a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Governing {
    pub subject: Subject,
    pub modal: Modal,
    /// Byte span of the modal in the judged text.
    pub modal_span: Option<(usize, usize)>,
    /// Somewhere in the text the customer "may" do something: a right of the customer, even when
    /// a supplier duty governs the sentence ("the Customer may inspect …, and the Supplier shall
    /// help").
    pub customer_right: bool,
}

/// Party names of one document.
#[derive(Debug, Clone, Default)]
pub struct Parties {
    pub supplier_aliases: Vec<String>,
    pub customer_aliases: Vec<String>,
}

static ALIAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\((?:each\s+|together\s+)?(?:hereinafter\s+)?(?:referred\s+to\s+as\s+)?(?:the\s+)?"([A-Z][A-Za-z0-9&.\- ]{1,40})"\)|\([Tt]he\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\)"#)
        .expect("alias regex")
});

impl Parties {
    /// Reads the aliases the preamble defines (first blocks of the document).
    pub fn detect(doc: &Document, lib: &Library) -> Parties {
        let supplier_words = lib.vocab_words("supplier-roles");
        let customer_words = lib.vocab_words("customer-roles");
        let mut unknown = Vec::new();
        let mut p = Parties::default();
        let mut has_customer_alias = false;
        let mut has_supplier_alias = false;
        for b in doc.blocks.iter().take(25) {
            for c in ALIAS.captures_iter(&b.text) {
                // Quoted ("the \"Supplier\"") or bare, after "the" ("(the Commonwealth)").
                let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                    continue;
                };
                let alias = m.as_str().trim().to_string();
                let lower = alias.to_ascii_lowercase();
                if supplier_words.contains(&lower) {
                    has_supplier_alias = true;
                } else if customer_words.contains(&lower) {
                    has_customer_alias = true;
                } else if alias.split_whitespace().count() <= 3
                    && !lower.split_whitespace().any(|w| NOT_A_PARTY.contains(&w))
                    && !unknown.contains(&alias)
                {
                    unknown.push(alias);
                }
            }
        }
        // Terms of service name the supplier by its brand ("GitHub will …", "Acme may …") and
        // the customer "you": the name that most often governs a verb is the supplier.
        if p.supplier_aliases.is_empty() && !has_supplier_alias {
            if let Some(name) = frequent_actor(doc) {
                p.supplier_aliases.push(name);
            }
        }
        // A company alias next to a role word: the other role is the company.
        if unknown.len() == 1 {
            if has_customer_alias && !has_supplier_alias {
                p.supplier_aliases.push(unknown.remove(0));
            } else if has_supplier_alias && !has_customer_alias {
                p.customer_aliases.push(unknown.remove(0));
            }
        }
        // Two names and no role words ("the Operator", "the Reseller"; "Party A", "Party B"):
        // the recitals and opening clauses say who supplies and who buys.
        if unknown.len() >= 2 && !has_customer_alias && !has_supplier_alias {
            if let Some((supplier, customer)) = roles_from_wording(doc, &unknown) {
                p.supplier_aliases.push(supplier);
                p.customer_aliases.push(customer);
            }
        }
        p
    }
}

/// Words of defined terms in a preamble that name documents, dates or things, not parties
/// ("this \"Addendum\"", the \"Effective Date\"", the \"Cybersecurity Regulation\"").
const NOT_A_PARTY: [&str; 17] = [
    "agreement",
    "effective",
    "date",
    "services",
    "service",
    "addendum",
    "regulation",
    "schedule",
    "exhibit",
    "annex",
    "terms",
    "contract",
    "deed",
    "policy",
    "data",
    "information",
    "statement",
];

/// Verbs that show a party supplying ("the Operator offers wholesale services", "Party B shall
/// provide") or buying ("the Reseller wishes to launch", "Party A entrusts").
const SUPPLYING: [&str; 14] = [
    " provides",
    " supplies",
    " offers",
    " operates",
    " runs",
    " hosts",
    " is willing to",
    " agrees to provide",
    " shall provide",
    " will provide",
    " shall supply",
    " will supply",
    " shall perform",
    " accepts the",
];
const BUYING: [&str; 9] = [
    " wishes to",
    " desires to",
    " requires",
    " intends to",
    " entrusts",
    " engages",
    " appoints",
    " shall pay",
    " will pay",
];

/// Which of two party names supplies and which buys, from how often each is the subject of a
/// supplying or a buying verb in the first blocks; `None` unless one clearly leads each way.
fn roles_from_wording(doc: &Document, names: &[String]) -> Option<(String, String)> {
    let names = &names[..2];
    let mut supply = [0i32; 2];
    for b in doc.blocks.iter().take(200) {
        for (i, name) in names.iter().enumerate() {
            for (at, _) in b.text.match_indices(name.as_str()) {
                let rest = &b.text[at + name.len()..];
                supply[i] += SUPPLYING.iter().filter(|v| rest.starts_with(*v)).count() as i32;
                supply[i] -= BUYING.iter().filter(|v| rest.starts_with(*v)).count() as i32;
            }
        }
    }
    match supply[0].cmp(&supply[1]) {
        std::cmp::Ordering::Greater => Some((names[0].clone(), names[1].clone())),
        std::cmp::Ordering::Less => Some((names[1].clone(), names[0].clone())),
        std::cmp::Ordering::Equal => None,
    }
}

static ACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][A-Za-z0-9&]+(?:\s[A-Z][A-Za-z0-9&]+)?)\s+(?:will|shall|may|must|has|reserves|agrees|is not|does not)\b")
        .expect("actor regex")
});

/// The capitalised name that most often stands before a verb of obligation, when it is not a role or
/// common word and the document speaks to "you".
fn frequent_actor(doc: &Document) -> Option<String> {
    let mut you = 0;
    for b in doc.blocks.iter().take(2000) {
        you += count_you(b.text.as_bytes());
        if you >= 5 {
            break;
        }
    }
    if you < 5 {
        return None;
    }
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for b in doc.blocks.iter().take(2000) {
        for c in ACTOR.captures_iter(&b.text) {
            let Some(m) = c.get(1) else { continue };
            let name = m.as_str();
            let lower = name.to_ascii_lowercase();
            let common = [
                "you",
                "this",
                "the",
                "it",
                "we",
                "they",
                "each",
                "either",
                "neither",
                "such",
                "that",
                "any",
                "no",
                "all",
                "agreement",
                "services",
                "service",
                "party",
                "parties",
                "if",
                "customer",
                "supplier",
                "provider",
                "processor",
                "controller",
                "user",
                "users",
                "content",
                "section",
                "notice",
                "data",
                "nothing",
                "these",
                "terms",
                "both",
                "he",
                "she",
                "there",
                "licensee",
                "licensor",
                "vendor",
                "client",
                "contractor",
                "company",
            ];
            if common.contains(&lower.as_str())
                || common.iter().any(|w| lower.starts_with(&format!("{w} ")))
            {
                continue;
            }
            *counts.entry(name.to_string()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 5)
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(name.clone())))
        .map(|(name, _)| name)
}

/// The occurrences of " you " and of "You " in `text`, each counted as a search for it alone
/// counts them (without overlaps), found in one pass over "ou ", which both hold and contracts
/// rarely do otherwise.
fn count_you(text: &[u8]) -> usize {
    static OU: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("ou "));
    let mut count = 0;
    // Where the last " you " ended: a later one may not share its closing space.
    let mut lower_end = 0;
    for i in OU.find_iter(text) {
        let before = |k: usize| i.checked_sub(k).and_then(|j| text.get(j)).copied();
        if before(1) == Some(b'Y') {
            count += 1;
        } else if before(1) == Some(b'y') && before(2) == Some(b' ') && i - 2 >= lower_end {
            count += 1;
            lower_end = i + 3;
        }
    }
    count
}

/// The phrases that name both parties, in any case.
static BOTH_PARTIES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["each party", "either party", "the parties", "both parties"])
        .expect("both-parties automaton")
});

/// Finds the governing verb and its subject in `text` (a clause with its lead-in).
pub fn governing(text: &str, hits: &[Hit], lib: &Library, parties: &Parties) -> Governing {
    let strong = lib.core_set(CoreVocab::ModalStrong);
    let permissive = lib.core_set(CoreVocab::ModalPermissive);
    let supplier = lib.core_set(CoreVocab::SupplierRoles);
    let customer = lib.core_set(CoreVocab::CustomerRoles);

    // Party mentions, as (start, end, subject), only where they can be a grammatical subject.
    let mut mentions: Vec<(usize, usize, Subject)> = Vec::new();
    for h in hits {
        let who = if h.set == supplier {
            Subject::Supplier
        } else if h.set == customer {
            Subject::Customer
        } else {
            continue;
        };
        mentions.push((h.start as usize, h.end as usize, who));
    }
    for (aliases, who) in [
        (&parties.supplier_aliases, Subject::Supplier),
        (&parties.customer_aliases, Subject::Customer),
    ] {
        for a in aliases {
            for (i, _) in text.match_indices(a.as_str()) {
                mentions.push((i, i + a.len(), who));
            }
        }
    }
    // Most clauses name no party collectively: look for the phrases only where "art" occurs. No
    // phrase can overlap itself, so every occurrence of each is found.
    if contains_art(text) {
        for m in BOTH_PARTIES.find_overlapping_iter(text) {
            mentions.push((m.start(), m.end(), Subject::Both));
        }
    }
    let agents: Vec<(usize, Subject)> = mentions
        .iter()
        .filter_map(|&(s, _, w)| passive_agent_at(text, s).map(|by| (by, w)))
        .collect();
    mentions.retain(|&(s, e, _)| is_subject_position(text, s, e));
    mentions.sort_by_key(|m| m.0);

    let mut modals: Vec<(usize, usize, Modal)> = hits
        .iter()
        .filter_map(|h| {
            if h.set == strong {
                Some((h.start as usize, h.end as usize, Modal::Strong))
            } else if h.set == permissive {
                Some((h.start as usize, h.end as usize, Modal::Permissive))
            } else {
                None
            }
        })
        .collect();
    modals.sort_by_key(|m| m.0);
    // "shall have the right to" is a right, not a duty: a permissive phrase overrides the strong
    // word inside it.
    let permissive_spans: Vec<(usize, usize)> = modals
        .iter()
        .filter(|m| m.2 == Modal::Permissive)
        .map(|m| (m.0, m.1))
        .collect();
    modals.retain(|m| {
        m.2 != Modal::Strong || !permissive_spans.iter().any(|&(s, e)| s <= m.0 && m.1 <= e)
    });

    // The first modal whose nearest preceding party mention lies in the same clause governs; a strong
    // modal bound to the supplier wins over a permissive one elsewhere in the text.
    let mut best: Option<Governing> = None;
    let mut customer_right = false;
    for (k, &(ms, me, modal)) in modals.iter().enumerate() {
        // "No more than 48 hours may elapse": a limit on time, not a permission.
        let after = text.get(me..).unwrap_or("").trim_start();
        if modal == Modal::Permissive
            && ["elapse", "pass", "go by"]
                .iter()
                .any(|w| after.starts_with(w))
            && TIME_PASSES.is_match(&text[me..])
        {
            continue;
        }
        // "Everyone who can open the payroll must sign in": a modal right after a relative
        // pronoun belongs to the relative clause when another modal follows.
        if k + 1 < modals.len()
            && matches!(word_before(text, ms).as_str(), "who" | "which" | "that")
        {
            continue;
        }
        let mention = mentions
            .iter()
            .rev()
            .find(|&&(_, e, _)| e <= ms && same_clause(text, e, ms));
        // "shall be enabled by Customer's administrator": the agent of a passive is bound.
        let passive =
            !agents.is_empty() && (after.starts_with("be ") || after.starts_with("remain "));
        let agent = passive
            .then(|| PASSIVE.find(&text[me..]))
            .flatten()
            .and_then(|m| agents.iter().find(|a| a.0 == me + m.end()));
        let subject = match agent {
            Some(&(_, who)) => who,
            None => mention.map(|&(_, _, w)| w).unwrap_or(Subject::Implicit),
        };
        // A modal in a relative or conditional clause ("an option that the Customer may buy",
        // "so that Customer can verify") does not govern a sentence whose main clause names a
        // party before it, nor grant a right.
        if let Some(&(s, _, _)) = mention {
            if in_subordinate_clause(text, s) && mentions.first().is_some_and(|m| m.0 < s) {
                continue;
            }
        }
        customer_right |= subject == Subject::Customer && modal == Modal::Permissive;
        let g = Governing {
            subject,
            modal,
            modal_span: Some((ms, me)),
            customer_right,
        };
        let binds_supplier = matches!(
            subject,
            Subject::Supplier | Subject::Both | Subject::Implicit
        );
        match best {
            None => best = Some(g),
            Some(b) => {
                let b_strong_supplier = b.modal == Modal::Strong
                    && matches!(b.subject, Subject::Supplier | Subject::Both);
                let stronger_named_duty = !b_strong_supplier
                    && modal == Modal::Strong
                    && binds_supplier
                    && subject != Subject::Implicit;
                let names_a_subject = b.subject == Subject::Implicit
                    && subject != Subject::Implicit
                    && !(b.modal == Modal::Strong && modal == Modal::Permissive);
                if stronger_named_duty || names_a_subject {
                    best = Some(g);
                }
            }
        }
    }
    if let Some(g) = best {
        return Governing {
            customer_right,
            ..g
        };
    }
    // No modal: a present-tense statement binds whoever it names first.
    let subject = mentions
        .first()
        .map(|&(_, _, w)| w)
        .unwrap_or(Subject::Implicit);
    Governing {
        subject,
        modal: Modal::None,
        modal_span: None,
        customer_right,
    }
}

/// The word before a party mention, lower-cased, skipping an article: "to" in "sent to the
/// Customer", "that" in "that the Customer may".
fn word_before(text: &str, start: usize) -> String {
    let before = text.get(..start).unwrap_or("").trim_end();
    let before = before
        .strip_suffix("the")
        .or_else(|| before.strip_suffix("The"))
        .unwrap_or(before)
        .trim_end();
    before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether the party mention at `start` opens a relative or conditional clause: "that the
/// Customer may …", "which Customer may …", "if the Customer …".
fn in_subordinate_clause(text: &str, start: usize) -> bool {
    matches!(
        word_before(text, start).as_str(),
        "that" | "which" | "whom" | "if" | "unless" | "where" | "when" | "whenever" | "until"
    )
}

/// Whether `text` contains "art" in any ASCII case ("Party", "PARTIES", "pArty").
fn contains_art(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'r', b'R', b).any(|i| {
        i > 0
            && b[i - 1].eq_ignore_ascii_case(&b'a')
            && b.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b't'))
    })
}

/// "may elapse", "may pass": time passing, after a modal.
static TIME_PASSES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:elapse|pass|go\s+by)\b").expect("time passes pattern"));

/// A passive after a modal, up to its agent's "by": "shall be enabled by ", "must be
/// performed solely by the ".
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:be|remain)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn|ne|t)\b(?:\s+[a-z]+ly)?\s+by\s+(?:the\s+|each\s+|a\s+)?")
        .expect("passive pattern")
});

/// Where the "by" phrase ends when a party mention at `start` is the agent of a passive: the
/// position the [`PASSIVE`] match after a modal must reach.
fn passive_agent_at(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?;
    let trimmed = before.trim_end_matches(' ');
    let trimmed = ["the", "each", "a"]
        .iter()
        .find_map(|a| trimmed.strip_suffix(a).filter(|t| t.ends_with(' ')))
        .map_or(trimmed, |t| t.trim_end_matches(' '));
    trimmed.ends_with(" by").then_some(start)
}

/// A party word can be a subject unless it modifies a noun ("Customer Data", "Supplier's systems").
fn is_subject_position(text: &str, start: usize, end: usize) -> bool {
    if follows_a_preposition(text, start) {
        return false;
    }
    let rest = &text[end.min(text.len())..];
    if rest.starts_with("'s") || rest.starts_with("s'") || rest.starts_with('\'') {
        return false;
    }
    let next = rest
        .trim_start()
        .split([' ', ',', ';', ':', '.', ')'])
        .next()
        .unwrap_or("");
    match next.chars().next() {
        Some(c) if c.is_uppercase() => false,
        Some('-') => false,
        _ => true,
    }
}

/// Whether the words before a party mention make it an object, not a subject: "sent to the
/// Customer", "for Customer", "with the Supplier". "by" is kept: the agent of a passive ("notice
/// shall be given by the Supplier") is the party bound.
fn follows_a_preposition(text: &str, start: usize) -> bool {
    matches!(
        word_before(text, start).as_str(),
        "to" | "for"
            | "with"
            | "from"
            | "of"
            | "towards"
            | "toward"
            | "against"
            | "upon"
            | "between"
    )
}

/// No sentence or clause break (". " or "; ") between two offsets, and fewer than 220 bytes.
/// Called for every modal verb of every clause: one scan for the two punctuation bytes.
fn same_clause(text: &str, from: usize, to: usize) -> bool {
    let between = text
        .as_bytes()
        .get(from.min(text.len())..to.min(text.len()))
        .unwrap_or_default();
    between.len() < 220
        && !memchr::memchr2_iter(b'.', b';', between).any(|i| between.get(i + 1) == Some(&b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_parties_phrases_are_every_occurrence_in_any_case() {
        let by_phrase = |t: &str| {
            let lower = t.to_ascii_lowercase();
            let mut found = Vec::new();
            for phrase in ["each party", "either party", "the parties", "both parties"] {
                found.extend(
                    lower
                        .match_indices(phrase)
                        .map(|(i, _)| (i, i + phrase.len())),
                );
            }
            found.sort_unstable();
            found
        };
        for t in [
            "",
            "Each Party shall; EITHER PARTY may; the parties agree; both parties and the Parties.",
            "each partyeach party either partythe parties",
            "Société: each party, bóth parties, the parties' rights",
            "the part, each parti, neither party",
        ] {
            let mut found: Vec<_> = BOTH_PARTIES
                .find_overlapping_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect();
            found.sort_unstable();
            assert_eq!(found, by_phrase(t), "{t:?}");
        }
    }

    #[test]
    fn same_clause_is_no_break_between_and_short() {
        let by_definition = |t: &str, from: usize, to: usize| {
            let between = &t[from..to];
            !between.contains(". ") && !between.contains("; ") && between.len() < 220
        };
        let texts = [
            String::new(),
            "The Supplier shall notify the Customer.".to_string(),
            "a. b;c ;d . e;  f.".to_string(),
            "e.g. the Supplier; and. ".to_string(),
            "x".repeat(219) + ". ",
            "word ".repeat(60),
            "ends with a dot.".to_string(),
        ];
        for t in &texts {
            for from in 0..=t.len() {
                for to in (from..=t.len()).step_by(3).chain([t.len()]) {
                    assert_eq!(
                        same_clause(t, from, to),
                        by_definition(t, from, to),
                        "{t:?} {from}..{to}"
                    );
                }
            }
        }
    }

    #[test]
    fn you_is_counted_as_two_searches_count_it() {
        let two_searches = |t: &str| t.matches(" you ").count() + t.matches("You ").count();
        for t in [
            "",
            "you ",
            " you ",
            " you you you ",
            "You you You ",
            "  you  you ",
            "If you agree, you  must. You may. Thou art; bayou ou ",
            "YouYou you",
            " yyou you ",
            "ou ou ou ",
        ] {
            assert_eq!(count_you(t.as_bytes()), two_searches(t), "{t:?}");
        }
    }

    #[test]
    fn art_in_any_case() {
        for t in [
            "Each Party",
            "EACH PARTY",
            "each pArty",
            "the PaRTies",
            "art",
        ] {
            assert!(contains_art(t), "{t}");
        }
        for t in ["", "a", "ar", "rt", "a rt", "Supplier shall"] {
            assert!(!contains_art(t), "{t}");
        }
        // The collective subject is found whatever the case.
        assert_eq!(
            gov("EACH PaRTY shall notify the other.").subject,
            Subject::Both
        );
    }

    fn gov(text: &str) -> Governing {
        let lib = Library::builtin().unwrap();
        let hits = lib.terms.find(text);
        governing(text, &hits, &lib, &Parties::default())
    }

    /// A party named after a preposition is an object: a passive duty binds the supplier.
    #[test]
    fn objects_are_not_subjects() {
        let g = gov("Every incident report sent to the Customer shall contain a point of contact.");
        assert_eq!((g.subject, g.modal), (Subject::Implicit, Modal::Strong));
        let g = gov("Reports prepared for Customer shall be delivered within 24 hours.");
        assert_eq!((g.subject, g.modal), (Subject::Implicit, Modal::Strong));
        let g = gov("Customer shall notify Supplier of any incident.");
        assert_eq!(g.subject, Subject::Customer);
    }

    /// "may elapse" limits time; it grants nothing.
    #[test]
    fn time_that_may_elapse_is_no_permission() {
        let g = gov("No more than 48 hours may elapse between awareness and the notice.");
        assert_ne!(g.modal, Modal::Permissive);
    }

    /// A modal in a relative clause does not govern when the main clause has its own.
    #[test]
    fn relative_clause_modals_do_not_govern() {
        let g = gov("Everyone on our team who can open your payroll must sign in with a code.");
        assert_eq!(g.modal, Modal::Strong);
        let g = gov("Personnel who may access Customer Data shall complete training annually.");
        assert_eq!(g.modal, Modal::Strong);
        let g = gov("Supplier may use any subcontractor that it may choose.");
        assert_eq!(g.modal, Modal::Permissive);
    }

    /// The agent of a passive is bound: "shall be enabled by Customer's administrator".
    #[test]
    fn passive_agents_are_bound() {
        let g = gov("MFA shall be enabled by Customer's system administrator for every account.");
        assert_eq!((g.subject, g.modal), (Subject::Customer, Modal::Strong));
        let g = gov("Customer Data shall be encrypted by the Supplier using AES-256.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Strong));
        let g = gov("Reports shall be sent by email to the Customer within 24 hours.");
        assert_eq!((g.subject, g.modal), (Subject::Implicit, Modal::Strong));
    }

    /// A modal in a relative or purpose clause neither governs the sentence nor grants a right;
    /// a customer's "may" beside a supplier duty is still a right of the customer.
    #[test]
    fn subordinate_clauses_do_not_govern() {
        let g = gov(
            "The Supplier offers encryption as an optional extra that the Customer may purchase.",
        );
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::None));
        assert!(!g.customer_right);
        let g =
            gov("Supplier will give Customer a summary so that Customer can verify compliance.");
        assert_eq!(g.subject, Subject::Supplier);
        assert!(!g.customer_right);
        let g =
            gov("Each year the Customer may inspect the premises, and the Supplier shall help.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Strong));
        assert!(g.customer_right);
    }

    #[test]
    fn reads_subject_and_modal() {
        let g = gov("Upon becoming aware of any incident, Supplier shall notify Customer.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Strong));
        let g = gov("Customer shall notify Supplier of any incident.");
        assert_eq!(g.subject, Subject::Customer);
        let g = gov("Customer Data shall be encrypted at rest.");
        assert_eq!((g.subject, g.modal), (Subject::Implicit, Modal::Strong));
        let g = gov("Supplier may notify Customer of incidents.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Permissive));
        let g = gov("For incidents that may affect Customer, Supplier shall notify Customer.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Strong));
        let g = gov("We will notify you within 72 hours.");
        assert_eq!((g.subject, g.modal), (Subject::Supplier, Modal::Strong));
    }

    /// The parties detected in a Markdown text.
    fn parties_of(text: &str) -> Parties {
        use crate::ingest::{read_bytes, Limits};
        let doc = read_bytes(text.as_bytes(), true, &Limits::default())
            .expect("reads")
            .document;
        Parties::detect(&doc, &Library::builtin().expect("library"))
    }

    /// An alias in brackets without quotes, after "the": "(the Commonwealth)".
    #[test]
    fn bare_aliases_after_the() {
        let p = parties_of(
            "# Deed\n\nCommonwealth of Australia (the Commonwealth)\n\nStratus Pty Ltd (the Provider)\n",
        );
        assert_eq!(p.customer_aliases, vec!["Commonwealth"]);
    }

    /// Two names without role words: the one that supplies is the supplier.
    #[test]
    fn roles_from_supplying_and_buying_verbs() {
        let p = parties_of("# Agreement\n\n(1) ORBIS LIMITED (the \"Operator\"); and (2) KESTREL LIMITED (the \"Reseller\").\n\n(A) The Operator offers wholesale services.\n\n(B) The Reseller wishes to resell them, and the Operator is willing to supply them.\n");
        assert_eq!(p.supplier_aliases, vec!["Operator"]);
        assert_eq!(p.customer_aliases, vec!["Reseller"]);
    }

    #[test]
    fn detects_company_alias() {
        let d = crate::ingest::markdown::read_markdown(
            "This Agreement is between Acme Cloud Ltd (\"Acme\") and Beta Bank plc (the \"Customer\").\n",
            &Default::default(),
        )
        .unwrap();
        let lib = Library::builtin().unwrap();
        let p = Parties::detect(&d, &lib);
        assert_eq!(p.supplier_aliases, vec!["Acme"]);
    }
}
