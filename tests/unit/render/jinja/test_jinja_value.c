/* Tests for jinja/jinja_value.c: Python's float repr, string repr, equality and hashing, and
 * the JSON conversion. */
#include <math.h>

#include "harness.h"
#include "jinja_test_util.h"
#include "render/jinja/jinja_int.h"

static const char *float_repr(double v)
{
    static char text[64];
    struct pf_buf buf = PF_BUF_INIT(64);
    pf_jv_write_float(&buf, v);
    snprintf(text, sizeof(text), "%s", pf_buf_cstr(&buf));
    pf_buf_fini(&buf);
    return text;
}

static void test_float_repr_is_shortest_round_trip(void)
{
    PF_CHECK_STR_EQ(float_repr(0.1 + 0.2), "0.30000000000000004");
    PF_CHECK_STR_EQ(float_repr(1e16), "1e+16");
    PF_CHECK_STR_EQ(float_repr(1e15), "1000000000000000.0");
    PF_CHECK_STR_EQ(float_repr(1.5e-7), "1.5e-07");
    PF_CHECK_STR_EQ(float_repr(0.0001), "0.0001");
    PF_CHECK_STR_EQ(float_repr(-0.0), "-0.0");
    PF_CHECK_STR_EQ(float_repr(INFINITY), "inf");
    PF_CHECK_STR_EQ(float_repr(NAN), "nan");
    PF_CHECK_STR_EQ(float_repr(123456789.125), "123456789.125");
}

static void test_repr_of_containers(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ ['it\\'s', {'k': none}, (1,), 2.0] }}", NULL),
                    "[\"it's\", {'k': None}, (1,), 2.0]");
    PF_CHECK_STR_EQ(jt_render("{{ ['a'|safe] }}", NULL), "[Markup('a')]");
}

static void test_equality_across_number_types(void)
{
    PF_CHECK(pf_jv_equal(pf_jv_int(1), pf_jv_float(1.0)));
    PF_CHECK(pf_jv_equal(pf_jv_bool(true), pf_jv_int(1)));
    PF_CHECK(!pf_jv_equal(pf_jv_str(PF_STR("1"), false), pf_jv_int(1)));
    PF_CHECK(pf_jv_equal(pf_jv_undefined(NULL), pf_jv_undefined(NULL)));
    PF_CHECK(!pf_jv_equal(pf_jv_float(NAN), pf_jv_float(NAN)));
}

static void test_large_dicts_use_their_index(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_value dict = pf_jv_dict(arena, 0);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        pf_jv_dict_set(arena, dict.as.dict, pf_jv_str_copy(arena, key, strlen(key), false),
                       pf_jv_int(i));
    }
    PF_CHECK_INT_EQ(dict.as.dict->len, 5000);
    PF_CHECK(dict.as.dict->index_cap > 0);
    const struct pf_jinja_value *v = pf_jv_dict_get_str(dict.as.dict, PF_STR("k4321"));
    PF_CHECK(v && v->as.integer == 4321);
    /* 1, 1.0 and True are one key, as in Python. */
    pf_jv_dict_set(arena, dict.as.dict, pf_jv_int(1), pf_jv_int(10));
    pf_jv_dict_set(arena, dict.as.dict, pf_jv_float(1.0), pf_jv_int(20));
    v = pf_jv_dict_get(dict.as.dict, pf_jv_bool(true));
    PF_CHECK(v && v->as.integer == 20);
    PF_CHECK_INT_EQ(dict.as.dict->len, 5001);
    pf_arena_free(arena);
}

static void test_json_conversion_keeps_order_and_types(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ d }}", "{\"d\": {\"z\": 1, \"a\": [true, null, 1.5, \"s\"]}}"),
                    "{'z': 1, 'a': [True, None, 1.5, 's']}");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_float_repr_is_shortest_round_trip),
        PF_CASE(test_repr_of_containers),
        PF_CASE(test_equality_across_number_types),
        PF_CASE(test_large_dicts_use_their_index),
        PF_CASE(test_json_conversion_keeps_order_and_types),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
