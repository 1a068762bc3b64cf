/* Tests for render/render_txt.c: ATS-friendly plain text. */
#include <string.h>

#include "harness.h"
#include "render_test_util.h"

static const char *txt(const char *md)
{
    static char result[4096];
    struct rt_env env;
    rt_setup(&env, NULL, md);
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_txt(&env.ctx, &env.doc, &out, &err), PF_OK);
    snprintf(result, sizeof(result), "%s", pf_buf_cstr(&out));
    pf_buf_fini(&out);
    rt_teardown(&env);
    return result;
}

static void test_headings_paragraphs_and_lists(void)
{
    PF_CHECK_STR_EQ(
        txt("# Ada\n\n## Work\n\nText *here*.\n\n- one\n- two\n  - nested\n\n1. first\n"),
        "Ada\n===\n\nWork\n----\n\nText here.\n\n- one\n- two\n  - nested\n\n"
        "1. first\n");
}

static void test_links_show_their_target_once(void)
{
    PF_CHECK_STR_EQ(txt("[GitHub](<https://github.com/x>) and "
                        "[https://x.org](<https://x.org>) and [me@x.org](<mailto:me@x.org>)\n"),
                    "GitHub (https://github.com/x) and https://x.org and me@x.org\n");
}

static void test_hard_breaks_and_rules(void)
{
    PF_CHECK_STR_EQ(txt("a\\\nb\n\n---\n\nc\n"), "a\nb\n\nc\n");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_headings_paragraphs_and_lists),
        PF_CASE(test_links_show_their_target_once),
        PF_CASE(test_hard_breaks_and_rules),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
