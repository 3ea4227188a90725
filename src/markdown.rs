//! Markdown to plain paragraphs with pulldown-cmark: emphasis, links and headings keep
//! their text, raw HTML blocks (figures) give images and captions, Hugo shortcodes
//! vanish, a hard line break ends a paragraph.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::html::{self, Extracted};
use crate::normalize::text;
use crate::record::Image;

/// `{{< video src="…" >}}`, `{{% … %}}`.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)\{\{[<%].*?[%>]\}\}").expect("static regex"));

/// A `---` line right under a text line would make a setext heading; these files mean
/// a rule.
static RULE_UNDER_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^([^\n]*\S[^\n]*)\n([ ]{0,3}-{3,}[ \t]*)$").expect("static regex"));

/// Emphasis markers left unpaired in the source (`text ****`), not text.
static STRAY_EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:\*{2,}|_{2,})(?:\s|$)").expect("static regex"));

struct Renderer {
    out: Extracted,
    current: String,
    /// Raw HTML of the block being read.
    html: String,
    /// Inside `![alt](src)`: alt text goes to the caption.
    image_depth: usize,
    image_alt: String,
}

impl Renderer {
    fn flush(&mut self) {
        if !self.current.is_empty() {
            if self.current.contains("**") || self.current.contains("__") {
                self.current = STRAY_EMPHASIS.replace_all(&self.current, " ").into_owned();
            }
            let p = text::clean_paragraph(&self.current);
            if !p.is_empty() {
                self.out.paragraphs.push(p);
            }
            self.current.clear();
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.image_depth > 0 {
            self.image_alt.push_str(t);
        } else {
            self.current.push_str(t);
        }
    }

    fn flush_html(&mut self, base: Option<&str>) {
        if self.html.trim().is_empty() {
            self.html.clear();
            return;
        }
        self.flush();
        let x = html::extract(&self.html, html::Rules { base, ..Default::default() });
        self.out.paragraphs.extend(x.paragraphs);
        self.out.images.extend(x.images);
        self.html.clear();
    }
}

/// Render Markdown. With `cut_at_rule`, everything from the first thematic break on is
/// dropped (an outlet's promo block).
pub fn render(md: &str, cut_at_rule: bool, base: Option<&str>) -> Extracted {
    let md = SHORTCODE.replace_all(md, "");
    let md = RULE_UNDER_TEXT.replace_all(&md, "$1\n\n$2");
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut r = Renderer {
        out: Extracted::default(),
        current: String::new(),
        html: String::new(),
        image_depth: 0,
        image_alt: String::new(),
    };
    for event in Parser::new_ext(&md, options) {
        match event {
            Event::Start(Tag::HtmlBlock) => r.flush(),
            Event::End(TagEnd::HtmlBlock) => r.flush_html(base),
            Event::Html(h) => r.html.push_str(&h),
            Event::InlineHtml(h) => {
                let tag = h.trim_start_matches('<').trim_start_matches('/').to_ascii_lowercase();
                if tag.starts_with("br") || tag.starts_with("p>") || tag.starts_with("p ") {
                    r.flush();
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
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::Table(_),
            ) => r.flush(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::Table,
            ) => r.flush(),
            Event::End(TagEnd::TableCell) => r.current.push(' '),
            Event::Text(t) | Event::Code(t) => r.push_text(&t),
            Event::SoftBreak => r.push_text("\n"),
            Event::HardBreak => r.flush(),
            Event::Rule => {
                if cut_at_rule {
                    break;
                }
                r.flush();
            }
            _ => {}
        }
    }
    r.flush_html(base);
    r.flush();
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_links_headings_shortcodes() {
        let md = "# Title\n\n**Bold lede.**\n\nText with [a link](/web/1/https://x.org/) and {{< video src=\"v.mp4\" >}}end.\n\n### Sub head\n\nMore.\n";
        let x = render(md, false, None);
        assert_eq!(x.paragraphs, vec!["Title", "Bold lede.", "Text with a link and end.", "Sub head", "More."]);
    }

    #[test]
    fn figures_become_images_with_captions() {
        let md = "Para.\n\n<figure>\n<img src=\"https://web.archive.org/web/1im_/https://x.org/a.png\" alt=\"\">\n<figcaption>The caption.</figcaption>\n</figure>\n\nAfter.\n";
        let x = render(md, false, None);
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
    fn rule_cuts_the_promo() {
        let md = "Body.\n\n---\n\n請加入成為眾新聞的月費訂戶\n\n![avatar](https://x.org/a.png)\n";
        let x = render(md, true, None);
        assert_eq!(x.paragraphs, vec!["Body."]);
        assert!(x.images.is_empty());
        // A rule right under a text line is still a rule, not a heading underline.
        let x = render("Body.\n---\nPromo.\n", true, None);
        assert_eq!(x.paragraphs, vec!["Body."]);
    }

    #[test]
    fn stray_emphasis_markers_vanish() {
        let x = render("保安警告。 ****\n\n**粗體**正文\n", false, None);
        assert_eq!(x.paragraphs, vec!["保安警告。", "粗體正文"]);
    }

    #[test]
    fn hard_breaks_split_soft_breaks_fold() {
        let x = render("line one  \n line two\n中文\n接續\n", false, None);
        assert_eq!(x.paragraphs, vec!["line one", "line two 中文接續"]);
    }
}
