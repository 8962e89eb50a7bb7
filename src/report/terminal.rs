//! The terminal report (`--format text`, the default): per document a summary line, then for each
//! weak or missing requirement a rustc-style annotated snippet (annotate-snippets) with the section,
//! the quoted clause with its weak words underlined and labelled, the reasons and the suggested
//! wording. Plain text unless the caller asks for colour.

use super::{DocumentReport, Report, WriteOptions};
use crate::finding::{Evidence, Finding, Level as ReqLevel, Status};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// Quotes are wrapped at this many characters (at spaces, so byte offsets stay valid).
const WRAP: usize = 96;

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

fn status_style(s: Status) -> Style {
    let c = match s {
        Status::Satisfied => AnsiColor::Green,
        Status::Weak => AnsiColor::Yellow,
        Status::Missing => AnsiColor::Red,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

/// "7 satisfied, 8 weak, 9 missing", coloured when asked.
fn counts(color: bool, satisfied: u32, weak: u32, missing: u32) -> String {
    format!(
        "{}, {}, {}",
        paint(
            color && satisfied > 0,
            status_style(Status::Satisfied),
            &format!("{satisfied} satisfied")
        ),
        paint(
            color && weak > 0,
            status_style(Status::Weak),
            &format!("{weak} weak")
        ),
        paint(
            color && missing > 0,
            status_style(Status::Missing),
            &format!("{missing} missing")
        ),
    )
}

/// Replaces spaces by newlines so that no line is much longer than `width` characters. Byte offsets
/// are unchanged (a space and a newline are both one byte).
fn wrap_in_place(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut col = 0usize;
    let mut words = text.split(' ').peekable();
    while let Some(w) = words.next() {
        out.push_str(w);
        col += w.chars().count();
        if let Some(next) = words.peek() {
            if col > 0 && col + 1 + next.chars().count() > width {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
    }
    out
}

fn level_of(f: &Finding) -> Level<'static> {
    let base = match (f.status, f.level) {
        (Status::Missing, ReqLevel::Required) => Level::ERROR,
        (Status::Satisfied, _) => Level::NOTE,
        _ => Level::WARNING,
    };
    base.with_name(f.status.as_str())
}

fn origin<'a>(doc: &'a DocumentReport, ev: Option<&'a Evidence>) -> Origin<'a> {
    let mut o = Origin::path(doc.path.as_str());
    if let Some(ev) = ev {
        if let Some(l) = ev.location.line {
            o = o.line(l as usize);
            if let Some(c) = ev.location.column {
                o = o.char_column(c as usize);
            }
        } else if let Some(p) = ev.location.paragraph {
            o = o.section(format!("paragraph {p}"));
        }
    }
    o
}

/// The annotated snippet of one evidence quote: every highlight underlined with its label; without
/// highlights the whole quote is marked with the first reason.
fn snippet<'a>(f: &'a Finding, ev: &'a Evidence) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let source = wrap_in_place(&ev.quote, WRAP);
    let mut snip = Snippet::source(source)
        .line_start(ev.location.line.unwrap_or(1) as usize)
        .line_numbering(false)
        .fold(false);
    let len = ev.quote.len();
    let mut any = false;
    for (i, h) in ev.highlights.iter().enumerate() {
        let (s, e) = (h.start as usize, h.end as usize);
        if s >= e || e > len || !ev.quote.is_char_boundary(s) || !ev.quote.is_char_boundary(e) {
            continue;
        }
        let kind = if i == 0 {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        snip = snip.annotation(kind.span(s..e).label(super::short_label(&h.label)));
        any = true;
    }
    if !any && f.status != Status::Satisfied {
        let label = f.reasons.first().map(|r| r.code.as_str().replace('-', " "));
        snip = snip.annotation(AnnotationKind::Primary.span(0..len).label(label));
    }
    if !any && f.status == Status::Satisfied {
        snip = snip.annotation(AnnotationKind::Visible.span(0..len));
    }
    snip
}

fn group<'a>(doc: &'a DocumentReport, f: &'a Finding) -> Group<'a> {
    let mut title = format!("{} [{}", f.title, f.severity);
    if f.level == ReqLevel::Recommended {
        title.push_str(", recommended");
    }
    title.push(']');
    let ev = f.evidence.first();
    let mut g = Group::with_title(level_of(f).primary_title(title).id(f.requirement.as_ref()));
    match ev {
        Some(ev) => {
            g = g.element(snippet(f, ev));
            g = g.element(origin(doc, Some(ev)));
            if let Some(s) = &ev.section {
                g = g.element(Level::NOTE.with_name("section").message(s.as_str()));
            }
        }
        None => {
            g = g.element(origin(doc, None));
        }
    }
    if f.status == Status::Missing || f.reasons.is_empty() {
        g = g.element(Level::NOTE.message(f.message.as_str()));
    }
    for r in &f.reasons {
        g = g.element(Level::NOTE.message(format!("{}: {}", r.code.as_str(), r.message)));
    }
    if f.status != Status::Satisfied {
        g = g.element(Level::HELP.message(format!("suggested wording: {}", f.suggestion)));
    }
    g
}

/// Writes the terminal report.
pub fn write(out: &mut dyn Write, report: &Report, opts: &WriteOptions<'_>) -> std::io::Result<()> {
    let color = opts.color;
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let bold = Style::new().bold();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    for doc in &report.documents {
        if let Some(e) = &doc.error {
            writeln!(
                out,
                "{}: {} {e}",
                paint(color, bold, &doc.path),
                paint(color, red, "error:")
            )?;
            continue;
        }
        let s = doc.summary;
        writeln!(
            out,
            "{}: {}",
            paint(color, bold, &doc.path),
            counts(color, s.satisfied, s.weak, s.missing)
        )?;
        if opts.quiet {
            continue;
        }
        let mut shown = false;
        for f in &doc.findings {
            if f.status == Status::Satisfied && !opts.show_satisfied {
                continue;
            }
            writeln!(out, "\n{}", renderer.render(&[group(doc, f)]))?;
            shown = true;
        }
        if shown {
            writeln!(out)?;
        }
    }
    let t = &report.summary;
    writeln!(
        out,
        "{} document(s), {} error(s): {}",
        t.documents,
        t.errors,
        counts(color, t.satisfied, t.weak, t.missing)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_byte_offsets() {
        let q =
            "Supplier shall notify Customer promptly after confirming that a Security Incident \
                 has occurred and shall keep Customer informed of its investigation.";
        let w = wrap_in_place(q, 40);
        assert_eq!(w.len(), q.len());
        assert!(w.lines().all(|l| l.chars().count() <= 40));
        assert_eq!(w.replace('\n', " "), q);
    }
}
