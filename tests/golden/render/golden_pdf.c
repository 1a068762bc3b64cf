/* PDF golden checks: the built-ins rendered to PDF and read back with MuPDF (page count and
 * size, title/author metadata, link annotations, extracted text in reading order) and with
 * poppler's pdftotext (columns must not interleave). Skips the reader that is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "harness.h"
#include "render/render.h"

#ifdef PF_TEST_HAVE_MUPDF
#include <mupdf/fitz.h>
#endif

/* Sanitizer builds on a shared machine are slow: only the sandbox tests exercise the time
 * limit. */
static const struct pf_render_limits slow_machine = {.time_ms = 600000};

struct pdf_case {
    const char *persona;         /* tests/golden/render/<persona>.persona.json */
    const char *tmpl;            /* built-in */
    int pages;                   /* expected page count, 0: any */
    double width, height;        /* page size in points */
    const char *const *in_order; /* strings the text must show in this order */
    const char *const *before;   /* with after: every one of these precedes... */
    const char *const *after;    /* ...every one of these (page 1) */
    const char *const *links;    /* link targets that must be annotated */
};

static const char *const classic_order[] = {"SUMMARY",     "EXPERIENCE", "Healthwise Analytics",
                                            "Basket & Co", "PROJECTS",   "EDUCATION",
                                            "SKILLS",      NULL};
static const char *const modern_side[] = {"CONTACT",   "tomas.ruiz_ellison@example.net",
                                          "SKILLS",    "Airflow, dbt, Spark, Kafka",
                                          "LANGUAGES", "EDUCATION",
                                          NULL};
static const char *const modern_main[] = {"Tomás Ruiz-Ellison", "EXPERIENCE",
                                          "Replaced nightly cron jobs", "Basket & Co", NULL};
static const char *const modern_main2[] = {"Long Case",
                                           "EXPERIENCE",
                                           "Replaced nightly cron jobs",
                                           "Open Data Manchester",
                                           "Ran a monthly hack night",
                                           NULL};
static const char *const links_full[] = {"mailto:tomas.ruiz_ellison@example.net",
                                         "https://github.com/truiz", NULL};
static const char *const ats_order[] = {"Email: tomas.ruiz_ellison@example.net",
                                        "Summary",
                                        "Work Experience",
                                        "Senior Data Engineer",
                                        "Education",
                                        "Skills",
                                        NULL};
static const char *const letter_order[] = {"Dear Dr. Priya Nair", "Replaced nightly cron jobs",
                                           "Google Professional Data Engineer", "Sincerely", NULL};
static const char *const special_order[] = {"Zoë <O'Brien> & \"Co\"", "*C#* / C++ engineer_",
                                            "# Not a heading", "Μηχανικός, Ωmega ΑΕ", NULL};

#define A4_W 595.28
#define A4_H 841.89

static const struct pdf_case cases[] = {
    {"full", "classic", 2, A4_W, A4_H, classic_order, NULL, NULL, links_full},
    {"full-modern", "modern", 1, A4_W, A4_H, modern_main, modern_side, modern_main, links_full},
    {"long-modern", "modern", 2, A4_W, A4_H, modern_main2, modern_side, modern_main2, NULL},
    {"full-compact", "compact", 1, A4_W, A4_H, NULL, NULL, NULL, NULL},
    {"full-ats", "ats", 0, 612, 792, ats_order, NULL, NULL, NULL},
    {"letter-formal", "letter-formal", 1, A4_W, A4_H, letter_order, NULL, NULL, NULL},
    {"special", "classic", 1, A4_W, A4_H, special_order, NULL, NULL, NULL},
    {"minimal-modern", "modern", 1, A4_W, A4_H, NULL, NULL, NULL, NULL},
};

