//! Integration tests of the DOCX reader: the shared corpus (when ../shared is present; facts only,
//! never its text) and small DOCX packages generated here.

mod support;

use clauselint::document::{Block, BlockKind, Document, Location};
use clauselint::ingest::docx::{read_docx, read_docx_revision, Revision};
use clauselint::ingest::{read_bytes, read_path, Limits};
use support::*;

fn read(bytes: &[u8]) -> Document {
    read_docx(bytes, &Limits::default()).expect("generated DOCX reads")
}

fn para(b: &Block) -> u32 {
    match b.location {
        Location::Paragraph { paragraph } => paragraph,
        other => panic!("unexpected location {other:?}"),
    }
}

fn corpus_doc(name: &str) -> Option<Document> {
    let path = corpus()?.join("docx").join(name);
    Some(read_path(&path, &Limits::default()).expect(name).document)
}

/// Prints a DOCX as the reader sees it:
/// `DOCX_DUMP=path cargo test --test docx_reader dump -- --ignored --nocapture`
/// (`DOCX_DUMP_JSON=1` prints one JSON object per block instead).
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("DOCX_DUMP") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let doc = read_docx(&bytes, &Limits::default()).unwrap();
    if std::env::var("DOCX_DUMP_JSON").is_ok() {
        for b in &doc.blocks {
            println!("{}", serde_json::to_string(b).unwrap());
        }
        return;
    }
    for b in &doc.blocks {
        println!(
            "[{}] {:?} label={:?} path={:?}\n    {}",
            para(b),
            b.kind,
            b.label,
            doc.section_path(b.section),
            b.text
        );
    }
    for n in &doc.notes {
        println!(
            "NOTE {:?} {:?} {:?} {}",
            n.label,
            n.location,
            doc.section_path(n.section),
            n.text
        );
    }
    for c in &doc.comments {
        println!("COMMENT {} {}: {}", c.id, c.author, c.text);
    }
    println!("changes {:?}", doc.tracked_changes);
}

// ---------------------------------------------------------------- corpus

#[test]
fn every_corpus_docx_parses() {
    let Some(dir) = corpus() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("docx")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("docx") {
            continue;
        }
        let doc = read_path(&path, &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .document;
        assert!(doc.blocks.len() > 10, "{}: too few blocks", path.display());
        // Locations increase (cells of nested tables close before the outer cell, so allow equality
        // breaks only for table cells).
        for b in &doc.blocks {
            assert!(para(b) > 0 || matches!(b.kind, BlockKind::TableCell { .. }));
            assert!(!b.text.is_empty() || !b.label.is_empty());
        }
        n += 1;
    }
    assert!(n >= 9, "{n} DOCX files");
}

#[test]
fn commonpaper_dpa_shows_rendered_clause_numbers() {
    let Some(doc) = corpus_doc("commonpaper-dpa.docx") else {
        return;
    };
    let labels: Vec<&str> = doc.blocks.iter().map(|b| b.label.as_str()).collect();
    assert!(labels.contains(&"1."));
    assert!(labels.contains(&"2.3"));
    assert!(labels.contains(&"(iv)"));
    // The block labelled 2.3 has "2 ..." then "2.3" in its section path.
    let b = doc.blocks.iter().find(|b| b.label == "2.3").unwrap();
    let path = doc.section_path(b.section);
    assert_eq!(path.len(), 2, "{path:?}");
    assert!(path[0].starts_with("2 "), "{path:?}");
    assert!(path[1].starts_with("2.3"), "{path:?}");
    // A sub-item (a) under 2.6 sits in section 2.6.
    let b = doc.blocks.iter().find(|b| {
        b.label == "(a)"
            && doc
                .section_path(b.section)
                .last()
                .is_some_and(|s| s.starts_with("2.6"))
    });
    assert!(b.is_some());
    // Eleven top-level clause sections (as LibreOffice renders them: "1." to "11.").
    let top: Vec<_> = doc
        .sections
        .iter()
        .filter(|s| s.parent.is_none() && !s.number.is_empty())
        .collect();
    assert_eq!(top.len(), 11, "{top:?}");
    // Tables: the cover page is laid out in tables, one of them nested.
    let cells = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::TableCell { .. }))
        .count();
    let nested = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::TableCell { depth: 1, .. }))
        .count();
    assert_eq!(nested, 9);
    assert!(cells > 50, "{cells}");
}

