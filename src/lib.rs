//! clauselint: checks supplier contracts for required cybersecurity clauses.
//!
//! Data flows one way: [`ingest`] reads files into a [`document::Document`], [`analysis`] judges every
//! requirement of the [`library`] against it, and [`report`] prints the findings.

pub mod analysis;
pub mod batch;
pub mod cli;
pub mod config;
pub mod document;
pub mod eval;
pub mod finding;
pub mod ingest;
pub mod library;
pub mod report;
pub mod selftest;
pub mod text;

/// The labeled contracts of `fixtures/labeled`, for unit tests that run over real text.
#[cfg(test)]
pub(crate) mod labeled {
    /// The Markdown files of `fixtures/labeled`, sorted.
    pub fn markdown_paths() -> Vec<std::path::PathBuf> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labeled");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures/labeled")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        files
    }

    /// The documents of [`markdown_paths`], as read for analysis.
    pub fn documents() -> Vec<crate::document::Document> {
        markdown_paths()
            .iter()
            .map(|path| {
                let bytes = std::fs::read(path).expect("read a labeled contract");
                crate::ingest::read_bytes(&bytes, true, &Default::default())
                    .expect("a labeled contract reads")
                    .document
            })
            .collect()
    }
}
