//! Credit lines, a generic stage after the outlet rules ([`apply`]): a paragraph, or a line
//! of one, that only credits people — writers, reporters, translators, editors,
//! photographers, sources, contributors — is not article text and leaves the body, in its
//! Chinese, English, German and French forms (`译者/何黎`, `翻译: 杨威廉`, `责编: 张慈`,
//! `作者/摄影 X | 内容编辑 Y`, `Reporting by X; Editing by Y`, `Foto: dpa`,
//! `X(Latin)香港补充报道`). The writers and reporters it names are the author when the
//! article names no one else; translators, editors and the others never are. A note that
//! closes an opinion piece (`（注：本文仅代表作者个人观点。责编邮箱x@y.com）`) loses its credit,
//! and goes when only disclaimers are left.
//!
//! The words are data, one list per kind (`data/lexicon/credit-*.txt`,
//! `disclaimers.txt`); an outlet's `[credits]` rule keeps kinds in the body or chooses
//! whose names are the author ([`Policy`]). A credit at the end of a text paragraph
//! (`…。（編輯：徐睿承）`) is part of that paragraph and stays.

use std::sync::LazyLock;

use foldhash::HashMap;

use crate::lexicon::{self, Lexicon};
use crate::normalize::text;
use crate::record::Article;

/// What a credit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Writer,
    Reporter,
    Translator,
    Editor,
    Photographer,
    Source,
    Contributor,
}

impl Kind {
    /// Every kind, in the order of the rule reference.
    pub const ALL: [Kind; 7] = [
        Kind::Writer,
        Kind::Reporter,
        Kind::Translator,
        Kind::Editor,
        Kind::Photographer,
        Kind::Source,
        Kind::Contributor,
    ];

    /// The kind's name in rule files (`writer`, `editor`, …).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Writer => "writer",
            Kind::Reporter => "reporter",
            Kind::Translator => "translator",
            Kind::Editor => "editor",
            Kind::Photographer => "photographer",
            Kind::Source => "source",
            Kind::Contributor => "contributor",
        }
    }

    /// The kind called `name`.
    pub fn by_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    fn lexicon(self) -> &'static Lexicon {
        match self {
            Kind::Writer => &lexicon::CREDIT_WRITER,
            Kind::Reporter => &lexicon::CREDIT_REPORTER,
            Kind::Translator => &lexicon::CREDIT_TRANSLATOR,
            Kind::Editor => &lexicon::CREDIT_EDITOR,
            Kind::Photographer => &lexicon::CREDIT_PHOTOGRAPHER,
            Kind::Source => &lexicon::CREDIT_SOURCE,
            Kind::Contributor => &lexicon::CREDIT_CONTRIBUTOR,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// An outlet's choices about credit lines (its rule's `[credits]`): which kinds stay in
/// the body, and whose names are the author. By default every credit line leaves the
/// body and writers and reporters are the author when no one else is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    keep: u8,
    author_from: u8,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { keep: 0, author_from: Kind::Writer.bit() | Kind::Reporter.bit() }
    }
}

impl Policy {
    /// `keep`: kinds whose lines stay in the body; `author_from`: kinds whose names are
    /// the author (`None`: writers and reporters).
    pub fn new(keep: &[Kind], author_from: Option<&[Kind]>) -> Policy {
        let bits = |ks: &[Kind]| ks.iter().fold(0, |b, k| b | k.bit());
        Policy { keep: bits(keep), author_from: author_from.map_or(Policy::default().author_from, bits) }
    }

    fn keeps(self, kinds: &[Kind]) -> bool {
        kinds.iter().any(|k| self.keep & k.bit() != 0)
    }

    fn authors(self, kinds: &[Kind]) -> bool {
        kinds.iter().any(|k| self.author_from & k.bit() != 0)
    }
}

/// The credit words: those that open a credit and those that follow the names, each
/// with its kind, longest first.
struct Words {
    prefix: Vec<(&'static str, Kind)>,
    suffix: Vec<(&'static str, Kind)>,
    /// The opening words by their first character (ASCII lower-cased), longest first.
    by_first: HashMap<char, Vec<(&'static str, Kind)>>,
    /// Any following word, found in one pass over a line.
    suffix_any: AnyOf,
    /// The last characters of the following words (a line ending otherwise ends with none).
    suffix_last: Vec<char>,
}

/// A search for any of many literal words in one pass over the text (a literal
/// alternation runs as one automaton), not one pass per word: the credit stage reads
/// every short paragraph of every article.
struct AnyOf {
    words: Vec<&'static str>,
    re: Option<regex::Regex>,
}

impl AnyOf {
    fn new(words: Vec<&'static str>) -> AnyOf {
        let alternation = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        let re = (!words.iter().any(|w| w.is_empty())).then(|| regex::Regex::new(&alternation).ok()).flatten();
        AnyOf { words, re }
    }

    /// Does `s` hold one of the words?
    fn in_text(&self, s: &str) -> bool {
        match &self.re {
            Some(re) => re.is_match(s),
            None => self.words.iter().any(|w| s.contains(w)),
        }
    }
}

fn first_key(s: &str) -> Option<char> {
    s.chars().next().map(|c| c.to_ascii_lowercase())
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut prefix = Vec::new();
    let mut suffix = Vec::new();
    for kind in Kind::ALL {
        for w in kind.lexicon().words() {
            match w.strip_prefix('…') {
                Some(s) => suffix.push((s, kind)),
                None => prefix.push((*w, kind)),
            }
        }
    }
    prefix.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    suffix.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut by_first: HashMap<char, Vec<(&'static str, Kind)>> = HashMap::default();
    for &(w, k) in &prefix {
        if let Some(c) = first_key(w) {
            by_first.entry(c).or_default().push((w, k));
        }
    }
    let suffix_any = AnyOf::new(suffix.iter().map(|(w, _)| *w).collect());
    let mut suffix_last: Vec<char> = suffix.iter().filter_map(|(w, _)| w.chars().last()).collect();
    suffix_last.sort_unstable();
    suffix_last.dedup();
    Words { prefix, suffix, by_first, suffix_any, suffix_last }
});

/// Where the names of a Chinese credit end in `s`: the first place where one of the
/// words that end them starts (roles and verbs, not a single character, which could be
/// part of a name) or a mark of [`super::NAME_PUNCTUATION`]; for [`super::credit_names`].
/// One pass over `s`, trying at each character only the words that open with it, not
/// one search of `s` per word.
pub(super) fn names_end(s: &str) -> Option<usize> {
    // The words by their first character.
    static STOPS: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
        let w = &*WORDS;
        let words = w.prefix.iter().chain(&w.suffix).map(|(s, _)| *s);
        let mut v: Vec<(char, &'static str)> = words
            .filter(|s| !s.is_ascii() && s.chars().count() > 1 && s.chars().all(text::is_wide))
            .chain(super::NAME_PUNCTUATION.iter().copied())
            .filter_map(|w| Some((w.chars().next()?, w)))
            .collect();
        v.sort_unstable();
        v
    });
    s.char_indices().find_map(|(i, c)| {
        let rest = s.get(i..)?;
        let from = STOPS.partition_point(|(f, _)| *f < c);
        let mut same = STOPS.get(from..)?.iter().take_while(|(f, _)| *f == c);
        same.any(|(_, w)| rest.starts_with(w)).then_some(i)
    })
}

/// Is `word` a credit word (`责任编辑`, `Photo`), alone?
pub fn is_credit_word(word: &str) -> bool {
    word_at(word.trim()).is_some_and(|(_, _, rest)| rest.is_empty())
}

/// Separators between a credit word and the names.
fn is_sep(c: char) -> bool {
    matches!(c, '：' | ':' | '／' | '/' | '丨' | '|' | '｜')
}

/// Separators between the credits of a line, and between names.
fn is_item_sep(c: char) -> bool {
    matches!(c, '；' | ';' | '|' | '｜' | ',' | '，' | '、' | '/' | '／' | '丨' | '&' | '＆') || c.is_whitespace()
}

fn is_cjk(c: char) -> bool {
    text::is_wide(c) && c.is_alphabetic()
}

/// Dots and middle dots inside transliterated names (`迈克•蓬佩奥`, `劳拉·比克`).
fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '．')
}

