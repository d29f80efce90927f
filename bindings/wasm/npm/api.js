// The package's functions over the generated bindings (./generated, made by
// tools/build-wasm.sh). Every call goes into the casebook library compiled to
// WebAssembly; this file only turns JSON text into objects and back.
import * as wasm from "./generated/casebook_wasm.js";

/** Refuses what is not a string, rather than checking the text "null" or "42". */
function text(value, name) {
  if (typeof value !== "string") {
    throw new TypeError(`casebook: ${name} must be a string, not ${value === null ? "null" : typeof value}`);
  }
  return value;
}

/**
 * Checks one case study. The report is the one `casebook validate --format json` gives
 * for one file.
 * @param {string} source
 * @param {import("./index.d.ts").ValidateOptions} [options]
 * @returns {import("./index.d.ts").Report}
 */
export function validate(source, options = {}) {
  return JSON.parse(wasm.validate(text(source, "the document"), JSON.stringify(options ?? {})));
}

/** The JSON Schema (draft 2020-12) of the format, as text. */
export function schema() {
  return wasm.schema();
}

/** Converts a case study between `json`, `yaml` and `toml`. */
export function convert(source, from, to) {
  return wasm.convert(text(source, "the document"), text(from, "from"), text(to, "to"));
}

/** Renders a case study as a page: `html` or `markdown`. */
export function render(source, format, page = "html") {
  return wasm.render(text(source, "the document"), text(format, "format"), text(page, "page"));
}

/** Every rule, with its code, default severity, kind and summary. */
export function rules() {
  return JSON.parse(wasm.rules());
}

/** One rule explained: why, an example of the problem and of the fix. */
export function explain(code) {
  return JSON.parse(wasm.explain(text(code, "code")));
}

/** The versions of casebook, of the format and of the code tables. */
export function version() {
  return JSON.parse(wasm.version());
}
