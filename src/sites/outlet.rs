//! Rule files compiled into [`Outlet`]s, and the set of outlets a run uses
//! ([`Outlets`]): the built-in rules embedded from `rules/*.toml`, replaced or extended by
//! user rule files.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use chrono::FixedOffset;
use regex::Regex;
use scraper::Selector;

use super::actions::{self, Action, Run};
use super::bounds;
use super::credits::{self, Kind};
use super::rule::{AuthorRule, BylineRule, CreditsRule, NameStyle, Place, Rule, Text};

/// The built-in rule files, embedded at build time (a test checks that every file of
/// `rules/` is listed).
pub static BUILTIN_FILES: &[(&str, &str)] = &[
    ("bbc.toml", include_str!("../../rules/bbc.toml")),
    ("bitterwinter.toml", include_str!("../../rules/bitterwinter.toml")),
    ("cctv.toml", include_str!("../../rules/cctv.toml")),
    ("cdt.toml", include_str!("../../rules/cdt.toml")),
    ("cna.toml", include_str!("../../rules/cna.toml")),
    ("dw.toml", include_str!("../../rules/dw.toml")),
    ("economist.toml", include_str!("../../rules/economist.toml")),
    ("epochtimes.toml", include_str!("../../rules/epochtimes.toml")),
    ("ft.toml", include_str!("../../rules/ft.toml")),
    ("hkcnews.toml", include_str!("../../rules/hkcnews.toml")),
    ("neist.toml", include_str!("../../rules/neist.toml")),
    ("nytimes.toml", include_str!("../../rules/nytimes.toml")),
    ("reuters.toml", include_str!("../../rules/reuters.toml")),
    ("rfa.toml", include_str!("../../rules/rfa.toml")),
    ("rfi.toml", include_str!("../../rules/rfi.toml")),
    ("rti.toml", include_str!("../../rules/rti.toml")),
    ("solidot.toml", include_str!("../../rules/solidot.toml")),
    ("voa.toml", include_str!("../../rules/voa.toml")),
    ("wqw.toml", include_str!("../../rules/wqw.toml")),
    ("zaobao.toml", include_str!("../../rules/zaobao.toml")),
];

/// A rule file that cannot be used: the file, the line and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {problem}")]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

/// Where an outlet's rule came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Embedded in the binary (`rules/<file>` in the repository).
    Builtin(&'static str),
    /// A user rule file.
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Builtin(file) => write!(f, "built-in (rules/{file})"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A regex of a rule: compiled at load for user rules (so that every error is reported
/// before the run), on first use for the built-in ones (start-up stays cheap; the tests
/// compile every built-in regex).
pub(super) struct Re {
    src: String,
    cell: OnceLock<Option<Regex>>,
}

impl Re {
    fn get(&self) -> Option<&Regex> {
        self.cell.get_or_init(|| Regex::new(&self.src).ok()).as_ref()
    }
    pub fn is_match(&self, h: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(h))
    }
    pub fn captures<'h>(&self, h: &'h str) -> Option<regex::Captures<'h>> {
        self.get()?.captures(h)
    }
    pub fn replace_all<'h>(&self, h: &'h str, with: &str) -> Cow<'h, str> {
        self.get().map_or(Cow::Borrowed(h), |r| r.replace_all(h, with))
    }
}

/// One file's text and name, for error messages; `eager`: compile regexes now (and hold
/// the file to the bounds of [`bounds`]).
struct File<'a> {
    name: &'a str,
    text: &'a str,
    eager: bool,
    /// CSS selectors compiled so far.
    selectors: std::cell::Cell<usize>,
}

