"""The native half of newsnorm (PyO3): JSON text in the command line's form."""

from os import PathLike
from typing import Any, Iterable, Iterator, List, Optional, Tuple, Union

class Engine:
    def __init__(
        self,
        rules: List[Union[str, PathLike[str]]] = ...,
        formats: List[Union[str, PathLike[str]]] = ...,
        format: Optional[str] = None,
        encoding: Optional[str] = None,
        max_size: Optional[int] = None,
        dedup: Optional[str] = None,
        near: Optional[float] = None,
        page_types: Optional[List[str]] = None,
    ) -> None: ...
    def process(
        self, data: Any, path: str, url: Optional[str] = None, format: Optional[str] = None
    ) -> Tuple[bool, str]: ...
    def many(self, items: Iterable[Any], jobs: Optional[int] = None) -> Lines: ...
    def paths(self, paths: List[str], jobs: Optional[int] = None) -> Lines: ...

class Lines(Iterator[str]):
    def __iter__(self) -> Lines: ...
    def __next__(self) -> str: ...

def page_types() -> List[str]: ...