/// A credit word at the start of `s`: the longest, compared ignoring ASCII case. A Latin
/// word must end at a word boundary.
fn word_at(s: &str) -> Option<(&'static str, Kind, &str)> {
    WORDS.by_first.get(&first_key(s)?)?.iter().find_map(|&(w, kind)| {
        let head = s.get(..w.len())?;
        if !head.eq_ignore_ascii_case(w) {
            return None;
        }
        let rest = s.get(w.len()..)?;
        if w.ends_with(|c: char| c.is_ascii_alphabetic()) && rest.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        Some((w, kind, rest))
    })
}

/// Words for an e-mail address after a role (`责编邮箱x@y.com`).
const MAIL_WORDS: [&str; 6] = ["邮箱", "郵箱", "信箱", "E-mail", "Email", "email"];

/// The names after a credit word: a separator (`：`, `/`, a space, `邮箱`), or nothing
/// before a name with an e-mail address (`本文编辑徐瑾 Jin.Xu@x.com`). One-character
/// words need a separator that is not a space (`文：X`, `图／X`).
fn after_separator<'a>(word: &str, rest: &'a str) -> Option<(&'a str, Sep)> {
    let mut r = rest;
    for m in MAIL_WORDS {
        if let Some(x) = r.strip_prefix(m) {
            r = x;
            break;
        }
    }
    let trimmed = r.trim_start();
    if let Some(c) = trimmed.chars().next()
        && is_sep(c)
    {
        return Some((trimmed.get(c.len_utf8()..)?.trim_start(), Sep::Mark));
    }
    let spaced = trimmed.len() < r.len();
    let one_char = word.chars().count() == 1;
    // A Latin word before a space must be a preposition (`By X`, `Von X`, `Photo by X`):
    // a noun before a space is a heading (`Photo Sources`, `Text Messaging`).
    let latin_noun = word.is_ascii() && !is_latin_preposition(word);
    if r.len() < rest.len() {
        return Some((trimmed, Sep::Mark));
    }
    if spaced && !one_char && !latin_noun {
        return Some((trimmed, Sep::Space));
    }
    // Glued: the names must hold an e-mail address (checked by the caller).
    (!one_char && !word.is_ascii()).then_some((trimmed, Sep::Glued))
}

/// What came between a credit word and the names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// A separator (`：`, `/`, `|`) or `邮箱`.
    Mark,
    /// Only a space.
    Space,
    /// Nothing (`本文编辑徐瑾 x@y.com`).
    Glued,
}

/// `By`, `Written by`, `Von`, `Par`, `Traduit par`: a credit word that is a preposition.
fn is_latin_preposition(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w == "by" || w.ends_with(" by") || w == "von" || w.ends_with(" von") || w == "par" || w.ends_with(" par")
}

/// The credit words at the start of `s`, chained with `/` (`作者/摄影`), after an
/// optional `本文` or a qualifier of one or two characters (`内容编辑`, `寒冬記者`); and
/// the text after their separator. `first`: the first credit of a line.
fn roles_at(s: &str, first: bool) -> Option<(Vec<Kind>, &str, Sep, &'static str)> {
    let s = s.strip_prefix("本文").unwrap_or(s);
    // The word itself, else a qualified one (`文字整理：` is not `文字` glued to `整理：…`):
    // a word with a separator after it before one glued to what follows.
    let mut found = [(word_at(s), false), (qualified_word_at(s), true)]
        .into_iter()
        .filter_map(|(w, qualified)| roles_after(w?, first, qualified));
    let one = found.next()?;
    if one.2 != Sep::Glued {
        return Some(one);
    }
    Some(found.next().filter(|other| other.2 != Sep::Glued).unwrap_or(one))
}

/// The roles from a first credit word on, and the names' start (see [`roles_at`]).
fn roles_after<'a>(
    (word, kind, rest): (&'static str, Kind, &'a str),
    first: bool,
    qualified: bool,
) -> Option<(Vec<Kind>, &'a str, Sep, &'static str)> {
    let mut kinds = vec![kind];
    let mut rest = rest;
    let mut last = word;
    // `作者/摄影 X`: a second role after the slash.
    while let Some(r) = rest.strip_prefix(['/', '／']).map(str::trim_start)
        && let Some((w, k, after)) = word_at(r)
    {
        kinds.push(k);
        rest = after;
        last = w;
    }
    let (after, sep) = after_separator(last, rest)?;
    // A qualified word before a space opens the line only before a person's name
    // (`寒冬記者 周曉路`; `恐吓作者 央视回应盗图侵权` is a heading).
    if first && qualified && sep != Sep::Mark {
        let end = next_credit(after);
        let names = after.get(..end).unwrap_or_default();
        if !names.split(is_item_sep).filter(|t| !t.is_empty()).all(is_person) {
            return None;
        }
    }
    Some((kinds, after, sep, last))
}

