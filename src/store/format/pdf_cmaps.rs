//! Reads each simple font's `/ToUnicode` CMap once, not once per page.
//!
//! `pdf-extract` builds every font again on every page that uses it, and for a font with a
//! `/ToUnicode` CMap it parses the whole CMap each time (a `pom` parser, slow per token):
//! after the Type 1 programs ([`super::pdf_fonts`]), over half of the time of a LaTeX PDF
//! (docs/formats.md). Most of a CMap says again what the font's encoding already gives (`A`
//! is `A`), and most of the rest is characters a glyph name can say (`’` is `quoteright`).
//! [`reduce_to_unicode`] asks `pdf-extract` itself, once per font, what each code of the font
//! reads as, with its CMap and with an empty one. The codes where the two differ and the CMap
//! gives one character with a glyph name ([`super::pdf_glyph_names`]) are added to the font's
//! `/Encoding` as `/Differences`; the CMap keeps only the others (ligatures such as `fi`
//! read as two letters, characters without a name), a few lines; when it would keep none,
//! the `/ToUnicode` is dropped. Every rewrite is checked the same way before it is kept: each
//! code must read as the same text with the same width, else the code goes back to the CMap,
//! and a font that still differs, or that `pdf-extract` fails on, is left as it was. Asking
//! costs about what two or three pages' reading of a CMap costs, so only fonts that at least
//! [`MIN_PAGES`] pages name are asked about.
//!
//! Asking `pdf-extract` (rather than repeating its rules here) means its own precedence of
//! CMap, `/Differences`, base encoding and glyph list decides, so nothing here can disagree
//! with it.

use super::pdf_fonts::deref;
use super::pdf_glyph_names;
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Reduces the `/ToUnicode` CMap of every simple font of `doc` as above; returns how many
/// fonts were rewritten.
pub fn reduce_to_unicode(doc: &mut Document) -> usize {
    let pages = pages_using(doc);
    let fonts: Vec<(ObjectId, Vec<u8>)> = doc
        .objects
        .iter()
        .filter(|(id, _)| pages.get(id).is_some_and(|&n| n >= MIN_PAGES))
        .filter_map(|(&id, object)| Some((id, probed_codes(doc, object.as_dict().ok()?)?)))
        .collect();
    if fonts.is_empty() {
        return 0;
    }
    let mut probe = Probe::new(std::mem::take(&mut doc.objects), doc.max_id);
    let count = fonts
        .iter()
        .filter(|(id, codes)| probe.reduce(*id, codes))
        .count();
    doc.objects = probe.finish();
    count
}

/// How many pages must name a font in their resources for it to be rewritten: asking about
/// a font costs about what two or three pages' reading of its CMap cost, so a font on fewer
/// pages is read faster as it is.
const MIN_PAGES: usize = 3;

/// For each font object, how many pages name it in their (inherited) `/Font` resources.
/// Fonts used only inside form XObjects are not counted, and so are left as they are.
fn pages_using(doc: &Document) -> HashMap<ObjectId, usize> {
    let mut pages: HashMap<ObjectId, usize> = HashMap::new();
    for page in doc.page_iter() {
        let Ok((own, inherited)) = doc.get_page_resources(page) else {
            continue;
        };
        let resources = own.into_iter().chain(
            inherited
                .iter()
                .filter_map(|&id| doc.get_dictionary(id).ok()),
        );
        let mut fonts: HashSet<ObjectId> = HashSet::new();
        for resources in resources {
            let Some(Object::Dictionary(named)) =
                resources.get(b"Font").ok().and_then(|f| deref(doc, f))
            else {
                continue;
            };
            fonts.extend(named.iter().filter_map(|(_, f)| f.as_reference().ok()));
        }
        for font in fonts {
            *pages.entry(font).or_default() += 1;
        }
    }
    pages
}

/// The codes to ask a font about, for a simple font with a `/ToUnicode` stream: every
/// one-byte code, or for a Type 3 font those it has widths for (`pdf-extract` fails on any
/// other before decoding it, so no text depends on how it would decode).
fn probed_codes(doc: &Document, font: &Dictionary) -> Option<Vec<u8>> {
    let subtype = deref(doc, font.get(b"Subtype").ok()?)?.as_name().ok()?;
    let Object::Stream(_) = deref(doc, font.get(b"ToUnicode").ok()?)? else {
        return None;
    };
    match subtype {
        b"Type1" | b"MMType1" | b"TrueType" => Some((0..=u8::MAX).collect()),
        b"Type3" => {
            let code = |key: &[u8]| {
                let value = deref(doc, font.get(key).ok()?)?.as_i64().ok()?;
                u8::try_from(value).ok()
            };
            let (first, last) = (code(b"FirstChar")?, code(b"LastChar")?);
            Some((first..=last).collect())
        }
        _ => None,
    }
}

