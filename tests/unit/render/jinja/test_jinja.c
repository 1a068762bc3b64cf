/* Tests for jinja/jinja.c: compiling (size and encoding checks, newline normalisation) and the
 * "name:line:col: message" error positions. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_compile_refuses_source_over_limit(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("big", PF_STR("0123456789"), 5, &tmpl, &err), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_template_bytes");
    PF_CHECK(tmpl == NULL);
}

static void test_compile_refuses_invalid_utf8(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("bad", PF_STR("a\xff"), 0, &tmpl, &err), PF_E_TEMPLATE);
}

static void test_newlines_are_normalised_and_one_trailing_newline_dropped(void)
{
    PF_CHECK_STR_EQ(jt_render("a\r\nb\rc\n", NULL), "a\nb\nc");
    PF_CHECK_STR_EQ(jt_render("a\n\n", NULL), "a\n");
}

static void test_errors_carry_name_line_and_column(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_jinja_compile("cv.md", PF_STR("line one\n  {{ x + }}"), 0, &tmpl, &err);
    PF_CHECK_STATUS(st, PF_E_TEMPLATE);
    PF_CHECK_INT_EQ(err.line, 2);
    PF_CHECK_INT_EQ(err.column, 10);
    PF_CHECK(strncmp(err.message, "cv.md:2:10: ", 12) == 0);
    PF_CHECK_STR_EQ(err.field, "cv.md");
}

static void test_columns_count_code_points(void)
{
    struct pf_error err = PF_ERROR_INIT;
    char *text = NULL;
    PF_CHECK_STATUS(jt_render_env("é€ {{ missing.x }}", NULL, NULL, &text, &err), PF_E_TEMPLATE);
    PF_CHECK_INT_EQ(err.line, 1);
    PF_CHECK_INT_EQ(err.column, 7);
    free(text);
}

static void test_template_name_is_kept(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("letter", PF_STR("x"), 0, &tmpl, &err), PF_OK);
    PF_CHECK_STR_EQ(pf_jinja_template_name(tmpl), "letter");
    pf_jinja_template_free(tmpl);
    pf_jinja_template_free(NULL);
}

static void test_compiled_template_renders_many_times(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("t", PF_STR("{{ n * 2 }}"), 0, &tmpl, &err), PF_OK);
    for (int i = 0; i < 3; i++) {
        json_t *data = json_pack("{s:i}", "n", i);
        struct pf_buf out = PF_BUF_INIT(64);
        PF_CHECK_STATUS(pf_jinja_render(tmpl, data, NULL, &out, &err), PF_OK);
        char want[8];
        snprintf(want, sizeof(want), "%d", i * 2);
        PF_CHECK_STR_EQ(pf_buf_cstr(&out), want);
        pf_buf_fini(&out);
        json_decref(data);
    }
    pf_jinja_template_free(tmpl);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_compile_refuses_source_over_limit),
        PF_CASE(test_compile_refuses_invalid_utf8),
        PF_CASE(test_newlines_are_normalised_and_one_trailing_newline_dropped),
        PF_CASE(test_errors_carry_name_line_and_column),
        PF_CASE(test_columns_count_code_points),
        PF_CASE(test_template_name_is_kept),
        PF_CASE(test_compiled_template_renders_many_times),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
