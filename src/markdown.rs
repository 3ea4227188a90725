//! Markdown to plain paragraphs with pulldown-cmark: emphasis, links and headings keep
//! their text, ordered list items keep their number (`1. …`), raw HTML blocks (figures)
//! give images and captions, Hugo shortcodes vanish, a hard line break is a `\n` inside
//! its paragraph (SPEC v1.1), a line that is only a URL goes, and a related-links list
//! (`相關報道：` and the links under it) is dropped while the text after it stays.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::html::{self, Extracted};
use crate::normalize::text;
use crate::record::Image;

/// `{{< video src="…" >}}`, `{{% … %}}`.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)\{\{[<%].*?[%>]\}\}").expect("static regex"));

/// Shortcodes that embed a player (Hugo's built-in ones and the usual theme ones).
const PLAYER_SHORTCODES: &[&str] =
    &["video", "audio", "youtube", "vimeo", "bilibili", "podcast", "soundcloud", "iframe"];

/// A `---` line right under a text line would make a setext heading; these files mean
/// a rule.
static RULE_UNDER_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^([^\n]*\S[^\n]*)\n([ ]{0,3}-{3,}[ \t]*)$").expect("static regex"));

/// Emphasis markers left unpaired in the source (`text ****`, `結果：**`), not text; a
/// `**` right after a digit is a grade (`5**`) and stays.
static STRAY_EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^0-9*_])(?:\*{2,}|_{2,})").expect("static regex"));

/// A link target with a space in it (`[報道](標題 月底答辯 )`, `](https://x.org/ a)`) is
/// not a link in CommonMark, so `[text](…)` would stay literal: the target is dropped
/// (a link's target is never body text), leaving a link with an empty target. One level
/// of parentheses inside the target is allowed (`(Nachfolge(The Cost))`).
static SPACED_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(((?:[^()\n]|\([^()\n]*\))*)\)").expect("static regex"));

/// A valid target with a title: `(url "title")`, `(url 'title')`, `(url (title))`, or
/// only spaces around the URL.
static TITLED_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\s*\S+\s*$|^\s*\S+\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$"#).expect("static regex"));

/// A line that is only a URL: a bare link, not text.
fn is_url_only(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://") || line.starts_with("www."))
        && !line.contains(char::is_whitespace)
}

/// Headings of related-article lists. The heading and the links right under it are
/// dropped; the text after them is the article going on.
const RELATED_HEADINGS: &[&str] = &[
    "相關報道",
    "相关报道",
    "相關新聞",
    "相关新闻",
    "相關文章",
    "相关文章",
    "相關閱讀",
    "相关阅读",
    "延伸閱讀",
    "延伸阅读",
];

fn is_related_heading(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let t = line.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '#').trim();
    let t = t.trim_end_matches([':', '：']).trim();
    RELATED_HEADINGS.contains(&t)
}

/// One line of a paragraph and whether all its text is link text.
#[derive(Debug, Default)]
struct Line {
    text: String,
    /// Letters and digits inside and outside links (roughly, for long plain text).
    linked: usize,
    plain: usize,
}

impl Line {
    /// Nearly all of its text is the text of links (a `【 [title](…)` line of a list).
    fn is_link_only(&self) -> bool {
        self.linked > 0 && self.plain * 4 <= self.linked
    }
}

/// A paragraph: its cleaned lines joined by `\n`, which of its first 64 lines are
/// link-only (a bit each), and whether one is a related-links heading.
#[derive(Debug, Default)]
struct Block {
    text: String,
    lines: usize,
    link_only: u64,
    related: bool,
}

impl Block {
    fn push_line(&mut self, line: &str, link_only: bool) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(line);
        if link_only && self.lines < 64 {
            self.link_only |= 1 << self.lines;
        }
        self.related |= is_related_heading(line);
        self.lines += 1;
    }

    fn is_link_only(&self, line: usize) -> bool {
        line < 64 && self.link_only & (1 << line) != 0
    }
}

struct Renderer {
    blocks: Vec<Block>,
    /// The paragraph being read, its lines cleaned.
    block: Block,
    current: Line,
    out: Extracted,
    /// Raw HTML of the block being read.
    html: String,
    /// Inside `![alt](src)`: alt text goes to the caption.
    image_depth: usize,
    image_alt: String,
    /// Inside `[text](…)`.
    link_depth: usize,
    /// The next number of each open list (`None`: a bullet list).
    lists: Vec<Option<u64>>,
}

impl Renderer {
    /// End the line being read (a hard break).
    fn end_line(&mut self) {
        if self.current.text.is_empty() {
            return;
        }
        let raw = &self.current.text;
        let cleaned = if raw.contains("**") || raw.contains("__") {
            text::clean_paragraph(&STRAY_EMPHASIS.replace_all(raw, "$1 "))
        } else {
            text::clean_paragraph(raw)
        };
        if !cleaned.is_empty() && !is_url_only(&cleaned) {
            let link_only = self.current.is_link_only();
            self.block.push_line(&cleaned, link_only);
        }
        self.current = Line::default();
    }