/// A credit word after one or two Chinese characters (`内容编辑`, `网络编辑`).
fn qualified_word_at(s: &str) -> Option<(&'static str, Kind, &str)> {
    let mut it = s.char_indices();
    for _ in 0..2 {
        let (_, c) = it.next()?;
        if !is_cjk(c) {
            return None;
        }
        let at = it.clone().next().map_or(s.len(), |(i, _)| i);
        if let Some((w, k, rest)) = s.get(at..).and_then(word_at)
            && w.chars().count() > 1
            && !w.is_ascii()
        {
            return Some((w, k, rest));
        }
    }
    None
}

/// Where the next credit of a line starts in `names`: a credit word after a separator or
/// a space (a qualifier may come between), or one followed by a colon (`罗诗如作者：X`).
fn next_credit(names: &str) -> usize {
    next_credit_within(names, names.len()).unwrap_or(names.len())
}

/// [`next_credit`] when it starts at byte `limit` or before.
fn next_credit_within(names: &str, limit: usize) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in names.char_indices() {
        if i > limit {
            return None;
        }
        if i > 0 {
            let rest = names.get(i..).unwrap_or_default();
            let boundary = prev.is_some_and(is_item_sep);
            if boundary && roles_at(rest, false).is_some() {
                return Some(i);
            }
            if let Some((w, _, after)) = word_at(rest)
                && w.chars().count() > 1
                && after.trim_start().starts_with(['：', ':'])
            {
                return Some(i);
            }
        }
        prev = Some(c);
    }
    (names.len() <= limit).then_some(names.len())
}

/// One credit: its kinds and the names it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub kinds: Vec<Kind>,
    pub names: String,
}

/// Words that may stand lower-case between the parts of a Latin name or list.
const PARTICLES: [&str; 22] = [
    "de", "van", "von", "der", "den", "di", "da", "du", "le", "la", "bin", "al", "el", "y", "e", "and", "und", "et",
    "zu", "dos", "del", "ter",
];

/// Lower-case words that are not names of agencies (`Source: the company`).
const FUNCTION_WORDS: [&str; 20] = [
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "or", "is", "are", "was", "by", "les", "des", "die", "das",
    "mit", "with",
];

fn is_email(t: &str) -> bool {
    t.contains('@') && t.contains('.') && !t.contains(char::is_whitespace)
}

/// A web address without its scheme (`t.me`, `mediendienst-integration.de`).
fn is_domain(t: &str) -> bool {
    let labels: Vec<&str> = t.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()))
}

fn is_date(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
}

