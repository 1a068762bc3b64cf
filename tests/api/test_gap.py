"""Gap reports: general and role-specific, fields that resolve, score, questions, history,
compare, plan limit; tailoring proposals with provenance."""
import copy
import json

from cvfixture import RESUME, insert_cv, insert_kb_entry
from pfapi import ApiTestCase

POSTING = """Senior Data Engineer (Hybrid, London)

About the role
You will build our data platform on Snowflake and dbt.

Requirements
- 5+ years of professional experience in data engineering
- Strong SQL and Python
- 3+ years with Kubernetes
- Experience with Terraform
- Fluent German

Nice to have
- Apache Kafka
- Looker

What we offer
- A MacBook and 30 days of holiday
"""


def resolve(doc, pointer):
    cur = doc
    if pointer == "":
        return True
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, list):
            if not token.isdigit() or int(token) >= len(cur):
                return False
            cur = cur[int(token)]
        elif isinstance(cur, dict):
            if token not in cur:
                return False
            cur = cur[token]
        else:
            return False
    return True


class GapReportTest(ApiTestCase):
    def persona(self, user, resume=RESUME):
        cv_id = insert_cv(self.server, user, resume)
        status, _, p = self.call("POST", "/api/v1/personas", {"base_cv_id": cv_id}, user=user)
        self.assertEqual(status, 201, p)
        return p

    def report(self, user, persona_id, body, status=201):
        got, _, r = self.call("POST", f"/api/v1/personas/{persona_id}/gap-reports", body,
                              user=user)
        self.assertEqual(got, status, r)
        return r

    def test_general_report_fields_resolve_and_suggest(self):
        user = self.server.user()
        p = self.persona(user)
        r = self.report(user, p["id"], {"type": "general"})
        self.assert_schema(r, "pf_schema_gap_report")
        self.assertIsNone(r["score"])
        _, _, doc = self.call("GET", f"/api/v1/personas/{p['id']}/effective", user=user)
        rules = {i["rule"] for i in r["issues"]}
        self.assertIn("bullets.weak_verb", rules)
        for issue in r["issues"]:
            self.assertTrue(resolve(doc, issue["field"]), issue)
            self.assertIn(issue["severity"], ("info", "low", "medium", "high"))
            self.assertTrue(issue["suggestion"])
        status, _, got = self.call("GET", f"/api/v1/gap-reports/{r['id']}", user=user)
        self.assertEqual(status, 200)
        self.assertEqual(got["issues"], r["issues"])

    def test_role_report_scores_and_asks(self):
        user = self.server.user()
        p = self.persona(user)
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/gap-reports",
                                    {"type": "role_specific"}, user=user),
                          422, "validation_error")
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/gap-reports",
                                    {"type": "other"}, user=user),
                          422, "validation_error")
        r = self.report(user, p["id"], {"type": "role_specific", "input_text": POSTING})
        self.assert_schema(r, "pf_schema_gap_report")
        self.assertTrue(0 <= r["score"] <= 100)
        names = [c["name"] for c in r["details"]["score"]]
        self.assertEqual(names, ["hard_skills", "experience", "title", "education",
                                 "soft_skills", "keywords"])
        self.assertAlmostEqual(sum(c["points"] for c in r["details"]["score"]), r["score"],
                               delta=0.5)
        by_rule = {}
        for issue in r["issues"]:
            by_rule.setdefault(issue["rule"], []).append(issue)
        missing = {i["key"].split("|")[-1] for i in by_rule.get("role.missing_required_skill", [])}
        self.assertIn("Kubernetes", missing)
        self.assertNotIn("SQL", missing)
        self.assertIn("role.missing_language", by_rule)
        posting = r["details"]["posting"]
        self.assertEqual(posting["work_arrangement"], "hybrid")
        self.assertEqual(posting["years_min"], 5)
        self.assertIn("Looker", [s["name"] for s in posting["preferred_skills"]])
        asked = r["details"]["questions"]
        self.assertTrue(any(q["requirement"] == "Kubernetes" for q in asked), asked)
        # Same posting again: the questions are not asked twice, the score is the same.
        again = self.report(user, p["id"], {"type": "role_specific", "input_text": POSTING})
        self.assertEqual(again["score"], r["score"])
        self.assertFalse(any(q["created"] for q in again["details"]["questions"]))
        # The questions are the knowledge base's: answering one closes the gap it asked about.
        status, _, listed = self.call("GET", "/api/v1/kb/questions", user=user)
        self.assertEqual(status, 200, listed)
        mine = [q for q in listed["items"] if "kubernetes" in json.dumps(q).lower()]
        self.assertTrue(mine, listed)
        status, _, answered = self.call("POST", f"/api/v1/kb/questions/{mine[0]['id']}/answer",
                                        {"answer": 3}, user=user)
        self.assertEqual(status, 200, answered)
        after = self.report(user, p["id"], {"type": "role_specific", "input_text": POSTING})
        missing = {i["key"].split("|")[-1] for i in after["issues"]
                   if i["rule"] == "role.missing_required_skill"}
        self.assertNotIn("Kubernetes", missing)
        self.assertGreater(after["score"], r["score"])

    def test_a_remote_preference_conflicts_with_an_onsite_role(self):
        user = self.server.user()
        p = self.persona(user)
        insert_kb_entry(self.server, user, "preference", "Remote work")
        r = self.report(user, p["id"], {"type": "role_specific",
                                        "input_text": "Data Engineer\nThis role is fully "
                                                      "on-site in our Paris office.\n"
                                                      "Requirements: SQL, dbt"})
        conflicts = [i for i in r["issues"] if i["rule"] == "role.preference_conflict"]
        self.assertEqual(len(conflicts), 1, r["issues"])
        self.assertEqual(conflicts[0]["severity"], "high")
        self.assertEqual(conflicts[0]["field"], "/basics")

    def test_history_compare_and_delete(self):
        user = self.server.user()
        p = self.persona(user)
        first = self.report(user, p["id"], {"type": "general"})
        _, _, doc = self.call("GET", f"/api/v1/personas/{p['id']}/effective", user=user)
        ids = doc["meta"]["personaforge"]["ids"]
        weak = [i for i in first["issues"] if i["rule"] == "bullets.weak_verb"]
        self.assertTrue(weak)
        entry, item = ids[weak[0]["field"]].split("/")
        status, _, _ = self.call("PATCH", f"/api/v1/personas/{p['id']}",
                                 {"data": {"work": {entry: {"highlights": {
                                     item: "Cut report preparation from 2 days to 2 hours "
                                           "for 12 teams"}}}}}, user=user)
        self.assertEqual(status, 200)
        second = self.report(user, p["id"], {"type": "general"})
        status, _, listed = self.call("GET", f"/api/v1/personas/{p['id']}/gap-reports",
                                      user=user)
        self.assertEqual(status, 200)
        self.assertEqual([x["id"] for x in listed["items"]], [second["id"], first["id"]])
        status, _, cmp = self.call(
            "GET", f"/api/v1/gap-reports/{second['id']}/compare?with={first['id']}", user=user)
        self.assertEqual(status, 200, cmp)
        self.assertEqual(cmp["older"], first["id"])
        resolved = {i["key"] for i in cmp["resolved"]}
        self.assertIn(weak[0]["key"], resolved)
        self.assertEqual(cmp["counts"]["unchanged"], len(cmp["unchanged"]))
        self.assert_error(self.call("GET", f"/api/v1/gap-reports/{second['id']}/compare",
                                    user=user), 422, "validation_error")
        other = self.server.user()
        self.assert_error(self.call("GET", f"/api/v1/gap-reports/{first['id']}", user=other),
                          404, "not_found")
        status, _, _ = self.call("DELETE", f"/api/v1/gap-reports/{first['id']}", user=user)
        self.assertEqual(status, 204)
        self.assert_error(self.call("GET", f"/api/v1/gap-reports/{first['id']}", user=user),
                          404, "not_found")

    def test_free_plan_allows_ten_reports_a_month(self):
        user = self.server.user()
        p = self.persona(user, {"basics": {"name": "Short"}})
        for _ in range(10):
            self.report(user, p["id"], {"type": "general"})
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/gap-reports",
                                    {"type": "general"}, user=user), 403, "plan_limit")


