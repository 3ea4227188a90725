#!/usr/bin/env python3
"""trafilatura over saved pages, written as newsnorm's JSON Lines, so that the scorers
that score newsnorm (../shared/wcxb-dev/score.py, ../shared/html-dev/score.py) score
trafilatura the same way, on the same pages.

    bench/trafilatura-jsonl.py [--jobs N] PAGES_DIR > records.jsonl

Each page (`NAME.html`, also gzipped `NAME.html.gz`) gives one line:
`{"source_path", "title", "author", "date", "body"}` from
`trafilatura.bare_extraction(html, with_metadata=True)` (its defaults: no comments, no
tables dropped); a page it extracts nothing from gives a line with an empty body. Needs
trafilatura 2.x (`pip install trafilatura==2.3.1 lxml_html_clean`); without it, prints
a note on stderr and exits with status 3 (the callers skip its rows).
"""

import argparse
import gzip
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor


def extract(path):
    import trafilatura

    with open(path, 'rb') as f:
        raw = f.read()
    if path.endswith('.gz'):
        raw = gzip.decompress(raw)
    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True)
    except Exception:  # noqa: BLE001 - a page it cannot read is an empty extraction
        doc = None
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    doc = doc or {}
    return {
        'source_path': path,
        'title': doc.get('title'),
        'author': doc.get('author'),
        'date': doc.get('date'),
        'body': doc.get('text') or '',
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('pages')
    ap.add_argument('--jobs', type=int, default=2)
    a = ap.parse_args()
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print('trafilatura is not installed here: skipped (pip install trafilatura==2.3.1 lxml_html_clean)',
              file=sys.stderr)
        sys.exit(3)
    names = sorted(n for n in os.listdir(a.pages) if n.endswith(('.html', '.htm', '.html.gz', '.htm.gz')))
    paths = [os.path.join(a.pages, n) for n in names]
    with ProcessPoolExecutor(max_workers=a.jobs) as pool:
        for rec in pool.map(extract, paths, chunksize=8):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
