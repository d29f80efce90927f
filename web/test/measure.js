// The page's time from navigation to the first report on the reference example, in
// headless Chromium with a fresh profile each run (no cached code): the page is loaded,
// the example pasted as soon as the load event fires, and the time taken from the page's
// own clock (performance.now(), from navigation start) when the report is shown. Also:
// when the validator was ready, and the time from the paste to the report.
//   node measure.js [RUNS]        (after tools/build-wasm.sh)
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.js";
import { launch } from "./browser.js";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const example = readFileSync(path.join(root, "examples/data/cantabria-chihuahua.json"), "utf8");
const runs = Number(process.argv[2] ?? 7);

const server = await serve(path.join(target, "web"));
const ready = [];
const reported = [];
const pasted = [];
for (let run = 0; run < runs; run += 1) {
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/index.html`, { waitUntil: "load" });
  pasted.push(await page.evaluate(() => performance.now()));
  await page.locator("#text").fill(example);
  await page.waitForFunction(() => document.getElementById("summary").className === "valid");
  const times = await page.evaluate(() => ({
    ready: Number(document.documentElement.dataset.readyAt),
    reported: Number(document.documentElement.dataset.reportedAt),
  }));
  ready.push(times.ready);
  reported.push(times.reported);
  await browser.close();
}
await server.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  JSON.stringify({
    runs,
    median_ms_to_validator_ready: Math.round(median(ready)),
    median_ms_to_first_report: Math.round(median(reported)),
    median_ms_from_paste_to_report: Math.round(median(reported.map((time, run) => time - pasted[run]))),
    all_ms_to_first_report: reported.map(Math.round),
  }),
);
