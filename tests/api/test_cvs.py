"""CV uploads: multipart and raw bodies, background parsing to parsed or failed with a reason,
the original file, corrections, reparse, delete, limits."""
import time
import urllib.parse

from fixtures import CV_LINES, docx, image_only_pdf, multipart, text_pdf
from pfapi import ApiTestCase


class CvApiTest(ApiTestCase):
    settings = {"limit_upload_bytes": "200000", "plan_free_cvs": "50", "jobs_workers": "2"}

    def upload(self, user, data, filename="cv.pdf", content_type="application/pdf"):
        body, ctype = multipart("file", filename, content_type, data)
        return self.server.request("POST", "/api/v1/cvs", raw=body, content_type=ctype,
                                   token=user["token"])

    def wait(self, user, cv_id, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, cv = self.call("GET", f"/api/v1/cvs/{cv_id}", user=user)
            self.assertEqual(status, 200, cv)
            if cv["status"] in ("parsed", "failed"):
                return cv
            time.sleep(0.1)
        self.fail(f"CV {cv_id} still {cv['status']} after {timeout}s")

    def test_multipart_upload_is_acknowledged_then_parsed(self):
        user = self.server.user()
        pdf = text_pdf(CV_LINES)
        status, headers, cv = self.upload(user, pdf)
        self.assertEqual(status, 202, cv)
        self.assert_schema(cv, "pf_schema_cv")
        self.assertEqual(cv["status"], "pending")
        self.assertEqual(headers["location"], f"/api/v1/cvs/{cv['id']}")
        self.assertEqual(cv["size_bytes"], len(pdf))
        done = self.wait(user, cv["id"])
        self.assert_schema(done, "pf_schema_cv")
        self.assertEqual(done["status"], "parsed", done)
        self.assertEqual(done["format"], "pdf")
        self.assertIn("Ada Lovelace", done["raw_text"])
        self.assertEqual(done["diagnostics"]["pages"], 1)
        self.assertIn("low_confidence", done["diagnostics"]["parser"])
        self.assertIsNone(done["error"])
        resume = done["parsed_json"]
        self.assertEqual(resume["basics"]["name"], "Ada Lovelace")
        self.assertEqual(resume["basics"]["email"], "ada@example.com")
        span = resume["meta"]["fields"]["/basics/name"]
        self.assertEqual(done["raw_text"].encode()[span["start"]:span["end"]], b"Ada Lovelace")

    def test_raw_upload_with_filename_query(self):
        user = self.server.user()
        status, _, cv = self.call("POST", "/api/v1/cvs?filename=ada.docx", user=user,
                                  raw=docx(CV_LINES),
                                  content_type="application/vnd.openxmlformats-officedocument"
                                               ".wordprocessingml.document")
        self.assertEqual(status, 202, cv)
        self.assertEqual(cv["filename"], "ada.docx")
        done = self.wait(user, cv["id"])
        self.assertEqual(done["status"], "parsed", done)
        self.assertEqual(done["format"], "docx")
        self.assertIn("Babbage", done["raw_text"])

    def test_a_scanned_pdf_fails_with_a_readable_reason(self):
        user = self.server.user()
        _, _, cv = self.upload(user, image_only_pdf(), filename="scan.pdf")
        done = self.wait(user, cv["id"])
        self.assertEqual(done["status"], "failed")
        self.assertEqual(done["error_code"], "no_text_layer")
        self.assertIn("scanned", done["error"])
        self.assertIsNone(done["parsed_json"])

    def test_unknown_formats_and_empty_bodies_are_refused_at_once(self):
        user = self.server.user()
        self.assert_error(self.upload(user, bytes(range(256)) * 4, filename="x.bin"), 415,
                          "unsupported_format")
        self.assert_error(self.upload(user, b"", filename="empty.pdf"), 422, "validation_error")
        body, ctype = multipart("other", "cv.pdf", "application/pdf", text_pdf(CV_LINES))
        err = self.assert_error(self.server.request("POST", "/api/v1/cvs", raw=body,
                                                    content_type=ctype, token=user["token"]),
                                422, "validation_error")
        self.assertEqual(err["details"][0]["loc"], ["body", "file"])
        _, _, listed = self.call("GET", "/api/v1/cvs", user=user)
        self.assertEqual(listed["items"], [])

    def test_too_big_uploads_are_413(self):
        user = self.server.user()
        big = text_pdf(CV_LINES) + b"%" + b"x" * 300000
        err = self.assert_error(self.upload(user, big), 413, "too_big")
        self.assertEqual(err.get("field"), "limit_upload_bytes")

    def test_the_original_file_comes_back_byte_for_byte_under_a_safe_name(self):
        user = self.server.user()
        pdf = text_pdf(CV_LINES)
        name = urllib.parse.quote('../../etc/"pass\r\nwd".pdf')
        _, _, cv = self.call("POST", f"/api/v1/cvs?filename={name}", user=user, raw=pdf,
                             content_type="application/pdf")
        self.assertEqual(cv["filename"], "passwd.pdf")
        status, headers, data = self.call("GET", f"/api/v1/cvs/{cv['id']}/file", user=user)
        self.assertEqual(status, 200)
        self.assertEqual(data, pdf)
        self.assertEqual(headers["content-type"], "application/octet-stream")
        self.assertTrue(headers["content-disposition"].startswith("attachment;"))
        self.assertIn("passwd.pdf", headers["content-disposition"])

    def test_correct_reparse_and_delete(self):
        user = self.server.user()
        _, _, cv = self.upload(user, text_pdf(CV_LINES))
        self.wait(user, cv["id"])
        fixed = {"basics": {"name": "Ada King", "label": "Countess"}}
        status, _, got = self.call("PATCH", f"/api/v1/cvs/{cv['id']}", {"parsed_json": fixed},
                                   user=user)
        self.assertEqual(status, 200, got)
        self.assertEqual(got["parsed_json"], fixed)
        status, _, again = self.call("POST", f"/api/v1/cvs/{cv['id']}/reparse", user=user)
        self.assertEqual(status, 202, again)
        self.assertEqual(again["status"], "pending")
        self.assertEqual(self.wait(user, cv["id"])["status"], "parsed")
        self.assertEqual(self.call("DELETE", f"/api/v1/cvs/{cv['id']}", user=user)[0], 204)
        self.assert_error(self.call("GET", f"/api/v1/cvs/{cv['id']}", user=user), 404,
                          "not_found")
        self.assert_error(self.call("GET", f"/api/v1/cvs/{cv['id']}/file", user=user), 404,
                          "not_found")


class CvPlanTest(ApiTestCase):
    def test_the_free_plan_allows_two_cvs(self):
        user = self.server.user()
        body, ctype = multipart("file", "cv.pdf", "application/pdf", text_pdf(CV_LINES))
        for _ in range(2):
            self.assertEqual(self.server.request("POST", "/api/v1/cvs", raw=body,
                                                 content_type=ctype, token=user["token"])[0], 202)
        self.assert_error(self.server.request("POST", "/api/v1/cvs", raw=body, content_type=ctype,
                                              token=user["token"]), 403, "plan_limit")
