"""newsnorm: scraped news-article files to one canonical record per article.

Each document (an HTML page, a Jekyll post, a feed item, a WARC response, ...) becomes
a dict with the keys of the record contract (SPEC.md), in its order: ``id``, ``format``,
``source_path``, ``title``, ``date``, ``author``, ``publisher``, ``url``, ``archive_url``,
``body``, ``images``, ``tags``, ``category``, ``page_type``, ``language``,
``duplicate_of``, ``warnings``. The records are those of the ``newsnorm`` command line,
byte for byte once serialised with
``json.dumps(rec, ensure_ascii=False, separators=(",", ":"))``.

>>> import newsnorm
>>> rec = newsnorm.normalize(b"<html><title>Rain</title><article><p>It rained all day.</p></article></html>")
>>> rec["title"], rec["format"]
('Rain', 'html')
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _newsnorm

__all__ = ["InputError", "Normalizer", "normalize", "PAGE_TYPES"]

#: The page types of the record contract, in its order.
PAGE_TYPES: Tuple[str, ...] = tuple(_newsnorm.page_types())

_loads = json.loads

Data = Union[bytes, bytearray, memoryview, str]
PathLike = Union[str, "os.PathLike[str]"]


class InputError(ValueError):
    """A document that did not give a record.

    Attributes:
        kind: the stable code of the record contract (``empty``, ``binary``,
            ``unrecognized_format``, ``empty_body``, ``too_large``, ...).
        message: the message of the command line's error stream (the input, then what
            is wrong).
        source_path: the input, as its record would have named it.
    """

    def __init__(self, kind: str, message: str, source_path: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.source_path = source_path

    def __reduce__(self) -> Tuple[Any, ...]:
        return (InputError, (self.kind, self.message, self.source_path))


def _paths(value: Union[None, PathLike, Sequence[PathLike]]) -> List[str]:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


class Normalizer:
    """Compiled rules and options, reused across calls (and threads).

    Args:
        rules: rule files or folders of them (``*.toml``), after the built-in rules
            (the command line's ``--rules``).
        formats: format files or folders of them (``--formats``).
        dedup: ``"mark"`` (set ``duplicate_of``) or ``"drop"`` (an object in place of
            the record) for duplicates of earlier records of one run of
            :meth:`normalize_many` or :meth:`normalize_paths` (``--dedup``).
        near: also near duplicates, the same URL or a body similarity at least this
            (``--near-dup``).
        page_types: only these kinds of page give records in a run; the others give a
            ``{"source_path", "page_type"}`` dict (``--page-type``).
        format: read every document as this format (``--format``).
        encoding: decode with this encoding label (``--encoding``).
        max_size: refuse documents larger than this many bytes (``--max-size``).

    Raises:
        ValueError: a rule or format file that cannot be used, an unknown format,
            encoding or page type.
    """

    def __init__(
        self,
        rules: Union[None, PathLike, Sequence[PathLike]] = None,
        formats: Union[None, PathLike, Sequence[PathLike]] = None,
        dedup: Optional[str] = None,
        page_types: Optional[Iterable[str]] = None,
        *,
        near: Optional[float] = None,
        format: Optional[str] = None,
        encoding: Optional[str] = None,
        max_size: Optional[int] = None,
    ) -> None:
        self._engine = _newsnorm.Engine(
            rules=_paths(rules),
            formats=_paths(formats),
            format=format,
            encoding=encoding,
            max_size=max_size,
            dedup=dedup,
            near=near,
            page_types=None if page_types is None else list(page_types),
        )

    def normalize(
        self,
        data: Data,
        *,
        path: Optional[PathLike] = None,
        url: Optional[str] = None,
        format: Optional[str] = None,
    ) -> Dict[str, Any]:
        """One document to its record.

        Args:
            data: the document's bytes (decoded as the command line does: BOM, declared
                charset, guess) or text.
            path: its ``source_path`` (default ``-``); its extension helps detection.
            url: the URL it was fetched from, the record's ``url`` when it names none.
            format: read it as this format instead of detecting it.

        Returns:
            The record. For a container (a feed, a JSON array, JSON Lines) its first
            item's; :meth:`normalize_many` gives them all.

        Raises:
            InputError: the document gives no record.
        """
        ok, line = self._engine.process(
            data, "-" if path is None else os.fspath(path), url=url, format=format
        )
        obj = _loads(line)
        if ok:
            return obj  # type: ignore[no-any-return]
        err = obj["error"]
        raise InputError(err["kind"], err["message"], obj["source_path"])

    def normalize_many(
        self,
        items: Iterable[Any],
        jobs: Optional[int] = None,
    ) -> Iterator[Dict[str, Any]]:
        """Many documents on Rust worker threads (the GIL released), in input order.

        Args:
            items: each ``bytes`` or ``str``, a tuple ``(data, path[, url[, format]])``
                or a dict with ``data`` (or ``text``), ``path``, ``url``, ``format``.
                Without a path an item is named by its index (``"0"``, ``"1"``, ...).
                Taken lazily, a window of them ahead of the workers.
            jobs: worker threads (default: one per core).

        Yields:
            For each item, in order, its record (one per item of a container), or the
            error object of the command line's error stream:
            ``{"source_path": ..., "error": {"kind": ..., "message": ...}}``; with
            ``page_types`` or ``dedup="drop"``, the object in place of a record left out.
        """
        for line in self._engine.many(items, jobs=jobs):
            yield _loads(line)

    def normalize_paths(
        self,
        paths: Union[PathLike, Sequence[PathLike]],
        jobs: Optional[int] = None,
    ) -> Iterator[Dict[str, Any]]:
        """Files, folders (walked in sorted order, hidden entries skipped) and WARC
        files (``.warc``, ``.warc.gz``: each HTML response a document), as the command
        line reads them.

        Yields:
            As :meth:`normalize_many`: records and error objects in input order.
        """
        for line in self._engine.paths(_paths(paths), jobs=jobs):
            yield _loads(line)


_default: Optional[Normalizer] = None


def normalize(
    data: Data,
    *,
    path: Optional[PathLike] = None,
    url: Optional[str] = None,
    format: Optional[str] = None,
) -> Dict[str, Any]:
    """One document to its record, with the built-in rules and formats.

    See :meth:`Normalizer.normalize`.

    Raises:
        InputError: the document gives no record (``.kind``, ``.message``,
            ``.source_path``).
    """
    global _default
    if _default is None:
        _default = Normalizer()
    return _default.normalize(data, path=path, url=url, format=format)