/// `乔纳森·海德（Jonathan Head）` without the romanisation in brackets.
fn without_romanisation(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find(['（', '(']) {
        let (head, tail) = rest.split_at(open);
        let close = tail.find(['）', ')']);
        let inner = close.and_then(|c| tail.get(tail.chars().next().map_or(1, char::len_utf8)..c));
        match (close, inner) {
            (Some(c), Some(inner))
                if !inner.trim().is_empty()
                    && inner.chars().all(|c| c.is_alphabetic() && !is_cjk(c) || " .'’-".contains(c)) =>
            {
                out.push_str(head);
                out.push(' ');
                rest = tail
                    .get(c + tail.get(c..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8)..)
                    .unwrap_or("");
            }
            _ => {
                out.push_str(head);
                out.push_str(tail.get(..tail.chars().next().map_or(1, char::len_utf8)).unwrap_or_default());
                rest = tail.get(tail.chars().next().map_or(1, char::len_utf8)..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Marks of sentences and markup that no credit's names hold (nor its words); titles'
/// `《》` neither, but a contributor's credit whose word follows the names may hold them.
const NOT_IN_NAMES: [char; 17] =
    ['。', '！', '？', '!', '?', '“', '”', '「', '」', '『', '』', '"', '<', '>', '=', '*', '#'];

/// Do `names` look like the names of a credit (people, an agency, an e-mail address),
/// not a sentence? `loose`: lower-case agency names are names (`Foto: dpa`).
fn are_names(names: &str, loose: bool) -> bool {
    if names.is_empty() || names.chars().count() > 80 {
        return false;
    }
    if names.contains(NOT_IN_NAMES) || names.contains(['《', '》']) {
        return false;
    }
    let plain = without_romanisation(names);
    let (mut cjk, mut named, mut latin_words, mut particles) = (0, false, 0, 0);
    for token in plain.split(is_item_sep).filter(|t| !t.is_empty()) {
        if is_email(token) || is_date(token) || is_domain(token) {
            named |= !is_date(token);
            continue;
        }
        let token = token.trim_matches(|c: char| c == '.' || c == '-');
        if token.is_empty() {
            continue;
        }
        let wide = token.chars().filter(|&c| is_cjk(c)).count();
        if wide > 0 {
            if token.chars().any(|c| !(is_cjk(c) || is_name_dot(c) || c.is_alphabetic())) || wide > 8 {
                return false;
            }
            particles +=
                token.chars().filter(|c| lexicon::PARTICLES_ZH.words().iter().any(|p| p.starts_with(*c))).count();
            cjk += wide;
            named = true;
            continue;
        }
        if !token.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-')) {
            return false;
        }
        latin_words += 1;
        let lower = token.to_lowercase();
        if token.starts_with(char::is_uppercase) || PARTICLES.contains(&lower.as_str()) {
            named |= token.starts_with(char::is_uppercase);
        } else if loose && !FUNCTION_WORDS.contains(&lower.as_str()) && (token.len() <= 4 || token.contains('-')) {
            named = true;
        } else {
            return false;
        }
    }
    // A pen name may hold one function character (`仰泳的海星`), a sentence holds more.
    named && latin_words <= 12 && (cjk != 1 || latin_words > 0) && particles < 2
}

/// The credits of `line` when the whole line is credits (`None` otherwise). `body`:
/// only lines short enough to be credits are read.
pub fn parse(line: &str) -> Option<Vec<Credit>> {
    // An end mark after the credit (`责任编辑：高静 #`) is not part of it.
    let s = line.trim().trim_end_matches(['#', '＃']).trim_end();
    // A line opening or closing with a mark no credit word and no name holds (`。`, `”`,
    // `？`) is text: every character of a credit line is in a word, a separator or the
    // names, and [`are_names`] refuses these. Most paragraphs end with one. (Tested
    // again inside brackets.) Fewer bytes than 120 are fewer characters: most lines are
    // not counted.
    if s.is_empty()
        || s.starts_with(NOT_IN_NAMES)
        || s.ends_with(NOT_IN_NAMES)
        || s.len() > 360
        || (s.len() > 120 && s.chars().count() > 120)
    {
        return None;
    }
    let bracketed = unbracket(s);
    let inner = bracketed.unwrap_or(s).trim();
    if inner.starts_with(NOT_IN_NAMES) || inner.ends_with(NOT_IN_NAMES) {
        return None;
    }
    // How the text was made, alone in brackets: `（综合报导）`, `(编译)`.
    if bracketed.is_some()
        && let Some(&(w, kind)) = WORDS.suffix.iter().find(|(w, _)| *w == inner)
    {
        return Some(vec![Credit { kinds: vec![kind], names: w.to_owned() }]);
    }
    parse_prefixed(inner).or_else(|| parse_suffixed(inner)).or_else(|| {
        // `自由亚洲电台记者X华盛顿报道 责编：Y 网编：Z`: a credit whose word follows the
        // names, then credits whose words open them. (Only a line holding such a word is
        // searched for where its next credit starts, and only in its opening run of
        // characters a name may hold: the names and their word are made of them.)
        if !WORDS.suffix_any.in_text(inner) {
            return None;
        }
        let at = next_credit_within(inner, name_run(inner).len())?;
        let mut head = parse_suffixed(inner.get(..at)?.trim())?;
        head.extend(parse_prefixed(inner.get(at..)?)?);
        Some(head)
    })
}

/// The text inside brackets that enclose the whole of `s` (`（…）`, `【…】`, `[…]`).
fn unbracket(s: &str) -> Option<&str> {
    let open = s.chars().next()?;
    let close = match open {
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '[' => ']',
        '〔' => '〕',
        _ => return None,
    };
    let inner = s.strip_prefix(open)?;
    // The bracket opened first must be the one that closes last.
    let mut depth = 1usize;
    for (i, c) in inner.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close || (open == '（' && c == ')') || (open == '(' && c == '）') {
            depth -= 1;
            if depth == 0 {
                return (i + c.len_utf8() == inner.len()).then(|| inner.get(..i)).flatten();
            }
        }
    }
    None
}

/// `ROLE sep NAMES [sep ROLE sep NAMES]…`.
fn parse_prefixed(s: &str) -> Option<Vec<Credit>> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut glued_people = false;
    loop {
        rest = rest.trim_start_matches(is_item_sep);
        if rest.is_empty() {
            break;
        }
        let (kinds, after, sep, word) = roles_at(rest, out.is_empty())?;
        let end = next_credit(after);
        let raw = after.get(..end)?;
        let names = raw.trim_matches(is_item_sep);
        // Glued to its word, a name needs an e-mail address after it, or other credits
        // on the line (`记者唐家婕 责编：申铧`, `记者乔龙 责编胡力汉、嘉远 网编洪伟`).
        if sep == Sep::Glued && !names.split(is_item_sep).any(is_email) {
            if !names.split(is_item_sep).filter(|t| !t.is_empty()).all(is_person) {
                return None;
            }
            glued_people = true;
        }
        // `By X`, `von X` without a colon: a first and a last name (`By Functionality`,
        // `von Künstlern, Bands,` are a heading and a sentence), nothing after a comma.
        if sep == Sep::Space && word.is_ascii() {
            let first =
                names.split([',', ';', '&']).next().unwrap_or_default().split(" and ").next().unwrap_or_default();
            let words = first.split_whitespace().count();
            let last = end == after.len();
            if (first.is_ascii() && words < 2) || (last && raw.trim_end().ends_with([',', ';', '，'])) {
                return None;
            }
        }
        let loose = kinds.iter().any(|k| matches!(k, Kind::Photographer | Kind::Source));
        if !are_names(names, loose) {
            return None;
        }
        out.push(Credit { kinds, names: names.to_owned() });
        rest = after.get(end..)?;
    }
    (!out.is_empty() && (!glued_people || out.len() > 1)).then_some(out)
}

/// A character of the names before a credit word that follows them (a contributor's
/// credit may hold a title in `《》`).
fn is_name_char(c: char, title_ok: bool) -> bool {
    c.is_alphabetic()
        || c.is_whitespace()
        || is_name_dot(c)
        || "、()（）.'’-".contains(c)
        || (title_ok && "《》".contains(c))
}

/// The opening run of `s` of characters names may hold (titles allowed).
fn name_run(s: &str) -> &str {
    let end = s.find(|c: char| !is_name_char(c, true)).unwrap_or(s.len());
    s.get(..end).unwrap_or(s)
}

/// `NAMES [place] WORD`: `钟元台北报导`, `记者曹郁芬采访`, `康河信(Hudson Lockett)香港补充报道`.
/// Without a credit word before the names, they must end with a known place or hold a
/// Latin name (`相关报道` is a heading, not a credit).
fn parse_suffixed(s: &str) -> Option<Vec<Credit>> {
    if s.chars().last().is_none_or(|c| WORDS.suffix_last.binary_search(&c).is_err()) {
        return None;
    }
    let (word, kind) = WORDS.suffix.iter().find(|(w, _)| s.ends_with(w)).copied()?;
    let head = s.get(..s.len() - word.len())?.trim_end();
    let title_ok = kind == Kind::Contributor;
    if head.chars().count() < 2 || head.chars().count() > 110 || !head.chars().all(|c| is_name_char(c, title_ok)) {
        return None;
    }
    // A credit word before the names: the last one (`美国之音记者X华盛顿报道`).
    let role_end = WORDS
        .prefix
        .iter()
        .filter(|(w, k)| matches!(k, Kind::Reporter | Kind::Writer) && w.chars().count() > 1 && !w.is_ascii())
        .filter_map(|(w, _)| head.rfind(w).map(|i| i + w.len()))
        .max();
    let names = role_end.and_then(|i| head.get(i..)).unwrap_or(head).trim();
    let items: Vec<&str> = names.split(['、', '，', ',']).map(str::trim).collect();
    let ok = !names.is_empty()
        && (kind == Kind::Contributor || items.iter().all(|item| is_named_item(item, role_end.is_some())));
    ok.then(|| vec![Credit { kinds: vec![kind], names: format!("{names}{word}") }])
}

/// One name of a credit whose word follows the names, with the place after it:
/// `钟元台北`, `黄春梅 台北`, `康河信(Hudson Lockett)香港`, `Xueqiao Wang北京`. A
/// Chinese name without a known place after it counts only after a credit word
/// (`记者曹郁芬`) or in a contributor's credit (`相关报道` is a heading).
fn is_named_item(item: &str, after_word: bool) -> bool {
    // A name then a romanisation in brackets, then any place.
    if let Some(open) = item.find(['(', '（']) {
        let name = item.get(..open).unwrap_or_default().trim();
        return is_person(name) || name.chars().all(|c| c.is_alphabetic() || c == ' ') && !name.is_empty();
    }
    // A Latin name, then any place.
    let latin_end = item.find(|c: char| is_cjk(c)).unwrap_or(item.len());
    if latin_end > 0 {
        let latin = item.get(..latin_end).unwrap_or_default().trim();
        return is_person(latin) && item.get(latin_end..).is_some_and(|p| p.chars().all(is_cjk));
    }
    let words: Vec<&str> = item.split_whitespace().collect();
    let (name, places) = match words.split_first() {
        Some((name, places)) => (*name, places),
        None => return false,
    };
    if !places.iter().all(|p| lexicon::PLACES_ZH.contains(p)) {
        return false;
    }
    let bare = name_without_place(name);
    let placed = bare.len() < name.len() || !places.is_empty();
    (placed || after_word) && (2..=4).contains(&bare.chars().count()) && bare.chars().all(is_cjk)
        || name.chars().any(is_name_dot) && is_person(name)
}

/// The people a writer's or reporter's credit names: Chinese names without the place
/// after them and without a romanisation, Latin names; not organisations (a long
/// Chinese name without a middle dot), e-mail addresses or role words.
fn people(c: &Credit) -> Vec<String> {
    let from_suffix = WORDS.suffix.iter().any(|(w, _)| c.names.ends_with(w));
    if from_suffix {
        return super::credit_names(&c.names).into_iter().filter(|n| is_person(n)).collect();
    }
    let plain = without_romanisation(&c.names);
    let mut out = Vec::new();
    for part in plain.split(['、', '，', ',', '；', ';', '/', '／', '&', '＆', '|', '｜']) {
        let part = part.trim();
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.iter().all(|w| w.chars().any(is_cjk)) {
            // `黄春梅 台北`, `胡力汉 许书婷`: Chinese names separated by spaces.
            for w in words {
                if !lexicon::PLACES_ZH.contains(w) {
                    out.push(name_without_place(w).to_owned());
                }
            }
        } else {
            for name in part.split(" and ").flat_map(|p| p.split(" und ")).flat_map(|p| p.split(" et ")) {
                out.push(name.trim().to_owned());
            }
        }
    }
    out.retain(|n| is_person(n));
    out
}

fn name_without_place(w: &str) -> &str {
    let mut name = w;
    while let Some(n) = lexicon::PLACES_ZH
        .words()
        .iter()
        .filter_map(|p| name.strip_suffix(p).filter(|n| n.chars().count() >= 2))
        .min_by_key(|n| n.len())
    {
        name = n;
    }
    name
}

/// A person's name: two to four Chinese characters, a transliterated name with a middle
/// dot, or one to five Latin words; not an e-mail address or a role.
pub fn is_person(n: &str) -> bool {
    if n.is_empty() || is_email(n) || is_date(n) || n.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let wide = n.chars().filter(|&c| is_cjk(c)).count();
    if wide > 0 {
        return (2..=4).contains(&wide) || (n.chars().any(is_name_dot) && wide <= 12);
    }
    let words: Vec<&str> = n.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
        && !words
            .iter()
            .flat_map(|w| w.split('-'))
            .any(|w| word_at(w).is_some_and(|(x, _, rest)| rest.is_empty() && x.len() > 2))
}

/// A note closing an opinion piece: the whole paragraph in brackets, or opening with
/// `注：`. Its trailing credits go; it goes when only disclaimers are left.
enum Note {
    /// Not a note with a credit or a disclaimer: unchanged.
    Text,
    /// Only disclaimers and credits.
    Gone,
    /// The note without its credits.
    Kept(String),
}

const NOTE_MARKS: [&str; 6] = ["注：", "注:", "註：", "註:", "按：", "按:"];

fn is_disclaimer(piece: &str) -> bool {
    // The first characters of the disclaimers and of the notes' marks, to turn most
    // pieces away at once.
    static FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
        let words = lexicon::DISCLAIMERS.words().iter().chain(&NOTE_MARKS);
        let mut f: Vec<char> = words.filter_map(|d| d.chars().next()).collect();
        f.sort_unstable();
        f.dedup();
        f
    });
    let p = piece.trim();
    if p.chars().next().is_none_or(|c| FIRST.binary_search(&c).is_err()) {
        return false;
    }
    let p = NOTE_MARKS.iter().find_map(|m| p.strip_prefix(m)).unwrap_or(p).trim();
    !p.is_empty() && lexicon::DISCLAIMERS.words().iter().any(|d| p.starts_with(d))
}

