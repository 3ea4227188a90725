//! `jekyll`: posts of a Jekyll mirror of RSS feeds.
//!
//! ```text
//! ---
//! layout: post
//! title: "…"
//! date: 2021-04-23T23:34:02.000Z        (UTC)
//! author: (臺)中央社CNA                  (the feed label)
//! from: https://www.cna.com.tw/…        (the original URL)
//! tags: [ (臺)中央社CNA ]
//! categories: [ (臺)中央社CNA ]
//! ---
//! <!--1619220842000-->                   (feed date, epoch ms)
//! [title](url)
//! ------
//! <div>…the outlet's HTML…</div>
//! ```
//!
//! Some outlets (Nei.st) have no epoch comment, link line or rule: the HTML follows the
//! front matter directly.

use std::sync::LazyLock;

use regex::Regex;

use super::{Body, Category, Context, Draft, Format, Next, Read, front_matter_head, has_key};
use crate::error::Error;
use crate::frontmatter::{self, FrontMatter};
use crate::normalize::{date, text};
use crate::record::{Article, When, warn};

pub mod feedx;

pub struct Jekyll;

static EPOCH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^<!--\s*(\d{9,14})\s*-->$").expect("static regex"));

/// The lines between the front matter and the HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Preamble<'a> {
    pub epoch_ms: Option<i64>,
    pub link_title: Option<&'a str>,
    pub link_url: Option<&'a str>,
    pub html: &'a str,
}

/// `[title](url)`; the title may itself hold brackets.
pub(crate) fn link_line(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?.strip_suffix(')')?;
    let mid = inner.rfind("](")?;
    Some((inner.get(..mid)?, inner.get(mid + 2..)?))
}

/// The lines between the front matter and the HTML: the feed mirror's shape.
pub(crate) fn preamble(rest: &str) -> Preamble<'_> {
    let mut p = Preamble { html: rest, ..Default::default() };
    let mut pos = 0;
    // At most: blank lines, epoch comment, link line, `------` rule.
    for _ in 0..8 {
        let Some(tail) = rest.get(pos..) else { break };
        if tail.is_empty() {
            break;
        }
        let line_len = tail.find('\n').map_or(tail.len(), |i| i + 1);
        let line = tail.get(..line_len).unwrap_or_default().trim();
        if line.is_empty() {
            pos += line_len;
            continue;
        }
        if p.epoch_ms.is_none()
            && p.link_url.is_none()
            && let Some(c) = EPOCH.captures(line)
        {
            p.epoch_ms = c.get(1).and_then(|m| m.as_str().parse().ok());
            pos += line_len;
            continue;
        }
        if p.link_url.is_none()
            && let Some((title, url)) = link_line(line)
        {
            p.link_title = Some(title);
            p.link_url = Some(url);
            pos += line_len;
            continue;
        }
        if line.len() >= 3 && line.bytes().all(|b| b == b'-') {
            pos += line_len;
            p.html = rest.get(pos..).unwrap_or_default();
            return p;
        }
        break;
    }
    p.html = rest.get(pos..).unwrap_or_default();
    p
}

fn pick_date(fm: &FrontMatter, epoch_ms: Option<i64>, header_time: Option<&str>, art: &mut Article) -> Option<When> {
    let from_epoch = epoch_ms.and_then(date::from_epoch_ms);
    let from_fm = match fm.str("date") {
        Some(raw) => {
            let d = date::parse(raw, None);
            if d.is_none() {
                art.warn(warn::DATE_UNPARSED);
            }
            d
        }
        None => None,
    };
    match (from_fm, from_epoch) {
        (Some(When::Instant(a)), Some(When::Instant(b))) => {
            if (a.timestamp() - b.timestamp()).abs() > 1 {
                art.warn(warn::DATE_CONFLICT);
            }
            Some(When::Instant(a))
        }
        // A wall-clock front matter date (no offset): the epoch comment, the feed's own
        // date, states the instant.
        (Some(When::Local(_)), Some(e @ When::Instant(_))) => Some(e),
        (Some(d), _) => Some(d),
        (None, Some(e)) => Some(e),
        (None, None) => header_time.and_then(|t| date::parse(t, None)),
    }
}

