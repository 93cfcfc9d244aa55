//! Names of things inside certificates: distinguished names the way Windows
//! shows them, and readable names for the OIDs an administrator meets.
//!
//! By hand because Windows' names are its own (`S=` for the state, `E=` for
//! e-mail, `sha256RSA`), unlike RFC 4514's and const-oid's database.

use der::asn1::Any;
use der::{Tag, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;

pub const OID_KEY_USAGE: &str = "2.5.29.15";
pub const OID_SUBJECT_ALT_NAME: &str = "2.5.29.17";
pub const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const OID_EXT_KEY_USAGE: &str = "2.5.29.37";
pub const OID_RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_UPN: &str = "1.3.6.1.4.1.311.20.2.3";

/// Short names of name attributes as Windows writes them (`S` for state,
/// `E` for e-mail).
const ATTRIBUTES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "S"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "T"),
    ("2.5.4.17", "PostalCode"),
    ("2.5.4.42", "G"),
    ("2.5.4.43", "I"),
    ("2.5.4.97", "OrganizationIdentifier"),
    ("1.2.840.113549.1.9.1", "E"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("0.9.2342.19200300.100.1.1", "UID"),
];

/// A distinguished name most specific first, `CN=…, OU=…, O=…, C=…`, as the
/// Windows certificate tools print it. Values with special characters are
/// double-quoted (Windows' convention) with inner quotes doubled.
pub fn format_name(name: &Name) -> String {
    let rdns: Vec<String> = name
        .0
        .iter()
        .rev()
        .map(|rdn| {
            let attributes: Vec<String> = rdn
                .0
                .iter()
                .map(|atv| {
                    format!(
                        "{}={}",
                        attribute_name(&atv.oid.to_string()),
                        quote(&any_text(&atv.value))
                    )
                })
                .collect();
            attributes.join(" + ")
        })
        .collect();
    rdns.join(", ")
}

/// The short name of a name attribute type (`CN`), or `OID.<dotted>`.
pub fn attribute_name(dotted: &str) -> String {
    ATTRIBUTES
        .iter()
        .find(|(o, _)| *o == dotted)
        .map(|(_, n)| (*n).to_string())
        .unwrap_or_else(|| format!("OID.{dotted}"))
}

/// A name value as Windows writes it: double-quoted when it has special
/// characters or edge spaces, inner quotes doubled.
pub fn quote(value: &str) -> String {
    let special = value.is_empty()
        || value.starts_with(' ')
        || value.ends_with(' ')
        || value.chars().any(|c| {
            matches!(
                c,
                ',' | '+' | '=' | '"' | '\n' | '\r' | '<' | '>' | '#' | ';'
            )
        });
    if special {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The text of a directory string, whatever its ASN.1 string type; other
/// values as `#` and their hex (RFC 4514).
fn any_text(value: &Any) -> String {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => String::from_utf8_lossy(bytes).into_owned(),
        // T.61 in theory; Latin-1 in practice.
        Tag::TeletexString => bytes.iter().map(|&b| char::from(b)).collect(),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => format!("#{}", upper_hex(bytes)),
    }
}

/// A subject alternative name as openssl prints it (`DNS:host`, `IP:addr`,
/// `othername:UPN=…`).
pub fn general_name(name: &GeneralName) -> String {
    match name {
        GeneralName::DnsName(n) => format!("DNS:{}", n.as_str()),
        GeneralName::Rfc822Name(n) => format!("email:{}", n.as_str()),
        GeneralName::UniformResourceIdentifier(n) => format!("URI:{}", n.as_str()),
        GeneralName::IpAddress(ip) => format!("IP:{}", format_ip(ip.as_bytes())),
        GeneralName::DirectoryName(n) => format!("DirName:{}", format_name(n)),
        GeneralName::RegisteredId(oid) => format!("RID:{oid}"),
        GeneralName::OtherName(other) => {
            let id = other.type_id.to_string();
            // The one Windows admins meet: the user principal name of smart-card certs.
            let id = if id == OID_UPN { "UPN" } else { id.as_str() };
            format!("othername:{id}={}", any_text(&other.value))
        }
        GeneralName::EdiPartyName(_) => "EdiPartyName".to_string(),
    }
}

/// Upper-case hex, as Windows prints thumbprints and serial numbers.
pub fn upper_hex(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

pub fn format_ip(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => format!("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]),
        16 => {
            let mut groups = [0u16; 8];
            for (g, pair) in groups.iter_mut().zip(bytes.chunks_exact(2)) {
                *g = u16::from_be_bytes([pair[0], pair[1]]);
            }
            std::net::Ipv6Addr::from(groups).to_string()
        }
        _ => upper_hex(bytes),
    }
}

pub fn eku_name(oid: &str) -> String {
    let name = match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "1.3.6.1.4.1.311.20.2.2" => "smartcardLogon",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        other => return other.to_string(),
    };
    name.to_string()
}

pub fn extension_name(oid: &str) -> String {
    let name = match oid {
        "2.5.29.15" => "keyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.37" => "extKeyUsage",
        other => return other.to_string(),
    };
    name.to_string()
}

/// Curve name and field size in bits.
pub fn curve(oid: &str) -> (String, Option<u32>) {
    match oid {
        "1.2.840.10045.3.1.7" => ("P-256".into(), Some(256)),
        "1.3.132.0.34" => ("P-384".into(), Some(384)),
        "1.3.132.0.35" => ("P-521".into(), Some(521)),
        "1.3.132.0.10" => ("secp256k1".into(), Some(256)),
        other => (other.to_string(), None),
    }
}

/// Key algorithms other than RSA and EC: name and key size where fixed.
pub fn other_key_algorithm(oid: &str) -> (String, Option<u32>) {
    match oid {
        "1.3.101.112" => ("Ed25519".into(), Some(256)),
        "1.3.101.113" => ("Ed448".into(), Some(456)),
        "1.2.840.10040.4.1" => ("DSA".into(), None),
        "1.2.840.113549.1.1.10" => ("RSASSA-PSS".into(), None),
        other => (other.to_string(), None),
    }
}

/// The signature algorithm as Windows names it, and whether its hash is one
/// that is no longer trusted (MD2, MD5, SHA-1).
pub fn signature_algorithm(oid: &str) -> (String, bool) {
    let (name, weak) = match oid {
        "1.2.840.113549.1.1.2" => ("md2RSA", true),
        "1.2.840.113549.1.1.4" => ("md5RSA", true),
        "1.2.840.113549.1.1.5" => ("sha1RSA", true),
        "1.3.14.3.2.29" => ("sha1RSA", true),
        "1.2.840.113549.1.1.10" => ("RSASSA-PSS", false),
        "1.2.840.113549.1.1.11" => ("sha256RSA", false),
        "1.2.840.113549.1.1.12" => ("sha384RSA", false),
        "1.2.840.113549.1.1.13" => ("sha512RSA", false),
        "1.2.840.10045.4.1" => ("sha1ECDSA", true),
        "1.2.840.10045.4.3.2" => ("sha256ECDSA", false),
        "1.2.840.10045.4.3.3" => ("sha384ECDSA", false),
        "1.2.840.10045.4.3.4" => ("sha512ECDSA", false),
        "1.2.840.10040.4.3" => ("sha1DSA", true),
        "1.3.101.112" => ("Ed25519", false),
        "1.3.101.113" => ("Ed448", false),
        other => return (other.to_string(), false),
    };
    (name.to_string(), weak)
}
