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
//! valid `Content-Length`, cut short, a damaged gzip member, a block followed by
//! something other than the blank lines that end a record) gives one `warc_invalid`
//! error; the reader then scans for the next line starting with `WARC/1.` (and, in a
//! gzip file whose member is damaged, for the next gzip member), silently, and goes on
//! from there.

use std::io::{self, BufRead, BufReader, Read};
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
        Raw { inner, buf: vec![0; RAW_BUF], start: 0, end: 0, pos: 0, eof: false }
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
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
    }
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

enum Layer<R> {
    /// An uncompressed file.
    Plain(Raw<R>),
    /// Inside a gzip member.
    Member(BufReader<GzDecoder<Raw<R>>>),
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
        Ok(Stream { layer, gzip, pos: 0, member_start: 0, blank_only: true, broken: None })
    }

    /// Where a record starting here is said to be (see the module documentation).
    fn record_offset(&self) -> u64 {
        if self.gzip && self.blank_only { self.member_start } else { self.pos }
    }

    fn take_raw(&mut self) -> Option<Raw<R>> {
        match std::mem::replace(&mut self.layer, Layer::Gone) {
            Layer::Plain(raw) | Layer::Between(raw) => Some(raw),
            Layer::Member(m) => Some(m.into_inner().into_inner()),
            Layer::Gone => None,
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

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
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
                Layer::Member(m) => self.layer = Layer::Between(m.into_inner().into_inner()),
                Layer::Between(raw) => {
                    self.member_start = raw.pos;
                    self.blank_only = true;
                    self.layer = Layer::Member(BufReader::with_capacity(INFLATED_BUF, GzDecoder::new(raw)));
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
                Layer::Member(m) => m.buffer(),
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

/// Skip one line of any length, keeping its first `keep` bytes in `out` (cleared first).
/// False when there was nothing left.
fn skip_line(r: &mut impl BufRead, out: &mut Vec<u8>, keep: usize) -> io::Result<bool> {
    out.clear();
    let mut any = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(any);
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = keep.saturating_sub(out.len()).min(take);
        out.extend_from_slice(buf.get(..room).unwrap_or_default());
        r.consume(take);
        if done {
            return Ok(true);
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
    /// The record is damaged: one `warc_invalid` error, then resynchronise.
    Damaged(String),
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
pub struct Reader<R: Read> {
    display: String,
    stream: Option<Stream<R>>,
    /// Opening failed: the one error to give.
    open_error: Option<Error>,
    max_size: u64,
    skipped: SkipCount,
    /// After a damaged record: scan for the next record before reading on.
    resync: bool,
    /// A record's first line found by the scan, and its offset.
    found: Option<(u64, Vec<u8>)>,
    done: bool,
}

impl<R: Read> Reader<R> {
    /// The inputs of the WARC data `inner`, named `display#OFFSET`; payloads over
    /// `max_size` bytes are `too_large` errors; skipped records are counted in `skipped`.
    pub fn new(inner: R, display: String, max_size: u64, skipped: SkipCount) -> Self {
        let (stream, open_error) = match Stream::new(inner) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(Error::from_io(e))),
        };
        Reader { display, stream, open_error, max_size, skipped, resync: false, found: None, done: false }
    }

    fn input(&self, offset: u64, source: Result<Source, Error>, hint: Hint) -> Input {
        Input { display: format!("{}#{offset}", self.display), source, hint }
    }

    /// Scan for the next line that starts a record: its offset and (the start of) the
    /// line; `None` at the end of the data.
    fn resynchronise(stream: &mut Stream<R>) -> io::Result<Option<(u64, Vec<u8>)>> {
        let mut line = Vec::new();
        loop {
            if stream.broken.is_some() {
                stream.next_member()?;
            }
            // Into the next gzip member first, if this one ended, for the offset.
            let at_end = match stream.fill_buf() {
                Ok(buf) => Ok(buf.is_empty()),
                Err(e) => Err(e),
            };
            match at_end {
                Ok(true) => return Ok(None),
                Ok(false) => {}
                Err(_) if stream.broken.is_some() => continue, // a damaged gzip member: try the next
                Err(e) => return Err(e),
            }
            let offset = stream.record_offset();
            match skip_line(stream, &mut line, 16) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    if line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.") {
                        return Ok(Some((offset, line)));
                    }
                }
                Err(_) if stream.broken.is_some() => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn step(&mut self) -> Result<Step, (u64, Fail)> {
        let max_size = self.max_size;
        let Some(stream) = self.stream.as_mut() else { return Ok(Step::End) };
        if self.resync {
            self.resync = false;
            match Self::resynchronise(stream) {
                Ok(Some(found)) => self.found = Some(found),
                Ok(None) => return Ok(Step::End),
                Err(e) => return Err((stream.pos, Fail::Io(e))),
            }
        }
        let (offset, first) = match self.found.take() {
            Some((offset, mut line)) => {
                // The scan kept only the start of the line (all of it is consumed).
                if !line.ends_with(b"\n") {
                    line.push(b'\n');
                }
                (offset, line)
            }
            None => {
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
                let mut line = Vec::new();
                match read_line(stream, &mut line, MAX_HEADER).map_err(|e| (offset, e.into()))? {
                    Line::Eof if line.is_empty() => return Ok(Step::End),
                    Line::Full if line.starts_with(b"WARC/") => {}
                    _ => {
                        return Err((
                            offset,
                            Fail::Damaged("no `WARC/1.x` version line where a record should start".to_owned()),
                        ));
                    }
                }
                (offset, line)
            }
        };
        read_record(stream, first, max_size).map_err(|f| (offset, f)).map(|r| match r {
            Some((source, hint)) => Step::Input(Input { display: format!("{}#{offset}", self.display), source, hint }),
            None => Step::Skipped,
        })
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
    let is_response = headers.get("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
    let mut block = (&mut *stream).take(length);
    let result = if is_response { read_response(&mut block, &headers, max_size)? } else { None };
    let left = block.limit();
    if !skip_bytes(stream, left)? {
        return Err(Fail::Damaged(format!(
            "the record is cut short: the data ends before the {length} bytes its Content-Length gives"
        )));
    }
    end_of_record(stream)?;
    Ok(result)
}

/// After a block: the two CRLFs that end a record (some writers leave out one, or use
/// bare LFs), then the next record or the end of the data.
fn end_of_record<R: Read>(stream: &mut Stream<R>) -> Result<(), Fail> {
    let mut eaten = 0;
    loop {
        let next = match stream.fill_buf().map(|buf| buf.first().copied()) {
            Ok(next) => next,
            // The next gzip member is damaged: that is the next record's error.
            Err(_) if stream.broken.is_some() && stream.blank_only => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        match next {
            None => return Ok(()),
            Some(b'\r' | b'\n') if eaten < 4 => {
                stream.consume(1);
                eaten += 1;
            }
            Some(b'W') => return Ok(()),
            Some(_) => {
                return Err(Fail::Damaged(
                    "the record's block is not followed by the blank lines that end a record \
                     (wrong Content-Length?)"
                        .to_owned(),
                ));
            }
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
            "the record is cut short: its payload should have {left} bytes, the data ends after {}",
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

impl<R: Read> Iterator for Reader<R> {
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
        let inputs = Reader::new(data, "w".to_owned(), max_size, skipped.clone())
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
        let inputs: Vec<Input> = Reader::new(&data[..], "w".to_owned(), 1 << 20, skipped).collect();
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
