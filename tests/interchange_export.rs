//! The exports other tools read (SPEC §14): REFI-QDA projects and codebooks that validate
//! against the schemas, selections whose code points hold exactly their quotes, CSV that
//! an RFC 4180 reader reads back, W3C selectors that agree with the text, and the same
//! bytes for the same notebook.

mod interchange_fixture;

use dossier::interchange::{Format, guid};
use interchange_fixture::{HIGHLIGHTS, corpus, export, notebook, unzip, validate};

fn project_qde(bytes: &[u8]) -> Vec<u8> {
    let entries = unzip(bytes);
    assert_eq!(entries[0].0, "project.qde", "project.qde comes first");
    entries[0].1.clone()
}

#[test]
fn a_project_export_validates_against_the_project_schema() {
    let corpus = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::Qdpx, false);
    let qde = project_qde(&exported.bytes);
    let xml = String::from_utf8(qde.clone()).unwrap();
    // What the fixture holds is all there, escaped.
    assert!(xml.contains("&lt;press office&gt; &amp; ask for the &quot;full&quot;"));
    assert!(xml.contains("name=\"5g\""));
    assert!(
        xml.contains("isCodable=\"false\""),
        "hybrid is only a folder"
    );
    assert!(xml.contains("color=\"#00CDCD\""));
    assert!(xml.contains("<DateValue>2019-04-02</DateValue>"));
    if let Some(result) = validate(&qde, "Project.xsd") {
        result.unwrap();
    }
}

#[test]
fn a_crlf_project_export_validates_too() {
    let corpus = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::Qdpx, true);
    if let Some(result) = validate(&project_qde(&exported.bytes), "Project.xsd") {
        result.unwrap();
    }
}

#[test]
fn a_codebook_export_validates_against_the_codebook_schema() {
    let corpus = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::Qdc, false);
    let xml = String::from_utf8(exported.bytes.clone()).unwrap();
    assert!(xml.contains("Cyber &amp; network defence, &lt;all&gt; of it."));
    assert_eq!(exported.tags, 6, "{xml}");
    assert!(exported.losses.iter().any(|l| l.contains("keys of 1 tag")));
    if let Some(result) = validate(&exported.bytes, "Codebook.xsd") {
        result.unwrap();
    }
}

/// Every selection of the project, read without dossier's reader: its GUID and the text
/// of its source at its code points.
fn selections(bytes: &[u8]) -> Vec<(String, String)> {
    let entries = unzip(bytes);
    let qde = String::from_utf8(entries[0].1.clone()).unwrap();
    let doc = roxmltree::Document::parse(&qde).unwrap();
    let mut out = Vec::new();
    for source in doc
        .descendants()
        .filter(|n| n.has_tag_name(("urn:QDA-XML:project:1.0", "TextSource")))
    {
        let path = source.attribute("plainTextPath").unwrap();
        let file = format!("sources/{}", path.strip_prefix("internal://").unwrap());
        let (_, text) = entries.iter().find(|(n, _)| *n == file).unwrap();
        let text: Vec<char> = String::from_utf8(text.clone()).unwrap().chars().collect();
        for sel in source
            .children()
            .filter(|n| n.has_tag_name("PlainTextSelection"))
        {
            let start: usize = sel.attribute("startPosition").unwrap().parse().unwrap();
            let end: usize = sel.attribute("endPosition").unwrap().parse().unwrap();
            let guid = sel.attribute("guid").unwrap().to_owned();
            out.push((guid, text[start..end].iter().collect()));
        }
    }
    out
}

#[test]
fn every_selection_is_exactly_its_quote_in_its_source() {
    let corpus = corpus();
    let nb = notebook(&corpus);
    let found = selections(&export(&corpus, &nb, Format::Qdpx, false).bytes);
    assert_eq!(found.len(), HIGHLIGHTS.len());
    for entry in nb.documents.values() {
        for h in &entry.highlights {
            let guid = guid::guid(guid::Kind::Selection, &h.id);
            let (_, text) = found.iter().find(|(g, _)| *g == guid).unwrap();
            assert_eq!(text, &h.anchor.quote);
        }
    }
}

