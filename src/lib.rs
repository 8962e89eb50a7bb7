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
