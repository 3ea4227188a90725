//! Dates as pages write them: date lines (`31. Mai 2012`, `May 31, 2012`, `26 May, 2008`, `31.05.2012`,
//! `5/6/2020`, `2012年5月31日`), declared values (`2020-01-02T03:04:05+01:00`, a day without
//! an offset), and dates in URLs (`/2012/05/31/`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::lexicon;
use crate::normalize::date::{self, When};

/// The month names of the lexicon, with their numbers.
static MONTHS: LazyLock<Vec<(&'static str, u32)>> = LazyLock::new(|| {
    lexicon::MONTHS
        .words()
        .iter()
        .filter_map(|e| e.rsplit_once(' ').and_then(|(name, k)| Some((name, k.parse().ok()?))))
        .collect()
});

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|(_, k)| *k)
}

/// A month's name: Latin letters (with the accents of the month names above) or
/// Cyrillic; a small class, as `\p{L}{3,10}` would compile to a large automaton.
const MONTH_RE: &str = r"[A-Za-zäéèûçÄÉ\x{0400}-\x{04FF}]{3,10}\.?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?").expect("static regex")
});
/// `31.05.2012`, `31. 5. 2012`, and `26 | 01 | 2022` (a date line of themes that part
/// day, month and year with bars).
static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{1,2})(?:\.\s?|\s\|\s)(\d{1,2})(?:\.\s?|\s\|\s)((?:19|20)\d\d)\b").expect("static regex")
});
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b").expect("static regex"));
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?({MONTH_RE}),?\s+(?:de\s+)?((?:19|20)\d\d)\b"
    ))
    .expect("static regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")).expect("static regex")
});
static CJK_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("static regex"));
/// `23.09.22`: a two-digit year (two-digit day and month), read only in a line that is the date and only where no other
/// form is found (a version number such as `1.2.3` has a one-digit part or more parts).
static NUMERIC_DMY_SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.])(\d\d)\.(\d\d)\.(\d\d)(?:$|[^\d.]|\.(?:$|\D))").expect("static regex"));
/// `26/10/13`, `5/6/20`: a two-digit year after a slashed day and month (a forum's post line
/// `von lupa am 26/10/13, 03:48 pm`), read as [`NUMERIC_DMY_SHORT`] is, and only where the
/// page writes the day first (read month first, on US-English pages it lost more than
/// it won: `12/11/25` above a headline beside a declared day of another date).
static SLASHED_SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d\d)(?:$|[^\d/])").expect("static regex"));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_+]|$)|/((?:19|20)\d\d)(\d\d)(\d\d)/|/(\d\d)-(\d\d)-((?:19|20)\d\d)(?:/|[-_.+]|$)",
    )
    .expect("static regex")
});

fn day(y: &str, m: u32, d: &str) -> Option<When> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).map(When::Day)
}

