//! Differential test of the hand-written certificate reader (`asn1` + `cert`)
//! against RustCrypto's `x509-cert`: for every certificate in the system CA
//! store, the repository's fixtures and a set of generated certificates, both
//! must decode and every field of the summary must agree.
//!
//! The app reads certificates with its own small DER reader because the
//! `x509-cert` crate cost ≈50 KB of the WASM download; this keeps it honest.

use der::asn1::{Any, ObjectIdentifier, UintRef};
use der::{Decode, Tag, Tagged};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose, SanType,
};
use s2s_core::cert::{CertificateSummary, PublicKeyInfo, SignatureInfo, decode_any};
use s2s_core::names;
use s2s_core::thumbprint::Sha1Fingerprint;
use s2s_core::time::UnixTime;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints as Bc, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName,
};
use x509_cert::name::Name;

/// The summary as computed through `x509-cert`.
fn reference(der: &[u8]) -> CertificateSummary {
    let cert = Certificate::from_der(der).expect("x509-cert decodes it");
    let tbs = &cert.tbs_certificate;
    let serial = tbs.serial_number.as_bytes();
    let serial = match serial {
        [0, rest @ ..] if !rest.is_empty() => rest,
        s => s,
    };
    let sha1 = Sha1Fingerprint::of(der);
    let sig_oid = cert.signature_algorithm.oid.to_string();
    let (sig_name, weak_hash) = names::signature_algorithm(&sig_oid);
    let mut s = CertificateSummary {
        subject: format_name(&tbs.subject),
        issuer: format_name(&tbs.issuer),
        serial: hex(serial),
        not_before: unix(&tbs.validity.not_before),
        not_after: unix(&tbs.validity.not_after),
        public_key: public_key(&tbs.subject_public_key_info),
        signature: SignatureInfo {
            name: sig_name,
            oid: sig_oid,
            weak_hash,
        },
        sha1_thumbprint: sha1.thumbprint(),
        sha256_fingerprint: hex(&Sha256::digest(der)),
        x5t: sha1.x5t(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_alt_names: Vec::new(),
        is_ca: None,
        path_len: None,
        self_issued: tbs.subject == tbs.issuer,
        extension_problems: Vec::new(),
    };
    for ext in tbs.extensions.iter().flatten() {
        let value = ext.extn_value.as_bytes();
        match ext.extn_id.to_string().as_str() {
            names::OID_KEY_USAGE => {
                let ku = KeyUsage::from_der(value).expect("keyUsage");
                s.key_usage = key_usages(&ku);
            }
            names::OID_EXT_KEY_USAGE => {
                let eku = ExtendedKeyUsage::from_der(value).expect("extKeyUsage");
                s.extended_key_usage = eku
                    .0
                    .iter()
                    .map(|o| names::eku_name(&o.to_string()))
                    .collect();
            }
            names::OID_SUBJECT_ALT_NAME => {
                let san = SubjectAltName::from_der(value).expect("subjectAltName");
                s.subject_alt_names = san.0.iter().map(general_name).collect();
            }
            names::OID_BASIC_CONSTRAINTS => {
                let bc = Bc::from_der(value).expect("basicConstraints");
                s.is_ca = Some(bc.ca);
                s.path_len = bc.path_len_constraint;
            }
            _ => {}
        }
    }
    s
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn unix(time: &x509_cert::time::Time) -> UnixTime {
    UnixTime(time.to_unix_duration().as_secs() as i64)
}

fn format_name(name: &Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.0.iter().rev() {
        let attrs: Vec<String> = rdn
            .0
            .iter()
            .map(|atv| {
                // Naming and quoting are shared; what is compared is the
                // decoding of the attribute's type and value.
                let short = names::attribute_name(&atv.oid.to_string());
                format!("{short}={}", names::quote(&any_text(&atv.value)))
            })
            .collect();
        parts.push(attrs.join(" + "));
    }
    parts.join(", ")
}

fn any_text(value: &Any) -> String {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => String::from_utf8_lossy(bytes).into_owned(),
        Tag::TeletexString => bytes.iter().map(|&b| char::from(b)).collect(),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => format!("#{}", hex(bytes)),
    }
}

fn key_usages(ku: &KeyUsage) -> Vec<String> {
    const NAMES: [(KeyUsages, &str); 9] = [
        (KeyUsages::DigitalSignature, "digitalSignature"),
        (KeyUsages::NonRepudiation, "nonRepudiation"),
        (KeyUsages::KeyEncipherment, "keyEncipherment"),
        (KeyUsages::DataEncipherment, "dataEncipherment"),
        (KeyUsages::KeyAgreement, "keyAgreement"),
        (KeyUsages::KeyCertSign, "keyCertSign"),
        (KeyUsages::CRLSign, "cRLSign"),
        (KeyUsages::EncipherOnly, "encipherOnly"),
        (KeyUsages::DecipherOnly, "decipherOnly"),
    ];
    NAMES
        .iter()
        .filter(|(flag, _)| ku.0.contains(*flag))
        .map(|(_, name)| (*name).to_string())
        .collect()
}

fn general_name(name: &GeneralName) -> String {
    match name {
        GeneralName::DnsName(n) => format!("DNS:{}", n.as_str()),
        GeneralName::Rfc822Name(n) => format!("email:{}", n.as_str()),
        GeneralName::UniformResourceIdentifier(n) => format!("URI:{}", n.as_str()),
        GeneralName::IpAddress(ip) => format!("IP:{}", names::format_ip(ip.as_bytes())),
        GeneralName::DirectoryName(n) => format!("DirName:{}", format_name(n)),
        GeneralName::RegisteredId(oid) => format!("RID:{oid}"),
        GeneralName::OtherName(other) => {
            let id = other.type_id.to_string();
            let id = if id == "1.3.6.1.4.1.311.20.2.3" {
                "UPN".to_string()
            } else {
                id
            };
            format!("othername:{id}={}", any_text(&other.value))
        }
        GeneralName::EdiPartyName(_) => "EdiPartyName".to_string(),
    }
}

fn public_key(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> PublicKeyInfo {
    let oid = spki.algorithm.oid.to_string();
    if oid == names::OID_RSA_ENCRYPTION {
        #[derive(der::Sequence)]
        struct RsaPublicKey<'a> {
            modulus: UintRef<'a>,
            _exponent: UintRef<'a>,
        }
        let bits = RsaPublicKey::from_der(spki.subject_public_key.raw_bytes())
            .ok()
            .map(|k| {
                let m = k.modulus.as_bytes();
                m.first()
                    .map_or(0, |lead| m.len() as u32 * 8 - lead.leading_zeros())
            });
        return PublicKeyInfo {
            algorithm: "RSA".into(),
            bits,
            curve: None,
        };
    }
    if oid == names::OID_EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        let (curve, bits) = match curve {
            Some(c) => names::curve(&c.to_string()),
            None => ("unknown curve".to_string(), None),
        };
        return PublicKeyInfo {
            algorithm: "EC".into(),
            bits,
            curve: Some(curve),
        };
    }
    let (algorithm, bits) = names::other_key_algorithm(&oid);
    PublicKeyInfo {
        algorithm,
        bits,
        curve: None,
    }
}

