//! `newsnorm._newsnorm`: the native half of the Python package `newsnorm`, a thin caller
//! of the library's face ([`newsnorm::Options`], [`newsnorm::Document`], [`newsnorm::Run`]).
//!
//! It hands back JSON text, exactly the command line's lines; the Python half
//! (`newsnorm/__init__.py`) turns them into dicts (so a record serialised with
//! `json.dumps(rec, ensure_ascii=False, separators=(",", ":"))` is the command line's
//! line) and raises `InputError`s. Work runs with the GIL released: a run's workers are
//! Rust threads, and the iterator waits for their lines detached from the interpreter.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use newsnorm::{Document, Options, PageType, Run};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString, PyTuple};

/// Compiled options and the run's settings, reused across calls.
#[pyclass(module = "newsnorm._newsnorm", frozen)]
struct Engine {
    run: Run,
    opts: Options,
}

/// Bytes or text (UTF-8) of a document.
fn data_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(b) = obj.extract::<Vec<u8>>() {
        return Ok(b);
    }
    Err(PyTypeError::new_err(format!("a document is bytes or str, not {}", obj.get_type().name()?)))
}

impl Engine {
    fn document(&self, data: Vec<u8>, path: String, url: Option<String>, format: Option<&str>) -> PyResult<Document> {
        let format = match format {
            None | Some("auto") => None,
            Some(name) => Some(self.opts.format_named(name).map_err(|e| PyValueError::new_err(e.to_string()))?),
        };
        Ok(Document { url, format, ..Document::new(path, data) })
    }

    /// An item of `normalize_many`: bytes, str, a tuple `(data, path[, url[, format]])`
    /// or a mapping with `data` (or `text`), `path`, `url`, `format`. Without a path it
    /// is named by its index.
    fn item(&self, obj: &Bound<'_, PyAny>, index: u64) -> PyResult<Document> {
        let unnamed = || index.to_string();
        if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyString>() {
            return self.document(data_of(obj)?, unnamed(), None, None);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            let get = |i: usize| -> PyResult<Option<Bound<'_, PyAny>>> {
                Ok(if i < t.len() { Some(t.get_item(i)?).filter(|v| !v.is_none()) } else { None })
            };
            let data = get(0)?.ok_or_else(|| PyTypeError::new_err("an item tuple starts with its data"))?;
            let path = get(1)?.map(|p| p.extract::<String>()).transpose()?;
            let url = get(2)?.map(|p| p.extract::<String>()).transpose()?;
            let format = get(3)?.map(|p| p.extract::<String>()).transpose()?;
            return self.document(data_of(&data)?, path.unwrap_or_else(unnamed), url, format.as_deref());
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> { Ok(d.get_item(k)?.filter(|v| !v.is_none())) };
            let data = match get("data")? {
                Some(v) => v,
                None => get("text")?.ok_or_else(|| PyTypeError::new_err("an item dict has `data` (or `text`)"))?,
            };
            let path = get("path")?.map(|p| p.extract::<String>()).transpose()?;
            let url = get("url")?.map(|p| p.extract::<String>()).transpose()?;
            let format = get("format")?.map(|p| p.extract::<String>()).transpose()?;
            return self.document(data_of(&data)?, path.unwrap_or_else(unnamed), url, format.as_deref());
        }
        Err(PyTypeError::new_err(format!(
            "an item is bytes, str, a (data, path, url, format) tuple or a dict, not {}",
            obj.get_type().name()?
        )))
    }
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (rules=Vec::new(), formats=Vec::new(), format=None, encoding=None, max_size=None, dedup=None, near=None, page_types=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        rules: Vec<PathBuf>,
        formats: Vec<PathBuf>,
        format: Option<&str>,
        encoding: Option<&str>,
        max_size: Option<u64>,
        dedup: Option<&str>,
        near: Option<f64>,
        page_types: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let mut b = Options::builder().rules(rules).formats(formats);
        if let Some(f) = format {
            b = b.format(f);
        }
        if let Some(e) = encoding {
            b = b.encoding(e);
        }
        if let Some(m) = max_size {
            b = b.max_size(m);
        }
        let opts = b.build().map_err(|e| PyValueError::new_err(e.to_string()))?;
        let mut run = Run::new(opts);
        match (dedup, near) {
            (None, None) => {}
            (None | Some("mark"), near) => run = run.dedup(false, near),
            (Some("drop"), near) => run = run.dedup(true, near),
            (Some(other), _) => {
                return Err(PyValueError::new_err(format!("dedup is \"mark\" or \"drop\", not {other:?}")));
            }
        }
        if let Some(kinds) = page_types {
            let mut wanted = Vec::new();
            for k in &kinds {
                let kind = PageType::from_name(k).ok_or_else(|| {
                    let all: Vec<&str> = PageType::ALL.iter().map(|k| k.as_str()).collect();
                    PyValueError::new_err(format!("unknown page type {k:?} (one of: {})", all.join(", ")))
                })?;
                wanted.push(kind);
            }
            run = run.page_types(wanted);
        }
        Ok(Engine { run, opts })
    }

    /// One document: `(True, record_json)` or `(False, error_json)` for its first record.
    #[pyo3(signature = (data, path, url=None, format=None))]
    fn process(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        path: String,
        url: Option<String>,
        format: Option<&str>,
    ) -> PyResult<(bool, String)> {
        let doc = self.document(data_of(data)?, path, url, format)?;
        let opts = self.opts;
        Ok(py.detach(move || match doc.process(&opts).into_iter().next() {
            Some(Ok(record)) => (true, record.to_json()),
            Some(Err(e)) => (false, e.to_json()),
            None => (
                false,
                newsnorm::InputError::new(doc.source_path, newsnorm::Error::MissingPart("an item in the container"))
                    .to_json(),
            ),
        }))
    }

    /// Lines (JSON text) for the items of a Python iterable, in input order.
    #[pyo3(signature = (items, jobs=None))]
    fn many(slf: Bound<'_, Self>, items: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<Lines> {
        let items = PyIterator::from_object(items)?.unbind();
        let engine = slf.get();
        let run = jobs.map_or(engine.run, |j| engine.run.jobs(j));
        let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
        let (doc_tx, doc_rx) = mpsc::channel::<Document>();
        let rx = spawn(move |each, done| run.documents(doc_rx.into_iter(), each, done));
        Ok(Lines::new(rx, Some((items, doc_tx, slf.unbind())), jobs * 16))
    }

    /// Lines (JSON text) for files, folders and WARC files, in input order.
    #[pyo3(signature = (paths, jobs=None))]
    fn paths(&self, paths: Vec<PathBuf>, jobs: Option<usize>) -> Lines {
        let run = jobs.map_or(self.run, |j| self.run.jobs(j));
        let rx = spawn(move |each, done| run.paths(paths, each, done));
        Lines::new(rx, None, 0)
    }
}

