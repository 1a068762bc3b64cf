"""kill -9 of `serve` in the middle of uploads and edits: after a restart every acknowledged
write is there, every CV ends parsed or failed (none pending), nothing is lost or duplicated,
and the SQLite database passes PRAGMA integrity_check."""
import concurrent.futures
import signal
import sqlite3
import time
import unittest

from fixtures import CV_LINES, multipart, text_pdf
from pfapi import BACKEND, Server


class CrashRecoveryTest(unittest.TestCase):
    def setUp(self):
        # A short lease so the jobs the killed process held come back quickly.
        # limit_document_ms is generous: under ASan on a loaded machine a long PDF is slow, and
        # this test is about crashes, not about the work budget.
        self.server = Server({"jobs_workers": "1", "job_lease": "5", "plan_free_cvs": "1000",
                              "plan_free_personas": "1000", "limit_document_ms": "120000"})
        self.server.start()

    def tearDown(self):
        self.server.close()

    def test_acknowledged_uploads_and_edits_survive_kill_9(self):
        s = self.server
        user = s.user()
        _, _, persona = s.request("POST", "/api/v1/personas", {"title": "v0"},
                                  token=user["token"])
        # Long documents keep the single worker busy, so the kill lands with jobs queued and
        # one running.
        body, ctype = multipart("file", "cv.pdf", "application/pdf", text_pdf(CV_LINES * 60))

        def upload(_):
            try:
                status, _, cv = s.request("POST", "/api/v1/cvs", raw=body, content_type=ctype,
                                          token=user["token"], timeout=10)
                return cv["id"] if status == 202 else None
            except OSError:
                return None  # the server died before answering: not acknowledged

        def edit(i):
            try:
                status, _, p = s.request("PATCH", f"/api/v1/personas/{persona['id']}",
                                         {"title": f"v{i}"}, token=user["token"], timeout=10)
                return p["version"] if status == 200 else None
            except OSError:
                return None

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            uploads = [pool.submit(upload, i) for i in range(60)]
            edits = [pool.submit(edit, i) for i in range(1, 21)]
            time.sleep(0.3)
            s.stop(signal.SIGKILL)
            acked = [f.result() for f in uploads if f.result()]
            versions = [f.result() for f in edits if f.result()]
        self.assertTrue(acked, "no upload was acknowledged before the kill")
        if BACKEND == "sqlite":
            db = sqlite3.connect(s.database[len("sqlite:"):])
            unfinished = db.execute("SELECT count(*) FROM jobs WHERE status <> 'done'").fetchone()
            db.close()
            self.assertGreater(unfinished[0], 0, "the kill came after all the work: no test")

        s.start()
        deadline = time.time() + 240
        pending = acked
        while pending and time.time() < deadline:
            time.sleep(0.5)
            pending = []
            for cv_id in acked:
                status, _, cv = s.request("GET", f"/api/v1/cvs/{cv_id}", token=user["token"])
                self.assertEqual(status, 200, f"acknowledged upload {cv_id} was lost")
                if cv["status"] not in ("parsed", "failed"):
                    pending.append(cv_id)
        self.assertEqual(pending, [], "uploads still pending after the restart")

        listed, cursor = [], ""
        while True:
            _, _, page = s.request("GET", f"/api/v1/cvs?limit=200&cursor={cursor}",
                                   token=user["token"])
            listed += [cv["id"] for cv in page["items"]]
            if not page["next_cursor"]:
                break
            cursor = page["next_cursor"]
        self.assertEqual(len(listed), len(set(listed)), "duplicated CVs")
        self.assertTrue(set(acked) <= set(listed))
        for cv_id in acked:
            _, _, cv = s.request("GET", f"/api/v1/cvs/{cv_id}", token=user["token"])
            self.assertEqual(cv["status"], "parsed", cv)

        _, _, now = s.request("GET", f"/api/v1/personas/{persona['id']}", token=user["token"])
        if versions:
            self.assertGreaterEqual(now["version"], max(versions))
        _, _, history = s.request("GET", f"/api/v1/personas/{persona['id']}/versions",
                                  token=user["token"])
        self.assertEqual(len(history["items"]), now["version"])

        if BACKEND == "sqlite":
            s.stop()
            db = sqlite3.connect(s.database[len("sqlite:"):])
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            db.close()
