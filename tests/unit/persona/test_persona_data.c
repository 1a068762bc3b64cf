/* Validation of persona data: shapes and references, each problem located. */
#include <string.h>

#include "harness.h"
#include "persona/persona_data.h"

static json_t *load(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, 0, &error);
    PF_CHECK(json != NULL);
    return json;
}

/* The loc of problem i, joined with '.' ("body.data.work.$order.0"). */
static const char *loc_text(const json_t *details, size_t i)
{
    static char out[256];
    out[0] = '\0';
    size_t len = 0;
    size_t k;
    json_t *part;
    json_array_foreach(json_object_get(json_array_get(details, i), "loc"), k, part) {
        if (json_is_string(part))
            len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", k ? "." : "",
                                    json_string_value(part));
        else
            len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%lld", k ? "." : "",
                                    (long long)json_integer_value(part));
    }
    return out;
}

static void test_valid_data_passes(void)
{
    json_t *known = load("{\"work-0a1b2c3d\":true,\"work-0a1b2c3d/h-11111111\":true}");
    json_t *data = load("{\"basics\":{\"label\":\"Lead\",\"location\":{\"city\":\"Oslo\"}},"
                        "\"work\":{\"$order\":[\"work-0a1b2c3d\"],\"work-0a1b2c3d\":"
                        "{\"position\":\"Lead\",\"highlights\":{\"$order\":[\"h-11111111\"],"
                        "\"h-11111111\":\"New text\",\"$add\":[\"More\"]}}},"
                        "\"skills\":[{\"name\":\"Go\"}],\"awards\":null,\"meta\":{\"x\":1}}");
    json_t *details = json_array();
    PF_CHECK(pf_persona_data_check(data, known, details));
    PF_CHECK_INT_EQ(json_array_size(details), 0);
    json_decref(details);
    json_decref(data);
    json_decref(known);
}

static void test_every_problem_is_located(void)
{
    json_t *known = load("{\"work-0a1b2c3d\":true,\"work-0a1b2c3d/h-11111111\":true}");
    json_t *data = load("{\"jobs\":[],\"basics\":{\"email\":5},"
                        "\"work\":{\"$order\":[\"work-0a1b2c3d\",\"work-0a1b2c3d\",\"bad\","
                        "\"work-99999999\"],\"hello\":1,\"work-0a1b2c3d\":{\"highlights\":"
                        "{\"h-22222222\":\"x\",\"h-11111111\":7}}},"
                        "\"skills\":\"Go\",\"meta\":{\"personaforge\":{}}}");
    json_t *details = json_array();
    PF_CHECK(!pf_persona_data_check(data, known, details));
    const char *want[] = {
        "body.data.jobs",
        "body.data.basics.email",
        "body.data.work.$order.1",
        "body.data.work.$order.2",
        "body.data.work.$order.3",
        "body.data.work.hello",
        "body.data.work.work-0a1b2c3d.highlights.h-22222222",
        "body.data.work.work-0a1b2c3d.highlights.h-11111111",
        "body.data.skills",
        "body.data.meta",
    };
    PF_CHECK_INT_EQ(json_array_size(details), PF_ARRAY_LEN(want));
    for (size_t i = 0; i < PF_ARRAY_LEN(want) && i < json_array_size(details); i++)
        PF_CHECK_STR_EQ(loc_text(details, i), want[i]);
    json_decref(details);
    json_decref(data);
    json_decref(known);
}

static void test_without_known_ids_only_shape_is_checked(void)
{
    json_t *data = load("{\"work\":{\"$order\":[\"work-99999999\"],\"work-99999999\":null}}");
    json_t *details = json_array();
    PF_CHECK(pf_persona_data_check(data, NULL, details));
    json_t *bad = load("[1]");
    PF_CHECK(!pf_persona_data_check(bad, NULL, details));
    PF_CHECK_STR_EQ(loc_text(details, 0), "body.data");
    json_decref(bad);
    json_decref(details);
    json_decref(data);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_valid_data_passes),
        PF_CASE(test_every_problem_is_located),
        PF_CASE(test_without_known_ids_only_shape_is_checked),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
