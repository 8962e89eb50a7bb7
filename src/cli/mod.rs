//! The command line: argument parsing (clap) and the subcommands. CLI types stay in this module.

pub mod check;
pub mod dump;
pub mod library_cmds;
pub mod rules;

use crate::ingest::{self, docx::Revision, Limits};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Exit codes: 0 no required finding reached the --fail-on level; 1 one did; 2 usage, configuration
/// or input error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// The exit codes as `--help` shows them.
const EXIT_HELP: &str =
    "Exit codes: 0 = no required finding at the --fail-on level; 1 = at least one; \
2 = usage, configuration or input error (errors win; every other input still gets its result). \
A broken pipe ends the run quietly.";

#[derive(Parser, Debug)]
#[command(
    name = "clauselint",
    version,
    about = "Checks supplier contracts for required cybersecurity clauses: satisfied, weak or missing",
    after_help = EXIT_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check contracts: satisfied, weak or missing for every requirement of the selected profiles.
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
    /// List the requirements (of a profile, or all).
    Rules(RulesArgs),
    /// Explain one requirement: what it requires, the bar, why, the fix, and its reason codes.
    Explain(ExplainArgs),
    /// Print a contract as clauselint reads it: blocks, section paths and locations.
    Dump(DumpArgs),
    /// Write a commented starter clauselint.toml in which every option shows its default.
    Init(library_cmds::InitArgs),
    /// Run the examples of the rules in DIR (a user's rule directory) and report every failure.
    TestLibrary(library_cmds::TestLibraryArgs),
}

/// Which clauselint.toml applies (see README, "Configuration and profiles").
#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the nearest clauselint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any clauselint.toml.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    /// The configuration in force, or an error message naming the file.
    pub fn load(&self) -> Result<crate::config::Config, String> {
        crate::config::Config::discover(self.config.as_deref(), self.no_config)
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Summary lines and annotated snippets (coloured on a terminal).
    Text,
    /// The JSON report contract (schema: docs/report-schema.json).
    Json,
    /// One JSON document per line.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// One self-contained HTML file (summary chart, findings, contract text).
    Html,
    /// A compact Markdown report for a pull-request or ticket comment.
    Markdown,
    /// One CSV row per document and requirement.
    Csv,
    /// Excel workbook (Summary, Matrix, Findings); needs --output or a redirected stdout.
    Xlsx,
}

impl ReportFormat {
    /// Whether the report is written document by document as results complete (memory does not grow
    /// with the number of inputs), rather than collected first.
    fn streams(self) -> bool {
        matches!(
            self,
            ReportFormat::Json | ReportFormat::Jsonl | ReportFormat::Csv | ReportFormat::Xlsx
        )
    }

    /// The printer for this format; `None` for the workbook, which is built as bytes.
    fn report_format(self) -> Option<crate::report::Format> {
        use crate::report::Format;
        Some(match self {
            ReportFormat::Text => Format::Text,
            ReportFormat::Json => Format::Json,
            ReportFormat::Jsonl => Format::Jsonl,
            ReportFormat::Sarif => Format::Sarif,
            ReportFormat::Html => Format::Html,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Xlsx => return None,
        })
    }
}

/// When to colour the text report.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is "dumb".
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output that goes to standard output (`to_stdout`) or to a file.
    pub fn enabled(self, to_stdout: bool) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                to_stdout && !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Contract files or directories (Markdown, DOCX or plain text; detected by content). Directories
    /// are walked: hidden files and ~$ lock files skipped, other formats counted as skipped.
    #[arg(required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Also check the paths listed in FILE, one per line ("-" reads standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Only walked files whose path (relative to its directory argument) matches GLOB; "!GLOB"
    /// excludes. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Only shard K of N of the inputs (stable hash of each path relative to its directory argument).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::batch::Shard>,
    /// Follow symbolic links while walking directories (loops are detected and skipped).
    #[arg(long)]
    pub follow: bool,
    /// Honour .gitignore and .ignore files while walking (off: an archive is not a repository).
    #[arg(long)]
    pub gitignore: bool,
    /// Profile(s) to check against; repeat for several (their union, strictest thresholds).
    /// Default: the configuration's profiles, else baseline.
    #[arg(long = "profile", short = 'p', value_name = "NAME")]
    pub profiles: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Which required findings fail the run (exit code 1): missing, weak (weak or missing), never.
    #[arg(long, value_enum, default_value_t = check::FailOn::Missing)]
    pub fail_on: check::FailOn,
    /// Also show satisfied requirements in the text report.
    #[arg(long)]
    pub show_satisfied: bool,
    /// Only the summary lines.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Worker threads (default: all cores; at most 256).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Only the requirements of this profile.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    #[arg(long, value_enum, default_value_t = DumpFormat::Text)]
    pub format: DumpFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Requirement ID, e.g. INC-NOTIFY-TIME.
    pub id: String,
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
        Command::Check(args) => run_check(&args, &mut out),
        Command::Rules(args) => rules::run_rules(&args, &mut out),
        Command::Explain(args) => rules::run_explain(&args, &mut out),
        Command::Init(args) => library_cmds::run_init(&args, &mut out),
        Command::TestLibrary(args) => library_cmds::run_test_library(&args, &mut out),
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

