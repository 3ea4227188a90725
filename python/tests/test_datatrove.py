"""newsnorm's step in a real datatrove pipeline: reader -> NewsnormExtractor -> writer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Dict

import pytest

from conftest import cli_lines, shared


def test_pipeline_gives_the_cli_bodies(tmp_path: Path) -> None:
    try:
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter

        from newsnorm.datatrove import NewsnormExtractor
    except ImportError as e:
        print(f"SKIPPED: datatrove is not installed ({e})")
        pytest.skip(f"SKIPPED: datatrove is not installed ({e})")
    pages = sorted(shared("html-dev", "pages").glob("*.html.gz"))
    # datatrove documents hold text: the pages that are UTF-8 (the others would need
    # the command line's charset detection first).
    docs = []
    for p in pages:
        try:
            text = gzip.decompress(p.read_bytes()).decode("utf-8")
        except UnicodeDecodeError:
            continue
        docs.append({"id": p.name, "text": text, "metadata": {}})
    assert len(docs) > 100, len(docs)
    src = tmp_path / "in"
    src.mkdir()
    with gzip.open(src / "pages.jsonl.gz", "wt", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), NewsnormExtractor(jobs=2), JsonlWriter(str(out))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    got: Dict[str, dict] = {}
    for f in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as lines:
            for line in lines:
                d = json.loads(line)
                got[d["id"]] = d
    cli: Dict[str, dict] = {}
    for line in cli_lines([str(p) for p in pages]):
        rec = json.loads(line)
        if "body" in rec:
            cli[Path(rec["source_path"]).name] = rec
    wanted = {d["id"] for d in docs if d["id"] in cli}
    assert set(got) == wanted
    for name, d in got.items():
        rec = cli[name]
        assert d["text"] == rec["body"], name
        meta = d["metadata"]
        for key in ("title", "date", "author", "language", "page_type", "url"):
            assert meta.get(key) == rec[key], (name, key)
    print(f"datatrove: {len(got)} pages through reader -> NewsnormExtractor -> JsonlWriter, the CLI's bodies")
