//! The catalogue in the repository, and how a catalogue is read and used.

use std::collections::HashSet;

use super::*;

fn pairs(json: &str) -> Result<Catalogue, CatalogueError> {
    Catalogue::parse(&format!(
        r#"{{"ui": {json}, "titles": [], "fixes": [], "explanations": [], "texts": []}}"#
    ))
}

#[test]
fn the_bundled_catalogue_parses_and_has_no_duplicate() {
    let c = bundled();
    for (name, table) in [
        ("ui", &c.ui),
        ("titles", &c.titles),
        ("fixes", &c.fixes),
        ("explanations", &c.explanations),
        ("texts", &c.texts),
    ] {
        assert!(!table.is_empty(), "{name} is empty");
        let mut seen = HashSet::new();
        for (index, (en, _)) in table.iter().enumerate() {
            assert!(seen.insert(en), "{name} entry {index} repeats {en:?}");
        }
    }
}

#[test]
fn patterns_carry_their_values() {
    let c = bundled();
    // The certificate's name inside is a text of its own ("Key {} ({})").
    assert_eq!(
        c.title("Key $.keys[0] (CN=x): the certificate expires in 10 days")
            .as_deref(),
        Some("키 $.keys[0](CN=x): 인증서가 10일 후 만료됩니다")
    );
    assert_eq!(
        c.title("The metadata URL answered HTTP 404").as_deref(),
        Some("메타데이터 URL이 HTTP 404로 응답했습니다")
    );
    assert_eq!(c.title("something else"), None);
    assert_eq!(fill("{1} / {0}", &["a", "b"]), "b / a");
    assert_eq!(
        captures("{}: RSA {}-bit key", "K: RSA 1024-bit key"),
        Some(vec!["K", "1024"])
    );
    assert_eq!(captures("Exact", "Exact!"), None);
}

#[test]
fn ui_texts_and_patterns() {
    let c = bundled();
    assert_eq!(c.ui("Language"), Some("언어"));
    assert_eq!(c.ui("Langu"), None);
    assert_eq!(
        c.format("{} days left", &["12"]).as_deref(),
        Some("12일 남음")
    );
    assert_eq!(
        c.format(
            "Failed: {} · Warnings: {} · Notes: {} · Passed: {}",
            &["1", "2", "3", "4"]
        )
        .as_deref(),
        Some("실패: 1 · 경고: 2 · 참고: 3 · 통과: 4")
    );
    assert_eq!(c.format("{} unknown", &["1"]), None);
}

#[test]
fn values_are_put_in_once() {
    // A value that looks like a placeholder is a value, not a placeholder.
    assert_eq!(fill("{} and {}", &["{}", "b"]), "{} and b");
    assert_eq!(fill("{1}{0}", &["{1}", "x"]), "x{1}");
    // Braces that are no placeholder are text; a missing value stays visible.
    assert_eq!(fill("{a} {}", &["v"]), "{a} v");
    assert_eq!(fill("{} {}", &["v"]), "v {}");
    assert_eq!(fill("{7}", &[]), "{7}");
    assert_eq!(
        fill("{99999999999999999999999}", &[]),
        "{99999999999999999999999}"
    );
}