    /// At the start of a block: end the paragraph being read, unless it is only a list
    /// item's number so far (`3. `), which the block's text continues.
    fn flush_unless_numbered(&mut self) {
        let numbered = self.current.plain == 0 && self.current.linked == 0 && self.current.text.ends_with(". ");
        if !numbered {
            self.flush();
        }
    }

    /// End the paragraph being read.
    fn flush(&mut self) {
        self.end_line();
        if self.block.lines > 0 {
            self.blocks.push(std::mem::take(&mut self.block));
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.image_depth > 0 {
            self.image_alt.push_str(t);
            return;
        }
        let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
        if self.link_depth > 0 {
            self.current.linked += letters(t);
        } else if t.len() <= 32 {
            // Short pieces between links (`【 `, `｜作者`) are counted exactly; a long one
            // is plain text whatever it holds, and counting it would cost a scan.
            self.current.plain += letters(t);
        } else {
            self.current.plain += t.len();
        }
        self.current.text.push_str(t);
    }

    fn flush_html(&mut self, base: Option<&str>) {
        if self.html.trim().is_empty() {
            self.html.clear();
            return;
        }
        self.flush();
        let x = html::extract(&self.html, html::Rules { base, ..Default::default() });
        for p in x.paragraphs {
            let lines = p.split('\n').count();
            let related = p.split('\n').any(is_related_heading);
            self.blocks.push(Block { text: p, lines, link_only: 0, related });
        }
        self.out.images.extend(x.images);
        self.out.players |= x.players;
        self.html.clear();
    }

    /// The paragraphs: a related-links heading and the link-only lines and paragraphs
    /// right after it are dropped.
    fn finish(mut self) -> Extracted {
        let mut skipping = false;
        for block in self.blocks {
            if !skipping && !block.related {
                self.out.paragraphs.push(block.text);
                continue;
            }
            let mut kept: Vec<&str> = Vec::with_capacity(block.lines);
            for (i, line) in block.text.split('\n').enumerate() {
                if is_related_heading(line) {
                    skipping = true;
                    continue;
                }
                if skipping && block.is_link_only(i) {
                    continue;
                }
                skipping = false;
                kept.push(line);
            }
            if !kept.is_empty() {
                self.out.paragraphs.push(kept.join("\n"));
            }
        }
        self.out
    }
}

/// Does some `](` open a target with a space or tab before its `)` or the line's end?
/// Most documents have none, so the regex need not run. Linear: the end of a target and
/// the next space are looked for once and reused by every `](` before them (a line of
/// 800,000 unclosed `[a](` scanned to its end from each was quadratic).
fn has_spaced_target(bytes: &[u8]) -> bool {
    let (mut end, mut space) = (0usize, 0usize);
    for at in memchr::memmem::find_iter(bytes, b"](") {
        let from = at + 2;
        if from > end {
            let rest = bytes.get(from..).unwrap_or_default();
            end = from + memchr::memchr2(b')', b'\n', rest).unwrap_or(rest.len());
        }
        if from > space {
            let rest = bytes.get(from..end).unwrap_or_default();
            space = from + memchr::memchr2(b' ', b'\t', rest).unwrap_or(rest.len());
        }
        if space < end {
            return true;
        }
    }
    false
}

/// A link target with a space: the target goes (see [`SPACED_TARGET`]).
fn drop_spaced_targets(md: &str) -> std::borrow::Cow<'_, str> {
    if !has_spaced_target(md.as_bytes()) {
        return std::borrow::Cow::Borrowed(md);
    }
    SPACED_TARGET.replace_all(md, |c: &regex::Captures| {
        let target = c.get(1).map_or("", |m| m.as_str());
        if !target.contains(char::is_whitespace) || TITLED_TARGET.is_match(target) {
            c.get(0).map_or("", |m| m.as_str()).to_owned()
        } else {
            "]()".to_owned()
        }
    })
}

/// Where an outlet's promo block starts in a Markdown body.
#[derive(Debug, Clone, Copy)]
pub enum Cut<'a> {
    /// Nowhere: a thematic break only ends a paragraph.
    Never,
    /// At the first thematic break.
    AtAnyRule,
    /// At the first thematic break followed by a block that starts with one of these
    /// (the subscription promo, the author bio); other breaks only end a paragraph.
    AtRuleBefore(&'a [String]),
}

impl Cut<'_> {
    fn at(&self, after: &str) -> bool {
        match self {
            Cut::Never => false,
            Cut::AtAnyRule => true,
            Cut::AtRuleBefore(starts) => starts.iter().any(|s| after.starts_with(s.as_str())),
        }
    }
}

