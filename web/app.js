// The validator page. Everything happens here, in the browser: casebook's WebAssembly
// build (casebook_wasm.js, with its bytes embedded in casebook_wasm_bytes.js so that the
// page works from disk too) checks and renders; nothing is sent anywhere.
/* global wasm_bindgen, CASEBOOK_WASM_BASE64 */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const fileInput = $("file");
  const formatSelect = $("format");
  const profileSelect = $("profile");
  const summary = $("summary");
  const findings = $("findings");
  const lines = $("lines");
  const preview = $("preview");
  const previewNote = $("preview-note");
  const tabs = { text: $("tab-text"), preview: $("tab-preview") };
  const panels = { text: $("panel-text"), preview: $("panel-preview") };

  let casebook = null;
  let fileName = null; // the name of the opened or dropped file, until the text is edited
  let pending = 0;
  let shownView = "text";

  const extensions = { json: "json", yaml: "yaml", yml: "yaml", toml: "toml" };

  /** The format of the text: the selector's, the file's extension, or a guess. */
  function formatOf(source) {
    if (formatSelect.value !== "auto") return formatSelect.value;
    const extension = fileName && fileName.split(".").pop().toLowerCase();
    if (extension && extensions[extension]) return extensions[extension];
    for (const line of source.split("\n")) {
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#") || trimmed === "---") continue;
      if (trimmed.startsWith("{") || trimmed.startsWith("[{")) return "json";
      if (/^\[[^\]]+\]$/.test(trimmed) || /^[A-Za-z0-9_."-]+\s*=/.test(trimmed)) return "toml";
      return "yaml";
    }
    return "json";
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function showLines(source, diagnostics) {
    const severities = new Map();
    for (const finding of diagnostics) {
      if (finding.line == null) continue;
      const before = severities.get(finding.line);
      if (before !== "error") severities.set(finding.line, finding.severity);
    }
    const fragment = document.createDocumentFragment();
    source.replace(/\r\n?/g, "\n").split("\n").forEach((content, index) => {
      const number = index + 1;
      const item = element("li", { id: `line-${number}`, "data-line": String(number) }, content || "\u200b");
      const severity = severities.get(number);
      if (severity) item.classList.add(`has-${severity}`);
      fragment.append(item);
    });
    lines.replaceChildren(fragment);
  }

  function markLine(number) {
    for (const marked of lines.querySelectorAll(".marked")) {
      marked.classList.remove("marked");
      marked.removeAttribute("aria-current");
    }
    showView("text");
    const line = $(`line-${number}`);
    if (!line) return;
    line.classList.add("marked");
    line.setAttribute("aria-current", "true");
    line.scrollIntoView({ block: "center" });
  }

  function showRule(code) {
    const rule = $(`rule-${code}`);
    if (!rule) return;
    rule.open = true;
    rule.scrollIntoView({ block: "start" });
    rule.querySelector("summary").focus();
  }

  function showReport(report, source) {
    const file = report.files[0];
    const { errors, warnings } = report.summary;
    if (file.error) {
      summary.textContent = `Not checked: ${file.error}`;
      summary.className = "invalid";
    } else if (file.valid) {
      summary.textContent = warnings
        ? `valid, with ${warnings} warning${warnings === 1 ? "" : "s"}`
        : "valid: no errors, no warnings";
      summary.className = "valid";
    } else {
      summary.textContent = `not valid: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
      summary.className = "invalid";
    }
    const items = file.diagnostics.map((finding) => {
      const where = finding.line == null ? "" : `${finding.line}:${finding.column ?? 1}`;
      const button = element(
        "button",
        { type: "button", class: "finding", "data-line": String(finding.line ?? "") },
        element("span", { class: `severity ${finding.severity}` }, finding.severity),
        element("span", { class: "code" }, finding.code),
        element("span", { class: "position" }, where ? `line ${where}` : "document"),
        element("span", { class: "message" }, finding.message + (finding.pointer ? ` (at ${finding.pointer})` : "")),
      );
      button.addEventListener("click", () => finding.line != null && markLine(finding.line));
      const explain = element("a", { href: `#rule-${finding.code}`, "aria-label": `Explain ${finding.code}` }, "explain");
      explain.addEventListener("click", (event) => {
        event.preventDefault();
        showRule(finding.code);
      });
      return element("li", { class: finding.severity }, button, explain);
    });
    findings.replaceChildren(...items);
    showLines(source, file.diagnostics);
    document.documentElement.dataset.reportedAt = String(performance.now());
  }

  function showPreview(source, format) {
    try {
      preview.srcdoc = casebook.render(source, format, "html");
      previewNote.textContent = "";
      preview.hidden = false;
    } catch (error) {
      preview.srcdoc = "";
      preview.hidden = true;
      previewNote.textContent = `No preview: the document does not read as a case study (${error.message}).`;
    }
  }

  function check() {
    if (!casebook) return;
    const source = text.value;
    if (source.trim() === "") {
      summary.textContent = "Open, drop or paste a case study to check it.";
      summary.className = "";
      findings.replaceChildren();
      lines.replaceChildren();
      return;
    }
    const format = formatOf(source);
    const options = {
      format,
      name: fileName || `pasted.${format}`,
      profiles: profileSelect.value ? [profileSelect.value] : [],
    };
    let report;
    try {
      report = JSON.parse(casebook.validate(source, JSON.stringify(options)));
    } catch (error) {
      summary.textContent = `The validator failed: ${error.message}`;
      summary.className = "invalid";
      return;
    }
    showReport(report, source);
    if (shownView === "preview") showPreview(source, format);
  }

  function checkSoon() {
    clearTimeout(pending);
    pending = setTimeout(check, 200);
  }

  async function open(file) {
    fileName = file.name;
    text.value = await file.text();
    check();
  }

  function showView(name) {
    shownView = name;
    for (const [key, tab] of Object.entries(tabs)) {
      const selected = key === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      panels[key].hidden = !selected;
    }
    if (name === "preview" && casebook && text.value.trim() !== "") {
      showPreview(text.value, formatOf(text.value));
    }
  }

  function showRules() {
    const rules = JSON.parse(casebook.rules());
    const items = rules.map((rule) => {
      const explained = JSON.parse(casebook.explain(rule.code));
      return element(
        "details",
        { id: `rule-${rule.code}` },
        element("summary", {}, element("code", {}, rule.code), ` (${rule.severity}, ${rule.kind}): ${rule.summary}`),
        element("p", {}, explained.why),
        element("p", {}, "A fragment it reports:"),
        element("pre", {}, explained.problem),
        element("p", {}, "The fix:"),
        element("pre", {}, explained.fix),
      );
    });
    $("rule-list").replaceChildren(...items);
  }

  function download() {
    const blob = new Blob([casebook.schema()], { type: "application/schema+json" });
    const link = element("a", { href: URL.createObjectURL(blob), download: "case-study.schema.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  text.addEventListener("input", () => {
    fileName = null;
    // A text pasted into an empty box is checked at once; typing waits for a pause.
    if (lines.childElementCount === 0) check();
    else checkSoon();
  });
  formatSelect.addEventListener("change", check);
  profileSelect.addEventListener("change", check);
  fileInput.addEventListener("change", () => fileInput.files[0] && open(fileInput.files[0]));
  $("download-schema").addEventListener("click", download);
  for (const [name, tab] of Object.entries(tabs)) {
    tab.addEventListener("click", () => showView(name));
    tab.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      const other = name === "text" ? "preview" : "text";
      showView(other);
      tabs[other].focus();
    });
  }
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    document.body.classList.remove("dragging");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) open(file);
  });

  async function start() {
    const binary = atob(CASEBOOK_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    await wasm_bindgen({ module_or_path: bytes });
    casebook = wasm_bindgen;
    const versions = JSON.parse(casebook.version());
    $("versions").textContent = `casebook ${versions.casebook}; format versions ${versions.formats
      .map((format) => format.version)
      .join(", ")}; code tables: ${versions.codeTables}`;
    document.documentElement.dataset.readyAt = String(performance.now());
    showRules();
    check();
  }

  start().catch((error) => {
    summary.textContent = `The validator could not start: ${error.message}`;
    summary.className = "invalid";
  });
})();
