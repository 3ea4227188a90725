//! CSS selectors as outlet rules use them: a few [`Selectors`] from different sources,
//! matched against every element of a page through a prefilter (most elements meet none
//! of the class, id or attribute conditions a boilerplate selector needs).

use scraper::{ElementRef, Selector};

/// A few selectors from different sources (a site's own, the mirror's shared ones).
#[derive(Default, Clone, Copy)]
pub struct Selectors<'a>([Option<&'a Selector>; 3]);

impl<'a> Selectors<'a> {
    /// One selector.
    pub fn one(s: &'a Selector) -> Self {
        Selectors([Some(s), None, None])
    }
    /// Add a selector (at most three are kept; more is a bug caught by tests).
    pub fn with(mut self, s: Option<&'a Selector>) -> Self {
        if let Some(slot) = self.0.iter_mut().find(|x| x.is_none()) {
            *slot = s;
        } else {
            debug_assert!(s.is_none(), "Selectors holds at most three selectors");
        }
        self
    }
    /// Does any selector match `el`? (Plain matching, for the few elements inside a
    /// caption or tag; the page walk uses the prefiltered [`Matcher`].)
    pub(super) fn matches(&self, el: &ElementRef) -> bool {
        self.0.iter().flatten().any(|s| s.matches(el))
    }
}

/// A condition an element must meet for a selector to match it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// `.x`: the class `x`.
    Class(String),
    /// `#x`: the id `x`.
    Id(String),
    /// `[name…]`: the attribute `name`.
    Attr(String),
}

/// The conditions of a selector list, one of which an element must meet, arranged for
/// a single pass over the element's attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Needs {
    /// Sorted.
    classes: Vec<String>,
    ids: Vec<String>,
    attrs: Vec<String>,
}

impl Needs {
    fn new(needs: &[Need]) -> Self {
        let mut n = Needs { classes: Vec::new(), ids: Vec::new(), attrs: Vec::new() };
        for need in needs {
            match need {
                Need::Class(c) => n.classes.push(c.clone()),
                Need::Id(i) => n.ids.push(i.clone()),
                Need::Attr(a) => n.attrs.push(a.clone()),
            }
        }
        n.classes.sort_unstable();
        n
    }

    /// Could an element with these attributes (local name, value) meet one of them?
    fn met_by(&self, attrs: &[(&str, &str)]) -> bool {
        attrs.iter().any(|&(name, value)| {
            (name == "class"
                && !self.classes.is_empty()
                && value.split_ascii_whitespace().any(|c| self.classes.binary_search_by(|x| x.as_str().cmp(c)).is_ok()))
                || (name == "id" && self.ids.iter().any(|i| i == value))
                || self.attrs.iter().any(|a| a == name)
        })
    }
}

/// What an element must have for a selector list to match it, read from the list's
/// serialisation: for each selector of the list, the first class, id or attribute its
/// last compound requires; one of them must be met. `None` when there is no such
/// condition: a bare type selector, a pseudo-class before any class, id or attribute, or
/// a serialisation that does not parse back to the same selector.
///
/// Most elements of an article (`<p>`, `<br>`, `<a href>`, `<img src>`, and elements of
/// other classes) meet none of the conditions of boilerplate selectors, and need not be
/// matched at all.
fn needs_of(sel: &Selector) -> Option<Needs> {
    use scraper::selector::ToCss;
    let css = sel.to_css_string();
    if Selector::parse(&css).ok().as_ref() != Some(sel) {
        return None;
    }
    let mut needs = Vec::new();
    for complex in split_top_level(&css, |c| c == ',') {
        let compound = split_top_level(complex.trim(), |c| matches!(c, ' ' | '>' | '+' | '~')).pop()?;
        let need = first_need(compound)?;
        if !needs.contains(&need) {
            needs.push(need);
        }
    }
    Some(Needs::new(&needs))
}

/// `css` split at the characters `at` outside brackets, parentheses and quotes.
fn split_top_level(css: &str, at: impl Fn(char) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut escaped, mut start) = (0usize, None, false, 0);
    for (i, c) in css.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else if c == '"' || c == '\'' {
            quote = Some(c);
        } else if c == '[' || c == '(' {
            depth += 1;
        } else if c == ']' || c == ')' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && at(c) {
            parts.push(css.get(start..i).unwrap_or_default());
            start = i + c.len_utf8();
        }
    }
    parts.push(css.get(start..).unwrap_or_default());
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// The first condition of a compound selector (`small[style*="#999"]`, `.a.b`); `None`
/// when a pseudo-class or a namespace comes first, or there is none.
fn first_need(compound: &str) -> Option<Need> {
    let ident = |rest: &str| {
        let end = rest.find(['.', '#', '[', ':', '|', '\\']).unwrap_or(rest.len());
        rest.get(..end).filter(|s| !s.is_empty()).map(str::to_owned)
    };
    for (i, c) in compound.char_indices() {
        let rest = compound.get(i + c.len_utf8()..).unwrap_or_default();
        match c {
            '.' => return ident(rest).map(Need::Class),
            '#' => return ident(rest).map(Need::Id),
            '[' => {
                let end = rest.find(|c: char| "]=~|^$*!".contains(c) || c.is_whitespace())?;
                let name = rest.get(..end)?.to_ascii_lowercase();
                let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                // `[ns|name]` names an attribute in a namespace; `[name|=v]` is an operator.
                let namespaced = rest.get(end..).is_some_and(|r| r.starts_with('|') && !r.starts_with("|="));
                return (valid && !namespaced).then_some(Need::Attr(name));
            }
            ':' | '|' | '\\' => return None,
            _ => {}
        }
    }
    None
}

/// A selector with its [`needs_of`] (computed once per thread and selector).
struct Prefiltered<'a> {
    selector: &'a Selector,
    needs: Option<Needs>,
}

