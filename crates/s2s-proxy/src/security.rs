//! The security headers every response carries, and the Content Security Policy
//! built for the app actually being served.
//!
//! Trunk's build puts a small inline `<script type="module">` in `index.html`
//! that loads the WASM. Rather than allow inline scripts, the policy lists the
//! SHA-256 of each inline script found in the served `index.html`, so it fits
//! whatever build is on disk and nothing else.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// The headers added to every response, API and static alike.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    pub content_security_policy: String,
}

/// Headers that do not depend on the build.
pub const FIXED_HEADERS: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    // For browsers that ignore CSP `frame-ancestors`.
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
];

impl SecurityHeaders {
    /// The policy for a given `index.html`.
    pub fn for_index(index_html: &str) -> Self {
        let script_hashes = inline_element_hashes(index_html, "script");
        let style_hashes = inline_element_hashes(index_html, "style");
        let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
        for h in &script_hashes {
            script_src.push_str(&format!(" 'sha256-{h}'"));
        }
        let mut style_src = String::from("'self'");
        for h in &style_hashes {
            style_src.push_str(&format!(" 'sha256-{h}'"));
        }
        let content_security_policy = format!(
            "default-src 'none'; script-src {script_src}; style-src {style_src}; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
             base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        );
        SecurityHeaders {
            content_security_policy,
        }
    }
}

/// Base64 SHA-256 of the text of every inline `<tag>` element (those without a
/// `src` attribute), hashed exactly as the browser does: the bytes between the
/// end of the start tag and `</tag`.
pub fn inline_element_hashes(html: &str, tag: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find(&open) {
        let start = at + found;
        let after_name = start + open.len();
        // `<scripts>` or `<style-x>` are other elements.
        let boundary = lower[after_name..].chars().next();
        if !matches!(boundary, Some(c) if c == '>' || c.is_ascii_whitespace() || c == '/') {
            at = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|i| after_name + i) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        let Some(content_end) = lower[tag_end..].find(&close).map(|i| tag_end + i) else {
            break;
        };
        if !has_src_attribute(attributes) {
            let content = &html[tag_end + 1..content_end];
            hashes.push(STANDARD.encode(Sha256::digest(content.as_bytes())));
        }
        at = content_end + close.len();
    }
    hashes
}

fn has_src_attribute(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| a == "src" || a.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(text: &str) -> String {
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head>
<script type="module">
import init from '/app-0123456789abcdef.js';
await init();
</script>
<script src="/other.js"></script>
<SCRIPT>alert(1)</SCRIPT>
<scripted>not a script</scripted>
</head></html>"#;
        let hashes = inline_element_hashes(html, "script");
        assert_eq!(
            hashes,
            vec![
                sha("\nimport init from '/app-0123456789abcdef.js';\nawait init();\n"),
                sha("alert(1)")
            ]
        );
    }

    #[test]
    fn policy_lists_hashes_and_forbids_inline_otherwise() {
        let h = SecurityHeaders::for_index("<script>boot()</script><style>p{}</style>");
        let csp = &h.content_security_policy;
        assert!(
            csp.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{}'",
                sha("boot()")
            )),
            "{csp}"
        );
        assert!(
            csp.contains(&format!("style-src 'self' 'sha256-{}'", sha("p{}"))),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("connect-src 'self'"), "{csp}");
    }

    #[test]
    fn unterminated_elements_do_not_panic() {
        assert!(inline_element_hashes("<script>never closed", "script").is_empty());
        assert!(inline_element_hashes("<script", "script").is_empty());
        assert!(inline_element_hashes("", "style").is_empty());
    }
}
