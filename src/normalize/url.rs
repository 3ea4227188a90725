//! URL normalising: absolute http(s), percent-encoded, archive and proxy wrappers
//! removed, path segments of lost characters dropped.

use std::sync::LazyLock;

use regex::Regex;

/// Characters that may not appear raw in a URL (besides non-ASCII, always encoded):
/// controls, space and `"<>`{}|\\^`.
fn is_unsafe(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7F | b' ' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^')
}

/// `https://web.archive.org/web/20220117161412im_/https://host/...`, with or without the
/// archive host (body links are often host-less: `/web/<ts>/https://...`): the part up to
/// the wrapped URL, so that matching does not walk the (often long) wrapped URL.
static WAYBACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:https?:)?//(?:web\.)?archive\.org)?/web/(\d{1,14})([a-z]{2}_)?/+").expect("static regex")
});
/// A capture URL's timestamp, modifier (`im_`) and wrapped URL: the wrapped URL is the
/// rest of the line (`(.+)$` after a greedy `/+`), so at least one character and no
/// line break; when the slashes run to the end, it is the last of them.
fn split_archive(raw: &str) -> Option<(&str, &str, &str)> {
    let caps = WAYBACK.captures(raw)?;
    let ts = caps.get(1)?.as_str();
    let modifier = caps.get(2).map_or("", |m| m.as_str());
    let head_end = caps.get(0)?.end();
    let rest = raw.get(head_end..)?;
    if rest.is_empty() {
        let slashes = raw.get(..head_end)?.bytes().rev().take_while(|&b| b == b'/').count();
        return if slashes >= 2 { Some((ts, modifier, raw.get(head_end - 1..)?)) } else { None };
    }
    if rest.contains('\n') {
        return None;
    }
    Some((ts, modifier, rest))
}

/// A link made absolute against `base` (RFC 3986 reference resolution: `../a`, `?q`,
/// `//host/a`, `/a`). An absolute http(s) link is returned as it is; `None` when the
/// link is empty or cannot be resolved (no absolute base, not a URI reference).
pub fn resolve(link: &str, base: Option<&str>) -> Option<String> {
    use iri_string::types::{IriAbsoluteStr, IriReferenceStr};
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(link.to_owned());
    }
    let base = base?.trim();
    let base = base.split_once('#').map_or(base, |(b, _)| b);
    let base = IriAbsoluteStr::new(base).ok()?;
    // A space is not allowed in a reference, but scraped links have them.
    let link = link.replace(' ', "%20");
    let reference = IriReferenceStr::new(&link).ok()?;
    Some(reference.resolve_against(base).to_string())
}

/// A URL after [`canonical`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanUrl {
    pub url: String,
    /// Path segments of lost characters (U+FFFD) were dropped.
    pub lossy: bool,
}

/// An archive capture split into the original URL and the capture URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwrapped {
    pub original: String,
    pub capture: String,
}

/// If `raw` is a Wayback Machine capture URL, return the original it wraps and the full
/// capture URL (made absolute).
pub fn unwrap_archive(raw: &str) -> Option<Unwrapped> {
    let (ts, modifier, inner) = split_archive(raw.trim())?;
    let mut inner = inner.to_owned();
    // `http:/host` (one slash, as some archives store it) becomes `http://host`.
    for scheme in ["https:/", "http:/"] {
        if inner.len() > scheme.len()
            && inner.get(..scheme.len()).is_some_and(|p| p.eq_ignore_ascii_case(scheme))
            && !inner[scheme.len()..].starts_with('/')
        {
            inner.insert(scheme.len(), '/');
        }
    }
    if !(inner.starts_with("http://") || inner.starts_with("https://")) {
        inner.insert_str(0, "http://");
    }
    Some(Unwrapped { capture: format!("https://web.archive.org/web/{ts}{modifier}/{inner}"), original: inner })
}

