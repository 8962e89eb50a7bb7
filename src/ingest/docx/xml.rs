//! The XML event driver shared by every DOCX part parser: namespace resolution, element depth limit,
//! DTD refusal, entity handling, and the size-capped reader that catches lying zip headers.

use crate::ingest::{IngestError, Limits};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, PrefixDeclaration, QName};
use quick_xml::Reader;
use std::borrow::Cow;
use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;
use std::sync::LazyLock;

/// The namespaces the parsers care about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rels,
    Other,
}

fn classify_uri(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        _ => Ns::Other,
    }
}

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// At most this many namespace declarations in scope at once, as quick-xml's own guard: Word
/// declares about 35 on a part's root, and a redlined paragraph redeclares one or two. A lookup
/// that misses the cache scans them all, so this also bounds the work per tag of a hostile part.
const MAX_NAMESPACE_BINDINGS: usize = 128;

/// The namespaces in scope while one part is read, as far as the readers care: which [`Ns`] an
/// element's prefix is bound to. quick-xml's `NsReader` resolves every element against the whole
/// stack of bindings, and Word declares dozens of namespaces on the root: that was a fifth of the
/// time spent reading a real Word document. Here only elements are resolved, and the last prefix
/// looked up (nearly always `w`) is remembered until the bindings change.
#[derive(Default)]
struct Scopes {
    /// (element depth, prefix, namespace), innermost last; the prefix is "" for the default
    /// namespace (`xmlns="…"`).
    bindings: Vec<(usize, String, Ns)>,
    /// The last prefix resolved, and its namespace.
    last_prefix: String,
    last_ns: Option<Ns>,
}

impl Scopes {
    /// Records the `xmlns` and `xmlns:p` attributes of an element opened at `depth`, with the checks
    /// and errors of quick-xml's `NamespaceResolver` (the reserved `xml` and `xmlns` prefixes and
    /// namespaces, the limit).
    fn declare(&mut self, depth: usize, e: &BytesStart<'_>) -> Result<(), NamespaceError> {
        // Few tags declare a namespace: a prebuilt finder settles most of them.
        static XMLNS: LazyLock<memchr::memmem::Finder<'static>> =
            LazyLock::new(|| memchr::memmem::Finder::new("xmlns"));
        if XMLNS.find(e.attributes_raw().as_bytes()).is_none() {
            return Ok(());
        }
        for a in e.attributes().with_checks(false) {
            let Ok(a) = a else { break };
            let value = a.value.as_ref();
            // `xmlns:=""` is stored like a default declaration, as quick-xml does.
            let prefix = match a.key.as_namespace_binding() {
                None => continue,
                Some(PrefixDeclaration::Default) => "",
                Some(PrefixDeclaration::Named("xml")) => {
                    if value != XML_NAMESPACE {
                        return Err(NamespaceError::InvalidXmlPrefixBind(value.to_string()));
                    }
                    // Bound already, and takes no place.
                    continue;
                }
                Some(PrefixDeclaration::Named("xmlns")) => {
                    return Err(NamespaceError::InvalidXmlnsPrefixBind(value.to_string()));
                }
                Some(PrefixDeclaration::Named(p)) => {
                    if value == XML_NAMESPACE {
                        return Err(NamespaceError::InvalidPrefixForXml(p.to_string()));
                    }
                    if value == XMLNS_NAMESPACE {
                        return Err(NamespaceError::InvalidPrefixForXmlns(p.to_string()));
                    }
                    p
                }
            };
            if self.bindings.len() >= MAX_NAMESPACE_BINDINGS {
                return Err(NamespaceError::TooManyBindings(MAX_NAMESPACE_BINDINGS));
            }
            self.bindings
                .push((depth, prefix.to_string(), classify_uri(value)));
            self.last_ns = None;
        }
        Ok(())
    }

    /// The namespace of an element name: its prefix's binding, or the default namespace for an
    /// unprefixed name; [`Ns::Other`] when unbound (an empty prefix, as in `<:p>`, is never bound).
    fn resolve(&mut self, name: QName<'_>) -> Ns {
        let prefix = match name.prefix() {
            None => "",
            Some(p) if p.into_inner().is_empty() => return Ns::Other,
            Some(p) => p.into_inner(),
        };
        if let Some(ns) = self.last_ns {
            if self.last_prefix == prefix {
                return ns;
            }
        }
        let ns = self
            .bindings
            .iter()
            .rev()
            .find(|b| b.1 == prefix)
            .map_or(Ns::Other, |b| b.2);
        self.last_prefix.clear();
        self.last_prefix.push_str(prefix);
        self.last_ns = Some(ns);
        ns
    }

