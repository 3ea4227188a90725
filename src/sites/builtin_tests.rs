//! The built-in rules of the outlets without Rust of their own, checked on small
//! articles through the shared stage (what their modules' tests checked before the rules
//! became data).

use scraper::Html;

use crate::record::{Article, Image, warn};
use crate::sites::{Outlet, Outlets};

fn o(key: &str) -> &'static Outlet {
    Outlets::builtin().get(key).expect("built-in rule")
}

mod cctv {
    use super::*;

    #[test]
    fn title_is_cut_and_index_flagged() {
        let mut a = Article {
            title: "2020-12-27 新闻联播 文字版【在习近平新时代中国特色社会主义思想指引下】端牢14亿中国人的饭碗京雄城际铁路全线开通【我们的".into(),
            paragraphs: vec!["京雄城际铁路全线开通".into()],
            ..Default::default()
        };
        o("cctv").clean_title(&mut a);
        o("cctv").finish(&mut a);
        assert_eq!(a.title, "2020-12-27 新闻联播 文字版");
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
    }
}

mod cdt {
    use super::*;

    #[test]
    fn feed_footer_related_heading_and_emphasis_markers_go() {
        let mut a = Article {
            paragraphs: vec![
                "CND**：**余教授，首先，编辑：罗诗如**作者：鹿大萌**".into(),
                "帮我******谢谢".into(),
                "R**：为什么就不能先审核一下资格".into(),
                "**问**：你怎么看？**答**：我不同意。".into(),
                "本文原刊于[《二十一世纪》](http://www.cuhk.edu.hk/ics/21c/ “《二十一世纪》”)。".into(),
                "![img](https://i0.hdslb.com/bfs/article/757f.png)".into(),
                "相关阅读：".into(),
                "The post 标题 appeared first on 中国数字时代.".into(),
            ],
            ..Default::default()
        };
        o("cdt").finish(&mut a);
        assert_eq!(
            a.paragraphs,
            vec![
                "CND：余教授，首先，编辑：罗诗如作者：鹿大萌",
                "帮我******谢谢",
                "R**：为什么就不能先审核一下资格",
                "问：你怎么看？答：我不同意。",
                "本文原刊于《二十一世纪》。"
            ]
        );
    }

    #[test]
    fn footer_goes_writer_is_author() {
        let mut a = Article {
            paragraphs: vec![
                "正文。".into(),
                "本文转载自公众号“芒果园666”".into(),
                "作者：密探零零发".into(),
                "© 总加速师 for 中国数字时代, get_post_time('Y'). |Permalink |No comment |Add todel.icio.us".into(),
                "Post tags: 悯农, 李绅".into(),
                "Feed enhanced by Better Feed from Ozh".into(),
            ],
            ..Default::default()
        };
        o("cdt").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("密探零零发"));
        assert_eq!(a.paragraphs, vec!["正文。", "本文转载自公众号“芒果园666”", "作者：密探零零发"]);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn poster_is_the_fallback_and_excerpts_are_flagged() {
        let mut a = Article {
            paragraphs: vec!["正文很长。".into(), "© 大号冲塔 for 中国数字时代, get_post_time('Y').".into()],
            ..Default::default()
        };
        o("cdt").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("大号冲塔"));
        let mut a =
            Article { paragraphs: vec!["“我还是阳性，关节疼痛明显。”".into()], ..Default::default() };
        o("cdt").finish(&mut a);
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
    }

    #[test]
    fn column_tag_in_title() {
        let mut a = Article {
            title: "【异闻观止】我国互联网企业涌动“党建潮”".into(), ..Default::default()
        };
        o("cdt").clean_title(&mut a);
        assert_eq!(a.title, "我国互联网企业涌动“党建潮”");
        assert_eq!(a.category.as_deref(), Some("异闻观止"));
    }
}

mod cna {
    use super::*;

