"""Checks a SQLite search's totals at benchmark scale against the FTS5 index read another way.

The search ANDs the workspace token with the query inside FTS5 and reads the matches in rowid
order; Debian 12's SQLite lost rows of such ANDs read in descending order once the index was
large, which only data of this size shows. Here each side of the AND is read on its own, in
FTS5's default order, and intersected in Python: the per-type totals must agree (capped as the
search caps them).

    check_totals.py DB_FILE MEMBER_EMAIL QUERY TOTALS_JSON

QUERY is one word or one quoted phrase (what the benchmark searches). Exit 1 on a mismatch.
"""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "api"))
os.environ.setdefault("PF_TEST_BACKEND", "sqlite")
from cvfixture import _fts_ws  # noqa: E402

CAP = 200  # PF_SEARCH_TOTAL_CAP
TABLES = {"persona": "personas_fts", "cv": "cvs_fts", "kb_entry": "knowledgebase_entries_fts"}


def main():
    path, email, query, totals = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    row = db.execute("SELECT coalesce(team_id, id) FROM users WHERE email = ?", (email,)).fetchone()
    token = _fts_ws(row[0])
    failed = False
    for kind, table in TABLES.items():
        in_workspace = {r[0] for r in db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (f'ws : "{token}"',))}
        matching = {r[0] for r in db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ?",
            (f"{{title summary body}} : {query}",))}
        expected = min(len(in_workspace & matching), CAP)
        got = totals.get(kind)
        if got != expected:
            print(f"check_totals: {query} in {kind}: the search counted {got}, the index holds "
                  f"{expected}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
