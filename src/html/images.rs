//! Pictures: the URL of an `<img>` (declared or lazy-loaded), tracking pixels and icons
//! left out, relative URLs resolved and image proxies unwrapped.

use scraper::ElementRef;

use super::elements::Reader;
use crate::normalize::url;

/// The best URL of an `<img>`, `None` when it is a placeholder or too small to be a
/// picture of the article. The fragment reader trusts `src` first (a feed's markup
/// names the picture there); a page's `src` is often a placeholder that a script
/// replaces with a lazy-loading attribute, so the page reader reads those first, and it
/// also leaves out icons (under 50 pixels), where a fragment only leaves out tracking
/// pixels (0 or 1 pixel).
pub fn image_src<'a>(el: &ElementRef<'a>, reader: Reader) -> Option<&'a str> {
    let v = el.value();
    let usable = |s: &&str| {
        let s = s.trim();
        !s.is_empty() && !s.starts_with("data:")
    };
    let order: &[&str] = match reader {
        Reader::Fragment => &["src", "data-src", "data-original"],
        Reader::Page => &["data-src", "data-lazy-src", "data-original", "src"],
    };
    let src = order
        .iter()
        .find_map(|a| v.attr(a).filter(usable))
        .or_else(|| v.attr("srcset").and_then(|s| s.split_whitespace().next()).filter(usable))?;
    let tiny = |a: &str| {
        v.attr(a).is_some_and(|x| match reader {
            Reader::Fragment => x.trim() == "1" || x.trim() == "0",
            Reader::Page => x.trim().parse::<u32>().is_ok_and(|n| n < 50),
        })
    };
    (!tiny("width") && !tiny("height")).then_some(src)
}

/// Make an image URL absolute and unwrap image proxies.
pub fn resolve_image(src: &str, base: Option<&str>) -> Option<String> {
    let src = src.trim();
    if let Some(unproxied) = url::unproxy_image(src) {
        return Some(unproxied);
    }
    if let Some(u) = url::unwrap_archive(src) {
        return Some(u.capture);
    }
    if src.starts_with("http://") || src.starts_with("https://") {
        return Some(src.to_owned());
    }
    if let Some(rest) = src.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base.get(scheme_end..)?.find('/').map_or(base.len(), |i| scheme_end + i);
    if src.starts_with('/') {
        Some(format!("{}{src}", base.get(..host_end)?))
    } else {
        let dir_end = base.rfind('/').filter(|&i| i >= host_end).map_or(host_end, |i| i);
        Some(format!("{}/{src}", base.get(..dir_end)?))
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn relative_images_resolve_against_base() {
        assert_eq!(resolve_image("/a.jpg", Some("https://x.org/n/1")).as_deref(), Some("https://x.org/a.jpg"));
        assert_eq!(resolve_image("a.jpg", Some("https://x.org/n/1")).as_deref(), Some("https://x.org/n/a.jpg"));
        assert_eq!(resolve_image("a.jpg", None), None);
    }

    #[test]
    fn fragments_trust_src_pages_trust_lazy_attributes() {
        let doc = Html::parse_fragment(
            "<img src='p.gif' data-src='real.jpg'><img src='icon.png' width='32'><img src='px.gif' height='1'>",
        );
        let imgs: Vec<ElementRef> = doc.tree.root().descendants().filter_map(ElementRef::wrap).skip(1).collect();
        let srcs = |r: Reader| imgs.iter().map(|i| image_src(i, r)).collect::<Vec<_>>();
        assert_eq!(srcs(Reader::Fragment), vec![Some("p.gif"), Some("icon.png"), None]);
        assert_eq!(srcs(Reader::Page), vec![Some("real.jpg"), None, None]);
    }
}
