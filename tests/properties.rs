//! Property tests (proptest) of `newsnorm::process_bytes`: whatever the bytes, a record
//! or a typed error and never a panic; a record always serialises to exactly one valid
//! JSON line and keeps the record contract (SPEC.md).
//!
//! Beside raw bytes, structured generators glue random front matter, HTML, Markdown and
//! portal-text fragments into valid seeds to reach the extractors' deeper code.
//! `PROPTEST_CASES=5000 cargo test --release --test properties` explores further.

mod common;

use std::sync::LazyLock;

use common::root;
use newsnorm::{Options, Record};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// The seeds' bytes.
static SEEDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("samples")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
});

fn seed_text(i: usize) -> String {
    String::from_utf8(SEEDS[i % SEEDS.len()].clone()).unwrap()
}

/// Everything a record promises (the one contract checker), and a built-in format.
fn check_record(r: &Record) -> Result<(), TestCaseError> {
    common::contract::check_record(r).map_err(TestCaseError::fail)?;
    // Any built-in format: a seed glued under a front matter may well be a static-site post.
    prop_assert!(newsnorm::formats::FORMATS.iter().any(|f| f.name() == r.format), "format {}", r.format);
    Ok(())
}

/// A record that keeps the contract, or an error of a documented kind on one line.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let opts = Options::default();
    let detected = newsnorm::detect_bytes(bytes, &opts).map(|f| f.name());
    match newsnorm::process_bytes("in/put\n.txt", bytes, &opts) {
        Ok(r) => {
            prop_assert_eq!(detected.ok(), Some(r.format), "`newsnorm detect` agrees");
            prop_assert_eq!(r.source_path.as_str(), "in/put\n.txt");
            check_record(&r)
        }
        Err(e) => common::contract::check_error(&e).map_err(TestCaseError::fail),
    }
}

/// Valid char boundaries of `s` at about `frac` of its length.
fn boundary(s: &str, frac: f64) -> usize {
    let mut at = ((s.len() as f64) * frac) as usize;
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at.min(s.len())
}

// ---- fragment generators ----

fn html_fragment() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(vec![
        "div",
        "p",
        "br",
        "img",
        "a",
        "span",
        "script",
        "style",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "ul",
        "li",
        "h2",
        "b",
        "i",
        "iframe",
        "noscript",
        "template",
        "svg",
        "title",
        "textarea",
        "pre",
        "form",
        "select",
        "option",
        "math",
        "html",
        "body",
        "head",
        "frameset",
        "plaintext",
        "xmp",
    ]);
    let attr = prop::sample::select(vec![
        "",
        " class=\"picinfo\"",
        " class=\"moreArticle\"",
        " class=\"keywordTag\"",
        " src=\"https://images.weserv.nl/?url=\"",
        " src=\"/web/2021/https://x.org/a.jpg\"",
        " src=\"//\"",
        " src=\"data:image/png;base64,AAAA\"",
        " src=\"rel/a b.jpg\" width=\"1\"",
        " srcset=\" \"",
        " data-src=\"http://[::1]/x\"",
        " id=adslot1",
        " style=\"color:#999\"",
        " href=\"https://x.org/%EF%BF%BD\"",
        " title='>'",
        " a=\"",
    ]);
    let piece = prop_oneof![
        (tag.clone(), attr, any::<bool>()).prop_map(|(t, a, close)| if close {
            format!("<{t}{a}>")
        } else {
            format!("<{t}{a}/>")
        }),
        tag.prop_map(|t| format!("</{t}>")),
        prop::sample::select(vec![
            "&amp;",
            "&#0;",
            "&#x110000;",
            "&#xD800;",
            "&nbsp;",
            "&",
            "&#",
            "&lt;p&gt;",
            "<!--",
            "-->",
            "<!doctype html>",
            "<?xml?>",
            "<",
            ">",
            "</",
            "\u{0}",
            "\u{FEFF}",
            "\u{200B}",
            "\r",
            "\n",
            "\t",
            "　",
            "（編輯：某）1100424",
            "（中央社記者某某華盛頓23日專電）",
            "获取更多RSS",
            "延伸閱讀",
            "\u{FFFD}",
            "\u{1F600}",
            "<![CDATA[x]]>",
        ])
        .prop_map(str::to_owned),
        "[a-z 中文。，\\n]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn markdown_fragment() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "# ",
            "## ",
            "**",
            "__",
            "*",
            "_",
            "`",
            "```",
            "~~~",
            "> ",
            "- ",
            "1. ",
            "|a|b|\n|-|-|\n",
            "---\n",
            "***\n",
            "[",
            "]",
            "](",
            ")",
            "![",
            "![a](",
            "{{< video src=\"v\" >}}",
            "{{% x %}}",
            "{{<",
            ">}}",
            "<figure>",
            "</figure>",
            "<img src=\"/web/1im_/https://x.org/a.png\">",
            "<figcaption>c</figcaption>",
            "  \n",
            "\n\n",
            "\\",
            "&amp;",
            "<br>",
            "攝影：某",
            "請加入成為眾新聞的月費訂戶",
            "[^1]",
            "[x]: https://x.org\n",
            "<!--",
            "    code\n",
            "\t",
            "\u{0}",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z 中文。\\n]{0,10}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "\"\"",
            "''",
            "~",
            "null",
            "[]",
            "{}",
            "[ a, b ]",
            "[ (臺)中央社CNA ]",
            "{a: 1}",
            "\"unclosed",
            "'unclosed",
            "\"a \\\" b\"",
            "\"\\u0000\"",
            "&anchor x",
            "*anchor",
            "!!binary aGVsbG8=",
            "!!int x",
            "|\n  block\n  text",
            ">-\n  folded",
            "\n  - a\n  - b",
            "\n  - [c, d]",
            "\n  k: v",
            "- x",
            "1.50",
            "yes",
            "2021-04-23T23:34:02.000Z",
            "2021-02-30",
            "0000-00-00",
            "\"2021-11-16\"",
            "9999999999999999999",
            "-1",
            "Fri, 16 Apr 2021 13:10:37 GMT",
            "https://www.cna.com.tw/news/a.aspx",
            "https://web.archive.org/web/2022/https://hkcnews.com/article/1/x",
            "/web/1/x",
            "http://",
            "https://%EF%BF%BD/\u{FFFD}",
            "https://x.org/a b?q=%zz#frag",
            "javascript:x",
            "#comment",
            "a: b: c",
            "[突發] 標題: 內容",
            "新闻 #热点",
            "\u{3000}",
            "\t",
        ])
        .prop_map(str::to_owned),
        "[a-z 中文:\\[\\]{}'\"#&*!|>-]{0,16}",
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "date",
        "author",
        "from",
        "url",
        "original_url",
        "tags",
        "categories",
        "category",
        "layout",
        "x",
        "? k",
        "title ",
        " title",
        "\"title\"",
    ]);
    prop::collection::vec((key, yaml_value()), 0..10)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect::<String>())
}