/// Loads the built-in library, or reports why it cannot be loaded.
pub fn load_library() -> Result<crate::library::Library, i32> {
    crate::library::Library::builtin().map_err(|e| {
        eprintln!("clauselint: error: clause library: {e}");
        EXIT_ERROR
    })
}

fn run_check(args: &CheckArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let threads = match args.threads {
        Some(0) => {
            eprintln!("clauselint: error: --threads must be at least 1");
            return Ok(EXIT_ERROR);
        }
        Some(n) if n > crate::batch::MAX_THREADS => {
            eprintln!(
                "clauselint: warning: --threads {n} is more than {max}; using {max}",
                max = crate::batch::MAX_THREADS
            );
            crate::batch::MAX_THREADS
        }
        Some(n) => n,
        None => crate::batch::default_threads().min(crate::batch::MAX_THREADS),
    };
    if args.format == ReportFormat::Xlsx
        && args.output.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        eprintln!(
            "clauselint: error: --format xlsx writes a binary workbook; use --output FILE.xlsx"
        );
        return Ok(EXIT_ERROR);
    }
    let resolved = args.config.load().and_then(|c| c.resolve(&args.profiles));
    let (lib, selection) = match resolved {
        Ok(r) => r,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let found = match discover_inputs(args) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    if !args.quiet {
        for w in &found.warnings {
            eprintln!("clauselint: warning: {w}");
        }
    }
    // A wrong path or mount point must not read as a clean run, even with -q.
    if found.inputs.is_empty() {
        let skipped = if found.skipped.is_empty() {
            String::new()
        } else {
            format!(" (skipped: {})", found.skipped)
        };
        eprintln!("clauselint: warning: no contract to check in the paths given{skipped}");
    }
    let batch = check::BatchOptions {
        threads,
        progress: !args.quiet,
        limits: args.limits.limits(),
    };
    if args.format.streams() {
        return run_check_streamed(args, &found, &lib, &selection, &batch, out);
    }
    let report = check::check_all(&found, &lib, &selection, &batch)?;
    for d in &report.documents {
        if let Some(e) = &d.error {
            eprintln!("clauselint: {}: {e}", d.path);
        }
    }
    let mut buf: Vec<u8> = Vec::new();
    let target: &mut dyn Write = if args.output.is_some() { &mut buf } else { out };
    // The streamed formats (no printer here) returned above.
    if let Some(format) = args.format.report_format() {
        let texts = match format {
            crate::report::Format::Html => Some(crate::report::html::load_texts(
                &report,
                &args.limits.limits(),
            )),
            _ => None,
        };
        let opts = crate::report::WriteOptions {
            quiet: args.quiet,
            show_satisfied: args.show_satisfied,
            color: args.color.enabled(args.output.is_none()),
            library: Some(&lib),
            texts: texts.as_ref(),
        };
        crate::report::write(target, &report, format, &opts)?;
        if format == crate::report::Format::Text && !found.skipped.is_empty() {
            writeln!(target, "skipped: {}", found.skipped)?;
        }
    }
    if let Some(path) = &args.output {
        if let Err(e) = write_atomically(path, &buf) {
            eprintln!("clauselint: error: cannot write {}: {e}", path.display());
            return Ok(EXIT_ERROR);
        }
    }
    out.flush()?;
    Ok(check::exit_code(&report, args.fail_on))
}

fn discover_inputs(args: &CheckArgs) -> Result<crate::batch::Discovered, String> {
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(crate::batch::discover::read_files_from(list).map_err(|e| e.to_string())?);
    }
    let opts = crate::batch::WalkOptions {
        follow: args.follow,
        gitignore: args.gitignore,
        globs: args.glob.clone(),
        shard: args.shard,
    };
    crate::batch::discover(&paths, &opts).map_err(|e| e.to_string())
}

/// JSON, CSV, JSON Lines and the workbook are streamed in input order as results complete; with
/// --output, into a temporary file renamed into place at the end (removed on error).
fn run_check_streamed(
    args: &CheckArgs,
    found: &crate::batch::Discovered,
    lib: &crate::library::Library,
    selection: &crate::library::Selection,
    batch: &check::BatchOptions,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let run = check::StreamedRun {
        found,
        lib,
        selection,
        opts: batch,
        fail_on: args.fail_on,
    };
    let write = |w: &mut dyn Write| match args.format {
        ReportFormat::Json => run.json(w),
        ReportFormat::Csv => run.csv(w),
        _ => run.jsonl(w),
    };
    let Some(path) = &args.output else {
        if args.format == ReportFormat::Xlsx {
            let (mut wb, code) = run.xlsx()?;
            let bytes = wb.save_to_buffer().map_err(check::workbook_error)?;
            out.write_all(&bytes)?;
            out.flush()?;
            return Ok(code);
        }
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        return write(&mut buffered);
    };
    let written = check::AtomicFile::create(path).and_then(|mut file| {
        let code = if args.format == ReportFormat::Xlsx {
            let (mut wb, code) = run.xlsx()?;
            wb.save_to_writer(file.file())
                .map_err(check::workbook_error)?;
            code
        } else {
            write(file.writer())?
        };
        file.commit()?;
        Ok(code)
    });
    written.or_else(|e| {
        eprintln!("clauselint: error: cannot write {}: {e}", path.display());
        Ok(EXIT_ERROR)
    })
}

/// Writes a file via a temporary file in the same directory and a rename: never half-written.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.clauselint-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
