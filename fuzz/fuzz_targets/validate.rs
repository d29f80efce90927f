//! Bytes to each parser, then to the validator and the batch pipeline with every report
//! writer: nothing may panic, hang or run out of memory, and a document that reads must
//! write back and read again unchanged, key order included (or be refused by name).
//!
//! The first byte chooses the layout (0: JSON, 1: YAML, 2: TOML, 3: JSON Lines, modulo 4);
//! the rest is the input. Run with `RUSTC_BOOTSTRAP=1 cargo fuzz run validate` (see
//! fuzz/README.md).

#![no_main]

use casebook::batch::{Batch, Input, Layout};
use casebook::output::{OutputFormat, OutputOptions};
use casebook::{Format, Profile, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let validator = Validator::new().with_profile(Profile::iuc());
    let layout = match selector % 4 {
        3 => Layout::JsonLines,
        other => Layout::Single(Format::ALL[usize::from(other)]),
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let report = Batch::new(validator.clone()).check(&[Input::text("fuzz", text, layout)]);
    for format in OutputFormat::ALL {
        let mut sink = Vec::new();
        casebook::output::write(*format, &report, &OutputOptions::default(), &mut sink)
            .expect("writing to memory cannot fail");
    }
    let Layout::Single(format) = layout else {
        return;
    };
    let _ = serde_json::to_string(&validator.validate_slice(bytes, format));
    if let Ok(case) = casebook::from_slice(bytes, format) {
        let original = serde_json::to_string(&case).expect("the model writes as JSON");
        for other in Format::ALL {
            // A syntax that cannot hold a value says so (an error); it never changes it.
            if let Ok(text) = casebook::to_string_as(&case, other) {
                let back = casebook::from_str_as(&text, other).expect("a written document reads back");
                let back = serde_json::to_string(&back).expect("the model writes as JSON");
                assert_eq!(back, original, "{other} changed the document");
            }
        }
        let _ = casebook::render::render(&case, casebook::render::PageFormat::Html);
    }
});
