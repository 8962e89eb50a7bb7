//! numbering.xml and label rendering: abstractNum levels (start, numFmt, lvlText, isLgl, lvlRestart,
//! pStyle), `w:num` → abstractNum with lvlOverride/startOverride, `numStyleLink` indirection through
//! numbering styles, and the counters that turn a paragraph's (numId, ilvl) into "12.3", "(a)", "iv.".

use super::styles::Styles;
use super::xml::{attr, int_val, on_off, Handler, Ns};
use crate::ingest::IngestError;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

const LEVELS: usize = 9;
/// Most abstractNum / num definitions kept (a hostile part could declare millions).
const MAX_DEFS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    pub start: i64,
    pub fmt: String,
    pub text: Option<String>,
    pub is_lgl: bool,
    /// `lvlRestart`: `Some(0)` never restarts; `Some(n)` restarts after level n (1-based) is used.
    pub restart: Option<i64>,
    /// A paragraph style linked to this level (`w:pStyle`).
    pub pstyle: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 0,
            fmt: "decimal".into(),
            text: None,
            is_lgl: false,
            restart: None,
            pstyle: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct AbstractNum {
    pub levels: [Option<Level>; LEVELS],
    pub num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Num {
    pub abstract_id: i64,
    pub start_override: [Option<i64>; LEVELS],
    pub level_override: [Option<Level>; LEVELS],
}

impl Num {
    fn has_start_override(&self) -> bool {
        self.start_override.iter().any(Option::is_some)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    pub abstracts: HashMap<i64, AbstractNum>,
    pub nums: HashMap<i64, Num>,
}

/// Which element of numbering.xml we are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    None,
    Abstract(i64),
    Num(i64),
}

#[derive(Default)]
pub(crate) struct NumberingParser {
    numbering: Numbering,
    ctx: Option<Ctx>,
    /// Depth in the part (1 = the root element).
    doc_depth: usize,
    /// Depth inside the current abstractNum / num (1 = that element).
    depth: usize,
    skip_at: Option<usize>,
    /// Level being read (ilvl) and whether it belongs to an lvlOverride.
    level: Option<(usize, Level)>,
    override_ilvl: Option<usize>,
}

impl NumberingParser {
    pub fn finish(self) -> Numbering {
        self.numbering
    }
}

fn ilvl_of(e: &BytesStart<'_>) -> usize {
    attr(e, "ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(LEVELS - 1)
}

fn id_attr(e: &BytesStart<'_>, name: &str) -> Option<i64> {
    attr(e, name).and_then(|v| v.trim().parse::<i64>().ok())
}

impl Handler for NumberingParser {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart<'_>) -> Result<(), IngestError> {
        self.doc_depth += 1;
        let ctx = match self.ctx {
            None => {
                if ns == Ns::W && self.doc_depth == 2 {
                    let c = match local {
                        "abstractNum" => id_attr(e, "abstractNumId").map(Ctx::Abstract),
                        "num" => id_attr(e, "numId").map(Ctx::Num),
                        _ => None,
                    };
                    let too_many =
                        self.numbering.abstracts.len() + self.numbering.nums.len() >= MAX_DEFS;
                    let c = if too_many { None } else { c };
                    self.ctx = Some(c.unwrap_or(Ctx::None));
                    self.depth = 1;
                    self.skip_at = if c.is_none() { Some(1) } else { None };
                    self.level = None;
                    self.override_ilvl = None;
                    match c {
                        Some(Ctx::Abstract(id)) => {
                            self.numbering.abstracts.insert(id, AbstractNum::default());
                        }
                        Some(Ctx::Num(id)) => {
                            self.numbering.nums.insert(id, Num::default());
                        }
                        _ => {}
                    }
                }
                return Ok(());
            }
            Some(c) => c,
        };
        self.depth += 1;
        if self.skip_at.is_some() || ns != Ns::W {
            return Ok(());
        }
        if local.ends_with("PrChange") || local == "rPr" || local == "pPr" {
            // pPr inside a level holds indents; only lvl/pStyle matters (outside pPr).
            self.skip_at = Some(self.depth);
            return Ok(());
        }
        match local {
            "lvl" => self.level = Some((ilvl_of(e), Level::default())),
            "lvlOverride" => self.override_ilvl = Some(ilvl_of(e)),
            "startOverride" => {
                if let (Ctx::Num(id), Some(il)) = (ctx, self.override_ilvl) {
                    if let Some(n) = self.numbering.nums.get_mut(&id) {
                        n.start_override[il] = int_val(e);
                    }
                }
            }
            "abstractNumId" => {
                if let Ctx::Num(id) = ctx {
                    if let (Some(n), Some(v)) = (self.numbering.nums.get_mut(&id), int_val(e)) {
                        n.abstract_id = v;
                    }
                }
            }
            "numStyleLink" => {
                if let Ctx::Abstract(id) = ctx {
                    if let Some(a) = self.numbering.abstracts.get_mut(&id) {
                        a.num_style_link = attr(e, "val").map(|v| v.into_owned());
                    }
                }
            }
            _ => {
                if let Some((_, lvl)) = self.level.as_mut() {
                    match local {
                        "start" => lvl.start = int_val(e).unwrap_or(0),
                        "numFmt" => {
                            lvl.fmt = attr(e, "val")
                                .map(|v| v.into_owned())
                                .unwrap_or_else(|| "decimal".into())
                        }
                        "lvlText" => lvl.text = attr(e, "val").map(|v| v.into_owned()),
                        "isLgl" => lvl.is_lgl = on_off(e),
                        "lvlRestart" => lvl.restart = int_val(e),
                        "pStyle" => lvl.pstyle = attr(e, "val").map(|v| v.into_owned()),
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, ns: Ns, local: &str) -> Result<(), IngestError> {
        self.doc_depth = self.doc_depth.saturating_sub(1);
        let Some(ctx) = self.ctx else { return Ok(()) };
        if self.skip_at == Some(self.depth) {
            self.skip_at = None;
        } else if self.skip_at.is_none() && ns == Ns::W {
            match local {
                "lvl" => {
                    if let Some((il, lvl)) = self.level.take() {
                        match ctx {
                            Ctx::Abstract(id) => {
                                if let Some(a) = self.numbering.abstracts.get_mut(&id) {
                                    a.levels[il] = Some(lvl);
                                }
                            }
                            Ctx::Num(id) => {
                                if let (Some(n), Some(oil)) =
                                    (self.numbering.nums.get_mut(&id), self.override_ilvl)
                                {
                                    n.level_override[oil] = Some(lvl);
                                }
                            }
                            Ctx::None => {}
                        }
                    }
                }
                "lvlOverride" => self.override_ilvl = None,
                _ => {}
            }
        }
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 0 {
            self.ctx = None;
        }
        Ok(())
    }

    fn text(&mut self, _t: &str) {}
}

/// Counter state while the body is read, in document order.
pub(crate) struct Numberer<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Counters per abstractNum: every num of one abstractNum continues the same list.
    counters: HashMap<i64, [Option<i64>; LEVELS]>,
    /// Nums with a startOverride already used: the override restarts the list once, on first use.
    started: std::collections::HashSet<i64>,
}

/// A rendered label with the level it was rendered at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub text: String,
    pub ilvl: usize,
    pub bullet: bool,
}

impl<'a> Numberer<'a> {
    pub fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Numberer {
            numbering,
            styles,
            counters: HashMap::new(),
            started: std::collections::HashSet::new(),
        }
    }

    /// The abstractNum behind `num_id`, following `numStyleLink` through numbering styles.
    fn abstract_for(&self, num: &Num) -> Option<(i64, &'a AbstractNum)> {
        let mut id = num.abstract_id;
        for _ in 0..8 {
            let a = self.numbering.abstracts.get(&id)?;
            let Some(link) = a.num_style_link.as_deref() else {
                return Some((id, a));
            };
            let target = self
                .styles
                .get(link)
                .and_then(|s| s.num_id)
                .and_then(|n| self.numbering.nums.get(&n));
            match target {
                Some(n) if n.abstract_id != id => id = n.abstract_id,
                _ => return Some((id, a)),
            }
        }
        self.numbering.abstracts.get(&id).map(|a| (id, a))
    }

    /// The level a paragraph of style `style_id` takes in `num_id` when it gives no ilvl
    /// (a `w:lvl/w:pStyle` link), else 0.
    pub fn ilvl_for_style(&self, num_id: i64, style_id: Option<&str>) -> i64 {
        let Some(style_id) = style_id else { return 0 };
        let Some(num) = self.numbering.nums.get(&num_id) else {
            return 0;
        };
        let Some((_, a)) = self.abstract_for(num) else {
            return 0;
        };
        a.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.pstyle.as_deref()) == Some(style_id))
            .unwrap_or(0) as i64
    }

    fn level<'l>(num: &'l Num, a: &'l AbstractNum, il: usize) -> Option<&'l Level> {
        num.level_override[il].as_ref().or(a.levels[il].as_ref())
    }

    /// Advances the counters for a paragraph numbered (num_id, ilvl) and renders its label.
    /// `None` when the numbering is absent or `numId` is 0.
    pub fn next(&mut self, num_id: i64, ilvl: i64) -> Option<Label> {
        if num_id <= 0 {
            return None;
        }
        let num = self.numbering.nums.get(&num_id)?;
        let (abs_id, a) = self.abstract_for(num)?;
        let il = ilvl.clamp(0, LEVELS as i64 - 1) as usize;
        let start_of = |l: usize| -> i64 {
            num.start_override[l]
                .or_else(|| Self::level(num, a, l).map(|x| x.start))
                .unwrap_or(0)
        };
        let counters = self.counters.entry(abs_id).or_insert([None; LEVELS]);
        // A num with startOverride restarts those levels the first time it is used (Word's
        // "restart numbering"); later paragraphs of any num of the same abstractNum continue.
        if num.has_start_override() && self.started.len() < MAX_DEFS && self.started.insert(num_id)
        {
            for (l, o) in num.start_override.iter().enumerate() {
                if o.is_some() {
                    counters[l] = None;
                }
            }
        }
        counters[il] = Some(match counters[il] {
            None => start_of(il),
            Some(v) => v.saturating_add(1),
        });
        for (deeper, slot) in counters.iter_mut().enumerate().skip(il + 1) {
            let restart = Self::level(num, a, deeper).and_then(|l| l.restart);
            let resets = match restart {
                None => true,
                Some(n) if n <= 0 => false,
                Some(n) => (il as i64) < n,
            };
            if resets {
                *slot = None;
            }
        }
        let counters = *counters;
        let lvl = Self::level(num, a, il).cloned().unwrap_or_default();
        if lvl.fmt == "bullet" {
            return Some(Label {
                text: "•".into(),
                ilvl: il,
                bullet: true,
            });
        }
        let template = lvl.text.clone().unwrap_or_default();
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    if (1..=LEVELS as u32).contains(&d) {
                        let l = d as usize - 1;
                        let value = counters[l].unwrap_or_else(|| start_of(l));
                        let fmt = if lvl.is_lgl && l != il {
                            "decimal"
                        } else {
                            Self::level(num, a, l).map_or("decimal", |x| x.fmt.as_str())
                        };
                        out.push_str(&format_number(value, fmt));
                    }
                    continue;
                }
            }
            out.push(c);
        }
        let text = out.trim().to_string();
        Some(Label {
            text,
            ilvl: il,
            bullet: false,
        })
    }
}

/// Renders `n` in a Word number format.
pub(crate) fn format_number(n: i64, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "bullet" => "•".into(),
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => {
            if (0..10).contains(&n) {
                format!("0{n}")
            } else {
                n.to_string()
            }
        }
        "ordinal" => ordinal(n),
        "decimalEnclosedParen" => format!("({n})"),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa...
fn letters(n: i64, upper: bool) -> String {
    if n <= 0 {
        return n.to_string();
    }
    let idx = (n - 1) % 26;
    let reps = ((n - 1) / 26 + 1).min(50) as usize;
    let base = if upper { b'A' } else { b'a' };
    let c = (base + idx as u8) as char;
    std::iter::repeat_n(c, reps).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(1, "lowerLetter"), "a");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(3, "upperLetter"), "C");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "decimal"), "12");
        assert_eq!(format_number(2, "ordinal"), "2nd");
        assert_eq!(format_number(5, "none"), "");
        assert_eq!(format_number(i64::MAX, "lowerLetter").len(), 50);
    }
}
