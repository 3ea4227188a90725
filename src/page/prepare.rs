//! One linear pass before the parse: the content of `<script>`, `<style>` and `<svg>`
//! elements and comments is cut out (it is never article text, and on today's pages it
//! is often most of the bytes, which the HTML tokenizer would otherwise read character
//! by character), keeping the JSON-LD blocks aside.

use memchr::{memchr, memmem};

/// A page ready to parse.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The page without script, style and SVG content or comments.
    pub html: String,
    /// The text of each `<script type="application/ld+json">`.
    pub ld_json: Vec<String>,
    /// Markup held in `<script type="text/template">` (some blog platforms put the
    /// post there), for when the page has no text outside them.
    pub templates: Vec<String>,
    /// The first publication date a script's data names (`"publishedDate":"2016-11-04T…"`
    /// in a state blob or `__NEXT_DATA__`), outside JSON-LD: a page's date of last resort.
    pub script_date: Option<String>,
    /// The largest `<noscript>` fallback of markup (pages that render with scripts and
    /// keep their text for crawlers there), for when the page has no text outside it.
    pub noscript: String,
}

/// A `<noscript>` shorter than this is a tracking pixel or a notice, not a page's text.
const NOSCRIPT_PAGE: usize = 2000;

/// Does `bytes` start with `name` (ASCII case-insensitive) followed by the end of a tag
/// name?
pub(crate) fn tag_named(bytes: &[u8], name: &[u8]) -> bool {
    bytes.len() > name.len()
        && bytes.get(..name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name))
        && bytes.get(name.len()).is_some_and(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
}

/// Where `</name` (any case) starts at or after `from`.
pub(crate) fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let finder = memmem::Finder::new(b"</");
    let mut at = from;
    loop {
        let rel = finder.find(bytes.get(at..)?)?;
        let lt = at + rel;
        if bytes.get(lt + 2..lt + 2 + name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name)) {
            return Some(lt);
        }
        at = lt + 2;
    }
}

/// The position after the `>` of the end tag that closes an element `name` whose start
/// tag's name ends at `from`, counting nested elements of the same name; `None` when it
/// is never closed.
fn matching_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    let mut at = from;
    while let Some(rel) = bytes.get(at..).and_then(|b| memchr(b'<', b)) {
        let lt = at + rel;
        let rest = bytes.get(lt + 1..).unwrap_or_default();
        if let Some(close) = rest.strip_prefix(b"/")
            && tag_named(close, name)
        {
            depth -= 1;
            if depth == 0 {
                return memchr(b'>', rest).map(|g| lt + 1 + g + 1);
            }
        } else if tag_named(rest, name) {
            depth += 1;
        }
        at = lt + 1;
    }
    None
}

/// Attributes the page reader looks at (any element).
fn kept_attribute(name: &[u8], tag: &[u8]) -> bool {
    let mut lower = [0u8; 16];
    let Some(dst) = lower.get_mut(..name.len()) else { return false };
    dst.copy_from_slice(name);
    dst.make_ascii_lowercase();
    match &*dst {
        b"class" | b"id" | b"role" | b"style" | b"hidden" | b"aria-hidden" | b"itemprop" | b"property" | b"name"
        | b"content" | b"rel" | b"href" | b"src" | b"data-src" | b"data-lazy-src" | b"data-original" | b"srcset"
        | b"width" | b"height" | b"datetime" | b"pubdate" | b"start" | b"value" | b"lang" | b"charset"
        | b"http-equiv" | b"data-testid" | b"itemtype" => true,
        b"title" => tag.eq_ignore_ascii_case(b"abbr"),
        _ => false,
    }
}

