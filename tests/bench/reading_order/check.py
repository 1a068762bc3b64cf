#!/usr/bin/env python3
"""Reading-order check over the CV corpus (../shared/corpus/cv): for every work entry of the
ground truth, its position and company must appear before its highlights, and nothing else
(another column, another section) may fall between two of its highlights. A second, stricter
figure: the entry's start year also appears between the previous entry and its highlights
(dates kept with their entry, e.g. in a label grid). A third, per document: nothing from
another section (school, skills, languages, interests, e-mail, phone) inside the work section.

Usage: check.py PERSONAFORGE CORPUS_DIR [--markdown OUT.md] [--verbose]
Runs `PERSONAFORGE extract FILE` on every PDF and DOCX of manifest.json. Stdlib only."""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

BULLETS = "•·▪◦●■-–—*‣⁃►▸✓✔ \t\n"


def norm(text):
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "")
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"),
                 ("\u2010", "-"), ("\u2011", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def locate(text, needle, start=0):
    """(begin, end) of needle in text at or after start, tolerating a changed middle."""
    needle = norm(needle)
    if not needle:
        return None
    i = text.find(needle, start)
    if i >= 0:
        return i, i + len(needle)
    if len(needle) > 50:
        head, tail = needle[:25], needle[-25:]
        i = text.find(head, start)
        if i >= 0:
            j = text.find(tail, i)
            if j >= 0 and j - i < 2 * len(needle):
                return i, j + len(tail)
    return None


def skipped(item, fmt, path):
    lists = list(item.get("theme_does_not_render") or [])
    lists += item.get("does_not_render_" + fmt) or []
    return any(path == x or path.startswith(x + ".") or x == path.split(".")[0] for x in lists)


def check_dates(text, entry, item, fmt, window_start):
    """'pass' when the start year is between window_start and the first highlight."""
    start = entry.get("startDate") or ""
    highlights = entry.get("highlights") or []
    if len(start) < 4 or not highlights or skipped(item, fmt, "work.startDate"):
        return "n/a"
    first = locate(text, highlights[0], window_start)
    if not first:
        return "fail"
    return "pass" if text.find(start[:4], window_start, first[0]) >= 0 else "fail"


def entry_end(text, entry, start):
    """Where an entry's last highlight ends (or start when not found)."""
    cursor = start
    for h in entry.get("highlights") or []:
        found = locate(text, h, cursor)
        if found:
            cursor = found[1]
    return cursor


def check_entry(text, entry, item, fmt):
    """Returns (status, reason): status is 'pass', 'fail' or 'n/a'."""
    highlights = entry.get("highlights") or []
    if not highlights or skipped(item, fmt, "work.highlights"):
        return "n/a", "no highlights rendered"
    spans = []
    cursor = 0
    for h in highlights:
        found = locate(text, h, cursor)
        if not found:
            found = locate(text, h, 0)
            if not found:
                return "fail", "highlight not found: %r" % h[:50]
            return "fail", "highlight out of order: %r" % h[:50]
        spans.append(found)
        cursor = found[1]
    first = spans[0][0]
    for field in ("name", "position"):
        value = entry.get(field)
        if not value or skipped(item, fmt, "work." + field):
            continue
        if text.rfind(norm(value), 0, first) < 0:
            return "fail", "%s %r not before its highlights" % (field, value)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        between = text[b:c].strip(BULLETS)
        if between:
            return "fail", "between highlights: %r" % between[:60]
    return "pass", ""


def section_intact(text, truth, item, fmt):
    """'pass' when nothing from other sections (school, skills, languages, interests, contact)
    falls inside the work section (first entry's company/position to last highlight)."""
    work = truth.get("work") or []
    if not work or skipped(item, fmt, "work.highlights"):
        return "n/a"
    first = work[0]
    highlights = first.get("highlights") or []
    located = locate(text, highlights[0]) if highlights else None
    limit = located[0] if located else len(text)
    start = None
    for field in ("name", "position"):
        value = first.get(field)
        if value and not skipped(item, fmt, "work." + field):
            i = text.rfind(norm(value), 0, limit)
            if i >= 0:
                start = i if start is None else min(start, i)
    end = entry_end(text, work[-1], start or 0)
    if start is None or end <= start:
        return "fail"
    inside = norm(" ".join(str(w.get(k, "")) for w in work for k in w if isinstance(w.get(k), str)))
    inside += " " + norm(" ".join(h for w in work for h in (w.get("highlights") or [])))
    foreign = []
    for e in truth.get("education") or []:
        foreign.append(e.get("institution"))
    for key, field in (("skills", "name"), ("languages", "language"), ("interests", "name")):
        section = key if not skipped(item, fmt, key) else None
        for e in (truth.get(key) or []) if section else []:
            foreign.append(e.get(field))
    basics = truth.get("basics") or {}
    foreign += [basics.get("email"), basics.get("phone")]
    for value in foreign:
        if not value or len(value) < 4:
            continue
        n = norm(value)
        if n in inside:
            continue
        if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text[start:end]):
            return "fail"
    return "pass"