    /// A 早安世界 digest whose "今晨最新" box (`.book`, dropped) lost its closing `</div>`:
    /// the parser nests every item of the digest inside the box. The items are read, the
    /// box's links are not, and each item's "看完整報導" link goes.
    #[test]
    fn a_digest_swallowed_by_an_unclosed_related_box_keeps_its_items() {
        let items: String = (1..=6)
            .map(|i| {
                format!(
                    "<h2>第{i}則：某地發生某事 各方回應</h2><p>這是第{i}則新聞的摘要，記者在現場採訪，事件的經過與各方的反應都在這裡\
                     詳細說明。（<a href='https://www.cna.com.tw/news/firstnews/{i}.aspx'>看完整報導</a>）</p>"
                )
            })
            .collect();
        let html = format!(
            "<div class='paragraph'><div class='book-title'><div>今晨最新</div></div><div class='book'>\
             <div class='book-content'><ul class='book-list'><li><a class='moreArticle-link' href='/a'>\
             美中針鋒相對 華郵：雙邊關係難以重新啟動</a></li></ul></div>{items}</div>"
        );
        let x = o("cna").extract_html(&html);
        let mut a = Article { paragraphs: x.paragraphs, ..Default::default() };
        o("cna").finish(&mut a);
        assert_eq!(a.paragraphs.len(), 12, "{:?}", a.paragraphs);
        assert_eq!(
            a.paragraphs.get(1).map(String::as_str),
            Some("這是第1則新聞的摘要，記者在現場採訪，事件的經過與各方的反應都在這裡詳細說明。")
        );
        assert!(
            !a.paragraphs.iter().any(|p| p.contains("今晨最新") || p.contains("美中針鋒相對")),
            "{:?}",
            a.paragraphs
        );
    }
}

mod dw {
    use super::*;

    fn run(author: Option<&str>, paragraphs: &[&str]) -> Article {
        let mut a = Article {
            author: author.map(str::to_owned),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            ..Default::default()
        };
        o("dw").finish(&mut a);
        a
    }

    #[test]
    fn copyright_and_disclaimer_go_credit_stays() {
        let a = run(
            None,
            &[
                "（德国之声中文网）正文。",
                "德国之声致力于为您提供客观中立的新闻报导，以及展现多种角度的评论分析。",
                "杨威廉/邹宗翰 (路透社等) ©️ 2020年德国之声版权声明：本文所有内容受到著作权法保护，如无德国之声特别授权，不得擅自使用。",
                "© 2021年 德国之声版权声明：本文所有内容受到着作权法保护。",
            ],
        );
        assert_eq!(a.paragraphs, vec!["（德国之声中文网）正文。", "杨威廉/邹宗翰 (路透社等)"]);
        assert_eq!(a.author.as_deref(), Some("杨威廉"));
    }

    #[test]
    fn authors() {
        assert_eq!(run(Some("任琛"), &["正文", "乐然／凝炼（美联社、共同社）"]).author.as_deref(), Some("任琛"));
        assert_eq!(run(Some("ARD"), &["正文", "乐然／凝炼（美联社、共同社）"]).author.as_deref(), Some("乐然"));
        assert_eq!(run(Some("ARD"), &["正文。"]).author, None);
        // Wrong authors of the audit: a `null` for a missing name, how the text was made.
        assert_eq!(run(Some("null 邹宗翰"), &["正文。"]).author.as_deref(), Some("邹宗翰"));
        assert_eq!(run(Some("李鱼 综合报导"), &["正文。"]).author.as_deref(), Some("李鱼"));
        assert_eq!(run(Some("达扬（摘编）"), &["正文。"]).author.as_deref(), Some("达扬"));
        assert_eq!(run(Some("null 张筠青（综合报道）"), &["正文。"]).author.as_deref(), Some("张筠青"));
        assert_eq!(run(Some("采访记者： William Yang"), &["正文。"]).author.as_deref(), Some("William Yang"));
        assert_eq!(run(None, &["正文", "（美联社丶路透社丶中央社等）"]).author, None);
        assert_eq!(
            run(None, &["正文", "李京慧/ 凝炼 (法新社、美联社、德新社、路透社)"]).author.as_deref(),
            Some("李京慧")
        );
    }

