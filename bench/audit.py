#!/usr/bin/env python3
"""Quality audit of newsnorm over a folder of scraped articles.

    bench/audit.py [--bin PATH] [--jobs N] [--json FILE] [--examples N]
                   [--update-readme README.md] FOLDER...

Runs newsnorm over the folder(s) (default binary: target/release/newsnorm), reads every
source file itself, and reports per publisher, as Markdown on stdout:

- errors by kind (an error is given the publisher of its URL's host, learned from the
  records of the same run, else its feed label);
- coverage: the source's visible text (front matter, markup, link targets and the feed
  preamble removed) against the body and the picture captions: records whose body keeps under half of a source
  text of 300+ characters, `empty_body` errors of such files, and records where real
  text (prose lines not repeated across the publisher) follows the last body paragraph
  in the source ("text after a cut point is missing");
- boilerplate candidates: body paragraphs repeated verbatim in more than 0.3% of a
  publisher's records and in at least 20 of them;
- markup residue in bodies and titles: `**`, `](`, `<` before a tag name, entities
  (`&amp;`, `&#123;`), lines that are only a URL;
- author classes (null, the publisher, person-like names, other) and the author table
  (the commonest values that are not person-like names).

With --update-readme, the report also replaces the text between the lines
`<!-- audit:begin -->` and `<!-- audit:end -->` of that file (the README's quality
record). Python 3 standard library only. Exit status 0 when the report was written.
"""

import argparse
import collections
import html
import json
import os
import re
import subprocess
import sys
import tempfile

MIN_SOURCE = 300
BOILER_SHARE = 0.003
BOILER_MIN = 20

FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)
SCRIPT = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^<>]*>")
BLOCK_TAG = re.compile(r"<(?:br|p|div|li|h[1-6]|tr|blockquote|figure|figcaption|section|article)\b[^<>]*>|</(?:p|div|li|h[1-6]|tr|blockquote)\s*>", re.I)
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.S)
MD_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s)|[*_]{2,}|^\s*(?:[-*_]\s*){3,}$", re.M)
WS = re.compile(r"\s+")

RESIDUE = {
    # `**` as an emphasis marker or a separator line; `5**` (a grade) and `帮我******`
    # (censored words) are text.
    "**": re.compile(r"(?m)(?<![0-9*])\*\*(?!\*)|^\*{2,}$"),
    "](": re.compile(r"\]\("),
    # An HTML element's tag or a comment (`<Gigi leung is dead>`, an album title in angle
    # brackets, is text).
    "<tag": re.compile(r"<!--|</?(?i:a|abbr|article|aside|b|blockquote|br|button|caption|center|cite|code|dd|div|dl|dt|em|"
                       r"figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|label|li|link|main|meta|nav|"
                       r"noscript|ol|p|picture|pre|script|section|small|source|span|strong|style|sub|sup|svg|table|tbody|td|"
                       r"th|thead|tr|u|ul|video)(?:\s[^<>\n]{0,200})?\s*/?>"),
    "&entity;": re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});"),
    "url-only line": re.compile(r"(?m)^\s*(?:https?://|www\.)\S+\s*$"),
}

# A media marker in brackets opening or ending a title (`…[影]`, `【视频】…`, `(Video)`).
TITLE_MEDIA = re.compile(
    r"^\s*[\[【［〔(（]\s*(?:视频|視頻|微视频|微視頻|短视频|短視頻|影片|影音|影|直播|多片|图集|圖集|组图|組圖|图辑|圖輯|多图|多圖|音频|音頻|"
    r"(?i:videos?|photos?|gallery|audio|watch|podcasts?))\s*[\]】］〕)）]"
    r"|[\[【［〔(（]\s*(?:视频|視頻|微视频|微視頻|短视频|短視頻|影片|影音|影|直播|多片|图集|圖集|组图|組圖|图辑|圖輯|多图|多圖|音频|音頻|"
    r"(?i:videos?|photos?|gallery|audio|watch|podcasts?))\s*[\]】］〕)）]\s*$")
