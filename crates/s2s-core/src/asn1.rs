//! A small DER reader: exactly what reading an X.509 certificate needs.
//!
//! Hand-written rather than taken from the `der`/`x509-cert` crates because
//! linking those into the browser app cost ≈50 KB gzip (measured), a third of
//! its download budget. `tests/x509_differential.rs` checks every decoded field
//! against `x509-cert` (CA store and generated certificates), the `certificate`
//! fuzz target checks it never panics.

use thiserror::Error;

use crate::time::{UnixTime, days_from_civil};

pub const BOOLEAN: u8 = 0x01;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const UTF8_STRING: u8 = 0x0C;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
pub const NUMERIC_STRING: u8 = 0x12;
pub const PRINTABLE_STRING: u8 = 0x13;
pub const TELETEX_STRING: u8 = 0x14;
pub const IA5_STRING: u8 = 0x16;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const VISIBLE_STRING: u8 = 0x1A;
pub const BMP_STRING: u8 = 0x1E;

/// Context-specific tag `[n]`, constructed (`EXPLICIT` or a constructed type).
pub const fn context_constructed(n: u8) -> u8 {
    0xA0 | n
}

/// Context-specific tag `[n]`, primitive (`IMPLICIT` of a primitive type).
pub const fn context_primitive(n: u8) -> u8 {
    0x80 | n
}

/// What is wrong, with the field being read and the byte offset in the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Asn1Error {
    #[error("{what}: the data ends early at byte {at}")]
    Truncated { what: &'static str, at: usize },
    #[error("{what}: expected {expected} at byte {at}, found tag 0x{found:02X}")]
    UnexpectedTag {
        what: &'static str,
        expected: &'static str,
        found: u8,
        at: usize,
    },
    #[error("{what}: the length at byte {at} is not valid DER ({why})")]
    BadLength {
        what: &'static str,
        at: usize,
        why: &'static str,
    },
    #[error("{what}: {extra} unexpected bytes after it at byte {at}")]
    Trailing {
        what: &'static str,
        extra: usize,
        at: usize,
    },
    #[error("{what} at byte {at}: {why}")]
    BadValue {
        what: &'static str,
        at: usize,
        why: &'static str,
    },
}

