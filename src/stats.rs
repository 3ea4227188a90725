//! `--stats FILE`: a JSON summary of a run, gathered by the ordered writer.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::record::PageType;

/// What one input contributed, as the worker saw it.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// Bytes read (decompressed), 0 when the input could not be read.
    pub bytes: u64,
    pub publisher: Option<String>,
    pub language: Option<String>,
    pub warnings: Vec<String>,
    /// The error kind, for an input that gave no record.
    pub error: Option<&'static str>,
    /// The kind of page, for an input read (written or not).
    pub page_type: Option<PageType>,
}

/// Duplicate counts.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicates {
    /// Records whose body repeats an earlier record's.
    pub exact: u64,
    /// Records that nearly repeat an earlier one (`--near-dup`).
    pub near: u64,
    /// Of those, records not written (`--dedup drop`).
    pub dropped: u64,
}

/// The summary written by `--stats`. Maps are sorted by key.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub inputs: u64,
    /// Records written.
    pub records: u64,
    /// Inputs that gave an error object.
    pub errors: u64,
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Records carrying each warning code.
    pub warnings: BTreeMap<String, u64>,
    /// Records per publisher; records without one are counted in `no_publisher`.
    pub publishers: BTreeMap<String, u64>,
    pub no_publisher: u64,
    /// Records per language; records without one are counted in `no_language`.
    pub languages: BTreeMap<String, u64>,
    pub no_language: u64,
    /// Pages read per kind (`page_type`), whether their record was written or not.
    pub page_types: BTreeMap<String, u64>,
    /// Pages not written because `--page-type` did not ask for their kind.
    pub filtered: u64,
    pub duplicates: Duplicates,
    /// Bytes of input read (decompressed).
    pub bytes_in: u64,
    /// Bytes of records written.
    pub bytes_out: u64,
    /// Wall-clock seconds of the run (set by the caller).
    pub seconds: f64,
}

impl Stats {
    /// Count one input: `written` is the length of the record line written (0 for none).
    pub fn add(&mut self, seen: &Seen, written: usize) {
        self.inputs += 1;
        self.bytes_in += seen.bytes;
        if let Some(kind) = seen.error {
            self.errors += 1;
            *self.errors_by_kind.entry(kind.to_owned()).or_default() += 1;
            return;
        }
        if let Some(kind) = seen.page_type {
            *self.page_types.entry(kind.to_string()).or_default() += 1;
        }
        if written == 0 {
            return;
        }
        self.records += 1;
        self.bytes_out += written as u64;
        for w in &seen.warnings {
            *self.warnings.entry(w.clone()).or_default() += 1;
        }
        match &seen.publisher {
            Some(p) => *self.publishers.entry(p.clone()).or_default() += 1,
            None => self.no_publisher += 1,
        }
        match &seen.language {
            Some(l) => *self.languages.entry(l.clone()).or_default() += 1,
            None => self.no_language += 1,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
