//! `html`: a full HTML page of one article, as crawlers and browsers save it (`wget`,
//! `curl`, "save page", scrapy's `response.body`). The reading is in [`crate::page`];
//! this module detects such pages and applies the outlet's rules.

use super::{Context, Format};
use crate::error::Error;
use crate::page;
use crate::record::{Article, PageType};
use crate::sites::{self, Body, Outlet};

pub struct HtmlPage;

/// How far into the text the markers of a full document are looked for.
const HEAD: usize = 2048;

/// How far a document's start is looked for behind server warnings.
const FAR: usize = 16 * 1024;

/// The start of `text` after leading white space, comments and an XML declaration.
fn lead(text: &str) -> &str {
    let mut s = text.trim_start();
    for _ in 0..8 {
        if let Some(rest) = s.strip_prefix("<!--") {
            s = rest.find("-->").and_then(|e| rest.get(e + 3..)).unwrap_or("").trim_start();
        } else if s.starts_with("<?") {
            s = s.find("?>").and_then(|e| s.get(e + 2..)).unwrap_or("").trim_start();
        } else {
            break;
        }
    }
    s
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The outlet's rules on what the page reader found: its boilerplate selectors were
/// applied while reading (through [`page::extract_with`]); the shared stage applies the
/// title, paragraph, byline and identity rules.
fn apply_outlet_rules(art: &mut Article, outlet: Option<&Outlet>) {
    let paragraphs = std::mem::take(&mut art.paragraphs);
    let publisher = art.publisher.take();
    sites::apply(art, outlet, Body::Paragraphs(paragraphs), None, publisher);
    sites::drop_title_repeats(art);
    sites::drop_caption_repeats(art);
}

impl Format for HtmlPage {
    fn name(&self) -> &'static str {
        "html"
    }

    fn detect(&self, text: &str) -> u8 {
        let s = lead(text);
        if !s.starts_with('<') {
            return 0;
        }
        if starts_with_ci(s, "<!doctype html") {
            return 90;
        }
        if starts_with_ci(s, "<html") {
            return 85;
        }
        let head = prefix(s, HEAD).to_ascii_lowercase();
        if starts_with_ci(s, "<head") || (head.contains("<html") && head.contains("<head")) {
            return 70;
        }
        if starts_with_ci(s, "<meta") || starts_with_ci(s, "<title") {
            return 50;
        }
        // Server warnings printed before the document (`<br />\n<b>Warning</b>: …`), at
        // times dozens of them.
        let far = prefix(s, FAR);
        let far = if far.len() > head.len() { far.to_ascii_lowercase() } else { head };
        if far.contains("<!doctype html") || far.contains("<html") {
            return 60;
        }
        0
    }

    fn page_type(&self, text: &str) -> PageType {
        page::kind::of_text(text).kind
    }

    fn extract(&self, text: &str, cx: &Context) -> Result<Article, Error> {
        let mut art = page::extract_with(text, &|url| cx.outlet(None, url));
        let outlet = cx.outlet(None, art.url.as_deref());
        apply_outlet_rules(&mut art, outlet);
        Ok(art)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_full_documents_only() {
        assert_eq!(HtmlPage.detect("<!DOCTYPE html>\n<html><head>"), 90);
        assert_eq!(HtmlPage.detect("\u{FEFF}".trim_start_matches('\u{FEFF}')), 0);
        assert_eq!(HtmlPage.detect("  <!-- saved from url=(0040)https://x.org/ -->\n<html lang=de>"), 85);
        assert_eq!(HtmlPage.detect("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">"), 90);
        assert_eq!(HtmlPage.detect("<head><title>t</title></head>"), 70);
        // A Jekyll post with HTML after the front matter is not a page.
        assert_eq!(HtmlPage.detect("---\nlayout: post\n---\n<html><body>x</body></html>"), 0);
        // An HTML fragment is not a page.
        assert_eq!(HtmlPage.detect("<div><p>text</p></div>"), 0);
        assert_eq!(HtmlPage.detect("<br />\n<b>Deprecated</b>: x\n<!DOCTYPE html>\n<html>"), 60);
        assert_eq!(HtmlPage.detect("plain text"), 0);
    }
}