    #[test]
    fn further_reading_and_related_gallery_go_text_after_it_stays() {
        let html = "<p>正文一</p><p><strong>延伸阅读:<span>孟晚舟引渡审理进入最后阶段</span></strong></p><p>正文二</p>\
                    <h3>相关图集：牵动中美加三国的孟晚舟</h3><div><img src='https://static.dw.com/image/1_303.jpg'><b>加国被捕</b>：说明</div>";
        let x = o("dw").extract_html(html);
        assert_eq!(x.paragraphs, vec!["正文一", "延伸阅读:孟晚舟引渡审理进入最后阶段", "正文二"]);
        assert!(x.images.is_empty());
        // The text after the gallery is the article going on.
        let html = "<p>正文一</p><h3>相关图集：香港</h3><div><img src='https://static.dw.com/image/1_303.jpg'><b>一</b>：说明</div>\
                    <div><img src='https://static.dw.com/image/2_303.jpg'><b>二</b>：说明</div><p><strong>小标题</strong></p><p>正文二</p>\
                    <div><img src='https://static.dw.com/image/3_303.jpg'><small>图说</small></div>";
        let x = o("dw").extract_html(html);
        assert_eq!(x.paragraphs, vec!["正文一", "小标题", "正文二", "图说"]);
        assert_eq!(x.images.len(), 1);
        let a = run(None, &["正文一", "延伸阅读:孟晚舟引渡审理进入最后阶段"]);
        assert_eq!(a.paragraphs, vec!["正文一"]);
    }
}

mod economist {
    use super::*;

    #[test]
    fn byline_date_and_end_matter() {
        let html = "<aside><div><time dateTime='2021-02-22T14:10:46Z'>Feb 22nd 2021</time>\
                    <p data-test-id='Article Byline' itemProp='byline'>by Charlie McCann</p></div></aside>\
                    <p>Covid-19 has left its mark.</p><div id='gpt-ad-slot-1' data-test-id='Inline Ad'></div>\
                    <p><strong>Charlie McCann</strong> is <em>The Economist</em>’s South-East Asia correspondent</p>\
                    <p>Photographs: <strong>Michael A. McCoy</strong></p>";
        let doc = Html::parse_fragment(html);
        let mut a = Article::default();
        o("economist").inspect(&doc, &mut a);
        a.paragraphs = o("economist").extract_html(html).paragraphs;
        o("economist").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("Charlie McCann"));
        assert_eq!(a.paragraphs, vec!["Covid-19 has left its mark."]);
    }

    #[test]
    fn print_edition_and_promos_go_datelines_stay() {
        let mut a = Article {
            paragraphs: vec![
                "Apr 8th 2021".into(),
                "AMSTERDAM".into(),
                "EVERY SELF-RESPECTING European country needs a public broadcaster.".into(),
                "Listen on: Apple Podcasts | Spotify | Google | Stitcher | TuneIn".into(),
                "For full access to print, digital and audio editions of The Economist, subscribe here".into(),
                "This article appeared in the Europe section of the print edition under the headline \"x\"".into(),
            ],
            ..Default::default()
        };
        o("economist").finish(&mut a);
        assert_eq!(
            a.paragraphs,
            vec!["AMSTERDAM", "EVERY SELF-RESPECTING European country needs a public broadcaster."]
        );
    }
}

mod epochtimes {
    use super::*;

