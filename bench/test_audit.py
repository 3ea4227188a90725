#!/usr/bin/env python3
"""Tests of bench/audit.py: its line reading, its reasons for dropped text, and whole runs
on small synthetic folders. Run by `cargo test --test audit` (with the built binary in
NEWSNORM), or alone: `NEWSNORM=target/release/newsnorm python3 bench/test_audit.py`."""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import audit  # noqa: E402

ARTICLE = "正文第一段，讲述这件事的来龙去脉，以及各方的反应和后续的发展。" * 3
CAPTION = "图片说明：这是图集中的一张照片，说明文字很长，讲述照片里发生的事情和背景。" * 3


def jekyll_post(url, title, html):
    return textwrap.dedent(f"""\
        ---
        layout: post
        title: "{title}"
        date: 2021-02-04T16:54:34.000Z
        author: 德国之声
        from: {url}
        tags: [ 德国之声 ]
        ---
        <!--1612457674000-->
        [{title}]({url})
        ------

        """) + html + "\n"


class Lines(unittest.TestCase):
    def test_gallery_items_are_pictures_and_link_lists_are_links(self):
        html = (f"<p>{ARTICLE}</p><h3>相关图集：一个图集</h3>"
                f'<div><img src="a.jpg"><b>一</b>：{CAPTION}</div>'
                "<p>延伸閱讀</p><p><a href='/a'>甲新闻</a>、<a href='/b'>乙新闻</a></p>")
        got = audit.visible_lines_kinds("x.md", jekyll_post("https://www.dw.com/zh/a-1", "题", html))
        self.assertEqual([k for _, k in got], ["", "", "picture", "", "link"])
        self.assertEqual(got[2][0], f"一：{CAPTION}")

    def test_markdown_link_lines_and_nested_brackets(self):
        md = "正文 [[email protected]](/cdn-cgi/l/email-protection#9c) 舉報。\n\n* [相關新聞一](https://x/1)\n"
        got = audit.visible_lines_kinds("a.md", md)
        self.assertEqual(got, [("正文 [email protected] 舉報。", ""), ("相關新聞一", "link")])

    def test_a_line_is_kept_by_most_of_its_pieces_not_its_opening(self):
        body = audit.norm("阿明娜·穆罕默德（Amina C. Mohamed）是候选人。")
        kept = audit.kept_flags(["阿明娜·穆罕默德（Amina C. Mohamed，肯尼亚）：现任肯尼亚体育部长，曾任外交部长，58岁，律师出身。"], body)
        self.assertEqual(kept, [False])


class Reasons(unittest.TestCase):
    def classify(self, rows, repeated=(), author=None):
        lines = [l for l, _, _ in rows]
        kinds = [k for _, k, _ in rows]
        kept = [k for _, _, k in rows]
        why, _ = audit.classify(lines, kinds, kept, lambda l: l in repeated, author)
        return why

    def test_a_gallery_ends_where_the_article_goes_on(self):
        why = self.classify([
            (ARTICLE, "", True),
            ("相关图集：德国抗疫大事记", "", False),
            (CAPTION, "picture", False),
            (CAPTION + "二", "picture", False),
            ("德国：感染人数不断上升，这是文章的下一段，被丢掉了。", "", False),
        ])
        self.assertEqual(why, [None, "related gallery", "related gallery", "related gallery", None])

    def test_a_related_list_is_only_its_links(self):
        why = self.classify([
            (ARTICLE, "", True),
            ("相關報道：", "", False),
            ("甲新闻", "link", False),
            ("文章在列表之后继续，这一段被丢掉了。", "", False),
        ])
        self.assertEqual(why, [None, "related links", "related links", None])

    def test_promo_then_bio_and_an_author_s_bio(self):
        why = self.classify([
            (ARTICLE, "", True),
            ("請加入成為眾新聞的月費訂戶", "", False),
            ("博客 | 某某", "", False),
            ("【某某專欄】某某是前社工。", "", False),
        ], repeated={"請加入成為眾新聞的月費訂戶"})
        self.assertEqual(why, [None, "promo or footer", "author bio", "author bio"])
        why = self.classify([(ARTICLE, "", True), ("Amy Qin是《纽约时报》国际记者。", "", False)], author="Amy Qin")
        self.assertEqual(why, [None, "author bio"])
        why = self.classify([(ARTICLE, "", True), ("一段被丢掉的正文，没有任何标记。", "", False)], author="Amy Qin")
        self.assertEqual(why, [None, None])

    def test_a_reason_does_not_run_on_into_dropped_article_text(self):
        prose = "记者走访了现场的许多居民，听取他们的看法和诉求，这一段正文被丢掉了。"
        # After a repeated line (a promo, a photo credit), text that is not repeated.
        why = self.classify([(ARTICLE, "", True), ("攝影：某某", "", False), (prose, "", False)],
                            repeated={"攝影：某某"})
        self.assertEqual(why, [None, "promo or footer", None])
        # After an embedded tweet.
        why = self.classify([
            (ARTICLE, "", True),
            ("Sand storm hits #Beijing pic.twitter.com/gPpVmdQKOG", "", False),
            ("— Disclose.tv (@disclosetv) March 15, 2021", "", False),
            (prose, "", False),
            (prose + "二", "", False),
        ])
        self.assertEqual(why, [None, "embedded post", "embedded post", None, None])
        # After a line naming the author; and a name's fragment is not the name.
        why = self.classify([(ARTICLE, "", True), ("Li Yuan是记者。", "", False), (prose, "", False)],
                            author="Li Yuan")
        self.assertEqual(why, [None, "author bio", None])
        why = self.classify([(ARTICLE, "", True), ("Libya and Yuanlin are places in this dropped text.", "", False)],
                            author="Li Yuan")
        self.assertEqual(why, [None, None])

    def test_one_kept_line_inside_a_gallery_does_not_end_it(self):
        why = self.classify([
            (ARTICLE, "", True),
            ("相关图集：评委", "", False),
            (CAPTION, "picture", True),
            (CAPTION + "三", "picture", False),
        ])
        self.assertEqual(why, [None, "related gallery", None, "related gallery"])


