//! JSON Lines datasets: one JSON object per line (`serde_json`). Nested objects become
//! dotted field names (`member.party`), lists of plain values one value joined by `; `,
//! `null` no value. A line that is not a JSON object is left out with a note naming its
//! line and column; blank lines are no rows.

use super::DatasetError;
use super::columns::{Builder, Record};
use serde_json::Value;
use std::io::BufRead;

/// Reads the objects of a JSON Lines file into `builder`.
pub(super) fn read(reader: impl std::io::Read, builder: &mut Builder) -> Result<(), DatasetError> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::new();
    let mut at = 0u64;
    let mut number = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| DatasetError::Io(e.to_string()))?;
        if read == 0 {
            return Ok(());
        }
        at += 1;
        let mut bytes = line.as_slice();
        if at == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        number += 1;
        let object = match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                builder
                    .notes
                    .push(format!("line {at}: not a JSON object; the row is left out"));
                continue;
            }
            Err(e) => {
                builder.notes.push(format!(
                    "line {at}, column {}: not JSON: {}; the row is left out",
                    e.column(),
                    reason(&e)
                ));
                continue;
            }
        };
        let mut cells = Vec::with_capacity(object.len());
        for (name, value) in object {
            flatten(&name, value, builder, &mut cells);
        }
        builder.push(Record {
            line: at,
            number,
            cells,
        })?;
    }
}

/// serde_json's message without its own "at line 1 column 9" (the line is ours).
fn reason(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = match message.rsplit_once(" at line ") {
        Some((reason, _)) => reason.to_owned(),
        None => message,
    };
    crate::text::one_line(&message)
}

/// The cells of `value` under the column `name`: nested objects as `name.key`.
fn flatten(name: &str, value: Value, builder: &mut Builder, cells: &mut Vec<(usize, String)>) {
    match value {
        Value::Null => {}
        Value::Object(object) => {
            for (key, value) in object {
                flatten(&format!("{name}.{key}"), value, builder, cells);
            }
        }
        Value::Array(items) if items.iter().all(is_plain) => {
            let values: Vec<String> = items.into_iter().filter_map(plain).collect();
            if !values.is_empty() {
                cells.push((builder.column(name), values.join("; ")));
            }
        }
        Value::Array(items) => {
            let text = serde_json::to_string(&items).unwrap_or_default();
            cells.push((builder.column(name), text));
        }
        other => {
            if let Some(text) = plain(other) {
                cells.push((builder.column(name), text));
            }
        }
    }
}

fn is_plain(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A string, number or boolean as text.
fn plain(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
