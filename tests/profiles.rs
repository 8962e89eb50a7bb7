//! Framework profiles and user configuration: the same contract passes one profile and fails another
//! for the right reason; several profiles combine (union, required wins, strictest threshold wins,
//! the deciding profile named); configuration precedence; `init` and `test-library`.

use assert_cmd::Command;
use clauselint::analysis;
use clauselint::config::{Config, ConfigFile};
use clauselint::finding::{Finding, Level, ReasonCode, Status};
use clauselint::ingest::{markdown, Limits};
use clauselint::library::{Library, Selection};
use predicates::prelude::PredicateBooleanExt;
use std::path::PathBuf;

fn lib() -> Library {
    Library::builtin().expect("library loads")
}

fn finding(lib: &Library, sel: &Selection, text: &str, id: &str) -> Finding<'static> {
    let doc = markdown::read_markdown(text, &Limits::default()).expect("markdown");
    analysis::analyze(&doc, Some(text), lib, sel)
        .expect("analysis")
        .into_iter()
        .find(|f| f.requirement == id)
        .map(Finding::into_owned)
        .unwrap_or_else(|| panic!("{id} not selected"))
}

fn check(profiles: &[&str], text: &str, id: &str) -> Finding<'static> {
    let lib = lib();
    let names: Vec<String> = profiles.iter().map(|s| s.to_string()).collect();
    let sel = lib.select(&names).expect("profiles exist");
    finding(&lib, &sel, text, id)
}

const NOTICE_48H: &str = "# Data Processing Agreement\n\nSupplier shall notify Customer of any Security Incident within forty-eight (48) hours after becoming aware of it.\n";
const BAA_60D: &str = "# Business Associate Agreement\n\nBusiness Associate shall report to Covered Entity any Breach of Unsecured Protected Health Information without unreasonable delay and in no case later than sixty (60) calendar days after discovery.\n";

#[test]
fn a_48_hour_notice_passes_baseline_and_gdpr_but_is_weak_for_nis2() {
    for p in [
        "baseline",
        "gdpr-art28",
        "uk-gdpr",
        "iso27001-a5",
        "dfars-7012",
    ] {
        let f = check(&[p], NOTICE_48H, "INC-NOTIFY-TIME");
        assert_eq!(f.status, Status::Satisfied, "{p}: {}", f.message);
    }
    let f = check(&["nis2"], NOTICE_48H, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Weak);
    assert_eq!(f.reasons[0].code, ReasonCode::DeadlineExceeds);
    assert!(
        f.reasons[0]
            .message
            .contains("NIS2: initial notice within 24 h"),
        "{}",
        f.reasons[0].message
    );
    assert_eq!(f.thresholds[0].profile, "nis2");
    assert_eq!(f.thresholds[0].max, Some(24.0));
    let f = check(&["dora-art30-cif"], NOTICE_48H, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Weak);
    assert!(f.reasons[0].message.contains("DORA CIF"), "{}", f.message);
}

#[test]
fn a_60_day_baa_notice_is_weak_for_baseline_and_satisfied_for_hipaa() {
    let f = check(&["baseline"], BAA_60D, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Weak, "{}", f.message);
    assert_eq!(f.reasons[0].code, ReasonCode::DeadlineExceeds);
    let f = check(&["hipaa-baa"], BAA_60D, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Satisfied, "{}", f.message);
    assert_eq!(f.thresholds[0].profile, "hipaa-baa");
    assert_eq!(f.thresholds[0].max, Some(1440.0));
}

