/* Tests for base/json.c: depth and UTF-8 limits, errors with positions, getters. */
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "harness.h"

static void test_json_parse_accepts_values(void)
{
    json_t *json = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_json_parse(PF_STR("{\"a\":\"x\",\"n\":3,\"b\":true}"), 8, &json, &err),
                    PF_OK);
    PF_CHECK_STR_EQ(pf_json_get_str(json, "a"), "x");
    PF_CHECK_INT_EQ(pf_json_get_int(json, "n", -1), 3);
    PF_CHECK(pf_json_get_bool(json, "b", false));
    PF_CHECK(pf_json_get_str(json, "n") == NULL);
    PF_CHECK_INT_EQ(pf_json_get_int(json, "a", -1), -1);
    char *text = pf_json_dump(json);
    PF_CHECK_STR_EQ(text, "{\"a\":\"x\",\"n\":3,\"b\":true}");
    free(text);
    json_decref(json);
}

static void test_json_parse_refuses_deep_nesting_before_parsing(void)
{
    char deep[2001];
    memset(deep, '[', 1000);
    memset(deep + 1000, ']', 1000);
    deep[2000] = '\0';
    json_t *json = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_json_parse(pf_str_from_cstr(deep), 64, &json, &err), PF_E_TOO_BIG);
    PF_CHECK(json == NULL);
    PF_CHECK_STR_EQ(err.field, "limit_json_depth");
    /* Brackets inside strings do not count. */
    PF_CHECK_INT_EQ(pf_json_depth(PF_STR("{\"a\":\"[[[[\\\"[[\"}"), 100), 1);
}

static void test_json_parse_reports_position_of_syntax_errors(void)
{
    json_t *json = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_json_parse(PF_STR("{\n  \"a\": tru\n}"), 8, &json, &err), PF_E_PARSE);
    PF_CHECK_INT_EQ(err.line, 2);
    PF_CHECK_STATUS(pf_json_parse(PF_STR("{\"a\":1,\"a\":2}"), 8, &json, &err), PF_E_PARSE);
    PF_CHECK_STATUS(pf_json_parse(PF_STR("\"\xff\""), 8, &json, &err), PF_E_PARSE);
    PF_CHECK_STATUS(pf_json_parse(PF_STR("\"a\\u0000b\""), 8, &json, &err), PF_E_PARSE);
    PF_CHECK_STATUS(pf_json_parse(PF_STR(""), 8, &json, &err), PF_E_PARSE);
}

static void test_json_arena_releases_reference(void)
{
    struct pf_arena *arena = pf_arena_new();
    json_t *obj = json_object();
    json_incref(obj);
    pf_json_arena(arena, obj);
    pf_json_set_str(obj, "k", "v");
    pf_json_set_str(obj, "k", NULL);
    PF_CHECK(json_object_get(obj, "k") == NULL);
    pf_arena_free(arena);
    PF_CHECK_INT_EQ(obj->refcount, 1);
    json_decref(obj);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_json_parse_accepts_values),
        PF_CASE(test_json_parse_refuses_deep_nesting_before_parsing),
        PF_CASE(test_json_parse_reports_position_of_syntax_errors),
        PF_CASE(test_json_arena_releases_reference),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