/* Renders one case to PDF in dir; returns the path (static) or NULL. */
static const char *render_pdf(const struct pdf_case *c, const char *dir, const char **out_name)
{
    static char path[1024];
    char persona_path[512];
    snprintf(persona_path, sizeof(persona_path), "golden/render/%s.persona.json", c->persona);
    json_t *persona = json_load_file(pf_test_path(persona_path), 0, NULL);
    snprintf(persona_path, sizeof(persona_path), "golden/render/%s.extra.json", c->persona);
    json_t *extra = json_load_file(pf_test_path(persona_path), 0, NULL);
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_buf out = PF_BUF_INIT((size_t)16 << 20);
    const char *result = NULL;
    if (!persona ||
        pf_render_builtin_compile(pf_str_from_cstr(c->tmpl), NULL, &tmpl, &err) != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "%s: cannot set up: %s", c->persona,
                     pf_error_message(&err));
        goto done;
    }
    json_t *data = pf_render_data_new(tmpl, persona, extra);
    struct pf_render_request req = {
        .tmpl = tmpl, .data = data, .format = PF_FORMAT_PDF, .limits = &slow_machine};
    pf_status st = pf_render(&req, &out, &err);
    json_decref(data);
    if (st != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "%s: %s", c->persona, pf_error_message(&err));
        goto done;
    }
    snprintf(path, sizeof(path), "%.900s/%.100s.pdf", dir, c->persona);
    FILE *f = fopen(path, "wb");
    if (f && fwrite(out.ptr, 1, out.len, f) == out.len)
        result = path;
    if (f)
        fclose(f);
    *out_name = json_string_value(json_object_get(json_object_get(persona, "basics"), "name"));
    *out_name = *out_name ? strdup(*out_name) : NULL;
done:
    pf_buf_fini(&out);
    pf_template_free(tmpl);
    json_decref(extra);
    json_decref(persona);
    return result;
}

static void check_order(const char *reader, const struct pdf_case *c, const char *text)
{
    const char *at = text;
    for (size_t i = 0; c->in_order && c->in_order[i]; i++) {
        const char *found = strstr(at, c->in_order[i]);
        if (!found) {
            pf_test_fail(__FILE__, __LINE__, "%s %s: \"%s\" missing or out of order", reader,
                         c->persona, c->in_order[i]);
            return;
        }
        at = found + strlen(c->in_order[i]);
    }
    /* Column check: the whole sidebar of page 1 comes before the main column. */
    const char *last_side = NULL;
    for (size_t i = 0; c->before && c->before[i]; i++) {
        const char *found = strstr(text, c->before[i]);
        if (!found)
            pf_test_fail(__FILE__, __LINE__, "%s %s: sidebar text \"%s\" missing", reader,
                         c->persona, c->before[i]);
        else if (!last_side || found > last_side)
            last_side = found;
    }
    for (size_t i = 0; last_side && c->after && c->after[i]; i++) {
        const char *found = strstr(text, c->after[i]);
        if (found && found < last_side)
            pf_test_fail(__FILE__, __LINE__,
                         "%s %s: columns interleave (\"%s\" before the "
                         "sidebar ends)",
                         reader, c->persona, c->after[i]);
    }
}

