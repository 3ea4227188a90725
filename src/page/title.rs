//! The headline: the page's one `<h1>` first (more often the headline than what the meta
//! says, which may be written for search engines or social media), then the JSON-LD
//! headline, the OpenGraph and other meta titles, `<title>` without the site's name, and
//! the first `<h1>`.

use super::jsonld::Ld;
use super::meta::{self, Meta};
use crate::normalize::text;

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] =
    &[" | ", " – ", " — ", " - ", " · ", " :: ", " // ", " » ", " « ", " • ", " ~ ", "｜", " ｜ "];

/// The page's headline; `h1s`: the text of its first `<h1>`s; `site`: the site's name.
pub fn choose(ld: &Ld, m: &Meta, h1s: &[String], site: Option<&str>) -> String {
    let h1 = h1s.first().map(String::as_str);
    let single_h1 = match h1s {
        [h] if (2..=300).contains(&h.chars().count()) => Some(h.clone()),
        _ => None,
    };
    let title = single_h1
        .or_else(|| ld.headline.clone())
        .or_else(|| m.first(meta::TITLE_KEYS).map(|t| strip_site(t, site, h1)))
        .or_else(|| m.title.as_deref().map(|t| strip_site(t, site, h1)))
        .or_else(|| h1.map(str::to_owned));
    title.map(|t| text::clean_inline(&t)).unwrap_or_default()
}

/// The headline in a `<title>`: the site's name (`og:site_name`, or the part that is
/// not the `<h1>`) removed.
pub fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let title = text::clean_inline(title);
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(**s)) else { return title };
    let parts: Vec<&str> = title.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return title;
    }
    let lower = |s: &str| s.to_lowercase();
    if h1.is_some_and(|h| lower(h) == lower(&title)) {
        return title;
    }
    if let Some(h1) = h1.map(lower)
        && let Some(p) = parts.iter().find(|p| lower(p) == h1)
    {
        return (*p).to_owned();
    }
    if let Some(site) = site.map(lower).filter(|s| !s.is_empty()) {
        let kept: Vec<&str> =
            parts.iter().copied().filter(|p| !(lower(p).contains(&site) || site.contains(&lower(p)))).collect();
        if !kept.is_empty() && kept.len() < parts.len() {
            return kept.join(sep);
        }
    }
    // The site's name is the shorter end: `Headline | Site` or `Site | Headline`.
    let (first, last) = (parts.first().copied().unwrap_or(""), parts.last().copied().unwrap_or(""));
    let rest_len = |skip_last: bool| {
        if skip_last { parts.get(..parts.len() - 1) } else { parts.get(1..) }
            .map_or(0, |r| r.iter().map(|p| p.chars().count()).sum())
    };
    if last.chars().count() <= rest_len(true) {
        parts.get(..parts.len() - 1).map_or(title.clone(), |r| r.join(sep))
    } else if first.chars().count() * 2 < rest_len(false) && first.split_whitespace().count() <= 3 {
        parts.get(1..).map_or(title.clone(), |r| r.join(sep))
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(strip_site("Ein Titel | Die Zeitung", Some("Die Zeitung"), None), "Ein Titel");
        assert_eq!(strip_site("Zeitung - Ein langer Titel über etwas", None, None), "Ein langer Titel über etwas");
        assert_eq!(strip_site("A long headline about things – Site", None, None), "A long headline about things");
        assert_eq!(strip_site("Foo - Bar", None, Some("foo - bar")), "Foo - Bar");
        assert_eq!(strip_site("No separator here", None, None), "No separator here");
    }
}
