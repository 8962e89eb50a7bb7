//! The Excel workbook report (rust_xlsxwriter): a Summary sheet (totals, skipped files, worst
//! documents, requirements most often missing), a Matrix sheet (one row per document, one column per
//! requirement, coloured satisfied / weak / missing / error, frozen header and filters) and a Findings
//! sheet (one row per weak or missing finding with reasons, section and quote). Built one document
//! at a time ([`WorkbookStream`]), so a batch does not hold every cell in memory.

use super::{DocumentReport, Report, RunSummary};
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

/// Sheet positions in the workbook.
const SUMMARY: usize = 0;
const MATRIX: usize = 1;
const FINDINGS: usize = 2;
/// Matrix columns before the requirement columns.
const FIXED: u16 = 5;

fn required_missing(d: &DocumentReport) -> u32 {
    d.findings
        .iter()
        .filter(|f| f.level == Level::Required && f.status == Status::Missing)
        .count() as u32
}

/// Builds the workbook in memory. The Summary counts the skipped files of `report.summary`.
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = WorkbookStream::new(&report.tool, &report.profiles)?;
    for d in &report.documents {
        book.document(d)?;
    }
    book.finish(&report.summary)?.0.save_to_buffer()
}

/// A requirement column with how many documents miss, weaken and satisfy it.
struct Column {
    id: String,
    title: String,
    /// Documents where it is [missing, weak, satisfied].
    counts: [u32; 3],
}

/// What the Summary ranks of a readable document.
struct Ranked {
    path: String,
    required_missing: u32,
    missing: u32,
    weak: u32,
    satisfied: u32,
}

impl Ranked {
    /// Worst first: most required requirements missing, then missing, then weak; then by path.
    fn order(&self, other: &Ranked) -> std::cmp::Ordering {
        (other.required_missing, other.missing, other.weak)
            .cmp(&(self.required_missing, self.missing, self.weak))
            .then_with(|| self.path.cmp(&other.path))
    }
}

/// Inserts `ranked` into `worst` (at most [`WORST`], worst first) if it belongs there. An equal
/// entry goes after those already kept, so `worst` is what a stable sort of every document would
/// put first.
fn keep_worst(worst: &mut Vec<Ranked>, ranked: Ranked) {
    let at = worst.partition_point(|r| r.order(&ranked) != std::cmp::Ordering::Greater);
    if at < WORST {
        worst.insert(at, ranked);
        worst.truncate(WORST);
    }
}

/// The workbook built one document at a time, in report order. The Matrix and Findings sheets are
/// low-memory worksheets (rust_xlsxwriter's `constant_memory` feature: one row in memory, earlier
/// rows in a temporary file, strings shared as in a standard workbook); the Summary, the first
/// sheet, is written at the end from running totals (the worst documents and the first unreadable
/// ones, at most [`WORST`] each, and per-requirement counts), so memory does not grow with the
/// number of documents beyond the workbook's table of distinct strings.
pub struct WorkbookStream {
    wb: Workbook,
    styles: Styles,
    /// "clauselint 0.1.0 · profile(s): baseline"
    subtitle: String,
    /// The requirement columns: those of the first readable document (every readable document has
    /// one finding per selected requirement, in catalogue order). `None` until one is met.
    columns: Option<Vec<Column>>,
    /// Matrix rows (clipped paths) of unreadable documents met before the columns were known.
    waiting: Vec<String>,
    matrix_row: u32,
    findings_row: u32,
    /// Rows per sheet, the header included: Excel's limit, [`MAX_ROWS`] (lower in tests).
    max_rows: u32,
    /// Rows that did not fit under `max_rows`, per sheet.
    rows_cut: RowsCut,
    worst: Vec<Ranked>,
    /// The first unreadable documents (path, error), and how many there are in all.
    errors: Vec<(String, String)>,
    error_count: usize,
}