impl Format for Jekyll {
    fn name(&self) -> &'static str {
        "jekyll"
    }

    fn about(&self) -> String {
        "posts of a Jekyll mirror of RSS feeds: front matter with `from:`, a [title](url) line, a ------ rule, the outlet's HTML".to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        let Some(front) = front_matter_head(text) else { return 0 };
        let mut score = 10u8;
        if has_key(front, "from") {
            score += 35;
        }
        if has_key(front, "layout") {
            score += 20;
        }
        if has_key(front, "categories") {
            score += 5;
        }
        let after = text.get(front.len()..).unwrap_or_default();
        let after = after.get(..after.len().min(4096)).unwrap_or(after);
        if after.contains("\n<!--") {
            score += 15;
        }
        if after.contains("\n------") {
            score += 15;
        }
        score.min(100)
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let (yaml, rest) = frontmatter::split(text).ok_or(Error::MissingPart("YAML front matter"))??;
        let fm = frontmatter::parse(yaml)?;
        let mut art = Article::default();
        if fm.lenient {
            art.warn(warn::FRONT_MATTER_LENIENT);
        }
        let pre = preamble(rest);
        let label = fm.str("author");
        art.url = fm.str("from").or(pre.link_url).or_else(|| fm.str("url")).map(str::to_owned);
        // A link post of an aggregator (`author: unknown`, a URL on another site) is
        // still its feed's: the feed label in `categories` / `tags` names it.
        let outlet = cx.outlet(label, art.url.as_deref()).or_else(|| {
            fm.list("categories").into_iter().chain(fm.list("tags")).find_map(|l| cx.outlets.find(Some(l), None))
        });

        art.title = match fm.str("title") {
            Some(t) => text::decode_entities(t).into_owned(),
            None => match pre.link_title {
                Some(t) if !t.trim().is_empty() => {
                    art.warn(warn::TITLE_FROM_LINK);
                    text::decode_entities(t).into_owned()
                }
                _ => String::new(),
            },
        };

        let html = feedx::strip_footer(pre.html);
        let (header, html) = feedx::take_header(html);
        art.date = pick_date(&fm, pre.epoch_ms, header.time.as_deref(), &mut art);
        if art.date.is_none() && !art.warnings.contains(&warn::DATE_UNPARSED) {
            art.warn(warn::NO_DATE);
        }
        art.author = header.author.as_deref().and_then(feedx::author_names);

        // Feed labels are not the article's tags or category.
        let is_label = |s: &&str| Some(*s) == label || outlet.is_some_and(|o| o.names().iter().any(|n| n == s));
        art.tags = fm.list("tags").into_iter().filter(|t| !is_label(t)).map(str::to_owned).collect();
        let category = match fm.list("categories").into_iter().find(|c| !is_label(c)) {
            Some(c) => Category::Fallback(c.to_owned()),
            None => Category::FromRules,
        };
        Ok(Read::One(Draft {
            article: art,
            body: Body::Html { html: html.into(), drop: Some(&feedx::DROP), caption: Some(&feedx::CAPTION) },
            outlet,
            label: label.map(str::to_owned),
            publisher: label.map(str::to_owned),
            category,
        }))
    }

    fn next_document(&self, text: &str) -> Next {
        frontmatter::next_document(text).map_or(Next::None, Next::At)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\nlayout: post\ntitle: \"T &amp; U\"\ndate: 2021-04-23T23:34:02.000Z\nauthor: Some Feed\nfrom: https://example.org/a\ntags: [ Some Feed ]\ncategories: [ Some Feed ]\n---\n<!--1619220842000-->\n[T & U](https://example.org/a)\n------\n\n<div>\n<p>Para one.</p><p>Para two.</p><br><hr><div>获取更多RSS：<br><a href=\"https://feedx.net\">https://feedx.net</a></div>\n</div>\n";

    #[test]
    fn detects_and_extracts_a_generic_post() {
        assert!(Jekyll.detect(POST) >= 80);
        let a = Jekyll.extract(POST, &Context::default()).unwrap();
        assert_eq!(a.title, "T & U");
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.paragraphs, vec!["Para one.", "Para two."]);
        assert!(a.tags.is_empty());
        assert_eq!(a.category, None);
        assert_eq!(a.publisher.as_deref(), Some("Some Feed"));
        assert_eq!(a.author.as_deref(), Some("Some Feed"));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn preamble_parts() {
        let p = preamble("<!--123456789012-->\n[a [b] c](https://x.org/1)\n------\n<p>h</p>");
        assert_eq!(p.epoch_ms, Some(123456789012));
        assert_eq!(p.link_title, Some("a [b] c"));
        assert_eq!(p.link_url, Some("https://x.org/1"));
        assert_eq!(p.html, "<p>h</p>");
        let p = preamble("\n<article><p>h</p></article>");
        assert_eq!(p.html, "<article><p>h</p></article>");
    }

    #[test]
    fn epoch_is_the_fallback_and_conflicts_warn() {
        let no_date = POST.replace("date: 2021-04-23T23:34:02.000Z\n", "");
        let a = Jekyll.extract(&no_date, &Context::default()).unwrap();
        assert!(a.date.is_some());
        assert!(a.warnings.is_empty());
        let other = POST.replace("23:34:02", "10:00:00");
        let a = Jekyll.extract(&other, &Context::default()).unwrap();
        assert_eq!(a.warnings, vec![warn::DATE_CONFLICT]);
    }

    #[test]
    fn missing_title_falls_back_to_link_line() {
        let a = Jekyll.extract(&POST.replace("title: \"T &amp; U\"\n", ""), &Context::default()).unwrap();
        assert_eq!(a.title, "T & U");
        assert_eq!(a.warnings, vec![warn::TITLE_FROM_LINK]);
    }
}
