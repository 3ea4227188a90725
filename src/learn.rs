//! `newsnorm outlets learn`: propose an outlet rule from a folder of its files, for a
//! person to review. Nothing learned is applied: the proposal is a rule file (TOML, with
//! the evidence in comments) that the user edits and passes with `--rules`.
//!
//! The inputs are read as usual but with the built-in outlets reduced to who they are
//! ([`Outlets::identities`]: no cleaning, credit lines kept), then grouped by publisher
//! (a mixed folder gives one proposal per outlet or host). What a group's articles
//! repeat is boilerplate only when the evidence says so:
//!
//! - lines repeated in many *distinct* articles (by URL, else title): at least
//!   [`Options::min_share`] of them and never fewer than three, so that a statement
//!   quoted by two articles stays; a long sentence must also stand at an article's edge
//!   (a promo closes or opens a text, a quote sits inside it); not a label introducing what
//!   follows (`註釋：`), not a heading of a series (the articles holding it share a piece of
//!   title: `COVID-19全球最新情報7/3`), not a dateline in capitals or a number, not a
//!   credit (the generic credit stage removes those);
//! - lines of one shape with the digits changed (`23/02/2021 - 12:02`, `29 分钟前`);
//! - labels opening short lines with varying rest (`图像来源，EPA`, `延伸阅读：…`), used at
//!   most twice an article (not an interview's speaker tags);
//! - HTML blocks (a class of `div`, `section`, `ul` …) whose text is mostly link text, in
//!   many articles (related-article boxes), and lists made only of links;
//! - a title suffix most titles end with, title prefixes that name a column.
//!
//! A whole outlet that is one series (its titles the same but for digits: a daily
//! programme) gets no line proposals: its repeated lines are its structure.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use scraper::{ElementRef, Html, Node};

use crate::input::{self, Inputs};
use crate::sites::{self, Outlets, credits};
use crate::{Error, Options as RunOptions};

/// How sure the learner must be.
#[derive(Clone, Copy)]
pub struct Options {
    /// The share of a group's articles a line must be repeated in (and at least three).
    pub min_share: f64,
    /// Inputs larger than this are skipped.
    pub max_size: u64,
    /// The formats the inputs are read in (the built-in ones, or with the user's format
    /// files).
    pub formats: &'static crate::formats::Formats,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_share: 0.01, max_size: crate::DEFAULT_MAX_SIZE, formats: crate::formats::Formats::builtin() }
    }
}

/// A proposed rule file for one group of inputs.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// The outlet key (a built-in key, or one made from the host).
    pub key: String,
    pub publisher: String,
    /// Inputs read and distinct articles among them.
    pub files: usize,
    pub articles: usize,
    /// The rule file, for review.
    pub toml: String,
}

/// What the learner could not read (reported, never fatal).
#[derive(Debug)]
pub struct Skipped {
    pub source_path: String,
    pub error: Error,
}

/// One article as the learner sees it.
struct Article {
    title: String,
    /// Its distinct lines, in order, with their position from each edge.
    lines: Vec<Line>,
    author: Option<String>,
    /// HTML blocks by `tag.class`: (text chars, link text chars, chars inside list items).
    blocks: HashMap<String, (usize, usize, usize)>,
    /// Chars of text in the whole HTML.
    html_text: usize,
    /// It holds a list whose items are only links, and the share of its text such lists
    /// hold (a digest whose content is a list of links, not a related list under a text).
    link_list: bool,
    link_list_share: f64,
    /// Labels of headings (`h2`-`h4`) right before a block holding a picture: a gallery.
    galleries: HashSet<String>,
    /// Short elements (`address`, `tag.class`) and their first text: byline candidates.
    bylines: HashMap<String, String>,
    /// It is HTML at all.
    html: bool,
}

struct Line {
    text: String,
    /// Among the first two or the last three lines.
    edge: bool,
    /// Among the first three lines.
    start: bool,
    /// Among the last three lines.
    closing: bool,
}

/// The inputs of one publisher.
#[derive(Default)]
struct Group {
    publisher: String,
    key: Option<String>,
    files: usize,
    articles: Vec<Article>,
    seen: HashSet<String>,
    hosts: HashMap<String, usize>,
}

/// Read `inputs` and propose one rule per publisher found, largest group first.
pub fn learn(inputs: Inputs, opts: &Options) -> Result<(Vec<Proposal>, Vec<Skipped>), sites::RuleError> {
    let outlets: &'static Outlets = Box::leak(Box::new(Outlets::identities()?));
    let run = RunOptions { outlets, max_size: opts.max_size, formats: opts.formats, ..RunOptions::default() };
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut skipped = Vec::new();
    for inp in inputs {
        let source = match inp.source {
            Ok(s) => s,
            Err(error) => {
                skipped.push(Skipped { source_path: inp.display, error });
                continue;
            }
        };
        let bytes = match input::read(&source, opts.max_size) {
            Ok(b) => b,
            Err(error) => {
                skipped.push(Skipped { source_path: inp.display, error });
                continue;
            }
        };
        // Every record of the input: one for a document, one per item of a container (a
        // feed, JSON Lines), whose raw text is the container's and not read for blocks.
        let mut records = Vec::new();
        crate::pipeline::process_each(&inp.display, &bytes, &inp.hint, &run, &mut |path, result| {
            records.push((path.to_owned(), result));
        });
        let single = records.len() == 1;
        let text = String::from_utf8_lossy(&bytes);
        for (source_path, result) in records {
            let record = match result {
                Ok(r) => r,
                Err(error) => {
                    skipped.push(Skipped { source_path, error });
                    continue;
                }
            };
            let publisher = record.publisher.clone().unwrap_or_default();
            let g = groups.entry(publisher.clone()).or_insert_with(|| Group {
                key: outlets.iter().find(|o| o.publisher() == publisher).map(|o| o.key().to_owned()),
                publisher: publisher.clone(),
                ..Group::default()
            });
            g.files += 1;
            if let Some(host) = record.url.as_deref().and_then(sites::host_of) {
                *g.hosts.entry(host.trim_start_matches("www.").to_owned()).or_default() += 1;
            }
            let id = record.url.clone().unwrap_or_else(|| record.title.clone());
            if !g.seen.insert(id) {
                continue;
            }
            g.articles.push(article(&record, if single { &text } else { "" }));
        }
    }
    let mut groups: Vec<Group> = groups.into_values().filter(|g| !g.articles.is_empty()).collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.articles.len()));
    let mut keys: HashSet<String> = HashSet::new();
    let proposals = groups
        .iter()
        .map(|g| {
            let mut key = g.key.clone().unwrap_or_else(|| key_of(g));
            while !keys.insert(key.clone()) {
                key.push('2');
            }
            let toml = propose(g, &key, opts);
            Proposal { key, publisher: g.publisher.clone(), files: g.files, articles: g.articles.len(), toml }
        })
        .collect();
    Ok((proposals, skipped))
}

fn article(record: &crate::Record, text: &str) -> Article {
    let mut all: Vec<&str> = Vec::new();
    for p in record.body.split("\n\n") {
        all.extend(p.split('\n').map(str::trim).filter(|l| !l.is_empty()));
    }
    let n = all.len();
    let mut seen = HashSet::new();
    let lines = all
        .iter()
        .enumerate()
        .filter(|(_, l)| seen.insert(**l))
        .map(|(i, l)| Line {
            text: (*l).to_owned(),
            edge: i < 2 || i + 3 >= n,
            start: i < 3,
            closing: i >= 2 && i + 3 >= n,
        })
        .collect();
    let mut a = Article {
        title: record.title.clone(),
        lines,
        author: record.author.clone(),
        blocks: HashMap::new(),
        html_text: 0,
        link_list: false,
        link_list_share: 0.0,
        galleries: HashSet::new(),
        bylines: HashMap::new(),
        html: false,
    };
    if text.contains("<div") || text.contains("<p") || text.contains("<ul") {
        html_blocks(text, &mut a);
    }
    a
}

