//! BBC中文 (bbc.com/zhongwen): its named actions (`rules/bbc.toml` holds the rest). Three page layouts in the mirror: the 2020 `story-body`
//! pages, and the 2020-21 Emotion/React pages (class names hashed per build, so rules
//! here go by structure and text rather than by class).
//!
//! Body: the paragraphs and sub-heads. Dropped: the `<h1>` headline (and its visible
//! repeat), ad slots (`dotcom-ad`, `mpu-ad`), image credits (`图像来源，AFP`,
//! `story-image-copyright`), caption labels (`图像加注文字，`, `Image caption`), the
//! "你的器材不支持播放多媒体材料" video notice, lists made only of links (related
//! articles, inline or under 相关内容/热门内容/头条新闻), the timestamp (`2020年10月27日`,
//! `45 分钟前`) and the byline block above it. Byline: a name line
//! (`劳拉·比克（Laura Bicker）`) and a role line (`BBC记者 发自首尔`) before the
//! timestamp; the author is the name without its romanisation. Titles open with a
//! media-type tag (`[World]`) that becomes the category. Dates stay UTC (London has
//! summer time).

use std::sync::LazyLock;

use regex::Regex;

use crate::record::Article;

/// A timestamp line: `2020年10月27日`, `2020年 7月 20日`, `45 分钟前`, `5 小时前`.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{4}年\s*\d{1,2}月\s*\d{1,2}日|\d{1,3}\s*(?:分钟|小时|天|分鐘|小時)前)$").expect("static regex")
});

/// Prefixes of caption text that label it (read by screen readers only).
const CAPTION_LABELS: &[&str] =
    &["图像加注文字，", "视频加注文字，", "圖像加註文字，", "視頻加註文字，", "Image caption"];

/// A line of the byline block that gives a role, not a name: a job title
/// ([`crate::lexicon::TITLES_ZH`]), the outlet's name, or `发自` (reporting from).
fn is_role_line(p: &str) -> bool {
    ["BBC", "发自", "發自"].iter().chain(crate::lexicon::TITLES_ZH.words()).any(|w| p.contains(w))
}

/// `劳拉·比克（Laura Bicker）` -> `劳拉·比克`; a name only in Latin letters stays.
fn byline_name(line: &str) -> String {
    let line = line.trim();
    match line.find(['（', '(']) {
        Some(at) if at > 0 => line.get(..at).unwrap_or(line).trim().to_owned(),
        _ => line.to_owned(),
    }
}

fn clean_caption(c: &str) -> Option<String> {
    let mut c = c.trim();
    for label in CAPTION_LABELS {
        if let Some(rest) = c.strip_prefix(label) {
            c = rest.trim();
        }
    }
    // A photo credit after the caption: `… ©REUTERS/BBC`.
    if let Some(at) = c.find('©') {
        c = c.get(..at).unwrap_or(c).trim();
    }
    (!c.is_empty()).then(|| c.to_owned())
}

/// `bbc_byline`: the byline block, the lines before the timestamp near the top. The
/// names (without their romanisation) are the author; the block and the timestamp go.
pub fn byline(art: &mut Article) {
    if let Some(ts) = art.paragraphs.iter().take(5).position(|p| TIMESTAMP.is_match(p.trim())) {
        let names: Vec<String> =
            art.paragraphs.iter().take(ts).filter(|p| !is_role_line(p)).map(|p| byline_name(p)).collect();
        if let Some(names) = crate::sites::join_names(&names) {
            art.author = Some(names);
        }
        art.paragraphs.drain(..=ts);
    }
}

/// `bbc_lead_in`: a short lead-in (`本周其他的重要故事：`) whose list of links was dropped.
pub fn lead_in(art: &mut Article) {
    if art.paragraphs.last().is_some_and(|p| p.ends_with(['：', ':']) && p.chars().count() <= 20) {
        art.paragraphs.pop();
    }
}

/// `bbc_captions`: caption labels (`图像加注文字，`) and photo credits (`©Reuters`) leave
/// the captions.
pub fn captions(art: &mut Article) {
    for img in &mut art.images {
        img.caption = img.caption.as_deref().and_then(clean_caption);
    }
}
