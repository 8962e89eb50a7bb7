//! The HTML report: one self-contained file (inline CSS and JS, no network) that a lawyer can open
//! and print to PDF: the run summary, per document an inline-SVG chart of satisfied / weak / missing
//! per category, the findings grouped by category with status colours, and the contract text with
//! the quoted clauses highlighted and linked both ways with their findings. The contract text is the
//! optional [`ContractText`] of each document (see [`load_texts`]); without it the findings still show
//! their quotes.

use super::{DocumentReport, Report, WriteOptions};
use crate::document::{BlockKind, Document, Location};
use crate::finding::{Evidence, Finding, Level, Status};
use crate::ingest::{self, Limits};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

/// One block of contract text as the HTML report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    /// Heading level (1 is the top), or `None` for body text.
    pub heading: Option<u8>,
    /// List depth + 1 for list items, 0 otherwise.
    pub indent: u8,
    /// Auto-number or list marker shown before the text.
    pub label: String,
    pub text: String,
    pub line: Option<u32>,
    pub paragraph: Option<u32>,
}

/// The text of one contract, block by block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractText {
    pub blocks: Vec<TextBlock>,
}

impl ContractText {
    pub fn from_document(doc: &Document) -> ContractText {
        let blocks = doc
            .blocks
            .iter()
            .map(|b| {
                let (line, paragraph) = match b.location {
                    Location::Line { line, .. } => (Some(line), None),
                    Location::Paragraph { paragraph } => (None, Some(paragraph)),
                };
                TextBlock {
                    heading: match b.kind {
                        BlockKind::Heading { level } => Some(level.clamp(1, 6)),
                        _ => None,
                    },
                    indent: match b.kind {
                        BlockKind::ListItem { depth } => depth.saturating_add(1),
                        _ => 0,
                    },
                    label: b.label.clone(),
                    text: b.text.clone(),
                    line,
                    paragraph,
                }
            })
            .collect();
        ContractText { blocks }
    }
}

/// Reads the text of every readable document of the report again (keyed by its path), keeping only
/// those whose bytes still match the checked ones.
pub fn load_texts(report: &Report, limits: &Limits) -> BTreeMap<String, ContractText> {
    let mut out = BTreeMap::new();
    for d in report.documents.iter().filter(|d| d.error.is_none()) {
        if let Ok(ing) = ingest::read_path(std::path::Path::new(&d.path), limits) {
            if d.sha256.as_deref() == Some(ing.sha256.as_str()) {
                out.insert(d.path.clone(), ContractText::from_document(&ing.document));
            }
        }
    }
    out
}

/// HTML-escapes text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Valid highlight spans of an evidence quote, sorted and without overlaps.
fn spans(ev: &Evidence) -> Vec<(usize, usize, &str)> {
    let q = &ev.quote;
    let mut v: Vec<(usize, usize, &str)> = ev
        .highlights
        .iter()
        .map(|h| (h.start as usize, h.end as usize, h.label.as_str()))
        .filter(|&(s, e, _)| {
            s < e && e <= q.len() && q.is_char_boundary(s) && q.is_char_boundary(e)
        })
        .collect();
    v.sort_by_key(|&(s, e, _)| (s, e));
    let mut out: Vec<(usize, usize, &str)> = Vec::new();
    for sp in v {
        if out.last().is_none_or(|l| sp.0 >= l.1) {
            out.push(sp);
        }
    }
    out
}

/// The quote with its highlight spans marked.
fn quote_html(quote: &str, hl: &[(usize, usize, &str)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e, label) in hl {
        out.push_str(&esc(&quote[at..s]));
        let _ = write!(
            out,
            "<span class=\"hl\" title=\"{}\">{}</span><span class=\"hl-label\">{}</span>",
            esc(label),
            esc(&quote[s..e]),
            esc(&super::short_label(label))
        );
        at = e;
    }
    out.push_str(&esc(&quote[at..]));
    out
}

fn status_class(s: Status) -> &'static str {
    s.as_str()
}

fn finding_id(di: usize, fi: usize) -> String {
    format!("d{di}-f{fi}")
}

