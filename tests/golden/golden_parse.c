/* Golden test runner for src/parse/: every file in tests/golden/parse/ is one CV, read with
 * pf_ingest() and parsed (as of 2025-01-15, evidence left out) into <case>.expected.json, or
 * "error: <code>" for a document that must be refused. Every evidence span is also checked to
 * lie inside the document's text. PF_GOLDEN_UPDATE=1 rewrites the expectations. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "parse/parse.h"

#define MAX_CASES 128

static char *cases[MAX_CASES];
static size_t case_count;

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
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && entry->d_name[0] != '.' &&
            !strstr(entry->d_name, ".expected."))
            cases[case_count++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(cases, case_count, sizeof(*cases), cmp_names);
}

static void expect(const char *name, const char *path, struct pf_str actual)
{
    if (getenv("PF_GOLDEN_UPDATE")) {
        FILE *f = fopen(path, "wb");
        if (!f) {
            pf_test_fail(__FILE__, __LINE__, "cannot write %s", path);
            return;
        }
        fwrite(actual.ptr, 1, actual.len, f);
        fclose(f);
        return;
    }
    struct pf_buf want = PF_BUF_INIT((size_t)16 << 20);
    struct pf_error err = PF_ERROR_INIT;
    if (pf_buf_read_file(&want, path, &err) != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "%s: no %s (run with PF_GOLDEN_UPDATE=1)", name, path);
    } else if (!pf_str_eq(pf_buf_view(&want), actual)) {
        struct pf_str w = pf_buf_view(&want);
        size_t at = 0;
        while (at < w.len && at < actual.len && w.ptr[at] == actual.ptr[at])
            at++;
        pf_test_fail(__FILE__, __LINE__, "%s: differs from %s at byte %zu: got \"%.80s\"", name,
                     path, at, actual.ptr + (at < actual.len ? at : actual.len));
    }
    pf_buf_fini(&want);
}

/* Every meta.fields span must lie inside raw_text. */
static void check_evidence(const char *name, const json_t *resume, const struct pf_document *doc)
{
    size_t len = pf_document_text(doc).len;
    json_t *fields = json_object_get(json_object_get(resume, "meta"), "fields");
    const char *key;
    json_t *v;
    json_object_foreach(fields, key, v) {
        json_int_t start = json_integer_value(json_object_get(v, "start"));
        json_int_t end = json_integer_value(json_object_get(v, "end"));
        double c = json_real_value(json_object_get(v, "confidence"));
        if (start < 0 || end < start || (size_t)end > len || c <= 0.0 || c > 1.0)
            pf_test_fail(__FILE__, __LINE__, "%s: bad evidence for %s", name, key);
    }
}

static void run_case(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    struct pf_buf bytes = PF_BUF_INIT((size_t)64 << 20);
    struct pf_buf out = PF_BUF_INIT((size_t)64 << 20);
    struct pf_error err = PF_ERROR_INIT;
    struct pf_document *doc = NULL;
    json_t *resume = NULL;
    if (pf_buf_read_file(&bytes, path, &err) != PF_OK) {
        pf_test_fail(__FILE__, __LINE__, "cannot read %s", path);
        goto done;
    }
    struct pf_parse_options opts;
    memset(&opts, 0, sizeof(opts));
    opts.has_as_of = true;
    opts.force_as_of = true;
    opts.as_of_days = pf_days_from_civil(2025, 1, 15);
    pf_status st = pf_ingest(NULL, pf_buf_view(&bytes), &doc, &err);
    if (st == PF_OK)
        st = pf_parse_document(doc, &opts, &resume, NULL, &err);
    if (st != PF_OK) {
        pf_buf_printf(&out, "error: %s\n", pf_status_code(st));
    } else {
        check_evidence(name, resume, doc);
        json_object_del(resume, "meta");
        char *dump = json_dumps(resume, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        pf_buf_puts(&out, dump);
        pf_buf_putc(&out, '\n');
        free(dump);
    }
    char expected[4096];
    snprintf(expected, sizeof(expected), "%s/%s.expected.json", dir, name);
    expect(name, expected, pf_buf_view(&out));
done:
    json_decref(resume);
    pf_document_free(doc);
    pf_buf_fini(&out);
    pf_buf_fini(&bytes);
}

static void test_golden_parse_cases(void)
{
    const char *dir = pf_test_path("golden/parse");
    list_cases(dir);
    PF_CHECK(case_count > 0);
    for (size_t i = 0; i < case_count; i++) {
        if (!pf_ingest_supports(PF_DOC_FORMAT_PDF) && strstr(cases[i], ".pdf"))
            continue; /* a build without PF_WITH_PDF */
        run_case(dir, cases[i]);
        free(cases[i]);
    }
}

int main(int argc, char **argv)
{
    static const struct pf_test_case tests[] = {
        PF_CASE(test_golden_parse_cases),
    };
    return pf_test_run(argc, argv, tests, PF_ARRAY_LEN(tests));
}
