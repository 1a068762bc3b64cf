/* DOCX golden check: the built-ins exported as DOCX are opened by LibreOffice (converted to
 * text headless, with a private profile) and the text must hold the persona in order with real
 * list bullets. Skips cleanly when LibreOffice is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "harness.h"
#include "render/render.h"

/* Sanitizer builds on a shared machine are slow: only the sandbox tests exercise the time
 * limit. */
static const struct pf_render_limits slow_machine = {.time_ms = 600000};

struct docx_case {
    const char *persona;
    const char *tmpl;
    const char *const *in_order;
};

static const char *const classic_order[] = {"Tomás Ruiz-Ellison",
                                            "Senior Data Engineer",
                                            "Summary",
                                            "Experience",
                                            "Healthwise Analytics",
                                            "•",
                                            "Replaced nightly cron jobs",
                                            "Basket & Co",
                                            "Education",
                                            "University of Edinburgh",
                                            "Skills",
                                            NULL};
static const char *const modern_order[] = {
    "Contact",    "tomas.ruiz_ellison@example.net", "Skills", "Tomás Ruiz-Ellison",
    "Experience", "Replaced nightly cron jobs",     NULL};
static const char *const letter_order[] = {"10 February 2026",
                                           "Northbridge Health",
                                           "Dear Dr. Priya Nair",
                                           "•",
                                           "Replaced nightly cron jobs",
                                           "Sincerely",
                                           NULL};
static const char *const special_order[] = {"Zoë <O'Brien> & \"Co\"", "*C#* / C++ engineer_",
                                            "# Not a heading", "Μηχανικός", NULL};
static const char *const custom_order[] = {
    "Kim Lee", "1.", "Code", "2.", "Design", "Work", "Shipped a design system", NULL};

static const struct docx_case cases[] = {
    {"full", "classic", classic_order},
    {"full-modern", "modern", modern_order},
    {"letter-formal", "letter-formal", letter_order},
    {"special", "classic", special_order},
    {"custom", NULL, custom_order},
};

static bool write_docx(const struct docx_case *c, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof(path), "golden/render/%s.persona.json", c->persona);
    json_t *persona = json_load_file(pf_test_path(path), 0, NULL);
    snprintf(path, sizeof(path), "golden/render/%s.extra.json", c->persona);
    json_t *extra = json_load_file(pf_test_path(path), 0, NULL);
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_buf source = PF_BUF_INIT(1 << 20);
    struct pf_buf out = PF_BUF_INIT((size_t)16 << 20);
    bool ok = false;
    pf_status st;
    if (c->tmpl) {
        st = pf_render_builtin_compile(pf_str_from_cstr(c->tmpl), NULL, &tmpl, &err);
    } else {
        snprintf(path, sizeof(path), "golden/render/%s.tmpl.md", c->persona);
        st = pf_buf_read_file(&source, pf_test_path(path), &err);
        if (st == PF_OK)
            st = pf_template_compile(c->persona, pf_buf_view(&source), PF_ENGINE_MARKDOWN, NULL,
                                     NULL, &tmpl, &err);
    }
    json_t *data = st == PF_OK ? pf_render_data_new(tmpl, persona, extra) : NULL;
    struct pf_render_request req = {
        .tmpl = tmpl, .data = data, .format = PF_FORMAT_DOCX, .limits = &slow_machine};
    if (st == PF_OK)
        st = pf_render(&req, &out, &err);
    if (st != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "%s: %s", c->persona, pf_error_message(&err));
    } else {
        snprintf(path, sizeof(path), "%.900s/%.100s.docx", dir, c->persona);
        FILE *f = fopen(path, "wb");
        ok = f && fwrite(out.ptr, 1, out.len, f) == out.len;
        if (f)
            fclose(f);
    }
    json_decref(data);
    pf_buf_fini(&out);
    pf_buf_fini(&source);
    pf_template_free(tmpl);
    json_decref(extra);
    json_decref(persona);
    return ok;
}

static void test_libreoffice_opens_builtin_docx(void)
{
    if (system("command -v soffice >/dev/null 2>&1") != 0) {
        pf_test_skip("LibreOffice (soffice) is not installed: apt-get install "
                     "libreoffice-writer-nogui");
        return;
    }
    const char *dir = pf_test_tmpdir();
    struct pf_buf cmd = PF_BUF_INIT(1 << 16);
    /* A private profile, so a LibreOffice the user (or another test) runs does not interfere;
     * kept in the build tree between runs because creating one takes most of the time. */
    const char *profile = getenv("PF_TEST_LO_PROFILE");
    pf_buf_printf(&cmd,
                  "cd '%s' && timeout 240 soffice --headless --norestore "
                  "-env:UserInstallation=file://%s --convert-to txt:Text --outdir '%s'",
                  dir, profile && *profile ? profile : dir, dir);
    for (size_t i = 0; i < PF_ARRAY_LEN(cases); i++)
        if (write_docx(&cases[i], dir))
            pf_buf_printf(&cmd, " %s.docx", cases[i].persona);
    pf_buf_puts(&cmd, " >/dev/null 2>&1");
    if (system(pf_buf_cstr(&cmd)) != 0)
        pf_test_fail(__FILE__, __LINE__, "soffice failed: %s", pf_buf_cstr(&cmd));
    for (size_t i = 0; i < PF_ARRAY_LEN(cases); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%.900s/%.100s.txt", dir, cases[i].persona);
        struct pf_buf text = PF_BUF_INIT((size_t)16 << 20);
        struct pf_error err = PF_ERROR_INIT;
        if (pf_buf_read_file(&text, path, &err) != PF_OK) {
            pf_test_fail(__FILE__, __LINE__, "LibreOffice did not convert %s", cases[i].persona);
            pf_buf_fini(&text);
            continue;
        }
        const char *at = pf_buf_cstr(&text);
        for (size_t k = 0; cases[i].in_order[k]; k++) {
            const char *found = strstr(at, cases[i].in_order[k]);
            if (!found) {
                pf_test_fail(__FILE__, __LINE__, "%s: \"%s\" missing or out of order in:\n%.400s",
                             cases[i].persona, cases[i].in_order[k], pf_buf_cstr(&text));
                break;
            }
            at = found + strlen(cases[i].in_order[k]);
        }
        pf_buf_fini(&text);
    }
    pf_buf_fini(&cmd);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case tests[] = {
        PF_CASE(test_libreoffice_opens_builtin_docx),
    };
    return pf_test_run(argc, argv, tests, PF_ARRAY_LEN(tests));
}