fn mark_id(di: usize, fi: usize) -> String {
    format!("d{di}-m{fi}")
}

/// A marked clause in the contract text.
struct Mark<'a> {
    start: usize,
    end: usize,
    di: usize,
    fi: usize,
    finding: &'a Finding<'a>,
    ev: &'a Evidence,
}

/// Finds the block (and byte offset in its text) of an evidence quote: first the block at the
/// evidence's location, then any block that contains the quote.
fn place(text: &ContractText, ev: &Evidence) -> Option<(usize, usize)> {
    let q = ev.quote.as_str();
    if q.is_empty() {
        return None;
    }
    let by_location = text.blocks.iter().enumerate().rev().find(|(_, b)| {
        match (ev.location.line, ev.location.paragraph) {
            (Some(l), _) => b.line.is_some_and(|bl| bl <= l),
            (None, Some(p)) => b.paragraph == Some(p),
            _ => false,
        }
    });
    if let Some((bi, b)) = by_location {
        if let Some(at) = b.text.find(q) {
            return Some((bi, at));
        }
    }
    text.blocks
        .iter()
        .enumerate()
        .find_map(|(bi, b)| b.text.find(q).map(|at| (bi, at)))
}

fn where_text(ev: &Evidence) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &ev.section {
        parts.push(format!("§ {s}"));
    }
    match (ev.location.line, ev.location.column, ev.location.paragraph) {
        (Some(l), Some(c), _) => parts.push(format!("line {l}:{c}")),
        (Some(l), None, _) => parts.push(format!("line {l}")),
        (_, _, Some(p)) => parts.push(format!("paragraph {p}")),
        _ => {}
    }
    parts.join(" · ")
}

