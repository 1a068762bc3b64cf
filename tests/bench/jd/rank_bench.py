#!/usr/bin/env python3
"""Ranks corpus CVs (ground_truth.json, taken as effective personas) against a few corpus
postings with the role-specific score, printing the score matrix, the components, and each
posting's ranking, for a reader to judge.

Usage: tests/bench/jd/rank_bench.py [--bin build/src/personaforge] [--shared DIR] [--today D]
"""
import argparse
import json
import os
import subprocess

CVS = ["career-changer", "new-grad", "openresume", "hendriks-so", "hendriks"]
POSTINGS = [
    "2026-07-17_lendable_graduate-analytics-engineer",
    "2026-04-08_parfumado_analytics-engineer",
    "2026-07-03_keyrock_senior-data-engineer",
    "2026-04-09_ai-futures_data-team-lead",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/src/personaforge")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__),
                                                     "../../../../shared"))
    ap.add_argument("--today", default="2026-08-15")
    args = ap.parse_args()
    scores = {}
    for posting in POSTINGS:
        jd = os.path.join(args.shared, "corpus/jd/postings", posting + ".md")
        for cv in CVS:
            persona = os.path.join(args.shared, "corpus/cv", cv, "ground_truth.json")
            out = subprocess.run([args.bin, "gap", persona, "--jd", jd, "--today", args.today,
                                  "--no-spelling"], stdout=subprocess.PIPE, check=True)
            report = json.loads(out.stdout)
            parts = {c["name"]: c["points"] for c in report["details"]["score"]}
            scores[(posting, cv)] = (report["score"], parts,
                                     report["details"]["posting"]["seniority"],
                                     report["details"].get("persona_level"))
    print(f"{'posting':50} " + " ".join(f"{cv[:13]:>13}" for cv in CVS))
    for posting in POSTINGS:
        print(f"{posting[:50]:50} " + " ".join(f"{scores[(posting, cv)][0]:13.1f}" for cv in CVS))
    print()
    for posting in POSTINGS:
        ranked = sorted(CVS, key=lambda cv: -scores[(posting, cv)][0])
        print(f"{posting} (seniority {scores[(posting, CVS[0])][2]}):")
        for cv in ranked:
            score, parts, _, level = scores[(posting, cv)]
            detail = ", ".join(f"{k} {v:.1f}" for k, v in parts.items())
            print(f"  {score:5.1f} {cv:15} [{level}] {detail}")


if __name__ == "__main__":
    main()
