//! A deterministic generator of statement-like corpora, for benchmarks and tests of scale:
//! titles, datelines such as `Brussels, 14 March 2019`, speakers, kinds, and paragraphs of
//! plausible English from a fixed word list. A share of the files are Markdown with front
//! matter, and a few are awkward (byte-order mark, CRLF line ends). The same options always
//! write the same bytes; each document depends only on the seed and its number, so they are
//! generated on all cores.

mod words;

use rayon::prelude::*;
use std::io;
use std::path::Path;
use words::{ADJECTIVES, EVENTS, HEADLINES, KINDS, MONTHS, NAMES, NOUNS, PLACES, ROLES, WORDS};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many documents.
    pub documents: usize,
    /// The seed: another seed, another corpus.
    pub seed: u64,
    /// The average size of a document's text in bytes (sizes spread from 0.2 to 1.8 times).
    pub mean_bytes: usize,
}

impl Default for Options {
    /// 1,000 documents of about 10 KB: 100,000 of them make about 1 GB.
    fn default() -> Options {
        Options {
            documents: 1000,
            seed: 1,
            mean_bytes: 10_000,
        }
    }
}

/// One generated document: where it goes under the corpus folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthDocument {
    /// Relative path with `/` separators.
    pub path: String,
    /// The file's content (UTF-8, perhaps with a BOM or CRLF line ends).
    pub bytes: Vec<u8>,
}

/// What [`write_corpus`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub documents: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// A phrase planted in about 3% of the documents, for phrase benchmarks and tests.
pub const RARE_PHRASE: &str = "hybrid threats";
/// A phrase that is in no generated document: a phrase search that must read everything.
pub const ABSENT_PHRASE: &str = "quantum gravity";

/// Writes `options.documents` documents under `dir` (created if needed).
pub fn write_corpus(dir: &Path, options: &Options) -> io::Result<Written> {
    std::fs::create_dir_all(dir)?;
    let bytes = (0..options.documents)
        .into_par_iter()
        .map(|i| {
            let doc = document(options, i);
            let path = dir.join(&doc.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &doc.bytes)?;
            Ok(doc.bytes.len() as u64)
        })
        .collect::<io::Result<Vec<u64>>>()?;
    Ok(Written {
        documents: bytes.len(),
        bytes: bytes.iter().sum(),
    })
}

/// The corpus `options` describes, in memory (named `synth`), for tests and benchmarks
/// that need no files.
pub fn corpus(options: &Options) -> crate::store::Corpus {
    let files: Vec<SynthDocument> = (0..options.documents)
        .map(|i| document(options, i))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|d| (d.path.as_str(), d.bytes.as_slice()))
        .collect();
    crate::store::Corpus::from_files("synth", &refs)
}

/// The `index`th document of the corpus `options` describes.
pub fn document(options: &Options, index: usize) -> SynthDocument {
    let mut rng = Rng::new(options.seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let year = 2005 + rng.below(20) as i32;
    let month = 1 + rng.below(12) as usize;
    let day = 1 + rng.below(28);
    let kind = *rng.pick(KINDS);
    let speaker = format!("{} {}", rng.pick(ROLES), rng.pick(NAMES));
    let place = *rng.pick(PLACES);
    let topic = format!(
        "{} {} {}",
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        rng.pick(NOUNS)
    );
    let event = format!("the {} on {}", rng.pick(EVENTS), topic);
    let markdown = rng.below(10) == 0;
    let title = match kind {
        "press conference" => format!("Press conference\nby {speaker} following {event}"),
        "speech" => format!("Speech by {speaker} at {event}"),
        "statement" => format!("Statement by {speaker} on {topic}"),
        "remarks" => format!("Remarks by {speaker} at {event}"),
        _ => format!("{} - {}", capitalized(&topic), rng.pick(HEADLINES)),
    };
    let dateline = format!("{place}, {day} {} {year}", MONTHS[month - 1]);

    let mut text = String::with_capacity(options.mean_bytes * 2);
    if markdown {
        let one_line_title = title.replace('\n', " ");
        text.push_str(&format!(
            "---\ntitle: \"{one_line_title}\"\ndate: {year}-{month:02}-{day:02}\nspeaker: \"{speaker}\"\nkind: {kind}\n---\n\n# {one_line_title}\n\n{dateline}\n\n"
        ));
    } else {
        text.push_str(&format!("{title}\n\n{dateline}\n\n"));
    }
    let target = options.mean_bytes / 5 + rng.below(options.mean_bytes as u64 * 8 / 5 + 1) as usize;
    let plant = rng.below(100) < 3;
    let mut sentences = 0;
    while text.len() < target {
        let length = 2 + rng.below(5);
        for s in 0..length {
            if s > 0 {
                text.push(' ');
            }
            sentence(&mut rng, &mut text);
            sentences += 1;
            if plant && sentences == 7 {
                text.push_str(" We discussed how to counter hybrid threats together.");
            }
        }
        text.push_str("\n\n");
    }
    if plant && sentences < 7 {
        text.push_str("Allies must be ready for hybrid threats.\n");
    }

    let extension = if markdown { "md" } else { "txt" };
    let path = format!("{year}/{month:02}/{index:06}-{}.{extension}", slug(&topic));
    // One file in a hundred starts with a byte-order mark, another has CRLF line ends.
    let awkward = index % 100;
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if awkward == 7 {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    if awkward == 42 {
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    SynthDocument { path, bytes }
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let words = 8 + rng.below(18);
    for w in 0..words {
        let word = *rng.pick(WORDS);
        if w == 0 {
            out.push_str(&capitalized(word));
        } else {
            out.push(' ');
            out.push_str(word);
            if w + 1 < words && rng.below(12) == 0 {
                out.push(',');
            }
        }
    }
    out.push(if rng.below(15) == 0 { '?' } else { '.' });
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn slug(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("-")
}

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_options_give_the_same_documents() {
        let options = Options {
            documents: 50,
            ..Options::default()
        };
        for i in 0..50 {
            assert_eq!(document(&options, i), document(&options, i));
        }
        let other = Options { seed: 2, ..options };
        assert_ne!(document(&options, 3), document(&other, 3));
    }

    #[test]
    fn documents_read_as_statements() {
        let options = Options::default();
        let docs: Vec<_> = (0..200).map(|i| document(&options, i)).collect();
        let mean = docs.iter().map(|d| d.bytes.len()).sum::<usize>() / docs.len();
        assert!((7_000..13_000).contains(&mean), "mean size {mean}");
        assert!(docs.iter().any(|d| d.path.ends_with(".md")));
        assert!(
            docs.iter()
                .any(|d| d.bytes.starts_with("\u{feff}".as_bytes()))
        );
        assert!(
            docs.iter()
                .any(|d| d.bytes.windows(2).any(|w| w == b"\r\n"))
        );
        let planted = docs
            .iter()
            .filter(|d| String::from_utf8_lossy(&d.bytes).contains(RARE_PHRASE))
            .count();
        assert!((1..20).contains(&planted), "{planted} with the phrase");
    }
}