/// The writer's bio in a closing note: `作者为独立评论人`, `作者系…`, `本文作者是…`.
fn is_writer_bio(piece: &str) -> bool {
    let p = piece.trim();
    let p = NOTE_MARKS.iter().find_map(|m| p.strip_prefix(m)).unwrap_or(p).trim();
    let p = p.strip_prefix("本文").unwrap_or(p);
    ["作者为", "作者系", "作者是", "作者為", "作者係"].iter().any(|w| p.starts_with(w))
}

/// Does the first piece of `s` (that holds more than end marks) open with a disclaimer?
/// A paragraph that is no note goes only when all its pieces are disclaimers: this
/// test (a few comparisons at its start) turns most paragraphs away before they are cut
/// into pieces. (No disclaimer holds an end mark, so the piece need not be cut out.)
fn opens_with_disclaimer(s: &str) -> bool {
    is_disclaimer(s.trim_start_matches(['。', '；', '，', ';', ' ']))
}

fn note(p: &str) -> Note {
    let s = p.trim();
    // A note in brackets, or opening with 注： (its closing bracket at times lost).
    let opened = s.strip_prefix(['（', '(']).filter(|r| NOTE_MARKS.iter().any(|m| r.starts_with(m)));
    let bracketed = unbracket(s).or_else(|| opened.map(|r| r.trim_end_matches(['）', ')'])));
    let is_note = bracketed.is_some() || NOTE_MARKS.iter().any(|m| s.starts_with(m));
    if !is_note && !opens_with_disclaimer(s) {
        return Note::Text;
    }
    // (Fewer bytes than 400 are fewer characters: most paragraphs are not counted.)
    if s.len() > 400 && s.chars().count() > 400 {
        return Note::Text;
    }
    let inner = bracketed.unwrap_or(s);
    // Pieces end at 。；，; with their end mark.
    let mut pieces: Vec<&str> = inner.split_inclusive(['。', '；', '，', ';']).collect();
    let mut cut = false;
    while is_note
        && let Some(last) = pieces.last()
        && parse(last.trim_end_matches(['。', '；', '，', ';']).trim()).is_some()
    {
        pieces.pop();
        cut = true;
    }
    let left: Vec<&str> =
        pieces.iter().copied().filter(|x| !x.trim_matches(['。', '；', '，', ';', ' ']).is_empty()).collect();
    fn bare<'a>(x: &&'a str) -> &'a str {
        x.trim_end_matches(['。', '；', '，', ';'])
    }
    if left.iter().all(|x| is_disclaimer(bare(x))) {
        return if cut || !left.is_empty() { Note::Gone } else { Note::Text };
    }
    // A note of the writer's bio and a disclaimer (`（作者系…。本文仅代表作者观点。）`): the
    // bio says where the piece came from, it is not its text.
    if is_note && left.first().is_some_and(|x| is_writer_bio(bare(x))) {
        let at = left.iter().position(|x| is_disclaimer(bare(x)));
        if at.is_some_and(|at| left.iter().skip(at).all(|x| is_disclaimer(bare(x)))) {
            return Note::Gone;
        }
    }
    if !cut {
        return Note::Text;
    }
    let body: String = left.concat();
    let body = body.trim_end_matches(['，', '；', ';']).trim_end();
    let body = if body.ends_with(['。', '！', '？']) || body.ends_with('.') {
        body.to_owned()
    } else {
        format!("{body}。")
    };
    Note::Kept(match (bracketed, s.chars().next(), s.chars().last()) {
        (Some(_), Some(open), Some(close)) => format!("{open}{body}{close}"),
        _ => body,
    })
}

