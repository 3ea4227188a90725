"""newsnorm: scraped news-article files to one canonical record per article."""

import os
from typing import Any, Dict, Iterable, Iterator, Mapping, Optional, Sequence, Tuple, Union

__all__ = ["InputError", "Normalizer", "normalize", "PAGE_TYPES"]

PAGE_TYPES: Tuple[str, ...]

Data = Union[bytes, bytearray, memoryview, str]
PathLike = Union[str, os.PathLike[str]]
#: An item of ``normalize_many``: the data, a tuple ``(data, path[, url[, format]])``,
#: or a mapping with ``data`` (or ``text``), ``path``, ``url``, ``format``.
Item = Union[Data, Tuple[Any, ...], Mapping[str, Any]]
#: A record (the keys of SPEC.md, in order), or an error object
#: ``{"source_path", "error": {"kind", "message"}}``.
Record = Dict[str, Any]

class InputError(ValueError):
    """A document that did not give a record."""

    kind: str
    message: str
    source_path: str
    def __init__(self, kind: str, message: str, source_path: str) -> None: ...

class Normalizer:
    """Compiled rules and options, reused across calls (and threads)."""

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
    ) -> None: ...
    def normalize(
        self,
        data: Data,
        *,
        path: Optional[PathLike] = None,
        url: Optional[str] = None,
        format: Optional[str] = None,
    ) -> Record:
        """One document to its record; raises InputError when it gives none."""
    def normalize_many(self, items: Iterable[Item], jobs: Optional[int] = None) -> Iterator[Record]:
        """Many documents on Rust workers, records and error objects in input order."""
    def normalize_paths(
        self, paths: Union[PathLike, Sequence[PathLike]], jobs: Optional[int] = None
    ) -> Iterator[Record]:
        """Files, folders and WARC files, records and error objects in input order."""

def normalize(
    data: Data,
    *,
    path: Optional[PathLike] = None,
    url: Optional[str] = None,
    format: Optional[str] = None,
) -> Record:
    """One document to its record, with the built-in rules; raises InputError."""