/// Selectors seen by this thread, with their needs; the selector is kept to check that
/// its address still holds the same selector.
type NeedsCache = Vec<(usize, Selector, Option<Needs>)>;

thread_local! {
    static NEEDS: std::cell::RefCell<NeedsCache> = const { std::cell::RefCell::new(Vec::new()) };
}

fn prefiltered(selector: &Selector) -> Prefiltered<'_> {
    let addr = std::ptr::from_ref(selector) as usize;
    let needs = NEEDS.with_borrow_mut(|cache| {
        if let Some((_, _, needs)) = cache.iter().find(|(a, s, _)| *a == addr && s == selector) {
            return needs.clone();
        }
        let needs = needs_of(selector);
        cache.retain(|(a, _, _)| *a != addr);
        if cache.len() >= 64 {
            cache.clear();
        }
        cache.push((addr, selector.clone(), needs.clone()));
        needs
    });
    Prefiltered { selector, needs }
}

/// [`Selectors`] ready for matching many elements.
pub(super) struct Matcher<'a>(Vec<Prefiltered<'a>>);

impl<'a> Matcher<'a> {
    pub(super) fn new(selectors: &Selectors<'a>) -> Self {
        Matcher(selectors.0.iter().flatten().map(|s| prefiltered(s)).collect())
    }

    /// Does `el` match? `attrs` are its attributes (local name, value).
    pub(super) fn matches(&self, el: &ElementRef, attrs: &[(&str, &str)]) -> bool {
        self.0.iter().any(|p| {
            let possible = p.needs.as_ref().is_none_or(|n| n.met_by(attrs));
            possible && p.selector.matches(el)
        })
    }
}

/// Parse a selector list written in the source code (rule files' selectors are parsed
/// with their errors reported, in `sites`).
///
/// # Panics
/// Only on a malformed literal in this crate's own source, caught by the tests (every
/// selector is built in a test).
pub fn selector(css: &str) -> Selector {
    match Selector::parse(css) {
        Ok(s) => s,
        Err(e) => panic!("invalid built-in selector {css:?}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn conditions_of_selector_lists() {
        let needs = |css: &str| needs_of(&selector(css));
        let want = |v: &[Need]| Some(Needs::new(v));
        let class = |c: &str| Need::Class(c.into());
        let id = |c: &str| Need::Id(c.into());
        let attr = |c: &str| Need::Attr(c.into());
        assert_eq!(
            needs(".moreArticle, .pcBox, [id^=adslot]"),
            want(&[class("moreArticle"), class("pcBox"), attr("id")])
        );
        assert_eq!(needs("small[style*='#999'], .picinfo"), want(&[attr("style"), class("picinfo")]));
        assert_eq!(needs("#imu, div > p.x.y, p .c"), want(&[id("imu"), class("x"), class("c")]));
        assert_eq!(needs("[lang|=en], [DATA-X]"), want(&[attr("lang"), attr("data-x")]));
        assert_eq!(needs("[title=\"a, b\"]"), want(&[attr("title")]));
        assert_eq!(needs(".a, figure"), None, "a bare type selector matches elements without attributes");
        assert_eq!(needs("a:not(.b)"), None);
        assert_eq!(needs("*"), None);
        assert_eq!(needs(".c .d > *"), None);
        // Escaped identifiers do not survive scraper's serialisation: no condition.
        assert_eq!(needs(".a\\.b"), None);
        assert_eq!(needs(".a\\ b"), None);
    }

    /// Every element of `html`, in document order.
    fn elements(doc: &Html) -> Vec<ElementRef<'_>> {
        doc.tree.root().descendants().filter_map(ElementRef::wrap).collect()
    }

    #[test]
    fn prefiltered_matching_is_plain_matching_for_every_site_selector() {
        let html = r#"<div><p>t <b>b</b> <a href="x">a</a> <img src="i.jpg"></p>
            <div class="moreArticle"><p class="paragraph">m</p></div><div id="adslot-3">ad</div>
            <div id="dfp-ad-1"></div><small style="color: #999;">cap</small><small>no</small>
            <div class="picinfo keywordTag o-self-promo"><span class="caption">c</span></div>
            <figure><figcaption>f</figcaption></figure><p class="wp-caption-text">w</p>
            <div class="dotcom-ad mpu-ad off-screen">o</div><ins class="adsbygoogle"></ins>
            <section lang="en" title="t" data-x="1"><i>i</i></section><div id="imu"></div>
            <div class=" keywordTag\tx "></div><div class="KEYWORDTAG"></div><div id="imu2"></div></div>"#;
        let doc = Html::parse_fragment(html);
        let els = elements(&doc);
        let mut checked = 0;
        let mut lists: Vec<Selectors> = Vec::new();
        let outlets = crate::sites::Outlets::builtin();
        for o in outlets.iter() {
            lists.extend(o.selector_lists());
        }
        let extra =
            [selector("figure, .a"), selector("a:not(.b)"), selector("[lang|=en], [title]"), selector("div > p")];
        lists.extend(extra.iter().map(Selectors::one));
        lists.push(
            Selectors::one(&crate::formats::jekyll::feedx::DROP).with(Some(&crate::formats::jekyll::feedx::CAPTION)),
        );
        for list in &lists {
            let matcher = Matcher::new(list);
            for el in &els {
                let plain = list.0.iter().flatten().any(|s| s.matches(el));
                let attrs: Vec<(&str, &str)> = el.value().attrs().collect();
                assert_eq!(matcher.matches(el, &attrs), plain, "{:?}", el.value());
                checked += usize::from(plain);
            }
        }
        assert!(checked >= 15, "the sample exercises matches: {checked}");
    }
}
