"""Accounts: register, login, logout, /me, cookies with CSRF, throttling."""
from pfapi import ApiTestCase, UUID_RE


class RegisterTest(ApiTestCase):
    def test_register_returns_the_user_with_a_normalised_email(self):
        status, _, body = self.call("POST", "/api/v1/auth/register",
                                    {"email": "  Grace@Example.COM ", "password": "hopper1906",
                                     "name": "Grace Hopper"})
        self.assertEqual(status, 201, body)
        self.assert_schema(body, "pf_schema_user")
        self.assertEqual(body["email"], "grace@example.com")
        self.assertEqual(body["plan"], "free")
        self.assertIsNone(body["team_id"])
        self.assertRegex(body["id"], UUID_RE)
        self.assertNotIn("password", body)
        self.assertNotIn("password_hash", body)

    def test_a_taken_email_is_a_conflict_whatever_its_case(self):
        self.server.register(email="taken@example.com")
        err = self.assert_error(self.call("POST", "/api/v1/auth/register",
                                          {"email": "TAKEN@example.com", "password": "x" * 12,
                                           "name": "Other"}), 409, "conflict")
        self.assertEqual(err.get("field"), "email")

    def test_every_problem_is_listed_with_its_location(self):
        err = self.assert_error(self.call("POST", "/api/v1/auth/register",
                                          {"email": "not-an-email", "name": "", "extra": 1}),
                                422, "validation_error")
        problems = {tuple(d["loc"]): d["type"] for d in err["details"]}
        self.assertEqual(problems[("body", "email")], "value_error")
        self.assertEqual(problems[("body", "password")], "missing")
        self.assertEqual(problems[("body", "name")], "string_too_short")
        self.assertEqual(problems[("body", "extra")], "extra_forbidden")
        for detail in err["details"]:
            self.assertIsInstance(detail["msg"], str)

    def test_a_short_password_is_refused(self):
        err = self.assert_error(self.call("POST", "/api/v1/auth/register",
                                          {"email": "short@example.com", "password": "1234567",
                                           "name": "S"}), 422, "validation_error")
        self.assertEqual(err["details"][0]["loc"], ["body", "password"])

    def test_wrong_types_are_refused(self):
        err = self.assert_error(self.call("POST", "/api/v1/auth/register",
                                          {"email": 5, "password": ["x"], "name": None}),
                                422, "validation_error")
        types = {d["loc"][1]: d["type"] for d in err["details"]}
        self.assertEqual(types["password"], "string_type")
        self.assertEqual(types["name"], "none_forbidden")


class LoginTest(ApiTestCase):
    settings = {"login_max_failures": "3", "login_window": "60"}

    def test_login_gives_a_token_and_cookies(self):
        user = self.server.register(email="login@example.com")
        status, headers, body = self.call("POST", "/api/v1/auth/login",
                                          {"email": "LOGIN@example.com",
                                           "password": "correct horse battery"})
        self.assertEqual(status, 200, body)
        self.assert_schema(body, "pf_schema_login_result")
        self.assertTrue(body["token"].startswith("pf_"))
        self.assertEqual(body["user"]["id"], user["id"])
        cookies = " ".join(headers["set-cookie-all"])
        self.assertIn("pf_session=" + body["token"], cookies)
        self.assertIn("HttpOnly", cookies)
        self.assertIn("SameSite=Lax", cookies)
        self.assertIn("pf_csrf=" + body["csrf_token"], cookies)
        status, _, me = self.server.request("GET", "/api/v1/me", token=body["token"])
        self.assertEqual(status, 200)
        self.assertEqual(me["email"], "login@example.com")
        self.assertEqual(me["usage"]["personas"], {"used": 0, "limit": 3})
        self.assertEqual(me["usage"]["plan"], "free")

    def test_each_login_gets_a_fresh_token(self):
        self.server.register(email="fresh@example.com")
        first, _ = self.server.login("fresh@example.com")
        second, _ = self.server.login("fresh@example.com")
        self.assertNotEqual(first["token"], second["token"])

    def test_wrong_password_and_unknown_email_look_the_same(self):
        self.server.register(email="same@example.com")
        a = self.assert_error(self.call("POST", "/api/v1/auth/login",
                                        {"email": "same@example.com", "password": "nope-nope"}),
                              401, "unauthorized")
        b = self.assert_error(self.call("POST", "/api/v1/auth/login",
                                        {"email": "nobody@example.com", "password": "nope-nope"}),
                              401, "unauthorized")
        self.assertEqual(a["message"], b["message"])

    def test_repeated_failures_are_throttled_even_with_the_right_password(self):
        self.server.register(email="brute@example.com")
        for _ in range(3):
            self.assert_error(self.call("POST", "/api/v1/auth/login",
                                        {"email": "brute@example.com", "password": "guess-guess"}),
                              401, "unauthorized")
        status, headers, body = self.call("POST", "/api/v1/auth/login",
                                          {"email": "brute@example.com",
                                           "password": "correct horse battery"})
        self.assertEqual(status, 429, body)
        self.assertEqual(body["error"]["code"], "too_many_requests")
        self.assertEqual(headers.get("retry-after"), "60")

    def test_logout_revokes_the_token(self):
        user = self.server.user()
        self.assertEqual(self.call("GET", "/api/v1/me", user=user)[0], 200)
        status, _, _ = self.call("POST", "/api/v1/auth/logout", user=user)
        self.assertEqual(status, 204)
        self.assert_error(self.call("GET", "/api/v1/me", user=user), 401, "unauthorized")

    def test_missing_malformed_and_unknown_tokens_are_401(self):
        self.assert_error(self.call("GET", "/api/v1/me"), 401, "unauthorized")
        for header in ("Bearer", "Bearer pf_doesnotexist", "Basic abc", "Bearer " + "x" * 500):
            status, headers, _ = self.server.request("GET", "/api/v1/me",
                                                     headers={"Authorization": header})
            self.assertEqual(status, 401, header)
            self.assertIn("Bearer", headers.get("www-authenticate", ""))


class CookieCsrfTest(ApiTestCase):
    def cookie_header(self, user):
        return "; ".join(f"{k}={v}" for k, v in user["cookies"].items())

    def test_cookie_reads_work_without_a_csrf_header(self):
        user = self.server.user()
        status, _, body = self.server.request("GET", "/api/v1/me",
                                              headers={"Cookie": self.cookie_header(user)})
        self.assertEqual(status, 200, body)

    def test_cookie_writes_need_the_csrf_header(self):
        user = self.server.user()
        cookie = self.cookie_header(user)
        self.assert_error(self.server.request("POST", "/api/v1/personas", {"title": "X"},
                                              headers={"Cookie": cookie}), 403, "csrf_failed")
        self.assert_error(self.server.request("POST", "/api/v1/personas", {"title": "X"},
                                              headers={"Cookie": cookie,
                                                       "X-CSRF-Token": "forged"}),
                          403, "csrf_failed")
        status, _, body = self.server.request("POST", "/api/v1/personas", {"title": "X"},
                                              headers={"Cookie": cookie,
                                                       "X-CSRF-Token": user["csrf"]})
        self.assertEqual(status, 201, body)

    def test_bearer_writes_need_no_csrf_header(self):
        user = self.server.user()
        status, _, body = self.call("POST", "/api/v1/personas", {"title": "Y"}, user=user)
        self.assertEqual(status, 201, body)
