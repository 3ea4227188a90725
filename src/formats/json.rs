//! `json`: what scrapers write, as JSON: one object, an array of objects, or JSON Lines
//! (also objects one after another, as `cat a.json b.json` gives them). An array or
//! several objects are a container: each object is one input (`FILE#N`).
//!
//! The shapes are data, not code: each is a format file embedded from `formats/json/`
//! (news-please, fundus, trafilatura, newspaper, scrapy; see [`super::spec`]), tried in
//! that order on each object; the first whose `json_keys` it has reads it. An object of
//! none of the shapes is `unrecognized_format`, naming the keys it has.
//!
//! Reading is lazy, one object at a time: an array is walked element by element, JSON
//! Lines line by line (a bad line is an error for that line, and the others go on).

use std::borrow::Cow;
use std::sync::LazyLock;

use serde_json::Value;
use serde_json::value::RawValue;

use super::spec::{BodyKind, Origin, Spec};
use super::{Body, Category, Context, Draft, Format, Items, Read, html_page};
use crate::error::Error;
use crate::normalize::{date, text};
use crate::record::{Article, Image, warn};

pub struct Json;

/// The built-in shapes, in the order they are tried (the most particular first).
pub static SHAPE_FILES: &[(&str, &str)] = &[
    ("json/fundus.toml", include_str!("../../formats/json/fundus.toml")),
    ("json/news-please.toml", include_str!("../../formats/json/news-please.toml")),
    ("json/trafilatura.toml", include_str!("../../formats/json/trafilatura.toml")),
    ("json/newspaper.toml", include_str!("../../formats/json/newspaper.toml")),
    ("json/scrapy.toml", include_str!("../../formats/json/scrapy.toml")),
];

static SHAPES: LazyLock<Vec<Spec>> = LazyLock::new(|| {
    SHAPE_FILES
        .iter()
        .map(|(name, text)| match Spec::compile(&format!("formats/{name}"), text, Origin::Builtin(name)) {
            Ok(s) => s,
            // The embedded files are checked by the tests; a broken one is a build defect.
            Err(e) => panic!("invalid built-in format file: {e}"),
        })
        .collect()
});

/// The built-in JSON shapes.
pub fn shapes() -> &'static [Spec] {
    &SHAPES
}

/// Does `text` look like JSON (an object or an array)?
pub fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// The first object of a JSON text (of an array: its first element), for detection.
pub fn first_object(text: &str) -> Option<Value> {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('[') {
        let mut it = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        return it.next()?.ok().filter(Value::is_object);
    }
    let mut it = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    it.next()?.ok().filter(Value::is_object)
}

/// The objects of a JSON text: one, or (a container) several.
pub enum Values<'a> {
    One(Value),
    Many(Box<dyn Iterator<Item = Result<Value, Error>> + 'a>),
}

fn json_error(e: &serde_json::Error, what: &str) -> Error {
    Error::JsonInvalid(format!("{what}: {e}"))
}

/// Read a JSON text into its objects.
pub fn values(text: &str) -> Result<Values<'_>, Error> {
    let t = text.trim_start();
    if t.starts_with('[') {
        return Ok(Values::Many(Box::new(ArrayItems { text: t, pos: 1, done: false })));
    }
    let mut stream = serde_json::Deserializer::from_str(t).into_iter::<&RawValue>();
    let first = match stream.next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(json_error(&e, "the document")),
        None => return Err(Error::Empty("no JSON value")),
    };
    let end = stream.byte_offset();
    let rest = t.get(end..).unwrap_or_default();
    if rest.trim().is_empty() {
        return serde_json::from_str(first.get()).map(Values::One).map_err(|e| json_error(&e, "the document"));
    }
    // JSON Lines when the first value ends its line: then each line is read alone, and a
    // bad one is an error for that line only.
    let first_line_end = t.find('\n').unwrap_or(t.len());
    if end <= first_line_end {
        let lines = t
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| serde_json::from_str::<Value>(l).map_err(|e| json_error(&e, &format!("line {}", i + 1))));
        return Ok(Values::Many(Box::new(lines)));
    }
    // Values one after another (pretty-printed objects concatenated): read in turn, up to
    // the first that is damaged.
    let mut stream = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    let mut failed = false;
    let items = std::iter::from_fn(move || {
        if failed {
            return None;
        }
        match stream.next()? {
            Ok(v) => Some(Ok(v)),
            Err(e) => {
                failed = true;
                Some(Err(json_error(&e, "a value")))
            }
        }
    });
    Ok(Values::Many(Box::new(items)))
}

