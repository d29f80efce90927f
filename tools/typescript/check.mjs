// Generates TypeScript types from the committed JSON Schema with json-schema-to-typescript,
// as a TypeScript user of the format would, and checks them with tsc --strict: each
// document that `python3 tools/fixtures.py DIR` wrote becomes a typed object literal, which
// must compile when the document is valid and must not when its fixture is structurally
// invalid, except for the fixtures listed in CANNOT_EXPRESS with the reason.
//
//     node tools/typescript/check.mjs DIR
//
// The generator runs with its default options and must print no warning.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const documents = resolve(process.argv[2] ?? "target/generated-types/documents");
const out = join(documents, "..", "typescript");

// Problems a TypeScript type cannot state, by fixture.
const CANNOT_EXPRESS = {
  "blank-text.json": "text patterns (a string type has no pattern)",
  "duplicate-item.yaml": "lists without repeats (uniqueItems)",
  "out-of-range.toml": "number ranges (a number type has no minimum)",
};

const warnings = [];
const originalWarn = console.warn;
console.warn = (...args) => warnings.push(args.join(" "));
const schema = JSON.parse(readFileSync(join(root, "schema", "case-study.schema.json"), "utf8"));
const types = await compile(schema, "CaseStudy", { cwd: join(root, "schema") });
console.warn = originalWarn;
if (warnings.length > 0) {
  console.error(`json-schema-to-typescript warned:\n${warnings.join("\n")}`);
  process.exit(1);
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "case-study.d.ts"), types);
const manifest = JSON.parse(readFileSync(join(documents, "manifest.json"), "utf8"));
const files = [];
for (const [name, entry] of Object.entries(manifest)) {
  const literal = readFileSync(join(documents, name), "utf8");
  const file = join(out, `${name.replace(/[^A-Za-z0-9]/g, "_")}.ts`);
  writeFileSync(
    file,
    `import type { CaseStudy } from "./case-study";\nexport const document: CaseStudy = ${literal};\n`,
  );
  files.push({ file, name, entry });
}

const program = ts.createProgram(
  files.map(({ file }) => file),
  { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler },
);
const errorsByFile = new Map();
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const file = diagnostic.file ? resolve(diagnostic.file.fileName) : "(global)";
  const list = errorsByFile.get(file) ?? [];
  list.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  errorsByFile.set(file, list);
}

const failures = [];
for (const known of errorsByFile.keys()) {
  if (!files.some(({ file }) => resolve(file) === known)) {
    failures.push(`${known}: ${errorsByFile.get(known)[0]}`);
  }
}
for (const { file, entry } of files) {
  const errors = errorsByFile.get(resolve(file)) ?? [];
  if (entry.valid && errors.length > 0) {
    failures.push(`${entry.source}: valid, but tsc says: ${errors[0]}`);
  } else if (!entry.valid) {
    const beyond = CANNOT_EXPRESS[entry.fixture];
    if (beyond && errors.length > 0) {
      failures.push(`${entry.source}: listed as beyond TypeScript (${beyond}), but tsc rejects it now; drop it from the list`);
    } else if (!beyond && errors.length === 0) {
      failures.push(`${entry.source}: has a structural error, but the TypeScript type accepts it`);
    }
  }
}
for (const fixture of Object.keys(CANNOT_EXPRESS)) {
  if (!Object.values(manifest).some((entry) => entry.fixture === fixture)) {
    failures.push(`${fixture}: listed in CANNOT_EXPRESS but not a structurally invalid fixture`);
  }
}

for (const failure of failures) console.log(failure);
console.log(`typescript: ${files.length - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
