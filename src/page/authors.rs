//! Authors: bylines as pages write them (`By Anna Muster and Ben Beispiel`, `Von Anna
//! Muster`, `Anna Muster, Staff Writer`) to names, and the page's author chosen from
//! what it declares (JSON-LD, meta) and shows (byline blocks, a byline line at the top of
//! the text).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};

use super::content::Hints;
use super::jsonld::Ld;
use super::meta::{self, Meta};
use crate::lexicon;
use crate::normalize::text;

/// Words that open a byline and are not part of the name.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*[:：]?\s+", lexicon::BYLINE_OPENERS.alternation())).expect("lexicon pattern")
});

/// Separators between names: punctuation, or a joining word between spaces.
static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| {
    let words: String = lexicon::NAME_JOINERS.words().iter().map(|w| format!(r"|\s+{}\s+", regex::escape(w))).collect();
    Regex::new(&format!(r"(?i)\s*(?:,|;|&|\||/|、|•|·|⋅{words})\s*")).expect("lexicon pattern")
});

fn is_role(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.').to_lowercase();
    lexicon::ROLES.contains(&s)
}

/// One part of a byline as a name, or `None` when it is not one (a URL, a date, an
/// e-mail address, a role, a sentence).
fn name_of(part: &str) -> Option<String> {
    let mut p =
        part.trim().trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '(' | ')' | '"' | '“' | '”' | '@'));
    p = p.trim();
    if p.is_empty() || p.contains("://") || p.starts_with("www.") || p.contains('@') {
        return None;
    }
    // A byline's opening word alone (`By`, `Written by`) is no name.
    if p.chars().any(|c| c.is_ascii_digit()) || is_role(p) || LEAD.is_match(&format!("{p} ")) {
        return None;
    }
    // "Anna Muster, Staff Writer" is split already; "Anna Muster Staff Writer" is not.
    for role in lexicon::ROLES.words() {
        let lower = p.to_lowercase();
        if lower.len() > role.len() + 1
            && lower.ends_with(role)
            && lower.get(..lower.len() - role.len()).is_some_and(|h| h.ends_with(' '))
        {
            p = p.get(..p.len() - role.len()).unwrap_or(p).trim();
        }
    }
    let words = p.split_whitespace().count();
    let cjk = p.chars().any(text::is_wide);
    if words == 0 || words > 6 || (!cjk && p.chars().count() < 2) || p.chars().count() > 60 {
        return None;
    }
    Some(text::clean_inline(p))
}

/// The names of a byline or an author field, joined with `、`; `None` when it names
/// nobody.
pub fn clean_author(raw: &str) -> Option<String> {
    let raw = text::decode_entities(raw);
    let mut s = text::clean_inline(&raw);
    // A profile link is not a name.
    if !s.contains(' ') && (s.contains("://") || s.starts_with("www.")) {
        return None;
    }
    // Twice: `Text: von Anna`.
    for _ in 0..2 {
        if let Some(m) = LEAD.find(&s) {
            s = s.get(m.end()..).unwrap_or_default().to_owned();
        }
    }
    // What follows a date or a middle dot is not names: `Anna Muster | 12. Mai 2020`.
    let mut names = Vec::new();
    for part in SEPARATORS.split(&s) {
        if part.chars().any(|c| c.is_ascii_digit()) && !names.is_empty() {
            break;
        }
        // A byline part that opens with "by" again (`Photos by …`).
        let part = LEAD.find(part).map_or(part, |m| part.get(m.end()..).unwrap_or(part));
        if let Some(n) = name_of(part) {
            names.push(n);
        }
        if names.len() >= 8 {
            break;
        }
    }
    crate::sites::join_names(&names)
}

/// A line that is a byline: opens with `By`, `Von`, … and is short.
pub fn is_byline_line(p: &str) -> bool {
    p.chars().count() <= 120 && LEAD.is_match(p) && !p.ends_with(['.', '!', '?'])
        || p.ends_with(" Uhr") && p.chars().count() < 40
}
/// A credit to the site itself: a name equal to the site's name or the publisher's, or
/// one of them followed by more words (`Example News` for the site `Example`).
fn is_site(name: &str, sites: &[&str]) -> bool {
    let n = name.trim().to_lowercase();
    sites.iter().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).any(|s| {
        n == s
            || n.strip_prefix(&s).is_some_and(|r| r.starts_with(' '))
            || s.strip_prefix(&n).is_some_and(|r| r.starts_with(' '))
    })
}

