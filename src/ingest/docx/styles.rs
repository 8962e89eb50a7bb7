//! styles.xml: per paragraph style its name, `basedOn`, numbering (`numPr`) and outline level, and
//! the resolution of those properties through the `basedOn` chain (loop-safe, bounded).

use super::xml::{attr, int_val, Handler, Ns};
use crate::ingest::IngestError;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Longest `basedOn` chain followed.
const MAX_CHAIN: usize = 32;

#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
    pub outline_lvl: Option<i64>,
}

/// The paragraph and numbering styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    pub by_id: HashMap<String, Style>,
    /// The default paragraph style, used when a paragraph names none.
    pub default_paragraph: Option<String>,
}

/// What a paragraph inherits from its style chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
    pub outline_lvl: Option<i64>,
    /// Heading level from a "heading N" / "Title" style name (1-based).
    pub heading_by_name: Option<u8>,
}

impl Styles {
    /// Walks the `basedOn` chain of `style_id` (or the default paragraph style).
    pub fn resolve(&self, style_id: Option<&str>) -> Resolved {
        let mut out = Resolved::default();
        let mut cur = style_id
            .map(str::to_string)
            .or_else(|| self.default_paragraph.clone());
        let mut seen: Vec<String> = Vec::new();
        while let Some(id) = cur {
            if seen.len() >= MAX_CHAIN || seen.contains(&id) {
                break;
            }
            let Some(s) = self.by_id.get(&id) else { break };
            if out.num_id.is_none() && s.num_id.is_some() {
                out.num_id = s.num_id;
                if out.ilvl.is_none() {
                    out.ilvl = s.ilvl;
                }
            } else if out.ilvl.is_none() && s.ilvl.is_some() {
                out.ilvl = s.ilvl;
            }
            if out.outline_lvl.is_none() {
                out.outline_lvl = s.outline_lvl;
            }
            if out.heading_by_name.is_none() {
                out.heading_by_name = heading_level_from_name(&s.name);
            }
            seen.push(id);
            cur = s.based_on.clone();
        }
        out
    }

    /// The style ids whose chain includes `id` directly (used for `w:lvl/w:pStyle` links).
    pub fn get(&self, id: &str) -> Option<&Style> {
        self.by_id.get(id)
    }
}

/// "heading 3" → 3, "Title" → 1.
fn heading_level_from_name(name: &str) -> Option<u8> {
    let n = name.trim().to_ascii_lowercase();
    if n == "title" {
        return Some(1);
    }
    let rest = n.strip_prefix("heading")?.trim();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[derive(Default)]
pub(crate) struct StylesParser {
    styles: Styles,
    cur: Option<(String, Style)>,
    /// Depth inside the current `w:style` (1 = the style element itself).
    depth: usize,
    /// Depth at which a `*PrChange` or `rPr` subtree to ignore started.
    skip_at: Option<usize>,
    in_ppr: bool,
    in_numpr: bool,
}

impl StylesParser {
    pub fn finish(self) -> Styles {
        self.styles
    }
}

impl Handler for StylesParser {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart<'_>) -> Result<(), IngestError> {
        if self.cur.is_none() {
            if ns == Ns::W && local == "style" {
                let ty = attr(e, "type");
                let ty = ty.as_deref().unwrap_or("paragraph");
                if ty == "paragraph" || ty == "numbering" {
                    let id = attr(e, "styleId").unwrap_or_default().into_owned();
                    if ty == "paragraph"
                        && attr(e, "default").is_some_and(|v| v == "1" || v == "true")
                    {
                        self.styles.default_paragraph = Some(id.clone());
                    }
                    self.cur = Some((id, Style::default()));
                    self.depth = 1;
                    self.skip_at = None;
                    self.in_ppr = false;
                    self.in_numpr = false;
                }
            }
            return Ok(());
        }
        self.depth += 1;
        if self.skip_at.is_some() {
            return Ok(());
        }
        if ns != Ns::W {
            return Ok(());
        }
        let Some((_, style)) = self.cur.as_mut() else {
            return Ok(());
        };
        match local {
            l if l.ends_with("PrChange") || l == "rPr" || l == "tblPr" => {
                self.skip_at = Some(self.depth);
            }
            "name" => style.name = attr(e, "val").unwrap_or_default().into_owned(),
            "basedOn" => style.based_on = attr(e, "val").map(|v| v.into_owned()),
            "pPr" => self.in_ppr = true,
            "numPr" if self.in_ppr => self.in_numpr = true,
            "numId" if self.in_numpr => style.num_id = int_val(e),
            "ilvl" if self.in_numpr => style.ilvl = int_val(e),
            "outlineLvl" if self.in_ppr => style.outline_lvl = int_val(e),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, ns: Ns, local: &str) -> Result<(), IngestError> {
        if self.cur.is_none() {
            return Ok(());
        }
        if self.skip_at == Some(self.depth) {
            self.skip_at = None;
        } else if self.skip_at.is_none() && ns == Ns::W {
            match local {
                "pPr" => self.in_ppr = false,
                "numPr" => self.in_numpr = false,
                _ => {}
            }
        }
        self.depth -= 1;
        if self.depth == 0 {
            if let Some((id, style)) = self.cur.take() {
                if self.styles.by_id.len() < 100_000 {
                    self.styles.by_id.entry(id).or_insert(style);
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, _t: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names() {
        assert_eq!(heading_level_from_name("heading 2"), Some(2));
        assert_eq!(heading_level_from_name("Heading 1"), Some(1));
        assert_eq!(heading_level_from_name("Title"), Some(1));
        assert_eq!(heading_level_from_name("Heading Char"), None);
        assert_eq!(heading_level_from_name("heading 12"), None);
    }

    #[test]
    fn chain_resolution_stops_on_loops() {
        let mut s = Styles::default();
        s.by_id.insert(
            "A".into(),
            Style {
                based_on: Some("B".into()),
                ..Default::default()
            },
        );
        s.by_id.insert(
            "B".into(),
            Style {
                based_on: Some("A".into()),
                num_id: Some(3),
                ilvl: Some(1),
                outline_lvl: Some(0),
                ..Default::default()
            },
        );
        let r = s.resolve(Some("A"));
        assert_eq!(r.num_id, Some(3));
        assert_eq!(r.ilvl, Some(1));
        assert_eq!(r.outline_lvl, Some(0));
    }
}
