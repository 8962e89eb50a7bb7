//! The JSON report's schema: `docs/report-schema.json` is generated from the Rust types and must not
//! drift from them (regenerate with `UPDATE_SCHEMA=1 cargo test --test report_schema`); the JSON
//! output validates against it; the SARIF output validates against the official SARIF 2.1.0 schema
//! in ../shared/spec (skipped when ../shared is absent, unless CLAUSELINT_REQUIRE_SHARED=1).

mod common;
mod report_support;

use clauselint::report::{Format, Report, WriteOptions};
use report_support::{library, render, report_of, FIXTURES};
use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/report-schema.json")
}

fn generated() -> String {
    // The report is output only: describe what is serialized (omitted fields are not required).
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Report>();
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}

#[test]
fn committed_schema_matches_the_code() {
    let fresh = generated();
    if std::env::var("UPDATE_SCHEMA").as_deref() == Ok("1") {
        std::fs::write(schema_path(), &fresh).expect("write docs/report-schema.json");
    }
    let committed = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/report-schema.json is out of date with the report types; regenerate it with \
         `UPDATE_SCHEMA=1 cargo test --test report_schema` and commit it"
    );
}

fn validate(schema: &serde_json::Value, instance: &serde_json::Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn json_report_validates_against_the_committed_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&generated()).expect("generated schema is JSON");
    let lib = library();
    let mut paths = FIXTURES.to_vec();
    paths.push("fixtures/no-such-contract.md");
    let report = report_of(&lib, &paths);
    let json: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Json, &WriteOptions::default()))
            .expect("report is JSON");
    validate(&schema, &json, "the JSON report");
}

fn fix_language_pattern(v: &mut serde_json::Value) {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x.as_str() == Some(BAD) {
                    *x = serde_json::Value::String("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
                } else {
                    fix_language_pattern(x);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(fix_language_pattern),
        _ => {}
    }
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("spec/sarif-schema-2.1.0.json"))
        .expect("../shared/spec/sarif-schema-2.1.0.json");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("SARIF schema is JSON");
    // The published schema's pattern for `language` has a stray "]" that strict regex checking of
    // the schema itself rejects; fix it in memory (it constrains properties we do not emit).
    fix_language_pattern(&mut schema);
    // This copy keeps the log's own shape under definitions/Root with nothing at the top level, so
    // validating against the file as it is would accept anything: validate against Root.
    if schema.get("properties").is_none() && schema.pointer("/definitions/Root").is_some() {
        schema["$ref"] = "#/definitions/Root".into();
    }
    let lib = library();
    let mut paths = FIXTURES.to_vec();
    paths.push("fixtures/no-such-contract.md");
    let report = report_of(&lib, &paths);
    let opts = WriteOptions {
        library: Some(&lib),
        ..WriteOptions::default()
    };
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Sarif, &opts)).expect("SARIF is JSON");
    validate(&schema, &sarif, "the SARIF log");
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(!validator.is_valid(&broken), "the schema check has teeth");

    // What GitHub code scanning relies on, beyond the schema.
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(
        rules.len(),
        report.documents[0].findings.len(),
        "one rule per requirement"
    );
    for r in rules {
        assert!(r["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(r["fullDescription"]["text"].as_str().is_some());
    }
    let results = run["results"].as_array().expect("results");
    let not_satisfied: usize = report
        .documents
        .iter()
        .flat_map(|d| &d.findings)
        .filter(|f| f.status != clauselint::finding::Status::Satisfied)
        .count();
    assert_eq!(
        results.len(),
        not_satisfied,
        "one result per weak or missing finding"
    );
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().is_some());
        assert!(loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1));
        assert!(r["partialFingerprints"]
            .as_object()
            .is_some_and(|m| !m.is_empty()));
        let rule_index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[rule_index]["id"], r["ruleId"]);
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap_or("");
        let has_evidence = r["locations"][0]["physicalLocation"]["region"]["snippet"].is_object();
        if uri.ends_with(".docx") && has_evidence {
            let logical = &r["locations"][0]["logicalLocations"][0];
            assert!(
                logical["name"]
                    .as_str()
                    .is_some_and(|n| n.contains("paragraph")),
                "DOCX results name section and paragraph: {logical}"
            );
        }
    }
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes.as_array().map(Vec::len),
        Some(1),
        "the unreadable file"
    );
}
