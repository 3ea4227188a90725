//! Output integrity: a closed pipe ends the run quietly with status 0; an interrupted
//! run leaves no partial `-o` file and no temporary file, and never half a line.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{json_lines, output_bounded, root, wait_bounded};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsnorm")
}

/// `copies` copies of each seed in a new temporary directory.
fn many_seeds(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    for i in 0..copies {
        for (name, bytes) in &seeds {
            std::fs::write(dir.path().join(format!("{i:05}_{name}")), bytes).unwrap();
        }
    }
    dir
}

/// Read 100 bytes of the output and close the pipe, as `| head -c 100` does.
fn head_c_100(args: &[&Path]) {
    let mut child = StdCommand::new(bin())
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = wait_bounded(child);
    assert!(first.starts_with(b"{\"id\":\""));
    assert_eq!(out.status.code(), Some(0), "a closed pipe is a normal end");
    assert!(out.stderr.is_empty(), "nothing on stderr: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn closed_pipe_ends_the_run_quietly() {
    // Megabytes of records: the writes really hit EPIPE.
    let dir = many_seeds(100);
    head_c_100(&[dir.path()]);
    // The seeds alone may fit the pipe's buffer: the same outcome either way.
    head_c_100(&[Path::new("samples/")]);
}

#[cfg(unix)]
#[test]
fn closed_pipe_in_a_shell_pipeline() {
    let dir = many_seeds(100);
    let out = output_bounded(
        StdCommand::new("bash")
            .arg("-c")
            .arg(r#""$0" "$1" | head -c 100 > /dev/null; exit "${PIPESTATUS[0]}""#)
            .arg(bin())
            .arg(dir.path()),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".newsnorm-"))
        .collect()
}

#[cfg(unix)]
fn signal(child: &Child, sig: &str) {
    let ok = StdCommand::new("kill").arg(format!("-{sig}")).arg(child.id().to_string()).status().unwrap();
    assert!(ok.success());
}

/// Wait until `ready` or the deadline; `false` when the child ended first.
fn wait_for(child: &mut Child, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if ready() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("timed out");
}

/// Start `-o out.jsonl --errors err.jsonl --stats stats.json` on the samples, an
/// unreadable input and a FIFO, interrupt it while it waits on the FIFO (its records and
/// error objects are written to the temporary files by then), and check that all three
/// files are as they were (or still absent), with no temporary file left.
#[cfg(unix)]
fn interrupt_output_file(sig: &str, previous: Option<&[u8]>) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("hold.fifo");
    mkfifo(&fifo);
    let outs = tempfile::tempdir().unwrap();
    let files = ["out.jsonl", "err.jsonl", "stats.json"].map(|n| outs.path().join(n));
    if let Some(bytes) = previous {
        for f in &files {
            std::fs::write(f, bytes).unwrap();
        }
    }
    let child = StdCommand::new(bin())
        .args(["-q", "-j", "2", "-o"])
        .arg(&files[0])
        .arg("--errors")
        .arg(&files[1])
        .arg("--stats")
        .arg(&files[2])
        .arg(root().join("samples"))
        .arg(dir.path().join("missing.txt"))
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO for writing returns once the run opened it to read.
    let writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, sig);
    let out = wait_bounded(child);
    drop(writer);
    assert_eq!(out.status.code(), Some(130), "interrupted: status 130");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(temp_files(outs.path()).is_empty(), "the temporary files are removed");
    for f in &files {
        match previous {
            None => assert!(!f.exists(), "no partial {}", f.display()),
            Some(bytes) => assert_eq!(std::fs::read(f).unwrap(), bytes, "{} is unchanged", f.display()),
        }
    }
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_no_partial_output_file() {
    interrupt_output_file("TERM", None);
}

#[cfg(unix)]
#[test]
fn sigint_keeps_the_previous_output_file() {
    interrupt_output_file("INT", Some(b"{\"previous\":\"run\"}\n"));
}