#[test]
fn profiles_combine_union_required_wins_strictest_threshold_named() {
    let lib = lib();
    let id_of = |sel: &Selection, id: &str| {
        sel.entries
            .iter()
            .find(|e| lib.rules[e.rule].id() == id)
            .cloned()
    };
    // hipaa alone: 60 days; with baseline the baseline's 72 h decides; with nis2, 24 h.
    let sel = lib
        .select(&["hipaa-baa".into(), "baseline".into()])
        .unwrap();
    let t = &id_of(&sel, "INC-NOTIFY-TIME").unwrap().thresholds["deadline_hours"];
    assert_eq!((t.value, t.source.as_str()), (72.0, "baseline"));
    let sel = lib
        .select(&["baseline".into(), "hipaa-baa".into(), "nis2".into()])
        .unwrap();
    let t = &id_of(&sel, "INC-NOTIFY-TIME").unwrap().thresholds["deadline_hours"];
    assert_eq!((t.value, t.source.as_str()), (24.0, "nis2"));
    // Union: baseline's 24 required plus nis2's VUL-DISCLOSURE and SDL-SECURE-DEV now required.
    for id in ["VUL-DISCLOSURE", "SDL-SECURE-DEV", "PEN-NONCOMPLIANCE"] {
        assert_eq!(id_of(&sel, id).unwrap().level, Level::Required, "{id}");
    }
    // dora-art30 only recommends INC-NOTIFY-TIME (24 h); with baseline it is required at 24 h.
    let sel = lib.select(&["dora-art30".into()]).unwrap();
    assert_eq!(
        id_of(&sel, "INC-NOTIFY-TIME").unwrap().level,
        Level::Recommended
    );
    assert!(id_of(&sel, "EXIT-TRANSITION").is_none());
    let sel = lib
        .select(&["dora-art30".into(), "baseline".into()])
        .unwrap();
    let e = id_of(&sel, "INC-NOTIFY-TIME").unwrap();
    assert_eq!(e.level, Level::Required);
    assert_eq!(e.thresholds["deadline_hours"].source, "dora-art30");
    // dora-art30-cif includes dora-art30 and decides with its own 4 h.
    let sel = lib.select(&["dora-art30-cif".into()]).unwrap();
    for id in [
        "REG-COOPERATE",
        "LOC-DATA-LOCATION",
        "EXIT-TRANSITION",
        "BCR-SLA",
    ] {
        assert_eq!(id_of(&sel, id).unwrap().level, Level::Required, "{id}");
    }
    let t = &id_of(&sel, "INC-NOTIFY-TIME").unwrap().thresholds["deadline_hours"];
    assert_eq!((t.value, t.source.as_str()), (4.0, "dora-art30-cif"));
    // The same 48 h clause: satisfied for baseline, weak for baseline + nis2, named by nis2.
    let f = check(&["baseline", "nis2"], NOTICE_48H, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Weak);
    assert_eq!(f.level, Level::Required);
    assert_eq!(f.thresholds[0].profile, "nis2");
    // An unknown profile is an error naming the known ones.
    let e = lib.select(&["sox".into()]).unwrap_err();
    assert!(e.contains("nis2"), "{e}");
}

#[test]
fn every_profile_loads_and_selects_known_requirements() {
    let lib = lib();
    for p in [
        "baseline",
        "gdpr-art28",
        "uk-gdpr",
        "dora-art30",
        "dora-art30-cif",
        "nis2",
        "hipaa-baa",
        "nydfs-500",
        "dfars-7012",
        "pci-dss-12.8",
        "iso27001-a5",
    ] {
        let sel = lib.select(&[p.to_string()]).unwrap();
        assert!(
            sel.entries.iter().any(|e| e.level == Level::Required),
            "{p}"
        );
    }
}

fn config(file: &str) -> Config {
    let file: ConfigFile = toml::from_str(file).expect("config parses");
    Config {
        file,
        path: Some(PathBuf::from("clauselint.toml")),
    }
}

#[test]
fn configuration_thresholds_win_over_every_profile_and_disable_removes() {
    let cfg = config(
        "profiles = [\"nis2\"]\ndisable = [\"SDL-SECURE-DEV\"]\n[thresholds.INC-NOTIFY-TIME]\ndeadline_hours = 48\n",
    );
    let (lib, sel) = cfg.resolve(&[]).unwrap();
    assert_eq!(sel.profiles, vec!["nis2".to_string()]);
    assert!(!sel
        .entries
        .iter()
        .any(|e| lib.rules[e.rule].id() == "SDL-SECURE-DEV"));
    let f = finding(&lib, &sel, NOTICE_48H, "INC-NOTIFY-TIME");
    assert_eq!(f.status, Status::Satisfied, "{}", f.message);
    assert_eq!(f.thresholds[0].profile, "config");
    // Looser than a profile is allowed too: the configuration decides.
    let f = finding(
        &lib,
        &sel,
        "Supplier shall notify Customer of any Security Incident within seventy-two (72) hours.",
        "INC-NOTIFY-TIME",
    );
    assert_eq!(f.status, Status::Weak);
    assert!(
        f.reasons[0].message.contains("config (clauselint.toml)"),
        "{}",
        f.reasons[0].message
    );
    // --profile on the command line replaces the configuration's profiles.
    let (_, sel) = cfg.resolve(&["gdpr-art28".to_string()]).unwrap();
    assert_eq!(sel.profiles, vec!["gdpr-art28".to_string()]);
    // No profile anywhere: baseline.
    let (_, sel) = config("").resolve(&[]).unwrap();
    assert_eq!(sel.profiles, vec!["baseline".to_string()]);
}