/// Block elements whose class can be dropped as a whole.
const BLOCKS: [&str; 13] =
    ["div", "section", "aside", "nav", "footer", "header", "ul", "ol", "figure", "table", "form", "dl", "blockquote"];

/// The text and link text of each block class of the page.
fn html_blocks(text: &str, a: &mut Article) {
    let doc = Html::parse_document(text);
    a.html = true;
    let mut list_text = 0usize;
    for node in doc.root_element().descendants() {
        if let Some(el) = ElementRef::wrap(node) {
            let name = el.value().name();
            if matches!(name, "ul" | "ol") && sites::is_link_list(&el) {
                a.link_list = true;
                list_text += el.text().map(|t| t.chars().filter(|c| c.is_alphanumeric()).count()).sum::<usize>();
            }
            // A short element that may hold the writer's name: `<address>`, a classed span.
            if matches!(name, "address" | "span" | "div" | "p" | "a" | "strong" | "em" | "i" | "b" | "li") {
                let key = if name == "address" {
                    Some("address".to_owned())
                } else {
                    el.value()
                        .classes()
                        .find(|c| c.len() <= 40 && !c.chars().any(|x| x.is_ascii_digit()))
                        .map(|c| format!("{name}.{c}"))
                };
                // Not inside a paragraph of text (a keyword link, a name in a sentence): no
                // paragraph around it, no text right before or after it.
                let text_beside = |n: Option<ego_tree::NodeRef<'_, Node>>| {
                    n.is_some_and(|n| matches!(n.value(), Node::Text(t) if t.chars().any(char::is_alphanumeric)))
                };
                let in_text = el.ancestors().filter_map(ElementRef::wrap).any(|p| p.value().name() == "p")
                    || text_beside(el.prev_sibling())
                    || text_beside(el.next_sibling());
                if let Some(key) = key
                    && !in_text
                {
                    let t = sites::element_text(&el);
                    // Once an article: a second one makes it no byline (an empty value).
                    match a.bylines.get_mut(&key) {
                        Some(v) => v.clear(),
                        None if !t.is_empty() && t.chars().count() <= 40 => {
                            a.bylines.insert(key, t);
                        }
                        None => {}
                    }
                }
            }
            if matches!(name, "h2" | "h3" | "h4")
                && let Some(next) = el.next_siblings().filter_map(ElementRef::wrap).next()
                && matches!(next.value().name(), "div" | "figure")
                && next.descendants().any(|n| n.value().as_element().is_some_and(|e| e.name() == "img"))
            {
                let t = sites::element_text(&el);
                let label: String = t.split(['：', ':']).next().unwrap_or_default().trim().chars().take(12).collect();
                if !label.is_empty() && label.chars().count() <= 8 {
                    a.galleries.insert(label);
                }
            }
            continue;
        }
        let Node::Text(t) = node.value() else { continue };
        let len = t.chars().filter(|c| c.is_alphanumeric()).count();
        if len == 0 {
            continue;
        }
        // Not the text of scripts and styles.
        if node
            .parent()
            .and_then(|p| p.value().as_element())
            .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
        {
            continue;
        }
        a.html_text += len;
        let (mut in_link, mut in_item) = (false, false);
        let mut keys: Vec<String> = Vec::new();
        for anc in node.ancestors().take(40) {
            let Some(e) = anc.value().as_element() else { continue };
            if e.name() == "a" {
                in_link = true;
            }
            if e.name() == "li" {
                in_item = true;
            }
            // (Lists are `link_lists`' business, item by item: a class of lists holds text
            // lists too.)
            if BLOCKS.contains(&e.name()) && !matches!(e.name(), "ul" | "ol") {
                for class in e.classes().take(4) {
                    // Hashed class names (css-1fobf8d, bbc-n8oauk) change with every build.
                    if class.len() <= 40 && !class.chars().any(|c| c.is_ascii_digit()) {
                        keys.push(format!("{}.{class}", e.name()));
                    }
                }
            }
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            let e = a.blocks.entry(k).or_default();
            e.0 += len;
            if in_link {
                e.1 += len;
            }
            if in_item {
                e.2 += len;
            }
        }
    }
    a.link_list_share = list_text as f64 / a.html_text.max(1) as f64;
}

/// A key from the group's commonest host: `cn.ft.com` -> `ft`, `www.hkcnews.com` ->
/// `hkcnews`; else from the publisher's ASCII letters; else `outlet`.
fn key_of(g: &Group) -> String {
    const PREFIXES: [&str; 8] = ["www", "cn", "zh", "m", "news", "amp", "mobile", "web"];
    const SUFFIXES: [&str; 16] =
        ["com", "org", "net", "co", "uk", "tw", "hk", "cn", "de", "fr", "jp", "sg", "io", "info", "edu", "gov"];
    let host = g.hosts.iter().max_by_key(|(h, n)| (**n, std::cmp::Reverse((*h).clone()))).map(|(h, _)| h.clone());
    let from_host = host.and_then(|h| {
        // Without the top-level domain, registry parts (`co`, `com`) and prefixes (`www`).
        let mut labels: Vec<&str> = h.split('.').collect();
        labels.pop();
        let labels: Vec<&str> = labels.into_iter().filter(|l| !PREFIXES.contains(l) && !SUFFIXES.contains(l)).collect();
        labels.iter().copied().rev().max_by_key(|l| l.len()).map(str::to_owned)
    });
    let key: String = from_host
        .unwrap_or_else(|| g.publisher.to_ascii_lowercase())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if key.is_empty() { "outlet".to_owned() } else { key }
}

/// Digits replaced by `0`: `23/02/2021 - 12:02` -> `0/0/0 - 0:0`.
fn digits_folded(s: &str) -> String {
    fold_runs(s, |c| c.is_ascii_digit(), '0')
}

/// Each run of characters of a class replaced by one `mark`.
fn fold_runs(s: &str, class: impl Fn(char) -> bool, mark: char) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if class(c) {
            if !in_run {
                out.push(mark);
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// The four-character pieces of a title (digits folded).
fn pieces(title: &str) -> HashSet<String> {
    let chars: Vec<char> = digits_folded(title).chars().collect();
    chars.windows(4).map(|w| w.iter().collect()).collect()
}

/// The group's articles that hold the line are one series: most of their titles share
/// a piece that few titles of the group have.
struct Titles {
    /// How many titles of the group have each piece.
    pieces: HashMap<String, usize>,
    count: usize,
    /// Column names of the titles (`客座评论：`): a column is a category, not a series,
    /// and what its articles repeat at their edges (a disclaimer) is its boilerplate.
    columns: Vec<String>,
}

impl Titles {
    fn new(arts: &[Article]) -> Titles {
        let mut pieces = HashMap::new();
        for a in arts {
            for p in self::pieces(&a.title) {
                *pieces.entry(p).or_default() += 1;
            }
        }
        Titles { pieces, count: arts.len(), columns: Vec::new() }
    }

    /// The column most of `titles` (three in four) open with, if any.
    fn column(&self, titles: &[&str]) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| titles.iter().filter(|t| t.trim_start().starts_with(c.as_str())).count() * 4 >= titles.len() * 3)
            .map(String::as_str)
    }

    fn series(&self, titles: &[&str]) -> Option<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for t in titles {
            // A column's name is no series (`时事大家谈: …`): what follows it is looked at.
            let t = t.trim_start();
            let t = self.columns.iter().find_map(|c| t.strip_prefix(c.as_str())).unwrap_or(t);
            for p in pieces(t) {
                *counts.entry(p).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .filter(|(p, c)| {
                *c * 10 >= titles.len() * 6 && self.pieces.get(p).copied().unwrap_or(0) * 5 <= self.count.max(1)
            })
            .max_by_key(|(p, c)| (*c, std::cmp::Reverse(p.clone())))
            .map(|(p, _)| p)
    }
}

/// A line that carries no claim of its own to be boilerplate, whatever its count: a
/// label introducing what follows, a number, a dateline in capitals, a credit.
fn never_proposed(line: &str) -> Option<&'static str> {
    let t = line.trim();
    if t.chars().count() <= 40 && t.ends_with(['：', ':']) {
        return Some("a label introducing what follows");
    }
    if !t.chars().any(char::is_alphabetic) && t.chars().any(|c| c.is_ascii_digit()) {
        return Some("a number");
    }
    if !t.chars().any(|c| c.is_alphanumeric()) && t.chars().count() < 3 {
        return Some("a mark");
    }
    if t.chars().count() == 1 {
        return Some("one character (a section number)");
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() <= 3
        && t.chars().all(|c| c.is_ascii_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'')
        && t.len() <= 30
    {
        return Some("a dateline in capitals");
    }
    if credits::parse(t).is_some() {
        return Some("a credit line (the generic credit stage removes it)");
    }
    None
}

/// A sentence: long, with a sentence end in it (a quote, a statement); the dots of a
/// web address are not ends.
fn is_sentence(line: &str) -> bool {
    if line.chars().count() < 30 {
        return false;
    }
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        let next = it.peek().copied();
        if matches!(c, '。' | '！' | '？') || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace))
        {
            return true;
        }
    }
    false
}

