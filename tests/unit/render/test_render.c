/* Tests for render/render.c: formats, compile errors, engines and formats they support, the
 * data contract, JSON export, limits, previews, and concurrent renders of one template. */
#include <pthread.h>
#include <string.h>

#include "harness.h"
#include "render/render.h"

/* Sanitizer builds on a shared machine are slow: only the sandbox tests exercise the time
 * limit. */
static const struct pf_render_limits slow_machine = {.time_ms = 600000};

static void test_format_names_types_and_extensions(void)
{
    enum pf_render_format f;
    PF_CHECK(pf_render_format_parse("pdf", &f) && f == PF_FORMAT_PDF);
    PF_CHECK(pf_render_format_parse("markdown", &f) && f == PF_FORMAT_MD);
    PF_CHECK(!pf_render_format_parse("exe", &f));
    PF_CHECK_STR_EQ(pf_render_content_type(PF_FORMAT_MD), "text/markdown; charset=utf-8");
    PF_CHECK_STR_EQ(pf_render_content_type(PF_FORMAT_DOCX),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    PF_CHECK_STR_EQ(pf_render_extension(PF_FORMAT_TXT), "txt");
    enum pf_template_engine e;
    PF_CHECK(pf_template_engine_parse("jinja", &e) && e == PF_ENGINE_JINJA);
    enum pf_template_type t;
    PF_CHECK(pf_template_type_parse("cover_letter", &t) && t == PF_TEMPLATE_COVER_LETTER);
}

static struct pf_template *compile(const char *source, enum pf_template_engine engine,
                                   const char *config)
{
    json_t *json = config ? json_loads(config, 0, NULL) : NULL;
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_template_compile("t", pf_str_from_cstr(source), engine, json, NULL, &tmpl, &err) !=
        PF_OK)
        pf_test_fail(__FILE__, __LINE__, "compile: %s", pf_error_message(&err));
    json_decref(json);
    return tmpl;
}

static pf_status render(const struct pf_template *tmpl, const char *data, enum pf_render_format f,
                        struct pf_buf *out, struct pf_error *err)
{
    json_t *json = data ? json_loads(data, 0, NULL) : json_object();
    struct pf_render_request req = {.tmpl = tmpl, .data = json, .format = f};
    pf_status st = pf_render(&req, out, err);
    json_decref(json);
    return st;
}

static void test_compile_errors(void)
{
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_template_compile("cv.md", PF_STR("{% if %}"), PF_ENGINE_MARKDOWN, NULL, NULL,
                                        &tmpl, &err),
                    PF_E_TEMPLATE);
    PF_CHECK(strncmp(err.message, "cv.md:1:7:", 10) == 0);
    json_t *config = json_pack("{s:s}", "output", "txt");
    PF_CHECK_STATUS(
        pf_template_compile("x", PF_STR("x"), PF_ENGINE_MARKDOWN, config, NULL, &tmpl, &err),
        PF_E_TEMPLATE);
    json_decref(config);
    struct pf_render_limits limits = {.template_bytes = 4};
    PF_CHECK_STATUS(
        pf_template_compile("x", PF_STR("12345"), PF_ENGINE_JINJA, NULL, &limits, &tmpl, &err),
        PF_E_TOO_BIG);
}

static void test_engines_and_formats(void)
{
    struct pf_template *md = compile("# {{ resume.basics.name }}", PF_ENGINE_MARKDOWN, NULL);
    struct pf_template *html = compile("<p>{{ x }}</p>", PF_ENGINE_JINJA, NULL);
    struct pf_template *txt = compile("{{ x }}", PF_ENGINE_JINJA, "{\"output\": \"txt\"}");
    for (int f = PF_FORMAT_MD; f <= PF_FORMAT_JSON; f++)
        PF_CHECK(pf_template_supports(md, (enum pf_render_format)f));
    PF_CHECK(pf_template_supports(html, PF_FORMAT_HTML) &&
             !pf_template_supports(html, PF_FORMAT_PDF));
    PF_CHECK(pf_template_supports(txt, PF_FORMAT_TXT) &&
             !pf_template_supports(txt, PF_FORMAT_HTML));
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(render(html, "{\"x\": \"<b>\"}", PF_FORMAT_HTML, &out, &err), PF_OK);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "<p>&lt;b&gt;</p>");
    pf_buf_reset(&out);
    PF_CHECK_STATUS(render(txt, "{\"x\": \"<b>\"}", PF_FORMAT_TXT, &out, &err), PF_OK);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "<b>");
    pf_buf_reset(&out);
    PF_CHECK_STATUS(render(html, NULL, PF_FORMAT_PDF, &out, &err), PF_E_NOT_ACCEPTABLE);
    PF_CHECK_STATUS(
        render(md, "{\"resume\": {\"basics\": {\"name\": \"A *B*\"}}}", PF_FORMAT_MD, &out, &err),
        PF_OK);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "# A \\*B\\*");
    pf_buf_fini(&out);
    pf_template_free(md);
    pf_template_free(html);
    pf_template_free(txt);
}

