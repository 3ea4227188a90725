//! The body made from the scored text ([`clean`]): the byline, date and headline lines at
//! its top are metadata; the JSON-LD `articleBody` replaces it when the scoring missed the
//! article; and at its end, where the page's own promotions start (a "related" heading, a
//! newsletter or comment prompt, a share bar left as text), the rest of an article is cut,
//! such a line on its own being dropped anywhere in the text ([`trim`]).

use std::sync::LazyLock;

use regex::Regex;

use super::authors::is_byline_line;
use super::dates::is_date_line;
use crate::lexicon;
use crate::normalize::text;
use crate::record::PageType;

/// How many lines of text at the top may be preceded by metadata lines.
const TOP: usize = 4;

/// The body from the scored `paragraphs` of a page of kind `kind`, given the page's
/// `title` and `author`, and the JSON-LD `articleBody` if any.
pub fn clean(
    mut paragraphs: Vec<String>,
    title: &str,
    author: Option<&str>,
    month_first: bool,
    ld_body: Option<&str>,
    kind: PageType,
) -> Vec<String> {
    // Byline, date and headline lines before the fourth line of text are metadata. One
    // pass: removing them one by one from the front is quadratic in a page of bylines.
    let title_clean = title.to_lowercase();
    let author_clean = author.map(str::to_lowercase);
    let mut text_lines = 0;
    paragraphs.retain(|p| {
        if text_lines >= TOP {
            return true;
        }
        // Lower-cased only when the cheaper tests leave it open (a page of bylines).
        let is_meta = is_byline_line(p) || is_date_line(p, month_first) || {
            let lower = p.to_lowercase();
            (!title_clean.is_empty() && lower == title_clean) || author_clean.as_ref().is_some_and(|a| lower == *a)
        };
        text_lines += usize::from(!is_meta);
        !is_meta
    });
    // The JSON-LD body as a cross-check: when the scored text is far shorter, the
    // scoring missed the article.
    if let Some(body) = ld_body {
        let ours: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
        let theirs = body.chars().count();
        if theirs >= 400 && ours * 3 < theirs {
            paragraphs = body.split('\n').map(text::clean_paragraph).filter(|p| !p.is_empty()).collect();
        }
    }
    trim(&mut paragraphs, kind);
    paragraphs
}

/// The opening of a line that starts the page's boilerplate (the list's languages:
/// German, English, French, Spanish).
static STARTS_BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i)^(?:{})", lexicon::BOILERPLATE_OPENINGS.alternation())).expect("lexicon pattern")
});

/// A whole line of the page's chrome (a skip link, a table of contents heading).
static CHROME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*[:.…]*\s*$", lexicon::CHROME_LINES.alternation())).expect("lexicon pattern")
});

/// A whole line of a thread's post metadata (a time stamp, a count, a rank, a button).
static POST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*$", lexicon::POST_LINES.alternation())).expect("lexicon pattern")
});

