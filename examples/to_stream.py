#!/usr/bin/env python3
"""Write files as a newsnorm document stream: one JSON object per line.

    python3 examples/to_stream.py [--text] PATH... > docs.jsonl
    find corpus -type f -print0 | python3 examples/to_stream.py --files-from - -0 > docs.jsonl

Each file becomes {"path": ..., "content_base64": ...} (its bytes, whatever their
encoding), or with --text {"path": ..., "content": ...} for files that are UTF-8.
Directories are walked in sorted order, hidden entries skipped, as newsnorm walks them;
`path` is the path as found, so `newsnorm --stream` gives the records that a run over
the same files gives. Standard library only. Use it to send documents to newsnorm where
the files are not visible (another host, a job's stdin), e.g.

    python3 examples/to_stream.py corpus | parallel -S host1,host2 --pipe -k \\
        newsnorm -q --stream --errors - --exit-zero > records.jsonl
"""

import argparse
import base64
import json
import os
import sys


def walk(path):
    """Files under `path` in newsnorm's order: entries sorted by name, hidden ones skipped."""
    if not os.path.isdir(path):
        yield path
        return
    for name in sorted(os.listdir(path)):
        if name.startswith("."):
            continue
        child = os.path.join(path, name)
        if os.path.isdir(child):
            yield from walk(child)
        elif os.path.isfile(child):
            yield child


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="files or directories")
    ap.add_argument("--files-from", help="read paths from FILE (- for stdin), one per line")
    ap.add_argument("-0", "--null", action="store_true", help="with --files-from: NUL-separated")
    ap.add_argument("--text", action="store_true", help="send UTF-8 files as `content` text")
    args = ap.parse_args()
    paths = list(args.paths)
    if args.files_from:
        data = sys.stdin.buffer.read() if args.files_from == "-" else open(args.files_from, "rb").read()
        sep = b"\0" if args.null else b"\n"
        paths += [os.fsdecode(p) for p in data.split(sep) if p]
    out = sys.stdout
    for top in paths:
        for path in walk(top):
            with open(path, "rb") as f:
                data = f.read()
            # Bytes of a name that are not UTF-8 shown as U+FFFD, as newsnorm shows them.
            shown = os.fsencode(path).decode("utf-8", "replace")
            obj = {"path": shown}
            text = None
            if args.text:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
            if text is not None:
                obj["content"] = text
            else:
                obj["content_base64"] = base64.b64encode(data).decode("ascii")
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
