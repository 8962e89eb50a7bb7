//! Cryptography named in the text: TLS/SSL versions, AES key lengths, weak or obsolete ciphers
//! and hashes, and FIPS 140 mentions with their qualifier.

use super::common::{
    after, after_last_break, ascii_regex, before, first_break, last_words_start, Span,
};
use regex::Regex;
use std::sync::LazyLock;

/// A TLS/SSL mention. `unversioned` mentions have major = minor = 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolVersion {
    pub span: Span,
    pub ssl: bool,
    pub major: u32,
    pub minor: u32,
    pub or_higher: bool,
    pub unversioned: bool,
}

static TLS_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?P<p>TLS|SSL|Transport\s+Layer\s+Security|Secure\s+Sockets?\s+Layer)(?:\s*\(\s*(?:TLS|SSL)\s*\))?(?:(?:\s*(?:(?:in\s+)?v(?:ersion)?\.?\s*|-)?(?P<maj>[0-9])(?:\.(?P<min>[0-9]))?(?:[0-9]|(?P<plus>\+)|\s*\(?(?:or|and)\s+(?:higher|later|above|greater|newer|more\s+recent|better|stronger|successor\s+versions?|any\s+(?:higher|later|newer)\s+versions?)(?:\s+versions?)?(?-u:\b)\)?|(?-u:\b)))|(?-u:\b))",
    )
    .expect("tls re")
});

/// A version named a few words after an unversioned "TLS", in the same clause.
static LATER_VERSION_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)^[a-z0-9\s,()\x27-]{0,50}?(?-u:\b)version\s+(?:is\s+|of\s+)?(?P<least>(?:(?:not|no)\s+(?:lower|less|older|earlier)\s+than|at\s+least|a\s+minimum\s+of)\s+)?(?P<maj>[1-3])\.(?P<min>[0-9])(?-u:\b)(?P<higher>\s+or\s+(?:higher|above|later|newer|greater))?",
    )
    .expect("later version re")
});

static AT_LEAST_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:at\s+least|minimum(?:\s+of)?|(?:no|not)\s+(?:lower|less|older|earlier)\s+than|or\s+higher|or\s+later)\s*(?:version\s+)?$",
    )
    .expect("at least re")
});

static MINIMUM_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)^\s*\(?(?:minimum|at\s+a\s+minimum|at\s+minimum|or\s+above)(?-u:\b)")
        .expect("minimum after re")
});

/// TLS/SSL versions mentioned: "TLS 1.2", "TLS v1.2 or higher", "TLSv1.3", "TLS 1.2+", "SSL",
/// "SSLv3", "TLS 1.0", "at least TLS 1.2". "SSL/TLS" gives two unversioned mentions.
pub fn find_tls_versions(text: &str) -> Vec<ProtocolVersion> {
    let mut out = Vec::new();
    for c in TLS_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let p = c.name("p").map_or("", |p| p.as_str());
        let ssl = p
            .as_bytes()
            .first()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'));
        let mut end = m.end();
        let (major, minor, unversioned) = match c.name("maj") {
            Some(maj) => {
                let Ok(major) = maj.as_str().parse::<u32>() else {
                    continue;
                };
                let minor = c
                    .name("min")
                    .and_then(|n| n.as_str().parse::<u32>().ok())
                    .unwrap_or(0);
                // "TLS 12" is not a version; the regex consumed a trailing digit to reject it.
                let ver_end = c.name("min").map_or(maj.end(), |n| n.end());
                if text
                    .as_bytes()
                    .get(ver_end)
                    .is_some_and(|b| b.is_ascii_digit())
                {
                    continue;
                }
                (major, minor, false)
            }
            None => match LATER_VERSION_RE.captures(after(text, end, 80)) {
                // "a TLS session negotiated at version 1.2 or above", "TLS whose protocol
                // version is not lower than 1.2".
                Some(v) => {
                    let number = |n: &str| v.name(n).and_then(|x| x.as_str().parse::<u32>().ok());
                    let (Some(major), Some(minor)) = (number("maj"), number("min")) else {
                        continue;
                    };
                    let at_least = v.name("least").is_some() || v.name("higher").is_some();
                    out.push(ProtocolVersion {
                        span: (m.start(), end + v.get(0).map_or(0, |x| x.end())),
                        ssl,
                        major,
                        minor,
                        or_higher: at_least,
                        unversioned: false,
                    });
                    continue;
                }
                None => (0, 0, true),
            },
        };
        let mut or_higher = false;
        if !unversioned {
            let tail = &text[c.name("min").or(c.name("maj")).map_or(m.end(), |x| x.end())..m.end()];
            or_higher = !tail.trim().is_empty();
            let (_, w) = before(text, m.start(), 40);
            if AT_LEAST_BEFORE_RE.is_match(w) {
                or_higher = true;
            }
            if let Some(mm) = MINIMUM_AFTER_RE.find(after(text, end, 24)) {
                or_higher = true;
                end += mm.end();
            }
        }
        // Drop a trailing space/paren that belongs to the text, not the match.
        let trimmed = text[m.start()..end].trim_end();
        out.push(ProtocolVersion {
            span: (m.start(), m.start() + trimmed.len()),
            ssl,
            major,
            minor,
            or_higher,
            unversioned,
        });
    }
    out
}

