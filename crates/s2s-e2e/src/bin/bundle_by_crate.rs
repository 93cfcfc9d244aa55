//! The app's WASM by crate, for `./dev bench`: reads `twiggy top --format
//! json` of a build that kept its function names (wasm-bindgen
//! `--keep-debug`, `wasm-opt -Oz -g`) and prints the 15 largest crates.
//!
//! Sizes are raw bytes of code and data as shipped (the name and debug
//! sections, which the real build strips, are left out). LTO inlines a
//! crate's code into its callers, so a function counts for the crate that
//! names it: x509-cert's decoding shows partly under `s2s_core`.

use std::collections::BTreeMap;
use std::process::ExitCode;

const SHOWN: usize = 15;

fn crate_of(item: &str) -> Option<String> {
    if item.starts_with("custom section") || item.contains("\" subsection") {
        return None;
    }
    if item.starts_with("data segment") {
        return Some("(data: text and tables)".into());
    }
    // The first path in the name: an identifier followed by `::`, or by a
    // crate hash (`core[c5930c85a12de822]::`, v0 mangling) and `::`.
    let mut crate_name = None;
    for (i, c) in item.char_indices() {
        let starts_ident = (c.is_ascii_alphabetic() || c == '_')
            && !item[..i].ends_with(|p: char| p.is_ascii_alphanumeric() || p == '_');
        if !starts_ident {
            continue;
        }
        let rest = &item[i..];
        let ident_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let mut after = &rest[ident_len..];
        if let Some(hashed) = after.strip_prefix('[') {
            after = hashed.split_once(']').map_or("", |(_, a)| a);
        }
        if after.starts_with("::") {
            crate_name = Some(&rest[..ident_len]);
            break;
        }
    }
    let Some(name) = crate_name else {
        return Some("(other: glue, tables, types)".into());
    };
    Some(match name {
        "core" | "alloc" | "std" => "std (core, alloc, std)".into(),
        "serde_core" => "serde".into(),
        other => other.to_string(),
    })
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bundle_by_crate TWIGGY_TOP.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bundle_by_crate: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let items: Vec<serde_json::Value> = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("bundle_by_crate: {path} is not twiggy's JSON: {e}");
            return ExitCode::from(2);
        }
    };
    let mut by_crate: BTreeMap<String, u64> = BTreeMap::new();
    for item in &items {
        let (Some(name), Some(size)) = (item["name"].as_str(), item["shallow_size"].as_u64())
        else {
            continue;
        };
        if let Some(krate) = crate_of(name) {
            *by_crate.entry(krate).or_default() += size;
        }
    }
    let total: u64 = by_crate.values().sum();
    let mut sorted: Vec<(String, u64)> = by_crate.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!(
        "the app's wasm by crate (raw bytes of code and data, {:.1} KB in all; top {SHOWN}; \
         LTO inlines a crate's code into its callers, e.g. x509-cert's into s2s_core):",
        total as f64 / 1024.0
    );
    for (krate, size) in sorted.iter().take(SHOWN) {
        println!(
            "  {:>8.1} KB  {:>5.1} %  {krate}",
            *size as f64 / 1024.0,
            *size as f64 * 100.0 / total.max(1) as f64
        );
    }
    let rest: u64 = sorted.iter().skip(SHOWN).map(|(_, s)| s).sum();
    if rest > 0 {
        println!(
            "  {:>8.1} KB  {:>5.1} %  ({} other crates)",
            rest as f64 / 1024.0,
            rest as f64 * 100.0 / total.max(1) as f64,
            sorted.len() - SHOWN
        );
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn items_are_given_to_the_crate_that_names_them() {
        let cases = [
            ("s2s_core::cert::decode_der::h0d32", Some("s2s_core")),
            (
                "<serde_path_to_error::de::TrackedSeed<X> as serde_core::de::DeserializeSeed>::deserialize::h59",
                Some("serde_path_to_error"),
            ),
            (
                "core::ptr::drop_in_place<s2s_core::report::Snapshot>::h1",
                Some("std (core, alloc, std)"),
            ),
            (
                "data segment \".rodata.38\"",
                Some("(data: text and tables)"),
            ),
            ("custom section '.debug_str'", None),
            ("\"function names\" subsection", None),
            ("__wbindgen_malloc", Some("(other: glue, tables, types)")),
            ("table[0]", Some("(other: glue, tables, types)")),
            (
                "core[c5930c85a12de822]::str::slice_error_fail",
                Some("std (core, alloc, std)"),
            ),
            (
                "<str as core[c5930c85a12de822]::fmt::Debug>::fmt",
                Some("std (core, alloc, std)"),
            ),
        ];
        for (item, krate) in cases {
            assert_eq!(crate_of(item).as_deref(), krate, "{item}");
        }
    }
}
