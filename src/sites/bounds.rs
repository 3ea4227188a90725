//! Bounds on user rule files and the values in them, so a rule file cannot hang the
//! process or eat its memory before it is refused, and what is refused is said in plain
//! words: a rule file is a regular file of at most [`MAX_RULE_FILE`] bytes (a FIFO or
//! `/dev/zero` is refused unread); a regex is at most [`MAX_REGEX`] bytes of source and
//! compiles to at most [`REGEX_SIZE_LIMIT`]; a file holds at most [`MAX_SELECTORS`] CSS
//! selectors (each is tried on every element of every page); a host is a host name.
//! Values are quoted in messages only up to [`SHOWN`] characters.

use std::io::Read;
use std::path::Path;

use regex::{Regex, RegexBuilder};
use scraper::error::SelectorErrorKind;

/// The largest rule file read (the largest built-in one is about 3 KiB).
pub const MAX_RULE_FILE: u64 = 1 << 20;

/// The longest regex source (the longest built-in one is under 300 bytes).
pub const MAX_REGEX: usize = 16 * 1024;

/// The most a compiled regex may take (the `regex` crate's `size_limit`; its default is
/// 10 MiB).
pub const REGEX_SIZE_LIMIT: usize = 2 << 20;

/// The most CSS selectors one rule file may hold, over all its selector lists.
pub const MAX_SELECTORS: usize = 1000;

/// How much of a value a message quotes.
const SHOWN: usize = 60;

/// A value as a message quotes it: whole when short, else its start, `…` and its size.
pub fn shown(value: &str) -> String {
    if value.chars().count() <= SHOWN {
        return format!("{value:?}");
    }
    let head: String = value.chars().take(SHOWN).collect();
    format!("{head:?}… ({} bytes)", value.len())
}

/// The text of a rule file: a regular file (symbolic links followed) of at most
/// [`MAX_RULE_FILE`] bytes, in UTF-8. FIFOs, devices and sockets are refused without
/// being opened (opening a FIFO would wait for a writer; `/dev/zero` never ends).
pub fn read_rule_file(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read rules: {e}"))?;
    if meta.is_dir() {
        return Err("cannot read rules: it is a directory".to_owned());
    }
    if !meta.is_file() {
        return Err("cannot read rules: not a regular file (a FIFO, device or socket); rule files must be \
                    regular files"
            .to_owned());
    }
    let too_big =
        || format!("cannot read rules: the file is over {} KiB, the most a rule file may be", MAX_RULE_FILE >> 10);
    if meta.len() > MAX_RULE_FILE {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read rules: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_RULE_FILE + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read rules: {e}"))?;
    if bytes.len() as u64 > MAX_RULE_FILE {
        return Err(too_big());
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("cannot read rules: not UTF-8 text (at byte {})", e.utf8_error().valid_up_to()))
}

/// Compile a regex of a rule within the bounds.
pub fn regex(src: &str) -> Result<Regex, String> {
    if src.len() > MAX_REGEX {
        return Err(format!("regex {} is over {} KiB, the most a rule's regex may be", shown(src), MAX_REGEX >> 10));
    }
    RegexBuilder::new(src).size_limit(REGEX_SIZE_LIMIT).build().map_err(|e| match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "regex {} compiles to more than {} KiB (the limit); make it simpler (fewer repetitions, \
             shorter alternatives)",
            shown(src),
            limit >> 10
        ),
        other => format!("invalid regex {}: {}", shown(src), one_line(&other)),
    })
}

