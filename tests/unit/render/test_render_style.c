/* Tests for render/render_style.c: defaults, every config key, and refusals of values that
 * could reach CSS or font descriptions. */
#include "harness.h"
#include "render/render_int.h"

static pf_status parse(const char *json, struct pf_render_style *style, struct pf_error *err)
{
    json_t *config = json ? json_loads(json, 0, NULL) : NULL;
    pf_status st = pf_render_style_parse(config, style, err);
    json_decref(config);
    return st;
}

static void test_defaults_are_a4_one_column(void)
{
    struct pf_render_style s;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse(NULL, &s, &err), PF_OK);
    PF_CHECK(s.page_width > 595 && s.page_width < 596);
    PF_CHECK_INT_EQ(s.columns, 1);
    PF_CHECK_STR_EQ(s.font_body, "DejaVu Sans");
}

static void test_config_keys_apply(void)
{
    struct pf_render_style s;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse("{\"page\": \"Letter\", \"margins_mm\": [10, 11, 12, 13],"
                          " \"fonts\": {\"body\": \"Liberation Serif\"}, \"sizes\": {\"body\": 11},"
                          " \"colors\": {\"heading\": \"#abc\", \"link\": \"#102030\"},"
                          " \"columns\": 2, \"sidebar\": {\"side\": \"right\", \"width_mm\": 50},"
                          " \"h2_rule\": false, \"output\": \"txt\"}",
                          &s, &err),
                    PF_OK);
    PF_CHECK(s.page_width == 612.0 && s.page_height == 792.0);
    PF_CHECK(s.margin_left > 36.8 && s.margin_left < 36.9);
    PF_CHECK_STR_EQ(s.font_body, "Liberation Serif");
    PF_CHECK(s.size_body == 11.0);
    PF_CHECK_INT_EQ(s.color_heading, 0xaabbcc);
    PF_CHECK_INT_EQ(s.color_link, 0x102030);
    PF_CHECK_INT_EQ(s.columns, 2);
    PF_CHECK(s.sidebar_right);
    PF_CHECK(!s.h2_rule);
    PF_CHECK(s.jinja_text);
}

static void test_unsafe_or_out_of_range_values_are_refused(void)
{
    struct pf_render_style s;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(parse("{\"fonts\": {\"body\": \"x\\\";}body{display:none\"}}", &s, &err),
                    PF_E_TEMPLATE);
    PF_CHECK_STR_EQ(err.field, "body");
    PF_CHECK_STATUS(parse("{\"colors\": {\"text\": \"red\"}}", &s, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(parse("{\"sizes\": {\"body\": 500}}", &s, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(parse("{\"page\": \"A0\"}", &s, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(parse("{\"margins_mm\": 60, \"columns\": 2}", &s, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(parse("[1]", &s, &err), PF_E_TEMPLATE);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_defaults_are_a4_one_column),
        PF_CASE(test_config_keys_apply),
        PF_CASE(test_unsafe_or_out_of_range_values_are_refused),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
