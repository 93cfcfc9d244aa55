//! Writes JSON text exactly as serde_json does (compact and pretty), so a
//! file or link written by the app reads the same everywhere.

use super::Json;

/// `indent` is None for compact text.
pub(super) fn value(out: &mut String, v: &Json, indent: Option<&str>, depth: usize) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(out, i, indent, depth + 1);
                value(out, item, indent, depth + 1);
            }
            close(out, !items.is_empty(), indent, depth, ']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (name, item)) in members.iter().enumerate() {
                separator(out, i, indent, depth + 1);
                string(out, name);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                value(out, item, indent, depth + 1);
            }
            close(out, !members.is_empty(), indent, depth, '}');
        }
    }
}

fn separator(out: &mut String, i: usize, indent: Option<&str>, depth: usize) {
    if i > 0 {
        out.push(',');
    }
    new_line(out, indent, depth);
}

fn close(out: &mut String, any: bool, indent: Option<&str>, depth: usize, bracket: char) {
    if any {
        new_line(out, indent, depth);
    }
    out.push(bracket);
}

fn new_line(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(step) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(step);
        }
    }
}

fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0xF]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