/// A timestamp's shape (see [`timestamp_shape`]) as a regex: `0/0/0 - 0:0` ->
/// `^\d+/\d+/\d+ \- \d+:\d+$`, `A 0A 0` -> `^[A-Za-z]+ \d+[A-Za-z]+ \d+$`.
fn shape_regex(shape: &str) -> String {
    let mut out = String::from("^");
    for c in shape.chars() {
        match c {
            '0' => out.push_str(r"\d+"),
            'A' => out.push_str("[A-Za-z]+"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out.push('$');
    out
}

/// A label opening a line before a separator: `图像来源，`, `延伸阅读：`, `Photo: `.
fn label_of(line: &str) -> Option<&str> {
    let at = line.find(['：', ':', '，', '|', '｜'])?;
    let sep = line.get(at..)?.chars().next()?;
    let label = line.get(..at + sep.len_utf8())?;
    let head = label.trim_end_matches(['：', ':', '，', '|', '｜']).trim();
    let n = head.chars().count();
    let words = head.split_whitespace().count();
    let rest = line.get(at + sep.len_utf8()..)?.trim();
    ((2..=10).contains(&n) && words <= 3 && !rest.is_empty()).then_some(label)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A proposed list of a rule file, one value a line under its comment; nothing when
/// there are no values.
fn toml_list<'a>(out: &mut String, heading: &str, key: &str, items: impl Iterator<Item = (String, &'a str)>) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "# {heading}:");
    let _ = writeln!(out, "{key} = [");
    for (comment, value) in items {
        let _ = writeln!(out, "    # {comment}");
        let _ = writeln!(out, "    {},", toml_string(value));
    }
    let _ = writeln!(out, "]");
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out.replace(['\n', '\r'], " ")
}

fn propose(g: &Group, key: &str, opts: &Options) -> String {
    let arts = &g.articles;
    let n = arts.len();
    let min = ((n as f64 * opts.min_share).ceil() as usize).max(3);
    let mut titles = Titles::new(arts);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Proposed by `newsnorm outlets learn` from {} file(s), {} distinct article(s) (by URL, else title).\n\
         # Review every line before you use it (`newsnorm outlets check THIS.toml`, then\n\
         # `newsnorm --rules THIS.toml …`); keep only what is boilerplate. A repeated line counts\n\
         # when it is in at least {min} distinct articles ({:.0}% and never fewer than 3).",
        g.files,
        n,
        opts.min_share * 100.0
    );
    let _ = writeln!(out, "key = {}", toml_string(key));
    let _ = writeln!(out, "publisher = {}", toml_string(&g.publisher));
    let _ = writeln!(out, "# The feed label or site name the inputs give.");
    let _ = writeln!(out, "names = [{}]", toml_string(&g.publisher));
    let mut hosts: Vec<(&String, &usize)> = g.hosts.iter().filter(|(_, c)| **c * 10 >= g.files).collect();
    hosts.sort_by_key(|(h, c)| (std::cmp::Reverse(**c), (*h).clone()));
    let listed: Vec<String> = hosts.iter().map(|(h, _)| toml_string(h)).collect();
    let counts: Vec<String> = hosts.iter().map(|(h, c)| format!("{h} {c}")).collect();
    let _ = writeln!(
        out,
        "# Hosts of the articles' URLs (files): {}.",
        if counts.is_empty() { "none".into() } else { counts.join(", ") }
    );
    let _ = writeln!(out, "hosts = [{}]", listed.join(", "));

    // Whole outlet one series: the titles the same but for digits.
    let mut folded: HashMap<String, usize> = HashMap::new();
    for a in arts {
        let t: String = digits_folded(&a.title).chars().take(12).collect();
        *folded.entry(t).or_default() += 1;
    }
    let serial = folded.values().max().is_some_and(|m| m * 2 >= n && n >= 3);

    titles.columns = propose_title(&mut out, arts, min);
    propose_html(&mut out, arts, min);
    let mut para = String::new();
    let mut notes = String::new();
    if serial {
        let _ = writeln!(
            notes,
            "# No repeated line is proposed: most titles are the same but for their digits (a daily\n\
             # programme, an index), so what the articles repeat is their structure."
        );
    } else {
        propose_lines(&mut para, &mut notes, arts, min, &titles, &g.publisher);
    }
    if !para.is_empty() {
        let _ = writeln!(out, "\n[paragraphs]");
        out.push_str(&para);
    }
    credits_seen(&mut out, arts);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

/// The title rules; returns the column prefixes proposed.
fn propose_title(out: &mut String, arts: &[Article], min: usize) -> Vec<String> {
    let n = arts.len();
    // A suffix after a separator that most titles end with: ` | 路透`, ` - RFI`.
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    for a in arts {
        let t = a.title.trim_end();
        for sep in [" | ", " - ", " – ", " — ", "｜", " _ "] {
            if let Some(at) = t.rfind(sep)
                && let Some(s) = t.get(at..)
                && s.chars().count() <= 40
            {
                *suffixes.entry(s.to_owned()).or_default() += 1;
            }
        }
    }
    let mut strip: Vec<(String, usize)> = suffixes.into_iter().filter(|(_, c)| *c * 5 >= n && *c >= min).collect();
    strip.sort_by_key(|(s, c)| (std::cmp::Reverse(*c), s.clone()));
    // Column names before a colon or in brackets, several of them, each in several titles.
    let mut columns: HashMap<String, usize> = HashMap::new();
    let mut bracketed = 0usize;
    let mut bracket_names: HashSet<String> = HashSet::new();
    for a in arts {
        let t = a.title.trim();
        if let Some(rest) = t.strip_prefix('【')
            && let Some((c, title)) = rest.split_once('】')
            && c.chars().count() <= 10
            && !title.trim().is_empty()
        {
            bracketed += 1;
            bracket_names.insert(c.to_owned());
        } else if let Some(at) = t.find(['：', ':'])
            && let Some(p) = t.get(..at + t.get(at..).and_then(|x| x.chars().next()).map_or(1, char::len_utf8))
            && (2..=8).contains(&p.chars().count().saturating_sub(1))
            && !p.contains(char::is_whitespace)
        {
            *columns.entry(p.to_owned()).or_default() += 1;
        }
    }
    let mut prefixes: Vec<(String, usize)> = columns.into_iter().filter(|(_, c)| *c >= min.max(5)).collect();
    prefixes.sort_by_key(|(p, c)| (std::cmp::Reverse(*c), p.clone()));
    let column = bracketed >= min.max(5) && bracket_names.len() >= 2;
    let mut columns: Vec<String> = prefixes.iter().map(|(p, _)| p.clone()).collect();
    let mut bracket_names: Vec<String> = bracket_names.into_iter().collect();
    bracket_names.sort();
    if column {
        columns.extend(bracket_names.iter().map(|b| format!("【{b}】")));
    }
    if strip.is_empty() && prefixes.is_empty() && !column {
        return columns;
    }
    let _ = writeln!(out, "\n[title]");
    if column {
        let shown: Vec<&str> = bracket_names.iter().take(6).map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "# {bracketed} titles open with a column in 【】 ({}): the column is the category.",
            shown.join("、")
        );
        let _ = writeln!(out, "column_prefix = true");
    }
    if !prefixes.is_empty() {
        let _ = writeln!(
            out,
            "# Title prefixes naming a column (titles): {}.",
            prefixes.iter().map(|(p, c)| format!("{p} {c}")).collect::<Vec<_>>().join(", ")
        );
        let list: Vec<String> = prefixes.iter().map(|(p, _)| toml_string(p)).collect();
        let _ = writeln!(out, "category_prefixes = [{}]", list.join(", "));
    }
    if !strip.is_empty() {
        let _ = writeln!(
            out,
            "# Title suffixes (titles): {}.",
            strip.iter().map(|(s, c)| format!("{s:?} {c}")).collect::<Vec<_>>().join(", ")
        );
        let list: Vec<String> = strip.iter().map(|(s, _)| toml_string(s)).collect();
        let _ = writeln!(out, "strip_suffixes = [{}]", list.join(", "));
    }
    columns
}

