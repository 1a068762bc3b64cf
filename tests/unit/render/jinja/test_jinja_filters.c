/* Tests for jinja/jinja_filters.c: the string filters and the helpers str methods share. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_case_filters_cover_latin_greek_cyrillic(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 'straße élan ΑΒΓ привет'|upper }}", NULL),
                    "STRAßE ÉLAN ΑΒΓ ПРИВЕТ");
    PF_CHECK_STR_EQ(jt_render("{{ 'ÉCOLE ΣΟΦΙΑ'|lower }}", NULL), "école σοφια");
    PF_CHECK_STR_EQ(jt_render("{{ 'hello-world (x)'|title }}", NULL), "Hello-World (X)");
}

static void test_trim_truncate_replace(void)
{
    PF_CHECK_STR_EQ(
        jt_render("[{{ '  a  '|trim }}]{{ 'a long sentence here'|truncate(10) }}", NULL),
        "[a]a long...");
    PF_CHECK_STR_EQ(jt_render("{{ 'a.b.c'|replace('.', '/', 1) }}", NULL), "a/b.c");
}

static void test_striptags_and_wordcount(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ '<b>Hi</b>\n<i>there</i> &amp;'|striptags }}", NULL),
                    "Hi there &");
    PF_CHECK_STR_EQ(jt_render("{{ 'one, two; three'|wordcount }}", NULL), "3");
}

static void test_indent_and_center(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ 'a\nb'|indent(2) }}", NULL), "a\n  b");
    PF_CHECK_STR_EQ(jt_render("[{{ 'x'|center(5) }}]", NULL), "[  x  ]");
}

static void test_format_and_tojson(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ '%s=%05.1f'|format('pi', 3.14159) }}", NULL), "pi=003.1");
    PF_CHECK_STR_EQ(jt_render("{{ {'b': '<', 'a': 1}|tojson }}", NULL),
                    "{\"a\": 1, \"b\": \"\\u003c\"}");
}

static void test_str_methods(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ ' a b '.split() }}{{ 'x-y'.split('-', 1) }}", NULL),
                    "['a', 'b']['x', 'y']");
    PF_CHECK_STR_EQ(jt_render("{{ 'ab'.startswith('a') }}{{ ', '.join(['x', 'y']) }}", NULL),
                    "Truex, y");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_case_filters_cover_latin_greek_cyrillic),
        PF_CASE(test_trim_truncate_replace),
        PF_CASE(test_striptags_and_wordcount),
        PF_CASE(test_indent_and_center),
        PF_CASE(test_format_and_tojson),
        PF_CASE(test_str_methods),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
