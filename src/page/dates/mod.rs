//! The page's date: what it declares (JSON-LD, meta, `<time>` and marked elements in the
//! body), what it shows (date and byline blocks, a date line above the text, a labelled
//! date), and its URL, weighed in [`choose`].
//!
//! - [`text`]: dates as written in text, URLs and declared values;
//! - [`markup`]: dates the markup declares inside the body, and labelled dates.

pub mod markup;
pub mod text;

use scraper::Html;

use super::content::Hints;
use super::jsonld::Ld;
use super::meta::{self, Meta};
use crate::normalize::date::When;

pub use text::{date_in_text, date_in_url, is_other_date, parse_declared};

/// Where a page's date may be found.
pub struct Sources<'a> {
    pub doc: &'a Html,
    pub meta: &'a Meta,
    pub ld: &'a Ld,
    /// Byline and date blocks the content scoring found.
    pub hints: &'a Hints,
    /// The page's URL.
    pub url: Option<&'a str>,
    /// The scored text, before its metadata lines are removed.
    pub paragraphs: &'a [String],
    /// Read `5/6/2020` as May 6 (an English page).
    pub month_first: bool,
    /// The publication date script data names ([`text::publication_in_data`]).
    pub script_date: Option<&'a str>,
}

/// The page's date: declared first; `<time>` in the article; date blocks; the URL; a date
/// line at the top of the text; a labelled date. The date the page shows, where two of its
/// markup and text sources agree on the day, or where it is the one unlabelled date under
/// the headline, beats a declared one of another day (a re-publication, a server's time
/// stamp).
pub fn choose(s: &Sources) -> Option<When> {
    let (m, month_first) = (s.meta, s.month_first);
    let declared = || {
        s.ld.date_published
            .iter()
            .map(String::as_str)
            .chain(meta::DATE_KEYS.iter().flat_map(|k| m.all(k)))
            .filter_map(|d| parse_declared(d, month_first))
    };
    // A declared 1 January without a time is a year given as a date (a recipe's or a
    // catalogue's placeholder `01/01/2004`): a date of last resort, not a declaration.
    let declared_date = declared().find(|w| !year_only(w));
    let times = markup::declared_in_body(s.doc);
    let generic_meta = || m.generic_date().and_then(|d| parse_declared(d, month_first));
    let time_date = || {
        let usable = |t: &&markup::TimeHint| !t.modified && !t.in_navigation;
        times
            .iter()
            .filter(usable)
            .filter(|t| t.published)
            .chain(times.iter().filter(usable).filter(|t| t.in_article))
            .chain(times.iter().filter(usable))
            .find_map(|t| parse_declared(&t.value, month_first))
    };
    let navigation_days: Vec<chrono::NaiveDate> = times
        .iter()
        .filter(|t| t.in_navigation)
        .filter_map(|t| parse_declared(&t.value, month_first))
        .map(|w| w.day())
        .collect();
    let text_date = || {
        s.hints
            .dates
            .iter()
            .chain(s.hints.bylines.iter())
            .filter(|d| !is_other_date(d))
            .filter_map(|d| date_in_text(d, month_first))
            // Not the day a navigation bar shows (today's, whatever reader found it).
            .find(|w| !navigation_days.contains(&w.day()))
    };
    let url_date = || s.url.and_then(date_in_url);
    // A date line above the text, or a dateline opening its first paragraph.
    let top_date = || {
        s.paragraphs.iter().take(3).filter(|p| !is_other_date(p)).find_map(|p| {
            let head: String = p.chars().take(40).collect();
            let short = p.chars().count() <= 80;
            date_in_text(if short { p } else { &head }, month_first)
        })
    };
    // The day the document's `<title>` shows (`… - 11/05/2022 - The Paper`): a source of
    // the day shown, only where another agrees with it.
    let title_date = m.title.as_deref().and_then(|t| date_in_text(t, month_first));
    let others = [generic_meta(), time_date(), text_date(), title_date];
    let [generic, time, text_day, _] = others;
    let shown =
        others.iter().flatten().find(|a| others.iter().flatten().filter(|b| a.day() == b.day()).count() >= 2).copied();
    let near = markup::shown_near_title(s.doc, month_first);
    let near_days: Vec<chrono::NaiveDate> =
        near.iter().filter_map(|n| date_in_text(&n.text, month_first)).map(|w| w.day()).collect();
    let chosen = match (declared_date, shown) {
        // Unless the headline shows other days than it (a teaser's `<time>` and its date class).
        (Some(d), Some(s)) if d.day() != s.day() && (near_days.is_empty() || near_days.contains(&s.day())) => Some(s),
        (d, _) => d,
    };
    // The day the page shows under its headline, unlabelled and the only one shown there,
    // beats a declared day of another date (a server's UTC stamp, a re-publication, the
    // JSON-LD of another article), unless the URL dates the page as declared.
    let unlabelled: Vec<When> =
        near.iter().filter(|n| !n.other).filter_map(|n| date_in_text(&n.text, month_first)).collect();
    let one_day = unlabelled.first().filter(|f| unlabelled.iter().all(|w| w.day() == f.day()));
    let url_day = url_date().map(|w| w.day());
    // A numeric day read in the other order (`12/04/2020`) that is the declared day is
    // that day, not another.
    let read_other_way = |day: chrono::NaiveDate| {
        near.iter().filter(|n| !n.other).any(|n| date_in_text(&n.text, !month_first).is_some_and(|w| w.day() == day))
    };
    let chosen = match (chosen, one_day) {
        (Some(c), Some(n)) if c.day() != n.day() && url_day != Some(c.day()) && !read_other_way(c.day()) => Some(*n),
        (c, _) => c,
    };
    // A UTC stamp of the instant another source declares in the page's own offset: that
    // offset, so the record keeps the calendar day the page shows.
    let declared_instants = || {
        s.ld.date_published
            .iter()
            .map(String::as_str)
            .chain(meta::DATE_KEYS.iter().flat_map(|k| m.all(k)))
            .chain(times.iter().map(|t| t.value.as_str()))
            .filter_map(|d| parse_declared(d, month_first))
    };
    let chosen = chosen.map(|c| in_local_offset(c, declared_instants()));
    chosen
        .or(generic)
        .or(time)
        .or(text_day)
        .or_else(|| markup::date_badges(s.doc, month_first).first().copied())
        // The date a reader sees under (or over) the headline, even one labelled as an
        // update: the page's own day when it declares none.
        .or_else(|| near.iter().find_map(|n| date_in_text(&n.text, month_first)))
        .or_else(url_date)
        .or_else(top_date)
        .or_else(|| {
            let texts = markup::short_texts_with_digits(s.doc);
            markup::labelled_dates(&texts)
                .iter()
                .find_map(|d| date_in_text(d, month_first))
                // The day it was last updated, where the page says no other.
                .or_else(|| markup::update_dates(&texts).iter().find_map(|d| date_in_text(d, month_first)))
        })
        // Last, a page that declares and shows no date: the publication its script data
        // names (a review's state blob, a framework's page data).
        .or_else(|| s.script_date.and_then(|d| parse_declared(d, month_first)))
        .or_else(|| declared().next())
}

