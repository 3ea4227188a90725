#!/usr/bin/env python3
"""Page kinds against ../shared/wcxb-dev/pages.json: a confusion matrix per half.

    python3 bench/pagetype.py RECORDS.jsonl [--errors ERRORS.jsonl] [--pages DIR]
    python3 bench/pagetype.py --evidence EVIDENCE.jsonl [--weights data/page-kinds.toml]

RECORDS.jsonl is newsnorm's output over the pages (`newsnorm -q --errors err.jsonl
../shared/wcxb-dev/html > rec.jsonl`); a page is matched by the file name in
`source_path`. A page without a record is counted in the column `none` (and is not
right). With --errors, the lines of `--page-type` (`{"source_path", "page_type"}`) count
as the kind they name.

--evidence reads the output of `cargo run --example page_kind -- PAGES` (each page's
evidence) and scores it again with the weights file: the weights can be tuned without a
build. Tune on half a, confirm on half b (the halves of the scorer, score.py).

--fit OUT.toml (with --evidence): fit the weights of every entry of the weights file to
the pages of one half (--train, default a) by multinomial logistic regression whose L2
penalty pulls toward the weights as written (the fit corrects what is known; a word
written `{}` starts at 0), round them to quarters, choose the smallest margin that keeps --keep of that
half's articles, and write the weights file again with these numbers (comments, order
and vocabulary as they were). Deterministic: the same evidence gives the same file.

Figures: `right` is the share of pages whose kind is the reference kind; `article kept`
the share of article pages given `article` (a filter must not lose articles); a page with
no record (an error) is counted as not right, and the share among the pages that have a
kind is given too.
"""
import argparse
import collections
import hashlib
import json
import os
import sys

KINDS = ['article', 'forum', 'listing', 'collection', 'product', 'documentation', 'service']
HERE = os.path.dirname(os.path.abspath(__file__))


def half(pid):
    return 'a' if hashlib.sha1(pid.encode()).digest()[0] % 2 == 0 else 'b'


def page_id(path):
    name = os.path.basename(path or '')
    for end in ('.gz', '.html', '.htm'):
        name = name[:-len(end)] if name.endswith(end) else name
    return name


def from_records(records, errors):
    got = {}
    for path in [p for p in (records, errors) if p]:
        for line in open(path, encoding='utf-8'):
            if not line.strip():
                continue
            r = json.loads(line)
            if 'page_type' in r:
                got[page_id(r.get('source_path'))] = r['page_type']
    return got


def load_weights(path):
    import tomllib
    with open(path, 'rb') as f:
        w = tomllib.load(f)
    vec = lambda t: [float(t.get(k, 0)) for k in KINDS]
    table = {}
    for space, entries in w.items():
        if isinstance(entries, dict) and space != 'bias':
            for word, kw in entries.items():
                table[f'{space}:{word}'] = vec(kw)
    return float(w['margin']), vec(w['bias']), table


def decide(scores, margin):
    best = max(range(1, len(KINDS)), key=lambda i: scores[i])
    return KINDS[best] if scores[best] > scores[0] + margin else 'article'


def from_evidence(path, weights):
    margin, bias, table = load_weights(weights)
    import tomllib
    with open(weights, 'rb') as f:
        discount = float(tomllib.load(f).get('declared_discount', 0))
    got, why = {}, {}
    for line in open(path, encoding='utf-8'):
        if not line.strip():
            continue
        e = json.loads(line)
        scores = list(bias)
        # src/page/kind/mod.rs `score`: on a scattered page the declared types weigh less
        # for `article` (the fit below does not model it).
        scattered = e['evidence'].get('structure:scattered', 0) > 0
        for name, value in e['evidence'].items():
            for i, w in enumerate(table.get(name, ())):
                if i == 0 and scattered and name.split(':')[0] in ('ld', 'og'):
                    w *= 1 - discount
                scores[i] += w * value
        got[page_id(e['path'])] = decide(scores, margin)
        why[page_id(e['path'])] = (scores, e['evidence'])
    return got, why


