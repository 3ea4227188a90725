//! Duplicate records (`--dedup`, `--near-dup`).
//!
//! Workers compute a [`Fingerprint`] of each record (in parallel); the run's ordered writer
//! feeds them to one [`Dedup`] in input order, so the first record of a run wins whatever
//! `-j` is, and the decision never depends on which worker was faster.
//!
//! - Exact: the 128-bit XXH3 hash of the body with every run of whitespace folded to one
//!   space and the ends trimmed (SHA-256 cost 240,000 instructions per record of the
//!   benchmark under callgrind, XXH3 a few thousand; the chance that two of a billion
//!   different bodies share a 128-bit hash is about 1e-21). 16 bytes, an id and a path
//!   are kept per distinct body.
//! - Near (asked for with a threshold): the same URL, or an estimated Jaccard similarity of
//!   the bodies' sets of 5-character shingles (whitespace removed) at least the threshold.
//!   The estimate is a MinHash signature of [`SIGNATURE`] 16-bit values made in one pass by
//!   one-permutation hashing (one hash per shingle, binned; empty bins filled from the next
//!   full one, circularly), so the cost is one rolling hash per character of the body.
//!   Candidates are found by LSH over [`BANDS`] bands of [`ROWS`] values: two bodies of
//!   similarity 0.9 share a band with probability 1 - (1 - 0.9^8)^16 = 0.99988. The earliest
//!   candidate whose estimated similarity reaches the threshold wins.
//!
//! Only records that are not themselves duplicates are remembered, so `duplicate_of` always
//! names a record that is in the output (also with `--dedup drop`).

use std::collections::HashMap;

use crate::record::Record;

/// MinHash values per signature.
pub const SIGNATURE: usize = 128;
/// LSH bands and rows per band (`BANDS * ROWS == SIGNATURE`).
pub const BANDS: usize = 16;
pub const ROWS: usize = 8;
const _: () = assert!(BANDS * ROWS == SIGNATURE);
/// Characters per shingle.
const SHINGLE: usize = 5;

/// What `--dedup` does with a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write it, with `duplicate_of` set.
    Mark,
    /// Write no record; one `{"source_path", "duplicate_of"}` line on the error stream.
    Drop,
}

/// How duplicates are looked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub mode: Mode,
    /// Also near duplicates: the same URL, or a body similarity at least this (0..=1).
    pub near: Option<f64>,
}

/// What the writer needs to know of a record to find its duplicates.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    pub id: String,
    pub source_path: String,
    pub url: Option<String>,
    body: [u8; 16],
    signature: Option<Box<[u16; SIGNATURE]>>,
}

impl Fingerprint {
    /// The fingerprint of `record`; the MinHash signature only when `near` is asked for.
    pub fn of(record: &Record, source_path: &str, near: bool) -> Fingerprint {
        let folded = fold_whitespace(&record.body);
        let body = twox_hash::XxHash3_128::oneshot(folded.as_bytes()).to_le_bytes();
        Fingerprint {
            id: record.id.clone(),
            source_path: source_path.to_owned(),
            url: record.url.clone(),
            body,
            signature: near.then(|| Box::new(signature_of_folded(&folded))),
        }
    }
}

/// `text` with every run of whitespace (Unicode `White_Space`) folded to one space and the
/// ends trimmed: the words of `str::split_whitespace` joined by spaces, found byte by byte
/// (only the lead bytes of the non-ASCII whitespace characters are decoded).
pub fn fold_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word_start = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Most bytes start no whitespace character: one comparison each.
        if b > b' ' && !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            at += 1;
            continue;
        }
        let space = whitespace_len(bytes.get(at..).unwrap_or_default());
        if space == 0 {
            at += 1;
            continue;
        }
        if let Some(word) = text.get(word_start..at).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        at += space;
        word_start = at;
    }
    if let Some(word) = text.get(word_start..).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The length of the whitespace character (Unicode `White_Space`) that `bytes` starts
