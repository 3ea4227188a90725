//! Parallelism does not change the output: `-j 1` and `-j 2` (and more) write the same
//! bytes to stdout and to the error stream, on the seeds, on ../shared/corpus (skipped
//! with a note when absent), on a generated corpus larger than the reorder window,
//! with failing inputs and a few slow ones among fast ones, and on a corpus made by the
//! benchmark's own generator (`bench/gen-corpus`, skipped with a note without python3 or
//! the shared corpus). `bench/run.sh` also compares `-j1` and `-jN` on every corpus it
//! times.

mod common;

use std::path::Path;

use common::{corpus, newsnorm, root, write};

/// stdout, stderr and exit code of a run over `paths`.
fn run(jobs: u32, paths: &[&Path]) -> (Vec<u8>, Vec<u8>, Option<i32>) {
    let out = newsnorm().arg("-j").arg(jobs.to_string()).args(paths).output().unwrap();
    (out.stdout, out.stderr, out.status.code())
}

fn assert_same_for_all_jobs(paths: &[&Path], jobs: &[u32]) -> (usize, usize) {
    let (out1, err1, code1) = run(1, paths);
    for &j in jobs {
        let (out, err, code) = run(j, paths);
        assert!(out == out1, "stdout differs between -j 1 and -j {j}");
        assert!(err == err1, "error stream differs between -j 1 and -j {j}");
        assert_eq!(code, code1, "exit status differs between -j 1 and -j {j}");
    }
    let lines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
    (lines(&out1), lines(&err1))
}

#[test]
fn samples_give_the_same_bytes_with_any_job_count() {
    let samples = root().join("samples");
    let (records, errors) = assert_same_for_all_jobs(&[&samples], &[2]);
    assert_eq!((records, errors), (5, 0));
}

#[test]
fn shared_corpus_gives_the_same_bytes_with_any_job_count() {
    let Some(corpus) = corpus() else { return };
    // The whole folder: articles, plus README.md and a JSON file (error objects).
    let (records, errors) = assert_same_for_all_jobs(&[&corpus], &[2]);
    assert!(records >= 500, "{records} records");
    assert!(errors >= 2, "{errors} errors");
}

/// A corpus of `n` inputs in nested folders: variants of the seeds, every 23rd input
/// one that fails (empty, binary, unrecognised, unclosed front matter), and every 97th a
/// seed blown up to over a hundred KB, which a worker takes much longer over.
fn generate(dir: &Path, n: usize) {
    let seeds: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut sorted = seeds;
    sorted.sort();
    for i in 0..n {
        let sub = dir.join(format!("d{}", i % 3)).join(format!("e{}", i % 5));
        let path = sub.join(format!("{i:05}.txt"));
        let seed = &sorted[i % sorted.len()];
        let bytes: Vec<u8> = match i % 23 {
            5 => Vec::new(),
            11 => b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            17 => format!("just some words, nothing more {i}\n").into_bytes(),
            19 => format!("---\ntitle: \"never closed {i}\"\n").into_bytes(),
            _ => {
                let mut text =
                    seed.replacen("title: \"", &format!("title: \"{i} "), 1).replacen("。", &format!("{i}。"), 1);
                if i % 97 == 3 {
                    let body_start = text.find("\n---\n").map_or(0, |p| p + 5);
                    let body = text.get(body_start..).unwrap_or_default().to_owned();
                    for _ in 0..8 {
                        text.push_str(&body);
                    }
                }
                text.into_bytes()
            }
        };
        write(&path, &bytes);
    }
}

#[test]
fn generated_corpus_larger_than_the_window_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // More inputs than the reorder window of two workers (2 x 256).
    let n = 560;
    generate(dir.path(), n);
    let (records, errors) = assert_same_for_all_jobs(&[dir.path()], &[2, 3]);
    assert_eq!(records + errors, n, "one line per input, a record or an error object");
    assert!(errors >= 4 * (n / 23), "{errors} errors");
}

#[test]
fn benchmark_generated_corpus_gives_the_same_bytes() {
    let Some(_) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    // More files than two workers' reorder window; the benchmark's corpora differ only
    // in size (file k is a variant of seed k mod 565 whatever N is).
    let n = 1200;
    let made = std::process::Command::new("python3")
        .arg(root().join("bench/gen-corpus"))
        .arg(n.to_string())
        .arg("--out")
        .arg(dir.path())
        .output();
    match made {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("bench/gen-corpus failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => {
            common::skip(&format!("python3 not available ({e}), so the benchmark-corpus parallel test did not run"));
            return;
        }
    }
    let (records, errors) = assert_same_for_all_jobs(&[dir.path()], &[2]);
    assert_eq!(records + errors, n, "one line per generated file");
    assert!(records >= n * 95 / 100, "{records} records");
}

/// A container's pids limit: no thread can be spawned (RLIMIT_NPROC of 1 for a user
/// with no other process). `-j 4` then runs on the calling thread alone and writes what
/// `-j 1` writes; the old code panicked (101) or could not install its signal handler
/// (2). Root is exempt from the limit, so the run is made as an unused user id with
/// `setpriv`; that needs root and util-linux's `prlimit` and `setpriv`.
#[cfg(target_os = "linux")]
#[test]
fn no_thread_to_spawn_means_fewer_threads_not_a_crash() {
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    let tools = ["prlimit", "setpriv"]
        .iter()
        .all(|t| std::process::Command::new(t).arg("--version").output().is_ok_and(|o| o.status.success()));
    if !root_user || !tools {
        common::skip("RLIMIT_NPROC binds only users other than root: needs root and util-linux prlimit/setpriv");
        return;
    }
    let samples = root().join("samples");
    let (out1, err1, code1) = run(1, &[&samples]);
    let out = common::output_bounded(
        std::process::Command::new("prlimit")
            .args(["--nproc=1:1", "setpriv", "--reuid=61234", "--regid=61234", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("newsnorm"))
            .args(["-j", "4"])
            .arg(&samples)
            .current_dir(root()),
    );
    assert_eq!(out.status.code(), code1, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout == out1, "the records differ from -j 1's");
    assert!(out.stderr == err1, "{}", String::from_utf8_lossy(&out.stderr));
}
