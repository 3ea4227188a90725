//! WARC files (`.warc`, `.warc.gz`) as containers of inputs, read as a stream.
//!
//! Only one record's payload is in memory at a time (at most `--max-size` bytes): a
//! 1 GB capture is read in bounded memory. Each `response` record whose HTTP status is
//! 2xx and whose payload is HTML is one input, named `FILE#OFFSET`; every other record
//! (`warcinfo`, `request`, `metadata`, `revisit`, non-2xx responses such as 404s and
//! redirects, images, scripts, empty bodies) is skipped and counted.
//!
//! Compression: a file that starts with the gzip magic is read as a sequence of gzip
//! members, whichever way it was written (one member per record, as Common Crawl,
//! `wget --warc-file` and Heritrix write it, or the whole file in one member).
//!
//! `OFFSET`: for a record that starts a gzip member (per-record gzip), the byte offset
//! of that member in the file, as Common Crawl's indexes give it, so
//! `tail -c +$((OFFSET+1)) FILE | gzip -dc | head` shows the record; otherwise (an
//! uncompressed file, or a record inside a whole-file gzip member) the byte offset of
//! its `WARC/1.x` line in the uncompressed stream.
//!
//! Payloads: the HTTP headers are read for the status, `Content-Type` (the media type
//! decides HTML; its `charset` goes to [`Hint::encoding`]), `Transfer-Encoding: chunked`
//! and `Content-Encoding` (gzip, x-gzip, deflate; decoded with the decompressed size
//! limited by `--max-size`). `WARC-Target-URI` becomes [`Hint::url`].
//!
//! Damage: a record that cannot be read (no `WARC/1.x` line where one should start, no
//! valid `Content-Length`, cut short, a damaged gzip member) gives one `warc_invalid`
//! error; the reader then scans for the next `WARC/1.` (and, in a gzip file whose member
//! is damaged, for the next gzip member), silently, and goes on from there. A record
//! whose `Content-Length` does not land on a record boundary (the data ends first, or
//! what follows the block is not the blank lines that end a record) is damaged itself,
//! not the records its wrong length would swallow: the reader goes back to the end of
//! its header (the file is seekable; a gzip member is inflated again from its start)
//! and scans for the next record from there. Going back re-reads at most as much as the
//! reader has read in all (beyond that it scans on from where it is), so a file of many
//! such records is still read in linear time. Bytes between an intact record (one
//! whose block is followed by its blank lines) and the next are one error of their own.

use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::Encoding;
use flate2::bufread::GzDecoder;

use super::gzip;
use super::{Input, Source};
use crate::error::Error;
use crate::pipeline::Hint;

/// The most a WARC record header or an HTTP header block may take.
const MAX_HEADER: usize = 64 * 1024;
/// The raw read buffer.
const RAW_BUF: usize = 256 * 1024;
/// The buffer of decompressed data.
const INFLATED_BUF: usize = 64 * 1024;

/// The path names a WARC file: `.warc` or `.warc.gz` (any case).
pub fn is_warc_name(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let name = name.to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// How many WARC records a run skipped (not inputs: requests, metadata, redirects,
/// images...). Shared by the readers of a run and whoever reports on it.
#[derive(Debug, Clone, Default)]
pub struct SkipCount(Arc<AtomicU64>);

impl SkipCount {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// A buffered reader over the file that counts the bytes consumed and can look a few
/// bytes ahead across buffer refills.
struct Raw<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pos: u64,
    eof: bool,
}

impl<R: Read> Raw<R> {
    fn new(inner: R) -> Self {
        Raw::with_capacity(inner, RAW_BUF)
    }

    fn with_capacity(inner: R, capacity: usize) -> Self {
        Raw { inner, buf: vec![0; capacity], start: 0, end: 0, pos: 0, eof: false }
    }

    fn read_more(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let Some(spare) = self.buf.get_mut(self.end..).filter(|s| !s.is_empty()) else { return Ok(()) };
        loop {
            match self.inner.read(spare) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// At least `n` bytes buffered, unless the file ends first.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.start < n && !self.eof {
            self.read_more()?;
        }
        Ok(self.buf.get(self.start..self.end).unwrap_or_default())
    }
}

impl<R: Read> Read for Raw<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, out)
    }
}

/// `read` of a reader that keeps its own buffer: a copy of what [`BufRead::fill_buf`] has.
fn read_buffered(r: &mut impl BufRead, out: &mut [u8]) -> io::Result<usize> {
    let avail = r.fill_buf()?;
    let n = avail.len().min(out.len());
    if let (Some(dst), Some(src)) = (out.get_mut(..n), avail.get(..n)) {
        dst.copy_from_slice(src);
    }
    r.consume(n);
    Ok(n)
}

impl<R: Read> BufRead for Raw<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end && !self.eof {
            self.read_more()?;
        }
        Ok(self.buf.get(self.start..self.end).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.pos += n as u64;
    }
}

/// A gzip member's inflated data, buffered so that a few bytes can be looked at ahead.
type Member<R> = Raw<GzDecoder<Raw<R>>>;

enum Layer<R> {
    /// An uncompressed file.
    Plain(Raw<R>),
    /// Inside a gzip member (boxed: the inflate state is large).
    Member(Box<Member<R>>),
    /// A gzip file, between members (or at its end).
    Between(Raw<R>),
    /// Only while switching layers.
    Gone,
}