/// The name a page's meta tags label as the writer: `twitter:label1` `Written by` with
/// `twitter:data1` (the labelled data of link previews).
fn labelled_in_meta(m: &Meta) -> Option<String> {
    (1..=4).find_map(|i| {
        let (label_key, data_key) = (format!("twitter:label{i}"), format!("twitter:data{i}"));
        let label = m.all(&label_key).next()?;
        if !LEAD.is_match(&format!("{} x", label.trim())) {
            return None;
        }
        clean_author(m.all(&data_key).next()?)
    })
}

/// Does a link to `href` with the text `name` lead to the profile page of that person
/// (`/author/anna-muster`, `/authors/anna-muster/`)? The segment after the author word
/// must spell the name's first word where that is written in ASCII letters.
fn is_profile_link(href: &str, name: &str) -> bool {
    let path =
        href.split_once("://").map_or(href, |(_, rest)| rest.find('/').and_then(|i| rest.get(i..)).unwrap_or(""));
    let path = path.split(['?', '#']).next().unwrap_or_default().to_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(slug) = segments.iter().position(|s| lexicon::AUTHOR_PATHS.contains(s)).and_then(|i| segments.get(i + 1))
    else {
        return false;
    };
    let first: String = name.split_whitespace().next().unwrap_or_default().to_lowercase();
    let first: String = first.chars().filter(|c| c.is_alphanumeric()).collect();
    !first.is_empty() && (!first.is_ascii() || slug.contains(first.as_str()))
}

/// A person the markup names as the author, the first outside what is never shown
/// (comments, navigation, asides): a link to an author's profile page (`<a
/// href="/author/anna-muster">Anna Muster</a>`, `rel=author`), or microdata
/// `itemprop=author` (its `name`, not an organisation).
pub fn in_markup(doc: &Html) -> Option<String> {
    static NAME: LazyLock<Selector> = LazyLock::new(|| Selector::parse("[itemprop~=name]").expect("static selector"));
    let text = |e: ElementRef| e.text().collect::<Vec<_>>().join(" ");
    // `a[href], [itemprop~=author]`, in the order a selector visits them (the tree's
    // nodes), tested directly: a selector's match on each of a page's elements costs
    // more than the two attribute looks.
    let marked = doc.tree.nodes().filter_map(ElementRef::wrap).filter(|e| {
        let v = e.value();
        (v.name() == "a" && v.attr("href").is_some())
            || v.attr("itemprop").is_some_and(|p| p.split_ascii_whitespace().any(|w| w == "author"))
    });
    for e in marked.take(5000) {
        let hidden = std::iter::once(*e)
            .chain(e.ancestors().take(40))
            .filter_map(|a| a.value().as_element())
            .any(super::dates::markup::never_shown);
        if hidden {
            continue;
        }
        let v = e.value();
        let found =
            if v.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w.eq_ignore_ascii_case("author"))) {
                if v.attr("itemtype").is_some_and(|t| t.ends_with("Organization")) {
                    continue;
                }
                v.attr("content").map(str::to_owned).or_else(|| {
                    e.select(&NAME).next().map(|n| n.value().attr("content").map_or_else(|| text(n), str::to_owned))
                })
            } else {
                let t = text(e);
                let rel = v.attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("author")));
                (rel || v.attr("href").is_some_and(|h| is_profile_link(h, &t))).then_some(t)
            };
        if let Some(n) = found.filter(|t| t.chars().count() <= 80).and_then(|t| clean_author(&t)) {
            return Some(n);
        }
    }
    None
}

