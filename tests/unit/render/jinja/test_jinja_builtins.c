/* Tests for jinja/jinja_builtins.c: globals, methods and %-formatting. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_range_and_its_errors(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ range(1, 10, 4)|list }} {{ range(3) }}", NULL),
                    "[1, 5, 9] range(0, 3)");
    PF_CHECK(strncmp(jt_render("{{ range(1, 2, 0) }}", NULL), "ERROR:", 6) == 0);
    PF_CHECK(strncmp(jt_render("{{ range('a') }}", NULL), "ERROR:", 6) == 0);
}

static void test_namespace_dict_joiner_cycler(void)
{
    PF_CHECK_STR_EQ(jt_render("{% set ns = namespace(n=1) %}{% set ns.n = ns.n + 1 %}{{ ns.n }}"
                              "{{ dict(a=1) }}",
                              NULL),
                    "2{'a': 1}");
    PF_CHECK_STR_EQ(jt_render("{% set j = joiner('|') %}{{ j() }}a{{ j() }}b", NULL), "a|b");
    PF_CHECK_STR_EQ(
        jt_render("{% set c = cycler(1, 2) %}{{ c.next() }}{{ c.next() }}{{ c.next() }}", NULL),
        "121");
    PF_CHECK(strncmp(jt_render("{% set x = 1 %}{% set x.y = 2 %}", NULL), "ERROR:", 6) == 0);
}

static void test_percent_formatting(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ '%-4s|%4d|%.3e|%x' % ('a', 7, 1234.5, 255) }}", NULL),
                    "a   |   7|1.234e+03|ff");
    PF_CHECK(strncmp(jt_render("{{ '%s %s' % ('only one',) }}", NULL), "ERROR:", 6) == 0);
    PF_CHECK(strncmp(jt_render("{{ '%d' % 'x' }}", NULL), "ERROR:", 6) == 0);
}

static void test_loop_methods(void)
{
    PF_CHECK_STR_EQ(jt_render("{% for x in 'abc' %}{{ loop.cycle('-', '+') }}{% endfor %}", NULL),
                    "-+-");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_range_and_its_errors),
        PF_CASE(test_namespace_dict_joiner_cycler),
        PF_CASE(test_percent_formatting),
        PF_CASE(test_loop_methods),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