/// An interrupt writes out whole lines up to the last input written in order, on both
/// streams: the inputs that have a line (a record on stdout or an error object on
/// stderr) are exactly the first N, for `-j 1` and `-j 2`. (The old code left the
/// buffered records unwritten while the error objects of later inputs were out.)
#[cfg(unix)]
#[test]
fn an_interrupt_leaves_both_streams_at_the_same_input() {
    let seed = std::fs::read(root().join("samples/002_4144df8498471dcd.txt")).unwrap();
    let inputs = tempfile::tempdir().unwrap();
    let n = 6000;
    for i in 0..n {
        let (name, bytes) = if i % 2 == 0 {
            (format!("{i:05}_good.txt"), seed.as_slice())
        } else {
            (format!("{i:05}_bad.txt"), &b"no article\n"[..])
        };
        std::fs::write(inputs.path().join(name), bytes).unwrap();
    }
    for jobs in ["1", "2"] {
        let outs = tempfile::tempdir().unwrap();
        let (out_path, err_path) = (outs.path().join("out"), outs.path().join("err"));
        let mut child = StdCommand::new(bin())
            .args(["-q", "-j", jobs])
            .arg(inputs.path())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .unwrap();
        let started = wait_for(&mut child, || std::fs::metadata(&err_path).is_ok_and(|m| m.len() > 20_000));
        assert!(started, "the run ended before it could be interrupted: make the input set larger");
        signal(&child, "INT");
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130));
        let index = |v: &serde_json::Value| -> usize {
            v["source_path"].as_str().unwrap().rsplit('/').next().unwrap()[..5].parse().unwrap()
        };
        let out = std::fs::read(&out_path).unwrap();
        let err = std::fs::read(&err_path).unwrap();
        assert!(out.is_empty() || out.ends_with(b"\n"));
        assert!(err.ends_with(b"\n"));
        let mut seen: Vec<usize> = json_lines(&out).iter().chain(json_lines(&err).iter()).map(index).collect();
        seen.sort_unstable();
        let k = seen.len();
        assert!(k < n, "-j {jobs}: the run finished before the interrupt");
        assert_eq!(seen, (0..k).collect::<Vec<_>>(), "-j {jobs}: the lines are of the first {k} inputs, each once");
    }
}

#[test]
fn a_finished_output_file_holds_whole_records() {
    let inputs = many_seeds(20);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.jsonl");
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&dest).arg(inputs.path()));
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.ends_with(b"\n"));
    assert_eq!(json_lines(&bytes).len(), 100);
    assert!(temp_files(dir.path()).is_empty());
}

/// Interrupting a run that writes to a slow reader ends it on a line boundary: the
/// interrupt waits for the buffer being written.
#[cfg(unix)]
#[test]
fn sigterm_on_stdout_never_leaves_half_a_line() {
    let inputs = many_seeds(400);
    let mut child = StdCommand::new(bin())
        .args(["-j", "1"])
        .arg(inputs.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = vec![0u8; 100_000];
    stdout.read_exact(&mut got).unwrap();
    // The writer is now blocked in the middle of a 256 KiB buffer: the pipe is full.
    std::thread::sleep(Duration::from_millis(200));
    signal(&child, "TERM");
    std::thread::sleep(Duration::from_millis(200));
    stdout.read_to_end(&mut got).unwrap();
    let out = wait_bounded(child);
    assert!(got.ends_with(b"\n"), "the output ends on a whole line");
    let records = json_lines(&got);
    assert!(records.len() >= 10 && records.len() < 3000, "{} records", records.len());
    assert_eq!(out.status.code(), Some(130));
}

// ---- `-o` semantics: what the path is decides how it is written (issue 15) ----

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// Read everything from `path` on a thread (opening a FIFO blocks until its writer
/// comes); `None` if nothing came within a minute.
fn read_in_background(path: PathBuf) -> std::sync::mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Ok(bytes) = std::fs::read(&path) {
            let _ = tx.send(bytes);
        }
    });
    rx
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_through_and_the_fifo_stays() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("records.fifo");
    mkfifo(&fifo);
    let got = read_in_background(fifo.clone());
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&fifo).arg(root().join("samples")));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = got.recv_timeout(Duration::from_secs(60)).expect("the FIFO's reader got the records");
    assert_eq!(json_lines(&bytes).len(), 5);
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else in the folder");
}

