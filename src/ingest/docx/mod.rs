//! DOCX (WordprocessingML) reader: opens the zip package, follows the relationships to the main
//! document and its styles, numbering, notes and comments parts, applies the size limits to every part,
//! and tells encrypted or legacy OLE files apart. The parts are parsed by the submodules:
//! [`styles`], [`numbering`] and [`body`], all over the event driver in [`xml`].

mod body;
mod numbering;
mod styles;
mod xml;

use crate::document::Document;
use crate::ingest::{IngestError, Limits};
use quick_xml::events::BytesStart;
use std::io::{BufReader, Cursor, Read};
use xml::{Handler, Limited, Ns, PartSource};

/// Which text of a document with tracked changes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Revision {
    /// All changes accepted: insertions kept, deletions dropped.
    #[default]
    Accepted,
    /// All changes rejected: insertions dropped, deletions kept.
    Original,
}

/// Reads a DOCX package with all tracked changes accepted.
pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    read_docx_revision(bytes, limits, Revision::Accepted)
}

/// Reads a DOCX package, choosing the accepted or the original text of tracked changes.
pub fn read_docx_revision(
    bytes: &[u8],
    limits: &Limits,
    revision: Revision,
) -> Result<Document, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    if crate::ingest::sniff(bytes) == crate::ingest::Sniffed::Ole {
        return Err(classify_ole(bytes));
    }
    let mut pkg = Package::open(bytes, limits)?;
    let main = pkg.main_part()?;
    let rels = pkg.part_rels(&main)?;

    let styles = match rels.target("/styles") {
        Some(p) if pkg.exists(&p) => {
            let mut h = styles::StylesParser::default();
            pkg.parse(&p, &mut h)?;
            h.finish()
        }
        _ => styles::Styles::default(),
    };
    let numbering = match rels.target("/numbering") {
        Some(p) if pkg.exists(&p) => {
            let mut h = numbering::NumberingParser::default();
            pkg.parse(&p, &mut h)?;
            h.finish()
        }
        _ => numbering::Numbering::default(),
    };

    let mut reader = body::PartReader::body(&styles, &numbering, revision, limits);
    pkg.parse(&main, &mut reader)?;
    let (mut doc, refs, order) = reader.finish_body();

    let mut notes = body::PartReader::notes(revision, limits);
    for (rel, kind) in [
        ("/footnotes", body::NoteKind::Footnote),
        ("/endnotes", body::NoteKind::Endnote),
    ] {
        if let Some(p) = rels.target(rel) {
            if pkg.exists(&p) {
                notes.set_note_kind(kind);
                pkg.parse(&p, &mut notes)?;
            }
        }
    }
    notes.finish_notes(&mut doc, &refs, &order);

    if let Some(p) = rels.target("/comments") {
        if pkg.exists(&p) {
            let mut comments = body::PartReader::comments(revision, limits);
            pkg.parse(&p, &mut comments)?;
            doc.comments = comments.finish_comments();
        }
    }
    Ok(doc)
}

/// Tells an encrypted DOCX from a legacy .doc in an OLE compound file.
pub fn classify_ole(bytes: &[u8]) -> IngestError {
    let Ok(cf) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return IngestError::UnknownOle;
    };
    let mut encrypted = false;
    let mut word = false;
    for entry in cf.walk() {
        match entry.name() {
            "EncryptedPackage" | "EncryptionInfo" => encrypted = true,
            "WordDocument" => word = true,
            _ => {}
        }
    }
    if encrypted {
        IngestError::Encrypted
    } else if word {
        IngestError::LegacyDoc
    } else {
        IngestError::UnknownOle
    }
}

/// The opened zip package.
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
}

