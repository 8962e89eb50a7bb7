//! Numbers in words or digits: the regex fragments that find them ("seventy-two", "1,000",
//! "99.9") and the parsers that read their value.

use super::common::B;

/// Digits, with optional thousands separators and decimals: "72", "1,000", "99.9".
pub(super) const DIG: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// One number word (each followed by an ASCII word boundary).
const WORD: &str = r"(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?-u:\b)";

/// A run of number words: "seventy-two", "twenty four", "one hundred and twenty".
pub(super) fn wseq() -> String {
    format!(r"(?:{B}{WORD}(?:(?:\s+|-)(?:and\s+)?{WORD})*)")
}

/// The ordinal words [`parse_ordinal`] reads, "first" to "twelfth" (each followed by an ASCII word
/// boundary).
pub(super) const ORD_WORD: &str = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)(?-u:\b)";

/// The value of an ordinal: "second" → 2, "twelfth" → 12, "5th" → 5, "2nd" → 2 (the suffix is not
/// checked against the number). `None` for anything else.
pub(super) fn parse_ordinal(s: &str) -> Option<f64> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if let Some(i) = WORDS.iter().position(|w| s.eq_ignore_ascii_case(w)) {
        return Some(i as f64 + 1.0);
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &s[digits..];
    if digits == 0
        || !["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x))
    {
        return None;
    }
    s[..digits].parse::<f64>().ok()
}

#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Start,
    Ones,
    Teen,
    Tens,
    Hundred,
    Scale,
}

fn word_value(w: &str) -> Option<(f64, Tok)> {
    let lower = w.to_ascii_lowercase();
    let v = match lower.as_str() {
        "zero" => (0.0, Tok::Ones),
        "one" => (1.0, Tok::Ones),
        "two" => (2.0, Tok::Ones),
        "three" => (3.0, Tok::Ones),
        "four" => (4.0, Tok::Ones),
        "five" => (5.0, Tok::Ones),
        "six" => (6.0, Tok::Ones),
        "seven" => (7.0, Tok::Ones),
        "eight" => (8.0, Tok::Ones),
        "nine" => (9.0, Tok::Ones),
        "ten" => (10.0, Tok::Teen),
        "eleven" => (11.0, Tok::Teen),
        "twelve" => (12.0, Tok::Teen),
        "thirteen" => (13.0, Tok::Teen),
        "fourteen" => (14.0, Tok::Teen),
        "fifteen" => (15.0, Tok::Teen),
        "sixteen" => (16.0, Tok::Teen),
        "seventeen" => (17.0, Tok::Teen),
        "eighteen" => (18.0, Tok::Teen),
        "nineteen" => (19.0, Tok::Teen),
        "twenty" => (20.0, Tok::Tens),
        "thirty" => (30.0, Tok::Tens),
        "forty" | "fourty" => (40.0, Tok::Tens),
        "fifty" => (50.0, Tok::Tens),
        "sixty" => (60.0, Tok::Tens),
        "seventy" => (70.0, Tok::Tens),
        "eighty" => (80.0, Tok::Tens),
        "ninety" => (90.0, Tok::Tens),
        "hundred" => (100.0, Tok::Hundred),
        "thousand" => (1e3, Tok::Scale),
        "million" => (1e6, Tok::Scale),
        "billion" => (1e9, Tok::Scale),
        _ => return None,
    };
    Some(v)
}

