//! Reading contract files into [`Document`]s: format detection by content, size limits, and one clear
//! error per unreadable file. Knows file formats, nothing about clauses.

pub mod clause_number;
pub mod docx;
pub mod markdown;
pub mod plaintext;

use crate::document::Document;
use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Limits that keep hostile files from taking unbounded time or memory. All configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed size of any one part of a DOCX package, in bytes.
    pub max_part_bytes: u64,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
    /// Most paragraphs accepted in one document.
    pub max_paragraphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_part_bytes: 256 * 1024 * 1024,
            max_xml_depth: 512,
            max_paragraphs: 2_000_000,
        }
    }
}

/// Why a file could not be read. Each message is one line naming the cause; the caller adds the path.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    #[error("file not found")]
    NotFound,
    #[error("is a directory, not a file")]
    IsDirectory,
    #[error("not a regular file ({0}); contracts are read from files")]
    NotRegularFile(&'static str),
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("file too large: {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("encrypted DOCX (password-protected OLE package)")]
    Encrypted,
    #[error("legacy binary Word .doc file; save it as .docx")]
    LegacyDoc,
    #[error("OLE compound file that is neither a Word document nor an encrypted DOCX")]
    UnknownOle,
    #[error("corrupt or truncated zip archive: {0}")]
    CorruptZip(String),
    #[error("zip archive is not a DOCX: {0}")]
    NotDocx(String),
    #[error("DOCX part {part} decompresses to more than {limit} bytes (possible zip bomb)")]
    PartTooLarge { part: String, limit: u64 },
    #[error("malformed XML in {part}: {message}")]
    Xml { part: String, message: String },
    #[error("XML in {part} nests deeper than {limit} elements")]
    TooDeep { part: String, limit: usize },
    #[error("more than {limit} paragraphs")]
    TooManyParagraphs { limit: usize },
    #[error("XML in {part} declares entities (DTD), which are refused")]
    Dtd { part: String },
    #[error("text is not valid {encoding}: {detail}")]
    Encoding { encoding: String, detail: String },
    #[error("binary file ({0}), not a contract in Markdown, DOCX or text")]
    Binary(String),
}

/// A document read from a file, with the facts the report needs about the file itself.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub document: Document,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// The source text for text formats (Markdown, plain text), used to quote and locate.
    pub source: Option<String>,
}

/// Formats recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Zip,
    Ole,
    Pdf,
    Rtf,
    OtherBinary(&'static str),
    Text,
}

/// Recognises a file's kind from its first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Ole
    } else if bytes.starts_with(b"%PDF") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        Sniffed::OtherBinary("PNG image")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::OtherBinary("JPEG image")
    } else {
        Sniffed::Text
    }
}

/// Reads a file from disk (never writes to it) within `limits`.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Ingested, IngestError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(IngestError::IsDirectory);
    }
    // Opening a named pipe waits for a writer, possibly forever; a device may never end.
    if !meta.is_file() {
        return Err(IngestError::NotRegularFile(special_file_kind(&meta)));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: meta.len(),
            limit: limits.max_file_bytes,
        });
    }
    let file = File::open(path).map_err(|e| io_error(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Guard against files that grow while read: never read past the limit.
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let markdown_hint = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "mdown"))
        .unwrap_or(false);
    read_cow(Cow::Owned(bytes), markdown_hint, limits)
}

/// What kind of file that is neither a regular file nor a directory is, for its error message.
fn special_file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
}

/// Reads a document from memory. `markdown_hint` says the name suggests Markdown; content still decides
/// between DOCX and text, and a text file is read as Markdown when it is named so or looks like it.
pub fn read_bytes(
    bytes: &[u8],
    markdown_hint: bool,
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    read_cow(Cow::Borrowed(bytes), markdown_hint, limits)
}

/// [`read_bytes`], for bytes borrowed or owned: owned UTF-8 text becomes the source without a copy.
fn read_cow(
    bytes: Cow<'_, [u8]>,
    markdown_hint: bool,
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let sha256 = sha256_hex(&bytes);
    match sniff(&bytes) {
        Sniffed::Zip => {
            let document = docx::read_docx(&bytes, limits)?;
            Ok(Ingested {
                document,
                sha256,
                source: None,
            })
        }
        Sniffed::Ole => Err(docx::classify_ole(&bytes)),
        Sniffed::Pdf => Err(IngestError::Binary("PDF".into())),
        Sniffed::Rtf => Err(IngestError::Binary("RTF".into())),
        Sniffed::OtherBinary(kind) => Err(IngestError::Binary(kind.into())),
        Sniffed::Text => {
            let text = if markdown_hint {
                plaintext::decode_utf8_only(bytes)?
            } else {
                plaintext::decode(&bytes)?
            };
            if text.trim().is_empty() {
                return Err(IngestError::Empty);
            }
            let document = if markdown_hint || markdown::looks_like_markdown(&text) {
                markdown::read_markdown(&text, limits)?
            } else {
                plaintext::read_text(&text, limits)?
            };
            Ok(Ingested {
                document,
                sha256,
                source: Some(text),
            })
        }
    }
}

fn io_error(e: &std::io::Error) -> IngestError {
    match e.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound,
        std::io::ErrorKind::IsADirectory => IngestError::IsDirectory,
        std::io::ErrorKind::PermissionDenied => IngestError::Io("permission denied".into()),
        _ => IngestError::Io(e.to_string()),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
