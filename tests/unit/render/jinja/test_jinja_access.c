/* Tests for jinja/jinja_access.c: lookups, attribute/item fallbacks and undefined errors. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_getattr_falls_back_to_items_and_methods(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ d.k }}|{{ d['k'] }}|{{ d.missing }}|{{ l[9] }}",
                              "{\"d\": {\"k\": \"v\"}, \"l\": []}"),
                    "v|v||");
    PF_CHECK(strncmp(jt_render("{{ d.missing.deeper }}", "{\"d\": {}}"), "ERROR: t:1:4:", 13) == 0);
}

static void test_undefined_messages_name_the_variable(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ nobody.name }}", NULL), "ERROR: t:1:4: 'nobody' is undefined");
    PF_CHECK_STR_EQ(jt_render("{{ nobody + 1 }}", NULL), "ERROR: t:1:4: 'nobody' is undefined");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_getattr_falls_back_to_items_and_methods),
        PF_CASE(test_undefined_messages_name_the_variable),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
