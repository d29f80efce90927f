// WebAssembly half of the throughput measurement (benches/wasm-vs-native.sh): the npm
// package's validate() in Node.js, over every .json file of a folder, read into memory
// first. Prints one JSON line like the native example's.
//   node benches/wasm-throughput.mjs DIR [PASSES]
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { validate } from "../bindings/wasm/npm/node.js";

const [folder, passesArg = "5"] = process.argv.slice(2);
const passes = Number(passesArg);
const documents = readdirSync(folder)
  .filter((name) => name.endsWith(".json") && !name.startsWith(".")) // not .planted.json
  .sort()
  .map((name) => {
    const file = path.join(folder, name);
    return { text: readFileSync(file, "utf8"), options: { name: file } };
  });
const bytes = documents.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
let findings = 0;
const times = [];
for (let pass = 0; pass <= passes; pass += 1) {
  const started = process.hrtime.bigint();
  for (const { text, options } of documents) {
    findings += validate(text, options).files[0].diagnostics.length;
  }
  if (pass > 0) times.push(Number(process.hrtime.bigint() - started) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  JSON.stringify({
    documents: documents.length,
    bytes,
    findings,
    seconds_per_pass: Number(median.toFixed(4)),
    documents_per_second: Number((documents.length / median).toFixed(1)),
  }),
);
