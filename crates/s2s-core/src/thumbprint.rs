//! SHA-1 certificate fingerprints in the two spellings admins meet: the Windows
//! "thumbprint" (upper-case hex, as `Get-ExchangeCertificate`, `Get-CsCertificate`
//! and `Get-AuthConfig` print it) and the JWT `x5t` header (base64url without
//! padding, as metadata documents publish it). Both are the same 20 bytes.

use crate::encoding::{self, Variant};
use sha1::{Digest, Sha1};
use thiserror::Error;

/// A SHA-1 fingerprint of a DER certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sha1Fingerprint(pub [u8; 20]);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FingerprintError {
    #[error(
        "a thumbprint has 40 hexadecimal digits; this one has {digits} (after removing spaces and colons)"
    )]
    ThumbprintLength { digits: usize },
    #[error("'{ch}' at position {position} is not a hexadecimal digit")]
    NotHex { ch: char, position: usize },
    #[error("an x5t is 27 base64url characters; this one has {len}")]
    X5tLength { len: usize },
    #[error("'{ch}' at position {position} is not a base64url character")]
    NotBase64Url { ch: char, position: usize },
}

impl Sha1Fingerprint {
    /// The fingerprint of the bytes exactly as given (never a re-encoding).
    pub fn of(der: &[u8]) -> Self {
        Sha1Fingerprint(Sha1::digest(der).into())
    }

    /// Windows style: upper-case hex, no separators.
    pub fn thumbprint(&self) -> String {
        hex::encode_upper(self.0)
    }

    /// base64url without padding, as in a metadata document's `keyinfo.x5t`.
    pub fn x5t(&self) -> String {
        encoding::url_safe(&self.0)
    }

    /// Reads a thumbprint as people paste it: any case, with or without spaces,
    /// colons or dashes between bytes (certmgr shows `a1 b2 …`, openssl
    /// `A1:B2:…`), and with the invisible U+200E mark that the Windows
    /// certificate dialog puts in front when copied.
    pub fn from_thumbprint(text: &str) -> Result<Self, FingerprintError> {
        let mut digits = Vec::with_capacity(40);
        for (i, ch) in text.chars().enumerate() {
            match ch {
                ' ' | ':' | '-' | '\t' | '\u{200e}' | '\u{200f}' | '\u{feff}' => {}
                c if c.is_ascii_hexdigit() => digits.push(c as u8),
                c => {
                    return Err(FingerprintError::NotHex {
                        ch: c,
                        position: i + 1,
                    });
                }
            }
        }
        if digits.len() != 40 {
            return Err(FingerprintError::ThumbprintLength {
                digits: digits.len(),
            });
        }
        let mut out = [0u8; 20];
        // Every digit was checked above, so this cannot fail.
        hex::decode_to_slice(&digits, &mut out).map_err(|_| {
            FingerprintError::ThumbprintLength {
                digits: digits.len(),
            }
        })?;
        Ok(Sha1Fingerprint(out))
    }

    /// Reads an x5t. Surrounding whitespace is ignored; padding is tolerated.
    pub fn from_x5t(text: &str) -> Result<Self, FingerprintError> {
        let trimmed = text.trim().trim_end_matches('=');
        if let Some((i, ch)) = trimmed
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(FingerprintError::NotBase64Url {
                ch,
                position: i + 1,
            });
        }
        if trimmed.len() != 27 {
            return Err(FingerprintError::X5tLength { len: trimmed.len() });
        }
        let bytes = encoding::decode(trimmed, Variant::UrlSafe)
            .map_err(|_| FingerprintError::X5tLength { len: trimmed.len() })?;
        let array: [u8; 20] = bytes
            .try_into()
            .map_err(|_| FingerprintError::X5tLength { len: trimmed.len() })?;
        Ok(Sha1Fingerprint(array))
    }
}

/// A thumbprint found in pasted command output, with the property it was
/// printed under when there is one (`CurrentCertificateThumbprint`) and the
/// `Use` of its record (`Get-CsCertificate` prints one per certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundThumbprint {
    pub label: Option<String>,
    pub value: Sha1Fingerprint,
    pub usage: Option<String>,
}

