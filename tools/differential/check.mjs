// The other half of the differential test: every document that
// `cargo run -p casebook-test-support --bin differential -- DIR` wrote, checked with Ajv
// (JSON Schema draft 2020-12, ECMAScript regular expressions, strict mode) against the
// committed schema, and compared with casebook's verdict on its shape. Any document on
// which the two disagree is printed, and the run fails.
//
//     node tools/differential/check.mjs DIR

import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node check.mjs DIR");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(join(dir, "schema.json"), "utf8"));
// Strict mode, every error; `format` is an annotation in draft 2020-12, as casebook
// and Python's jsonschema treat it, so formats are not checked on their own.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

let agreed = 0;
const disagreements = [];
for (const line of readFileSync(join(dir, "cases.jsonl"), "utf8").split("\n")) {
  if (!line.trim()) continue;
  const item = JSON.parse(line);
  const schemaRejects = !validate(item.document);
  const casebookRejects = item.structural.length > 0;
  if (schemaRejects === casebookRejects) {
    agreed += 1;
  } else {
    disagreements.push({
      what: item.what,
      pointer: item.pointer,
      ajv: schemaRejects ? validate.errors.map((e) => `${e.instancePath} ${e.message}`) : "valid",
      casebook: casebookRejects ? item.structural : "valid",
    });
  }
}
for (const disagreement of disagreements.slice(0, 40)) {
  console.log(JSON.stringify(disagreement));
}
console.log(`${agreed} passed, ${disagreements.length} failed`);
process.exit(disagreements.length === 0 && agreed >= 10000 ? 0 : 1);