/// The page's author(s): the JSON-LD authors, else the first meta author, else the first
/// byline block, else a byline line among the first paragraphs of the scored text, else
/// a person the markup names (an author's profile link). An organisation (typed so in
/// the JSON-LD, or the site's own name) is the author only when no person is named.
pub fn choose(ld: &Ld, m: &Meta, hints: &Hints, paragraphs: &[String], doc: &Html, sites: &[&str]) -> Option<String> {
    // An organisation credited in the JSON-LD (the site itself) is the author only when
    // no person is named elsewhere (SPEC: the organisation when no person is named).
    let from_ld = ld.authors.iter().filter_map(|a| clean_author(a)).collect::<Vec<_>>();
    let (mut author, mut organisations) = if ld.authors_are_organisations || from_ld.iter().all(|a| is_site(a, sites)) {
        (Vec::new(), from_ld)
    } else {
        (from_ld, Vec::new())
    };
    if author.is_empty() {
        let meta_author =
            meta::AUTHOR_KEYS.iter().flat_map(|k| m.all(k)).filter(|a| !a.starts_with('@')).find_map(clean_author);
        match meta_author {
            Some(a) if is_site(&a, sites) => organisations.push(a),
            Some(a) => author.push(a),
            None => {}
        }
    }
    if author.is_empty() {
        author.extend(labelled_in_meta(m));
    }
    if author.is_empty() {
        author.extend(hints.bylines.iter().filter_map(|b| clean_author(b)).take(1));
    }
    if author.is_empty() {
        author.extend(paragraphs.iter().take(4).filter(|p| is_byline_line(p)).filter_map(|p| clean_author(p)).take(1));
    }
    if author.is_empty() {
        author.extend(in_markup(doc));
    }
    if author.is_empty() {
        author = organisations;
    }
    crate::sites::join_names(&author)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_to_names() {
        assert_eq!(clean_author("By Anna Muster and Ben Beispiel").as_deref(), Some("Anna Muster、Ben Beispiel"));
        assert_eq!(clean_author("Von Anna Muster | 12. Mai 2020").as_deref(), Some("Anna Muster"));
        assert_eq!(clean_author("Anna Muster, Staff Writer").as_deref(), Some("Anna Muster"));
        assert_eq!(clean_author("Staff").as_deref(), None);
        assert_eq!(clean_author("https://www.facebook.com/someone").as_deref(), None);
        assert_eq!(clean_author("Text: Max Mustermann").as_deref(), Some("Max Mustermann"));
        assert_eq!(clean_author("王小明、李大同").as_deref(), Some("王小明、李大同"));
        assert_eq!(clean_author("By JOHN DOE, Associated Press").as_deref(), Some("JOHN DOE、Associated Press"));
        // A role after a middle dot or a comma, and an opening word alone, are no names.
        assert_eq!(clean_author("Chris Muster ⋅ Founder").as_deref(), Some("Chris Muster"));
        assert_eq!(clean_author("Matteo Muster, Author").as_deref(), Some("Matteo Muster"));
        assert_eq!(clean_author("By").as_deref(), None);
        assert_eq!(clean_author("Written By").as_deref(), None);
        assert!(is_byline_line("By Anna Muster"));
        assert!(!is_byline_line("By the end of the year the town had grown a lot."));
    }

    #[test]
    fn a_profile_link_or_microdata_names_the_author() {
        let doc = |body: &str| Html::parse_document(&format!("<html><body>{body}</body></html>"));
        let link = doc(r#"<h1>T</h1><span><a href="/authors/anna-muster">Anna Muster</a></span>"#);
        assert_eq!(in_markup(&link).as_deref(), Some("Anna Muster"));
        // The link's path must spell the name: "View all posts" is not one.
        assert_eq!(in_markup(&doc(r#"<a href="/author/anna-muster/">View all</a>"#)), None);
        // Not in a comment section.
        assert_eq!(in_markup(&doc(r#"<div class="comments"><a href="/author/ben">Ben</a></div>"#)), None);
        let micro = doc(r#"<div itemprop="author" itemscope itemtype="https://schema.org/Person">
            <span itemprop="name">Ben Beispiel</span></div>"#);
        assert_eq!(in_markup(&micro).as_deref(), Some("Ben Beispiel"));
        let org = doc(r#"<div itemprop="author" itemscope itemtype="https://schema.org/Organization">
            <span itemprop="name">Example Inc.</span></div>"#);
        assert_eq!(in_markup(&org), None);
        assert_eq!(in_markup(&doc(r#"<a rel="author" href="/x">Cleo Dorn</a>"#)).as_deref(), Some("Cleo Dorn"));
    }

    #[test]
    fn the_sites_own_name_is_an_organisation() {
        assert!(is_site("Example News", &["Example"]));
        assert!(is_site("example", &["Example News"]));
        assert!(!is_site("Anna Muster", &["Example"]));
        assert!(!is_site("Examples", &["Example"]));
    }
}
