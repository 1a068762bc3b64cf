/* Golden render tests: every tests/golden/render/<case>.persona.json rendered through its
 * template (<case>.template names a built-in; <case>.tmpl.md is a template of its own, markdown
 * engine) with <case>.extra.json (job, letter, matches) when present, to Markdown, HTML and
 * text, compared with <case>.expected.{md,html,txt}. PF_GOLDEN_UPDATE=1 rewrites those files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "harness.h"
#include "render/render.h"

/* Sanitizer builds on a shared machine are slow: only the sandbox tests exercise the time
 * limit. */
static const struct pf_render_limits slow_machine = {.time_ms = 600000};

static const enum pf_render_format formats[] = {PF_FORMAT_MD, PF_FORMAT_HTML, PF_FORMAT_TXT};

static bool read_text(const char *path, struct pf_buf *out)
{
    struct pf_error err = PF_ERROR_INIT;
    pf_buf_init(out, (size_t)16 << 20);
    return pf_buf_read_file(out, path, &err) == PF_OK;
}

static json_t *read_json(const char *path)
{
    struct pf_buf text;
    json_t *json = NULL;
    if (read_text(path, &text))
        json = json_loadb(text.ptr ? text.ptr : "", text.len, 0, NULL);
    pf_buf_fini(&text);
    return json;
}

static struct pf_template *case_template(const char *dir, const char *name)
{
    char path[1024];
    struct pf_buf text;
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    snprintf(path, sizeof(path), "%.700s/%.100s.template", dir, name);
    if (read_text(path, &text)) {
        struct pf_str builtin = pf_str_trim(pf_buf_view(&text));
        if (pf_render_builtin_compile(builtin, NULL, &tmpl, &err) != PF_OK)
            pf_test_fail(__FILE__, __LINE__, "%s: %s", name, pf_error_message(&err));
    }
    pf_buf_fini(&text);
    snprintf(path, sizeof(path), "%.700s/%.100s.tmpl.md", dir, name);
    if (!tmpl && read_text(path, &text)) {
        if (pf_template_compile(path, pf_buf_view(&text), PF_ENGINE_MARKDOWN, NULL, NULL, &tmpl,
                                &err) != PF_OK)
            pf_test_fail(__FILE__, __LINE__, "%s: %s", name, pf_error_message(&err));
    }
    pf_buf_fini(&text);
    return tmpl;
}

static void check_case(const char *dir, const char *name, bool update)
{
    char path[1024];
    snprintf(path, sizeof(path), "%.700s/%.100s.persona.json", dir, name);
    json_t *persona = read_json(path);
    snprintf(path, sizeof(path), "%.700s/%.100s.extra.json", dir, name);
    json_t *extra = read_json(path);
    struct pf_template *tmpl = case_template(dir, name);
    if (!persona || !tmpl) {
        pf_test_fail(__FILE__, __LINE__, "%s: no persona or template", name);
        goto done;
    }
    json_t *data = pf_render_data_new(tmpl, persona, extra);
    for (size_t i = 0; i < PF_ARRAY_LEN(formats); i++) {
        struct pf_buf out = PF_BUF_INIT((size_t)16 << 20);
        struct pf_error err = PF_ERROR_INIT;
        struct pf_render_request req = {
            .tmpl = tmpl, .data = data, .format = formats[i], .limits = &slow_machine};
        if (pf_render(&req, &out, &err) != PF_OK) {
            pf_test_fail(__FILE__, __LINE__, "%s as %s: %s", name,
                         pf_render_format_name(formats[i]), pf_error_message(&err));
            pf_buf_fini(&out);
            continue;
        }
        snprintf(path, sizeof(path), "%.700s/%.100s.expected.%s", dir, name,
                 pf_render_extension(formats[i]));
        struct pf_buf want;
        bool have = read_text(path, &want);
        if (update) {
            FILE *f = fopen(path, "wb");
            if (!f || fwrite(out.ptr, 1, out.len, f) != out.len)
                pf_test_fail(__FILE__, __LINE__, "cannot write %s", path);
            if (f)
                fclose(f);
        } else if (!have) {
            pf_test_fail(__FILE__, __LINE__, "%s is missing (PF_GOLDEN_UPDATE=1 writes it)", path);
        } else if (want.len != out.len || memcmp(want.ptr, out.ptr, out.len) != 0) {
            size_t at = 0;
            while (at < want.len && at < out.len && want.ptr[at] == out.ptr[at])
                at++;
            pf_test_fail(__FILE__, __LINE__, "%s differs at byte %zu: got \"%.60s\"", path, at,
                         out.ptr + at);
        }
        pf_buf_fini(&want);
        pf_buf_fini(&out);
    }
    json_decref(data);
done:
    pf_template_free(tmpl);
    json_decref(extra);
    json_decref(persona);
}

static void test_golden_render_cases(void)
{
    const char *dir = pf_test_path("golden/render");
    bool update = getenv("PF_GOLDEN_UPDATE") && strcmp(getenv("PF_GOLDEN_UPDATE"), "1") == 0;
    DIR *d = opendir(dir);
    if (!d) {
        pf_test_fail(__FILE__, __LINE__, "cannot open %s", dir);
        return;
    }
    char names[256][128];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) && count < PF_ARRAY_LEN(names)) {
        const char *suffix = strstr(entry->d_name, ".persona.json");
        if (!suffix || suffix[strlen(".persona.json")] != '\0')
            continue;
        snprintf(names[count++], sizeof(names[0]), "%.*s", (int)(suffix - entry->d_name),
                 entry->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < count; i++) {
        printf("# case %s\n", names[i]);
        check_case(dir, names[i], update);
    }
    if (count < 10)
        pf_test_fail(__FILE__, __LINE__, "only %zu golden cases found", count);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_golden_render_cases),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
