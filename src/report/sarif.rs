//! The SARIF 2.1.0 report (GitHub code scanning and other SARIF viewers), as hand-rolled serde
//! structs for the subset we emit: one rule per requirement (its documentation from the clause
//! library when given, else from the findings), one result per weak or missing finding with a
//! physical location (file URI, region where the evidence has a line; line 1 otherwise), a logical
//! location naming section and paragraph for DOCX, and stable partial fingerprints. Unreadable
//! documents become tool execution notifications; files the walk skipped are counted in the run's
//! properties.

use super::{DocumentReport, Report, WriteOptions};
use crate::finding::{Finding, Level as ReqLevel, Status};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RunProperties<'a>>,
}

/// What the run's walk skipped (present only when it skipped something).
#[derive(Serialize)]
struct RunProperties<'a> {
    skipped: u32,
    skipped_by_kind: &'a BTreeMap<String, u32>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: String,
    severity: String,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    tags: Vec<String>,
    references: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    status: &'static str,
    requirement_level: &'static str,
    severity: String,
    reasons: Vec<&'static str>,
    suggestion: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

/// A path as a URI reference: relative paths stay relative (forward slashes, percent-encoded),
/// absolute ones become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    let (prefix, rest) = if p.starts_with('/') {
        ("file://", p.as_str())
    } else if p.len() > 2 && p.as_bytes()[1] == b':' && p.as_bytes()[2] == b'/' {
        ("file:///", p.as_str())
    } else {
        ("", p.strip_prefix("./").unwrap_or(&p))
    };
    out.push_str(prefix);
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && !prefix.is_empty()) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GitHub's numeric security severity for a severity name.
fn security_severity(severity: &str) -> &'static str {
    match severity {
        "critical" => "9.5",
        "high" => "8.0",
        "medium" => "5.5",
        _ => "3.0",
    }
}

/// SARIF level: required high/critical findings are errors, other required ones warnings, and
/// recommended requirements notes.
fn level(severity: &str, level: ReqLevel) -> &'static str {
    match (level, severity) {
        (ReqLevel::Recommended, _) => "note",
        (ReqLevel::Required, "critical" | "high") => "error",
        (ReqLevel::Required, _) => "warning",
    }
}

/// "INC-NOTIFY-TIME" → "IncNotifyTime" (SARIF `name` is meant to be an identifier).
fn rule_name(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn rule(f: &Finding, opts: &WriteOptions<'_>) -> Rule {
    let lib_rule = opts.library.and_then(|l| l.rule(&f.requirement));
    let (full, help_text, help_md) = match lib_rule {
        Some(r) => {
            let d = &r.file.docs;
            let refs = if f.references.is_empty() {
                String::new()
            } else {
                format!("\n\nReferences: {}", f.references.join("; "))
            };
            (
                d.requires.clone(),
                format!(
                    "{}\n\nSatisfied when: {}\n\nWhy it matters: {}\n\nSuggested wording: {}{refs}",
                    d.requires, d.satisfied_when, d.why, d.suggestion
                ),
                format!(
                    "{}\n\n**Satisfied when:** {}\n\n**Why it matters:** {}\n\n**Suggested wording:**\n\n> {}{}",
                    d.requires,
                    d.satisfied_when,
                    d.why,
                    d.suggestion,
                    if f.references.is_empty() {
                        String::new()
                    } else {
                        format!("\n\n**References:** {}", f.references.join("; "))
                    }
                ),
            )
        }
        None => (
            f.title.to_string(),
            format!("{}\n\nSuggested wording: {}", f.title, f.suggestion),
            format!(
                "{}\n\n**Suggested wording:**\n\n> {}",
                f.title, f.suggestion
            ),
        ),
    };
    Rule {
        id: f.requirement.to_string(),
        name: rule_name(&f.requirement),
        short_description: Text {
            text: f.title.to_string(),
        },
        full_description: Text { text: full },
        help: Help {
            text: help_text,
            markdown: help_md,
        },
        default_configuration: Configuration {
            level: level(&f.severity, f.level),
        },
        properties: RuleProperties {
            category: f.category.to_string(),
            severity: f.severity.to_string(),
            security_severity: security_severity(&f.severity),
            tags: vec!["security".into(), "contract".into(), f.category.to_string()],
            references: f.references.to_vec(),
        },
    }
}

fn location(doc: &DocumentReport, f: &Finding) -> Location {
    let uri = path_to_uri(&doc.path);
    let ev = f.evidence.first();
    let region = match ev {
        Some(e) => Region {
            start_line: e.location.line.unwrap_or(1).max(1),
            start_column: e.location.line.and(e.location.column).map(|c| c.max(1)),
            snippet: Some(Text {
                text: e.quote.clone(),
            }),
        },
        None => Region {
            start_line: 1,
            start_column: None,
            snippet: None,
        },
    };
    let mut logical = Vec::new();
    if let Some(e) = ev {
        if let Some(p) = e.location.paragraph {
            let section = e.section.clone().unwrap_or_default();
            let name = if section.is_empty() {
                format!("paragraph {p}")
            } else {
                format!("§ {section}, paragraph {p}")
            };
            logical.push(LogicalLocation {
                fully_qualified_name: format!("{}#paragraph={p}", doc.path),
                name,
                kind: "paragraph",
            });
        } else if let Some(s) = &e.section {
            logical.push(LogicalLocation {
                fully_qualified_name: format!("{} § {s}", doc.path),
                name: format!("§ {s}"),
                kind: "section",
            });
        }
    }
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region: Some(region),
        },
        logical_locations: logical,
    }
}

