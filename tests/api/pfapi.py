"""Black-box API test support: start `personaforge serve` on a fresh database, talk HTTP/JSON.

Standard library only. The server binary comes from PF_BIN; the backend from PF_TEST_BACKEND
(sqlite | pg); PostgreSQL from PF_TEST_PG_URL (tools/test.sh starts one).
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import unittest
import uuid

BIN = os.environ.get("PF_BIN", "build/src/personaforge")
BACKEND = os.environ.get("PF_TEST_BACKEND", "sqlite")
PG_URL = os.environ.get("PF_TEST_PG_URL", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_admin(sql, url=None):
    subprocess.run(["psql", url or PG_URL, "-qAtc", sql], check=True,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def pg_url_for(dbname):
    base, _, query = PG_URL.partition("?")
    root = base.rsplit("/", 1)[0]
    return f"{root}/{dbname}" + (f"?{query}" if query else "")


class Server:
    """One `personaforge serve` process on its own empty database."""

    def __init__(self, settings=None):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="pf-api-")
        self.dbname = None
        self.settings = {
            "password_hash_ops": "1",        # fast hashing: tests register many users
            "password_hash_mem": "8192",
            "http_threads": "4",
            "jobs_workers": "1",
            "shutdown_grace": "5",
        }
        self.settings.update(settings or {})
        if BACKEND == "pg":
            if not PG_URL:
                if os.environ.get("PF_TEST_REQUIRE_PG") == "1":
                    raise RuntimeError("PF_TEST_REQUIRE_PG=1 but PF_TEST_PG_URL is unset")
                raise unittest.SkipTest("PF_TEST_PG_URL is not set (tools/test.sh starts one)")
            self.dbname = "pf_api_" + uuid.uuid4().hex[:12]
            pg_admin(f"CREATE DATABASE {self.dbname}")
            self.database = pg_url_for(self.dbname)
        else:
            self.database = f"sqlite:{self.dir}/personaforge.db"
        self.proc = None
        self.log = None

    def start(self):
        args = [BIN, "serve", "--listen", f"127.0.0.1:{self.port}", "--database", self.database,
                "--data-dir", self.dir]
        for key, value in self.settings.items():
            args += ["--set", f"{key}={value}"]
        self.log = open(os.path.join(self.dir, "server.log"), "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.read_log())
            try:
                status, _, _ = self.request("GET", "/healthz")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.read_log())

    def read_log(self):
        with open(os.path.join(self.dir, "server.log"), "rb") as f:
            return f.read().decode("utf-8", "replace")[-4000:]

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        code = self.proc.returncode if self.proc else None
        if self.log:
            self.log.close()
            self.log = None
        return code

    def close(self):
        self.stop()
        if self.dbname:
            try:
                pg_admin(f"DROP DATABASE IF EXISTS {self.dbname} WITH (FORCE)")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, statement):
        """Runs one SQL statement on the server's database behind its back (for tests that need
        a state the API cannot produce, such as an expired session)."""
        if BACKEND == "pg":
            pg_admin(statement, self.database)
            return
        db = sqlite3.connect(self.database[len("sqlite:"):], timeout=10)
        try:
            db.execute(statement)
            db.commit()
        finally:
            db.close()

    # -- HTTP -------------------------------------------------------------------------------
    def request(self, method, path, body=None, token=None, headers=None, raw=None,
                content_type="application/json", timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        hdrs = dict(headers or {})
        data = None
        if raw is not None:
            data = raw
            if content_type:
                hdrs.setdefault("Content-Type", content_type)
        elif body is not None:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", content_type)
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            resp_headers = {k.lower(): v for k, v in resp.getheaders()}
            resp_headers["set-cookie-all"] = [v for k, v in resp.getheaders()
                                              if k.lower() == "set-cookie"]
        finally:
            conn.close()
        ctype = resp_headers.get("content-type", "")
        if ctype.startswith("application/json") and payload:
            return resp.status, resp_headers, json.loads(payload)
        return resp.status, resp_headers, payload

    # -- helpers ----------------------------------------------------------------------------
    def register(self, email=None, password="correct horse battery", name="Test User"):
        email = email or f"user-{uuid.uuid4().hex[:10]}@example.com"
        status, _, body = self.request("POST", "/api/v1/auth/register",
                                       {"email": email, "password": password, "name": name})
        assert status == 201, (status, body)
        return body

    def login(self, email, password="correct horse battery"):
        status, headers, body = self.request("POST", "/api/v1/auth/login",
                                             {"email": email, "password": password})
        assert status == 200, (status, body)
        return body, headers

    def user(self, **kwargs):
        """A registered, logged-in user: dict with id, email, token, csrf, cookies."""
        created = self.register(**kwargs)
        login, headers = self.login(created["email"], kwargs.get("password",
                                                                 "correct horse battery"))
        cookies = {}
        for cookie in headers["set-cookie-all"]:
            name, _, rest = cookie.partition("=")
            cookies[name] = rest.split(";", 1)[0]
        return {"id": created["id"], "email": created["email"], "token": login["token"],
                "csrf": login["csrf_token"], "cookies": cookies}


class ApiTestCase(unittest.TestCase):
    """One server per test class (started lazily), torn down after the class."""
    settings = None
    server = None
    openapi = None

    @classmethod
    def setUpClass(cls):
        server = Server(cls.settings)
        try:
            server.start()
        except BaseException:
            server.close()  # tearDownClass does not run when setUpClass fails
            raise
        cls.server = server
        status, _, cls.openapi = cls.server.request("GET", "/api/v1/openapi.json")
        assert status == 200

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.close()

    def call(self, method, path, body=None, user=None, **kwargs):
        """One request; a 2xx JSON answer is checked against the route's documented schema."""
        response = self.server.request(method, path, body,
                                       token=user["token"] if user else None, **kwargs)
        status, _, payload = response
        if 200 <= status < 300 and isinstance(payload, (dict, list)):
            schema = self.response_schema(method, path, status)
            if schema:
                check_schema(self, self.openapi, schema, payload, f"{method} {path}")
        return response

    def response_schema(self, method, path, status):
        path = path.split("?", 1)[0]
        for template, item in self.openapi["paths"].items():
            pattern = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$"
            if re.match(pattern, path) and method.lower() in item:
                response = item[method.lower()]["responses"].get(str(status), {})
                return response.get("content", {}).get("application/json", {}).get("schema")
        return None

    def assert_error(self, response, status, code):
        got_status, headers, body = response
        self.assertEqual(got_status, status, body)
        self.assertIsInstance(body, dict, body)
        self.assertIn("error", body)
        self.assertEqual(body["error"]["code"], code, body)
        self.assertIsInstance(body["error"]["message"], str)
        self.assertTrue(headers.get("x-request-id"))
        return body["error"]

    def assert_schema(self, body, name):
        """Checks body against components.schemas[name] of our own OpenAPI document."""
        check_schema(self, self.openapi, self.openapi["components"]["schemas"][name], body, name)


def check_schema(test, openapi, schema, value, where):
    if "$ref" in schema:
        target = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        check_schema(test, openapi, target, value, where)
        return
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        pytypes = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
                   "object": dict, "array": list, "null": type(None)}
        test.assertTrue(any(isinstance(value, pytypes[k]) and
                            not (k in ("integer", "number") and isinstance(value, bool))
                            for k in kinds), f"{where}: {value!r} is not {kinds}")
    if isinstance(value, str):
        fmt = schema.get("format")
        if fmt == "uuid":
            uuid.UUID(value)
        elif fmt == "date-time":
            test.assertRegex(value, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", where)
        if "enum" in schema:
            test.assertIn(value, schema["enum"], where)
    if isinstance(value, dict) and "properties" in schema:
        for name in schema.get("required", []):
            test.assertIn(name, value, f"{where}: missing {name}")
        for name, sub in schema["properties"].items():
            if name in value:
                check_schema(test, openapi, sub, value[name], f"{where}.{name}")
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(schema["properties"])
            test.assertFalse(extra, f"{where}: undocumented fields {extra}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check_schema(test, openapi, schema["items"], item, f"{where}[{i}]")


UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
