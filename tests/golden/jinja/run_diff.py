#!/usr/bin/env python3
"""Differential test of the Jinja engine: every case in tests/golden/jinja/*.cases is rendered by
Debian's python3-jinja2 and by jinja_runner (this engine); outputs must be identical, and a case
that fails in one must fail in the other. Exit 0 when all agree, 1 otherwise, 77 (skip) when
python3-jinja2 is not installed.

Case files:  === NAME [autoescape]      starts a case
             --- data                   a JSON object (optional)
             --- template               the template source
             --- include NAME           a template the case may include or import
A section's text is its lines up to the next marker; the last newline before a marker is not
part of it (leave an empty line to keep one)."""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def find_jinja():
    # Prefer Debian's interpreter, whose python3-jinja2 is the reference, over other pythons.
    for python in ("/usr/bin/python3", sys.executable):
        if not os.path.exists(python):
            continue
        probe = subprocess.run([python, "-c", "import jinja2"], capture_output=True)
        if probe.returncode == 0:
            return python
    return None


def parse_cases(path):
    cases = []
    case = None
    section = None
    lines = []

    def flush():
        if case is None or section is None:
            return
        text = "\n".join(lines)
        if section == "data":
            case["data"] = json.loads(text) if text.strip() else {}
        elif section == "template":
            case["template"] = text
        else:
            case["includes"][section[len("include "):]] = text

    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw.startswith("=== "):
                flush()
                words = raw[4:].split()
                case = {"name": os.path.basename(path) + ":" + words[0],
                        "autoescape": "autoescape" in words[1:], "data": {}, "includes": {},
                        "template": ""}
                cases.append(case)
                section = None
                lines = []
            elif raw.startswith("--- ") and case is not None:
                flush()
                section = raw[4:].strip()
                lines = []
            elif section is not None:
                lines.append(raw)
        flush()
    return cases


REFERENCE = r'''
import json, sys
import jinja2
cases = json.load(sys.stdin)
out = []
for c in cases:
    env = jinja2.Environment(autoescape=c["autoescape"], loader=jinja2.DictLoader(c["includes"]))
    try:
        text = env.from_string(c["template"]).render(**c["data"])
        out.append({"name": c["name"], "output": text})
    except Exception as e:
        out.append({"name": c["name"], "error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps({"version": jinja2.__version__, "results": out}))
'''


def main():
    runner = sys.argv[1]
    python = find_jinja()
    if not python:
        print("SKIP: python3-jinja2 is not installed (apt-get install python3-jinja2); "
              "the differential test needs it as the reference")
        return 77
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.cases"))):
        cases.extend(parse_cases(path))
    payload = json.dumps(cases)
    ref = subprocess.run([python, "-c", REFERENCE], input=payload, capture_output=True,
                         text=True, check=True)
    reference = json.loads(ref.stdout)
    ours = json.loads(subprocess.run([runner], input=payload, capture_output=True, text=True,
                                     check=True).stdout)
    failures = 0
    for i, (want, got) in enumerate(zip(reference["results"], ours)):
        ok = ("error" in want) == ("error" in got)
        if ok and "output" in want:
            ok = want["output"] == got["output"]
        if ok:
            print("ok %d - %s" % (i + 1, want["name"]))
            continue
        failures += 1
        print("not ok %d - %s" % (i + 1, want["name"]))
        print("#   jinja2: %r" % (want.get("output", want.get("error")),))
        print("#   ours:   %r" % (got.get("output", got.get("error")),))
    print("# reference: %s with Jinja2 %s" % (python, reference["version"]))
    print("%d passed, %d failed" % (len(cases) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