fn propose_html(out: &mut String, arts: &[Article], min: usize) {
    let html: Vec<&Article> = arts.iter().filter(|a| a.html).collect();
    if html.is_empty() {
        return;
    }
    let min = min.max(((html.len() as f64) * 0.01).ceil() as usize).max(3);
    // Per class: articles, text, link text, the most of an article's text it held, and
    // the articles where it was mostly links.
    let mut classes: HashMap<&str, (usize, usize, usize, f64, usize)> = HashMap::new();
    for a in &html {
        for (k, (t, l, items)) in &a.blocks {
            // A wrapper of lists: `link_lists` reads those item by item.
            if *items * 10 >= *t * 8 {
                continue;
            }
            let e = classes.entry(k.as_str()).or_default();
            e.0 += 1;
            e.1 += t;
            e.2 += l;
            let share = *t as f64 / a.html_text.max(1) as f64;
            if share > e.3 {
                e.3 = share;
            }
            e.4 += usize::from(*l * 10 >= *t * 7);
        }
    }
    // Mostly links in nine of ten articles that have it (a class of content lists that
    // are at times links, at times text, is not boilerplate).
    let mut drop: Vec<(&str, usize, usize, usize)> = classes
        .into_iter()
        .filter(|(_, (arts, text, link, most, linky))| {
            *arts >= min && *text >= *arts * 4 && *link * 10 >= *text * 7 && *most < 0.5 && *linky * 10 >= *arts * 9
        })
        .map(|(k, (arts, text, link, ..))| (k, arts, text, link))
        .collect();
    drop.sort_by_key(|(k, a, _, _)| (std::cmp::Reverse(*a), *k));
    // An element and its only wrapper say the same: keep the outer-most names only when
    // they cover the same articles (`div.book` and `ul.book-list`): both are kept, cheap.
    drop.truncate(12);
    // Lists of links under a text (related articles), not a digest made of them.
    let with_lists: Vec<&&Article> = html.iter().filter(|a| a.link_list).collect();
    let lists = if with_lists.iter().filter(|a| a.link_list_share <= 0.3).count() * 10 >= with_lists.len() * 9 {
        with_lists.len()
    } else {
        0
    };
    let mut galleries: HashMap<&str, usize> = HashMap::new();
    for a in &html {
        for g in &a.galleries {
            *galleries.entry(g.as_str()).or_default() += 1;
        }
    }
    let mut galleries: Vec<(&str, usize)> = galleries.into_iter().filter(|(_, c)| *c >= min).collect();
    galleries.sort_by_key(|(g, c)| (std::cmp::Reverse(*c), *g));
    // An element that holds a person's name in many articles, a different one each time:
    // the byline.
    let names = |t: &str| t.split([',', '，', '、']).map(str::trim).filter(|x| !x.is_empty()).all(credits::is_person);
    let mut bylines: HashMap<&str, (usize, usize, HashSet<&str>)> = HashMap::new();
    for a in &html {
        for (k, t) in a.bylines.iter().filter(|(_, t)| !t.is_empty()) {
            let e = bylines.entry(k.as_str()).or_default();
            e.0 += 1;
            if names(t) {
                e.1 += 1;
                e.2.insert(t.as_str());
            }
        }
    }
    let byline = bylines
        .into_iter()
        .filter(|(_, (seen, named, values))| {
            // Writers change from article to article (a publication's name repeats).
            *named >= min
                && *named * 10 >= html.len()
                && *named * 5 >= *seen * 4
                && values.len() >= 3
                && values.len() * 2 >= *named
        })
        .max_by_key(|(k, (_, named, _))| (*named, std::cmp::Reverse(*k)))
        .map(|(k, (_, named, values))| {
            let mut v: Vec<&str> = values.into_iter().collect();
            v.sort_unstable();
            v.truncate(3);
            (k, named, v)
        });
    if let Some((k, ..)) = &byline
        && !drop.iter().any(|(d, ..)| d == k)
    {
        drop.push((k, 0, 0, 0));
    }
    if drop.is_empty() && lists < min && galleries.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n[html]");
    if !drop.is_empty() {
        let _ = writeln!(out, "# Blocks whose text is mostly link text (related articles, menus), in many articles:");
        for (k, a, t, l) in drop.iter().filter(|(_, a, ..)| *a > 0) {
            let _ = writeln!(out, "#   {k}: {a} articles, {}% link text", (*l * 100) / (*t).max(1));
        }
        let list: Vec<String> = drop.iter().map(|(k, ..)| toml_string(k)).collect();
        let _ = writeln!(out, "drop = [{}]", list.join(", "));
    }
    if let Some((k, named, values)) = &byline {
        let _ = writeln!(
            out,
            "# The writer's name, in {named} articles (e.g. {}): the author; the element leaves the body.",
            values.join(", ")
        );
        let _ = writeln!(out, "author_from = [{}]", toml_string(k));
    }
    if lists >= min {
        let _ = writeln!(out, "# {lists} of {} HTML articles hold lists whose items are only links.", html.len());
        let _ = writeln!(out, "link_lists = true");
    }
    if !galleries.is_empty() {
        let shown: Vec<String> = galleries.iter().map(|(g, c)| format!("{g} {c}")).collect();
        let _ = writeln!(
            out,
            "# Headings right before pictures (articles): {}: a gallery, not the article.",
            shown.join(", ")
        );
        let list: Vec<String> = galleries.iter().map(|(g, _)| toml_string(g)).collect();
        let _ = writeln!(out, "gallery_heading = [{}]", list.join(", "));
    }
}

