"""The knowledge base: entries extracted from a CV with evidence, inferences to confirm or
reject, clarifying questions answered with validation, hand-made entries, and cleanup when the
CV goes."""
import time

from fixtures_resume import resume_bytes
from pfapi import ApiTestCase


class KnowledgeBaseTest(ApiTestCase):
    settings = {"plan_free_cvs": "20"}

    def upload_resume(self, user):
        status, _, cv = self.call("POST", "/api/v1/cvs?filename=resume.json", user=user,
                                  raw=resume_bytes(), content_type="application/json")
        self.assertEqual(status, 202, cv)
        deadline = time.time() + 30
        while time.time() < deadline:
            _, _, got = self.call("GET", f"/api/v1/cvs/{cv['id']}", user=user)
            if got["status"] in ("parsed", "failed"):
                self.assertEqual(got["status"], "parsed", got)
                return got
            time.sleep(0.1)
        self.fail("the CV was not parsed in time")

    def entries(self, user, query=""):
        status, _, body = self.call("GET", f"/api/v1/kb/entries?limit=200{query}", user=user)
        self.assertEqual(status, 200, body)
        for item in body["items"]:
            self.assert_schema(item, "pf_schema_kb_entry")
        return body["items"]

    def test_a_parsed_cv_fills_the_knowledge_base_with_evidence(self):
        user = self.server.user()
        cv = self.upload_resume(user)
        found = {(e["type"], e["value"]): e for e in self.entries(user, "&source=cv")}
        self.assertIn(("skill", "Python"), found)
        python = found[("skill", "Python")]
        self.assertTrue(python["confirmed"])
        self.assertTrue(any(ev.get("cv_id") == cv["id"] for ev in python["evidence"]))
        self.assertIsNotNone(python["details"].get("years"))
        inferred = self.entries(user, "&source=ai_extraction")
        self.assertTrue(inferred, "no inferences")
        self.assertTrue(all(not e["confirmed"] for e in inferred))
        self.assertEqual(self.entries(user, "&source=ai_extraction&confirmed=true"), [])
        # Parsing the same CV again adds nothing twice.
        before = len(self.entries(user))
        self.call("POST", f"/api/v1/cvs/{cv['id']}/reparse", user=user)
        time.sleep(1.0)
        self.assertEqual(len(self.entries(user)), before)

    def test_inferences_are_confirmed_or_rejected(self):
        user = self.server.user()
        self.upload_resume(user)
        inferred = self.entries(user, "&source=ai_extraction")
        first, second = inferred[0], inferred[1]
        status, _, got = self.call("POST", f"/api/v1/kb/entries/{first['id']}/confirm", user=user)
        self.assertEqual(status, 200, got)
        self.assertTrue(got["confirmed"])
        status, _, got = self.call("POST", f"/api/v1/kb/entries/{second['id']}/reject", user=user)
        self.assertEqual(status, 200, got)
        self.assertTrue(got["rejected"])
        ids = [e["id"] for e in self.entries(user)]
        self.assertNotIn(second["id"], ids, "rejected entries are hidden by default")
        self.assertIn(second["id"], [e["id"] for e in self.entries(user, "&include_rejected=true")])

    def test_questions_take_answers_of_their_kind(self):
        user = self.server.user()
        self.upload_resume(user)
        status, _, questions = self.call("GET", "/api/v1/kb/questions", user=user)
        self.assertEqual(status, 200)
        for q in questions["items"]:
            self.assert_schema(q, "pf_schema_kb_question")
        by_kind = {}
        for q in questions["items"]:
            by_kind.setdefault(q["kind"], q)
        self.assertIn("years", by_kind, [q["question"] for q in questions["items"]])
        years = by_kind["years"]
        err = self.assert_error(self.call("POST", f"/api/v1/kb/questions/{years['id']}/answer",
                                          {"answer": "a lot"}, user=user),
                                422, "validation_error")
        self.assertEqual(err["details"][0]["loc"][0], "body")
        status, _, answered = self.call("POST", f"/api/v1/kb/questions/{years['id']}/answer",
                                        {"answer": 4}, user=user)
        self.assertEqual(status, 200, answered)
        self.assertEqual(answered["question"]["status"], "answered")
        self.assertTrue(answered["entries"])
        self.assertTrue(all(e["source"] == "user_answer" for e in answered["entries"]))
        self.assert_error(self.call("POST", f"/api/v1/kb/questions/{years['id']}/answer",
                                    {"answer": 5}, user=user), 409, "conflict")
        others = [q for q in questions["items"] if q["id"] != years["id"]]
        status, _, dismissed = self.call("POST", f"/api/v1/kb/questions/{others[0]['id']}/dismiss",
                                         user=user)
        self.assertEqual(status, 200)
        self.assertEqual(dismissed["question"]["status"], "dismissed")
        _, _, still_open = self.call("GET", "/api/v1/kb/questions?status=open", user=user)
        self.assertNotIn(years["id"], [q["id"] for q in still_open["items"]])
        self.assertNotIn(others[0]["id"], [q["id"] for q in still_open["items"]])

    def test_hand_made_entries_are_validated_and_deduplicated(self):
        user = self.server.user()
        status, _, e = self.call("POST", "/api/v1/kb/entries",
                                 {"type": "preference", "value": "Remote work",
                                  "details": {"note": "fully remote"}}, user=user)
        self.assertEqual(status, 201, e)
        self.assertEqual(e["source"], "user_answer")
        self.assertTrue(e["confirmed"])
        self.assert_error(self.call("POST", "/api/v1/kb/entries",
                                    {"type": "preference", "value": "remote  WORK"}, user=user),
                          409, "conflict")
        self.assert_error(self.call("POST", "/api/v1/kb/entries",
                                    {"type": "hobby", "value": "Chess"}, user=user),
                          422, "validation_error")
        self.assert_error(self.call("POST", "/api/v1/kb/entries",
                                    {"type": "skill", "value": "!!!"}, user=user),
                          422, "validation_error")
        status, _, edited = self.call("PATCH", f"/api/v1/kb/entries/{e['id']}",
                                      {"value": "Hybrid work"}, user=user)
        self.assertEqual(status, 200, edited)
        self.assertEqual(edited["value"], "Hybrid work")
        self.assertEqual(self.call("DELETE", f"/api/v1/kb/entries/{e['id']}", user=user)[0], 204)
        self.assert_error(self.call("GET", f"/api/v1/kb/entries/{e['id']}", user=user), 404,
                          "not_found")

    def test_bad_edits_change_nothing(self):
        user = self.server.user()
        _, _, go = self.call("POST", "/api/v1/kb/entries", {"type": "skill", "value": "Go"},
                             user=user)
        self.call("POST", "/api/v1/kb/entries", {"type": "skill", "value": "Rust"}, user=user)
        path = f"/api/v1/kb/entries/{go['id']}"
        self.assert_error(self.call("PATCH", path, {"value": "!!!", "details": {"years": 3}},
                                    user=user), 422, "validation_error")
        self.assert_error(self.call("PATCH", path, {"value": "rust", "details": {"years": 3}},
                                    user=user), 409, "conflict")
        self.assert_error(self.call("PATCH", path, {"colour": "blue"}, user=user), 422,
                          "validation_error")
        self.assertEqual(self.call("GET", path, user=user)[2], go)  # nothing half-written
        missing = "/api/v1/kb/entries/0190a0b4-0000-7000-8000-000000000000"
        for method, suffix, body in (("PATCH", "", {"confirmed": True}),
                                     ("POST", "/confirm", None), ("POST", "/reject", None)):
            self.assert_error(self.call(method, missing + suffix, body, user=user), 404,
                              "not_found")
        other = self.server.user()  # another workspace's entry is not there for them
        self.assert_error(self.call("PATCH", path, {"confirmed": False}, user=other), 404,
                          "not_found")
        self.assert_error(self.call("PATCH", "/api/v1/kb/entries/not-an-id", {}, user=user), 422,
                          "validation_error")

    def test_deleting_the_cv_removes_what_only_it_said(self):
        user = self.server.user()
        cv = self.upload_resume(user)
        self.call("POST", "/api/v1/kb/entries", {"type": "skill", "value": "Cobol"}, user=user)
        self.assertTrue(self.entries(user, "&source=cv"))
        self.assertEqual(self.call("DELETE", f"/api/v1/cvs/{cv['id']}", user=user)[0], 204)
        left = self.entries(user, "&include_rejected=true")
        self.assertEqual([e["value"] for e in left], ["Cobol"])

    def test_filters_are_validated(self):
        user = self.server.user()
        for query in ("type=hobby", "source=rumour", "confirmed=maybe"):
            self.assert_error(self.call("GET", f"/api/v1/kb/entries?{query}", user=user), 422,
                              "validation_error")
        self.assert_error(self.call("GET", "/api/v1/kb/questions?status=later", user=user), 422,
                          "validation_error")
