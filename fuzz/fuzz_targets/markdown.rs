//! Markdown rendering (`store::markdown::render`) of a normalized text: the rendered text
//! is normalized, its styles fit it, and rendering is deterministic.
#![no_main]

use dossier::store::markdown::render;
use dossier::store::normalize::{Repairs, clean};
use dossier_fuzz::{as_text, assert_normalized, assert_styles_fit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = as_text(data) else {
        return;
    };
    // `render` takes text that has been through `clean`, as the ingest gives it.
    let text = clean(text, &mut Repairs::default());
    let rendered = render(&text);
    assert_normalized(&rendered.text, "render");
    assert_styles_fit(&rendered.text, &rendered.styles, "render");
    let again = render(&text);
    assert_eq!(again.text, rendered.text);
    assert_eq!(again.styles, rendered.styles);
});