/// The stage: credit lines leave the body (unless `policy` keeps their kind) and name
/// the author when `art` has none; a body is never emptied.
pub fn apply(art: &mut Article, policy: Policy) {
    if art.paragraphs.is_empty() {
        return;
    }
    let breaks = art.split_lines();
    let parsed: Vec<Option<Vec<Credit>>> = art.paragraphs.iter().map(|p| parse(p)).collect();
    let speakers = speaker_words(&art.paragraphs, &parsed);
    let mut gone = vec![false; art.paragraphs.len()];
    let mut names = Vec::new();
    for (i, credits) in parsed.iter().enumerate() {
        let Some(credits) = credits else { continue };
        let Some(line) = art.paragraphs.get(i) else { continue };
        let beside = |j: Option<usize>| j.and_then(|j| art.paragraphs.get(j)).is_some_and(|l| is_book_data(l));
        if beside(i.checked_sub(1)) || beside(i.checked_add(1)) {
            continue;
        }
        if speakers.iter().any(|w| line.trim_start().trim_start_matches(['（', '(', '【', '[']).starts_with(w)) {
            continue;
        }
        if credits.iter().any(|c| policy.keeps(&c.kinds)) {
            continue;
        }
        if let Some(g) = gone.get_mut(i) {
            *g = true;
        }
        for c in credits.iter().filter(|c| policy.authors(&c.kinds)) {
            names.extend(people(c));
        }
    }
    if gone.iter().all(|g| *g) {
        art.join_lines(&breaks);
        return;
    }
    let mut i = 0;
    art.paragraphs.retain(|_| {
        i += 1;
        !gone.get(i - 1).copied().unwrap_or(false)
    });
    if !policy.keeps(&[Kind::Editor]) && art.paragraphs.len() > 1 {
        let mut out = Vec::with_capacity(art.paragraphs.len());
        for p in std::mem::take(&mut art.paragraphs) {
            match note(&p) {
                Note::Text => out.push(p),
                Note::Gone => {}
                Note::Kept(k) => out.push(k),
            }
        }
        art.paragraphs = out;
    }
    art.join_lines(&breaks);
    if art.author.is_none() {
        art.author = super::join_names(&names);
    }
}

/// A line of a book's data block: `書名：…`, `中文版出版社：…`, or a title in `《》` alone.
fn is_book_data(line: &str) -> bool {
    let l = line.trim();
    if l.starts_with('《') && l.ends_with('》') {
        return true;
    }
    let label = l.split(['：', ':']).next().unwrap_or_default().trim();
    label.len() < l.len()
        && label.chars().count() <= 10
        && lexicon::BOOK_LABELS.words().iter().any(|b| label.ends_with(b))
}

