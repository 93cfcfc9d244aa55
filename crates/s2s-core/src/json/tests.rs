//! The parser and writer held to serde_json, the reference: the same input
//! is accepted or refused by both, read to the same value, and written to
//! the same text.

use proptest::prelude::*;

use super::*;

/// Our tree as serde_json's, to compare the two parsers' results.
fn as_serde(v: &Json) -> serde_json::Value {
    match v {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
        Json::String(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(as_serde).collect()),
        Json::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(n, v)| (n.clone(), as_serde(v)))
                .collect(),
        ),
    }
}

fn both(text: &str) {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(&as_serde(a), b, "{text:?}"),
        (Err(_), Err(_)) => {}
        // serde_json refuses numbers beyond f64; the tree keeps their text
        // and typed reading refuses them instead.
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn reads_what_serde_json_reads() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "12.5e-3",
        "1E+2",
        "-12345678901234567890",
        "\"\"",
        r#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\ud83d\ude00""#,
        "\"한국어 é\"",
        "[]",
        "[1, [2, [3]], {}]",
        r#"{"a": 1, "b": {"c": [true, null]}, "a": 2}"#,
        "\r\n\t{ }\n",
    ] {
        both(text);
        assert!(parse(text).is_ok(), "{text}");
    }
}

#[test]
fn refuses_what_serde_json_refuses() {
    for text in [
        "",
        "   ",
        "nul",
        "True",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\":1",
        "\"abc",
        "\"tab\there\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\ud83d""#,
        r#""\ud83d\u0041""#,
        r#""\ude00""#,
        "[] []",
        "NaN",
    ] {
        both(text);
        assert!(parse(text).is_err(), "{text}");
    }
}

