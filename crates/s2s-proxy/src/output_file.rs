//! `--output FILE`: written whole or not at all. node_exporter's textfile
//! collector (and anything else reading on a timer) may read the file at
//! any moment, so the text goes to a temporary file in the same directory
//! and is renamed over the target when complete.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".s2s-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    // A temporary file is private (0600); the collector runs as another
    // user and must read the result, as it could any file written here.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("s2s.prom");
        std::fs::write(&target, "old\n").expect("write");
        write_atomically(&target, b"new\n").expect("written");
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("new\n")
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("s2s.prom")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn a_missing_directory_is_an_error_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("no/such/dir/s2s.prom");
        assert!(write_atomically(&target, b"x").is_err());
        assert!(!target.exists());
    }
}
