"""The module against the command line: the same lines, byte for byte, whichever call."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

import newsnorm
from conftest import ROOT, cli_lines, dumps, shared


def files_of(folder: Path) -> List[str]:
    """The files of a folder as the command line walks it (sorted, hidden skipped), relative."""
    return sorted(
        str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def by_input(lines: List[str], paths: List[str]) -> Dict[str, List[str]]:
    """The command line's lines grouped by the input they came from (`PATH`, `PATH#N`)."""
    groups: Dict[str, List[str]] = {p: [] for p in paths}
    for line in lines:
        source = json.loads(line)["source_path"]
        groups[source.split("#")[0] if source not in groups else source].append(line)
    return groups


def read(path: str) -> bytes:
    data = Path(path).read_bytes()
    # The command line reads `.gz` files decompressed.
    return gzip.decompress(data) if path.endswith(".gz") else data


def check_folder(paths: List[str]) -> None:
    """normalize, normalize_many and normalize_paths give the command line's lines."""
    assert paths, "no files"
    expected = cli_lines(paths)
    groups = by_input(expected, paths)
    # normalize: one record per document (a container's first item), errors raised.
    for path in paths:
        first = groups[path][0]
        try:
            got = dumps(newsnorm.normalize(read(path), path=path))
        except newsnorm.InputError as e:
            got = dumps({"source_path": e.source_path, "error": {"kind": e.kind, "message": e.message}})
        assert got == first, path
    nn = newsnorm.Normalizer()
    many = [dumps(r) for r in nn.normalize_many(((read(p), p) for p in paths), jobs=2)]
    assert many == expected
    assert [dumps(r) for r in nn.normalize_paths(paths, jobs=2)] == expected
    print(f"{len(paths)} files, {len(expected)} lines identical to the command line")


def test_samples_identical_to_the_cli() -> None:
    check_folder(files_of(ROOT / "samples"))


def test_shared_corpus_identical_to_the_cli() -> None:
    check_folder(files_of(shared("corpus")))