def fit(evidence, weights, pages, train, l2, epochs, keep, out_path, articles=None, l2_structure=None):
    import math
    margin, bias, table = load_weights(weights)
    names = sorted(table)
    index = {n: i for i, n in enumerate(names)}
    data = []
    for line in open(evidence, encoding='utf-8'):
        if line.strip():
            e = json.loads(line)
            pid = page_id(e['path'])
            if pid in pages and half(pid) == train:
                x = [(index[k], v) for k, v in sorted(e['evidence'].items()) if k in index and v]
                data.append((x, KINDS.index(pages[pid]['page_type'])))
    # Pages known to be (nearly all) articles, when given, are articles too.
    for line in open(articles, encoding='utf-8') if articles else ():
        if line.strip():
            e = json.loads(line)
            data.append(([(index[k], v) for k, v in sorted(e['evidence'].items()) if k in index and v], 0))
    K, F, n = len(KINDS), len(names), len(data)
    # The written weights are the prior: the fit starts there and its penalty pulls
    # toward them, so what is learned is a correction of what is known.
    W0 = [list(table[nm]) for nm in names]
    W = [list(row) for row in W0]
    # The numbers of the structure may have their own penalty (--l2-structure): they are
    # few and seen on every page, where a word of the vocabulary is seen on a few.
    ls = l2 if l2_structure is None else l2_structure
    pen = [ls if nm.startswith('structure:') else l2 for nm in names]
    b = list(bias)
    # Adam on the mean log loss plus l2 * |W|^2 / 2.
    mW = [[0.0] * K for _ in range(F)]; vW = [[0.0] * K for _ in range(F)]
    mb = [0.0] * K; vb = [0.0] * K
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        gW = [[pen[f] * (w - w0) for w, w0 in zip(row, row0)] for f, (row, row0) in enumerate(zip(W, W0))]
        gb = [0.0] * K
        for x, y in data:
            z = list(b)
            for f, v in x:
                row = W[f]
                for k in range(K):
                    z[k] += row[k] * v
            top = max(z)
            ex = [math.exp(a - top) for a in z]
            s = sum(ex)
            g = [e / s / n for e in ex]
            g[y] -= 1.0 / n
            for k in range(K):
                gb[k] += g[k]
            for f, v in x:
                row = gW[f]
                for k in range(K):
                    row[k] += g[k] * v
        for f in range(F):
            for k in range(K):
                mW[f][k] = b1 * mW[f][k] + (1 - b1) * gW[f][k]
                vW[f][k] = b2 * vW[f][k] + (1 - b2) * gW[f][k] ** 2
                W[f][k] -= lr * (mW[f][k] / (1 - b1 ** t)) / (math.sqrt(vW[f][k] / (1 - b2 ** t)) + eps)
        for k in range(K):
            mb[k] = b1 * mb[k] + (1 - b1) * gb[k]
            vb[k] = b2 * vb[k] + (1 - b2) * gb[k] ** 2
            b[k] -= lr * (mb[k] / (1 - b1 ** t)) / (math.sqrt(vb[k] / (1 - b2 ** t)) + eps)
        # No kind is more likely than an article on no evidence.
        b = [b[0]] + [min(v, b[0]) for v in b[1:]]
    q = lambda w: round(w * 4) / 4
    # Relative to article: only differences between kinds matter.
    b = [q(v - b[0]) for v in b]
    # A constant added to a row changes no decision: each row is shifted so that its
    # most common value is 0 (the fewest numbers to read).
    def shifted(row):
        row = [q(w) for w in row]
        mode = max(sorted(set(row)), key=row.count)
        return [w - mode + 0.0 for w in row]
    W = [shifted(row) for row in W]
    fitted = {n: W[i] for i, n in enumerate(names)}

    def kept(m):
        arts = [x for x, y in data if y == 0]
        ok = 0
        for x in arts:
            sc = list(b)
            for f, v in x:
                for k in range(K):
                    sc[k] += W[f][k] * v
            ok += decide(sc, m) == 'article'
        return ok / len(arts)
    m = -5.0
    while kept(m) < keep and m < 20:
        m += 0.25
    write_weights(weights, out_path, m, b, fitted)


def inline(ws):
    parts = [f'{k} = {w:g}' for k, w in zip(KINDS, ws) if w]
    return '{ ' + ', '.join(parts) + ' }' if parts else '{}'


