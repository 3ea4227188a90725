//! `--stats FILE`: the JSON summary of a run.

mod common;

use common::{newsnorm, root};
use serde_json::{Value, json};

#[test]
fn stats_of_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut bytes_in = 0;
    for entry in std::fs::read_dir(root().join("samples")).unwrap().flatten() {
        let text = std::fs::read(entry.path()).unwrap();
        bytes_in += text.len();
        std::fs::write(input.join(entry.file_name()), &text).unwrap();
    }
    // A copy of 002 (an exact duplicate), an empty file and a file in no format.
    let portal = std::fs::read(input.join("002_4144df8498471dcd.txt")).unwrap();
    bytes_in += portal.len() + 5;
    std::fs::write(input.join("005_copy.txt"), &portal).unwrap();
    std::fs::write(input.join("006_empty.txt"), "").unwrap();
    std::fs::write(input.join("007_notes.txt"), "notes").unwrap();

    let stats = dir.path().join("stats.json");
    for (jobs, mode) in [("1", "mark"), ("2", "mark"), ("2", "drop")] {
        let out =
            newsnorm().args(["-q", "-j", jobs, "--dedup", mode, "--stats"]).arg(&stats).arg(&input).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let s: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
        let dropped = u64::from(mode == "drop");
        let records = 6 - dropped;
        assert_eq!(s["inputs"], 8);
        assert_eq!(s["records"], records);
        assert_eq!(s["errors"], 2);
        assert_eq!(s["errors_by_kind"], json!({"empty": 1, "unrecognized_format": 1}));
        assert_eq!(s["duplicates"], json!({"exact": 1, "near": 0, "dropped": dropped}));
        assert_eq!(s["warnings"], json!({"no_url": 2 - dropped, "url_slug_lossy": 1}));
        assert_eq!(s["publishers"], json!({"中央社": 3, "中央廣播電臺": 2 - dropped, "眾新聞": 1}));
        assert_eq!(s["no_publisher"], 0);
        assert_eq!(s["languages"], json!({"zh-Hant": records}));
        assert_eq!(s["no_language"], 0);
        // Pages read, written or dropped as duplicates.
        assert_eq!(s["page_types"], json!({"article": 6}));
        assert_eq!(s["filtered"], 0);
        assert_eq!(s["bytes_in"], bytes_in);
        assert_eq!(s["bytes_out"], out.stdout.len());
        assert!(s["seconds"].as_f64().unwrap() >= 0.0);
    }
}

#[test]
fn no_stats_file_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsnorm().current_dir(dir.path()).arg("-q").arg(root().join("samples")).output().unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