#[test]
fn crlf_sources_have_positions_counted_in_them() {
    let corpus = corpus();
    let nb = notebook(&corpus);
    let exported = export(&corpus, &nb, Format::Qdpx, true);
    let found = selections(&exported.bytes);
    let across = found
        .iter()
        .find(|(_, t)| t.starts_with("'naïve'"))
        .unwrap();
    assert_eq!(across.1, "'naïve' views\r\nof Huawei, ZTE & others");
    for (_, text) in &found {
        assert!(
            HIGHLIGHTS
                .iter()
                .any(|(_, q, _, _)| q.replace('\n', "\r\n") == *text)
        );
    }
    let source = unzip(&exported.bytes).remove(1).1;
    assert!(!source.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    assert!(String::from_utf8(source).unwrap().contains("\r\n"));
}

#[test]
fn an_unchanged_notebook_exports_the_same_bytes() {
    let corpus = corpus();
    for format in [Format::Qdpx, Format::Qdc, Format::Csv, Format::W3c] {
        let a = export(&corpus, &notebook(&corpus), format, false).bytes;
        let b = export(&corpus, &notebook(&corpus), format, false).bytes;
        assert!(a == b, "{format:?} differs");
    }
    // The ZIP's entries carry the ZIP epoch, not the time of the export.
    let bytes = export(&corpus, &notebook(&corpus), Format::Qdpx, false).bytes;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert_eq!(names.len(), 3);
    assert!(
        names[1..]
            .iter()
            .all(|n| n.starts_with("sources/") && n.ends_with(".txt"))
    );
    let entry = archive.by_index(1).unwrap();
    let time = entry.last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1));
}

#[test]
fn csv_reads_back_with_an_rfc_4180_reader() {
    let corpus = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::Csv, false);
    let text = String::from_utf8(exported.bytes.clone()).unwrap();
    assert!(text.contains("\r\n"), "RFC 4180 ends rows with CRLF");
    let mut reader = csv::Reader::from_reader(exported.bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "path",
            "id",
            "title",
            "date",
            "place",
            "speaker",
            "kind",
            "delivery",
            "status",
            "highlight",
            "start",
            "end",
            "quote",
            "tags",
            "note",
            "coder",
            "state"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // A quote with commas, quotation marks and a line break comes back whole.
    let across = rows
        .iter()
        .find(|r| r[col("quote")].starts_with("'naïve'"))
        .unwrap();
    assert_eq!(
        &across[col("quote")],
        "'naïve' views\nof Huawei, ZTE & others"
    );
    let first = rows
        .iter()
        .find(|r| r[col("quote")].starts_with('“'))
        .unwrap();
    assert_eq!(&first[col("tags")], "cyber;policy/defence");
    assert_eq!(
        &first[col("note")],
        "Check <the> quote & the \"date\" of it."
    );
    assert_eq!(&first[col("status")], "relevant");
    assert_eq!(&first[col("state")], "ok");
    // Offsets are code points of the document's text.
    let doc = corpus.find("speech.txt").unwrap();
    let chars: Vec<char> = doc.text.chars().collect();
    for r in rows.iter().filter(|r| !r[col("start")].is_empty()) {
        let (s, e): (usize, usize) = (
            r[col("start")].parse().unwrap(),
            r[col("end")].parse().unwrap(),
        );
        if &r[col("path")] == "speech.txt" {
            assert_eq!(chars[s..e].iter().collect::<String>(), r[col("quote")]);
        }
    }
    // Document tags and statuses are rows of their own, without offsets.
    let doc_rows: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[col("highlight")].is_empty())
        .collect();
    assert_eq!(doc_rows.len(), 2);
    assert!(doc_rows.iter().all(|r| r[col("start")].is_empty()));
    assert!(
        doc_rows
            .iter()
            .any(|r| &r[col("tags")] == "policy" && &r[col("status")] == "relevant")
    );
    assert_eq!(rows.len(), 2 + HIGHLIGHTS.len());
}

#[test]
fn w3c_selectors_agree_with_the_text() {
    let corpus = corpus();
    let exported = export(&corpus, &notebook(&corpus), Format::W3c, false);
    let json: serde_json::Value = serde_json::from_slice(&exported.bytes).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    let items = json["first"]["items"].as_array().unwrap();
    let mut checked = 0;
    for item in items {
        let target = &item["target"];
        let Some(selectors) = target["selector"].as_array() else {
            continue;
        };
        let doc = corpus.find(target["source"].as_str().unwrap()).unwrap();
        let chars: Vec<char> = doc.text.chars().collect();
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let s = position["start"].as_u64().unwrap() as usize;
        let e = position["end"].as_u64().unwrap() as usize;
        let at = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let exact = quote["exact"].as_str().unwrap();
        let prefix = quote["prefix"].as_str().unwrap();
        let suffix = quote["suffix"].as_str().unwrap();
        assert_eq!(at(s, e), exact);
        assert_eq!(at(s - prefix.chars().count(), s), prefix);
        assert_eq!(at(e, e + suffix.chars().count()), suffix);
        checked += 1;
    }
    assert_eq!(checked, HIGHLIGHTS.len());
    let tagged = items
        .iter()
        .find(|i| {
            i["body"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["value"] == "cyber/5g")
        })
        .unwrap();
    assert_eq!(tagged["motivation"], "tagging");
    let memo = items
        .iter()
        .find(|i| i["motivation"] == "commenting" && i["target"].is_object())
        .unwrap();
    assert_eq!(memo["body"][0]["purpose"], "commenting");
}
