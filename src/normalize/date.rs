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
    fn garbage_and_epoch() {
        assert_eq!(show(parse("yesterday", None)), "none");
        assert_eq!(show(parse("0001-01-01", None)), "none");
        assert_eq!(show(from_epoch_ms(1619220842000)), "2021-04-23T23:34:02+00:00");
        assert_eq!(show(from_epoch_ms(i64::MAX)), "none");
    }
}