/// If `raw` goes through an image proxy (`images.weserv.nl/?url=host/path`), return the
/// proxied URL.
pub fn unproxy_image(raw: &str) -> Option<String> {
    let rest = raw
        .trim()
        .strip_prefix("https://images.weserv.nl")
        .or_else(|| raw.trim().strip_prefix("http://images.weserv.nl"))
        .or_else(|| raw.trim().strip_prefix("//images.weserv.nl"))?;
    let query = rest.trim_start_matches('/').strip_prefix('?')?;
    let target = query.split('&').find_map(|kv| kv.strip_prefix("url="))?;
    let target = percent_encoding::percent_decode_str(target).decode_utf8().ok()?;
    let target = target.trim();
    if target.is_empty() {
        return None;
    }
    if target.starts_with("http://") || target.starts_with("https://") {
        Some(target.to_owned())
    } else if let Some(t) = target.strip_prefix("ssl:") {
        Some(format!("https://{t}"))
    } else {
        Some(format!("https://{}", target.trim_start_matches('/')))
    }
}

fn is_lost_segment(seg: &str) -> bool {
    const LOST: &[u8] = b"%EF%BF%BD";
    seg.contains('\u{FFFD}') || seg.as_bytes().windows(LOST.len()).any(|w| w.eq_ignore_ascii_case(LOST))
}

/// Encode what may not stand raw in a URL (non-ASCII bytes and [`is_unsafe`] ones, as
/// `%XX`); keep existing `%XX` escapes, and encode a `%` not followed by two hex
/// digits as `%25`. One pass; nothing is copied twice.
fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = s.as_bytes();
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape_ok = || bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let keep = if b == b'%' { escape_ok() } else { b.is_ascii() && !is_unsafe(b) };
        if keep {
            continue;
        }
        out.push_str(s.get(run_start..i).unwrap_or_default());
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
}

/// Normalise a URL: trim, make absolute `http(s)` (a scheme-less `//host` gets https),
/// percent-encode unsafe and non-ASCII characters, lower-case the host, drop path
/// segments containing lost characters. `None` when it is not an http(s) URL.
pub fn canonical(raw: &str) -> Option<CleanUrl> {
    let raw = raw.trim();
    let (scheme, rest) = if let Some(r) = strip_prefix_ci(raw, "https://") {
        ("https", r)
    } else if let Some(r) = strip_prefix_ci(raw, "http://") {
        ("http", r)
    } else if let Some(r) = raw.strip_prefix("//") {
        ("https", r)
    } else {
        return None;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(host_end);
    let host = canonical_host(host)?;
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, suffix) = tail.split_at(path_end);

    let mut lossy = false;
    let mut kept: Vec<&str> = Vec::new();
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 && is_lost_segment(seg) {
            lossy = true;
            continue;
        }
        kept.push(seg);
    }
    let mut path = kept.join("/");
    if lossy {
        // `.../47751/<lost>` leaves `.../47751`, not `.../47751/`.
        while path.len() > 1 && path.ends_with('/') {
            path.pop();
        }
    }
    // `#new_tab`: a feed's marker for links that open in a new tab, not part of the
    // address.
    let suffix = suffix.strip_suffix("#new_tab").unwrap_or(suffix);
    let suffix = if is_lost_segment(suffix) {
        lossy = true;
        ""
    } else {
        suffix
    };
    let mut url = String::with_capacity(scheme.len() + 3 + host.len() + path.len() + suffix.len() + 16);
    url.push_str(scheme);
    url.push_str("://");
    url.push_str(&host);
    encode(&path, &mut url);
    encode(suffix, &mut url);
    Some(CleanUrl { url, lossy })
}

