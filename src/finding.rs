//! Findings: what the analysis says about one requirement in one document (status, reasons, evidence),
//! and the stable vocabulary of reason codes. The report printers only read these.

use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The three statuses of a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Satisfied,
    Weak,
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Weak => "weak",
            Status::Missing => "missing",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "satisfied" => Some(Status::Satisfied),
            "weak" => Some(Status::Weak),
            "missing" => Some(Status::Missing),
            _ => None,
        }
    }
}

/// Whether a profile requires a requirement or only recommends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Required,
    Recommended,
}

/// Stable reason codes (kebab-case in output; never renamed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonCode {
    DeadlineExceeds,
    NoDeadline,
    SoftCap,
    LateClockStart,
    EffortsStandard,
    PermissiveModal,
    Discretion,
    Negated,
    NarrowedScope,
    Placeholder,
    UnresolvedReference,
    MissingElement,
    FrequencyTooLow,
    NoticeTooShort,
    ReportsOnly,
    CapWithoutCarveOut,
    SoleRemedy,
    Conflict,
    VagueStandard,
    WeakCrypto,
    PeriodTooShort,
}

impl ReasonCode {
    pub const ALL: [ReasonCode; 21] = [
        ReasonCode::DeadlineExceeds,
        ReasonCode::NoDeadline,
        ReasonCode::SoftCap,
        ReasonCode::LateClockStart,
        ReasonCode::EffortsStandard,
        ReasonCode::PermissiveModal,
        ReasonCode::Discretion,
        ReasonCode::Negated,
        ReasonCode::NarrowedScope,
        ReasonCode::Placeholder,
        ReasonCode::UnresolvedReference,
        ReasonCode::MissingElement,
        ReasonCode::FrequencyTooLow,
        ReasonCode::NoticeTooShort,
        ReasonCode::ReportsOnly,
        ReasonCode::CapWithoutCarveOut,
        ReasonCode::SoleRemedy,
        ReasonCode::Conflict,
        ReasonCode::VagueStandard,
        ReasonCode::WeakCrypto,
        ReasonCode::PeriodTooShort,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::DeadlineExceeds => "deadline-exceeds",
            ReasonCode::NoDeadline => "no-deadline",
            ReasonCode::SoftCap => "soft-cap",
            ReasonCode::LateClockStart => "late-clock-start",
            ReasonCode::EffortsStandard => "efforts-standard",
            ReasonCode::PermissiveModal => "permissive-modal",
            ReasonCode::Discretion => "discretion",
            ReasonCode::Negated => "negated",
            ReasonCode::NarrowedScope => "narrowed-scope",
            ReasonCode::Placeholder => "placeholder",
            ReasonCode::UnresolvedReference => "unresolved-reference",
            ReasonCode::MissingElement => "missing-element",
            ReasonCode::FrequencyTooLow => "frequency-too-low",
            ReasonCode::NoticeTooShort => "notice-too-short",
            ReasonCode::ReportsOnly => "reports-only",
            ReasonCode::CapWithoutCarveOut => "cap-without-carve-out",
            ReasonCode::SoleRemedy => "sole-remedy",
            ReasonCode::Conflict => "conflict",
            ReasonCode::VagueStandard => "vague-standard",
            ReasonCode::WeakCrypto => "weak-crypto",
            ReasonCode::PeriodTooShort => "period-too-short",
        }
    }

    pub fn parse(s: &str) -> Option<ReasonCode> {
        ReasonCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// One line on what the code means (shown by `clauselint explain`).
    pub fn description(self) -> &'static str {
        match self {
            ReasonCode::DeadlineExceeds => "the stated deadline is longer than the threshold",
            ReasonCode::NoDeadline => "no hard deadline: only vague time words, or none",
            ReasonCode::SoftCap => "the deadline is a target or 'where possible', not a hard cap",
            ReasonCode::LateClockStart => {
                "the clock starts late (confirmation, determination, end of investigation)"
            }
            ReasonCode::EffortsStandard => "the duty is softened by an efforts standard",
            ReasonCode::PermissiveModal => "'may', 'should', 'intends to': no binding duty",
            ReasonCode::Discretion => "left to the supplier's discretion or unilateral change",
            ReasonCode::Negated => "the clause excludes or negates the duty",
            ReasonCode::NarrowedScope => {
                "narrowed: 'confirmed', 'material', 'to the extent required by law', exclusions"
            }
            ReasonCode::Placeholder => "an unfilled template placeholder ('[__] days', 'TBD')",
            ReasonCode::UnresolvedReference => {
                "the key term is in a schedule or annex that is not in the document"
            }
            ReasonCode::MissingElement => "a required element of the bar is absent",
            ReasonCode::FrequencyTooLow => "less often than the threshold, or no stated frequency",
            ReasonCode::NoticeTooShort => "the notice period is shorter than the threshold",
            ReasonCode::ReportsOnly => "assurance only through reports or questionnaires",
            ReasonCode::CapWithoutCarveOut => {
                "a liability cap that also covers security and data breaches"
            }
            ReasonCode::SoleRemedy => "service credits or similar as the sole and exclusive remedy",
            ReasonCode::Conflict => "clauses in the document contradict each other",
            ReasonCode::VagueStandard => {
                "'industry standard', 'appropriate', 'reasonable' with no named standard or version"
            }
            ReasonCode::WeakCrypto => "obsolete cryptography (SSL, TLS 1.0/1.1, short keys)",
            ReasonCode::PeriodTooShort => "a retention or other period shorter than the threshold",
        }
    }
}

