//! Metadata documents: the real published sample, and documents shaped like
//! Skype's, Exchange's and SharePoint's built around real `rcgen` certificates.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use s2s_core::keyvalue::KeyValueError;
use s2s_core::metadata::{DocumentError, MAX_DOCUMENT_BYTES, RealmSource, parse};
use s2s_core::thumbprint::Sha1Fingerprint;

const REAL_EXCHANGE: &str = include_str!(
    "../../../fixtures/real/exchange-online_msdocs-validate-identity-token_metadata-json-1.json"
);

fn certificate_der(cn: &str) -> Vec<u8> {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    let key = rcgen::KeyPair::generate().expect("key");
    params
        .self_signed(&key)
        .expect("self-signed")
        .der()
        .to_vec()
}

#[test]
fn real_exchange_sample_parses_with_a_per_key_error() {
    let doc = parse(REAL_EXCHANGE.as_bytes()).expect("the document itself is fine");
    assert_eq!(doc.name.as_deref(), Some("Exchange"));
    assert_eq!(
        doc.service_name.as_deref(),
        Some("00000002-0000-0ff1-ce00-000000000000")
    );
    assert_eq!(doc.realm(), Some(("*", RealmSource::Published)));
    assert_eq!(
        doc.issuer.as_deref(),
        Some("00000002-0000-0ff1-ce00-000000000000@*")
    );
    assert_eq!(
        doc.allowed_audiences,
        ["00000002-0000-0ff1-ce00-000000000000@*"]
    );
    assert_eq!(doc.keys.len(), 1);
    let key = &doc.keys[0];
    assert!(key.is_signing());
    assert_eq!(
        key.x5t_published.as_deref(),
        Some("enh9BJrVPU5ijV1qjZjV-fL2bco")
    );
    assert_eq!(key.value_type.as_deref(), Some("x509Certificate"));
    assert_eq!(
        key.der,
        Err(KeyValueError::Elided {
            marker: "...".into(),
            kept: 8
        })
    );
    assert_eq!(key.x5t_computed(), None);
    assert_eq!(doc.endpoints.len(), 1);
    assert_eq!(doc.endpoints[0].protocol.as_deref(), Some("OAuth2"));
    assert_eq!(
        doc.endpoints[0].location.as_deref(),
        Some("https://by2pr06mb2229.namprd06.prod.outlook.com:444/autodiscover/metadata/json/1")
    );
    assert!(doc.unknown_fields.is_empty(), "{:?}", doc.unknown_fields);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    assert_eq!(doc.raw, REAL_EXCHANGE);
}

#[test]
fn sharepoint_shape_with_other_case_and_no_realm() {
    let der = certificate_der("SharePoint Security Token Service");
    let text = format!(
        r#"{{"issuer":"00000003-0000-0ff1-ce00-000000000000@9b4e8a10-2f0c-4c1e-9d0a-5a1f3b2c4d5e",
            "keys":[{{"usage":"Signing","keyValue":{{"type":"x509certificate","value":"{}"}}}}],
            "name":"SharePoint","serviceName":"00000003-0000-0ff1-ce00-000000000000"}}"#,
        STANDARD.encode(&der)
    );
    let doc = parse(text.as_bytes()).expect("parses");
    assert_eq!(
        doc.realm(),
        Some(("9b4e8a10-2f0c-4c1e-9d0a-5a1f3b2c4d5e", RealmSource::Issuer))
    );
    let key = &doc.keys[0];
    assert!(key.is_signing());
    assert_eq!(key.x5t_published, None);
    assert_eq!(key.der.as_deref(), Ok(der.as_slice()));
    assert_eq!(key.x5t_computed(), Some(Sha1Fingerprint::of(&der).x5t()));
}

#[test]
fn property_names_are_case_insensitive_and_escapes_are_read() {
    let der = certificate_der("lync");
    // `\/` escapes, one line, Exchange-style and odd-style casing mixed.
    let text = format!(
        r#"{{"ServiceName":"00000004-0000-0ff1-ce00-000000000000","REALM":"litwareinc.com","Issuer":"00000004-0000-0ff1-ce00-000000000000@litwareinc.com","Keys":[{{"Usage":"signing","KEYINFO":{{"X5T":"abc"}},"KeyValue":{{"Type":"x509Certificate","Value":"{}"}}}}],"Endpoints":[{{"Location":"https:\/\/atl-cs-001.litwareinc.com\/metadata\/json\/1","Protocol":"OAuth2","Usage":"metadata"}}]}}"#,
        STANDARD.encode(&der)
    );
    let doc = parse(text.as_bytes()).expect("parses");
    assert_eq!(
        doc.service_name.as_deref(),
        Some("00000004-0000-0ff1-ce00-000000000000")
    );
    assert_eq!(
        doc.realm(),
        Some(("litwareinc.com", RealmSource::Published))
    );
    assert_eq!(doc.keys[0].x5t_published.as_deref(), Some("abc"));
    assert!(doc.keys[0].der.is_ok());
    assert_eq!(
        doc.endpoints[0].location.as_deref(),
        Some("https://atl-cs-001.litwareinc.com/metadata/json/1")
    );
}

