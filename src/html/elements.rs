//! The element table: what each HTML element is to a reader of text, one row per tag
//! name ([`Tag::of`]). Every reader of HTML in the crate asks this table, not a list of
//! its own.
//!
//! Two readers read text, and they differ on a few kinds of element; the table names the
//! kind, and [`Reader`] says how each reader treats it:
//!
//! | kind | fragment reader | page reader |
//! |---|---|---|
//! | [`CELL`](Tag::is_cell) (`td`, `th`) | a space inside the row's paragraph | the same when writing; a block of its own text to the scorer |
//! | [`CAPTION`](Tag::is_caption) (`figcaption`) | the caption of the picture before it | the same; a block to the scorer |
//! | `FORM` (`form`) | never text | a block (scored like any other) |
//! | `CHROME` (`nav`, `aside`, `footer`, `menu`, `dialog`) | text (the first three are blocks) | never text: a page's navigation and asides |
//! | `CONTROL` (`label`, `option`) | text | never text |
//!
//! A fragment is HTML an input gives as its article body (a feed item, a post); it has no
//! chrome of its own, so what it holds is read. A page is a whole document, whose chrome
//! and forms surround the article.
//!
//! The tree-less scanner (see `scan`) asks the same table for void and raw-text elements.

/// Which reader asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The fragment reader ([`super::extract`]): an article's own HTML body.
    Fragment,
    /// The page reader ([`crate::page`]): a whole page, scored for its main content.
    Page,
}

/// What an element is, by its tag name: a set of the kinds below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tag(u16);

/// Starts and ends a paragraph.
const BLOCK: u16 = 1;
/// `h1`–`h6`.
const HEADING: u16 = 1 << 1;
/// `ul`, `ol`.
const LIST: u16 = 1 << 2;
/// `li`.
const ITEM: u16 = 1 << 3;
/// A table cell: the cells of a row are one paragraph, separated by spaces.
const CELL: u16 = 1 << 4;
/// A picture's caption.
const CAPTION: u16 = 1 << 5;
/// Its content is never text, for any reader.
const NEVER: u16 = 1 << 6;
/// Code or a drawing (`script`, `style`, `noscript`, `template`, `svg`): never text, even
/// inside a short metadata string (a byline, a date).
const CODE: u16 = 1 << 7;
/// A page's navigation and asides: never text to the page reader.
const CHROME: u16 = 1 << 8;
/// The text of a form control: never text to the page reader.
const CONTROL: u16 = 1 << 9;
/// A form: never text to the fragment reader, a block to the page reader.
const FORM: u16 = 1 << 10;
/// A void element: no content, no end tag.
const VOID: u16 = 1 << 11;
/// Its content is raw text up to its end tag (no markup inside).
const RAW: u16 = 1 << 12;
/// Raw text to the tree parser (scripting on), markup to the flat reader (`noscript`).
const RAW_SCRIPTED: u16 = 1 << 13;

macro_rules! table {
    ($($($name:literal)|+ => $kinds:expr,)*) => {
        impl Tag {
            /// The row of an element (lower-case name); an unknown element is inline text.
            pub fn of(name: &str) -> Tag {
                Tag(match name {
                    $($($name)|+ => $kinds,)*
                    _ => 0,
                })
            }
        }

        /// Every row, for the raw-text pattern and the tests.
        const ROWS: &[(&str, u16)] = &[$($(($name, $kinds)),+),*];
    };
}

table! {
    "p" | "div" | "blockquote" | "section" | "article" | "header" | "main" => BLOCK,
    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BLOCK | HEADING,
    "ul" | "ol" => BLOCK | LIST,
    "li" => BLOCK | ITEM,
    "dl" | "dt" | "dd" => BLOCK,
    "table" | "thead" | "tbody" | "tfoot" | "tr" | "caption" => BLOCK,
    "td" | "th" => CELL,
    "figure" => BLOCK,
    "figcaption" => CAPTION,
    "pre" | "address" | "center" | "details" | "summary" | "fieldset" | "body" | "html" => BLOCK,
    "hr" => BLOCK | VOID,
    "footer" | "aside" | "nav" => BLOCK | CHROME,
    "menu" | "dialog" => CHROME,
    "form" => FORM,
    "label" | "option" => CONTROL,
    "script" | "style" => NEVER | CODE | RAW,
    "noscript" => NEVER | CODE | RAW_SCRIPTED,
    "template" | "svg" => NEVER | CODE,
    "iframe" => NEVER | RAW,
    "textarea" | "title" => NEVER | RAW,
    "object" | "video" | "audio" | "canvas" | "button" | "select" | "head" | "map" => NEVER,
    "embed" | "input" | "meta" | "link" | "source" | "track" => NEVER | VOID,
    "xmp" | "noembed" | "noframes" => RAW,
    "br" | "img" | "wbr" | "area" | "base" | "col" | "param" => VOID,
}

impl Tag {
    fn has(self, kind: u16) -> bool {
        self.0 & kind != 0
    }

    /// Is the element's content never text to `reader`?
    pub fn never_text(self, reader: Reader) -> bool {
        self.has(NEVER)
            || match reader {
                Reader::Fragment => self.has(FORM),
                Reader::Page => self.has(CHROME | CONTROL),
            }
    }