/// The uncompressed content of a WARC file, with positions.
struct Stream<R> {
    layer: Layer<R>,
    gzip: bool,
    /// Bytes of uncompressed content consumed.
    pos: u64,
    /// File offset of the current gzip member.
    member_start: u64,
    /// Bytes of uncompressed content before the current gzip member.
    member_pos: u64,
    /// Only CR and LF consumed since the current gzip member began.
    blank_only: bool,
    /// A gzip member failed to inflate (or non-gzip data followed one): the member's
    /// data is unusable until [`Stream::next_member`] finds another.
    broken: Option<String>,
}

/// An error of the gzip layer (not of the device).
fn gzip_error(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, GzipDamage(msg))
}

#[derive(Debug)]
struct GzipDamage(String);

impl std::fmt::Display for GzipDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipDamage {}

impl<R: Read> Stream<R> {
    fn new(inner: R) -> io::Result<Self> {
        let mut raw = Raw::new(inner);
        let gzip = gzip::is_gzip(raw.peek(2)?);
        let layer = if gzip { Layer::Between(raw) } else { Layer::Plain(raw) };
        Ok(Stream { layer, gzip, pos: 0, member_start: 0, member_pos: 0, blank_only: true, broken: None })
    }

    /// Where a record starting here is said to be (see the module documentation).
    fn record_offset(&self) -> u64 {
        if self.gzip && self.blank_only { self.member_start } else { self.pos }
    }

    fn take_raw(&mut self) -> Option<Raw<R>> {
        match std::mem::replace(&mut self.layer, Layer::Gone) {
            Layer::Plain(raw) | Layer::Between(raw) => Some(raw),
            Layer::Member(m) => Some(m.inner.into_inner()),
            Layer::Gone => None,
        }
    }

    /// At least `n` bytes of content ahead, unless the data (or the gzip member) ends
    /// first. Call after `fill_buf`, which moves into the next member.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if let Layer::Member(m) = &mut self.layer
            && let Err(e) = m.peek(n)
        {
            if e.raw_os_error().is_some() {
                return Err(e);
            }
            let at = self.member_start;
            return Err(self.fail(format!("the gzip member at byte {at} is damaged ({e})")));
        }
        match &mut self.layer {
            Layer::Plain(raw) | Layer::Between(raw) => raw.peek(n),
            Layer::Member(m) => m.peek(n),
            Layer::Gone => Ok(&[]),
        }
    }

    /// Where the reader is, to come back to with [`Stream::rewind`].
    fn mark(&self) -> Mark {
        if self.gzip {
            Mark { raw: self.member_start, pos: self.pos, member_pos: self.member_pos }
        } else {
            Mark { raw: self.pos, pos: self.pos, member_pos: self.pos }
        }
    }

    fn fail(&mut self, msg: String) -> io::Error {
        self.broken = Some(msg.clone());
        gzip_error(msg)
    }

    /// After a damaged gzip member: skip to the next gzip magic (`1f 8b 08`) after the
    /// start of the damaged one, to try a member from there.
    fn next_member(&mut self) -> io::Result<()> {
        self.broken = None;
        let Some(mut raw) = self.take_raw() else { return Ok(()) };
        if raw.pos <= self.member_start {
            raw.consume(1);
        }
        loop {
            let buf = raw.peek(3)?;
            if buf.len() < 3 {
                let n = buf.len();
                raw.consume(n);
                break;
            }
            if buf.starts_with(&[0x1f, 0x8b, 0x08]) {
                break;
            }
            let skip = memchr::memchr(0x1f, buf.get(1..).unwrap_or_default()).map_or(buf.len(), |i| i + 1);
            raw.consume(skip);
        }
        self.layer = Layer::Between(raw);
        Ok(())
    }
}

/// A place in a WARC file to come back to: the file offset to read from (the start of
/// the gzip member holding it), and how much content lies before it and before that.
#[derive(Debug, Clone, Copy)]
struct Mark {
    raw: u64,
    pos: u64,
    member_pos: u64,
}

impl Mark {
    /// The content read again to come back here from `pos`.
    fn cost(&self, pos: u64) -> u64 {
        pos.saturating_sub(self.pos) + (self.pos - self.member_pos)
    }
}

impl<R: Read + Seek> Stream<R> {
    /// Go back to `mark`: seek the file, inflate its gzip member again up to it.
    fn rewind(&mut self, mark: Mark) -> io::Result<()> {
        // Seek first: a file that cannot seek stays as it is.
        let inner = match &mut self.layer {
            Layer::Plain(raw) | Layer::Between(raw) => &mut raw.inner,
            Layer::Member(m) => &mut m.inner.get_mut().inner,
            Layer::Gone => return Err(io::Error::other("no data")),
        };
        inner.seek(SeekFrom::Start(mark.raw))?;
        let mut raw = self.take_raw().ok_or_else(|| io::Error::other("no data"))?;
        (raw.start, raw.end, raw.pos, raw.eof) = (0, 0, mark.raw, false);
        self.broken = None;
        if self.gzip {
            self.member_start = mark.raw;
            self.member_pos = mark.member_pos;
            self.pos = mark.member_pos;
            self.blank_only = true;
            self.layer = Layer::Member(Box::new(Raw::with_capacity(GzDecoder::new(raw), INFLATED_BUF)));
            if !skip_bytes(self, mark.pos - mark.member_pos)? {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the data changed while it was read"));
            }
        } else {
            self.pos = mark.pos;
            self.blank_only = false;
            self.layer = Layer::Plain(raw);
        }
        Ok(())
    }
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, out)
    }
}