def write_weights(src, dst, margin, bias, fitted):
    import re
    out, table = [], None
    for line in open(src, encoding='utf-8').read().split('\n'):
        head = re.match(r'^\[(\w+)\]', line)
        if head:
            table = head.group(1)
            out.append(line)
            if table == 'bias':
                out.extend(f'{k} = {w:g}' for k, w in zip(KINDS, bias) if w)
            continue
        if re.match(r'^margin\s*=', line):
            out.append(f'margin = {margin:g}')
            continue
        if table == 'bias' and re.match(r'^\w+\s*=', line):
            continue
        entry = re.match(r'^("[^"]+"|[^\s=]+)\s*=\s*\{.*\}\s*$', line)
        if entry and table:
            key = entry.group(1)
            out.append(f'{key} = {inline(fitted.get(table + ":" + key.strip(chr(34)), [0] * len(KINDS)))}')
            continue
        out.append(line)
    open(dst, 'w', encoding='utf-8').write('\n'.join(out))


def matrix(ids, pages, got, out):
    cols = KINDS + ['none']
    m = collections.defaultdict(collections.Counter)
    for i in ids:
        m[pages[i]['page_type']][got.get(i, 'none')] += 1
    right = sum(m[k][k] for k in KINDS)
    arts = sum(m['article'].values())
    out.write(f"{'reference/given':<18}" + ''.join(f'{c[:6]:>7}' for c in cols) + f"{'right':>8}\n")
    for k in KINDS:
        n = sum(m[k].values())
        out.write(f'{k:<18}' + ''.join(f'{m[k][c]:>7}' for c in cols) + f'{(m[k][k] / n if n else 0):>8.2f}\n')
    given = len(ids) - sum(m[k]['none'] for k in KINDS)
    out.write(f'pages {len(ids)}: right {right} ({right / len(ids):.3f}), article kept {m["article"]["article"] / arts:.3f}')
    if given < len(ids):
        out.write(f'; of the {given} pages with a kind, right {right / given:.3f}')
    out.write('\n')
    return right / len(ids), m['article']['article'] / arts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('records', nargs='?')
    ap.add_argument('--errors')
    ap.add_argument('--evidence')
    ap.add_argument('--weights', default=os.path.join(HERE, '..', 'data', 'page-kinds.toml'))
    ap.add_argument('--pages', default=os.path.join(HERE, '..', '..', 'shared', 'wcxb-dev'))
    ap.add_argument('--wrong', choices=['a', 'b'], help='list the wrong pages of this half, with their evidence')
    ap.add_argument('--articles', metavar='EVIDENCE.jsonl',
                    help='evidence of pages that are (nearly) all articles, e.g. ../shared/html-dev: list those not given article')
    ap.add_argument('--fit', metavar='OUT.toml')
    ap.add_argument('--train', choices=['a', 'b'], default='a')
    ap.add_argument('--l2', type=float, default=0.01)
    ap.add_argument('--l2-structure', type=float, help='the penalty of the [structure] weights (default: --l2)')
    ap.add_argument('--epochs', type=int, default=300)
    ap.add_argument('--keep', type=float, default=0.98, help='share of the training articles kept (--fit)')
    a = ap.parse_args()
    pages = json.load(open(os.path.join(a.pages, 'pages.json'), encoding='utf-8'))['files']
    if a.fit:
        if not a.evidence:
            ap.error('--fit needs --evidence')
        fit(a.evidence, a.weights, pages, a.train, a.l2, a.epochs, a.keep, a.fit, a.articles, a.l2_structure)
        a.weights = a.fit
    why = {}
    if a.evidence:
        got, why = from_evidence(a.evidence, a.weights)
    elif a.records:
        got = from_records(a.records, a.errors)
    else:
        ap.error('give RECORDS.jsonl or --evidence')
    for h in 'ab':
        print(f'half {h}')
        matrix([i for i in sorted(pages) if half(i) == h], pages, got, sys.stdout)
        print()
    if a.articles:
        other, _ = from_evidence(a.articles, a.weights)
        left = sorted((k, p) for p, k in other.items() if k != 'article')
        print(f'{a.articles}: {len(other)} pages, {len(left)} not article:', ' '.join(f'{p}={k}' for k, p in left))
    if a.wrong:
        for i in sorted(pages):
            want, have = pages[i]['page_type'], got.get(i, 'none')
            if half(i) == a.wrong and want != have:
                scores, ev = why.get(i, ([], {}))
                print(f'{i} {want} -> {have}', ' '.join(f'{k[:4]}={s:.1f}' for k, s in zip(KINDS, scores)))
                if ev:
                    print('    ', ' '.join(f'{k}={v:g}' for k, v in sorted(ev.items())))


if __name__ == '__main__':
    main()