fn portal_fragment() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "Rti 中央廣播電臺 2024-04-26 10:45\n",
            "中央社 2024-13-40 25:61\n",
            "X 0000-01-01 00:00\n",
            "TVBS新聞網 2024-05-01 08:05:59\n",
            "原始連結\n",
            "熱門文章\n",
            "更多中央廣播電臺新聞\n",
            "分享\n",
            "82\n",
            "\r\n",
            "\n\n",
            "[國際]",
            "（中央社記者",
        ])
        .prop_map(str::to_owned),
        "[a-z 中文。\\n]{0,12}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

fn any_fragment() -> impl Strategy<Value = String> {
    prop_oneof![html_fragment(), markdown_fragment(), front_matter(), portal_fragment()]
}

/// A seed with byte-level damage: insertions, deletions, truncation, flipped bytes.
fn damaged_seed() -> impl Strategy<Value = Vec<u8>> {
    (0..5usize, prop::collection::vec((0.0..1.0f64, 0..4u8, prop::collection::vec(any::<u8>(), 0..8)), 1..6)).prop_map(
        |(seed, edits)| {
            let mut b = SEEDS[seed].clone();
            for (at, op, bytes) in edits {
                let i = ((b.len() as f64) * at) as usize;
                let i = i.min(b.len());
                match op {
                    0 => {
                        b.splice(i..i, bytes);
                    }
                    1 => {
                        let end = (i + bytes.len() * 16).min(b.len());
                        b.drain(i..end);
                    }
                    2 => b.truncate(i),
                    _ => {
                        if let Some(x) = b.get_mut(i) {
                            *x ^= bytes.first().copied().unwrap_or(0x80);
                        }
                    }
                }
            }
            b
        },
    )
}

/// 128 cases per property (a few seconds in a debug build), or `PROPTEST_CASES`.
fn config() -> ProptestConfig {
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 128 };
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn any_text(text in "\\PC{0,400}") {
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn any_text_with_controls_and_line_breaks(text in "(?s).{0,400}") {
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn damaged_seeds(bytes in damaged_seed()) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn fragments_glued_into_seeds(seed in 0..5usize, at in 0.0..1.0f64, fragment in any_fragment()) {
        let text = seed_text(seed);
        let at = boundary(&text, at);
        let glued = format!("{}{fragment}{}", &text[..at], &text[at..]);
        check_bytes(glued.as_bytes())?;
    }

    #[test]
    fn fragments_in_the_seeds_front_matter(seed in 0..5usize, extra in front_matter()) {
        let text = seed_text(seed);
        // After the opening `---` line (every seed but the portal dump has one).
        let glued = match text.strip_prefix("---\n") {
            Some(rest) => format!("---\n{extra}{rest}"),
            None => format!("---\n{extra}---\n{text}"),
        };
        check_bytes(glued.as_bytes())?;
    }

    #[test]
    fn generated_jekyll_posts(fm in front_matter(), html in html_fragment(), epoch in prop::option::of(any::<i64>())) {
        let epoch = epoch.map(|e| format!("<!--{e}-->\n")).unwrap_or_default();
        let text = format!("---\nlayout: post\nfrom: https://www.cna.com.tw/news/a/1.aspx\n{fm}---\n{epoch}[t](u)\n------\n{html}");
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn generated_wayback_markdown(fm in front_matter(), md in markdown_fragment()) {
        let text = format!("---\noriginal_url: https://hkcnews.com/article/1/x\n{fm}---\n\n# T\n\n{md}");
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn generated_portal_dumps(head in portal_fragment(), body in portal_fragment()) {
        let text = format!("{head}\n標題\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n{body}");
        check_bytes(text.as_bytes())?;
    }
}