impl File<'_> {
    fn line(&self, offset: usize) -> usize {
        let head = self.text.get(..offset.min(self.text.len())).unwrap_or(self.text);
        head.bytes().filter(|&b| b == b'\n').count() + 1
    }
    fn err(&self, at: &Text, problem: impl Into<String>) -> RuleError {
        RuleError { file: self.name.to_owned(), line: self.line(at.span().start), problem: problem.into() }
    }
    fn regex(&self, t: &Text) -> Result<Re, RuleError> {
        self.compile(t.get_ref(), t)
    }
    fn compile(&self, src: &str, at: &Text) -> Result<Re, RuleError> {
        let cell = OnceLock::new();
        if self.eager {
            let re = bounds::regex(src).map_err(|problem| self.err(at, problem))?;
            let _ = cell.set(Some(re));
        }
        Ok(Re { src: src.to_owned(), cell })
    }
    /// Texts to look for: an empty one would match every title or paragraph.
    fn texts(&self, list: &[Text]) -> Result<Vec<String>, RuleError> {
        list.iter()
            .map(|t| {
                if t.get_ref().is_empty() {
                    Err(self.err(t, "empty string (it would match everything)"))
                } else {
                    Ok(t.get_ref().clone())
                }
            })
            .collect()
    }
    /// Several regexes as one (any of them matches).
    fn any_regex(&self, list: &[Text]) -> Result<Option<Re>, RuleError> {
        let Some(first) = list.first() else { return Ok(None) };
        let joined = list.iter().map(|t| format!("(?:{})", t.get_ref())).collect::<Vec<_>>().join("|");
        match self.compile(&joined, first) {
            Ok(re) => Ok(Some(re)),
            Err(e) => {
                // Name the regex at fault.
                for t in list {
                    self.regex(t)?;
                }
                Err(e)
            }
        }
    }
    /// Several selector lists as one.
    fn selector(&self, list: &[Text]) -> Result<Option<Selector>, RuleError> {
        for t in list {
            Selector::parse(t.get_ref()).map_err(|e| {
                self.err(
                    t,
                    format!("invalid CSS selector {}: {}", bounds::shown(t.get_ref()), bounds::selector_problem(&e)),
                )
            })?;
            let count = self.selectors.get() + bounds::count_selectors(t.get_ref());
            if self.eager && count > bounds::MAX_SELECTORS {
                return Err(self.err(
                    t,
                    format!(
                        "more than {} CSS selectors in one rule file (each is tried on every element of every page)",
                        bounds::MAX_SELECTORS
                    ),
                ));
            }
            self.selectors.set(count);
        }
        if list.is_empty() {
            return Ok(None);
        }
        let joined = list.iter().map(|t| t.get_ref().as_str()).collect::<Vec<_>>().join(", ");
        Selector::parse(&joined).map(Some).map_err(|e| RuleError {
            file: self.name.to_owned(),
            line: list.first().map_or(1, |t| self.line(t.span().start)),
            problem: format!("invalid CSS selector list: {}", bounds::selector_problem(&e)),
        })
    }
}

fn one_line(e: &impl fmt::Display) -> String {
    e.to_string().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `+08:00`, `-05:30`, `Z`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    if s == "Z" || s == "UTC" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, s.get(1..)?),
        b'-' => (-1, s.get(1..)?),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=23).contains(&h) || !(0..=59).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

pub(super) struct TitleRules {
    pub section_prefix: bool,
    pub column_prefix: bool,
    pub category_prefixes: Vec<String>,
    pub strip_prefixes: Vec<String>,
    pub strip_suffixes: Vec<String>,
    pub strip: Vec<Re>,
    pub cut_after: Vec<String>,
}

pub(super) struct HtmlRules {
    pub drop: Option<Selector>,
    pub caption: Option<Selector>,
    pub tag: Option<Selector>,
    pub tags_from: Option<Selector>,
    pub category_from: Option<Selector>,
    pub author_from: Option<Selector>,
    pub author_prefixes: Vec<String>,
    pub link_lists: bool,
    pub drop_from_heading: Vec<String>,
    pub gallery_heading: Vec<String>,
    pub skip_images: Vec<String>,
}

pub(super) struct Strip {
    pub pattern: Re,
    pub with: String,
    pub unless: Option<Re>,
}

pub(super) struct ParagraphRules {
    pub drop_title_repeats: bool,
    pub drop_equal: Vec<String>,
    pub drop_starting: Vec<String>,
    pub drop_containing: Vec<String>,
    pub drop_matching: Option<Re>,
    pub drop_author_bio: bool,
    pub cut_at_heading: Vec<String>,
    pub cut_at_starting: Vec<String>,
    pub cut_at_matching: Option<Re>,
    pub cut_until_starting: Vec<String>,
    pub strip: Vec<Strip>,
}

impl ParagraphRules {
    pub fn has_drops(&self) -> bool {
        !self.drop_equal.is_empty()
            || !self.drop_starting.is_empty()
            || !self.drop_containing.is_empty()
            || self.drop_matching.is_some()
    }
    pub fn has_cut(&self) -> bool {
        !self.cut_at_heading.is_empty() || !self.cut_at_starting.is_empty() || self.cut_at_matching.is_some()
    }
}