fn one_line(e: &impl std::fmt::Display) -> String {
    e.to_string().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// What is wrong with a CSS selector, in plain words (the parser's own text for some
/// errors asks to report a bug to its developer).
pub fn selector_problem(e: &SelectorErrorKind) -> String {
    let what = match e {
        SelectorErrorKind::UnexpectedToken => "a character that cannot stand there",
        SelectorErrorKind::EndOfLine => "it ends where more is needed (an unclosed `[` or `(`?)",
        SelectorErrorKind::InvalidAtRule | SelectorErrorKind::InvalidAtRuleBody => "an @-rule is not a selector",
        SelectorErrorKind::QualRuleInvalid => "not a selector",
        SelectorErrorKind::ExpectedColonOnPseudoElement => "a pseudo-element needs `::` before its name",
        SelectorErrorKind::ExpectedIdentityOnPseudoElement => "a pseudo-element needs a name after `::`",
        SelectorErrorKind::UnexpectedSelectorParseError(kind) => {
            let name = format!("{kind:?}");
            return match name.as_str() {
                "DanglingCombinator" => "a combinator (`>`, `+`, `~`) with nothing after it".to_owned(),
                "EmptySelector" => "an empty selector (a `,`, `#`, `.` or `:not()` with nothing to select)".to_owned(),
                "UnsupportedPseudoClassOrElement" => {
                    "a pseudo-class or pseudo-element that is not supported".to_owned()
                }
                "ClassNeedsIdent" => "a `.` with no class name after it".to_owned(),
                "NoIdentForPseudo" => "a `:` with no name after it".to_owned(),
                "NoQualifiedNameInAttributeSelector" | "InvalidQualNameInAttr" => {
                    "an attribute selector (`[...]`) without a valid attribute name".to_owned()
                }
                "BadValueInAttr" | "ExpectedBarInAttr" | "UnexpectedTokenInAttributeSelector" => {
                    "an attribute selector (`[...]`) that is not `[name]`, `[name=value]` or the like".to_owned()
                }
                _ => words(&name),
            };
        }
        _ => return words(&format!("{e:?}")),
    };
    what.to_owned()
}

/// How many selectors a (valid) selector list holds: its commas outside brackets,
/// parentheses and quotes, plus one.
pub fn count_selectors(list: &str) -> usize {
    let (mut depth, mut quote, mut n) = (0usize, None, 1);
    let mut chars = list.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => n += 1,
            _ => {}
        }
    }
    n
}

/// `DanglingCombinator` -> `dangling combinator`.
fn words(camel: &str) -> String {
    let name = camel.split(['(', ' ']).next().unwrap_or(camel);
    let mut out = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// What is wrong with a `hosts` entry's host part, if anything.
pub fn host_problem(host: &str) -> Option<String> {
    if host.contains('*') {
        return Some(format!(
            "host {}: `*` is no wildcard here; a host also matches its subdomains (`example.org` matches \
             `www.example.org`), so write the common host",
            shown(host)
        ));
    }
    let ok = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..");
    (!ok).then(|| {
        format!(
            "host {}: write a lower-case host name (`example.org`), optionally with a path (`example.org/zh`)",
            shown(host)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_short() {
        assert_eq!(shown("abc"), "\"abc\"");
        let long = "x".repeat(10_000);
        let s = shown(&long);
        assert!(s.len() < 100 && s.ends_with("(10000 bytes)"), "{s}");
    }

    #[test]
    fn regexes_are_bounded_before_they_cost() {
        let t = std::time::Instant::now();
        let huge = "a".repeat(10 << 20);
        let e = regex(&huge).unwrap_err();
        assert!(e.contains("over 16 KiB") && e.len() < 200, "{e}");
        let e = regex(&"(?:a{1000}){1000}".repeat(2)).unwrap_err();
        assert!(e.contains("compiles to more than"), "{e}");
        assert!(t.elapsed() < std::time::Duration::from_secs(10));
        assert!(regex(r"^\d+$").is_ok());
        assert!(regex("(").unwrap_err().starts_with("invalid regex \"(\""));
    }

    #[test]
    fn selector_problems_in_plain_words() {
        for (sel, says) in [
            ("div >", "nothing after it"),
            ("#", "empty selector"),
            ("p:foo", "not supported"),
            ("div[", "ends where more is needed"),
        ] {
            let e = scraper::Selector::parse(sel).unwrap_err();
            let p = selector_problem(&e);
            assert!(p.contains(says) && !p.contains("report"), "{sel}: {p}");
        }
    }

    #[test]
    fn selectors_are_counted() {
        assert_eq!(count_selectors("div"), 1);
        assert_eq!(count_selectors(".a, .b > p,#c"), 3);
        assert_eq!(count_selectors(":not(a, b), [title='x,y'], p"), 3);
    }

    #[test]
    fn hosts_are_host_names() {
        assert!(host_problem("*").unwrap().contains("no wildcard"));
        assert!(host_problem("*.example.org").is_some());
        assert!(host_problem("Example.org").is_some());
        assert!(host_problem("example..org").is_some());
        assert_eq!(host_problem("www.cna.com.tw"), None);
        assert_eq!(host_problem("xn--fiqs8s.cn"), None);
    }

    #[cfg(unix)]
    #[test]
    fn rule_files_are_regular_and_bounded() {
        assert!(read_rule_file(Path::new("/dev/zero")).unwrap_err().contains("not a regular file"));
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; (MAX_RULE_FILE + 1) as usize]).unwrap();
        assert!(read_rule_file(&big).unwrap_err().contains("over 1024 KiB"));
        assert!(read_rule_file(dir.path()).unwrap_err().contains("directory"));
    }
}
