//! Base64 (RFC 4648), standard and URL-safe alphabets. Decoding takes the
//! padding as written or left off, and refuses non-canonical text (stray
//! bits in the last character), so one certificate has one encoding.
//!
//! Why not the base64 crate: its generic engine is about 3 KB gzip of the
//! app's download, for what is a table and two loops here. Tests hold this
//! module to the crate.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// `+` and `/`: certificates, PEM, metadata documents.
    Standard,
    /// `-` and `_`: x5t and report links.
    UrlSafe,
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Alphabet {
    fn table(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => STANDARD,
            Alphabet::UrlSafe => URL_SAFE,
        }
    }

    /// The 6-bit value of a character (by range: a table search per
    /// character made decoding a certificate ten times slower).
    fn value(self, c: u8) -> Option<u32> {
        let v = match (c, self) {
            (b'A'..=b'Z', _) => c - b'A',
            (b'a'..=b'z', _) => c - b'a' + 26,
            (b'0'..=b'9', _) => c - b'0' + 52,
            (b'+', Alphabet::Standard) | (b'-', Alphabet::UrlSafe) => 62,
            (b'/', Alphabet::Standard) | (b'_', Alphabet::UrlSafe) => 63,
            _ => return None,
        };
        Some(u32::from(v))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("'{symbol}' at offset {offset} is not a base64 character")]
    InvalidSymbol { symbol: char, offset: usize },
    #[error("{len} base64 characters cannot encode whole bytes")]
    InvalidLength { len: usize },
    #[error("the character at offset {offset} has bits set that encode nothing")]
    InvalidLastSymbol { offset: usize },
    #[error("the padding ('=') does not fit the length of the text")]
    InvalidPadding,
}

/// Encodes `bytes`; with `pad`, the text is filled to a multiple of four
/// with `=`.
pub fn encode(bytes: &[u8], alphabet: Alphabet, pad: bool) -> String {
    let table = alphabet.table();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(table[((n >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes `text` (no whitespace; callers remove line breaks).
pub fn decode(text: &str, alphabet: Alphabet) -> Result<Vec<u8>, DecodeError> {
    let bytes = text.as_bytes();
    let body = bytes.iter().rposition(|&c| c != b'=').map_or(0, |i| i + 1);
    let padding = bytes.len() - body;
    if padding > 0 && (padding > 2 || !bytes.len().is_multiple_of(4)) {
        return Err(DecodeError::InvalidPadding);
    }
    let mut out = Vec::with_capacity(body / 4 * 3 + 2);
    let mut acc: u32 = 0;
    for (offset, &c) in bytes[..body].iter().enumerate() {
        let Some(v) = alphabet.value(c) else {
            return Err(DecodeError::InvalidSymbol {
                symbol: text[offset..].chars().next().unwrap_or('?'),
                offset,
            });
        };
        acc = (acc << 6) | v;
        if offset % 4 == 3 {
            out.extend_from_slice(&acc.to_be_bytes()[1..]);
            acc = 0;
        }
    }
    let last = body.saturating_sub(1);
    match body % 4 {
        0 => {}
        1 => return Err(DecodeError::InvalidLength { len: body }),
        2 => {
            if acc & 0xF != 0 {
                return Err(DecodeError::InvalidLastSymbol { offset: last });
            }
            out.push((acc >> 4) as u8);
        }
        _ => {
            if acc & 0x3 != 0 {
                return Err(DecodeError::InvalidLastSymbol { offset: last });
            }
            out.extend_from_slice(&((acc >> 2) as u16).to_be_bytes());
        }
    }
    if padding > 0 && padding != (4 - body % 4) % 4 {
        return Err(DecodeError::InvalidPadding);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use proptest::prelude::*;

    use super::*;

    /// The crate, configured as the console reads: padding optional.
    const INDIFFERENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    #[test]
    fn known_values() {
        assert_eq!(encode(b"", Alphabet::Standard, true), "");
        assert_eq!(encode(b"f", Alphabet::Standard, true), "Zg==");
        assert_eq!(encode(b"fo", Alphabet::Standard, true), "Zm8=");
        assert_eq!(encode(b"foo", Alphabet::Standard, true), "Zm9v");
        assert_eq!(encode(&[0xfb, 0xff], Alphabet::UrlSafe, false), "-_8");
        assert_eq!(decode("Zg", Alphabet::Standard), Ok(b"f".to_vec()));
        assert_eq!(decode("Zg==", Alphabet::Standard), Ok(b"f".to_vec()));
        assert_eq!(decode("-_8", Alphabet::UrlSafe), Ok(vec![0xfb, 0xff]));
        assert_eq!(
            decode("Zm9v!", Alphabet::Standard),
            Err(DecodeError::InvalidSymbol {
                symbol: '!',
                offset: 4
            })
        );
        assert_eq!(
            decode("Zm9vZ", Alphabet::Standard),
            Err(DecodeError::InvalidLength { len: 5 })
        );
        assert_eq!(
            decode("Zh", Alphabet::Standard),
            Err(DecodeError::InvalidLastSymbol { offset: 1 })
        );
        assert_eq!(
            decode("Zg=", Alphabet::Standard),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("Zm8==", Alphabet::Standard),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("-_8", Alphabet::Standard),
            Err(DecodeError::InvalidSymbol {
                symbol: '-',
                offset: 0
            })
        );
    }

    proptest! {
        #[test]
        fn encodes_as_the_crate(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(encode(&bytes, Alphabet::Standard, true), STANDARD.encode(&bytes));
            prop_assert_eq!(encode(&bytes, Alphabet::UrlSafe, false), URL_SAFE_NO_PAD.encode(&bytes));
            let text = encode(&bytes, Alphabet::Standard, true);
            prop_assert_eq!(decode(&text, Alphabet::Standard), Ok(bytes.clone()));
            prop_assert_eq!(decode(text.trim_end_matches('='), Alphabet::Standard), Ok(bytes));
        }

        /// Accepts and refuses what the crate does, and reads the same bytes;
        /// but padding that does not complete the last group ("Zg=") is
        /// refused on purpose, where the crate's indifferent mode takes it:
        /// Windows' Convert.FromBase64String refuses it too, and a cut or
        /// edited value should be reported, not guessed at.
        #[test]
        fn decodes_as_the_crate(text in "[A-Za-z0-9+/=!-]{0,40}") {
            let ours = decode(&text, Alphabet::Standard);
            if text.ends_with('=') && !text.len().is_multiple_of(4) {
                prop_assert_eq!(ours, Err(DecodeError::InvalidPadding), "{}", text);
                return Ok(());
            }
            let theirs = INDIFFERENT.decode(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{} ours {:?} theirs {:?}", text, ours, theirs);
            if let (Ok(a), Ok(b)) = (ours, theirs) {
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn decodes_url_safe_as_the_crate(text in "[A-Za-z0-9_-]{0,40}") {
            let ours = decode(&text, Alphabet::UrlSafe);
            let theirs = URL_SAFE_NO_PAD.decode(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{} ours {:?} theirs {:?}", text, ours, theirs);
            if let (Ok(a), Ok(b)) = (ours, theirs) {
                prop_assert_eq!(a, b);
            }
        }
    }
}
