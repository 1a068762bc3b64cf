"""Personas: CRUD, pagination, ETag/If-Match, versions, restore, duplicate, plan limits."""
from concurrent.futures import ThreadPoolExecutor

from pfapi import ApiTestCase


class PersonaCrudTest(ApiTestCase):
    def test_create_read_update_delete(self):
        user = self.server.user()
        status, headers, p = self.call("POST", "/api/v1/personas",
                                       {"title": "Staff Backend Engineer", "summary": "Go, SQL",
                                        "tags": ["backend", "go"],
                                        "data": {"basics": {"label": "Staff Engineer"}}},
                                       user=user)
        self.assertEqual(status, 201, p)
        self.assert_schema(p, "pf_schema_persona")
        self.assertEqual(p["user_id"], user["id"])
        self.assertEqual(p["version"], 1)
        self.assertEqual(headers["etag"], '"1"')
        status, _, got = self.call("GET", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(status, 200)
        self.assertEqual(got, p)
        status, headers, changed = self.call("PATCH", f"/api/v1/personas/{p['id']}",
                                             {"summary": None, "tags": ["lead"]}, user=user,
                                             headers={"If-Match": '"1"'})
        self.assertEqual(status, 200, changed)
        self.assertIsNone(changed["summary"])
        self.assertEqual(changed["tags"], ["lead"])
        self.assertEqual(changed["title"], "Staff Backend Engineer")
        self.assertEqual(changed["version"], 2)
        self.assertEqual(headers["etag"], '"2"')
        status, _, _ = self.call("DELETE", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(status, 204)
        self.assert_error(self.call("GET", f"/api/v1/personas/{p['id']}", user=user), 404,
                          "not_found")

    def test_stale_if_match_is_412_and_nothing_changes(self):
        user = self.server.user()
        _, _, p = self.call("POST", "/api/v1/personas", {"title": "A"}, user=user)
        self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "B"}, user=user)
        self.assert_error(self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "C"},
                                    user=user, headers={"If-Match": '"1"'}),
                          412, "precondition_failed")
        self.assert_error(self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "C"},
                                    user=user, headers={"If-Match": "garbage"}),
                          412, "precondition_failed")
        _, _, now = self.call("GET", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(now["title"], "B")

    def test_concurrent_edits_without_if_match_all_land(self):
        # No If-Match means no precondition: racing edits are applied one after another (the
        # last writer wins) instead of failing with a 412 the client never asked for.
        user = self.server.user()
        _, _, p = self.call("POST", "/api/v1/personas", {"title": "Start"}, user=user)
        edits = 16

        def edit(i):
            return self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": f"T{i}"},
                             user=user)[0]

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(edit, range(edits)))
        self.assertEqual(statuses, [200] * edits)
        _, _, now = self.call("GET", f"/api/v1/personas/{p['id']}", user=user)
        self.assertEqual(now["version"], 1 + edits)

    def test_versions_restore_and_duplicate(self):
        user = self.server.user()
        _, _, p = self.call("POST", "/api/v1/personas", {"title": "One"}, user=user)
        self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "Two"}, user=user)
        self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "Three"}, user=user)
        status, _, versions = self.call("GET", f"/api/v1/personas/{p['id']}/versions", user=user)
        self.assertEqual(status, 200)
        self.assertEqual([v["title"] for v in versions["items"]], ["Three", "Two", "One"])
        status, _, restored = self.call("POST",
                                        f"/api/v1/personas/{p['id']}/versions/1/restore",
                                        user=user)
        self.assertEqual(status, 200, restored)
        self.assertEqual(restored["title"], "One")
        self.assertEqual(restored["version"], 4)
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/versions/99/restore",
                                    user=user), 404, "not_found")
        self.assert_error(self.call("POST", f"/api/v1/personas/{p['id']}/versions/x/restore",
                                    user=user), 422, "validation_error")
        status, _, copy = self.call("POST", f"/api/v1/personas/{p['id']}/duplicate", user=user)
        self.assertEqual(status, 201, copy)
        self.assertEqual(copy["title"], "One (copy)")
        self.assertNotEqual(copy["id"], p["id"])

    def test_title_is_required_without_a_base_cv_and_base_cv_must_exist(self):
        user = self.server.user()
        err = self.assert_error(self.call("POST", "/api/v1/personas", {"summary": "x"},
                                          user=user), 422, "validation_error")
        self.assertEqual(err["details"][0]["loc"], ["body", "title"])
        err = self.assert_error(self.call("POST", "/api/v1/personas",
                                          {"base_cv_id": "01a2131d-d8e0-7781-870a-60a9e4122cdf"},
                                          user=user), 422, "validation_error")
        self.assertEqual(err["details"][0]["loc"], ["body", "base_cv_id"])

    def test_tags_are_validated(self):
        user = self.server.user()
        err = self.assert_error(self.call("POST", "/api/v1/personas",
                                          {"title": "T", "tags": ["ok", 3, "x" * 101]},
                                          user=user), 422, "validation_error")
        locs = [d["loc"] for d in err["details"]]
        self.assertIn(["body", "tags", "1"], locs)
        self.assertIn(["body", "tags", "2"], locs)


class PersonaListAndLimitsTest(ApiTestCase):
    settings = {"plan_free_personas": "5"}

    def test_pages_walk_every_persona_once(self):
        user = self.server.user()
        ids = {self.call("POST", "/api/v1/personas", {"title": f"P{i}"}, user=user)[2]["id"]
               for i in range(5)}
        seen = []
        cursor = ""
        while True:
            status, _, page = self.call("GET", f"/api/v1/personas?limit=2&cursor={cursor}",
                                        user=user)
            self.assertEqual(status, 200)
            seen += [p["id"] for p in page["items"]]
            if not page["next_cursor"]:
                break
            cursor = page["next_cursor"]
        self.assertEqual(sorted(seen), sorted(ids))
        self.assertEqual(len(seen), len(set(seen)))

    def test_the_free_plan_limit_is_a_403_plan_limit(self):
        user = self.server.user()
        for i in range(5):
            self.assertEqual(self.call("POST", "/api/v1/personas", {"title": f"L{i}"},
                                       user=user)[0], 201)
        err = self.assert_error(self.call("POST", "/api/v1/personas", {"title": "one more"},
                                          user=user), 403, "plan_limit")
        self.assertIn("free", err["message"])
        _, _, me = self.call("GET", "/api/v1/me", user=user)
        self.assertEqual(me["usage"]["personas"], {"used": 5, "limit": 5})