/// The paragraph rules: repeated lines, shapes, labels, prefix and suffix templates,
/// separator lines, a cut after a closing promo, writers' bios.
fn propose_lines(
    para: &mut String,
    notes: &mut String,
    arts: &[Article],
    min: usize,
    titles: &Titles,
    publisher: &str,
) {
    let n = arts.len();
    // Distinct articles per line, how often it stood at an edge, at the start.
    let mut df: HashMap<&str, LineStats> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            let e = df.entry(l.text.as_str()).or_default();
            e.articles.push(i);
            e.edge += usize::from(l.edge);
            e.start += usize::from(l.start);
        }
    }
    // Where each article's own text ends: after its last line no other article has. A
    // line from there on stands in the closing boilerplate, wherever it is counted from.
    let tails: Vec<usize> = arts
        .iter()
        .map(|a| {
            a.lines
                .iter()
                .rposition(|l| df.get(l.text.as_str()).is_none_or(|s| s.articles.len() < 2))
                .map_or(0, |i| i + 1)
        })
        .collect();
    for (i, a) in arts.iter().enumerate() {
        let tail = tails.get(i).copied().unwrap_or(usize::MAX);
        for (k, l) in a.lines.iter().enumerate() {
            if k >= tail
                && k >= 2
                && let Some(st) = df.get_mut(l.text.as_str())
            {
                st.closing += 1;
            }
            if k >= tail
                && k >= 2
                && !l.edge
                && let Some(st) = df.get_mut(l.text.as_str())
            {
                st.edge += 1;
            }
        }
    }
    let series = |ids: &[usize]| {
        let ts: Vec<&str> = ids.iter().filter_map(|i| arts.get(*i)).map(|a| a.title.as_str()).collect();
        titles.series(&ts)
    };
    let column = |ids: &[usize]| {
        let ts: Vec<&str> = ids.iter().filter_map(|i| arts.get(*i)).map(|a| a.title.as_str()).collect();
        titles.column(&ts)
    };

    // 1. Lines repeated in many distinct articles.
    let mut equal: Vec<(&str, usize)> = Vec::new();
    let mut kept: Vec<(&str, usize, String)> = Vec::new();
    for (line, st) in &df {
        let c = st.articles.len();
        if c < min {
            continue;
        }
        let why = never_proposed(line).map(str::to_owned).or_else(|| {
            // A sentence repeated in few articles must stand at their edges (a promo
            // closes or opens a text, a quote sits inside it).
            if is_sentence(line) && c * 10 < n && (st.edge * 2 < c || c * 1000 < n * 15) {
                return Some("a sentence in few texts or inside them (a quote, a statement)".to_owned());
            }
            // A line that one column's articles repeat inside their texts, not at their
            // edges: the column's structure (a rating, a heading of each issue).
            if st.edge * 2 < c
                && let Some(col) = column(&st.articles)
            {
                return Some(format!("a line inside the texts of one column ({col})"));
            }
            series(&st.articles).map(|p| format!("a heading of a series (titles with {p:?})"))
        });
        match why {
            None => equal.push((line, c)),
            Some(w) => kept.push((line, c, w)),
        }
    }
    equal.sort_by_key(|(l, c)| (std::cmp::Reverse(*c), *l));
    kept.sort_by_key(|(l, c, _)| (std::cmp::Reverse(*c), *l));
    let proposed: HashSet<&str> = equal.iter().map(|(l, _)| *l).collect();
    let exact: HashSet<&str> = proposed.iter().copied().chain(kept.iter().map(|(l, ..)| *l)).collect();

    // 2. Cuts: a line (or a label's lines) after which come only lines the articles
    //    repeat (a columnist's bio, promos, a show's links): the body ends there. A label
    //    line alone (`网络收看方式：`) is a heading to cut at.
    // Per cut point: the articles, those where every line after it is repeated, the lines after.
    let after_stats = |hits: &mut dyn Iterator<Item = (usize, usize)>| {
        let (mut arts_n, mut clean, mut after) = (0usize, 0usize, 0usize);
        for (i, at) in hits {
            let Some(a) = arts.get(i) else { continue };
            arts_n += 1;
            let rest = a.lines.get(at + 1..).unwrap_or_default();
            after += rest.len();
            clean += usize::from(rest.iter().all(|x| df.get(x.text.as_str()).is_some_and(|s| s.articles.len() >= 2)));
        }
        (arts_n, clean, after)
    };
    // In four articles of five at least, all that follows is repeated.
    let cut_ok = |(c, clean, after): (usize, usize, usize)| c >= min.max(3) && after >= c && clean * 5 >= c * 4;
    let mut cuts: Vec<(String, usize)> = Vec::new();
    let mut cut_headings: Vec<(String, usize)> = Vec::new();
    let candidates = equal.iter().map(|(l, c)| (*l, *c, false)).chain(
        kept.iter()
            .filter(|(l, ..)| never_proposed(l).is_some_and(|w| w.starts_with("a label")))
            .map(|(l, c, _)| (*l, *c, true)),
    );
    for (l, _, label) in candidates {
        let ids = df.get(l).map(|s| s.articles.as_slice()).unwrap_or_default();
        let mut hits = ids.iter().filter_map(|i| Some((*i, arts.get(*i)?.lines.iter().position(|x| x.text == l)?)));
        let st = after_stats(&mut hits);
        if cut_ok(st) && series(ids).is_none() {
            let target = if label { &mut cut_headings } else { &mut cuts };
            target.push((l.trim_end_matches(['：', ':']).trim().to_owned(), st.0));
        }
    }
    for (label, f) in &labels_all(arts) {
        let ids: Vec<usize> = f.articles.iter().copied().collect();
        let mut hits = ids
            .iter()
            .filter_map(|i| Some((*i, arts.get(*i)?.lines.iter().position(|x| x.text.starts_with(label.as_str()))?)));
        let st = after_stats(&mut hits);
        // (A label of four characters or more: `好的，` opens a speaker's words.)
        if cut_ok(st)
            && f.variants.len() >= 2
            && label.trim_end_matches(['：', ':', '，', '|', '｜']).chars().count() >= 4
            && series(&ids).is_none()
            && !label.starts_with(['（', '(', '【', '[', '《'])
            && !credits::is_credit_word(label.trim_end_matches(['：', ':', '，', '|', '｜']))
        {
            cuts.push((label.clone(), st.0));
        }
    }

    // 3. Timestamps: one shape with the digits (and month names) changed, opening the texts.
    let mut shapes: HashMap<String, Family> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            let t = l.text.as_str();
            let chars = t.chars().count();
            if !t.chars().any(|c| c.is_ascii_digit()) || chars > 24 {
                continue;
            }
            let key = timestamp_shape(t);
            let e = shapes.entry(key).or_default();
            e.add(i, t, l);
        }
    }
    let mut matching: Vec<(String, usize, Vec<&str>)> = shapes
        .into_iter()
        .filter(|(shape, f)| {
            // Letters of its own, at most a few (`0 分钟前`, `A 0th 0`), or several numbers.
            let words = shape.chars().filter(|c| *c != '0' && *c != 'A' && !c.is_whitespace()).count();
            let runs = shape.matches('0').count();
            let c = f.articles.len();
            (words <= 6 && (runs >= 2 || shape.chars().any(char::is_alphabetic)))
                && c * 10 >= n
                && c >= min
                && f.variants.len() >= 3
                && f.start * 3 >= f.uses * 2
                && !f.variants.iter().all(|v| exact.contains(v))
        })
        .filter_map(|(shape, f)| {
            let ids: Vec<usize> = f.articles.iter().copied().collect();
            series(&ids).is_none().then(|| (shape_regex(&shape), ids.len(), f.examples()))
        })
        .collect();

    // 4. Labels opening short lines (`图像来源，EPA`, `延伸阅读：…`, `Post tags: …`).
    let mut labels: HashMap<&str, Family> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            if let Some(label) = label_of(&l.text) {
                labels.entry(label).or_default().add(i, &l.text, l);
            }
        }
    }
    let mut starting: Vec<(String, usize, Vec<&str>)> = labels
        .into_iter()
        .filter(|(label, f)| {
            let c = f.articles.len();
            let head = label.trim_end_matches(['：', ':', '，', '|', '｜']).trim();
            // What follows the label: a few values used again and again (a credit's
            // agency: 图像来源，EPA), anything after a related-list heading (延伸阅读：…),
            // varying values at the texts' edges (Post tags: …); not numbers (案件編號：…,
            // data of the article), not captions that vary inside the texts.
            let values: HashSet<&str> = f.variants.iter().filter_map(|v| v.get(label.len()..)).map(str::trim).collect();
            let repeated = values.len() * 2 <= f.uses;
            let numbers = values.iter().filter(|v| v.chars().any(|c| c.is_ascii_digit())).count() * 2 > values.len();
            let related = crate::lexicon::RELATED_HEADINGS.contains(head);
            // Closing lines whose values vary: a tags line (`Post tags: …`), not a speaker's
            // closing words (`好的，感谢您的收看，再会。`): no value ends a sentence.
            // No value ends a sentence: a speaker's closing words (`好的，…再会。`), a field
            // of the text (`敏感度：高。`) are no labels of boilerplate.
            let sentences = values.iter().any(|v| v.ends_with(['。', '！', '？', '.', '!', '?']));
            let closing = f.closing * 10 >= f.uses * 9;
            c >= min.max(5)
                && f.variants.len() >= 3
                && f.uses <= c * 2
                && f.chars <= f.uses * 60
                && (repeated || related || closing)
                && !sentences
                && (!numbers || related)
                && never_proposed(head).is_none()
                && !head.starts_with(['（', '(', '【', '[', '《'])
                && !credits::is_credit_word(head)
                && !f.variants.iter().any(|v| is_sentence(v) && !closing)
                && !f.variants.iter().all(|v| exact.contains(v))
        })
        .filter_map(|(label, f)| {
            let ids: Vec<usize> = f.articles.iter().copied().collect();
            series(&ids).is_none().then(|| (label.to_owned(), ids.len(), f.examples()))
        })
        .collect();

    // 5. Templates: closing lines that share a long opening (`This article appeared in
    //    the …`) or a long ending (`The post … first appeared on Bitter Winter.`).
    let mut heads: HashMap<String, Family> = HashMap::new();
    let mut tails: HashMap<String, Family> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        // Closing lines only: a text's opening (a dateline, `据路透社报道，`) is text.
        for l in a.lines.iter().filter(|l| l.closing && !l.text.starts_with(['（', '(', '【', '['])) {
            let wide = l.text.chars().any(crate::normalize::text::is_wide);
            let k = if wide { 8 } else { 16 };
            if l.text.chars().count() < k + 4 {
                continue;
            }
            let head: String = l.text.chars().take(k).collect();
            let tail: String = l.text.chars().rev().take(k).collect::<Vec<_>>().into_iter().rev().collect();
            heads.entry(head).or_default().add(i, &l.text, l);
            tails.entry(tail).or_default().add(i, &l.text, l);
        }
    }
    let template_ok = |f: &Family| {
        let c = f.articles.len();
        c >= min.max(5) && c * 33 >= n && f.variants.len() >= 3 && !f.variants.iter().all(|v| exact.contains(v))
    };
    for (_, f) in by_key(heads).into_iter().filter(|(_, f)| template_ok(f)) {
        let prefix = common_prefix(&f.variants);
        let wide = prefix.chars().any(crate::normalize::text::is_wide);
        let cut =
            if wide { prefix.as_str() } else { prefix.rfind(' ').and_then(|i| prefix.get(..=i)).unwrap_or(&prefix) };
        let ids: Vec<usize> = f.articles.iter().copied().collect();
        if cut.chars().count() >= if wide { 8 } else { 12 }
            && never_proposed(cut).is_none()
            && series(&ids).is_none()
            && !starting.iter().any(|(s, ..)| cut.starts_with(s.as_str()) || s.starts_with(cut))
        {
            starting.push((cut.to_owned(), ids.len(), f.examples()));
        }
    }
    for (_, f) in by_key(tails).into_iter().filter(|(_, f)| template_ok(f)) {
        let rev: Vec<String> = f.variants.iter().map(|v| v.chars().rev().collect()).collect();
        let rev_refs: Vec<&str> = rev.iter().map(String::as_str).collect();
        let suffix: String = common_prefix(&rev_refs).chars().rev().collect();
        let wide = suffix.chars().any(crate::normalize::text::is_wide);
        let ids: Vec<usize> = f.articles.iter().copied().collect();
        // What varies before the ending is short (a title, a name), not a paragraph with a
        // link label after it (`…。（阅读本文中文版）`).
        let varying: Vec<usize> =
            f.variants.iter().map(|v| v.chars().count().saturating_sub(suffix.chars().count())).collect();
        let short_heads =
            varying.iter().filter(|n| **n <= 60 && **n <= 2 * suffix.chars().count()).count() * 10 >= varying.len() * 9;
        if suffix.chars().count() >= if wide { 10 } else { 20 } && short_heads && series(&ids).is_none() {
            // Only a line whose head is about as short as those seen (twice the longest,
            // 8 to 60 characters): a paragraph of text that ends with the template on the
            // same line is not dropped with it.
            let head = (varying.iter().copied().filter(|n| *n <= 60).max().unwrap_or(0) * 2).clamp(8, 60);
            let pattern = format!("^.{{0,{head}}}{}$", regex::escape(suffix.trim_start()));
            matching.push((pattern, ids.len(), f.examples()));
        }
    }
    // 6. Lines that are only a web address without its scheme (`tmsnrt.rs/3h88BiR`), by site.
    let mut sites_seen: HashMap<&str, Family> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            let t = l.text.as_str();
            if let Some((host, path)) = t.split_once('/')
                && !t.contains(char::is_whitespace)
                && !path.is_empty()
                && host.contains('.')
                && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            {
                sites_seen.entry(host).or_default().add(i, t, l);
            }
        }
    }
    // Lines that are a label and a web address (`财商天下：http://bit.ly/…`).
    let mut labelled = Family::default();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            if let Some((label, url)) = l.text.split_once(['：', ':'])
                && (2..=12).contains(&label.chars().count())
                && !label.contains(char::is_whitespace)
                && url.trim_start().starts_with("http")
                && !url.trim().contains(char::is_whitespace)
            {
                labelled.add(i, &l.text, l);
            }
        }
    }
    if labelled.articles.len() >= min && labelled.variants.len() >= 3 {
        matching.push((LABELLED_LINK.to_owned(), labelled.articles.len(), labelled.examples()));
    }
    for (host, f) in by_key(sites_seen) {
        if f.articles.len() >= min && f.variants.len() >= 3 {
            matching.push((format!("^{}/", regex::escape(host)), f.articles.len(), f.examples()));
        }
    }
    matching.sort_by_key(|(r, c, _)| (std::cmp::Reverse(*c), r.clone()));
    starting.sort_by_key(|(l, c, _)| (std::cmp::Reverse(*c), l.clone()));

    // A line a proposed opening already covers is not listed again.
    equal.retain(|(l, _)| !starting.iter().any(|(label, ..)| l.starts_with(label.as_str())));

    let examples = |c: &usize, ex: &[&str], n: usize| {
        let shown: Vec<String> = ex.iter().map(|e| short(e, n)).collect();
        format!("{c}: {}", shown.join(" / "))
    };
    toml_list(
        para,
        "Lines repeated in many distinct articles (articles)",
        "drop_equal",
        equal.iter().map(|(l, c)| (c.to_string(), &**l)),
    );
    toml_list(
        para,
        "Openings of short or closing lines whose rest varies (articles; e.g.)",
        "drop_starting",
        starting.iter().map(|(l, c, ex)| (examples(c, ex, 40), &**l)),
    );
    toml_list(
        para,
        "Lines of one shape (timestamps) or one ending (articles; e.g.)",
        "drop_matching",
        matching.iter().map(|(r, c, ex)| (examples(c, ex, 30), &**r)),
    );
    if !cuts.is_empty() {
        let _ = writeln!(
            para,
            "# The body ends at these lines: all that follows them, the articles repeat (bios, promos)."
        );
        let shown: Vec<String> = cuts.iter().map(|(l, c)| format!("{} {c}", short(l, 30))).collect();
        let _ = writeln!(para, "# (articles: {})", shown.join(", "));
        let list: Vec<String> = cuts.iter().map(|(l, _)| toml_string(l)).collect();
        let _ = writeln!(para, "cut_at_starting = [{}]", list.join(", "));
    }
    if !cut_headings.is_empty() {
        let _ = writeln!(
            para,
            "# The body ends at these headings: all that follows them, the articles repeat (links, promos)."
        );
        let list: Vec<String> = cut_headings.iter().map(|(l, _)| toml_string(l)).collect();
        let _ = writeln!(para, "cut_at_heading = [{}]", list.join(", "));
    }
    // Writers' bios: closing lines that open with the article's author.
    let bios = arts.iter().filter(|a| closes_with_bio(a, publisher)).count();
    if bios >= min.max(3) && bios * 20 >= n {
        let _ =
            writeln!(para, "# {bios} articles close with their writer's bio (a line opening with the author's name).");
        let _ = writeln!(para, "drop_author_bio = true");
    }
    if !kept.is_empty() {
        let _ = writeln!(notes, "# Repeated but not proposed (articles: why):");
        for (l, c, why) in kept.iter().take(15) {
            let _ = writeln!(notes, "#   {} ({c}: {why})", short(l, 50));
        }
    }
}