/// The first date written in `s` (a date line, a byline), a day unless an ISO time
/// comes with it. `month_first` reads `5/6/2020` as May 6 (English pages).
pub fn date_in_text(s: &str, month_first: bool) -> Option<When> {
    // Every form has a year.
    if s.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    let mut found: Vec<(usize, When)> = Vec::new();
    if let Some(c) = ISO.captures(s)
        && let Some(m) = c.get(0)
    {
        let w = date::parse(m.as_str(), None).filter(|_| c.get(4).is_some()).or_else(|| {
            let mo = c.get(2)?.as_str().parse().ok()?;
            day(c.get(1)?.as_str(), mo, c.get(3)?.as_str())
        });
        if let Some(w) = w {
            found.push((m.start(), w));
        }
    }
    if (s.contains('.') || s.contains('|'))
        && let Some(c) = NUMERIC_DMY.captures(s)
        && let (Some(m), Some(mo)) = (c.get(0), c.get(2).and_then(|x| x.as_str().parse().ok()))
        && let Some(w) = day(c.get(3).map_or("", |x| x.as_str()), mo, c.get(1).map_or("", |x| x.as_str()))
    {
        found.push((m.start(), w));
    }
    let slash = s.contains('/');
    if slash
        && let Some(c) = SLASHED.captures(s)
        && let Some(m) = c.get(0)
        && let Some(w) = slashed(&c, month_first, false)
    {
        found.push((m.start(), w));
    }
    for c in DAY_MONTH_YEAR.captures_iter(s) {
        if let (Some(m), Some(mo)) = (c.get(0), c.get(2).and_then(|x| month(x.as_str())))
            && let Some(w) = day(c.get(3).map_or("", |x| x.as_str()), mo, c.get(1).map_or("", |x| x.as_str()))
        {
            found.push((m.start(), w));
            break;
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(s) {
        if let (Some(m), Some(mo)) = (c.get(0), c.get(1).and_then(|x| month(x.as_str())))
            && let Some(w) = day(c.get(3).map_or("", |x| x.as_str()), mo, c.get(2).map_or("", |x| x.as_str()))
        {
            found.push((m.start(), w));
            break;
        }
    }
    if let Some(c) = CJK_DATE.captures(s)
        && let (Some(m), Some(mo)) = (c.get(0), c.get(2).and_then(|x| x.as_str().parse().ok()))
        && let Some(w) = day(c.get(1).map_or("", |x| x.as_str()), mo, c.get(3).map_or("", |x| x.as_str()))
    {
        found.push((m.start(), w));
    }
    // Only in a line that is the date (`Datum: 23.09.22`, `23.09.22, 14:00 Uhr`), not a
    // range of an event's days or a title with a date in it.
    if found.is_empty()
        && s.contains('.')
        && s.chars().count() <= 40
        && s.chars().filter(|c| c.is_alphabetic()).count() <= 12
        && NUMERIC_DMY_SHORT.find_iter(s).count() == 1
        && let Some(c) = NUMERIC_DMY_SHORT.captures(s)
        && let Some(mo) = c.get(2).and_then(|x| x.as_str().parse().ok())
    {
        let year = c.get(3).map_or(String::new(), |y| format!("20{}", y.as_str()));
        return day(&year, mo, c.get(1).map_or("", |x| x.as_str()));
    }
    if found.is_empty()
        && slash
        && !month_first
        && s.chars().count() <= 40
        && s.chars().filter(|c| c.is_alphabetic()).count() <= 12
        && SLASHED_SHORT.find_iter(s).count() == 1
        && let Some(c) = SLASHED_SHORT.captures(s)
    {
        return slashed(&c, month_first, true);
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, w)| w)
}

/// The day of a slashed date's captures (day or month, month or day, year): month first
/// where `month_first` and the first part can be a month; a two-digit year (`short_year`)
/// is of this century.
fn slashed(c: &regex::Captures, month_first: bool, short_year: bool) -> Option<When> {
    let (a, b) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let (an, bn): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let (mo, d) = if an > 12 || (!month_first && bn <= 12) { (bn, a) } else { (an, b) };
    let y = c.get(3)?.as_str();
    day(&if short_year { format!("20{y}") } else { y.to_owned() }, mo, d)
}

/// A key of script data naming a publication and its ISO date value (`"publishedDate":
/// "2016-11-04T20:37:27Z"`, also escaped in a string: `\"publicationDate\":\"2022-…\"`).
static DATA_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\\?"([A-Za-z_]*[Pp]ubli(?:sh|cation)[A-Za-z_]*)\\?"\s*:\s*\\?"((?:19|20)\d\d-\d\d-\d\d(?:[T ][0-9:.+\-Z]{0,30})?)\\?""#)
        .expect("static regex")
});

/// The first publication date that script data (not JSON-LD) names, as written: the key
/// names a publication ([`crate::page::meta::names_publication`]) and the value is an
/// ISO day, with or without a time.
pub fn publication_in_data(script: &str) -> Option<String> {
    // Most scripts name no publication: one search for the letters every such key has.
    if !script.contains("ubli") {
        return None;
    }
    DATA_DATE.captures_iter(script).find_map(|c| {
        let key = c.get(1)?.as_str().to_ascii_lowercase();
        crate::page::meta::names_publication(&key).then(|| c.get(2).map(|v| v.as_str().to_owned())).flatten()
    })
}

/// A text that names a date other than the publication: an update, an expiry, a
/// copyright.
pub fn is_other_date(s: &str) -> bool {
    let l = s.to_lowercase();
    lexicon::OTHER_DATE_WORDS.words().iter().any(|w| l.contains(w))
}

/// The date in a URL path (`/2012/05/31/`, `/2012-05-31-`, `/20120531/`,
/// `/2012-05-31+Title`), also where the path is percent-encoded (`%2F2012-05-31%2B`).
pub fn date_in_url(url: &str) -> Option<When> {
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    let c = URL_DATE.captures(&decoded)?;
    let (y, m, d) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(y), Some(m), Some(d), _) => (y, m, d),
        (_, _, _, Some(y)) => (y, c.get(5)?, c.get(6)?),
        // `/29-10-2021`: day first.
        _ => (c.get(9)?, c.get(8)?, c.get(7)?),
    };
    day(y.as_str(), m.as_str().parse().ok()?, d.as_str())
}

