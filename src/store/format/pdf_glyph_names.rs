//! Glyph names for characters, as `pdf-extract` reads them back: a name in a font's
//! `/Differences` reads as the character its glyph list gives (Adobe's, TeX's and PDFBox's
//! additions), so each name here is one that list maps to exactly this character (checked
//! against `pdf-extract` 0.12.1's list when written, and again by [`super::pdf_cmaps`] for
//! every font it rewrites). Letters A–Z and a–z are their own names.

/// The glyph name `pdf-extract` reads as `ch`, if this table has one.
pub fn name_of(ch: char) -> Option<Vec<u8>> {
    if ch.is_ascii_alphabetic() {
        return Some(vec![ch as u8]);
    }
    let at = NAMES.binary_search_by_key(&ch, |&(c, _)| c).ok()?;
    NAMES.get(at).map(|(_, name)| name.as_bytes().to_vec())
}

/// Characters and their names, by character: ASCII, Latin-1, Latin Extended-A, the spacing
/// accents, Greek, general punctuation and the mathematical symbols of TeX's fonts.
#[rustfmt::skip]
const NAMES: &[(char, &str)] = &[
    ('!', "exclam"), ('"', "quotedbl"), ('#', "numbersign"), ('$', "dollar"),
    ('%', "percent"), ('&', "ampersand"), ('\'', "quotesingle"), ('(', "parenleft"),
    (')', "parenright"), ('*', "asterisk"), ('+', "plus"), (',', "comma"), ('-', "hyphen"),
    ('.', "period"), ('/', "slash"), ('0', "zero"), ('1', "one"), ('2', "two"),
    ('3', "three"), ('4', "four"), ('5', "five"), ('6', "six"), ('7', "seven"),
    ('8', "eight"), ('9', "nine"), (':', "colon"), (';', "semicolon"), ('<', "less"),
    ('=', "equal"), ('>', "greater"), ('?', "question"), ('@', "at"), ('[', "bracketleft"),
    ('\\', "backslash"), (']', "bracketright"), ('^', "asciicircum"), ('_', "underscore"),
    ('`', "grave"), ('{', "braceleft"), ('|', "bar"), ('}', "braceright"),
    ('~', "asciitilde"), ('\u{a0}', "nonbreakingspace"), ('¡', "exclamdown"), ('¢', "cent"),
    ('£', "sterling"), ('¤', "currency"), ('¥', "yen"), ('¦', "brokenbar"), ('§', "section"),
    ('¨', "dieresis"), ('©', "copyright"), ('ª', "ordfeminine"), ('«', "guillemotleft"),
    ('¬', "logicalnot"), ('\u{ad}', "softhyphen"), ('®', "registered"), ('¯', "macron"),
    ('°', "degree"), ('±', "plusminus"), ('²', "twosuperior"), ('³', "threesuperior"),
    ('´', "acute"), ('µ', "mu"), ('¶', "paragraph"), ('·', "periodcentered"),
    ('¸', "cedilla"), ('¹', "onesuperior"), ('º', "ordmasculine"), ('»', "guillemotright"),
    ('¼', "onequarter"), ('½', "onehalf"), ('¾', "threequarters"), ('¿', "questiondown"),
    ('À', "Agrave"), ('Á', "Aacute"), ('Â', "Acircumflex"), ('Ã', "Atilde"),
    ('Ä', "Adieresis"), ('Å', "Aring"), ('Æ', "AE"), ('Ç', "Ccedilla"), ('È', "Egrave"),
    ('É', "Eacute"), ('Ê', "Ecircumflex"), ('Ë', "Edieresis"), ('Ì', "Igrave"),
    ('Í', "Iacute"), ('Î', "Icircumflex"), ('Ï', "Idieresis"), ('Ð', "Eth"), ('Ñ', "Ntilde"),
    ('Ò', "Ograve"), ('Ó', "Oacute"), ('Ô', "Ocircumflex"), ('Õ', "Otilde"),
    ('Ö', "Odieresis"), ('×', "multiply"), ('Ø', "Oslash"), ('Ù', "Ugrave"), ('Ú', "Uacute"),
    ('Û', "Ucircumflex"), ('Ü', "Udieresis"), ('Ý', "Yacute"), ('Þ', "Thorn"),
    ('ß', "germandbls"), ('à', "agrave"), ('á', "aacute"), ('â', "acircumflex"),
    ('ã', "atilde"), ('ä', "adieresis"), ('å', "aring"), ('æ', "ae"), ('ç', "ccedilla"),
    ('è', "egrave"), ('é', "eacute"), ('ê', "ecircumflex"), ('ë', "edieresis"),
    ('ì', "igrave"), ('í', "iacute"), ('î', "icircumflex"), ('ï', "idieresis"), ('ð', "eth"),
    ('ñ', "ntilde"), ('ò', "ograve"), ('ó', "oacute"), ('ô', "ocircumflex"), ('õ', "otilde"),
    ('ö', "odieresis"), ('÷', "divide"), ('ø', "oslash"), ('ù', "ugrave"), ('ú', "uacute"),
    ('û', "ucircumflex"), ('ü', "udieresis"), ('ý', "yacute"), ('þ', "thorn"),
    ('ÿ', "ydieresis"), ('Ā', "Amacron"), ('ā', "amacron"), ('Ă', "Abreve"), ('ă', "abreve"),
    ('Ą', "Aogonek"), ('ą', "aogonek"), ('Ć', "Cacute"), ('ć', "cacute"),
    ('Ĉ', "Ccircumflex"), ('ĉ', "ccircumflex"), ('Ċ', "Cdot"), ('ċ', "cdot"),
    ('Č', "Ccaron"), ('č', "ccaron"), ('Ď', "Dcaron"), ('ď', "dcaron"), ('Đ', "Dbar"),
    ('đ', "dbar"), ('Ē', "Emacron"), ('ē', "emacron"), ('Ĕ', "Ebreve"), ('ĕ', "ebreve"),
    ('Ė', "Edot"), ('ė', "edot"), ('Ę', "Eogonek"), ('ę', "eogonek"), ('Ě', "Ecaron"),
    ('ě', "ecaron"), ('Ĝ', "Gcircumflex"), ('ĝ', "gcircumflex"), ('Ğ', "Gbreve"),
    ('ğ', "gbreve"), ('Ġ', "Gdot"), ('ġ', "gdot"), ('Ģ', "Gcedilla"), ('ģ', "gcedilla"),
    ('Ĥ', "Hcircumflex"), ('ĥ', "hcircumflex"), ('Ħ', "Hbar"), ('ħ', "hbar"),
    ('Ĩ', "Itilde"), ('ĩ', "itilde"), ('Ī', "Imacron"), ('ī', "imacron"), ('Ĭ', "Ibreve"),
    ('ĭ', "ibreve"), ('Į', "Iogonek"), ('į', "iogonek"), ('İ', "Idot"), ('ı', "dotlessi"),
    ('Ĳ', "IJ"), ('ĳ', "ij"), ('Ĵ', "Jcircumflex"), ('ĵ', "jcircumflex"), ('Ķ', "Kcedilla"),
    ('ķ', "kcedilla"), ('ĸ', "kgreenlandic"), ('Ĺ', "Lacute"), ('ĺ', "lacute"),
    ('Ļ', "Lcedilla"), ('ļ', "lcedilla"), ('Ľ', "Lcaron"), ('ľ', "lcaron"), ('Ŀ', "Ldot"),
    ('ŀ', "ldot"), ('Ł', "Lslash"), ('ł', "lslash"), ('Ń', "Nacute"), ('ń', "nacute"),
    ('Ņ', "Ncedilla"), ('ņ', "ncedilla"), ('Ň', "Ncaron"), ('ň', "ncaron"),
    ('ŉ', "napostrophe"), ('Ŋ', "Ng"), ('ŋ', "ng"), ('Ō', "Omacron"), ('ō', "omacron"),
    ('Ŏ', "Obreve"), ('ŏ', "obreve"), ('Ő', "Odblacute"), ('ő', "odblacute"), ('Œ', "OE"),
    ('œ', "oe"), ('Ŕ', "Racute"), ('ŕ', "racute"), ('Ŗ', "Rcedilla"), ('ŗ', "rcedilla"),
    ('Ř', "Rcaron"), ('ř', "rcaron"), ('Ś', "Sacute"), ('ś', "sacute"), ('Ŝ', "Scircumflex"),
    ('ŝ', "scircumflex"), ('Ş', "Scedilla"), ('ş', "scedilla"), ('Š', "Scaron"),
    ('š', "scaron"), ('Ţ', "Tcedilla"), ('ţ', "tcedilla"), ('Ť', "Tcaron"), ('ť', "tcaron"),
    ('Ŧ', "Tbar"), ('ŧ', "tbar"), ('Ũ', "Utilde"), ('ũ', "utilde"), ('Ū', "Umacron"),
    ('ū', "umacron"), ('Ŭ', "Ubreve"), ('ŭ', "ubreve"), ('Ů', "Uring"), ('ů', "uring"),
    ('Ű', "Udblacute"), ('ű', "udblacute"), ('Ų', "Uogonek"), ('ų', "uogonek"),
    ('Ŵ', "Wcircumflex"), ('ŵ', "wcircumflex"), ('Ŷ', "Ycircumflex"), ('ŷ', "ycircumflex"),
    ('Ÿ', "Ydieresis"), ('Ź', "Zacute"), ('ź', "zacute"), ('Ż', "Zdot"), ('ż', "zdot"),
    ('Ž', "Zcaron"), ('ž', "zcaron"), ('ſ', "longs"), ('ƒ', "florin"), ('ˆ', "circumflex"),
    ('ˇ', "caron"), ('˘', "breve"), ('˙', "dotaccent"), ('˚', "ring"), ('˛', "ogonek"),
    ('˜', "tilde"), ('˝', "hungarumlaut"), ('Α', "Alpha"), ('Β', "Beta"), ('Γ', "Gamma"),
    ('Δ', "Deltagreek"), ('Ε', "Epsilon"), ('Ζ', "Zeta"), ('Η', "Eta"), ('Θ', "Theta"),
    ('Ι', "Iota"), ('Κ', "Kappa"), ('Λ', "Lambda"), ('Μ', "Mu"), ('Ν', "Nu"), ('Ξ', "Xi"),
    ('Ο', "Omicron"), ('Π', "Pi"), ('Ρ', "Rho"), ('Σ', "Sigma"), ('Τ', "Tau"),
    ('Υ', "Upsilon"), ('Φ', "Phi"), ('Χ', "Chi"), ('Ψ', "Psi"), ('Ω', "Omegagreek"),
    ('Ϊ', "Iotadieresis"), ('Ϋ', "Upsilondieresis"), ('ά', "alphatonos"),
    ('έ', "epsilontonos"), ('ή', "etatonos"), ('ί', "iotatonos"),
    ('ΰ', "upsilondieresistonos"), ('α', "alpha"), ('β', "beta"), ('γ', "gamma"),
    ('δ', "delta"), ('ε', "epsilon"), ('ζ', "zeta"), ('η', "eta"), ('θ', "theta"),
    ('ι', "iota"), ('κ', "kappa"), ('λ', "lambda"), ('ν', "nu"), ('ξ', "xi"),
    ('ο', "omicron"), ('π', "pi"), ('ρ', "rho"), ('ς', "sigma1"), ('σ', "sigma"),
    ('τ', "tau"), ('υ', "upsilon"), ('φ', "phi"), ('χ', "chi"), ('ψ', "psi"), ('ω', "omega"),
    ('ϑ', "theta1"), ('ϒ', "Upsilon1"), ('ϕ', "phi1"), ('ϖ', "pi1"), ('–', "endash"),
    ('—', "emdash"), ('‘', "quoteleft"), ('’', "quoteright"), ('‚', "quotesinglbase"),
    ('‛', "quotereversed"), ('“', "quotedblleft"), ('”', "quotedblright"),
    ('„', "quotedblbase"), ('†', "dagger"), ('‡', "daggerdbl"), ('•', "bullet"),
    ('…', "ellipsis"), ('‰', "perthousand"), ('′', "prime"), ('″', "second"),
    ('‹', "guilsinglleft"), ('›', "guilsinglright"), ('⁄', "fraction"), ('€', "Euro"),
    ('\u{2122}', "trademark"), ('\u{2126}', "Omega"), ('\u{2190}', "arrowleft"),
    ('\u{2191}', "arrowup"), ('\u{2192}', "arrowright"), ('\u{2193}', "arrowdown"),
    ('\u{2194}', "arrowboth"), ('\u{2195}', "arrowupdn"), ('\u{2200}', "forall"),
    ('\u{2202}', "partialdiff"), ('\u{2203}', "existential"), ('\u{2205}', "emptyset"),
    ('\u{2206}', "Delta"), ('\u{2207}', "nabla"), ('\u{2208}', "element"),
    ('\u{2209}', "notelement"), ('\u{220b}', "owner"), ('\u{220f}', "product"),
    ('\u{2211}', "summation"), ('\u{2212}', "minus"), ('\u{2217}', "asteriskmath"),
    ('\u{221a}', "radical"), ('\u{221d}', "proportional"), ('\u{221e}', "infinity"),
    ('\u{2220}', "angle"), ('\u{2227}', "logicaland"), ('\u{2228}', "logicalor"),
    ('\u{2229}', "intersection"), ('\u{222a}', "union"), ('\u{222b}', "integral"),
    ('\u{2234}', "therefore"), ('\u{223c}', "similar"), ('\u{2245}', "congruent"),
    ('\u{2248}', "approxequal"), ('\u{2260}', "notequal"), ('\u{2261}', "equivalence"),
    ('\u{2264}', "lessequal"), ('\u{2265}', "greaterequal"), ('\u{2282}', "subset"),
    ('\u{2283}', "superset"), ('\u{2286}', "reflexsubset"), ('\u{2287}', "reflexsuperset"),
    ('\u{2295}', "circleplus"), ('\u{2297}', "timescircle"), ('\u{22a5}', "perpendicular"),
    ('\u{22c5}', "dotmath"), ('\u{2423}', "visiblespace"), ('\u{25ca}', "lozenge"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names() {
        assert_eq!(name_of('A'), Some(b"A".to_vec()));
        assert_eq!(name_of('\u{2019}'), Some(b"quoteright".to_vec()));
        assert_eq!(name_of('Γ'), Some(b"Gamma".to_vec()));
        assert_eq!(name_of('\u{fb01}'), None);
    }
}