enum Msg {
    Line(String),
    /// An input is done (all its lines sent).
    Done,
    /// The run ended (with the error of the run itself, if any).
    End(Option<String>),
}

/// A run on a thread of its own, its lines and progress sent to the returned channel.
fn spawn<F>(body: F) -> Receiver<Msg>
where
    F: FnOnce(&mut dyn FnMut(newsnorm::Line<'_>) -> bool, &mut dyn FnMut(u64)) -> std::io::Result<newsnorm::Summary>
        + Send
        + 'static,
{
    let (tx, rx) = mpsc::sync_channel::<Msg>(4096);
    std::thread::spawn(move || {
        let mut each = |line: newsnorm::Line<'_>| tx.send(Msg::Line(line.text().to_owned())).is_ok();
        let lines_tx: &SyncSender<Msg> = &tx;
        let mut done = |_| {
            let _ = lines_tx.send(Msg::Done);
        };
        let end = body(&mut each, &mut done);
        let _ = tx.send(Msg::End(end.err().map(|e| e.to_string())));
    });
    rx
}

/// The Python iterable being fed to a run: its iterator, the run's input, and the engine
/// (kept alive for the items' formats).
type Feed = (Py<PyIterator>, Sender<Document>, Py<Engine>);

struct State {
    rx: Option<Receiver<Msg>>,
    feed: Option<Feed>,
    /// Items sent to the run and not yet done; at most `window`.
    in_flight: usize,
    window: usize,
    fed: u64,
    pending: VecDeque<String>,
    ended: bool,
}

/// An iterator over a run's lines (JSON text), in input order.
#[pyclass(module = "newsnorm._newsnorm")]
struct Lines {
    state: Mutex<State>,
}

impl Lines {
    fn new(rx: Receiver<Msg>, feed: Option<Feed>, window: usize) -> Lines {
        let state = State { rx: Some(rx), feed, in_flight: 0, window, fed: 0, pending: VecDeque::new(), ended: false };
        Lines { state: Mutex::new(state) }
    }
}

#[pymethods]
impl Lines {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let mut st = self.state.lock().map_err(|_| PyRuntimeError::new_err("newsnorm: a run's iterator failed"))?;
        loop {
            if let Some(line) = st.pending.pop_front() {
                return Ok(Some(line));
            }
            if st.ended {
                return Ok(None);
            }
            // Keep the workers fed: take items from the Python iterable (with the GIL)
            // until a window of them is in the run.
            while st.in_flight < st.window {
                let Some((items, tx, engine)) = &st.feed else { break };
                match items.bind(py).clone().next() {
                    Some(item) => {
                        let doc = match item.and_then(|item| engine.get().item(&item, st.fed)) {
                            Ok(doc) => doc,
                            Err(e) => {
                                // The run ends with the items sent; the caller sees the error.
                                st.feed = None;
                                return Err(e);
                            }
                        };
                        let sent = tx.send(doc).is_ok();
                        st.fed += 1;
                        st.in_flight += 1;
                        if !sent {
                            st.feed = None;
                        }
                    }
                    None => st.feed = None,
                }
            }
            let Some(rx) = st.rx.take() else { return Ok(None) };
            // Wait for the run without the GIL: its workers and other Python threads go on.
            let (rx, got) = py.detach(move || {
                let mut got = Vec::new();
                if let Ok(first) = rx.recv() {
                    got.push(first);
                    got.extend(rx.try_iter().take(1024));
                }
                (rx, got)
            });
            st.rx = Some(rx);
            if got.is_empty() {
                st.ended = true;
            }
            for msg in got {
                match msg {
                    Msg::Line(line) => st.pending.push_back(line),
                    Msg::Done => st.in_flight = st.in_flight.saturating_sub(1),
                    Msg::End(None) => st.ended = true,
                    Msg::End(Some(e)) => {
                        st.ended = true;
                        return Err(PyRuntimeError::new_err(format!("newsnorm: the run failed: {e}")));
                    }
                }
            }
        }
    }
}

/// The names of the page types (SPEC order).
#[pyfunction]
fn page_types() -> Vec<&'static str> {
    PageType::ALL.iter().map(|k| k.as_str()).collect()
}

#[pymodule]
fn _newsnorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Lines>()?;
    m.add_function(wrap_pyfunction!(page_types, m)?)?;
    Ok(())
}