/// Why a finding is not (fully) satisfied, pointing at the words that caused it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Reason {
    pub code: ReasonCode,
    pub message: String,
    /// The words that caused it, when they stand in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// Where a quote stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EvidenceLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
}

/// A quote of the document's own words that the status rests on.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Evidence {
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub location: EvidenceLocation,
    /// Byte range in the source file (text formats only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_range: Option<[u32; 2]>,
    /// Spans inside `quote` (byte offsets) that carry the weakness, with a short label each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
}

/// A span inside an evidence quote, labelled ("no hard deadline").
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Highlight {
    pub start: u32,
    pub end: u32,
    pub label: String,
}

// The profile and parameter names are borrowed from the profile selection.
/// Which profile's number decided a status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Threshold<'a> {
    pub profile: Cow<'a, str>,
    pub parameter: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

// What the rule says of itself (ID, title, category, severity, references, suggestion) is
// borrowed from the library, not copied into every finding of every document.
/// The verdict on one requirement for one document.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Finding<'a> {
    pub requirement: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub category: Cow<'a, str>,
    pub severity: Cow<'a, str>,
    pub level: Level,
    pub status: Status,
    pub message: String,
    pub reasons: Vec<Reason>,
    pub thresholds: Vec<Threshold<'a>>,
    pub parameters: BTreeMap<String, f64>,
    pub evidence: Vec<Evidence>,
    pub references: Cow<'a, [String]>,
    pub suggestion: Cow<'a, str>,
}

impl Finding<'_> {
    /// The finding with its own copy of what it borrowed from the library, to keep it after the
    /// library is gone.
    pub fn into_owned(self) -> Finding<'static> {
        Finding {
            requirement: Cow::Owned(self.requirement.into_owned()),
            title: Cow::Owned(self.title.into_owned()),
            category: Cow::Owned(self.category.into_owned()),
            severity: Cow::Owned(self.severity.into_owned()),
            level: self.level,
            status: self.status,
            message: self.message,
            reasons: self.reasons,
            thresholds: self
                .thresholds
                .into_iter()
                .map(|t| Threshold {
                    profile: Cow::Owned(t.profile.into_owned()),
                    parameter: Cow::Owned(t.parameter.into_owned()),
                    ..t
                })
                .collect(),
            parameters: self.parameters,
            evidence: self.evidence,
            references: Cow::Owned(self.references.into_owned()),
            suggestion: Cow::Owned(self.suggestion.into_owned()),
        }
    }
}

/// Counts of statuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StatusCounts {
    pub satisfied: u32,
    pub weak: u32,
    pub missing: u32,
}

impl StatusCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = StatusCounts::default();
        for f in findings {
            c.add(f.status);
        }
        c
    }

    pub fn add(&mut self, s: Status) {
        match s {
            Status::Satisfied => self.satisfied += 1,
            Status::Weak => self.weak += 1,
            Status::Missing => self.missing += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_round_trip_and_serialize_kebab() {
        for c in ReasonCode::ALL {
            assert_eq!(ReasonCode::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }
}