/// A declared date (`2020-01-02T03:04:05+01:00`, `2020-01-02`, `Thu, 02 Jan 2020 …`), or
/// one written out.
pub fn parse_declared(raw: &str, month_first: bool) -> Option<When> {
    let s = raw.trim();
    static NO_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$").expect("static regex")
    });
    // A wall-clock time (no offset stated): the record takes the outlet's home offset,
    // or the day only with `date_offset_unknown` (never an invented offset).
    if NO_OFFSET.is_match(s) {
        return date::parse(s, None);
    }
    if let Some(w) = date::parse(s, None) {
        return Some(w);
    }
    // `2020-01-02T03:04` and `2020-01-02T03:04:05` without an offset: the day is known,
    // the offset is not (never invent one).
    if let Some(c) = ISO.captures(s)
        && c.get(0).is_some_and(|m| m.start() == 0)
    {
        let rest = s.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or_default();
        let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
        if let Some(off) = offset(rest)
            && let (Some(h), Some(mi)) = (c.get(4), c.get(5))
        {
            let sec = c.get(6).map_or("00", |x| x.as_str());
            let full = format!(
                "{}-{}-{}T{}:{}:{}{}",
                c.get(1).map_or("", |x| x.as_str()),
                c.get(2).map_or("", |x| x.as_str()),
                c.get(3).map_or("", |x| x.as_str()),
                h.as_str(),
                mi.as_str(),
                sec,
                off
            );
            if let Some(w) = date::parse(&full, None) {
                return Some(w);
            }
        }
        let mo = c.get(2)?.as_str().parse().ok()?;
        return day(c.get(1)?.as_str(), mo, c.get(3)?.as_str());
    }
    date_in_text(s, month_first)
}

/// `+0100`, `+01:00`, `Z` at the start of `s`, as `+01:00`.
fn offset(s: &str) -> Option<String> {
    let s = s.trim();
    if s == "Z" || s == "z" {
        return Some("+00:00".into());
    }
    let sign = s.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits: String = s.chars().skip(1).filter(char::is_ascii_digit).collect();
    if digits.len() != 4 || s.len() > 6 {
        return None;
    }
    Some(format!("{sign}{}:{}", digits.get(..2)?, digits.get(2..)?))
}