/// with, or 0: U+0009-U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000, in UTF-8.
fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t'..=b'\r', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// splitmix64's finaliser: a well-mixed 64-bit hash of `x`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The one-permutation MinHash signature of the 5-character shingles of `text` (its
/// whitespace removed). A text shorter than a shingle is one shingle.
pub fn signature(text: &str) -> [u16; SIGNATURE] {
    signature_of_folded(&fold_whitespace(text))
}

/// [`signature`] of a text whose only whitespace is single spaces.
fn signature_of_folded(text: &str) -> [u16; SIGNATURE] {
    const EMPTY: u64 = u64::MAX;
    let mut bins = [EMPTY; SIGNATURE];
    // A rolling hash of the last SHINGLE characters (cyclic polynomial): rotate, add the
    // new character's hash, remove the one that left.
    let mut window = [0u64; SHINGLE];
    let mut rolling = 0u64;
    let mut n = 0usize;
    let add = |h: u64, bins: &mut [u64; SIGNATURE]| {
        let h = mix(h);
        let bin = (h % SIGNATURE as u64) as usize;
        let value = h / SIGNATURE as u64;
        if let Some(b) = bins.get_mut(bin)
            && value < *b
        {
            *b = value;
        }
    };
    let mut slot = 0usize;
    for c in text.chars() {
        if c == ' ' {
            continue;
        }
        // One multiply per character; the shingle's hash is mixed once, in `add`.
        let ch = (u64::from(c) | 1 << 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let out = window.get(slot).copied().unwrap_or(0);
        rolling = rolling.rotate_left(1) ^ ch ^ out.rotate_left(SHINGLE as u32);
        if let Some(w) = window.get_mut(slot) {
            *w = ch;
        }
        slot = if slot + 1 == SHINGLE { 0 } else { slot + 1 };
        n += 1;
        if n >= SHINGLE {
            add(rolling, &mut bins);
        }
    }
    if (1..SHINGLE).contains(&n) {
        add(rolling, &mut bins);
    }
    // Densify: an empty bin takes the value of the next full bin to its right (circular),
    // offset by the distance so that two texts agree on it only when they agree there.
    let mut sig = [0u16; SIGNATURE];
    if bins.iter().all(|&b| b == EMPTY) {
        return sig;
    }
    for (i, s) in sig.iter_mut().enumerate() {
        let mut d = 0;
        let v = loop {
            match bins.get((i + d) % SIGNATURE) {
                Some(&b) if b != EMPTY => break b,
                _ => d += 1,
            }
        };
        *s = (mix(v ^ ((d as u64) << 56)) & 0xffff) as u16;
    }
    sig
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u16; SIGNATURE], b: &[u16; SIGNATURE]) -> f64 {
    let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE as f64
}

/// A record of the run that later ones may duplicate.
#[derive(Debug, Clone)]
pub struct First {
    pub id: String,
    pub source_path: String,
}

/// How a record duplicates an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The same body (whitespace folded).
    Exact,
    /// The same URL or a similar body.
    Near,
}

/// The run's memory of the records seen so far, fed in input order.
#[derive(Debug, Default)]
pub struct Dedup {
    near: Option<f64>,
    firsts: Vec<First>,
    by_body: HashMap<[u8; 16], u32>,
    by_url: HashMap<String, u32>,
    bands: HashMap<u64, Vec<u32>>,
    signatures: Vec<Option<Box<[u16; SIGNATURE]>>>,
}

impl Dedup {
    pub fn new(cfg: &Config) -> Dedup {
        Dedup { near: cfg.near, ..Dedup::default() }
    }

