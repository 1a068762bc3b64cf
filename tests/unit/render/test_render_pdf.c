/* Tests for render/render_pdf.c: a valid PDF with metadata and link annotations, and the page
 * and time limits. (tests/golden/render checks page count, links and text order with MuPDF and
 * pdftotext.) */
#include <string.h>

#include "harness.h"
#include "render_test_util.h"

static pf_status pdf(struct rt_env *env, struct pf_buf *out)
{
    struct pf_error err = PF_ERROR_INIT;
    return pf_render_pdf(&env->ctx, &env->doc, out, &err);
}

static bool contains(const struct pf_buf *buf, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= buf->len; i++)
        if (memcmp(buf->ptr + i, needle, n) == 0)
            return true;
    return false;
}

static void test_pdf_has_metadata_fonts_and_links(void)
{
    struct rt_env env;
    rt_setup(&env, NULL, "# Name\n\nSee [my site](<https://example.org/me>).\n");
    struct pf_buf out = PF_BUF_INIT(8 << 20);
    PF_CHECK_STATUS(pdf(&env, &out), PF_OK);
    PF_CHECK(out.len > 1000 && memcmp(out.ptr, "%PDF-", 5) == 0);
    PF_CHECK(contains(&out, "/Title (Test Title)"));
    PF_CHECK(contains(&out, "/Author (Test Author)"));
    PF_CHECK(contains(&out, "/FontFile2"));
    PF_CHECK(contains(&out, "/URI (https://example.org/me)"));
    pf_buf_fini(&out);
    rt_teardown(&env);
}

static void test_disallowed_links_are_not_annotated(void)
{
    struct rt_env env;
    rt_setup(&env, NULL, "[x](javascript:alert(1))\n");
    struct pf_buf out = PF_BUF_INIT(8 << 20);
    PF_CHECK_STATUS(pdf(&env, &out), PF_OK);
    PF_CHECK(!contains(&out, "javascript"));
    pf_buf_fini(&out);
    rt_teardown(&env);
}

static void test_page_and_time_limits(void)
{
    struct pf_buf md = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 30; i++)
        pf_buf_puts(&md, "page\n\n<!-- pf:pagebreak -->\n\n");
    struct rt_env env;
    rt_setup(&env, NULL, pf_buf_cstr(&md));
    env.ctx.max_pages = 5;
    struct pf_buf out = PF_BUF_INIT(8 << 20);
    PF_CHECK_STATUS(pdf(&env, &out), PF_E_TOO_BIG);
    pf_buf_reset(&out);
    env.ctx.max_pages = 100;
    env.ctx.deadline_ns = 0;
    PF_CHECK_STATUS(pdf(&env, &out), PF_E_TIMEOUT);
    pf_buf_fini(&out);
    pf_buf_fini(&md);
    rt_teardown(&env);
}

static void test_output_limit(void)
{
    struct rt_env env;
    rt_setup(&env, NULL, "# A heading\n\nsome text\n");
    struct pf_buf out = PF_BUF_INIT(2000);
    PF_CHECK_STATUS(pdf(&env, &out), PF_E_TOO_BIG);
    pf_buf_fini(&out);
    rt_teardown(&env);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_pdf_has_metadata_fonts_and_links),
        PF_CASE(test_disallowed_links_are_not_annotated),
        PF_CASE(test_page_and_time_limits),
        PF_CASE(test_output_limit),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
