"""Storage faults: a full disk and a read-only data directory give clear errors, leave the
server healthy, and writes work again once space returns — without restarting `serve`."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from pfapi import BACKEND, Server


def try_mount_tmpfs(path, size):
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return result.returncode == 0


@unittest.skipUnless(BACKEND == "sqlite", "the SQLite data directory is the local disk")
class DiskFaultTest(unittest.TestCase):
    def setUp(self):
        self.mnt = tempfile.mkdtemp(prefix="pf-disk-")
        if os.geteuid() != 0 or not try_mount_tmpfs(self.mnt, "8m"):
            os.rmdir(self.mnt)
            self.skipTest("needs root and mount(8) to make a small filesystem")
        self.server = Server({"plan_free_personas": "100000", "db_timeout": "2"})
        self.server.database = f"sqlite:{self.mnt}/personaforge.db"
        self.server.start()
        self.user = self.server.user()

    def tearDown(self):
        self.server.close()
        subprocess.run(["umount", "-l", self.mnt], check=False)
        shutil.rmtree(self.mnt, ignore_errors=True)

    def create(self, title):
        return self.server.request("POST", "/api/v1/personas",
                                   {"title": title, "summary": "x" * 2000},
                                   token=self.user["token"])

    def fill_disk(self):
        filler = os.path.join(self.mnt, "filler")
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
        return filler

    def test_a_full_disk_is_a_clear_error_and_recovers(self):
        status, _, before = self.create("before")
        self.assertEqual(status, 201, before)
        filler = self.fill_disk()
        failures = []
        for i in range(40):  # the WAL may absorb a few writes before the disk is felt
            status, _, body = self.create(f"while full {i}")
            if status != 201:
                failures.append((status, body))
                break
        self.assertTrue(failures, "no write failed on a full disk")
        status, body = failures[0]
        self.assertIn(status, (507, 503), body)
        self.assertIn(body["error"]["code"], ("insufficient_storage", "store_unavailable"))
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
        status, _, got = self.server.request("GET", f"/api/v1/personas/{before['id']}",
                                             token=self.user["token"])
        self.assertEqual(status, 200, got)

        os.unlink(filler)
        deadline = time.time() + 10
        status = None
        while time.time() < deadline:
            status, _, body = self.create("after")
            if status == 201:
                break
            time.sleep(0.2)
        self.assertEqual(status, 201, body)
        self.assertIsNone(self.server.proc.poll())

    def test_a_read_only_data_directory_is_a_clear_error_and_recovers(self):
        # Linux refuses to make a filesystem read-only under files open for writing, so the
        # realistic case is a data directory that is read-only when the server starts (a
        # mount gone read-only after an error, a wrong volume).
        self.server.stop()
        subprocess.run(["mount", "-o", "remount,ro", self.mnt], check=True)
        try:
            code = subprocess.run(self.server_args(), stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=30)
            self.assertEqual(code.returncode, 1)
            message = code.stdout.decode()
            self.assertIn("read-only", message.lower() + " ")
            self.assertEqual(len(message.strip().splitlines()), 1, message)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", self.mnt], check=True)
        self.server.start()
        status, _, body = self.create("after")
        self.assertEqual(status, 201, body)

    def server_args(self):
        return [self.server_bin(), "migrate", "--database", self.server.database, "--log-level",
                "error"]

    @staticmethod
    def server_bin():
        from pfapi import BIN
        return BIN
