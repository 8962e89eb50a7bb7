//! The command line end to end: every exit code (0, 1, 2) and the gates, `--output` for every
//! format, colour choices, `-q`, the documented exit codes in `--help`, and a quiet broken pipe.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

const WEAK_ONLY: &str = "fixtures/labeled/us_msa_security_exhibit.md"; // weak findings, none missing
const SAMPLE: &str = "fixtures/samples/acme-msa.md"; // weak and missing findings

fn clauselint() -> Command {
    let mut c = Command::cargo_bin("clauselint").expect("binary built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

#[test]
fn exit_0_when_nothing_reaches_the_gate() {
    clauselint().args(["check", WEAK_ONLY]).assert().code(0);
    clauselint()
        .args(["check", SAMPLE, "--fail-on", "never"])
        .assert()
        .code(0);
}

#[test]
fn exit_1_when_a_required_finding_reaches_the_gate() {
    clauselint()
        .args(["check", SAMPLE])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing"));
    clauselint()
        .args(["check", WEAK_ONLY, "--fail-on", "weak"])
        .assert()
        .code(1);
}

#[test]
fn exit_2_for_unreadable_input_and_errors_win() {
    clauselint()
        .args([
            "check",
            SAMPLE,
            "fixtures/no-such-contract.md",
            "--fail-on",
            "never",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("acme-msa.md: 7 satisfied"))
        .stderr(predicate::str::contains("no-such-contract.md"));
}

#[test]
fn exit_2_for_usage_and_configuration_errors() {
    clauselint().args(["check"]).assert().code(2);
    clauselint()
        .args(["check", SAMPLE, "--format", "pdf"])
        .assert()
        .code(2);
    clauselint()
        .args(["check", SAMPLE, "--color", "sometimes"])
        .assert()
        .code(2);
    clauselint()
        .args(["check", SAMPLE, "--profile", "no-such-profile"])
        .assert()
        .code(2);
    clauselint()
        .args([
            "check",
            SAMPLE,
            "--output",
            "/nonexistent-dir/x/report.json",
        ])
        .assert()
        .code(2);
}

#[test]
fn help_documents_exit_codes_and_formats() {
    let out = clauselint().args(["check", "--help"]).assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for word in ["sarif", "html", "markdown", "csv", "--color", "Exit codes"] {
        assert!(text.contains(word), "`check --help` mentions {word}");
    }
}

#[test]
fn output_file_for_every_format() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-output");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let formats = [
        ("text", "acme-msa.md: 7 satisfied"),
        ("json", "\"schema_version\": 1"),
        ("jsonl", "\"path\":\"fixtures/samples/acme-msa.md\""),
        ("sarif", "\"version\": \"2.1.0\""),
        ("html", "<!DOCTYPE html>"),
        ("markdown", "## clauselint:"),
        (
            "csv",
            "path,requirement,level,status,severity,reasons,section,quote",
        ),
    ];
    for (format, marker) in formats {
        let file = dir.join(format!("report.{format}"));
        clauselint()
            .args(["check", SAMPLE, "--format", format, "--output"])
            .arg(&file)
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty());
        let written = std::fs::read_to_string(&file).expect("report written");
        assert!(written.contains(marker), "{format}: {marker}");
        assert!(!written.contains('\u{1b}'), "{format}: no colour in files");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn colour_follows_color_and_no_color() {
    // Standard output is a pipe here: auto means no colour.
    clauselint()
        .args(["check", SAMPLE])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
    clauselint()
        .args(["check", SAMPLE, "--color", "always"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    clauselint()
        .args(["check", SAMPLE, "--color", "auto"])
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
    clauselint()
        .args(["check", SAMPLE, "--color", "never"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn quiet_prints_only_the_summary() {
    let out = clauselint().args(["check", SAMPLE, "-q"]).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let summary = regex::Regex::new(r"^\d+ satisfied, \d+ weak, \d+ missing$").unwrap();
    let doc = lines[0]
        .strip_prefix("fixtures/samples/acme-msa.md: ")
        .expect("document line");
    assert!(summary.is_match(doc), "{text}");
    let total = lines[1]
        .strip_prefix("1 document(s), 0 error(s): ")
        .expect("total line");
    assert_eq!(doc, total);
}

#[test]
fn text_report_has_annotated_snippets() {
    clauselint()
        .args(["check", SAMPLE])
        .assert()
        .stdout(predicate::str::contains("weak[INC-NOTIFY-TIME]"))
        .stdout(predicate::str::contains("^^^^^^^^"))
        .stdout(predicate::str::contains("no deadline"))
        .stdout(predicate::str::contains("acme-msa.md:23:19"))
        .stdout(predicate::str::contains("suggested wording:"));
}

#[test]
fn broken_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("clauselint");
    // Many distinct contracts (the same file named twice is checked once), much output.
    let args = ["check", "fixtures/labeled", SAMPLE];
    let mut child = std::process::Command::new(bin)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start");
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "a broken pipe is not an error");
    assert!(
        out.stderr.is_empty(),
        "no message: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