/// The objects [`add_pages`] added.
pub(super) struct PageTree {
    /// The `/Pages` root.
    pub root: ObjectId,
    /// Each `/Page`, in order.
    pub pages: Vec<ObjectId>,
    /// The `/Catalog`, the document's `/Root`.
    pub catalog: ObjectId,
}

/// Gives `doc` a catalog and `count` US Letter pages, each drawing `content` with `fonts` as
/// its `/Font` resources.
pub(super) fn add_pages(
    doc: &mut Document,
    count: usize,
    content: ObjectId,
    fonts: Dictionary,
) -> PageTree {
    let root = doc.new_object_id();
    let pages: Vec<ObjectId> = (0..count)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => root, "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                "Resources" => dictionary! { "Font" => fonts.clone() },
            })
        })
        .collect();
    let kids: Vec<Object> = pages.iter().map(|&page| page.into()).collect();
    let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count as i64 };
    doc.objects.insert(root, Object::Dictionary(tree));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    PageTree {
        root,
        pages,
        catalog,
    }
}

/// A one-page document, made of the objects of the document being prepared, whose page
/// shows the codes being asked about in the font being asked about.
struct Probe {
    doc: Document,
    page: ObjectId,
    content: ObjectId,
    /// The objects added for the page, removed again by [`Probe::finish`].
    added: Vec<ObjectId>,
    /// The document's own `max_id`, given back by [`Probe::finish`].
    max_id: u32,
}

impl Probe {
    fn new(objects: BTreeMap<ObjectId, Object>, max_id: u32) -> Probe {
        let mut doc = Document::with_version("1.5");
        doc.objects = objects;
        doc.max_id = max_id;
        let content = doc.add_object(Stream::new(dictionary! {}, Vec::new()));
        let tree = add_pages(&mut doc, 1, content, dictionary! {});
        let page = tree.pages[0];
        Probe {
            doc,
            page,
            content,
            added: vec![tree.root, content, page, tree.catalog],
            max_id,
        }
    }

    /// The document's objects, as they were but for the rewritten fonts.
    fn finish(mut self) -> BTreeMap<ObjectId, Object> {
        for id in &self.added {
            self.doc.objects.remove(id);
        }
        self.doc.max_id = self.max_id;
        self.doc.objects
    }

    /// Rewrites font `id` as the module says, when every code in `codes` reads the same
    /// (text and width); true if it did.
    fn reduce(&mut self, id: ObjectId, codes: &[u8]) -> bool {
        let widths = self.widen(id);
        let rewritten = self.rewrite(id, codes);
        for (key, value) in widths.into_iter().flatten() {
            self.set(id, key, value);
        }
        rewritten
    }