# The boilerplate and credit paragraphs, and the wrong authors, that the archive audit's
# issue named: none may be left. (publisher or None for any, paragraph regex)
NAMED_BOILERPLATE = [(None, re.compile(x)) for x in (
    r"^歡迎訂閱中央社國際新聞電子報", r"^上午8點同步發送電子報", r"^若有任何建議請來信告訴我們", r"^(?:關閉|看更多)$",
    r"（看完整報導）", r"^Enjoy more audio and podcasts on", r"^Please subscribe to The Economist",
    r"^Editor[’']s note: Some of our covid-19 coverage is free", r"^Dig deeper$", r"^All our stories relating to the pandemic",
    r"^The post .* appeared first on 中国数字时代", r"^相关阅读[：:]$", r"first appeared on Bitter Winter",
    r"^最近更新[：:]", r"^请访问 BBC Future 阅读", r"^告知：第三方内容可能包含广告", r"^要使用這個功能，請更新你的瀏覽器",
    r"你的器材不支持播放多媒体材料", r"^Feed-URL:", r"^iTunes:", r"donate\.epochtimes\.com", r"tmsnrt\.rs/", r"^Image$",
    r"^請支持《眾新聞》，成為訂戶", r"^楊健興【香港這一天】結集", r"^(?:责任编辑|責任編輯)[：:]\s*\S{1,10}$",
    r"^(?:记者|記者)[：:].{0,20}(?:责编|責編)[：:].{0,20}(?:网编|網編)[：:]", r"^(?:编译|編譯)\s*\S{1,8}[；;]\s*(?:审校|審校)",
)] + [("寒冬", re.compile(r"^作者[：:]"))]
# The credit lines and boilerplate the second archive issue (outlets nobody wrote a rule
# for) named, one class each, counted line by line (a line of a paragraph counts): (label,
# publishers to leave out, line regex). 中央社's bracketed closing credits stay (SPEC).
CREDIT_LINE = (r"^[（(【\[]?\s*(?:本文)?(?:译者|譯者|翻译|翻譯|责编|責編|编辑|編輯|责任编辑|責任編輯|网编|網編|审校|審校|核稿)"
               r"\s*(?:邮箱|郵箱)?\s*[：:/／ ]\s*[^\s。，,；;！？]{1,30}(?:\s+\S{1,30}){0,4}\s*[）)】\]]?$")
ISSUE19 = [
    ("translator or editor credit lines (`译者/何黎`, `翻译: 杨威廉`, `责编: 张慈`, `翻译 ：纽约时报中文网`)",
     {"中央社"}, re.compile(CREDIT_LINE)),
    ("editors' e-mail lines (`本文编辑徐瑾 Jin.Xu@…`, `…责编邮箱…`)", set(),
     re.compile(r"^[（(]?(?:注[：:])?.{0,80}(?:编辑|編輯|责编|責編)\s*(?:邮箱|郵箱)?\s*[：:]?\s*\S{0,4}\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}\s*[）)]?$")),
    ("reporters' credit lines with the editors (`记者：X 责编：Y 网编：Z`, in reposts too)", set(),
     re.compile(r"^[（(]?[^，。,]{0,16}(?:记者|記者|撰稿|采访|採訪)[^，。,]{0,30}(?:责编|責編)[^，。,]{0,30}$")),
    ("The Economist's `Dig deeper:` and newsletter lines", set(),
     re.compile(r"^Dig deeper:?$|\b(?i:our (?:weekly|fortnightly|daily|monthly) newsletter)\b|^Subscribe to The Economist\b|^Listen and subscribe to\b")),
    # (A headline after the heading: a further-reading recommendation with commas, a
    # sentence, is text.)
    ("related-link lines (`相關報道： X`, `【相關報道】 X`, `相关阅读：X`)", set(),
     re.compile(r"^[【\[]?\s*(?:相關報道|相关报道|相關報導|相关报导|相關新聞|相关新闻|相關文章|相关文章|相關閱讀|相关阅读|延伸閱讀|延伸阅读)"
                r"\s*(?:[】\]]\s*|[：:]\s*|\s+)[^，。,\s][^，。,]{0,80}$")),
    ("subscription lines (`請支持《眾新聞》，立即按此訂閱…`)", set(), re.compile(r"^請支持《眾新聞》|^請加入成為眾新聞的月費訂戶")),
]
NAMED_AUTHORS = re.compile(r"^(?:站|李辰美国华盛顿DC|唐佩君、台|系統管理員|系统管理员)$|^null |对本|對本|综合报导|綜合報導|（摘编）|（摘編）|"
                           r"你的器材不支持|^夏小华 李宗翰")
MASKED_HANDLE = re.compile(r"(?m)^(@?[^\s*]{1,6})\*\*(?=[：:])")
CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,5}$|^[\u3400-\u9fff]{1,8}(?:[·・•][\u3400-\u9fff]{1,8}){1,3}$")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.\-]+(?: (?:[A-Z][A-Za-z'’.\-]*|de|van|von|bin|al|da|du|le|la))* ?[A-Za-z'’.\-]*$")
MIXED_NAME = re.compile(r"^[\u3400-\u9fff·・]{2,12}\s*[（(][A-Za-z .'’\-]{2,40}[)）]$")
NAME_STOP = re.compile(r"记者|記者|报道|報導|报导|編輯|编辑|综合|綜合|摘编|摘編|台北|北京|华盛顿|華盛頓|香港|管理員|管理员|网站|網站|新闻|新聞|电台|電台|中央社|本报|本報|对本|對本")