/// Is `w` 1 January without a time (a year written as a date)?
fn year_only(w: &When) -> bool {
    use chrono::Datelike;
    matches!(w, When::Day(d) if d.month() == 1 && d.day() == 1)
}

/// `w` in the offset of another declaration of the same instant when `w` is a UTC
/// stamp (`2022-05-04T03:37:37Z` and a `<time datetime="2022-05-03T23:37:37-04:00">`).
fn in_local_offset(w: When, others: impl Iterator<Item = When>) -> When {
    let When::Instant(t) = w else { return w };
    if t.offset().local_minus_utc() != 0 {
        return w;
    }
    others
        .filter_map(|o| match o {
            When::Instant(l) if l == t && l.offset().local_minus_utc() != 0 => Some(When::Instant(l)),
            _ => None,
        })
        .next()
        .unwrap_or(w)
}

/// Does a page in language `lang` (`en-US`, `en_GB`) write `5/6/2020` month first? English
/// of the United States (and a bare `en`) does; English of Britain, India, Australia and
/// the other languages write the day first.
pub fn month_first(lang: &str) -> bool {
    let l = lang.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = l.split('-');
    let (language, region) = (parts.next().unwrap_or_default(), parts.next());
    let tag = match region {
        Some(r) => format!("{language}-{r}"),
        None => language.to_owned(),
    };
    crate::lexicon::MONTH_FIRST_LOCALES.words().contains(&tag.as_str())
}

/// Is `p` only a date (a date line left at the top of the body)?
pub fn is_date_line(p: &str, month_first: bool) -> bool {
    p.chars().count() <= 60 && date_in_text(p, month_first).is_some() && {
        let letters = p.chars().filter(|c| c.is_alphabetic()).count();
        letters <= 30
    }
}
