#!/usr/bin/env python3
"""How well `newsnorm outlets learn` learns the built-in outlets' boilerplate.

    bench/learn_check.py [--bin PATH] [--jobs N] [--keep DIR] [FOLDER]

FOLDER (default ../shared/archive-sample) is split in two fixed halves by a hash of each
file's path. `newsnorm outlets learn` reads one half (all outlets at once: a mixed
folder, grouped by outlet); the other half is then read three times (`--swap`: the
halves the other way round):

- with the built-in rules (what the hand-written rules remove);
- with each built-in outlet reduced to who it is (key, publisher, names, hosts, home
  offset): the raw text, no outlet's cleaning;
- with the learned rule files in place of the built-in ones (`--rules`).

For each built-in outlet, on the second half, it counts the body lines (a paragraph's
lines, compared after trimming) of the raw text that the built-in rule removes (a line is
kept when the output has it, or a line that holds at least half of it: a rule that
strips an end mark keeps the line), and of those the share the learned rule removes too
(the goal: 80% or more); and the lines the built-in rule keeps that the learned rule
removes (the goal: none). Python 3.11+ standard library only; exit status 0 when every
outlet meets both goals, 1 otherwise.
"""

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode not in (0, 1):
        sys.exit(f"learn_check: {' '.join(map(str, cmd))} exited with {p.returncode}: {p.stderr[-2000:]}")
    return p


def records(binary, files_from, out, jobs, rules=None):
    cmd = [binary, "-q", "-j", str(jobs), "--files-from", files_from, "-o", out, "--errors", out + ".err"]
    if rules:
        cmd += ["--rules", rules]
    run(cmd)
    with open(out, encoding="utf-8") as f:
        return {r["source_path"]: r for r in map(json.loads, f) if r}


def lines(r):
    return [l.strip() for p in r["body"].split("\n\n") for l in p.split("\n") if l.strip()]


def kept(line, others):
    """The output keeps `line`: it has it, or a line that holds at least half of it."""
    if line in others:
        return True
    return any((o in line and 2 * len(o) >= len(line)) or (line in o and 2 * len(line) >= len(o)) for o in others)


SWAP = False


def half(path):
    even = hashlib.sha1(path.encode("utf-8")).digest()[0] % 2 == 0
    return "learn" if even != SWAP else "test"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default="../shared/archive-sample")
    ap.add_argument("--bin", default=os.environ.get("NEWSNORM", "target/release/newsnorm"))
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="keep the learned rule files in this folder")
    ap.add_argument("--json", help="write the figures per outlet as JSON to this file")
    ap.add_argument("--swap", action="store_true", help="learn from the other half and test on the first")
    args = ap.parse_args()
    global SWAP
    SWAP = args.swap
    if not os.path.isdir(args.folder):
        print(f"SKIPPED: {args.folder} is absent")
        return 0
    files = []
    for root, dirs, names in os.walk(args.folder):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names)]
    listing = run([args.bin, "outlets"]).stdout
    key_of = {}
    for row in listing.splitlines():
        key, publisher, *_ = row.split("\t")
        key_of[publisher] = key
    with tempfile.TemporaryDirectory() as tmp:
        lists = {}
        for h in ("learn", "test"):
            lists[h] = os.path.join(tmp, h + ".txt")
            with open(lists[h], "w", encoding="utf-8") as f:
                f.write("".join(p + "\n" for p in files if half(p) == h))
        learned = args.keep or os.path.join(tmp, "learned")
        os.makedirs(learned, exist_ok=True)
        for old in os.listdir(learned):
            if old.endswith(".toml"):
                os.remove(os.path.join(learned, old))
        run([args.bin, "outlets", "learn", "-q", "--files-from", lists["learn"], "-o", learned + "/"])
        # Each built-in outlet as an identity only.
        ident = os.path.join(tmp, "ident")
        os.makedirs(ident)
        for publisher, key in key_of.items():
            rule = tomllib.loads(run([args.bin, "outlets", "show", key]).stdout)
            keep = {k: rule[k] for k in ("key", "publisher", "names", "hosts", "home_offset") if k in rule}
            with open(os.path.join(ident, key + ".toml"), "w", encoding="utf-8") as f:
                for k, v in keep.items():
                    f.write(f"{k} = {json.dumps(v, ensure_ascii=False)}\n")
        # The learned files that replace a built-in outlet; the others are new outlets the
        # half also held (left out: they could claim a host of a built-in one).
        replacing = os.path.join(tmp, "replacing")
        os.makedirs(replacing)
        keys = set(key_of.values())
        for name in os.listdir(learned):
            if name.endswith(".toml") and name[:-5] in keys:
                os.link(os.path.join(learned, name), os.path.join(replacing, name))
        builtin = records(args.bin, lists["test"], os.path.join(tmp, "builtin.jsonl"), args.jobs)
        raw = records(args.bin, lists["test"], os.path.join(tmp, "raw.jsonl"), args.jobs, ident)
        mine = records(args.bin, lists["test"], os.path.join(tmp, "learned.jsonl"), args.jobs, replacing)
    stats = collections.defaultdict(collections.Counter)
    wrong_examples = collections.defaultdict(collections.Counter)
    for path, b in builtin.items():
        key = key_of.get(b.get("publisher"))
        if not key or path not in raw or path not in mine:
            continue
        R, B, L = lines(raw[path]), set(lines(builtin[path])), set(lines(mine[path]))
        S = stats[key]
        S["records"] += 1
        for l in R:
            by_builtin = not kept(l, B)
            by_learned = not kept(l, L)
            if by_builtin:
                S["removed"] += 1
                S["also"] += by_learned
            elif by_learned:
                S["wrong"] += 1
                wrong_examples[key][l[:60]] += 1
    ok = True
    print("| outlet | test records | lines the built-in rule removes | the learned rule removes too | share | lines the built-in rule keeps that the learned rule removes |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in sorted(stats, key=lambda k: -stats[k]["removed"]):
        S = stats[key]
        share = S["also"] / S["removed"] if S["removed"] else 1.0
        ok &= share >= 0.8 and S["wrong"] == 0
        print(f"| {key} | {S['records']:,} | {S['removed']:,} | {S['also']:,} | "
              f"{share:.0%}{'' if S['removed'] else ' (none removed)'} | {S['wrong']:,} |")
    tot = sum((stats[k] for k in stats), collections.Counter())
    print(f"| all | {tot['records']:,} | {tot['removed']:,} | {tot['also']:,} | "
          f"{tot['also'] / max(1, tot['removed']):.0%} | {tot['wrong']:,} |")
    if os.environ.get("MISSED"):
        want = os.environ["MISSED"]
        miss = collections.Counter()
        for path, b in builtin.items():
            if key_of.get(b.get("publisher")) != want or path not in raw or path not in mine:
                continue
            R, B, L = lines(raw[path]), set(lines(builtin[path])), set(lines(mine[path]))
            for i, l in enumerate(R):
                if not kept(l, B) and kept(l, L):
                    miss[(l[:70], "edge" if i < 2 or i >= len(R) - 3 else "mid")] += 1
        for (l, pos), c in miss.most_common(40):
            print(f"  MISSED {c} {pos} {l!r}", file=sys.stderr)
    for key, ex in wrong_examples.items():
        print(f"\n{key}: kept by the built-in rule, removed by the learned one: " +
              "; ".join(f"{l!r} ({c})" for l, c in ex.most_common(5)), file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({k: dict(v) for k, v in stats.items()}, f, ensure_ascii=False, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