PICTURE, LINK_OPEN, LINK_CLOSE = "\x01", "\x02", "\x03"
LINK_TEXT = re.compile("\x02[^\x02\x03]*\x03?")
NOT_TEXT = re.compile(r"[\s\-*+•·|/,，、;；.。:：\d]*")


def visible_lines(path, text):
    """The source's visible text, as lines."""
    return [l for l, _ in visible_lines_kinds(path, text)]


def visible_lines_kinds(path, text):
    """The source's visible text, as (line, kind): kind is "picture" for a line that opens
    with a picture (a gallery item), "link" for a line that is only link text, else ""."""
    body = text
    m = FRONT.match(text)
    if m:
        body = text[m.end():]
    if path.endswith(".md") and "<div" not in body[:4000] and "<p" not in body[:4000]:
        # Markdown (wayback-markdown): images and shortcodes go, links keep their text.
        body = SHORTCODE.sub("", body)
        body = COMMENT.sub("", body)
        body = MD_IMAGE.sub(PICTURE, body)
        body = MD_LINK.sub(LINK_OPEN + r"\1" + LINK_CLOSE, body)
        body = re.sub(r"<figcaption>(.*?)</figcaption>", "", body, flags=re.S)
        body = re.sub(r"<img\b", PICTURE + "<img", body)
        body = TAG.sub("", body)
        body = MD_MARKS.sub("", body)
        body = html.unescape(body)
    else:
        # Jekyll: the preamble (epoch comment, [title](url), ------) and the feed footer go.
        lines = body.split("\n")
        k = 0
        while k < min(len(lines), 8):
            s = lines[k].strip()
            if not s or s.startswith("<!--") or (s.startswith("[") and s.endswith(")")):
                k += 1
                continue
            if len(s) >= 3 and set(s) == {"-"}:
                k += 1
            break
        body = "\n".join(lines[k:])
        at = body.rfind("获取更多RSS")
        if at >= 0:
            body = body[:at]
        body = SCRIPT.sub("", body)
        body = COMMENT.sub("", body)
        body = BLOCK_TAG.sub("\n", body)
        body = re.sub(r"<img\b", PICTURE + "<img", body)
        body = re.sub(r"<a\b[^<>]*>", LINK_OPEN, body)
        body = re.sub(r"</a\s*>", LINK_CLOSE, body)
        body = TAG.sub("", body)
        body = html.unescape(body)
    out = []
    for raw in body.split("\n"):
        raw = WS.sub(" ", raw).strip()
        line = WS.sub(" ", re.sub("[\x01-\x03]", "", raw)).strip()
        # A line that is only a URL is not text (a photo post's link, a feed address).
        if not line or RESIDUE["url-only line"].match(line):
            continue
        if raw.lstrip(LINK_OPEN + " ").startswith(PICTURE):
            kind = "picture"
        elif LINK_OPEN in raw and NOT_TEXT.fullmatch(re.sub("[\x01-\x03]", "", LINK_TEXT.sub("", raw))):
            kind = "link"
        else:
            kind = ""
        out.append((line, kind))
    return out


def squash(s):
    return WS.sub("", s)


def is_person(author, publisher):
    names = [n.strip() for n in re.split(r"[、,，;]", author) if n.strip()]
    if not names:
        return False
    for n in names:
        if NAME_STOP.search(n) or n == publisher:
            return False
        if not (CJK_NAME.match(n) or LATIN_NAME.match(n) or MIXED_NAME.match(n)):
            return False
    return True


def author_class(author, publisher):
    if author is None:
        return "null"
    if author == publisher:
        return "publisher"
    if is_person(author, publisher):
        return "person"
    return "other"


def host_of(url):
    m = re.match(r"https?://([^/?#:]+)", url or "")
    return m.group(1).lower().removeprefix("www.") if m else None


def source_meta(text):
    """(url, label) from the front matter."""
    m = FRONT.match(text)
    if not m:
        return None, None
    fm = m.group(0)
    url = label = None
    for key in ("original_url", "from"):
        k = re.search(r"(?m)^%s:\s*\"?([^\"\n]+)" % key, fm)
        if k:
            url = k.group(1).strip()
            break
    k = re.search(r"(?m)^author:\s*\"?([^\"\n]*)", fm)
    if k:
        label = k.group(1).strip()
    return url, label


