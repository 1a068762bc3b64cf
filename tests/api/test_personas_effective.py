"""The effective persona: inheritance from the base CV, overrides by id, 422 on bad data,
KB skills, and versions/ETag still working with data overrides."""
import copy

from cvfixture import RESUME, insert_cv, insert_kb_entry, set_parsed
from pfapi import ApiTestCase


class EffectivePersonaTest(ApiTestCase):
    def persona_from_cv(self, user, resume=RESUME, **fields):
        cv_id = insert_cv(self.server, user, resume)
        body = {"base_cv_id": cv_id}
        body.update(fields)
        status, _, p = self.call("POST", "/api/v1/personas", body, user=user)
        self.assertEqual(status, 201, p)
        return cv_id, p

    def effective(self, user, persona_id):
        status, headers, doc = self.call("GET", f"/api/v1/personas/{persona_id}/effective",
                                         user=user)
        self.assertEqual(status, 200, doc)
        return doc

    def test_derived_persona_and_its_effective_document(self):
        user = self.server.user()
        _, p = self.persona_from_cv(user)
        self.assertEqual(p["title"], "Data Engineer")
        self.assertEqual(p["data"], {})
        self.assertIn("SQL", p["tags"])
        doc = self.effective(user, p["id"])
        self.assertEqual(doc["basics"]["name"], "Ada Example")
        ids = doc["meta"]["personaforge"]["ids"]
        self.assertTrue(ids["/work/0"].startswith("work-"))
        self.assertTrue(ids["/work/0/highlights/1"].startswith(ids["/work/0"] + "/h-"))
        self.assertEqual(doc["meta"]["personaforge"]["origins"]["/work/1"], "cv:/work/1")

    def test_base_cv_edits_reach_every_persona_not_overriding_them(self):
        user = self.server.user()
        cv_id, plain = self.persona_from_cv(user)
        doc = self.effective(user, plain["id"])
        acme = doc["meta"]["personaforge"]["ids"]["/work/0"]
        status, _, tailored = self.call(
            "POST", "/api/v1/personas",
            {"title": "Analytics Engineer", "base_cv_id": cv_id,
             "data": {"basics": {"label": "Analytics Engineer"},
                      "work": {acme: {"summary": "Owned the warehouse"}}}}, user=user)
        self.assertEqual(status, 201, tailored)
        edited = copy.deepcopy(RESUME)
        edited["basics"]["label"] = "Lead Data Engineer"
        edited["basics"]["email"] = "ada@new.example"
        edited["work"][0]["highlights"][2] = "Owned the weekly revenue report for 12 teams"
        set_parsed(self.server, cv_id, edited)
        doc = self.effective(user, plain["id"])
        self.assertEqual(doc["basics"]["label"], "Lead Data Engineer")
        self.assertEqual(doc["work"][0]["highlights"][2],
                         "Owned the weekly revenue report for 12 teams")
        doc = self.effective(user, tailored["id"])
        self.assertEqual(doc["basics"]["label"], "Analytics Engineer")
        self.assertEqual(doc["basics"]["email"], "ada@new.example")
        self.assertEqual(doc["work"][0]["summary"], "Owned the warehouse")
        self.assertEqual(doc["work"][0]["highlights"][2],
                         "Owned the weekly revenue report for 12 teams")

    def test_select_reorder_and_override_one_bullet(self):
        user = self.server.user()
        _, p = self.persona_from_cv(user)
        doc = self.effective(user, p["id"])
        ids = doc["meta"]["personaforge"]["ids"]
        acme, initech = ids["/work/0"], ids["/work/1"]
        bullet = ids["/work/0/highlights/2"].split("/")[1]
        data = {"work": {"$order": [initech, acme],
                         acme: {"highlights": {bullet: "Owned the weekly report"}}}}
        status, headers, changed = self.call("PATCH", f"/api/v1/personas/{p['id']}",
                                             {"data": data}, user=user,
                                             headers={"If-Match": '"1"'})
        self.assertEqual(status, 200, changed)
        doc = self.effective(user, p["id"])
        self.assertEqual([w["name"] for w in doc["work"]], ["Initech", "Acme"])
        self.assertEqual(doc["work"][1]["highlights"][2], "Owned the weekly report")
        self.assertEqual(doc["meta"]["personaforge"]["origins"]["/work/1/highlights/2"],
                         "persona")
        # Versions still work with data.
        self.assert_error(self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "x"},
                                    user=user, headers={"If-Match": '"1"'}),
                          412, "precondition_failed")
        status, _, restored = self.call("POST", f"/api/v1/personas/{p['id']}/versions/1/restore",
                                        user=user)
        self.assertEqual(status, 200, restored)
        self.assertEqual(restored["data"], {})

    def test_bad_data_is_422_with_every_problem_located(self):
        user = self.server.user()
        _, p = self.persona_from_cv(user)
        error = self.assert_error(
            self.call("PATCH", f"/api/v1/personas/{p['id']}",
                      {"data": {"jobs": [], "work": {"$order": ["work-00000000", 3],
                                                     "nonsense": 1}}}, user=user),
            422, "validation_error")
        locs = [d["loc"] for d in error["details"]]
        self.assertIn(["body", "data", "jobs"], locs)
        self.assertIn(["body", "data", "work", "$order", 0], locs)
        self.assertIn(["body", "data", "work", "$order", 1], locs)
        self.assertIn(["body", "data", "work", "nonsense"], locs)
        _, _, same = self.call("GET", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(same["version"], 1)

    def test_confirmed_kb_skills_join_the_effective_persona(self):
        user = self.server.user()
        _, p = self.persona_from_cv(user)
        insert_kb_entry(self.server, user, "tool", "Kubernetes", confirmed=True)
        insert_kb_entry(self.server, user, "tool", "Looker", confirmed=False)
        insert_kb_entry(self.server, user, "tool", "snowflake", confirmed=True)
        doc = self.effective(user, p["id"])
        groups = {g["name"]: g.get("keywords", []) for g in doc["skills"]}
        self.assertEqual(groups.get("Tools"), ["Kubernetes"])

    def test_blank_persona_effective_is_its_data(self):
        user = self.server.user()
        status, _, p = self.call("POST", "/api/v1/personas",
                                 {"title": "Blank", "data": {"basics": {"name": "Only Me"}}},
                                 user=user)
        self.assertEqual(status, 201, p)
        doc = self.effective(user, p["id"])
        self.assertEqual(doc["basics"], {"name": "Only Me"})
