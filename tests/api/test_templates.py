"""Templates and export: built-ins, your own templates (checked, with positions on errors),
previews, exports in every format with the right types and names, cover letters that state only
facts, and user text that stays text."""
import json

from pfapi import ApiTestCase


class TemplateTest(ApiTestCase):
    # Rendering limits are generous here: a PDF under ASan on a loaded machine is slow, and
    # these tests are about what is rendered (the sandbox has its own unit tests).
    settings = {"plan_free_personas": "50", "limit_template_ms": "60000",
                "limit_document_ms": "60000"}

    def persona(self, user, **fields):
        body = {"title": "Staff Engineer", "data": {
            "basics": {"name": "Ada Lovelace", "label": "Staff Engineer",
                       "email": "ada@example.com", "summary": "Builds analytical engines."},
            "work": [{"name": "Babbage & Co", "position": "Engineer", "startDate": "2019-01",
                      "highlights": ["Wrote the first algorithm in Python and SQL"]}],
            "skills": [{"name": "Programming", "keywords": ["Python", "SQL"]}]}}
        body.update(fields)
        status, _, p = self.call("POST", "/api/v1/personas", body, user=user)
        self.assertEqual(status, 201, p)
        return p

    def test_builtins_are_listed_and_cannot_be_changed(self):
        user = self.server.user()
        status, _, templates = self.call("GET", "/api/v1/templates", user=user)
        self.assertEqual(status, 200)
        builtins = [t for t in templates["items"] if t["builtin"]]
        self.assertGreaterEqual(len([t for t in builtins if t["type"] == "cv"]), 4)
        self.assertGreaterEqual(len([t for t in builtins if t["type"] == "cover_letter"]), 2)
        classic = next(t for t in builtins if t["name"] == "classic")
        status, _, full = self.call("GET", f"/api/v1/templates/{classic['id']}", user=user)
        self.assertEqual(status, 200)
        self.assertIn("resume", full["body"])
        self.assert_error(self.call("PATCH", f"/api/v1/templates/{classic['id']}",
                                    {"body": "hacked"}, user=user), 403, "forbidden")
        self.assert_error(self.call("DELETE", f"/api/v1/templates/{classic['id']}", user=user),
                          403, "forbidden")

    def test_own_templates_are_checked_with_positions(self):
        user = self.server.user()
        err = self.assert_error(self.call("POST", "/api/v1/templates",
                                          {"name": "Broken", "type": "cv", "engine": "markdown",
                                           "body": "# {{ resume.basics.name }}\n{% if x %}oops"},
                                          user=user), 422, "template_error")
        self.assertEqual(err["details"][0]["loc"], ["body", "body"])
        self.assertEqual(err["details"][0]["ctx"]["line"], 2)
        status, _, mine = self.call("POST", "/api/v1/templates",
                                    {"name": "Mine", "type": "cv", "engine": "markdown",
                                     "body": "# {{ resume.basics.name }}\n\n{{ resume.basics.label }}\n"},
                                    user=user)
        self.assertEqual(status, 201, mine)
        self.assertFalse(mine["builtin"])
        status, _, edited = self.call("PATCH", f"/api/v1/templates/{mine['id']}",
                                      {"body": "## {{ resume.basics.name | upper }}\n"}, user=user)
        self.assertEqual(status, 200, edited)
        p = self.persona(user)
        status, headers, md = self.call("GET", f"/api/v1/personas/{p['id']}/export?template=Mine"
                                               "&format=md", user=user)
        self.assertEqual(status, 200)
        self.assertEqual(md.decode().strip(), "## ADA LOVELACE")
        self.assertEqual(self.call("DELETE", f"/api/v1/templates/{mine['id']}", user=user)[0], 204)
        other = self.server.user()
        self.assert_error(self.call("GET", f"/api/v1/templates/{mine['id']}", user=other), 404,
                          "not_found")

    def test_preview_renders_without_saving(self):
        user = self.server.user()
        status, headers, html = self.call("POST", "/api/v1/templates/preview",
                                          {"body": "# {{ resume.basics.name }}", "engine": "markdown"},
                                          user=user)
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(b"<h1", html)
        self.assertIn("sandbox", headers["content-security-policy"])

    def test_export_in_every_format(self):
        user = self.server.user()
        p = self.persona(user)
        expect = {"pdf": (b"%PDF", "application/pdf"), "docx": (b"PK", "application/vnd"),
                  "md": (b"", "text/markdown"), "html": (b"<", "text/html"),
                  "txt": (b"", "text/plain"), "json": (b"{", "application/json")}
        for template in ("classic", "modern", "compact", "ats"):
            for fmt, (magic, ctype) in expect.items():
                status, headers, data = self.call(
                    "GET", f"/api/v1/personas/{p['id']}/export?template={template}&format={fmt}",
                    user=user)
                self.assertEqual(status, 200, (template, fmt, str(data)[:300]))
                self.assertTrue(headers["content-type"].startswith(ctype), headers["content-type"])
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.assertTrue(raw.startswith(magic), (template, fmt, raw[:20]))
                self.assertIn(f'filename="Staff Engineer.{fmt}"', headers["content-disposition"])
                if fmt in ("md", "html", "txt"):
                    self.assertIn(b"Ada Lovelace", raw)

    def test_bad_exports_are_refused_clearly(self):
        user = self.server.user()
        p = self.persona(user)
        self.assert_error(self.call("GET", f"/api/v1/personas/{p['id']}/export?template=classic"
                                           "&format=exe", user=user), 422, "validation_error")
        self.assert_error(self.call("GET", f"/api/v1/personas/{p['id']}/export?template=nope"
                                           "&format=pdf", user=user), 404, "not_found")
        err = self.assert_error(self.call("GET", f"/api/v1/personas/{p['id']}/export"
                                                 "?template=letter-formal&format=pdf", user=user),
                                422, "validation_error")
        self.assertEqual(err["details"][0]["loc"], ["query", "job_description"])

    def test_cover_letters_state_only_facts_from_the_persona(self):
        user = self.server.user()
        p = self.persona(user)
        posting = ("Senior Data Engineer at Initech\n\nRequirements:\n- Python\n- SQL\n"
                   "- Kubernetes\n")
        status, headers, letter = self.call("POST", f"/api/v1/personas/{p['id']}/export",
                                            {"template": "letter-formal", "format": "txt",
                                             "job_description": posting}, user=user)
        self.assertEqual(status, 200, letter)
        text = letter.decode()
        self.assertIn("Ada Lovelace", text)
        self.assertIn("Wrote the first algorithm in Python and SQL", text)
        self.assertNotIn("Kubernetes", text.split("requirements match")[-1]
                         if "requirements match" in text else "")

    def test_user_text_stays_text_in_every_export(self):
        user = self.server.user()
        p = self.persona(user, title="<script>alert(1)</script> {{ 7*7 }}")
        self.call("PATCH", f"/api/v1/personas/{p['id']}",
                  {"data": {"basics": {"name": "<img src=x onerror=alert(1)> {{ 7*7 }} {% raw %}",
                                       "summary": "**bold** [link](javascript:alert(1))"}}},
                  user=user)
        status, _, html = self.call("GET", f"/api/v1/personas/{p['id']}/export?template=classic"
                                           "&format=html", user=user)
        self.assertEqual(status, 200)
        page = html.decode()
        self.assertNotIn("<img src=x", page)
        self.assertNotIn('href="javascript:', page)  # Markdown in data is text, not a link
        self.assertIn("{{ 7*7 }}", page)  # template syntax in data is text, never evaluated
        self.assertNotIn(">49<", page)