pub(super) struct Byline {
    pub pattern: Re,
    pub place: Place,
    pub within: usize,
    pub max_chars: usize,
    pub remove: bool,
    pub strip: bool,
    pub names: NameStyle,
    pub author: Option<String>,
    pub fallback: bool,
}

pub(super) struct Teaser {
    pub ends_with: Vec<String>,
    pub always: bool,
    pub single_paragraph_under: Option<usize>,
}

pub(super) struct AuthorClean {
    pub from_label: bool,
    pub split: Vec<char>,
    pub strip: Option<Re>,
    pub drop_names: Vec<String>,
    pub not_person: Option<Re>,
}

impl AuthorClean {
    pub fn cleans(&self) -> bool {
        !self.split.is_empty() || self.strip.is_some() || !self.drop_names.is_empty() || self.not_person.is_some()
    }
}

/// One outlet: its identity and its compiled rules.
pub struct Outlet {
    pub(super) key: String,
    pub(super) publisher: String,
    pub(super) names: Vec<String>,
    pub(super) hosts: Vec<String>,
    pub(super) offset: Option<FixedOffset>,
    pub(super) title: TitleRules,
    pub(super) html: HtmlRules,
    /// Where the promo starts in a Markdown body: `None`, no cut; an empty list, at
    /// the first rule; else at the first rule followed by one of these.
    pub(super) promo: Option<Vec<String>>,
    pub(super) paragraphs: ParagraphRules,
    pub(super) bylines: Vec<Byline>,
    pub(super) author: AuthorClean,
    pub(super) teaser: Teaser,
    pub(super) credits: credits::Policy,
    pub(super) actions: Vec<&'static Action>,
    /// The line of each `[[example]]` in the rule file.
    pub(super) example_lines: Vec<usize>,
    rule: Rule,
    source: Source,
}

impl fmt::Debug for Outlet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outlet").field("key", &self.key).field("source", &self.source).finish()
    }
}