static AES_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:AES[\s-]?(?:(?:GCM|CBC|XTS|CTR|CCM)[\s-])?(?P<a>[0-9]{3})(?-u:\b)|(?P<b>[0-9]{3})[\s-]?bits?[\s-]+(?:key\s+)?(?:AES|Advanced\s+Encryption\s+Standard)(?-u:\b)|(?:AES|Advanced\s+Encryption\s+Standard)(?:\s*\(AES\))?[\s-]+(?:\(AES\)\s+)?(?:(?:with|using)\s+)?(?:an?\s+)?(?:minimum\s+)?(?:keys?\s+(?:length\s+|size\s+)?of\s+)?(?:at\s+least\s+)?(?P<c>[0-9]{3})(?:[\s-]?bits?)?(?-u:\b))",
    )
    .expect("aes re")
});

/// AES key lengths: "AES-256", "256-bit AES", "AES 128", "AES256", "AES-GCM-256",
/// "256 bit Advanced Encryption Standard", "AES with 256-bit keys" → bits.
pub fn find_aes_bits(text: &str) -> Vec<(Span, u32)> {
    AES_RE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = c.name("a").or(c.name("b")).or(c.name("c"))?;
            let bits = n.as_str().parse::<u32>().ok()?;
            Some(((m.start(), m.end()), bits))
        })
        .collect()
}

static WEAK_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:3-?DES|Triple[\s-]DES|TDEA|RC4|ARC4|ARCFOUR|RC2|MD4|MD5|SHA-?1|(?-i:DES))(?-u:\b)",
    )
    .expect("weak re")
});

/// Weak or obsolete ciphers and hashes: "3DES", "Triple DES", "DES" (upper case only, so the word
/// "des" in names is not flagged), "RC4", "MD5", "SHA-1". Protocol versions ("SSLv3", "TLS 1.0") are
/// reported by [`find_tls_versions`].
pub fn find_weak_ciphers(text: &str) -> Vec<Span> {
    WEAK_RE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

static FIPS_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(r"(?i)(?-u:\b)FIPS(?:[\s-]+(?:PUB(?:LICATION)?\s+)?140(?:-[1-3])?)?(?-u:\b)")
        .expect("fips re")
});

static FIPS_QUAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)(?-u:\b)(?:(?P<yes>validated|validation|certified|certification|CMVP|accredited)|(?P<no>compliant|compliance|compatible|conformant|conform\w*|consistent|aligned|meets?|meeting|approved|standards?|based))(?-u:\b)",
    )
    .expect("fips qual re")
});

static NUMBER_AFTER_RE: LazyLock<Regex> =
    LazyLock::new(|| ascii_regex(r"^[\s-]*(?:PUB\s+)?[0-9]").expect("number after re"));

