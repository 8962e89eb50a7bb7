//! The Excel workbook report (rust_xlsxwriter): a Summary sheet (totals, skipped files, worst
//! documents, requirements most often missing), a Matrix sheet (one row per document, one column per
//! requirement, coloured satisfied / weak / missing / error, frozen header and filters) and a Findings
//! sheet (one row per weak or missing finding with reasons, section and quote).

use super::{DocumentReport, Report};
use crate::finding::{Finding, Level, Status};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// Most rows of an Excel sheet.
const MAX_ROWS: u32 = 1_048_576;
/// Longest text of one cell we write (Excel's limit is 32,767 characters).
const MAX_CELL_CHARS: usize = 2_000;
/// How many documents the Summary lists as worst, and with errors.
const WORST: usize = 15;

struct Styles {
    title: Format,
    subtitle: Format,
    heading: Format,
    header: Format,
    text: Format,
    wrap: Format,
    number: Format,
    satisfied: Format,
    weak: Format,
    missing: Format,
    error: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = |bg: u32, fg: u32| {
            Format::new()
                .set_background_color(Color::RGB(bg))
                .set_font_color(Color::RGB(fg))
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
        };
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F3864)),
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F3864))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_border(FormatBorder::Thin),
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            number: Format::new().set_align(FormatAlign::Top),
            satisfied: cell(0xC6EFCE, 0x006100),
            weak: cell(0xFFEB9C, 0x9C5700),
            missing: cell(0xFFC7CE, 0x9C0006),
            error: cell(0xD9D9D9, 0x404040),
        }
    }

    fn status(&self, s: Status) -> &Format {
        match s {
            Status::Satisfied => &self.satisfied,
            Status::Weak => &self.weak,
            Status::Missing => &self.missing,
        }
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.to_string();
    }
    let mut t: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    t.push('…');
    t
}

/// The requirement columns: every requirement met, in first-seen (catalogue) order, with its title.
fn requirements(report: &Report) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in &report.documents {
        for f in &d.findings {
            if seen.insert(f.requirement.clone()) {
                out.push((f.requirement.clone(), f.title.clone()));
            }
        }
    }
    out
}

fn required_missing(d: &DocumentReport) -> u32 {
    d.findings
        .iter()
        .filter(|f| f.level == Level::Required && f.status == Status::Missing)
        .count() as u32
}

/// Builds the workbook. `skipped` lists the kinds of files the walk skipped, with their counts.
pub fn to_bytes(report: &Report, skipped: &[(String, u32)]) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let reqs = requirements(report);
    let mut wb = Workbook::new();
    summary_sheet(wb.add_worksheet(), report, skipped, &reqs, &styles)?;
    matrix_sheet(wb.add_worksheet(), report, &reqs, &styles)?;
    findings_sheet(wb.add_worksheet(), report, &styles)?;
    wb.save_to_buffer()
}