static void test_json_export_is_the_persona(void)
{
    struct pf_template *md = compile("x", PF_ENGINE_MARKDOWN, NULL);
    json_t *persona = json_pack("{s:{s:s}}", "basics", "name", "Ada");
    json_t *data = pf_render_data_new(md, persona, NULL);
    PF_CHECK(json_object_get(data, "resume") == persona);
    PF_CHECK(json_is_object(json_object_get(data, "config")));
    json_t *extra = json_pack("{s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}]}", "matches", "requirement",
                              "Name", "pointer", "/basics/name", "source", "cv", "requirement",
                              "Guess", "pointer", "/basics/name", "source", "ai_extraction");
    json_t *letter = pf_render_data_new(md, persona, extra);
    PF_CHECK_INT_EQ(json_array_size(json_object_get(letter, "matches")), 1);
    PF_CHECK_INT_EQ(json_integer_value(json_object_get(letter, "matches_dropped")), 1);
    json_decref(letter);
    json_decref(extra);
    struct pf_render_request req = {.tmpl = md, .data = data, .format = PF_FORMAT_JSON};
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render(&req, &out, &err), PF_OK);
    json_t *back = json_loads(pf_buf_cstr(&out), 0, NULL);
    PF_CHECK(json_equal(back, persona));
    json_decref(back);
    pf_buf_fini(&out);
    json_decref(data);
    json_decref(persona);
    pf_template_free(md);
}

static void test_limits_apply_to_the_whole_render(void)
{
    struct pf_template *md =
        compile("{% for i in range(100000) %}word {% endfor %}", PF_ENGINE_MARKDOWN, NULL);
    struct pf_render_limits limits = {.output_bytes = 100000};
    json_t *data = json_object();
    struct pf_render_request req = {
        .tmpl = md, .data = data, .format = PF_FORMAT_HTML, .limits = &limits};
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render(&req, &out, &err), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_render_output");
    PF_CHECK_INT_EQ(out.len, 0); /* nothing half-written */
    struct pf_config *config = pf_config_new();
    pf_render_limits_from_config(config, &limits);
    PF_CHECK_INT_EQ(limits.steps, 1000000);
    PF_CHECK_INT_EQ(limits.pages, 100);
    pf_config_free(config);
    pf_buf_fini(&out);
    json_decref(data);
    pf_template_free(md);
}

static void test_prepare_loads_fonts_once(void)
{
    pf_render_prepare();
    pf_render_prepare();
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_preview(PF_STR("# x"), PF_ENGINE_MARKDOWN, NULL, NULL, PF_FORMAT_PDF,
                                      &slow_machine, &out, &err),
                    PF_OK);
    pf_buf_fini(&out);
}

static void test_preview_uses_the_sample_persona(void)
{
    struct pf_buf out = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_preview(PF_STR("# {{ resume.basics.name }}"), PF_ENGINE_MARKDOWN,
                                      NULL, NULL, PF_FORMAT_HTML, NULL, &out, &err),
                    PF_OK);
    PF_CHECK(strstr(pf_buf_cstr(&out), "<h1>Maya Okafor</h1>") != NULL);
    pf_buf_fini(&out);
}

struct worker {
    const struct pf_template *tmpl;
    const json_t *data;
    enum pf_render_format format;
    size_t len;
    pf_status st;
};

static void *render_many(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 5; i++) {
        struct pf_buf out = PF_BUF_INIT(8 << 20);
        struct pf_error err = PF_ERROR_INIT;
        struct pf_render_request req = {
            .tmpl = w->tmpl, .data = w->data, .format = w->format, .limits = &slow_machine};
        w->st = pf_render(&req, &out, &err);
        w->len = out.len;
        pf_buf_fini(&out);
        if (w->st != PF_OK)
            break;
    }
    return NULL;
}

static void test_one_template_renders_concurrently(void)
{
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_builtin_compile(PF_STR("modern"), NULL, &tmpl, &err), PF_OK);
    json_t *persona = pf_render_sample_persona();
    json_t *data = pf_render_data_new(tmpl, persona, NULL);
    struct worker workers[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        workers[i] = (struct worker){tmpl, data, i % 2 ? PF_FORMAT_PDF : PF_FORMAT_DOCX, 0, PF_OK};
        pthread_create(&threads[i], NULL, render_many, &workers[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        PF_CHECK_STATUS(workers[i].st, PF_OK);
        PF_CHECK(workers[i].len > 1000);
    }
    json_decref(data);
    json_decref(persona);
    pf_template_free(tmpl);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_format_names_types_and_extensions),
        PF_CASE(test_compile_errors),
        PF_CASE(test_engines_and_formats),
        PF_CASE(test_json_export_is_the_persona),
        PF_CASE(test_limits_apply_to_the_whole_render),
        PF_CASE(test_prepare_loads_fonts_once),
        PF_CASE(test_preview_uses_the_sample_persona),
        PF_CASE(test_one_template_renders_concurrently),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
