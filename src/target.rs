//! Where a FILE argument of the output (`-o`, `--errors`, `--stats`) goes, decided before
//! the run reads its first input, so a path that cannot work is a usage error at once.
//!
//! - `-` is standard output.
//! - A regular file, or a path that does not exist yet, is replaced atomically: the
//!   lines go to a temporary file in the same folder, put in place (renamed over the
//!   old file) when the run ends. Readers see the old file or the new one, never half
//!   of one; a run that does not end (interrupted, a closed pipe, a write error) leaves
//!   the old file as it was. The old file's mode (and, when allowed, owner) is kept; a
//!   new file gets `0666` minus the umask, as a shell redirection would. The temporary
//!   file is unnamed where the system has them (Linux `O_TMPFILE`, linked into the
//!   folder only at the end), so `kill -9` leaves nothing behind (but in the instant
//!   between linking it under `.newsnorm-PID-N.tmp` and renaming that over an existing
//!   target); elsewhere it is `.newsnorm-XXXXXX.tmp` beside the target, removed on
//!   interrupt, but left by `kill -9` (remove such files with
//!   `find DIR -maxdepth 1 -name '.newsnorm-*.tmp' -delete`).
//! - A symbolic link is followed: its target is replaced (or created), the link kept.
//! - A FIFO, a character or block device (`/dev/null`, a terminal), or a file already
//!   open in this process (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`) is written
//!   through, never replaced: its reader gets the lines as they come.
//! - A directory, a path in a folder that does not exist, or a file that may not be
//!   written is refused before the run ([`TargetError`]).

use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Why an output path cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("cannot write to {0}: it is a directory (give a file name)")]
    Directory(String),
    #[error("cannot write to {0}: no such folder to create the file in")]
    NoFolder(String),
    #[error("cannot write to {0}: {1}")]
    NotWritable(String, io::Error),
    #[error("cannot write to {0}: it is a socket")]
    Socket(String),
    #[error("cannot write to {0}: too many levels of symbolic links")]
    Loop(String),
    #[error("cannot write to {0}: {1}")]
    Io(String, io::Error),
}

/// What a path leads to.
#[derive(Debug)]
enum Kind {
    /// `-`, or this process's standard output reached through `/dev/stdout`.
    Stdout,
    /// A descriptor of this process (`/dev/fd/N`, `/proc/self/fd/N`, `/dev/stderr`).
    Fd(i32),
    /// A FIFO or a device: opened and written through.
    Special,
    Socket,
    Directory,
    /// An existing regular file: replaced.
    Regular,
    /// Nothing yet: created.
    New,
}

/// A path with symbolic links followed to what they lead to.
#[derive(Debug)]
struct Resolved {
    kind: Kind,
    /// The path after symbolic links (the one to open, replace or create).
    path: PathBuf,
    meta: Option<Metadata>,
}

/// How many symbolic links are followed (as the kernel's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// `N` when `path` names a descriptor of this process: its folder is `/proc/PID/fd` (or
/// `/proc/PID/task/TID/fd`) of our own PID, as `/dev/fd` and `/proc/self/fd` resolve.
fn own_descriptor(path: &Path) -> Option<i32> {
    let n: i32 = path.file_name()?.to_str()?.parse().ok()?;
    let parent = fs::canonicalize(path.parent()?).ok()?;
    let mut parts = parent.strip_prefix("/proc").ok()?.components();
    let pid = parts.next()?.as_os_str().to_str()?.to_owned();
    let rest: Vec<_> = parts.map(|c| c.as_os_str().to_owned()).collect();
    let fd_dir =
        rest.last().is_some_and(|l| l == "fd") && (rest.len() == 1 || rest.first().is_some_and(|t| t == "task"));
    (fd_dir && pid == std::process::id().to_string()).then_some(n)
}

fn resolve(arg: &Path) -> Result<Resolved, TargetError> {
    if arg.as_os_str() == "-" {
        return Ok(Resolved { kind: Kind::Stdout, path: arg.to_owned(), meta: None });
    }
    let mut path = arg.to_owned();
    for _ in 0..MAX_LINKS {
        if let Some(fd) = own_descriptor(&path) {
            let kind = if fd == 1 { Kind::Stdout } else { Kind::Fd(fd) };
            return Ok(Resolved { kind, path, meta: None });
        }
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Resolved { kind: Kind::New, path, meta: None });
            }
            Err(e) => return Err(TargetError::Io(shown(arg), e)),
        };
        if meta.file_type().is_symlink() {
            let to = fs::read_link(&path).map_err(|e| TargetError::Io(shown(arg), e))?;
            path = match path.parent() {
                Some(dir) if to.is_relative() => dir.join(to),
                _ => to,
            };
            continue;
        }
        let kind = if meta.is_dir() {
            Kind::Directory
        } else if meta.is_file() {
            Kind::Regular
        } else if is_socket(&meta) {
            Kind::Socket
        } else {
            Kind::Special
        };
        return Ok(Resolved { kind, path, meta: Some(meta) });
    }
    Err(TargetError::Loop(shown(arg)))
}