#[test]
fn publicneuro_scc_has_four_footnotes() {
    let Some(doc) = corpus_doc("publicneuro-scc-controller-to-processor.docx") else {
        return;
    };
    assert_eq!(doc.notes.len(), 4);
    for (i, n) in doc.notes.iter().enumerate() {
        assert_eq!(n.kind, BlockKind::Note);
        assert_eq!(n.label, (i + 1).to_string());
        assert!(para(n) > 0, "footnote placed at its referencing paragraph");
        assert!(!n.text.is_empty());
    }
    let tables: std::collections::BTreeSet<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::TableCell { row: 0, col: 0, .. } => Some(para(b)),
            _ => None,
        })
        .collect();
    assert!(!tables.is_empty());
}

#[test]
fn bonterms_redline_tracked_changes() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("docx/bonterms-mutual-nda-redline.docx")).unwrap();
    let accepted = read_docx_revision(&bytes, &Limits::default(), Revision::Accepted).unwrap();
    let original = read_docx_revision(&bytes, &Limits::default(), Revision::Original).unwrap();
    assert_eq!(accepted.tracked_changes.insertions, 18);
    assert_eq!(accepted.tracked_changes.deletions, 18);
    assert_eq!(original.tracked_changes, accepted.tracked_changes);
    let a = accepted.plain_text();
    let o = original.plain_text();
    assert_ne!(a, o);
    // Words present in only one of the views (found by diffing the two views, not copied text):
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(str::to_string)
            .collect()
    };
    let (wa, wo) = (words(&a), words(&o));
    let only_a: Vec<_> = wa.difference(&wo).collect();
    let only_o: Vec<_> = wo.difference(&wa).collect();
    assert!(
        !only_a.is_empty(),
        "inserted words appear in the accepted view"
    );
    assert!(
        !only_o.is_empty(),
        "deleted words appear in the original view"
    );
    // The reader's own counts agree with the raw XML (18 w:ins, 18 w:del elements).
    let xml = raw_part(&bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:ins ").count(), 18);
    assert_eq!(xml.matches("<w:del ").count(), 18);
    // Every deleted text run is absent from the accepted view and present in the original one.
    for del in deleted_texts(&xml) {
        let d = clauselint::text::normalize(&del);
        if d.len() >= 6 {
            assert!(o.contains(&d), "original lacks {d:?}");
        }
    }
}

fn raw_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn deleted_texts(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:delText") {
        rest = &rest[i..];
        let Some(gt) = rest.find('>') else { break };
        let Some(end) = rest.find("</w:delText>") else {
            break;
        };
        if gt < end {
            out.push(rest[gt + 1..end].to_string());
        }
        rest = &rest[end..];
    }
    out
}

#[test]
fn aida_comments_kept_apart() {
    let Some(doc) = corpus_doc("aida-data-transfer-agreement.docx") else {
        return;
    };
    assert_eq!(doc.comments.len(), 4);
    let body = doc.plain_text();
    for c in &doc.comments {
        assert!(!c.text.is_empty());
        assert!(!c.author.is_empty());
        assert!(!body.contains(&c.text), "comment text leaked into the body");
    }
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::TableCell { row: 0, col: 0, .. }))
        .count();
    assert!(tables >= 1);
}

// ---------------------------------------------------------------- generated

fn multilevel_numbering() -> String {
    numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="1">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
        lvl(0, 1, "decimal", "%1."),
        lvl(1, 1, "decimal", "%1.%2"),
        lvl(2, 1, "lowerLetter", "(%3)"),
    ))
}

