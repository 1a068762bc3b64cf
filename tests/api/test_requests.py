"""Malformed requests: bad JSON, wrong content types, oversized and deep bodies, bad paths."""
import json
import socket

from pfapi import ApiTestCase


class MalformedRequestTest(ApiTestCase):
    settings = {"limit_json_body": "4096", "limit_json_depth": "16"}

    def test_malformed_json_is_a_422_with_position(self):
        user = self.server.user()
        err = self.assert_error(self.call("POST", "/api/v1/personas", user=user,
                                          raw=b'{"title": "x",}'), 422, "validation_error")
        self.assertEqual(err["details"][0]["type"], "json_invalid")
        self.assertIn("line 1", err["details"][0]["msg"])

    def test_non_object_bodies_are_refused(self):
        user = self.server.user()
        for raw in (b"[]", b'"text"', b"42", b"null"):
            err = self.assert_error(self.call("POST", "/api/v1/personas", user=user, raw=raw),
                                    422, "validation_error")
            self.assertEqual(err["details"][0]["type"], "dict_type")

    def test_invalid_utf8_is_refused(self):
        user = self.server.user()
        self.assert_error(self.call("POST", "/api/v1/personas", user=user,
                                    raw=b'{"title": "\xff\xfe"}'), 422, "validation_error")

    def test_wrong_content_type_is_415(self):
        user = self.server.user()
        for ctype in ("text/plain", "application/x-www-form-urlencoded", None):
            self.assert_error(self.call("POST", "/api/v1/personas", user=user,
                                        raw=b'{"title":"x"}', content_type=ctype),
                              415, "unsupported_media_type")

    def test_oversized_body_is_413_before_it_is_read(self):
        user = self.server.user()
        err = self.assert_error(self.call("POST", "/api/v1/personas", user=user,
                                          raw=b'{"title":"' + b"x" * 10000 + b'"}'),
                                413, "too_big")
        self.assertEqual(err.get("field"), "limit_json_body")

    def test_chunked_oversized_body_is_413(self):
        user = self.server.user()
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        head = (f"POST /api/v1/personas HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                f"{user['token']}\r\nContent-Type: application/json\r\n"
                f"Transfer-Encoding: chunked\r\n\r\n").encode()
        sock.sendall(head)
        chunk = b"x" * 2048
        for _ in range(4):
            sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
        response = sock.recv(4096).decode()
        sock.close()
        self.assertIn(" 413 ", response.split("\r\n")[0])

    def test_too_deep_json_is_413(self):
        user = self.server.user()
        deep = b'{"data":' + b'{"a":' * 30 + b"1" + b"}" * 30 + b"}"
        err = self.assert_error(self.call("POST", "/api/v1/personas", user=user, raw=deep),
                                413, "too_big")
        self.assertEqual(err.get("field"), "limit_json_depth")

    def test_invalid_uuid_in_path_is_422(self):
        user = self.server.user()
        self.assert_error(self.call("GET", "/api/v1/personas/../../etc/passwd", user=user), 404,
                          "not_found")
        for bad in ("nope", "12345", "01a2131d-d8e0-7781-870a-60a9e4122cdZ"):
            err = self.assert_error(self.call("GET", f"/api/v1/personas/{bad}", user=user),
                                    422, "validation_error")
            self.assertEqual(err["details"][0]["loc"], ["path", "id"])

    def test_unknown_route_is_404_and_wrong_method_is_405(self):
        self.assert_error(self.call("GET", "/api/v1/nothing-here"), 404, "not_found")
        status, headers, body = self.call("PUT", "/api/v1/me")
        self.assertEqual(status, 405)
        self.assertIn("GET", headers.get("allow", ""))

    def test_bad_pagination_parameters_are_422(self):
        user = self.server.user()
        for query in ("limit=0", "limit=201", "limit=abc", "cursor=zzz"):
            self.assert_error(self.call("GET", f"/api/v1/personas?{query}", user=user),
                              422, "validation_error")

    def test_request_id_is_echoed_when_plain_and_replaced_when_not(self):
        status, headers, _ = self.server.request("GET", "/healthz",
                                                 headers={"X-Request-Id": "abc-123"})
        self.assertEqual(headers["x-request-id"], "abc-123")
        status, headers, _ = self.server.request("GET", "/healthz",
                                                 headers={"X-Request-Id": "bad value\tx"})
        self.assertNotEqual(headers["x-request-id"], "bad value\tx")
