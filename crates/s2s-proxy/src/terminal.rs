//! Text from servers and files on its way to a terminal. A realm, a
//! certificate subject or a TLS error can carry control characters: an
//! escape sequence in them would move the cursor, recolour or retitle the
//! terminal, or hide what was printed before it. Text output shows each
//! one as a visible stand-in; JSON output writes the C1 ones (which JSON
//! leaves raw) as `\u` escapes, so the value read back is unchanged.

/// Text for a person: C0 controls (but line feed and tab), DEL and C1
/// controls become visible stand-ins (`␛` for ESC, `�` for C1).
pub fn text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            // U+2400 CONTROL PICTURES: ␀ … ␟ for C0, ␡ for DEL.
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\x7f' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// JSON as serde_json writes it (C0 already escaped), with C1 controls and
/// DEL escaped too. They only occur inside strings, where `\u00XX` reads
/// back as the same character.
pub fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\x7f' || ('\u{80}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(
            text("realm\x1b]0;owned\x07 \x1b[2J\r\nok\tx\u{9b}31m\x7f"),
            "realm␛]0;owned␇ ␛[2J␍\nok\tx\u{fffd}31m␡"
        );
        assert_eq!(text("CN=서버, O=\"Litware\""), "CN=서버, O=\"Litware\"");
    }

    #[test]
    fn json_keeps_the_value() {
        let value = serde_json::json!({ "realm": "a\u{9b}b\x1bc\x7f" });
        let written = json(&value.to_string());
        assert!(
            !written.contains('\u{9b}') && !written.contains('\x1b') && !written.contains('\x7f')
        );
        let read: serde_json::Value = serde_json::from_str(&written).expect("still JSON");
        assert_eq!(read, value);
    }
}