impl Outlet {
    /// Short stable key (`cna`).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The outlet in its own usual name (`publisher`).
    pub fn publisher(&self) -> &str {
        &self.publisher
    }
    /// Its `[credits]` choices: which credit lines stay and whose names are the author.
    pub fn credits(&self) -> credits::Policy {
        self.credits
    }
    /// Feed labels and dateline names that identify it.
    pub fn names(&self) -> &[String] {
        &self.names
    }
    /// Hosts of its URLs.
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }
    /// The fixed offset its dates are written in, if it has one.
    pub fn home_offset(&self) -> Option<FixedOffset> {
        self.offset
    }
    /// Where its rule came from.
    pub fn source(&self) -> &Source {
        &self.source
    }
    /// The rule file's name as errors give it (`rules/cna.toml`, a user file's path).
    pub fn file_name(&self) -> String {
        source_name(&self.source)
    }
    /// The rule as read.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
    /// The effective rule as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(&self.rule).unwrap_or_else(|e| format!("# cannot write the rule as TOML: {e}\n"))
    }
    pub(super) fn actions(&self) -> impl Iterator<Item = Run> + '_ {
        self.actions.iter().map(|a| a.run)
    }

    /// Compile one rule file, every regex at once (user rules: all errors before the run).
    pub fn compile(name: &str, text: &str, source: Source) -> Result<Outlet, RuleError> {
        Outlet::compile_with(File { name, text, eager: true, selectors: Default::default() }, source)
    }

    /// Compile a built-in rule file: its regexes on first use.
    fn compile_builtin(name: &str, text: &str, source: Source) -> Result<Outlet, RuleError> {
        Outlet::compile_with(File { name, text, eager: false, selectors: Default::default() }, source)
    }

    fn compile_with(file: File, source: Source) -> Result<Outlet, RuleError> {
        let (name, text) = (file.name, file.text);
        let rule: Rule = toml::from_str(text).map_err(|e| RuleError {
            file: name.to_owned(),
            line: e.span().map_or(1, |s| file.line(s.start)),
            problem: one_line(&e.message()),
        })?;
        let key = rule.key.get_ref().trim().to_owned();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(file.err(&rule.key, format!("key {key:?}: use letters, digits, `_` and `-`")));
        }
        let offset =
            match &rule.home_offset {
                Some(t) => Some(parse_offset(t.get_ref()).ok_or_else(|| {
                    file.err(t, format!("home_offset {:?}: write it as +08:00 or -05:00", t.get_ref()))
                })?),
                None => None,
            };
        for h in &rule.hosts {
            let (host, path) = split_host(h.get_ref());
            if let Some(problem) = bounds::host_problem(host) {
                return Err(file.err(h, problem));
            }
            let bad_path = path.is_some_and(|p| p.trim_end_matches('/').is_empty() || p.contains([' ', '?', '#']));
            if bad_path {
                return Err(file.err(
                    h,
                    format!(
                        "host {:?}: write a lower-case host name (`example.org`), optionally with a path \
                         (`example.org/zh`)",
                        h.get_ref()
                    ),
                ));
            }
        }
        let mut named = Vec::new();
        for a in &rule.actions {
            let action = actions::by_name(a.get_ref()).ok_or_else(|| {
                let known: Vec<&str> = actions::ACTIONS.iter().map(|a| a.name).collect();
                file.err(a, format!("unknown action {:?} (known: {})", a.get_ref(), known.join(", ")))
            })?;
            named.push(action);
        }
        let t = &rule.title;
        let title = TitleRules {
            section_prefix: t.section_prefix,
            column_prefix: t.column_prefix,
            category_prefixes: file.texts(&t.category_prefixes)?,
            strip_prefixes: file.texts(&t.strip_prefixes)?,
            strip_suffixes: file.texts(&t.strip_suffixes)?,
            strip: t.strip.iter().map(|r| file.regex(r)).collect::<Result<_, _>>()?,
            cut_after: file.texts(&t.cut_after)?,
        };
        let h = &rule.html;
        let html = HtmlRules {
            drop: file.selector(&h.drop)?,
            caption: file.selector(&h.caption)?,
            tag: file.selector(&h.tag)?,
            tags_from: file.selector(&h.tags_from)?,
            category_from: file.selector(&h.category_from)?,
            author_from: file.selector(&h.author_from)?,
            author_prefixes: file.texts(&h.author_prefixes)?,
            link_lists: h.link_lists,
            drop_from_heading: file.texts(&h.drop_from_heading)?,
            gallery_heading: file.texts(&h.gallery_heading)?,
            skip_images: file.texts(&h.skip_images)?,
        };
        let p = &rule.paragraphs;
        let mut strip = Vec::new();
        for s in &p.strip {
            strip.push(Strip {
                pattern: file.regex(&s.pattern)?,
                with: s.with.clone(),
                unless: s.unless.as_ref().map(|u| file.regex(u)).transpose()?,
            });
        }
        let paragraphs = ParagraphRules {
            drop_title_repeats: p.drop_title_repeats,
            drop_equal: file.texts(&p.drop_equal)?,
            drop_starting: file.texts(&p.drop_starting)?,
            drop_containing: file.texts(&p.drop_containing)?,
            drop_matching: file.any_regex(&p.drop_matching)?,
            drop_author_bio: p.drop_author_bio,
            cut_at_heading: file.texts(&p.cut_at_heading)?,
            cut_at_starting: file.texts(&p.cut_at_starting)?,
            cut_at_matching: file.any_regex(&p.cut_at_matching)?,
            cut_until_starting: file.texts(&p.cut_until_starting)?,
            strip,
        };
        let bylines = rule.byline.iter().map(|b| compile_byline(&file, b)).collect::<Result<_, _>>()?;
        let author = compile_author(&file, &rule.author)?;
        let credits = compile_credits(&file, &rule.credits)?;
        let mut example_lines = Vec::with_capacity(rule.examples.len());
        // The examples come in the file's order: their lines are counted on from the last
        // one's, not from the file's start each time (built-in files hold dozens).
        let mut at = (0, 1);
        for ex in &rule.examples {
            let start = ex.span().start;
            let line = match file.text.get(at.0..start) {
                Some(between) => at.1 + between.bytes().filter(|&b| b == b'\n').count(),
                None => file.line(start),
            };
            at = (start, line);
            let e = ex.get_ref();
            let err = |problem: &str| RuleError { file: name.to_owned(), line, problem: problem.to_owned() };
            if e.title.is_none() && e.paragraphs.is_empty() && e.html.is_none() && e.markdown.is_none() {
                return Err(err("example without input (give paragraphs, html, markdown or title)"));
            }
            if [!e.paragraphs.is_empty(), e.html.is_some(), e.markdown.is_some()].iter().filter(|x| **x).count() > 1 {
                return Err(err("example with two bodies (give one of paragraphs, html, markdown)"));
            }
            if e.expect.is_empty() {
                return Err(err("example without expect (give expect.body, expect.author, …)"));
            }
            example_lines.push(line);
        }
        Ok(Outlet {
            key,
            publisher: rule.publisher.clone(),
            names: rule.names.iter().map(|n| n.get_ref().trim().to_owned()).collect(),
            hosts: rule.hosts.iter().map(|h| h.get_ref().clone()).collect(),
            offset,
            title,
            html,
            promo: (rule.markdown.rule_starts_promo || !rule.markdown.promo_starts.is_empty())
                .then(|| file.texts(&rule.markdown.promo_starts))
                .transpose()?,
            paragraphs,
            bylines,
            author,
            teaser: Teaser {
                ends_with: file.texts(&rule.teaser.ends_with)?,
                always: rule.teaser.always,
                single_paragraph_under: rule.teaser.single_paragraph_under,
            },
            credits,
            actions: named,
            example_lines,
            rule,
            source,
        })
    }
}

