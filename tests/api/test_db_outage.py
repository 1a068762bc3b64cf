"""PostgreSQL restarts while serving: requests fail cleanly (503) during the outage and succeed
again after it, without restarting `serve`. Uses its own throwaway cluster."""
import os
import shutil
import subprocess
import tempfile
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
        self.server = Server({"db_timeout": "2"})
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
