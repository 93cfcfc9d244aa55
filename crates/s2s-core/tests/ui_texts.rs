//! Every text the app asks to translate (`tr("…")`, `trf("…", …)`,
//! `trn(n, "…", "…")` in `src/`) has its Korean in `i18n/ko.json`: a text
//! added in English only would show in English on a Korean page.

use std::path::Path;

use s2s_core::i18n::Catalogue;

/// The string literals passed straight to `tr(`, `trf(` or `trn(` in
/// `source` (the first argument of the first two, every one of the third).
fn translated_literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in ["tr(", "trf(", "trn("] {
        let mut from = 0;
        while let Some(at) = source[from..].find(call) {
            let start = from + at;
            from = start + call.len();
            // `attr(`, `str(`: another name that ends the same way.
            let before = source[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if call == "trn(" {
                found.extend(literals_of_call(&source[from..]));
                continue;
            }
            let rest = source[from..].trim_start();
            if let Some((literal, _)) = rest.strip_prefix('"').and_then(read_literal) {
                found.push(literal);
            }
        }
    }
    found
}

/// Every string literal in the arguments of a call, `text` starting after
/// its opening parenthesis.
fn literals_of_call(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        at += c.len_utf8();
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => break,
            ')' => depth -= 1,
            '"' => match read_literal(&text[at..]) {
                Some((literal, len)) => {
                    at += len;
                    found.push(literal);
                }
                None => break,
            },
            _ => {}
        }
    }
    found
}

/// The value of a Rust string literal whose opening quote is already read
/// (the escapes the app's sources use), and how many bytes of `text` it
/// took, closing quote included; `None` if it does not end.
fn read_literal(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        at += c.len_utf8();
        match c {
            '"' => return Some((out, at)),
            '\\' => {
                let escaped = text[at..].chars().next()?;
                at += escaped.len_utf8();
                match escaped {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    // A line continuation: the next line's indent is not text.
                    '\n' => at = text.len() - text[at..].trim_start().len(),
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    None
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_ui_text_has_its_korean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let catalogue = Catalogue::parse(include_str!("../../../i18n/ko.json"))
        .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut texts = 0;
    let mut missing = Vec::new();
    for file in &files {
        let source =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for text in translated_literals(&source) {
            texts += 1;
            if catalogue.ui(&text).is_none() {
                let name = file.strip_prefix(&root).unwrap_or(file);
                missing.push(format!("{}: {text:?}", name.display()));
            }
        }
    }
    // The scan found the app's texts (it would pass on finding none).
    assert!(
        texts > 150,
        "only {texts} texts found in {} files",
        files.len()
    );
    assert!(missing.is_empty(), "no Korean for:\n{}", missing.join("\n"));
}

#[test]
fn the_scan_reads_calls_as_the_sources_write_them() {
    let source = r#"
        h.el("p", &[], tr("Plain"));
        let s = trf(
            "{} of {}",
            &[&a, &b],
        );
        attr("not a call");
        tr("Line one \
            and two");
        tr(SOME_CONSTANT);
        trn(n as i64, "{} day (\"one\")", "{} days");
    "#;
    assert_eq!(
        translated_literals(source),
        vec![
            "Plain",
            "Line one and two",
            "{} of {}",
            "{} day (\"one\")",
            "{} days"
        ]
    );
}
