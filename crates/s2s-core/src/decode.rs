//! Typed reading of JSON text (reports, the stored topology form, the API's
//! answers, the Korean catalogue) whose errors say where: the path of the
//! value that is wrong (`$.findings[2].severity`, from serde_path_to_error)
//! and the line and column in the text (from serde_json).

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use thiserror::Error;

/// Why a JSON text is not the value expected, and where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path} at line {line} column {column}: {message}")]
pub struct DecodeError {
    /// `$`, then member names and array indexes.
    pub path: String,
    /// From 1.
    pub line: usize,
    /// From 1; 0 when the text is empty.
    pub column: usize,
    /// serde_json's message, without its location.
    pub message: String,
}

impl DecodeError {
    fn new(path: String, e: &serde_json::Error) -> DecodeError {
        DecodeError {
            path,
            line: e.line(),
            column: e.column(),
            message: message(e),
        }
    }
}

/// Reads `text` as a `T`; only whitespace may follow the value.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| DecodeError::new(path_text(e.path()), e.inner()))?;
    de.end().map_err(|e| DecodeError::new("$".into(), &e))?;
    Ok(value)
}

/// serde_json's message without the " at line N column M" it appends (the
/// error carries them separately).
pub fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let location = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&location) {
        Some(message) => message.to_string(),
        None => full,
    }
}

/// `$.findings[2].severity`: the path as the console writes it everywhere.
fn path_text(path: &serde_path_to_error::Path) -> String {
    let mut text = String::from("$");
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                text.push('[');
                text.push_str(&index.to_string());
                text.push(']');
            }
            Segment::Map { key } => {
                text.push('.');
                text.push_str(key);
            }
            Segment::Enum { variant } => {
                text.push('.');
                text.push_str(variant);
            }
            Segment::Unknown => text.push_str(".?"),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Inner {
        n: u16,
    }

    #[test]
    fn errors_name_the_path_and_the_line_and_column() {
        let text = "{\"items\": [\n  {\"n\": 1},\n  {\"n\": -1}\n]}";
        assert_eq!(
            from_str::<Outer>(text),
            Err(DecodeError {
                path: "$.items[1].n".into(),
                line: 3,
                column: 10,
                message: "invalid value: integer `-1`, expected u16".into(),
            })
        );
        assert_eq!(
            from_str::<Outer>(text).map_err(|e| e.to_string()),
            Err(
                "$.items[1].n at line 3 column 10: invalid value: integer `-1`, expected u16"
                    .into()
            )
        );
        assert_eq!(
            from_str::<Outer>("{\"items\": []} x").map_err(|e| e.to_string()),
            Err("$ at line 1 column 15: trailing characters".into())
        );
        assert_eq!(
            from_str::<Outer>("").map_err(|e| e.to_string()),
            Err("$ at line 1 column 0: EOF while parsing a value".into())
        );
        assert_eq!(
            from_str::<Outer>("{\"items\": [{\"n\": 7}]}"),
            Ok(Outer {
                items: vec![Inner { n: 7 }]
            })
        );
    }
}