    /// Does the element start and end a paragraph of written text?
    pub fn paragraph(self, reader: Reader) -> bool {
        match reader {
            Reader::Fragment => self.has(BLOCK),
            // Chrome is never text to a page; its blockness does not separate words in
            // the metadata strings read inside it either.
            Reader::Page => self.has(BLOCK | CAPTION | FORM) && !self.has(CHROME),
        }
    }

    /// Is the element a block of its own text: a paragraph, or to the page's scorer also
    /// a table cell?
    pub fn block(self, reader: Reader) -> bool {
        self.paragraph(reader) || (reader == Reader::Page && self.has(CELL))
    }

    /// `h1`–`h6`.
    pub fn is_heading(self) -> bool {
        self.has(HEADING)
    }

    /// `ul` or `ol`.
    pub fn is_list(self) -> bool {
        self.has(LIST)
    }

    /// `li`.
    pub fn is_item(self) -> bool {
        self.has(ITEM)
    }

    /// `td` or `th`.
    pub fn is_cell(self) -> bool {
        self.has(CELL)
    }

    /// `figcaption`.
    pub fn is_caption(self) -> bool {
        self.has(CAPTION)
    }

    /// Its content is never text, for any reader (code, media, form controls' values,
    /// the head).
    pub fn is_never(self) -> bool {
        self.has(NEVER)
    }

    /// A page's navigation and asides (`nav`, `aside`, `footer`, `menu`, `dialog`).
    pub fn is_chrome(self) -> bool {
        self.has(CHROME)
    }

    /// The text of a form control (`label`, `option`).
    pub fn is_control(self) -> bool {
        self.has(CONTROL)
    }

    /// Code or a drawing: never text, even in a metadata string.
    pub fn is_code(self) -> bool {
        self.has(CODE)
    }

    /// A void element (`br`, `img`, …): never has content.
    pub fn is_void(self) -> bool {
        self.has(VOID)
    }

    /// Is the content raw text to a tokenizer? `scripting`: as the tree parser reads it
    /// (`noscript` is raw then), else as the flat reader does.
    pub fn is_raw(self, scripting: bool) -> bool {
        self.has(RAW) || (scripting && self.has(RAW_SCRIPTED))
    }
}

/// [`Tag::of`] for a name as the bytes of markup, in any case.
pub fn of_bytes(name: &[u8]) -> Tag {
    // The longest name in the table has ten letters.
    let mut lower = [0u8; 10];
    let Some(dst) = lower.get_mut(..name.len()) else { return Tag::default() };
    dst.copy_from_slice(name);
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).map_or(Tag::default(), Tag::of)
}

/// The names of the elements whose content the tree parser reads as raw text, for
/// patterns: `script|style|…`.
pub fn raw_text_names() -> String {
    let names: Vec<&str> = ROWS.iter().filter(|(_, kinds)| Tag(*kinds).is_raw(true)).map(|(name, _)| *name).collect();
    names.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_has_one_row_and_fits_the_byte_lookup() {
        let mut names: Vec<&str> = ROWS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a tag name in two rows");
        for (name, kinds) in ROWS {
            assert_eq!(Tag::of(name), Tag(*kinds), "{name}");
            assert_eq!(of_bytes(name.to_ascii_uppercase().as_bytes()), Tag(*kinds), "{name}");
        }
        assert_eq!(of_bytes(b"blockquotes"), Tag::default());
    }

    #[test]
    fn the_readers_differ_only_on_named_kinds() {
        let (f, p) = (Reader::Fragment, Reader::Page);
        // Cells: a space in a fragment's row, their own block to the page's scorer.
        assert!(!Tag::of("td").paragraph(f) && !Tag::of("td").block(f));
        assert!(!Tag::of("td").paragraph(p) && Tag::of("td").block(p));
        assert!(Tag::of("figcaption").paragraph(p) && !Tag::of("figcaption").paragraph(f));
        assert!(Tag::of("form").never_text(f) && Tag::of("form").paragraph(p));
        assert!(Tag::of("nav").paragraph(f) && Tag::of("nav").never_text(p) && !Tag::of("nav").never_text(f));
        assert!(Tag::of("label").never_text(p) && !Tag::of("label").never_text(f));
        for name in ["p", "div", "li", "h2", "blockquote", "tr", "body"] {
            assert!(Tag::of(name).paragraph(f) && Tag::of(name).paragraph(p), "{name}");
        }
        for name in ["script", "style", "template", "iframe", "svg", "input", "head"] {
            assert!(Tag::of(name).never_text(f) && Tag::of(name).never_text(p), "{name}");
        }
        for name in ["span", "a", "b", "em", "custom-element"] {
            let t = Tag::of(name);
            assert!(!t.paragraph(f) && !t.block(p) && !t.never_text(f) && !t.never_text(p), "{name}");
        }
    }

    #[test]
    fn raw_text_names_as_the_parser_reads_them() {
        assert_eq!(raw_text_names(), "script|style|noscript|iframe|textarea|title|xmp|noembed|noframes");
        assert!(!Tag::of("noscript").is_raw(false) && Tag::of("noscript").is_raw(true));
    }
}
