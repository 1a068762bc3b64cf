"""`personaforge gap` offline: a report on stdout, exit 1 with one line on bad input."""
import json
import os
import subprocess
import tempfile
import unittest

from cvfixture import RESUME
from pfapi import BIN

POSTING = "Senior Data Engineer\nRequirements:\n- SQL and dbt\n- Kubernetes\nHybrid.\n"


class CliGapTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pf-cli-gap-")

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_gap(self, *args):
        # No database anywhere: the command must not need one.
        env = dict(os.environ, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
        return subprocess.run([BIN, "gap", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, timeout=60)

    def test_general_and_role_reports(self):
        persona = self.write("p.json", json.dumps(RESUME))
        out = self.run_gap(persona, "--today", "2025-06-01")
        self.assertEqual(out.returncode, 0, out.stderr)
        report = json.loads(out.stdout)
        self.assertEqual(report["type"], "general")
        self.assertTrue(report["issues"])
        out = self.run_gap(persona, "--jd", self.write("jd.txt", POSTING), "--no-spelling")
        self.assertEqual(out.returncode, 0, out.stderr)
        report = json.loads(out.stdout)
        self.assertEqual(report["type"], "role_specific")
        self.assertTrue(0 <= report["score"] <= 100)
        again = json.loads(self.run_gap(persona, "--jd", self.write("jd.txt", POSTING),
                                        "--no-spelling").stdout)
        self.assertEqual(again["score"], report["score"])

    def test_bad_input_is_one_line_and_exit_1(self):
        cases = [self.write("bad.json", "{bad"), self.write("arr.json", "[1]"),
                 os.path.join(self.dir, "missing.json")]
        for path in cases:
            out = self.run_gap(path)
            self.assertEqual(out.returncode, 1, path)
            self.assertEqual(out.stdout, b"")
            self.assertEqual(len(out.stderr.decode().strip().splitlines()), 1, out.stderr)
        persona = self.write("p.json", "{}")
        out = self.run_gap(persona, "--jd", self.write("empty.txt", "  \n"))
        self.assertEqual(out.returncode, 1)
        self.assertEqual(self.run_gap().returncode, 2)
