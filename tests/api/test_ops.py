"""Operations endpoints, security headers, OpenAPI, and graceful shutdown."""
import signal
import threading
import time

from pfapi import ApiTestCase, Server


class OpsTest(ApiTestCase):
    def test_health_ready_and_metrics(self):
        self.assertEqual(self.call("GET", "/healthz")[0], 200)
        status, _, ready = self.call("GET", "/readyz")
        self.assertEqual(status, 200)
        self.assertIn(ready["database"], ("sqlite", "postgresql"))
        status, headers, metrics = self.call("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        text = metrics.decode()
        self.assertIn('pf_http_requests_total{method="GET",route="/healthz",status="2xx"}', text)
        self.assertIn("pf_db_pool_connections", text)
        self.assertIn("pf_process_resident_memory_bytes", text)

    def test_security_headers_are_on_every_response(self):
        for path in ("/healthz", "/api/v1/me", "/nowhere"):
            _, headers, _ = self.call("GET", path)
            self.assertEqual(headers.get("x-content-type-options"), "nosniff", path)
            self.assertEqual(headers.get("x-frame-options"), "DENY", path)
            self.assertTrue(headers.get("x-request-id"), path)

    def test_openapi_lists_every_route_with_schemas(self):
        doc = self.openapi
        self.assertEqual(doc["openapi"], "3.1.0")
        self.assertIn("/api/v1/personas/{id}", doc["paths"])
        op = doc["paths"]["/api/v1/auth/register"]["post"]
        self.assertEqual(op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                         "#/components/schemas/pf_schema_register")
        reg = doc["components"]["schemas"]["pf_schema_register"]
        self.assertEqual(sorted(reg["required"]), ["email", "name", "password"])
        for path, item in doc["paths"].items():
            for method, operation in item.items():
                self.assertTrue(operation["operationId"], path)
                self.assertIn("responses", operation)


class ShutdownTest(ApiTestCase):
    def test_sigterm_finishes_in_flight_requests_and_exits_cleanly(self):
        # Default-cost argon2id makes each login take long enough to be in flight at SIGTERM.
        server = Server({"password_hash_ops": "3", "password_hash_mem": str(64 << 20)}).start()
        try:
            user = server.user()
            results = []

            def slow_login():
                # argon2id with the default cost is slow enough to be in flight at SIGTERM.
                results.append(server.request("POST", "/api/v1/auth/login",
                                              {"email": user["email"],
                                               "password": "correct horse battery"}))
            threads = [threading.Thread(target=slow_login) for _ in range(4)]
            for t in threads:
                t.start()
            time.sleep(0.15)
            code = server.stop(signal.SIGTERM)
            for t in threads:
                t.join()
            self.assertEqual(code, 0)
            self.assertEqual(len(results), 4, "a request in flight was dropped")
            for status, _, body in results:
                self.assertEqual(status, 200, body)
        finally:
            server.close()
