//! The TOML shapes of the clause library: rule files, vocabulary files and profiles. Unknown keys are
//! errors, so a typo in a rule file never silently disables a check.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Who the clause must bind or empower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    /// A duty of the supplier ("Supplier shall …"); passive duties count too.
    #[default]
    SupplierDuty,
    /// A right of the customer ("Customer may audit …"), or a supplier duty to allow it.
    CustomerRight,
    /// Any operative clause, whoever it binds (liability caps).
    Any,
}

/// One requirement, as written in `clause-library/<category>/<ID>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub id: String,
    pub title: String,
    pub category: String,
    pub severity: String,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default)]
    pub party: Party,
    pub docs: Docs,
    pub locate: Locate,
    /// Thresholds with their defaults; profiles and user configuration override them by name.
    #[serde(default)]
    pub parameters: BTreeMap<String, f64>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Universal checks this rule does not apply (e.g. "discretion" for a customer's right).
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// What the requirement asks of the contract.
    pub requires: String,
    /// The one-line bar for "satisfied".
    pub satisfied_when: String,
    /// Why it matters.
    pub why: String,
    /// Wording that would satisfy it.
    pub suggestion: String,
}

/// How to find candidate clauses: every group needs a hit in the sentence (or, with
/// `heading_context`, in a heading above it — but at least one group in the sentence itself).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locate {
    pub groups: Vec<Vec<String>>,
    /// Sentences with any of these terms are not candidates.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default = "yes")]
    pub heading_context: bool,
    /// Optional regex a candidate sentence must also match (case-insensitive).
    #[serde(default)]
    pub confirm: Option<String>,
}

fn yes() -> bool {
    true
}

/// Where a criterion looks: the candidate sentence (plus the definitions it uses and its list lead-in),
/// or its whole section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Sentence,
    Section,
    /// The clause group plus every unit of the document that holds one of the criterion's terms:
    /// for take-backs that may stand anywhere ("Supplier may use aggregated Customer Data to
    /// improve its services" in a licence clause far from the purpose limitation).
    Document,
}

/// A typed strength criterion. Terms ending in `*` match as prefixes ("encrypt*"); others whole words.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Criterion {
    /// A maximum time ("within 72 hours"): vague words, soft caps, late clock starts and too-long
    /// deadlines are reasons. `near` restricts it to durations following one of the terms.
    Deadline {
        parameter: String,
        #[serde(default)]
        near: Vec<String>,
        /// With `near`: when none of the near terms occurs, judge all durations instead.
        #[serde(default)]
        near_fallback: bool,
        /// Also count durations stated as minimums ("30 days' prior notice" as a notice ceiling).
        #[serde(default)]
        any_bound: bool,
        #[serde(default = "yes")]
        required: bool,
        #[serde(default)]
        clock: bool,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        scope: Scope,
    },
    /// A minimum period ("at least 30 days' notice", "retain for 12 months").
    MinDuration {
        parameter: String,
        #[serde(default)]
        near: Vec<String>,
        #[serde(default = "yes")]
        required: bool,
        #[serde(default = "notice_too_short")]
        code: String,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        scope: Scope,
    },
    /// How often ("annually", "every 12 months"): at most `parameter` months between events.
    Frequency {
        parameter: String,
        #[serde(default)]
        near: Vec<String>,
        #[serde(default = "yes")]
        required: bool,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        scope: Scope,
    },
    /// At least `min` of the named elements must be present.
    Elements {
        min: usize,
        /// A clause with fewer elements than this does not address the requirement at all (it is not
        /// a candidate); 0 keeps every located clause.
        #[serde(default)]
        address: usize,
        elements: BTreeMap<String, Vec<String>>,
        #[serde(default)]
        scope: Scope,
        #[serde(default)]
        unless: Vec<String>,
    },
    /// One of the terms (or a vocabulary) must be present, else the reason `code`.
    Require {
        #[serde(default)]
        terms: Vec<String>,
        #[serde(default)]
        vocab: Vec<String>,
        /// Only hits within `window` bytes of one of these terms count (proximity in code).
        #[serde(default)]
        near: Vec<String>,
        #[serde(default = "default_window")]
        window: usize,
        code: String,
        message: String,
        #[serde(default)]
        scope: Scope,
        #[serde(default)]
        unless: Vec<String>,
        /// Skip when the document's title has one of these terms ("Data Processing Agreement").
        #[serde(default)]
        unless_title: Vec<String>,
        /// Ignore hits that a "not"/"never"/"no" shortly before negates ("shall not include
        /// attempted or suspected events").
        #[serde(default)]
        negatable: bool,
    },
    /// None of the terms (or a vocabulary) may be present, else the reason `code`.
    Forbid {
        #[serde(default)]
        terms: Vec<String>,
        #[serde(default)]
        vocab: Vec<String>,
        /// Only hits within `window` bytes of one of these terms count (proximity in code).
        #[serde(default)]
        near: Vec<String>,
        #[serde(default = "default_window")]
        window: usize,
        code: String,
        message: String,
        #[serde(default)]
        scope: Scope,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        unless_title: Vec<String>,
        /// Ignore hits that a "not"/"never"/"no" shortly before negates ("shall not use it to train").
        #[serde(default)]
        negatable: bool,
    },
    /// The measures must be named or listed in this document: a named standard (terms or vocab), or a
    /// referenced schedule or annex that is in the document and not empty, or a list that follows.
    /// Otherwise `vague-standard`; a missing schedule gives `unresolved-reference`, an empty one or
    /// an empty list `placeholder`.
    Listed {
        #[serde(default)]
        terms: Vec<String>,
        #[serde(default)]
        vocab: Vec<String>,
    },
    /// Cryptographic strength: `transit` needs TLS at least `parameter` (e.g. 1.2) or FIPS-validated
    /// cryptography; `rest` needs AES of at least `parameter` bits or FIPS-validated modules.
    Crypto {
        mode: CryptoMode,
        parameter: String,
        #[serde(default)]
        scope: Scope,
    },
}

fn default_window() -> usize {
    120
}

fn notice_too_short() -> String {
    "notice-too-short".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CryptoMode {
    Transit,
    Rest,
}

/// A rule's own example: a short clause and the status (and reasons) it must produce.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub status: String,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub text: String,
}

/// A shared vocabulary: `clause-library/vocab/<name>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabFile {
    pub name: String,
    pub description: String,
    pub terms: Vec<String>,
}

/// A profile: `clause-library/profiles/<name>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub includes: Vec<String>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub recommended: Vec<String>,
    /// `[thresholds.INC-NOTIFY-TIME] deadline_hours = 24`
    #[serde(default)]
    pub thresholds: BTreeMap<String, BTreeMap<String, f64>>,
    /// How a finding names a threshold of this profile:
    /// `[labels.INC-NOTIFY-TIME] deadline_hours = "NIS2: initial notice within 24 h"`.
    #[serde(default)]
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
}