#[test]
fn configuration_errors_name_the_problem() {
    let e = config("[thresholds.INC-NOTIFY-TIME]\ndeadline_days = 2\n")
        .resolve(&[])
        .unwrap_err();
    assert!(e.contains("deadline_hours"), "{e}");
    let e = config("disable = [\"NOPE\"]\n").resolve(&[]).unwrap_err();
    assert!(e.contains("NOPE"), "{e}");
    assert!(toml::from_str::<ConfigFile>("profile = [\"nis2\"]\n").is_err());
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("clauselint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn init_writes_a_config_that_loads_and_selects_baseline() {
    let d = temp_dir("init");
    Command::cargo_bin("clauselint")
        .unwrap()
        .current_dir(&d)
        .arg("init")
        .assert()
        .success();
    let cfg = Config::load(&d.join("clauselint.toml")).expect("init output loads");
    let (_, sel) = cfg.resolve(&[]).unwrap();
    assert_eq!(sel.profiles, vec!["baseline".to_string()]);
    // It does not overwrite without --force.
    Command::cargo_bin("clauselint")
        .unwrap()
        .current_dir(&d)
        .arg("init")
        .assert()
        .code(2);
    let _ = std::fs::remove_dir_all(&d);
}

const USER_RULE: &str = r#"id = "ACME-ESCROW"
title = "Source code escrow"
category = "custom"
severity = "low"
[docs]
requires = "The supplier must deposit the source code with an escrow agent."
satisfied_when = "a binding supplier duty to deposit the source code with an escrow agent."
why = "The customer can maintain the software if the supplier fails."
suggestion = "Supplier shall deposit the source code with the Escrow Agent."
[locate]
groups = [["escrow"]]
[[examples]]
status = "satisfied"
text = "Supplier shall deposit the source code with the escrow agent."
[[examples]]
status = "weak"
reasons = ["permissive-modal"]
text = "Supplier may deposit the source code with an escrow agent."
[[examples]]
status = "missing"
text = "Supplier shall deliver the software."
"#;

#[test]
fn test_library_runs_a_users_rules_and_reports_failures() {
    let d = temp_dir("userlib");
    std::fs::create_dir_all(d.join("rules/custom")).unwrap();
    let rule = d.join("rules/custom/ACME-ESCROW.toml");
    std::fs::write(&rule, USER_RULE).unwrap();
    Command::cargo_bin("clauselint")
        .unwrap()
        .args(["test-library"])
        .arg(d.join("rules"))
        .assert()
        .success()
        .stdout(predicates::str::contains("3 passed, 0 failed"));
    // An example whose outcome differs fails the run and is named.
    let bad = format!(
        "{USER_RULE}[[examples]]\nstatus = \"satisfied\"\ntext = \"Supplier may consider escrow.\"\n"
    );
    std::fs::write(&rule, bad).unwrap();
    Command::cargo_bin("clauselint")
        .unwrap()
        .args(["test-library"])
        .arg(d.join("rules"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains("FAIL ACME-ESCROW example #4"))
        .stdout(predicates::str::contains("got weak"));
    // Validation is the built-in one: a weak example without reasons is an error naming the file.
    std::fs::write(
        &rule,
        USER_RULE.replace("reasons = [\"permissive-modal\"]\n", ""),
    )
    .unwrap();
    Command::cargo_bin("clauselint")
        .unwrap()
        .args(["test-library"])
        .arg(d.join("rules"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ACME-ESCROW.toml"));
    // Wired through a configuration, the user's rule is checked as required.
    std::fs::write(&rule, USER_RULE).unwrap();
    std::fs::write(d.join("clauselint.toml"), "rule_dirs = [\"rules\"]\n").unwrap();
    std::fs::write(d.join("c.md"), "Supplier shall deliver the software.\n").unwrap();
    Command::cargo_bin("clauselint")
        .unwrap()
        .current_dir(&d)
        .args(["check", "c.md", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("ACME-ESCROW"));
    Command::cargo_bin("clauselint")
        .unwrap()
        .current_dir(&d)
        .args(["check", "c.md", "--format", "json", "--no-config"])
        .assert()
        .stdout(predicates::str::contains("ACME-ESCROW").not());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn rules_json_lists_a_profile_with_levels_and_references() {
    let out = Command::cargo_bin("clauselint")
        .unwrap()
        .args([
            "rules",
            "--profile",
            "dora-art30",
            "--format",
            "json",
            "--no-config",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(list.iter().any(|e| e["id"] == "REG-COOPERATE"
        && e["level"] == "required"
        && e["category"] == "audit-assurance"
        && e["title"].is_string()
        && e["references"].as_array().is_some_and(|r| !r.is_empty())));
    assert!(list
        .iter()
        .any(|e| e["id"] == "INC-NOTIFY-TIME" && e["level"] == "recommended"));
}