/// FIPS 140-2/140-3 mentions, and whether "validated"/"certified" (true) vs
/// "compliant"/"compatible"/"approved" or no qualifier (false). Looks at up to five words after the
/// mention ("FIPS 140-2 Level 1 validated"), then up to four before ("validated to FIPS 140-3").
/// Other FIPS publications ("FIPS 197") are skipped.
pub fn find_fips(text: &str) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    for m in FIPS_RE.find_iter(text) {
        let s = m.as_str();
        if !s.contains("140") && NUMBER_AFTER_RE.is_match(after(text, m.end(), 12)) {
            continue;
        }
        let a = after(text, m.end(), 80);
        let a = &a[..first_break(a)];
        let a = &a[..a.match_indices(' ').nth(5).map_or(a.len(), |(i, _)| i)];
        let q = FIPS_QUAL_RE.captures(a).or_else(|| {
            let (_, w) = before(text, m.start(), 60);
            let w = &w[after_last_break(w)..];
            let w = &w[last_words_start(w, 4)..];
            FIPS_QUAL_RE.captures_iter(w).last()
        });
        let validated = q.is_some_and(|c| c.name("yes").is_some());
        out.push(((m.start(), m.end()), validated));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_tls_table() {
        // (text, ssl, major, minor, or_higher, unversioned, span)
        let cases: &[(&str, bool, u32, u32, bool, bool, &str)] = &[
            ("TLS 1.2", false, 1, 2, false, false, "TLS 1.2"),
            (
                "TLS v1.2 or higher",
                false,
                1,
                2,
                true,
                false,
                "TLS v1.2 or higher",
            ),
            ("using TLSv1.3.", false, 1, 3, false, false, "TLSv1.3"),
            ("TLS 1.2+ only", false, 1, 2, true, false, "TLS 1.2+"),
            (
                "with TLS in version 1.2 or higher;",
                false,
                1,
                2,
                true,
                false,
                "TLS in version 1.2 or higher",
            ),
            ("SSL encryption", true, 0, 0, false, true, "SSL"),
            ("SSLv3", true, 3, 0, false, false, "SSLv3"),
            ("TLS 1.0", false, 1, 0, false, false, "TLS 1.0"),
            ("at least TLS 1.2", false, 1, 2, true, false, "TLS 1.2"),
            (
                "TLS version 1.2 or later",
                false,
                1,
                2,
                true,
                false,
                "TLS version 1.2 or later",
            ),
            (
                "Transport Layer Security (TLS) 1.2",
                false,
                1,
                2,
                false,
                false,
                "Transport Layer Security (TLS) 1.2",
            ),
            ("tls 1.1", false, 1, 1, false, false, "tls 1.1"),
            (
                "TLS 1.2 (or higher);",
                false,
                1,
                2,
                true,
                false,
                "TLS 1.2 (or higher)",
            ),
            (
                "TLS 1.2 or above.",
                false,
                1,
                2,
                true,
                false,
                "TLS 1.2 or above",
            ),
        ];
        for (text, ssl, maj, min, hi, unv, span) in cases {
            let v = find_tls_versions(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            let p = &v[0];
            assert_eq!(&text[p.span.0..p.span.1], *span, "{text}");
            assert_eq!(
                (p.ssl, p.major, p.minor, p.or_higher, p.unversioned),
                (*ssl, *maj, *min, *hi, *unv),
                "{text}"
            );
        }
        let v = find_tls_versions("SSL/TLS");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|p| p.unversioned));
        assert!(find_tls_versions("mTLS and STARTTLS and TLSA records").is_empty());
        // The version a few words after "TLS".
        for (text, hi) in [
            (
                "inside a TLS session negotiated at version 1.2 or above",
                true,
            ),
            (
                "a TLS tunnel whose protocol version is not lower than 1.2",
                true,
            ),
            ("TLS, version 1.3", false),
        ] {
            let v = find_tls_versions(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(
                (v[0].major, v[0].minor, v[0].or_higher, v[0].unversioned),
                (1, v[0].minor, hi, false),
                "{text}"
            );
        }
        // Not past the clause.
        assert!(find_tls_versions("uses TLS. The version 1.2 of the API")
            .iter()
            .all(|p| p.unversioned));
    }

    #[test]
    fn quantity_aes_and_weak_table() {
        let cases: &[(&str, u32, &str)] = &[
            ("AES-256", 256, "AES-256"),
            ("AES using 256-bit keys", 256, "AES using 256-bit"),
            (
                "AES with keys of at least 256 bits",
                256,
                "AES with keys of at least 256 bits",
            ),
            ("256-bit AES", 256, "256-bit AES"),
            ("AES 128", 128, "AES 128"),
            ("AES256", 256, "AES256"),
            ("AES-GCM-256", 256, "AES-GCM-256"),
            (
                "256 bit Advanced Encryption Standard",
                256,
                "256 bit Advanced Encryption Standard",
            ),
            ("AES with 256-bit keys", 256, "AES with 256-bit"),
        ];
        for (text, bits, span) in cases {
            let v = find_aes_bits(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(v[0].1, *bits, "{text}");
            assert_eq!(&text[v[0].0 .0..v[0].0 .1], *span, "{text}");
        }
        assert!(find_aes_bits("AES encryption").is_empty());
        let weak: &[(&str, usize)] = &[
            ("3DES", 1),
            ("Triple DES and RC4", 2),
            ("DES", 1),
            ("MD5 or SHA-1", 2),
            ("SHA1", 1),
            ("SHA-256 and SHA-512", 0),
            ("Des Moines", 0),
            ("AES-256", 0),
        ];
        for (text, n) in weak {
            assert_eq!(find_weak_ciphers(text).len(), *n, "{text}");
        }
    }

    #[test]
    fn quantity_fips_table() {
        let cases: &[(&str, Option<bool>)] = &[
            ("FIPS 140-2 validated modules", Some(true)),
            ("FIPS 140-3 certified", Some(true)),
            ("FIPS 140-2 compliant encryption", Some(false)),
            ("FIPS 140-2 compatible", Some(false)),
            ("cryptography meeting FIPS 140-2", Some(false)),
            ("modules validated to FIPS 140-3", Some(true)),
            ("FIPS 140-2 Level 1 validated", Some(true)),
            ("FIPS 140-2", Some(false)),
            ("FIPS-validated", Some(true)),
            ("FIPS 197", None),
        ];
        for (text, want) in cases {
            let v = find_fips(text);
            match want {
                Some(w) => {
                    assert_eq!(v.len(), 1, "{text}: {v:?}");
                    assert_eq!(v[0].1, *w, "{text}");
                }
                None => assert!(v.is_empty(), "{text}: {v:?}"),
            }
        }
    }
}