impl FoundThumbprint {
    /// Whether it names a certificate the server signs with now, which the
    /// document must publish: not a previous or next one
    /// (`PreviousCertificateThumbprint`, `NextCertificateThumbprint`,
    /// `PreviousThumbprint`), and from `Get-CsCertificate` only the
    /// OAuthTokenIssuer (its web and SIP certificates are not published).
    pub fn names_certificate_in_use(&self) -> bool {
        names_certificate_in_use(self.label.as_deref(), self.usage.as_deref())
    }
}

/// See [`FoundThumbprint::names_certificate_in_use`].
pub fn names_certificate_in_use(label: Option<&str>, usage: Option<&str>) -> bool {
    let label = label.unwrap_or_default().to_ascii_lowercase();
    !label.starts_with("previous")
        && !label.starts_with("next")
        && usage.is_none_or(|u| u.eq_ignore_ascii_case("OAuthTokenIssuer"))
}

/// Picks the thumbprints out of pasted text such as `Get-AuthConfig` or
/// `Get-CsCertificate -Type OAuthTokenIssuer` output: every run of exactly 40
/// hexadecimal digits, in order, without repeats. A blank line ends a
/// record; a record's `Use : …` line gives its thumbprints their usage.
pub fn find_in_text(text: &str) -> Vec<FoundThumbprint> {
    let mut found: Vec<FoundThumbprint> = Vec::new();
    let mut record_start = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            record_start = found.len();
            continue;
        }
        let property = line
            .split_once(':')
            .map(|(name, value)| (name.trim(), value.trim()));
        if let Some((_, usage)) = property.filter(|(name, _)| name.eq_ignore_ascii_case("Use")) {
            for f in &mut found[record_start..] {
                f.usage = Some(usage.to_string());
            }
            continue;
        }
        let label = property
            .map(|(name, _)| name)
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(str::to_string);
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_hexdigit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_hexdigit() {
                i += 1;
            }
            let value = (i - start == 40)
                .then(|| Sha1Fingerprint::from_thumbprint(&line[start..i]).ok())
                .flatten();
            if let Some(value) = value.filter(|v| !found.iter().any(|f| &f.value == v)) {
                found.push(FoundThumbprint {
                    label: label.clone(),
                    value,
                    usage: None,
                });
            }
        }
    }
    found
}

/// Converts a Windows thumbprint to the x5t a metadata document would publish.
pub fn thumbprint_to_x5t(thumbprint: &str) -> Result<String, FingerprintError> {
    Sha1Fingerprint::from_thumbprint(thumbprint).map(|f| f.x5t())
}

