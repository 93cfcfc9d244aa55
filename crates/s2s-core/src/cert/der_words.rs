//! What x509-cert's DER codec found wrong, in words an administrator can act
//! on, with the byte where it found it. (der's own texts speak of "ASN.1 DER
//! message" and are not in the Korean catalogue.)

use der::{ErrorKind, Tag};

/// "expected SEQUENCE but found INTEGER (at byte 4)".
pub(crate) fn describe(error: &der::Error) -> String {
    let what = match error.kind() {
        ErrorKind::Incomplete {
            expected_len,
            actual_len,
        } => format!("the data ends early: {expected_len} bytes needed, {actual_len} present"),
        ErrorKind::TagUnexpected {
            expected: Some(expected),
            actual,
        } => format!("expected {expected} but found {actual}"),
        ErrorKind::TagUnexpected {
            expected: None,
            actual,
        } => format!("{actual} is not expected here"),
        ErrorKind::TagUnknown { byte } => format!("0x{byte:02X} is not a known tag"),
        ErrorKind::TagNumberInvalid => "a tag number is not valid".into(),
        ErrorKind::Length { tag } => format!("wrong length for {tag}"),
        ErrorKind::Noncanonical { tag } => format!("{tag} not in DER's canonical form"),
        // der's dates start in 1970: a UTCTime of 1950-1969 is refused as a value.
        ErrorKind::DateTime
        | ErrorKind::Value {
            tag: Tag::UtcTime | Tag::GeneralizedTime,
        } => "a date is not valid (x509-cert reads dates from 1970 to 9999 only)".into(),
        ErrorKind::Value { tag } => format!("value not allowed for {tag}"),
        ErrorKind::TrailingData { remaining, .. } => {
            format!("{remaining} unexpected bytes at the end")
        }
        ErrorKind::IndefiniteLength => "indefinite length is BER, not DER".into(),
        ErrorKind::Overflow | ErrorKind::Overlength => "a length is too large".into(),
        ErrorKind::OidMalformed => "an OBJECT IDENTIFIER is malformed".into(),
        ErrorKind::SetOrdering => "the members of a SET are not in DER order".into(),
        ErrorKind::SetDuplicate => "a SET holds the same member twice".into(),
        ErrorKind::Utf8(_) => "a text value is not valid UTF-8".into(),
        _ => "the DER could not be read".into(),
    };
    match error.position() {
        Some(at) => format!("{what} (at byte {at})"),
        None => what,
    }
}
