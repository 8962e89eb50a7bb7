//! `clauselint init` (a commented starter configuration) and `clauselint test-library DIR` (run the
//! examples of a user's own rules, validated exactly like the built-in ones).

use super::{load_library, write_atomically, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use crate::library::Library;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to write the configuration ('-' for standard output).
    #[arg(default_value = crate::config::FILE_NAME)]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct TestLibraryArgs {
    /// A rule directory laid out like clause-library/ (<category>/<ID>.toml, optional vocab/ and
    /// profiles/), or a complete library with its own core vocabularies.
    pub dir: PathBuf,
}

pub fn run_init(args: &InitArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let lib = match load_library() {
        Ok(l) => l,
        Err(c) => return Ok(c),
    };
    let text = crate::config::starter(&lib);
    if args.path.as_os_str() == "-" {
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    }
    if args.path.exists() && !args.force {
        eprintln!(
            "clauselint: error: {} exists (use --force to overwrite)",
            args.path.display()
        );
        return Ok(EXIT_ERROR);
    }
    if let Err(e) = write_atomically(&args.path, text.as_bytes()) {
        eprintln!(
            "clauselint: error: cannot write {}: {e}",
            args.path.display()
        );
        return Ok(EXIT_ERROR);
    }
    writeln!(out, "wrote {}", args.path.display())?;
    Ok(EXIT_OK)
}

pub fn run_test_library(args: &TestLibraryArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let dir = &args.dir;
    if !dir.is_dir() {
        eprintln!("clauselint: error: {} is not a directory", dir.display());
        return Ok(EXIT_ERROR);
    }
    // A complete library is tested on its own; a user's rule directory on top of the built-in one.
    let complete = Library::is_complete_library(dir);
    let loaded = if complete {
        Library::from_dir(dir)
    } else {
        Library::with_user_dirs(std::slice::from_ref(dir))
    };
    let lib = match loaded {
        Ok(l) => l,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let ours = |r: &crate::library::Rule| complete || !r.builtin;
    let rules = lib.rules.iter().filter(|r| ours(r)).count();
    if rules == 0 {
        eprintln!("clauselint: error: no rule files in {}", dir.display());
        return Ok(EXIT_ERROR);
    }
    let (failures, count) = crate::selftest::run_examples_of(&lib, ours);
    for f in &failures {
        writeln!(out, "FAIL {f}")?;
    }
    writeln!(
        out,
        "{} rules, {count} examples: {} passed, {} failed",
        rules,
        count - failures.len(),
        failures.len()
    )?;
    Ok(if failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
