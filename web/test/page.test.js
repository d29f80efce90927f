// The validator page in a real browser: Debian's chromium driven by playwright-core,
// the page (target/web, built by tools/build-wasm.sh) served from 127.0.0.1.
// CASEBOOK_BIN: the native command, whose reports the page must show.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { serve } from "./serve.js";
import { launch } from "./browser.js";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const bin = process.env.CASEBOOK_BIN ?? path.join(target, "debug", "casebook");
const reference = path.join(root, "examples/data/cantabria-chihuahua.json");
const broken = "tests/fixtures/readme/lyon-montreal.yaml";

function nativeReport(file) {
  try {
    return JSON.parse(execFileSync(bin, ["validate", "--format", "json", file], { cwd: root, encoding: "utf8" }));
  } catch (error) {
    if (error.status === 1) return JSON.parse(error.stdout);
    throw error;
  }
}

let server;
let browser;
let page;
const outside = [];
const afterLoad = [];

before(async () => {
  server = await serve(path.join(target, "web"));
  browser = await launch();
  page = await browser.context.newPage();
  let loaded = false;
  page.on("load", () => {
    loaded = true;
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${server.origin}/`) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      outside.push(url);
    }
    if (loaded && !url.startsWith("blob:") && !url.startsWith("data:")) afterLoad.push(url);
  });
  await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
  await page.waitForFunction(() => document.documentElement.dataset.readyAt);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the reference example, pasted, is valid", async () => {
  await page.locator("#text").fill(readFileSync(reference, "utf8"));
  await page.waitForFunction(() => document.getElementById("summary").className === "valid");
  assert.match(await page.locator("#summary").textContent(), /^valid/);
  assert.equal(await page.locator("#findings li").count(), 0);
});

test("a broken fixture, opened, shows each finding with its line; a click marks the line", async () => {
  const expected = nativeReport(broken).files[0].diagnostics;
  assert.ok(expected.length >= 2, "the fixture should have several findings");
  await page.locator("#file").setInputFiles(path.join(root, broken));
  await page.waitForFunction(() => document.getElementById("summary").className === "invalid");
  assert.match(await page.locator("#summary").textContent(), /not valid: \d+ error/);
  const shown = await page.locator("#findings button.finding").evaluateAll((buttons) =>
    buttons.map((button) => ({
      severity: button.querySelector(".severity").textContent,
      code: button.querySelector(".code").textContent,
      position: button.querySelector(".position").textContent,
      message: button.querySelector(".message").textContent,
    })),
  );
  assert.deepEqual(
    shown,
    expected.map((finding) => ({
      severity: finding.severity,
      code: finding.code,
      position: `line ${finding.line}:${finding.column}`,
      message: `${finding.message} (at ${finding.pointer})`,
    })),
  );
  // The last finding, so that the text view has to move.
  const chosen = expected[expected.length - 1];
  await page.locator("#findings button.finding").last().click();
  const marked = page.locator("#lines li.marked");
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.getAttribute("id"), `line-${chosen.line}`);
  assert.equal(await marked.getAttribute("aria-current"), "true");
  const sourceLine = readFileSync(path.join(root, broken), "utf8").split("\n")[chosen.line - 1];
  assert.equal((await marked.textContent()).replace("\u200b", ""), sourceLine);
  assert.ok(await marked.isVisible());
  const inView = await marked.evaluate((line) => {
    const box = line.getBoundingClientRect();
    const frame = line.parentElement.getBoundingClientRect();
    return box.top >= frame.top && box.bottom <= frame.bottom;
  });
  assert.ok(inView, "the marked line is scrolled into the text view");
  mkdirSync(path.join(target, "web-test"), { recursive: true });
  await page.screenshot({ path: path.join(target, "web-test", "page.png"), fullPage: true });
});

test("Preview shows the rendered case study with its title, or why it cannot", async () => {
  // The broken fixture has an unknown key: it does not read as a case study.
  await page.locator("#tab-preview").click();
  assert.equal(await page.locator("#tab-preview").getAttribute("aria-selected"), "true");
  assert.match(await page.locator("#preview-note").textContent(), /^No preview: .*contry/);
  assert.ok(await page.locator("#preview").isHidden());

  const title = JSON.parse(
    execFileSync(bin, ["convert", "--to", "json", reference], { encoding: "utf8" }),
  ).title;
  await page.locator("#text").fill(readFileSync(reference, "utf8"));
  await page.waitForFunction(() => document.getElementById("summary").className === "valid");
  const frame = page.frameLocator("#preview");
  await frame.locator("h1").waitFor({ state: "attached" });
  assert.ok(await page.locator("#preview").isVisible());
  assert.equal((await frame.locator("h1").textContent()).trim(), title);
  assert.equal(await page.locator("#preview-note").textContent(), "");
  mkdirSync(path.join(target, "web-test"), { recursive: true });
  await page.screenshot({ path: path.join(target, "web-test", "preview.png"), fullPage: true });
});

test("the rule explanations and the schema download work without the network", async () => {
  await page.locator("a[href='#rules']").click();
  assert.ok((await page.locator("#rule-list details").count()) > 20);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#download-schema").click(),
  ]);
  assert.equal(download.suggestedFilename(), "case-study.schema.json");
  const schema = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(schema.$id, JSON.parse(execFileSync(bin, ["schema"], { encoding: "utf8" })).$id);
});

test("a phone-sized window shows one column", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  await page.screenshot({ path: path.join(target, "web-test", "page-phone.png") });
});

test("the page works opened from disk (file://)", async () => {
  const fromDisk = await browser.context.newPage();
  const requests = [];
  fromDisk.on("request", (request) => requests.push(request.url()));
  await fromDisk.goto(pathToFileURL(path.join(target, "web", "index.html")).href);
  await fromDisk.waitForFunction(() => document.documentElement.dataset.readyAt);
  await fromDisk.locator("#text").fill(readFileSync(reference, "utf8"));
  await fromDisk.waitForFunction(() => document.getElementById("summary").className === "valid");
  assert.deepEqual(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:")), []);
  await fromDisk.close();
});

test("the page asked nothing of the network but the local server, and nothing after load", () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(afterLoad, []);
  assert.ok(server.requests.includes("/index.html"));
});