impl WorkbookStream {
    /// An empty workbook with its three sheets, the Findings header written.
    pub fn new(tool: &super::Tool, profiles: &[String]) -> Result<WorkbookStream, XlsxError> {
        let styles = Styles::new();
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("Summary")?;
        wb.add_worksheet_with_low_memory()?.set_name("Matrix")?;
        let ws = wb.add_worksheet_with_low_memory()?;
        ws.set_name("Findings")?;
        findings_header(ws, &styles)?;
        Ok(WorkbookStream {
            wb,
            styles,
            subtitle: format!(
                "{} {} · profile(s): {}",
                tool.name,
                tool.version,
                profiles.join(", ")
            ),
            columns: None,
            waiting: Vec::new(),
            matrix_row: 1,
            findings_row: 1,
            max_rows: MAX_ROWS,
            rows_cut: RowsCut::default(),
            worst: Vec::new(),
            errors: Vec::new(),
            error_count: 0,
        })
    }

    /// Adds the next document: its Matrix row, its Findings rows and its share of the Summary.
    pub fn document(&mut self, d: &DocumentReport) -> Result<(), XlsxError> {
        match &d.error {
            Some(e) => {
                self.error_count += 1;
                if self.errors.len() < WORST {
                    self.errors.push((d.path.clone(), e.clone()));
                }
                if self.columns.is_some() {
                    self.matrix_error_row(clip(&d.path))?;
                } else if self.matrix_row as usize + self.waiting.len() >= self.max_rows as usize {
                    // Past the sheet's end already: counted, not kept.
                    self.rows_cut.matrix += 1;
                } else {
                    self.waiting.push(clip(&d.path));
                }
            }
            None => {
                if self.columns.is_none() {
                    let columns = d
                        .findings
                        .iter()
                        .map(|f| Column {
                            id: f.requirement.to_string(),
                            title: f.title.to_string(),
                            counts: [0; 3],
                        })
                        .collect();
                    self.start_matrix(columns)?;
                }
                self.rank(d);
                self.matrix_row(d)?;
            }
        }
        self.findings_rows(d)
    }

