//! Builders for small DOCX packages and hostile inputs used by the integration tests (nothing here is
//! copied from real documents).
#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The shared corpus directory (../shared/corpus relative to the repo root), if present.
pub fn corpus() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else if std::env::var("CLAUSELINT_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("../shared not found and CLAUSELINT_REQUIRE_SHARED=1");
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

/// Wraps body XML in a `w:document`.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    )
}

/// A plain paragraph.
pub fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph with a style.
pub fn p_style(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// A paragraph with direct numbering.
pub fn p_num(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// Wraps styles in a styles part.
pub fn styles(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{inner}</w:styles>"#
    )
}

/// Wraps definitions in a numbering part.
pub fn numbering(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{inner}</w:numbering>"#
    )
}

/// One `w:lvl`.
pub fn lvl(ilvl: u32, start: i64, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
    )
}

/// A DOCX package: document.xml plus optional other word/ parts (name, xml), e.g. ("styles.xml", ..).
pub fn docx(document_xml: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, _)) in parts.iter().enumerate() {
        let ty = name.trim_end_matches(".xml");
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{ty}" Target="{name}"/>"#,
            i + 1
        ));
    }
    rels.push_str("</Relationships>");
    let mut all: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels".into(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec(),
        ),
        ("word/document.xml".into(), document_xml.as_bytes().to_vec()),
        ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
    ];
    for (name, xml) in parts {
        all.push((format!("word/{name}"), xml.as_bytes().to_vec()));
    }
    zip_of(&all)
}

/// A zip archive of (name, bytes), deflated.
pub fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A raw deflate stream that inflates to `n` zero bytes (n ≥ 1), built by hand: one fixed-Huffman
/// block holding a literal 0 and then (length 258, distance 1) copies. About 1.6 KB per MB of output,
/// and fast to build even unoptimised.
pub fn deflate_zeros(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        nbits: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            // LSB-first bit packing.
            self.acc |= (value as u64) << self.nbits;
            self.nbits += count;
            while self.nbits >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.nbits -= 8;
            }
        }
        /// Huffman codes are written MSB first.
        fn code(&mut self, code: u32, len: u32) {
            let mut rev = 0;
            for i in 0..len {
                rev |= ((code >> i) & 1) << (len - 1 - i);
            }
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        nbits: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
        left -= 258;
    }
    while left >= 3 {
        // length 3 = code 257 (7 bits 0000001)
        b.code(1, 7);
        b.code(0, 5);
        left -= 3;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block (256)
    if b.nbits > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

fn crc32(data_len: u64) -> u32 {
    // CRC-32 of `data_len` zero bytes.
    let mut crc: u32 = 0xFFFF_FFFF;
    for _ in 0..data_len {
        crc ^= 0;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip holding one entry `name` whose deflated data inflates to `actual` zero bytes while the headers
/// declare `declared` bytes (a lying header when they differ). CRC is left 0 for large outputs.
pub fn zip_with_raw_deflate(
    name: &str,
    actual: u64,
    declared: u32,
    extra: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let data = deflate_zeros(actual);
    let crc = if actual < 4096 { crc32(actual) } else { 0 };
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut entries = 0u16;
    // The extra (stored) entries first, via the regular writer, would complicate offsets; write all
    // entries by hand as stored/deflated.
    let add = |out: &mut Vec<u8>,
               central: &mut Vec<u8>,
               name: &str,
               method: u16,
               crc: u32,
               comp: &[u8],
               size: u32| {
        let offset = out.len() as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes()); // time+date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(comp.len() as u32).to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(comp);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&(comp.len() as u32).to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        // extra len, comment len, disk number, internal and external attributes
        central.extend_from_slice(&[0u8; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    };
    for (n, bytes) in extra {
        let crc = crc32_bytes(bytes);
        add(&mut out, &mut central, n, 0, crc, bytes, bytes.len() as u32);
        entries += 1;
    }
    add(&mut out, &mut central, name, 8, crc, &data, declared);
    entries += 1;
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

pub fn crc32_bytes(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xFFFF_FFFF;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The package rels pointing at word/document.xml, as a stored entry for hand-built zips.
pub fn package_rels() -> (String, Vec<u8>) {
    (
        "_rels/.rels".into(),
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec(),
    )
}