    /// Drops the declarations of the element at `depth`, which has just closed.
    fn close(&mut self, depth: usize) {
        while self.bindings.last().is_some_and(|b| b.0 >= depth) {
            self.bindings.pop();
            self.last_ns = None;
        }
    }
}

pub(crate) trait Handler {
    fn start(&mut self, ns: Ns, local: &str, e: &BytesStart<'_>) -> Result<(), IngestError>;
    fn end(&mut self, ns: Ns, local: &str) -> Result<(), IngestError>;
    fn text(&mut self, t: &str);
}

/// The value of the attribute with local name `name` (any prefix), unescaped.
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().into_inner() == name {
            return Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap_or(a.value),
            );
        }
    }
    None
}

/// An on/off property (`<w:b/>`, `<w:isLgl w:val="false"/>`).
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    match attr(e, "val").as_deref() {
        None => true,
        Some(v) => !matches!(v, "0" | "false" | "off"),
    }
}

/// An integer attribute `w:val`, clamped into i64; `None` when absent or unparsable.
pub(crate) fn int_val(e: &BytesStart<'_>) -> Option<i64> {
    let v = attr(e, "val")?;
    let v = v.trim();
    v.parse::<i64>()
        .ok()
        .or_else(|| v.parse::<f64>().ok().map(|f| f as i64))
}

/// A reader that fails once more than `limit` bytes came through: the declared size of a zip entry
/// can lie, this cannot.
pub(crate) struct Limited<R> {
    inner: R,
    left: u64,
    exceeded: Rc<Cell<bool>>,
}