/// A host (with optional userinfo and port) lower-cased, with non-ASCII labels in
/// their IDNA ASCII form (`中文.tw` -> `xn--fiq228c.tw`). `None` when it is empty or
/// holds what no host may: whitespace, controls, lost characters (U+FFFD), `%`, quotes,
/// brackets of markup.
fn canonical_host(host: &str) -> Option<String> {
    let forbidden = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{FFFD}' | '%' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '}' | '|')
    };
    if host.is_empty() || host.contains(forbidden) {
        return None;
    }
    if host.is_ascii() {
        return Some(host.to_ascii_lowercase());
    }
    // IDNA dots (UTS #46 maps the ideographic and full-width full stops to `.`).
    let host: String = host.chars().map(|c| if matches!(c, '。' | '．' | '｡') { '.' } else { c }).collect();
    let mut out = String::with_capacity(host.len() + 8);
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let label = label.to_lowercase();
        if label.is_ascii() {
            out.push_str(&label);
        } else {
            out.push_str("xn--");
            out.push_str(&punycode(&label)?);
        }
    }
    Some(out)
}

/// Punycode (RFC 3492) of one label.
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + 38)
    }
    fn digit(d: u32) -> Option<char> {
        let d = u8::try_from(d).ok()?;
        Some(char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 }))
    }
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(out.len()).ok()?;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (128u32, 0u32, 72u32, basic);
    let total = u32::try_from(input.len()).ok()?;
    while handled < total {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t))?);
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q)?);
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) { s.get(prefix.len()..) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_wayback_with_and_without_host() {
        let u = unwrap_archive("https://web.archive.org/web/20220117161412/https://hkcnews.com/article/1/x").unwrap();
        assert_eq!(u.original, "https://hkcnews.com/article/1/x");
        assert_eq!(u.capture, "https://web.archive.org/web/20220117161412/https://hkcnews.com/article/1/x");
        let u = unwrap_archive("/web/20210629151043im_/https://www.hkcnews.com/a.jpg").unwrap();
        assert_eq!(u.original, "https://www.hkcnews.com/a.jpg");
        assert_eq!(u.capture, "https://web.archive.org/web/20210629151043im_/https://www.hkcnews.com/a.jpg");
        assert!(unwrap_archive("https://hkcnews.com/article/1").is_none());
    }

    #[test]
    fn drops_lost_segments() {
        let c = canonical("https://hkcnews.com/article/47751/%EF%BF%BD%EF%BF%BD-%EF%BF%BD-47751/%EF%BF%BD%EF%BF%BD")
            .unwrap();
        assert_eq!(c.url, "https://hkcnews.com/article/47751");
        assert!(c.lossy);
        let c = canonical("https://hkcnews.com/article/1/ok-1").unwrap();
        assert!(!c.lossy);
    }

    #[test]
    fn encodes_spaces_and_non_ascii_keeps_escapes() {
        let c = canonical("https://www.dw.com/zh/重新 倒數/a-1?q=%E6%B8").unwrap();
        assert_eq!(c.url, "https://www.dw.com/zh/%E9%87%8D%E6%96%B0%20%E5%80%92%E6%95%B8/a-1?q=%E6%B8");
        assert_eq!(canonical("http://x.org/100%").unwrap().url, "http://x.org/100%25");
    }

    use percent_encoding::{AsciiSet, CONTROLS};

    /// The unsafe set as first written, for the percent-encoding crate.
    const UNSAFE: &AsciiSet =
        &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}').add(b'|').add(b'\\').add(b'^');

    /// Encoding as first written, with the percent-encoding crate, for comparison.
    fn reference_encode(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for (i, part) in s.split('%').enumerate() {
            if i > 0 {
                let ok = part.len() >= 2 && part.as_bytes().iter().take(2).all(u8::is_ascii_hexdigit);
                out.push_str(if ok { "%" } else { "%25" });
            }
            out.extend(percent_encoding::utf8_percent_encode(part, UNSAFE));
        }
        out
    }

    /// The archive pattern as first written, the wrapped URL captured by the regex.
    fn reference_unwrap(raw: &str) -> Option<(String, String, String)> {
        static FULL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?i:(?:https?:)?//(?:web\.)?archive\.org)?/web/(\d{1,14})([a-z]{2}_)?/+(.+)$").unwrap()
        });
        let c = FULL.captures(raw.trim())?;
        let part = |i: usize| c.get(i).map_or(String::new(), |m| m.as_str().to_owned());
        Some((part(1), part(2), part(3)))
    }

    fn pick(options: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(options)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        #[test]
        fn archive_split_is_the_full_pattern(
            prefix in pick(&["", "https://web.archive.org", "HTTP://Archive.ORG", "//web.archive.org", "x", "httpſ://web.archive.org", " "]),
            web in pick(&["/web/", "/WEB/", "web/", "/web"]),
            ts in pick(&["", "2022", "0117161412", "012345678901234", "１２", "20220117161412"]),
            modifier in pick(&["", "im_", "IM_", "ab", "_", "abc_"]),
            slashes in pick(&["", "/", "//", "///"]),
            rest in pick(&["", "https://x.org/a", "http:/x.org", "a\nb", "\n", " x ", "中", "/"]),
        ) {
            let raw = [prefix, web, ts, modifier, slashes, rest].concat();
            let got = split_archive(raw.trim()).map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
            proptest::prop_assert_eq!(got, reference_unwrap(&raw), "{:?}", raw);
        }
    }

    #[test]
    fn every_ascii_byte_is_encoded_as_before() {
        for b in 0..128u8 {
            let s = char::from(b).to_string();
            let mut out = String::new();
            encode(&s, &mut out);
            assert_eq!(out, reference_encode(&s), "byte {b:#04x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn encoding_is_the_reference(parts in proptest::collection::vec(proptest::sample::select(vec![
            "%", "%2", "%2F", "%ef", "%EF%BF%BD", "%%41", "a", "/", "?", "&", "=", " ", "\"", "<", ">", "`", "{", "}",
            "|", "\\", "^", "\u{7f}", "\t", "\u{1}", "中", "é", "\u{FFFD}", "~", "#", "+", ":", "Z9",
        ]), 0..24)) {
            let s = parts.concat();
            let mut out = String::new();
            encode(&s, &mut out);
            proptest::prop_assert_eq!(out, reference_encode(&s));
            proptest::prop_assert_eq!(
                is_lost_segment(&s),
                s.contains('\u{FFFD}') || s.to_ascii_uppercase().contains("%EF%BF%BD")
            );
        }
    }

    #[test]
    fn rejects_non_http() {
        assert!(canonical("mailto:a@b").is_none());
        assert!(canonical("/relative").is_none());
        assert!(canonical("https:///nohost").is_none());
        assert_eq!(canonical("//Host.ORG/p").unwrap().url, "https://host.org/p");
    }

    #[test]
    fn hosts_are_ascii() {
        assert_eq!(punycode("中文").as_deref(), Some("fiq228c"));
        assert_eq!(punycode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode("münchen").as_deref(), Some("mnchen-3ya"));
        assert_eq!(
            canonical("https://中文。Example.TW/新聞").unwrap().url,
            "https://xn--fiq228c.example.tw/%E6%96%B0%E8%81%9E"
        );
        // Found by the property tests: a lost character in the host.
        assert!(canonical("https://images.weserv.n\u{FFFD}l/?url=a.jpg").is_none());
        assert!(canonical("https://x%20y.org/").is_none());
        assert!(canonical("https://a<b.org/").is_none());
    }

    #[test]
    fn unproxies_weserv() {
        assert_eq!(
            unproxy_image("https://images.weserv.nl/?url=imgcdn.cna.com.tw/www/a.jpg").as_deref(),
            Some("https://imgcdn.cna.com.tw/www/a.jpg")
        );
        assert_eq!(
            unproxy_image("https://images.weserv.nl?url=static01.nyt.com/a.jpg").as_deref(),
            Some("https://static01.nyt.com/a.jpg")
        );
        assert!(unproxy_image("https://example.org/a.jpg").is_none());
    }
}
