//! The canonical record (SPEC.md) and the draft that extractors fill in.
//!
//! Extractors produce an [`Article`]: raw fields as found, paragraphs as a list. The one
//! function [`Article::into_record`] applies the shared normalisation (title, date, URL,
//! text, tags) and computes the id, so every format obeys the same contract.

use foldhash::{HashMap, HashSet};

use chrono::{FixedOffset, TimeZone};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;
pub use crate::normalize::date::When;
use crate::normalize::{text, url};

/// Stable warning codes (the `warnings` array).
pub mod warn {
    pub const NO_URL: &str = "no_url";
    pub const URL_SLUG_LOSSY: &str = "url_slug_lossy";
    pub const URL_INVALID: &str = "url_invalid";
    pub const BODY_TRUNCATED: &str = "body_truncated";
    pub const FRONT_MATTER_LENIENT: &str = "front_matter_lenient";
    pub const ENCODING_GUESSED: &str = "encoding_guessed";
    /// The bytes and a declared charset (a container's `Content-Type`, `<meta charset>`)
    /// disagree: the bytes won (see `decode`).
    pub const ENCODING_CONFLICT: &str = "encoding_conflict";
    pub const INVALID_BYTES_REPLACED: &str = "invalid_bytes_replaced";
    pub const NO_DATE: &str = "no_date";
    pub const DATE_UNPARSED: &str = "date_unparsed";
    pub const DATE_CONFLICT: &str = "date_conflict";
    /// The source gives a time without its offset and the outlet has no home offset:
    /// `date` is the day only (SPEC v1.2).
    pub const DATE_OFFSET_UNKNOWN: &str = "date_offset_unknown";
    pub const NO_TITLE: &str = "no_title";
    /// The article is only pictures, audio or video (a photo post, a cartoon, a podcast
    /// page): a record with an empty body (SPEC v1.2).
    pub const MEDIA_ONLY: &str = "media_only";
    pub const TITLE_FROM_LINK: &str = "title_from_link";
    /// A page that is no article showed no text: `body` is the page's own description
    /// (a thread rendered by a script gives the opening of its first post).
    pub const BODY_FROM_DESCRIPTION: &str = "body_from_description";
    /// With `--near-dup`: `duplicate_of` names a record this one nearly repeats (the same
    /// URL, or a body this similar).
    pub const NEAR_DUPLICATE: &str = "near_duplicate";
    /// The input (stdin) held more text after the document that could not be told apart
    /// as another document: it was ignored.
    pub const TRAILING_TEXT_IGNORED: &str = "trailing_text_ignored";
}

/// All warning codes, for documentation, the schema and tests.
pub const WARNINGS: &[&str] = &[
    warn::NO_URL,
    warn::URL_SLUG_LOSSY,
    warn::URL_INVALID,
    warn::BODY_TRUNCATED,
    warn::FRONT_MATTER_LENIENT,
    warn::ENCODING_GUESSED,
    warn::ENCODING_CONFLICT,
    warn::INVALID_BYTES_REPLACED,
    warn::NO_DATE,
    warn::DATE_UNPARSED,
    warn::DATE_CONFLICT,
    warn::DATE_OFFSET_UNKNOWN,
    warn::NO_TITLE,
    warn::MEDIA_ONLY,
    warn::TITLE_FROM_LINK,
    warn::BODY_FROM_DESCRIPTION,
    warn::NEAR_DUPLICATE,
    warn::TRAILING_TEXT_IGNORED,
];

/// What kind of page an input is (SPEC v1.2 `page_type`). Feed posts, portal dumps and
/// archive articles are [`PageType::Article`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// News, a blog post, an editorial, a guide, a review: one main text.
    #[default]
    Article,
    /// A thread of posts.
    Forum,
    /// An index of items: a section front, a tag or search page.
    Listing,
    /// A grid of products or media.
    Collection,
    Product,
    Documentation,
    /// A company or product page of several sections.
    Service,
}

