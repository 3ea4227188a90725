"""A typed use of newsnorm, checked with `mypy --strict` (test_stubs_pass_mypy_strict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List

import newsnorm


def titles(pages: List[bytes]) -> List[str]:
    nn = newsnorm.Normalizer(rules=None, formats=[], dedup="mark", page_types=["article"], near=0.9)
    out: List[str] = []
    for rec in nn.normalize_many(pages, jobs=2):
        if "error" in rec:
            continue
        out.append(str(rec["title"]))
    return out


def one(page: str) -> Dict[str, Any]:
    try:
        return newsnorm.normalize(page, path="page.html", url="https://example.org/a", format="html")
    except newsnorm.InputError as e:
        kind: str = e.kind
        return {"source_path": e.source_path, "error": {"kind": kind, "message": e.message}}


def folder(path: Path) -> Iterator[Dict[str, Any]]:
    items = [(b"<p>x</p>", "a.html"), (b"", "b.html", "https://example.org/b")]
    yield from newsnorm.Normalizer(max_size=1 << 20).normalize_many(items)
    yield from newsnorm.Normalizer().normalize_paths([path, "crawl.warc.gz"], jobs=None)


kinds: tuple[str, ...] = newsnorm.PAGE_TYPES