    fn author_of(first: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec![first.into()], ..Default::default() };
        o("epochtimes").finish(&mut a);
        a.author
    }

    #[test]
    fn bylines() {
        assert_eq!(author_of("【大纪元2020年10月27日讯】（大纪元记者易如采访报导）日前").as_deref(), Some("易如"));
        assert_eq!(
            author_of("【大纪元2021年01月04日讯】（大纪元记者骆亚、林岑心采访报导）川普").as_deref(),
            Some("骆亚、林岑心")
        );
        assert_eq!(author_of("【大纪元2020年12月10日讯】（大纪元记者钟元台北报导）中共").as_deref(), Some("钟元"));
        assert_eq!(author_of("【大纪元2021年03月16日讯】（大纪元记者夏雨综合报导）缅甸").as_deref(), Some("夏雨"));
        assert_eq!(
            author_of("【大纪元2021年01月11日讯】（英文大纪元记者Frank Fang／陈霆编译）据").as_deref(),
            Some("Frank Fang")
        );
        assert_eq!(
            author_of("【大纪元2021年07月08日讯】（大纪元专栏作家Christopher Holton撰文/曲志卓编译）从").as_deref(),
            Some("Christopher Holton")
        );
        assert_eq!(author_of("【大纪元2021年04月10日讯】4月7日，广东省"), None);
        assert_eq!(author_of("【大纪元2021年02月23日讯】（大纪元综合报导）"), None);
    }

    #[test]
    fn end_marks_promos_and_related_links_go() {
        let mut a = Article {
            paragraphs: vec![
                "正文……队伍。#".into(),
                "C#".into(),
                "相关新闻：".into(),
                "另一篇文章".into(),
                "责任编辑：孙芸#".into(),
                "支持大纪元，请点击捐款".into(),
            ],
            ..Default::default()
        };
        o("epochtimes").finish(&mut a);
        // The editor's credit ends the related list's cut, then goes itself.
        assert_eq!(a.paragraphs, vec!["正文……队伍。", "C#"]);
    }

    #[test]
    fn keyword_links_are_tags_and_stay_text() {
        let html = "<p><a href='https://www.epochtimes.com/gb/tag/%E9%82%B5%E4%BF%8A.html'>邵俊</a>是主持。</p>";
        let doc = Html::parse_fragment(html);
        let mut a = Article::default();
        o("epochtimes").inspect(&doc, &mut a);
        assert_eq!(a.tags, vec!["邵俊"]);
        let x = o("epochtimes").extract_html(html);
        assert_eq!(x.paragraphs, vec!["邵俊是主持。"]);
    }
}

mod hkcnews {
    use super::*;

    fn clean_author(raw: &str) -> Option<String> {
        let mut a = Article { author: Some(raw.into()), paragraphs: vec!["正文".into()], ..Default::default() };
        o("hkcnews").finish(&mut a);
        a.author
    }

    #[test]
    fn authors() {
        assert_eq!(clean_author("中國組記者翁維愷").as_deref(), Some("翁維愷"));
        assert_eq!(clean_author("記者林勵、實習記者丘萃瑩").as_deref(), Some("林勵、丘萃瑩"));
        assert_eq!(clean_author("台灣特派員鄭智仁").as_deref(), Some("鄭智仁"));
        assert_eq!(clean_author("楊健興").as_deref(), Some("楊健興"));
        assert_eq!(clean_author("眾新聞記者"), None);
        assert_eq!(clean_author("讀者來論"), None);
        assert_eq!(clean_author(""), None);
    }

    #[test]
    fn credits_leave_the_body() {
        let mut a = Article {
            author: Some("好好故事".into()),
            paragraphs: vec!["【撰文：瓦丸／攝影：壹一】".into(), "正文。".into(), "攝影：周滿鏗".into()],
            ..Default::default()
        };
        o("hkcnews").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("瓦丸"));
        assert_eq!(a.paragraphs, vec!["正文。"]);
    }

    #[test]
    fn photo_credit_only_when_alone() {
        let kept = |p: &str| {
            let mut a = Article { paragraphs: vec![p.into()], ..Default::default() };
            o("hkcnews").finish(&mut a);
            !a.paragraphs.is_empty()
        };
        assert!(!kept("攝影：周滿鏗"));
        assert!(!kept("（圖：眾新聞）"));
        assert!(kept("圖：他說這是一個很長的句子，而且不是署名。"));
    }

    /// A post written on one line carries the promo and the bio inline, after ` --- `.
    #[test]
    fn an_inline_promo_goes_with_what_follows() {
        let mut a = Article {
            paragraphs: vec![
                "8）拍攝防疫須知影片。 --- 請加入成為眾新聞的月費訂戶，長期支持我們的工作。 [網址](/x) --- ![博客 | 落區](/y.jpg)".into(),
            ],
            ..Default::default()
        };
        o("hkcnews").finish(&mut a);
        assert_eq!(a.paragraphs, vec!["8）拍攝防疫須知影片。"]);
    }
}