#[test]
fn multilevel_numbering_renders_labels() {
    let body = [
        p_num(1, 0, "Definitions"),
        p_num(1, 1, "Words have meanings given here and in the schedules to this agreement, which apply throughout."),
        p_num(1, 1, "Security Incidents"),
        p_num(1, 2, "first item"),
        p_num(1, 2, "second item"),
        p_num(1, 0, "Audit"),
        p_num(1, 1, "restarted"),
        p_num(1, 2, "restarted item"),
    ]
    .concat();
    let doc = read(&docx(
        &document(&body),
        &[("numbering.xml", &multilevel_numbering())],
    ));
    let labels: Vec<&str> = doc.blocks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        ["1.", "1.1", "1.2", "(a)", "(b)", "2.", "2.1", "(a)"]
    );
    // Sections: "1 Definitions" > "1.2 Security Incidents"; the long clause opens "1.1" untitled.
    let b = &doc.blocks[1];
    assert_eq!(doc.section_path(b.section), ["1 Definitions", "1.1"]);
    let b = &doc.blocks[4];
    assert_eq!(b.kind, BlockKind::ListItem { depth: 2 });
    assert_eq!(
        doc.section_path(b.section),
        ["1 Definitions", "1.2 Security Incidents"]
    );
    assert_eq!(doc.blocks[2].kind, BlockKind::Heading { level: 2 });
    assert_eq!(
        doc.section_path(doc.blocks[7].section),
        ["2 Audit", "2.1 restarted"]
    );
}

#[test]
fn formats_restart_override_and_is_lgl() {
    let numbering_xml = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum>
           <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl></w:abstractNum>
           <w:abstractNum w:abstractNumId="3">{}</w:abstractNum>
           <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
           <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
           <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
           <w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>"#,
        lvl(0, 1, "lowerRoman", "%1."),
        lvl(1, 1, "upperLetter", "%2."),
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>"#,
    ));
    let body = [
        p_num(1, 0, "one"),
        p_num(1, 0, "two"),
        p_num(1, 1, "sub"),
        // a num with startOverride restarts the shared list on first use
        p_num(2, 0, "five"),
        p_num(2, 0, "six"),
        // numId 1 shares the abstractNum, so it continues the same list
        p_num(1, 0, "seven"),
        p_num(3, 0, "art"),
        p_num(3, 2, "x"),
        p_num(3, 1, "lgl"),
        // lvlRestart 0: level 2 keeps counting across level 1
        p_num(3, 2, "y"),
        p_num(3, 0, "art2"),
        p_num(4, 0, "bullet"),
        // numId 0 means no numbering
        p_num(0, 0, "none"),
    ]
    .concat();
    let doc = read(&docx(
        &document(&body),
        &[("numbering.xml", &numbering_xml)],
    ));
    let labels: Vec<&str> = doc.blocks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "i.",
            "ii.",
            "A.",
            "v.",
            "vi.",
            "vii.",
            "Article I",
            "a)",
            "1.1",
            "b)",
            "Article II",
            "•",
            ""
        ]
    );
    let art = doc.blocks.iter().find(|b| b.label == "Article II").unwrap();
    assert_eq!(doc.section_path(art.section), ["Article II art2"]);
}

