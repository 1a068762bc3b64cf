/* Tests for jinja/jinja_expr.c: Python arithmetic, comparisons, attribute/item fallbacks and
 * undefined handling, with the error positions. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_python_integer_and_float_arithmetic(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 7 // -2 }} {{ -7 % 3 }} {{ 10 / 4 }} {{ 2 ** -1 }}", NULL),
                    "-4 2 2.5 0.5");
    PF_CHECK_STR_EQ(jt_render("{{ -7.5 // 2 }} {{ -7.5 % 2 }}", NULL), "-4.0 0.5");
}

static void test_integer_overflow_is_an_error(void)
{
    PF_CHECK(strstr(jt_render("{{ 9223372036854775807 + 1 }}", NULL), "overflow") != NULL);
    PF_CHECK(strstr(jt_render("{{ 2 ** 64 }}", NULL), "overflow") != NULL);
}

static void test_division_by_zero_is_an_error_at_its_position(void)
{
    PF_CHECK_STR_EQ(jt_render("ab\n {{ 1 / 0 }}", NULL), "ERROR: t:2:7: division by zero");
}

static void test_comparisons(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 1 < 2 < 3 }} {{ 'a' in 'cat' }} {{ [1] == [1.0] }}", NULL),
                    "True True True");
    PF_CHECK(strstr(jt_render("{{ [1] < 'a' }}", NULL), "not supported") != NULL);
}

static void test_concat_and_autoescape(void)
{
    struct pf_jinja_env env = {.autoescape = PF_JINJA_ESCAPE_HTML};
    char *text = NULL;
    PF_CHECK_STATUS(
        jt_render_env("{{ a ~ b|safe }}", "{\"a\": \"<\", \"b\": \"<b>\"}", &env, &text, NULL),
        PF_OK);
    PF_CHECK_STR_EQ(text, "&lt;<b>");
    free(text);
}

static void test_markdown_autoescape_escapes_data_not_template(void)
{
    struct pf_jinja_env env = {.autoescape = PF_JINJA_ESCAPE_MARKDOWN};
    char *text = NULL;
    PF_CHECK_STATUS(
        jt_render_env("**{{ x }}**", "{\"x\": \"*not bold* [x](y)\"}", &env, &text, NULL), PF_OK);
    PF_CHECK_STR_EQ(text, "**\\*not bold\\* \\[x\\](y)**");
    free(text);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_python_integer_and_float_arithmetic),
        PF_CASE(test_integer_overflow_is_an_error),
        PF_CASE(test_division_by_zero_is_an_error_at_its_position),
        PF_CASE(test_comparisons),
        PF_CASE(test_concat_and_autoescape),
        PF_CASE(test_markdown_autoescape_escapes_data_not_template),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