#[cfg(unix)]
fn is_socket(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_socket(_: &Metadata) -> bool {
    false
}

/// Two output arguments that lead to one file, one of them to be replaced (`-o X
/// --errors X`, or the same file through a link): the replacement would lose what the
/// other wrote. `args` are (option name, path); `-` and absent ones are left out by the
/// caller. Returns the two option names.
pub fn same_file<'a>(args: &[(&'a str, &Path)]) -> Result<Option<(&'a str, &'a str)>, TargetError> {
    let mut seen: Vec<(&str, Identity, bool)> = Vec::new();
    for &(name, path) in args {
        let r = resolve(path)?;
        let replaced = matches!(r.kind, Kind::Regular | Kind::New);
        let Some(id) = identity(&r) else { continue };
        if let Some((other, _, other_replaced)) = seen.iter().find(|(_, i, _)| *i == id)
            && (replaced || *other_replaced)
        {
            return Ok(Some((other, name)));
        }
        seen.push((name, id, replaced));
    }
    Ok(None)
}

#[derive(Debug, PartialEq, Eq)]
enum Identity {
    /// Device and inode of an existing file.
    Node(u64, u64),
    /// The path a new file would get (its folder canonical).
    Path(PathBuf),
}

#[cfg(unix)]
fn node(meta: &Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity::Node(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn node(_: &Metadata) -> Identity {
    Identity::Path(PathBuf::new())
}

fn identity(r: &Resolved) -> Option<Identity> {
    match r.kind {
        Kind::Stdout => descriptor_meta(1).map(|m| node(&m)),
        Kind::Fd(fd) => descriptor_meta(fd).map(|m| node(&m)),
        Kind::New => {
            let dir = match r.path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(Identity::Path(fs::canonicalize(dir).ok()?.join(r.path.file_name()?)))
        }
        _ => r.meta.as_ref().map(node),
    }
}

/// The metadata of an open descriptor of this process.
#[cfg(unix)]
fn descriptor_meta(fd: i32) -> Option<Metadata> {
    fs::metadata(format!("/proc/self/fd/{fd}")).ok()
}

#[cfg(not(unix))]
fn descriptor_meta(_: i32) -> Option<Metadata> {
    None
}

/// An output destination, ready before the run.
#[derive(Debug)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// Written through: a FIFO, a device, a descriptor of this process.
    Through(File),
    /// Replaced atomically at the end of the run.
    Replace(Replacement),
}

impl Target {
    /// Decide where `arg` goes and prepare it (open the FIFO or device, create the
    /// temporary file); see the module documentation.
    pub fn open(arg: &Path) -> Result<Target, TargetError> {
        let r = resolve(arg)?;
        match r.kind {
            Kind::Stdout => Ok(Target::Stdout),
            Kind::Fd(fd) => duplicate(fd).map(Target::Through).map_err(|e| TargetError::Io(shown(arg), e)),
            Kind::Directory => Err(TargetError::Directory(shown(arg))),
            Kind::Socket => Err(TargetError::Socket(shown(arg))),
            Kind::Special => OpenOptions::new()
                .write(true)
                .open(&r.path)
                .map(Target::Through)
                .map_err(|e| TargetError::NotWritable(shown(arg), e)),
            Kind::Regular => {
                // Replacing goes through the folder; a file the user may not write is
                // still theirs to keep.
                OpenOptions::new().write(true).open(&r.path).map_err(|e| TargetError::NotWritable(shown(arg), e))?;
                Replacement::create(arg, r.path, r.meta.as_ref()).map(Target::Replace)
            }
            Kind::New => Replacement::create(arg, r.path, None).map(Target::Replace),
        }
    }
}

#[cfg(unix)]
fn duplicate(fd: i32) -> io::Result<File> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor we own (or -1).
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if new < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `new` is a fresh descriptor owned by nobody else.
    Ok(unsafe { File::from_raw_fd(new) })
}

#[cfg(not(unix))]
fn duplicate(_: i32) -> io::Result<File> {
    Err(io::Error::other("file descriptors are not supported here"))
}

