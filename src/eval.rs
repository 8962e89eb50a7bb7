//! Accuracy measurement on labeled contracts: reads `*.labels.toml` files (a status for every
//! requirement), runs the analysis, and tallies agreement per requirement, the confusion of
//! satisfied / weak / missing, and false "satisfied" verdicts (the worst error).

use crate::analysis;
use crate::finding::Status;
use crate::ingest::{self, Limits};
use crate::library::{Library, Selection};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A labels file.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelsFile {
    pub document: String,
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub reasons: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

/// One labeled document, resolved.
#[derive(Debug, Clone)]
pub struct Labeled {
    pub labels_path: PathBuf,
    pub document: PathBuf,
    pub labels: BTreeMap<String, Status>,
}

/// Reads every `*.labels.toml` in `dir`; `documents_root` is where their `document` paths point from.
pub fn load_labels(dir: &Path, documents_root: &Path) -> Result<Vec<Labeled>, String> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".labels.toml"))
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let f: LabelsFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut labels = BTreeMap::new();
        for (id, st) in &f.labels {
            let s = Status::parse(st)
                .ok_or_else(|| format!("{}: {id}: bad status '{st}'", p.display()))?;
            labels.insert(id.clone(), s);
        }
        out.push(Labeled {
            labels_path: p,
            document: documents_root.join(&f.document),
            labels,
        });
    }
    Ok(out)
}

/// Agreement figures.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// [label][predicted], in the order satisfied, weak, missing.
    pub confusion: [[u32; 3]; 3],
    /// Per requirement: (agreements, total).
    pub per_id: BTreeMap<String, (u32, u32)>,
    /// Predicted satisfied where the label is weak or missing: (document, requirement).
    pub false_satisfied: Vec<(String, String)>,
    /// Every disagreement: (document, requirement, label, predicted).
    pub disagreements: Vec<(String, String, Status, Status)>,
    pub documents: u32,
    pub errors: Vec<(String, String)>,
}

fn idx(s: Status) -> usize {
    match s {
        Status::Satisfied => 0,
        Status::Weak => 1,
        Status::Missing => 2,
    }
}

impl Score {
    pub fn total(&self) -> u32 {
        self.confusion.iter().flatten().sum()
    }

    pub fn agreed(&self) -> u32 {
        (0..3).map(|i| self.confusion[i][i]).sum()
    }

    pub fn agreement(&self) -> f64 {
        if self.total() == 0 {
            0.0
        } else {
            f64::from(self.agreed()) / f64::from(self.total())
        }
    }

    /// One line: the set's name, agreement and false "satisfied" (of the weak or missing labels).
    pub fn summary_line(&self, name: &str) -> String {
        let not_satisfied: u32 = self.confusion[1].iter().chain(&self.confusion[2]).sum();
        format!(
            "{name}: {} documents, {} labels, agreement {:.1}% ({}/{}), false satisfied {} ({:.1}% of {} weak or missing)",
            self.documents,
            self.total(),
            100.0 * self.agreement(),
            self.agreed(),
            self.total(),
            self.false_satisfied.len(),
            100.0 * self.false_satisfied.len() as f64 / f64::from(not_satisfied.max(1)),
            not_satisfied
        )
    }

    /// A Markdown summary: overall agreement, the confusion matrix and per-requirement agreement.
    pub fn to_markdown(&self, title: &str) -> String {
        let mut s = format!(
            "### {title}\n\n{} documents, {} labels: **{:.1}%** agreement ({} of {}); false \"satisfied\": **{}**.\n\n",
            self.documents,
            self.total(),
            100.0 * self.agreement(),
            self.agreed(),
            self.total(),
            self.false_satisfied.len()
        );
        s.push_str("| label \\ predicted | satisfied | weak | missing |\n|---|---|---|---|\n");
        for (i, name) in ["satisfied", "weak", "missing"].iter().enumerate() {
            let r = self.confusion[i];
            s.push_str(&format!("| {name} | {} | {} | {} |\n", r[0], r[1], r[2]));
        }
        s.push_str("\n| requirement | agreement |\n|---|---|\n");
        for (id, (a, t)) in &self.per_id {
            s.push_str(&format!("| {id} | {a}/{t} |\n"));
        }
        s
    }
}

/// Runs the analysis on every labeled document and scores it.
pub fn score(labeled: &[Labeled], lib: &Library, selection: &Selection) -> Score {
    let mut score = Score::default();
    for l in labeled {
        let name = l
            .labels_path
            .file_name()
            .map(|n| n.to_string_lossy().replace(".labels.toml", ""))
            .unwrap_or_default();
        let ing = match ingest::read_path(&l.document, &Limits::default()) {
            Ok(i) => i,
            Err(e) => {
                score.errors.push((name, e.to_string()));
                continue;
            }
        };
        let findings = match analysis::analyze(&ing.document, ing.source.as_deref(), lib, selection)
        {
            Ok(f) => f,
            Err(e) => {
                score.errors.push((name, e.to_string()));
                continue;
            }
        };
        score.documents += 1;
        for f in findings {
            let Some(&label) = l.labels.get(f.requirement.as_ref()) else {
                continue;
            };
            score.confusion[idx(label)][idx(f.status)] += 1;
            let e = score.per_id.entry(f.requirement.to_string()).or_default();
            e.1 += 1;
            if label == f.status {
                e.0 += 1;
            } else {
                if f.status == Status::Satisfied {
                    score
                        .false_satisfied
                        .push((name.clone(), f.requirement.to_string()));
                }
                score.disagreements.push((
                    name.clone(),
                    f.requirement.to_string(),
                    label,
                    f.status,
                ));
            }
        }
    }
    score
}
