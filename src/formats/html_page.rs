//! `html`: a full HTML page of one article, as crawlers and browsers save it (`wget`,
//! `curl`, "save page", scrapy's `response.body`). The reading is in [`crate::page`];
//! this module detects such pages and applies the outlet's rules.

use super::{Body, Category, Context, Draft, Format, Next, Read};
use crate::error::Error;
use crate::normalize::text::{find_ci, starts_with_ci};
use crate::page::{self, prepare};
use crate::record::PageType;

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

/// Elements of a page's head that may open a page which leaves out its `<html>` and
/// `<head>` tags (HTML lets it): code and styles with their content, links and metas.
const HEAD_CONTAINERS: [&[u8]; 4] = [b"script", b"style", b"noscript", b"template"];
const HEAD_VOIDS: [&[u8]; 3] = [b"link", b"meta", b"base"];

/// `s` after the head elements it opens with (closed ones only, at most 64), and whether
/// there were any. A fragment of an article's body opens with its text's markup instead.
fn skip_head_elements(s: &str) -> (&str, bool) {
    let bytes = s.as_bytes();
    let mut at = 0;
    let mut skipped = false;
    for _ in 0..64 {
        let rest = bytes.get(at..).unwrap_or_default();
        let Some(tag) = rest.strip_prefix(b"<") else { break };
        let end = if let Some(name) = HEAD_CONTAINERS.iter().find(|n| prepare::tag_named(tag, n)) {
            prepare::find_end_tag(bytes, at + 1 + name.len(), name)
                .and_then(|close| memchr::memchr(b'>', bytes.get(close..)?).map(|g| close + g + 1))
        } else if HEAD_VOIDS.iter().any(|n| prepare::tag_named(tag, n)) {
            memchr::memchr(b'>', rest).map(|g| at + g + 1)
        } else {
            None
        };
        let Some(end) = end else { break };
        skipped = true;
        at = end;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        // Comments between them.
        let rest = s.get(at..).unwrap_or_default();
        let next = lead(rest);
        at += rest.len() - next.len();
    }
    (s.get(at..).unwrap_or_default(), skipped)
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// Read a full page with the page reader: its metadata, and its main text as a
/// [`Body::Page`]. The outlet's boilerplate selectors are applied while reading (the
/// outlet found by the page's URL, else by `url`, else by the hint URL); the pipeline
/// applies its other rules. For every format whose input is a saved page (`html`,
/// `mhtml`, a scraper's raw page); `url` is where the page came from, when its container
/// says.
pub fn read_page<'a>(text: &str, cx: &Context<'a>, url: Option<&str>) -> Draft<'a> {
    let (outlets, hint) = (cx.outlets, cx.url);
    let mut article = page::extract_with(text, &|u| outlets.find(None, u.or(url).or(hint)));
    let outlet = outlets.find(None, article.url.as_deref().or(url).or(hint));
    let paragraphs = std::mem::take(&mut article.paragraphs);
    let publisher = article.publisher.take();
    // A page's title is as its site wrote it (`[Rezi] …`).
    article.title_as_written = true;
    Draft { article, body: Body::Page(paragraphs), outlet, label: None, publisher, category: Category::FromRules }
}

impl Format for HtmlPage {
    fn name(&self) -> &'static str {
        "html"
    }

    fn about(&self) -> String {
        "a saved web page of one article (.html, .htm; also in .gz and WARC files)".to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        let s = lead(text);
        if !s.starts_with('<') {
            return 0;
        }
        // Styles and scripts before the doctype, or a page without `<html>` and `<head>`.
        let (s, head_first) = skip_head_elements(s);
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
        if head_first {
            return 50;
        }
        0
    }

    fn page_type(&self, text: &str) -> PageType {
        page::kind::of_text(text).kind
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        Ok(Read::One(read_page(text, cx, None)))
    }

    /// After `</html>`: another page, or text that is ignored.
    fn next_document(&self, text: &str) -> Next {
        let Some(end) = find_ci(text, "</html>").map(|i| i + "</html>".len()) else { return Next::None };
        let rest = text.get(end..).unwrap_or_default();
        if rest.trim().is_empty() {
            Next::None
        } else if self.detect(rest) >= 60 {
            Next::At(end)
        } else {
            Next::Ignored
        }
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

    /// A page may leave out `<html>` and `<head>` and open with its styles or scripts,
    /// or put them before its doctype (beyond the 16 KiB looked at for a doctype, too).
    #[test]
    fn pages_opening_with_styles_or_scripts_are_pages() {
        let page = "<style>p { color: red }</style>\n<script src=a.js></script><link rel=icon href=i.png>\
                    <h1>A headline</h1><p>The text of the article.</p>";
        assert_eq!(HtmlPage.detect(page), 50);
        assert_eq!(HtmlPage.detect("<SCRIPT type=x>if (a<b) {}</SCRIPT><!-- c --><div><p>t</p></div>"), 50);
        let script = format!("<script>{}</script>\n<!DOCTYPE html><html><head>", "var x = 1;\n".repeat(4000));
        assert_eq!(HtmlPage.detect(&script), 90);
        // Not closed: not a page's head (a file of code).
        assert_eq!(HtmlPage.detect("<script>var x = 1;"), 0);
        // A fragment of an article's body is still not a page.
        assert_eq!(HtmlPage.detect("<div><style>p {}</style><p>text</p></div>"), 0);
        assert_eq!(HtmlPage.detect("<scripted>text</scripted>"), 0);

        let art = page::extract(page);
        assert_eq!(art.title, "A headline");
        assert_eq!(art.paragraphs, vec!["The text of the article."]);
    }
}
