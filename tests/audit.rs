//! The archive audit (`bench/audit.py`) is itself tested: its line reading, the reasons it
//! gives for text a record leaves out, and whole runs on small synthetic folders, one with
//! a stand-in binary that drops article text (which the audit must report as not
//! explained) and one with the built `newsnorm`. The tests are `bench/test_audit.py`;
//! this runs them (skipped with a note without python3).

mod common;

use std::process::Command;

use common::{output_bounded, root, skip};

#[test]
fn the_audit_s_own_tests_pass() {
    if Command::new("python3").arg("--version").output().is_err() {
        skip("python3 is absent; bench/test_audit.py did not run");
        return;
    }
    let out = output_bounded(
        Command::new("python3")
            .arg("bench/test_audit.py")
            .current_dir(root())
            .env("NEWSNORM", env!("CARGO_BIN_EXE_newsnorm")),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench/test_audit.py failed:\n{stderr}");
    // Every test ran: none was skipped for want of the binary.
    assert!(stderr.contains("\nOK") && !stderr.contains("skipped"), "{stderr}");
}
