// Types of the `casebook` package. The report types mirror the JSON that
// `casebook validate --format json` writes (casebook::output::JsonReport).

/** A document syntax. */
export type Format = "json" | "yaml" | "toml";

/** A rule's level when it is adjusted. */
export type Level = "error" | "warning" | "off";

/** How serious a finding is. */
export type Severity = "error" | "warning";

/** A rule's kind. */
export type RuleKind = "structure" | "content" | "profile" | "across files";

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** The document's syntax; default: from `name`'s extension, else `json`. */
  format?: Format;
  /** The name the report gives the document; default `document.<format>`. */
  name?: string;
  /** Programme profiles whose checks are added, such as `iuc`. */
  profiles?: string[];
  /** Severity overrides: rule code to level. Structural rules cannot be adjusted. */
  rules?: Record<string, Level>;
  /** Count warnings as failures (`valid` is false when there is a warning). */
  denyWarnings?: boolean;
}

/** One finding. */
export interface Diagnostic {
  /** The rule's code, such as `unknown-reference`. */
  code: string;
  severity: Severity;
  /** JSON Pointer of the value the finding is about; empty for the document root. */
  pointer: string;
  /** What is wrong and what would be right. */
  message: string;
  /** Line in the text, from 1. */
  line: number | null;
  /**
   * Column in the line, from 1, in Unicode code points: a character outside the Basic
   * Multilingual Plane (an emoji) counts one, where a JavaScript string index counts two.
   */
  column: number | null;
}

/** The result for one document. */
export interface FileResult {
  /** The name given in the options. */
  file: string;
  /** True when the document was read and passes. */
  valid: boolean;
  /** Why the document could not be read (absent when it was). */
  error?: string;
  diagnostics: Diagnostic[];
}

/** The totals. */
export interface Summary {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
  skipped: number;
  errors: number;
  warnings: number;
}

/** The report of {@link validate}: the JSON of `casebook validate --format json`. */
export interface Report {
  /** One entry: the document checked. */
  files: FileResult[];
  summary: Summary;
  /** The versions of the code tables the checks used. */
  code_tables: string;
}

/** A rule, as {@link rules} lists it. */
export interface Rule {
  code: string;
  /** The default severity. */
  severity: Severity;
  kind: RuleKind;
  /** False for the structural rules, whose severity is fixed. */
  adjustable: boolean;
  summary: string;
}

/** A rule explained. */
export interface Explanation extends Rule {
  /** Why the rule exists. */
  why: string;
  /** A YAML fragment the rule reports. */
  problem: string;
  /** The same fragment, mended. */
  fix: string;
}

/** A version of the format. */
export interface FormatVersion {
  version: string;
  summary: string;
}

/** The versions of {@link version}. */
export interface Versions {
  /** This build of casebook. */
  casebook: string;
  /** Every format version read, oldest first. */
  formats: FormatVersion[];
  /** The newest format version. */
  latest: string;
  /** The code tables' sources and versions. */
  codeTables: string;
  /** The source of the country boxes. */
  countryBoxes: string;
}

/**
 * Checks one case study. Problems in the document are findings in the report; an unknown
 * format, profile, rule or level throws.
 */
export function validate(text: string, options?: ValidateOptions): Report;

/** The JSON Schema (draft 2020-12) of the format, as text. */
export function schema(): string;

/** Converts a case study from one syntax to another. Throws when it does not read. */
export function convert(text: string, from: Format, to: Format): string;

/** Renders a case study as a page. Throws when it does not read as a case study. */
export function render(text: string, format: Format, page?: "html" | "markdown"): string;

/** Every rule. */
export function rules(): Rule[];

/** One rule explained. Throws for an unknown code. */
export function explain(code: string): Explanation;

/** The versions of casebook, the format and the code tables. */
export function version(): Versions;
