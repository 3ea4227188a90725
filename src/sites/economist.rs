//! The Economist (economist.com, in English; feed label `经济学人en`).
//!
//! An `<aside>` holds the date line (`Sep 16th 2020`, not text) and, on signed pieces,
//! the byline `by Charlie McCann` (the author). Place datelines (`NEW YORK`) open many
//! articles and stay. Dropped at the end: `This article appeared in the … section of the
//! print edition under the headline "…"`, `A version of this article was published
//! online…`, the writer's bio (`Charlie McCann is The Economist’s …`), picture credits
//! (`Photographs: …`), podcast platform lines (`Listen on: Apple Podcasts | Spotify…`)
//! and the subscription line (`For full access to print, digital and audio editions…`);
//! also inline ad slots. Dates stay UTC (London has summer time).

use std::sync::LazyLock;

use scraper::{Html, Selector};

use super::{Site, element_text, is_english_date_line, remove_paragraphs};
use crate::html;
use crate::record::Article;

pub struct Economist;

static DROP: LazyLock<Selector> = LazyLock::new(|| {
    html::selector(
        "aside time, [itemprop=byline], [data-test-id='Article Byline'], [data-test-id='Inline Ad'], [id^=gpt-ad], .advert",
    )
});
static BYLINE: LazyLock<Selector> =
    LazyLock::new(|| html::selector("[itemprop=byline], [data-test-id='Article Byline']"));

fn is_boilerplate(p: &str) -> bool {
    (p.starts_with("This article appeared in the ") && p.contains("print edition"))
        || p.starts_with("A version of this article was published online")
        || p.starts_with("Listen on:")
        || (p.starts_with("For full access to") && p.contains("subscribe"))
        || p.starts_with("Photographs:")
        || p.starts_with("Photograph:")
        || p.starts_with("Illustration:")
        || p.starts_with("Illustrations:")
        || is_english_date_line(p)
}

impl Site for Economist {
    fn key(&self) -> &'static str {
        "economist"
    }
    fn publisher(&self) -> &'static str {
        "The Economist"
    }
    fn names(&self) -> &'static [&'static str] {
        &["经济学人en"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["economist.com"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules { drop: html::Selectors::one(&DROP), ..Default::default() }
    }
    fn inspect(&self, doc: &Html, art: &mut Article) {
        if let Some(by) = doc.select(&BYLINE).next() {
            let t = element_text(&by);
            let name = t.strip_prefix("by ").or_else(|| t.strip_prefix("By ")).unwrap_or(&t).trim();
            if !name.is_empty() {
                art.author = Some(name.to_owned());
            }
        }
    }
    fn finish(&self, art: &mut Article) {
        remove_paragraphs(art, is_boilerplate);
        // The writer's bio closes a signed piece: `Charlie McCann is The Economist’s …`.
        if let Some(author) = art.author.clone()
            && art.paragraphs.last().is_some_and(|p| p.starts_with(&format!("{author} is ")) && p.len() < 300)
        {
            art.paragraphs.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_date_and_end_matter() {
        let html = "<aside><div><time dateTime='2021-02-22T14:10:46Z'>Feb 22nd 2021</time>\
                    <p data-test-id='Article Byline' itemProp='byline'>by Charlie McCann</p></div></aside>\
                    <p>Covid-19 has left its mark.</p><div id='gpt-ad-slot-1' data-test-id='Inline Ad'></div>\
                    <p><strong>Charlie McCann</strong> is <em>The Economist</em>’s South-East Asia correspondent</p>\
                    <p>Photographs: <strong>Michael A. McCoy</strong></p>";
        let doc = Html::parse_fragment(html);
        let mut a = Article::default();
        Economist.inspect(&doc, &mut a);
        a.paragraphs = html::extract(html, Economist.html_rules()).paragraphs;
        Economist.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("Charlie McCann"));
        assert_eq!(a.paragraphs, vec!["Covid-19 has left its mark."]);
    }

    #[test]
    fn print_edition_and_promos_go_datelines_stay() {
        let mut a = Article {
            paragraphs: vec![
                "Apr 8th 2021".into(),
                "AMSTERDAM".into(),
                "EVERY SELF-RESPECTING European country needs a public broadcaster.".into(),
                "Listen on: Apple Podcasts | Spotify | Google | Stitcher | TuneIn".into(),
                "For full access to print, digital and audio editions of The Economist, subscribe here".into(),
                "This article appeared in the Europe section of the print edition under the headline \"x\"".into(),
            ],
            ..Default::default()
        };
        Economist.finish(&mut a);
        assert_eq!(
            a.paragraphs,
            vec!["AMSTERDAM", "EVERY SELF-RESPECTING European country needs a public broadcaster."]
        );
    }
}
