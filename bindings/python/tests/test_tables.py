"""The tables, checked with their real consumers: DuckDB and pandas read the Parquet and
CSV output of a generated corpus, and joins over them give the figures counted from the
documents themselves (read with Python's json module) and those of `casebook stats`."""

import itertools
import json
import subprocess
from collections import Counter

import duckdb
import pandas as pd
import pytest

import casebook


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    folders = {}
    for to in ("parquet", "csv", "jsonl"):
        out = tmp_path_factory.mktemp(to)
        result = casebook.export([corpus], to=to, out=out, threads=2)
        folders[to] = (out, result)
    return folders


@pytest.fixture(scope="module")
def expected(documents):
    """The figures, counted from the documents without casebook."""
    pairs = Counter()
    countries = Counter()
    sdg_cases = Counter()
    sdg_topics = Counter()
    funding = Counter()
    funding_amounts = Counter()
    funding_kinds = Counter()
    for doc in documents:
        present = sorted({region["country"] for region in doc["regions"]})
        countries.update(present)
        pairs.update(itertools.combinations(present, 2))
        sdgs = set()
        for topic in doc.get("topics", []):
            for goal in topic.get("sdgs", []):
                sdg_topics[goal] += 1
                sdgs.add(goal)
        sdg_cases.update(sdgs)
        for source in doc.get("funding_sources", []):
            funding_kinds[source["kind"]] += 1
            amount = source.get("amount")
            if amount:
                funding[(source["kind"], amount["currency"])] += 1
                funding_amounts[(source["kind"], amount["currency"])] += amount["value"]
    return {
        "case_studies": len(documents),
        "pairs": dict(pairs),
        "countries": dict(countries),
        "sdg_cases": dict(sdg_cases),
        "sdg_topics": dict(sdg_topics),
        "funding": dict(funding),
        "funding_amounts": dict(funding_amounts),
        "funding_kinds": dict(funding_kinds),
    }


