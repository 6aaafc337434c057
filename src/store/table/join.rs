//! A document's key in a table, and a row's cells given to its metadata.

use super::Target;
use super::read::{Cells, KEY_SEP};
use crate::store::metadata::{Metadata, Source};
use crate::store::{FieldName, FieldValue};

/// The value of a document field a join names: `stem`, `name` and `path` (of the relative
/// path), a filename-pattern capture, the known fields (`year` is the date's year), or an
/// extra field (by name, any case).
pub(in crate::store) fn value_of(
    field: &str,
    path: &str,
    meta: &Metadata,
    captures: &[(&str, String)],
) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    match field {
        "stem" => return Some(stem.to_owned()),
        "name" => return Some(name.to_owned()),
        "path" => return Some(path.to_owned()),
        _ => {}
    }
    if let Some((_, v)) = captures.iter().find(|(n, _)| n.eq_ignore_ascii_case(field)) {
        return Some(v.clone());
    }
    match field.to_ascii_lowercase().as_str() {
        "year" => return meta.date.map(|d| d.year().to_string()),
        "date" => return meta.date.map(|d| d.to_string()),
        "title" => return Some(meta.title.clone()),
        "speaker" => return meta.speaker.clone(),
        "place" => return meta.place.clone(),
        "kind" => return meta.kind.clone(),
        _ => {}
    }
    meta.fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(field))
        .map(|(_, v)| v.to_string())
}

/// A document's key for a join of `fields`, trimmed values joined as the table's keys are;
/// `None` when a field has no value.
pub(in crate::store) fn key_of(
    fields: &[&str],
    path: &str,
    meta: &Metadata,
    captures: &[(&str, String)],
) -> Option<String> {
    let mut key = String::new();
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            key.push(KEY_SEP);
        }
        key.push_str(value_of(field, path, meta, captures)?.trim());
    }
    Some(key)
}

/// Gives `meta` a row's cells: they win over everything else (source `table`). An extra
/// field takes the name of a known one that differs only in case; a date that is no date
/// is kept as an extra field, not lost.
pub(in crate::store) fn apply(meta: &mut Metadata, cells: &Cells, targets: &[Target]) {
    for (target, value) in cells {
        let Some(target) = targets.get(usize::from(*target)) else {
            continue;
        };
        let one_line = || crate::text::one_line(value);
        let field = match target {
            Target::Title => {
                meta.title = one_line();
                "title"
            }
            Target::Speaker => {
                meta.speaker = Some(one_line());
                "speaker"
            }
            Target::Place => {
                meta.place = Some(one_line());
                "place"
            }
            Target::Kind => {
                meta.kind = Some(one_line());
                "kind"
            }
            Target::Date => match crate::store::dates::parse_doc_date(value) {
                Some(date) => {
                    meta.date = Some(date);
                    "date"
                }
                None => {
                    extra(meta, &FieldName::new("date"), value);
                    continue;
                }
            },
            Target::Extra(name) => {
                extra(meta, name, value);
                continue;
            }
        };
        meta.sources.insert(FieldName::new(field), Source::Table);
    }
}

fn extra(meta: &mut Metadata, name: &FieldName, value: &FieldValue) {
    let name = meta
        .fields
        .keys()
        .find(|n| n.eq_ignore_ascii_case(name))
        .unwrap_or(name)
        .clone();
    meta.fields.insert(name.clone(), value.clone());
    meta.sources.insert(name, Source::Table);
}