fn compile_byline(file: &File, b: &BylineRule) -> Result<Byline, RuleError> {
    let pattern = file.regex(&b.pattern)?;
    let src = b.pattern.get_ref();
    let has_group = match pattern.cell.get() {
        Some(Some(re)) => re.capture_names().any(|n| n == Some("author")),
        _ => src.contains("(?P<author>") || src.contains("(?<author>"),
    };
    if b.author.is_none() && !has_group {
        return Err(file.err(&b.pattern, "byline pattern has no group `(?P<author>…)` (or give `author = \"…\"`)"));
    }
    let within = b.within.unwrap_or(if b.place == Place::Ends { 2 } else { 1 });
    Ok(Byline {
        pattern,
        place: b.place,
        within: if b.place == Place::Any { usize::MAX } else { within },
        max_chars: b.max_chars.unwrap_or(usize::MAX),
        remove: b.remove || b.strip,
        strip: b.strip,
        names: b.names,
        author: b.author.clone(),
        fallback: b.fallback,
    })
}

fn compile_author(file: &File, a: &AuthorRule) -> Result<AuthorClean, RuleError> {
    Ok(AuthorClean {
        from_label: a.from_label,
        split: a.split.chars().collect(),
        strip: a.strip.as_ref().map(|r| file.regex(r)).transpose()?,
        drop_names: file.texts(&a.drop_names)?,
        not_person: a.not_person.as_ref().map(|r| file.regex(r)).transpose()?,
    })
}

fn compile_credits(file: &File, c: &CreditsRule) -> Result<credits::Policy, RuleError> {
    let kinds = |list: &[Text]| {
        list.iter()
            .map(|t| {
                Kind::by_name(t.get_ref()).ok_or_else(|| {
                    let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    file.err(t, format!("unknown credit kind {:?} (known: {})", t.get_ref(), known.join(", ")))
                })
            })
            .collect::<Result<Vec<Kind>, RuleError>>()
    };
    let keep = kinds(&c.keep)?;
    let author_from = c.author_from.as_deref().map(kinds).transpose()?;
    Ok(credits::Policy::new(&keep, author_from.as_deref()))
}

/// A `hosts` entry as host and path: `nytimes.com/zh-hans` -> (`nytimes.com`, `/zh-hans`).
fn split_host(entry: &str) -> (&str, Option<&str>) {
    match entry.find('/') {
        Some(i) => (entry.get(..i).unwrap_or_default(), entry.get(i..)),
        None => (entry, None),
    }
}

/// Is `path` (of a URL) under `prefix` (`/zh-hans` holds `/zh-hans/world/…`, not
/// `/zh-hansx`)?
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

/// The outlets of a run: matched by feed label / dateline name, else by URL host (the
/// longest host suffix wins; on one host, an entry with a path wins over the bare host).
#[derive(Debug)]
pub struct Outlets {
    list: Vec<Outlet>,
    by_name: HashMap<String, usize>,
    /// Per host, the outlets by path prefix (`""`: the whole host), longest first.
    by_host: HashMap<String, Vec<(String, usize)>>,
}

static BUILTIN: LazyLock<Outlets> = LazyLock::new(|| match Outlets::from_files(Vec::new()) {
    Ok(set) => set,
    // The embedded rules are checked by the tests; a broken one is a build defect.
    Err(e) => panic!("invalid built-in rule: {e}"),
});

