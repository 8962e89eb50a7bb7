//! The fixed catalogue of requirement IDs (a public interface), in report order, with the category
//! and severity the specification assigns to each. Rule files must agree with it.

/// (ID, category slug, severity), in catalogue order: the 24 baseline requirements first, in the
/// order of the specification's table, then the 16 recommended ones.
pub const CATALOGUE: [(&str, &str, &str); 40] = [
    ("INC-NOTIFY-TIME", "incident-response", "high"),
    ("INC-NOTIFY-SCOPE", "incident-response", "high"),
    ("INC-NOTIFY-CONTENT", "incident-response", "medium"),
    ("INC-COOPERATE", "incident-response", "medium"),
    ("SEC-PROGRAM", "security-program", "high"),
    ("CRY-TRANSIT", "encryption", "high"),
    ("CRY-REST", "encryption", "high"),
    ("IAM-MFA", "access-control", "high"),
    ("IAM-ACCESS-MGMT", "access-control", "medium"),
    ("LOG-MONITOR", "logging-monitoring", "medium"),
    ("VUL-PATCH", "vulnerability-management", "high"),
    ("VUL-TESTING", "vulnerability-management", "medium"),
    ("AUD-RIGHTS", "audit-assurance", "high"),
    ("AUD-EVIDENCE", "audit-assurance", "medium"),
    ("SUB-AUTH", "subprocessors", "high"),
    ("SUB-FLOWDOWN", "subprocessors", "high"),
    ("DAT-PURPOSE-LIMIT", "data-handling", "high"),
    ("DAT-RETURN-DELETE", "data-handling", "high"),
    ("PER-SCREENING-TRAINING", "personnel", "medium"),
    ("BCR-CONTINUITY", "resilience", "medium"),
    ("TERM-SECURITY", "remedies", "high"),
    ("LIAB-CAP-CARVEOUT", "remedies", "high"),
    ("GOV-CHANGE-NOTICE", "governance", "medium"),
    ("PEN-NONCOMPLIANCE", "remedies", "medium"),
    ("INC-DISRUPTION-NOTIFY", "incident-response", "medium"),
    ("SEC-CERT-MAINTAIN", "security-program", "medium"),
    ("SEC-REP-WARRANTY", "security-program", "medium"),
    ("SEC-DATA-RESP-ACK", "security-program", "medium"),
    ("CRY-KEY-MGMT", "encryption", "medium"),
    ("VUL-DISCLOSURE", "vulnerability-management", "medium"),
    ("SDL-SECURE-DEV", "secure-development", "medium"),
    ("SDL-SBOM", "secure-development", "low"),
    ("REG-COOPERATE", "audit-assurance", "medium"),
    ("LOC-DATA-LOCATION", "data-location", "medium"),
    ("BCR-SLA", "resilience", "medium"),
    ("EXIT-TRANSITION", "resilience", "medium"),
    ("LIAB-BREACH-COSTS", "remedies", "medium"),
    ("INS-CYBER", "remedies", "medium"),
    ("SCM-PROHIBITED-COMPONENTS", "governance", "medium"),
    ("GOV-SECURITY-REPORTING", "governance", "low"),
];

/// The catalogue position of an ID.
pub fn position(id: &str) -> Option<usize> {
    CATALOGUE.iter().position(|(i, _, _)| *i == id)
}

/// The 24 IDs the baseline profile requires.
pub fn baseline_ids() -> impl Iterator<Item = &'static str> {
    CATALOGUE.iter().take(24).map(|(id, _, _)| *id)
}