mod neist {
    use super::*;

    const POST: &str = "<article><header class='page-header'><h1 class='page-title'>汇丰在香港陷入争议</h1></header>\
        <div class='entry-content'><p class='blog-post__description'>导语</p>\
        <div class='container wsj'><a class='wsj __link-logo' href='https://nei.st/medium/wsj'></a></div>\
        <p>正文一</p><div class='code-block code-block-1'><div class='card'>广告</div></div>\
        <div class='aesop-content-comp-wrap'><div class='BarrierFailsafe__fullBarrier___2bFWd'>\
        <h1 class='BarrierFailsafe__header___1VGQh'>You’ve hit the wall.</h1><div>风高浪急</div></div></div>\
        <p>正文二</p><section class='jsx-1 collection'><header><span>Related</span></header>\
        <ul><li><a href='https://nei.st/x'><h2>别的文章</h2></a></li></ul></section></div>\
        <footer class='entry-footer'><div class='categories icon-link'><a rel='category tag'>The Wall Street Journal</a></div>\
        <div class='tags icon-link'><a rel='tag'>Hong Kong Protests</a></div></footer>\
        <section class='sc-x fullscreen_dek_below css--lede-fullscreen-wrapper'><h1>肆零<div>肆</div></h1></section></article>";

    #[test]
    fn article_text_only() {
        let x = o("neist").extract_html(POST);
        assert_eq!(x.paragraphs, vec!["导语", "正文一", "正文二"]);
    }

    #[test]
    fn category_and_tags_from_the_footer() {
        let doc = Html::parse_fragment(POST);
        let mut a = Article::default();
        o("neist").inspect(&doc, &mut a);
        assert_eq!(a.category.as_deref(), Some("The Wall Street Journal"));
        assert_eq!(a.tags, vec!["Hong Kong Protests"]);
    }

    #[test]
    fn end_cards_are_cut() {
        let mut a = Article {
            title: "标题".into(),
            paragraphs: vec!["标题".into(), "正文".into(), "No More.".into(), "MORE".into(), "The Economist".into()],
            ..Default::default()
        };
        o("neist").finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文"]);
    }
}

mod reuters {
    use super::*;

    #[test]
    fn end_mark_badge_bold_marks_and_credit_lines_go() {
        let mut a = Article {
            paragraphs: vec![
                "路透伦敦12月24日 - 正文。".into(),
                "**焦点**".into(),
                "结尾。(完)".into(),
                "（完）".into(),
                "编译 张若琪/杜明霞；审校　徐文焰/戴素萍".into(),
                "我们的标准：汤森路透“信任原则”".into(),
            ],
            ..Default::default()
        };
        o("reuters").finish(&mut a);
        // A credit paragraph of its own is not text: it goes, and names the author.
        assert_eq!(a.paragraphs, vec!["路透伦敦12月24日 - 正文。", "焦点", "结尾。"]);
        assert_eq!(a.author.as_deref(), Some("张若琪"));
        // A credit in brackets ending a text paragraph stays.
        let mut a = Article {
            paragraphs: vec!["正文。（完） (发稿 边竞；审校 屈桂娟)".into()], ..Default::default()
        };
        o("reuters").finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文。（完） (发稿 边竞；审校 屈桂娟)"]);
    }

    #[test]
    fn title_suffix() {
        let mut a = Article {
            title: "中国外交部称美官员说法是“倒打一耙” | 路透".into(), ..Default::default()
        };
        o("reuters").clean_title(&mut a);
        assert_eq!(a.title, "中国外交部称美官员说法是“倒打一耙”");
    }

