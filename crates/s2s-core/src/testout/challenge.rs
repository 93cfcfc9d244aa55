//! `WWW-Authenticate` challenges (RFC 7235): several schemes, each with
//! comma-separated `name=value` or `name="quoted, value"` parameters; one
//! header may carry several challenges, and several headers may be given.

/// One challenge: its scheme and parameters in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits on commas outside quotes.
fn split_items(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in value.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' if quoted => {
                current.push(c);
                escaped = true;
            }
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    match v.strip_prefix('"') {
        Some(inner) => {
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            let mut out = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => v.to_string(),
    }
}

/// Parses one header value into its challenges. A token without `=` starts
/// a new challenge (`Negotiate`, `NTLM`, `Bearer client_id="…"`).
pub fn parse(value: &str) -> Vec<Challenge> {
    let mut out: Vec<Challenge> = Vec::new();
    for item in split_items(value) {
        // `name = value` is a parameter (spaces around `=` allowed); a first
        // word before it is a scheme (`Bearer client_id="x"`); a lone word is
        // a scheme (`Negotiate`).
        let param_alone = item
            .find('=')
            .is_some_and(|i| !item[..i].trim().contains(char::is_whitespace));
        let (head, rest) = if param_alone {
            (None, item.clone())
        } else {
            match item.split_once(char::is_whitespace) {
                Some((h, r)) => (Some(h.to_string()), r.trim().to_string()),
                None => (Some(item.clone()), String::new()),
            }
        };
        if let Some(scheme) = head {
            out.push(Challenge {
                scheme,
                params: Vec::new(),
            });
        }
        if let Some((name, v)) = rest.split_once('=')
            && let Some(current) = out.last_mut()
        {
            current.params.push((name.trim().to_string(), unquote(v)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_with_quoted_lists_and_other_schemes() {
        let c = parse(
            r#"Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@contoso.com", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token", Negotiate, NTLM"#,
        );
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].scheme, "Bearer");
        assert_eq!(
            c[0].param("trusted_issuers"),
            Some(
                "00000001-0000-0000-c000-000000000000@*,00000004-0000-0ff1-ce00-000000000000@contoso.com"
            )
        );
        assert_eq!(c[0].param("ERROR"), Some("invalid_token"));
        assert_eq!(c[1].scheme, "Negotiate");
        assert_eq!(c[2].scheme, "NTLM");
        assert!(c[2].params.is_empty());
    }

    #[test]
    fn odd_spacing_unquoted_and_escaped_values() {
        let c = parse(r#"Bearer   realm=contoso.com ,client_id = "a\"b" , error"#);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].param("realm"), Some("contoso.com"));
        assert_eq!(c[0].param("client_id"), Some("a\"b"));
        assert_eq!(c[1].scheme, "error");
        assert!(parse("").is_empty());
        assert_eq!(parse("Bearer").len(), 1);
    }
}