impl<R: Read> BufRead for Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(msg) = &self.broken {
            return Err(gzip_error(msg.clone()));
        }
        loop {
            let ready = match &mut self.layer {
                Layer::Plain(_) | Layer::Gone => true,
                Layer::Member(m) => match m.fill_buf() {
                    Ok(buf) => !buf.is_empty(),
                    Err(e) if e.raw_os_error().is_some() => return Err(e),
                    Err(e) => {
                        let at = self.member_start;
                        let what = match e.kind() {
                            io::ErrorKind::UnexpectedEof => "is cut short".to_owned(),
                            _ => format!("is damaged ({e})"),
                        };
                        return Err(self.fail(format!("the gzip member at byte {at} {what}")));
                    }
                },
                Layer::Between(raw) => {
                    // Zero bytes after a member are padding (as `gzip -d` reads them).
                    loop {
                        let zeros = raw.peek(1)?.iter().take_while(|&&b| b == 0).count();
                        if zeros == 0 {
                            break;
                        }
                        let buffered = raw.fill_buf()?;
                        let n = buffered.iter().take_while(|&&b| b == 0).count();
                        raw.consume(n);
                    }
                    let head = raw.peek(2)?;
                    if head.is_empty() {
                        true
                    } else if gzip::is_gzip(head) {
                        false
                    } else {
                        let at = raw.pos;
                        return Err(self.fail(format!("the data at byte {at} is not a gzip member")));
                    }
                }
            };
            if ready {
                break;
            }
            // A member ended (start the next one), or the next one starts here.
            match std::mem::replace(&mut self.layer, Layer::Gone) {
                Layer::Member(m) => self.layer = Layer::Between(m.inner.into_inner()),
                Layer::Between(raw) => {
                    self.member_start = raw.pos;
                    self.member_pos = self.pos;
                    self.blank_only = true;
                    self.layer = Layer::Member(Box::new(Raw::with_capacity(GzDecoder::new(raw), INFLATED_BUF)));
                }
                other => self.layer = other,
            }
        }
        match &mut self.layer {
            Layer::Plain(raw) | Layer::Between(raw) => raw.fill_buf(),
            Layer::Member(m) => m.fill_buf(),
            Layer::Gone => Ok(&[]),
        }
    }

    fn consume(&mut self, n: usize) {
        if self.blank_only {
            let buffered = match &self.layer {
                Layer::Plain(raw) | Layer::Between(raw) => raw.buf.get(raw.start..raw.end).unwrap_or_default(),
                Layer::Member(m) => m.buf.get(m.start..m.end).unwrap_or_default(),
                Layer::Gone => &[],
            };
            let eaten = buffered.get(..n).unwrap_or(buffered);
            if !eaten.iter().all(|&b| b == b'\r' || b == b'\n') {
                self.blank_only = false;
            }
        }
        self.pos += n as u64;
        match &mut self.layer {
            Layer::Plain(raw) | Layer::Between(raw) => raw.consume(n),
            Layer::Member(m) => m.consume(n),
            Layer::Gone => {}
        }
    }
}

/// How a line read ended.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// Through its `\n`.
    Full,
    /// The data ended first (what there was is in the buffer).
    Eof,
    /// Longer than allowed.
    TooLong,
}

/// Read one line (through its `\n`) onto `out`, which may grow to at most `max` bytes.
fn read_line(r: &mut impl BufRead, out: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(Line::Eof);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if out.len() + take > max {
            return Ok(Line::TooLong);
        }
        out.extend_from_slice(buf.get(..take).unwrap_or_default());
        r.consume(take);
        if done {
            return Ok(Line::Full);
        }
    }
}

/// Discard `n` bytes; false if the data ended first.
fn skip_bytes(r: &mut impl BufRead, mut n: u64) -> io::Result<bool> {
    while n > 0 {
        let avail = r.fill_buf()?.len();
        if avail == 0 {
            return Ok(false);
        }
        let take = (avail as u64).min(n);
        r.consume(take as usize);
        n -= take;
    }
    Ok(true)
}

/// Header fields, names as written.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `Name: value` lines (continuation lines, starting with a space or tab, are
    /// appended to the previous value); lines without a colon are ignored.
    fn parse(block: &[u8]) -> Headers {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in block.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let text = String::from_utf8_lossy(line);
            if text.starts_with([' ', '\t']) {
                if let Some((_, v)) = fields.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            if let Some((name, value)) = text.split_once(':') {
                fields.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        Headers(fields)
    }
}

/// What one step of the reader gives.
enum Step {
    Input(Input),
    Skipped,
    End,
}

/// Why a record could not be read.
enum Fail {
    /// The record is damaged: one `warc_invalid` error, then resynchronise from here.
    Damaged(String),
    /// The record's `Content-Length` does not land on a record boundary: one
    /// `warc_invalid` error, then resynchronise from the end of its header (`Mark`), so
    /// the records its wrong length ran over are read.
    Overrun(String, Mark),
    /// The file cannot be read any further (a device error).
    Io(io::Error),
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        if e.raw_os_error().is_some() {
            return Fail::Io(e);
        }
        match e.get_ref().and_then(|inner| inner.downcast_ref::<GzipDamage>()) {
            Some(damage) => Fail::Damaged(damage.0.clone()),
            None => Fail::Damaged(e.to_string()),
        }
    }
}

/// The inputs of one WARC file, lazily, one record at a time.
pub struct Reader<R: Read + Seek> {
    display: String,
    stream: Option<Stream<R>>,
    /// Opening failed: the one error to give.
    open_error: Option<Error>,
    max_size: u64,
    skipped: SkipCount,
    /// After a damaged record: scan for the next record before reading on.
    resync: bool,
    /// The furthest content offset reached, and how much has been read again after going
    /// back: going back is allowed while the second stays under the first.
    furthest: u64,
    reread: u64,
    done: bool,
}

