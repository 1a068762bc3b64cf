/* Tests for cli/cli_render.c: `personaforge render` formats, built-ins and files, cover-letter
 * inputs, and its exit statuses (0 ok, 1 bad input with one line on stderr, 2 usage). */
#include "cli_test_util.h"

static const char *fixture(void)
{
    return pf_test_path("golden/render/full.persona.json");
}

static void test_renders_each_format_to_a_file(void)
{
    const char *dir = pf_test_tmpdir();
    static const char *const formats[] = {"md", "html", "pdf", "docx", "txt", "json"};
    static const char *const magic[] = {"# ", "<!DOCTYPE html>", "%PDF-", "PK", "Tom", "{"};
    for (size_t i = 0; i < PF_ARRAY_LEN(formats); i++) {
        char args[2048];
        snprintf(args, sizeof(args), "render '%s' --template classic --format %s -o cv.%s",
                 fixture(), formats[i], formats[i]);
        struct cli_result r;
        cli_run(dir, args, &r);
        PF_CHECK_INT_EQ(r.status, 0);
        char path[1024];
        snprintf(path, sizeof(path), "%s/cv.%s", dir, formats[i]);
        struct pf_buf file = PF_BUF_INIT((size_t)16 << 20);
        struct pf_error err = PF_ERROR_INIT;
        PF_CHECK_STATUS(pf_buf_read_file(&file, path, &err), PF_OK);
        PF_CHECK(file.len > strlen(magic[i]) && memcmp(file.ptr, magic[i], strlen(magic[i])) == 0);
        pf_buf_fini(&file);
        cli_free(&r);
    }
}

static void test_format_follows_output_extension_and_stdout_default(void)
{
    const char *dir = pf_test_tmpdir();
    char args[2048];
    snprintf(args, sizeof(args), "render '%s' --template ats --format txt", fixture());
    struct cli_result r;
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 0);
    PF_CHECK(strstr(pf_buf_cstr(&r.out), "Work Experience") != NULL);
    cli_free(&r);
    snprintf(args, sizeof(args), "render '%s' --template modern -o x.docx", fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 0);
    cli_free(&r);
}

static void test_cover_letter_inputs(void)
{
    const char *dir = pf_test_tmpdir();
    cli_write(dir, "jd.txt", "We need a data engineer.");
    char args[4096];
    snprintf(args, sizeof(args),
             "render '%s' --template letter-formal --format md --job '%s' --matches matches.json "
             "--date 2026-02-10",
             fixture(), pf_test_path("golden/render/letter-formal.extra.json"));
    cli_write(dir, "matches.json",
              "[{\"requirement\": \"Kafka\", \"pointer\": "
              "\"/work/0/highlights/1\", \"source\": \"cv\"}]");
    struct cli_result r;
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 0);
    PF_CHECK(strstr(pf_buf_cstr(&r.out), "10 February 2026") != NULL);
    PF_CHECK(strstr(pf_buf_cstr(&r.out), "**Kafka**: Designed a change-data-capture") != NULL);
    cli_free(&r);
    snprintf(args, sizeof(args), "render '%s' --template letter-modern --format txt --job jd.txt",
             fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 0);
    cli_free(&r);
}

static void test_template_file_errors_are_one_line_with_position(void)
{
    const char *dir = pf_test_tmpdir();
    cli_write(dir, "bad.md", "# {{ resume.basics.name }}\n\n{% for x in %}\n");
    char args[2048];
    snprintf(args, sizeof(args), "render '%s' --template bad.md --format pdf -o out.pdf",
             fixture());
    struct cli_result r;
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK_INT_EQ(cli_lines(&r.err), 1);
    PF_CHECK(strncmp(pf_buf_cstr(&r.err), "bad.md:3:", 9) == 0);
    cli_free(&r);
    cli_write(dir, "runtime.md", "{{ resume.nothing.here }}\n");
    snprintf(args, sizeof(args), "render '%s' --template runtime.md --format md", fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK_STR_EQ(pf_buf_cstr(&r.err), "runtime.md:1:4: 'nothing' is undefined (the object has "
                                         "no such attribute)\n");
    cli_free(&r);
}

static void test_bad_input_exits_one_and_leaves_no_file(void)
{
    const char *dir = pf_test_tmpdir();
    cli_write(dir, "broken.json", "{\"basics\": ");
    struct cli_result r;
    cli_run(dir, "render broken.json --template classic --format pdf -o out.pdf", &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK_INT_EQ(cli_lines(&r.err), 1);
    cli_free(&r);
    cli_run(dir, "render missing.json --template classic --format pdf -o out.pdf", &r);
    PF_CHECK_INT_EQ(r.status, 1);
    cli_free(&r);
    char args[2048];
    snprintf(args, sizeof(args), "render '%s' --template nosuch --format pdf -o out.pdf",
             fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK(strstr(pf_buf_cstr(&r.err), "nosuch") != NULL);
    cli_free(&r);
    cli_write(dir, "loop.md", "{% for i in range(10 ** 9) %}x{% endfor %}");
    snprintf(args, sizeof(args), "render '%s' --template loop.md --format pdf -o out.pdf",
             fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 1);
    PF_CHECK(strstr(pf_buf_cstr(&r.err), "steps") != NULL);
    cli_free(&r);
    char path[1024];
    snprintf(path, sizeof(path), "%s/out.pdf", dir);
    FILE *f = fopen(path, "r");
    PF_CHECK(f == NULL); /* nothing half-written */
    if (f)
        fclose(f);
}

static void test_usage_errors_exit_two(void)
{
    const char *dir = pf_test_tmpdir();
    struct cli_result r;
    cli_run(dir, "render", &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
    char args[2048];
    snprintf(args, sizeof(args), "render '%s' --template classic --format exe", fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
    snprintf(args, sizeof(args), "render '%s' --template classic --bogus", fixture());
    cli_run(dir, args, &r);
    PF_CHECK_INT_EQ(r.status, 2);
    cli_free(&r);
}

static void test_list_shows_builtins(void)
{
    struct cli_result r;
    cli_run(pf_test_tmpdir(), "render --list", &r);
    PF_CHECK_INT_EQ(r.status, 0);
    PF_CHECK(strstr(pf_buf_cstr(&r.out), "letter-formal") != NULL);
    cli_free(&r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_renders_each_format_to_a_file),
        PF_CASE(test_format_follows_output_extension_and_stdout_default),
        PF_CASE(test_cover_letter_inputs),
        PF_CASE(test_template_file_errors_are_one_line_with_position),
        PF_CASE(test_bad_input_exits_one_and_leaves_no_file),
        PF_CASE(test_usage_errors_exit_two),
        PF_CASE(test_list_shows_builtins),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