/// A date as the record writes it, `none` for none (for tests).
#[cfg(test)]
pub(crate) fn show(w: Option<When>) -> String {
    match w {
        Some(When::Instant(t)) => t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Some(When::Local(t)) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        Some(When::Day(d)) => d.to_string(),
        None => "none".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_has_names_and_every_name_a_month() {
        assert_eq!(MONTHS.len(), lexicon::MONTHS.words().len(), "an entry without `name number`");
        for k in 1..=12 {
            assert!(MONTHS.iter().filter(|(_, m)| *m == k).count() >= 4, "month {k}");
        }
        assert!(MONTHS.iter().all(|(name, m)| (1..=12).contains(m) && *name == name.to_lowercase()));
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("декабря"), Some(12));
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(show(date_in_text("Veröffentlicht am 31. Mai 2012 um 10:00", false)), "2012-05-31");
        assert_eq!(show(date_in_text("Posted on May 31st, 2012 by admin", true)), "2012-05-31");
        assert_eq!(show(date_in_text("31.05.2012", false)), "2012-05-31");
        assert_eq!(show(date_in_text("Erstellt am09.02.2022", false)), "2022-02-09");
        assert_eq!(show(date_in_text("5/6/2020", true)), "2020-05-06");
        assert_eq!(show(date_in_text("5/6/2020", false)), "2020-06-05");
        assert_eq!(show(date_in_text("le 3 février 2019", false)), "2019-02-03");
        assert_eq!(show(date_in_text("12 de marzo de 2020", false)), "2020-03-12");
        assert_eq!(show(date_in_text("15 августа 2016, 13:43", false)), "2016-08-15");
        assert_eq!(show(date_in_text("2021年4月24日 07:34", false)), "2021-04-24");
        assert_eq!(show(date_in_text("Datum: 03.11.2021", false)), "2021-11-03");
        assert_eq!(show(date_in_text("23 mai 2019", false)), "2019-05-23");
        assert_eq!(show(date_in_text("24. April 2020", false)), "2020-04-24");
        // A comma after the month (blog themes' `26 May, 2008 | author | comments`).
        assert_eq!(show(date_in_text("26 Mai, 2008 |  ThE_PaiN  |  Kommentare 34", false)), "2008-05-26");
        assert_eq!(show(date_in_text("26 May, 2008", true)), "2008-05-26");
        assert_eq!(show(date_in_text("Datum: 23.09.22", false)), "2022-09-23");
        assert_eq!(show(date_in_text("23.09.22, 14:00 Uhr", false)), "2022-09-23");
        // A slashed two-digit year in a post line, in the page language's order.
        assert_eq!(show(date_in_text("von lupa am 26/10/13, 03:48 pm", false)), "2013-10-26");
        assert_eq!(show(date_in_text("Posted 5/6/20 by ann", true)), "none");
        assert_eq!(show(date_in_text("Posted 5/6/20 by ann", false)), "2020-06-05");
        assert_eq!(show(date_in_text("1/2/3/45", false)), "none");
        // Day, month and year parted by bars.
        assert_eq!(show(date_in_text("26 | 01 | 2022", false)), "2022-01-26");
        // Not a version, a range of an event's days, or a title with a date in it.
        assert_eq!(show(date_in_text("Version 10.12.22.1", false)), "none");
        assert_eq!(show(date_in_text("12.01.26 — 10.04.26", false)), "none");
        assert_eq!(show(date_in_text("Das Magazin am 01.07.17 (Day of the Podcast)", false)), "none");
        assert_eq!(show(date_in_text("no date here", false)), "none");
        assert!(is_other_date("Aktualisiert am 3. Mai 2020"));
        assert!(is_other_date("© 2020 Verlag"));
    }

    #[test]
    fn declared_dates_keep_offsets_and_days() {
        assert_eq!(show(parse_declared("2020-01-02T03:04:05+01:00", false)), "2020-01-02T03:04:05+01:00");
        assert_eq!(show(parse_declared("2020-01-02T03:04:05+0100", false)), "2020-01-02T03:04:05+01:00");
        assert_eq!(show(parse_declared("2020-01-02", false)), "2020-01-02");
        // No offset: a wall-clock time (the record gives the day only, or the outlet's home
        // offset), no invented time zone.
        assert_eq!(show(parse_declared("2020-01-02T03:04:05", false)), "2020-01-02T03:04:05");
        assert_eq!(show(parse_declared("2020-01-02T03:04:05.123Z", false)), "2020-01-02T03:04:05+00:00");
    }

    #[test]
    fn publication_dates_in_script_data() {
        let blob = r#"{"createdAt":"2022-01-31T15:58:43+01:00","updatedPublishedAt":"2022-02-01","publicationDate":"2022-01-31T14:27:32+01:00"}"#;
        assert_eq!(publication_in_data(blob).as_deref(), Some("2022-01-31T14:27:32+01:00"));
        let escaped = r#"push([1,"{\"publishedDate\":\"2016-11-04T20:37:27Z\"}"])"#;
        assert_eq!(publication_in_data(escaped).as_deref(), Some("2016-11-04T20:37:27Z"));
        // A value that is no date, a date under another key: none.
        assert_eq!(publication_in_data(r#"{"publisher":"2016-11-04 Media","date":"2016-11-04"}"#), None);
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(show(date_in_url("https://x.org/luebeck/2012/05/31/das-ministerium/")), "2012-05-31");
        assert_eq!(show(date_in_url("https://x.org/2019-12-16-title")), "2019-12-16");
        assert_eq!(show(date_in_url("https://x.org/news/20190102/a.html")), "2019-01-02");
        assert_eq!(show(date_in_url("https://x.org/meldungen/29-10-2021")), "2021-10-29");
        assert_eq!(show(date_in_url("https://x.org/2019/13/45/")), "none");
        assert_eq!(show(date_in_url("https://x.org/a/b")), "none");
        // A percent-encoded path, a title joined with `+`.
        assert_eq!(show(date_in_url("https://x.org%2Farticles%2F2025-12-15%2BRust%2Bbackend")), "2025-12-15");
        assert_eq!(show(date_in_url("https://x.org/a/2025-12-15+Title+words")), "2025-12-15");
    }
}