    #[test]
    fn trust_badge_is_dropped() {
        let html = "<p>正文。(完)</p><div class='StandardArticleBody_trustBadgeContainer'><span>我们的标准：</span>\
                    <a>汤森路透“信任原则”</a></div>";
        let x = o("reuters").extract_html(html);
        assert_eq!(x.paragraphs, vec!["正文。(完)"]);
    }
}

mod rfa {
    use super::*;

    fn author_of(last: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec!["正文。".into(), last.into()], ..Default::default() };
        o("rfa").finish(&mut a);
        a.author
    }

    #[test]
    fn reporters_from_credit_lines() {
        assert_eq!(author_of("记者：高锋 责编：胡力汉 许书婷 网编：瑞哲").as_deref(), Some("高锋"));
        assert_eq!(author_of("自由亚洲电台记者郑崇生华盛顿报道 责编：申铧 网编：洪伟").as_deref(), Some("郑崇生"));
        assert_eq!(author_of("自由亚洲电台记者黄春梅 台北报道 责编 许书婷 申铧 网编 瑞哲").as_deref(), Some("黄春梅"));
        assert_eq!(author_of("自由亚洲电台记者柳飞 责编：何平 网编：洪伟").as_deref(), Some("柳飞"));
        assert_eq!(author_of("(记者：唐家婕 责编：申铧 网编：洪伟)").as_deref(), Some("唐家婕"));
        assert_eq!(author_of("(记者曹郁芬采访)").as_deref(), Some("曹郁芬"));
        assert_eq!(author_of("记者 刘少风 责编 胡力汉").as_deref(), Some("刘少风"));
        assert_eq!(author_of("记者：高锋、责编：胡力汉").as_deref(), Some("高锋"));
        assert_eq!(author_of("自由亚洲电台特约记者孙诚旧金山报道 责编：梒青 网编：洪伟").as_deref(), Some("孙诚"));
        assert_eq!(author_of("记者致电中国民政部和四川省民政厅，均无人回应。"), None);
    }

    #[test]
    fn title_label() {
        let mut a =
            Article { title: "标题：中共“滨州舰”出现台湾基隆外海".into(), ..Default::default() };
        o("rfa").clean_title(&mut a);
        assert_eq!(a.title, "中共“滨州舰”出现台湾基隆外海");
    }

    #[test]
    fn related_lists_and_zoom_icons_go() {
        let html = "<p>正文</p><ul><li><strong><a href='https://www.rfa.org/mandarin/a.html'>相关报道</a></strong></li></ul>\
                    <ul><li class='p3'><span class='discreet'><span class='result-title'><a class='state-published' href='/b'>\
                    <strong>另一篇</strong></a></span></span></li></ul>\
                    <div class='image-caption'><span>图说</span><span class='copyright'>Photo: RFA</span></div>\
                    <div id='zoomattribute'><a class='single_image'><img src='/rfa_resources/graphics/icon-zoom.png'></a></div>";
        let x = o("rfa").extract_html(html);
        assert_eq!(x.paragraphs, vec!["正文", "图说"]);
        assert!(x.images.is_empty());
    }
}

mod rti {
    use super::*;

    #[test]
    fn section_and_desk_code_leave_the_title() {
        let mut a = Article {
            title: "[生活] 三總結盟清大 共推台灣下一階段生醫發展 - 200727-4".into(),
            ..Default::default()
        };
        o("rti").clean_title(&mut a);
        assert_eq!(a.title, "三總結盟清大 共推台灣下一階段生醫發展");
        assert_eq!(a.category.as_deref(), Some("生活"));
    }

    #[test]
    fn teaser_is_flagged_and_more_link_removed() {
        let mut a = Article { paragraphs: vec!["文字和......more".into()], ..Default::default() };
        o("rti").finish(&mut a);
        assert_eq!(a.paragraphs, vec!["文字和..."]);
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
        let mut a = Article { paragraphs: vec!["完整。".into()], ..Default::default() };
        o("rti").finish(&mut a);
        assert!(a.warnings.is_empty());
    }
}