/// Converts an x5t to the Windows thumbprint of the same certificate.
pub fn x5t_to_thumbprint(x5t: &str) -> Result<String, FingerprintError> {
    Sha1Fingerprint::from_x5t(x5t).map(|f| f.thumbprint())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The x5t Microsoft publishes in its Exchange Online sample document
    // (fixtures/real/exchange-online_msdocs-validate-identity-token_metadata-json-1.json).
    const REAL_X5T: &str = "enh9BJrVPU5ijV1qjZjV-fL2bco";

    /// Plain `Get-CsCertificate` prints a record per certificate; only the
    /// OAuthTokenIssuer's current thumbprint names a certificate in use.
    #[test]
    fn records_give_their_use() {
        let text = "Thumbprint        : 1111111111111111111111111111111111111111\n\
                    PreviousThumbprint : 4444444444444444444444444444444444444444\n\
                    Use               : Default\n\
                    \n\
                    Thumbprint        : 2222222222222222222222222222222222222222\n\
                    PreviousThumbprint : 3333333333333333333333333333333333333333\n\
                    Use               : OAuthTokenIssuer\n";
        let found: Vec<(String, Option<String>, bool)> = find_in_text(text)
            .into_iter()
            .map(|f| {
                (
                    f.value.thumbprint()[..4].to_string(),
                    f.usage.clone(),
                    f.names_certificate_in_use(),
                )
            })
            .collect();
        let default = Some("Default".to_string());
        let oauth = Some("OAuthTokenIssuer".to_string());
        assert_eq!(
            found,
            [
                ("1111".into(), default.clone(), false),
                ("4444".into(), default, false),
                ("2222".into(), oauth.clone(), true),
                ("3333".into(), oauth, false),
            ]
        );
        // Get-AuthConfig: one record, no Use; only the current one is in use.
        assert!(names_certificate_in_use(
            Some("CurrentCertificateThumbprint"),
            None
        ));
        assert!(!names_certificate_in_use(
            Some("NextCertificateThumbprint"),
            None
        ));
        assert!(!names_certificate_in_use(
            Some("PreviousCertificateThumbprint"),
            None
        ));
        // A bare thumbprint (no label) is taken as the one in use.
        assert!(names_certificate_in_use(None, None));
    }

    #[test]
    fn real_x5t_converts_both_ways() {
        let thumb = x5t_to_thumbprint(REAL_X5T).expect("valid x5t");
        assert_eq!(thumb, "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA");
        assert_eq!(thumbprint_to_x5t(&thumb).as_deref(), Ok(REAL_X5T));
    }

    #[test]
    fn sha1_of_known_bytes() {
        // SHA-1("abc"), FIPS 180-2 appendix A.
        let f = Sha1Fingerprint::of(b"abc");
        assert_eq!(f.thumbprint(), "A9993E364706816ABA3E25717850C26C9CD0D89D");
    }

    #[test]
    fn pasted_thumbprints_in_every_spelling() {
        let want = "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA";
        for pasted in [
            "7a787d049ad53d4e628d5d6a8d98d5f9f2f66dca",
            "7a 78 7d 04 9a d5 3d 4e 62 8d 5d 6a 8d 98 d5 f9 f2 f6 6d ca",
            "7A:78:7D:04:9A:D5:3D:4E:62:8D:5D:6A:8D:98:D5:F9:F2:F6:6D:CA",
            "\u{200e}7a787d049ad53d4e628d5d6a8d98d5f9f2f66dca",
        ] {
            let got = Sha1Fingerprint::from_thumbprint(pasted).map(|f| f.thumbprint());
            assert_eq!(got.as_deref(), Ok(want), "{pasted:?}");
        }
    }

    #[test]
    fn thumbprints_are_picked_out_of_pasted_output() {
        let pasted = "RunspaceId                    : 9f3c2a10-1b2c-4d5e-8f90-0a1b2c3d4e5f\n\
CurrentCertificateThumbprint  : 7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA\n\
PreviousCertificateThumbprint :\n\
NextCertificateThumbprint     : 0123456789abcdef0123456789abcdef01234567\n\
ServiceName                   : 00000002-0000-0ff1-ce00-000000000000\n\
Thumbprint 7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA again, and a 41-digit 0123456789abcdef0123456789abcdef012345678\n";
        let found = find_in_text(pasted);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].label.as_deref(),
            Some("CurrentCertificateThumbprint")
        );
        assert_eq!(
            found[0].value.thumbprint(),
            "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA"
        );
        assert_eq!(found[1].label.as_deref(), Some("NextCertificateThumbprint"));
        assert!(find_in_text("").is_empty());
    }

    #[test]
    fn bad_thumbprints_say_what_is_wrong() {
        assert_eq!(
            Sha1Fingerprint::from_thumbprint("7A787D"),
            Err(FingerprintError::ThumbprintLength { digits: 6 })
        );
        assert_eq!(
            Sha1Fingerprint::from_thumbprint("7A787G"),
            Err(FingerprintError::NotHex {
                ch: 'G',
                position: 6
            })
        );
        assert_eq!(
            Sha1Fingerprint::from_x5t("enh9BJrVPU5ijV1qjZjV+fL2bco"),
            Err(FingerprintError::NotBase64Url {
                ch: '+',
                position: 21
            })
        );
        assert_eq!(
            Sha1Fingerprint::from_x5t("enh9"),
            Err(FingerprintError::X5tLength { len: 4 })
        );
    }
}
