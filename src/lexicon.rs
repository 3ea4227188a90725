//! Generic language knowledge as data: one list per concept in `data/lexicon/NAME.txt`
//! (month names, credit words, boilerplate openings, place names, …), embedded at build
//! time, so that the knowledge is read and reviewed as lists, not as Rust literals.
//!
//! A file holds one entry per line; blank lines and lines starting with `#` are comments;
//! an entry's ends are trimmed. A list is parsed once, on first use.
//!
//! Some lists are patterns, as their header says: an entry is regex syntax in which a
//! space matches any run of white space ([`Lexicon::alternation`]); the module that uses
//! such a list compiles it once.
//!
//! Adding a list: write `data/lexicon/NAME.txt` and a line in [`LISTS`] (a test checks
//! that every file is registered and every entry is clean).

use std::sync::OnceLock;

/// One embedded list.
pub struct Lexicon {
    name: &'static str,
    text: &'static str,
    words: OnceLock<Vec<&'static str>>,
}

impl Lexicon {
    const fn new(name: &'static str, text: &'static str) -> Self {
        Lexicon { name, text, words: OnceLock::new() }
    }

    /// The file's name without `.txt`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The entries, in file order.
    pub fn words(&self) -> &[&'static str] {
        self.words
            .get_or_init(|| self.text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
    }

    /// Is `word` an entry?
    pub fn contains(&self, word: &str) -> bool {
        self.words().contains(&word)
    }

    /// A list of patterns as one regex alternation, in file order (the first entry that
    /// matches wins where the match's end matters), a space in an entry matching any run
    /// of white space.
    pub fn alternation(&self) -> String {
        self.words().iter().map(|w| w.replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
    }
}

/// A line as the lists of whole lines (cart buttons, shop labels, calls to action) are
/// written: white space folded to one space, lower-cased.
pub fn fold_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

macro_rules! lists {
    ($($(#[$doc:meta])* $id:ident = $name:literal;)*) => {
        $( $(#[$doc])* pub static $id: Lexicon = Lexicon::new($name, include_str!(concat!("../data/lexicon/", $name, ".txt"))); )*
        /// Every list, for tests and documentation.
        #[cfg_attr(not(test), allow(dead_code))]
        pub static LISTS: &[&Lexicon] = &[$(&$id),*];
    };
}

lists! {
    /// Places that follow reporter names in Chinese bylines (`钟元台北报导`), in simplified
    /// and traditional writing.
    PLACES_ZH = "places-zh";
    /// Credit words for writers (`作者：X`, `By X`, `X撰文`).
    CREDIT_WRITER = "credit-writer";
    /// Credit words for reporters (`记者：X`, `Reporting by X`, `X台北报导`).
    CREDIT_REPORTER = "credit-reporter";
    /// Credit words for translators (`译者/X`, `Translated by X`).
    CREDIT_TRANSLATOR = "credit-translator";
    /// Credit words for editors (`责编：X`, `Edited by X`).
    CREDIT_EDITOR = "credit-editor";
    /// Credit words for pictures and videos (`攝影：X`, `Photo: X`).
    CREDIT_PHOTOGRAPHER = "credit-photographer";
    /// Credit words for sources (`来源：X`, `Source: X`).
    CREDIT_SOURCE = "credit-source";
    /// Credit words for contributors (`Additional reporting by X`, `X香港补充报道`).
    CREDIT_CONTRIBUTOR = "credit-contributor";
    /// Openings of a disclaimer note (`本文仅代表作者个人观点`).
    DISCLAIMERS = "disclaimers";
    /// Job titles of people in news and commentary (`记者`, `评论员`).
    TITLES_ZH = "titles-zh";
    /// Headings of related-article lists (`延伸閱讀`, `相关报道`).
    RELATED_HEADINGS = "related-headings";
    /// Labels of a book's data block (`書名`, `出版社`).
    BOOK_LABELS = "book-labels";
    /// Chinese function characters of sentences, not of names (`的`, `了`, `係`).
    PARTICLES_ZH = "particles-zh";
    /// Openings of a line that starts a page's promotions or comments (patterns).
    BOILERPLATE_OPENINGS = "boilerplate-openings";
    /// Whole lines of a page's chrome left in the text: a skip link, a table of contents
    /// heading (patterns).
    CHROME_LINES = "chrome-lines";
    /// Whole lines of a thread's post metadata: a time stamp, a count, a rank (patterns).
    POST_LINES = "post-lines";
    /// Words that open a byline and are not part of the name (patterns).
    BYLINE_OPENERS = "byline-openers";
    /// Words between two names in a byline.
    NAME_JOINERS = "name-joiners";
    /// Credit and role words, which are not names.
    ROLES = "roles";
    /// Path segments of an author's profile page (`/author/anna-muster`).
    AUTHOR_PATHS = "author-paths";
    /// Month names with the month's number (`name number`).
    MONTHS = "months";
    /// Words that label a publication date written after them (patterns).
    DATE_LABELS = "date-labels";
    /// Words that label the day a page was last updated (patterns).
    UPDATE_LABELS = "update-labels";
    /// Words that say a date is not the publication's (an update, an expiry, a copyright).
    OTHER_DATE_WORDS = "other-date-words";
    /// Language tags whose pages write numeric dates month first (`5/6/2020` is May 6).
    MONTH_FIRST_LOCALES = "month-first-locales";
    /// Time zone names in dates (RFC 822 `EST`, `GMT`; `HKT`, `CEST`) and their offsets,
    /// one `NAME +HH:MM` per line.
    TIME_ZONES = "time-zones";
    /// Buttons that put an item in a cart or buy it, in several languages (page kinds).
    CART_BUTTONS = "cart-buttons";
    /// Calls to action of company, product and service pages (page kinds).
    CALL_TO_ACTION = "call-to-action";
    /// Actions and counters of the posts of a thread (page kinds).
    POST_LABELS = "post-labels";
    /// Navigation texts of documentation pages (page kinds).
    DOCS_LABELS = "docs-labels";
    /// Texts of index pages: the way to more items (page kinds).
    LISTING_LABELS = "listing-labels";
    /// Texts of shop pages, their grids and items (page kinds).
    SHOP_LABELS = "shop-labels";
    /// Class and id words of boxes laid over a page: consent notices, modals, pop-ups
    /// (patterns; page kinds).
    OVERLAY_CLASSES = "overlay-classes";
    /// Class and id words of the boxes beside a product's own text: reviews, other
    /// products (patterns; page kinds).
    PRODUCT_ASIDE_CLASSES = "product-aside-classes";
    /// Class words of panels hidden until their tab or toggle is clicked (patterns;
    /// page kinds).
    PANEL_CLASSES = "panel-classes";
    /// Currency signs, written before or after a price's figures (page kinds: a price
    /// alone, prices as evidence of a page's kind).
    CURRENCY_SIGNS = "currency-signs";
    /// Class names that hide an element until a script shows it (page kinds).
    HIDDEN_CLASSES = "hidden-classes";
    /// Toggles and links of a product page that are no text of the product (`Read more`,
    /// `Show less`; page kinds).
    PRODUCT_CONTROLS = "product-controls";
    /// Headings of the boxes beside a product's own text that show other products
    /// (`Similar items`, `Frequently bought together`; patterns; page kinds).
    PRODUCT_ASIDE_HEADINGS = "product-aside-headings";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_registered_and_clean() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".txt").map(str::to_owned))
            .collect();
        files.sort();
        let mut registered: Vec<String> = LISTS.iter().map(|l| l.name().to_owned()).collect();
        registered.sort();
        assert_eq!(files, registered, "data/lexicon/*.txt and lexicon::LISTS differ");
        for list in LISTS {
            assert!(!list.words().is_empty(), "{} is empty", list.name());
            let mut seen = std::collections::HashSet::new();
            for w in list.words() {
                assert!(seen.insert(*w), "{}: {w:?} twice", list.name());
            }
            for line in list.text.lines() {
                assert_eq!(line, line.trim_end(), "{}: trailing space in {line:?}", list.name());
            }
        }
    }

    /// A credit word has one meaning: no word is in two of the credit lists.
    #[test]
    fn credit_words_are_in_one_list_each() {
        let lists = [
            &CREDIT_WRITER,
            &CREDIT_REPORTER,
            &CREDIT_TRANSLATOR,
            &CREDIT_EDITOR,
            &CREDIT_PHOTOGRAPHER,
            &CREDIT_SOURCE,
            &CREDIT_CONTRIBUTOR,
        ];
        let mut seen = std::collections::HashMap::new();
        for list in lists {
            for w in list.words() {
                if let Some(other) = seen.insert(w.to_lowercase(), list.name()) {
                    panic!("{w:?} is in {other} and {}", list.name());
                }
            }
        }
    }

    #[test]
    fn patterns_compile_and_spaces_match_white_space() {
        for list in [&BOILERPLATE_OPENINGS, &BYLINE_OPENERS, &DATE_LABELS, &CHROME_LINES, &POST_LINES] {
            let re = regex::Regex::new(&format!("(?i)^(?:{})", list.alternation()));
            assert!(re.is_ok(), "{}: {re:?}", list.name());
        }
        let l = Lexicon::new("t", "read more\\b\nlee también\n");
        assert_eq!(l.alternation(), r"read\s+more\b|lee\s+también");
    }

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let l = Lexicon::new("t", "# a comment\n\n one \ntwo\n#x\n");
        assert_eq!(l.words(), ["one", "two"]);
        assert!(l.contains("two") && !l.contains("#x"));
    }
}
