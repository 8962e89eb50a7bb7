//! Markdown reader (stub).
use crate::document::Document;
use crate::ingest::{IngestError, Limits};
pub fn looks_like_markdown(_t: &str) -> bool {
    true
}
pub fn read_markdown(_text: &str, _limits: &Limits) -> Result<Document, IngestError> {
    Ok(Document::new(crate::document::Format::Markdown))
}