def extract(binary, path):
    run = subprocess.run([binary, "extract", path], capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip()
    return run.stdout, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--markdown")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    manifest = json.load(open(os.path.join(args.corpus, "manifest.json")))
    totals = {}
    for item in manifest["items"]:
        truth = json.load(open(os.path.join(args.corpus, item["ground_truth"])))
        for fmt in ("pdf", "docx"):
            if not item.get(fmt):
                continue
            text, error = extract(args.binary, os.path.join(args.corpus, item[fmt]))
            key = (item["theme"], fmt)
            row = totals.setdefault(key, {"pass": 0, "fail": 0, "n/a": 0, "dates": 0,
                                          "dated": 0, "intact": 0, "sections": 0})
            if text is not None:
                intact = section_intact(norm(text), truth, item, fmt)
                if intact != "n/a":
                    row["sections"] += 1
                    row["intact"] += intact == "pass"
                    if intact == "fail" and args.verbose:
                        print("section %-14s %-9s %-4s work section interrupted" %
                              (item["resume"], item["theme"], fmt))
            window = 0
            normed = norm(text) if text is not None else ""
            for entry in truth.get("work", []):
                if text is None:
                    status, reason = "fail", "extract failed: " + error
                else:
                    status, reason = check_entry(normed, entry, item, fmt)
                    dates = check_dates(normed, entry, item, fmt, window)
                    if dates != "n/a":
                        row["dated"] += 1
                        row["dates"] += dates == "pass"
                        if dates == "fail" and args.verbose:
                            print("dates  %-14s %-9s %-4s %s" % (item["resume"], item["theme"],
                                  fmt, entry.get("name")))
                    window = entry_end(normed, entry, window)
                row[status] += 1
                if status == "fail" or args.verbose:
                    print("%-6s %-14s %-9s %-4s %-30s %s" % (status, item["resume"], item["theme"],
                          fmt, (entry.get("name") or "")[:30], reason))
    lines = ["| theme | format | entries in order | failing | not checkable | dates with entry "
             "| work section uninterrupted |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    all_pass = all_total = all_dates = all_dated = all_intact = all_sections = 0
    for (theme, fmt), row in sorted(totals.items()):
        checked = row["pass"] + row["fail"]
        all_pass += row["pass"]
        all_total += checked
        all_dates += row["dates"]
        all_dated += row["dated"]
        all_intact += row["intact"]
        all_sections += row["sections"]
        lines.append("| %s | %s | %d/%d | %d | %d | %d/%d | %d/%d |" % (
            theme, fmt, row["pass"], checked, row["fail"], row["n/a"], row["dates"],
            row["dated"], row["intact"], row["sections"]))
    lines.append("| **all** | | **%d/%d** | | | **%d/%d** | **%d/%d** |" % (
        all_pass, all_total, all_dates, all_dated, all_intact, all_sections))
    table = "\n".join(lines)
    print()
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as out:
            out.write("## Reading order (work entries: position and company before highlights, "
                      "nothing between highlights)\n\n" + table + "\n")


if __name__ == "__main__":
    sys.exit(main())
