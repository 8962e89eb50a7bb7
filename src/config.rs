//! The user configuration `clauselint.toml`: which profiles to check, thresholds that override every
//! profile, requirements to leave out, and rule directories of the user's own. Found by walking up
//! from the working directory; `--config FILE` names one, `--no-config` ignores it.
//!
//! Precedence (highest first):
//! 1. `--profile` on the command line, else `profiles` in the configuration, else `baseline`;
//! 2. thresholds: `[thresholds.ID]` in the configuration, else the strictest number of the selected
//!    profiles (and the profiles they include), else the rule's default;
//! 3. `disable` removes a requirement even when a profile requires it.

use crate::finding::Level;
use crate::library::{Library, Overrides, Selection};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name searched for.
pub const FILE_NAME: &str = "clauselint.toml";

/// The level at which a user's own rules are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleLevel {
    #[default]
    Required,
    Recommended,
}

/// `clauselint.toml` as written. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Profiles to check against (the union; strictest thresholds).
    #[serde(default)]
    pub profiles: Vec<String>,
    /// Requirement IDs not to check.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Directories of the user's own rules, relative to this file.
    #[serde(default)]
    pub rule_dirs: Vec<PathBuf>,
    /// The level of the user's own rules: "required" or "recommended".
    #[serde(default)]
    pub user_rules: UserRuleLevel,
    /// `[thresholds.INC-NOTIFY-TIME] deadline_hours = 48`: wins over every profile.
    #[serde(default)]
    pub thresholds: BTreeMap<String, BTreeMap<String, f64>>,
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub file: ConfigFile,
    /// `None` for the empty configuration (no file, or `--no-config`).
    pub path: Option<PathBuf>,
}

/// The nearest `clauselint.toml` in `start` or a directory above it.
pub fn find_upwards(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Reads and parses a configuration file; errors name the file and line.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read configuration: {e}", path.display()))?;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            format!(
                "{}{}: {}",
                path.display(),
                line.map(|l| format!(":{l}")).unwrap_or_default(),
                e.message()
            )
        })?;
        Ok(Config {
            file,
            path: Some(path.to_path_buf()),
        })
    }

    /// The configuration in force: `explicit` if given, nothing with `no_config`, else the nearest
    /// `clauselint.toml` above the working directory (or none).
    pub fn discover(explicit: Option<&Path>, no_config: bool) -> Result<Config, String> {
        if no_config {
            return Ok(Config::default());
        }
        if let Some(p) = explicit {
            return Config::load(p);
        }
        let cwd =
            std::env::current_dir().map_err(|e| format!("cannot read working directory: {e}"))?;
        match find_upwards(&cwd) {
            Some(p) => Config::load(&p),
            None => Ok(Config::default()),
        }
    }

    fn origin(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    /// The rule directories, resolved against the configuration file's directory.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        let base = self
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        self.file
            .rule_dirs
            .iter()
            .map(|d| {
                if d.is_absolute() {
                    d.clone()
                } else {
                    base.join(d)
                }
            })
            .collect()
    }

    /// The built-in library plus the configuration's rule directories.
    pub fn library(&self) -> Result<Library, String> {
        let dirs = self.rule_dirs();
        let lib = if dirs.is_empty() {
            Library::builtin()
        } else {
            Library::with_user_dirs(&dirs)
        };
        lib.map_err(|e| format!("clause library: {e}"))
    }

    /// The profiles to check: the command line's, else the configuration's, else `baseline`.
    pub fn profiles(&self, cli: &[String]) -> Vec<String> {
        if !cli.is_empty() {
            cli.to_vec()
        } else if !self.file.profiles.is_empty() {
            self.file.profiles.clone()
        } else {
            vec!["baseline".to_string()]
        }
    }

    /// What the configuration changes in a selection of `lib`.
    pub fn overrides(&self, lib: &Library) -> Overrides {
        let level = match self.file.user_rules {
            UserRuleLevel::Required => Level::Required,
            UserRuleLevel::Recommended => Level::Recommended,
        };
        Overrides {
            thresholds: self.file.thresholds.clone(),
            disable: self.file.disable.iter().cloned().collect(),
            add: lib
                .rules
                .iter()
                .filter(|r| !r.builtin)
                .map(|r| (r.id().to_string(), level))
                .collect(),
            origin: self.origin(),
        }
    }

    /// The library and selection a run uses; errors name the configuration file.
    pub fn resolve(&self, cli_profiles: &[String]) -> Result<(Library, Selection), String> {
        let lib = self.library()?;
        let overrides = self.overrides(&lib);
        let sel = lib
            .select_with(&self.profiles(cli_profiles), &overrides)
            .map_err(|e| match &self.path {
                Some(p) => format!("{}: {e}", p.display()),
                None => e,
            })?;
        Ok((lib, sel))
    }
}