/// Render Markdown; everything from the thematic break where `cut` says the promo
/// starts is dropped.
pub fn render(md: &str, cut: Cut<'_>, base: Option<&str>) -> Extracted {
    // Shortcodes vanish; a player among them (`{{< youtube … >}}`) is the article's media.
    let mut players = false;
    let md = SHORTCODE.replace_all(md, |c: &regex::Captures| {
        let name = c.get(0).map_or("", |m| m.as_str()).trim_start_matches(['{', '<', '%', ' ']);
        let name = name.split(|ch: char| !ch.is_ascii_alphanumeric()).next().unwrap_or("");
        players |= PLAYER_SHORTCODES.contains(&name.to_ascii_lowercase().as_str());
        ""
    });
    let md = RULE_UNDER_TEXT.replace_all(&md, "$1\n\n$2");
    let md = drop_spaced_targets(&md);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut r = Renderer {
        blocks: Vec::new(),
        block: Block::default(),
        current: Line::default(),
        out: Extracted::default(),
        html: String::new(),
        image_depth: 0,
        image_alt: String::new(),
        link_depth: 0,
        lists: Vec::new(),
    };
    for (event, range) in Parser::new_ext(&md, options).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => r.flush(),
            Event::End(TagEnd::HtmlBlock) => r.flush_html(base),
            Event::Html(h) => r.html.push_str(&h),
            Event::InlineHtml(h) => {
                let tag = h.trim_start_matches('<').trim_start_matches('/').to_ascii_lowercase();
                if tag.starts_with("br") {
                    r.end_line();
                } else if tag.starts_with("p>") || tag.starts_with("p ") {
                    r.flush();
                } else if ["iframe", "video", "audio", "embed", "object"].iter().any(|p| tag.starts_with(p)) {
                    r.out.players = true;
                } else if tag.starts_with("img") {
                    let x = html::extract(&h, html::Rules { base, ..Default::default() });
                    r.out.images.extend(x.images);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                r.image_depth += 1;
                if r.image_depth == 1 {
                    r.image_alt.clear();
                    if let Some(url) = html::resolve_image(&dest_url, base) {
                        r.out.images.push(Image { url, caption: None });
                    }
                }
            }
            Event::End(TagEnd::Image) => {
                r.image_depth = r.image_depth.saturating_sub(1);
                if r.image_depth == 0 {
                    let alt = text::clean_inline(&r.image_alt);
                    if let Some(img) = r.out.images.last_mut().filter(|i| i.caption.is_none() && !alt.is_empty()) {
                        img.caption = Some(alt);
                    }
                }
            }
            Event::Start(Tag::Link { .. }) => r.link_depth += 1,
            Event::End(TagEnd::Link) => r.link_depth = r.link_depth.saturating_sub(1),
            Event::Start(Tag::List(first)) => {
                r.flush();
                r.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                r.flush();
                r.lists.pop();
            }
            Event::Start(Tag::Item) => {
                r.flush();
                if let Some(Some(n)) = r.lists.last_mut() {
                    let number = format!("{n}. ");
                    *n += 1;
                    r.current.text.push_str(&number);
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::Table(_),
            ) => r.flush_unless_numbered(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::Table,
            ) => r.flush(),
            Event::End(TagEnd::TableCell) => r.current.text.push(' '),
            Event::Text(t) | Event::Code(t) => r.push_text(&t),
            Event::SoftBreak => r.push_text("\n"),
            Event::HardBreak => r.end_line(),
            Event::Rule => {
                if cut.at(md.get(range.end..).unwrap_or_default().trim_start()) {
                    r.html.clear();
                    break;
                }
                r.flush();
            }
            _ => {}
        }
    }
    r.flush_html(base);
    r.flush();
    r.out.players |= players;
    r.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn promo() -> Vec<String> {
        vec!["請加入成為眾新聞的月費訂戶".into(), "![博客 |".into()]
    }

    #[test]
    fn emphasis_links_headings_shortcodes() {
        let md = "# Title\n\n**Bold lede.**\n\nText with [a link](/web/1/https://x.org/) and {{< video src=\"v.mp4\" >}}end.\n\n### Sub head\n\nMore.\n";
        let x = render(md, Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["Title", "Bold lede.", "Text with a link and end.", "Sub head", "More."]);
    }

    #[test]
    fn figures_become_images_with_captions() {
        let md = "Para.\n\n<figure>\n<img src=\"https://web.archive.org/web/1im_/https://x.org/a.png\" alt=\"\">\n<figcaption>The caption.</figcaption>\n</figure>\n\nAfter.\n";
        let x = render(md, Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["Para.", "After."]);
        assert_eq!(
            x.images,
            vec![Image {
                url: "https://web.archive.org/web/1im_/https://x.org/a.png".into(),
                caption: Some("The caption.".into())
            }]
        );
    }

    #[test]
    fn the_rule_before_the_promo_cuts_it() {
        let md = "Body.\n\n---\n\n請加入成為眾新聞的月費訂戶\n\n![avatar](https://x.org/a.png)\n";
        let x = render(md, Cut::AtRuleBefore(&promo()), None);
        assert_eq!(x.paragraphs, vec!["Body."]);
        assert!(x.images.is_empty());
        // A rule right under a text line is still a rule, not a heading underline.
        let x = render("Body.\n---\n請加入成為眾新聞的月費訂戶。\n", Cut::AtRuleBefore(&promo()), None);
        assert_eq!(x.paragraphs, vec!["Body."]);
        // The author bio after the rule (a blogger's picture) is cut too.
        let x = render(
            "Body.\n\n---\n\n![博客 | 某人](https://x.org/a.png)\n\n某人是作家。\n",
            Cut::AtRuleBefore(&promo()),
            None,
        );
        assert_eq!(x.paragraphs, vec!["Body."]);
        // Without a cut nothing is cut; with AtAnyRule, the first rule cuts.
        let x = render("Body.\n\n---\n\n請加入成為眾新聞的月費訂戶\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["Body.", "請加入成為眾新聞的月費訂戶"]);
        let x = render("Body.\n\n***\n\nMore.\n", Cut::AtAnyRule, None);
        assert_eq!(x.paragraphs, vec!["Body."]);
    }

    #[test]
    fn other_breaks_only_end_a_paragraph() {
        // `****` under a heading, `___`, `* * *`, a `-----` between verdicts: not the promo.
        let md = "# 標題\n\n****\n\n第一段。\n\n___\n\n第二段。\n\n* * *\n\n甲：  \n 罪名成立  \n -----  \n 乙：  \n 罪名不成立\n\n---\n\n請加入成為眾新聞的月費訂戶\n";
        let x = render(md, Cut::AtRuleBefore(&promo()), None);
        assert_eq!(x.paragraphs, vec!["標題", "第一段。", "第二段。", "甲：\n罪名成立", "乙：\n罪名不成立"]);
    }

    #[test]
    fn stray_emphasis_markers_vanish() {
        let x = render("保安警告。 ****\n\n**粗體**正文\n\n結果：**\n\n考獲5**的人\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["保安警告。", "粗體正文", "結果：", "考獲5**的人"]);
    }

    #[test]
    fn hard_breaks_are_newlines_soft_breaks_fold() {
        let x = render("line one  \n line two\n中文\n接續\n\n不過，  \n他說。\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["line one\nline two 中文接續", "不過，\n他說。"]);
        let x = render("a<br>b\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["a\nb"]);
    }

    #[test]
    fn ordered_lists_keep_their_numbers() {
        let x = render("要求：\n\n1. 撤回\n2. 調查\n\n3. 釋放\n\n- 無號\n\n5) 五\n6) 六\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["要求：", "1. 撤回", "2. 調查", "3. 釋放", "無號", "5. 五", "6. 六"]);
        // A loose list: the number stays on its item's text.
        let x = render("1. 第一\n\n   續\n\n2. 第二\n", Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["1. 第一", "續", "2. 第二"]);
    }

    #[test]
    fn related_links_go_the_article_goes_on() {
        let md = "正文一。\n\n相關報道：   \n [舊聞一](https://x.org/1)   \n [舊聞二](https://x.org/2)\n\n正文二。\n\n**相關文章：**\n\n[舊聞三](https://x.org/3)\n\n【 [舊聞四](https://x.org/4)\n\n- [舊聞五](https://x.org/5)\n\n正文三，見[此處](https://x.org/6)。\n";
        let x = render(md, Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["正文一。", "正文二。", "正文三，見此處。"]);
    }

    #[test]
    fn targets_with_spaces_leave_no_markup() {
        let md = "翻查 [報道](某某被控 月底答辯 ) ，又見 [專頁](https://facebook.com/ Someone/) 與 [書](Nachfolge(The Cost)) 及 [好](https://x.org/a \"title\")。\n";
        let x = render(md, Cut::Never, None);
        assert_eq!(x.paragraphs, vec!["翻查 報道 ，又見 專頁 與 書 及 好。"]);
    }

    #[test]
    fn url_only_lines_go() {
        let x = render(
            "正文。\n\nhttps://youtu.be/x6Ch\n\n見：  \nhttps://x.org/a  \n完。\n\n[https://x.org/b](https://x.org/b)\n",
            Cut::Never,
            None,
        );
        assert_eq!(x.paragraphs, vec!["正文。", "見：\n完。"]);
    }
}
