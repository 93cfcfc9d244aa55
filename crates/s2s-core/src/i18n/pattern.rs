//! Patterns: texts with `{}` where a value goes (in order), and, in a
//! translation, `{0}`, `{1}` where values go out of order. Values are put in
//! one pass, so a value that itself contains `{}` stays as it is.

/// One piece of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    /// `{}`: the next value.
    Next,
    /// `{3}`: the value at that index.
    Index(usize),
}

/// The pieces of `pattern`. A `{` that starts no placeholder is text.
fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_from = 0;
    let mut at = 0;
    while let Some(offset) = pattern[at..].find('{') {
        let open = at + offset;
        let inner_end = pattern[open + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(pattern.len(), |n| open + 1 + n);
        if pattern[inner_end..].starts_with('}') {
            let digits = &pattern[open + 1..inner_end];
            let piece = if digits.is_empty() {
                Some(Piece::Next)
            } else {
                digits.parse().ok().map(Piece::Index)
            };
            if let Some(piece) = piece {
                if text_from < open {
                    out.push(Piece::Text(&pattern[text_from..open]));
                }
                out.push(piece);
                at = inner_end + 1;
                text_from = at;
                continue;
            }
        }
        at = open + 1;
    }
    if text_from < pattern.len() {
        out.push(Piece::Text(&pattern[text_from..]));
    }
    out
}

/// The placeholders of a pattern: how many `{}`, and the indices of
/// `{0}`-style ones in the order they appear.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Placeholders {
    pub next: usize,
    pub indices: Vec<usize>,
}

pub(super) fn placeholders(pattern: &str) -> Placeholders {
    let mut p = Placeholders::default();
    for piece in pieces(pattern) {
        match piece {
            Piece::Next => p.next += 1,
            Piece::Index(i) => p.indices.push(i),
            Piece::Text(_) => {}
        }
    }
    p
}

/// Whether two `{}` follow each other with no text between them: the text
/// they capture could not be split between them.
pub(super) fn has_adjacent_values(pattern: &str) -> bool {
    pieces(pattern).windows(2).any(|w| {
        matches!(
            w,
            [Piece::Next | Piece::Index(_), Piece::Next | Piece::Index(_)]
        )
    })
}

/// `pattern` with its placeholders replaced: `{}` by the values in order,
/// `{i}` by `values[i]`. A placeholder without a value stays visible.
pub fn fill(pattern: &str, values: &[&str]) -> String {
    let mut out =
        String::with_capacity(pattern.len() + values.iter().map(|v| v.len()).sum::<usize>());
    let mut next = 0;
    for piece in pieces(pattern) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Next => {
                match values.get(next) {
                    Some(v) => out.push_str(v),
                    None => out.push_str("{}"),
                }
                next += 1;
            }
            Piece::Index(i) => match values.get(i) {
                Some(v) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(&i.to_string());
                    out.push('}');
                }
            },
        }
    }
    out
}

/// The values `pattern`'s `{}` parts take in `text`, if `text` has its form.
/// Each `{}` but the last takes the shortest text up to the literal after it.
pub(super) fn captures<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pattern.split("{}").collect();
    if parts.len() == 1 {
        return (pattern == text).then(Vec::new);
    }
    let mut rest = text.strip_prefix(parts[0])?;
    let mut values = Vec::new();
    let last = parts.len() - 1;
    for (i, literal) in parts.iter().enumerate().skip(1) {
        if i == last {
            let value = rest.strip_suffix(literal)?;
            values.push(value);
            rest = "";
        } else {
            let at = rest.find(literal)?;
            values.push(&rest[..at]);
            rest = &rest[at + literal.len()..];
        }
    }
    rest.is_empty().then_some(values)
}
