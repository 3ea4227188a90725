//! The scale-out recipes of the README, run for real: GNU parallel over a path list
//! (locally and in its multi-host form), GNU parallel over the document stream, and
//! Spark in local mode (`examples/spark_normalize.py`, both ways). Each must give the
//! bytes of a direct run. Without the tool a test says `SKIPPED: ...`; when it runs it
//! says what it ran, so a CI log shows which.
//!
//! Tools: GNU parallel (`apt-get install parallel`), pyspark with a Java runtime
//! (`apt-get install default-jre-headless`). `.ci/run` installs them, pyspark in a virtual
//! environment of its own, `.ci/venv`, which the Spark test uses (or the Python named by
//! `NEWSNORM_PYTHON`, else `python3`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{json_lines, output_bounded, root, skip, tell, write};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsnorm"))
}

/// The Python to run Spark with: `$NEWSNORM_PYTHON`, else the virtual environment that
/// `.ci/run` makes (`.ci/venv`), else `python3`.
fn spark_python() -> PathBuf {
    if let Some(p) = std::env::var_os("NEWSNORM_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let venv = root().join(".ci/venv/bin/python3");
    if venv.exists() { venv } else { PathBuf::from("python3") }
}

/// `tool ARGS` runs and exits 0.
fn works(tool: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> bool {
    output_bounded(Command::new(tool).args(args)).status.success()
}

fn gnu_parallel() -> bool {
    let probe = Command::new("parallel").arg("--version").output();
    match probe {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains("GNU parallel") => true,
        _ => {
            skip("GNU parallel not installed (apt-get install parallel), so its recipe did not run");
            false
        }
    }
}

/// A corpus for the recipes: the shared corpus when present (else 200 copies of the
/// samples), the samples, and a folder of inputs that fail, so error objects take part.
fn roots(tmp: &Path) -> Vec<PathBuf> {
    let bad = tmp.join("bad");
    write(&bad.join("a-notes.txt"), b"just some notes, not an article\n");
    write(&bad.join("b-empty.txt"), b"");
    write(&bad.join("c-big5.txt"), &big5_sample());
    let shared = root().join("../shared/corpus");
    let many = match shared.is_dir() {
        true => shared,
        false => {
            // Enough files for the work to split into several jobs: copies of the samples.
            let copies = tmp.join("copies");
            for entry in std::fs::read_dir(root().join("samples")).unwrap() {
                let entry = entry.unwrap();
                let bytes = std::fs::read(entry.path()).unwrap();
                for i in 0..40 {
                    write(&copies.join(format!("{i:02}-{}", entry.file_name().to_string_lossy())), &bytes);
                }
            }
            copies
        }
    };
    vec![many, root().join("samples"), bad]
}

/// A sample as Big5 bytes (the document stream carries it as base64).
fn big5_sample() -> Vec<u8> {
    let text = std::fs::read_to_string(root().join("samples/002_4144df8498471dcd.txt")).unwrap();
    encoding_rs::BIG5.encode(&text).0.into_owned()
}

/// Run a bash script with `$NEWSNORM` (the built binary) and `$ROOTS` (the corpus
/// folders) set, in `dir`; its stdout.
fn bash(dir: &Path, roots: &[PathBuf], script: &str) -> Vec<u8> {
    let roots: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    let out = output_bounded(
        Command::new("bash")
            .args(["-euo", "pipefail", "-c", script])
            .env("NEWSNORM", bin())
            .env("ROOTS", roots.join(" "))
            .env("EXAMPLES", root().join("examples"))
            .current_dir(dir),
    );
    assert!(out.status.success(), "{script}\nfailed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The jobs of a GNU parallel `--joblog`: (host, exit value) per job.
fn jobs(log: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(log).expect("job log");
    text.lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.get(1).unwrap_or(&"").to_string(), cols.get(6).unwrap_or(&"").to_string())
        })
        .collect()
}

/// The direct run the recipes are compared with: one newsnorm over the same list.
const DIRECT: &str =
    r#"find $ROOTS -type f -print0 | sort -z | "$NEWSNORM" -q --errors - --exit-zero --files-from - -0"#;

fn check_split(log: &Path, what: &str) -> usize {
    let jobs = jobs(log);
    assert!(jobs.len() >= 3, "{what}: the work was not split ({} jobs)", jobs.len());
    assert!(jobs.iter().all(|(_, exit)| exit == "0"), "{what}: a job failed: {jobs:?}");
    jobs.len()
}

/// A script as one line, for the log.
fn one_line(script: &str) -> String {
    script.replace("\\\n", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn summary(bytes: &[u8]) -> String {
    let lines = json_lines(bytes);
    let errors = lines.iter().filter(|l| l.get("error").is_some()).count();
    format!("{} lines ({} records, {errors} error objects)", lines.len(), lines.len() - errors)
}

#[test]
fn gnu_parallel_over_a_path_list_gives_the_bytes_of_one_run() {
    if !gnu_parallel() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let roots = roots(tmp.path());
    let direct = bash(tmp.path(), &roots, DIRECT);
    // The README's recipe; a small --block so that even the samples split into jobs.
    let recipe = r#"find $ROOTS -type f -print0 | sort -z |
        parallel -0 --pipe --recend '\0' --block 2k -k -j 2 --joblog jobs.log \
            "$NEWSNORM" -q --errors - --exit-zero --files-from - -0"#;
    let got = bash(tmp.path(), &roots, recipe);
    let n = check_split(&tmp.path().join("jobs.log"), "parallel --pipe");
    assert!(got == direct, "parallel's output differs from a single run's");
    tell(&format!("ran GNU parallel, {n} jobs: `{}`: {} identical to one run", one_line(recipe), summary(&got)));
}

/// The multi-host form (`-S`), on the local host `:` (two job slots), as a test can
/// run it without ssh; with real hosts the files must be at the same paths on each.
#[test]
fn gnu_parallel_multi_host_form_gives_the_bytes_of_one_run() {
    if !gnu_parallel() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let roots = roots(tmp.path());
    let direct = bash(tmp.path(), &roots, DIRECT);
    let recipe = r#"find $ROOTS -type f -print0 | sort -z |
        parallel -S 2/: -0 --pipe --recend '\0' --block 2k -k --joblog jobs.log \
            "$NEWSNORM" -q --errors - --exit-zero --files-from - -0"#;
    let got = bash(tmp.path(), &roots, recipe);
    let n = check_split(&tmp.path().join("jobs.log"), "parallel -S");
    let hosts: Vec<String> = jobs(&tmp.path().join("jobs.log")).into_iter().map(|(h, _)| h).collect();
    assert!(hosts.iter().all(|h| h == ":"), "{hosts:?}");
    assert!(got == direct, "parallel -S's output differs from a single run's");
    tell(&format!("ran GNU parallel -S 2/: (local host), {n} jobs: {} identical to one run", summary(&got)));
}

/// The document stream through parallel (what goes to other hosts when they do not
/// see the files): `examples/to_stream.py | parallel --pipe … newsnorm --stream`.
#[test]
fn gnu_parallel_over_the_document_stream_gives_the_bytes_of_one_run() {
    if !gnu_parallel() {
        return;
    }
    if !works("python3", &["--version"]) {
        skip("python3 not available, so the document-stream recipe did not run");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let roots = roots(tmp.path());
    let direct = bash(tmp.path(), &roots, DIRECT);
    let recipe = r#"find $ROOTS -type f -print0 | sort -z | python3 "$EXAMPLES/to_stream.py" --files-from - -0 |
        parallel -S 2/: --pipe --block 200k -k --joblog jobs.log \
            "$NEWSNORM" -q --stream --errors - --exit-zero"#;
    let got = bash(tmp.path(), &roots, recipe);
    let n = check_split(&tmp.path().join("jobs.log"), "parallel --pipe --stream");
    assert!(got == direct, "the stream through parallel differs from a run over the files");
    tell(&format!(
        "ran to_stream.py | GNU parallel -S 2/: --pipe newsnorm --stream, {n} jobs: {} identical to one run",
        summary(&got)
    ));
}

/// `examples/spark_normalize.py` in Spark local mode, both ways in one session: the
/// path list gives the bytes of a direct run (partitions in order); the document
/// stream, read by Spark itself, the same lines (in Spark's order).
#[test]
fn spark_local_mode_gives_the_records_of_a_direct_run() {
    let python = spark_python();
    if !works(&python, &["-c", "import pyspark"]) {
        skip(&format!(
            "pyspark not found by {} (python3 -m venv .ci/venv && .ci/venv/bin/pip install pyspark), so the Spark recipe did not run",
            python.display()
        ));
        return;
    }
    if !works("java", &["-version"]) {
        skip("no Java runtime (apt-get install default-jre-headless), so the Spark recipe did not run");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // A small corpus: the samples (one in a subfolder), a Big5 file, two that fail.
    let docs = tmp.path().join("corpus");
    for entry in std::fs::read_dir(root().join("samples")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let dest = if name.starts_with("000_") { docs.join("sub").join(&name) } else { docs.join(&name) };
        write(&dest, &std::fs::read(entry.path()).unwrap());
    }
    write(&docs.join("big5.txt"), &big5_sample());
    write(&docs.join("notes.txt"), b"just some notes\n");
    write(&docs.join("sub/empty.txt"), b"");
    let out = tmp.path().join("out");
    let script = root().join("examples/spark_normalize.py");
    let run = output_bounded(
        Command::new(&python)
            .env("PYSPARK_PYTHON", &python)
            .arg(&script)
            .args(["--master", "local[2]", "--partitions", "3", "--newsnorm"])
            .arg(bin())
            .arg(&docs)
            .arg(&out),
    );
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(run.status.success(), "spark_normalize.py failed:\n{said}\n{}", String::from_utf8_lossy(&run.stderr));

    // The direct run over the files in newsnorm's own walk order.
    let direct = output_bounded(Command::new(bin()).args(["-q", "--errors", "-", "--exit-zero"]).arg(&docs));
    assert!(direct.status.success());
    let parts = |via: &str| {
        let mut names: Vec<PathBuf> = std::fs::read_dir(out.join(via))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("part-")))
            .collect();
        names.sort();
        assert!(names.len() >= 2, "{via}: {} partitions", names.len());
        (names.len(), names.iter().flat_map(|p| std::fs::read(p).unwrap()).collect::<Vec<u8>>())
    };
    let (n_paths, by_paths) = parts("paths");
    assert!(by_paths == direct.stdout, "Spark (paths) output differs from a direct run");
    let (n_stream, by_stream) = parts("stream");
    let sorted = |b: &[u8]| {
        let mut l: Vec<String> = String::from_utf8_lossy(b).lines().map(str::to_owned).collect();
        l.sort();
        l
    };
    assert_eq!(sorted(&by_stream), sorted(&direct.stdout), "Spark (stream) lines differ from a direct run");
    let lines = json_lines(&direct.stdout);
    assert_eq!(lines.len(), 8);
    assert_eq!(lines.iter().filter(|l| l.get("error").is_some()).count(), 2);
    for line in said.lines().filter(|l| l.starts_with("spark_normalize:")) {
        tell(&format!("ran Spark local[2]: {line}"));
    }
    tell(&format!(
        "Spark: paths ({n_paths} part files) byte-identical to a direct run, stream ({n_stream} part files) the same lines: {}",
        summary(&direct.stdout)
    ));
}