class TailorTest(ApiTestCase):
    def test_tailoring_proposes_a_traceable_selection(self):
        user = self.server.user()
        resume = copy.deepcopy(RESUME)
        resume["projects"] = [
            {"name": "Garden planner", "description": "A hobby app for planting calendars"},
            {"name": "Kafka lab", "description": "Streaming experiments with Apache Kafka"},
            {"name": "Airflow operators", "description": "Custom Apache Airflow operators"},
        ]
        cv_id = insert_cv(self.server, user, resume)
        _, _, p = self.call("POST", "/api/v1/personas", {"base_cv_id": cv_id}, user=user)
        status, _, proposal = self.call("POST", f"/api/v1/personas/{p['id']}/tailor",
                                        {"job_description": POSTING}, user=user)
        self.assertEqual(status, 200, proposal)
        _, _, before = self.call("GET", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(before["version"], 1)  # nothing saved
        for item in proposal["provenance"]:
            self.assertTrue(item["origin"].startswith(("cv:", "kb:", "persona")), item)
        preview = proposal["preview"]
        self.assertEqual([w["name"] for w in preview["work"]], ["Acme", "Initech"])
        project_names = [x["name"] for x in preview["projects"]]
        self.assertNotIn("Garden planner", project_names)
        self.assertEqual(project_names[0], "Kafka lab")
        # Every text in the preview exists in the base CV: nothing invented.
        base_texts = set()
        for w in resume["work"]:
            base_texts.update(w["highlights"])
        for w in preview["work"]:
            for h in w["highlights"]:
                self.assertIn(h, base_texts)
        status, _, saved = self.call("PATCH", f"/api/v1/personas/{p['id']}",
                                     {"data": proposal["data"]}, user=user)
        self.assertEqual(status, 200, saved)
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/tailor", {},
                                    user=user), 422, "validation_error")
