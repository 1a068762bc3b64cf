"""Round trip (ctest roundtrip): every persona here through every built-in CV template to PDF and
DOCX with `personaforge render`, back with `personaforge parse`, and a field-level score of the
parse against the persona. Fails when any template and format scores under --min-f1.

Usage: roundtrip_test.py PERSONAFORGE [--min-f1 0.98] [--verbose]

The scorer is deliberately simple and strict about what it counts: every non-empty scored field
of the persona is one truth field; a predicted field equal after normalisation (or by token F1
for prose) is a true positive, a different one a false positive and a false negative, a missing
one a false negative, and a predicted field the persona has not a false positive. Fields the
template does not print (roundtrip_skips.py) are not counted either way. tools/roundtrip.sh
runs the same round trip through the shared evaluation scorer."""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

import roundtrip_skips

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# section: (key fields that identify an entry, text fields, date fields, list fields)
SECTIONS = {
    "work": (["name", "position"], ["name", "position", "location"], ["startDate", "endDate"],
             ["highlights"]),
    "volunteer": (["organization", "position"], ["organization", "position"],
                  ["startDate", "endDate"], []),
    "education": (["institution", "area", "studyType"], ["institution", "area", "studyType",
                                                         "score"], ["startDate", "endDate"],
                  ["courses"]),
    "projects": (["name"], ["name"], ["startDate", "endDate"], ["highlights"]),
    "awards": (["title", "awarder"], ["title", "awarder"], ["date"], []),
    "certificates": (["name", "issuer"], ["name", "issuer"], ["date"], []),
    "publications": (["name", "publisher"], ["name", "publisher"], ["releaseDate"], []),
    "languages": (["language"], ["language", "fluency"], [], []),
    "interests": (["name"], ["name"], [], []),
}
ENDS_OPEN = {"work", "volunteer", "education", "projects"}
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def norm(value):
    text = unicodedata.normalize("NFKC", str(value)).lower()
    text = re.sub("[\u2010-\u2015]", "-", text)
    text = re.sub("[\u2018\u2019]", "'", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,;:!?()[]\"'*-")


def tokens(value):
    return re.findall(r"[^\W_]+[+#]*", norm(value))


def token_f1(a, b):
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if common == 0:
        return 0.0
    precision, recall = common / len(tb), common / len(ta)
    return 2 * precision * recall / (precision + recall)


def same_text(truth, pred, prose=False):
    return norm(truth) == norm(pred) or token_f1(truth, pred) >= (0.8 if prose else 0.9)


def date_key(value):
    text = norm(value)
    if text in ("present", "current", "now"):
        return "present"
    match = re.match(r"(\d{4})-(\d{2})", text)
    if match:
        return "%s-%s" % match.groups()
    match = re.search(r"([a-z]{3})[a-z]*\.? (\d{4})", text)
    if match and match.group(1) in MONTHS:
        return "%s-%02d" % (match.group(2), MONTHS[match.group(1)])
    match = re.search(r"\d{4}", text)
    return match.group(0) if match else text


def same_date(truth, pred):
    a, b = date_key(truth), date_key(pred)
    return a == b or (len(a) == 4 and b[:4] == a) or (len(b) == 4 and a[:4] == b)


def url_key(value):
    return re.sub(r"^(https?://)?(www\.)?", "", norm(value)).rstrip("/")


class Score:
    def __init__(self, skip):
        self.tp = self.fp = self.fn = 0
        self.misses = []
        self.patterns = [re.sub(r"\[(\d+)\]", r".\1", p).split(".") for p in skip]

    def skipped(self, path):
        parts = path.split(".")
        for pattern in self.patterns:
            i = 0
            for part in parts:
                if i == len(pattern):
                    break
                if part == pattern[i]:
                    i += 1
                elif not part.isdigit():
                    break
            if i == len(pattern):
                return True
        return False

    def field(self, path, truth, pred, match):
        if self.skipped(path) or (not truth and not pred):
            return
        if truth and pred and match(truth, pred):
            self.tp += 1
            return
        self.fp += bool(pred)
        self.fn += bool(truth)
        self.misses.append("%s: truth=%r pred=%r" % (path, truth, pred))

    def items(self, path, truth, pred, prose=True):
        left = list(pred)
        for i, t in enumerate(truth):
            hit = next((p for p in left if same_text(t, p, prose)), None)
            if hit is not None:
                left.remove(hit)
            self.field("%s.%d" % (path, i), t, hit, lambda a, b: True)
        for p in left:
            self.field(path, None, p, lambda a, b: False)


def entry_similarity(keys, truth, pred):
    a = " ".join(str(truth.get(k, "")) for k in keys)
    b = " ".join(str(pred.get(k, "")) for k in keys)
    return token_f1(a, b)


