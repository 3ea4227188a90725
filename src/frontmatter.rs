//! YAML front matter: split from the text, parsed strictly with serde-saphyr, with a
//! lenient `key: value` reader as fallback for the malformed YAML real scrapers write.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::Error;

/// A front matter value: a string, or a list of strings (nested structures are
/// flattened to their scalar leaves; `null` is absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    List(Vec<String>),
}

/// Parsed front matter, keys in file order.
#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub fields: Vec<(String, Value)>,
    /// Strict YAML parsing failed and the lenient reader was used.
    pub lenient: bool,
}

impl FrontMatter {
    fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A scalar field (the first item when it is a list), trimmed, `None` when empty.
    pub fn str(&self, key: &str) -> Option<&str> {
        let s = match self.get(key)? {
            Value::Str(s) => s.as_str(),
            Value::List(l) => l.first()?.as_str(),
        };
        let s = s.trim();
        (!s.is_empty()).then_some(s)
    }

    /// A list field; a single string counts as a one-item list.
    pub fn list(&self, key: &str) -> Vec<&str> {
        match self.get(key) {
            Some(Value::Str(s)) if !s.trim().is_empty() => vec![s.trim()],
            Some(Value::List(l)) => l.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// Split `---\n<yaml>\n---\n<rest>`. `None` when the text does not open with a `---`
/// line; an error when it opens one and never closes it.
pub fn split(text: &str) -> Option<Result<(&str, &str), Error>> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text.get(..first_end)?.trim_end() != "---" {
        return None;
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text.get(pos..)?.find('\n').map_or(text.len(), |i| pos + i);
        let line = text.get(pos..line_end)?.trim_end();
        if line == "---" || line == "..." {
            let yaml = text.get(yaml_start..pos)?;
            let rest = text.get((line_end + 1).min(text.len())..)?;
            return Some(Ok((yaml, rest)));
        }
        pos = line_end + 1;
    }
    Some(Err(Error::FrontMatterUnclosed))
}

/// Remove C0 control characters (other than tab and line breaks) that every strict
/// YAML parser rejects and that carry no text.
fn strip_controls(yaml: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if yaml.contains(bad) { Cow::Owned(yaml.chars().filter(|&c| !bad(c)).collect()) } else { Cow::Borrowed(yaml) }
}

/// Parse front matter YAML.
pub fn parse(yaml: &str) -> Result<FrontMatter, Error> {
    let yaml = strip_controls(yaml);
    let raw = lenient(&yaml);
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    // YAML 1.2 booleans only: `y`, `yes`, `on` stay strings.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    match serde_saphyr::from_str_with_options::<serde_json::Value>(&yaml, options) {
        Ok(serde_json::Value::Object(map)) => {
            // Each key's first lenient reading and its line order, looked up once per
            // key (a scan of `raw` per key made thousands of keys quadratic).
            let mut raw_index: HashMap<&str, (usize, &Value)> = HashMap::with_capacity(raw.len());
            for (i, (k, v)) in raw.iter().enumerate() {
                raw_index.entry(*k).or_insert((i, v));
            }
            let mut fields = Vec::with_capacity(map.len());
            for (key, value) in map {
                let raw_value = raw_index.get(key.as_str()).map(|(_, v)| *v);
                let value = match (value, raw_value) {
                    // A plain scalar with ` #` lost its tail to a YAML comment
                    // (`title: 新闻 #热点`); non-string scalars keep their source text.
                    (serde_json::Value::String(s), Some(Value::Str(r)))
                        if r.contains(" #") && !r.starts_with(['"', '\'']) && r.starts_with(s.trim()) =>
                    {
                        Value::Str(r.clone())
                    }
                    (serde_json::Value::String(s), _) => Value::Str(s),
                    (serde_json::Value::Null, _) => continue,
                    // Non-string items (`[ x, 1.50, true ]`) keep their source text.
                    (serde_json::Value::Array(items), Some(Value::List(r)))
                        if r.len() == items.len() && items.iter().any(|i| !i.is_string()) =>
                    {
                        Value::List(r.clone())
                    }
                    (serde_json::Value::Array(items), _) => Value::List(items.iter().flat_map(leaves).collect()),
                    (serde_json::Value::Object(m), _) => Value::List(m.values().flat_map(leaves).collect()),
                    (other, Some(Value::Str(r))) if !r.is_empty() => {
                        let _ = other;
                        Value::Str(r.clone())
                    }
                    (other, _) => Value::Str(leaves(&other).join(" ")),
                };
                fields.push((key, value));
            }
            // serde_json's map is sorted; restore file order.
            fields.sort_by_key(|(k, _)| raw_index.get(k.as_str()).map_or(usize::MAX, |(i, _)| *i));
            Ok(FrontMatter { fields, lenient: false })
        }
        Ok(serde_json::Value::Null) => Ok(FrontMatter::default()),
        Ok(other) => Err(Error::FrontMatterInvalid(format!("it is {}", describe(&other)))),
        Err(_) if !raw.is_empty() => {
            Ok(FrontMatter { fields: raw.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), lenient: true })
        }
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or("invalid YAML").to_owned();
            Err(Error::FrontMatterInvalid(format!("no `key: value` line; YAML error: {first}")))
        }
    }
}

fn describe(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::String(_) => "a plain string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Null => "empty",
        serde_json::Value::Object(_) => "a mapping",
    }
}

fn leaves(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(leaves).collect(),
        serde_json::Value::Object(m) => m.values().flat_map(leaves).collect(),
        other => vec![other.to_string()],
    }
}