# Dropped source text the readers leave out on purpose, recognised from the source alone
# (never from the rule files, so the audit does not just agree with them). Each reason
# covers only what the source shows belongs to it:
# - a related gallery: its heading (`相关图集：`) and the picture lines after it;
# - related links: its heading (`延伸閱讀`, `相關報道`, `Related` …) and the link-only lines;
# - an embedded post: a tweet's `— name (@handle) date` line and up to three dropped lines
#   before it (the tweet's text), a line with `pic.twitter.com/`, an `Infogram` or
#   `Flourish` embed line and the one short line before it (the embed's title);
# - a promo or footer: a line the publisher's records drop in two or more different
#   articles, each such line by itself;
# - an author bio: after the last kept line, a line naming the record's author (the whole
#   name), or a columnist's box (`博客 | 名字`) and up to three
#   lines after it;
# - named boilerplate: a line the archive audit's issue named as boilerplate
#   (NAMED_BOILERPLATE), each such line by itself.
HEADINGS = [
    ("related gallery", re.compile(r"^(?:相关图集|相關圖集|图集|圖集|Gallery)\s*[:：]")),
    ("related links", re.compile(
        r"^(?:延伸閱讀|延伸阅读|相關報道|相关报道|相關報導|相关报导|相關新聞|相关新闻|相關閱讀|相关阅读|"
        r"相關文章|相关文章|推薦閱讀|推荐阅读|更多報導|更多报道|Related|Read more|More on)\b\s*[:：]?")),
]
# A columnist's box after a post: `博客 | 名字` / `Blogger | Name` and the bio after it.
COLUMNIST_BOX = re.compile(r"^(?:博客|Blogger|主筆|主笔|專欄|专栏|Columnist)\s*[|｜]\s*\S")
TWEET_SIGNATURE = re.compile(r"^— .{1,80}\(@\w{1,30}\)")
TWEET_LINE = re.compile(r"pic\.twitter\.com/")
EMBED_LINE = re.compile(r"^(?:Infogram|Flourish|A post shared by)\b")
LIST_MARK = re.compile(r"^(?:\d{1,3}[.)、]|[•●※])\s*")


def norm(s):
    return LIST_MARK.sub("", squash(s))


def kept_flags(lines, kept_text):
    """Which source lines are in the record (body, captions or title): a line is kept when
    at least half of its 20-character pieces are (its opening alone may be a name the body
    also quotes; its end may be an address the reader rewrote)."""
    out = []
    for l in lines:
        k = norm(l)
        pieces = [k[i:i + 20] for i in range(0, max(len(k) - 10, 1), 20)] or [k]
        found = sum(1 for x in pieces if x in kept_text)
        out.append(found * 2 >= len(pieces))
    return out


# What a heading's block is made of: a gallery of pictures, a list of links. The first line
# that is not (the article going on) ends it.
BLOCK_OF = {"related gallery": "picture", "related links": "link"}


def names_of(author):
    """The author's names, each a regex of the whole name (word bounds for Latin ones)."""
    out = []
    for n in re.split(r"[、,，;；]+", author or ""):
        n = n.strip()
        if len(n) < 2:
            continue
        if re.search(r"[A-Za-z]", n):
            out.append(re.compile(r"(?<![A-Za-z])" + re.escape(n) + r"(?![A-Za-z])"))
        else:
            out.append(re.compile(re.escape(n)))
    return out


