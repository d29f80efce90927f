// The package against the native command: the same fixtures, the same reports.
// CASEBOOK_BIN names the command (default: the debug build in CARGO_TARGET_DIR or
// target/); the tests run from any folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

import * as casebook from "casebook";

const root = path.resolve(fileURLToPath(new URL("../../../..", import.meta.url)));
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const bin = process.env.CASEBOOK_BIN ?? path.join(targetDir, "debug", "casebook");

/** The native command's JSON report for one file, named as given (relative to root). */
function native(file, args = []) {
  try {
    return execFileSync(bin, ["validate", "--format", "json", ...args, file], {
      cwd: root,
      encoding: "utf8",
    });
  } catch (error) {
    // Exit status 1: the file has an error; the report is on standard output all the same.
    if (error.status === 1) return error.stdout;
    throw error;
  }
}

const normal = (json) => JSON.stringify(JSON.parse(json));

function fixtures(folder) {
  return readdirSync(path.join(root, folder))
    .filter((name) => /\.(json|ya?ml|toml)$/.test(name))
    .sort()
    .map((name) => `${folder}/${name}`);
}

test("the reference example is valid", () => {
  for (const file of [
    "examples/data/cantabria-chihuahua.json",
    "examples/data/cantabria-chihuahua.yaml",
    "examples/data/cantabria-chihuahua.toml",
  ]) {
    const report = casebook.validate(readFileSync(path.join(root, file), "utf8"), { name: file });
    assert.equal(report.files[0].valid, true, file);
    assert.deepEqual(report.files[0].diagnostics, [], file);
    assert.equal(report.summary.valid, 1);
  }
});

// Every fixture that is UTF-8 text (a JavaScript string cannot hold anything else).
const compared = [
  ...fixtures("tests/fixtures/valid"),
  ...fixtures("tests/fixtures/invalid"),
  ...fixtures("tests/fixtures/hostile").filter((file) => !file.endsWith("invalid-utf8.json")),
];

test("each fixture gives the native command's report", () => {
  assert.ok(compared.length > 50, `only ${compared.length} fixtures found`);
  let findings = 0;
  for (const file of compared) {
    const text = readFileSync(path.join(root, file), "utf8");
    const report = casebook.validate(text, { name: file });
    findings += report.summary.errors + report.summary.warnings;
    assert.equal(JSON.stringify(report), normal(native(file)), file);
  }
  assert.ok(findings > 40, `only ${findings} findings over the fixtures`);
});

test("profiles and rule levels give the native command's report", () => {
  const file = "tests/fixtures/invalid/iuc-partners.yaml";
  const text = readFileSync(path.join(root, file), "utf8");
  const withProfile = casebook.validate(text, { name: file, profiles: ["iuc"] });
  assert.equal(JSON.stringify(withProfile), normal(native(file, ["--profile", "iuc"])));
  assert.ok(withProfile.files[0].diagnostics.some((d) => d.code.startsWith("iuc-")));

  const dated = "tests/fixtures/invalid/event-before-start.toml";
  const toml = readFileSync(path.join(root, dated), "utf8");
  const off = casebook.validate(toml, { name: dated, rules: { "event-before-start": "off" } });
  assert.equal(JSON.stringify(off), normal(native(dated, ["--rule", "event-before-start=off"])));
  assert.ok(!off.files[0].diagnostics.some((d) => d.code === "event-before-start"));
});

test("bad options throw with the library's message", () => {
  assert.throws(() => casebook.validate("{}", { profiles: ["nope"] }), /nope/);
  assert.throws(() => casebook.validate("{}", { rules: { syntax: "off" } }), /syntax/);
  assert.throws(() => casebook.validate("{}", { format: "xml" }), /xml/);
  assert.throws(() => casebook.validate("{}", { colour: true }), /colour/);
  assert.throws(() => casebook.explain("no-such-rule"), /no-such-rule/);
  assert.throws(() => casebook.render("{", "json", "html"), Error);
});

test("schema, convert, render, rules, explain and version agree with the command", () => {
  assert.equal(casebook.schema(), execFileSync(bin, ["schema"], { encoding: "utf8" }));
  const yamlFile = path.join(root, "examples/data/cantabria-chihuahua.yaml");
  const yaml = readFileSync(yamlFile, "utf8");
  assert.equal(
    casebook.convert(yaml, "yaml", "toml"),
    execFileSync(bin, ["convert", "--to", "toml", yamlFile], { encoding: "utf8" }),
  );
  assert.equal(
    casebook.render(yaml, "yaml", "html"),
    execFileSync(bin, ["render", "--to", "html", yamlFile], { encoding: "utf8" }),
  );
  assert.equal(
    casebook.render(yaml, "yaml", "markdown"),
    execFileSync(bin, ["render", yamlFile], { encoding: "utf8" }),
  );
  const listed = execFileSync(bin, ["rules"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/)[0]);
  const rules = casebook.rules();
  assert.deepEqual(rules.map((rule) => rule.code), listed);
  for (const rule of rules) {
    const explained = casebook.explain(rule.code);
    assert.equal(explained.code, rule.code);
    assert.ok(explained.why.length > 0 && explained.fix.length > 0, rule.code);
  }
  const version = casebook.version();
  assert.equal(version.casebook, JSON.parse(readFileSync(new URL("../package.json", import.meta.url))).version);
  assert.ok(version.formats.some((format) => format.version === version.latest));
  assert.ok(version.codeTables.length > 0);
});

test("what is not a string is refused, not read as the text \"null\"", () => {
  for (const wrong of [null, undefined, 42, { a: 1 }]) {
    assert.throws(() => casebook.validate(wrong), TypeError);
    assert.throws(() => casebook.explain(wrong), TypeError);
    assert.throws(() => casebook.convert(wrong, "json", "yaml"), TypeError);
  }
  assert.throws(() => casebook.convert("{}", "json"), /to must be a string/);
});