    /// Gives a simple font whose `/Widths` `pdf-extract` reads a width for every code while it
    /// is asked about, each the width it has anyway: its own inside `/FirstChar`..`/LastChar`,
    /// its `/MissingWidth` (as `pdf-extract` reads it: a number in the font itself, else 0)
    /// outside. For every code without a width `pdf-extract` copies and sorts all the font's
    /// widths (for a log line it does not print), which made most of the asking's time.
    /// Returns the entries to put back; `None` where the font is left as it is (a Type 3
    /// font, or widths `pdf-extract` reads otherwise or fails on).
    fn widen(&mut self, id: ObjectId) -> Option<[(&'static [u8], Option<Object>); 3]> {
        let doc = &self.doc;
        let font = self.font(id)?;
        if deref(doc, font.get(b"Subtype").ok()?)?.as_name().ok()? == b"Type3" {
            return None;
        }
        let integer = |key: &[u8]| deref(doc, font.get(key).ok()?)?.as_i64().ok();
        let (first, last) = (integer(b"FirstChar")?, integer(b"LastChar")?);
        let widths = deref(doc, font.get(b"Widths").ok()?)?.as_array().ok()?;
        let number = |o: &Object| matches!(o, Object::Integer(_) | Object::Real(_));
        if !widths.iter().all(number) || i64::try_from(widths.len()).ok()? != last - first + 1 {
            return None;
        }
        let missing = font
            .get(b"MissingWidth")
            .ok()
            .filter(|o| number(o))
            .cloned()
            .unwrap_or(Object::Integer(0));
        let full: Vec<Object> = (0..=i64::from(u8::MAX))
            .map(|code| {
                let own = usize::try_from(code - first)
                    .ok()
                    .and_then(|at| widths.get(at));
                own.cloned().unwrap_or_else(|| missing.clone())
            })
            .collect();
        let saved = [b"FirstChar" as &[u8], b"LastChar", b"Widths"]
            .map(|key| (key, font.get(key).ok().cloned()));
        self.set(id, b"FirstChar", Some(Object::Integer(0)));
        self.set(id, b"LastChar", Some(Object::Integer(i64::from(u8::MAX))));
        self.set(id, b"Widths", Some(Object::Array(full)));
        Some(saved)
    }

    /// [`Probe::reduce`] with the font's widths as they are while it is asked about.
    fn rewrite(&mut self, id: ObjectId, codes: &[u8]) -> bool {
        self.show(id, codes);
        let Some(original) = self.decode() else {
            return false;
        };
        let Some(font) = self.font(id) else {
            return false;
        };
        let Some(to_unicode) = font.get(b"ToUnicode").ok().cloned() else {
            return false;
        };
        let encoding = font.get(b"Encoding").ok().cloned();
        let extendable = encoding.as_ref().and_then(|e| Extendable::of(&self.doc, e));
        // What each code reads as by the font's encoding alone (through `pdf-extract`'s
        // rules): the CMap need only say the others.
        self.set(id, b"ToUnicode", Some(cmap(&[])));
        let Some(fallback) = self.decode() else {
            self.set(id, b"ToUnicode", Some(to_unicode));
            return false;
        };
        let differ: Vec<(u8, &str)> = codes
            .iter()
            .zip(original.iter().zip(&fallback))
            .filter(|(_, (text, without))| text.0 != without.0)
            .map(|(&code, (text, _))| (code, text.0.as_str()))
            .collect();
        // Of those, the ones one glyph name can say go into the encoding instead.
        let mut named: Vec<(u8, Vec<u8>)> = match &extendable {
            Some(extendable) => differ
                .iter()
                .filter(|(code, _)| !extendable.named.contains(code))
                .filter_map(|&(code, text)| {
                    let mut chars = text.chars();
                    match (chars.next(), chars.next()) {
                        (Some(ch), None) => Some((code, pdf_glyph_names::name_of(ch)?)),
                        _ => None,
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        loop {
            let rest: Vec<(u8, &str)> = differ
                .iter()
                .filter(|(code, _)| named.iter().all(|(n, _)| n != code))
                .copied()
                .collect();
            let rewritten = match &extendable {
                Some(extendable) if !named.is_empty() => Some(extendable.with(&named)),
                _ => encoding.clone(),
            };
            self.set(id, b"Encoding", rewritten);
            if rest.is_empty() {
                // No CMap at all saves even its parse, but makes the map absent rather than
                // empty, which `pdf-extract` decodes by other rules: checked like the rest.
                self.set(id, b"ToUnicode", None);
                if self.decode().as_ref() == Some(&original) {
                    return true;
                }
            }
            self.set(id, b"ToUnicode", Some(cmap(&rest)));
            let read = self.decode();
            if read.as_ref() == Some(&original) {
                return true;
            }
            if named.is_empty() {
                break;
            }
            // The codes a name did not read back as the CMap did go back to the CMap; if
            // that is none of them, all of them do.
            let before = named.len();
            if let Some(read) = read {
                named.retain(|(code, _)| {
                    let at = codes.iter().position(|c| c == code);
                    at.is_some_and(|at| read.get(at) == original.get(at))
                });
            }
            if named.len() == before {
                named.clear();
            }
        }
        self.set(id, b"Encoding", encoding);
        self.set(id, b"ToUnicode", Some(to_unicode));
        false
    }

    /// Points the page at font `id` and has it show `codes`, one string.
    fn show(&mut self, id: ObjectId, codes: &[u8]) {
        let operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F0".into(), 1.into()]),
            Operation::new(
                "Tj",
                vec![Object::String(codes.to_vec(), StringFormat::Hexadecimal)],
            ),
            Operation::new("ET", vec![]),
        ];
        let bytes = Content { operations }.encode().unwrap_or_default();
        if let Ok(Object::Stream(content)) = self.doc.get_object_mut(self.content) {
            content.set_plain_content(bytes);
        }
        if let Ok(Object::Dictionary(page)) = self.doc.get_object_mut(self.page) {
            let fonts = dictionary! { "F0" => id };
            page.set("Resources", dictionary! { "Font" => fonts });
        }
    }

    /// The text of each code the page shows, as `pdf-extract` reads it; `None` if it fails.
    fn decode(&self) -> Option<Vec<(String, u64)>> {
        let mut texts = Texts(Vec::new());
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&self.doc, &mut texts, 1)
        }));
        matches!(read, Ok(Ok(()))).then_some(texts.0)
    }