/// Copy the start tag at `lt` with only its [`kept_attribute`]s; the position after
/// it. `None` (nothing written) for anything unusual: the caller copies it as it is.
fn slim_tag(text: &str, lt: usize, out: &mut String) -> Option<usize> {
    let bytes = text.as_bytes();
    let name_end =
        lt + 1 + bytes.get(lt + 1..)?.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
    let tag = bytes.get(lt + 1..name_end)?;
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut i = name_end;
    let close = loop {
        // Between attributes.
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => break i,
            b'"' | b'\'' | b'<' | b'=' => return None,
            _ => {}
        }
        let start = i;
        while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/' | b'"' | b'\''))
        {
            i += 1;
        }
        let attr_name = bytes.get(start..i)?;
        let mut j = i;
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            match bytes.get(j)? {
                q @ (b'"' | b'\'') => {
                    let close = memchr(*q, bytes.get(j + 1..)?)?;
                    j += 1 + close + 1;
                }
                _ => {
                    while bytes.get(j).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if kept_attribute(attr_name, tag) {
            kept.push((start, i));
        }
        if kept.len() > 64 {
            return None;
        }
    };
    // A `/` before `>` that is not the end of a kept unquoted value (`width=50/`).
    let self_closing = close > 0 && bytes.get(close - 1) == Some(&b'/') && kept.last().is_none_or(|(_, b)| *b < close);
    out.push('<');
    out.push_str(text.get(lt + 1..name_end)?);
    for (a, b) in kept {
        out.push(' ');
        out.push_str(text.get(a..b)?);
    }
    out.push_str(if self_closing { "/>" } else { ">" });
    Some(close + 1)
}

/// Containers of never-text that are cut out whole, to their matching end tag.
const CONTAINERS: [&[u8]; 4] = [b"nav", b"noscript", b"template", b"select"];

/// Cut the never-text content out of `text`.
pub fn prepare(text: &str) -> Prepared {
    let bytes = text.as_bytes();
    let mut out = Prepared { html: String::with_capacity(text.len() / 2), ..Prepared::default() };
    let mut i = 0;
    let mut unclosed = [false; CONTAINERS.len()];
    // Everything is copied at `<` boundaries (ASCII), so slices stay on char boundaries.
    while let Some(rel) = bytes.get(i..).and_then(|b| memchr(b'<', b)) {
        let lt = i + rel;
        out.html.push_str(text.get(i..lt).unwrap_or_default());
        let rest = bytes.get(lt + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            // A comment, to its end (an unclosed one runs to the end, as in a browser).
            i = memmem::find(bytes.get(lt + 4..).unwrap_or_default(), b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
            continue;
        }
        // Containers of never-text (menus, fallbacks, templates, option lists): cut to
        // their matching end tag, when there is one.
        // A name found unclosed once is not looked for again: every later start tag of it
        // would scan to the end of the page too (quadratic on a page of unclosed menus);
        // what is left of them is dropped by the page reader as never-text anyway.
        if let Some(k) = CONTAINERS.iter().position(|n| tag_named(rest, n))
            && !unclosed.get(k).copied().unwrap_or(true)
            && let Some(name) = CONTAINERS.get(k)
        {
            match matching_end(bytes, lt + 1 + name.len(), name) {
                Some(end) => {
                    if *name == b"noscript"
                        && end - lt > NOSCRIPT_PAGE.max(out.noscript.len())
                        && let Some(gt) = memchr(b'>', rest).map(|g| lt + 1 + g + 1)
                        && let Some(inner) = text.get(gt.min(end)..end)
                    {
                        out.noscript = inner.to_owned();
                    }
                    i = end;
                    continue;
                }
                None => {
                    if let Some(u) = unclosed.get_mut(k) {
                        *u = true;
                    }
                }
            }
        }
        let name: Option<&[u8]> = [&b"script"[..], b"style", b"svg"].into_iter().find(|n| tag_named(rest, n));
        let Some(name) = name else {
            // Any other start tag: only the attributes the reader uses are kept (most
            // of a page's markup is attributes, and the tokenizer reads every byte).
            if rest.first().is_some_and(u8::is_ascii_alphabetic)
                && let Some(end) = slim_tag(text, lt, &mut out.html)
            {
                i = end;
                continue;
            }
            out.html.push('<');
            i = lt + 1;
            continue;
        };
        let Some(gt) = memchr(b'>', rest).map(|g| lt + 1 + g) else {
            // An unterminated start tag: nothing after it is text.
            i = bytes.len();
            break;
        };
        let start_tag = text.get(lt..=gt).unwrap_or_default();
        out.html.push_str(start_tag);
        let self_closed = gt > 0 && bytes.get(gt - 1) == Some(&b'/');
        if self_closed && name != b"svg" {
            // `<script src=x />`: closed here (as `html::parse` does).
            out.html.push_str("</");
            out.html.push_str(std::str::from_utf8(name).unwrap_or("script"));
            out.html.push('>');
            i = gt + 1;
            continue;
        }
        if self_closed {
            i = gt + 1;
            continue;
        }
        let end = find_end_tag(bytes, gt + 1, name).unwrap_or(bytes.len());
        if name == b"script" {
            let lower = start_tag.to_ascii_lowercase();
            if lower.contains("ld+json")
                && let Some(body) = text.get(gt + 1..end)
            {
                out.ld_json.push(body.to_owned());
            } else if lower.contains("template")
                && let Some(body) = text.get(gt + 1..end)
                && body.contains("<p")
                && out.templates.len() < 8
            {
                out.templates.push(body.to_owned());
            } else if out.script_date.is_none()
                && let Some(body) = text.get(gt + 1..end)
            {
                out.script_date = crate::page::dates::text::publication_in_data(body);
            }
        }
        out.html.push_str("</");
        out.html.push_str(std::str::from_utf8(name).unwrap_or("script"));
        out.html.push('>');
        i = memchr(b'>', bytes.get(end..).unwrap_or_default()).map_or(bytes.len(), |g| end + g + 1);
    }
    out.html.push_str(text.get(i..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each unclosed `<nav>` used to scan to the end of the page: 20,000 of them took
    /// seconds; now the name is given up after the first.
    #[test]
    fn unclosed_containers_are_linear() {
        assert_eq!(prepare("<nav><a>menu</a></nav><p>text</p>").html, "<p>text</p>");
        let page = "<p>x</p><nav>".repeat(20_000);
        let started = std::time::Instant::now();
        let p = prepare(&page);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(p.html.matches("<p>x</p>").count(), 20_000);
    }

    #[test]
    fn scripts_styles_svg_and_comments_are_cut() {
        let p = prepare(
            "<html><head><SCRIPT>if (a<b) x='</div>';</script ><style>p{}</style>\
             <script type=\"application/ld+json\">{\"@type\":\"Article\"}</script></head>\
             <body><!-- <p>no</p> --><p>yes</p><svg viewBox='0 0 1 1'><path d='M0'/><title>icon</title></svg>\
             <script src=a.js /><p>after</p><scripted>kept</scripted></body></html>",
        );
        assert_eq!(
            p.html,
            "<html><head><SCRIPT></script><style></style><script type=\"application/ld+json\"></script></head>\
             <body><p>yes</p><svg viewBox='0 0 1 1'></svg><script src=a.js /></script><p>after</p><scripted>kept</scripted></body></html>"
        );
        assert_eq!(p.ld_json, vec!["{\"@type\":\"Article\"}"]);
    }

    #[test]
    fn only_the_attributes_read_are_kept() {
        assert_eq!(
            prepare("<div class=\"a b\" data-x='{\"k\": \">\"}' onclick=go() ID=main><IMG SRC=/a.jpg alt='x > y' width=50/></div>").html,
            "<div class=\"a b\" ID=main><IMG SRC=/a.jpg width=50/></div>"
        );
        assert_eq!(
            prepare("<abbr title='2020-01-01' x>t</abbr><a title=t href=/x>l</a>").html,
            "<abbr title='2020-01-01'>t</abbr><a href=/x>l</a>"
        );
        assert_eq!(prepare("<p hidden>a</p><input disabled>").html, "<p hidden>a</p><input>");
        // Unusual tags are copied as they are.
        assert_eq!(prepare("<p class=\"unclosed>a</p>").html, "<p class=\"unclosed>a</p>");
        assert_eq!(prepare("<p a=\"x\"b>t").html, "<p>t");
        assert_eq!(prepare("<p =x>t").html, "<p =x>t");
        assert_eq!(prepare("<p>中文<br/>").html, "<p>中文<br/>");
    }

    #[test]
    fn menus_are_cut_to_their_matching_end() {
        assert_eq!(prepare("<p>a</p><nav><ul><nav>x</nav></ul></NAV><p>b</p>").html, "<p>a</p><p>b</p>");
        // Never closed: kept for the parser.
        assert_eq!(prepare("<nav><p>a</p>").html, "<nav><p>a</p>");
        assert_eq!(prepare("<navigation>a</navigation>").html, "<navigation>a</navigation>");
    }

    #[test]
    fn unterminated_constructs_run_to_the_end() {
        assert_eq!(prepare("<p>a</p><!-- b").html, "<p>a</p>");
        assert_eq!(prepare("<p>a</p><script>b").html, "<p>a</p><script></script>");
        assert_eq!(prepare("<p>a</p><script").html, "<p>a</p><script");
        assert_eq!(prepare("a < b <").html, "a < b <");
        assert_eq!(prepare("日本語<p>中文</p>").html, "日本語<p>中文</p>");
    }
}