#[test]
fn errors_say_where() {
    let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").expect_err("missing colon");
    assert_eq!(
        e.to_string(),
        "expected ':' after the member name but found '2' at line 3 column 7"
    );
    let e = parse("[1, 2").expect_err("cut");
    assert_eq!(
        e.to_string(),
        "expected ',' or ']' after an array element but found the end of the text at line 1 column 6"
    );
    // Columns count characters, not bytes.
    let e = parse("[\"é\", x]").expect_err("x");
    assert_eq!((e.line, e.column), (1, 7));
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = "[".repeat(100_000);
    let e = parse(&deep).expect_err("too deep");
    assert!(e.message.contains("nested more than 128"), "{e}");
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

#[test]
fn numbers_read_exactly() {
    let big = parse("18446744073709551615").expect("u64::MAX");
    assert_eq!(big.as_u64(), Some(u64::MAX));
    assert_eq!(parse("-1").expect("int").as_u64(), None);
    assert_eq!(parse("-1").expect("int").as_integer(), Some(-1));
    assert_eq!(parse("1.5").expect("float").as_u64(), None);
    assert_eq!(parse("1e400").expect("huge").as_f64(), None);
    assert_eq!(Json::from_f64(f64::NAN), Json::Null);
}

#[test]
fn writes_what_serde_json_writes() {
    let text =
        r#"{"name":"a\"b\\c\nd\u0001\u001f","list":[1,-2.5,true,null,[],{}],"nested":{"x":"é한"}}"#;
    let theirs: serde_json::Value = serde_json::from_str(text).expect("valid");
    // serde_json's Value sorts members by name: compare on a document
    // already in that order.
    let sorted = parse(&serde_json::to_string(&theirs).expect("writes")).expect("valid");
    assert_eq!(
        sorted.to_compact(),
        serde_json::to_string(&theirs).expect("writes")
    );
    assert_ne!(
        parse(text).expect("valid").to_compact(),
        sorted.to_compact(),
        "kept in document order"
    );
    assert_eq!(
        sorted.to_pretty(),
        serde_json::to_string_pretty(&theirs).expect("writes")
    );
}

#[test]
fn timings_write_as_serde_json_writes_them() {
    for f in [
        0.0,
        -0.0,
        1.0,
        0.1,
        0.42,
        12.5,
        1250.0,
        30000.1,
        123456789.125,
        0.3,
        0.001,
    ] {
        assert_eq!(
            Json::from_f64(f).to_compact(),
            serde_json::to_string(&f).expect("writes"),
            "{f}"
        );
        assert_eq!(
            parse(&Json::from_f64(f).to_compact())
                .ok()
                .and_then(|v| v.as_f64()),
            Some(f)
        );
    }
}

/// Found by `decimals_read_exactly`: a value that needs more decimal places
/// than the writer's plain form takes, or is too large for it, is written as
/// an integer and a power of ten, and reads back to itself.
#[test]
fn small_and_large_values_write_and_read_back_exactly() {
    for text in [
        "0.912104248520132e-3",
        "1.5e-20",
        "123456789012345e7",
        "4.2e22",
    ] {
        let value: f64 = text.parse().expect("valid");
        let written = Json::from_f64(value).to_compact();
        assert_eq!(
            written.parse::<f64>().ok(),
            Some(value),
            "{text} as {written}"
        );
        assert_eq!(
            parse(&written).ok().and_then(|v| v.as_f64()),
            Some(value),
            "{text} as {written}"
        );
    }
    assert_eq!(
        Json::from_f64(0.000912104248520132).to_compact(),
        "912104248520132e-18"
    );
}

#[test]
fn numbers_beyond_fifteen_digits_are_refused_not_misread() {
    assert_eq!(parse("0.30000000000000004").expect("valid").as_f64(), None);
    assert_eq!(parse("1e300").expect("valid").as_f64(), None);
    assert_eq!(
        parse("1.50000000000000000000").expect("valid").as_f64(),
        Some(1.5)
    );
    assert_eq!(
        parse("-0.0")
            .expect("valid")
            .as_f64()
            .map(f64::is_sign_negative),
        Some(true)
    );
    assert_eq!(
        from_str::<f64>("0.30000000000000004").map_err(|e| e.to_string()),
        Err(
            "$: 0.30000000000000004 has more than 15 significant digits or is too large or small"
                .into()
        )
    );
    // Written rounded to 15 digits, and read back as such.
    let w = Json::from_f64(0.1 + 0.2).to_compact();
    assert_eq!(w, "3e-1");
    assert_eq!(Json::from_f64(1e300).to_compact(), "1e300");
    assert_eq!(Json::from_f64(f64::MAX).to_compact(), "179769313486232e294");
}

#[test]
fn typed_reading_names_the_path() {
    struct Item {
        n: u64,
    }
    impl FromJson for Item {
        fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
            Ok(Item {
                n: Object::new(value, path)?.req("n")?,
            })
        }
    }
    struct List {
        items: Vec<Item>,
    }
    impl FromJson for List {
        fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
            Ok(List {
                items: Object::new(value, path)?.req("items")?,
            })
        }
    }
    assert_eq!(
        from_str::<List>(r#"{"items": [{"n": 1}, {"n": 2}]}"#).map(|l| l
            .items
            .iter()
            .map(|i| i.n)
            .sum::<u64>()),
        Ok(3)
    );
    assert_eq!(
        from_str::<List>(r#"{"items": [{"n": 1}, {"n": "two"}]}"#)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err("$.items[1].n: expected a whole number of 0 or more but found a string".into())
    );
    let v = parse(r#"{"a": 1, "b": 2, "a": 3}"#).expect("valid");
    let o = Object::new(&v, &Path::ROOT).expect("object");
    assert_eq!(o.req::<u64>("a"), Ok(3));
    assert_eq!(
        o.only(&["a", "b"]).map_err(|e| e.to_string()),
        Err("$: the member \"a\" is given twice".into())
    );
    assert_eq!(
        o.only(&["a"]).map_err(|e| e.to_string()),
        Err("$: unknown member \"b\" (expected only a)".into())
    );
    assert_eq!(
        o.req::<String>("c").map_err(|e| e.to_string()),
        Err("$: the member \"c\" is missing".into())
    );
    assert_eq!(o.opt::<String>("c"), Ok(None));
    assert_eq!(
        from_str::<u16>("70000").map_err(|e| e.to_string()),
        Err("$: 70000 is not a whole number from 0 to 65535".into())
    );
}

/// Text made of JSON's own characters, so most cases get far into the parser.
fn jsonish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(",".to_string()),
            Just(":".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\"a\"".to_string()),
            Just("\\u00e9".to_string()),
            Just("\\ud83d".to_string()),
            Just("\\ude00".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            "-?[0-9]{1,3}(\\.[0-9]{1,2})?([eE][+-]?[0-9])?",
            "[a-z0-9é\\t.\\-+]",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn agrees_with_serde_json(text in jsonish()) {
        both(&text);
    }

    /// Decimal numbers within range read exactly as Rust's own (correctly
    /// rounded) parser reads them, and are written back to the same f64.
    #[test]
    fn decimals_read_exactly(digits in "[1-9][0-9]{0,14}", point in 0usize..16, exp in -7i32..8) {
        let at = point.min(digits.len());
        let text = if at == digits.len() {
            format!("{digits}e{exp}")
        } else {
            let whole = if at == 0 { "0" } else { &digits[..at] };
            format!("{whole}.{}e{exp}", &digits[at..])
        };
        let reference: f64 = text.parse().expect("valid");
        let ours = parse(&text).ok().and_then(|v| v.as_f64());
        prop_assert_eq!(ours, Some(reference), "{}", text);
        let written = Json::from_f64(reference).to_compact();
        prop_assert_eq!(written.parse::<f64>().ok(), Some(reference), "{}", written);
        prop_assert_eq!(parse(&written).ok().and_then(|v| v.as_f64()), Some(reference), "{}", written);
    }

    #[test]
    fn written_text_reads_back(text in jsonish()) {
        if let Ok(v) = parse(&text) {
            prop_assert_eq!(parse(&v.to_compact()), Ok(v.clone()));
            prop_assert_eq!(parse(&v.to_pretty()), Ok(v));
        }
    }
}
