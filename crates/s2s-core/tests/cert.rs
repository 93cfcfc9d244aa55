//! Certificate decoding against certificates built with `rcgen`: every field of
//! the summary, every input form, and the damage a paste can suffer.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber, date_time_ymd,
};
use s2s_core::cert::{CertError, decode_any, decode_der, to_pem};
use s2s_core::keyvalue::KeyValueError;
use s2s_core::thumbprint::Sha1Fingerprint;
use s2s_core::time::UnixTime;

fn at(text: &str) -> UnixTime {
    UnixTime::parse_rfc3339(text).expect("valid time")
}

/// A Skype OAuthTokenIssuer-like certificate issued by an enterprise CA.
fn pool_certificate() -> (Vec<u8>, Vec<u8>) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca.distinguished_name = DistinguishedName::new();
    ca.distinguished_name.push(
        DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 25]),
        "litwareinc",
    );
    ca.distinguished_name
        .push(DnType::CommonName, "Litware Issuing CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).expect("key");
    let ca_der = ca.self_signed(&ca_key).expect("ca").der().to_vec();

    let mut leaf = CertificateParams::new(vec![
        "atl-cs-001.litwareinc.com".to_string(),
        "litwareinc.com".to_string(),
    ])
    .expect("params");
    leaf.subject_alt_names
        .push(SanType::IpAddress("192.0.2.10".parse().expect("ip")));
    leaf.distinguished_name = DistinguishedName::new();
    leaf.distinguished_name.push(DnType::CountryName, "US");
    leaf.distinguished_name
        .push(DnType::OrganizationName, "Litware, Inc.");
    leaf.distinguished_name
        .push(DnType::CommonName, "litwareinc.com");
    leaf.not_before = date_time_ymd(2025, 1, 15);
    leaf.not_after = date_time_ymd(2027, 1, 15);
    leaf.serial_number = Some(SerialNumber::from(vec![0x80, 0x01, 0x02]));
    leaf.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    leaf.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let leaf_key = KeyPair::generate().expect("key");
    let issuer = Issuer::new(ca, ca_key);
    let leaf_der = leaf
        .signed_by(&leaf_key, &issuer)
        .expect("leaf")
        .der()
        .to_vec();
    (leaf_der, ca_der)
}

#[test]
fn summary_of_a_ca_issued_certificate() {
    let (leaf, _) = pool_certificate();
    let c = decode_der(&leaf).expect("decodes").summary;
    assert_eq!(c.subject, "CN=litwareinc.com, O=\"Litware, Inc.\", C=US");
    assert_eq!(c.issuer, "CN=Litware Issuing CA, DC=litwareinc");
    // The 0x00 sign byte DER adds before 0x80 is not shown.
    assert_eq!(c.serial, "800102");
    assert_eq!(c.not_before, at("2025-01-15T00:00:00Z"));
    assert_eq!(c.not_after, at("2027-01-15T00:00:00Z"));
    assert_eq!(c.public_key.algorithm, "EC");
    assert_eq!(c.public_key.curve.as_deref(), Some("P-256"));
    assert_eq!(c.public_key.bits, Some(256));
    assert_eq!(c.signature.name, "sha384ECDSA");
    assert!(!c.signature.weak_hash);
    assert_eq!(c.key_usage, ["digitalSignature", "keyEncipherment"]);
    assert_eq!(c.extended_key_usage, ["serverAuth", "clientAuth"]);
    assert_eq!(
        c.subject_alt_names,
        [
            "DNS:atl-cs-001.litwareinc.com",
            "DNS:litwareinc.com",
            "IP:192.0.2.10"
        ]
    );
    assert_eq!(c.is_ca, None);
    assert!(!c.self_issued);
    assert!(
        c.extension_problems.is_empty(),
        "{:?}",
        c.extension_problems
    );
    let sha1 = Sha1Fingerprint::of(&leaf);
    assert_eq!(c.sha1_thumbprint, sha1.thumbprint());
    assert_eq!(c.x5t, sha1.x5t());
    assert_eq!(c.sha256_fingerprint.len(), 64);
    assert!(
        c.sha256_fingerprint
            .chars()
            .all(|ch| ch.is_ascii_hexdigit() && !ch.is_ascii_lowercase())
    );
}

#[test]
fn ca_certificate_and_self_issued() {
    let (_, ca) = pool_certificate();
    let c = decode_der(&ca).expect("decodes").summary;
    assert!(c.self_issued);
    assert_eq!(c.is_ca, Some(true));
    assert_eq!(c.path_len, Some(0));
    assert_eq!(c.key_usage, ["keyCertSign", "cRLSign"]);
    assert_eq!(c.public_key.curve.as_deref(), Some("P-384"));
}

#[test]
fn validity_against_an_injected_clock() {
    let (leaf, _) = pool_certificate();
    let c = decode_der(&leaf).expect("decodes").summary;
    let now = at("2026-11-26T12:00:00Z");
    assert_eq!(c.days_left(now), 49);
    assert!(!c.is_expired(now));
    assert!(c.is_expired(at("2027-01-15T00:00:01Z")));
    assert!(c.is_not_yet_valid(at("2025-01-14T23:59:59Z")));
    assert_eq!(c.days_left(at("2027-02-15T00:00:00Z")), -31);
}

