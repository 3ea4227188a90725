"""A datatrove extractor step: newsnorm in place of trafilatura in a FineWeb-style pipeline.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsnorm.datatrove import NewsnormExtractor

    pipeline = [
        WarcReader("crawl/", glob_pattern="*.warc.gz"),
        NewsnormExtractor(),              # was: Trafilatura(favour_precision=True)
        JsonlWriter("out/"),
    ]

Each document's ``text`` is read as an HTML page and replaced by the article's body;
``title``, ``date``, ``author``, ``language``, ``page_type`` and ``url`` go into
``document.metadata`` (those the page has). A page that gives no record (no article
body, binary, ...) is dropped, counted in the step's stats under its error kind.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

import newsnorm

#: The record's keys copied into ``document.metadata``.
METADATA_KEYS = ("title", "date", "author", "language", "page_type", "url")


class NewsnormExtractor(BaseExtractor):
    """newsnorm's extractor step, in the shape of datatrove's ``Trafilatura``.

    Documents are extracted in batches on newsnorm's Rust worker threads (in input
    order); newsnorm's extraction is linear in the page's size and turns failures into
    errors, so no sandbox process is needed.

    Args:
        timeout: kept for the interface of datatrove's extractors; unused.
        rules: newsnorm rule files or folders (``--rules``).
        formats: newsnorm format files or folders (``--formats``).
        format: the format ``document.text`` is read as (``"html"``; ``None`` detects
            it, e.g. for feeds or Markdown posts, keeping a container's first item).
        page_types: only pages of these kinds are kept (e.g. ``["article"]``).
        jobs: Rust worker threads per datatrove task (default: one per core).
        batch_size: documents handed to the workers at once.
    """

    name = "📰 newsnorm"
    _requires_dependencies = ["newsnorm"]

    def __init__(
        self,
        timeout: float = 1,
        *,
        rules: Union[None, str, Sequence[str]] = None,
        formats: Union[None, str, Sequence[str]] = None,
        format: Optional[str] = "html",
        page_types: Optional[Iterable[str]] = None,
        jobs: Optional[int] = None,
        batch_size: int = 256,
    ) -> None:
        super().__init__(timeout)
        self.rules = rules
        self.formats = formats
        self.format = format
        self.page_types = None if page_types is None else list(page_types)
        self.jobs = jobs
        self.batch_size = max(1, batch_size)
        # Built on first use in the worker process: the compiled rules are not pickled.
        self._normalizer: Optional[newsnorm.Normalizer] = None

    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        state["_normalizer"] = None
        return state

    def normalizer(self) -> newsnorm.Normalizer:
        if self._normalizer is None:
            self._normalizer = newsnorm.Normalizer(rules=self.rules, formats=self.formats, format=self.format)
        return self._normalizer

    def extract(self, text: str) -> str:
        """The body of one HTML page (empty when it gives no record)."""
        try:
            return str(self.normalizer().normalize(text, format=self.format)["body"])
        except newsnorm.InputError:
            return ""

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        batch: List[Document] = []
        for doc in data:
            self.stat_update(StatHints.total)
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: List[Document]) -> DocumentsPipeline:
        items = [
            {"data": doc.text, "path": str(doc.id), "url": doc.metadata.get("url") or None} for doc in batch
        ]
        with self.track_time():
            results = list(self.normalizer().normalize_many(items, jobs=self.jobs))
        # One result per document; a container read with format=None gives one per
        # item (`ID#1`, `ID#2`, ...): its first is kept.
        firsts: List[Dict[str, Any]] = []
        for res in results:
            path = str(res.get("source_path", ""))
            n = len(firsts)
            mine = n < len(items) and (path == items[n]["path"] or path.startswith(items[n]["path"] + "#"))
            if n == len(items) or (n > 0 and not mine and path.startswith(items[n - 1]["path"] + "#")):
                continue
            firsts.append(res)
        for doc, res in zip(batch, firsts):
            if "error" in res:
                self.stat_update(str(res["error"]["kind"]))
                self.stat_update(StatHints.dropped)
                continue
            if "body" not in res:
                # A page of a kind page_types left out.
                self.stat_update("page_type_" + str(res.get("page_type")))
                self.stat_update(StatHints.dropped)
                continue
            if self.page_types is not None and res["page_type"] not in self.page_types:
                self.stat_update("page_type_" + str(res["page_type"]))
                self.stat_update(StatHints.dropped)
                continue
            doc.text = res["body"]
            for key in METADATA_KEYS:
                if res.get(key) is not None:
                    doc.metadata[key] = res[key]
            self.stat_update("extracted")
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