    /// Writes the Matrix header and the rows that waited for it.
    fn start_matrix(&mut self, columns: Vec<Column>) -> Result<(), XlsxError> {
        let st = &self.styles;
        let ws = self.wb.worksheet_from_index(MATRIX)?;
        let headers = ["Document", "Format", "Missing", "Weak", "Satisfied"];
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        }
        ws.set_column_width(0, 50)?;
        ws.set_column_width(1, 10)?;
        for c in 2..FIXED {
            ws.set_column_width(c, 9)?;
        }
        for (i, c) in columns.iter().enumerate() {
            let col = FIXED + i as u16;
            ws.write_string_with_format(0, col, &c.id, &st.header)?;
            ws.set_column_width(col, 13)?;
        }
        ws.set_row_height(0, 45)?;
        self.columns = Some(columns);
        for path in std::mem::take(&mut self.waiting) {
            self.matrix_error_row(path)?;
        }
        Ok(())
    }

    fn matrix_error_row(&mut self, path: String) -> Result<(), XlsxError> {
        let row = self.matrix_row;
        if row >= self.max_rows {
            self.rows_cut.matrix += 1;
            return Ok(());
        }
        let n = self.columns.as_ref().map_or(0, Vec::len);
        let st = &self.styles;
        let ws = self.wb.worksheet_from_index(MATRIX)?;
        ws.write_string_with_format(row, 0, path, &st.text)?;
        ws.write_string_with_format(row, 1, "error", &st.error)?;
        for i in 0..n {
            ws.write_string_with_format(row, FIXED + i as u16, "error", &st.error)?;
        }
        self.matrix_row += 1;
        Ok(())
    }

    fn matrix_row(&mut self, d: &DocumentReport) -> Result<(), XlsxError> {
        let row = self.matrix_row;
        let st = &self.styles;
        let columns = self.columns.get_or_insert_with(Vec::new);
        for c in columns.iter_mut() {
            if let Some(f) = d.findings.iter().find(|f| f.requirement == c.id) {
                c.counts[match f.status {
                    Status::Missing => 0,
                    Status::Weak => 1,
                    Status::Satisfied => 2,
                }] += 1;
            }
        }
        if row >= self.max_rows {
            self.rows_cut.matrix += 1;
            return Ok(());
        }
        let ws = self.wb.worksheet_from_index(MATRIX)?;
        ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
        ws.write_string_with_format(row, 1, d.format.as_deref().unwrap_or(""), &st.text)?;
        ws.write_number_with_format(row, 2, d.summary.missing, &st.number)?;
        ws.write_number_with_format(row, 3, d.summary.weak, &st.number)?;
        ws.write_number_with_format(row, 4, d.summary.satisfied, &st.number)?;
        for f in &d.findings {
            if let Some(i) = columns.iter().position(|c| c.id == f.requirement) {
                ws.write_string_with_format(
                    row,
                    FIXED + i as u16,
                    f.status.as_str(),
                    st.status(f.status),
                )?;
            }
        }
        self.matrix_row += 1;
        Ok(())
    }

    /// Keeps the document among the worst if it is one of them.
    fn rank(&mut self, d: &DocumentReport) {
        keep_worst(
            &mut self.worst,
            Ranked {
                path: d.path.clone(),
                required_missing: required_missing(d),
                missing: d.summary.missing,
                weak: d.summary.weak,
                satisfied: d.summary.satisfied,
            },
        );
    }

    fn findings_rows(&mut self, d: &DocumentReport) -> Result<(), XlsxError> {
        let st = &self.styles;
        let ws = self.wb.worksheet_from_index(FINDINGS)?;
        for f in d.findings.iter().filter(|f| f.status != Status::Satisfied) {
            let row = self.findings_row;
            if row >= self.max_rows {
                self.rows_cut.findings += 1;
                continue;
            }
            let ev = f.evidence.first();
            let level = match f.level {
                Level::Required => "required",
                Level::Recommended => "recommended",
            };
            ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
            ws.write_string_with_format(row, 1, f.requirement.as_ref(), &st.text)?;
            ws.write_string_with_format(row, 2, clip(&f.title), &st.wrap)?;
            ws.write_string_with_format(row, 3, level, &st.text)?;
            ws.write_string_with_format(row, 4, f.severity.as_ref(), &st.text)?;
            ws.write_string_with_format(row, 5, f.status.as_str(), st.status(f.status))?;
            ws.write_string_with_format(row, 6, clip(&reasons(f)), &st.wrap)?;
            let section = ev.and_then(|e| e.section.as_deref()).unwrap_or("");
            ws.write_string_with_format(row, 7, clip(section), &st.wrap)?;
            let quote = ev.map(|e| e.quote.as_str()).unwrap_or("");
            ws.write_string_with_format(row, 8, clip(quote), &st.wrap)?;
            ws.write_string_with_format(row, 9, clip(&f.suggestion), &st.wrap)?;
            self.findings_row += 1;
        }
        Ok(())
    }

    /// Closes the Matrix and Findings sheets and writes the Summary from the run's totals; the
    /// workbook is then ready to save. Also returns how many rows did not fit in their sheet.
    pub fn finish(mut self, totals: &RunSummary) -> Result<(Workbook, RowsCut), XlsxError> {
        if self.columns.is_none() {
            self.start_matrix(Vec::new())?;
        }
        let n = self.columns.as_ref().map_or(0, Vec::len);
        // The fixed columns and one per requirement (none when no document could be read).
        let last_col = FIXED + n as u16 - 1;
        let last_row = self.matrix_row.saturating_sub(1);
        let ws = self.wb.worksheet_from_index(MATRIX)?;
        ws.set_freeze_panes(1, 1)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        let last_row = self.findings_row.saturating_sub(1);
        let ws = self.wb.worksheet_from_index(FINDINGS)?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, 9)?;
        let ws = self.wb.worksheet_from_index(SUMMARY)?;
        summary_sheet(
            ws,
            &Summary {
                subtitle: &self.subtitle,
                totals,
                worst: &self.worst,
                errors: &self.errors,
                error_count: self.error_count,
                columns: self.columns.as_deref().unwrap_or(&[]),
                rows_cut: self.rows_cut,
                max_rows: self.max_rows,
            },
            &self.styles,
        )?;
        Ok((self.wb, self.rows_cut))
    }
}

/// Rows left out of the Matrix and Findings sheets because a sheet holds at most [`MAX_ROWS`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RowsCut {
    pub matrix: u64,
    pub findings: u64,
}