/// The lenient reader: top-level `key: value` lines, `- item` continuation lines,
/// `[a, b]` flow lists, quotes stripped. Used for fallback and for raw values.
fn lenient(yaml: &str) -> Vec<(&str, Value)> {
    let mut out: Vec<(&str, Value)> = Vec::new();
    for line in yaml.lines() {
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indented || trimmed.starts_with("- ") || trimmed == "-" {
            let Some((_, last)) = out.last_mut() else { continue };
            if let Some(item) = trimmed.strip_prefix('-') {
                let item = unquote(item.trim()).into_owned();
                match last {
                    Value::List(l) => l.push(item),
                    Value::Str(s) if s.is_empty() => *last = Value::List(vec![item]),
                    Value::Str(s) => {
                        s.push(' ');
                        s.push_str(trimmed);
                    }
                }
            } else if let Value::Str(s) = last {
                // A folded continuation of a multi-line scalar.
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(trimmed.trim_end_matches('"'));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) && key.starts_with(['"', '\'']) {
            continue;
        }
        let value = value.trim();
        let value = if value.starts_with('[') && value.ends_with(']') {
            let inner = value.get(1..value.len() - 1).unwrap_or_default();
            Value::List(inner.split(',').map(|s| unquote(s.trim()).into_owned()).filter(|s| !s.is_empty()).collect())
        } else {
            Value::Str(unquote(value).into_owned())
        };
        out.push((key, value));
    }
    out
}

/// Strip one pair of matching quotes; undo `\"` and `\\` in double quotes, `''` in single.
fn unquote(s: &str) -> Cow<'_, str> {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        let inner = s.get(1..s.len() - 1).unwrap_or_default();
        if inner.contains('\\') {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('n') => out.push(' '),
                        Some('t') => out.push('\t'),
                        Some(other) => out.push(other),
                        None => out.push('\\'),
                    }
                } else {
                    out.push(c);
                }
            }
            return Cow::Owned(out);
        }
        return Cow::Borrowed(inner);
    }
    if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        let inner = s.get(1..s.len() - 1).unwrap_or_default();
        return if inner.contains("''") { Cow::Owned(inner.replace("''", "'")) } else { Cow::Borrowed(inner) };
    }
    Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_parses() {
        let text = "---\ntitle: \"A\"\ntags: [ x, y ]\n---\nbody\n";
        let (yaml, rest) = split(text).unwrap().unwrap();
        assert_eq!(rest, "body\n");
        let fm = parse(yaml).unwrap();
        assert_eq!(fm.str("title"), Some("A"));
        assert_eq!(fm.list("tags"), vec!["x", "y"]);
        assert!(!fm.lenient);
    }

    #[test]
    fn crlf_and_unclosed() {
        let (yaml, rest) = split("---\r\ntitle: a\r\n---\r\nbody").unwrap().unwrap();
        assert_eq!(parse(yaml).unwrap().str("title"), Some("a"));
        assert_eq!(rest, "body");
        assert_eq!(split("---\ntitle: a\nbody").unwrap().unwrap_err().kind(), "front_matter_unclosed");
        assert!(split("no front matter").is_none());
    }

    #[test]
    fn single_string_tags_and_block_lists() {
        let fm = parse("tags: one\n").unwrap();
        assert_eq!(fm.list("tags"), vec!["one"]);
        let fm = parse("tags:\n  - \"a\"\n  - b\n").unwrap();
        assert_eq!(fm.list("tags"), vec!["a", "b"]);
    }

    #[test]
    fn lenient_fallback_on_broken_yaml() {
        let fm = parse("title: \"He said \"no\" today\"\ndate: 2021-01-01\n").unwrap();
        assert!(fm.lenient);
        assert_eq!(fm.str("title"), Some("He said \"no\" today"));
        let fm = parse("title: [突發] 標題: 內容\nauthor: x\n").unwrap();
        assert!(fm.lenient);
        assert_eq!(fm.str("title"), Some("[突發] 標題: 內容"));
    }

    #[test]
    fn hash_in_plain_title_is_kept() {
        let fm = parse("title: 新闻 #热点\n").unwrap();
        assert_eq!(fm.str("title"), Some("新闻 #热点"));
    }

    #[test]
    fn numbers_and_booleans_keep_source_text() {
        let fm = parse("title: 1.50\ntags: [ y, 1.0, 中文 ]\nauthor: yes\n").unwrap();
        assert_eq!(fm.str("title"), Some("1.50"));
        assert_eq!(fm.list("tags"), vec!["y", "1.0", "中文"]);
        assert_eq!(fm.str("author"), Some("yes"));
    }

    #[test]
    fn not_a_mapping() {
        assert_eq!(parse("- a\n- b\n").unwrap_err().kind(), "front_matter_invalid");
        assert_eq!(parse("just some words\n").unwrap_err().kind(), "front_matter_invalid");
    }

    #[test]
    fn many_keys_keep_file_order_in_linear_time() {
        // Found by a scaling probe beside the fuzzers: each key was looked up by a scan
        // of all keys, and sorted by another (48 KiB of keys took 1.5 s, 200 KiB 45 s).
        let yaml: String = (0..20_000).rev().map(|i| format!("k{i}: v{i}\n")).collect();
        let fm = parse(&yaml).unwrap();
        assert!(!fm.lenient);
        assert_eq!(fm.fields.len(), 20_000);
        assert_eq!(fm.fields.first().map(|(k, _)| k.as_str()), Some("k19999"));
        assert_eq!(fm.str("k0"), Some("v0"));
    }

    #[test]
    fn control_characters_are_dropped() {
        let fm = parse("title: \"a\u{0003}b\"\n").unwrap();
        assert!(!fm.lenient);
        assert_eq!(fm.str("title"), Some("ab"));
    }
}
