//! Base64 (RFC 4648) through the `base64` crate, configured the way the
//! console reads and writes it: the standard alphabet for certificates, PEM
//! and metadata documents; the URL-safe one, unpadded, for x5t and report
//! links. Decoding takes the padding written in full or left off (producers
//! do both), never half, and refuses stray bits in the last character, so
//! one certificate has one encoding.

use base64::Engine;
use base64::alphabet::{self, Alphabet};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `+` and `/`: certificates, PEM, metadata documents.
    Standard,
    /// `-` and `_`: x5t and report links.
    UrlSafe,
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

/// Padded engines write padding and require it whole; unpadded ones do
/// neither.
const fn engine(alphabet: &Alphabet, padded: bool) -> GeneralPurpose {
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_encode_padding(padded)
            .with_decode_padding_mode(if padded {
                DecodePaddingMode::RequireCanonical
            } else {
                DecodePaddingMode::RequireNone
            })
            .with_decode_allow_trailing_bits(false),
    )
}

const STANDARD_PADDED: GeneralPurpose = engine(&alphabet::STANDARD, true);
const STANDARD_UNPADDED: GeneralPurpose = engine(&alphabet::STANDARD, false);
const URL_SAFE_PADDED: GeneralPurpose = engine(&alphabet::URL_SAFE, true);
const URL_SAFE_UNPADDED: GeneralPurpose = engine(&alphabet::URL_SAFE, false);

/// Standard alphabet, padded: certificates and PEM bodies.
pub fn standard(bytes: &[u8]) -> String {
    STANDARD_PADDED.encode(bytes)
}

/// URL-safe alphabet, unpadded: x5t and report links.
pub fn url_safe(bytes: &[u8]) -> String {
    URL_SAFE_UNPADDED.encode(bytes)
}

/// Decodes `text` (no whitespace; callers remove line breaks), padded in
/// full or not at all.
pub fn decode(text: &str, variant: Variant) -> Result<Vec<u8>, DecodeError> {
    let padded = text.ends_with('=');
    let engine = match (variant, padded) {
        (Variant::Standard, true) => &STANDARD_PADDED,
        (Variant::Standard, false) => &STANDARD_UNPADDED,
        (Variant::UrlSafe, true) => &URL_SAFE_PADDED,
        (Variant::UrlSafe, false) => &URL_SAFE_UNPADDED,
    };
    // Where the trailing run of '=' starts: an '=' from there on is padding
    // that does not fit, one before it a stray character.
    let body = text.trim_end_matches('=').len();
    engine.decode(text).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, b'=') if offset >= body => {
            DecodeError::InvalidPadding
        }
        base64::DecodeError::InvalidByte(offset, _) => DecodeError::InvalidSymbol {
            symbol: text
                .get(offset..)
                .and_then(|t| t.chars().next())
                .unwrap_or('?'),
            offset,
        },
        base64::DecodeError::InvalidLength(len) => DecodeError::InvalidLength { len },
        base64::DecodeError::InvalidLastSymbol(offset, _) => {
            DecodeError::InvalidLastSymbol { offset }
        }
        base64::DecodeError::InvalidPadding => DecodeError::InvalidPadding,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(standard(b""), "");
        assert_eq!(standard(b"f"), "Zg==");
        assert_eq!(standard(b"fo"), "Zm8=");
        assert_eq!(standard(b"foo"), "Zm9v");
        assert_eq!(url_safe(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("Zg", Variant::Standard), Ok(b"f".to_vec()));
        assert_eq!(decode("Zg==", Variant::Standard), Ok(b"f".to_vec()));
        assert_eq!(decode("-_8", Variant::UrlSafe), Ok(vec![0xfb, 0xff]));
    }

    #[test]
    fn bad_text_says_what_is_wrong() {
        assert_eq!(
            decode("Zm9v!", Variant::Standard),
            Err(DecodeError::InvalidSymbol {
                symbol: '!',
                offset: 4
            })
        );
        assert_eq!(
            decode("Zm9vZ", Variant::Standard),
            Err(DecodeError::InvalidLength { len: 5 })
        );
        // "Zh" has bits set in its last character that encode nothing.
        assert_eq!(
            decode("Zh", Variant::Standard),
            Err(DecodeError::InvalidLastSymbol { offset: 1 })
        );
        // Padding in full or not at all; never half, never too much.
        assert_eq!(
            decode("Zg=", Variant::Standard),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("Zm9v=", Variant::Standard),
            Err(DecodeError::InvalidPadding)
        );
        assert_eq!(
            decode("Zg==Zg==", Variant::Standard),
            Err(DecodeError::InvalidSymbol {
                symbol: '=',
                offset: 2
            })
        );
        // Each alphabet refuses the other's two characters.
        assert!(decode("-_8", Variant::Standard).is_err());
        assert!(decode("+/8", Variant::UrlSafe).is_err());
        // Non-ASCII text: the character, not a byte of it.
        assert_eq!(
            decode("Zm9vé", Variant::Standard),
            Err(DecodeError::InvalidSymbol {
                symbol: 'é',
                offset: 4
            })
        );
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&standard(&bytes), Variant::Standard), Ok(bytes.clone()));
            let unpadded = standard(&bytes).trim_end_matches('=').to_string();
            prop_assert_eq!(decode(&unpadded, Variant::Standard), Ok(bytes.clone()));
            prop_assert_eq!(decode(&url_safe(&bytes), Variant::UrlSafe), Ok(bytes));
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = decode(&text, Variant::Standard);
            let _ = decode(&text, Variant::UrlSafe);
        }
    }
}
