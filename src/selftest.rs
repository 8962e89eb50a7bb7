//! Runs the clause library's own examples: every rule's satisfied, weak and missing clauses must get
//! their stated status and reasons. Used by the test suite and by `clauselint test-library`.

use crate::analysis;
use crate::finding::{ReasonCode, Status};
use crate::ingest::{markdown, Limits};
use crate::library::Library;

/// One example whose outcome differs from what the rule file says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    pub rule: String,
    pub source: String,
    pub example: usize,
    pub text: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} example #{} ({}): expected {}, got {}\n    text: {}",
            self.rule,
            self.example + 1,
            self.source,
            self.expected,
            self.got,
            self.text
        )
    }
}

/// Runs every example of every rule; returns the failures and the number of examples run.
pub fn run_examples(lib: &Library) -> (Vec<ExampleFailure>, usize) {
    run_examples_of(lib, |_| true)
}

/// Runs the examples of the rules `which` accepts (e.g. only a user's own rules).
pub fn run_examples_of(
    lib: &Library,
    which: impl Fn(&crate::library::Rule) -> bool,
) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (idx, rule) in lib.rules.iter().enumerate() {
        if !which(rule) {
            continue;
        }
        let selection = lib.select_one(idx);
        for (n, ex) in rule.file.examples.iter().enumerate() {
            count += 1;
            let expected_status = Status::parse(&ex.status).unwrap_or(Status::Missing);
            let expected_reasons: Vec<ReasonCode> = ex
                .reasons
                .iter()
                .filter_map(|r| ReasonCode::parse(r))
                .collect();
            let got = match markdown::read_markdown(&ex.text, &Limits::default()) {
                Ok(doc) => analysis::analyze(&doc, Some(&ex.text), lib, &selection)
                    .ok()
                    .and_then(|findings| findings.into_iter().next()),
                Err(_) => None,
            };
            let Some(f) = got else {
                failures.push(ExampleFailure {
                    rule: rule.id().to_string(),
                    source: rule.source.clone(),
                    example: n,
                    text: ex.text.clone(),
                    expected: ex.status.clone(),
                    got: "no finding".into(),
                });
                continue;
            };
            let got_codes: Vec<ReasonCode> = f.reasons.iter().map(|r| r.code).collect();
            let reasons_ok = expected_reasons.iter().all(|c| got_codes.contains(c));
            if f.status != expected_status || !reasons_ok {
                let codes: Vec<&str> = got_codes.iter().map(|c| c.as_str()).collect();
                failures.push(ExampleFailure {
                    rule: rule.id().to_string(),
                    source: rule.source.clone(),
                    example: n,
                    text: ex.text.clone(),
                    expected: format!("{} {:?}", ex.status, ex.reasons),
                    got: format!("{} {:?} — {}", f.status.as_str(), codes, f.message),
                });
            }
        }
    }
    (failures, count)
}
