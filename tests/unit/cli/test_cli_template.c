/* Tests for cli/cli_template.c: `personaforge template render TEMPLATE DATA.json`. */
#include "cli_test_util.h"

static void test_renders_jinja_and_markdown_templates(void)
{
    const char *dir = pf_test_tmpdir();
    cli_write(dir, "t.html", "<p>{{ who }}</p>");
    cli_write(dir, "t.txt", "Hello {{ who }}!");
    cli_write(dir, "t.md", "# {{ who }}\n");
    cli_write(dir, "data.json", "{\"who\": \"<Ada>\"}");
    struct cli_result r;
    cli_run(dir, "template render t.html data.json", &r);
    PF_CHECK_INT_EQ(r.status, 0);
    PF_CHECK_STR_EQ(pf_buf_cstr(&r.out), "<p>&lt;Ada&gt;</p>");
    cli_free(&r);
    cli_run(dir, "template render t.txt data.json", &r);
    PF_CHECK_STR_EQ(pf_buf_cstr(&r.out), "Hello <Ada>!");
    cli_free(&r);
    cli_run(dir, "template render t.md data.json", &r);
    PF_CHECK_STR_EQ(pf_buf_cstr(&r.out), "# \\<Ada\\>");
    cli_free(&r);
    cli_run(dir, "template render t.md data.json --format html", &r);
    PF_CHECK(strstr(pf_buf_cstr(&r.out), "<h1>&lt;Ada&gt;</h1>") != NULL);
    cli_free(&r);
    cli_run(dir, "template render t.txt data.json --engine markdown", &r);
    PF_CHECK_STR_EQ(pf_buf_cstr(&r.out), "Hello \\<Ada\\>!");
    cli_free(&r);
}

static void test_errors(void)
{
    const char *dir = pf_test_tmpdir();
    cli_write(dir, "bad.j2", "ok\n{{ 1 +* 2 }}");
    cli_write(dir, "data.json", "{}");
    struct cli_result r;
    cli_run(dir, "template render bad.j2 data.json", &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK(strncmp(pf_buf_cstr(&r.err), "bad.j2:2:", 9) == 0);
    PF_CHECK_INT_EQ(cli_lines(&r.err), 1);
    cli_free(&r);
    cli_run(dir, "template render bad.j2", &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
    cli_run(dir, "template frobnicate bad.j2 data.json", &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
    cli_run(dir, "template render bad.j2 data.json --engine nope", &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_renders_jinja_and_markdown_templates),
        PF_CASE(test_errors),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