/// The entries of a map in the order of their keys: what is proposed from them (and
/// which of two overlapping openings is kept) must not follow the hash order, which
/// changes from run to run.
fn by_key<K: Ord, V>(map: HashMap<K, V>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = map.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// A line that is a short label and a web address.
const LABELLED_LINK: &str = r"^[^\s：:]{2,12}[：:]\s*https?://\S+$";

/// Every label opening lines (`本期时事大家谈完整版：`), with its family.
fn labels_all(arts: &[Article]) -> Vec<(String, Family<'_>)> {
    let mut labels: HashMap<&str, Family> = HashMap::new();
    for (i, a) in arts.iter().enumerate() {
        for l in &a.lines {
            if let Some(label) = label_of(&l.text) {
                labels.entry(label).or_default().add(i, &l.text, l);
            }
        }
    }
    let mut out: Vec<(String, Family)> = labels.into_iter().map(|(l, f)| (l.to_owned(), f)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// How a line occurs across the articles.
#[derive(Default)]
struct LineStats {
    articles: Vec<usize>,
    edge: usize,
    start: usize,
    /// Articles in which it stands after their own text has ended (in the closing block
    /// of lines other articles repeat).
    closing: usize,
}

/// Lines of one family (a shape, a label, an opening): the articles, uses, positions,
/// the variants seen (at most 50) and their length.
#[derive(Default)]
struct Family<'a> {
    articles: HashSet<usize>,
    uses: usize,
    edge: usize,
    start: usize,
    closing: usize,
    chars: usize,
    variants: Vec<&'a str>,
}

impl<'a> Family<'a> {
    fn add(&mut self, article: usize, text: &'a str, line: &Line) {
        self.articles.insert(article);
        self.uses += 1;
        self.edge += usize::from(line.edge);
        self.start += usize::from(line.start);
        self.closing += usize::from(line.closing);
        self.chars += text.chars().count();
        if self.variants.len() < 50 && !self.variants.contains(&text) {
            self.variants.push(text);
        }
    }

    fn examples(&self) -> Vec<&'a str> {
        let mut v = self.variants.clone();
        v.sort_unstable();
        v.truncate(3);
        v
    }
}

/// The longest common start of the texts, at a character boundary.
fn common_prefix(texts: &[&str]) -> String {
    let Some(first) = texts.first() else { return String::new() };
    let mut end = first.len();
    for t in texts.iter().skip(1) {
        end = first
            .char_indices()
            .zip(t.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first.get(..end).unwrap_or_default().to_owned()
}

/// A timestamp's shape: digit runs as `0`; in a line of several numbers, Latin words as
/// `A` too (`Dec 30th 2020` -> `A 0A 0`).
fn timestamp_shape(line: &str) -> String {
    let folded = digits_folded(line);
    if folded.matches('0').count() < 2 {
        return folded;
    }
    fold_runs(&folded, |c| c.is_ascii_alphabetic(), 'A')
}

/// The article's last lines open with its author's name and what the person is (a
/// writer's bio, as `drop_author_bio` reads it); the outlet credited is no writer.
fn closes_with_bio(a: &Article, publisher: &str) -> bool {
    let Some(author) = a.author.as_deref().filter(|x| *x != publisher) else { return false };
    a.lines.iter().rev().take(4).any(|l| sites::is_author_bio(&l.text, author))
}

/// The credit lines the articles hold (the generic credit stage removes them) and the
/// authors they are given: evidence for a `[credits]` or `[[byline]]` rule.
fn credits_seen(out: &mut String, arts: &[Article]) {
    let mut kinds: BTreeMap<&'static str, (usize, Vec<&str>)> = BTreeMap::new();
    for a in arts {
        let mut seen = HashSet::new();
        for l in &a.lines {
            let Some(cs) = credits::parse(&l.text) else { continue };
            for c in cs {
                for k in c.kinds {
                    if seen.insert(k.name()) {
                        let e = kinds.entry(k.name()).or_default();
                        e.0 += 1;
                        if e.1.len() < 2 {
                            e.1.push(l.text.as_str());
                        }
                    }
                }
            }
        }
    }
    let mut authors: HashMap<&str, usize> = HashMap::new();
    for a in arts {
        if let Some(x) = a.author.as_deref() {
            *authors.entry(x).or_default() += 1;
        }
    }
    let mut top: Vec<(&str, usize)> = authors.into_iter().collect();
    top.sort_by_key(|(a, c)| (std::cmp::Reverse(*c), *a));
    if kinds.is_empty() && top.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n# Credit lines seen (articles; the generic credit stage removes them, writers and");
    let _ = writeln!(out, "# reporters become the author; `[credits]` changes that):");
    for (k, (c, ex)) in &kinds {
        let shown: Vec<String> = ex.iter().map(|e| short(e, 40)).collect();
        let _ = writeln!(out, "#   {k}: {c} ({})", shown.join(" / "));
    }
    if !top.is_empty() {
        let shown: Vec<String> = top.iter().take(8).map(|(a, c)| format!("{} {c}", short(a, 20))).collect();
        let _ = writeln!(out, "# Authors the articles get: {}.", shown.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(title: &str, _url: &str, lines: &[&str]) -> Article {
        let n = lines.len();
        Article {
            title: title.to_owned(),
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, l)| Line {
                    text: (*l).to_owned(),
                    edge: i < 2 || i + 3 >= n,
                    start: i < 3,
                    closing: i >= 2 && i + 3 >= n,
                })
                .collect(),
            author: None,
            blocks: HashMap::new(),
            html_text: 0,
            link_list: false,
            link_list_share: 0.0,
            galleries: HashSet::new(),
            bylines: HashMap::new(),
            html: false,
        }
    }

    fn proposal(arts: Vec<Article>) -> String {
        let mut g = Group { publisher: "例報".into(), files: arts.len(), ..Group::default() };
        g.hosts.insert("example.org".into(), arts.len());
        g.articles = arts;
        propose(&g, "example", &Options::default())
    }

    /// A corpus written here: 30 articles, each with its own text, a promo line and a
    /// timestamp; two of them quote the same statement.
    fn corpus() -> Vec<Article> {
        (0..30)
            .map(|i| {
                let topics = ["洪水", "选举", "疫苗", "地震", "油价", "股市", "外交", "教育", "球赛", "电影"];
                let verbs = ["引发关注", "持续发酵", "各方回应", "出现转机", "尘埃落定", "再掀波澜"];
                let text = format!(
                    "关于{}的第{i}篇报道：记者走访现场，{}。",
                    topics.get(i % 10).unwrap_or(&"洪水"),
                    verbs.get(i % 6).unwrap_or(&"引发关注")
                );
                let stamp = format!("{:02}/0{}/2021 - 1{}:3{}", i % 28 + 1, i % 9 + 1, i % 10, i % 10);
                let mut lines = vec![stamp.as_str(), text.as_str()];
                let quote = "外交部发言人表示：“我们坚决反对任何干涉内政的行为，这一立场从未改变。”";
                if i < 2 {
                    lines.push(quote);
                }
                lines.push("订阅我们的电子报，每天三分钟掌握天下事");
                lines.push("图像来源，路透社");
                let credit = format!("图像来源，记者{}", ["甲", "乙", "丙", "丁"][i % 4]);
                if i % 3 == 0 {
                    lines.push(&credit);
                }
                art(
                    &format!("第{i}篇：标题{}", "天地玄黄宇宙洪荒".chars().nth(i % 8).unwrap_or('天')),
                    &format!("https://example.org/{i}"),
                    &lines,
                )
            })
            .collect()
    }

    #[test]
    fn repeated_promo_lines_and_shapes_are_proposed_a_quote_of_two_articles_is_not() {
        let toml = proposal(corpus());
        assert!(toml.contains("\"订阅我们的电子报，每天三分钟掌握天下事\""), "{toml}");
        assert!(toml.contains(r"'^\d+/\d+/\d+ \- \d+:\d+$'"), "{toml}");
        assert!(!toml.contains("外交部发言人表示"), "{toml}");
        // The proposal is a valid rule file that does what it says.
        let set = Outlets::from_files(vec![sites::UserFile { path: "learned.toml".into(), text: toml.clone() }])
            .unwrap_or_else(|e| panic!("{e}\n{toml}"));
        let o = set.get("example").unwrap();
        let mut a = crate::record::Article {
            paragraphs: vec![
                "01/02/2021 - 10:30".into(),
                "正文。".into(),
                "外交部发言人表示：“我们坚决反对任何干涉内政的行为，这一立场从未改变。”".into(),
                "订阅我们的电子报，每天三分钟掌握天下事".into(),
            ],
            ..Default::default()
        };
        o.finish(&mut a);
        assert_eq!(
            a.paragraphs,
            vec!["正文。", "外交部发言人表示：“我们坚决反对任何干涉内政的行为，这一立场从未改变。”"]
        );
    }

    #[test]
    fn a_quote_repeated_in_a_share_too_small_stays_and_counts_are_of_distinct_articles() {
        let mut arts = corpus();
        // The same article twice (one URL) is one article: a line it repeats is not boilerplate.
        let dup = art(
            "转载",
            "https://example.org/dup",
            &["一句只在这篇文章里的话，反复出现。", "一句只在这篇文章里的话，反复出现。"],
        );
        for _ in 0..5 {
            arts.push(art(&dup.title, "https://example.org/dup", &["一句只在这篇文章里的话，反复出现。"]));
        }
        let mut g = Group { publisher: "例報".into(), files: arts.len(), ..Group::default() };
        for a in arts {
            if g.seen.insert(a.title.clone()) {
                g.articles.push(a);
            }
        }
        let toml = propose(&g, "example", &Options::default());
        assert!(!toml.contains("一句只在这篇文章里的话"), "{toml}");
    }

    #[test]
    fn series_headings_labels_and_credits_are_not_proposed() {
        let mut arts = corpus();
        for i in 0..6 {
            arts.push(art(
                &format!("COVID-19全球最新情報7/{i}"),
                &format!("https://example.org/c{i}"),
                &["以下為全球各地過去24小時的疫情與相關發展：", "● 中國", &format!("中國新增{i}例。"), "译者/何黎"],
            ));
        }
        let toml = proposal(arts);
        assert!(!toml.contains("\"● 中國\""), "{toml}");
        assert!(toml.contains("● 中國 (6: a heading of a series"), "{toml}");
        assert!(!toml.contains("\"以下為全球各地過去24小時的疫情與相關發展：\""), "{toml}");
        assert!(!toml.contains("\"译者/何黎\""), "{toml}");
        assert!(toml.contains("translator: 6"), "{toml}");
    }

    #[test]
    fn a_column_s_inner_lines_stay_and_a_closing_template_spares_text_on_its_line() {
        const TEMPLATE: &str = "——本文版权归例报所有，未经授权不得转载。";
        let mut arts = corpus();
        // Closing lines of one ending: `第N期——本文版权…`.
        for (i, a) in arts.iter_mut().enumerate().take(10) {
            let l = format!("第{i}期{TEMPLATE}");
            let n = a.lines.len();
            if let Some(last) = a.lines.last_mut() {
                last.closing = n >= 3;
            }
            a.lines.push(Line { text: l, edge: true, start: false, closing: true });
        }
        // Two columns; the weekly one rates a word inside each issue's text.
        for i in 0..6 {
            let (a, b, c) = (format!("词{i}的来历。"), format!("词{i}的故事。"), format!("词{i}的结局。"));
            let lines =
                ["上期内容见下", a.as_str(), "正文开始", "敏感度：高。", b.as_str(), "正文继续", c.as_str(), "完结"];
            arts.push(art(&format!("【敏感词周报】第{i}期：词{i}"), "", &lines));
            arts.push(art(&format!("【评论】第{i}篇：观点{i}"), "", &[&format!("评论{i}的正文。"), "评论结束"]));
        }
        let toml = proposal(arts);
        assert!(toml.contains("敏感度：高。 (6: a line inside the texts of one column (【敏感词周报】)"), "{toml}");
        let set = Outlets::from_files(vec![sites::UserFile { path: "learned.toml".into(), text: toml.clone() }])
            .unwrap_or_else(|e| panic!("{e}\n{toml}"));
        let o = set.get("example").unwrap();
        let long = format!(
            "一段很长的正文，讲述了这件事的来龙去脉，以及各方对此的看法和后续的发展，还有更多细节在这里，直到最后一个字{TEMPLATE}"
        );
        let mut a = crate::record::Article {
            paragraphs: vec!["正文。".into(), "敏感度：高。".into(), long.clone(), format!("第99期{TEMPLATE}")],
            ..Default::default()
        };
        o.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文。".to_owned(), "敏感度：高。".to_owned(), long], "{toml}");
    }

    #[test]
    fn labels_with_varying_rest_are_proposed_speaker_tags_are_not() {
        let mut arts = corpus();
        for i in 0..8 {
            let q = format!("你怎么看第{i}个问题？");
            arts.push(art(
                &format!("访谈{i}"),
                &format!("https://example.org/q{i}"),
                &["记者：", &q, "记者：还有吗？", "记者：谢谢。", "正文。"],
            ));
        }
        let toml = proposal(arts);
        assert!(toml.contains("\"图像来源，\""), "{toml}");
        assert!(!toml.contains("\"记者：\""), "{toml}");
    }

    #[test]
    fn keys_come_from_hosts() {
        let mut g = Group { publisher: "金融时报".into(), ..Group::default() };
        g.hosts.insert("cn.ft.com".into(), 5);
        assert_eq!(key_of(&g), "ft");
        g.hosts.clear();
        g.hosts.insert("hkcnews.com".into(), 2);
        assert_eq!(key_of(&g), "hkcnews");
        assert_eq!(shape_regex(&timestamp_shape("29 分钟前")), r"^\d+ 分钟前$");
        assert_eq!(shape_regex(&timestamp_shape("Dec 30th 2020")), r"^[A-Za-z]+ \d+[A-Za-z]+ \d+$");
        assert_eq!(label_of("图像来源，EPA"), Some("图像来源，"));
        assert_eq!(label_of("这是一个很长的开头不是标签，后面还有"), None);
    }

    /// The entries of one list, in the order written (`drop_matching = [ … ]`).
    fn listed<'a>(toml: &'a str, key: &str) -> Vec<&'a str> {
        let Some(start) = toml.find(&format!("{key} = [")) else { return Vec::new() };
        toml.get(start..)
            .unwrap_or_default()
            .lines()
            .skip(1)
            .take_while(|l| *l != "]")
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect()
    }

    #[test]
    fn the_proposal_is_in_one_order_by_count_then_text_whatever_the_hash_order() {
        // Four sites' short links and two closing templates, all in every article (one
        // count): their order is the text's, not the order of a hash map's keys (which
        // changes from run to run, and from map to map).
        let arts = || -> Vec<Article> {
            (0..30)
                .map(|i| {
                    let text = format!("关于第{i}篇报道的正文：记者走访现场，居民讲述了前后的经历。");
                    let links: Vec<String> = ["zz.example", "aa.example", "mm.example", "qq.example"]
                        .iter()
                        .map(|h| format!("{h}/x{i}"))
                        .collect();
                    let tail_a = format!("Story {i} of the week first appeared on Example Daily Weekly Review.");
                    let tail_b = format!("The piece number {i} was written for the Example Sunday Supplement.");
                    let mut lines = vec![text.as_str()];
                    lines.extend(links.iter().map(String::as_str));
                    lines.push(&tail_a);
                    lines.push(&tail_b);
                    let title = format!(
                        "{}：第{i}篇",
                        ["洪水", "选举", "疫苗", "地震", "油价", "股市", "外交"].get(i % 7).unwrap_or(&"")
                    );
                    art(&title, &format!("https://example.org/{i}"), &lines)
                })
                .collect()
        };
        let first = proposal(arts());
        let matching = listed(&first, "drop_matching");
        assert!(matching.len() >= 4, "{first}");
        let mut sorted = matching.clone();
        sorted.sort();
        assert_eq!(matching, sorted, "{first}");
        for _ in 0..5 {
            assert_eq!(proposal(arts()), first);
        }
    }
}
