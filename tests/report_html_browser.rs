//! The HTML report in a real browser (headless Chromium): it loads without network, every finding
//! renders, every in-page link (finding → highlighted clause and back) resolves, it prints to PDF,
//! and a screenshot is taken (copied to docs/html-report.png with UPDATE_SCREENSHOT=1). Skipped, with
//! a message, only when no Chromium can be found (`.ci/run` installs Debian's `chromium`).

mod report_support;

use clauselint::report::{Format, WriteOptions};
use report_support::{library, render, report_of, texts_of};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs Chromium headless on `url` with extra arguments; returns its standard output.
fn chromium(bin: &Path, work: &Path, args: &[String], url: &str) -> String {
    let profile = work.join(format!("profile-{}", args.len()));
    let _ = std::fs::remove_dir_all(&profile);
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap_or_default()
}

fn attr(dom: &str, name: &str) -> Option<usize> {
    let pat = format!("{name}=\"");
    let at = dom.find(&pat)? + pat.len();
    let end = dom[at..].find('"')? + at;
    dom[at..end].parse().ok()
}

#[test]
fn html_report_in_headless_chromium() {
    let Some(bin) = find_chromium() else {
        println!(
            "skipped: chromium not found (apt-get install chromium, or set CHROMIUM=/path/to/it)"
        );
        return;
    };
    let paths = [
        "fixtures/samples/acme-msa.md",
        "fixtures/labeled/dora_ict_services_agreement.docx",
    ];
    let lib = library();
    let report = report_of(&lib, &paths);
    let texts = texts_of(&paths);
    let html = render(
        &report,
        Format::Html,
        &WriteOptions {
            texts: Some(&texts),
            ..WriteOptions::default()
        },
    );
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&work).expect("work dir");
    let file = work.join("report.html");
    std::fs::write(&file, &html).expect("write report.html");
    let url = format!("file://{}", file.display());

    let dom = chromium(&bin, &work, &["--dump-dom".to_string()], &url);
    assert!(dom.contains("</html>"), "chromium dumped the DOM");
    let findings: usize = report.documents.iter().map(|d| d.findings.len()).sum();
    assert_eq!(
        attr(&dom, "data-findings-rendered"),
        Some(findings),
        "every finding renders (the page's script ran)"
    );
    let links = attr(&dom, "data-links").unwrap_or(0);
    assert!(
        links > 10,
        "the findings link to the contract text ({links} links)"
    );
    assert_eq!(
        attr(&dom, "data-broken-links"),
        Some(0),
        "every in-page link resolves"
    );
    assert!(
        dom.contains("<mark class=\"weak\" id=\"d0-m0\""),
        "weak clause highlighted"
    );
    assert!(
        dom.contains("href=\"#d0-f0\""),
        "the highlight links back to its finding"
    );
    assert!(dom.contains("<svg class=\"chart\""), "the chart renders");

    let pdf = work.join("report.pdf");
    let _ = std::fs::remove_file(&pdf);
    chromium(
        &bin,
        &work,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &url,
    );
    let bytes = std::fs::read(&pdf).expect("chromium printed a PDF");
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "a real PDF"
    );

    let png = work.join("report.png");
    let _ = std::fs::remove_file(&png);
    chromium(
        &bin,
        &work,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,1400".into(),
            "--hide-scrollbars".into(),
        ],
        &url,
    );
    let shot = std::fs::read(&png).expect("chromium took a screenshot");
    assert!(shot.starts_with(b"\x89PNG"), "a PNG");
    if std::env::var("UPDATE_SCREENSHOT").as_deref() == Ok("1") {
        let dest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/html-report.png");
        std::fs::write(dest, &shot).expect("write docs/html-report.png");
    }
}