pub(super) fn parse_digits(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return None;
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
    {
        return None;
    }
    if t.contains(',') {
        // Thousands separators: groups of three after the first.
        let int_part = t.split('.').next().unwrap_or("");
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    t.replace(',', "").parse::<f64>().ok()
}

/// Parses a number in words or digits: "seventy-two", "seventy two", "one hundred and twenty",
/// "twelve", "72", "1,000", "99.9"; "a"/"an" → 1. Returns `None` for anything else, including
/// ill-formed word sequences ("two three", "twenty and five").
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if t.as_bytes()[0].is_ascii_digit() {
        return parse_digits(t);
    }
    if t.eq_ignore_ascii_case("a") || t.eq_ignore_ascii_case("an") {
        return Some(1.0);
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Tok::Start;
    let mut pending_and = false;
    let mut any = false;
    for w in t.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        if w.eq_ignore_ascii_case("and") {
            if !matches!(last, Tok::Hundred | Tok::Scale) || pending_and {
                return None;
            }
            pending_and = true;
            continue;
        }
        let (v, kind) = word_value(w)?;
        match kind {
            Tok::Ones => {
                if matches!(last, Tok::Ones | Tok::Teen) || (last == Tok::Tens && v == 0.0) {
                    return None;
                }
                current += v;
            }
            Tok::Teen | Tok::Tens => {
                if matches!(last, Tok::Ones | Tok::Teen | Tok::Tens) {
                    return None;
                }
                current += v;
            }
            Tok::Hundred => {
                if matches!(last, Tok::Hundred) || current >= 100.0 {
                    return None;
                }
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
            }
            Tok::Scale => {
                if last == Tok::Scale {
                    return None;
                }
                let c = if current == 0.0 { 1.0 } else { current };
                total += c * v;
                current = 0.0;
            }
            Tok::Start => {}
        }
        pending_and = false;
        last = kind;
        any = true;
    }
    if !any || pending_and {
        return None;
    }
    Some(total + current)
}

/// Parses a word sequence matched greedily by the regex; if the whole run is ill-formed, drops
/// words from the front until the rest parses ("one two" → "two"). Returns the value and the byte
/// offset (within `s`) where the parsed part starts.
pub(super) fn parse_words_suffix(s: &str) -> Option<(f64, usize)> {
    if let Some(v) = parse_number(s) {
        return Some((v, 0));
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'-' {
            let rest = &s[i + 1..];
            let first = rest.split([' ', '-']).next().unwrap_or("");
            if !first.eq_ignore_ascii_case("and") {
                if let Some(v) = parse_number(rest) {
                    return Some((v, i + 1));
                }
            }
        }
        i += 1;
    }
    None
}

pub(super) fn num_value(s: &str) -> Option<f64> {
    if s.as_bytes().first()?.is_ascii_digit() {
        parse_digits(s)
    } else {
        parse_words_suffix(s).map(|(v, _)| v)
    }
}

/// Whether `s` is all of [`DIG`]: "72", "1,000", "99.9", "1,000.5".
pub(super) fn is_digits(s: &str) -> bool {
    let b = s.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], Some(&b[dot + 1..])),
        None => (b, None),
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit));
    let int_ok = match int.iter().position(|&c| c == b',') {
        None => !int.is_empty() && int.iter().all(u8::is_ascii_digit),
        Some(first) => {
            (1..=3).contains(&first)
                && int[..first].iter().all(u8::is_ascii_digit)
                && int[first..]
                    .chunks(4)
                    .all(|g| g.len() == 4 && g[0] == b',' && g[1..].iter().all(u8::is_ascii_digit))
        }
    };
    int_ok && frac_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_parse_number_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("seventy-two", Some(72.0)),
            ("seventy two", Some(72.0)),
            ("one hundred twenty", Some(120.0)),
            ("one hundred and twenty", Some(120.0)),
            ("twelve", Some(12.0)),
            ("fourteen", Some(14.0)),
            ("72", Some(72.0)),
            ("1,000", Some(1000.0)),
            ("5,000,000", Some(5e6)),
            ("99.9", Some(99.9)),
            ("a", Some(1.0)),
            ("an", Some(1.0)),
            ("Ninety", Some(90.0)),
            ("five million", Some(5e6)),
            ("two thousand five hundred", Some(2500.0)),
            ("zero", Some(0.0)),
            ("two three", None),
            ("twenty and five", None),
            ("seventy-two and", None),
            ("hours", None),
            ("", None),
            ("1,00", None),
            ("12abc", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), *want, "{s:?}");
        }
    }

    #[test]
    fn is_digits_reads_dig() {
        assert!(is_digits("1,000,000.25") && is_digits("72") && is_digits("0.5"));
        assert!(
            !is_digits("1,0000") && !is_digits("1,000.") && !is_digits(",000") && !is_digits("")
        );
    }

    #[test]
    fn parse_ordinal_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("first", Some(1.0)),
            ("Second", Some(2.0)),
            ("third", Some(3.0)),
            ("twelfth", Some(12.0)),
            ("2nd", Some(2.0)),
            ("5th", Some(5.0)),
            ("21st", Some(21.0)),
            ("other", None),
            ("5", None),
            ("th", None),
            ("5thx", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_ordinal(s), *want, "{s:?}");
        }
    }
}