def score_section(score, name, truth, pred):
    keys, texts, dates, lists = SECTIONS[name]
    left = list(enumerate(pred))
    for i, t in enumerate(truth):
        best = max(left, key=lambda p: entry_similarity(keys, t, p[1]), default=None)
        if best is not None and entry_similarity(keys, t, best[1]) >= 0.3:
            left.remove(best)
            p = best[1]
        else:
            p = {}
        base = "%s.%d" % (name, i)
        for key in texts:
            score.field("%s.%s" % (base, key), t.get(key), p.get(key), same_text)
        for key in dates:
            truth_date = t.get(key)
            pred_date = p.get(key)
            if key == "endDate" and name in ENDS_OPEN and t.get("startDate") and not truth_date:
                truth_date = "present"
                pred_date = "present" if p and (not pred_date or date_key(pred_date) == "present") \
                    else pred_date
            score.field("%s.%s" % (base, key), truth_date, pred_date, same_date)
        prose = t.get("summary") or t.get("description")
        pool = [x for x in [p.get("summary"), p.get("description")] if x] + p.get("highlights", [])
        for key in lists:
            if key == "highlights":
                # A summary printed as the first bullet (or the other way round) still counts.
                summary = prose and name == "work" and not score.skipped(base + ".summary")
                truth_items = ([prose] if summary else []) + t.get(key, [])
                score.items("%s.%s" % (base, key), truth_items,
                            pool if name == "work" else p.get(key, []))
            else:
                score.items("%s.%s" % (base, key), t.get(key, []), p.get(key, []))
    for _, p in left:
        for key in texts + dates:
            score.field("%s.%s" % (name, key), None, p.get(key), lambda a, b: False)


def score_resume(truth, pred, skip):
    score = Score(skip)
    tb, pb = truth.get("basics", {}), pred.get("basics", {})
    for key in ("name", "label"):
        score.field("basics." + key, tb.get(key), pb.get(key), same_text)
    score.field("basics.summary", tb.get("summary"), pb.get("summary"),
                lambda a, b: same_text(a, b, True))
    score.field("basics.email", tb.get("email"), pb.get("email"), lambda a, b: norm(a) == norm(b))
    score.field("basics.phone", tb.get("phone"), pb.get("phone"),
                lambda a, b: re.sub(r"\D", "", a)[-10:] == re.sub(r"\D", "", b)[-10:])
    score.field("basics.url", tb.get("url"), pb.get("url"), lambda a, b: url_key(a) == url_key(b))
    tl, pl = tb.get("location") or {}, pb.get("location") or {}
    for key in ("city", "region", "countryCode"):
        score.field("basics.location." + key, tl.get(key), pl.get(key), same_text)
    for key, keyf in (("url", url_key), ("network", norm)):
        score.items("basics.profiles." + key,
                    [keyf(p[key]) for p in tb.get("profiles", []) if p.get(key)],
                    [keyf(p[key]) for p in pb.get("profiles", []) if p.get(key)], prose=False)
    names = lambda skills: sorted({norm(x) for s in skills
                                   for x in [s.get("name")] + s.get("keywords", []) if x})
    score.items("skills.items", names(truth.get("skills", [])), names(pred.get("skills", [])),
                prose=False)
    for name in SECTIONS:
        if not score.skipped(name):
            score_section(score, name, truth.get(name, []), pred.get(name, []))
    return score


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("personaforge")
    parser.add_argument("--min-f1", type=float, default=0.98)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    personas = sorted(glob.glob(os.path.join(HERE, "*.persona.json")))
    templates = roundtrip_skips.cv_templates(os.path.join(ROOT, "data", "templates",
                                                          "manifest.json"))
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for template, config in templates:
            for fmt in ("pdf", "docx"):
                total = Score([])
                for persona_path in personas:
                    with open(persona_path, encoding="utf-8") as f:
                        persona = json.load(f)
                    out = os.path.join(work, "%s.%s" % (template, fmt))
                    run([args.personaforge, "render", persona_path, "--template", template,
                         "-o", out])
                    pred = json.loads(run([args.personaforge, "parse", out, "--no-meta"]))
                    score = score_resume(persona, pred, roundtrip_skips.skips(config, persona))
                    total.tp += score.tp
                    total.fp += score.fp
                    total.fn += score.fn
                    for miss in score.misses if args.verbose else []:
                        print("  %s %s.%s %s" % (os.path.basename(persona_path), template, fmt,
                                                 miss))
                precision = total.tp / max(1, total.tp + total.fp)
                recall = total.tp / max(1, total.tp + total.fn)
                f1 = 2 * precision * recall / max(1e-9, precision + recall)
                ok = f1 >= args.min_f1
                failed = failed or not ok
                print("%s %-8s %-4s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)" % (
                    "ok  " if ok else "FAIL", template, fmt, precision, recall, f1, total.tp,
                    total.fp, total.fn))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