impl PageType {
    /// Every kind, in the SPEC's order.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Listing,
        PageType::Collection,
        PageType::Product,
        PageType::Documentation,
        PageType::Service,
    ];

    /// The name written as `page_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Product => "product",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }

    /// The kind called `name` (as written in `page_type`).
    pub fn from_name(name: &str) -> Option<PageType> {
        PageType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// A set of page kinds (`--page-type`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageTypes(u8);

impl PageTypes {
    /// Is `kind` in the set?
    pub fn contains(self, kind: PageType) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    fn bit(kind: PageType) -> u8 {
        1 << PageType::ALL.iter().position(|k| *k == kind).unwrap_or(0)
    }
}

impl FromIterator<PageType> for PageTypes {
    fn from_iter<I: IntoIterator<Item = PageType>>(kinds: I) -> Self {
        PageTypes(kinds.into_iter().fold(0, |set, k| set | Self::bit(k)))
    }
}

impl std::fmt::Display for PageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One picture of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    pub url: String,
    pub caption: Option<String>,
}

/// The output record, keys in SPEC order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub id: String,
    pub format: &'static str,
    pub source_path: String,
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub body: String,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// What kind of page the input was (SPEC v1.2).
    pub page_type: PageType,
    /// BCP 47 tag of the body's language (`zh-Hant`, `zh-Hans`, `en`, …), see [`crate::language`].
    pub language: Option<String>,
    /// With `--dedup`: the id of the first record of the run with the same body. Set by
    /// the run (which sees the records in input order), never by extraction.
    pub duplicate_of: Option<String>,
    pub warnings: Vec<String>,
}

/// What an extractor found, before the shared normalisation.
#[derive(Debug, Default, Clone)]
pub struct Article {
    pub title: String,
    pub date: Option<When>,
    /// The outlet's home offset, used to write `date` (e.g. +08:00 for CNA).
    pub home_offset: Option<FixedOffset>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// What kind of page this is; [`PageType::Article`] unless the reader found otherwise.
    pub page_type: PageType,
    /// The language the page declares (`<html lang>`, `og:locale`), as found: kept as the
    /// record's `language` only when the text agrees.
    pub declared_language: Option<String>,
    /// The article's content holds pictures or a player (video, audio, an embed), as the
    /// reader of its body found them: without text it is a media-only record (warning
    /// `media_only`), not an `empty_body` error.
    pub media: bool,
    /// The title is as its site wrote it (a saved page's, a blog post's): a bracketed tag
    /// opening it (`[Rezi] …`) is part of it. Otherwise (a feed's or an archive's title)
    /// an opening section tag in Latin letters is the mirror's label: the `category`.
    pub title_as_written: bool,
    pub warnings: Vec<&'static str>,
}

/// Is paragraph `p` the title `title` again, with what the title lost (a media marker, a
/// section tag)?
fn repeats_title(p: &str, title: &str) -> bool {
    let p = text::clean_inline(&text::clean_title(p));
    p == title || text::section_tag(&p).is_some_and(|(_, rest)| rest == title)
}

/// The line breaks inside paragraphs, while outlet rules run: see [`Article::split_lines`].
#[derive(Debug, Default)]
pub struct LineBreaks(HashMap<String, Vec<String>>);

impl LineBreaks {
    /// Did a break stand between `prev` and `next`?
    fn has(&self, prev: &str, next: &str) -> bool {
        self.0.get(prev).is_some_and(|v| v.iter().any(|n| n == next))
    }
}