/// A fingerprint that survives edits elsewhere in the document: the requirement, the status and the
/// quoted words (or "missing").
fn fingerprint(f: &Finding) -> String {
    let mut h = Sha256::new();
    h.update(f.requirement.as_bytes());
    h.update([0]);
    h.update(f.status.as_str().as_bytes());
    h.update([0]);
    match f.evidence.first() {
        Some(e) => h.update(e.quote.split_whitespace().collect::<Vec<_>>().join(" ")),
        None => h.update(b"missing"),
    }
    let d = h.finalize();
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn message(f: &Finding) -> String {
    let mut m = format!("{} {}: {}", f.requirement, f.status.as_str(), f.message);
    if !m.ends_with('.') {
        m.push('.');
    }
    m.push_str(" Suggested wording: ");
    m.push_str(&f.suggestion);
    m
}

/// Writes the SARIF log.
pub fn write(out: &mut dyn Write, report: &Report, opts: &WriteOptions<'_>) -> std::io::Result<()> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for f in report.documents.iter().flat_map(|d| &d.findings) {
        if !index.contains_key(f.requirement.as_ref()) {
            index.insert(&f.requirement, rules.len());
            rules.push(rule(f, opts));
        }
    }
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for doc in &report.documents {
        if let Some(e) = &doc.error {
            notifications.push(Notification {
                level: "error",
                message: Text {
                    text: format!("{}: {e}", doc.path),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: path_to_uri(&doc.path),
                        },
                        region: None,
                    },
                    logical_locations: Vec::new(),
                }],
            });
            continue;
        }
        for f in doc
            .findings
            .iter()
            .filter(|f| f.status != Status::Satisfied)
        {
            let mut fp = BTreeMap::new();
            fp.insert("clauselintFinding/v1", fingerprint(f));
            results.push(SarifResult {
                rule_id: f.requirement.to_string(),
                rule_index: index.get(f.requirement.as_ref()).copied().unwrap_or(0),
                level: level(&f.severity, f.level),
                message: Text { text: message(f) },
                locations: vec![location(doc, f)],
                partial_fingerprints: fp,
                properties: ResultProperties {
                    status: f.status.as_str(),
                    requirement_level: match f.level {
                        ReqLevel::Required => "required",
                        ReqLevel::Recommended => "recommended",
                    },
                    severity: f.severity.to_string(),
                    reasons: f.reasons.iter().map(|r| r.code.as_str()).collect(),
                    suggestion: f.suggestion.to_string(),
                },
            });
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: &report.tool.name,
                    version: &report.tool.version,
                    semantic_version: &report.tool.version,
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
            properties: (report.summary.skipped > 0).then_some(RunProperties {
                skipped: report.summary.skipped,
                skipped_by_kind: &report.summary.skipped_by_kind,
            }),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("a/b c.md"), "a/b%20c.md");
        assert_eq!(path_to_uri("./x.md"), "x.md");
        assert_eq!(path_to_uri("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(path_to_uri("C:\\c\\x.docx"), "file:///C:/c/x.docx");
        assert_eq!(rule_name("INC-NOTIFY-TIME"), "IncNotifyTime");
    }
}
