//! Typed reading and writing over [`Json`]: each type says in a few plain
//! lines which members it has; an error names the path of the value that
//! is wrong (`$.findings[2].severity`). The path is a chain on the stack,
//! turned into text only for an error.

use std::collections::BTreeMap;

use thiserror::Error;

use super::{Json, ParseError, parse};

/// Where a value is: `$`, then member names and array indexes.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Member(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    pub fn member(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Member(name),
        }
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(i),
        }
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Root => f.write_str("$"),
            Step::Member(name) => write!(f, ".{name}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    #[error("{0}")]
    Syntax(#[from] ParseError),
    #[error("{path}: {message}")]
    Shape { path: String, message: String },
}

impl ReadError {
    pub fn shape(path: &Path<'_>, message: impl Into<String>) -> ReadError {
        ReadError::Shape {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// "expected a string but found a number".
    pub fn expected(path: &Path<'_>, what: &str, found: &Json) -> ReadError {
        ReadError::shape(path, format!("expected {what} but found {}", found.kind()))
    }
}

pub trait FromJson: Sized {
    /// Reads `value`, found at `path`.
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError>;
}

pub trait ToJson {
    fn to_json(&self) -> Json;
}

/// Parses `text` and reads it as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, ReadError> {
    T::from_json(&parse(text)?, &Path::ROOT)
}

/// The members of an object, read by name.
pub struct Object<'a> {
    path: &'a Path<'a>,
    members: &'a [(String, Json)],
}

impl<'a> Object<'a> {
    pub fn new(value: &'a Json, path: &'a Path<'a>) -> Result<Object<'a>, ReadError> {
        match value {
            Json::Object(members) => Ok(Object { path, members }),
            other => Err(ReadError::expected(path, "an object", other)),
        }
    }

    fn member(&self, name: &str) -> Option<&'a Json> {
        self.members
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// A member that must be there.
    pub fn req<T: FromJson>(&self, name: &str) -> Result<T, ReadError> {
        match self.member(name) {
            Some(v) => T::from_json(v, &self.path.member(name)),
            None => Err(ReadError::shape(
                self.path,
                format!("the member \"{name}\" is missing"),
            )),
        }
    }

    /// A member that may be missing or null (an Option's default is None,
    /// and it reads null as None).
    pub fn opt<T: FromJson>(&self, name: &str) -> Result<Option<T>, ReadError> {
        self.or_default(name)
    }

    /// A member that takes its default when missing.
    pub fn or_default<T: FromJson + Default>(&self, name: &str) -> Result<T, ReadError> {
        match self.member(name) {
            None => Ok(T::default()),
            Some(v) => T::from_json(v, &self.path.member(name)),
        }
    }

    /// Refuses members not in `names`, and any name given twice: for
    /// formats read strictly, where a stray member means a damaged file.
    pub fn only(&self, names: &[&str]) -> Result<(), ReadError> {
        for (i, (name, _)) in self.members.iter().enumerate() {
            if !names.contains(&name.as_str()) {
                return Err(ReadError::shape(
                    self.path,
                    format!(
                        "unknown member \"{name}\" (expected only {})",
                        names.join(", ")
                    ),
                ));
            }
            if self.members[..i].iter().any(|(n, _)| n == name) {
                return Err(ReadError::shape(
                    self.path,
                    format!("the member \"{name}\" is given twice"),
                ));
            }
        }
        Ok(())
    }

    /// The members, for types whose names are data (maps, tagged enums).
    pub fn members(&self) -> &'a [(String, Json)] {
        self.members
    }
}

/// A unit enum written as a string: the one of `all` whose `name` it is.
pub fn one_of<T: Copy>(
    value: &Json,
    path: &Path<'_>,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, ReadError> {
    let names = || {
        all.iter()
            .map(|&v| format!("\"{}\"", name(v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match value {
        Json::String(s) => all
            .iter()
            .copied()
            .find(|&v| name(v) == s)
            .ok_or_else(|| ReadError::shape(path, format!("\"{s}\" is not one of {}", names()))),
        other => Err(ReadError::expected(
            path,
            &format!("one of {}", names()),
            other,
        )),
    }
}

/// An object from its members, in the order given.
pub fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect(),
    )
}

impl FromJson for String {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ReadError::expected(path, "a string", value))
    }
}

impl FromJson for bool {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => Err(ReadError::expected(path, "true or false", other)),
        }
    }
}

/// Integers: exact, in range, no fraction or exponent.
fn integer<T: TryFrom<i128>>(value: &Json, path: &Path<'_>, what: &str) -> Result<T, ReadError> {
    match value {
        Json::Number(n) => value
            .as_integer()
            .and_then(|i| T::try_from(i).ok())
            .ok_or_else(|| ReadError::shape(path, format!("{n} is not {what}"))),
        other => Err(ReadError::expected(path, what, other)),
    }
}

/// Integer types: read exactly (in range, no fraction or exponent) and
/// written in decimal. `$what` says which numbers fit, for the message.
macro_rules! integers {
    ($($t:ty: $what:literal),* $(,)?) => {$(
        impl FromJson for $t {
            fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
                integer(value, path, $what)
            }
        }

        impl ToJson for $t {
            fn to_json(&self) -> Json {
                Json::Number(self.to_string())
            }
        }
    )*};
}

integers! {
    u16: "a whole number from 0 to 65535",
    u32: "a whole number from 0 to 4294967295",
    u64: "a whole number of 0 or more",
    i64: "a whole number",
}

impl FromJson for f64 {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        match value {
            Json::Number(n) => value.as_f64().ok_or_else(|| {
                ReadError::shape(
                    path,
                    format!(
                        "{n} has more than {} significant digits or is too large or small",
                        super::MAX_DIGITS
                    ),
                )
            }),
            other => Err(ReadError::expected(path, "a number", other)),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        match value {
            Json::Null => Ok(None),
            v => T::from_json(v, path).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        let Json::Array(items) = value else {
            return Err(ReadError::expected(path, "an array", value));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(T::from_json(v, &path.index(i))?);
        }
        Ok(out)
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        let o = Object::new(value, path)?;
        // Inserted one by one: collecting would sort, and bring a sort
        // into the app's download.
        let mut map = BTreeMap::new();
        for (n, v) in o.members() {
            map.insert(n.clone(), String::from_json(v, &path.member(n))?);
        }
        Ok(map)
    }
}

/// A pair, written as a two-element array.
impl FromJson for (String, String) {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        match value {
            Json::Array(items) => match items.as_slice() {
                [a, b] => Ok((
                    String::from_json(a, &path.index(0))?,
                    String::from_json(b, &path.index(1))?,
                )),
                _ => Err(ReadError::shape(
                    path,
                    format!(
                        "expected a pair of strings but found {} element{}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    ),
                )),
            },
            other => Err(ReadError::expected(path, "a pair of strings", other)),
        }
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Json {
        Json::Bool(*self)
    }
}

impl ToJson for f64 {
    fn to_json(&self) -> Json {
        Json::from_f64(*self)
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Json {
        self.as_ref().map_or(Json::Null, T::to_json)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        Json::Array(self.iter().map(T::to_json).collect())
    }
}

impl ToJson for BTreeMap<String, String> {
    fn to_json(&self) -> Json {
        Json::Object(
            self.iter()
                .map(|(n, v)| (n.clone(), Json::String(v.clone())))
                .collect(),
        )
    }
}