#[test]
fn style_inherited_numbering_and_headings() {
    let styles_xml = styles(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
           <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
           <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
           <w:style w:type="paragraph" w:styleId="Clause3"><w:name w:val="Clause 3"/><w:basedOn w:val="Heading2"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
           <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
           <w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#,
    );
    let numbering_xml = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="10"><w:styleLink w:val="LegalList"/>{}{}</w:abstractNum>
           <w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="LegalList"/></w:abstractNum>
           <w:num w:numId="7"><w:abstractNumId w:val="10"/></w:num>
           <w:num w:numId="8"><w:abstractNumId w:val="11"/></w:num>"#,
        lvl(0, 11, "decimal", "%1"),
        lvl(1, 1, "decimal", "%1.%2"),
    ));
    let body = [
        p_style("Title", "Master Agreement"),
        p_style("Heading1", "Security"),
        p_style("Heading2", "Security Incidents"),
        p("The Supplier shall notify the Customer."),
        // numStyleLink: numId 8 → style LegalList → numId 7 → abstractNum 10 (shared counters)
        p_num(8, 1, "Encryption"),
        p_style("Heading1", "Audit"),
    ]
    .concat();
    let doc = read(&docx(
        &document(&body),
        &[
            ("styles.xml", &styles_xml),
            ("numbering.xml", &numbering_xml),
        ],
    ));
    let labels: Vec<&str> = doc.blocks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["", "11", "11.1", "", "11.2", "12"]);
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 1 });
    // Numbered headings nest below the unnumbered title, by numbering level.
    assert_eq!(doc.blocks[2].kind, BlockKind::Heading { level: 3 });
    assert_eq!(
        doc.section_path(doc.blocks[3].section),
        ["Master Agreement", "11 Security", "11.1 Security Incidents"]
    );
    assert_eq!(
        doc.section_path(doc.blocks[4].section),
        ["Master Agreement", "11 Security", "11.2 Encryption"]
    );
    assert_eq!(
        doc.section_path(doc.blocks[5].section),
        ["Master Agreement", "12 Audit"]
    );
}

#[test]
fn paragraph_locations_count_every_w_p() {
    let body = [
        p("first"),
        "<w:p/>".to_string(),
        format!(
            r#"<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>"#,
            p("a"),
            p("b"),
            p("c")
        ),
        format!(
            r#"<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            p("in sdt")
        ),
        p("last"),
    ]
    .concat();
    let doc = read(&docx(&document(&body), &[]));
    let got: Vec<(u32, &str)> = doc
        .blocks
        .iter()
        .map(|b| (para(b), b.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "first"),
            (3, "a b"),
            (5, "c"),
            (6, "in sdt"),
            (7, "last")
        ]
    );
}

#[test]
fn nested_tables_have_depth_row_and_col() {
    let inner = format!(
        r#"<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        p("i00"),
        p("i01"),
        p("i10")
    );
    let body = format!(
        r#"<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>"#,
        p("outer a"),
        p("outer b"),
        inner
    );
    let doc = read(&docx(&document(&body), &[]));
    let cells: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (
                BlockKind::TableCell {
                    row: 0,
                    col: 0,
                    depth: 0
                },
                "outer a"
            ),
            (
                BlockKind::TableCell {
                    row: 0,
                    col: 0,
                    depth: 1
                },
                "i00"
            ),
            (
                BlockKind::TableCell {
                    row: 0,
                    col: 1,
                    depth: 1
                },
                "i01"
            ),
            (
                BlockKind::TableCell {
                    row: 1,
                    col: 0,
                    depth: 1
                },
                "i10"
            ),
            (
                BlockKind::TableCell {
                    row: 0,
                    col: 1,
                    depth: 0
                },
                "outer b"
            ),
        ]
    );
}

#[test]
fn runs_fields_sdt_and_alternate_content() {
    let body = r#"<w:p>
        <w:r><w:t>Inci</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>dent</w:t></w:r>
        <w:r><w:tab/><w:t>see clause</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \r </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12.3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>
        <w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:r><w:t>in-sdt</w:t></w:r></w:sdtContent></w:sdt>
        <w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>link</w:t></w:r></w:hyperlink>
        <w:smartTag w:uri="u" w:element="e"><w:r><w:t>smart</w:t></w:r></w:smartTag>
        <w:customXml w:element="c"><w:r><w:t>custom</w:t></w:r></w:customXml>
        <w:r><w:t>TLS</w:t><w:noBreakHyphen/><w:t>1.2</w:t><w:br/><w:t>AES</w:t><w:cr/><w:t>256 &amp; more &#169; &unknown;</w:t></w:r>
        <mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>FALLBACK</w:t></w:r></mc:Fallback></mc:AlternateContent>
        <w:r><w:rPr><w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>end</w:t></w:r>
      </w:p>"#;
    let doc = read(&docx(&document(body), &[]));
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(
        doc.blocks[0].text,
        "Incident see clause12.37in-sdtlinksmartcustomTLS-1.2 AES 256 & more © choiceend"
    );
}