def classify(lines, kinds, kept, repeated, author):
    """(reason or None) for each dropped line; None for kept lines and unexplained ones."""
    names = names_of(author)
    last_kept = max((i for i, k in enumerate(kept) if k), default=-1)
    why = [None] * len(lines)
    dropped = [not k for k in kept]
    block = None  # the heading block being read: (reason, kind of its lines)
    for i, l in enumerate(lines):
        if kept[i]:
            # One kept line inside a gallery (a caption the text also quotes) does not end
            # it; two do, and any kept line ends a links block.
            if not (block and block[0] == "related gallery" and i + 1 < len(lines) and dropped[i + 1]
                    and not (i > 0 and kept[i - 1])):
                block = None
            continue
        if block and kinds[i] != block[1]:
            block = None
        for reason, rx in HEADINGS:
            if rx.search(l):
                block = (reason, BLOCK_OF[reason])
                why[i] = reason
                break
        else:
            if block:
                why[i] = block[0]
    # Embedded posts.
    for i, l in enumerate(lines):
        if not dropped[i] or why[i]:
            continue
        if TWEET_SIGNATURE.search(l):
            why[i] = "embedded post"
            j = i - 1
            while j >= 0 and j >= i - 3 and dropped[j] and not why[j]:
                why[j] = "embedded post"
                j -= 1
        elif TWEET_LINE.search(l):
            why[i] = "embedded post"
        elif EMBED_LINE.search(l):
            why[i] = "embedded post"
            if i > 0 and dropped[i - 1] and not why[i - 1] and len(squash(lines[i - 1])) <= 40:
                why[i - 1] = "embedded post"
    # Promos, footers, bios.
    for i, l in enumerate(lines):
        if not dropped[i] or why[i]:
            continue
        if repeated(l):
            why[i] = "promo or footer"
        elif any(rx.search(l) for _, rx in NAMED_BOILERPLATE) or any(rx.search(l) for _, _, rx in ISSUE19):
            why[i] = "named boilerplate"
        elif i > last_kept and COLUMNIST_BOX.search(l):
            why[i] = "author bio"
            for j in range(i + 1, min(i + 4, len(lines))):
                if not dropped[j] or why[j]:
                    break
                why[j] = "author bio"
        elif i > last_kept and names and any(n.search(l) for n in names):
            why[i] = "author bio"
    return why, last_kept


def is_prose(line):
    return len(squash(line)) >= 40 and re.search(r"[。！？.!?」”]$", line) and not re.match(r"^(https?://|www\.)", line)


def run_newsnorm(binary, folders, jobs):
    with tempfile.TemporaryDirectory() as tmp:
        out, err = os.path.join(tmp, "out.jsonl"), os.path.join(tmp, "err.jsonl")
        cmd = [binary, "-q", "-j", str(jobs), "-o", out, "--errors", err, *folders]
        p = subprocess.run(cmd)
        if p.returncode not in (0, 1):
            sys.exit(f"audit: {' '.join(cmd)} exited with {p.returncode}")
        with open(out, encoding="utf-8") as f:
            records = [json.loads(l) for l in f if l.strip()]
        with open(err, encoding="utf-8") as f:
            errors = [json.loads(l) for l in f if l.strip()]
    return records, errors