/// What the replaced file had that the new one keeps.
#[derive(Debug, Clone, Copy)]
struct Keep {
    mode: u32,
    uid: u32,
    gid: u32,
}

/// The temporary file of a [`Target::Replace`].
#[derive(Debug)]
enum Temp {
    /// An `O_TMPFILE`: no name until it is linked into place.
    Unnamed,
    /// `.newsnorm-XXXXXX.tmp` beside the target.
    Named(PathBuf),
    /// Put in place (or given up).
    Done,
}

/// A file being written, to replace `dest` when the run ends.
#[derive(Debug)]
pub struct Replacement {
    file: File,
    dest: PathBuf,
    temp: Temp,
    keep: Option<Keep>,
}

impl Replacement {
    fn create(arg: &Path, dest: PathBuf, old: Option<&Metadata>) -> Result<Replacement, TargetError> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        match fs::metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            _ => return Err(TargetError::NoFolder(shown(arg))),
        }
        let keep = old.map(keep_of);
        let (file, temp) = match unnamed(&dir) {
            Some(file) => (file, Temp::Unnamed),
            None => {
                let named = tempfile::Builder::new()
                    .prefix(".newsnorm-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)
                    .map_err(|e| TargetError::NotWritable(shown(arg), e))?;
                let (file, path) = named.keep().map_err(|e| TargetError::NotWritable(shown(arg), e.error))?;
                crate::output::pending_temp(&path);
                (file, Temp::Named(path))
            }
        };
        Ok(Replacement { file, dest, temp, keep })
    }

    /// The file being written.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// The temporary file's name, when it has one (not an `O_TMPFILE`).
    pub fn temp_path(&self) -> Option<&Path> {
        match &self.temp {
            Temp::Named(p) => Some(p),
            _ => None,
        }
    }

    /// Put the file in place of `dest`: flushed to disk, given the old file's mode and
    /// owner (or `0666` minus the umask), then linked or renamed onto `dest` atomically.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        let mode = self.keep.map_or_else(|| 0o666 & !umask(), |k| k.mode);
        set_mode(&self.file, mode)?;
        if let Some(k) = self.keep {
            chown(&self.file, k.uid, k.gid);
        }
        match std::mem::replace(&mut self.temp, Temp::Done) {
            Temp::Named(path) => {
                let r = fs::rename(&path, &self.dest);
                if r.is_err() {
                    let _ = fs::remove_file(&path);
                }
                crate::output::forget_temp(&path);
                r
            }
            Temp::Unnamed => link_into_place(&self.file, &self.dest),
            Temp::Done => Ok(()),
        }
    }

    /// Give up: the target stays as it was (a named temporary file is removed).
    pub fn discard(&mut self) {
        if let Temp::Named(path) = std::mem::replace(&mut self.temp, Temp::Done) {
            let _ = fs::remove_file(&path);
            crate::output::forget_temp(&path);
        }
    }
}

impl Drop for Replacement {
    fn drop(&mut self) {
        self.discard();
    }
}

#[cfg(unix)]
fn keep_of(meta: &Metadata) -> Keep {
    use std::os::unix::fs::MetadataExt;
    Keep { mode: meta.mode() & 0o7777, uid: meta.uid(), gid: meta.gid() }
}

#[cfg(not(unix))]
fn keep_of(_: &Metadata) -> Keep {
    Keep { mode: 0o644, uid: 0, gid: 0 }
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}

/// Give the new file the old one's owner, when we may (as root); else it stays ours.
#[cfg(unix)]
fn chown(file: &File, uid: u32, gid: u32) {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::io::AsRawFd;
    if file.metadata().is_ok_and(|m| m.uid() == uid && m.gid() == gid) {
        return;
    }
    // SAFETY: a valid descriptor; failure (EPERM) leaves the file as it is.
    let _ = unsafe { libc::fchown(file.as_raw_fd(), uid, gid) };
}

#[cfg(not(unix))]
fn chown(_: &File, _: u32, _: u32) {}

/// The process's umask, read without changing it (Linux `/proc/self/status`), else the
/// usual 022.
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022)
}