def test_html_dev_identical_to_the_cli() -> None:
    check_folder(files_of(shared("html-dev", "pages"))[:120])


ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Test</title>
<meta property="article:published_time" content="2024-04-26T10:45:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p class="byline">By Ann Writer</p>
<p>{title}: the council met on Friday and voted to build the new bridge over the river, after two years of
debate about its cost and the route it should take through the old town.</p>
<p>Work is to start in the spring, the mayor said, and the bridge should open to traffic within three years;
the old ferry will run until then.</p></article><footer>Copyright The Daily Test</footer></body></html>"""


def warc_record(uri: str, payload: bytes, kind: str = "response", content_type: str = "text/html") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n".encode() + payload
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        f"WARC-Date: 2024-04-26T02:45:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def test_warc_identical_to_the_cli(tmp_path: Path) -> None:
    pages: List[Tuple[str, bytes]] = [
        (f"https://news.example.org/2024/04/{t.lower().replace(' ', '-')}", ARTICLE.format(title=t).encode())
        for t in ("Bridge vote", "Ferry timetable", "Council budget")
    ]
    pages.append(("https://news.example.org/nothing", b"<html><head><title>x</title></head><body></body></html>"))
    dev = ROOT.parent / "shared" / "html-dev" / "pages"
    if dev.exists():
        for p in sorted(dev.glob("*.html.gz"))[:10]:
            pages.append((f"https://dev.example.org/{p.name[:-3]}", gzip.decompress(p.read_bytes())))
    else:
        print(f"SKIPPED: {dev} is absent (the WARC holds only the pages written here)")
    warc = b"".join(warc_record(u, p) for u, p in pages)
    warc += warc_record("https://news.example.org/logo.png", b"\x89PNG", content_type="image/png")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(warc))
    expected = cli_lines([str(path)])
    assert len(expected) == len(pages)
    assert '"kind":"empty_body"' in expected[3]
    nn = newsnorm.Normalizer()
    assert [dumps(r) for r in nn.normalize_paths(str(path))] == expected
    # The same responses handed over as documents with their URL and the command line's
    # source_path give the same lines.
    items = [(payload, json.loads(line)["source_path"], uri) for (uri, payload), line in zip(pages, expected)]
    assert [dumps(r) for r in nn.normalize_many(items, jobs=2)] == expected
    for (payload, source, uri), line in zip(items, expected):
        try:
            got = dumps(newsnorm.normalize(payload, path=source, url=uri))
        except newsnorm.InputError as e:
            got = dumps({"source_path": e.source_path, "error": {"kind": e.kind, "message": e.message}})
        assert got == line


def test_errors_are_exceptions_with_the_spec_kinds() -> None:
    with pytest.raises(newsnorm.InputError) as e:
        newsnorm.normalize(b"", path="empty.txt")
    assert (e.value.kind, e.value.source_path) == ("empty", "empty.txt")
    assert e.value.message.startswith("empty.txt: ") and str(e.value) == e.value.message
    with pytest.raises(newsnorm.InputError) as e:
        newsnorm.normalize(b"GIF89a\x00\x01\x02", path="pic.gif")
    assert e.value.kind == "binary"
    with pytest.raises(newsnorm.InputError) as e:
        newsnorm.normalize(b"<html><head><title>x</title></head><body></body></html>", format="html")
    assert (e.value.kind, e.value.source_path) == ("empty_body", "-")
    with pytest.raises(newsnorm.InputError) as e:
        newsnorm.Normalizer(max_size=10).normalize(ARTICLE.format(title="Too big"))
    assert e.value.kind == "too_large"
    # Errors of the options are ValueErrors naming what is wrong.
    with pytest.raises(ValueError, match="unknown format nope"):
        newsnorm.Normalizer(format="nope")
    with pytest.raises(ValueError, match="unknown page type"):
        newsnorm.Normalizer(page_types=["novel"])
    with pytest.raises(ValueError, match="/no/such/rules"):
        newsnorm.Normalizer(rules="/no/such/rules")
    with pytest.raises(ValueError, match="unknown format"):
        newsnorm.normalize(b"<p>x</p>", format="nope")
    with pytest.raises(TypeError, match="an item is bytes, str"):
        list(newsnorm.Normalizer().normalize_many([42]))


def test_many_gives_error_objects_in_place_and_str_or_dict_items() -> None:
    nn = newsnorm.Normalizer()
    page = ARTICLE.format(title="Bridge vote")
    got = list(nn.normalize_many([page, b"", {"text": page, "path": "a.html", "url": "https://x.example/a"}]))
    assert [g["source_path"] for g in got] == ["0", "1", "a.html"]
    assert got[1]["error"]["kind"] == "empty"
    assert got[0]["title"] == "Bridge vote" and got[2]["url"] == "https://x.example/a"
    assert list(got[0]) == [
        "id", "format", "source_path", "title", "date", "author", "publisher", "url", "archive_url", "body",
        "images", "tags", "category", "page_type", "language", "duplicate_of", "warnings",
    ]


def test_many_with_two_jobs_equals_one_job() -> None:
    dev = ROOT.parent / "shared" / "html-dev" / "pages"
    if dev.exists():
        docs = [(gzip.decompress(p.read_bytes()), p.name) for p in sorted(dev.glob("*.html.gz"))]
    else:
        print(f"SKIPPED: {dev} is absent: the pages written here, repeated")
        docs = [(ARTICLE.format(title=f"Story {i}").encode(), f"{i}.html") for i in range(300)]
    docs += [(b"", "empty"), (b"\x00\x01", "binary")] * 5
    nn = newsnorm.Normalizer()
    one = [dumps(r) for r in nn.normalize_many(docs, jobs=1)]
    for jobs in (2, 3):
        assert [dumps(r) for r in nn.normalize_many(iter(docs), jobs=jobs)] == one, f"jobs {jobs}"
    assert len(one) == len(docs)


def test_an_iterator_left_early_stops_its_run() -> None:
    nn = newsnorm.Normalizer()
    docs = (ARTICLE.format(title=f"Story {i}") for i in range(100000))
    it = nn.normalize_many(docs, jobs=2)
    first = [next(it) for _ in range(3)]
    assert [r["source_path"] for r in first] == ["0", "1", "2"]
    del it  # the run ends: its workers see the input and output closed


def test_dedup_and_page_types_as_the_cli(tmp_path: Path) -> None:
    page = ARTICLE.format(title="Bridge vote")
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(page)
    got = [dumps(r) for r in newsnorm.Normalizer(dedup="mark").normalize_paths(str(tmp_path))]
    assert got == cli_lines(["--dedup", "mark", str(tmp_path)])
    assert json.loads(got[1])["duplicate_of"] == json.loads(got[0])["id"]
    got = [dumps(r) for r in newsnorm.Normalizer(dedup="drop").normalize_paths(str(tmp_path))]
    assert got == cli_lines(["--dedup", "drop", str(tmp_path)])
    got = [dumps(r) for r in newsnorm.Normalizer(page_types=["listing"]).normalize_paths(str(tmp_path))]
    assert got == cli_lines(["--page-type", "listing", str(tmp_path)])


def test_stubs_pass_mypy_strict() -> None:
    try:
        import mypy  # noqa: F401
    except ImportError:
        print("SKIPPED: mypy is not installed")
        pytest.skip("SKIPPED: mypy is not installed")
    usage = Path(__file__).with_name("typing_usage.py")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(usage)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    out = proc.stdout.decode()
    assert proc.returncode == 0, out
    # And a misuse is caught: the stubs are read, not Any.
    bad = usage.with_name("typing_misuse.py")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(bad)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    assert proc.returncode == 1 and "incompatible type" in proc.stdout.decode(), proc.stdout.decode()


def test_the_readme_datasets_recipe_on_a_batch() -> None:
    """The README's `dataset.map` function, run on a batch as `datasets` hands it over."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("def extract(batch):")
    block_start = readme.rindex("```python", 0, start)
    code = readme[block_start + len("```python") : readme.index("```", start)]
    # Without `datasets` itself: the function and its setup only.
    code = "\n".join(l for l in code.splitlines() if not l.startswith(("from datasets", "ds =")))
    scope: Dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), scope)
    pages = [ARTICLE.format(title="Bridge vote"), "<html><body></body></html>", ARTICLE.format(title="Ferry")]
    urls = ["https://x.example/a", None, "https://x.example/c"]
    out = scope["extract"]({"html": pages, "url": urls})  # type: ignore[operator]
    assert all(len(col) == 3 for col in out.values()), out
    assert out["title"] == ["Bridge vote", None, "Ferry"]
    assert out["error"] == [None, "empty_body", None]
    assert out["url"][2] == "https://x.example/c"
