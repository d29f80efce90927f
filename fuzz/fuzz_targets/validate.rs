//! Bytes to each parser, then to the validator: nothing may panic, hang or run out of
//! memory, and a document that reads must write back and read again unchanged.
//!
//! The first byte chooses the format (0: JSON, 1: YAML, 2: TOML, modulo 3); the rest is
//! the document. Run with `RUSTC_BOOTSTRAP=1 cargo fuzz run validate` (see fuzz/README.md).

#![no_main]

use casebook::{Format, Profile, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % 3];
    let report = Validator::new().with_profile(Profile::Iuc).validate_slice(bytes, format);
    let _ = serde_json::to_string(&report);
    if let Ok(case) = casebook::from_slice(bytes, format) {
        for other in Format::ALL {
            // TOML refuses some values (null in extensions); that is an error, not a loss.
            if let Ok(text) = casebook::to_string_as(&case, other) {
                let back = casebook::from_str_as(&text, other).expect("a written document reads back");
                assert_eq!(back, case, "{other} changed the document");
            }
        }
        let _ = casebook::render::render(&case, casebook::render::PageFormat::Html);
    }
});
