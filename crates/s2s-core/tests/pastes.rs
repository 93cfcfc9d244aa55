//! The real pastes of `fixtures/real/pastes/`: each capture's sidecar names
//! the facts a reader must find in it; the reader must find every one, and
//! nothing it does not name. And on random prose full of header-like
//! words, the reader invents nothing.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use s2s_core::testout::{Command, Outcome, Reading, read, read_all};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/real/pastes");

/// The capture without its two `# ` header lines and the blank line after.
fn capture(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..2 {
        assert!(
            rest.starts_with("# "),
            "a capture starts with two `# ` lines"
        );
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .unwrap_or(rest)
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn issuer_key(s: &str) -> String {
    match s.split_once('@') {
        Some((principal, realm)) => format!("{}@{realm}", principal.to_ascii_lowercase()),
        None => s.to_ascii_lowercase(),
    }
}

/// What differs between `reading` and `expected`, one line each.
fn differences(reading: &Reading, expected: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let f = &reading.facts;
    let mut check = |what: &str, got: String, want: String| {
        if got != want {
            out.push(format!("{what}: read {got}, expected {want}"));
        }
    };
    let statuses: BTreeSet<u64> = f.http_statuses.iter().map(|&s| u64::from(s)).collect();
    let want: BTreeSet<u64> = expected["http_statuses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .collect();
    check(
        "http_statuses",
        format!("{statuses:?}"),
        format!("{want:?}"),
    );

    let diagnostics: BTreeSet<(u64, Option<String>)> = f
        .diagnostics
        .iter()
        .map(|d| (u64::from(d.code), d.category.clone()))
        .collect();
    let want: BTreeSet<(u64, Option<String>)> = expected["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["code"].as_u64().unwrap_or(0),
                d["category"].as_str().map(str::to_string),
            )
        })
        .collect();
    check(
        "diagnostics",
        format!("{diagnostics:?}"),
        format!("{want:?}"),
    );

    let issuers: BTreeSet<String> = f
        .trusted_issuers
        .iter()
        .map(|i| issuer_key(&format!("{}@{}", i.principal, i.realm)))
        .collect();
    let want: BTreeSet<String> = strings(&expected["trusted_issuers"])
        .iter()
        .map(|s| issuer_key(s))
        .collect();
    check(
        "trusted_issuers",
        format!("{issuers:?}"),
        format!("{want:?}"),
    );

    let events: BTreeSet<u64> = f.event_ids.iter().map(|&e| u64::from(e)).collect();
    let want: BTreeSet<u64> = expected["event_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .collect();
    check("event_ids", format!("{events:?}"), format!("{want:?}"));

    check(
        "autodiscover_uri",
        format!("{:?}", f.autodiscover_uri.as_deref()),
        format!("{:?}", expected["autodiscover_uri"].as_str()),
    );

    // Accepted domains by name (the reader writes them in lower case); every
    // sidecar names them, `[]` where the capture lists none.
    check(
        "accepted_domains listed in the sidecar",
        expected["accepted_domains"].is_array().to_string(),
        true.to_string(),
    );
    let domains: BTreeSet<String> = f
        .accepted_domains
        .iter()
        .map(|d| d.name.to_ascii_lowercase())
        .collect();
    let want: BTreeSet<String> = strings(&expected["accepted_domains"])
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect();
    check(
        "accepted_domains",
        format!("{domains:?}"),
        format!("{want:?}"),
    );

    let outcome = f.outcome.map(|o| match o {
        Outcome::Passed => "passed",
        Outcome::Failed => "failed",
    });
    check(
        "outcome",
        format!("{outcome:?}"),
        format!("{:?}", expected["outcome"].as_str()),
    );

    // A command the reader knows must be found; one it does not know (or
    // none) must not be mistaken for another.
    let want = expected["command"].as_str();
    let labels: Vec<&str> = reading.commands.iter().map(|c| c.label()).collect();
    let supported = want.filter(|w| Command::ALL.iter().any(|c| c.label() == *w));
    let ok = match supported {
        Some(w) => labels.contains(&w),
        None => labels.is_empty(),
    };
    if !ok {
        out.push(format!("command: read {labels:?}, expected {want:?}"));
    }
    out
}

#[test]
fn reader_understands_every_real_paste() {
    let mut names: Vec<_> = std::fs::read_dir(DIR)
        .expect("fixtures/real/pastes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no captures in {DIR}");
    let mut understood = 0;
    let mut report = String::new();
    for txt in &names {
        let text = std::fs::read_to_string(txt).expect("capture");
        let sidecar: Value = serde_json::from_str(
            &std::fs::read_to_string(txt.with_extension("json")).expect("sidecar"),
        )
        .expect("sidecar JSON");
        let reading = read_all(&[capture(&text)]);
        let diffs = differences(&reading, &sidecar["expected"]);
        if diffs.is_empty() {
            understood += 1;
        } else {
            let name = Path::new(txt)
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy();
            report.push_str(&format!("{name}:\n"));
            for d in diffs {
                report.push_str(&format!("    {d}\n"));
            }
        }
    }
    let total = names.len();
    let share = understood * 100 / total;
    println!("understood {understood} of {total} ({share} %)\n{report}");
    assert_eq!(
        understood, total,
        "understood {understood} of {total} ({share} %)\n{report}"
    );
}

/// Words that look like the facts' tokens but, joined by spaces, form none:
/// no separator after a header name, no `;reason=` after a code, no status
/// next to a phrase of its own, no event word before a short number.
const FACTLESS: &[&str] = &[
    "x-ms-diagnostics",
    "WWW-Authenticate",
    "Bearer",
    "trusted_issuers",
    "client_id",
    "event",
    "Event ID",
    "Unauthorized",
    "Nicht autorisiert",
    "未授权",
    "reason",
    "error_category",
    "2000004",
    "20000041",
    "00000004-0000-0ff1-ce00-000000000000",
    "@",
    "contoso.com",
    "the",
    "server",
    "returned",
    "Forbidden",
    "and",
];

/// The same, with the glue that makes facts of them.
const GLUE: &[&str] = &[
    " ",
    "",
    ":",
    ": ",
    "=",
    "=\"",
    "\"",
    ";",
    ";reason=\"",
    "\n",
    ",",
    " →",
    "+",
    "(",
    ")",
    "401",
    "403",
    "32054",
    "(401)",
];

fn prose(
    words: &'static [&'static str],
    glue: &'static [&'static str],
) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(words), prop::sample::select(glue)),
        0..60,
    )
    .prop_map(|v| v.into_iter().flat_map(|(w, g)| [w, g]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Every diagnostics code and trusted issuer read is in the text as is.
    #[test]
    fn nothing_invented(text in prose(FACTLESS, GLUE)) {
        let f = read(&text).facts;
        let lower = text.to_ascii_lowercase();
        for d in &f.diagnostics {
            prop_assert!(text.contains(&d.code.to_string()), "code {} not in {text:?}", d.code);
        }
        for i in &f.trusted_issuers {
            let entry = format!("{}@{}", i.principal, i.realm).to_ascii_lowercase();
            prop_assert!(lower.contains(&entry), "issuer {entry} not in {text:?}");
        }
        for s in &f.http_statuses {
            prop_assert!(text.contains(&s.to_string()), "status {s} not in {text:?}");
        }
    }

    /// Header-like words with nothing between them but spaces are no facts.
    #[test]
    fn factless_prose_is_unrecognised(text in prose(FACTLESS, &[" ", "  ", "\n"])) {
        let r = read(&text);
        prop_assert!(r.unrecognised, "{text:?} read as {:?}", r.facts);
    }
}