#[test]
fn every_input_form_decodes_to_the_same_certificate() {
    let (leaf, ca) = pool_certificate();
    let want = decode_der(&leaf).expect("decodes");
    let b64 = STANDARD.encode(&leaf);
    let pem = to_pem(&leaf);
    for input in [
        leaf.clone(),
        b64.clone().into_bytes(),
        pem.clone().into_bytes(),
    ] {
        let got = decode_any(&input).expect("decodes");
        assert_eq!(got, vec![want.clone()]);
    }
    // Several PEM blocks with openssl's text between them, CRLF line ends.
    let bundle = format!(
        "subject=CN = leaf\r\n{}\r\nissuer=x\r\n{}",
        pem,
        to_pem(&ca)
    )
    .replace('\n', "\r\n");
    let got = decode_any(bundle.as_bytes()).expect("decodes");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].der, leaf);
    assert_eq!(got[1].der, ca);
}

#[test]
fn fingerprints_are_over_the_bytes_as_received() {
    let (leaf, _) = pool_certificate();
    let decoded = decode_der(&leaf).expect("decodes");
    assert_eq!(decoded.der, leaf);
    assert_eq!(decoded.summary.x5t, Sha1Fingerprint::of(&leaf).x5t());
}

#[test]
fn damaged_input_says_what_and_where() {
    let (leaf, _) = pool_certificate();
    assert_eq!(decode_any(b"  \n"), Err(CertError::Empty));
    let cut = &leaf[..leaf.len() / 2];
    assert!(matches!(
        decode_any(cut),
        Err(CertError::Encoding(KeyValueError::TruncatedDer { .. }))
    ));
    let pem = to_pem(&leaf);
    let unterminated = &pem[..pem.len() - 30];
    assert_eq!(
        decode_any(unterminated.as_bytes()),
        Err(CertError::PemUnterminated { block: 1 })
    );
    let key_pem = "-----BEGIN PRIVATE KEY-----\nMAMCAQU=\n-----END PRIVATE KEY-----\n";
    assert_eq!(
        decode_any(key_pem.as_bytes()),
        Err(CertError::PemLabel {
            block: 1,
            label: "PRIVATE KEY".into()
        })
    );
    let bad_body = pem.replacen("MII", "MI*", 1);
    assert!(matches!(
        decode_any(bad_body.as_bytes()),
        Err(CertError::PemBlock {
            block: 1,
            source: KeyValueError::NotBase64 { ch: '*', .. }
        })
    ));
    // A DER SEQUENCE that is not a certificate.
    let err = decode_any(&[0x30, 0x03, 0x02, 0x01, 0x05])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not an X.509 certificate"), "{err}");
    // Flip a byte inside the TBS: still DER-shaped, maybe still X.509, but
    // never a panic.
    for i in (0..leaf.len()).step_by(7) {
        let mut damaged = leaf.clone();
        damaged[i] ^= 0x5a;
        let _ = decode_any(&damaged);
    }
}

/// A certificate x509-cert refuses (here a notBefore in 1969, which its
/// time type cannot hold) gets an error naming what and where, and a
/// document publishing it beside a good key still has the good key read.
#[test]
fn a_certificate_x509_cert_refuses_says_why_and_spoils_only_its_key() {
    let refused = include_str!("data/before-1970.pem");
    let err = decode_any(refused.as_bytes())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        err,
        "the bytes have the outer shape of DER but are not an X.509 certificate: \
         a date is not valid (x509-cert reads dates from 1970 to 9999 only) (at byte 130)"
    );
    let refused_der = s2s_core::cert::certificates_der(refused.as_bytes())
        .expect("PEM")
        .remove(0);
    let (good, _) = pool_certificate();
    let document = format!(
        r#"{{"issuer":"00000004-0000-0ff1-ce00-000000000000@litwareinc.com","keys":[
            {{"usage":"signing","keyvalue":{{"type":"x509Certificate","value":"{}"}}}},
            {{"usage":"signing","keyvalue":{{"type":"x509Certificate","value":"{}"}}}}]}}"#,
        s2s_core::encoding::standard(&refused_der),
        s2s_core::encoding::standard(&good),
    );
    let analysis = s2s_core::analysis::analyze_document(
        s2s_core::topology::Side::Skype,
        s2s_core::metadata::parse(document.as_bytes()).expect("document"),
    );
    assert_eq!(analysis.keys.len(), 2);
    let first = analysis.keys[0]
        .certificate
        .as_ref()
        .err()
        .map(|e| e.to_string());
    assert!(
        first
            .as_deref()
            .is_some_and(|e| e.contains("x509-cert reads dates from 1970")),
        "{first:?}"
    );
    let second = analysis.keys[1]
        .certificate
        .as_ref()
        .ok()
        .map(|c| c.summary.subject.clone());
    assert_eq!(
        second.as_deref(),
        Some("CN=litwareinc.com, O=\"Litware, Inc.\", C=US")
    );
}