impl Article {
    /// Split paragraphs that hold line breaks (`\n`, a hard break of the source) into
    /// one paragraph per line, so that outlet rules, which read a paragraph as the unit
    /// (a credit line, a byline, a boilerplate line), see each line as they did before
    /// SPEC v1.1; [`Article::join_lines`] puts the breaks back afterwards.
    pub fn split_lines(&mut self) -> LineBreaks {
        let mut breaks = LineBreaks::default();
        if !self.paragraphs.iter().any(|p| p.contains('\n')) {
            return breaks;
        }
        let mut out = Vec::with_capacity(self.paragraphs.len());
        for p in std::mem::take(&mut self.paragraphs) {
            if !p.contains('\n') {
                out.push(p);
                continue;
            }
            let mut prev: Option<&str> = None;
            for line in p.split('\n').filter(|l| !l.trim().is_empty()) {
                if let Some(prev) = prev {
                    let next = breaks.0.entry(prev.to_owned()).or_default();
                    if !next.iter().any(|n| n == line) {
                        next.push(line.to_owned());
                    }
                }
                out.push(line.to_owned());
                prev = Some(line);
            }
        }
        self.paragraphs = out;
        breaks
    }

    /// Join again the lines that [`Article::split_lines`] split and that are still
    /// next to each other, unchanged.
    pub fn join_lines(&mut self, breaks: &LineBreaks) {
        if breaks.0.is_empty() {
            return;
        }
        let mut out: Vec<String> = Vec::with_capacity(self.paragraphs.len());
        // The last line of the last paragraph of `out`: where it starts in it.
        let mut last_line: Option<usize> = None;
        for p in std::mem::take(&mut self.paragraphs) {
            if let (Some(last), Some(at)) = (out.last_mut(), last_line.take())
                && breaks.has(last.get(at..).unwrap_or_default(), &p)
            {
                last.push('\n');
                last_line = Some(last.len());
                last.push_str(&p);
                continue;
            }
            last_line = Some(0);
            out.push(p);
        }
        self.paragraphs = out;
    }

    /// Add a warning once.
    pub fn warn(&mut self, code: &'static str) {
        if !self.warnings.contains(&code) {
            self.warnings.push(code);
        }
    }

    /// Normalise every field and build the record.
    pub fn into_record(mut self, format: &'static str, source_path: &str) -> Result<Record, Error> {
        let mut title = text::clean_inline(&text::clean_title(&self.title));
        // `[Institutional] …`: in a feed or archive, a section tag in Latin letters opening
        // the title is the mirror's label, the category (when the outlet gave none), not
        // the headline. A saved page's title is as its site wrote it (`[Rezi] …`, a blog's).
        if !self.title_as_written
            && let Some((tag, rest)) = text::section_tag(&title)
        {
            if self.category.is_none() {
                self.category = Some(tag.to_owned());
            }
            title = rest.to_owned();
        }
        if title.is_empty() {
            self.warn(warn::NO_TITLE);
        }

        // A wall-clock time takes the outlet's home offset; without one, only its day is
        // known (never an invented offset).
        let when = match self.date {
            Some(When::Local(t)) => match self.home_offset.and_then(|off| off.from_local_datetime(&t).single()) {
                Some(instant) => Some(When::Instant(instant)),
                None => {
                    self.warn(warn::DATE_OFFSET_UNKNOWN);
                    Some(When::Day(t.date()))
                }
            },
            other => other,
        };
        let date = when.map(|when| match when {
            When::Instant(t) => {
                let t = match self.home_offset {
                    Some(off) => t.with_timezone(&off),
                    None => t,
                };
                t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
            }
            When::Local(t) => t.date().format("%Y-%m-%d").to_string(),
            When::Day(d) => d.format("%Y-%m-%d").to_string(),
        });

        if let Some(u) = self.url.as_deref().and_then(url::unwrap_archive) {
            self.archive_url.get_or_insert(u.capture);
            self.url = Some(u.original);
        }
        let url = match self.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(raw) => match url::canonical(raw) {
                Some(clean) => {
                    if clean.lossy {
                        self.warn(warn::URL_SLUG_LOSSY);
                    }
                    Some(clean.url)
                }
                None => {
                    self.warn(warn::URL_INVALID);
                    None
                }
            },
        };
        if url.is_none() {
            self.warn(warn::NO_URL);
        }
        let archive_url = self.archive_url.as_deref().and_then(url::canonical).map(|c| c.url);

