/* The gap run context: pointers that resolve, stable keys, sorting, compare. */
#include <string.h>

#include "gap/gap_int.h"
#include "gap_testlib.h"
#include "harness.h"

static void test_pointer_resolution_and_nearest_member(void)
{
    json_t *doc = json_pack("{s:{s:s},s:[{s:s}],s:{s:i,s:i}}", "basics", "name", "A", "work",
                            "name", "Acme", "odd", "a/b", 1, "m~n", 2);
    PF_CHECK(pf_json_pointer_get(doc, "") == doc);
    PF_CHECK_STR_EQ(json_string_value(pf_json_pointer_get(doc, "/work/0/name")), "Acme");
    PF_CHECK(pf_json_pointer_get(doc, "/work/01") == NULL);
    PF_CHECK(pf_json_pointer_get(doc, "/work/1") == NULL);
    PF_CHECK_INT_EQ(json_integer_value(pf_json_pointer_get(doc, "/odd/a~1b")), 1);
    PF_CHECK_INT_EQ(json_integer_value(pf_json_pointer_get(doc, "/odd/m~0n")), 2);
    char *near = gap_pointer_nearest(doc, "/basics/phone");
    PF_CHECK_STR_EQ(near, "/basics");
    free(near);
    near = gap_pointer_nearest(doc, "/education/0/studyType");
    PF_CHECK_STR_EQ(near, "");
    free(near);
    json_decref(doc);
}

static void test_every_field_resolves_and_issues_are_sorted(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *report = gap_test_general(
        "{\"basics\":{\"name\":\"A\"},\"work\":[{\"name\":\"X\",\"position\":\"Dev\","
        "\"startDate\":\"2030-01\",\"highlights\":[\"Responsible for I was helped\"]}]}",
        &opts);
    size_t i;
    json_t *issue;
    int last_rank = 4;
    const char *ranks[] = {"info", "low", "medium", "high"};
    json_array_foreach(json_object_get(report, "issues"), i, issue) {
        const char *field = pf_json_get_str(issue, "field");
        PF_CHECK(field != NULL);
        int rank = 0;
        for (int r = 0; r < 4; r++)
            rank = strcmp(ranks[r], pf_json_get_str(issue, "severity")) == 0 ? r : rank;
        PF_CHECK(rank <= last_rank);
        last_rank = rank;
        PF_CHECK(pf_gap_rule_find(pf_json_get_str(issue, "rule")) != NULL);
    }
    PF_CHECK(gap_test_find(report, "contact.missing_phone", "/basics") != NULL);
    PF_CHECK(gap_test_find(report, "dates.future", "/work/0/startDate") != NULL);
    json_decref(report);
}

static void test_keys_survive_reordering_and_compare_sorts_issues(void)
{
    struct pf_gap_options opts = gap_test_options();
    const char *a = "{\"work\":[{\"name\":\"A\",\"position\":\"P\",\"startDate\":\"2020-01\","
                    "\"highlights\":[\"Helped with things\"]},{\"name\":\"B\",\"position\":\"Q\","
                    "\"startDate\":\"2018-01\",\"endDate\":\"2019-12\","
                    "\"highlights\":[\"Cut costs 20%\"]}]}";
    const char *b = "{\"work\":[{\"name\":\"B\",\"position\":\"Q\",\"startDate\":\"2018-01\","
                    "\"endDate\":\"2019-12\",\"highlights\":[\"Cut costs 20%\"]},{\"name\":\"A\","
                    "\"position\":\"P\",\"startDate\":\"2020-01\",\"highlights\":"
                    "[\"Helped with things\"]}],\"basics\":{\"phone\":\"+1 555 0100\"}}";
    json_t *ra = gap_test_general(a, &opts);
    json_t *rb = gap_test_general(b, &opts);
    const json_t *weak_a = gap_test_find(ra, "bullets.weak_verb", NULL);
    const json_t *weak_b = gap_test_find(rb, "bullets.weak_verb", NULL);
    PF_CHECK(weak_a && weak_b);
    if (weak_a && weak_b) {
        PF_CHECK(strcmp(pf_json_get_str(weak_a, "field"), pf_json_get_str(weak_b, "field")));
        PF_CHECK_STR_EQ(pf_json_get_str(weak_a, "key"), pf_json_get_str(weak_b, "key"));
    }
    json_t *cmp = pf_gap_compare(json_object_get(ra, "issues"), json_object_get(rb, "issues"));
    PF_CHECK_INT_EQ(json_integer_value(pf_json_pointer_get(cmp, "/counts/new")), 0);
    bool phone_resolved = false;
    size_t i;
    json_t *issue;
    json_array_foreach(json_object_get(cmp, "resolved"), i, issue) {
        phone_resolved |= strcmp(pf_json_get_str(issue, "rule"), "contact.missing_phone") == 0;
    }
    PF_CHECK(phone_resolved);
    PF_CHECK(json_integer_value(pf_json_pointer_get(cmp, "/counts/unchanged")) > 0);
    json_decref(cmp);
    json_decref(ra);
    json_decref(rb);
}

static void test_non_objects_are_refused(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *array = json_array();
    json_t *report = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_gap_general(array, &opts, &report, &err), PF_E_INVALID);
    PF_CHECK_STATUS(pf_gap_role(array, "x", 1, &opts, &report, &err), PF_E_INVALID);
    json_decref(array);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_pointer_resolution_and_nearest_member),
        PF_CASE(test_every_field_resolves_and_issues_are_sorted),
        PF_CASE(test_keys_survive_reordering_and_compare_sorts_issues),
        PF_CASE(test_non_objects_are_refused),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
