/* Tests for jinja/jinja_parse.c: statements, block structure errors and nesting limits. */
#include "harness.h"
#include "jinja_test_util.h"

static pf_status compile(const char *source, struct pf_error *err)
{
    struct pf_jinja_template *tmpl = NULL;
    pf_status st = pf_jinja_compile("t", pf_str_from_cstr(source), 0, &tmpl, err);
    pf_jinja_template_free(tmpl);
    return st;
}

static void test_statements_parse(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile("{% for a, b in x if a %}{% else %}{% endfor %}"
                            "{% if a %}{% elif b %}{% else %}{% endif %}"
                            "{% set x = 1 %}{% set y %}b{% endset %}{% set ns.z = 2 %}"
                            "{% macro m(a, b=1) %}{{ caller() }}{% endmacro %}"
                            "{% call(x) m(1) %}{% endcall %}{% include 'p' ignore missing %}"
                            "{% import 'p' as q %}{% from 'p' import r as s, t %}"
                            "{% with a = 1 %}{% endwith %}{% filter upper %}{% endfilter %}"
                            "{% print 1 %}",
                            &err),
                    PF_OK);
}

static void test_mismatched_end_tag_names_the_open_block(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile("{% for x in y %}\n{% endif %}", &err), PF_E_TEMPLATE);
    PF_CHECK_INT_EQ(err.line, 2);
    PF_CHECK(strstr(err.message, "'for'") != NULL);
}

static void test_missing_end_tag_is_reported(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile("{% if x %}never closed", &err), PF_E_TEMPLATE);
    PF_CHECK(strstr(err.message, "endif") != NULL);
}

static void test_unknown_tags_filters_and_tests_fail_at_compile_time(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile("{% extends 'base' %}", &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(compile("{{ x|nosuch }}", &err), PF_E_TEMPLATE);
    PF_CHECK(strstr(err.message, "nosuch") != NULL);
    PF_CHECK_STATUS(compile("{{ x is nosuch }}", &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(compile("{% for x in y recursive %}{% endfor %}", &err), PF_E_TEMPLATE);
}

static void test_assignment_targets_are_checked(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile("{% set true = 1 %}", &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(compile("{% set a.b.c = 1 %}", &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(compile("{% macro m(a=1, b) %}{% endmacro %}", &err), PF_E_TEMPLATE);
}

static void test_deep_block_nesting_is_refused(void)
{
    struct pf_buf source = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 150; i++)
        pf_buf_puts(&source, "{% if true %}");
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(compile(pf_buf_cstr(&source), &err), PF_E_TOO_BIG);
    pf_buf_fini(&source);
}

static void test_long_elif_chains_are_fine(void)
{
    struct pf_buf source = PF_BUF_INIT(1 << 20);
    pf_buf_puts(&source, "{% if n == 0 %}0");
    for (int i = 1; i < 500; i++)
        pf_buf_printf(&source, "{%% elif n == %d %%}%d", i, i);
    pf_buf_puts(&source, "{% endif %}");
    PF_CHECK_STR_EQ(jt_render(pf_buf_cstr(&source), "{\"n\": 321}"), "321");
    pf_buf_fini(&source);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_statements_parse),
        PF_CASE(test_mismatched_end_tag_names_the_open_block),
        PF_CASE(test_missing_end_tag_is_reported),
        PF_CASE(test_unknown_tags_filters_and_tests_fail_at_compile_time),
        PF_CASE(test_assignment_targets_are_checked),
        PF_CASE(test_deep_block_nesting_is_refused),
        PF_CASE(test_long_elif_chains_are_fine),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
