//! A key's `keyvalue.value`: standard base64 of a DER certificate. Published
//! values are sometimes shortened (Microsoft's own sample ends in `MIIHNTCC...`)
//! or damaged; each way of being wrong gets its own message.

use thiserror::Error;

use crate::encoding::{self, Variant};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyValueError {
    #[error("the key has no certificate: keyvalue.value is missing")]
    Missing,
    #[error("the key is not a JSON object")]
    NotAnObject,
    #[error("the certificate value is empty")]
    Empty,
    #[error(
        "the certificate value was cut short: it ends with '{marker}' after {kept} characters, so the certificate cannot be read"
    )]
    Elided { marker: String, kept: usize },
    #[error("the certificate value is not base64: '{ch}' at character {position}")]
    NotBase64 { ch: char, position: usize },
    #[error(
        "the certificate value is incomplete: {len} base64 characters cannot encode whole bytes (truncated?)"
    )]
    BadLength { len: usize },
    #[error(
        "the decoded value is not a DER certificate: a certificate starts with byte 0x30, this one with 0x{first:02X}"
    )]
    NotDer { first: u8 },
    #[error(
        "the certificate is truncated: it declares {declared} bytes but only {available} are present"
    )]
    TruncatedDer { declared: usize, available: usize },
    #[error("the certificate is followed by {extra} unexpected bytes")]
    TrailingBytes { extra: usize },
}

/// Decodes a published value to DER bytes and checks that they have the outer
/// shape of one certificate (a complete DER SEQUENCE and nothing after it).
pub fn decode_base64(value: &str) -> Result<Vec<u8>, KeyValueError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(KeyValueError::Empty);
    }
    for marker in ["...", "…"] {
        if let Some(kept) = trimmed.strip_suffix(marker) {
            return Err(KeyValueError::Elided {
                marker: marker.to_string(),
                kept: kept.chars().count(),
            });
        }
    }
    // Line breaks inside the value (wrapped base64) are harmless.
    let mut compact = String::with_capacity(trimmed.len());
    for (i, ch) in trimmed.chars().enumerate() {
        match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' => compact.push(ch),
            c if c.is_ascii_whitespace() => {}
            c => {
                return Err(KeyValueError::NotBase64 {
                    ch: c,
                    position: i + 1,
                });
            }
        }
    }
    // Padding is optional: some producers omit it.
    let der =
        encoding::decode(&compact, Variant::Standard).map_err(|_| KeyValueError::BadLength {
            len: compact.trim_end_matches('=').len(),
        })?;
    check_der_envelope(&der)?;
    Ok(der)
}

/// Checks the outer SEQUENCE of a DER encoding: tag, definite length, and
/// that exactly that many bytes follow.
pub fn check_der_envelope(der: &[u8]) -> Result<(), KeyValueError> {
    let Some(&first) = der.first() else {
        return Err(KeyValueError::Empty);
    };
    if first != 0x30 {
        return Err(KeyValueError::NotDer { first });
    }
    let (header, declared) = match der.get(1) {
        None => {
            return Err(KeyValueError::TruncatedDer {
                declared: 2,
                available: 1,
            });
        }
        Some(&len) if len < 0x80 => (2usize, len as usize),
        Some(&len) => {
            let count = (len & 0x7f) as usize;
            // 0x80 is BER's indefinite length; DER forbids it. Lengths over
            // 4 bytes would describe gigabytes.
            if count == 0 || count > 4 {
                return Err(KeyValueError::NotDer { first });
            }
            let Some(bytes) = der.get(2..2 + count) else {
                return Err(KeyValueError::TruncatedDer {
                    declared: 2 + count,
                    available: der.len(),
                });
            };
            let length = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
            (2 + count, length)
        }
    };
    let total = header.saturating_add(declared);
    if total > der.len() {
        return Err(KeyValueError::TruncatedDer {
            declared: total,
            available: der.len(),
        });
    }
    if total < der.len() {
        return Err(KeyValueError::TrailingBytes {
            extra: der.len() - total,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microsofts_shortened_sample_value() {
        assert_eq!(
            decode_base64("MIIHNTCC..."),
            Err(KeyValueError::Elided {
                marker: "...".into(),
                kept: 8
            })
        );
    }

    #[test]
    fn each_kind_of_damage_has_its_message() {
        assert_eq!(decode_base64("  "), Err(KeyValueError::Empty));
        assert_eq!(
            decode_base64("MIIB*AAA"),
            Err(KeyValueError::NotBase64 {
                ch: '*',
                position: 5
            })
        );
        // base64url is not what the format uses.
        assert_eq!(
            decode_base64("MIIB-AAA"),
            Err(KeyValueError::NotBase64 {
                ch: '-',
                position: 5
            })
        );
        assert_eq!(
            decode_base64("MIIBC"),
            Err(KeyValueError::BadLength { len: 5 })
        );
        // "hello" is valid base64 of bytes that are not DER.
        assert_eq!(
            decode_base64("aGVsbG8="),
            Err(KeyValueError::NotDer { first: b'h' })
        );
        // 0x30 0x82 0x07 0x35 declares 1845 bytes; three are present.
        assert_eq!(
            decode_base64("MIIHNTCC"),
            Err(KeyValueError::TruncatedDer {
                declared: 1849,
                available: 6
            })
        );
    }

    #[test]
    fn der_envelope() {
        assert_eq!(check_der_envelope(&[0x30, 0x00]), Ok(()));
        assert_eq!(check_der_envelope(&[0x30, 0x01, 0x05]), Ok(()));
        assert_eq!(
            check_der_envelope(&[0x30, 0x00, 0x00]),
            Err(KeyValueError::TrailingBytes { extra: 1 })
        );
        assert_eq!(
            check_der_envelope(&[0x30, 0x80]),
            Err(KeyValueError::NotDer { first: 0x30 })
        );
        assert_eq!(
            check_der_envelope(&[0x30, 0x82, 0x01]),
            Err(KeyValueError::TruncatedDer {
                declared: 4,
                available: 3
            })
        );
        assert_eq!(
            check_der_envelope(&[0x30, 0x85, 1, 2, 3, 4, 5]),
            Err(KeyValueError::NotDer { first: 0x30 })
        );
    }

    #[test]
    fn wrapped_base64_is_accepted() {
        // 0x30 0x03 0x02 0x01 0x05: a SEQUENCE holding INTEGER 5.
        assert_eq!(
            decode_base64("MAMC\r\nAQU="),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x05])
        );
        assert_eq!(
            decode_base64("MAMCAQU"),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x05])
        );
    }
}