/// Credit words that open two or more lines of the article, one of them not a credit:
/// the speaker tags of an interview (`记者：…？`), not credits.
fn speaker_words(lines: &[String], parsed: &[Option<Vec<Credit>>]) -> Vec<&'static str> {
    let mut seen: HashMap<&'static str, (usize, bool)> = HashMap::default();
    for (line, credits) in lines.iter().zip(parsed) {
        let l = line.trim_start().trim_start_matches(['（', '(', '【', '[']);
        if let Some((w, _, rest)) = word_at(l)
            && rest.trim_start().starts_with(['：', ':'])
        {
            let e = seen.entry(w).or_default();
            e.0 += 1;
            e.1 |= credits.is_none();
        }
    }
    seen.into_iter().filter(|(_, (n, speech))| *n >= 2 && *speech).map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Option<Vec<Vec<&'static str>>> {
        parse(line).map(|cs| cs.into_iter().map(|c| c.kinds.into_iter().map(Kind::name).collect()).collect())
    }

    fn run(paragraphs: &[&str]) -> Article {
        let mut a = Article { paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(), ..Default::default() };
        apply(&mut a, Policy::default());
        a
    }

    #[test]
    fn any_of_finds_what_a_search_per_word_finds() {
        let words = vec!["补充报道", "编译", "整理"];
        let any = AnyOf::new(words.clone());
        for s in ["记者X香港补充报道", "（编译）", "资料整理中", "补充报", "", "Reporting by X"] {
            assert_eq!(any.in_text(s), words.iter().any(|w| s.contains(w)), "{s}");
        }
        // An empty word is in every text, as `contains` has it.
        assert!(AnyOf::new(vec!["", "编译"]).in_text("正文"));
        // The suffix words are all searched: a line holding only the last one is found.
        let last = WORDS.suffix.last().map(|(w, _)| *w).unwrap_or_default();
        assert!(WORDS.suffix_any.in_text(&format!("某某{last}")));
        assert!(WORDS.suffix.iter().all(|(w, _)| w.chars().last().is_some_and(|c| WORDS.suffix_last.contains(&c))));
    }

    #[test]
    fn a_paragraph_opening_with_a_disclaimer_is_read_as_a_note_and_no_disclaimer_holds_an_end_mark() {
        for d in lexicon::DISCLAIMERS.words() {
            assert!(!d.contains(['。', '；', '，', ';']), "{d}");
        }
        assert!(opens_with_disclaimer("，本文仅代表作者观点。"));
        assert!(!opens_with_disclaimer("他说本文仅代表作者观点。"));
        let mut a = run(&["正文第一段。", "本文仅代表作者观点。编者省略脚注部分。"]);
        assert_eq!(a.paragraphs, vec!["正文第一段。"]);
        a = run(&["正文第一段。", "本文仅代表作者观点，但他说了别的话。"]);
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn no_credit_word_holds_a_mark_of_sentences_so_a_line_opening_or_closing_with_one_is_text() {
        // `parse` turns such a line away before reading it: sound only while no word holds one.
        for (w, _) in WORDS.prefix.iter().chain(&WORDS.suffix) {
            assert!(!w.contains(NOT_IN_NAMES), "{w}");
        }
        for line in ["记者张三报道。", "“责编：张三", "编辑：张三？", "（编辑：张三。）", "By John Smith!"]
        {
            assert_eq!(parse(line), None, "{line}");
        }
        assert!(parse("（编辑：张三）").is_some() && parse("By John Smith").is_some());
    }

    #[test]
    fn credit_lines_of_every_kind_and_language() {
        let one = |k: &'static str| Some(vec![vec![k]]);
        assert_eq!(kinds("译者/何黎"), one("translator"));
        assert_eq!(kinds("翻译: 杨威廉"), one("translator"));
        assert_eq!(kinds("翻译 ：纽约时报中文网"), one("translator"));
        assert_eq!(kinds("責編: 邹宗翰"), one("editor"));
        assert_eq!(kinds("本文编辑徐瑾 Jin.Xu@FTChinese.com"), one("editor"));
        assert_eq!(kinds("（編輯：李怡瑩）"), one("editor"));
        assert_eq!(kinds("攝影：周滿鏗"), one("photographer"));
        assert_eq!(kinds("来源：明慧网，大纪元"), one("source"));
        assert_eq!(kinds("By Chris Patten"), one("writer"));
        assert_eq!(kinds("By: CK"), one("writer"));
        assert_eq!(kinds("Foto: dpa"), one("photographer"));
        assert_eq!(kinds("Quelle: Reuters"), one("source"));
        assert_eq!(kinds("Par Jean Dupont"), one("writer"));
        assert_eq!(kinds("康河信(Hudson Lockett)香港补充报道"), one("contributor"));
        assert_eq!(kinds("Xueqiao Wang北京补充报道"), one("contributor"));
        assert_eq!(kinds("钟元台北报导"), one("reporter"));
        assert_eq!(
            kinds("记者：高锋 责编：胡力汉 许书婷 网编：瑞哲"),
            Some(vec![vec!["reporter"], vec!["editor"], vec!["editor"]])
        );
        assert_eq!(
            kinds("作者/摄影 仰泳的海星 | 内容编辑 尼尼微 | 微信编辑 菠萝蜜"),
            Some(vec![vec!["writer", "photographer"], vec!["editor"], vec!["editor"]])
        );
        assert_eq!(
            kinds("Reporting by Kevin Yao; Editing by Ana Nicolaci da Costa"),
            Some(vec![vec!["reporter"], vec!["editor"]])
        );
        assert_eq!(kinds("编辑：罗诗如作者：鹿大萌"), Some(vec![vec!["editor"], vec!["writer"]]));
        assert_eq!(
            kinds(
                "戴维•基奥恩(David Keohane)巴黎、克林•霍普(Kerin Hope)雅典、伊恩•芒特(Ian Mount)马德里、彼得•怀斯(Peter Wise)里斯本补充报道"
            ),
            one("contributor")
        );
        assert_eq!(kinds("（美国之音记者尹暄对本文亦有贡献）"), one("contributor"));
        assert_eq!(kinds("(综合报导)"), one("reporter"));
        assert_eq!(kinds("《新闻拍案惊奇》制作组"), one("contributor"));
        assert_eq!(kinds("文字整理：叶枫，责任编辑：高静 #"), Some(vec![vec!["editor"], vec!["editor"]]));
        assert_eq!(kinds("Written by:Elise Nass"), one("writer"));
        assert_eq!(kinds("von Klaus Stanjek"), one("writer"));
        assert_eq!(kinds("翻譯：t.me/VoiceofCN"), one("translator"));
        assert_eq!(
            kinds("记者唐家婕 责编：申铧 网编：郭度"),
            Some(vec![vec!["reporter"], vec!["editor"], vec!["editor"]])
        );
        assert_eq!(
            kinds("记者乔龙 责编胡力汉、嘉远 网编洪伟"),
            Some(vec![vec!["reporter"], vec!["editor"], vec!["editor"]])
        );
        assert_eq!(
            kinds("自由亚洲电台记者陈品洁华盛顿报道 责编：申铧 网编：洪伟"),
            Some(vec![vec!["reporter"], vec!["editor"], vec!["editor"]])
        );
        assert_eq!(
            kinds("本台记者王允的专题报道 责编：申铧 网编：瑞哲"),
            Some(vec![vec!["reporter"], vec!["editor"], vec!["editor"]])
        );
    }

    #[test]
    fn sentences_headings_and_speech_are_not_credits() {
        for line in [
            "记者：得知被中共及香港警方依国安法通缉，你的反应是什么？",
            "记者致电中国民政部和四川省民政厅，均无人回应。",
            "相关报道",
            "综合报道",
            "By the way, this is text.",
            "Source: the company",
            "Source: Documents compiled in internal Deutsche Bank investigation.",
            "Von der Leyen said so",
            "文字版",
            "编者按：本文是一篇很长的按语，说明文章的来历。",
            "正文。（編輯：徐睿承）",
            "作者：",
            "美国之音记者问他是否会去。",
            // Headings and sentences that open with a credit word.
            "Photo Sources and Display Controls",
            "Text Messaging",
            "By Functionality",
            "von Künstlern, Bands, DJs,",
            "无国界记者：恫吓外国记者政策延伸香港",
            "作者 做過投行，現在喺一間創投基金做嘢，係一個九十後的金融／創投人",
            "（本文采用了CNN、法新社和路透社的报道）",
            "（本文仅代表作者本人观点，刊于本报）",
            "恐吓作者 央视回应盗图侵权",
            "记者王五说",
            "新华社的报道",
            "李戡最新采访：我为父亲不值",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }

    #[test]
    fn credit_lines_leave_the_body_writers_are_the_author() {
        let a = run(&["正文。", "作者：何雨珈 / 编辑：杜强 武奋丰"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("何雨珈")));
        let a = run(&["正文。", "译者/何黎"]);
        assert_eq!((a.paragraphs, a.author), (vec!["正文。".to_owned()], None));
        let a = run(&["正文。", "自由亚洲电台记者黄春梅 台北报道"]);
        assert_eq!(a.author.as_deref(), Some("黄春梅"));
        let a = run(&["Text.", "Reporting by Kevin Yao and Ryan Woo; Editing by Jane Doe"]);
        assert_eq!(a.author.as_deref(), Some("Kevin Yao、Ryan Woo"));
        // A line of a paragraph.
        let a = run(&["记者：刘伟程\n来源：立场新闻", "正文。"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("刘伟程")));
        // Someone named already stays the author.
        let mut a = Article {
            author: Some("王五".into()),
            paragraphs: vec!["正文。".into(), "记者：高锋".into()],
            ..Default::default()
        };
        apply(&mut a, Policy::default());
        assert_eq!(a.author.as_deref(), Some("王五"));
        // A glued name before an e-mail address is the editor's, and names no one.
        let a = run(&["正文。", "（本文仅代表作者本人观点，责编：闫曼 man.yan@ftchinese.com)"]);
        assert_eq!((a.paragraphs.len(), a.author), (1, None));
        // A book's data block: its author is not the article's.
        let a =
            run(&["正文。", "《注定一战》", "作者：格雷厄姆•艾利森 (Graham Allison)", "中文版出版社： 上海人民出版社"]);
        assert_eq!((a.paragraphs.len(), a.author), (4, None));
        // A body is never emptied.
        let a = run(&["译者/何黎"]);
        assert_eq!(a.paragraphs, vec!["译者/何黎"]);
    }

    #[test]
    fn an_interview_s_speaker_tags_stay() {
        let a = run(&["记者：谢谢", "受访者：不客气。", "记者：你在上个月提到的构想，现在有哪些进展？", "正文。"]);
        assert_eq!(a.paragraphs.len(), 4);
        assert_eq!(a.author, None);
    }

    #[test]
    fn notes_lose_their_credits() {
        let a = run(&["正文。", "（注：本文仅代表作者个人观点。责编邮箱bo.liu@ftchinese.com）"]);
        assert_eq!(a.paragraphs, vec!["正文。"]);
        let a = run(&["正文。", "（本文仅代表作者本人观点，责编：闫曼 man.yan@ftchinese.com)"]);
        assert_eq!(a.paragraphs, vec!["正文。"]);
        // The writer's bio and a disclaimer: the note goes whole, its closing bracket lost too.
        let a =
            run(&["正文。", "（作者系新加坡五福资本CEO。本文仅代表作者观点。责任编辑邮箱：Tao.feng@ftchinese.com）"]);
        assert_eq!(a.paragraphs, vec!["正文。"]);
        let a = run(&[
            "正文。",
            "（注：作者为独立评论人，微信公号：SSWYSP。本文仅代表作者个人观点。责编邮箱bo.liu@ftchinese.com",
        ]);
        assert_eq!(a.paragraphs, vec!["正文。"]);
        // Other notes keep what is not a credit.
        let a =
            run(&["正文。", "（注：杨绪源，耶鲁大学研究员。本文仅代表作者个人观点。责编邮箱bo.liu@ftchinese.com）"]);
        assert_eq!(a.paragraphs, vec!["正文。", "（注：杨绪源，耶鲁大学研究员。本文仅代表作者个人观点。）"]);
        let a = run(&["正文。", "注：本文仅代表作者个人观点", "本文编辑徐瑾 Jin.Xu@FTChinese.com"]);
        assert_eq!(a.paragraphs, vec!["正文。"]);
        // A credit ending a text paragraph is part of it.
        let a = run(&["正文。（編輯：徐睿承）", "（中央社記者江今葉華盛頓23日專電）白宮。"]);
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn an_outlet_keeps_a_kind_or_takes_no_author() {
        let mut a =
            Article { paragraphs: vec!["正文。".into(), "（編輯：李怡瑩）".into()], ..Default::default() };
        apply(&mut a, Policy::new(&[Kind::Editor], None));
        assert_eq!(a.paragraphs.len(), 2);
        let mut a = Article { paragraphs: vec!["正文。".into(), "记者：高锋".into()], ..Default::default() };
        apply(&mut a, Policy::new(&[], Some(&[])));
        assert_eq!((a.paragraphs.len(), a.author), (1, None));
        let mut a = Article { paragraphs: vec!["正文。".into(), "译者/何黎".into()], ..Default::default() };
        apply(&mut a, Policy::new(&[], Some(&[Kind::Translator])));
        assert_eq!(a.author.as_deref(), Some("何黎"));
    }
}