impl<R> Limited<R> {
    pub(crate) fn new(inner: R, limit: u64) -> (Self, Rc<Cell<bool>>) {
        let flag = Rc::new(Cell::new(false));
        (
            Limited {
                inner,
                left: limit,
                exceeded: flag.clone(),
            },
            flag,
        )
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // Allow one byte past the limit to tell "exactly at the limit" from "over it".
        let want = (buf.len() as u64).min(self.left.saturating_add(1)) as usize;
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            self.exceeded.set(true);
            return Err(std::io::Error::other("part exceeds the size limit"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Everything that turns a part's bytes into handler calls.
pub(crate) struct PartSource<'p, R> {
    pub part: &'p str,
    pub reader: R,
    /// Set by the [`Limited`] reader when the part is larger than allowed.
    pub exceeded: Rc<Cell<bool>>,
    pub limit: u64,
}

/// Makes a single-line message.
pub(crate) fn one_line(s: impl std::fmt::Display) -> String {
    let s = s.to_string();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
    if out.len() > 300 {
        let mut cut = 300;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Streams one part through `handler`, enforcing the depth limit and refusing DTDs.
pub(crate) fn drive<R: BufRead, H: Handler>(
    src: PartSource<'_, R>,
    limits: &Limits,
    handler: &mut H,
) -> Result<(), IngestError> {
    let PartSource {
        part,
        reader,
        exceeded,
        limit,
    } = src;
    let mut xml = Reader::from_reader(reader);
    let mut scopes = Scopes::default();
    {
        let cfg = xml.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        cfg.trim_text(false);
    }
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut depth: usize = 0;
    let max_depth = limits.max_xml_depth;
    let err = |e: quick_xml::Error| -> IngestError {
        if exceeded.get() {
            return IngestError::PartTooLarge {
                part: part.to_string(),
                limit,
            };
        }
        match e {
            quick_xml::Error::Io(io) => {
                IngestError::CorruptZip(one_line(format_args!("{part}: {io}")))
            }
            other => IngestError::Xml {
                part: part.to_string(),
                message: one_line(other),
            },
        }
    };
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).map_err(err)?;
        // quick-xml's own messages, as when its `NsReader` checked the declarations, except that
        // the limit is ours (its message names an API to raise it).
        let bad_namespaces = |e: NamespaceError| match e {
            NamespaceError::TooManyBindings(n) => IngestError::Xml {
                part: part.to_string(),
                message: format!("more than {n} namespace declarations in scope"),
            },
            e => err(quick_xml::Error::Namespace(e)),
        };
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(IngestError::TooDeep {
                        part: part.to_string(),
                        limit: max_depth,
                    });
                }
                scopes.declare(depth, &e).map_err(bad_namespaces)?;
                let ns = scopes.resolve(e.name());
                let local = e.local_name();
                handler.start(ns, local.into_inner(), &e)?;
            }
            Event::Empty(e) => {
                if depth + 1 > max_depth {
                    return Err(IngestError::TooDeep {
                        part: part.to_string(),
                        limit: max_depth,
                    });
                }
                scopes.declare(depth + 1, &e).map_err(bad_namespaces)?;
                let ns = scopes.resolve(e.name());
                scopes.close(depth + 1);
                let local = e.local_name();
                handler.start(ns, local.into_inner(), &e)?;
                handler.end(ns, local.into_inner())?;
            }
            Event::End(e) => {
                let ns = scopes.resolve(e.name());
                scopes.close(depth);
                depth = depth.saturating_sub(1);
                handler.end(ns, e.local_name().into_inner())?;
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                if !s.is_empty() {
                    handler.text(&s);
                }
            }
            Event::CData(t) => {
                let s = t.xml10_content();
                handler.text(&s);
            }
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        let mut b = [0u8; 4];
                        handler.text(c.encode_utf8(&mut b));
                    }
                } else if let Some(c) = predefined_entity(&r.xml10_content()) {
                    let mut b = [0u8; 4];
                    handler.text(c.encode_utf8(&mut b));
                }
                // Unknown entities (no DTD is ever processed) are dropped.
            }
            Event::DocType(_) => {
                return Err(IngestError::Dtd {
                    part: part.to_string(),
                });
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if exceeded.get() {
        return Err(IngestError::PartTooLarge {
            part: part.to_string(),
            limit,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Count(usize);
    impl Handler for Count {
        fn start(&mut self, _: Ns, _: &str, _: &BytesStart<'_>) -> Result<(), IngestError> {
            self.0 += 1;
            Ok(())
        }
        fn end(&mut self, _: Ns, _: &str) -> Result<(), IngestError> {
            Ok(())
        }
        fn text(&mut self, _: &str) {}
    }

    /// Records (start or end, namespace, local name) of every element.
    #[derive(Default)]
    struct Record(Vec<(char, Ns, String)>);
    impl Handler for Record {
        fn start(&mut self, ns: Ns, local: &str, _: &BytesStart<'_>) -> Result<(), IngestError> {
            self.0.push(('<', ns, local.to_string()));
            Ok(())
        }
        fn end(&mut self, ns: Ns, local: &str) -> Result<(), IngestError> {
            self.0.push(('>', ns, local.to_string()));
            Ok(())
        }
        fn text(&mut self, _: &str) {}
    }

    fn elements(xml: &str) -> Result<Vec<(char, Ns, String)>, IngestError> {
        let (limited, exceeded) = Limited::new(xml.as_bytes(), u64::MAX / 2);
        let src = PartSource {
            part: "p",
            reader: std::io::BufReader::new(limited),
            exceeded,
            limit: u64::MAX / 2,
        };
        let mut r = Record::default();
        drive(src, &Limits::default(), &mut r).map(|()| r.0)
    }

    const W_URI: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const STRICT_URI: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

    #[test]
    fn element_namespaces_follow_their_scopes() {
        let xml = format!(
            r#"<w:document xmlns:w="{W_URI}" xmlns:x="urn:other" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body><w:p/><x:p/><mc:AlternateContent/><q:p/>
<w:sect xmlns:w="urn:rebound"><w:p/><x:p xmlns:x="{STRICT_URI}"/><x:p/></w:sect>
<w:p/><p/><d xmlns="{W_URI}"><p/><e xmlns=""/><p/></d><p/></w:body></w:document>"#
        );
        let starts: Vec<(Ns, String)> = elements(&xml)
            .expect("well-formed")
            .into_iter()
            .filter(|e| e.0 == '<')
            .map(|e| (e.1, e.2))
            .collect();
        use Ns::*;
        let expected = [
            (W, "document"),
            (W, "body"),
            (W, "p"),
            (Other, "p"),
            (Mc, "AlternateContent"),
            (Other, "p"),    // unbound prefix
            (Other, "sect"), // its own declaration rebinds w
            (Other, "p"),
            (W, "p"),     // strict WordprocessingML, declared on the element itself
            (Other, "p"), // that declaration ended with its element
            (W, "p"),     // w is bound as before once the rebinding element closed
            (Other, "p"), // no default namespace
            (W, "d"),
            (W, "p"),
            (Other, "e"), // xmlns="" undeclares the default
            (W, "p"),
            (Other, "p"),
        ];
        let expected: Vec<(Ns, String)> =
            expected.iter().map(|(n, l)| (*n, l.to_string())).collect();
        assert_eq!(starts, expected);
    }

    #[test]
    fn end_tags_resolve_in_the_scope_of_their_element() {
        let xml = format!(r#"<a:x xmlns:a="{W_URI}"><a:y xmlns:a="urn:z"></a:y></a:x>"#);
        let ends: Vec<Ns> = elements(&xml)
            .expect("well-formed")
            .into_iter()
            .filter(|e| e.0 == '>')
            .map(|e| e.1)
            .collect();
        assert_eq!(ends, [Ns::Other, Ns::W]);
    }

    #[test]
    fn endless_namespace_declarations_are_an_error() {
        let decls: String = (0..MAX_NAMESPACE_BINDINGS + 1)
            .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
            .collect();
        let err = elements(&format!("<a{decls}/>")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "malformed XML in p: more than 128 namespace declarations in scope"
        );
        // The `xml` prefix bound to its own namespace takes no place.
        let decls: String = (0..MAX_NAMESPACE_BINDINGS)
            .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
            .collect();
        let xml = format!("<a{decls} xmlns:xml=\"{XML_NAMESPACE}\"><b/></a>");
        assert!(elements(&xml).is_ok());
    }

    #[test]
    fn reserved_prefixes_and_namespaces_cannot_be_rebound() {
        for (decl, message) in [
            (
                r#"xmlns:xml="urn:x""#,
                "the namespace prefix 'xml' cannot be bound to 'urn:x'",
            ),
            (
                r#"xmlns:xmlns="urn:x""#,
                "the namespace prefix 'xmlns' cannot be bound to 'urn:x'",
            ),
            (
                r#"xmlns:q="http://www.w3.org/XML/1998/namespace""#,
                "the namespace prefix 'q' cannot be bound to 'http://www.w3.org/XML/1998/namespace'",
            ),
            (
                r#"xmlns:q="http://www.w3.org/2000/xmlns/""#,
                "the namespace prefix 'q' cannot be bound to 'http://www.w3.org/2000/xmlns/'",
            ),
        ] {
            let err = elements(&format!("<r><a {decl}/></r>")).unwrap_err();
            assert_eq!(err.to_string(), format!("malformed XML in p: {message}"));
        }
    }

    #[test]
    fn an_empty_prefix_is_never_bound() {
        // `<:p>` has an empty prefix, not none; `xmlns:=` declares like `xmlns=` (as quick-xml).
        let starts = |xml: &str| -> Vec<Ns> {
            elements(xml)
                .expect("read")
                .into_iter()
                .filter(|e| e.0 == '<')
                .map(|e| e.1)
                .collect()
        };
        assert_eq!(
            starts(&format!(r#"<r xmlns="{W_URI}"><:p/><p/></r>"#)),
            [Ns::W, Ns::Other, Ns::W]
        );
        assert_eq!(
            starts(&format!(r#"<r xmlns:="{W_URI}"><:p/><p/></r>"#)),
            [Ns::W, Ns::Other, Ns::W]
        );
    }

    #[test]
    fn limited_reader_cuts_off_a_lying_part() {
        let xml = format!("<a>{}</a>", "<b/>".repeat(1000));
        let (limited, exceeded) = Limited::new(xml.as_bytes(), 100);
        let src = PartSource {
            part: "word/document.xml",
            reader: std::io::BufReader::new(limited),
            exceeded,
            limit: 100,
        };
        let err = drive(src, &Limits::default(), &mut Count(0)).unwrap_err();
        assert_eq!(
            err,
            IngestError::PartTooLarge {
                part: "word/document.xml".into(),
                limit: 100
            }
        );
        // Exactly at the limit is fine.
        let (limited, exceeded) = Limited::new(xml.as_bytes(), xml.len() as u64);
        let src = PartSource {
            part: "p",
            reader: std::io::BufReader::new(limited),
            exceeded,
            limit: xml.len() as u64,
        };
        let mut c = Count(0);
        drive(src, &Limits::default(), &mut c).unwrap();
        assert_eq!(c.0, 1001);
    }

    #[test]
    fn one_line_messages() {
        assert_eq!(one_line("a\nb\r\tc"), "a b  c");
        assert!(one_line("x".repeat(1000)).chars().count() <= 301);
    }
}