class Named(unittest.TestCase):
    def test_named_boilerplate_and_wrong_authors_are_counted(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "a.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(jekyll_post("https://www.economist.com/a", "题", f"<p>{ARTICLE}</p>"))
            record = {"source_path": path, "publisher": "The Economist", "title": "题", "images": [],
                      "warnings": [], "url": "https://www.economist.com/a"}
            bad = dict(record, body=ARTICLE + "\n\nDig deeper", author="null 邹宗翰")
            good = dict(record, body=ARTICLE + "\n\nWe dig deeper into the data.", author="邹宗翰")
            pubs = audit.audit([bad, good], [], 5)
            P = pubs["The Economist"]
            self.assertEqual([x[0] for x in P["named_boilerplate"]], [path])
            self.assertEqual([x[1] for x in P["named_authors"]], ["null 邹宗翰"])


class Issue19(unittest.TestCase):
    """The credit lines and boilerplate of the second archive issue, one count each."""

    def counts(self, publisher, body):
        record = {"source_path": "/nonexistent", "publisher": publisher, "title": "题", "images": [],
                  "warnings": [], "url": None, "body": body, "author": "某某"}
        P = audit.audit([record], [], 5)[publisher]
        return {label.split(" (")[0]: len(items) for label, items in P["issue19"].items()}

    def test_each_class_is_counted_on_its_lines(self):
        self.assertEqual(self.counts("金融时报", ARTICLE + "\n\n译者/何黎"), {"translator or editor credit lines": 1})
        self.assertEqual(self.counts("德国之声", ARTICLE + "\n\n翻译: 杨威廉\n责编: 张慈"),
                         {"translator or editor credit lines": 1})
        self.assertEqual(self.counts("金融时报", ARTICLE + "\n\n本文编辑徐瑾 Jin.Xu@FTChinese.com"),
                         {"editors' e-mail lines": 1})
        self.assertEqual(self.counts("中国数字时代", "记者唐家婕 责编：申铧 网编：郭度\n\n" + ARTICLE),
                         {"reporters' credit lines with the editors": 1})
        self.assertEqual(self.counts("The Economist", "Text.\n\nDig deeper:\nRead more, our weekly newsletter"),
                         {"The Economist's `Dig deeper:` and newsletter lines": 1})
        self.assertEqual(self.counts("眾新聞", ARTICLE + "\n\n相關報道： 終審庭各打五十板\n\n" + ARTICLE),
                         {"related-link lines": 1})
        self.assertEqual(self.counts("眾新聞", ARTICLE + "\n\n請支持《眾新聞》，立即按此訂閱成為我們的訂戶"),
                         {"subscription lines": 1})

    def test_text_and_kept_credits_are_not_counted(self):
        for publisher, body in [
            ("中央社", ARTICLE + "（編輯：徐睿承）\n\n（編輯：李怡瑩）"),
            ("眾新聞", "[3] 果籽的報道以影像為主，記者須要負責編寫片段的VO稿，亦須撰寫新聞稿，共兩份稿件。"),
            ("眾新聞", "相關新聞如煙花般綻放，好不熱鬧。\n\n延伸閱讀：《日本史的誕生》岡田英弘著，陳心慧譯，八旗文化"),
            ("自由亚洲电台", "记者：你在上个月提到香港流亡议会的构想，现在有哪些进展？"),
            ("The Economist", "We dig deeper into the data."),
        ]:
            self.assertEqual(self.counts(publisher, body), {}, body)


class Footers(unittest.TestCase):
    def test_a_footer_whose_wording_varies_is_explained_by_its_opening(self):
        footer = ("德国之声对自杀事件的报道持谨慎态度，因为有迹象表明，某些形式的报道有可能导致模仿反应。" * 6
                  + "如果您有自杀念头，请拨打{}。")
        with tempfile.TemporaryDirectory() as tmp:
            records = []
            for i, hotline in enumerate(["0800-1110111", "0800-1110222"]):
                path = os.path.join(tmp, f"{i}.md")
                html = f"<p>{ARTICLE}{i}</p><p>{footer.format(hotline)}</p>"
                with open(path, "w", encoding="utf-8") as f:
                    f.write(jekyll_post(f"https://www.dw.com/zh/a-{i}", f"题{i}", html))
                records.append({"source_path": path, "publisher": "德国之声", "title": f"题{i}", "images": [],
                                "warnings": [], "url": f"https://www.dw.com/zh/a-{i}", "body": ARTICLE + str(i),
                                "author": None})
            P = audit.audit(records, [], 5)["德国之声"]
            self.assertEqual(P["cut_tail"], [], "a footer is no lost text")


class Candidates(unittest.TestCase):
    def test_labels_and_series_headings_are_explained_a_promo_is_not(self):
        self.assertEqual(audit.boilerplate_reason("註釋：", ["甲", "乙"]), "label")
        self.assertEqual(audit.boilerplate_reason("● 中國", [f"COVID-19全球最新情報7/{d}" for d in range(1, 9)]), "series")
        self.assertEqual(audit.boilerplate_reason("本專欄逢星期三更新。歡迎瀏覽。", ["回覆讀者", "被扣減綜援的伯伯", "平反篇"]), "")

    def test_only_html_tags_are_tag_residue(self):
        self.assertTrue(audit.RESIDUE["<tag"].search("text <p class='x'>more"))
        self.assertTrue(audit.RESIDUE["<tag"].search("text </div>"))
        self.assertFalse(audit.RESIDUE["<tag"].search("專輯 <Gigi leung is dead> 面世"))


FAKE = '''#!/usr/bin/env python3
# Stands in for newsnorm: one record per file, whose body is only the first paragraph.
import json, os, re, sys
args = sys.argv[1:]
out = args[args.index("-o") + 1]; err = args[args.index("--errors") + 1]
folder = args[-1]
with open(out, "w") as o, open(err, "w") as e:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        text = open(path, encoding="utf-8").read()
        first = re.search(r"<p>(.*?)</p>", text).group(1)
        o.write(json.dumps({"source_path": path, "publisher": "德国之声", "title": "题",
                            "author": None, "body": first, "images": [], "warnings": []},
                           ensure_ascii=False) + "\\n")
'''


class Runs(unittest.TestCase):
    def run_audit(self, binary, files):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "in")
            os.mkdir(folder)
            for name, text in files.items():
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(text)
            out = os.path.join(tmp, "audit.json")
            p = subprocess.run([sys.executable, os.path.join(HERE, "audit.py"), "--bin", binary, "-j", "1",
                                "--json", out, folder], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(out, encoding="utf-8") as f:
                return json.load(f), p.stdout

    def test_dropped_article_text_is_reported_as_not_explained(self):
        fake = os.path.join(tempfile.mkdtemp(), "fake-newsnorm")
        with open(fake, "w") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)
        other = "".join(f"<p>{n}这是另一段完全不同的正文，记者走访了现场的许多居民，听取他们的看法和诉求，并整理成这篇报道。</p>" for n in "一二三四五六七八")
        html = f"<p>{ARTICLE}</p>{other}"
        pubs, report = self.run_audit(fake, {"a.md": jekyll_post("https://www.dw.com/zh/a-1", "题", html)})
        low = pubs["德国之声"]["low_coverage"]
        self.assertEqual(len(low), 1)
        self.assertEqual(low[0][3], "", "no reason for dropped article text")
        tail = pubs["德国之声"]["cut_tail"]
        self.assertEqual(len(tail), 1)
        self.assertEqual(tail[0][3], "", "no reason for the lost tail")
        rows = {l.split(" | ")[0].lstrip("| "): l for l in report.splitlines() if l.startswith("| ")}
        self.assertIn("1: **1 not explained**", rows["body keeps under half of a 300+ character source text"])
        cut = [v for k, v in rows.items() if k.startswith("text missing after a cut point")]
        self.assertEqual(len(cut), 1)
        self.assertIn("1: **1 not explained**", cut[0])

    @unittest.skipUnless(os.environ.get("NEWSNORM"), "NEWSNORM (the binary) not given")
    def test_a_trailing_gallery_is_explained_and_masked_handles_are_not_residue(self):
        gallery = "".join(f'<div><img src="{i}.jpg"><b>第{i}张</b>：{CAPTION}{i}</div>' for i in range(4))
        html = f"<p>{ARTICLE}</p><p>R**：为什么就不能先审核一下资格，然后再检测。</p><h3>相关图集：一个图集</h3>{gallery}"
        pubs, report = self.run_audit(os.environ["NEWSNORM"], {
            "a.md": jekyll_post("https://www.dw.com/zh/a-1", "题", html),
        })
        (pub,) = pubs
        P = pubs[pub]
        self.assertEqual(P["records"], 1, report)
        self.assertEqual(len(P["low_coverage"]), 1, report)
        self.assertTrue(P["low_coverage"][0][3].startswith("related gallery"), P["low_coverage"])
        self.assertEqual(P["residue"], {}, report)
        self.assertIn("**0 not explained**", report)


if __name__ == "__main__":
    unittest.main()
