//! How much a request's `Accept-Encoding` wants a content coding (RFC 9110
//! §12.5.3): `br;q=0.8, gzip;q=0.5, *;q=0`.
//!
//! Written here because no crate in the tree offers it: tower-http's parser is
//! private to its compression layers (and passes over `*`), and the `headers`
//! crate ships its `AcceptEncoding` disabled.

use axum::http::{HeaderMap, header};

/// A weight in thousandths: `q=0.5` is 500, no `q` is 1000, 0 refuses.
pub type Weight = u16;

/// The weight the request gives `coding` (named case-insensitively), or `None`
/// when its `Accept-Encoding` neither names it nor has `*`. A named entry beats
/// `*`; when a coding is named twice the lower weight counts, so a refusal is
/// never undone by a repeat. Entries whose weight cannot be read are left out.
pub fn weight(headers: &HeaderMap, coding: &str) -> Option<Weight> {
    let mut named: Option<Weight> = None;
    let mut any: Option<Weight> = None;
    let entries = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for entry in entries {
        let mut parts = entry.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let slot = if name.eq_ignore_ascii_case(coding) {
            &mut named
        } else if name == "*" {
            &mut any
        } else {
            continue;
        };
        let Some(weight) = entry_weight(parts) else {
            continue;
        };
        *slot = Some(slot.map_or(weight, |w| w.min(weight)));
    }
    named.or(any)
}

/// The `q` parameter among an entry's parameters (1000 without one), if it is
/// a number from 0 to 1.
fn entry_weight<'a>(params: impl Iterator<Item = &'a str>) -> Option<Weight> {
    let mut weight = 1000;
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("q") {
            let q = value.trim().parse::<f32>().ok()?;
            if !(0.0..=1.0).contains(&q) {
                return None;
            }
            // In range, so the product fits: 0..=1000.
            weight = (q * 1000.0).round() as Weight;
        }
    }
    Some(weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn asking(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
        }
        headers
    }

    #[test]
    fn named_codings_with_and_without_weights() {
        let h = asking(&["gzip, deflate, br;q=0.8"]);
        assert_eq!(weight(&h, "gzip"), Some(1000));
        assert_eq!(weight(&h, "br"), Some(800));
        assert_eq!(weight(&h, "zstd"), None);
        assert_eq!(weight(&asking(&[]), "gzip"), None);
        assert_eq!(weight(&asking(&[""]), "gzip"), None);
    }

    #[test]
    fn names_and_q_are_case_insensitive_and_spaces_are_allowed() {
        let h = asking(&["GZip ; Q = 0.25 ,BR"]);
        assert_eq!(weight(&h, "gzip"), Some(250));
        assert_eq!(weight(&h, "br"), Some(1000));
    }

    #[test]
    fn zero_refuses_and_a_repeat_does_not_undo_it() {
        assert_eq!(weight(&asking(&["br;q=0"]), "br"), Some(0));
        assert_eq!(weight(&asking(&["br;q=0.000"]), "br"), Some(0));
        assert_eq!(weight(&asking(&["br;q=0", "br"]), "br"), Some(0));
        assert_eq!(weight(&asking(&["br, br;q=0"]), "br"), Some(0));
    }

    #[test]
    fn star_covers_codings_not_named() {
        let h = asking(&["gzip;q=0, *;q=0.5"]);
        assert_eq!(weight(&h, "gzip"), Some(0));
        assert_eq!(weight(&h, "br"), Some(500));
        assert_eq!(weight(&asking(&["*"]), "br"), Some(1000));
        assert_eq!(weight(&asking(&["br, *;q=0"]), "gzip"), Some(0));
    }

    #[test]
    fn unreadable_weights_are_left_out() {
        for value in ["br;q=2", "br;q=-1", "br;q=x", "br;q=NaN", "br;q="] {
            let h = HeaderMap::from_iter([(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).expect("header value"),
            )]);
            assert_eq!(weight(&h, "br"), None, "{value}");
        }
        // Other parameters are no weight.
        assert_eq!(weight(&asking(&["br;level=3"]), "br"), Some(1000));
    }
}
