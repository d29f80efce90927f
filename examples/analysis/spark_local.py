"""Checking and analysing a corpus with Apache Spark: `casebook.validate_text` mapped over
the documents, and the Parquet tables of `casebook export` read with `spark.read.parquet`.

    python examples/analysis/spark_local.py CORPUS_DIR TABLES_DIR [SHARDS]

CORPUS_DIR holds case studies as JSON files; TABLES_DIR receives one export per shard
(TABLES_DIR/shard-N/regions.parquet, ...), as machines of a cluster would each write
theirs. Runs in local mode (`local[2]`); on a cluster, give `--master` to spark-submit
and paths that every worker reads (HDFS, S3). Needs pyspark and the casebook wheel on
every worker.
"""

import os
import pathlib
import sys

import casebook
from pyspark.sql import SparkSession, functions as F

corpus, tables = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shards = int(sys.argv[3]) if len(sys.argv) > 3 else 4

# The workers run the same Python as this script, where casebook is installed.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
spark = SparkSession.builder.master("local[2]").appName("casebook").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")


def check(pair):
    # Runs on the workers: one document at a time, with the library's checks.
    path, text = pair
    report = casebook.validate_text(text, name=path)
    return (path, report.valid, len(report.errors), len(report.warnings))


files = spark.sparkContext.wholeTextFiles(str(corpus / "*.json"), minPartitions=shards)
reports = spark.createDataFrame(files.map(check), "file string, valid boolean, errors int, warnings int")
reports.groupBy("valid").agg(F.count("*").alias("documents"), F.sum("errors").alias("errors")).show()


def export(index_and_paths):
    # Each partition exports its own shard of files, as one machine of a cluster would.
    index, paths = index_and_paths
    result = casebook.export(list(paths), to="parquet", out=str(tables / f"shard-{index}"))
    return [(index, result.documents)]


paths = sorted(str(p) for p in corpus.glob("*.json"))
exported = (
    spark.sparkContext.parallelize(paths, shards)
    .mapPartitionsWithIndex(lambda index, part: export((index, part)))
    .collect()
)
print("exported per shard:", exported)

regions = spark.read.parquet(str(tables / "*" / "regions.parquet"))
pairs = (
    regions.alias("a")
    .join(regions.alias("b"), on="case_study_id")
    .where(F.col("a.country") < F.col("b.country"))
    .groupBy(F.col("a.country").alias("country_a"), F.col("b.country").alias("country_b"))
    .agg(F.countDistinct("case_study_id").alias("case_studies"))
    .orderBy(F.desc("case_studies"), "country_a", "country_b")
)
pairs.show(5)
# The checks across files (the same case-study id in two documents) need every
# document; over the tables, they are one query.
cases = spark.read.parquet(str(tables / "*" / "case_studies.parquet"))
print("case studies:", cases.count(), "duplicate ids:", cases.groupBy("case_study_id").count().where("count > 1").count())
spark.stop()