@pytest.fixture(scope="module")
def stats(corpus, casebook_bin):
    run = subprocess.run([casebook_bin, "stats", "--format", "json", str(corpus)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_corpus_is_not_trivial(expected):
    assert expected["case_studies"] >= 100
    assert len(expected["pairs"]) > 10
    assert len(expected["funding"]) >= 3


def test_export_counts(exported, expected, documents):
    for to, (out, result) in exported.items():
        assert result.documents == expected["case_studies"]
        assert result.rows["case_studies"] == len(documents)
        assert result.rows["regions"] == sum(len(d["regions"]) for d in documents)
        assert result.rows["topic_sdgs"] == sum(expected["sdg_topics"].values())
        assert all(path.exists() and path.parent == out for path in result.files.values())


def duckdb_reader(to, out):
    if to == "parquet":
        return lambda table: f"read_parquet('{out / (table + '.parquet')}')"
    # The quote and delimiter are stated: DuckDB's sniffer guesses them from a sample, and a
    # sample with apostrophes in names (Côte d'Ivoire) makes it guess `'` as the quote.
    return lambda table: (
        f"read_csv('{out / (table + '.csv')}', header=true, delim=',', quote='\"', escape='\"', all_varchar=false)"
    )


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_duckdb_joins(exported, expected, to):
    out, _ = exported[to]
    t = duckdb_reader(to, out)
    con = duckdb.connect()
    pairs = con.sql(
        f"""
        SELECT a.country, b.country, count(DISTINCT a.case_study_id)
        FROM {t('regions')} a JOIN {t('regions')} b
          ON a.case_study_id = b.case_study_id AND a.country < b.country
        GROUP BY ALL
        """
    ).fetchall()
    assert {(a, b): n for a, b, n in pairs} == expected["pairs"]
    sdgs = con.sql(
        f"""
        SELECT s.sdg, count(*), count(DISTINCT t.case_study_id)
        FROM {t('topics')} t JOIN {t('topic_sdgs')} s USING (case_study_id, topic_id)
        GROUP BY s.sdg
        """
    ).fetchall()
    assert {sdg: topics for sdg, topics, _ in sdgs} == expected["sdg_topics"]
    assert {sdg: cases for sdg, _, cases in sdgs} == expected["sdg_cases"]
    funding = con.sql(
        f"""
        SELECT kind, amount_currency, count(*), sum(amount_value)
        FROM {t('funding_sources')} WHERE amount_value IS NOT NULL
        GROUP BY ALL
        """
    ).fetchall()
    assert {(k, c): n for k, c, n, _ in funding} == expected["funding"]
    for kind, currency, _, total in funding:
        assert total == pytest.approx(expected["funding_amounts"][(kind, currency)])


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_pandas_joins(exported, expected, to):
    out, _ = exported[to]
    # Namibia's code is `NA`, which pandas reads as missing unless told otherwise: an
    # empty field is the tables' only null.
    def read(path):
        if to == "parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, keep_default_na=False, na_values=[""])

    def table(name):
        return read(out / f"{name}.{to}")

    regions = table("regions")
    merged = regions.merge(regions, on="case_study_id")
    merged = merged[merged.country_x < merged.country_y]
    pairs = merged.groupby(["country_x", "country_y"]).case_study_id.nunique()
    assert {key: int(n) for key, n in pairs.items()} == expected["pairs"]
    sdgs = table("topics").merge(table("topic_sdgs"), on=["case_study_id", "topic_id"])
    assert {int(k): int(n) for k, n in sdgs.groupby("sdg").size().items()} == expected["sdg_topics"]
    funding = table("funding_sources").dropna(subset=["amount_value"])
    counts = funding.groupby(["kind", "amount_currency"]).size()
    assert {key: int(n) for key, n in counts.items()} == expected["funding"]


def test_the_same_figures_as_casebook_stats(exported, stats, expected):
    out, _ = exported["parquet"]
    t = duckdb_reader("parquet", out)
    con = duckdb.connect()
    assert con.sql(f"SELECT count(*) FROM {t('case_studies')}").fetchall()[0][0] == stats["case_studies"]
    by_country = dict(con.sql(f"SELECT country, count(DISTINCT case_study_id) FROM {t('regions')} GROUP BY ALL").fetchall())
    assert by_country == stats["by_country"] == expected["countries"]
    by_sdg = dict(con.sql(f"SELECT sdg, count(DISTINCT case_study_id) FROM {t('topic_sdgs')} GROUP BY ALL").fetchall())
    assert {str(k): v for k, v in by_sdg.items()} == stats["by_sdg"]
    by_topic = dict(con.sql(f"SELECT topic_id, count(DISTINCT case_study_id) FROM {t('topics')} GROUP BY ALL").fetchall())
    assert by_topic == stats["by_topic"]
    by_kind = dict(con.sql(f"SELECT kind, count(*) FROM {t('funding_sources')} GROUP BY ALL").fetchall())
    assert by_kind == stats["funding_by_kind"] == expected["funding_kinds"]
    by_status = dict(con.sql(f"SELECT status, count(*) FROM {t('funding_sources')} GROUP BY ALL").fetchall())
    assert by_status == stats["funding_by_status"]


def test_jsonl_rows_are_the_columns_of_the_dictionary(exported):
    out, result = exported["jsonl"]
    columns = casebook.tables()
    for name, path in result.files.items():
        with open(path) as file:
            first = file.readline()
        if first:
            assert list(json.loads(first)) == [c[0] for c in columns[name]]


def test_read_tables_gives_pyarrow_and_pandas(corpus, expected):
    arrow = casebook.read_tables(corpus)
    assert arrow["case_studies"].num_rows == expected["case_studies"]
    assert str(arrow["pairings"].schema.field("started_earliest").type) == "date32[day]"
    frames = casebook.read_tables(corpus, to="pandas")
    assert len(frames["regions"]) == arrow["regions"].num_rows
    assert set(frames) == set(casebook.tables())