impl<R: Read + Seek> Reader<R> {
    /// The inputs of the WARC data `inner`, named `display#OFFSET`; payloads over
    /// `max_size` bytes are `too_large` errors; skipped records are counted in `skipped`.
    /// A record whose `Content-Length` is wrong is found again by seeking back in
    /// `inner` (a file that cannot seek, such as a FIFO, is scanned on instead).
    pub fn new(inner: R, display: String, max_size: u64, skipped: SkipCount) -> Self {
        let (stream, open_error) = match Stream::new(inner) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(Error::from_io(e))),
        };
        Reader { display, stream, open_error, max_size, skipped, resync: false, furthest: 0, reread: 0, done: false }
    }

    fn input(&self, offset: u64, source: Result<Source, Error>, hint: Hint) -> Input {
        Input { display: format!("{}#{offset}", self.display), source, hint }
    }

    /// Scan for the next `WARC/1.` (or `WARC/0.`), anywhere: a stray byte may stand
    /// before it on its line. The stream is left at its `W`; false at the end of the data.
    fn resynchronise(stream: &mut Stream<R>) -> io::Result<bool> {
        loop {
            if stream.broken.is_some() {
                stream.next_member()?;
            }
            // Into the next gzip member first, if this one ended.
            let found = match stream.fill_buf() {
                Ok([]) => return Ok(false),
                Ok(buf) => Ok(memchr::memchr(b'W', buf).ok_or(buf.len())),
                Err(e) => Err(e),
            };
            let found = match found {
                Ok(found) => found,
                Err(_) if stream.broken.is_some() => continue, // a damaged gzip member: try the next
                Err(e) => return Err(e),
            };
            match found {
                Err(all) => stream.consume(all),
                Ok(at) => {
                    stream.consume(at);
                    let head = stream.peek(7).map(|h| h.starts_with(b"WARC/1.") || h.starts_with(b"WARC/0."));
                    match head {
                        Ok(true) => return Ok(true),
                        Ok(false) => stream.consume(1),
                        Err(_) if stream.broken.is_some() => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }

    fn step(&mut self) -> Result<Step, (u64, Fail)> {
        let max_size = self.max_size;
        let Some(stream) = self.stream.as_mut() else { return Ok(Step::End) };
        if self.resync {
            self.resync = false;
            match Self::resynchronise(stream) {
                Ok(true) => {}
                Ok(false) => return Ok(Step::End),
                Err(e) => return Err((stream.pos, Fail::Io(e))),
            }
        }
        // Blank lines between records are tolerated.
        loop {
            let n = match stream.fill_buf() {
                Ok(buf) => Ok(buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count()),
                Err(e) => Err(e),
            };
            let n = n.map_err(|e| (stream.record_offset(), Fail::from(e)))?;
            if n == 0 {
                break;
            }
            stream.consume(n);
        }
        let offset = stream.record_offset();
        let head = stream.peek(5).map_err(|e| (offset, e.into()))?;
        if head.is_empty() {
            return Ok(Step::End);
        }
        if !head.starts_with(b"WARC/") {
            // Left unread: the scan for the next record starts here.
            let what = "no `WARC/1.x` version line where a record should start".to_owned();
            return Err((offset, Fail::Damaged(what)));
        }
        let mut first = Vec::new();
        match read_line(stream, &mut first, MAX_HEADER).map_err(|e| (offset, e.into()))? {
            Line::Full => {}
            _ => return Err((offset, Fail::Damaged("the record header is cut short".to_owned()))),
        }
        self.furthest = self.furthest.max(stream.pos);
        let read = read_record(stream, first, max_size);
        self.furthest = self.furthest.max(stream.pos);
        read.map_err(|f| (offset, f)).map(|r| match r {
            Some((source, hint)) => Step::Input(Input { display: format!("{}#{offset}", self.display), source, hint }),
            None => Step::Skipped,
        })
    }

    /// After a record whose length ran past its end: go back to the end of its header,
    /// if that costs no more than what is left of the allowance.
    fn go_back(&mut self, mark: Mark) {
        let Some(stream) = self.stream.as_mut() else { return };
        let cost = mark.cost(stream.pos);
        if self.reread.saturating_add(cost) > self.furthest {
            return;
        }
        // A file that cannot seek (a FIFO) is scanned on from where it is.
        if stream.rewind(mark).is_ok() {
            self.reread += cost;
        }
    }
}

/// Read one record after its first line: `Some` for an input (its payload, or why the
/// payload cannot be had), `None` for a record that is not an input.
type Payload = (Result<Source, Error>, Hint);

fn read_record<R: Read>(stream: &mut Stream<R>, first: Vec<u8>, max_size: u64) -> Result<Option<Payload>, Fail> {
    let mut header = first;
    loop {
        let before = header.len();
        match read_line(stream, &mut header, MAX_HEADER)? {
            Line::Full => {}
            Line::Eof => return Err(Fail::Damaged("the record header is cut short".to_owned())),
            Line::TooLong => {
                return Err(Fail::Damaged(format!("the record header is over {} KiB", MAX_HEADER / 1024)));
            }
        }
        let line = header.get(before..).unwrap_or_default();
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let headers = Headers::parse(&header);
    let length: u64 = headers
        .get("Content-Length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Fail::Damaged("the record header has no valid Content-Length".to_owned()))?;
    let block_start = stream.mark();
    let overrun =
        |what: String| Fail::Overrun(format!("{what}; the next record is looked for after its header"), block_start);
    let is_response = headers.get("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
    let mut block = (&mut *stream).take(length);
    let result = match if is_response { read_response(&mut block, &headers, max_size) } else { Ok(None) } {
        Err(Fail::Damaged(msg)) if msg.starts_with(CUT_SHORT) => return Err(overrun(msg)),
        other => other?,
    };
    let left = block.limit();
    if !skip_bytes(stream, left)? {
        return Err(overrun(format!(
            "{CUT_SHORT}: the data ends before the {length} bytes its Content-Length gives (or that length is wrong)"
        )));
    }
    if !end_of_record(stream)? {
        return Err(overrun(format!(
            "the record's block is not followed by the blank lines that end a record: its Content-Length of {length} \
             bytes is wrong"
        )));
    }
    Ok(result)
}

/// How the message of a payload cut short by the end of the data starts.
const CUT_SHORT: &str = "the record is cut short";

/// After a block: the CRLFs that end a record (some writers leave out one, or use bare
/// LFs). True when they are there, or the data ends, or the next record starts at once:
/// the block's length landed on a record boundary (whatever follows the blank lines is
/// the next step's to read, or to report). False when something else follows the block.
fn end_of_record<R: Read>(stream: &mut Stream<R>) -> Result<bool, Fail> {
    let mut eaten = 0;
    loop {
        let next = match stream.fill_buf().map(|buf| buf.first().copied()) {
            Ok(next) => next,
            // The next gzip member is damaged: that is the next record's error.
            Err(_) if stream.broken.is_some() && stream.blank_only => return Ok(true),
            Err(e) => return Err(e.into()),
        };
        match next {
            None | Some(b'W') => return Ok(true),
            Some(b'\r' | b'\n') if eaten < 4 => {
                stream.consume(1);
                eaten += 1;
            }
            Some(_) => return Ok(eaten >= 2),
        }
    }
}

/// An HTTP response block: `Some` when it is an input (a 2xx HTML payload).
fn read_response<R: Read>(
    block: &mut io::Take<&mut Stream<R>>,
    warc: &Headers,
    max_size: u64,
) -> Result<Option<Payload>, Fail> {
    let mut head = Vec::new();
    match read_line(block, &mut head, MAX_HEADER)? {
        Line::Full => {}
        _ => return Ok(None),
    }
    let status_len = head.len();
    let status_line = String::from_utf8_lossy(&head).into_owned();
    let mut parts = status_line.split_ascii_whitespace();
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else { return Ok(None) };
    if !version.starts_with("HTTP/") {
        return Ok(None); // not HTTP: a `dns:` lookup, a `whois:` record...
    }
    let status: u16 = code.parse().unwrap_or(0);
    loop {
        let before = head.len();
        match read_line(block, &mut head, MAX_HEADER)? {
            Line::Full => {}
            Line::Eof => break, // headers without a body
            Line::TooLong => return Ok(Some(fail_payload(warc, "the HTTP header is over 64 KiB"))),
        }
        let line = head.get(before..).unwrap_or_default();
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let http = Headers::parse(head.get(status_len..).unwrap_or_default());
    let content_type = http.get("Content-Type").unwrap_or("");
    let (media, charset) = media_type(content_type);
    let left = block.limit();
    let html = match media.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        "" => true, // decided from the payload below
        _ => false,
    };
    if !html {
        return Ok(None);
    }
    if left > max_size {
        return Ok(Some((Err(Error::TooLarge { size: Some(left), limit: max_size }), hint(warc, None))));
    }
    let mut body = Vec::with_capacity(usize::try_from(left.min(1 << 20)).unwrap_or(0));
    block.read_to_end(&mut body)?;
    if (body.len() as u64) < left {
        return Err(Fail::Damaged(format!(
            "{CUT_SHORT}: its payload should have {left} bytes, the data ends after {}",
            body.len()
        )));
    }
    let chunked = http.get("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        match dechunk(&body) {
            Ok(Some(plain)) => body = plain,
            Ok(None) => {} // the writer stored it de-chunked already
            Err(msg) => return Ok(Some(fail_payload(warc, &msg))),
        }
    }
    if let Some(encodings) = http.get("Content-Encoding") {
        match decode_content(body, encodings, max_size) {
            Ok(decoded) => body = decoded,
            Err(e) => return Ok(Some((Err(e), hint(warc, None)))),
        }
    }
    if media.is_empty() && !looks_like_html(&body) {
        return Ok(None);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None); // no payload: nothing to read
    }
    Ok(Some((Ok(Source::Bytes(body)), hint(warc, charset.as_deref().and_then(|c| Encoding::for_label(c.as_bytes()))))))
}

fn fail_payload(warc: &Headers, msg: &str) -> Payload {
    (Err(Error::Decode(msg.to_owned())), hint(warc, None))
}

fn hint(warc: &Headers, encoding: Option<&'static Encoding>) -> Hint {
    let url = warc
        .get("WARC-Target-URI")
        .map(|u| u.trim_start_matches('<').trim_end_matches('>').trim().to_owned())
        .filter(|u| !u.is_empty());
    Hint { url, encoding, ..Hint::default() }
}

/// `text/html; charset="GBK"` -> (`text/html`, `Some("GBK")`).
fn media_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_owned())
    });
    (media, charset.filter(|c| !c.is_empty()))
}