/// Cut an article's text at the first line, in its second half, that starts the page's
/// boilerplate; drop such short lines elsewhere, and lines of the page's chrome anywhere.
///
/// Only an article ends where its promotions start. A page of another `kind` goes on
/// after such a line with its own sections (a service page's questions and answers after
/// a newsletter prompt, a shop category's buying guide after "You may also like"): there
/// the line goes, the text after it stays.
pub fn trim(paragraphs: &mut Vec<String>, kind: PageType) {
    let boiler: Vec<bool> = paragraphs
        .iter()
        .map(|p| p.len() <= 400 && p.chars().count() <= 100 && STARTS_BOILERPLATE.is_match(p.trim()))
        .collect();
    let n = paragraphs.len();
    let cut = match kind {
        PageType::Article => boiler.iter().enumerate().position(|(i, b)| *b && i >= n / 2 && i > 0).unwrap_or(n),
        _ => n,
    };
    let forum = kind == PageType::Forum;
    let mut i = 0;
    paragraphs.retain(|p| {
        let short = p.len() <= 64;
        let keep = i < cut
            && !boiler.get(i).copied().unwrap_or(false)
            && !(short && CHROME_LINE.is_match(p.trim()))
            && !(forum && short && POST_LINE.is_match(p.trim()));
        i += 1;
        keep
    });
    if !matches!(kind, PageType::Article | PageType::Documentation) {
        // On a page of many items or posts a repeat is a copy: a post quoted in a reply,
        // an item's badge or a member's rank under each post, a block shown once per
        // screen size. An article repeats its own labels ("What we like" under each
        // product reviewed) and a documentation page its code lines, so they keep theirs.
        super::kinds::blocks::once(paragraphs, 0, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn metadata_lines_before_the_fourth_line_of_text_go() {
        let ps = strings(&[
            "By Anna Muster",
            "The Headline",
            "One.",
            "31.05.2012",
            "Two.",
            "Three.",
            "Anna Muster",
            "Four.",
            "By Ben Beispiel",
        ]);
        let body = clean(ps, "The headline", Some("Anna Muster"), false, None, PageType::Article);
        assert_eq!(body, strings(&["One.", "Two.", "Three.", "Four.", "By Ben Beispiel"]));
    }

    /// 800,000 byline paragraphs (a 16 MB page of `<p>By …</p>`): removing them one by
    /// one from the front moves 7.7 TB (minutes; 26 s for an 8 MB page); the bound only
    /// says "linear".
    #[test]
    fn a_page_of_bylines_is_cleaned_in_linear_time() {
        let ps: Vec<String> = (0..800_000).map(|i| format!("By Anna Muster{}", "x".repeat(i % 7))).collect();
        let started = std::time::Instant::now();
        let body = clean(ps, "", None, false, None, PageType::Article);
        let took = started.elapsed();
        assert!(body.is_empty(), "{:?}", body.first());
        let bound = if cfg!(debug_assertions) { 20 } else { 1 };
        assert!(took < std::time::Duration::from_secs(bound), "took {took:?}");
    }

    fn cut(ps: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = ps.iter().map(|s| (*s).to_owned()).collect();
        trim(&mut v, PageType::Article);
        v
    }

    #[test]
    fn promotions_at_the_end_are_cut() {
        assert_eq!(
            cut(&["Text one.", "Text two.", "Mehr zum Thema:", "Other article"]),
            vec!["Text one.", "Text two."]
        );
        assert_eq!(cut(&["Text.", "More.", "Leave a Reply", "Name"]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Texte.", "Suite.", "Vos réactions", "x"]), vec!["Texte.", "Suite."]);
        assert_eq!(cut(&["Text.", "More.", "Related Blog Posts", "Other post"]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Text.", "More.", "Recent posts on blogs I like:", "x"]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Text.", "More.", "Copyright © 2025 Example. All rights reserved."]), vec!["Text.", "More."]);
        // Chrome lines go wherever they are, and do not end the text.
        assert_eq!(
            cut(&["Skip to content", "Text.", "Table of Contents", "More.", "Table of contents:", "End."]),
            vec!["Text.", "More.", "End."]
        );
        assert_eq!(cut(&["Text.", "The table of contents of the report lists ten chapters."]).len(), 2);
        // A heading of the article that names related things or a copyright stays.
        assert_eq!(cut(&["Text.", "More.", "Related papers", "Copyright license", "End."]).len(), 5);
        assert_eq!(cut(&["Diesen Artikel teilen", "Text.", "More."]), vec!["Text.", "More."]);
        // The chrome of a blog platform: a share button, an empty comment list, a
        // subscribe prompt, the comments' heading.
        assert_eq!(
            cut(&["Share", "Text.", "Back to top", "More.", "Ready for more?", "No posts"]),
            vec!["Text.", "More."]
        );
        assert_eq!(cut(&["Text.", "More.", "Discussion about this post", "Nice piece!"]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Text.", "Share the road, the council said, with the new bike lanes."]).len(), 2);
        // Article sentences that merely start with such words stay.
        assert_eq!(
            cut(&["Text.", "Read more about the history of the town in the second volume of the chronicle, which appeared in 1990 and was a success."]).len(),
            2
        );
        assert_eq!(cut(&["Related to this, the council met on Monday."]).len(), 1);
        // A paywall's, a sources box's, a reader-story prompt's opening ends the article.
        assert_eq!(cut(&["Text.", "More.", "Already have an account? Log in", "x"]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Text.", "More.", "Article Sources", "Writers use primary sources."]), vec!["Text.", "More."]);
        assert_eq!(cut(&["Text.", "More.", "SHARE YOUR STORY", "Write to us."]), vec!["Text.", "More."]);
        // A reading time, a fold's button, a form's messages: chrome wherever they are.
        assert_eq!(
            cut(&[
                "5 min read",
                "On this page",
                "Text.",
                "Click to expand...",
                "Show more",
                "More.",
                "Loading…",
                "Read the case study",
                "End."
            ]),
            vec!["Text.", "More.", "End."]
        );
        assert_eq!(cut(&["Text.", "Show more of the island's birds than any other guide."]).len(), 2);
        // A call to action is dropped where it stands: the article goes on after it.
        assert_eq!(cut(&["Text.", "Book A Demo Today!", "More.", "End."]), vec!["Text.", "More.", "End."]);
        assert_eq!(cut(&["Text.", "Request a free consultation with our team to assess your options."]).len(), 2);
    }

    /// A page that is no article keeps its sections after a promotion's opening (a shop
    /// category's guide after "You may also like"); the opening line itself goes.
    #[test]
    fn only_an_article_ends_at_a_promotion() {
        let ps = strings(&["Desks", "Oak desk", "Pine desk", "You may also like", "Choosing a desk", "Measure first."]);
        let mut article = ps.clone();
        trim(&mut article, PageType::Article);
        assert_eq!(article, strings(&["Desks", "Oak desk", "Pine desk"]));
        for kind in [PageType::Collection, PageType::Service, PageType::Forum] {
            let mut page = ps.clone();
            trim(&mut page, kind);
            assert_eq!(
                page,
                strings(&["Desks", "Oak desk", "Pine desk", "Choosing a desk", "Measure first."]),
                "{kind:?}"
            );
        }
    }

    /// A thread's reply that quotes a post, and a tier under each post: the repeats go,
    /// on a page of posts or items only.
    #[test]
    fn repeats_go_from_pages_of_items_only() {
        let ps = strings(&[
            "Gold tier",
            "How do I reset it?",
            "Gold tier",
            "How do I reset it?",
            "Hold the button.",
            "Gold tier",
        ]);
        for kind in [PageType::Forum, PageType::Listing, PageType::Collection, PageType::Product, PageType::Service] {
            let mut page = ps.clone();
            trim(&mut page, kind);
            assert_eq!(page, strings(&["Gold tier", "How do I reset it?", "Hold the button."]), "{kind:?}");
        }
        let labels = strings(&["Oak desk", "What we like", "Solid.", "Pine desk", "What we like", "Light."]);
        for kind in [PageType::Article, PageType::Documentation] {
            let mut page = labels.clone();
            trim(&mut page, kind);
            assert_eq!(page, labels, "{kind:?}");
        }
    }

    /// A thread's post stamps, counts, ranks, buttons and a member's badges go; a
    /// listing's item dates and counts stay.
    #[test]
    fn a_threads_stamps_and_badges_go() {
        let ps = strings(&[
            "How do I reset it?",
            "asked Mar 3, 2024 at 10:12",
            "Hold the button.",
            "2024-01-05 10:12:33 +00:00",
            "12.3k 4 gold badges 20 silver badges 31 bronze badges",
            "1,204",
            "Senior Member",
            "Reply",
            "Thanks!",
        ]);
        let mut thread = ps.clone();
        trim(&mut thread, PageType::Forum);
        assert_eq!(thread, strings(&["How do I reset it?", "Hold the button.", "Thanks!"]));
        let mut listing = strings(&["Council meets", "Mar 3, 2024", "Budget passes", "Feb 1, 2024", "1,204"]);
        let before = listing.clone();
        trim(&mut listing, PageType::Listing);
        assert_eq!(listing, before);
    }
}