/// One element: its tag, its content and where the content starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    /// Offset of the content in the whole input, for messages.
    pub at: usize,
    /// The whole element, header included.
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// A reader over the content of a constructed element.
    pub fn reader(&self) -> Reader<'a> {
        Reader {
            data: self.content,
            pos: 0,
            base: self.at,
        }
    }

    fn bad(&self, what: &'static str, why: &'static str) -> Asn1Error {
        Asn1Error::BadValue {
            what,
            at: self.at,
            why,
        }
    }

    /// An INTEGER's content bytes without the sign byte DER adds before a
    /// high bit (how openssl and Windows print serial numbers).
    pub fn unsigned_bytes(&self, what: &'static str) -> Result<&'a [u8], Asn1Error> {
        match self.content {
            [] => Err(self.bad(what, "an INTEGER has at least one byte")),
            [0, rest @ ..] if !rest.is_empty() => Ok(rest),
            all => Ok(all),
        }
    }

    /// A small non-negative INTEGER.
    pub fn small_uint(&self, what: &'static str) -> Result<u64, Asn1Error> {
        let bytes = self.unsigned_bytes(what)?;
        if self.content.first().is_some_and(|b| b & 0x80 != 0) {
            return Err(self.bad(what, "negative where a count is expected"));
        }
        if bytes.len() > 8 {
            return Err(self.bad(what, "the number is too large"));
        }
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// A BOOLEAN (DER: exactly one byte, 0x00 or 0xFF).
    pub fn boolean(&self, what: &'static str) -> Result<bool, Asn1Error> {
        match self.content {
            [0x00] => Ok(false),
            [0xFF] => Ok(true),
            _ => Err(self.bad(what, "a DER BOOLEAN is one byte, 00 or FF")),
        }
    }

    /// A BIT STRING's bits (the leading unused-bits count removed).
    pub fn bit_string(&self, what: &'static str) -> Result<&'a [u8], Asn1Error> {
        match self.content {
            [unused, bits @ ..] if *unused < 8 && (*unused == 0 || !bits.is_empty()) => Ok(bits),
            _ => Err(self.bad(
                what,
                "a BIT STRING starts with its unused-bit count (0 to 7)",
            )),
        }
    }

    /// An OBJECT IDENTIFIER in dotted form.
    pub fn oid(&self, what: &'static str) -> Result<String, Asn1Error> {
        oid_to_string(self.content).ok_or_else(|| self.bad(what, "not a valid OBJECT IDENTIFIER"))
    }

    /// A UTCTime or GeneralizedTime (DER forms: seconds present, `Z`).
    pub fn time(&self, what: &'static str) -> Result<UnixTime, Asn1Error> {
        parse_time(self.tag, self.content).ok_or_else(|| {
            self.bad(
                what,
                "not a DER time (YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, a real date)",
            )
        })
    }
}

/// Reads elements one after another from a slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader {
            data,
            pos: 0,
            base: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn at(&self) -> usize {
        self.base + self.pos
    }

    /// The tag of the next element, if any.
    pub fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// The next element, whatever its tag.
    pub fn any(&mut self, what: &'static str) -> Result<Tlv<'a>, Asn1Error> {
        let start = self.pos;
        let truncated = |pos: usize| Asn1Error::Truncated {
            what,
            at: self.base + pos,
        };
        let tag = *self.data.get(start).ok_or_else(|| truncated(start))?;
        if tag & 0x1F == 0x1F {
            return Err(Asn1Error::BadValue {
                what,
                at: self.base + start,
                why: "multi-byte tags do not occur in certificates",
            });
        }
        let first = *self
            .data
            .get(start + 1)
            .ok_or_else(|| truncated(start + 1))?;
        let bad_length = |why| Asn1Error::BadLength {
            what,
            at: self.base + start + 1,
            why,
        };
        let (header, length) = if first < 0x80 {
            (2, usize::from(first))
        } else {
            let count = usize::from(first & 0x7F);
            if count == 0 {
                return Err(bad_length("indefinite length is BER, not DER"));
            }
            if count > 4 {
                return Err(bad_length("longer than 4 length bytes"));
            }
            let bytes = self
                .data
                .get(start + 2..start + 2 + count)
                .ok_or_else(|| truncated(start + 2))?;
            if bytes[0] == 0 {
                return Err(bad_length("leading zero in the length"));
            }
            let length = bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            if length < 0x80 {
                return Err(bad_length("a short length written in long form"));
            }
            (2 + count, length)
        };
        let content_start = start + header;
        let end = content_start
            .checked_add(length)
            .filter(|end| *end <= self.data.len())
            .ok_or_else(|| truncated(self.data.len()))?;
        self.pos = end;
        Ok(Tlv {
            tag,
            content: &self.data[content_start..end],
            at: self.base + content_start,
            raw: &self.data[start..end],
        })
    }

    /// The next element, which must have `tag`.
    pub fn expect(
        &mut self,
        tag: u8,
        expected: &'static str,
        what: &'static str,
    ) -> Result<Tlv<'a>, Asn1Error> {
        match self.peek_tag() {
            Some(found) if found != tag => Err(Asn1Error::UnexpectedTag {
                what,
                expected,
                found,
                at: self.at(),
            }),
            _ => self.any(what),
        }
    }

    /// The next element if it has `tag` (an OPTIONAL or DEFAULT field).
    pub fn optional(&mut self, tag: u8, what: &'static str) -> Result<Option<Tlv<'a>>, Asn1Error> {
        if self.peek_tag() == Some(tag) {
            self.any(what).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Everything was read.
    pub fn finish(&self, what: &'static str) -> Result<(), Asn1Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Asn1Error::Trailing {
                what,
                extra: self.data.len() - self.pos,
                at: self.at(),
            })
        }
    }
}

/// Dotted form of an OBJECT IDENTIFIER's content (`None` when malformed:
/// empty, cut inside an arc, or an arc beyond 64 bits).
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.last().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let mut out = String::new();
    let mut value: u64 = 0;
    // A leading 0x80 in an arc is padding X.690 forbids; it is accepted (as
    // `x509-cert` does) because it does not change the value shown.
    for &byte in content {
        if value > (u64::MAX >> 7) {
            return None;
        }
        value = (value << 7) | u64::from(byte & 0x7F);
        if byte & 0x80 == 0 {
            if out.is_empty() {
                let (first, second) = match value {
                    0..40 => (0, value),
                    40..80 => (1, value - 40),
                    _ => (2, value - 80),
                };
                out = format!("{first}.{second}");
            } else {
                out.push('.');
                out.push_str(&value.to_string());
            }
            value = 0;
        }
    }
    Some(out)
}

fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn parse_time(tag: u8, text: &[u8]) -> Option<UnixTime> {
    let (year, rest) = match (tag, text.len()) {
        (UTC_TIME, 13) => {
            // RFC 5280: two-digit years 50–99 are 19xx, 00–49 are 20xx.
            let yy = digits(&text[..2])?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        (GENERALIZED_TIME, 15) => (digits(&text[..4])?, &text[4..]),
        _ => return None,
    };
    if rest.last() != Some(&b'Z') {
        return None;
    }
    let month = digits(&rest[0..2])?;
    let day = digits(&rest[2..4])?;
    let hour = digits(&rest[4..6])?;
    let minute = digits(&rest[6..8])?;
    let second = digits(&rest[8..10])?;
    let month_days = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=month_days).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(UnixTime(
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7u8; 0x80]);
        let mut r = Reader::new(&long);
        let tlv = r.any("octets").unwrap();
        assert_eq!((tlv.tag, tlv.content.len(), tlv.at), (0x04, 0x80, 3));
        assert!(r.finish("octets").is_ok());
        let mut r = Reader::new(&[0x02, 0x01, 0x05, 0x05, 0x00]);
        assert_eq!(r.expect(INTEGER, "INTEGER", "n").unwrap().content, [5]);
        assert_eq!(r.optional(INTEGER, "m").unwrap(), None);
        assert_eq!(
            r.finish("n"),
            Err(Asn1Error::Trailing {
                what: "n",
                extra: 2,
                at: 3
            })
        );
    }

    #[test]
    fn refuses_what_der_forbids_or_what_is_cut() {
        let cases: &[(&[u8], &str)] = &[
            (&[0x30, 0x80, 0x00, 0x00], "indefinite"),
            (
                &[0x04, 0x81, 0x05, 1, 2, 3, 4, 5],
                "short length written in long form",
            ),
            (&[0x04, 0x82, 0x00, 0x80], "leading zero"),
            (&[0x04, 0x85, 1, 1, 1, 1, 1], "longer than 4"),
            (&[0x04, 0x05, 1, 2], "ends early"),
            (&[0x04], "ends early"),
            (&[0x1F, 0x01, 0x00], "multi-byte"),
        ];
        for (input, expected) in cases {
            let err = Reader::new(input).any("field").unwrap_err().to_string();
            assert!(err.contains(expected), "{input:02X?}: {err}");
            assert!(err.starts_with("field"), "{err}");
        }
        let err = Reader::new(&[0x02, 0x01, 0x00])
            .expect(SEQUENCE, "SEQUENCE", "tbs")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "tbs: expected SEQUENCE at byte 0, found tag 0x02"
        );
    }

    #[test]
    fn object_identifiers() {
        assert_eq!(
            oid_to_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]).as_deref(),
            Some("1.2.840.113549.1.1.11")
        );
        assert_eq!(
            oid_to_string(&[0x55, 0x04, 0x03]).as_deref(),
            Some("2.5.4.3")
        );
        assert_eq!(
            oid_to_string(&[0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19]).as_deref(),
            Some("0.9.2342.19200300.100.1.25")
        );
        assert_eq!(oid_to_string(&[0x88, 0x37]).as_deref(), Some("2.999"));
        assert_eq!(oid_to_string(&[0x2A, 0x80, 0x01]).as_deref(), Some("1.2.1"));
        for bad in [&[][..], &[0x2A, 0x86], &[0xFF; 12]] {
            assert_eq!(oid_to_string(bad), None, "{bad:02X?}");
        }
    }

    #[test]
    fn times_in_both_forms() {
        assert_eq!(parse_time(UTC_TIME, b"700101000000Z"), Some(UnixTime(0)));
        assert_eq!(
            parse_time(UTC_TIME, b"491231235959Z"),
            Some(UnixTime(2_524_607_999))
        );
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"99991231235959Z"),
            Some(UnixTime(253_402_300_799))
        );
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20000229120000Z"),
            Some(UnixTime(951_825_600))
        );
        for bad in [
            &b"7001010000Z"[..],
            b"700101000000+",
            b"701301000000Z",
            b"700230000000Z",
            b"700101240000Z",
            b"7001010000-0Z",
        ] {
            assert_eq!(parse_time(UTC_TIME, bad), None, "{bad:?}");
        }
        assert_eq!(parse_time(GENERALIZED_TIME, b"19000229000000Z"), None);
    }

    #[test]
    fn integers_booleans_and_bits() {
        let tlv = |tag, content: &'static [u8]| Tlv {
            tag,
            content,
            at: 0,
            raw: content,
        };
        assert_eq!(
            tlv(INTEGER, &[0x00, 0x80]).unsigned_bytes("s"),
            Ok(&[0x80][..])
        );
        assert_eq!(tlv(INTEGER, &[0x00]).unsigned_bytes("s"), Ok(&[0x00][..]));
        assert!(tlv(INTEGER, &[]).unsigned_bytes("s").is_err());
        assert_eq!(tlv(INTEGER, &[0x01, 0x00]).small_uint("n"), Ok(256));
        assert!(tlv(INTEGER, &[0xFF]).small_uint("n").is_err());
        assert_eq!(tlv(BOOLEAN, &[0xFF]).boolean("b"), Ok(true));
        assert!(tlv(BOOLEAN, &[0x01]).boolean("b").is_err());
        assert_eq!(
            tlv(BIT_STRING, &[0x05, 0xA0]).bit_string("k"),
            Ok(&[0xA0][..])
        );
        assert_eq!(tlv(BIT_STRING, &[0x00]).bit_string("k"), Ok(&[][..]));
        assert!(tlv(BIT_STRING, &[0x08, 0x00]).bit_string("k").is_err());
        assert!(tlv(BIT_STRING, &[0x03]).bit_string("k").is_err());
    }
}
