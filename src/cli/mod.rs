//! The command line: argument parsing (clap) and the subcommands. CLI types stay in this module.

pub mod dump;

use crate::ingest::{self, docx::Revision, Limits};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Exit codes: 0 no required finding reached the --fail-on level; 1 one did; 2 usage, configuration
/// or input error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "clauselint",
    version,
    about = "Checks supplier contracts for required cybersecurity clauses: satisfied, weak or missing",
    after_help = "Exit codes: 0 = no required finding at the --fail-on level; 1 = at least one; 2 = usage, configuration or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a contract as clauselint reads it: blocks, section paths and locations.
    Dump(DumpArgs),
}

#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// Largest input file accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 100)]
    pub max_file_mib: u64,
    /// Largest decompressed DOCX part accepted, in MiB (zip bomb guard).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_part_mib: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_mib.saturating_mul(1024 * 1024),
            max_part_bytes: self.max_part_mib.saturating_mul(1024 * 1024),
            ..Limits::default()
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// Contract files (Markdown, DOCX or plain text; detected by content).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DumpFormat::Text)]
    pub format: DumpFormat,
    /// For DOCX with tracked changes: show the original text (all changes rejected).
    #[arg(long)]
    pub original: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Runs the CLI and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Command::Dump(args) => run_dump(&args, &mut out),
    };
    match code {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            EXIT_ERROR
        }
    }
}

fn run_dump(args: &DumpArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let limits = args.limits.limits();
    let revision = if args.original {
        Revision::Original
    } else {
        Revision::Accepted
    };
    let mut code = EXIT_OK;
    for path in &args.paths {
        let shown = path.display().to_string();
        let result = if revision == Revision::Original {
            read_original(path, &limits)
        } else {
            ingest::read_path(path, &limits).map(|i| i.document)
        };
        match result {
            Ok(doc) => match args.format {
                DumpFormat::Text => dump::write_text(out, &shown, &doc)?,
                DumpFormat::Json => dump::write_json(out, &shown, &doc, revision)?,
            },
            Err(e) => {
                eprintln!("clauselint: {shown}: {e}");
                code = EXIT_ERROR;
            }
        }
    }
    out.flush()?;
    Ok(code)
}

fn read_original(
    path: &std::path::Path,
    limits: &Limits,
) -> Result<crate::document::Document, ingest::IngestError> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ingest::IngestError::NotFound,
        _ => ingest::IngestError::Io(e.to_string()),
    })?;
    if ingest::sniff(&bytes) == ingest::Sniffed::Zip {
        ingest::docx::read_docx_revision(&bytes, limits, Revision::Original)
    } else {
        ingest::read_path(path, limits).map(|i| i.document)
    }
}
