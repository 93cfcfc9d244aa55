//! JSON for the browser app: a tree, a strict parser that says where input
//! is wrong, a writer, and typed reading with the path of every error.
//!
//! Why not serde_json here: serde_json and serde's generated readers and
//! writers were 15% of the app's code, and leaving them saved 21 KB of the
//! gzip download (budget 150 KB). The native side (proxy, CLI) keeps serde;
//! the wire types implement both, and tests hold the two encodings to each
//! other byte for byte.

mod number;
mod parse;
mod read;
mod write;

pub use number::MAX_DIGITS;
pub use parse::{MAX_DEPTH, ParseError, parse};
pub use read::{FromJson, Object, Path, ReadError, ToJson, from_str, object, one_of};

/// A JSON value. Objects keep their members in document order; numbers keep
/// their text, so an integer is read exactly whatever its size.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (already checked against JSON's grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value's kind as a person reads it in a message.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// A member of an object; the last one when a name repeats, as
    /// JavaScript and serde_json read it.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A whole number, written without fraction or exponent.
    pub fn as_integer(&self) -> Option<i128> {
        match self {
            Json::Number(n) => number::integer(n),
            _ => None,
        }
    }

    /// A whole number that fits a u64.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_integer().and_then(|i| u64::try_from(i).ok())
    }

    /// A number of at most [`MAX_DIGITS`] significant digits, with its
    /// decimal exponent within ±22 (see `number`).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => number::to_f64(n),
            _ => None,
        }
    }

    /// A number from an f64; non-finite ones are `null`, as serde_json writes them.
    pub fn from_f64(f: f64) -> Json {
        if f.is_finite() {
            Json::Number(number::from_f64(f))
        } else {
            Json::Null
        }
    }

    pub fn string(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// The compact text (no spaces), as serde_json::to_string writes it.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        write::value(&mut out, self, None, 0);
        out
    }

    /// Indented by two spaces, as serde_json::to_string_pretty writes it.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write::value(&mut out, self, Some("  "), 0);
        out
    }
}

/// The compact text, as serde_json's Value displays.
impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_compact())
    }
}

#[cfg(test)]
mod tests;
