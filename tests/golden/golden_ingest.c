/* Golden test runner for src/ingest/: every file in tests/golden/ingest/ is one case, read with
 * pf_ingest() and compared with <case>.expected.txt (raw_text, or "error: <code> ...") and
 * <case>.expected.json (the block structure). PF_GOLDEN_UPDATE=1 rewrites the expectations. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/json.h"
#include "harness.h"
#include "ingest/ingest.h"

#define MAX_CASES 256

static char *cases[MAX_CASES];
static size_t case_count;

static bool is_input(const char *name)
{
    return name[0] != '.' && !strstr(name, ".expected.");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_cases(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *entry;
    while ((entry = readdir(d)) && case_count < MAX_CASES) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && is_input(entry->d_name))
            cases[case_count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(cases, case_count, sizeof(*cases), cmp_names);
}

/* The structure worth reviewing: kinds, regions, levels, flags, tables, columns, text. */
static json_t *structure(const struct pf_document *doc)
{
    const struct pf_doc_meta *meta = pf_document_meta(doc);
    json_t *m = json_object();
    pf_json_set_str(m, "title", meta->title);
    pf_json_set_str(m, "author", meta->author);
    pf_json_set_str(m, "language", meta->language);
    pf_json_set_str(m, "created", meta->created);
    pf_json_set_str(m, "modified", meta->modified);
    json_t *blocks = json_array();
    for (size_t i = 0; i < pf_document_block_count(doc); i++) {
        const struct pf_doc_block *b = pf_document_block(doc, i);
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(pf_block_kind_name(b->kind)));
        if (b->region != PF_REGION_BODY)
            json_object_set_new(o, "region", json_string(pf_block_region_name(b->region)));
        if (b->level)
            json_object_set_new(o, "level", json_integer(b->level));
        if (b->flags & PF_BLOCK_SIDEBAR)
            json_object_set_new(o, "sidebar", json_true());
        if (b->flags & PF_BLOCK_LABEL)
            json_object_set_new(o, "label", json_true());
        if (b->flags & PF_BLOCK_NUMBERED)
            json_object_set_new(o, "numbered", json_true());
        if (b->table >= 0)
            json_object_set_new(o, "cell", json_pack("[i, i, i]", b->table, b->row, b->col));
        if (b->page)
            json_object_set_new(o, "page", json_integer(b->page));
        if (b->column)
            json_object_set_new(o, "column", json_integer(b->column));
        uint32_t flags = 0;
        for (size_t l = 0; l < b->line_count; l++) {
            const struct pf_doc_line *line = pf_document_line(doc, b->first_line + l);
            for (size_t s = 0; s < line->span_count; s++)
                flags |= pf_document_span(doc, line->first_span + s)->flags;
        }
        if (flags & PF_SPAN_BOLD)
            json_object_set_new(o, "bold", json_true());
        if (flags & PF_SPAN_ITALIC)
            json_object_set_new(o, "italic", json_true());
        json_object_set_new(o, "text", pf_json_string_str(pf_document_block_text(doc, b)));
        json_array_append_new(blocks, o);
    }
    json_t *links = json_array();
    for (size_t i = 0; i < pf_document_link_count(doc); i++)
        json_array_append_new(links, json_string(pf_document_link(doc, (int32_t)i)));
    json_t *warnings = json_array();
    for (size_t i = 0; i < pf_document_warning_count(doc); i++)
        json_array_append_new(warnings, json_string(pf_document_warning(doc, i)));
    json_t *pages = json_array();
    for (size_t i = 0; i < pf_document_page_count(doc); i++)
        json_array_append_new(pages, json_integer(pf_document_page(doc, i)->columns));
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "format",
                     pf_doc_format_name(pf_document_format(doc)), "meta", m, "columns", pages,
                     "links", links, "warnings", warnings, "blocks", blocks);
}

static bool read_file(const char *path, struct pf_buf *out)
{
    struct pf_error err = PF_ERROR_INIT;
    return pf_buf_read_file(out, path, &err) == PF_OK;
}

static void write_file(const char *path, struct pf_str data)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        pf_test_fail(__FILE__, __LINE__, "cannot write %s", path);
        return;
    }
    fwrite(data.ptr, 1, data.len, f);
    fclose(f);
}

/* Compares actual with the expectation file (or rewrites it under PF_GOLDEN_UPDATE). */
static void expect(const char *name, const char *path, struct pf_str actual)
{
    if (getenv("PF_GOLDEN_UPDATE")) {
        write_file(path, actual);
        return;
    }
    struct pf_buf want = PF_BUF_INIT((size_t)64 << 20);
    if (!read_file(path, &want)) {
        pf_test_fail(__FILE__, __LINE__, "%s: no %s (run with PF_GOLDEN_UPDATE=1)", name, path);
    } else if (!pf_str_eq(pf_buf_view(&want), actual)) {
        struct pf_str w = pf_buf_view(&want);
        size_t at = 0;
        while (at < w.len && at < actual.len && w.ptr[at] == actual.ptr[at])
            at++;
        pf_test_fail(__FILE__, __LINE__, "%s: differs from %s at byte %zu: got \"%.60s\"", name,
                     path, at, actual.ptr + (at < actual.len ? at : actual.len));
    }
    pf_buf_fini(&want);
}

static void run_case(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    struct pf_buf bytes = PF_BUF_INIT((size_t)64 << 20);
    if (!read_file(path, &bytes)) {
        pf_test_fail(__FILE__, __LINE__, "cannot read %s", path);
        pf_buf_fini(&bytes);
        return;
    }
    struct pf_ingest_limits limits;
    pf_ingest_limits_default(&limits);
    struct pf_document *doc = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_ingest(&limits, pf_buf_view(&bytes), &doc, &err);
    struct pf_buf text = PF_BUF_INIT((size_t)64 << 20);
    if (st != PF_OK) {
        pf_buf_printf(&text, "error: %s%s%s\n", pf_status_code(st), err.field[0] ? " " : "",
                      err.field);
    } else {
        pf_buf_append_str(&text, pf_document_text(doc));
        pf_buf_putc(&text, '\n');
    }
    char expected[4096];
    snprintf(expected, sizeof(expected), "%s/%s.expected.txt", dir, name);
    expect(name, expected, pf_buf_view(&text));
    if (doc) {
        json_t *json = structure(doc);
        char *dump = json_dumps(json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        struct pf_buf out = PF_BUF_INIT((size_t)64 << 20);
        pf_buf_puts(&out, dump);
        pf_buf_putc(&out, '\n');
        snprintf(expected, sizeof(expected), "%s/%s.expected.json", dir, name);
        expect(name, expected, pf_buf_view(&out));
        pf_buf_fini(&out);
        free(dump);
        json_decref(json);
    }
    pf_document_free(doc);
    pf_buf_fini(&text);
    pf_buf_fini(&bytes);
}

static void test_golden_ingest_cases(void)
{
    const char *dir = pf_test_path("golden/ingest");
    list_cases(dir);
    PF_CHECK(case_count > 0);
    for (size_t i = 0; i < case_count; i++) {
        if (!pf_ingest_supports(pf_ingest_detect(PF_STR("%PDF-"))) && strstr(cases[i], ".pdf"))
            continue; /* a build without PF_WITH_PDF */
        run_case(dir, cases[i]);
        free(cases[i]);
    }
}

int main(int argc, char **argv)
{
    static const struct pf_test_case tests[] = {
        PF_CASE(test_golden_ingest_cases),
    };
    return pf_test_run(argc, argv, tests, PF_ARRAY_LEN(tests));
}