mod voa {
    use super::*;

    #[test]
    fn show_promo_is_cut() {
        let mut a = Article {
            paragraphs: vec![
                "正文。".into(),
                "本期时事大家谈完整版：北京“剿杀”下 香港未来在何方？".into(),
                "时事大家谈每星期一到四，星期六北京时间晚上九点播出，敬请收看。".into(),
                "==========================================".into(),
                "嘉宾和观众听众发表的都是个人观点，并不代表美国之音。".into(),
            ],
            ..Default::default()
        };
        o("voa").finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文。"]);
    }

    #[test]
    fn reporter_bylines() {
        let mut a = Article {
            paragraphs: vec!["（美国之音记者萧洵台北报道）台湾国防部说……".into(), "正文。".into()],
            ..Default::default()
        };
        o("voa").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("萧洵"));
        let mut a = Article {
            paragraphs: vec!["正文。".into(), "美国之音记者李逸华 华盛顿报道".into()],
            ..Default::default()
        };
        o("voa").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("李逸华"));
        let mut a =
            Article { paragraphs: vec!["美国之音记者问他是否会去。".into()], ..Default::default() };
        o("voa").finish(&mut a);
        assert_eq!(a.author, None);
    }
}

mod zaobao {
    use super::*;

    #[test]
    fn reporter_bylines() {
        let mut a = Article {
            paragraphs: vec!["正文。".into(), "（联合早报记者韩咏红）".into()],
            ..Default::default()
        };
        o("zaobao").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("韩咏红"));
        let mut a = Article {
            paragraphs: vec!["联合早报驻北京记者黄顺杰报道".into(), "正文。".into()],
            ..Default::default()
        };
        o("zaobao").finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("黄顺杰"));
        let mut a = Article {
            paragraphs: vec!["联合早报记者昨天问他，他说会去。".into()], ..Default::default()
        };
        o("zaobao").finish(&mut a);
        assert_eq!(a.author, None);
    }

    #[test]
    fn ads_and_subscription_promo_are_dropped() {
        let html = "<p>一</p><section id='imu'><div id='dfp-ad-imu1'>ad</div></section><p>二</p>\
                    <div id='innity-in-post'></div><div id='dfp-ad-midarticlespecial'>x</div>\
                    <a href='https://subscribe.sph.com.sg/promotions/x'><img src='https://static.zaobao.com/s3fs-public/freemium_images/a.jpg'></a>";
        let x = o("zaobao").extract_html(html);
        assert_eq!(x.paragraphs, vec!["一", "二"]);
        assert!(x.images.is_empty());
    }
}

mod solidot {
    use super::*;

    #[test]
    fn solidot_topic_icon_is_not_a_picture() {
        let mut a = Article {
            paragraphs: vec!["正文".into()],
            images: vec![Image { url: "https://img.solidot.org//0/446/liiLIZF8Uh6yM.jpg".into(), caption: None }],
            ..Default::default()
        };
        o("solidot").finish(&mut a);
        assert!(a.images.is_empty());
    }
}

/// The boilerplate and credit lines the archive audit found, one minimal case per
/// outlet rule (the real files are checked in tests/archive_sample.rs).
mod audit {
    use super::*;

    fn finish(key: &str, paragraphs: &[&str]) -> Article {
        let mut a = Article { paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(), ..Default::default() };
        o(key).finish(&mut a);
        a
    }