/// A payload without a Content-Type: HTML when it opens like a page.
fn looks_like_html(body: &[u8]) -> bool {
    let head = body.get(..1024).unwrap_or(body).to_ascii_lowercase();
    memchr::memmem::find(&head, b"<!doctype html").is_some() || memchr::memmem::find(&head, b"<html").is_some()
}

/// Undo `Transfer-Encoding: chunked`. `Ok(None)`: the body does not start with a chunk
/// size line, so it was stored de-chunked. A body cut short inside a chunk keeps what
/// there is (captures are often truncated).
fn dechunk(body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    while let Some(nl) = memchr::memchr(b'\n', rest) {
        let line = rest.get(..nl).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let size_text = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = std::str::from_utf8(size_text)
            .ok()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|s| u64::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            if first {
                return Ok(None);
            }
            return Err("the chunked transfer encoding is damaged (a chunk size that is not hex)".to_owned());
        };
        first = false;
        rest = rest.get(nl + 1..).unwrap_or_default();
        if size == 0 {
            break;
        }
        let take = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        out.extend_from_slice(rest.get(..take).unwrap_or_default());
        rest = rest.get(take..).unwrap_or_default();
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    if first {
        return Ok(None);
    }
    Ok(Some(out))
}

/// Undo a `Content-Encoding` list (applied in order, so undone last first), with the
/// decoded size limited to `max_size`. A gzip payload without the gzip magic was stored
/// decoded already and is kept as it is.
fn decode_content(mut body: Vec<u8>, encodings: &str, max_size: u64) -> Result<Vec<u8>, Error> {
    for enc in encodings.rsplit(',').map(|e| e.trim().to_ascii_lowercase()) {
        match enc.as_str() {
            "" | "identity" => {}
            "gzip" | "x-gzip" => {
                if gzip::is_gzip(&body) {
                    let mut out = Vec::new();
                    gzip::decompress(&body, max_size, &mut out).map_err(|e| match e {
                        Error::Decode(m) => Error::Decode(format!("Content-Encoding: gzip payload: {m}")),
                        other => other,
                    })?;
                    body = out;
                }
            }
            "deflate" => {
                let mut out = Vec::new();
                let zlib =
                    flate2::read::ZlibDecoder::new(&body[..]).take(max_size.saturating_add(1)).read_to_end(&mut out);
                if zlib.is_err() {
                    out.clear();
                    flate2::read::DeflateDecoder::new(&body[..])
                        .take(max_size.saturating_add(1))
                        .read_to_end(&mut out)
                        .map_err(|e| gzip::damaged(e, "the Content-Encoding: deflate payload"))?;
                }
                if out.len() as u64 > max_size {
                    return Err(Error::TooLarge { size: None, limit: max_size });
                }
                body = out;
            }
            other => return Err(Error::Decode(format!("Content-Encoding {other} is not supported"))),
        }
    }
    Ok(body)
}