/// An unnamed temporary file in `dir` (`O_TMPFILE`), when the system and the filesystem
/// have them and it can later be linked by its `/proc/self/fd` name.
#[cfg(target_os = "linux")]
fn unnamed(dir: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let file = OpenOptions::new().write(true).mode(0o666).custom_flags(libc::O_TMPFILE).open(dir).ok()?;
    fs::symlink_metadata(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
    Some(file)
}

#[cfg(not(target_os = "linux"))]
fn unnamed(_: &Path) -> Option<File> {
    None
}

/// Link an `O_TMPFILE` into place: straight to `dest` when it does not exist, else under
/// a temporary name renamed over `dest` (`linkat` does not replace).
#[cfg(target_os = "linux")]
fn link_into_place(file: &File, dest: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).map_err(io::Error::other)?;
    let link = |to: &Path| -> io::Result<()> {
        let to = CString::new(to.as_os_str().as_bytes()).map_err(io::Error::other)?;
        // SAFETY: both paths are NUL-terminated strings that outlive the call.
        let rc = unsafe {
            libc::linkat(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::AT_SYMLINK_FOLLOW)
        };
        if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
    };
    match link(dest) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    for attempt in 0..100u32 {
        let name = dir.join(format!(".newsnorm-{}-{attempt}.tmp", std::process::id()));
        match link(&name) {
            Ok(()) => {
                let r = fs::rename(&name, dest);
                if r.is_err() {
                    let _ = fs::remove_file(&name);
                }
                return r;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name to link the output under"))
}

#[cfg(not(target_os = "linux"))]
fn link_into_place(_: &File, _: &Path) -> io::Result<()> {
    Err(io::Error::other("unnamed temporary files are not supported here"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    fn write_and_commit(arg: &Path, bytes: &[u8]) {
        match Target::open(arg).unwrap() {
            Target::Replace(mut r) => {
                r.file().write_all(bytes).unwrap();
                r.commit().unwrap();
            }
            other => panic!("{arg:?} is not replaced: {other:?}"),
        }
    }

    #[test]
    fn a_new_file_appears_only_at_commit_with_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        let Target::Replace(mut r) = Target::open(&dest).unwrap() else { panic!("not replaced") };
        r.file().write_all(b"{}\n").unwrap();
        assert!(!dest.exists());
        r.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"{}\n");
        let mode = fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else is left in the folder");
    }

    #[test]
    fn the_old_mode_is_kept_and_a_symlink_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.jsonl");
        fs::write(&real, b"old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink("real.jsonl", &link).unwrap();
        write_and_commit(&link, b"new\n");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new\n");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o7777, 0o640);
        // A dangling link: its target is created.
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink("made.jsonl", &dangling).unwrap();
        write_and_commit(&dangling, b"x\n");
        assert_eq!(fs::read(dir.path().join("made.jsonl")).unwrap(), b"x\n");
    }

    #[test]
    fn an_uncommitted_replacement_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        fs::write(&dest, b"old\n").unwrap();
        {
            let Target::Replace(mut r) = Target::open(&dest).unwrap() else { panic!("not replaced") };
            r.file().write_all(b"new\n").unwrap();
        }
        assert_eq!(fs::read(&dest).unwrap(), b"old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn devices_and_fifos_are_written_through_directories_refused() {
        assert!(matches!(Target::open(Path::new("/dev/null")).unwrap(), Target::Through(_)));
        assert!(matches!(Target::open(Path::new("-")).unwrap(), Target::Stdout));
        assert!(matches!(Target::open(Path::new("/dev/stdout")).unwrap(), Target::Stdout));
        assert!(matches!(Target::open(Path::new("/dev/fd/2")).unwrap(), Target::Through(_)));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Target::open(dir.path()), Err(TargetError::Directory(_))));
        assert!(matches!(Target::open(&dir.path().join("no/such/x")), Err(TargetError::NoFolder(_))));
        let loop_link = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &loop_link).unwrap();
        assert!(matches!(Target::open(&loop_link), Err(TargetError::Loop(_))));
    }

    #[test]
    fn the_same_file_twice_is_found_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jsonl");
        let link = dir.path().join("b.jsonl");
        std::os::unix::fs::symlink("a.jsonl", &link).unwrap();
        // Neither exists yet: the same new path.
        assert_eq!(same_file(&[("-o", &a), ("--errors", &link)]).unwrap(), Some(("-o", "--errors")));
        fs::write(&a, b"").unwrap();
        assert_eq!(same_file(&[("-o", &a), ("--stats", &link)]).unwrap(), Some(("-o", "--stats")));
        let c = dir.path().join("c.jsonl");
        assert_eq!(same_file(&[("-o", &a), ("--errors", &c)]).unwrap(), None);
        // Two write-through devices are no conflict.
        assert_eq!(same_file(&[("-o", Path::new("/dev/null")), ("--errors", Path::new("/dev/null"))]).unwrap(), None);
    }
}