#[test]
fn mistakes_name_their_table_and_entry() {
    let err = |json: &str| pairs(json).err().map(|e| e.to_string());
    assert_eq!(
        pairs(r#"[["a", "b"], ["{} c", "{} d"]]"#).map(|c| c.ui.len()),
        Ok(2)
    );

    assert_eq!(
        err(r#"[["a", "b"], ["{} days", "일"]]"#).as_deref(),
        Some(
            r#"the Korean catalogue's "ui" entry 1 ("{} days"): the English has 1 {} but the Korean has 0"#
        )
    );
    assert_eq!(
        err(r#"[["{} of {}", "{2} {0}"]]"#).as_deref(),
        Some(
            r#"the Korean catalogue's "ui" entry 0 ("{} of {}"): the Korean uses {2} but the English has 2 value(s), numbered from {0}"#
        )
    );
    assert_eq!(
        err(r#"[["{} of {}", "{1}"]]"#).as_deref(),
        Some(
            r#"the Korean catalogue's "ui" entry 0 ("{} of {}"): the Korean leaves out {0}, so a value of the English would be lost"#
        )
    );
    assert_eq!(
        err(r#"[["{} of {}", "{1} {}"]]"#).as_deref(),
        Some(
            r#"the Korean catalogue's "ui" entry 0 ("{} of {}"): the Korean mixes {} and {0}-style placeholders; use one kind"#
        )
    );
    assert_eq!(
        err(r#"[["{0} x", "{0} y"]]"#).as_deref(),
        Some(
            r#"the Korean catalogue's "ui" entry 0 ("{0} x"): the English uses {0}; English patterns use only {}, one per value"#
        )
    );
    assert_eq!(
        err(r#"[["a", " "]]"#).as_deref(),
        Some(r#"the Korean catalogue's "ui" entry 0 has an empty Korean text"#)
    );
    assert_eq!(
        Catalogue::parse(
            r#"{"ui": [], "titles": [["{}{}", "{}{}"]], "fixes": [], "explanations": [], "texts": []}"#
        )
        .err()
        .map(|e| e.to_string())
        .as_deref(),
        Some(
            r#"the Korean catalogue's "titles" entry 0 ("{}{}"): the English has two {} with no text between them, so the values it captures cannot be told apart"#
        )
    );
}

#[test]
fn a_wrong_shape_says_what_is_expected() {
    let shape = "the Korean catalogue is not one JSON object with the arrays \"ui\", \"titles\", \"fixes\", \"explanations\" and \"texts\" of [English, Korean] pairs: ";
    for (json, detail) in [
        ("", "$ at line 1 column 0: EOF while parsing a value"),
        (
            r#""ko""#,
            "$ at line 1 column 4: invalid type: string \"ko\", expected struct Tables",
        ),
        (
            r#"{"ui": []}"#,
            "$ at line 1 column 10: missing field `titles`",
        ),
        (
            "{\"ui\": [\n  [\"a\", \"b\"],\n  [\"a\"]\n], \"titles\": [], \"fixes\": [], \"explanations\": [], \"texts\": []}",
            "$.ui[1] at line 3 column 7: invalid length 1, expected a tuple of size 2",
        ),
        (
            r#"{"ui": [], "titles": [], "fixes": [], "explanations": [], "texts": [], "title": []}"#,
            "$.title at line 1 column 78: unknown field `title`, expected one of `ui`, `titles`, `fixes`, `explanations`, `texts`",
        ),
    ] {
        let e = Catalogue::parse(json).expect_err(json).to_string();
        assert_eq!(e, format!("{shape}{detail}"), "{json}");
    }
}

#[test]
fn what_reads_as_english() {
    for english in [
        "expires 2026-05-13T00:00:00Z",
        "1116 bytes from https://pool.example.com/metadata/json/1",
        "thumbprint 92A4FEC5D23582B603C29EF2EB7F3E01E21FFB7F",
        "live probe: GET https://mail.example.com/EWS/Exchange.asmx with an empty Bearer token → HTTP 401",
    ] {
        assert!(reads_as_english(english), "{english}");
    }
    for technical in [
        "content-type: text/html",
        "x5t ZR-PrzFIFYLUZQj0_fWmAxJM6Rc",
        "x-ms-diagnostics: 2000004;reason=\"The user specified is not valid\";error_category=\"invalid_tenant\"",
        "Skype's Date 2026-11-30T21:44:49Z / Exchange's Date 2026-11-30T21:44:50Z",
        "Skype for Business 인증서",
        "iisreset",
        ".cer 다운로드",
        "12 ms",
        "Exchange autodiscover 호스트",
        "serviceName 00000002-0000-0ff1-ce00-000000000000",
        "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
    ] {
        assert!(!reads_as_english(technical), "{technical}");
    }
}

#[test]
fn a_message_carrying_another_reads_in_korean_throughout() {
    let c = Catalogue::parse(
        r#"{"ui": [], "titles": [], "fixes": [], "explanations": [],
            "texts": [["block {}: {}", "블록 {}: {}"], ["cut at {}", "{}에서 잘림"]]}"#,
    )
    .expect("catalogue");
    assert_eq!(
        c.text("block 2: cut at 7").as_deref(),
        Some("블록 2: 7에서 잘림")
    );
    assert_eq!(c.text("block 2: other").as_deref(), Some("블록 2: other"));
    assert_eq!(c.text("other"), None);
}
#[test]
fn the_most_specific_pattern_wins() {
    let c = bundled();
    // "connected to {}" over "{} to {}"-like patterns.
    assert_eq!(
        c.text("connected to 127.0.0.1:443").as_deref(),
        Some("127.0.0.1:443에 연결됨")
    );
    // A pattern naming the message from its start over one that would split
    // the message carried inside it.
    assert_eq!(
        c.text("this is not an S2S Console report: not JSON (expected ident at line 1 column 2)")
            .as_deref(),
        Some(
            "S2S Console 보고서가 아님: JSON이 아님(true, false, null 중 하나가 와야 함(1행 2열))"
        )
    );
}

/// No Korean text of the catalogue reads as English: an English word left
/// in it (a field name or a quote goes in double quotes).
#[test]
fn no_korean_text_reads_as_english() {
    let c = bundled();
    let english: Vec<&str> = [&c.ui, &c.titles, &c.fixes, &c.explanations, &c.texts]
        .into_iter()
        .flatten()
        .map(|(_, ko)| ko.as_str())
        .filter(|ko| reads_as_english(ko))
        .collect();
    assert!(english.is_empty(), "{english:#?}");
}
#[test]
fn long_text_is_not_a_message() {
    let c = bundled();
    let short = "connected to 127.0.0.1:443";
    assert!(c.text(short).is_some());
    let long = format!("connected to {}", "1".repeat(MAX_MESSAGE_BYTES));
    assert_eq!(c.text(&long), None);
}
