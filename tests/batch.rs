//! Batch scanning end to end: walk rules and skipped counts, errors among good files, determinism
//! across thread counts, streamed reports equal to the collected ones, shard partitions,
//! --files-from, --glob and the xlsx workbook.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const CONTRACT: &str = "# Supplier Agreement\n\n## 1. Security incidents\n\n\
The Supplier shall notify the Customer of any Security Incident without undue delay and in any \
event within 24 hours of becoming aware of it.\n\n## 2. Audit\n\n\
The Customer may audit the Supplier's compliance with this Agreement once a year on 30 days' \
notice.\n";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("clauselint-batch-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn put(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn clauselint() -> Command {
    Command::cargo_bin("clauselint").expect("binary")
}

/// Runs `check` with the given arguments; returns (exit code, stdout, stderr).
fn check(args: &[&str]) -> (i32, String, String) {
    let out = clauselint()
        .arg("check")
        .args(args)
        .output()
        .expect("run clauselint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document per line"))
        .collect()
}

fn paths(docs: &[serde_json::Value], root: &Path) -> Vec<String> {
    docs.iter()
        .map(|d| {
            let p = d["path"].as_str().expect("path");
            Path::new(p)
                .strip_prefix(root)
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| p.to_string())
        })
        .collect()
}

/// A directory of real contracts from fixtures/labeled (Markdown and DOCX), copied under new names.
fn archive(tag: &str) -> TempDir {
    let t = TempDir::new(tag);
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/labeled");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("fixtures/labeled")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md") | Some("docx")
            ) && !p.ends_with("README.md")
        })
        .collect();
    names.sort();
    for (i, p) in names.iter().enumerate() {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("md");
        let bytes = std::fs::read(p).expect("fixture");
        t.put(&format!("supplier-{:02}/contract-{i}.{ext}", i % 7), &bytes);
    }
    t
}

#[test]
fn walk_rules_and_skipped_counts() {
    let t = TempDir::new("walk");
    t.put("b.txt", CONTRACT.as_bytes());
    t.put("a.md", CONTRACT.as_bytes());
    t.put("sub/c.markdown", CONTRACT.as_bytes());
    t.put(".hidden.md", CONTRACT.as_bytes());
    t.put(".hiddendir/d.md", CONTRACT.as_bytes());
    t.put("~$lock.docx", b"owner file");
    t.put("scan1.pdf", b"%PDF-1.4");
    t.put("sub/scan2.PDF", b"%PDF-1.4");
    t.put("old.doc", b"\xD0\xCF\x11\xE0");
    t.put("logo.png", b"\x89PNG");
    #[cfg(unix)]
    std::os::unix::fs::symlink(t.0.join("a.md"), t.0.join("link.md")).expect("symlink");

    let root = t.0.to_str().expect("utf-8 temp path");
    let (code, out, _) = check(&["--format", "jsonl", "--fail-on", "never", root]);
    assert_eq!(code, 0);
    let docs = jsonl(&out);
    assert_eq!(paths(&docs, &t.0), ["a.md", "b.txt", "sub/c.markdown"]);

    let (_, text, _) = check(&["-q", "--fail-on", "never", root]);
    let expected = if cfg!(unix) {
        "skipped: 2 .pdf, 1 .doc, 1 .png, 1 symlink"
    } else {
        "skipped: 2 .pdf, 1 .doc, 1 .png"
    };
    assert!(text.contains(expected), "{text}");

    let (_, json, _) = check(&["--format", "json", "--fail-on", "never", root]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(
        v["summary"]["skipped"],
        if cfg!(unix) { 5 } else { 4 },
        "{}",
        v["summary"]
    );
}

#[cfg(unix)]
#[test]
fn follow_links_survives_loops() {
    let t = TempDir::new("loop");
    t.put("a/x.md", CONTRACT.as_bytes());
    std::os::unix::fs::symlink(&t.0, t.0.join("a/back")).expect("symlink");
    // A link to a contract outside the archive is followed; a link to one inside it reaches a
    // file already checked, which is checked once.
    let outside = TempDir::new("loop-outside");
    let elsewhere = outside.put("elsewhere.md", CONTRACT.as_bytes());
    std::os::unix::fs::symlink(&elsewhere, t.0.join("y.md")).expect("symlink");
    std::os::unix::fs::symlink(t.0.join("a/x.md"), t.0.join("z.md")).expect("symlink");
    let root = t.0.to_str().expect("utf-8");
    let (code, out, err) = check(&["--format", "jsonl", "--fail-on", "never", "--follow", root]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&jsonl(&out), &t.0), ["a/x.md", "y.md"]);
    assert!(err.contains("loop"), "{err}");
    assert!(err.contains("1 path(s) reached more than once"), "{err}");
}