def read_source(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def audit(records, errors, examples):
    pubs = collections.defaultdict(lambda: {
        "records": 0, "errors": collections.Counter(), "low_coverage": [], "empty_with_text": [],
        "cut_tail": [], "named_boilerplate": [], "named_authors": [], "issue19": {}, "residue": collections.Counter(), "residue_examples": {}, "title_residue": collections.Counter(),
        "authors": collections.Counter(), "author_classes": collections.Counter(), "paragraphs": collections.Counter(),
    })
    host_pub = collections.Counter()
    # Dropped source lines, with the titles of the records they were dropped from: a line
    # dropped from two different articles (not two copies of one) is the publisher's.
    dropped_lines = collections.defaultdict(lambda: collections.defaultdict(set))
    # ... and the openings of long dropped lines: a footer whose wording varies (a
    # disclaimer with its date or hotline) opens the same way in two articles or more.
    dropped_heads = collections.defaultdict(lambda: collections.defaultdict(set))
    pending = []
    for r in records:
        pub = r.get("publisher") or "(none)"
        P = pubs[pub]
        P["records"] += 1
        h = host_of(r.get("url"))
        if h:
            host_pub[(h, pub)] += 1
        body = r.get("body") or ""
        paras = body.split("\n\n")
        for para in set(paras):
            P["paragraphs"][para] += 1
        # A commenter's masked handle (R**：…, @陈******：…) is text, not emphasis.
        checked = MASKED_HANDLE.sub(r"\1", body)
        for kind, rx in RESIDUE.items():
            if rx.search(checked):
                P["residue"][kind] += 1
                P["residue_examples"].setdefault(kind, r["source_path"])
        title = r.get("title") or ""
        for kind in ("**", "&entity;", "<tag"):
            if RESIDUE[kind].search(title):
                P["title_residue"][kind] += 1
        if re.match(r"^\s*[\[［][^\]］]{1,20}[\]］]", title):
            P["title_residue"]["[section]"] += 1
        if TITLE_MEDIA.search(title):
            P["title_residue"]["[media]"] += 1
        named = [rx.pattern for who, rx in NAMED_BOILERPLATE if who in (None, pub) and any(rx.search(q) for q in paras)]
        if named:
            P["named_boilerplate"].append((r["source_path"], named[0]))
        lines_of_body = [x.strip() for q in paras for x in q.split("\n") if x.strip()]
        for label, skip, rx in ISSUE19:
            hit = next((x for x in lines_of_body if rx.search(x)), None) if pub not in skip else None
            if hit:
                P["issue19"].setdefault(label, []).append((r["source_path"], hit))
        if NAMED_AUTHORS.search(r.get("author") or ""):
            P["named_authors"].append((r["source_path"], r.get("author")))
        cls = author_class(r.get("author"), r.get("publisher"))
        P["author_classes"][cls] += 1
        P["authors"][(r.get("author"), cls)] += 1
        src = read_source(r["source_path"])
        lk = visible_lines_kinds(r["source_path"], src)
        lines, kinds = [l for l, _ in lk], [k for _, k in lk]
        captions = "".join(i.get("caption") or "" for i in r.get("images", []))
        kept = kept_flags(lines, norm(body) + "\u0000" + norm(captions) + "\u0000" + norm(title))
        for l, k in zip(lines, kept):
            if not k:
                dropped_lines[pub][l].add(title)
                if len(l) >= 30:
                    dropped_heads[pub][l[:20]].add(title)
        pending.append((pub, r, lines, kinds, kept, len(squash(body)) + len(squash(captions))))
    # Second pass, once every record's dropped lines are counted.
    for pub, r, lines, kinds, kept, n_body in pending:
        P = pubs[pub]
        def repeated(l, pub=pub):
            return len(dropped_lines[pub].get(l, ())) >= 2 or (len(l) >= 30 and len(dropped_heads[pub].get(l[:20], ())) >= 2)
        why, last_kept = classify(lines, kinds, kept, repeated, r.get("author"))
        n_src = sum(len(squash(l)) for l in lines)
        reasons = collections.Counter()
        for l, w in zip(lines, why):
            if w:
                reasons[w] += len(squash(l))
        explained = sum(reasons.values())
        if n_src >= MIN_SOURCE and n_body * 2 < n_src:
            if "body_truncated" in r.get("warnings", []):
                why_low = "teaser (body_truncated)"
            elif n_body * 2 >= n_src - explained:
                why_low = ", ".join(f"{k} {v:,} chars" for k, v in reasons.most_common())
            else:
                why_low = ""
            P["low_coverage"].append((r["source_path"], n_body, n_src, why_low))
        tail = [(l, w) for i, (l, w) in enumerate(zip(lines, why)) if i > last_kept and is_prose(l)
                and not repeated(l)]
        real = [l for l, w in tail if not w]
        chars = sum(len(squash(l)) for l in real)
        if chars >= 200:
            P["cut_tail"].append((r["source_path"], chars, real[0][:60], ""))
        elif sum(len(squash(l)) for l, _ in tail) >= 200:
            told = collections.Counter(w for _, w in tail if w)
            P["cut_tail"].append((r["source_path"], sum(len(squash(l)) for l, _ in tail), tail[0][0][:60],
                                  ", ".join(told)))
    hosts = {}
    for (h, pub), n in host_pub.most_common():
        hosts.setdefault(h, pub)
    for e in errors:
        path = e.get("source_path", "")
        src = read_source(path)
        url, label = source_meta(src)
        h = host_of(url)
        pub = hosts.get(h) if h else None
        if pub is None:
            for (hh, p) in host_pub:
                if h and (h.endswith("." + hh) or hh.endswith("." + h)):
                    pub = p
                    break
        pub = pub or label or "(no publisher)"
        kind = (e.get("error") or {}).get("kind") or ("duplicate" if "duplicate_of" in e else "?")
        P = pubs[pub]
        P["errors"][kind] += 1
        if kind == "empty_body":
            n_src = sum(len(squash(l)) for l in visible_lines(path, src))
            if n_src >= MIN_SOURCE:
                P["empty_with_text"].append((path, n_src))
    for P in pubs.values():
        n = P["records"]
        P["boilerplate"] = [
            (para, c) for para, c in sorted(P["paragraphs"].items(), key=lambda pc: (-pc[1], pc[0]))[:200]
            if c >= BOILER_MIN and c > BOILER_SHARE * n and para.strip()
        ]
        del P["paragraphs"]
    # A repeated paragraph is explained when it is a label introducing what follows (a
    # short line ending with a colon: `註釋：`), or a heading of a series (most of the
    # records that hold it share a piece of title: `COVID-19全球最新情報7/3`, `… 新闻联播 文字版`).
    wanted = {(pub, para) for pub, P in pubs.items() for para, _ in P["boilerplate"]}
    titles = collections.defaultdict(list)
    for r in records:
        pub = r.get("publisher") or "(none)"
        for para in set((r.get("body") or "").split("\n\n")):
            if (pub, para) in wanted:
                titles[(pub, para)].append(r.get("title") or "")
    for pub, P in pubs.items():
        P["boilerplate"] = [(para, c, boilerplate_reason(para, titles[(pub, para)])) for para, c in P["boilerplate"]]
    return pubs


def boilerplate_reason(para, titles):
    """Why a repeated paragraph is the article's own text, or "" when nothing says so."""
    if len(para) <= 40 and para.rstrip().endswith(("：", ":")):
        return "label"
    grams = collections.Counter()
    for t in titles:
        grams.update({t[i:i + 4] for i in range(len(t) - 3)})
    if titles and grams and grams.most_common(1)[0][1] >= 0.6 * len(titles):
        return "series"
    return ""


def md_escape(s, limit=70):
    s = s.replace("\n", "⏎").replace("|", "\\|")
    return s if len(s) <= limit else s[:limit] + "…"


def report(pubs, folders, binary, examples):
    order = sorted(pubs, key=lambda p: -(pubs[p]["records"] + sum(pubs[p]["errors"].values())))
    T = lambda key: sum(len(pubs[p][key]) for p in pubs)
    total_records = sum(pubs[p]["records"] for p in pubs)
    total_errors = sum(sum(pubs[p]["errors"].values()) for p in pubs)
    out = []
    w = out.append
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rev = ""
    at = f" (commit {rev})" if rev else ""
    w(f"Audit of `{' '.join(folders)}`{at}: {total_records:,} records, {total_errors:,} errors.\n")
    w("| check | count |")
    w("|---|---:|")
    w(f"| `empty_body` of a file with {MIN_SOURCE}+ characters of visible text | {T('empty_with_text'):,} |")
    for key, label in (("low_coverage", f"body keeps under half of a {MIN_SOURCE}+ character source text"),
                       ("cut_tail", "text missing after a cut point (200+ characters of unrepeated prose after the last kept line)")):
        items = [x for p in pubs for x in pubs[p][key]]
        bad = sum(1 for x in items if not x[-1])
        told = collections.Counter(r.split(" ", 1)[0] if r.startswith("teaser") else re.sub(r" [\d,]+ chars", "", r).split(", ")[0]
                                   for r in (x[-1] for x in items) if r)
        detail = "; ".join(f"{k} {v}" for k, v in told.most_common())
        w(f"| {label} | {len(items):,}: **{bad:,} not explained**" + (f"; explained: {detail}" if detail else "") + " |")
    w(f"| bodies with a boilerplate or credit paragraph the audit's issue named | {T('named_boilerplate'):,} |")
    for label, _, _ in ISSUE19:
        w(f"| bodies with {label} | {sum(len(pubs[p]['issue19'].get(label, [])) for p in pubs):,} |")
    w(f"| authors of a wrong kind the audit's issue named (`站`, `null …`, `…对本`, `…综合报导`, `…（摘编）`, `系統管理員` …) | {T('named_authors'):,} |")
    cands = [x for p in pubs for x in pubs[p]["boilerplate"]]
    told = collections.Counter(x[2] for x in cands if x[2])
    detail = "; ".join(f"{k} {v}" for k, v in told.most_common())
    w(f"| boilerplate candidates (paragraphs in > {BOILER_SHARE:.1%} and ≥ {BOILER_MIN} of a publisher's records) | "
      f"{len(cands):,}: **{sum(1 for x in cands if not x[2]):,} not explained**" + (f"; explained: {detail}" if detail else "") + " |")
    for kind in RESIDUE:
        w(f"| bodies with `{kind}` | {sum(pubs[p]['residue'][kind] for p in pubs):,} |")
    w(f"| titles with `**`, an entity, a tag, a `[section]` tag or a media marker | {sum(sum(pubs[p]['title_residue'].values()) for p in pubs):,} |")
    classes = collections.Counter()
    for p in pubs:
        classes.update(pubs[p]["author_classes"])
    w(f"| authors: null / the publisher / person-like / other | {classes['null']:,} / {classes['publisher']:,} / {classes['person']:,} / {classes['other']:,} |")
    w("")
    w("### Per publisher\n")
    w("| publisher | records | errors by kind | < ½ kept | empty with text | cut tail | boilerplate | residue | authors null/pub/person/other |")
    w("|---|---:|---|---:|---:|---:|---:|---|---|")
    for p in order:
        P = pubs[p]
        errs = ", ".join(f"{k} {v}" for k, v in P["errors"].most_common()) or "–"
        res = ", ".join(f"`{k}` {v}" for k, v in P["residue"].most_common()) or "–"
        tr = ", ".join(f"title `{k}` {v}" for k, v in P["title_residue"].most_common())
        if tr:
            res = res + "; " + tr if res != "–" else tr
        a = P["author_classes"]
        w(f"| {md_escape(p, 30)} | {P['records']:,} | {errs} | {len(P['low_coverage'])} | {len(P['empty_with_text'])} | {len(P['cut_tail'])} | {sum(1 for x in P['boilerplate'] if not x[2])} | {res} | {a['null']}/{a['publisher']}/{a['person']}/{a['other']} |")
    w("")
    w("### Boilerplate candidates\n")
    any_b = False
    for p in order:
        for para, c, why in pubs[p]["boilerplate"]:
            if not any_b:
                w("| publisher | records | paragraph | explained as |")
                w("|---|---:|---|---|")
                any_b = True
            w(f"| {md_escape(p, 30)} | {c} | {md_escape(para)} | {why or '**not explained**'} |")
    if not any_b:
        w("None.")
    w("")
    w("### Authors that are not person-like names (commonest per publisher)\n")
    w("| publisher | author | class | records |")
    w("|---|---|---|---:|")
    for p in order:
        shown = [(a, cls, c) for (a, cls), c in pubs[p]["authors"].most_common() if cls in ("other",)][:examples]
        for a, cls, c in shown:
            w(f"| {md_escape(p, 30)} | {md_escape(str(a), 40)} | {cls} | {c} |")
    w("")
    w("### Examples\n")
    for label, key, fmt in (
        ("empty_body with text", "empty_with_text", lambda x: f"`{x[0]}` ({x[1]} chars)"),
        ("named boilerplate", "named_boilerplate", lambda x: f"`{x[0]}` (`{md_escape(x[1], 40)}`)"),
        ("named wrong authors", "named_authors", lambda x: f"`{x[0]}` (`{md_escape(str(x[1]), 40)}`)"),
        ("under half kept, not explained", "low_coverage", lambda x: f"`{x[0]}` ({x[1]} of {x[2]} chars)"),
        ("cut tail, not explained", "cut_tail", lambda x: f"`{x[0]}` ({x[1]} chars: {md_escape(x[2], 40)})"),
        ("under half kept, explained", "low_coverage", lambda x: f"`{x[0]}` ({x[1]} of {x[2]} chars; {x[3]})"),
        ("cut tail, explained", "cut_tail", lambda x: f"`{x[0]}` ({x[1]} chars; {x[3]})"),
    ):
        want_reason = label.endswith(", explained")
        items = [(p, x) for p in order for x in pubs[p][key]
                 if key in ("empty_with_text", "named_boilerplate", "named_authors") or bool(x[-1]) == want_reason]
        if not items:
            continue
        w(f"{label}:\n")
        for p, x in items[:examples]:
            w(f"- {md_escape(p, 30)}: {fmt(x)}")
        if len(items) > examples:
            w(f"- … {len(items) - examples} more")
        w("")
    for label, _, _ in ISSUE19:
        items = [(p, x) for p in order for x in pubs[p]["issue19"].get(label, [])]
        if items:
            w(f"{label}:\n")
            for p, x in items[:examples]:
                w(f"- {md_escape(p, 30)}: `{x[0]}` (`{md_escape(x[1], 50)}`)")
            if len(items) > examples:
                w(f"- … {len(items) - examples} more")
            w("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--bin", default=os.environ.get("NEWSNORM", "target/release/newsnorm"))
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", help="also write the full findings as JSON to this file")
    ap.add_argument("--examples", type=int, default=10, help="examples per list (default 10)")
    ap.add_argument("--update-readme", metavar="FILE", help="replace the report between the audit markers of FILE")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"audit: no binary at {args.bin} (build it, or give --bin)")
    records, errors = run_newsnorm(args.bin, args.folders, args.jobs)
    pubs = audit(records, errors, args.examples)
    text = report(pubs, args.folders, args.bin, args.examples)
    print(text)
    if args.update_readme:
        with open(args.update_readme, encoding="utf-8") as f:
            readme = f.read()
        begin, end = "<!-- audit:begin -->\n", "<!-- audit:end -->"
        a, b = readme.find(begin), readme.find(end)
        if a < 0 or b < a:
            sys.exit(f"audit: {args.update_readme} has no {begin.strip()} … {end} markers")
        with open(args.update_readme, "w", encoding="utf-8") as f:
            f.write(readme[: a + len(begin)] + text + "\n" + readme[b:])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({p: {k: (dict(v) if isinstance(v, collections.Counter) else v) for k, v in P.items() if k != "authors"}
                       | {"authors": [[a, cls, c] for (a, cls), c in P["authors"].most_common()]}
                       for p, P in pubs.items()}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