/// A user rule file read from disk.
pub struct UserFile {
    pub path: PathBuf,
    pub text: String,
}

impl Outlets {
    /// The built-in outlets.
    pub fn builtin() -> &'static Outlets {
        &BUILTIN
    }

    /// The built-in outlets with the user rule files or folders `paths` (a folder: its
    /// `*.toml` files, sorted). A user rule with a built-in key replaces it.
    pub fn load(paths: &[PathBuf]) -> Result<Outlets, RuleError> {
        Outlets::from_files(read_rule_files(paths)?)
    }

    /// As [`Outlets::load`], leaked for the life of the process (a cheap `&'static`
    /// handle for [`crate::Options`]).
    pub fn load_static(paths: &[PathBuf]) -> Result<&'static Outlets, RuleError> {
        if paths.is_empty() {
            return Ok(Outlets::builtin());
        }
        Ok(Box::leak(Box::new(Outlets::load(paths)?)))
    }

    /// The built-in outlets with these user rule files.
    pub fn from_files(user: Vec<UserFile>) -> Result<Outlets, RuleError> {
        Outlets::with_builtins(&[], user)
    }

    /// The built-in outlets except those whose key is in `keys`: what newsnorm does for
    /// an outlet nobody wrote a rule for.
    pub fn builtin_except(keys: &[&str]) -> Result<Outlets, RuleError> {
        Outlets::with_builtins(keys, Vec::new())
    }

    /// The built-in outlets as identities only: who each is (key, publisher, names, hosts,
    /// home offset), none of its cleaning, and every credit line kept: the raw material
    /// `newsnorm outlets learn` reads.
    pub fn identities() -> Result<Outlets, RuleError> {
        let mut list = Vec::new();
        for (name, text) in BUILTIN_FILES {
            let file = format!("rules/{name}");
            let rule: Rule = toml::from_str(text).map_err(|e| RuleError {
                file: file.clone(),
                line: 1,
                problem: one_line(&e.message()),
            })?;
            let mut t = toml::Table::new();
            t.insert("key".into(), rule.key.get_ref().clone().into());
            t.insert("publisher".into(), rule.publisher.clone().into());
            let strings = |v: &[Text]| toml::Value::Array(v.iter().map(|x| x.get_ref().clone().into()).collect());
            t.insert("names".into(), strings(&rule.names));
            t.insert("hosts".into(), strings(&rule.hosts));
            if let Some(o) = &rule.home_offset {
                t.insert("home_offset".into(), o.get_ref().clone().into());
            }
            let mut credits = toml::Table::new();
            credits.insert("keep".into(), toml::Value::Array(Kind::ALL.iter().map(|k| k.name().into()).collect()));
            t.insert("credits".into(), credits.into());
            let text =
                toml::to_string(&t).map_err(|e| RuleError { file: file.clone(), line: 1, problem: e.to_string() })?;
            list.push(Outlet::compile_builtin(&file, &text, Source::Builtin(name))?);
        }
        Outlets::index(list, &[])
    }

    fn with_builtins(except: &[&str], user: Vec<UserFile>) -> Result<Outlets, RuleError> {
        let mut list: Vec<Outlet> = Vec::new();
        for (name, text) in
            BUILTIN_FILES.iter().filter(|(n, _)| !except.iter().any(|k| n.strip_suffix(".toml") == Some(k)))
        {
            list.push(Outlet::compile_builtin(&format!("rules/{name}"), text, Source::Builtin(name))?);
        }
        let builtin_count = list.len();
        for f in &user {
            let shown = f.path.display().to_string();
            let outlet = Outlet::compile(&shown, &f.text, Source::File(f.path.clone()))?;
            match list.iter().position(|o| o.key == outlet.key) {
                Some(i) if i >= builtin_count || matches!(list.get(i).map(|o| &o.source), Some(Source::File(_))) => {
                    let first = list.get(i).map(|o| o.source.to_string()).unwrap_or_default();
                    let file = File { name: &shown, text: &f.text, eager: false, selectors: Default::default() };
                    return Err(file
                        .err(&outlet.rule.key, format!("outlet key {:?} is already defined by {first}", outlet.key)));
                }
                Some(i) => {
                    if let Some(slot) = list.get_mut(i) {
                        *slot = outlet;
                    }
                }
                None => list.push(outlet),
            }
        }
        Outlets::index(list, &user)
    }

    /// Index the outlets by name and host; two outlets claiming one is an error.
    fn index(list: Vec<Outlet>, user: &[UserFile]) -> Result<Outlets, RuleError> {
        let mut by_name = HashMap::default();
        let mut by_host = HashMap::default();
        for (i, o) in list.iter().enumerate() {
            let text_of = |o: &Outlet| match &o.source {
                Source::Builtin(name) => {
                    BUILTIN_FILES.iter().find(|(n, _)| n == name).map_or("", |(_, t)| *t).to_owned()
                }
                Source::File(p) => user.iter().find(|f| &f.path == p).map_or(String::new(), |f| f.text.clone()),
            };
            let clash = |what: &str, value: &str, at: &Text, other: usize| {
                let text = text_of(o);
                let file =
                    File { name: &source_name(&o.source), text: &text, eager: false, selectors: Default::default() };
                let other = list.get(other).map_or(String::new(), |x| format!("{} ({})", x.key, x.source));
                file.err(at, format!("{what} {value:?} is claimed by two outlets: {} and {other}", o.key))
            };
            for (n, at) in o.names.iter().zip(&o.rule.names) {
                if let Some(&other) = by_name.get(n) {
                    if other != i {
                        return Err(clash("name", n, at, other));
                    }
                } else {
                    by_name.insert(n.clone(), i);
                }
            }
            for (h, at) in o.hosts.iter().zip(&o.rule.hosts) {
                let (host, path) = split_host(h);
                let path = path.unwrap_or_default().trim_end_matches('/');
                let entries: &mut Vec<(String, usize)> = by_host.entry(host.to_owned()).or_default();
                match entries.iter().find(|(p, _)| p == path) {
                    Some(&(_, other)) if other != i => return Err(clash("host", h, at, other)),
                    Some(_) => {}
                    None => {
                        entries.push((path.to_owned(), i));
                        entries.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
                    }
                }
            }
        }
        Ok(Outlets { list, by_name, by_host })
    }

    /// Every outlet (built-in order, then new user outlets).
    pub fn iter(&self) -> impl Iterator<Item = &Outlet> {
        self.list.iter()
    }

    /// The outlet with this key.
    pub fn get(&self, key: &str) -> Option<&Outlet> {
        self.list.iter().find(|o| o.key == key)
    }

    /// The outlet named by `label` (a feed label or dateline name, trimmed), else the
    /// one whose host `url` is on (the longest matching host suffix).
    pub fn find(&self, label: Option<&str>, url: Option<&str>) -> Option<&Outlet> {
        if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty())
            && let Some(&i) = self.by_name.get(label)
        {
            return self.list.get(i);
        }
        let url = url?;
        let host = super::host_of(url)?;
        // The path starts at the first `/` after the host (a `?` or `#` first: no path).
        let path = url
            .split_once("://")
            .and_then(|(_, r)| r.find(['/', '?', '#']).and_then(|i| r.get(i..)))
            .filter(|p| p.starts_with('/'))
            .unwrap_or("/");
        let mut rest = host.as_str();
        loop {
            if let Some(entries) = self.by_host.get(rest)
                && let Some(&(_, i)) = entries.iter().find(|(prefix, _)| prefix.is_empty() || under(path, prefix))
            {
                return self.list.get(i);
            }
            rest = rest.split_once('.')?.1;
        }
    }
}

fn source_name(s: &Source) -> String {
    match s {
        Source::Builtin(name) => format!("rules/{name}"),
        Source::File(p) => p.display().to_string(),
    }
}

/// The rule files named by `paths`: files as given, folders' `*.toml` files sorted.
pub fn read_rule_files(paths: &[PathBuf]) -> Result<Vec<UserFile>, RuleError> {
    let mut out = Vec::new();
    let io_err = |p: &Path, problem: String| RuleError { file: p.display().to_string(), line: 0, problem };
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| io_err(path, format!("cannot read rules: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                // Every `*.toml` entry: one that is not a regular file is refused, unread.
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.is_dir())
                .collect();
            files.sort();
            for f in files {
                let text = bounds::read_rule_file(&f).map_err(|problem| io_err(&f, problem))?;
                out.push(UserFile { path: f, text });
            }
        } else {
            let text = bounds::read_rule_file(path).map_err(|problem| io_err(path, problem))?;
            out.push(UserFile { path: path.clone(), text });
        }
    }
    Ok(out)
}
