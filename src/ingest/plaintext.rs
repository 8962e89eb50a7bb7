//! Plain-text reader (stub).
use crate::document::Document;
use crate::ingest::{IngestError, Limits};
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| IngestError::Encoding {
        encoding: "UTF-8".into(),
        detail: e.to_string(),
    })
}
pub fn read_text(_text: &str, _limits: &Limits) -> Result<Document, IngestError> {
    Ok(Document::new(crate::document::Format::Text))
}