/// The elements of a JSON array, read one at a time; a damaged element ends it with
/// one error, after the elements before it.
struct ArrayItems<'a> {
    text: &'a str,
    /// Just after `[` or after the last element read.
    pos: usize,
    done: bool,
}

impl Iterator for ArrayItems<'_> {
    type Item = Result<Value, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let skipped = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',').len();
        let rest = rest.get(skipped..).unwrap_or_default();
        if rest.starts_with(']') {
            self.done = true;
            return None;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
        match stream.next() {
            Some(Ok(raw)) => {
                self.pos += skipped + stream.byte_offset();
                Some(serde_json::from_str(raw.get()).map_err(|e| json_error(&e, "an element")))
            }
            Some(Err(e)) => {
                self.done = true;
                Some(Err(json_error(&e, "the array")))
            }
            None => {
                self.done = true;
                Some(Err(Error::JsonInvalid("the array is cut short (no closing `]`)".to_owned())))
            }
        }
    }
}

/// The first value of `sources` in `doc` that holds something.
fn first<'v>(doc: &'v Value, sources: &[String]) -> Option<&'v Value> {
    sources.iter().filter_map(|p| doc.pointer(p)).find(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    })
}

/// A scalar as text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(scalar),
        Value::Object(o) => ["name", "title", "url", "value"].iter().find_map(|k| o.get(*k).and_then(scalar)),
        _ => None,
    }
}

/// A list of names, tags or URLs: an array (of strings, or objects with a `name`,
/// `url`...), or one string, split at `;` (trafilatura writes `a; b`).
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(scalar).collect(),
        Value::String(s) => s.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// Picture URLs: strings, or objects with `url` / `src` (also nested, as fundus's
/// `versions`).
fn image_urls(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
        Value::Array(a) => a.iter().for_each(|x| image_urls(x, out)),
        Value::Object(o) => match ["url", "src", "href", "image"].iter().find_map(|k| o.get(*k)) {
            Some(u) => image_urls(u, out),
            None => {
                if let Some(first) = o.get("versions").and_then(Value::as_array).and_then(|a| a.last()) {
                    image_urls(first, out);
                }
            }
        },
        _ => {}
    }
}

