//! The built app (`dist/`), read once at start and served from memory.
//!
//! Holding the few hundred kilobytes in memory means no file system access per
//! request and no path traversal to defend against: a request either names a
//! file that was in `dist/` at start or it does not. The files that compress
//! are compressed once, here, in gzip and in brotli, so no request pays for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use thiserror::Error;

/// Files above this size are not part of a sane app build; refusing them keeps
/// a mistaken `--dist /` from reading the disk into memory.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
const MAX_FILES: usize = 2_000;

/// Brotli's best quality. For the release app (a 654 KiB WASM, 41 KiB of
/// JavaScript, 110 KiB of Korean text) it takes about 0.8 s of one core at
/// start in a release build (6 s in a debug build), and gives 224 KiB for the
/// WASM where gzip -9 gives 271 KiB; quality 10 halves the time for 3% more
/// bytes, quality 9 takes a tenth of it for 10% more. Debug builds, which
/// only the test suite runs (it starts `s2s` dozens of times), use quality 5:
/// a tenth of a second instead of six, the same code path, a larger file.
const BROTLI_QUALITY: i32 = if cfg!(debug_assertions) { 5 } else { 11 };
/// 4 MiB, brotli's default window: larger than the app's files (the WASM is
/// under 1 MB), so a match can reach back to a file's start.
const BROTLI_WINDOW_BITS: i32 = 22;

#[derive(Debug, Error)]
pub enum AssetsError {
    #[error(
        "the app is not built: {0} has no index.html (run `./dev serve`, or `trunk build --release`, first)"
    )]
    NoIndex(PathBuf),
    #[error("cannot read the app directory {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; an app file over {MAX_FILE_BYTES} bytes is refused")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{0} holds more than {MAX_FILES} files; is it really the app's dist directory?")]
    TooManyFiles(PathBuf),
}

/// One file of the app.
#[derive(Debug, Clone)]
pub struct Asset {
    pub bytes: Bytes,
    /// The same, gzipped, for browsers that accept it: when the type
    /// compresses (text, the WASM) and the result is smaller.
    pub gzip: Option<Bytes>,
    /// The same in brotli, on the same terms as `gzip`.
    pub brotli: Option<Bytes>,
    pub content_type: &'static str,
    /// The file name carries a content hash, so it can be cached forever.
    pub immutable: bool,
}

/// The app's files keyed by URL path (`/index.html`, `/s2s-console-<hash>.js`).
#[derive(Debug, Clone)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// Reads every file under `dir`. `index.html` must be there.
    pub fn load(dir: &Path) -> Result<Self, AssetsError> {
        if !dir.join("index.html").is_file() {
            return Err(AssetsError::NoIndex(dir.to_path_buf()));
        }
        let mut files = HashMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            let read_err = |source| AssetsError::Read {
                path: current.clone(),
                source,
            };
            for entry in std::fs::read_dir(&current).map_err(read_err)? {
                let entry = entry.map_err(read_err)?;
                let path = entry.path();
                let meta = entry.metadata().map_err(read_err)?;
                if meta.is_dir() {
                    pending.push(path);
                    continue;
                }
                if !meta.is_file() {
                    continue;
                }
                if meta.len() > MAX_FILE_BYTES {
                    return Err(AssetsError::TooLarge {
                        path,
                        size: meta.len(),
                    });
                }
                if files.len() >= MAX_FILES {
                    return Err(AssetsError::TooManyFiles(dir.to_path_buf()));
                }
                let bytes = std::fs::read(&path).map_err(|source| AssetsError::Read {
                    path: path.clone(),
                    source,
                })?;
                let Some(url) = url_path(dir, &path) else {
                    continue;
                };
                let name = url.rsplit('/').next().unwrap_or_default();
                let content_type = content_type(name);
                let compress = compresses(content_type);
                let asset = Asset {
                    gzip: compress.then(|| gzip(&bytes)).flatten(),
                    brotli: compress.then(|| brotli(&bytes)).flatten(),
                    bytes: Bytes::from(bytes),
                    content_type,
                    immutable: has_content_hash(name),
                };
                files.insert(url, asset);
            }
        }
        Ok(Assets { files })
    }

    /// The file at a URL path, if the app has one.
    pub fn get(&self, url_path: &str) -> Option<&Asset> {
        self.files.get(url_path)
    }

    /// The app's entry page.
    pub fn index(&self) -> Option<&Asset> {
        self.files.get("/index.html")
    }
}

/// Whether files of this type get smaller compressed (images and fonts in
/// compressed formats do not).
fn compresses(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/")
        || content_type == "image/svg+xml"
}

/// `bytes` gzipped at the best compression, if that is smaller.
fn gzip(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    let compressed = encoder.finish().ok()?;
    (compressed.len() < bytes.len()).then(|| Bytes::from(compressed))
}

/// `bytes` in brotli at [`BROTLI_QUALITY`], if that is smaller.
fn brotli(bytes: &[u8]) -> Option<Bytes> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut compressed = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params).ok()?;
    (compressed.len() < bytes.len()).then(|| Bytes::from(compressed))
}

/// `dist/public/x.svg` → `/public/x.svg`. Names that are not UTF-8 cannot be
/// requested by the app, so they are skipped.
fn url_path(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let mut url = String::new();
    for part in rel.components() {
        url.push('/');
        url.push_str(part.as_os_str().to_str()?);
    }
    Some(url)
}

fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Trunk names built files `<name>-<16 hex digits>[_bg].<ext>`. Only such names
/// change whenever their content does, so only they may be cached immutably.
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(has_content_hash("s2s-console-3f1c2b8a9d0e4f56.js"));
        assert!(has_content_hash("s2s-console-3f1c2b8a9d0e4f56_bg.wasm"));
        assert!(has_content_hash("main-0123456789abcdef.css"));
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("favicon.svg"));
        assert!(!has_content_hash("s2s-console.js"));
        assert!(!has_content_hash("release-notes-2026.txt"));
    }

    #[test]
    fn compressed_forms_are_kept_only_when_smaller() {
        let text = "s2s ".repeat(500);
        let compressed = brotli(text.as_bytes()).expect("text compresses");
        let mut plain = Vec::new();
        ::brotli::BrotliDecompress(&mut &compressed[..], &mut plain).expect("decodes");
        assert_eq!(plain, text.as_bytes());
        assert!(gzip(text.as_bytes()).is_some());
        // Too short to win anything back from the encodings' own framing.
        assert_eq!(brotli(b"\0asm\x01"), None);
        assert_eq!(gzip(b"\0asm\x01"), None);
    }

    #[test]
    fn content_types_of_app_files() {
        assert_eq!(content_type("x_bg.wasm"), "application/wasm");
        assert_eq!(content_type("X.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
