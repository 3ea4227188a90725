//! `wayback-markdown`: articles recovered from the Wayback Machine as Markdown.
//!
//! ```text
//! ---
//! title: "…"
//! date: "2021-11-16"                    (the day only)
//! author: "中國組記者翁維愷"
//! category: "眾聞"
//! tags: [ … ]
//! url: "https://web.archive.org/web/20220117161412/https://hkcnews.com/article/47751/…"
//! original_url: "https://hkcnews.com/article/47751/…"
//! ---
//! # title
//! Markdown paragraphs, <figure> blocks, {{< video … >}} shortcodes
//! ```

use super::{Body, Category, Context, Draft, Format, Next, Read, front_matter_head, has_key};
use crate::error::Error;
use crate::frontmatter;
use crate::normalize::{date, text, url};
use crate::record::{Article, warn};
use crate::sites;

pub struct WaybackMarkdown;

impl Format for WaybackMarkdown {
    fn name(&self) -> &'static str {
        "wayback-markdown"
    }

    fn about(&self) -> String {
        "articles recovered from the Wayback Machine as Markdown with front matter (`original_url`, capture `url`)"
            .to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        let Some(front) = front_matter_head(text) else { return 0 };
        let mut score = 10u8;
        if has_key(front, "original_url") {
            score += 40;
        }
        if front.lines().any(|l| l.starts_with("url:") && l.contains("archive.org/web/")) {
            score += 30;
        }
        let after = text.get(front.len()..).unwrap_or_default();
        let after = after.get(..after.len().min(4096)).unwrap_or(after);
        if after.contains("\n# ") {
            score += 10;
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
        let capture = fm.str("url").and_then(url::unwrap_archive);
        art.url = fm.str("original_url").map(str::to_owned).or_else(|| capture.as_ref().map(|c| c.original.clone()));
        if art.url.is_none() {
            art.url = fm.str("url").map(str::to_owned);
        }
        art.archive_url = capture.map(|c| c.capture);
        let site = cx.outlet(None, art.url.as_deref());

        art.title = fm.str("title").map(|t| text::decode_entities(t).into_owned()).unwrap_or_default();
        art.date = match fm.str("date") {
            Some(raw) => {
                let d = date::parse(raw, site.and_then(|s| s.home_offset()));
                if d.is_none() {
                    art.warn(warn::DATE_UNPARSED);
                }
                d
            }
            None => {
                art.warn(warn::NO_DATE);
                None
            }
        };
        art.author = fm.str("author").map(str::to_owned);
        art.tags = fm.list("tags").into_iter().map(str::to_owned).collect();

        let host = art.url.as_deref().and_then(sites::host_of);
        Ok(Read::One(Draft {
            article: art,
            body: Body::Markdown(rest.into()),
            outlet: site,
            label: None,
            publisher: host,
            // The front matter's category wins over one taken from the title.
            category: Category::Declared(fm.str("category").map(str::to_owned)),
        }))
    }

    fn next_document(&self, text: &str) -> Next {
        frontmatter::next_document(text).map_or(Next::None, Next::At)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "---\ntitle: \"標題\"\ndate: \"2021-11-16\"\nauthor: \"記者林勵\"\ncategory: \"眾聞\"\ntags:\n  - \"a\"\nurl: \"https://web.archive.org/web/20220117161412/https://hkcnews.com/article/1/x\"\noriginal_url: \"https://hkcnews.com/article/1/x\"\n---\n\n# 標題\n\n正文。\n\n---\n\n請加入成為眾新聞的月費訂戶\n";

    #[test]
    fn detects_and_extracts() {
        assert!(WaybackMarkdown.detect(DOC) >= 80);
        let a = WaybackMarkdown.extract(DOC, &Context::default()).unwrap();
        assert_eq!(a.url.as_deref(), Some("https://hkcnews.com/article/1/x"));
        assert_eq!(
            a.archive_url.as_deref(),
            Some("https://web.archive.org/web/20220117161412/https://hkcnews.com/article/1/x")
        );
        assert_eq!(a.paragraphs, vec!["標題", "正文。"]);
        assert_eq!(a.author.as_deref(), Some("林勵"));
        assert_eq!(a.publisher.as_deref(), Some("眾新聞"));
        assert_eq!(a.tags, vec!["a"]);
    }

    #[test]
    fn empty_date_warns() {
        let a = WaybackMarkdown.extract(&DOC.replace("\"2021-11-16\"", "\"\""), &Context::default()).unwrap();
        assert!(a.date.is_none());
        assert!(a.warnings.contains(&warn::NO_DATE));
    }
}