impl<R: Read + Seek> Iterator for Reader<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if let Some(e) = self.open_error.take() {
            self.done = true;
            return Some(Input::new(self.display.clone(), Err(e)));
        }
        while !self.done {
            match self.step() {
                Ok(Step::Input(input)) => return Some(input),
                Ok(Step::Skipped) => self.skipped.add(),
                Ok(Step::End) => self.done = true,
                Err((offset, Fail::Damaged(msg))) => {
                    self.resync = true;
                    return Some(self.input(offset, Err(Error::WarcInvalid(msg)), Hint::default()));
                }
                Err((offset, Fail::Overrun(msg, mark))) => {
                    self.go_back(mark);
                    self.resync = true;
                    return Some(self.input(offset, Err(Error::WarcInvalid(msg)), Hint::default()));
                }
                Err((offset, Fail::Io(e))) => {
                    self.done = true;
                    return Some(self.input(offset, Err(Error::from_io(e)), Hint::default()));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        h.extend_from_slice(body);
        h
    }

    fn html(uri: &str, body: &str) -> Vec<u8> {
        record("response", uri, &http("200 OK", "Content-Type: text/html\r\n", body.as_bytes()))
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    /// (source_path, payload or error kind, url) of an input.
    type Got = (String, Result<Vec<u8>, &'static str>, Option<String>);

    /// Every input of `data`, and the skip count.
    fn read_all(data: &[u8], max_size: u64) -> (Vec<Got>, u64) {
        let skipped = SkipCount::default();
        let inputs = Reader::new(io::Cursor::new(data), "w".to_owned(), max_size, skipped.clone())
            .map(|i| {
                let payload = match i.source {
                    Ok(Source::Bytes(b)) => Ok(b),
                    Ok(other) => panic!("not bytes: {other:?}"),
                    Err(e) => Err(e.kind()),
                };
                (i.display, payload, i.hint.url)
            })
            .collect();
        (inputs, skipped.get())
    }

    fn sample() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "http://a.example/1", b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            html("http://a.example/1", "<html>one</html>"),
            record("response", "http://a.example/2", &http("404 Not Found", "Content-Type: text/html\r\n", b"gone")),
            record("response", "http://a.example/3", &http("301 Moved", "Location: /1\r\n", b"")),
            record("response", "http://a.example/i.png", &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG")),
            html("<http://a.example/4>", "<html>four</html>"),
        ]
    }

    #[test]
    fn plain_file_offsets_skips_and_urls() {
        let records = sample();
        let data = records.concat();
        let (inputs, skipped) = read_all(&data, 1 << 20);
        let at = |i: usize| records[..i].iter().map(Vec::len).sum::<usize>();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].0, format!("w#{}", at(2)));
        assert_eq!(inputs[0].1.as_deref(), Ok(&b"<html>one</html>"[..]));
        assert_eq!(inputs[0].2.as_deref(), Some("http://a.example/1"));
        assert_eq!(inputs[1].0, format!("w#{}", at(6)));
        assert_eq!(inputs[1].2.as_deref(), Some("http://a.example/4"));
        assert_eq!(skipped, 5);
    }

    #[test]
    fn per_record_gzip_gives_member_offsets_and_whole_file_gzip_stream_offsets() {
        let records = sample();
        let members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
        let (inputs, skipped) = read_all(&members.concat(), 1 << 20);
        let at = |i: usize| members[..i].iter().map(Vec::len).sum::<usize>();
        let paths: Vec<_> = inputs.iter().map(|i| i.0.clone()).collect();
        assert_eq!(paths, [format!("w#{}", at(2)), format!("w#{}", at(6))]);
        assert_eq!(skipped, 5);

        let (inputs, _) = read_all(&gz(&records.concat()), 1 << 20);
        let at = |i: usize| records[..i].iter().map(Vec::len).sum::<usize>();
        let paths: Vec<_> = inputs.iter().map(|i| i.0.clone()).collect();
        assert_eq!(paths, [format!("w#{}", at(2)), format!("w#{}", at(6))]);
        assert_eq!(inputs[1].1.as_deref(), Ok(&b"<html>four</html>"[..]));
    }

    #[test]
    fn chunked_gzip_encoded_and_charset() {
        let chunked = http(
            "200 OK",
            "Content-Type: text/html; charset=\"GBK\"\r\nTransfer-Encoding: chunked\r\n",
            b"5\r\n<html\r\nc;ext=1\r\n>\xc4\xe3\xba\xc3</html>\r\n0\r\n\r\n",
        );
        let body = gz(b"<html>zipped</html>");
        let mut zipped = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        zipped.extend_from_slice(&body);
        let data = [record("response", "http://c/1", &chunked), record("response", "http://c/2", &zipped)].concat();
        let skipped = SkipCount::default();
        let inputs: Vec<Input> = Reader::new(io::Cursor::new(&data[..]), "w".to_owned(), 1 << 20, skipped).collect();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].source.as_ref().unwrap(), &Source::Bytes(b"<html>\xc4\xe3\xba\xc3</html>".to_vec()));
        assert_eq!(inputs[0].hint.encoding, Some(encoding_rs::GBK));
        assert_eq!(inputs[1].source.as_ref().unwrap(), &Source::Bytes(b"<html>zipped</html>".to_vec()));
        assert_eq!(inputs[1].hint.encoding, None);
    }

    #[test]
    fn payload_limits() {
        let data = [html("http://a/1", &"x".repeat(200)), html("http://a/2", "<html>ok</html>")].concat();
        let (inputs, _) = read_all(&data, 100);
        assert_eq!(inputs[0].1, Err("too_large"));
        assert!(inputs[1].1.is_ok());
        // A gzip bomb in a payload stops at the limit.
        let bomb = gz(&vec![b' '; 1 << 20]);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&bomb);
        let (inputs, _) = read_all(&record("response", "http://b", &block), 1000);
        assert_eq!(inputs[0].1, Err("too_large"));
    }

    #[test]
    fn truncated_last_record_is_one_error() {
        let records = sample();
        let whole = records.concat();
        let last = records[..6].iter().map(Vec::len).sum::<usize>();
        for cut in [last + 5, last + 60, whole.len() - 10] {
            let (inputs, _) = read_all(&whole[..cut], 1 << 20);
            let errors: Vec<_> = inputs.iter().filter(|i| i.1.is_err()).collect();
            assert_eq!(inputs.len(), 2, "cut at {cut}: {inputs:?}");
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].0, format!("w#{last}"));
            assert_eq!(errors[0].1, Err("warc_invalid"));
        }
        // Cut inside a gzip member.
        let members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
        let all = members.concat();
        let (inputs, _) = read_all(&all[..all.len() - 8], 1 << 20);
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[1].1, Err("warc_invalid"));
        assert_eq!(inputs[1].0, format!("w#{}", all.len() - members[6].len()));
    }

    #[test]
    fn corrupt_records_resynchronise() {
        // A damaged header line, then a record whose Content-Length is too short.
        let good = html("http://a/ok", "<html>ok</html>");
        let block_len = http("200 OK", "Content-Type: text/html\r\n", b"<html>short</html>").len();
        let bad_len = String::from_utf8(html("http://a/short", "<html>short</html>"))
            .unwrap()
            .replace(&format!("Content-Length: {block_len}"), &format!("Content-Length: {}", block_len - 7))
            .into_bytes();
        let mut junk = good.clone();
        junk[..5].copy_from_slice(b"XXXX/");
        let data = [junk.clone(), good.clone(), bad_len.clone(), good.clone()].concat();
        let (inputs, _) = read_all(&data, 1 << 20);
        let got: Vec<_> = inputs.iter().map(|i| (i.0.clone(), i.1.clone().map(|_| ()))).collect();
        let g = good.len();
        assert_eq!(
            got,
            [
                ("w#0".to_owned(), Err("warc_invalid")),
                (format!("w#{g}"), Ok(())),
                (format!("w#{}", 2 * g), Err("warc_invalid")),
                (format!("w#{}", 2 * g + bad_len.len()), Ok(())),
            ]
        );
        // A damaged gzip member: one error, then the next member.
        let mut members: Vec<Vec<u8>> = [good.clone(), good.clone(), good.clone()].iter().map(|r| gz(r)).collect();
        let m = members[1].len();
        for b in &mut members[1][12..m - 10] {
            *b ^= 0x5a;
        }
        let (inputs, _) = read_all(&members.concat(), 1 << 20);
        let got: Vec<_> = inputs.iter().map(|i| (i.0.clone(), i.1.clone().map(|_| ()))).collect();
        let l = members[0].len();
        assert_eq!(
            got,
            [("w#0".to_owned(), Ok(())), (format!("w#{l}"), Err("warc_invalid")), (format!("w#{}", l + m), Ok(())),]
        );
    }

    /// `n` HTML responses, record `bad` with `Content-Length` replaced by `length`.
    fn with_wrong_length(n: usize, bad: usize, length: &str) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| {
                let r = html(&format!("http://a/{i}"), &format!("<html>page {i}</html>"));
                if i != bad {
                    return r;
                }
                let text = String::from_utf8(r).unwrap();
                let declared = text.split("Content-Length: ").nth(1).unwrap().split("\r\n").next().unwrap().to_owned();
                text.replacen(&format!("Content-Length: {declared}"), &format!("Content-Length: {length}"), 1)
                    .into_bytes()
            })
            .collect()
    }

    fn layouts(records: &[Vec<u8>]) -> [(&'static str, Vec<u8>); 3] {
        let members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
        [("plain", records.concat()), ("whole-file gzip", gz(&records.concat())), ("per-record gzip", members.concat())]
    }

    /// A wrong `Content-Length` swallowed every record after it (9 lines out of a file
    /// of 100,000 records): now the damaged record is one error and the others are read,
    /// whether the length runs past the end of the data or into the next records.
    #[test]
    fn a_wrong_content_length_loses_only_its_own_record() {
        for length in ["99999999999", "600", "0"] {
            let records = with_wrong_length(1000, 500, length);
            for (layout, data) in layouts(&records) {
                let (inputs, _) = read_all(&data, 1 << 20);
                assert_eq!(inputs.len(), 1000, "{layout}, Content-Length {length}");
                let errors: Vec<_> = inputs.iter().enumerate().filter(|(_, i)| i.1.is_err()).collect();
                assert_eq!(errors.len(), 1, "{layout}, Content-Length {length}: {errors:?}");
                assert_eq!(errors[0].0, 500);
                assert_eq!(errors[0].1.1, Err("warc_invalid"));
                for (i, input) in inputs.iter().enumerate().filter(|(i, _)| *i != 500) {
                    assert_eq!(input.1.as_deref(), Ok(format!("<html>page {i}</html>").as_bytes()), "{layout}");
                }
            }
        }
    }

    /// An intact record followed by a stray byte: the record, then one error for the
    /// byte, then the next record (whose `WARC/1.0` the byte stands before).
    #[test]
    fn a_stray_byte_after_an_intact_record_is_one_error_of_its_own() {
        let (a, b) = (html("http://a/1", "<html>one</html>"), html("http://a/2", "<html>two</html>"));
        for junk in [&b"x"[..], b"\r\n\r\nxyz\r\n", b"W"] {
            let data = [a.clone(), junk.to_vec(), b.clone()].concat();
            let (inputs, _) = read_all(&data, 1 << 20);
            let got: Vec<_> = inputs.iter().map(|i| (i.0.clone(), i.1.clone().map(|_| ()))).collect();
            let junk_at = a.len() + junk.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
            let b_at = a.len() + junk.len();
            assert_eq!(
                got,
                [
                    ("w#0".to_owned(), Ok(())),
                    (format!("w#{junk_at}"), Err("warc_invalid")),
                    (format!("w#{b_at}"), Ok(()))
                ],
                "{junk:?}"
            );
        }
    }

    /// Going back is bounded by what was read: a file in which every record's length
    /// runs to the end is read in linear time, not once per record (then its later
    /// records are found by scanning on, some lost).
    #[test]
    fn going_back_costs_at_most_what_was_read() {
        let records: Vec<Vec<u8>> = (0..20_000)
            .map(|i| {
                let r = html(&format!("http://a/{i}"), "<html>x</html>");
                let text = String::from_utf8(r).unwrap();
                let declared = text.split("Content-Length: ").nth(1).unwrap().split("\r\n").next().unwrap().to_owned();
                text.replacen(&format!("Content-Length: {declared}"), "Content-Length: 99999999999", 1).into_bytes()
            })
            .collect();
        let data = records.concat();
        let t = std::time::Instant::now();
        let (inputs, _) = read_all(&data, 1 << 20);
        assert!(t.elapsed() < std::time::Duration::from_secs(60), "{:?}", t.elapsed());
        assert!(inputs.iter().all(|i| i.1 == Err("warc_invalid")));
        assert!(!inputs.is_empty() && inputs.len() <= 20_000);
    }

    /// Zero padding after the last gzip member (or between members) is no damage.
    #[test]
    fn zero_padding_in_a_gzip_file_is_ignored() {
        let records = sample();
        let mut members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
        members[3].extend_from_slice(&[0; 100]);
        let mut data = members.concat();
        data.extend_from_slice(&[0; 4096]);
        let (inputs, skipped) = read_all(&data, 1 << 20);
        assert_eq!((inputs.len(), skipped), (2, 5));
        assert!(inputs.iter().all(|i| i.1.is_ok()), "{inputs:?}");
        let mut whole = gz(&records.concat());
        whole.extend_from_slice(&[0; 10]);
        assert_eq!(read_all(&whole, 1 << 20).0.len(), 2);
    }

    #[test]
    fn not_a_warc_is_one_error() {
        let (inputs, skipped) = read_all(b"<html>just a page</html>\n".repeat(1000).as_slice(), 1 << 20);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].1, Err("warc_invalid"));
        assert_eq!(skipped, 0);
        let (inputs, _) = read_all(b"", 1 << 20);
        assert!(inputs.is_empty());
    }

    #[test]
    fn dechunking() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), Ok(Some(b"abcde".to_vec())));
        assert_eq!(dechunk(b"<html>"), Ok(None));
        assert_eq!(
            dechunk(b"3\r\nabc\r\nzz\r\n"),
            Err("the chunked transfer encoding is damaged (a chunk size that is not hex)".to_owned())
        );
        assert_eq!(dechunk(b"10\r\nabc"), Ok(Some(b"abc".to_vec())));
    }
}
