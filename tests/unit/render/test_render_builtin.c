/* Tests for render/render_builtin.c: the manifest, every built-in in every format with the
 * sample persona, the partials loader and the listing JSON. */
#include <string.h>

#include "harness.h"
#include "render/render.h"
#include "render/render_int.h"

/* Sanitizer builds on a shared machine are slow: only the sandbox tests exercise the time
 * limit. */
static const struct pf_render_limits slow_machine = {.time_ms = 600000};

static void test_manifest_lists_four_cvs_and_two_letters(void)
{
    size_t cvs = 0;
    size_t letters = 0;
    for (size_t i = 0; i < pf_render_builtin_count(); i++) {
        const struct pf_builtin_template *t = pf_render_builtin_at(i);
        PF_CHECK(t->name && t->title && t->source.len > 0 && json_is_object(t->config));
        cvs += t->type == PF_TEMPLATE_CV;
        letters += t->type == PF_TEMPLATE_COVER_LETTER;
    }
    PF_CHECK(cvs >= 4);
    PF_CHECK(letters >= 2);
    PF_CHECK(pf_render_builtin_at(pf_render_builtin_count()) == NULL);
    PF_CHECK(pf_render_builtin_find(PF_STR("modern")) != NULL);
    PF_CHECK(pf_render_builtin_find(PF_STR("nope")) == NULL);
}

static void test_every_builtin_renders_every_format(void)
{
    json_t *persona = pf_render_sample_persona();
    json_t *extra =
        json_loads("{\"job\": {\"title\": \"Platform Engineer\", \"company\": \"Initech\"},"
                   " \"letter\": {\"date\": \"2026-03-02\"},"
                   " \"matches\": [{\"requirement\": \"Go\", \"pointer\": \"/work/0/highlights/0\","
                   " \"source\": \"cv\"}]}",
                   0, NULL);
    for (size_t i = 0; i < pf_render_builtin_count(); i++) {
        const struct pf_builtin_template *t = pf_render_builtin_at(i);
        struct pf_template *tmpl = NULL;
        struct pf_error err = PF_ERROR_INIT;
        PF_CHECK_STATUS(pf_render_builtin_compile(pf_str_from_cstr(t->name), NULL, &tmpl, &err),
                        PF_OK);
        if (!tmpl) {
            pf_test_fail(__FILE__, __LINE__, "%s: %s", t->name, pf_error_message(&err));
            continue;
        }
        json_t *data = pf_render_data_new(tmpl, persona, extra);
        for (int f = PF_FORMAT_MD; f <= PF_FORMAT_JSON; f++) {
            struct pf_buf out = PF_BUF_INIT(8 << 20);
            struct pf_render_request req = {.tmpl = tmpl,
                                            .data = data,
                                            .format = (enum pf_render_format)f,
                                            .limits = &slow_machine};
            pf_status st = pf_render(&req, &out, &err);
            if (st != PF_OK || out.len < 100)
                pf_test_fail(__FILE__, __LINE__, "%s as %s: %s", t->name,
                             pf_render_format_name((enum pf_render_format)f),
                             pf_error_message(&err));
            pf_buf_fini(&out);
        }
        json_decref(data);
        pf_template_free(tmpl);
    }
    json_decref(extra);
    json_decref(persona);
}

static void test_loader_serves_partials_and_templates(void)
{
    struct pf_str source;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_render_builtin_loader(NULL, PF_STR("partials/macros.md"), &source, &err),
                    PF_OK);
    PF_CHECK(source.len > 0);
    PF_CHECK_STATUS(pf_render_builtin_loader(NULL, PF_STR("classic"), &source, &err), PF_OK);
    PF_CHECK_STATUS(pf_render_builtin_loader(NULL, PF_STR("manifest.json"), &source, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_render_builtin_loader(NULL, PF_STR("../etc/passwd"), &source, &err),
                    PF_E_NOT_FOUND);
}

static void test_listing_json(void)
{
    json_t *list = pf_render_builtins_json();
    json_t *first = json_array_get(json_object_get(list, "items"), 0);
    PF_CHECK_STR_EQ(json_string_value(json_object_get(first, "name")), "classic");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(first, "type")), "cv");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(first, "engine")), "markdown");
    PF_CHECK(json_is_object(json_object_get(first, "config")));
    json_decref(list);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_manifest_lists_four_cvs_and_two_letters),
        PF_CASE(test_every_builtin_renders_every_format),
        PF_CASE(test_loader_serves_partials_and_templates),
        PF_CASE(test_listing_json),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
