"""The served OpenAPI document lists what the handlers read: every query parameter named in
src/http, and limit/cursor on every paginated operation."""
import os
import re

from pfapi import ApiTestCase

SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                   "src", "http")


def handler_sources():
    """(handler name, body) for every api_* handler in src/http."""
    for name in sorted(os.listdir(SRC)):
        if name.startswith("api_") and name.endswith(".c"):
            text = open(os.path.join(SRC, name), encoding="utf-8").read()
            for m in re.finditer(r"^pf_status (api_\w+)\(.*?^}", text, re.S | re.M):
                yield m.group(1), m.group(0)


class OpenApiTest(ApiTestCase):
    def test_every_query_parameter_read_is_documented(self):
        documented = {}
        for item in self.openapi["paths"].values():
            for op in item.values():
                names = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
                documented[op["operationId"]] = names
        everywhere = set().union(*documented.values())
        for name in sorted(os.listdir(SRC)):
            if name.startswith("api_") and name.endswith(".c"):
                text = open(os.path.join(SRC, name), encoding="utf-8").read()
                for query in re.findall(r'pf_req_query\(req, "(\w+)"\)', text):
                    self.assertIn(query, everywhere, f"{name} reads ?{query}: add it to "
                                  "src/http/queries.def")
        paged = [h for h, body in handler_sources() if "pf_req_page_or_respond" in body]
        self.assertGreater(len(paged), 3)
        for handler in paged:
            self.assertLessEqual({"limit", "cursor"}, documented.get(handler, set()), handler)