#[test]
fn tracked_changes_accepted_and_original() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">notify within </w:t></w:r>
        <w:del w:id="1" w:author="a"><w:r><w:delText>72</w:delText></w:r></w:del>
        <w:ins w:id="2" w:author="a"><w:r><w:t>24</w:t></w:r></w:ins>
        <w:r><w:t xml:space="preserve"> hours</w:t></w:r>
        <w:moveFrom w:id="3"><w:r><w:t>OLDPLACE</w:t></w:r></w:moveFrom>
        <w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> NEWPLACE</w:t></w:r></w:moveTo></w:p>
      <w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">joined </w:t></w:r></w:p>
      <w:p><w:r><w:t>paragraph</w:t></w:r></w:p>"#;
    let bytes = docx(&document(body), &[]);
    let acc = read_docx_revision(&bytes, &Limits::default(), Revision::Accepted).unwrap();
    let orig = read_docx_revision(&bytes, &Limits::default(), Revision::Original).unwrap();
    let texts = |d: &Document| {
        d.blocks
            .iter()
            .map(|b| (para(b), b.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&acc),
        [
            (1, "notify within 24 hours NEWPLACE".to_string()),
            (2, "joined paragraph".to_string())
        ]
    );
    assert_eq!(
        texts(&orig),
        [
            (1, "notify within 72 hoursOLDPLACE".to_string()),
            (2, "joined".to_string()),
            (3, "paragraph".to_string())
        ]
    );
    assert_eq!(acc.tracked_changes.insertions, 2);
    assert_eq!(acc.tracked_changes.deletions, 3);
    assert_eq!(orig.tracked_changes, acc.tracked_changes);
}

#[test]
fn notes_and_comments_kept_apart() {
    let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Body text</w:t></w:r><w:commentRangeEnd w:id="0"/>
        <w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>
        <w:p><w:r><w:t>More</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>"#;
    let w = W_NS;
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
           <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A footnote.</w:t></w:r></w:p><w:p><w:r><w:t>Second para.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let endnotes = format!(
        r#"<w:endnotes xmlns:w="{w}"><w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    let comments = format!(
        r#"<w:comments xmlns:w="{w}"><w:comment w:id="0" w:author="Reviewer"><w:p><w:r><w:t>Please check this.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let doc = read(&docx(
        &document(body),
        &[
            ("footnotes.xml", &footnotes),
            ("endnotes.xml", &endnotes),
            ("comments.xml", &comments),
        ],
    ));
    assert_eq!(doc.plain_text(), "Body text\nMore\n");
    assert_eq!(doc.notes.len(), 2);
    assert_eq!(doc.notes[0].text, "A footnote. Second para.");
    assert_eq!(doc.notes[0].label, "1");
    assert_eq!(para(&doc.notes[0]), 1);
    assert_eq!(doc.notes[1].text, "An endnote.");
    assert_eq!(doc.notes[1].label, "i");
    assert_eq!(para(&doc.notes[1]), 2);
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(doc.comments[0].author, "Reviewer");
    assert_eq!(doc.comments[0].text, "Please check this.");
}

#[test]
fn read_bytes_detects_docx_and_strict_namespace() {
    let strict = r#"<?xml version="1.0"?><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t>strict text</x:t></x:r></x:p></x:body></x:document>"#;
    let ing = read_bytes(&docx(strict, &[]), false, &Limits::default()).unwrap();
    assert_eq!(ing.document.plain_text(), "strict text\n");
    // A `w:` prefix bound to another namespace is not WordprocessingML.
    let fake = r#"<w:document xmlns:w="urn:other"><w:body><w:p><w:r><w:t>no</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(read(&docx(fake, &[])).blocks.is_empty());
}