        let mut paragraphs: Vec<String> = Vec::with_capacity(self.paragraphs.len());
        for p in std::mem::take(&mut self.paragraphs) {
            // Extractors mostly hand over paragraphs they cleaned already; a `\n` in one
            // is a line break of the source and stays (SPEC v1.1).
            let p = if text::is_clean_paragraph(&p) {
                // A clean paragraph is one line (a `\n` is not clean).
                if text::is_residue_line(&p) { String::new() } else { p }
            } else {
                text::drop_residue_lines(text::clean_block(&p))
            };
            if !p.is_empty() {
                paragraphs.push(p);
            }
        }
        // The headline repeated as the first paragraph is not body text (also when the
        // repeat keeps what the title lost, such as a media marker: `【圖輯】…`).
        if paragraphs.first().is_some_and(|p| !title.is_empty() && (*p == title || repeats_title(p, &title))) {
            paragraphs.remove(0);
        }
        if paragraphs.is_empty() {
            if !self.media {
                return Err(Error::EmptyBody("no paragraph of text is left after cleaning"));
            }
            self.warn(warn::MEDIA_ONLY);
        }
        let body = paragraphs.join("\n\n");
        let language = crate::language::detect(&body, self.declared_language.as_deref());

        // Duplicates are found with sets: a scan of the kept list per item is quadratic
        // in pages with many thousands of images or tags.
        let mut images: Vec<Image> = Vec::with_capacity(self.images.len());
        let mut seen: HashSet<String> = HashSet::with_capacity_and_hasher(self.images.len(), Default::default());
        for img in self.images {
            let Some(clean) = url::canonical(&img.url) else { continue };
            if !seen.insert(clean.url.clone()) {
                continue;
            }
            let caption = img.caption.map(|c| text::clean_value(&c)).filter(|c| !c.is_empty());
            images.push(Image { url: clean.url, caption });
        }

        let mut tags: Vec<String> = Vec::with_capacity(self.tags.len());
        let mut seen: HashSet<String> = HashSet::with_capacity_and_hasher(self.tags.len(), Default::default());
        for t in &self.tags {
            let t = text::clean_value(t.trim_start_matches('#'));
            if !t.is_empty() && seen.insert(t.clone()) {
                tags.push(t);
            }
        }

        let clean_opt = |s: Option<String>| s.map(|s| text::clean_value(&s)).filter(|s| !s.is_empty());
        let author = clean_opt(self.author);
        let publisher = clean_opt(self.publisher);
        let category = clean_opt(self.category);

        let id = match &url {
            Some(u) => stable_id(&[u]),
            None => stable_id(&[publisher.as_deref().unwrap_or(""), &title, date.as_deref().unwrap_or("")]),
        };

        Ok(Record {
            id,
            format,
            source_path: source_path.to_owned(),
            title,
            date,
            author,
            publisher,
            url,
            archive_url,
            body,
            images,
            tags,
            category,
            page_type: self.page_type,
            language,
            duplicate_of: None,
            warnings: self.warnings.iter().map(|w| (*w).to_owned()).collect(),
        })
    }
}