fn summary_sheet(
    ws: &mut Worksheet,
    report: &Report,
    skipped: &[(String, u32)],
    reqs: &[(String, String)],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("Summary")?;
    ws.set_column_width(0, 60)?;
    for c in 1..=5 {
        ws.set_column_width(c, 16)?;
    }
    ws.write_string_with_format(
        0,
        0,
        "Supplier contracts: cybersecurity clause check",
        &st.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{} {} · profile(s): {}",
            report.tool.name,
            report.tool.version,
            report.profiles.join(", ")
        ),
        &st.subtitle,
    )?;
    let t = &report.summary;
    let mut row = 3u32;
    ws.write_string_with_format(row, 0, "Totals", &st.heading)?;
    row += 1;
    let totals: [(&str, u32, Option<&Format>); 6] = [
        ("Documents checked", t.documents, None),
        (
            "Documents that could not be read",
            t.errors,
            Some(&st.error),
        ),
        (
            "Files skipped (not Markdown, DOCX or text)",
            t.skipped,
            None,
        ),
        ("Requirements satisfied", t.satisfied, Some(&st.satisfied)),
        ("Requirements weak", t.weak, Some(&st.weak)),
        ("Requirements missing", t.missing, Some(&st.missing)),
    ];
    for (label, n, fmt) in totals {
        ws.write_string_with_format(row, 0, label, &st.text)?;
        match fmt {
            Some(f) => ws.write_number_with_format(row, 1, n, f)?,
            None => ws.write_number_with_format(row, 1, n, &st.number)?,
        };
        row += 1;
    }
    for (kind, n) in skipped {
        ws.write_string_with_format(row, 0, format!("    skipped {kind}"), &st.subtitle)?;
        ws.write_number_with_format(row, 1, *n, &st.number)?;
        row += 1;
    }

    // Worst documents: most required requirements missing, then missing, then weak.
    row += 1;
    ws.write_string_with_format(row, 0, "Worst documents", &st.heading)?;
    row += 1;
    for (c, h) in [
        "Document",
        "Required missing",
        "Missing",
        "Weak",
        "Satisfied",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    row += 1;
    let mut ranked: Vec<&DocumentReport> = report
        .documents
        .iter()
        .filter(|d| d.error.is_none())
        .collect();
    ranked.sort_by(|a, b| {
        (required_missing(b), b.summary.missing, b.summary.weak)
            .cmp(&(required_missing(a), a.summary.missing, a.summary.weak))
            .then_with(|| a.path.cmp(&b.path))
    });
    for d in ranked.into_iter().take(WORST) {
        ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
        ws.write_number_with_format(row, 1, required_missing(d), &st.missing)?;
        ws.write_number_with_format(row, 2, d.summary.missing, &st.missing)?;
        ws.write_number_with_format(row, 3, d.summary.weak, &st.weak)?;
        ws.write_number_with_format(row, 4, d.summary.satisfied, &st.satisfied)?;
        row += 1;
    }

    let errors: Vec<&DocumentReport> = report
        .documents
        .iter()
        .filter(|d| d.error.is_some())
        .collect();
    if !errors.is_empty() {
        row += 1;
        ws.write_string_with_format(row, 0, "Documents that could not be read", &st.heading)?;
        row += 1;
        ws.write_string_with_format(row, 0, "Document", &st.header)?;
        ws.write_string_with_format(row, 1, "Error", &st.header)?;
        row += 1;
        for d in errors.iter().take(WORST) {
            ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
            ws.write_string_with_format(row, 1, clip(d.error.as_deref().unwrap_or("")), &st.text)?;
            row += 1;
        }
        if errors.len() > WORST {
            ws.write_string_with_format(
                row,
                0,
                format!("… and {} more (see the Matrix sheet)", errors.len() - WORST),
                &st.subtitle,
            )?;
            row += 1;
        }
    }

    // Requirements: how many documents miss or weaken each.
    row += 1;
    ws.write_string_with_format(row, 0, "Requirements", &st.heading)?;
    row += 1;
    for (c, h) in ["Requirement", "ID", "Missing in", "Weak in", "Satisfied in"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    row += 1;
    for (id, title) in reqs {
        let mut counts = [0u32; 3];
        for d in &report.documents {
            if let Some(f) = d.findings.iter().find(|f| &f.requirement == id) {
                counts[match f.status {
                    Status::Missing => 0,
                    Status::Weak => 1,
                    Status::Satisfied => 2,
                }] += 1;
            }
        }
        ws.write_string_with_format(row, 0, clip(title), &st.text)?;
        ws.write_string_with_format(row, 1, id, &st.text)?;
        ws.write_number_with_format(row, 2, counts[0], &st.missing)?;
        ws.write_number_with_format(row, 3, counts[1], &st.weak)?;
        ws.write_number_with_format(row, 4, counts[2], &st.satisfied)?;
        row += 1;
    }
    ws.set_active(true);
    Ok(())
}

fn matrix_sheet(
    ws: &mut Worksheet,
    report: &Report,
    reqs: &[(String, String)],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("Matrix")?;
    const FIXED: u16 = 5;
    let headers = ["Document", "Format", "Missing", "Weak", "Satisfied"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    ws.set_column_width(0, 50)?;
    ws.set_column_width(1, 10)?;
    for c in 2..FIXED {
        ws.set_column_width(c, 9)?;
    }
    for (i, (id, _)) in reqs.iter().enumerate() {
        let col = FIXED + i as u16;
        ws.write_string_with_format(0, col, id, &st.header)?;
        ws.set_column_width(col, 13)?;
    }
    ws.set_row_height(0, 45)?;
    let mut row = 1u32;
    for d in &report.documents {
        if row >= MAX_ROWS {
            break;
        }
        ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
        if d.error.is_some() {
            ws.write_string_with_format(row, 1, "error", &st.error)?;
            for i in 0..reqs.len() {
                ws.write_string_with_format(row, FIXED + i as u16, "error", &st.error)?;
            }
        } else {
            ws.write_string_with_format(row, 1, d.format.as_deref().unwrap_or(""), &st.text)?;
            ws.write_number_with_format(row, 2, d.summary.missing, &st.number)?;
            ws.write_number_with_format(row, 3, d.summary.weak, &st.number)?;
            ws.write_number_with_format(row, 4, d.summary.satisfied, &st.number)?;
            for f in &d.findings {
                if let Some(i) = reqs.iter().position(|(id, _)| id == &f.requirement) {
                    ws.write_string_with_format(
                        row,
                        FIXED + i as u16,
                        f.status.as_str(),
                        st.status(f.status),
                    )?;
                }
            }
        }
        row += 1;
    }
    let last_col = FIXED + reqs.len() as u16 - u16::from(!reqs.is_empty());
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, row.saturating_sub(1), last_col)?;
    Ok(())
}

fn reasons(f: &Finding) -> String {
    f.reasons
        .iter()
        .map(|r| format!("{}: {}", r.code.as_str(), r.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn findings_sheet(ws: &mut Worksheet, report: &Report, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Findings")?;
    let headers: [(&str, f64); 10] = [
        ("Document", 40.0),
        ("Requirement", 18.0),
        ("Title", 30.0),
        ("Level", 11.0),
        ("Severity", 10.0),
        ("Status", 11.0),
        ("Reasons", 45.0),
        ("Section", 25.0),
        ("Quote", 60.0),
        ("Fix", 60.0),
    ];
    for (c, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = 1u32;
    'docs: for d in &report.documents {
        for f in d.findings.iter().filter(|f| f.status != Status::Satisfied) {
            if row >= MAX_ROWS {
                break 'docs;
            }
            let ev = f.evidence.first();
            let level = match f.level {
                Level::Required => "required",
                Level::Recommended => "recommended",
            };
            ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
            ws.write_string_with_format(row, 1, &f.requirement, &st.text)?;
            ws.write_string_with_format(row, 2, clip(&f.title), &st.wrap)?;
            ws.write_string_with_format(row, 3, level, &st.text)?;
            ws.write_string_with_format(row, 4, &f.severity, &st.text)?;
            ws.write_string_with_format(row, 5, f.status.as_str(), st.status(f.status))?;
            ws.write_string_with_format(row, 6, clip(&reasons(f)), &st.wrap)?;
            let section = ev.and_then(|e| e.section.as_deref()).unwrap_or("");
            ws.write_string_with_format(row, 7, clip(section), &st.wrap)?;
            let quote = ev.map(|e| e.quote.as_str()).unwrap_or("");
            ws.write_string_with_format(row, 8, clip(quote), &st.wrap)?;
            ws.write_string_with_format(row, 9, clip(&f.suggestion), &st.wrap)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row.saturating_sub(1), 9)?;
    Ok(())
}
