//! Conventions of the feed mirror behind the Jekyll posts (feedx), shared by every
//! outlet in it: a promo footer `<br><hr><div>获取更多RSS：…`, a leading
//! `<div><i>AUTHOR<br>TIME</i></div>` header (DW, NYT, Reuters, VOA), picture captions
//! in `<div><small style="color: #999;">`, and feed labels in `tags`/`categories`.

use std::sync::LazyLock;

use regex::Regex;
use scraper::Selector;

use crate::html;
use crate::normalize::date;

/// The mirror's caption convention, plus common CMS caption classes.
pub static CAPTION: LazyLock<Selector> = LazyLock::new(|| {
    html::selector(
        "small[style*='#999'], .picinfo, .wp-caption-text, .media-caption__text, .caption, .image-caption, \
         .photo-caption, .img-caption",
    )
});

/// Boilerplate any outlet of the mirror may carry.
pub static DROP: LazyLock<Selector> = LazyLock::new(|| {
    html::selector(
        ".adsbygoogle, .advertisement, .ad-slot, .sharedaddy, .share-buttons, .social-share, .related-posts, \
         .jp-relatedposts, .twitter-tweet, .instagram-media, .fb-post",
    )
});

static HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^\s*<div>\s*<div>\s*<i>(.{0,400}?)</i>\s*</div>").expect("static regex"));

static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("static regex"));

/// What the leading `<div><i>…</i></div>` header says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub author: Option<String>,
    pub time: Option<String>,
}

/// Cut the `获取更多RSS` promo footer (and the `<hr>` before it).
pub fn strip_footer(html: &str) -> &str {
    let Some(at) = html.rfind("获取更多RSS") else { return html };
    let head = html.get(..at).unwrap_or(html);
    let window_start = head.len().saturating_sub(64);
    let cut = head
        .get(window_start..)
        .and_then(|w| w.rfind("<hr").or_else(|| w.rfind("<div")).map(|i| window_start + i))
        .unwrap_or(at);
    let cut = html.get(..cut).map_or(cut, |h| h.trim_end().strip_suffix("<br>").map_or(cut, str::len));
    html.get(..cut).unwrap_or(html)
}

/// Take the leading `<div><i>AUTHOR<br>TIME</i></div>` header out of the HTML.
pub fn take_header(html: &str) -> (Header, String) {
    let Some(c) = HEADER.captures(html) else { return (Header::default(), html.to_owned()) };
    let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else { return (Header::default(), html.to_owned()) };
    let parts: Vec<String> = BR
        .split(inner.as_str())
        .map(|p| crate::normalize::text::clean_inline(&crate::normalize::text::decode_entities(&strip_tags(p))))
        .filter(|p| !p.is_empty())
        .collect();
    let mut header = Header::default();
    for part in parts {
        if header.time.is_none() && date::parse(&part, None).is_some() {
            header.time = Some(part);
        } else if header.author.is_none() {
            header.author = Some(part);
        }
    }
    let rest = format!("<div>{}", html.get(all.end()..).unwrap_or_default());
    (header, rest)
}

fn strip_tags(s: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("static regex"));
    TAG.replace_all(s, "").into_owned()
}

/// `ELAINE YU,ELAINE YU` -> `ELAINE YU`; names joined with `、`.
pub fn author_names(raw: &str) -> Option<String> {
    let names: Vec<&str> = raw.split([',', '，', '、', ';']).collect();
    crate::sites::join_names(&names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_is_cut() {
        let html = "<div><p>text</p><br><hr><div>获取更多RSS：<br><a href=\"https://feedx.net\">x</a></div>\n</div>";
        assert_eq!(strip_footer(html), "<div><p>text</p>");
        assert_eq!(strip_footer("<p>no footer</p>"), "<p>no footer</p>");
    }

    #[test]
    fn header_author_and_time() {
        let (h, rest) =
            take_header("\n<div>\n<div><i>ELAINE YU,ELAINE YU<br>2020-10-28 11:41:09</i></div><p>t</p></div>");
        assert_eq!(h.author.as_deref(), Some("ELAINE YU,ELAINE YU"));
        assert_eq!(h.time.as_deref(), Some("2020-10-28 11:41:09"));
        assert_eq!(rest, "<div><p>t</p></div>");
        let (h, _) = take_header("<div>\n<div><i>2021-07-01T08:25:52Z</i></div><p>t</p></div>");
        assert_eq!(h, Header { author: None, time: Some("2021-07-01T08:25:52Z".into()) });
        let (h, _) = take_header("<div><p>no header</p></div>");
        assert_eq!(h, Header::default());
    }

    #[test]
    fn names() {
        assert_eq!(author_names("ELAINE YU,ELAINE YU").as_deref(), Some("ELAINE YU"));
        assert_eq!(author_names("A, B").as_deref(), Some("A、B"));
        assert_eq!(author_names(" "), None);
    }
}