    fn font(&self, id: ObjectId) -> Option<&Dictionary> {
        self.doc.get_object(id).ok()?.as_dict().ok()
    }

    /// Sets (or with `None` removes) entry `key` of font `id`.
    fn set(&mut self, id: ObjectId, key: &[u8], value: Option<Object>) {
        if let Ok(Object::Dictionary(font)) = self.doc.get_object_mut(id) {
            match value {
                Some(value) => font.set(key.to_vec(), value),
                None => {
                    font.remove(key);
                }
            }
        }
    }
}

/// A font's `/Encoding` that codes can be added to, as `/Differences` after its own.
struct Extendable {
    /// The encoding as a dictionary (a base encoding's name becomes `/BaseEncoding`).
    dict: Dictionary,
    /// Its `/Differences` as they are.
    differences: Vec<Object>,
    /// The codes its `/Differences` already name: left to them, since a second name for
    /// a code would not read the same way in `pdf-extract`'s table and its map.
    named: Vec<u8>,
}

impl Extendable {
    fn of(doc: &Document, encoding: &Object) -> Option<Extendable> {
        match deref(doc, encoding)? {
            Object::Name(base) => Some(Extendable {
                dict: dictionary! { "BaseEncoding" => Object::Name(base.clone()) },
                differences: Vec::new(),
                named: Vec::new(),
            }),
            Object::Dictionary(dict) => {
                let differences = match dict.get(b"Differences") {
                    Ok(differences) => deref(doc, differences)?.as_array().ok()?.clone(),
                    Err(_) => Vec::new(),
                };
                let mut named = Vec::new();
                let mut code: i64 = 0;
                for entry in &differences {
                    match deref(doc, entry)? {
                        Object::Integer(i) => code = *i,
                        Object::Name(_) => {
                            named.push(u8::try_from(code).ok()?);
                            code += 1;
                        }
                        _ => return None,
                    }
                }
                Some(Extendable {
                    dict: dict.clone(),
                    differences,
                    named,
                })
            }
            _ => None,
        }
    }

    /// The encoding with `names` (code, glyph name) added.
    fn with(&self, names: &[(u8, Vec<u8>)]) -> Object {
        let mut differences = self.differences.clone();
        for (code, name) in names {
            differences.push(Object::Integer((*code).into()));
            differences.push(Object::Name(name.clone()));
        }
        let mut dict = self.dict.clone();
        dict.set("Differences", Object::Array(differences));
        Object::Dictionary(dict)
    }
}

