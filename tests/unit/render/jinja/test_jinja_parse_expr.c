/* Tests for jinja/jinja_parse_expr.c: Jinja2's operator precedence and the nesting limit. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_precedence_matches_jinja2(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 2 + 3 * 4 }}", NULL), "14");
    PF_CHECK_STR_EQ(jt_render("{{ 2 ** 3 ** 2 }}", NULL), "64"); /* left-associative in Jinja */
    PF_CHECK_STR_EQ(jt_render("{{ -2 ** 2 }}", NULL), "4");
    PF_CHECK_STR_EQ(jt_render("{{ 'a' ~ 1 + 2 }}", NULL), "ERROR: t:1:12: unsupported operand "
                                                          "type(s) for +: 'str' and 'int'");
    PF_CHECK_STR_EQ(jt_render("{{ not 1 in [1] }}", NULL), "False");
    PF_CHECK_STR_EQ(jt_render("{{ 1 if 0 else 2 if 0 else 3 }}", NULL), "3");
    PF_CHECK_STR_EQ(jt_render("{{ 'ab'|upper ~ 'c' }}", NULL), "ABc");
    PF_CHECK_STR_EQ(jt_render("{{ 3 is odd and 4 is even }}", NULL), "True");
}

static void test_subscripts_slices_and_calls(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ x[1:][0] }}{{ x.0 }}{{ d['k'].upper() }}",
                              "{\"x\": [1, 2], \"d\": {\"k\": \"v\"}}"),
                    "21V");
    PF_CHECK_STR_EQ(jt_render("{{ (1, 2)[1] }}{{ [[1, 2]][0][1] }}", NULL), "22");
}

static void test_test_with_bare_argument(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 6 is divisibleby 3 }}{{ 6 is not divisibleby(4) }}", NULL),
                    "TrueTrue");
}

static void test_expression_nesting_is_limited(void)
{
    struct pf_buf source = PF_BUF_INIT(1 << 20);
    pf_buf_puts(&source, "{{ ");
    for (int i = 0; i < 1000; i++)
        pf_buf_putc(&source, '(');
    pf_buf_puts(&source, "1");
    for (int i = 0; i < 1000; i++)
        pf_buf_putc(&source, ')');
    pf_buf_puts(&source, " }}");
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("t", pf_buf_view(&source), 0, &tmpl, &err), PF_E_TOO_BIG);
    pf_buf_reset(&source);
    pf_buf_puts(&source, "{{ x");
    for (int i = 0; i < 5000; i++)
        pf_buf_puts(&source, "|upper");
    pf_buf_puts(&source, " }}");
    PF_CHECK_STATUS(pf_jinja_compile("t", pf_buf_view(&source), 0, &tmpl, &err), PF_E_TOO_BIG);
    pf_buf_reset(&source);
    pf_buf_puts(&source, "{{ 1");
    for (int i = 0; i < 5000; i++)
        pf_buf_puts(&source, " + 1");
    pf_buf_puts(&source, " }}");
    PF_CHECK_STATUS(pf_jinja_compile("t", pf_buf_view(&source), 0, &tmpl, &err), PF_E_TOO_BIG);
    pf_buf_fini(&source);
}

static void test_syntax_errors(void)
{
    PF_CHECK(strncmp(jt_render("{{ 1 + }}", NULL), "ERROR: t:1:8:", 13) == 0);
    PF_CHECK(strncmp(jt_render("{{ f(a=1, 2) }}", NULL), "ERROR:", 6) == 0);
    PF_CHECK(strncmp(jt_render("{{ [1, 2 }}", NULL), "ERROR:", 6) == 0);
    PF_CHECK(strncmp(jt_render("{{ x.'a' }}", NULL), "ERROR:", 6) == 0);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_precedence_matches_jinja2),
        PF_CASE(test_subscripts_slices_and_calls),
        PF_CASE(test_test_with_bare_argument),
        PF_CASE(test_expression_nesting_is_limited),
        PF_CASE(test_syntax_errors),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
