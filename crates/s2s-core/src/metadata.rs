//! Authentication metadata documents (`/metadata/json/1`).
//!
//! No specification defines the format; producers differ. So: property names
//! are matched case-insensitively (`keyvalue` and `keyValue` are both seen),
//! every field is optional except a key's certificate value, the realm is
//! derived from the issuer when absent, fields we do not know are kept, and a
//! bad key spoils only that key.

use serde_json::{Map, Value};
use thiserror::Error;

use crate::keyvalue::{self, KeyValueError};
use crate::thumbprint::Sha1Fingerprint;

/// Real documents are a few kilobytes (ACS's, with five certificates, ~10 KB).
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    #[error("the document is empty")]
    Empty,
    #[error(
        "the document is {size} bytes; documents over 1 MiB are refused (a metadata document is a few kilobytes)"
    )]
    TooLarge { size: usize },
    #[error("the document is not UTF-8 text: invalid byte at offset {offset}")]
    NotUtf8 { offset: usize },
    #[error(
        "this is an HTML page, not a metadata document (often a login page, or an error page from a proxy or load balancer)"
    )]
    Html,
    #[error("the document is not valid JSON: {message} (line {line}, column {column})")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "the document is JSON but not a metadata document: its top level is {found}, not an object"
    )]
    NotAnObject { found: &'static str },
}

/// A field that is present but not what the format expects. The rest of the
/// document is still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Where, as a JSON path (`$.keys[1].usage`).
    pub path: String,
    pub message: String,
}

/// A field the console does not know, kept so it can be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownField {
    pub path: String,
    pub value: Value,
}

/// One entry of `keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedKey {
    /// `$.keys[N]`.
    pub path: String,
    /// `usage` as published (`signing`, `Signing`, …).
    pub usage: Option<String>,
    /// `keyinfo.x5t` as published.
    pub x5t_published: Option<String>,
    /// `keyvalue.type` as published (`x509Certificate`, …).
    pub value_type: Option<String>,
    /// The certificate's DER bytes, decoded from `keyvalue.value`, or why not.
    pub der: Result<Vec<u8>, KeyValueError>,
}

impl PublishedKey {
    /// The x5t computed over the bytes as published.
    pub fn x5t_computed(&self) -> Option<String> {
        self.der
            .as_ref()
            .ok()
            .map(|der| Sha1Fingerprint::of(der).x5t())
    }

    /// Whether `usage` says signing (values vary in case between producers).
    pub fn is_signing(&self) -> bool {
        self.usage
            .as_deref()
            .is_some_and(|u| u.eq_ignore_ascii_case("signing"))
    }
}

/// One entry of `endpoints`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub location: Option<String>,
    pub protocol: Option<String>,
    pub usage: Option<String>,
}

/// Where the realm came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RealmSource {
    /// The document's `realm` field.
    Published,
    /// The text after the last `@` of `issuer` (the document has no `realm`).
    Issuer,
}

/// A parsed metadata document.
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataDocument {
    /// The text exactly as received.
    pub raw: String,
    pub id: Option<String>,
    pub version: Option<String>,
    pub name: Option<String>,
    /// `realm` as published.
    pub realm_published: Option<String>,
    pub service_name: Option<String>,
    pub issuer: Option<String>,
    pub allowed_audiences: Vec<String>,
    pub keys: Vec<PublishedKey>,
    pub endpoints: Vec<Endpoint>,
    pub unknown_fields: Vec<UnknownField>,
    pub problems: Vec<FieldProblem>,
}

impl MetadataDocument {
    /// The realm: as published, else derived from the issuer.
    pub fn realm(&self) -> Option<(&str, RealmSource)> {
        if let Some(r) = self.realm_published.as_deref() {
            return Some((r, RealmSource::Published));
        }
        let issuer = self.issuer.as_deref()?;
        let (_, realm) = issuer.rsplit_once('@')?;
        Some((realm, RealmSource::Issuer))
    }
}

