#!/usr/bin/env python3
"""Measures the posting parser (src/gap/jd_parse.c) on the shared JD corpus against the
corpus's silver labels: per tool flag (has_sql, ...), work arrangement, seniority, language
gates, and required-vs-preferred where the labels list required_tools/preferred_tools.

Usage: tests/bench/jd/jd_bench.py [--bin build/src/personaforge] [--corpus DIR] [--json OUT]
It runs `personaforge gap EMPTY_PERSONA --jd POSTING` per posting and reads details.posting.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

# Silver flag -> the taxonomy concepts that satisfy it.
FLAGS = {
    "has_sql": ["SQL"], "has_python": ["Python"], "has_dbt": ["dbt"],
    "has_dbt_cloud": ["dbt Cloud"], "has_spark": ["Apache Spark"],
    "has_airflow": ["Apache Airflow"], "has_dagster": ["Dagster"], "has_prefect": ["Prefect"],
    "has_snowflake": ["Snowflake"], "has_databricks": ["Databricks", "Azure Databricks"],
    "has_bigquery": ["Google BigQuery"], "has_redshift": ["Amazon Redshift"],
    "has_duckdb": ["DuckDB"], "has_postgres": ["PostgreSQL"], "has_kafka": ["Apache Kafka"],
    "has_terraform": ["Terraform"], "has_looker": ["Looker"], "has_tableau": ["Tableau"],
    "has_power_bi": ["Microsoft Power BI"], "has_metabase": ["Metabase"],
    "has_fivetran": ["Fivetran"], "has_airbyte": ["Airbyte"], "has_glue": ["AWS Glue"],
    "has_fabric_synapse": ["Microsoft Fabric", "Azure Synapse Analytics"],
    "has_great_expectations": ["Great Expectations"], "has_soda": ["Soda"],
}
SENIORITY = {"principal": "staff", "director": "manager"}


def parse(binary, persona, path):
    out = subprocess.run([binary, "gap", persona, "--jd", path, "--no-spelling"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)["details"]["posting"]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/src/personaforge")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__),
                                                     "../../../../shared/corpus/jd/postings"))
    ap.add_argument("--json")
    args = ap.parse_args()
    persona = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    persona.write("{}")
    persona.close()
    counts = {f: [0, 0, 0] for f in FLAGS}
    arrangement = collections.Counter()
    arrangement_confusion = collections.Counter()
    seniority = collections.Counter()
    lang = [0, 0, 0]
    reqpref = collections.Counter()
    n = 0
    for md in sorted(glob.glob(os.path.join(args.corpus, "*.md"))):
        label_path = md[:-3] + ".json"
        if not os.path.exists(label_path):
            continue
        label = json.load(open(label_path))
        posting = parse(args.bin, persona.name, md)
        if posting is None:
            print(f"parse failed: {md}", file=sys.stderr)
            continue
        n += 1
        found = {s["name"]: s for s in posting["required_skills"] + posting["preferred_skills"]
                 + posting["keywords"]}
        required = {s["name"] for s in posting["required_skills"]}
        for flag, names in FLAGS.items():
            truth = bool(label.get(flag))
            pred = any(name in found for name in names)
            counts[flag][0] += truth and pred
            counts[flag][1] += pred and not truth
            counts[flag][2] += truth and not pred
        want = label.get("work_arrangement", "not_stated")
        got = posting["work_arrangement"]
        arrangement["correct" if want == got else "wrong"] += 1
        arrangement_confusion[(want, got)] += 1
        want_s = label.get("seniority")
        got_s = SENIORITY.get(posting["seniority"], posting["seniority"])
        seniority["correct" if want_s == got_s else "wrong"] += 1
        truth_langs = set(label.get("language_gate_languages") or []) \
            if label.get("language_gate_type") in ("hard", "soft") else set()
        got_langs = {l["language"] for l in posting["languages"]}
        lang[0] += len(truth_langs & got_langs)
        lang[1] += len(got_langs - truth_langs)
        lang[2] += len(truth_langs - got_langs)
        for kind in ("required_tools", "preferred_tools"):
            for tool in label.get(kind) or []:
                match = [s for s in found.values() if s["name"].lower() == tool.lower()
                         or tool.lower() in s["name"].lower()]
                if not match:
                    reqpref["not found"] += 1
                    continue
                is_req = match[0]["name"] in required
                reqpref["agree" if is_req == (kind == "required_tools") else "disagree"] += 1
    os.unlink(persona.name)
    total = [0, 0, 0]
    rows = []
    print(f"postings: {n}")
    print(f"{'flag':26} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for flag, (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        rows.append({"flag": flag, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r})
        print(f"{flag:26} {tp:4} {fp:4} {fn:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(*total)
    print(f"{'overall (micro)':26} {total[0]:4} {total[1]:4} {total[2]:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    lp, lr, lf = prf(*lang)
    print(f"language gates: tp {lang[0]} fp {lang[1]} fn {lang[2]} precision {lp:.3f} recall {lr:.3f}")
    print(f"work arrangement accuracy: {arrangement['correct']}/{n} = {arrangement['correct'] / max(n, 1):.3f}")
    print("  confusion (label -> parsed):", dict(sorted(arrangement_confusion.items(),
                                                         key=lambda kv: -kv[1])))
    print(f"seniority accuracy: {seniority['correct']}/{n} = {seniority['correct'] / max(n, 1):.3f}")
    print(f"required vs preferred (labelled tools): {dict(reqpref)}")
    if args.json:
        json.dump({"postings": n, "flags": rows, "overall": {"precision": p, "recall": r},
                   "work_arrangement_accuracy": arrangement["correct"] / max(n, 1),
                   "seniority_accuracy": seniority["correct"] / max(n, 1)},
                  open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
