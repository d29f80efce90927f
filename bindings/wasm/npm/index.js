// Browsers and bundlers: the .wasm beside the generated glue is fetched and compiled
// once, when the module is first imported.
import init from "./generated/casebook_wasm.js";

await init();

export { validate, schema, convert, render, rules, explain, version } from "./api.js";