/// Parses a document from the bytes as received.
pub fn parse(bytes: &[u8]) -> Result<MetadataDocument, DocumentError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| DocumentError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // A UTF-8 byte order mark is legal in a file but not in JSON.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        return Err(DocumentError::Empty);
    }
    if trimmed.starts_with('<') {
        return Err(DocumentError::Html);
    }
    // Objects keep the document's order (serde_json's preserve_order), so
    // unknown fields are listed as written.
    let value: Value = serde_json::from_str(body).map_err(|e| DocumentError::Json {
        line: e.line(),
        column: e.column(),
        message: crate::decode::message(&e),
    })?;
    let Value::Object(top) = value else {
        return Err(DocumentError::NotAnObject {
            found: kind(&value),
        });
    };
    let mut reader = Reader::default();
    let mut doc = MetadataDocument {
        raw: text.to_string(),
        id: None,
        version: None,
        name: None,
        realm_published: None,
        service_name: None,
        issuer: None,
        allowed_audiences: Vec::new(),
        keys: Vec::new(),
        endpoints: Vec::new(),
        unknown_fields: Vec::new(),
        problems: Vec::new(),
    };
    for (name, value) in &top {
        let path = format!("$.{name}");
        match name.to_ascii_lowercase().as_str() {
            "id" => doc.id = reader.string(&path, value),
            "version" => doc.version = reader.string(&path, value),
            "name" => doc.name = reader.string(&path, value),
            "realm" => doc.realm_published = reader.string(&path, value),
            "servicename" => doc.service_name = reader.string(&path, value),
            "issuer" => doc.issuer = reader.string(&path, value),
            "allowedaudiences" => doc.allowed_audiences = reader.strings(&path, value),
            "keys" => {
                doc.keys = reader
                    .array(&path, value)
                    .iter()
                    .enumerate()
                    .map(|(i, k)| reader.key(&format!("{path}[{i}]"), k))
                    .collect();
            }
            "endpoints" => {
                doc.endpoints = reader
                    .array(&path, value)
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| reader.endpoint(&format!("{path}[{i}]"), e))
                    .collect();
            }
            _ => reader.unknown(&path, value),
        }
    }
    doc.unknown_fields = reader.unknown;
    doc.problems = reader.problems;
    Ok(doc)
}

/// The value's kind as a person reads it in a message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Collects what is found, what is unknown and what is wrong while walking
/// the JSON tree.
#[derive(Default)]
struct Reader {
    unknown: Vec<UnknownField>,
    problems: Vec<FieldProblem>,
}

const EMPTY: &[Value] = &[];

impl Reader {
    fn problem(&mut self, path: &str, message: String) {
        self.problems.push(FieldProblem {
            path: path.to_string(),
            message,
        });
    }

    fn unknown(&mut self, path: &str, value: &Value) {
        self.unknown.push(UnknownField {
            path: path.to_string(),
            value: value.clone(),
        });
    }

    fn string(&mut self, path: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => {
                self.problem(path, format!("expected a string, found {}", kind(other)));
                None
            }
        }
    }

    fn strings(&mut self, path: &str, value: &Value) -> Vec<String> {
        match value {
            // One producer may write a single audience as a plain string.
            Value::String(s) => vec![s.clone()],
            _ => self
                .array(path, value)
                .iter()
                .enumerate()
                .filter_map(|(i, v)| self.string(&format!("{path}[{i}]"), v))
                .collect(),
        }
    }

    fn array<'v>(&mut self, path: &str, value: &'v Value) -> &'v [Value] {
        match value {
            Value::Array(items) => items,
            Value::Null => EMPTY,
            other => {
                self.problem(path, format!("expected an array, found {}", kind(other)));
                EMPTY
            }
        }
    }

    fn object<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            Value::Null => None,
            other => {
                self.problem(path, format!("expected an object, found {}", kind(other)));
                None
            }
        }
    }

    fn key(&mut self, path: &str, value: &Value) -> PublishedKey {
        let mut key = PublishedKey {
            path: path.to_string(),
            usage: None,
            x5t_published: None,
            value_type: None,
            der: Err(KeyValueError::Missing),
        };
        let Some(fields) = self.object(path, value) else {
            key.der = Err(KeyValueError::NotAnObject);
            return key;
        };
        let mut value_text: Option<String> = None;
        for (name, v) in fields {
            let p = format!("{path}.{name}");
            match name.to_ascii_lowercase().as_str() {
                "usage" => key.usage = self.string(&p, v),
                "keyinfo" => {
                    if let Some(info) = self.object(&p, v) {
                        for (n, iv) in info {
                            let ip = format!("{p}.{n}");
                            if n.eq_ignore_ascii_case("x5t") {
                                key.x5t_published = self.string(&ip, iv);
                            } else {
                                self.unknown(&ip, iv);
                            }
                        }
                    }
                }
                "keyvalue" => {
                    if let Some(kv) = self.object(&p, v) {
                        for (n, kvv) in kv {
                            let kp = format!("{p}.{n}");
                            match n.to_ascii_lowercase().as_str() {
                                "type" => key.value_type = self.string(&kp, kvv),
                                "value" => value_text = self.string(&kp, kvv),
                                _ => self.unknown(&kp, kvv),
                            }
                        }
                    }
                }
                _ => self.unknown(&p, v),
            }
        }
        key.der = match value_text {
            Some(text) => keyvalue::decode_base64(&text),
            None => Err(KeyValueError::Missing),
        };
        key
    }

    fn endpoint(&mut self, path: &str, value: &Value) -> Option<Endpoint> {
        let fields = self.object(path, value)?;
        let mut endpoint = Endpoint {
            location: None,
            protocol: None,
            usage: None,
        };
        for (name, v) in fields {
            let p = format!("{path}.{name}");
            match name.to_ascii_lowercase().as_str() {
                "location" => endpoint.location = self.string(&p, v),
                "protocol" => endpoint.protocol = self.string(&p, v),
                "usage" => endpoint.usage = self.string(&p, v),
                _ => self.unknown(&p, v),
            }
        }
        Some(endpoint)
    }
}