#ifdef PF_TEST_HAVE_MUPDF
static void check_with_mupdf(const struct pdf_case *c, const char *path, const char *name)
{
    fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    fz_register_document_handlers(ctx);
    fz_document *doc = NULL;
    struct pf_buf text = PF_BUF_INIT((size_t)16 << 20);
    fz_var(doc);
    fz_try(ctx)
    {
        doc = fz_open_document(ctx, path);
        int pages = fz_count_pages(ctx, doc);
        if (c->pages && pages != c->pages)
            pf_test_fail(__FILE__, __LINE__, "mupdf %s: %d pages, expected %d", c->persona, pages,
                         c->pages);
        char meta[512];
        fz_lookup_metadata(ctx, doc, FZ_META_INFO_TITLE, meta, sizeof(meta));
        if (name && strcmp(meta, name) != 0)
            pf_test_fail(__FILE__, __LINE__, "mupdf %s: title \"%s\"", c->persona, meta);
        fz_lookup_metadata(ctx, doc, FZ_META_INFO_AUTHOR, meta, sizeof(meta));
        if (name && strcmp(meta, name) != 0)
            pf_test_fail(__FILE__, __LINE__, "mupdf %s: author \"%s\"", c->persona, meta);
        struct pf_buf uris = PF_BUF_INIT(1 << 20);
        for (int i = 0; i < pages; i++) {
            fz_page *page = fz_load_page(ctx, doc, i);
            fz_rect bounds = fz_bound_page(ctx, page);
            if (bounds.x1 - bounds.x0 < c->width - 1 || bounds.x1 - bounds.x0 > c->width + 1 ||
                bounds.y1 - bounds.y0 < c->height - 1 || bounds.y1 - bounds.y0 > c->height + 1)
                pf_test_fail(__FILE__, __LINE__, "mupdf %s: page %d is %.1f x %.1f", c->persona,
                             i + 1, bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
            fz_link *links = fz_load_links(ctx, page);
            for (fz_link *link = links; link; link = link->next) {
                pf_buf_puts(&uris, link->uri);
                pf_buf_putc(&uris, '\n');
            }
            fz_drop_link(ctx, links);
            fz_stext_page *stext = fz_new_stext_page_from_page(ctx, page, NULL);
            fz_buffer *buf = fz_new_buffer_from_stext_page(ctx, stext);
            pf_buf_puts(&text, fz_string_from_buffer(ctx, buf));
            fz_drop_buffer(ctx, buf);
            fz_drop_stext_page(ctx, stext);
            fz_drop_page(ctx, page);
        }
        for (size_t i = 0; c->links && c->links[i]; i++)
            if (!strstr(pf_buf_cstr(&uris), c->links[i]))
                pf_test_fail(__FILE__, __LINE__, "mupdf %s: no link to %s", c->persona,
                             c->links[i]);
        if (strstr(pf_buf_cstr(&uris), "javascript:"))
            pf_test_fail(__FILE__, __LINE__, "mupdf %s: a javascript: link", c->persona);
        pf_buf_fini(&uris);
        check_order("mupdf", c, pf_buf_cstr(&text));
    }
    fz_always(ctx)
    {
        fz_drop_document(ctx, doc);
    }
    fz_catch(ctx)
    {
        pf_test_fail(__FILE__, __LINE__, "mupdf %s: %s", c->persona, fz_caught_message(ctx));
    }
    pf_buf_fini(&text);
    fz_drop_context(ctx);
}
#endif

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

static void check_with_pdftotext(const struct pdf_case *c, const char *path)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", path);
    FILE *p = popen(cmd, "r");
    struct pf_buf text = PF_BUF_INIT((size_t)16 << 20);
    char chunk[4096];
    size_t n;
    while (p && (n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        pf_buf_append(&text, chunk, n);
    if (!p || pclose(p) != 0)
        pf_test_fail(__FILE__, __LINE__, "pdftotext %s failed", c->persona);
    else
        check_order("pdftotext", c, pf_buf_cstr(&text));
    pf_buf_fini(&text);
}

static void test_builtin_pdfs_read_back(void)
{
    const char *dir = pf_test_tmpdir();
    bool pdftotext = have_program("pdftotext");
    for (size_t i = 0; i < PF_ARRAY_LEN(cases); i++) {
        const char *name = NULL;
        const char *path = render_pdf(&cases[i], dir, &name);
        if (!path)
            continue;
#ifdef PF_TEST_HAVE_MUPDF
        check_with_mupdf(&cases[i], path, name);
#endif
        if (pdftotext)
            check_with_pdftotext(&cases[i], path);
        free((char *)name);
    }
#ifndef PF_TEST_HAVE_MUPDF
    printf("# MuPDF is not installed: only pdftotext checked the PDFs\n");
#endif
    if (!pdftotext)
        printf("# pdftotext is not installed (poppler-utils): it did not check the PDFs\n");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case tests[] = {
        PF_CASE(test_builtin_pdfs_read_back),
    };
    return pf_test_run(argc, argv, tests, PF_ARRAY_LEN(tests));
}
