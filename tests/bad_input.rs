//! Hostile and broken inputs for the DOCX reader, all generated here: each must fail with one clear,
//! one-line error, quickly and with bounded memory, and never panic.

mod support;

use clauselint::ingest::docx::{classify_ole, read_docx};
use clauselint::ingest::{read_bytes, IngestError, Limits};
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};
use support::*;

/// Reads through the public entry point; asserts one-line message and a time bound.
fn fails(bytes: &[u8], limits: &Limits) -> IngestError {
    let t = Instant::now();
    let err = match read_bytes(bytes, false, limits) {
        Ok(_) => panic!("hostile input was accepted"),
        Err(e) => e,
    };
    let msg = err.to_string();
    assert!(
        !msg.contains('\n') && !msg.contains('\r'),
        "multi-line message: {msg:?}"
    );
    assert!(!msg.is_empty());
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?} for {msg}",
        t.elapsed()
    );
    err
}

/// Peak resident memory of this test process so far (Linux), in MiB.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn valid_docx() -> Vec<u8> {
    docx(&document(&p("Hello world")), &[])
}

#[test]
fn valid_generated_docx_reads() {
    let doc = read_docx(&valid_docx(), &Limits::default()).unwrap();
    assert_eq!(doc.plain_text(), "Hello world\n");
}

#[test]
fn truncated_zip_is_corrupt() {
    let bytes = valid_docx();
    for cut in [bytes.len() / 2, bytes.len() - 10, 30, 4] {
        let err = fails(&bytes[..cut], &Limits::default());
        assert!(matches!(err, IngestError::CorruptZip(_)), "{cut}: {err:?}");
    }
}

#[test]
fn random_bytes_behind_a_zip_header() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in [10usize, 100, 5000, 100_000] {
        let mut bytes = b"PK\x03\x04".to_vec();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(seed as u8);
        }
        let err = fails(&bytes, &Limits::default());
        assert!(matches!(err, IngestError::CorruptZip(_)), "{err:?}");
    }
}

#[test]
fn damaged_deflate_data_or_crc_never_panics() {
    let bytes = docx(
        &document(&p(&"Security incident notice. ".repeat(200))),
        &[],
    );
    // Flip bytes all over the archive, one at a time: every result is Ok or a clean error.
    for i in (0..bytes.len()).step_by(7) {
        let mut b = bytes.clone();
        b[i] ^= 0x5A;
        let _ = read_bytes(&b, false, &Limits::default());
    }
}

#[test]
fn zip_without_document_is_not_docx() {
    let bytes = zip_of(&[("hello.txt".into(), b"hi".to_vec())]);
    let err = fails(&bytes, &Limits::default());
    assert_eq!(err, IngestError::NotDocx("no word/document.xml".into()));
    assert!(err.to_string().contains("no word/document.xml"));
}

#[test]
fn odt_and_xlsx_are_named() {
    let odt = zip_of(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        ("content.xml".into(), b"<office:document-content/>".to_vec()),
    ]);
    let msg = fails(&odt, &Limits::default()).to_string();
    assert!(msg.contains("ODT"), "{msg}");
    let xlsx = zip_of(&[
        ("_rels/.rels".into(), br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
        ("xl/workbook.xml".into(), b"<workbook/>".to_vec()),
    ]);
    let msg = fails(&xlsx, &Limits::default()).to_string();
    assert!(msg.contains("Excel"), "{msg}");
}

#[test]
fn zip_bomb_declared_size_is_refused_before_inflating() {
    // 300 MB of zeros in about 2 MB, with an honest size header.
    let n: u64 = 300 * 1024 * 1024;
    let bomb = zip_with_raw_deflate("word/document.xml", n, n as u32, &[package_rels()]);
    assert!(bomb.len() < 4 * 1024 * 1024, "{}", bomb.len());
    let err = fails(&bomb, &Limits::default());
    assert!(
        matches!(err, IngestError::PartTooLarge { ref part, .. } if part == "word/document.xml"),
        "{err:?}"
    );
    assert!(err.to_string().contains("zip bomb"));
    if let Some(mib) = peak_rss_mib() {
        assert!(mib < 512, "peak RSS {mib} MiB");
    }
}

#[test]
fn zip_bomb_with_lying_size_header_is_cut_off() {
    // The header claims 1,000 bytes; the data inflates to 300 MB.
    let n: u64 = 300 * 1024 * 1024;
    let bomb = zip_with_raw_deflate("word/document.xml", n, 1000, &[package_rels()]);
    let err = fails(&bomb, &Limits::default());
    assert!(
        matches!(
            err,
            IngestError::PartTooLarge { .. } | IngestError::CorruptZip(_) | IngestError::Xml { .. }
        ),
        "{err:?}"
    );
    // Same with a small part limit and a header that claims less than the limit.
    let limits = Limits {
        max_part_bytes: 64 * 1024,
        ..Limits::default()
    };
    let bomb = zip_with_raw_deflate("word/document.xml", n, 60_000, &[package_rels()]);
    let err = fails(&bomb, &limits);
    println!("lying header: {err}");
    if let Some(mib) = peak_rss_mib() {
        assert!(mib < 512, "peak RSS {mib} MiB");
    }
}

#[test]
fn part_over_the_limit_is_refused() {
    let body = p(&"x".repeat(200_000));
    let bytes = docx(&document(&body), &[]);
    let limits = Limits {
        max_part_bytes: 100_000,
        ..Limits::default()
    };
    let err = fails(&bytes, &limits);
    assert!(
        matches!(err, IngestError::PartTooLarge { limit: 100_000, .. }),
        "{err:?}"
    );
}