/// A commented starter configuration in which every option shows its default (the thresholds of
/// every rule, commented out, with the rule's default number).
pub fn starter(lib: &Library) -> String {
    let mut s = String::new();
    s.push_str(
        "# clauselint configuration. clauselint uses the nearest clauselint.toml in the working\n\
         # directory or above; `--config FILE` names another, `--no-config` ignores it.\n\
         #\n\
         # Precedence: `--profile` on the command line, else `profiles` below, else \"baseline\".\n\
         # A threshold set here wins over every profile (the finding names \"config\" as its source);\n\
         # otherwise the strictest number of the selected profiles decides.\n\n",
    );
    let names: Vec<String> = lib
        .profiles
        .values()
        .map(|p| {
            if p.aliases.is_empty() {
                p.name.clone()
            } else {
                format!("{} (alias {})", p.name, p.aliases.join(", "))
            }
        })
        .collect();
    s.push_str(&format!(
        "# Profiles to check against (their union; the strictest threshold wins).\n\
         # Known: {}.\n\
         profiles = [\"baseline\"]\n\n",
        names.join(", ")
    ));
    s.push_str(
        "# Requirement IDs not to check, even when a profile requires them (see `clauselint rules`).\n\
         disable = []\n\n\
         # Directories of your own rules, relative to this file, laid out like clause-library/\n\
         # (<category>/<ID>.toml, optional vocab/ and profiles/). Check them with\n\
         # `clauselint test-library DIR`.\n\
         rule_dirs = []\n\n\
         # The level of your own rules: \"required\" (they count for the exit code) or \"recommended\".\n\
         user_rules = \"required\"\n\n\
         # Thresholds, by the parameter names the rule files declare (`clauselint explain ID`).\n\
         # Uncomment a line to override every profile. Shown: each rule's default.\n",
    );
    for r in &lib.rules {
        if r.file.parameters.is_empty() {
            continue;
        }
        s.push_str(&format!("# [thresholds.{}]\n", r.id()));
        for (p, v) in &r.file.parameters {
            let kind = match r.param_kinds.get(p) {
                Some(crate::library::ParamKind::Min) => "minimum",
                _ => "maximum",
            };
            s.push_str(&format!("# {p} = {v}   # {kind}\n"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_and_selects_baseline() {
        let lib = Library::builtin().expect("library");
        let text = starter(&lib);
        let file: ConfigFile = toml::from_str(&text).expect("starter parses");
        assert_eq!(file.profiles, vec!["baseline".to_string()]);
        assert!(file.thresholds.is_empty() && file.disable.is_empty());
        assert!(text.contains("# deadline_hours = 72"));
    }

    #[test]
    fn finds_the_nearest_file_upwards() {
        let dir = std::env::temp_dir().join(format!("clauselint-cfg-{}", std::process::id()));
        let deep = dir.join("a/b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(dir.join(FILE_NAME), "profiles = [\"nis2\"]\n").expect("write");
        assert_eq!(find_upwards(&deep), Some(dir.join(FILE_NAME)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