    fn band_keys(sig: &[u16; SIGNATURE]) -> impl Iterator<Item = u64> + '_ {
        sig.chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| rows.iter().fold(mix(band as u64 + 1), |h, &v| mix(h ^ u64::from(v))))
    }

    /// The earlier record that `fp` duplicates, if any; else remember it as a first.
    pub fn check(&mut self, fp: Fingerprint) -> Option<(Kind, &First)> {
        if let Some(&i) = self.by_body.get(&fp.body) {
            return self.firsts.get(i as usize).map(|f| (Kind::Exact, f));
        }
        if let Some(threshold) = self.near {
            let mut best: Option<u32> = fp.url.as_ref().and_then(|u| self.by_url.get(u)).copied();
            if let Some(sig) = &fp.signature {
                for key in Self::band_keys(sig) {
                    for &i in self.bands.get(&key).into_iter().flatten() {
                        if best.is_some_and(|b| b <= i) {
                            continue;
                        }
                        let close = self
                            .signatures
                            .get(i as usize)
                            .and_then(Option::as_ref)
                            .is_some_and(|other| similarity(sig, other) >= threshold);
                        if close {
                            best = Some(i);
                        }
                    }
                }
            }
            if let Some(i) = best {
                return self.firsts.get(i as usize).map(|f| (Kind::Near, f));
            }
        }
        let Ok(i) = u32::try_from(self.firsts.len()) else { return None };
        self.firsts.push(First { id: fp.id, source_path: fp.source_path });
        self.by_body.insert(fp.body, i);
        if self.near.is_some() {
            if let Some(u) = fp.url {
                self.by_url.entry(u).or_insert(i);
            }
            if let Some(sig) = &fp.signature {
                for key in Self::band_keys(sig) {
                    self.bands.entry(key).or_default().push(i);
                }
            }
            self.signatures.push(fp.signature);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, url: Option<&str>, body: &str) -> Record {
        Record {
            id: id.into(),
            format: "jekyll",
            source_path: String::new(),
            title: String::new(),
            date: None,
            author: None,
            publisher: None,
            url: url.map(str::to_owned),
            archive_url: None,
            body: body.into(),
            images: vec![],
            tags: vec![],
            category: None,
            page_type: crate::record::PageType::Article,
            language: None,
            duplicate_of: None,
            warnings: vec![],
        }
    }

    const TEXT: &str = "白宮今天宣布，美國總統拜登將在6月訪問英國與比利時，出席在英國舉行的七大工業國集團領袖會談、比利時的北約領袖會議與美歐峰會。這是拜登上任後首度出國訪問。白宮新聞秘書莎琪今天發出新聞稿，宣布拜登首度出訪行程。白宮表示，這是拜登上任後的首度出訪行程，目的在彰顯他致力於恢復聯盟、振興跨大西洋關係，以及與盟國和多邊夥伴緊密合作以因應全球挑戰並更加確保美國利益的承諾。";

    #[test]
    fn similar_texts_have_similar_signatures() {
        let a = signature(TEXT);
        assert_eq!(similarity(&a, &signature(TEXT)), 1.0);
        // One character changed in ~180: most shingles are kept.
        let b = signature(&TEXT.replacen("英國", "法國", 1));
        assert!(similarity(&a, &b) > 0.85, "{}", similarity(&a, &b));
        let c = signature(
            "中美元首今早舉行視像會晤，是美國總統拜登自年初上任後，首次與國家主席習近平視像對話，預計持續兩小時。",
        );
        assert!(similarity(&a, &c) < 0.2, "{}", similarity(&a, &c));
        // Whitespace does not count.
        assert_eq!(signature("a b  c\nd e f"), signature("abcdef"));
    }

    #[test]
    fn folding_is_split_whitespace_joined() {
        for t in
            ["", " ", "a", " a  b\n\nc ", "x\u{3000}y\u{a0}z\u{2028}w\u{85}v", "中文\u{e3}", "é ü\t\u{e2}\u{80}\u{8b}"]
        {
            assert_eq!(fold_whitespace(t), t.split_whitespace().collect::<Vec<_>>().join(" "), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_matches_split_whitespace(t in "[a中 \t\n\u{b}\u{c}\r\u{a0}\u{3000}\u{3001}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}\u{1680}\u{1681}\u{e2}\u{e3}\u{c2}\u{85}\u{86}“]{0,40}") {
            proptest::prop_assert_eq!(fold_whitespace(&t), t.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn exact_first_wins_and_whitespace_is_folded() {
        let mut d = Dedup::new(&Config { mode: Mode::Mark, near: None });
        let fp = |id, path, body| Fingerprint::of(&record(id, None, body), path, false);
        assert!(d.check(fp("a", "1", "x  y\n\nz")).is_none());
        assert!(d.check(fp("b", "2", "other")).is_none());
        let (kind, first) = d.check(fp("c", "3", " x y z ")).unwrap();
        assert_eq!((kind, first.id.as_str(), first.source_path.as_str()), (Kind::Exact, "a", "1"));
    }

    #[test]
    fn near_by_url_and_by_body() {
        let mut d = Dedup::new(&Config { mode: Mode::Mark, near: Some(0.8) });
        let fp = |id, path, url, body| Fingerprint::of(&record(id, url, body), path, true);
        assert!(d.check(fp("a", "1", Some("https://x.org/1"), TEXT)).is_none());
        let revised = TEXT.replacen("英國", "法國", 1);
        let (kind, first) = d.check(fp("b", "2", None, &revised)).unwrap();
        assert_eq!((kind, first.id.as_str()), (Kind::Near, "a"));
        let (kind, first) = d.check(fp("a", "3", Some("https://x.org/1"), "a different text entirely")).unwrap();
        assert_eq!((kind, first.source_path.as_str()), (Kind::Near, "1"));
        assert!(d.check(fp("d", "4", None, "中美元首今早舉行視像會晤，是美國總統拜登自年初上任後")).is_none());
    }
}
