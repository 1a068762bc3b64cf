/* Tests for jinja/jinja_filters_seq.c: sequence and number filters. */
#include "harness.h"
#include "jinja_test_util.h"

static const char people[] = "{\"p\": [{\"n\": \"bo\", \"a\": 3, \"t\": \"x\"}, {\"n\": \"Al\", "
                             "\"a\": 1, \"t\": \"Y\"}, {\"n\": \"cy\", \"a\": 3, \"t\": \"y\"}]}";

static void test_sort_is_stable_and_case_insensitive(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ p|sort(attribute='a')|map(attribute='n')|join(',') }}", people),
                    "Al,bo,cy");
    PF_CHECK_STR_EQ(jt_render("{{ p|sort(attribute='n')|map(attribute='n')|join(',') }}", people),
                    "Al,bo,cy");
    PF_CHECK_STR_EQ(
        jt_render("{{ p|sort(attribute='a', reverse=true)|map(attribute='n')|join }}", people),
        "bocyAl");
}

static void test_groupby_and_unique(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{% for g, m in p|groupby('t') %}{{ g }}{{ m|length }} {% endfor %}", people),
        "x1 Y2 ");
    PF_CHECK_STR_EQ(jt_render("{{ ['a', 'A', 'b']|unique|list }}", NULL), "['a', 'b']");
}

static void test_select_map_and_aggregates(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ p|selectattr('a', 'gt', 2)|map(attribute='n')|join }}", people),
                    "bocy");
    PF_CHECK_STR_EQ(jt_render("{{ p|sum(attribute='a') }} {{ p|max(attribute='a')|attr('get') is "
                              "callable }} {{ [3, 1]|min }}",
                              people),
                    "7 True 1");
}

static void test_batch_and_dictsort(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ [1, 2, 3]|batch(2, 0)|list }}", NULL), "[[1, 2], [3, 0]]");
    PF_CHECK_STR_EQ(jt_render("{{ {'b': 1, 'a': 2}|dictsort(by='value') }}", NULL),
                    "[('b', 1), ('a', 2)]");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_sort_is_stable_and_case_insensitive),
        PF_CASE(test_groupby_and_unique),
        PF_CASE(test_select_map_and_aggregates),
        PF_CASE(test_batch_and_dictsort),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