    #[test]
    fn boilerplate_lines_go() {
        let cases: &[(&str, &str)] = &[
            ("cna", "歡迎訂閱中央社國際新聞電子報，每週三、日發報，掌握世界脈動。"),
            ("cna", "上午8點同步發送電子報！快來訂閱「早安世界」給你最精華的新聞摘要。"),
            ("cna", "若有任何建議請來信告訴我們，想獲得更多最新資訊快來和中央社做朋友。"),
            ("cna", "關閉"),
            ("cna", "看更多"),
            ("cna", "（看完整報導）"),
            ("epochtimes", "【支持】为真相护航 为沉默发声，就在今天，支持大纪元https://donate.epochtimes.com"),
            ("dw", "The post 德国之声 – 标题 appeared first on 中国数字时代."),
            ("economist", "Enjoy more audio and podcasts on iOS or Android."),
            ("economist", "Please subscribe to The Economist to read more."),
            ("economist", "Editor’s note: Some of our covid-19 coverage is free for readers."),
            ("economist", "Dig deeper"),
            ("economist", "All our stories relating to the pandemic and the vaccines can be found on our hub."),
            ("cdt", "相关阅读："),
            ("bbc", "最近更新： 1 小时前"),
            ("bbc", "请访问 BBC Future 阅读 英文原文。"),
            ("bbc", "告知：第三方内容可能包含广告"),
            ("bbc", "要使用這個功能，請更新你的瀏覽器"),
            ("dw", "Feed-URL:"),
            ("dw", "iTunes:"),
            ("reuters", "图表：tmsnrt.rs/3xYz"),
            ("nytimes", "Image"),
            ("nytimes", "翻译：纽约时报中文网"),
            ("epochtimes", "责任编辑：高静"),
            ("epochtimes", "文字整理：李洁思；责任编辑：高静"),
            ("hkcnews", "請支持《眾新聞》，成為訂戶"),
            ("hkcnews", "楊健興【香港這一天】結集"),
            ("bitterwinter", "The post 標題 first appeared on Bitter Winter."),
        ];
        for (key, line) in cases {
            let a = finish(key, &["正文。", line]);
            assert_eq!(a.paragraphs, vec!["正文。"], "{key}: {line}");
        }
    }

    #[test]
    fn digest_link_goes_inside_a_paragraph() {
        let a = finish("cna", &["疫情升溫，單日新增16例。（看完整報導）"]);
        assert_eq!(a.paragraphs, vec!["疫情升溫，單日新增16例。"]);
    }

    #[test]
    fn credit_lines_leave_the_body_and_give_the_author() {
        let a = finish("rfa", &["正文。", "记者：乔龙 责编：胡力汉 许书婷 网编：瑞哲"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("乔龙")));
        let a = finish("rfa", &["正文。", "自由亚洲电台记者夏小华 李宗翰 台北报道 责编：申铧 网编：洪伟"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("夏小华、李宗翰")));
        let a = finish("reuters", &["路透北京1日 - 正文。", "编译 刘静；审校 母红"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["路透北京1日 - 正文。".to_owned()], Some("刘静")));
        let a = finish("bitterwinter", &["作者：馬西莫·英特羅維吉（Massimo Introvigne）", "正文。"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("馬西莫·英特羅維吉")));
        let a = finish(
            "bitterwinter",
            &["作者：馬西莫·英特羅維吉（Massimo Introvigne）和馬可·萊斯賓蒂（Marco Respinti）", "正文。"],
        );
        assert_eq!(
            (a.paragraphs, a.author.as_deref()),
            (vec!["正文。".to_owned()], Some("馬西莫·英特羅維吉、馬可·萊斯賓蒂"))
        );
        // 中国数字时代 reposting a 自由亚洲电台 article, credit line first.
        let a = finish("cdt", &["记者：唐家婕 责编：申铧 网编：洪伟", "正文。"]);
        assert_eq!((a.paragraphs, a.author.as_deref()), (vec!["正文。".to_owned()], Some("唐家婕")));
        let mut a =
            Article {
                author: Some("系統管理員".into()), paragraphs: vec!["正文。".into()], ..Default::default()
            };
        o("hkcnews").finish(&mut a);
        assert_eq!(a.author, None);
        let mut a = Article {
            author: Some("你的器材不支持播放多媒体材料".into()),
            paragraphs: vec!["正文。".into()],
            ..Default::default()
        };
        o("bbc").finish(&mut a);
        assert_eq!(a.author, None);
    }
}