fn ole_with_stream(name: &str) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    {
        let mut s = cf.create_stream(name).unwrap();
        s.write_all(&[7u8; 600]).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn ole_encrypted_package() {
    let bytes = ole_with_stream("EncryptedPackage");
    let err = fails(&bytes, &Limits::default());
    assert_eq!(err, IngestError::Encrypted);
    assert!(err.to_string().contains("encrypted"));
    assert_eq!(
        classify_ole(&ole_with_stream("EncryptionInfo")),
        IngestError::Encrypted
    );
    // The DOCX entry point classifies OLE input too.
    assert_eq!(
        read_docx(&bytes, &Limits::default()).unwrap_err(),
        IngestError::Encrypted
    );
}

#[test]
fn ole_legacy_word_document() {
    let err = fails(&ole_with_stream("WordDocument"), &Limits::default());
    assert_eq!(err, IngestError::LegacyDoc);
    assert!(err.to_string().contains("legacy"));
    let err = fails(&ole_with_stream("Workbook"), &Limits::default());
    assert_eq!(err, IngestError::UnknownOle);
    // A broken OLE header is an unknown OLE file, not a panic.
    let mut broken = ole_with_stream("WordDocument");
    broken.truncate(600);
    assert_eq!(classify_ole(&broken), IngestError::UnknownOle);
}

#[test]
fn billion_laughs_is_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let err = fails(&docx(&xml, &[]), &Limits::default());
    assert_eq!(
        err,
        IngestError::Dtd {
            part: "word/document.xml".into()
        }
    );
    // XXE in the styles part is refused the same way.
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:styles>"#;
    let err = fails(
        &docx(&document(&p("a")), &[("styles.xml", xxe)]),
        &Limits::default(),
    );
    assert!(matches!(err, IngestError::Dtd { .. }), "{err:?}");
}

#[test]
fn unknown_entities_are_dropped() {
    let body = r#"<w:p><w:r><w:t>a&nope;b &lt;c&gt; &#x41;</w:t></w:r></w:p>"#;
    let doc = read_docx(&docx(&document(body), &[]), &Limits::default()).unwrap();
    assert_eq!(doc.blocks[0].text, "ab <c> A");
}

#[test]
fn deep_nesting_is_too_deep() {
    let n = 100_000;
    let mut body = String::with_capacity(n * 40);
    for _ in 0..n {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&p("deep"));
    for _ in 0..n {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let err = fails(&docx(&document(&body), &[]), &Limits::default());
    assert_eq!(
        err,
        IngestError::TooDeep {
            part: "word/document.xml".into(),
            limit: 512
        }
    );
    // Nested content controls and unknown elements too.
    let mut body = String::new();
    for _ in 0..n {
        body.push_str("<w:sdt><w:sdtContent>");
    }
    let err = fails(&docx(&document(&body), &[]), &Limits::default());
    assert!(matches!(err, IngestError::TooDeep { .. }), "{err:?}");
    let mut body = String::new();
    for _ in 0..1_000_000 {
        body.push_str("<x>");
    }
    let err = fails(&docx(&document(&body), &[]), &Limits::default());
    assert!(matches!(err, IngestError::TooDeep { .. }), "{err:?}");
    // A nested table within the limit reads (explicit stacks, no recursion).
    let limits = Limits {
        max_xml_depth: 100_000,
        ..Limits::default()
    };
    let mut body = String::new();
    for _ in 0..10_000 {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&p("deep"));
    for _ in 0..10_000 {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let doc = read_docx(&docx(&document(&body), &[]), &limits).unwrap();
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].text, "deep");
}

#[test]
fn too_many_paragraphs() {
    let body = "<w:p/>".repeat(2_000);
    let limits = Limits {
        max_paragraphs: 1_000,
        ..Limits::default()
    };
    let err = fails(&docx(&document(&body), &[]), &limits);
    assert_eq!(err, IngestError::TooManyParagraphs { limit: 1_000 });
}

#[test]
fn malformed_and_utf16_xml_are_errors() {
    let err = fails(
        &docx("<w:document><w:body><w:p></w:body>", &[]),
        &Limits::default(),
    );
    assert!(matches!(err, IngestError::Xml { .. }), "{err:?}");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in document(&p("hi")).encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let bytes = zip_of(&[package_rels(), ("word/document.xml".into(), utf16)]);
    let _ = fails(&bytes, &Limits::default());
}

#[test]
fn hostile_numbering_and_styles_stay_bounded() {
    // A basedOn loop, a numStyleLink loop, huge start values and levels out of range.
    let styles_xml = styles(
        r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
           <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
           <w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#,
    );
    let numbering_xml = numbering(
        r#"<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="L"/></w:abstractNum>
           <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="L"/><w:lvl w:ilvl="99"><w:start w:val="9223372036854775807"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1%9%%"/></w:lvl></w:abstractNum>
           <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
           <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
    );
    let body = [
        p_style("A", "one"),
        p_num(2, 42, "two"),
        p_num(2, 8, "three"),
    ]
    .concat();
    let doc = read_docx(
        &docx(
            &document(&body),
            &[
                ("styles.xml", &styles_xml),
                ("numbering.xml", &numbering_xml),
            ],
        ),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(doc.blocks.len(), 3);
}

#[test]
fn empty_input() {
    assert_eq!(
        read_docx(&[], &Limits::default()).unwrap_err(),
        IngestError::Empty
    );
}
