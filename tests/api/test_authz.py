"""The authorization matrix: every secured route, as anonymous, as the owner, as another user
and as a team member. No route may leak or modify another workspace's data."""
import re
import time

from fixtures_resume import resume_bytes
from pfapi import ApiTestCase

# A valid body for each operation that takes one, so that refusals are about who asks, not what.
BODIES = {
    "api_personas_update": {"title": "Renamed by someone"},
    "api_teams_add_member": {"email": "matrix-invite@example.com"},
    "api_teams_transfer": {"user_id": "{member}"},
    "api_personas_create": {"title": "Matrix persona"},
    "api_teams_create": {"name": "Matrix team"},
    "api_cvs_update": {"parsed_json": {"basics": {"name": "Overwritten"}}},
    "api_cvs_upload": "raw-upload",
    "api_kb_entries_create": {"type": "skill", "value": "Matrix skill"},
    "api_kb_entries_update": {"value": "Overwritten"},
    "api_kb_questions_answer": {"answer": 3},
    "api_gap_reports_create": {"type": "general"},
    "api_personas_tailor": {"job_description": "Data Engineer. Requirements: SQL, dbt."},
    "api_templates_create": {"name": "Matrix", "type": "cv", "engine": "markdown", "body": "x"},
    "api_templates_update": {"body": "# overwritten"},
    "api_templates_preview": {"body": "# {{ resume.basics.name }}", "engine": "markdown"},
    "api_personas_export_post": {"template": "classic", "format": "md"},
}

# Query strings some operations need.
QUERIES = {"api_teams_cancel_invite": "?email=matrix-invite@example.com",
           "api_personas_export": "?template=classic&format=md",
           "api_search": "?q=secret"}

# Routes that act on the caller's own account rather than on a resource id.
SELF_ROUTES = {"api_auth_logout", "api_me_get", "api_personas_list", "api_personas_create",
               "api_teams_create", "api_cvs_list", "api_cvs_upload", "api_kb_entries_list",
               "api_kb_entries_create", "api_kb_questions_list", "api_templates_list",
               "api_templates_create", "api_templates_preview", "api_search"}


class AuthorizationMatrixTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        cls.owner, cls.member, cls.other = s.user(), s.user(), s.user()
        _, _, cls.team = s.request("POST", "/api/v1/teams", {"name": "Owners"},
                                   token=cls.owner["token"])
        s.request("POST", f"/api/v1/teams/{cls.team['id']}/members",
                  {"email": cls.member["email"]}, token=cls.owner["token"])
        _, _, cls.persona = s.request("POST", "/api/v1/personas", {"title": "Secret persona"},
                                      token=cls.owner["token"])
        _, _, cls.cv = s.request("POST", "/api/v1/cvs?filename=secret.txt",
                                 raw=b"Secret CV text\nAda Lovelace", content_type="text/plain",
                                 token=cls.owner["token"])
        _, _, cls.template = s.request("POST", "/api/v1/templates",
                                       {"name": "Secret", "type": "cv", "engine": "markdown",
                                        "body": "# secret"}, token=cls.owner["token"])
        _, _, cls.entry = s.request("POST", "/api/v1/kb/entries",
                                    {"type": "skill", "value": "Secret skill"},
                                    token=cls.owner["token"])
        _, _, resume_cv = s.request("POST", "/api/v1/cvs?filename=r.json", raw=resume_bytes(),
                                    content_type="application/json", token=cls.owner["token"])
        deadline = time.time() + 30
        cls.question = None
        while cls.question is None and time.time() < deadline:
            _, _, questions = s.request("GET", "/api/v1/kb/questions", token=cls.owner["token"])
            cls.question = (questions["items"] or [None])[0]
            time.sleep(0.1)
        assert cls.question, "the résumé raised no question"
        _, _, cls.report = s.request("POST", f"/api/v1/personas/{cls.persona['id']}/gap-reports",
                                     {"type": "general"}, token=cls.owner["token"])
        s.request("PATCH", f"/api/v1/personas/{cls.persona['id']}", {"title": "Secret v2"},
                  token=cls.owner["token"])

    def secured_operations(self):
        for path, item in self.openapi["paths"].items():
            for method, op in item.items():
                if "security" in op:
                    yield method.upper(), path, op["operationId"]

    def fill(self, path, op=None):
        ids = {"/personas/": self.persona["id"], "/cvs/": self.cv["id"],
               "/teams/": self.team["id"], "/kb/entries/": self.entry["id"],
               "/kb/questions/": self.question["id"], "/gap-reports/": self.report["id"],
               "/templates/": self.template["id"]}
        resource = next((v for k, v in ids.items() if k in path), None)
        values = {"id": resource, "user_id": self.member["id"], "version": "1"}
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path) + QUERIES.get(op, "")

    def body_for(self, operation):
        body = BODIES.get(operation)
        if body == "raw-upload":
            return None
        if isinstance(body, dict):
            body = {k: (self.member["id"] if v == "{member}" else v) for k, v in body.items()}
        return body

    def test_anonymous_callers_get_401_everywhere(self):
        for method, path, op in self.secured_operations():
            status, _, body = self.server.request(method, self.fill(path, op), self.body_for(op))
            self.assertEqual(status, 401, f"{method} {path}: {body}")

    def test_revoked_tokens_get_401_everywhere(self):
        revoked = self.server.user()
        self.server.request("POST", "/api/v1/auth/logout", token=revoked["token"])
        for method, path, op in self.secured_operations():
            status, _, body = self.server.request(method, self.fill(path, op), self.body_for(op),
                                                  token=revoked["token"])
            self.assertEqual(status, 401, f"{method} {path}: {body}")

    def test_expired_tokens_get_401_everywhere(self):
        expired = self.server.user()
        self.server.sql("UPDATE sessions SET expires_at = '2001-01-01T00:00:00.000Z' WHERE user_id = "
                        f"'{expired['id']}'")
        for method, path, op in self.secured_operations():
            status, _, body = self.server.request(method, self.fill(path, op), self.body_for(op),
                                                  token=expired["token"])
            self.assertEqual(status, 401, f"{method} {path}: {body}")

    def test_another_user_gets_404_for_every_resource_route(self):
        for method, path, op in self.secured_operations():
            if op in SELF_ROUTES:
                continue
            status, _, body = self.server.request(method, self.fill(path, op), self.body_for(op),
                                                  token=self.other["token"])
            self.assertEqual(status, 404, f"{method} {path} as another user: {body}")
        # Nothing changed and nothing leaked through lists.
        _, _, persona = self.server.request("GET", f"/api/v1/personas/{self.persona['id']}",
                                            token=self.owner["token"])
        self.assertEqual(persona["title"], "Secret v2")
        self.assertEqual(persona["version"], 2)
        _, _, listed = self.server.request("GET", "/api/v1/personas", token=self.other["token"])
        self.assertEqual(listed["items"], [])
        _, _, cvs = self.server.request("GET", "/api/v1/cvs", token=self.other["token"])
        self.assertEqual(cvs["items"], [])
        _, _, found = self.server.request("GET", "/api/v1/search?q=secret",
                                          token=self.other["token"])
        self.assertEqual(found["items"], [])
        status, _, data = self.server.request("GET", f"/api/v1/cvs/{self.cv['id']}/file",
                                              token=self.owner["token"])
        self.assertEqual((status, data), (200, b"Secret CV text\nAda Lovelace"))

    def test_a_team_member_reaches_the_shared_workspace(self):
        status, _, got = self.server.request("GET", f"/api/v1/personas/{self.persona['id']}",
                                             token=self.member["token"])
        self.assertEqual(status, 200, got)
        status, _, versions = self.server.request(
            "GET", f"/api/v1/personas/{self.persona['id']}/versions", token=self.member["token"])
        self.assertEqual(status, 200)
        self.assertEqual(len(versions["items"]), 2)
        status, _, team = self.server.request("GET", f"/api/v1/teams/{self.team['id']}",
                                              token=self.member["token"])
        self.assertEqual(status, 200)
        _, _, listed = self.server.request("GET", "/api/v1/personas", token=self.member["token"])
        self.assertIn(self.persona["id"], [p["id"] for p in listed["items"]])
        _, _, found = self.server.request("GET", "/api/v1/search?q=secret&types=persona",
                                          token=self.member["token"])
        self.assertIn(self.persona["id"], [hit["id"] for hit in found["items"]])

    def test_every_secured_route_is_covered_by_this_matrix(self):
        for method, path, op in self.secured_operations():
            needs_body = "requestBody" in self.openapi["paths"][path][method.lower()]
            self.assertTrue(not needs_body or op in BODIES,
                            f"add a sample body for {op} to test_authz.BODIES")