#[test]
fn a_corrupt_file_among_good_ones_gives_every_result_and_exit_2() {
    let t = TempDir::new("corrupt");
    t.put("1-good.md", CONTRACT.as_bytes());
    t.put("2-bad.docx", b"PK\x03\x04 this is not really a zip archive");
    t.put("3-empty.md", b"");
    t.put("4-good.md", CONTRACT.as_bytes());
    // Clause terms and nothing else: refused before its term matches take memory without bound.
    t.put(
        "5-words.md",
        "notify security incident ".repeat(20_000).as_bytes(),
    );
    t.put("6-good.md", CONTRACT.as_bytes());
    let root = t.0.to_str().expect("utf-8");
    let (code, out, err) = check(&["--format", "jsonl", "--fail-on", "never", root]);
    assert_eq!(code, 2, "{err}");
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 6);
    for (d, bad) in docs.iter().zip([false, true, true, false, true, false]) {
        assert_eq!(d["error"].is_string(), bad, "{d}");
        assert_eq!(d["findings"].as_array().map(|f| f.is_empty()), Some(bad));
    }
    assert!(err.contains("2-bad.docx"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("5-words.md") && l.contains("not contract prose")),
        "{err}"
    );
}

/// A named pipe or a device named explicitly is an error at once: opening a pipe would wait for a
/// writer, and a device may never end.
#[cfg(unix)]
#[test]
fn a_named_pipe_or_device_named_explicitly_is_an_error_not_a_hang() {
    let t = TempDir::new("fifo");
    let good = t.put("good.md", CONTRACT.as_bytes());
    let fifo = t.0.join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clauselint"))
        .args(["check", "-q", "--fail-on", "never"])
        .args([&fifo, Path::new("/dev/zero"), &good])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run clauselint");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("clauselint waited on the named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("pipe.md: not a regular file (a named pipe)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/dev/zero: not a regular file (a device)"),
        "{stderr}"
    );
    assert!(stdout.contains("good.md: "), "{stdout}");
}