#[test]
fn one_bad_key_does_not_spoil_the_others() {
    let good = STANDARD.encode(certificate_der(
        "Microsoft Exchange Server Auth Certificate",
    ));
    let text = format!(
        r#"{{"keys":[
            {{"usage":"signing","keyvalue":{{"type":"x509Certificate","value":"MIIHNTCC"}}}},
            {{"usage":"signing","keyvalue":{{"type":"x509Certificate"}}}},
            {{"usage":"signing","keyvalue":{{"type":"x509Certificate","value":"{good}"}}}}
        ]}}"#
    );
    let doc = parse(text.as_bytes()).expect("parses");
    assert_eq!(doc.keys.len(), 3);
    assert!(matches!(
        doc.keys[0].der,
        Err(KeyValueError::TruncatedDer { .. })
    ));
    assert_eq!(doc.keys[1].der, Err(KeyValueError::Missing));
    assert!(doc.keys[2].der.is_ok());
    assert_eq!(doc.keys[2].path, "$.keys[2]");
}

#[test]
fn malformed_json_names_line_and_column() {
    let text = "{\n  \"name\": \"Exchange\",\n  \"realm\" \"*\"\n}";
    match parse(text.as_bytes()) {
        Err(DocumentError::Json {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (3, 11));
            assert_eq!(message, "expected `:`");
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
    let err = parse(b"{\"name\": \"Exch")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn what_is_not_a_document_says_so() {
    assert_eq!(parse(b""), Err(DocumentError::Empty));
    assert_eq!(parse(b" \n "), Err(DocumentError::Empty));
    assert_eq!(
        parse(b"<!DOCTYPE html><html><title>Sign in</title></html>"),
        Err(DocumentError::Html)
    );
    assert_eq!(
        parse(b"[1,2]"),
        Err(DocumentError::NotAnObject { found: "an array" })
    );
    assert_eq!(
        parse(b"\"x\""),
        Err(DocumentError::NotAnObject { found: "a string" })
    );
    assert_eq!(
        parse(b"{\"a\":\"\xff\"}"),
        Err(DocumentError::NotUtf8 { offset: 6 })
    );
    let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
    assert_eq!(
        parse(&big),
        Err(DocumentError::TooLarge {
            size: MAX_DOCUMENT_BYTES + 1
        })
    );
    // A byte order mark is tolerated.
    assert!(parse("\u{feff}{}".as_bytes()).is_ok());
}

#[test]
fn wrong_types_are_reported_and_unknown_fields_kept() {
    let text = r#"{"realm": 5, "keys": {"x": 1}, "allowedAudiences": "a@b",
                  "endpoints": [7, {"location": "https://x/", "weight": 3}],
                  "futureField": {"nested": true}}"#;
    let doc = parse(text.as_bytes()).expect("parses");
    assert_eq!(doc.realm_published, None);
    assert_eq!(doc.allowed_audiences, ["a@b"]);
    let problems: Vec<(&str, &str)> = doc
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert!(
        problems.contains(&("$.realm", "expected a string, found a number")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("$.keys", "expected an array, found an object")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("$.endpoints[0]", "expected an object, found a number")),
        "{problems:?}"
    );
    let unknown: Vec<&str> = doc.unknown_fields.iter().map(|u| u.path.as_str()).collect();
    assert!(unknown.contains(&"$.futureField"), "{unknown:?}");
    assert!(unknown.contains(&"$.endpoints[1].weight"), "{unknown:?}");
    assert_eq!(doc.endpoints.len(), 1);
}

/// Unknown fields are listed, and their values shown, in the document's
/// order (serde_json's preserve_order), not sorted by name.
#[test]
fn unknown_fields_keep_the_document_order() {
    let text = r#"{"zeta": 1, "issuer": "x", "alpha": {"b": 1, "a": [2, "c"]}, "Mid": null}"#;
    let doc = parse(text.as_bytes()).expect("parses");
    let unknown: Vec<(&str, String)> = doc
        .unknown_fields
        .iter()
        .map(|u| (u.path.as_str(), u.value.to_string()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("$.zeta", "1".to_string()),
            ("$.alpha", r#"{"b":1,"a":[2,"c"]}"#.to_string()),
            ("$.Mid", "null".to_string()),
        ]
    );
}
