#!/usr/bin/env python3
"""JD skill extraction vs the postings' tool flags (../shared/corpus/jd, silver labels).

For every posting with both .md and .json, runs `personaforge kb jd POSTING.md` and sets a flag
when a concept of its group (below) is found anywhere in the text; compares with the JSON's
has_* flags. Reports precision and recall per flag and micro-averaged. Measuring only.

    tests/bench/kb/eval_jd.py BUILD_DIR [SHARED_DIR]
"""
import glob, json, os, subprocess, sys

build = sys.argv[1] if len(sys.argv) > 1 else 'build'
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '../../../../shared')
pf = os.path.join(build, 'src', 'personaforge')
FLAGS = {
    'has_sql': {'SQL', 'T-SQL', 'PL/SQL', 'PL/pgSQL'},
    'has_python': {'Python'},
    'has_dbt': {'dbt', 'dbt Cloud'},
    'has_dbt_cloud': {'dbt Cloud'},
    'has_spark': {'Apache Spark'},
    'has_airflow': {'Apache Airflow', 'Amazon MWAA', 'Google Cloud Composer'},
    'has_dagster': {'Dagster'},
    'has_prefect': {'Prefect'},
    'has_snowflake': {'Snowflake'},
    'has_databricks': {'Databricks', 'Azure Databricks'},
    'has_bigquery': {'Google BigQuery'},
    'has_redshift': {'Amazon Redshift'},
    'has_duckdb': {'DuckDB', 'MotherDuck'},
    'has_postgres': {'PostgreSQL'},
    'has_kafka': {'Apache Kafka', 'Confluent', 'Amazon MSK', 'Kafka Streams', 'Kafka Connect'},
    'has_terraform': {'Terraform'},
    'has_looker': {'Looker'},
    'has_tableau': {'Tableau'},
    'has_power_bi': {'Microsoft Power BI'},
    'has_metabase': {'Metabase'},
    'has_fivetran': {'Fivetran'},
    'has_airbyte': {'Airbyte'},
    'has_glue': {'AWS Glue'},
    'has_fabric_synapse': {'Microsoft Fabric', 'Azure Synapse Analytics'},
    'has_great_expectations': {'Great Expectations'},
    'has_soda': {'Soda'},
}
counts = {f: [0, 0, 0] for f in FLAGS}  # tp, fp, fn
n = 0
for md in sorted(glob.glob(os.path.join(shared, 'corpus/jd/postings/*.md'))):
    js = md[:-3] + '.json'
    if not os.path.exists(js):
        continue
    truth = json.load(open(js, encoding='utf-8'))
    out = json.loads(subprocess.run([pf, 'kb', 'jd', md], capture_output=True, check=True).stdout)
    found = {s['concept'] for s in out['skills']}
    n += 1
    for flag, names in FLAGS.items():
        want = bool(truth.get(flag)); got = bool(found & names)
        if want and got: counts[flag][0] += 1
        elif got: counts[flag][1] += 1
        elif want: counts[flag][2] += 1
print(f'{n} postings')
print('| flag | truth | found | TP | FP | FN | precision | recall |')
print('|---|---|---|---|---|---|---|---|')
T = [0, 0, 0]
for flag, (tp, fp, fn) in counts.items():
    T = [T[0] + tp, T[1] + fp, T[2] + fn]
    p = tp / (tp + fp) if tp + fp else float('nan'); r = tp / (tp + fn) if tp + fn else float('nan')
    print(f'| {flag} | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} |')
tp, fp, fn = T
print(f'| micro | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | {tp / (tp + fp):.3f} | {tp / (tp + fn):.3f} |')
