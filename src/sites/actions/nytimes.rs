//! 纽约时报中文网 (cn.nytimes.com): its named actions `nytimes_address` and
//! `nytimes_bios` (`rules/nytimes.toml` holds the rest).
//!
//! Two layouts: the feed header `<div><i>ELAINE YU,ELAINE YU<br>2020-10-28 11:41:09</i></div>`
//! (names in capitals, often twice; the time is Beijing time, which is why dates are
//! written in +08:00), and an `article-body` layout with `<address>BEN DOOLEY</address>`
//! and a `<time>` line. The text ends with author bios (`王霜舟(Austin Ramzy)是《纽约
//! 时报》驻香港记者…`, `Ben Dooley报道日本商业和经济…`), the translation credit
//! (`翻译：纽约时报中文网`, kept) and a link to the English original
//! (`点击查看本文英文版。`, dropped). Bios are dropped, and the people they introduce
//! are the authors, with the header's name (capitals turned into the bio's spelling, or
//! title case). Also dropped: the subscription lines of the daily briefing
//! (`（欢迎点击此处订阅NYT简报…）`, `感谢阅读今天的简报…`) and taboola feeds.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};

use crate::html;
use crate::record::Article;
use crate::sites::{element_text, join_names};

static ADDRESS: LazyLock<Selector> = LazyLock::new(|| html::selector("address"));

/// A bio: a name (Latin, or Chinese with the Latin form in brackets) and what the person
/// does.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Za-z'’.\-]*(?:\s+[A-Za-z][A-Za-z'’.\-]*){0,5}|\p{Han}{2,4}\s*[(（][A-Z][^)）]{1,40}[)）])\s*(?:是|曾是|曾在|曾任|此前是|此前曾|担任|撰写|报道|为|现为|常驻|著有)",
    )
    .expect("static regex")
});

/// A bio of a writer named in Chinese only: `袁莉为《纽约时报》撰写…`, `邓聿文是…研究员` (with a
/// bio word, checked by the caller).
static BIO_HAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{2,3})(?:是|为)[^。]{2,60}(?:研究员|评论家|记者|编辑|作家|学者|专栏|教授|《纽约时报》)")
        .expect("static regex")
});

/// Words that say a paragraph introduces a journalist or a writer, beside the job titles
/// of [`crate::lexicon::TITLES_ZH`]: the paper's name, what writers do.
const BIO_WORDS: &[&str] = &["纽约时报", "时报", "Twitter", "著有", "撰写", "报道", "出版", "小说"];

fn is_bio_word_in(p: &str) -> bool {
    BIO_WORDS.iter().chain(crate::lexicon::TITLES_ZH.words()).any(|w| p.contains(w))
}

/// `ELAINE YU` -> `Elaine Yu`; names with lower case letters are kept.
fn title_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

/// The name a bio opens with (`王霜舟(Austin Ramzy)` -> `王霜舟`), and its Latin form.
fn bio_name(p: &str) -> Option<(String, Option<String>)> {
    if p.chars().count() > 400 || p.contains("对本文有") || !is_bio_word_in(p) {
        return None;
    }
    let raw = match BIO.captures(p) {
        Some(c) => c.get(1)?.as_str().trim(),
        None if p.chars().count() <= 200 => BIO_HAN.captures(p)?.get(1)?.as_str(),
        None => return None,
    };
    match raw.split_once(['(', '（']) {
        Some((han, latin)) => {
            Some((han.trim().to_owned(), Some(latin.trim_end_matches([')', '）']).trim().to_owned())))
        }
        None => Some((raw.to_owned(), None)),
    }
}

/// `nytimes_address`: without a header author, the `<address>` names are the author.
pub fn address(doc: &Html, art: &mut Article) {
    if art.author.is_none() {
        let names: Vec<String> = doc.select(&ADDRESS).map(|a| element_text(&a)).collect();
        art.author = join_names(&names);
    }
}

/// `nytimes_bios`: the writers' bios before the closing credits go; the people they
/// introduce are the authors, with the header's names (in the bio's spelling, or in
/// title case).
pub fn bios(art: &mut Article) {
    // The bios: the run of paragraphs before the closing credits.
    let mut end = art.paragraphs.len();
    while end > 0 && art.paragraphs.get(end - 1).is_some_and(|p| p.starts_with("翻译：") || p.starts_with("翻譯："))
    {
        end -= 1;
    }
    let mut start = end;
    let mut bios: Vec<(String, Option<String>)> = Vec::new();
    while start > 0
        && let Some(name) = art.paragraphs.get(start - 1).and_then(|p| bio_name(p))
    {
        bios.push(name);
        start -= 1;
    }
    bios.reverse();
    art.paragraphs.drain(start..end);

    let header: Vec<String> =
        art.author.as_deref().map(|a| a.split('、').map(str::to_owned).collect()).unwrap_or_default();
    let mut names: Vec<String> = bios.iter().map(|(name, _)| name.clone()).collect();
    let known: HashSet<String> = bios
        .iter()
        .flat_map(|(name, latin)| std::iter::once(name).chain(latin))
        .map(|n| n.to_ascii_lowercase())
        .collect();
    for h in header {
        if !known.contains(&h.to_ascii_lowercase()) {
            names.push(title_case(&h));
        }
    }
    if let Some(names) = join_names(&names) {
        art.author = Some(names);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_capitals_are_title_cased() {
        assert_eq!(title_case("JOHN M. BARRY"), "John M. Barry");
        assert_eq!(title_case("王霜舟"), "王霜舟");
        assert_eq!(title_case("Li Yuan"), "Li Yuan");
    }

    #[test]
    fn bio_names_with_their_latin_form() {
        assert_eq!(
            bio_name("王霜舟(Austin Ramzy)是《纽约时报》驻香港记者。"),
            Some(("王霜舟".to_owned(), Some("Austin Ramzy".to_owned())))
        );
        assert_eq!(bio_name("Ben Dooley报道日本商业和经济。"), Some(("Ben Dooley".to_owned(), None)));
        assert_eq!(bio_name("Liu Yi和Amber Wang对本文有研究贡献。"), None);
        assert_eq!(
            bio_name("袁莉为《纽约时报》撰写“新新世界”专栏，专注中国及亚洲科技。"),
            Some(("袁莉".to_owned(), None))
        );
        assert_eq!(bio_name("邓聿文是中国战略分析智库研究员，时政评论家。"), Some(("邓聿文".to_owned(), None)));
        assert_eq!(bio_name("中国是世界第二大经济体，报道说。"), None);
    }
}
