/* Tests for render/render_letter.c: which matches a cover letter may state. */
#include <string.h>

#include "harness.h"
#include "render/render.h"

static const char resume_json[] =
    "{\"work\": [{\"name\": \"Acme\", \"position\": \"Engineer\", \"highlights\": "
    "[\"Built the billing API in Go\", \"Cut costs by 20%\"]}], \"skills\": [{\"name\": \"Go\", "
    "\"keywords\": [\"gRPC\"]}], \"a/b\": {\"c~d\": \"escaped keys\"}}";

static void test_only_confirmed_facts_with_resolving_pointers_are_kept(void)
{
    json_t *resume = json_loads(resume_json, 0, NULL);
    json_t *matches = json_loads(
        "[{\"requirement\": \"Go\", \"pointer\": \"/work/0/highlights/0\", \"source\": \"cv\"},"
        " {\"requirement\": \"Kubernetes\", \"pointer\": \"/skills/0/keywords/0\","
        "  \"source\": \"ai_extraction\"},"
        " {\"requirement\": \"gRPC\", \"pointer\": \"/skills/0/keywords/0\","
        "  \"source\": \"ai_extraction\", \"confirmed\": true},"
        " {\"requirement\": \"Dangling\", \"pointer\": \"/work/7/highlights/0\", \"source\": "
        "\"cv\"},"
        " {\"requirement\": \"Object\", \"pointer\": \"/work/0\", \"source\": \"cv\"},"
        " {\"requirement\": \"Escapes\", \"pointer\": \"/a~1b/c~0d\", \"source\": \"user_answer\"},"
        " {\"pointer\": \"/work/0/highlights/1\", \"source\": \"cv\"},"
        " \"not an object\"]",
        0, NULL);
    size_t dropped = 0;
    json_t *kept = pf_render_matches_resolve(resume, matches, &dropped);
    PF_CHECK_INT_EQ(json_array_size(kept), 3);
    PF_CHECK_INT_EQ(dropped, 5);
    json_t *first = json_array_get(kept, 0);
    PF_CHECK_STR_EQ(json_string_value(json_object_get(first, "evidence")),
                    "Built the billing API in Go");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(first, "section")), "work");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(json_object_get(first, "entry"), "name")),
                    "Acme");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(kept, 1), "evidence")),
                    "gRPC");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(kept, 2), "evidence")),
                    "escaped keys");
    json_decref(kept);
    json_decref(matches);
    json_decref(resume);
}

static void test_evidence_always_comes_from_the_resume(void)
{
    json_t *resume = json_loads(resume_json, 0, NULL);
    json_t *matches = json_loads("[{\"requirement\": \"Go\", \"pointer\": \"/work/0/highlights/1\","
                                 " \"source\": \"cv\", \"evidence\": \"Invented 10x growth\"}]",
                                 0, NULL);
    json_t *kept = pf_render_matches_resolve(resume, matches, NULL);
    PF_CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(kept, 0), "evidence")),
                    "Cut costs by 20%");
    json_decref(kept);
    json_decref(matches);
    json_decref(resume);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_only_confirmed_facts_with_resolving_pointers_are_kept),
        PF_CASE(test_evidence_always_comes_from_the_resume),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
