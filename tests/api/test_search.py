"""GET /api/v1/search: ranked hits with plain-text snippets and highlight ranges, the query
syntax, the typo fallback, filters and paging, isolation between users and between teams, edits
and deletions visible at once, and hostile queries (422 naming the limit, never a 500)."""
import time
import urllib.parse

from pfapi import BACKEND, ApiTestCase


def spans_ok(test, text, spans):
    """Every highlight is a [start, end) range of code points inside text."""
    for start, end in spans:
        test.assertTrue(0 <= start < end <= len(text), (text, spans))


class SearchApiTest(ApiTestCase):
    settings = {"plan_free_cvs": "50", "plan_free_personas": "100", "jobs_workers": "2"}

    def search(self, user, q=None, **params):
        query = dict(params)
        if q is not None:
            query["q"] = q
        path = "/api/v1/search?" + urllib.parse.urlencode(query, doseq=True)
        return self.call("GET", path, user=user)

    def ok(self, user, q, **params):
        status, _, body = self.search(user, q, **params)
        self.assertEqual(status, 200, body)
        self.assert_schema(body, "pf_schema_search_result")
        for item in body["items"]:
            spans_ok(self, item["title"], item["title_highlights"])
            spans_ok(self, item["snippet"], item["highlights"])
        return body

    def persona(self, user, title, summary=None, tags=None):
        body = {"title": title, "tags": tags or []}
        if summary:
            body["summary"] = summary
        status, _, got = self.call("POST", "/api/v1/personas", body, user=user)
        self.assertEqual(status, 201, got)
        return got

    def cv(self, user, text, filename="cv.txt", status="parsed"):
        """Uploads text as a CV and waits for its job. A fragment with no name, contact or
        heading is refused by the parser (status "failed"); its text is searchable all the same."""
        code, _, cv = self.server.request("POST", f"/api/v1/cvs?filename={filename}",
                                          raw=text.encode(), content_type="text/plain",
                                          token=user["token"])
        self.assertEqual(code, 202, cv)
        deadline = time.time() + 30
        while time.time() < deadline:
            _, _, got = self.call("GET", f"/api/v1/cvs/{cv['id']}", user=user)
            if got["status"] in ("parsed", "failed"):
                self.assertEqual(got["status"], status, got)
                return got
            time.sleep(0.05)
        self.fail("CV not parsed")

    def kb(self, user, value, type_="skill"):
        status, _, got = self.call("POST", "/api/v1/kb/entries", {"type": type_, "value": value},
                                   user=user)
        self.assertEqual(status, 201, got)
        return got

    def ids(self, body):
        return {item["id"] for item in body["items"]}

    def test_hits_carry_plain_text_and_code_point_ranges(self):
        user = self.server.user()
        p = self.persona(user, "Kübernetes Platform Engineer",
                         "Runs <script>alert(1)</script> clusters; kübernetes since 2015")
        cv = self.cv(user, "Grace Hopper\nPlatform engineer. Kübernetes operators in Go.\n")
        body = self.ok(user, "kübernetes")
        self.assertEqual(self.ids(body), {p["id"], cv["id"]})
        self.assertEqual(body["mode"], "fulltext")
        self.assertEqual(body["totals"], {"persona": 1, "cv": 1, "kb_entry": 0})
        self.assertIsNone(body["next_cursor"])
        hit = next(i for i in body["items"] if i["type"] == "persona")
        self.assertEqual(hit["title"], "Kübernetes Platform Engineer")
        self.assertEqual(hit["title_highlights"], [[0, 10]])
        start, end = hit["highlights"][0]
        self.assertEqual(hit["snippet"][start:end].lower(), "kübernetes")
        self.assertTrue(0 < hit["rank"] <= 1)
        for item in body["items"]:
            self.assertFalse(any(ord(c) < 32 for c in item["snippet"] + item["title"]))
        cv_hit = next(i for i in body["items"] if i["type"] == "cv")
        self.assertEqual(cv_hit["filename"], "cv.txt")

    def test_query_syntax(self):
        user = self.server.user()
        a = self.persona(user, "Platform engineer", "Golang and PHP in Berlin")
        b = self.persona(user, "Engineer on the platform team", "Rust in Munich")
        c = self.persona(user, "Engineering manager", "Managed Golang teams")
        self.assertEqual(self.ids(self.ok(user, '"platform engineer"')), {a["id"]})
        self.assertEqual(self.ids(self.ok(user, "golang OR rust")), {a["id"], b["id"], c["id"]})
        self.assertEqual(self.ids(self.ok(user, "golang -php")), {c["id"]})
        self.assertEqual(self.ids(self.ok(user, "golang NOT php")), {c["id"]})
        self.assertEqual(self.ids(self.ok(user, "platform AND berlin")), {a["id"]})
        self.assertEqual(self.ids(self.ok(user, "managing")), {c["id"]})      # stemming
        self.assertEqual(self.ids(self.ok(user, "muni*")), {b["id"]})          # prefix
        self.assertEqual(self.ok(user, "muni")["mode"], "fuzzy")                # not a word
        self.assertEqual(self.ids(self.ok(user, "golang muni", prefix="1")), set())
        self.assertEqual(self.ids(self.ok(user, "rust muni", prefix="1")), {b["id"]})
        self.assertEqual(self.ids(self.ok(user, "the of")), set())           # stop words only

    def test_typo_fallback_is_marked(self):
        user = self.server.user()
        p = self.persona(user, "Kubernetes Engineer", "Terraform")
        body = self.ok(user, "kuberntes")
        self.assertEqual(body["mode"], "fuzzy")
        self.assertEqual(self.ids(body), {p["id"]})
        self.assertEqual(body["items"][0]["title_highlights"], [[0, 10]])
        body = self.ok(user, "kubernetes")
        self.assertEqual(body["mode"], "fulltext")
        body = self.ok(user, "qqqzzzxxx")
        self.assertEqual((body["mode"], body["items"]), ("fulltext", []))

    def test_filters_and_pages(self):
        user = self.server.user()
        tagged = [self.persona(user, f"Scala developer {i}", tags=["jvm"]) for i in range(3)]
        others = [self.persona(user, f"Scala analyst {i}") for i in range(2)]
        cv = self.cv(user, "Scala everywhere", status="failed")
        body = self.ok(user, "scala", types="cv")
        self.assertEqual(self.ids(body), {cv["id"]})
        self.assertEqual(body["totals"], {"cv": 1})
        body = self.ok(user, "scala", tags="jvm")
        self.assertEqual(self.ids(body), {p["id"] for p in tagged})
        body = self.ok(user, "scala", types="persona,cv", tags="jvm")
        self.assertEqual(self.ids(body), {p["id"] for p in tagged} | {cv["id"]})
        seen, cursor = [], None
        for _ in range(10):
            params = {"limit": "2", "types": "persona"}
            if cursor:
                params["cursor"] = cursor
            body = self.ok(user, "scala", **params)
            seen += [i["id"] for i in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        self.assertEqual(sorted(seen), sorted(p["id"] for p in tagged + others))
        for bad in ({"types": "persona,robot"}, {"category": "skills"}, {"source": "web"},
                    {"limit": "0"}, {"limit": "51"}, {"cursor": "x1"}, {"cursor": "t99999"},
                    {"prefix": "maybe"}):
            status, _, err = self.search(user, "scala", **bad)
            self.assertEqual(status, 422, (bad, err))
            self.assertEqual(err["error"]["code"], "validation_error")
            self.assertEqual(err["error"]["details"][0]["loc"][0], "query")

    def test_isolation_between_users(self):
        alice, bob = self.server.user(), self.server.user()
        mine = self.persona(alice, "Zephyr specialist", "alice")
        my_cv = self.cv(alice, "Alice\nZephyr firmware", status="failed")
        my_kb = self.kb(alice, "Zephyr RTOS", "tool")
        self.persona(bob, "Zephyr specialist", "bob secretbob")
        self.cv(bob, "Bob\nZephyr firmware secretbob", status="failed")
        self.kb(bob, "Zephyr secretbob", "tool")
        body = self.ok(alice, "zephyr")
        self.assertEqual(self.ids(body), {mine["id"], my_cv["id"], my_kb["id"]})
        self.assertEqual(body["totals"], {"persona": 1, "cv": 1, "kb_entry": 1})
        kb_hit = next(i for i in body["items"] if i["type"] == "kb_entry")
        self.assertEqual((kb_hit["category"], kb_hit["source"]), ("tool", "user_answer"))
        self.assertEqual(self.ids(self.ok(alice, "zephyr", category="tool")), {my_kb["id"]})
        self.assertEqual(self.ok(alice, "zephyr", category="skill")["items"], [])
        self.assertEqual(self.ids(self.ok(alice, "zephyr", source="user_answer")), {my_kb["id"]})
        self.assertNotIn("bob", str(body).lower())
        for q in ("secretbob", "secretbbo", "bob", "secret*"):
            body = self.ok(alice, q)
            self.assertEqual(body["items"], [], q)
            self.assertEqual(set(body["totals"].values()), {0}, q)

    def test_isolation_between_teams(self):
        s = self.server
        owner_a, member_a, owner_b, outsider = s.user(), s.user(), s.user(), s.user()
        _, _, team_a = s.request("POST", "/api/v1/teams", {"name": "Agency A"},
                                 token=owner_a["token"])
        s.request("POST", f"/api/v1/teams/{team_a['id']}/members", {"email": member_a["email"]},
                  token=owner_a["token"])
        s.request("POST", "/api/v1/teams", {"name": "Agency B"}, token=owner_b["token"])
        candidate = self.persona(owner_a, "Candidate: Quarkus engineer", "agency a")
        self.persona(owner_b, "Candidate: Quarkus engineer", "agency b")
        body = self.ok(member_a, "quarkus")
        self.assertEqual(self.ids(body), {candidate["id"]})
        self.assertEqual(body["totals"]["persona"], 1)
        body = self.ok(owner_b, "quarkus")
        self.assertNotIn(candidate["id"], self.ids(body))
        self.assertEqual(body["totals"]["persona"], 1)
        self.assertEqual(self.ok(outsider, "quarkus")["items"], [])
        self.assertEqual(self.ok(outsider, "quarkos")["items"], [])

    def test_edits_and_deletions_are_visible_at_once(self):
        user = self.server.user()
        p = self.persona(user, "Erlang engineer")
        cv = self.cv(user, "Cobol and Fortran", status="failed")
        status, _, _ = self.call("PATCH", f"/api/v1/personas/{p['id']}", {"title": "Elixir lead"},
                                 user=user)
        self.assertEqual(status, 200)
        self.assertEqual(self.ok(user, "erlang")["items"], [])
        self.assertEqual(self.ids(self.ok(user, "elixir")), {p["id"]})
        self.assertEqual(self.call("DELETE", f"/api/v1/personas/{p['id']}", user=user)[0], 204)
        self.assertEqual(self.call("DELETE", f"/api/v1/cvs/{cv['id']}", user=user)[0], 204)
        self.assertEqual(self.ok(user, "elixir")["items"], [])
        self.assertEqual(self.ok(user, "cobol")["items"], [])

    def test_hostile_queries_get_a_named_422_or_a_result(self):
        user = self.server.user()
        self.persona(user, "Kubernetes engineer")

        def refused(q, kind, field=None):
            status, _, body = self.search(user, q)
            self.assertEqual(status, 422, (q[:80], body))
            detail = body["error"]["details"][0]
            self.assertEqual((detail["loc"], detail["type"]), (["query", "q"], kind), q[:80])
            if field:
                self.assertEqual(body["error"].get("field"), field)
                self.assertIn(field, body["error"]["message"])

        status, _, body = self.search(user, None)
        self.assertEqual((status, body["error"]["details"][0]["type"]), (422, "missing"))
        refused("", "empty")
        refused("   ", "empty")
        refused('"" OR AND NOT - * | ( ) " "', "empty")
        refused("-kubernetes -php", "only_exclusions")
        refused("k" * 513, "limit_search_bytes", "limit_search_bytes")
        refused(" ".join(f"w{i}" for i in range(33)), "limit_search_terms", "limit_search_terms")
        refused("w " * 10000, "limit_search_bytes", "limit_search_bytes")  # 10,000 terms
        for raw in ("%FF%FE", "caf%C3", "%ED%A0%80"):
            status, _, body = self.call("GET", f"/api/v1/search?q={raw}", user=user)
            self.assertEqual((status, body["error"]["details"][0]["type"]), (422, "utf8"), raw)
        started = time.time()
        for q in ('"unbalanced quote', "kubernetes\x01\x02\x7f engineer", "OR OR kubernetes OR",
                  "kube*" * 40, "((((kubernetes", "kubernetes\\", "'''", "a" * 512,
                  "\u202e\u200bkubernetes\ufeff", "\U000f0001\U000f0002 kubernetes",
                  "NEAR(kubernetes engineer)", "title:kubernetes", "{title}:x ws:y"):
            status, _, body = self.search(user, q)
            self.assertIn(status, (200, 422), (q[:60], body))
        status, _, body = self.call("GET", "/api/v1/search?q=kubernetes%00engineer", user=user)
        self.assertIn(status, (200, 422), body)
        status, _, body = self.call("GET", "/api/v1/search?q=" + "w+" * 10000, user=user)
        self.assertIn(status, (414, 422), body)  # past the request line limit, or ours
        self.assertLess(time.time() - started, 10)
        self.assertEqual(self.ok(user, "kubernetes")["totals"]["persona"], 1)  # still serving


class IndexMergeTest(ApiTestCase):
    """An idle job worker merges SQLite's full-text index segments (search_merge_interval) and
    the search finds what it found before; on PostgreSQL there is nothing to merge."""
    settings = {"plan_free_personas": "100", "jobs_workers": "1", "search_merge_interval": "1"}

    def test_idle_worker_merges_the_segments_and_hits_stay(self):
        user = self.server.user()
        for i in range(12):  # one transaction, so one FTS5 segment, each
            status, _, got = self.call("POST", "/api/v1/personas",
                                       {"title": f"Kotlin developer {i}"}, user=user)
            self.assertEqual(status, 201, got)
        merged = BACKEND == "sqlite"
        deadline = time.time() + (15 if merged else 3)
        while time.time() < deadline and "search indexes merged" not in self.server.read_log():
            time.sleep(0.2)
        log = self.server.read_log()
        self.assertEqual("search indexes merged" in log, merged, log[-2000:])
        self.assertNotIn("merging the search indexes failed", log)
        status, _, body = self.call("GET", "/api/v1/search?q=kotlin&limit=50", user=user)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["totals"]["persona"], 12)
