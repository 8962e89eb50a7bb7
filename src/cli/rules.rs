//! `clauselint rules` and `clauselint explain`: the requirements and their documentation.

use super::{load_library, DumpFormat, ExplainArgs, RulesArgs, EXIT_ERROR, EXIT_OK};
use crate::finding::Level;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    title: &'a str,
    category: &'a str,
    severity: &'a str,
    level: Level,
    references: &'a [String],
}

pub fn run_rules(args: &RulesArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let config = match args.config.load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let lib = match config.library() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("clauselint: error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let overrides = config.overrides(&lib);
    let profiles: Vec<String> = match &args.profile {
        Some(p) => vec![p.clone()],
        None => config.file.profiles.clone(),
    };
    let entries: Vec<(usize, Level)> = if profiles.is_empty() {
        // Every rule, at its baseline level (a user's own rules at their configured level).
        let base = lib.select_with(&["baseline".to_string()], &overrides).ok();
        (0..lib.rules.len())
            .map(|i| {
                let lvl = base
                    .as_ref()
                    .and_then(|s| s.entries.iter().find(|e| e.rule == i))
                    .map_or(Level::Recommended, |e| e.level);
                (i, lvl)
            })
            .collect()
    } else {
        match lib.select_with(&profiles, &overrides) {
            Ok(sel) => sel.entries.iter().map(|e| (e.rule, e.level)).collect(),
            Err(e) => {
                eprintln!("clauselint: error: {e}");
                return Ok(EXIT_ERROR);
            }
        }
    };
    let list: Vec<RuleEntry> = entries
        .iter()
        .map(|&(i, level)| {
            let r = &lib.rules[i].file;
            RuleEntry {
                id: &r.id,
                title: &r.title,
                category: &r.category,
                severity: &r.severity,
                level,
                references: &r.references,
            }
        })
        .collect();
    match args.format {
        DumpFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        DumpFormat::Text => {
            for e in &list {
                let level = match e.level {
                    Level::Required => "required",
                    Level::Recommended => "recommended",
                };
                writeln!(
                    out,
                    "{:<24} {:<8} {:<11} {:<25} {}",
                    e.id, e.severity, level, e.category, e.title
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

pub fn run_explain(args: &ExplainArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let lib = match load_library() {
        Ok(l) => l,
        Err(c) => return Ok(c),
    };
    let Some(rule) = lib.rule(&args.id) else {
        eprintln!(
            "clauselint: error: unknown requirement '{}' (see 'clauselint rules')",
            args.id
        );
        return Ok(EXIT_ERROR);
    };
    let r = &rule.file;
    writeln!(out, "{} — {}", r.id, r.title)?;
    writeln!(out, "category: {}   severity: {}", r.category, r.severity)?;
    writeln!(out, "\nWhat it requires\n  {}", r.docs.requires)?;
    writeln!(out, "\nSatisfied when\n  {}", r.docs.satisfied_when)?;
    writeln!(out, "\nWhy it matters\n  {}", r.docs.why)?;
    writeln!(out, "\nSuggested wording\n  {}", r.docs.suggestion)?;
    if !r.parameters.is_empty() {
        writeln!(
            out,
            "\nParameters (defaults; profiles and clauselint.toml override)"
        )?;
        for (k, v) in &r.parameters {
            writeln!(out, "  {k} = {v}")?;
        }
    }
    if !r.references.is_empty() {
        writeln!(out, "\nReferences\n  {}", r.references.join("; "))?;
    }
    writeln!(out, "\nReason codes it can give")?;
    for c in &rule.reason_codes {
        writeln!(out, "  {:<22} {}", c.as_str(), c.description())?;
    }
    writeln!(out, "\nSource: {}", rule.source)?;
    Ok(EXIT_OK)
}