/// A file reached twice (named twice, inside two directory arguments) is checked and counted once.
#[test]
fn a_file_reached_twice_is_checked_once() {
    let t = TempDir::new("twice");
    let a = t.put("sub/a.md", CONTRACT.as_bytes());
    t.put("sub/b.md", CONTRACT.as_bytes());
    t.put("sub/scan.pdf", b"%PDF-1.4");
    let sub = t.0.join("sub");
    let dotted = t.0.join("sub/./a.md");
    let (sub, a, dotted) = (
        sub.to_str().expect("utf-8"),
        a.to_str().expect("utf-8"),
        dotted.to_str().expect("utf-8"),
    );
    let (code, out, err) = check(&["--fail-on", "never", "-q", a, sub, dotted, sub]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 document(s), 0 error(s)"), "{out}");
    assert!(out.contains("skipped: 1 .pdf"), "{out}");
    let (_, _, err) = check(&["--fail-on", "never", a, sub]);
    assert!(err.contains("1 path(s) reached more than once"), "{err}");
}

/// A run that finds nothing to check says so, even with -q: a wrong mount point is no clean run.
#[test]
fn a_run_with_nothing_to_check_warns() {
    let t = TempDir::new("nothing");
    t.put("scan.pdf", b"%PDF-1.4");
    let root = t.0.to_str().expect("utf-8");
    let (code, _, err) = check(&["-q", root]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("no contract to check in the paths given (skipped: 1 .pdf)"),
        "{err}"
    );
    t.put("a.md", CONTRACT.as_bytes());
    let (_, _, err) = check(&["-q", "--fail-on", "never", root]);
    assert!(!err.contains("no contract"), "{err}");
}

/// An absurd --threads is capped (with a warning), not honoured with thousands of threads.
#[test]
fn absurd_thread_counts_are_capped() {
    let t = TempDir::new("threads");
    let good = t.put("good.md", CONTRACT.as_bytes());
    let good = good.to_str().expect("utf-8");
    let (code, out, err) = check(&["-q", "--fail-on", "never", "--threads", "100000", good]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("--threads 100000 is more than 256; using 256"),
        "{err}"
    );
    assert!(out.contains("1 document(s), 0 error(s)"), "{out}");
}

#[test]
fn a_missing_explicit_file_is_an_error_but_not_a_walked_pdf() {
    let t = TempDir::new("explicit");
    let good = t.put("good.md", CONTRACT.as_bytes());
    let missing = t.0.join("nope.md");
    let (code, out, _) = check(&[
        "--format",
        "jsonl",
        "--fail-on",
        "never",
        good.to_str().expect("utf-8"),
        missing.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["error"], "file not found");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let t = archive("determinism");
    let root = t.0.to_str().expect("utf-8");
    for format in ["json", "jsonl"] {
        let (c1, one, _) = check(&["--format", format, "--threads", "1", root]);
        let (c2, two, _) = check(&["--format", format, "--threads", "2", root]);
        assert_eq!(c1, c2);
        assert!(one.len() > 1000);
        assert!(
            one == two,
            "{format} output differs between 1 and 2 threads"
        );
    }
}

#[test]
fn shards_partition_the_inputs() {
    let t = archive("shard");
    let root = t.0.to_str().expect("utf-8");
    let (_, all, _) = check(&["--format", "jsonl", root]);
    let all: Vec<String> = paths(&jsonl(&all), &t.0);
    assert!(all.len() > 10);
    let n = 3;
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=n {
        let shard = format!("{k}/{n}");
        let (_, out, _) = check(&["--format", "jsonl", "--shard", &shard, root]);
        let part = paths(&jsonl(&out), &t.0);
        assert!(!part.is_empty(), "shard {shard} is empty");
        seen.extend(part);
    }
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a file is in two shards");
    let mut sorted = seen.clone();
    sorted.sort();
    let mut expected = all.clone();
    expected.sort();
    assert_eq!(sorted, expected);

    // Skipped files are shared out too: the shards' counts add up to the whole archive's.
    for i in 0..12 {
        t.put(&format!("scans/scan-{i}.pdf"), b"%PDF-1.4");
    }
    let skipped = |extra: &[&str]| {
        let mut args = vec!["--format", "json", "--fail-on", "never"];
        args.extend_from_slice(extra);
        args.push(root);
        let (_, out, _) = check(&args);
        let report: serde_json::Value = serde_json::from_str(&out).expect("json");
        report["summary"]["skipped"]
            .as_u64()
            .expect("skipped count")
    };
    let whole = skipped(&[]);
    assert!(whole >= 12, "{whole}");
    let shares: Vec<u64> = (1..=n)
        .map(|k| skipped(&["--shard", &format!("{k}/{n}")]))
        .collect();
    assert_eq!(shares.iter().sum::<u64>(), whole, "{shares:?}");
    assert!(shares.iter().all(|&s| s < whole), "{shares:?}");

    let (code, _, err) = check(&["--shard", "4/3", root]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn files_from_stdin_and_glob() {
    let t = TempDir::new("list");
    let a = t.put("a.md", CONTRACT.as_bytes());
    let b = t.put("d/b.txt", CONTRACT.as_bytes());
    let list = format!("{}\n\n{}\n", a.display(), b.display());
    let out = clauselint()
        .args(["check", "--format", "jsonl", "--fail-on", "never"])
        .args(["--files-from", "-"])
        .write_stdin(list)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(jsonl(&String::from_utf8_lossy(&out.stdout)).len(), 2);

    // A name that is not UTF-8 (Latin-1 "café.md"), listed with CRLF line ends.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = t.0.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
        std::fs::write(&latin1, CONTRACT).expect("write");
        let mut list = latin1.as_os_str().as_bytes().to_vec();
        list.extend_from_slice(b"\r\n");
        list.extend_from_slice(a.to_str().expect("utf-8").as_bytes());
        list.extend_from_slice(b"\r\n");
        let out = clauselint()
            .args(["check", "--format", "jsonl", "--fail-on", "never"])
            .args(["--files-from", "-"])
            .write_stdin(list)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let docs = jsonl(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(docs.len(), 2);
        assert!(docs.iter().all(|d| d["error"].is_null()), "{docs:?}");
        std::fs::remove_file(&latin1).expect("remove");
    }

    let root = t.0.to_str().expect("utf-8");
    let (_, out, _) = check(&[
        "--format",
        "jsonl",
        "--fail-on",
        "never",
        "--glob",
        "*.txt",
        root,
    ]);
    assert_eq!(paths(&jsonl(&out), &t.0), ["d/b.txt"]);
    let (_, out, _) = check(&[
        "--format",
        "jsonl",
        "--fail-on",
        "never",
        "--glob",
        "!d/**",
        root,
    ]);
    assert_eq!(paths(&jsonl(&out), &t.0), ["a.md"]);

    // Files a glob leaves out are not counted as skipped; skipped files it keeps are.
    t.put("d/scan.pdf", b"%PDF-1.4");
    t.put("old.doc", b"\xd0\xcf\x11\xe0");
    let (_, out, _) = check(&["--fail-on", "never", "-q", "--glob", "d/**", root]);
    assert!(out.contains("skipped: 1 .pdf"), "{out}");
    assert!(!out.contains(".doc"), "{out}");
    let (_, out, _) = check(&["--fail-on", "never", "-q", root]);
    assert!(out.contains("skipped: 1 .doc, 1 .pdf"), "{out}");
}

#[test]
fn xlsx_workbook_is_written_and_readable() {
    let t = archive("xlsx");
    t.put("broken.docx", b"PK\x03\x04 broken");
    t.put("scan.pdf", b"%PDF-1.4");
    let book = t.0.join("out/matrix.xlsx");
    std::fs::create_dir_all(t.0.join("out")).expect("mkdir");
    let root = t.0.to_str().expect("utf-8");
    let (code, _, err) = check(&[
        "--format",
        "xlsx",
        "--output",
        book.to_str().expect("utf-8"),
        root,
    ]);
    assert_eq!(code, 2, "{err}");
    let file = std::fs::File::open(&book).expect("workbook written");
    let mut zip = zip::ZipArchive::new(file).expect("xlsx is a zip");
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook part")
        .read_to_string(&mut workbook)
        .expect("read");
    let names: Vec<&str> = workbook
        .split("<sheet ")
        .skip(1)
        .filter_map(|s| s.split("name=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(names, ["Summary", "Matrix", "Findings"]);
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .expect("strings")
        .read_to_string(&mut strings)
        .expect("read");
    for s in [
        "satisfied",
        "missing",
        "error",
        "broken.docx",
        "INC-NOTIFY-TIME",
        "skipped .pdf",
    ] {
        assert!(strings.contains(s), "{s} not in the workbook");
    }
    let mut matrix = String::new();
    zip.by_name("xl/worksheets/sheet2.xml")
        .expect("matrix sheet")
        .read_to_string(&mut matrix)
        .expect("read");
    assert!(matrix.contains("<autoFilter"), "matrix has filters");
    assert!(matrix.contains("state=\"frozen\""), "matrix header frozen");
}

/// The report of `root` collected in memory by the library, as `check --no-config` computes it.
fn collected<'l>(
    root: &Path,
    lib: &'l clauselint::library::Library,
    selection: &'l clauselint::library::Selection,
) -> clauselint::report::Report<'l> {
    let found = clauselint::batch::discover(
        &[root.to_path_buf()],
        &clauselint::batch::WalkOptions::default(),
    )
    .expect("discover");
    let opts = clauselint::cli::check::BatchOptions {
        threads: 2,
        progress: false,
        limits: clauselint::ingest::Limits::default(),
    };
    clauselint::cli::check::check_all(&found, lib, selection, &opts).expect("check")
}

/// The "clauselint: PATH: ERROR" lines of a run's standard error.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("clauselint: "))
        .collect()
}

#[test]
fn streamed_json_and_csv_equal_the_collected_report_whatever_the_threads() {
    let t = archive("stream");
    t.put("broken.docx", b"PK\x03\x04 broken");
    t.put("scan.pdf", b"%PDF-1.4");
    let root = t.0.to_str().expect("utf-8");
    let lib = clauselint::library::Library::builtin().expect("built-in library");
    let selection = lib.select(&["baseline".to_string()]).expect("baseline");
    let report = collected(&t.0, &lib, &selection);
    assert!(report.documents.len() > 10);
    assert_eq!(report.summary.errors, 1);

    // The collected forms: serde's pretty printer for the whole report, the CSV printer over it.
    let mut whole_json = serde_json::to_string_pretty(&report).expect("serialize");
    whole_json.push('\n');
    let mut csv = Vec::new();
    clauselint::report::write(
        &mut csv,
        &report,
        clauselint::report::Format::Csv,
        &clauselint::report::WriteOptions::default(),
    )
    .expect("csv");
    let whole_csv = String::from_utf8(csv).expect("UTF-8");
    let code = clauselint::cli::check::exit_code(&report, clauselint::cli::check::FailOn::Missing);

    // Error lines as the collected formats print them.
    let (_, _, collected_err) = check(&["--format", "markdown", "--no-config", root]);
    let expected_errors = error_lines(&collected_err);
    assert_eq!(expected_errors.len(), 1, "{collected_err}");

    for (format, expected) in [("json", &whole_json), ("csv", &whole_csv)] {
        for threads in ["1", "2"] {
            let args = [
                "--format",
                format,
                "--no-config",
                "--threads",
                threads,
                root,
            ];
            let (c, out, err) = check(&args);
            assert_eq!(c, code, "{format} exit code, {threads} thread(s): {err}");
            assert!(
                &out == expected,
                "{format} output with {threads} thread(s) differs from the collected report"
            );
            assert_eq!(error_lines(&err), expected_errors, "{format}");
        }
    }

    // With --output: the same bytes, renamed into place, no temporary file left behind.
    let out_dir = TempDir::new("stream-out");
    let file = out_dir.0.join("report.json");
    let (c, stdout, err) = check(&[
        "--format",
        "json",
        "--no-config",
        "--output",
        file.to_str().expect("utf-8"),
        root,
    ]);
    assert_eq!(c, code, "{err}");
    assert!(stdout.is_empty());
    assert!(std::fs::read_to_string(&file).expect("written") == whole_json);
    let names: Vec<String> = std::fs::read_dir(&out_dir.0)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(names, ["report.json"]);
}

#[test]
fn skipped_files_are_counted_per_kind_in_every_report() {
    let t = TempDir::new("kinds");
    t.put("a.md", CONTRACT.as_bytes());
    t.put("scan.pdf", b"%PDF-1.4");
    t.put("old.doc", b"\xD0\xCF\x11\xE0");
    t.put("sub/older.DOC", b"\xD0\xCF\x11\xE0");
    let root = t.0.to_str().expect("utf-8");

    let (code, json, err) = check(&["--format", "json", "--fail-on", "never", root]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["summary"]["skipped"], 3);
    assert_eq!(
        v["summary"]["skipped_by_kind"],
        serde_json::json!({ ".doc": 2, ".pdf": 1 })
    );
    // Sorted keys: deterministic output.
    let doc_at = json.find("\".doc\": 2").expect(".doc count");
    let pdf_at = json.find("\".pdf\": 1").expect(".pdf count");
    assert!(doc_at < pdf_at);

    let (_, sarif, _) = check(&["--format", "sarif", "--fail-on", "never", root]);
    let v: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    assert_eq!(
        v["runs"][0]["properties"],
        serde_json::json!({ "skipped": 3, "skipped_by_kind": { ".doc": 2, ".pdf": 1 } })
    );

    // The text, Markdown and HTML reports say it in words, most frequent first.
    let (_, text, _) = check(&["-q", "--fail-on", "never", root]);
    assert!(text.contains("skipped: 2 .doc, 1 .pdf"), "{text}");
    let (_, md, _) = check(&["--format", "markdown", "--fail-on", "never", root]);
    assert!(
        md.contains("Skipped (not Markdown, DOCX or text): 2 .doc, 1 .pdf."),
        "{md}"
    );
    let (_, html, _) = check(&["--format", "html", "--fail-on", "never", root]);
    assert!(html.contains("unreadable · skipped: 2 .doc, 1 .pdf · profile(s)"));

    // JSON Lines stay one document per line, no summary line.
    let (_, lines, _) = check(&["--format", "jsonl", "--fail-on", "never", root]);
    assert_eq!(paths(&jsonl(&lines), &t.0), ["a.md"]);

    // Nothing skipped: the field is left out (as the text report prints no "skipped:" line).
    let only = t.0.join("a.md");
    let (_, json, _) = check(&[
        "--format",
        "json",
        "--fail-on",
        "never",
        only.to_str().expect("utf-8"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["summary"]["skipped"], 0);
    assert!(
        v["summary"].get("skipped_by_kind").is_none(),
        "{}",
        v["summary"]
    );
    let (_, sarif, _) = check(&["--format", "sarif", only.to_str().expect("utf-8")]);
    let v: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    assert!(v["runs"][0].get("properties").is_none());
}