/// Prints read times: `cargo test --release --test docx_reader timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    // A generated large document: 89,100 numbered paragraphs (about 36 MB of XML).
    let para = p_num(
        1,
        1,
        &"The Supplier shall notify the Customer of any Security Incident without undue delay. "
            .repeat(3),
    );
    let body = para.repeat(89_100);
    let bytes = docx(
        &document(&body),
        &[("numbering.xml", &multilevel_numbering())],
    );
    let t = std::time::Instant::now();
    let doc = read_docx(&bytes, &Limits::default()).unwrap();
    println!(
        "generated: {} paragraphs, {:.1} MB XML, {} KB zip: {:.0} ms",
        doc.blocks.len(),
        document(&body).len() as f64 / 1e6,
        bytes.len() / 1024,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let Some(dir) = corpus() else { return };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let runs = 50;
        let t = std::time::Instant::now();
        for _ in 0..runs {
            read_docx(&bytes, &Limits::default()).unwrap();
        }
        println!(
            "{:>8} B {:>7.2} ms  {}",
            bytes.len(),
            t.elapsed().as_secs_f64() * 1000.0 / runs as f64,
            path.file_name().unwrap().to_string_lossy()
        );
    }
}

/// The Common Paper DPA exists as Markdown and as DOCX: the two readers should agree on the text and
/// on the clause numbers of the standard terms.
#[test]
fn markdown_docx_parity_commonpaper_dpa() {
    let Some(dir) = corpus() else { return };
    let md = read_path(&dir.join("md/commonpaper-dpa.md"), &Limits::default())
        .unwrap()
        .document;
    let dx = read_path(&dir.join("docx/commonpaper-dpa.docx"), &Limits::default())
        .unwrap()
        .document;
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let docx_text = squash(
        &dx.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut long = 0;
    let mut found = 0;
    for b in &md.blocks {
        for sentence in b.text.split(". ") {
            if sentence.len() < 80 {
                continue;
            }
            long += 1;
            if docx_text.contains(&squash(sentence)) {
                found += 1;
            }
        }
    }
    println!("parity: {found} of {long} long Markdown sentences found in the DOCX text");
    assert!(long > 50, "{long}");
    assert!(found * 100 >= long * 90, "{found} of {long}");
    // Clause numbers: every top-level number of the DOCX standard terms is a Markdown section too.
    let numbers = |d: &Document| -> std::collections::BTreeSet<String> {
        d.sections
            .iter()
            .map(|s| s.number.trim_end_matches('.').to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let (nm, nd) = (numbers(&md), numbers(&dx));
    let common = nd.intersection(&nm).count();
    println!(
        "parity: {common} of {} DOCX section numbers also in Markdown ({} there)",
        nd.len(),
        nm.len()
    );
    for n in 1..=11 {
        assert!(nd.contains(&n.to_string()), "docx lacks {n}");
    }
    assert!(common * 100 >= nd.len() * 80, "{common} of {}", nd.len());
    // The breach-notice deadline stands in the same top-level clause in both.
    let section_of = |d: &Document| {
        d.blocks
            .iter()
            .find(|b| b.text.contains("72 hours"))
            .and_then(|b| b.section)
            .map(|s| d.sections[s].number.trim_end_matches('.').to_string())
    };
    println!(
        "parity: 72 hours in {:?} / {:?}",
        section_of(&md),
        section_of(&dx)
    );
    assert_eq!(section_of(&dx).as_deref(), Some("4"));
    // (The Markdown numbers the paragraph "4.1"; the DOCX leaves it unnumbered under "4.")
    assert!(section_of(&md).is_some_and(|n| n == "4" || n.starts_with("4.")));
}
