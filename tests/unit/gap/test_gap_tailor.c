/* Tailoring: selection and order only, with provenance; merging into existing data. */
#include <string.h>

#include "gap/gap_tailor.h"
#include "gap_testlib.h"
#include "harness.h"
#include "persona/persona_merge.h"

static void test_selection_orders_by_relevance_and_traces_items(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *base = json_pack(
        "{s:[{s:s,s:s,s:s,s:[s,s,s,s]}],s:[{s:s,s:[s,s,s]}]}", "work", "name", "Acme",
        "position", "Engineer", "startDate", "2021-01", "highlights", "Organised the party",
        "Ran Kubernetes clusters", "Wrote Terraform modules for 30 services", "Fixed printers",
        "skills", "name", "Tools", "keywords", "Excel", "Terraform", "Kubernetes");
    struct pf_persona_merge_input in = {.base = base, .kb = opts.kb};
    json_t *effective = pf_persona_merge(&in);
    const char *posting = "DevOps Engineer\nRequirements:\n- Terraform\n- Kubernetes\n";
    json_t *proposal = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_gap_tailor(effective, posting, strlen(posting), &opts, &proposal, &err),
                    PF_OK);
    json_t *selection = json_object_get(proposal, "selection");
    json_t *data = pf_gap_tailor_apply(NULL, selection);
    struct pf_persona_merge_input again = {.base = base, .data = data, .kb = opts.kb};
    json_t *preview = pf_persona_merge(&again);
    const json_t *bullets = pf_json_pointer_get(preview, "/work/0/highlights");
    PF_CHECK_INT_EQ(json_array_size(bullets), 3);
    PF_CHECK_STR_EQ(json_string_value(json_array_get(bullets, 0)),
                    "Wrote Terraform modules for 30 services");
    PF_CHECK_STR_EQ(json_string_value(json_array_get(bullets, 1)), "Ran Kubernetes clusters");
    const json_t *keywords = pf_json_pointer_get(preview, "/skills/0/keywords");
    PF_CHECK_STR_EQ(json_string_value(json_array_get(keywords, 2)), "Excel");
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(proposal, "provenance"), i, item) {
        PF_CHECK(strncmp(pf_json_get_str(item, "origin"), "cv:", 3) == 0);
    }
    PF_CHECK(json_array_size(json_object_get(proposal, "dropped")) == 1);
    PF_CHECK_INT_EQ(json_array_size(pf_json_pointer_get(preview, "/meta/personaforge/unresolved")),
                    0);
    json_decref(preview);
    json_decref(data);
    json_decref(proposal);
    json_decref(effective);
    json_decref(base);
}

static void test_apply_keeps_existing_overrides(void)
{
    json_t *data = json_pack("{s:{s:s},s:{s:{s:s,s:{s:s}}},s:[]}", "basics", "label", "X",
                             "work", "work-00000001", "position", "Lead", "highlights",
                             "h-00000001", "Rewritten", "projects");
    json_t *selection = json_pack("{s:{s:[s],s:{s:{s:[s]}}},s:{s:[]}}", "work", "$order",
                                  "work-00000001", "work-00000001", "highlights", "$order",
                                  "h-00000001", "projects", "$order");
    json_t *out = pf_gap_tailor_apply(data, selection);
    PF_CHECK_STR_EQ(json_string_value(pf_json_pointer_get(out, "/basics/label")), "X");
    PF_CHECK_STR_EQ(json_string_value(pf_json_pointer_get(out, "/work/work-00000001/position")),
                    "Lead");
    PF_CHECK_STR_EQ(json_string_value(pf_json_pointer_get(
                        out, "/work/work-00000001/highlights/h-00000001")),
                    "Rewritten");
    PF_CHECK(json_is_array(
        pf_json_pointer_get(out, "/work/work-00000001/highlights/$order")));
    PF_CHECK(json_is_array(json_object_get(out, "projects")));
    json_decref(out);
    json_decref(selection);
    json_decref(data);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_selection_orders_by_relevance_and_traces_items),
        PF_CASE(test_apply_keeps_existing_overrides),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