/// A CMap mapping each code to its text, as `pdf-extract`'s CMap parser reads them: runs
/// of codes whose texts are consecutive single UTF-16 units as one `bfrange`, the rest as
/// `bfchar`, and nothing else (the parser needs no header). Strings are written as literal
/// `(...)` strings, not `<...>`: the parser tries those first, so each costs it less. A
/// stream in the font itself, not an object of its own: nothing but `pdf-extract`, in
/// memory, reads it.
fn cmap(entries: &[(u8, &str)]) -> Object {
    let unit = |text: &str| {
        let mut units = text.encode_utf16();
        match (units.next(), units.next()) {
            (Some(unit), None) => Some(unit),
            _ => None,
        }
    };
    let mut ranges: Vec<(u8, u8, u16)> = Vec::new();
    let mut chars: Vec<(u8, &str)> = Vec::new();
    for &(code, text) in entries {
        let Some(value) = unit(text) else {
            chars.push((code, text));
            continue;
        };
        match ranges.last_mut() {
            Some((first, last, start))
                if u16::from(*last) + 1 == u16::from(code)
                    && u32::from(*start) + u32::from(code - *first) == u32::from(value) =>
            {
                *last = code;
            }
            _ => ranges.push((code, code, value)),
        }
    }
    // A range of one is a `bfchar` of one unit: three strings against two.
    let (ranges, singles): (Vec<_>, Vec<_>) = ranges.into_iter().partition(|(f, l, _)| f != l);
    let mut chars: Vec<(u8, Vec<u8>)> = chars
        .into_iter()
        .map(|(code, text)| (code, utf16be(text)))
        .chain(
            singles
                .into_iter()
                .map(|(code, _, unit)| (code, unit.to_be_bytes().to_vec())),
        )
        .collect();
    chars.sort();
    let mut bytes = Vec::new();
    if !chars.is_empty() || ranges.is_empty() {
        bytes.extend_from_slice(format!("{} beginbfchar\n", chars.len()).as_bytes());
        for (code, text) in &chars {
            literal(&mut bytes, &[*code]);
            literal(&mut bytes, text);
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(b"endbfchar\n");
    }
    if !ranges.is_empty() {
        bytes.extend_from_slice(format!("{} beginbfrange\n", ranges.len()).as_bytes());
        for (first, last, start) in ranges {
            literal(&mut bytes, &[first]);
            literal(&mut bytes, &[last]);
            literal(&mut bytes, &start.to_be_bytes());
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(b"endbfrange\n");
    }
    Object::Stream(Stream::new(dictionary! {}, bytes))
}

/// A text as UTF-16BE bytes.
fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// Appends `value` as a literal string and a space: `(`, `)` and `\` escaped, every other
/// byte as it is (the parser takes any).
fn literal(out: &mut Vec<u8>, value: &[u8]) {
    out.push(b'(');
    for &byte in value {
        if matches!(byte, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(byte);
    }
    out.extend_from_slice(b") ");
}

/// Records the text and width (as bits, to compare exactly) of each character
/// `pdf-extract` shows, nothing else.
struct Texts(Vec<(String, u64)>);

impl pdf_extract::OutputDev for Texts {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        _trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        _font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.0.push((char.to_owned(), width.to_bits()));
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Stream;

    /// A document of [`MIN_PAGES`] pages, each showing `shown` in a Type 1 font (widths for
    /// 32–126, no program) with `/Encoding << /Differences differences >>` and a `/ToUnicode`
    /// CMap of `cmap`.
    fn document(differences: Vec<Object>, cmap: &str, shown: &[u8]) -> (Document, ObjectId) {
        document_of(MIN_PAGES, differences, cmap, shown)
    }

    /// [`document`] with `count` pages.
    fn document_of(
        count: usize,
        differences: Vec<Object>,
        cmap: &str,
        shown: &[u8],
    ) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.as_bytes().to_vec()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Test",
            "FirstChar" => 32, "LastChar" => 126, "Widths" => vec![Object::Integer(500); 95],
            "Encoding" => dictionary! { "Differences" => differences },
            "ToUnicode" => to_unicode,
        });
        let operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(shown.to_vec())]),
            Operation::new("ET", vec![]),
        ];
        let content = Content { operations }.encode().unwrap();
        let content = doc.add_object(Stream::new(dictionary! {}, content));
        add_pages(&mut doc, count, content, dictionary! { "F1" => font });
        (doc, font)
    }

    /// The text `pdf-extract` reads from page 1.
    fn text(doc: &Document) -> String {
        let mut text = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(doc, &mut output, 1).unwrap();
        text
    }

    fn font(doc: &Document, id: ObjectId) -> &Dictionary {
        doc.get_object(id).unwrap().as_dict().unwrap()
    }

    /// The CMap text of font `id` now, if it has one.
    fn cmap_of(doc: &Document, id: ObjectId) -> Option<String> {
        let to_unicode = font(doc, id).get(b"ToUnicode").ok()?;
        let stream = deref(doc, to_unicode)?.as_stream().ok()?;
        Some(String::from_utf8_lossy(&stream.content).into_owned())
    }

    /// `A` and `B` named; the CMap says `A`, `B`, `’` (code 39) and, as two letters, the
    /// `fi` ligature (code 12).
    const LIGATURE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        1 beginbfrange <41> <42> <0041> endbfrange\n\
        2 beginbfchar <0C> <00660069> <27> <2019> endbfchar\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";

    fn ab() -> Vec<Object> {
        vec![65.into(), "A".into(), "B".into()]
    }

    #[test]
    fn a_quote_moves_to_the_encoding_and_the_ligature_stays_in_a_short_cmap() {
        let (mut doc, id) = document(ab(), LIGATURE, b"AB\x0c'");
        let before = text(&doc);
        assert_eq!(before.trim(), "ABfi\u{2019}");
        assert_eq!(reduce_to_unicode(&mut doc), 1);
        assert_eq!(text(&doc), before);
        let encoding = font(&doc, id).get(b"Encoding").unwrap().as_dict().unwrap();
        let differences = encoding.get(b"Differences").unwrap().as_array().unwrap();
        assert!(differences.contains(&Object::Name(b"quoteright".to_vec())));
        let cmap = cmap_of(&doc, id).unwrap();
        assert_eq!(cmap.matches("beginbf").count(), 1, "{cmap}");
        assert!(cmap.starts_with("1 beginbfchar"), "{cmap}");
        // Everything else in the document is as it was: no probe objects left behind, the
        // widths widened for the probe put back.
        assert_eq!(
            font(&doc, id).get(b"FirstChar").unwrap(),
            &Object::Integer(32)
        );
        let widths = font(&doc, id).get(b"Widths").unwrap().as_array().unwrap();
        assert_eq!(widths.len(), 95);
        assert_eq!(
            doc.objects.len(),
            document(ab(), LIGATURE, b"").0.objects.len()
        );
    }

    #[test]
    fn a_cmap_the_encoding_says_entirely_is_dropped() {
        let cmap = "1 beginbfrange <41> <42> <0041> endbfrange 1 beginbfchar <27> <2019> endbfchar";
        let (mut doc, id) = document(ab(), cmap, b"AB'");
        let before = text(&doc);
        assert_eq!(reduce_to_unicode(&mut doc), 1);
        assert_eq!(text(&doc), before);
        assert!(!font(&doc, id).has(b"ToUnicode"));
    }

    #[test]
    fn a_code_the_encoding_names_otherwise_keeps_its_cmap_entry() {
        // The encoding calls code 65 `B`; the CMap says it reads `A`: a second name for the
        // code would not read the same, so the CMap keeps it.
        let cmap = "1 beginbfchar <41> <0041> endbfchar";
        let (mut doc, id) = document(vec![65.into(), "B".into()], cmap, b"A");
        let before = text(&doc);
        assert_eq!(before.trim(), "A");
        assert_eq!(reduce_to_unicode(&mut doc), 1);
        assert_eq!(text(&doc), before);
        let kept = cmap_of(&doc, id).unwrap();
        assert!(kept.starts_with("1 beginbfchar"), "{kept}");
        let encoding = font(&doc, id).get(b"Encoding").unwrap().as_dict().unwrap();
        let differences = encoding.get(b"Differences").unwrap().as_array().unwrap();
        assert_eq!(
            differences,
            &vec![Object::Integer(65), Object::Name(b"B".to_vec())]
        );
    }

    #[test]
    fn a_font_on_fewer_pages_is_left_as_it_was() {
        let (mut doc, id) = document_of(MIN_PAGES - 1, ab(), LIGATURE, b"AB");
        let before = font(&doc, id).clone();
        assert_eq!(reduce_to_unicode(&mut doc), 0);
        assert_eq!(font(&doc, id), &before);
    }

    #[test]
    fn a_font_pdf_extract_fails_on_is_left_as_it_was() {
        // A `bfchar` without its second string: the CMap parser gives an error, and
        // `pdf-extract` panics on every page with the font.
        let cmap = "1 beginbfchar <41> endbfchar";
        let (mut doc, id) = document(ab(), cmap, b"A");
        let before = font(&doc, id).clone();
        assert_eq!(reduce_to_unicode(&mut doc), 0);
        assert_eq!(font(&doc, id), &before);
    }

    #[test]
    fn the_short_cmap_reads_back_as_written() {
        let entries = [
            (1, "\u{393}"),
            (2, "\u{394}"),
            (3, "fi"),
            (40, "("),
            (41, "\\"),
        ];
        let Object::Stream(stream) = cmap(&entries) else {
            panic!("a stream");
        };
        let map = adobe_cmap_parser::get_unicode_map(&stream.content).unwrap();
        let read: Vec<(u32, String)> = {
            let mut read: Vec<(u32, String)> = map
                .iter()
                .map(|(&code, bytes)| {
                    let units: Vec<u16> = bytes
                        .chunks(2)
                        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                        .collect();
                    (code, String::from_utf16(&units).unwrap())
                })
                .collect();
            read.sort();
            read
        };
        let written: Vec<(u32, String)> = entries
            .iter()
            .map(|&(c, t)| (u32::from(c), t.to_owned()))
            .collect();
        assert_eq!(read, written);
    }
}
