//! Named actions: the cleaning that stays Rust because it is an algorithm rather than a
//! list (a dateline grammar, a byline block, bios), named in a rule's `actions`. Each runs
//! at one fixed point of the shared stage ([`Run`]).

use scraper::Html;

use crate::record::Article;

mod bbc;
mod cna;
mod nytimes;
mod rfi;

/// Where in the stage an action runs.
#[derive(Clone, Copy)]
pub enum Run {
    /// After the title rules.
    Title(fn(&mut Article)),
    /// On the parsed HTML, before its text is extracted (after the `html` read rules).
    Inspect(fn(&Html, &mut Article)),
    /// On the paragraphs, first (after `drop_title_repeats`).
    Early(fn(&mut Article)),
    /// On the paragraphs, after the paragraph and byline rules (before `teaser`).
    Late(fn(&mut Article)),
}

/// One named action.
pub struct Action {
    pub name: &'static str,
    /// What it does (for `newsnorm outlets show` and the README).
    pub doc: &'static str,
    pub run: Run,
}

/// Every named action.
pub static ACTIONS: &[Action] = &[
    Action {
        name: "bbc_byline",
        doc: "BBC: the name and role lines before the timestamp near the top are the byline; they and the timestamp go",
        run: Run::Early(bbc::byline),
    },
    Action {
        name: "bbc_lead_in",
        doc: "BBC: a last short line ending with a colon (the lead-in of a dropped link list) goes",
        run: Run::Late(bbc::lead_in),
    },
    Action {
        name: "bbc_captions",
        doc: "BBC: caption labels (图像加注文字，) and photo credits (©Reuters) leave the captions",
        run: Run::Late(bbc::captions),
    },
    Action {
        name: "cna_dateline",
        doc: "CNA: the reporters of the opening dateline （中央社記者X華盛頓23日專電） are the author",
        run: Run::Early(cna::dateline),
    },
    Action {
        name: "nytimes_address",
        doc: "NYT: without a header author, the <address> names are the author",
        run: Run::Inspect(nytimes::address),
    },
    Action {
        name: "nytimes_bios",
        doc: "NYT: the writers' bios before the closing credits go; the people they introduce are the authors",
        run: Run::Late(nytimes::bios),
    },
    Action {
        name: "rfi_stamp",
        doc: "RFI: the DD/MM/YYYY - HH:MM line among the first three paragraphs goes",
        run: Run::Early(rfi::stamp),
    },
    Action {
        name: "rfi_columns",
        doc: "RFI: a programme name after ' - ' in the title, or the URL's section, is the category",
        run: Run::Title(rfi::columns),
    },
];

/// The action called `name`.
pub fn by_name(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}
