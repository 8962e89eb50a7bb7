//! DOCX (WordprocessingML) reader: streams the zip package with `zip` + `quick-xml`.

use crate::document::Document;
use crate::ingest::{IngestError, Limits};

/// Which text of a document with tracked changes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Revision {
    /// All changes accepted: insertions kept, deletions dropped.
    #[default]
    Accepted,
    /// All changes rejected: insertions dropped, deletions kept.
    Original,
}

pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    read_docx_revision(bytes, limits, Revision::Accepted)
}

pub fn read_docx_revision(
    _bytes: &[u8],
    _limits: &Limits,
    _revision: Revision,
) -> Result<Document, IngestError> {
    Err(IngestError::NotDocx(
        "DOCX reading not implemented yet".into(),
    ))
}

/// Tells an encrypted DOCX from a legacy .doc in an OLE compound file.
pub fn classify_ole(_bytes: &[u8]) -> IngestError {
    IngestError::UnknownOle
}