fn zip_error(e: zip::result::ZipError) -> IngestError {
    IngestError::CorruptZip(xml::one_line(e))
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, IngestError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        Ok(Package { zip, limits })
    }

    fn exists(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Streams part `name` through `handler`, within the part size limit.
    fn parse<H: Handler>(&mut self, name: &str, handler: &mut H) -> Result<(), IngestError> {
        let limit = self.limits.max_part_bytes;
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(IngestError::NotDocx(format!("no {name}")))
            }
            Err(e) => return Err(zip_error(e)),
        };
        if file.size() > limit {
            return Err(IngestError::PartTooLarge {
                part: name.to_string(),
                limit,
            });
        }
        // The buffer is zeroed once when first filled: size it to the part (most parts are a few
        // KB), not 64 KiB for each of a package's dozen parts.
        let capacity = (file.size().saturating_add(1)).clamp(512, 64 * 1024) as usize;
        let (limited, exceeded) = Limited::new(file, limit);
        let src = PartSource {
            part: name,
            reader: BufReader::with_capacity(capacity, limited),
            exceeded,
            limit,
        };
        xml::drive(src, self.limits, handler)
    }

    /// The main document part, from `_rels/.rels`, else `word/document.xml`; a helpful error when the
    /// zip is some other kind of package.
    fn main_part(&mut self) -> Result<String, IngestError> {
        if self.exists("_rels/.rels") {
            let mut rels = RelsParser::new("");
            self.parse("_rels/.rels", &mut rels)?;
            if let Some(target) = rels.rels.target("/officeDocument") {
                if target.starts_with("xl/") {
                    return Err(IngestError::NotDocx(
                        "an Excel workbook (XLSX), not a Word document".into(),
                    ));
                }
                if target.starts_with("ppt/") {
                    return Err(IngestError::NotDocx(
                        "a PowerPoint presentation (PPTX), not a Word document".into(),
                    ));
                }
                if self.exists(&target) {
                    return Ok(target);
                }
            }
        }
        if self.exists("word/document.xml") {
            return Ok("word/document.xml".into());
        }
        Err(IngestError::NotDocx(self.what_is_it()))
    }

    fn what_is_it(&mut self) -> String {
        if let Ok(mut f) = self.zip.by_name("mimetype") {
            let mut m = String::new();
            let _ = f.by_ref().take(200).read_to_string(&mut m);
            let m = m.trim();
            if m == "application/vnd.oasis.opendocument.text" {
                return "an OpenDocument text file (ODT); save it as .docx".into();
            }
            if m.starts_with("application/vnd.oasis.opendocument") {
                return format!(
                    "an OpenDocument file ({}), not a Word document",
                    xml::one_line(m)
                );
            }
            if m == "application/epub+zip" {
                return "an EPUB book, not a Word document".into();
            }
        }
        if self.exists("xl/workbook.xml") {
            return "an Excel workbook (XLSX), not a Word document".into();
        }
        if self.exists("ppt/presentation.xml") {
            return "a PowerPoint presentation (PPTX), not a Word document".into();
        }
        if self.exists("content.xml") {
            return "an OpenDocument file, not a Word document".into();
        }
        "no word/document.xml".into()
    }

    /// The relationships of `part` (`dir/_rels/name.rels`), targets resolved to package paths.
    fn part_rels(&mut self, part: &str) -> Result<Rels, IngestError> {
        let (dir, name) = match part.rfind('/') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => ("", part),
        };
        let rels_path = if dir.is_empty() {
            format!("_rels/{name}.rels")
        } else {
            format!("{dir}/_rels/{name}.rels")
        };
        let mut parser = RelsParser::new(dir);
        if self.exists(&rels_path) {
            self.parse(&rels_path, &mut parser)?;
        }
        let mut rels = parser.rels;
        // Without a rels part, fall back to the conventional names.
        for (suffix, default) in [
            ("/styles", "styles.xml"),
            ("/numbering", "numbering.xml"),
            ("/footnotes", "footnotes.xml"),
            ("/endnotes", "endnotes.xml"),
            ("/comments", "comments.xml"),
        ] {
            if rels.target(suffix).is_none() {
                rels.list
                    .push((suffix.to_string(), join_path(dir, default)));
            }
        }
        Ok(rels)
    }
}

/// A part's relationships: (type, resolved target).
#[derive(Debug, Default)]
struct Rels {
    list: Vec<(String, String)>,
}

impl Rels {
    /// The target of the first relationship whose type ends with `suffix` ("/styles").
    fn target(&self, suffix: &str) -> Option<String> {
        self.list
            .iter()
            .find(|(t, _)| t.ends_with(suffix))
            .map(|(_, p)| p.clone())
    }
}

/// Resolves a relationship target against the source part's directory.
fn join_path(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let (base, target) = match target.strip_prefix('/') {
        Some(t) => ("", t),
        None => (dir, target),
    };
    for seg in base.split('/').chain(target.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

struct RelsParser {
    dir: String,
    rels: Rels,
}

impl RelsParser {
    fn new(dir: &str) -> Self {
        RelsParser {
            dir: dir.to_string(),
            rels: Rels::default(),
        }
    }
}

impl Handler for RelsParser {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart<'_>) -> Result<(), IngestError> {
        if local != "Relationship" || !matches!(ns, Ns::Rels | Ns::Other) {
            return Ok(());
        }
        if xml::attr(e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
            return Ok(());
        }
        if let (Some(t), Some(target)) = (xml::attr(e, "Type"), xml::attr(e, "Target")) {
            if self.rels.list.len() < 10_000 {
                let path = join_path(&self.dir, &target);
                self.rels.list.push((t.into_owned(), path));
            }
        }
        Ok(())
    }
    fn end(&mut self, _ns: Ns, _local: &str) -> Result<(), IngestError> {
        Ok(())
    }
    fn text(&mut self, _t: &str) {}
}

#[cfg(test)]
mod tests {
    use super::join_path;

    #[test]
    fn joins_relationship_targets() {
        assert_eq!(join_path("word", "styles.xml"), "word/styles.xml");
        assert_eq!(join_path("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(join_path("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(join_path("", "word/document.xml"), "word/document.xml");
        assert_eq!(join_path("word", "./x/../y.xml"), "word/y.xml");
    }
}