/// A character device made in the test folder (the null device's numbers, 1:3): written
/// through, never replaced by a regular file. Making a device node needs root.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_device_is_written_through_and_the_device_stays() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let dev = dir.path().join("null");
    let c = std::ffi::CString::new(dev.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path; makedev of the null device's numbers.
    if unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) } != 0 {
        common::skip("making a device node needs root (CAP_MKNOD): the device case of -o did not run");
        return;
    }
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&dev).arg(root().join("samples")));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(&dev).unwrap().file_type().is_char_device(), "still a device");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `/dev/stdout` and friends are links to this process's descriptors: a link to
/// `/proc/self/fd/1` made in the test folder stands for them (replacing the system's own
/// `/dev/stdout` is what the old code did, as root).
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_descriptor_link_goes_to_stdout_and_the_link_stays() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&link).arg(root().join("samples")));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json_lines(&out.stdout).len(), 5, "the records are on stdout");
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("/proc/self/fd/1"), "the link is kept");
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o", "-"]).arg(root().join("samples")));
    assert_eq!(json_lines(&out.stdout).len(), 5, "-o - is stdout");
    assert!(!root().join("-").exists());
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_its_target_keeps_the_link_and_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.jsonl");
    std::fs::write(&real, b"old\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("out.jsonl");
    std::os::unix::fs::symlink("real.jsonl", &link).unwrap();
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&link).arg(root().join("samples")));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(json_lines(&std::fs::read(&real).unwrap()).len(), 5, "its target holds the records");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777, 0o640, "the old mode is kept");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// What cannot work is refused before the first input is read: the inputs here end in
/// a FIFO nobody writes to, so a run that read its inputs first would never end.
#[cfg(unix)]
#[test]
fn impossible_outputs_are_usage_errors_before_any_input() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("never-written.fifo");
    mkfifo(&fifo);
    let out_file = dir.path().join("out.jsonl");
    let link = dir.path().join("same.jsonl");
    std::os::unix::fs::symlink("out.jsonl", &link).unwrap();
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec!["-o".into(), dir.path().into()], "is a directory"),
        (vec!["-o".into(), dir.path().join("no/such/folder/out.jsonl").into()], "no such folder"),
        (vec!["-o".into(), out_file.clone().into(), "--errors".into(), out_file.clone().into()], "same file"),
        (vec!["-o".into(), out_file.clone().into(), "--errors".into(), link.clone().into()], "same file"),
        (vec!["--errors".into(), out_file.clone().into(), "--stats".into(), link.clone().into()], "same file"),
        (vec!["-o".into(), out_file.clone().into(), "--stats".into(), out_file.clone().into()], "same file"),
    ];
    for (args, says) in cases {
        let t = Instant::now();
        let out = output_bounded(StdCommand::new(bin()).arg("-q").args(&args).arg(root().join("samples")).arg(&fifo));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(t.elapsed() < Duration::from_secs(60), "{args:?} read the inputs first");
    }
    // A file the user may not write is theirs to keep, even when its folder is writable
    // (as root every file may be written: that part needs another user).
    let ro = dir.path().join("read-only.jsonl");
    std::fs::write(&ro, b"keep\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = if unsafe_is_root() {
        if !std::path::Path::new("/usr/bin/setpriv").exists() {
            common::skip("setpriv not found: the read-only output file case did not run as another user");
            return;
        }
        let mut c = StdCommand::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin());
        c
    } else {
        StdCommand::new(bin())
    };
    let out = output_bounded(cmd.args(["-q", "-o"]).arg(&ro).arg(root().join("samples")).arg(&fifo));
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&ro).unwrap(), b"keep\n");
}

#[cfg(unix)]
fn unsafe_is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// `kill -9` cannot be caught: the unnamed temporary file (`O_TMPFILE`) leaves nothing
/// in the folder. The run is held on a FIFO input while its output is open.
#[cfg(target_os = "linux")]
#[test]
fn sigkill_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("hold.fifo");
    mkfifo(&fifo);
    let out_dir = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::OpenOptionsExt;
        let unnamed = std::fs::OpenOptions::new().write(true).custom_flags(libc::O_TMPFILE).open(out_dir.path());
        if unnamed.is_err() {
            common::skip("the temporary folder's filesystem has no O_TMPFILE: the kill -9 case did not run");
            return;
        }
    }
    let dest = out_dir.path().join("out.jsonl");
    std::fs::write(&dest, b"previous\n").unwrap();
    let mut child = StdCommand::new(bin())
        .args(["-q", "-j", "1", "-o"])
        .arg(&dest)
        .arg(root().join("samples"))
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO for writing returns once the run opened it to read: the records
    // before it are in the temporary file by then.
    let writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    signal(&child, "KILL");
    drop(writer);
    let _ = child.wait();
    let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.jsonl")], "only the old output is left");
    assert_eq!(std::fs::read(&dest).unwrap(), b"previous\n");
}

/// `newsnorm … 2>&1 >/dev/null | head -1`: the error stream's reader goes away after
/// one line. That ends the run quietly (status 0, no panic message), as a closed stdout
/// does; the old code panicked (status 101).
#[test]
fn a_closed_error_stream_ends_the_run_quietly() {
    let inputs = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        std::fs::write(inputs.path().join(format!("{i:05}.txt")), b"not an article\n").unwrap();
    }
    let out = output_bounded(
        StdCommand::new("bash")
            .arg("-c")
            .arg(r#""$0" -j 2 "$1" 2>&1 > /dev/null | head -n 1; exit "${PIPESTATUS[0]}""#)
            .arg(bin())
            .arg(inputs.path()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("unrecognized_format"), "{text}");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
