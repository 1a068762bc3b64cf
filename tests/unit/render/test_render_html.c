/* Tests for render/render_html.c: a self-contained, safe page. */
#include <string.h>

#include "harness.h"
#include "render_test_util.h"

static char *html(const char *config, const char *md)
{
    struct rt_env env;
    rt_setup(&env, config, md);
    env.ctx.title = "A <b> & \"title\"";
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_html(&env.ctx, pf_str_from_cstr(md), &out, &err), PF_OK);
    rt_teardown(&env);
    return pf_buf_take(&out, NULL);
}

static void test_page_is_self_contained(void)
{
    char *page = html(NULL, "# Name\n\n[x](<https://x.org>)\n");
    PF_CHECK(strncmp(page, "<!DOCTYPE html>", 15) == 0);
    PF_CHECK(strstr(page, "<style>") != NULL);
    PF_CHECK(strstr(page, "<link") == NULL);
    PF_CHECK(strstr(page, "<script") == NULL);
    PF_CHECK(strstr(page, "src=") == NULL);
    PF_CHECK(strstr(page, "<title>A &lt;b&gt; &amp; &#34;title&#34;</title>") != NULL);
    PF_CHECK(strstr(page, "<h1>Name</h1>") != NULL);
    free(page);
}

static void test_raw_html_and_dangerous_links_are_dropped(void)
{
    char *page = html(NULL, "<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
                            "<img src=x onerror=y>\n");
    PF_CHECK(strstr(page, "<script>alert") == NULL);
    PF_CHECK(strstr(page, "javascript:") == NULL);
    PF_CHECK(strstr(page, "onerror") == NULL);
    free(page);
}

static void test_sidebar_becomes_an_aside(void)
{
    char *page =
        html("{\"columns\": 2}", "<!-- pf:sidebar -->\n\nside\n\n<!-- pf:main -->\n\nmain\n");
    PF_CHECK(strstr(page, "<aside class=\"pf-side\">\n<p>side</p>") != NULL);
    PF_CHECK(strstr(page, "<main class=\"pf-main\">\n<p>main</p>") != NULL);
    PF_CHECK(strstr(page, "grid-template-columns") != NULL);
    free(page);
    page = html(NULL, "<!-- pf:sidebar -->\n\nside\n\n<!-- pf:main -->\n\nmain\n");
    PF_CHECK(strstr(page, "<aside") == NULL);
    PF_CHECK(strstr(page, "<p>side</p>\n<p>main</p>") != NULL);
    free(page);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_page_is_self_contained),
        PF_CASE(test_raw_html_and_dangerous_links_are_dropped),
        PF_CASE(test_sidebar_becomes_an_aside),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
