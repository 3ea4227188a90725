//! 中央社 (Central News Agency, Taiwan): its named action `cna_dateline`
//! (`rules/cna.toml` holds the rest).
//!
//! Body: the `<p>` text of the article; dropped: related-article blocks (`moreArticle`),
//! ad slots, the top-news carousel, e-paper subscription boxes, social embeds, info
//! boxes. Captions: `div.picinfo`. Keyword tags: `div.keywordTag`. The opening
//! dateline names the reporters: `（中央社記者江今葉華盛頓23日專電）` -> `江今葉`. The
//! closing code `（編輯：徐睿承）1100424` loses its ROC date `1100424`; the credit stays.

use std::sync::LazyLock;

use regex::Regex;

use crate::record::Article;

/// `（中央社記者江今葉華盛頓23日專電）`, `（中央社華盛頓13日綜合外電報導）`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^（中央社([^（）]{0,60}?)\d{1,2}日[^（）]{0,12}?(?:專電|電|報導)）").expect("static regex")
});

/// CNA's own abbreviations in datelines, beside the place names of
/// [`crate::lexicon::PLACES_ZH`]: `北` for 台北 (`陳婕翎、江慧珺北24日電`) and `網站`.
const DATELINE_ABBREVIATIONS: &[&str] = &["北", "網站"];

fn places() -> impl Iterator<Item = &'static str> {
    crate::lexicon::PLACES_ZH.words().iter().copied().chain(DATELINE_ABBREVIATIONS.iter().copied())
}

/// `part` without the longest place it ends with, when two characters or more are left.
fn without_place(part: &str) -> Option<&str> {
    places()
        .filter_map(|place| part.strip_suffix(place).filter(|name| name.chars().count() >= 2))
        .min_by_key(|name| name.len())
}

/// The reporters named in the inner part of a dateline (`記者江今葉華盛頓`), if any.
/// Several places are joined by a slash (`唐佩君、陳韻聿布魯塞爾/台北`): a part that is
/// only a place is no name, and every name loses the place after it.
fn reporters(inner: &str) -> Vec<String> {
    let after = ["記者", "特派員"].iter().filter_map(|m| inner.rfind(m).map(|i| i + m.len())).max();
    let Some(start) = after else { return Vec::new() };
    let names_and_place = inner.get(start..).unwrap_or_default().trim();
    let parts: Vec<&str> = names_and_place
        .split(['、', '/', '／'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && !places().any(|p| p == *s))
        .collect();
    let n = parts.len();
    let mut names: Vec<String> = Vec::with_capacity(n);
    for (i, part) in parts.into_iter().enumerate() {
        names.push(match without_place(part) {
            Some(name) => name.to_owned(),
            // Unknown place after the last name: Chinese names are mostly three characters.
            None if i + 1 == n => part.chars().take(3).collect(),
            None => part.to_owned(),
        });
    }
    names.retain(|n| !n.is_empty() && n.chars().count() <= 4);
    names
}

/// `cna_dateline`: the reporters named by the opening dateline are the author
/// (`（中央社記者江今葉華盛頓23日專電）` -> `江今葉`); a dateline without one credits 中央社.
pub fn dateline(art: &mut Article) {
    if let Some(first) = art.paragraphs.iter().find(|p| p.contains("（中央社"))
        && let Some(c) = DATELINE.captures(first.trim())
    {
        let names = reporters(c.get(1).map_or("", |m| m.as_str()));
        art.author = Some(if names.is_empty() { "中央社".to_owned() } else { names.join("、") });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of(first: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec![first.into()], ..Default::default() };
        dateline(&mut a);
        a.author
    }

    #[test]
    fn datelines() {
        assert_eq!(author_of("（中央社記者江今葉華盛頓23日專電）白宮").as_deref(), Some("江今葉"));
        assert_eq!(author_of("（中央社華盛頓13日綜合外電報導）美國").as_deref(), Some("中央社"));
        assert_eq!(author_of("（中央社記者陳婕翎、江慧珺北24日電）國內").as_deref(), Some("陳婕翎、江慧珺"));
        assert_eq!(author_of("（中央社記者張謙香港2日電）").as_deref(), Some("張謙"));
        assert_eq!(author_of("（中央社記者沈如峰宜蘭縣9日電）").as_deref(), Some("沈如峰"));
        assert_eq!(author_of("（中央社記者何宏儒安卡拉30日專電）").as_deref(), Some("何宏儒"));
        assert_eq!(author_of("（中央社記者王明北7日電）").as_deref(), Some("王明"));
        assert_eq!(author_of("（中央社台北7日電）").as_deref(), Some("中央社"));
        // Two reporters in two places (the audit's `唐佩君、台`).
        assert_eq!(author_of("（中央社記者唐佩君、陳韻聿布魯塞爾/台北23日電）歐盟").as_deref(), Some("唐佩君、陳韻聿"));
        assert_eq!(author_of("no dateline"), None);
    }
}