impl RowsCut {
    /// (sheet name, rows left out) for each sheet that was cut.
    pub fn by_sheet(&self) -> impl Iterator<Item = (&'static str, u64)> {
        [("Matrix", self.matrix), ("Findings", self.findings)]
            .into_iter()
            .filter(|&(_, n)| n > 0)
    }
}

/// What the Summary sheet shows, gathered over the run.
struct Summary<'a> {
    subtitle: &'a str,
    totals: &'a RunSummary,
    worst: &'a [Ranked],
    errors: &'a [(String, String)],
    error_count: usize,
    columns: &'a [Column],
    rows_cut: RowsCut,
    max_rows: u32,
}

/// Skipped kinds, most frequent first (ties by name).
fn skipped_kinds(totals: &RunSummary) -> Vec<(&str, u32)> {
    super::skipped_kinds_sorted(&totals.skipped_by_kind)
}

fn summary_sheet(ws: &mut Worksheet, s: &Summary<'_>, st: &Styles) -> Result<(), XlsxError> {
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
    ws.write_string_with_format(1, 0, s.subtitle, &st.subtitle)?;
    let t = s.totals;
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
    for (kind, n) in skipped_kinds(t) {
        ws.write_string_with_format(row, 0, format!("    skipped {kind}"), &st.subtitle)?;
        ws.write_number_with_format(row, 1, n, &st.number)?;
        row += 1;
    }
    // A sheet holds at most max_rows rows: say so where the reader starts, never cut silently.
    for (sheet, n) in s.rows_cut.by_sheet() {
        let note = format!(
            "{sheet} sheet: {n} rows not shown (a sheet holds {} rows); \
             --format csv or jsonl lists them all",
            s.max_rows
        );
        ws.write_string_with_format(row, 0, note, &st.error)?;
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
    for d in s.worst {
        ws.write_string_with_format(row, 0, clip(&d.path), &st.text)?;
        ws.write_number_with_format(row, 1, d.required_missing, &st.missing)?;
        ws.write_number_with_format(row, 2, d.missing, &st.missing)?;
        ws.write_number_with_format(row, 3, d.weak, &st.weak)?;
        ws.write_number_with_format(row, 4, d.satisfied, &st.satisfied)?;
        row += 1;
    }

    if s.error_count > 0 {
        row += 1;
        ws.write_string_with_format(row, 0, "Documents that could not be read", &st.heading)?;
        row += 1;
        ws.write_string_with_format(row, 0, "Document", &st.header)?;
        ws.write_string_with_format(row, 1, "Error", &st.header)?;
        row += 1;
        for (path, error) in s.errors.iter().take(WORST) {
            ws.write_string_with_format(row, 0, clip(path), &st.text)?;
            ws.write_string_with_format(row, 1, clip(error), &st.text)?;
            row += 1;
        }
        if s.error_count > WORST {
            ws.write_string_with_format(
                row,
                0,
                format!(
                    "… and {} more (see the Matrix sheet)",
                    s.error_count - WORST
                ),
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
    for c in s.columns {
        ws.write_string_with_format(row, 0, clip(&c.title), &st.text)?;
        ws.write_string_with_format(row, 1, &c.id, &st.text)?;
        ws.write_number_with_format(row, 2, c.counts[0], &st.missing)?;
        ws.write_number_with_format(row, 3, c.counts[1], &st.weak)?;
        ws.write_number_with_format(row, 4, c.counts[2], &st.satisfied)?;
        row += 1;
    }
    ws.set_active(true);
    Ok(())
}

fn reasons(f: &Finding) -> String {
    f.reasons
        .iter()
        .map(|r| format!("{}: {}", r.code.as_str(), r.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn findings_header(ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_kept_are_the_first_of_a_stable_sort() {
        // Pseudo-random documents with many ties, duplicate paths among them.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as u32
        };
        let docs: Vec<Ranked> = (0..400)
            .map(|i| Ranked {
                path: format!("d{}", next(60)),
                required_missing: next(3),
                missing: next(4),
                weak: next(3),
                satisfied: i,
            })
            .collect();
        let mut worst = Vec::new();
        for d in &docs {
            keep_worst(
                &mut worst,
                Ranked {
                    path: d.path.clone(),
                    ..*d
                },
            );
        }
        let mut sorted: Vec<&Ranked> = docs.iter().collect();
        sorted.sort_by(|a, b| a.order(b));
        let expected: Vec<u32> = sorted.iter().take(WORST).map(|r| r.satisfied).collect();
        let kept: Vec<u32> = worst.iter().map(|r| r.satisfied).collect();
        assert_eq!(kept, expected);
    }

    fn part(book: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("xlsx is a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("part")
            .read_to_string(&mut text)
            .expect("read");
        text
    }

    #[test]
    fn rows_beyond_the_sheet_limit_are_counted_and_announced() {
        let lib = crate::library::Library::builtin().expect("library");
        let selection = lib.select(&["baseline".to_string()]).expect("baseline");
        let doc = crate::ingest::read_bytes(
            b"# Security\n\nSupplier shall notify Customer promptly of any Security Incident.\n",
            true,
            &crate::ingest::Limits::default(),
        )
        .expect("read");
        let findings = crate::analysis::analyze(&doc.document, None, &lib, &selection).unwrap();
        let open = findings
            .iter()
            .filter(|f| f.status != Status::Satisfied)
            .count() as u64;
        assert!(open > 3, "a thin contract leaves findings open");
        let tool = crate::report::Tool::clauselint();
        let mut book = WorkbookStream::new(&tool, &["baseline".to_string()]).expect("book");
        book.max_rows = 4; // the header and three rows
        for name in ["a.md", "b.md", "c.md", "d.md", "e.md"] {
            let d = DocumentReport::ok(name.into(), "markdown", String::new(), findings.clone());
            book.document(&d).expect("document");
        }
        let (mut wb, cut) = book.finish(&RunSummary::default()).expect("finish");
        // Matrix: five documents, room for three. Findings: five times `open`, room for three.
        assert_eq!(
            cut,
            RowsCut {
                matrix: 2,
                findings: 5 * open - 3
            }
        );
        let bytes = wb.save_to_buffer().expect("save");
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            strings.contains("Matrix sheet: 2 rows not shown (a sheet holds 4 rows)"),
            "{strings}"
        );
        assert!(strings.contains(&format!("Findings sheet: {} rows not shown", 5 * open - 3)));
        assert!(!part(&bytes, "xl/worksheets/sheet3.xml").contains("<row r=\"5\""));
    }

    #[test]
    fn unreadable_documents_beyond_the_limit_are_counted_before_any_header() {
        let tool = crate::report::Tool::clauselint();
        let mut book = WorkbookStream::new(&tool, &["baseline".to_string()]).expect("book");
        book.max_rows = 4;
        for i in 0..6 {
            book.document(&DocumentReport::error(
                format!("{i}.docx"),
                "not a zip".into(),
            ))
            .expect("document");
        }
        // Rows 1 to 3 wait for the header; the other three are counted, not kept.
        assert_eq!(book.waiting.len(), 3);
        let (mut wb, cut) = book.finish(&RunSummary::default()).expect("finish");
        assert_eq!(
            cut,
            RowsCut {
                matrix: 3,
                findings: 0
            }
        );
        let bytes = wb.save_to_buffer().expect("save");
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            strings.contains("Matrix sheet: 3 rows not shown"),
            "{strings}"
        );
    }

    #[test]
    fn a_batch_of_unreadable_documents_has_no_requirement_columns() {
        let mut report = Report::new(
            vec!["baseline".into()],
            vec![
                DocumentReport::error("a.docx".into(), "not a zip".into()),
                DocumentReport::error("b.md".into(), "file not found".into()),
            ],
        );
        report.summary.skipped = 1;
        report.summary.skipped_by_kind.insert(".pdf".into(), 1);
        let book = to_bytes(&report).expect("workbook");
        let matrix = part(&book, "xl/worksheets/sheet2.xml");
        // The filter covers the five fixed columns, A to E, and nothing more.
        assert!(matrix.contains("<autoFilter ref=\"A1:E3\"/>"), "{matrix}");
        assert!(!matrix.contains("<row r=\"4\""));
        let strings = part(&book, "xl/sharedStrings.xml");
        for s in ["a.docx", "b.md", "not a zip", "    skipped .pdf", "error"] {
            assert!(strings.contains(s), "{s} not in the workbook");
        }
    }
}
