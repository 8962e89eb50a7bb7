//! Snapshot tests of every report format for the project's own fixture contracts (never the shared
//! corpus), rendered into memory; the tool version and the checkout path are filtered out.

mod report_support;

use clauselint::report::{Format, WriteOptions};
use report_support::{library, render, report_of, texts_of, FIXTURES};

/// The fixtures plus a file that does not exist (an error entry).
fn paths() -> Vec<&'static str> {
    let mut v = FIXTURES.to_vec();
    v.push("fixtures/no-such-contract.md");
    v
}

fn snapshot(name: &str, text: &str) {
    let version = regex::escape(env!("CARGO_PKG_VERSION"));
    let root = regex::escape(env!("CARGO_MANIFEST_DIR"));
    insta::with_settings!({
        filters => vec![
            (format!(r#""version": "{version}""#).leak() as &str, r#""version": "[VERSION]""#),
            (format!(r#""semanticVersion": "{version}""#).leak() as &str, r#""semanticVersion": "[VERSION]""#),
            (format!(r"clauselint {version}").leak() as &str, "clauselint [VERSION]"),
            (root.leak() as &str, "[ROOT]"),
        ],
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn text_plain() {
    let lib = library();
    let report = report_of(&lib, &paths());
    let opts = WriteOptions::default();
    snapshot("text", &render(&report, Format::Text, &opts));
}

#[test]
fn text_quiet_and_satisfied() {
    let lib = library();
    let report = report_of(&lib, &paths());
    let quiet = WriteOptions {
        quiet: true,
        ..WriteOptions::default()
    };
    snapshot("text_quiet", &render(&report, Format::Text, &quiet));
    let all = WriteOptions {
        show_satisfied: true,
        ..WriteOptions::default()
    };
    let sample = report_of(&lib, &FIXTURES[..1]);
    snapshot("text_show_satisfied", &render(&sample, Format::Text, &all));
}

#[test]
fn text_colour_only_when_asked() {
    let lib = library();
    let report = report_of(&lib, &FIXTURES[..1]);
    let plain = render(&report, Format::Text, &WriteOptions::default());
    assert!(!plain.contains('\u{1b}'), "no escape codes without colour");
    let coloured = render(
        &report,
        Format::Text,
        &WriteOptions {
            color: true,
            ..WriteOptions::default()
        },
    );
    assert!(coloured.contains("\u{1b}["), "colour when asked");
}

#[test]
fn json_and_jsonl() {
    let lib = library();
    let report = report_of(&lib, &paths());
    let opts = WriteOptions::default();
    snapshot("json", &render(&report, Format::Json, &opts));
    let lines = render(&report, Format::Jsonl, &opts);
    assert_eq!(lines.lines().count(), paths().len());
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        assert!(v.get("path").is_some());
    }
}

#[test]
fn sarif() {
    let lib = library();
    let report = report_of(&lib, &paths());
    let opts = WriteOptions {
        library: Some(&lib),
        ..WriteOptions::default()
    };
    snapshot("sarif", &render(&report, Format::Sarif, &opts));
}

#[test]
fn markdown() {
    let lib = library();
    let report = report_of(&lib, &paths());
    snapshot(
        "markdown",
        &render(&report, Format::Markdown, &WriteOptions::default()),
    );
}

#[test]
fn csv() {
    let lib = library();
    let report = report_of(&lib, &paths());
    let out = render(&report, Format::Csv, &WriteOptions::default());
    snapshot("csv", &out);
    let mut rows = ::csv::Reader::from_reader(out.as_bytes());
    let headers = rows.headers().expect("header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "path",
            "requirement",
            "level",
            "status",
            "severity",
            "reasons",
            "section",
            "quote"
        ]
    );
    let records: Vec<::csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    let expected: usize = report
        .documents
        .iter()
        .map(|d| d.findings.len().max(1))
        .sum();
    assert_eq!(
        records.len(),
        expected,
        "one row per document × requirement"
    );
    let error_rows: Vec<_> = records.iter().filter(|r| &r[3] == "error").collect();
    assert_eq!(error_rows.len(), 1);
    assert_eq!(&error_rows[0][0], "fixtures/no-such-contract.md");
    assert!(!error_rows[0][5].is_empty(), "the error message is given");
}

#[test]
fn html() {
    let lib = library();
    let paths = paths();
    let report = report_of(&lib, &paths);
    let texts = texts_of(&paths);
    let opts = WriteOptions {
        texts: Some(&texts),
        ..WriteOptions::default()
    };
    let html = render(&report, Format::Html, &opts);
    snapshot("html", &html);
    assert!(
        !html.contains("src=\"http")
            && !html.contains("href=\"http")
            && !html.contains("<link ")
            && !html.contains("@import")
            && !html.contains("url("),
        "no external resources"
    );
    // Every weak finding of the sample with a quote is linked to its mark in the contract text.
    assert!(html.contains("href=\"#d0-m0\"") && html.contains("id=\"d0-m0\""));
}