fn assert_same(der: &[u8], origin: &str) {
    let ours = decode_any(der)
        .unwrap_or_else(|e| panic!("{origin}: the app's reader refused it: {e}"))
        .remove(0)
        .summary;
    assert_eq!(ours, reference(der), "{origin}");
}

fn der_of_pem_file(path: &std::path::Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("readable");
    s2s_core::cert::certificates_der(&bytes).expect("PEM")
}

#[test]
fn system_store_agrees_with_x509_cert() {
    let mut count = 0;
    for entry in std::fs::read_dir("/etc/ssl/certs").expect("CA store (./dev installs it)") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pem") {
            continue;
        }
        for der in der_of_pem_file(&path) {
            assert_same(&der, &path.display().to_string());
            count += 1;
        }
    }
    assert!(count >= 100, "only {count} store certificates");
}

#[test]
fn fixtures_agree_with_x509_cert() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/generated");
    for name in ["exchange-auth.pem", "skype-oauth.pem"] {
        let path = std::path::Path::new(dir).join(name);
        for der in der_of_pem_file(&path) {
            assert_same(&der, name);
        }
    }
}

/// Certificates with every field the reader handles: several name
/// attribute types and RDNs, each SAN choice rcgen writes, key usages,
/// extended key usages, CA constraints, three key algorithms.
#[test]
fn generated_certificates_agree_with_x509_cert() {
    let algorithms = [
        &rcgen::PKCS_ECDSA_P256_SHA256,
        &rcgen::PKCS_ECDSA_P384_SHA384,
        &rcgen::PKCS_ED25519,
    ];
    for (i, alg) in algorithms.into_iter().enumerate() {
        let mut p = CertificateParams::new(vec!["atl-cs-001.litwareinc.com".into()]).expect("p");
        p.subject_alt_names.extend([
            SanType::IpAddress("192.0.2.10".parse().expect("ip")),
            SanType::IpAddress("2001:db8::1".parse().expect("ip")),
            SanType::Rfc822Name("admin@litwareinc.com".try_into().expect("email")),
            SanType::URI("https://litwareinc.com/x".try_into().expect("uri")),
        ]);
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "US");
        dn.push(DnType::StateOrProvinceName, "Washington");
        dn.push(DnType::OrganizationName, "Litware, Inc. \"Labs\"");
        dn.push(DnType::OrganizationalUnitName, " spaced ");
        dn.push(
            DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 25]),
            "litwareinc",
        );
        dn.push(DnType::CustomDnType(vec![1, 3, 6, 1, 4, 1, 99999, 1]), "x");
        dn.push(DnType::CommonName, "Skype für Business 서버");
        p.distinguished_name = dn;
        p.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::DecipherOnly,
        ];
        p.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
            ExtendedKeyUsagePurpose::Other(vec![1, 3, 6, 1, 4, 1, 311, 10, 3, 12]),
        ];
        p.is_ca = if i == 0 {
            IsCa::Ca(BasicConstraints::Constrained(7))
        } else {
            IsCa::ExplicitNoCa
        };
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 311, 21, 7],
            vec![0x05, 0x00],
        )];
        let key = KeyPair::generate_for(alg).expect("key");
        let der = p.self_signed(&key).expect("cert").der().to_vec();
        assert_same(&der, &format!("generated #{i}"));
    }
    // RSA, as Exchange and Skype issue them.
    let rsa = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/generated/exchange-auth.pem"
    ))
    .expect("fixture");
    let der = s2s_core::cert::certificates_der(&rsa)
        .expect("pem")
        .remove(0);
    let ours = decode_any(&der).expect("decodes").remove(0).summary;
    assert_eq!(ours.public_key.algorithm, "RSA");
    assert_eq!(ours.public_key.bits, Some(2048));
}
