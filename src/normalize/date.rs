//! Date parsing: every date shape found in the inputs, to a [`When`].

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;

/// A publication time as precise as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Date and time with a known offset.
    Instant(DateTime<FixedOffset>),
    /// A wall-clock date and time whose offset the source does not state: the record
    /// gets it in the outlet's home offset when the outlet has one, else the day only
    /// with warning `date_offset_unknown` (SPEC v1.2: never an invented offset).
    Local(NaiveDateTime),
    /// Only the calendar day is known.
    Day(NaiveDate),
}

impl When {
    /// The calendar day (of an instant, in its own offset).
    pub fn day(&self) -> NaiveDate {
        match self {
            When::Instant(t) => t.date_naive(),
            When::Local(t) => t.date(),
            When::Day(d) => *d,
        }
    }
}

/// `YYYY-MM-DD[ T]HH:MM[:SS[.frac]]` with no offset.
static LOCAL_DATETIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
        .expect("static regex")
});

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`.
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})(?:[-/.]|\s*年\s*)(\d{1,2})(?:[-/.]|\s*月\s*)(\d{1,2})\s*日?$").expect("static regex")
});

const UTC: FixedOffset = match FixedOffset::east_opt(0) {
    Some(o) => o,
    None => unreachable!(),
};

/// A fixed offset from whole hours east of UTC (e.g. `hours(8)` is +08:00).
#[cfg(test)]
pub const fn hours(h: i32) -> FixedOffset {
    match FixedOffset::east_opt(h * 3600) {
        Some(o) => o,
        None => UTC,
    }
}

fn plausible(year: i32) -> bool {
    (1900..=2200).contains(&year)
}

/// Parse a date as found in front matter or a dateline. A time without an offset is
/// read in `assumed` (the outlet's home offset) when it is given, else it stays a
/// wall-clock time ([`When::Local`]).
pub fn parse(raw: &str, assumed: Option<FixedOffset>) -> Option<When> {
    let s = raw.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return plausible(chrono::Datelike::year(&t)).then_some(When::Instant(t));
    }
    // RFC 3339 with a space instead of `T`, or a `+0800` style offset.
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z")
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f %z"))
    {
        return plausible(chrono::Datelike::year(&t)).then_some(When::Instant(t));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return plausible(chrono::Datelike::year(&t)).then_some(When::Instant(t));
    }
    if let Some(c) = LOCAL_DATETIME.captures(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = c.get(1)?.as_str().parse::<i32>().ok()?;
        let date = NaiveDate::from_ymd_opt(year, num(2)?, num(3)?)?;
        let time = NaiveTime::from_hms_opt(num(4)?, num(5)?, num(6).unwrap_or(0))?;
        let local = NaiveDateTime::new(date, time);
        if !plausible(year) {
            return None;
        }
        return match assumed {
            Some(offset) => offset.from_local_datetime(&local).single().map(When::Instant),
            None => Some(When::Local(local)),
        };
    }
    if let Some(c) = DAY.captures(s) {
        let year = c.get(1)?.as_str().parse::<i32>().ok()?;
        let month = c.get(2)?.as_str().parse::<u32>().ok()?;
        let day = c.get(3)?.as_str().parse::<u32>().ok()?;
        let d = NaiveDate::from_ymd_opt(year, month, day)?;
        return plausible(year).then_some(When::Day(d));
    }
    None
}

/// [`parse`], then the RFC 822 dates feeds and mail write, read leniently: a wrong or
/// missing weekday, a two-digit year, no seconds, a zone name (`EST`, `GMT`, `HKT`: the
/// list `data/lexicon/time-zones.txt`) or a numeric offset with or without a colon. A
/// zone this does not know gives the wall-clock time read in `assumed`, as [`parse`]
/// does for a time without an offset.
pub fn parse_lenient(raw: &str, assumed: Option<FixedOffset>) -> Option<When> {
    parse(raw, assumed).or_else(|| rfc822(raw, assumed))
}

/// `[Tue,] 7 May [20]24 10:30[:00] [EDT|+0800|+08:00]`.
fn rfc822(raw: &str, assumed: Option<FixedOffset>) -> Option<When> {
    let s = raw.trim();
    // The weekday, written or wrong, carries nothing the date does not.
    let s = match s.split_once(',') {
        Some((day, rest)) if day.trim().chars().all(char::is_alphabetic) => rest,
        _ => s,
    };
    let mut words = s.split_whitespace();
    let mut first = words.next()?;
    if first.chars().all(char::is_alphabetic) && first.len() >= 3 && !is_month(first) {
        first = words.next()?;
    }
    let (day, month) = if is_month(first) { (words.next()?, first) } else { (first, words.next()?) };
    let day: u32 = day.trim_end_matches(',').parse().ok()?;
    let year: i32 = match words.next()?.trim_end_matches(',') {
        y if y.len() == 2 => y.parse::<i32>().ok().map(|y| if y < 50 { 2000 + y } else { 1900 + y })?,
        y => y.parse().ok()?,
    };
    let month = month_number(month)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let Some(time) = words.next() else { return plausible(year).then_some(When::Day(date)) };
    let mut hms = time.split(':').map(|p| p.parse::<u32>().ok());
    let (h, m) = (hms.next()??, hms.next()??);
    let sec = hms.next().flatten().unwrap_or(0);
    let time = NaiveTime::from_hms_opt(h, m, sec)?;
    let local = NaiveDateTime::new(date, time);
    let offset = match words.next() {
        None => None,
        Some(zone) => zone_offset(zone),
    };
    let t = match offset.or(assumed) {
        Some(off) => off.from_local_datetime(&local).single()?,
        None => UTC.from_local_datetime(&local).single()?,
    };
    plausible(year).then_some(When::Instant(t))
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    let head = w.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == head)?;
    u32::try_from(i + 1).ok()
}

fn is_month(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic) && month_number(word).is_some()
}

/// `+0800`, `-05:00`, `GMT+8`, or a zone name of the lexicon.
fn zone_offset(zone: &str) -> Option<FixedOffset> {
    let z = zone.trim_matches(|c| c == '(' || c == ')');
    let numeric = |s: &str| -> Option<FixedOffset> {
        let (sign, rest) = match s.as_bytes().first()? {
            b'+' => (1, s.get(1..)?),
            b'-' => (-1, s.get(1..)?),
            _ => return None,
        };
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            4 => (digits.get(..2)?.parse::<i32>().ok()?, digits.get(2..)?.parse::<i32>().ok()?),
            _ => return None,
        };
        (h <= 23 && m <= 59).then(|| FixedOffset::east_opt(sign * (h * 3600 + m * 60))).flatten()
    };
    if let Some(off) = numeric(z) {
        return Some(off);
    }
    let upper = z.to_ascii_uppercase();
    for prefix in ["GMT", "UTC", "UT"] {
        if let Some(rest) = upper.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return numeric(rest);
        }
    }
    crate::lexicon::TIME_ZONES.words().iter().find_map(|line| {
        let (name, offset) = line.split_once(' ')?;
        (name == upper).then(|| numeric(offset.trim())).flatten()
    })
}

/// Milliseconds since the Unix epoch, as in the Jekyll mirror's `<!--1619220842000-->`.
pub fn from_epoch_ms(ms: i64) -> Option<When> {
    let t = Utc.timestamp_millis_opt(ms).single()?;
    plausible(chrono::Datelike::year(&t)).then(|| When::Instant(t.fixed_offset()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(w: Option<When>) -> String {
        match w {
            Some(When::Instant(t)) => t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            Some(When::Local(t)) => format!("{} (offset unknown)", t.format("%Y-%m-%dT%H:%M:%S")),
            Some(When::Day(d)) => d.to_string(),
            None => "none".into(),
        }
    }

    #[test]
    fn rfc3339_with_millis() {
        assert_eq!(show(parse("2021-04-23T23:34:02.000Z", None)), "2021-04-23T23:34:02+00:00");
        assert_eq!(show(parse("2020-01-07T08:09:22+01:00", None)), "2020-01-07T08:09:22+01:00");
    }

    #[test]
    fn local_times_use_the_assumed_offset() {
        assert_eq!(show(parse("2024-04-26 10:45", Some(hours(8)))), "2024-04-26T10:45:00+08:00");
        // No offset stated and none assumed: a wall-clock time, not UTC.
        assert_eq!(show(parse("2020-10-28 11:41:09", None)), "2020-10-28T11:41:09 (offset unknown)");
        assert_eq!(show(parse("2024-05-07T10:45:12", None)), "2024-05-07T10:45:12 (offset unknown)");
        assert_eq!(show(parse("2024-05-07T10:45:12Z", None)), "2024-05-07T10:45:12+00:00");
    }

    #[test]
    fn days() {
        assert_eq!(show(parse("\"2021-11-16\"", None)), "2021-11-16");
        assert_eq!(show(parse("2021/1/6", None)), "2021-01-06");
        assert_eq!(show(parse("2021年1月6日", None)), "2021-01-06");
        assert_eq!(show(parse("2021-02-30", None)), "none");
    }

    #[test]
    fn rfc2822() {
        assert_eq!(show(parse("Fri, 16 Apr 2021 13:10:37 GMT", None)), "2021-04-16T13:10:37+00:00");
    }

    #[test]
    fn feed_dates_with_zone_names_and_odd_shapes() {
        let p = |s| show(parse_lenient(s, None));
        assert_eq!(p("Tue, 07 May 2024 10:30:00 EDT"), "2024-05-07T10:30:00-04:00");
        // A wrong weekday, no seconds, a zone name RFC 822 does not have.
        assert_eq!(p("Mon, 7 May 2024 10:30 HKT"), "2024-05-07T10:30:00+08:00");
        assert_eq!(p("7 May 24 10:30:15 +0530"), "2024-05-07T10:30:15+05:30");
        assert_eq!(p("Tuesday, 07 May 2024 10:30:00 GMT+8"), "2024-05-07T10:30:00+08:00");
        assert_eq!(p("07 May 2024"), "2024-05-07");
        assert_eq!(p("2024-05-07T10:30:00+02:00"), "2024-05-07T10:30:00+02:00");
        assert_eq!(show(parse_lenient("Tue, 07 May 2024 10:30:00 XYZ", Some(hours(8)))), "2024-05-07T10:30:00+08:00");
        assert_eq!(p("yesterday"), "none");
        assert_eq!(p("Tue, 31 Feb 2024 10:30:00 GMT"), "none");
    }

    #[test]
    fn garbage_and_epoch() {
        assert_eq!(show(parse("yesterday", None)), "none");
        assert_eq!(show(parse("0001-01-01", None)), "none");
        assert_eq!(show(from_epoch_ms(1619220842000)), "2021-04-23T23:34:02+00:00");
        assert_eq!(show(from_epoch_ms(i64::MAX)), "none");
    }
}
