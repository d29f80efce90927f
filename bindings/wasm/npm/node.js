// Node.js: the .wasm is read from the package's folder and compiled when the module is
// first imported; nothing is fetched.
import { readFileSync } from "node:fs";
import { initSync } from "./generated/casebook_wasm.js";

initSync({
  module: readFileSync(new URL("./generated/casebook_wasm_bg.wasm", import.meta.url)),
});

export { validate, schema, convert, render, rules, explain, version } from "./api.js";