/// First 8 bytes of SHA-256 over the parts joined by U+001F, as 16 lowercase hex chars.
pub fn stable_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0x1f]);
        }
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    for b in digest.iter().take(8) {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_type_names_round_trip() {
        for t in PageType::ALL {
            assert_eq!(PageType::from_name(t.as_str()), Some(t));
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{t}\""));
        }
        assert_eq!(PageType::from_name("blog"), None);
        let set: PageTypes = [PageType::Article, PageType::Forum].into_iter().collect();
        assert!(set.contains(PageType::Article) && set.contains(PageType::Forum));
        assert!(PageType::ALL.iter().skip(2).all(|k| !set.contains(*k)));
        assert!(!PageTypes::default().contains(PageType::Article));
    }

    #[test]
    fn id_is_16_hex_and_stable() {
        let a = stable_id(&["https://example.com/a"]);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(a, stable_id(&["https://example.com/a"]));
        assert_ne!(a, stable_id(&["https://example.com/b"]));
        // Parts are separated, so ("ab", "c") differs from ("a", "bc").
        assert_ne!(stable_id(&["ab", "c"]), stable_id(&["a", "bc"]));
    }

    /// Found by fuzzing: a portal dump's dateline outlet `\0\0\u{3000}Rti` lost its
    /// control characters and kept the ideographic space before the name.
    #[test]
    fn one_line_values_are_trimmed_of_spaces_of_any_kind() {
        let a = Article {
            title: "t".into(),
            author: Some("\0\0\u{3000}Rti 中央廣播電臺\u{3000}".into()),
            publisher: Some("\u{2003}RTI\0".into()),
            tags: vec!["\u{3000}#tag".into(), "\u{3000}".into()],
            paragraphs: vec!["text".into()],
            ..Default::default()
        };
        let r = a.into_record("portal-text", "-").unwrap();
        assert_eq!(r.author.as_deref(), Some("Rti 中央廣播電臺"));
        assert_eq!(r.publisher.as_deref(), Some("RTI"));
        assert_eq!(r.tags, vec!["#tag"]);
    }

    #[test]
    fn empty_body_is_an_error() {
        let a = Article { title: "t".into(), url: Some("https://x.org/".into()), ..Default::default() };
        let err = a.into_record("jekyll", "x").unwrap_err();
        assert_eq!(err.kind(), "empty_body");
    }

    /// SPEC v1.2: an article whose content is only pictures or a player is a record with
    /// an empty body and warning `media_only`; one with nothing at all stays an error.
    #[test]
    fn media_only_articles_are_records_with_an_empty_body() {
        let photo = Article {
            title: "Photo: Gulangyu".into(),
            url: Some("https://x.org/p".into()),
            images: vec![Image { url: "https://x.org/p.jpg".into(), caption: None }],
            media: true,
            paragraphs: vec!["Photo: Gulangyu".into()],
            ..Default::default()
        };
        let r = photo.into_record("jekyll", "-").unwrap();
        assert_eq!((r.body.as_str(), r.images.len()), ("", 1));
        assert_eq!(r.warnings, vec!["media_only"]);
        assert_eq!(r.language, None);
        let nothing = Article { title: "t".into(), url: Some("https://x.org/".into()), ..Default::default() };
        assert_eq!(nothing.into_record("jekyll", "-").unwrap_err().kind(), "empty_body");
    }

    /// SPEC v1.2: a wall-clock time without a stated offset takes the outlet's home offset,
    /// or gives the day only with warning `date_offset_unknown` (it was written as UTC).
    #[test]
    fn a_time_without_an_offset_is_never_given_one() {
        let local = crate::normalize::date::parse("2024-05-07 10:45:12", None);
        let article = |home: Option<FixedOffset>| Article {
            title: "t".into(),
            url: Some("https://x.org/".into()),
            date: local,
            home_offset: home,
            paragraphs: vec!["text".into()],
            ..Default::default()
        };
        let r = article(None).into_record("html", "-").unwrap();
        assert_eq!(r.date.as_deref(), Some("2024-05-07"));
        assert_eq!(r.warnings, vec!["date_offset_unknown"]);
        let r = article(Some(crate::normalize::date::hours(8))).into_record("html", "-").unwrap();
        assert_eq!(r.date.as_deref(), Some("2024-05-07T10:45:12+08:00"));
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn many_images_and_tags_are_deduplicated_in_linear_time() {
        // Found by a scaling probe beside the fuzzers: 50,000 images (1 MiB of `<img>`)
        // took 16 s, 130,000 tags 79 s.
        let n = 100_000;
        let a = Article {
            title: "t".into(),
            paragraphs: vec!["text".into()],
            images: (0..n)
                .map(|i| Image { url: format!("https://x.org/{}.jpg", i % (n / 2)), caption: None })
                .collect(),
            tags: (0..n).map(|i| format!("#tag{}", i % (n / 2))).collect(),
            ..Default::default()
        };
        let r = a.into_record("jekyll", "-").unwrap();
        assert_eq!(r.images.len(), n / 2);
        assert_eq!(r.images.get(1).map(|i| i.url.as_str()), Some("https://x.org/1.jpg"));
        assert_eq!(r.tags.len(), n / 2);
        assert_eq!(r.tags.get(1).map(String::as_str), Some("tag1"));
    }

    #[test]
    fn language_from_the_body_and_the_declaration_when_it_agrees() {
        let body = "The government announced on Tuesday that it would raise interest rates again, \
                    citing inflation that has stayed above its target for more than a year.";
        let article = |declared: Option<&str>| Article {
            title: "t".into(),
            paragraphs: vec![body.into()],
            declared_language: declared.map(str::to_owned),
            ..Default::default()
        };
        let lang = |declared| article(declared).into_record("html", "-").unwrap().language;
        assert_eq!(lang(None).as_deref(), Some("en"));
        assert_eq!(lang(Some("en_US")).as_deref(), Some("en-US"));
        assert_eq!(lang(Some("zh-TW")).as_deref(), Some("en"));
        let r = article(None).into_record("html", "-").unwrap();
        assert_eq!(r.duplicate_of, None);
    }

    #[test]
    fn titles_lose_double_encoded_entities_and_emphasis() {
        let a = Article {
            title: "大&#22338;直美 “严重关注”中国**".into(),
            url: Some("https://www.ft.com/content/62fe82c5#new_tab".into()),
            paragraphs: vec!["x".into()],
            ..Default::default()
        };
        let r = a.into_record("jekyll", "-").unwrap();
        assert_eq!(r.title, "大坂直美 “严重关注”中国");
        assert_eq!(r.url.as_deref(), Some("https://www.ft.com/content/62fe82c5"));
        let a = Article { title: "考獲5**".into(), paragraphs: vec!["x".into()], ..Default::default() };
        assert_eq!(a.into_record("jekyll", "-").unwrap().title, "考獲5**");
    }

    #[test]
    fn titles_lose_media_markers_that_open_or_end_them() {
        let title = |t: &str| {
            let a = Article { title: t.into(), paragraphs: vec!["x".into()], ..Default::default() };
            a.into_record("jekyll", "-").unwrap().title
        };
        assert_eq!(
            title("雙北三級警戒  蘇貞昌：用最大防疫能量面對挑戰[影]"),
            "雙北三級警戒 蘇貞昌：用最大防疫能量面對挑戰"
        );
        assert_eq!(title("【视频】缅甸周一抗议活动持续"), "缅甸周一抗议活动持续");
        assert_eq!(title("[视频] 缅甸周一抗议活动持续"), "缅甸周一抗议活动持续");
        assert_eq!(title("【微视频】世卫成中共枪手 十四国质疑吁再查"), "世卫成中共枪手 十四国质疑吁再查");
        assert_eq!(title("【圖輯】百萬人上街的日與夜"), "百萬人上街的日與夜");
        assert_eq!(title("Floods in Germany (Video)"), "Floods in Germany");
        // Not a media marker, or not at an end: the headline as written.
        assert_eq!(title("【武漢肺炎】外交部：已採取管控措施"), "【武漢肺炎】外交部：已採取管控措施");
        assert_eq!(title("腾讯视频把《战争之王》的结局给改了"), "腾讯视频把《战争之王》的结局给改了");
        assert_eq!(title("新疆「再教育營地」[視頻]曝光"), "新疆「再教育營地」[視頻]曝光");
        assert_eq!(title("当梵蒂冈拥抱魔鬼（上）"), "当梵蒂冈拥抱魔鬼（上）");
        // A section tag in Latin letters goes to `category`.
        let a = Article {
            title: "[Institutional] 机构投资者加码".into(),
            paragraphs: vec!["x".into()],
            ..Default::default()
        };
        let r = a.into_record("jekyll", "-").unwrap();
        assert_eq!((r.title.as_str(), r.category.as_deref()), ("机构投资者加码", Some("Institutional")));
        let a = Article {
            title: "[Chinese] 标题".into(),
            category: Some("国际".into()),
            paragraphs: vec!["x".into()],
            ..Default::default()
        };
        let r = a.into_record("jekyll", "-").unwrap();
        assert_eq!((r.title.as_str(), r.category.as_deref()), ("标题", Some("国际")));
        let a = Article {
            title: "[Institutional] 标题".into(),
            paragraphs: vec!["[Institutional] 标题".into(), "正文".into()],
            ..Default::default()
        };
        assert_eq!(a.into_record("jekyll", "-").unwrap().body, "正文");
        let a = Article {
            title: "[Rezi] Love is War".into(),
            paragraphs: vec!["x".into()],
            title_as_written: true,
            ..Default::default()
        };
        assert_eq!(a.into_record("html", "-").unwrap().title, "[Rezi] Love is War");
        assert_eq!(title("[sic] 标题"), "[sic] 标题");
        assert_eq!(title("[NYSE: IBM] shares rise"), "[NYSE: IBM] shares rise");
        assert_eq!(title("[Institutional]"), "[Institutional]");
        // A title that is only a marker stays.
        assert_eq!(title("[影]"), "[影]");
        // Its repeat as the first paragraph, marker and all, leaves the body.
        let a = Article {
            title: "【圖輯】百萬人上街的日與夜".into(),
            paragraphs: vec!["【圖輯】百萬人上街的日與夜".into(), "正文".into()],
            ..Default::default()
        };
        assert_eq!(a.into_record("wayback-markdown", "-").unwrap().body, "正文");
    }

    #[test]
    fn url_only_and_asterisk_lines_leave_the_body() {
        let a = Article {
            title: "t".into(),
            paragraphs: vec![
                "正文。".into(),
                "https://donate.epochtimes.com".into(),
                "******************".into(),
                "見\nhttps://x.org/a\n完".into(),
                "帮我******谢谢".into(),
            ],
            ..Default::default()
        };
        let r = a.into_record("jekyll", "-").unwrap();
        assert_eq!(r.body, "正文。\n\n見\n完\n\n帮我******谢谢");
    }

    #[test]
    fn lines_split_for_the_rules_and_joined_back() {
        let mut a = Article {
            paragraphs: vec!["甲：\n罪名成立\n【撰文：某】".into(), "正文。".into(), "一\n二".into()],
            ..Default::default()
        };
        let breaks = a.split_lines();
        assert_eq!(a.paragraphs, vec!["甲：", "罪名成立", "【撰文：某】", "正文。", "一", "二"]);
        a.paragraphs.retain(|p| !p.starts_with('【'));
        a.join_lines(&breaks);
        assert_eq!(a.paragraphs, vec!["甲：\n罪名成立", "正文。", "一\n二"]);
        let r = Article { title: "t".into(), ..a }.into_record("wayback-markdown", "-").unwrap();
        assert_eq!(r.body, "甲：\n罪名成立\n\n正文。\n\n一\n二");
    }

    #[test]
    fn title_repeat_dropped_and_no_url_warned() {
        let a = Article {
            title: " A  title ".into(),
            paragraphs: vec!["A title".into(), "text".into()],
            ..Default::default()
        };
        let r = a.into_record("portal-text", "-").unwrap();
        assert_eq!(r.page_type, PageType::Article);
        assert_eq!(serde_json::to_string(&r.page_type).unwrap(), "\"article\"");
        assert_eq!(r.title, "A title");
        assert_eq!(r.body, "text");
        assert_eq!(r.warnings, vec!["no_url"]);
    }
}