/// Every string inside a value, in order (a body given as a list or a tree of parts).
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() {
                out.push(s.to_owned());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Plain text to paragraphs: at blank lines when it has them (a single line break stays
/// inside its paragraph), else at each line break (scrapers join paragraphs with one).
pub fn text_paragraphs(t: &str) -> Vec<String> {
    let t = t.replace("\r\n", "\n");
    let blocks: Vec<&str> = if t.contains("\n\n") { t.split("\n\n").collect() } else { t.split('\n').collect() };
    blocks.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// Is this a full page (for `as = "auto"`)?
fn is_page(s: &str) -> bool {
    super::html_page::HtmlPage.detect(s) >= 60
}

/// Does this text hold HTML markup?
fn has_markup(s: &str) -> bool {
    ["<p", "<div", "<br", "<span", "<a ", "<img", "<h2", "<ul", "<figure", "<section", "<article"]
        .iter()
        .any(|t| s.contains(t))
}

/// A date value: a date string, or seconds (milliseconds) since the epoch.
fn date_of(v: &Value, assumed: Option<chrono::FixedOffset>) -> Option<date::When> {
    match v {
        Value::Number(n) => {
            let n = n.as_i64()?;
            date::from_epoch_ms(if n.abs() < 100_000_000_000 { n.checked_mul(1000)? } else { n })
        }
        other => date::parse_lenient(&scalar(other)?, assumed),
    }
}

/// The draft of one document of a format file's shape: its fields from `doc` (a JSON
/// object, or a front matter as one), its body from `body` sources, else `text` (a front
/// matter document's text after it).
pub fn draft<'a>(spec: &Spec, doc: &Value, text: Option<Cow<'a, str>>, cx: &Context<'a>) -> Result<Draft<'a>, Error> {
    let f = &spec.fields;
    let get = |sources: &[String]| first(doc, sources);
    let url = get(&f.url).and_then(scalar).filter(|u| {
        let l = u.to_ascii_lowercase();
        l.starts_with("http://") || l.starts_with("https://")
    });
    let kind = spec.body_kind;
    let parts: Vec<&Value> =
        if spec.body_parts { spec.body.iter().filter_map(|p| doc.pointer(p)).collect() } else { Vec::new() };
    let body_value = if spec.body_parts { None } else { get(&spec.body) };
    let body_text: Option<String> = match body_value {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    // A saved page: the page reader reads it; the declared fields fill what it lacks.
    let as_page = match (kind, body_text.as_deref()) {
        (BodyKind::Page, Some(_)) => true,
        (BodyKind::Auto, Some(s)) => is_page(s),
        _ => false,
    };
    let mut draft = if let (true, Some(page)) = (as_page, body_text.as_deref()) {
        let mut d = html_page::read_page(page, cx, url.as_deref());
        if d.article.url.is_none() {
            d.article.url.clone_from(&url);
        }
        d
    } else {
        let outlet = cx.outlet(None, url.as_deref());
        let body = match (body_value, body_text) {
            (Some(_), Some(s)) => match kind {
                BodyKind::Markdown => Body::Markdown(s.into()),
                BodyKind::Html => Body::html(s),
                BodyKind::Auto if has_markup(&s) => Body::html(s),
                _ => Body::Paragraphs(text_paragraphs(&s)),
            },
            (Some(v), None) => {
                let mut out = Vec::new();
                strings(v, &mut out);
                Body::Paragraphs(out)
            }
            (None, _) if !parts.is_empty() => {
                let mut out = Vec::new();
                parts.iter().for_each(|v| strings(v, &mut out));
                Body::Paragraphs(out)
            }
            (None, _) => match (text, kind) {
                (Some(t), BodyKind::Text) => Body::Paragraphs(text_paragraphs(&t)),
                (Some(t), BodyKind::Html | BodyKind::Page) => Body::Html { html: t, drop: None, caption: None },
                (Some(t), _) => Body::Markdown(t),
                (None, _) => Body::Paragraphs(Vec::new()),
            },
        };
        Draft {
            article: Article { url: url.clone(), ..Article::default() },
            body,
            outlet,
            label: None,
            publisher: None,
            category: Category::FromRules,
        }
    };
    let offset = draft.outlet.and_then(|o| o.home_offset());
    let a = &mut draft.article;
    if a.title.trim().is_empty()
        && let Some(t) = get(&f.title).and_then(scalar)
    {
        a.title = text::decode_entities(&t).into_owned();
    }
    if a.date.is_none() {
        match get(&f.date) {
            Some(v) => {
                a.date = date_of(v, offset);
                if a.date.is_none() {
                    a.warn(warn::DATE_UNPARSED);
                }
            }
            None if !f.date.is_empty() => a.warn(warn::NO_DATE),
            None => {}
        }
    }
    if a.date.is_some() {
        a.warnings.retain(|w| *w != warn::NO_DATE);
    }
    if a.author.is_none() {
        a.author = get(&f.author).and_then(|v| crate::sites::join_names(&list(v)));
    }
    if draft.publisher.is_none() {
        draft.publisher = get(&f.publisher).and_then(scalar);
    }
    let a = &mut draft.article;
    if a.tags.is_empty() {
        a.tags = get(&f.tags).map(list).unwrap_or_default();
    }
    if a.category.is_none() {
        a.category = get(&f.category).and_then(scalar);
    }
    if a.declared_language.is_none() {
        a.declared_language = get(&f.language).and_then(scalar);
    }
    if let Some(v) = get(&f.images) {
        let base = a.url.clone();
        let mut srcs = Vec::new();
        image_urls(v, &mut srcs);
        for src in srcs {
            if let Some(u) = crate::html::resolve_image(&src, base.as_deref()) {
                a.images.push(Image { url: u, caption: None });
            }
        }
    }
    // Scrapers copy the page's title as it was written.
    a.title_as_written = true;
    Ok(draft)
}

/// A built-in shape reads an object that has its keys and a body.
fn shape_matches(shape: &Spec, v: &Value) -> bool {
    shape.keys_match(v) && shape.body.iter().any(|p| first(v, std::slice::from_ref(p)).is_some())
}

/// The keys of an object, for an error message.
fn keys(v: &Value) -> String {
    match v {
        Value::Object(o) => o.keys().take(20).map(String::as_str).collect::<Vec<_>>().join(", "),
        _ => "(not an object)".to_owned(),
    }
}

/// Read one object with the first shape it has.
fn read_object<'a>(v: &Value, cx: &Context<'a>) -> Result<Draft<'a>, Error> {
    if !v.is_object() {
        return Err(Error::UnrecognizedFormat { tried: "a JSON object (this item is not one)".to_owned() });
    }
    match shapes().iter().find(|s| shape_matches(s, v)) {
        Some(shape) => draft(shape, v, None, cx),
        None => Err(Error::UnrecognizedFormat {
            tried: format!(
                "the JSON shapes {}; the object's keys: {}",
                shapes().iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
                keys(v)
            ),
        }),
    }
}

/// Read a JSON text with `one`: a draft per object.
pub fn read_with<'a>(
    text: &'a str,
    cx: &Context<'a>,
    one: impl Fn(&Value, &Context<'a>) -> Result<Draft<'a>, Error> + 'a,
) -> Result<Read<'a>, Error> {
    let cx = *cx;
    Ok(match values(text)? {
        Values::One(v) => Read::One(one(&v, &cx)?),
        Values::Many(items) => {
            let items: Items<'a> = Box::new(items.map(move |r| r.and_then(|v| one(&v, &cx))));
            Read::Items(items)
        }
    })
}

impl Format for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn about(&self) -> String {
        let names: Vec<&str> = shapes().iter().map(|s| s.name.as_str()).collect();
        format!(
            "scrapers' JSON (object, array, JSON Lines; FILE#N per item): {} (formats/json/*.toml)",
            names.join(", ")
        )
    }

    fn detect(&self, text: &str) -> u8 {
        if !looks_like_json(text) {
            return 0;
        }
        match first_object(text) {
            Some(v) if shapes().iter().any(|s| shape_matches(s, &v)) => 90,
            // JSON of no known shape: reading it says which keys it has.
            _ => 30,
        }
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        read_with(text, cx, read_object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_file_is_embedded_and_compiles() {
        let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/formats/json"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<&str> = SHAPE_FILES.iter().map(|(n, _)| n.trim_start_matches("json/")).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        assert_eq!(shapes().len(), SHAPE_FILES.len());
    }

    #[test]
    fn arrays_lines_and_concatenated_values() {
        let count = |t: &str| match values(t).unwrap() {
            Values::One(_) => (1, 0),
            Values::Many(it) => it.fold((0, 0), |(ok, err), r| if r.is_ok() { (ok + 1, err) } else { (ok, err + 1) }),
        };
        assert_eq!(count("{\"a\": 1}\n"), (1, 0));
        assert_eq!(count("[{\"a\": 1}, {\"a\": 2} ,\n{\"a\": 3}]"), (3, 0));
        assert_eq!(count("[{\"a\": 1}, {\"a\": 2}, {\"a\": "), (2, 1));
        assert_eq!(count("{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n\n"), (2, 1));
        assert_eq!(count("{\n \"a\": 1\n}\n{\n \"a\": 2\n}\n"), (2, 0));
    }

    #[test]
    fn text_paragraphs_at_blank_lines_else_line_breaks() {
        assert_eq!(text_paragraphs("a\nb\n\nc"), vec!["a\nb", "c"]);
        assert_eq!(text_paragraphs("a\r\nb\n c "), vec!["a", "b", "c"]);
    }
}