const CSS: &str = r##"
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--weak:#9a6700;--weak-bg:#fff3c4;--miss:#cf222e;--miss-bg:#ffebe9;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.3em;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:40px}
h3{font-size:1.1em;margin-top:28px}h4{text-transform:capitalize;margin:20px 0 8px;color:var(--muted)}
.meta{color:var(--muted);font-size:.9em;margin:0}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85em;font-weight:600;white-space:nowrap}
.badge.satisfied{background:var(--ok-bg);color:var(--ok)}.badge.weak{background:var(--weak-bg);color:var(--weak)}.badge.missing{background:var(--miss-bg);color:var(--miss)}.badge.error{background:var(--miss);color:#fff}
.counts{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap}
.chart{max-width:760px}.chart text{font-size:12px;fill:var(--fg)}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:10px 14px;margin:10px 0;break-inside:avoid}
.finding.satisfied{border-left-color:var(--ok)}.finding.weak{border-left-color:#d4a72c}.finding.missing{border-left-color:var(--miss)}
.finding header{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}.finding code{font-weight:600}
.sev{color:var(--muted);font-size:.85em}.where{color:var(--muted);font-size:.9em;margin:4px 0}
blockquote{margin:6px 0;padding:6px 10px;background:#f6f8fa;border-left:3px solid var(--line)}
.hl{text-decoration:underline wavy var(--miss);text-underline-offset:3px;font-weight:600}
.hl-label{font-size:.75em;color:var(--miss);margin:0 4px;vertical-align:super}
.reasons{margin:4px 0;padding-left:20px}.fix{margin:6px 0}.fix q{font-style:italic}
.refs{color:var(--muted);font-size:.85em;margin:4px 0}
.contract{border:1px solid var(--line);border-radius:6px;padding:8px 20px;font-family:Georgia,"Times New Roman",serif}
.contract p{margin:6px 0}.contract .label{font-weight:600;margin-right:6px}
mark{padding:1px 0;border-radius:2px}mark.weak{background:var(--weak-bg);box-shadow:0 2px 0 #d4a72c}mark.satisfied{background:var(--ok-bg)}mark.missing{background:var(--miss-bg)}
mark .hl-label{font-family:system-ui,sans-serif}
sup.back a{font:600 10px system-ui,sans-serif;text-decoration:none;margin-left:2px}
:target{outline:3px solid #0969da;outline-offset:2px}
.toolbar{margin:12px 0}.toolbar label{cursor:pointer;color:var(--muted)}
body.hide-satisfied .finding.satisfied{display:none}
.error{color:var(--miss);font-weight:600}
footer{margin-top:40px;color:var(--muted);font-size:.8em}
@media print{body{max-width:none;padding:0;font-size:11pt}.toolbar,sup.back{display:none}a{color:inherit;text-decoration:none}
h2{break-before:page}h2:first-of-type{break-before:auto}h3,h4{break-after:avoid}.finding,blockquote,.chart{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}:target{outline:none}}
"##;

/// Checks that every in-page link resolves and records it on `<body>` (read by the browser test), and
/// wires the "hide satisfied" switch.
const JS: &str = r##"
(function(){
  var links=document.querySelectorAll('a[href^="#"]'),broken=0;
  for(var i=0;i<links.length;i++){if(!document.getElementById(links[i].getAttribute('href').slice(1)))broken++;}
  document.body.setAttribute('data-links',String(links.length));
  document.body.setAttribute('data-broken-links',String(broken));
  document.body.setAttribute('data-findings-rendered',String(document.querySelectorAll('article.finding').length));
  var box=document.getElementById('hide-satisfied');
  if(box){box.addEventListener('change',function(){document.body.classList.toggle('hide-satisfied',box.checked);});}
})();
"##;

/// Per category (in first-seen order): satisfied, weak, missing.
fn by_category<'d>(doc: &'d DocumentReport) -> Vec<(&'d str, [u32; 3])> {
    let mut v: Vec<(&str, [u32; 3])> = Vec::new();
    for f in &doc.findings {
        let i = match v.iter().position(|(c, _)| *c == f.category) {
            Some(i) => i,
            None => {
                v.push((&f.category, [0; 3]));
                v.len() - 1
            }
        };
        let k = match f.status {
            Status::Satisfied => 0,
            Status::Weak => 1,
            Status::Missing => 2,
        };
        v[i].1[k] += 1;
    }
    v
}

/// A horizontal stacked bar per category.
fn chart(cats: &[(&str, [u32; 3])]) -> String {
    const LABEL_W: u32 = 190;
    const BAR_W: u32 = 520;
    const ROW: u32 = 24;
    let max = cats
        .iter()
        .map(|(_, c)| c.iter().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    let height = ROW * cats.len() as u32 + 30;
    let width = LABEL_W + BAR_W + 10;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-label=\"Satisfied, weak and missing requirements per category\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let colors = ["#2da44e", "#d4a72c", "#cf222e"];
    let names = ["satisfied", "weak", "missing"];
    for (row, (cat, counts)) in cats.iter().enumerate() {
        let y = row as u32 * ROW;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL_W - 8,
            y + 16,
            esc(cat)
        );
        let mut x = LABEL_W;
        for k in 0..3 {
            if counts[k] == 0 {
                continue;
            }
            let w = BAR_W * counts[k] / max;
            let _ = write!(
                s,
                "<rect class=\"{}\" x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}</title></rect>",
                names[k],
                y + 3,
                ROW - 6,
                colors[k],
                esc(cat),
                counts[k],
                names[k]
            );
            if w >= 16 {
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" style=\"fill:#fff\">{}</text>",
                    x + w / 2,
                    y + 16,
                    counts[k]
                );
            }
            x += w;
        }
    }
    let ly = ROW * cats.len() as u32 + 16;
    let mut lx = LABEL_W;
    for k in 0..3 {
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            ly - 10,
            colors[k],
            lx + 16,
            ly,
            names[k]
        );
        lx += 100;
    }
    s.push_str("</svg>");
    s
}

fn finding_html(
    out: &mut String,
    di: usize,
    fi: usize,
    f: &Finding,
    linked: Option<usize>,
) -> std::fmt::Result {
    let level = match f.level {
        Level::Required => "required",
        Level::Recommended => "recommended",
    };
    write!(
        out,
        "<article class=\"finding {st}\" id=\"{id}\" data-requirement=\"{req}\"><header><span class=\"badge {st}\">{st}</span> <code>{req}</code> <span>{title}</span> <span class=\"sev\">{sev} · {level}</span></header>",
        st = status_class(f.status),
        id = finding_id(di, fi),
        req = esc(&f.requirement),
        title = esc(&f.title),
        sev = esc(&f.severity),
    )?;
    if let Some(ev) = f.evidence.first() {
        let loc = where_text(ev);
        write!(out, "<p class=\"where\">{}", esc(&loc))?;
        if let Some(target) = linked {
            write!(
                out,
                "{}<a href=\"#{}\">show in contract ↓</a>",
                if loc.is_empty() { "" } else { " · " },
                mark_id(di, target)
            )?;
        }
        out.push_str("</p>");
        write!(
            out,
            "<blockquote>{}</blockquote>",
            quote_html(&ev.quote, &spans(ev))
        )?;
    } else {
        write!(out, "<p class=\"where\">{}</p>", esc(&f.message))?;
    }
    if !f.reasons.is_empty() {
        out.push_str("<ul class=\"reasons\">");
        for r in &f.reasons {
            write!(
                out,
                "<li><code>{}</code> {}</li>",
                r.code.as_str(),
                esc(&r.message)
            )?;
        }
        out.push_str("</ul>");
    }
    if f.status != Status::Satisfied {
        write!(
            out,
            "<p class=\"fix\"><strong>Suggested wording:</strong> <q>{}</q></p>",
            esc(&f.suggestion)
        )?;
    }
    if !f.references.is_empty() {
        write!(
            out,
            "<p class=\"refs\">References: {}</p>",
            esc(&f.references.join("; "))
        )?;
    }
    out.push_str("</article>");
    Ok(())
}

fn contract_html(
    out: &mut String,
    di: usize,
    text: &ContractText,
    marks: &[Vec<Mark<'_>>],
) -> std::fmt::Result {
    out.push_str("<div class=\"contract\">");
    for (bi, b) in text.blocks.iter().enumerate() {
        let tag = match b.heading {
            Some(l) => format!("h{}", (l + 2).min(6)),
            None => "p".to_string(),
        };
        let style = if b.indent > 0 {
            format!(" style=\"margin-left:{:.1}em\"", f32::from(b.indent) * 1.5)
        } else {
            String::new()
        };
        write!(out, "<{tag} id=\"d{di}-b{bi}\"{style}>")?;
        if !b.label.is_empty() {
            write!(out, "<span class=\"label\">{}</span>", esc(&b.label))?;
        }
        let mut at = 0;
        for m in marks.get(bi).map(Vec::as_slice).unwrap_or(&[]) {
            out.push_str(&esc(&b.text[at..m.start]));
            let inner: Vec<(usize, usize, &str)> = if m.finding.status == Status::Satisfied {
                Vec::new()
            } else {
                spans(m.ev)
            };
            write!(
                out,
                "<mark class=\"{}\" id=\"{}\" title=\"{}: {}\">{}</mark><sup class=\"back\"><a href=\"#{}\">{}</a></sup>",
                status_class(m.finding.status),
                mark_id(m.di, m.fi),
                esc(&m.finding.requirement),
                m.finding.status.as_str(),
                quote_html(&b.text[m.start..m.end], &inner),
                finding_id(m.di, m.fi),
                esc(&m.finding.requirement)
            )?;
            at = m.end;
        }
        out.push_str(&esc(&b.text[at..]));
        write!(out, "</{tag}>")?;
    }
    out.push_str("</div>");
    Ok(())
}

fn document_html(
    out: &mut String,
    di: usize,
    doc: &DocumentReport,
    text: Option<&ContractText>,
) -> std::fmt::Result {
    write!(
        out,
        "<section class=\"document\" id=\"d{di}\"><h2>{}</h2>",
        esc(&doc.path)
    )?;
    if let Some(e) = &doc.error {
        write!(
            out,
            "<p><span class=\"badge error\">error</span> <span class=\"error\">{}</span></p></section>",
            esc(e)
        )?;
        return Ok(());
    }
    write!(
        out,
        "<p class=\"meta\">{} · sha256 {}</p>",
        esc(doc.format.as_deref().unwrap_or("")),
        esc(doc.sha256.as_deref().unwrap_or(""))
    )?;
    let s = doc.summary;
    write!(
        out,
        "<div class=\"counts\"><span class=\"badge satisfied\">{} satisfied</span><span class=\"badge weak\">{} weak</span><span class=\"badge missing\">{} missing</span></div>",
        s.satisfied, s.weak, s.missing
    )?;
    out.push_str(&chart(&by_category(doc)));

    // Place the evidence quotes in the contract text: one mark per finding, no overlaps.
    let mut marks: Vec<Vec<Mark<'_>>> = Vec::new();
    // For each finding, the finding whose highlight shows its quote.
    let mut link: Vec<Option<usize>> = vec![None; doc.findings.len()];
    if let Some(t) = text {
        marks.resize_with(t.blocks.len(), Vec::new);
        for (fi, f) in doc.findings.iter().enumerate() {
            let Some(ev) = f.evidence.first() else {
                continue;
            };
            if let Some((bi, at)) = place(t, ev) {
                let m = Mark {
                    start: at,
                    end: at + ev.quote.len(),
                    di,
                    fi,
                    finding: f,
                    ev,
                };
                let row = &mut marks[bi];
                if let Some(o) = row.iter().find(|o| m.start < o.end && m.end > o.start) {
                    // The same words back another finding: link to its highlight.
                    link[fi] = Some(o.fi);
                } else {
                    link[fi] = Some(fi);
                    row.push(m);
                    row.sort_by_key(|m| m.start);
                }
            }
        }
    }

    out.push_str("<h3>Findings</h3>");
    let mut cats: Vec<&str> = Vec::new();
    for f in &doc.findings {
        if !cats.contains(&f.category.as_ref()) {
            cats.push(&f.category);
        }
    }
    for cat in cats {
        write!(out, "<h4>{}</h4>", esc(&cat.replace('-', " ")))?;
        for (fi, f) in doc.findings.iter().enumerate() {
            if f.category == cat {
                finding_html(out, di, fi, f, link[fi])?;
            }
        }
    }
    if let Some(t) = text {
        out.push_str("<h3>Contract text</h3>");
        contract_html(out, di, t, &marks)?;
    }
    out.push_str("</section>");
    Ok(())
}

fn render(report: &Report, opts: &WriteOptions<'_>) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    let t = &report.summary;
    let title = match report.documents.as_slice() {
        [one] => format!("clauselint report: {}", one.path),
        _ => "clauselint report".to_string(),
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"><title>{}</title><style>{CSS}</style></head><body>",
        esc(&title)
    )?;
    write!(
        out,
        "<header><h1>Contract security review</h1><p class=\"meta\">{} document(s), {} unreadable{} · profile(s): {} · {} {}</p><div class=\"counts\"><span class=\"badge satisfied\">{} satisfied</span><span class=\"badge weak\">{} weak</span><span class=\"badge missing\">{} missing</span></div><div class=\"toolbar\"><label><input type=\"checkbox\" id=\"hide-satisfied\"> hide satisfied requirements</label></div></header><main>",
        t.documents,
        t.errors,
        if t.skipped_by_kind.is_empty() {
            String::new()
        } else {
            format!(
                " · skipped: {}",
                esc(&super::skipped_kinds_text(&t.skipped_by_kind))
            )
        },
        esc(&report.profiles.join(", ")),
        esc(&report.tool.name),
        esc(&report.tool.version),
        t.satisfied,
        t.weak,
        t.missing
    )?;
    for (di, doc) in report.documents.iter().enumerate() {
        let text = opts.texts.and_then(|m| m.get(&doc.path));
        document_html(&mut out, di, doc, text)?;
    }
    writeln!(
        out,
        "</main><footer>Generated by {} {}. Findings are an automated first review, not legal advice.</footer><script>{JS}</script></body></html>",
        esc(&report.tool.name),
        esc(&report.tool.version)
    )?;
    Ok(out)
}

/// Writes the HTML report.
pub fn write(out: &mut dyn Write, report: &Report, opts: &WriteOptions<'_>) -> std::io::Result<()> {
    let html =
        render(report, opts).map_err(|_| std::io::Error::other("formatting the HTML report"))?;
    out.write_all(html.as_bytes())
}
