"""PostgreSQL restarts while serving: requests fail cleanly (503) during the outage and succeed
again after it, without restarting `serve`, and no acknowledged write is lost, also with writers
running throughout. Uses its own throwaway cluster."""
import collections
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

from pfapi import BACKEND, Server, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG = os.path.join(ROOT, "tools", "pg.sh")


@unittest.skipUnless(BACKEND == "pg", "PostgreSQL only")
class DatabaseOutageTest(unittest.TestCase):
    def setUp(self):
        if not shutil.which("psql") or not os.path.isdir("/usr/lib/postgresql"):
            self.skipTest("PostgreSQL server binaries are not installed")
        self.dir = tempfile.mkdtemp(prefix="pf-outage-")
        # Cleanups, unlike tearDown, also run when setUp fails half-way: the cluster must never
        # outlive the test.
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        os.chmod(self.dir, 0o777)
        self.port = str(free_port())
        self.addCleanup(subprocess.run, [PG, "stop", self.dir], check=False)
        url = subprocess.run([PG, "start", self.dir, self.port], check=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip()
        self.server = Server({"db_timeout": "2", "plan_free_personas": "1000000"})
        self.addCleanup(self.server.stop)
        self.server.database = url
        self.server.start()

    def test_requests_fail_cleanly_then_recover(self):
        user = self.server.user()
        _, _, persona = self.server.request("POST", "/api/v1/personas", {"title": "Before"},
                                            token=user["token"])
        subprocess.run([PG, "stop", self.dir], check=True)
        status, _, body = self.server.request("GET", "/readyz")
        self.assertEqual(status, 503, body)
        status, headers, body = self.server.request("GET", f"/api/v1/personas/{persona['id']}",
                                                    token=user["token"])
        self.assertEqual(status, 503, body)
        self.assertEqual(body["error"]["code"], "store_unavailable")
        self.assertEqual(headers.get("retry-after"), "5")
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)

        subprocess.run([PG, "start", self.dir, self.port], check=True, stdout=subprocess.PIPE)
        deadline = time.time() + 20
        while time.time() < deadline and self.server.request("GET", "/readyz")[0] != 200:
            time.sleep(0.2)
        self.assertEqual(self.server.request("GET", "/readyz")[0], 200)
        status, _, got = self.server.request("GET", f"/api/v1/personas/{persona['id']}",
                                             token=user["token"])
        self.assertEqual(status, 200, got)
        status, _, _ = self.server.request("PATCH", f"/api/v1/personas/{persona['id']}",
                                           {"title": "After"}, token=user["token"])
        self.assertEqual(status, 200)
        self.assertEqual(self.server.proc.poll(), None, "serve must not have exited")

    def test_no_acknowledged_write_is_lost_under_load(self):
        user = self.server.user()
        acknowledged = {}          # persona id -> the title the server said it stored
        answers = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(n):
            i = 0
            while not stop.is_set():
                i += 1
                title = f"w{n}-{i}"
                try:
                    status, _, body = self.server.request("POST", "/api/v1/personas",
                                                          {"title": title}, token=user["token"],
                                                          timeout=10)
                except OSError as e:
                    status, body = type(e).__name__, None
                with lock:
                    answers.append(status)
                    if status == 201:
                        acknowledged[body["id"]] = title
                if status == 201 and i % 2 == 0:
                    edited = title + "-edited"
                    status, _, _ = self.server.request("PATCH", f"/api/v1/personas/{body['id']}",
                                                       {"title": edited}, token=user["token"],
                                                       timeout=10)
                    with lock:
                        answers.append(status)
                        if status == 200:
                            acknowledged[body["id"]] = edited
                time.sleep(0.01)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        try:
            time.sleep(1.5)
            subprocess.run([PG, "stop", self.dir], check=True)
            time.sleep(2)
            self.assertEqual(self.server.request("GET", "/readyz")[0], 503)
            subprocess.run([PG, "start", self.dir, self.port], check=True, stdout=subprocess.PIPE)
            deadline = time.time() + 20
            while time.time() < deadline and self.server.request("GET", "/readyz")[0] != 200:
                time.sleep(0.2)
            self.assertEqual(self.server.request("GET", "/readyz")[0], 200)
            time.sleep(1.5)
        finally:
            stop.set()
            for t in threads:
                t.join()
        # Every answer was a success or a clean 503: no 500, no dropped connection.
        self.assertEqual(set(answers) - {200, 201, 503}, set(), collections.Counter(answers))
        self.assertIn(503, answers, "the outage was seen by the writers")
        self.assertGreater(len(acknowledged), 10)
        for pid, title in acknowledged.items():
            status, _, got = self.server.request("GET", f"/api/v1/personas/{pid}",
                                                 token=user["token"])
            self.assertEqual((status, got.get("title")), (200, title), pid)
        self.assertEqual(self.server.proc.poll(), None, "serve must not have exited")
