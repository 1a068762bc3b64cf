/* Golden tests for the kb module: tests/golden/kb/<case>.resume.json (+ <case>.raw.txt) gives
 * <case>.expected.json (entries and questions, as of 2024-06); <case>.jd.md gives
 * <case>.expected.json (JD skills). PF_GOLDEN_UPDATE=1 rewrites the expected files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "harness.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"
#include "kb/kb_jd.h"
#include "kb/kb_question.h"

#define GOLDEN_FILE_MAX (4u * 1024u * 1024u)

static struct pf_kb *kb;

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name);
    size_t s = strlen(suffix);
    return n > s && strcmp(name + n - s, suffix) == 0;
}

static json_t *run_resume(const char *path, const char *raw_path)
{
    struct pf_buf doc = PF_BUF_INIT(GOLDEN_FILE_MAX);
    struct pf_buf raw = PF_BUF_INIT(GOLDEN_FILE_MAX);
    struct pf_error err = PF_ERROR_INIT;
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    struct pf_kb_questions questions;
    json_t *resume = NULL;
    json_t *out = NULL;
    struct pf_kb_extract_opts opts = {.cv_id = "golden", .as_of_year = 2024, .as_of_month = 6};
    pf_kb_entries_init(&entries, arena);
    pf_kb_questions_init(&questions, arena);
    if (pf_buf_read_file(&doc, path, &err) != PF_OK ||
        pf_json_parse(pf_buf_view(&doc), 64, &resume, &err) != PF_OK)
        goto done;
    if (pf_buf_read_file(&raw, raw_path, &err) == PF_OK)
        opts.raw_text = pf_buf_view(&raw);
    if (pf_kb_extract_cv(kb, resume, &opts, &entries, &err) != PF_OK ||
        pf_kb_infer(kb, resume, &opts, &entries, &err) != PF_OK ||
        pf_kb_questions_generate(kb, resume, &entries, &opts, &questions, &err) != PF_OK)
        goto done;
    out = json_object();
    json_object_set_new(out, "entries", pf_kb_entries_to_json(&entries));
    json_object_set_new(out, "questions", pf_kb_questions_to_json(&questions));
done:
    if (!out)
        pf_test_fail(__FILE__, __LINE__, "%s: %s", path, pf_error_message(&err));
    json_decref(resume);
    pf_arena_free(arena);
    pf_buf_fini(&doc);
    pf_buf_fini(&raw);
    return out;
}

static json_t *run_jd(const char *path)
{
    struct pf_buf doc = PF_BUF_INIT(GOLDEN_FILE_MAX);
    struct pf_error err = PF_ERROR_INIT;
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_jd jd;
    json_t *out = NULL;
    if (pf_buf_read_file(&doc, path, &err) == PF_OK &&
        pf_kb_jd_extract(kb, pf_buf_view(&doc), arena, &jd, &err) == PF_OK)
        out = pf_kb_jd_to_json(kb, pf_buf_view(&doc), &jd);
    else
        pf_test_fail(__FILE__, __LINE__, "%s: %s", path, pf_error_message(&err));
    pf_arena_free(arena);
    pf_buf_fini(&doc);
    return out;
}

static void compare(const char *expected_path, json_t *actual)
{
    if (getenv("PF_GOLDEN_UPDATE")) {
        if (json_dump_file(actual, expected_path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
            pf_test_fail(__FILE__, __LINE__, "cannot write %s", expected_path);
        return;
    }
    json_error_t error;
    json_t *expected = json_load_file(expected_path, 0, &error);
    if (!expected) {
        pf_test_fail(__FILE__, __LINE__, "%s: %s (run with PF_GOLDEN_UPDATE=1)", expected_path,
                     error.text);
        return;
    }
    if (!json_equal(expected, actual)) {
        char *text = json_dumps(actual, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        pf_test_fail(__FILE__, __LINE__, "%s differs; got:\n%s", expected_path, text);
        free(text);
    }
    json_decref(expected);
}

static void test_golden_kb_cases_match_their_expected_output(void)
{
    const char *dir = pf_test_path("golden/kb");
    DIR *handle = opendir(dir);
    struct dirent *item;
    int cases = 0;
    if (!handle) {
        pf_test_fail(__FILE__, __LINE__, "cannot open %s", dir);
        return;
    }
    while ((item = readdir(handle)) != NULL) {
        char path[1024];
        char other[1024];
        char expected[1024];
        const char *name = item->d_name;
        json_t *actual = NULL;
        if (ends_with(name, ".resume.json")) {
            size_t stem = strlen(name) - strlen(".resume.json");
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            snprintf(other, sizeof(other), "%s/%.*s.raw.txt", dir, (int)stem, name);
            snprintf(expected, sizeof(expected), "%s/%.*s.expected.json", dir, (int)stem, name);
            actual = run_resume(path, other);
        } else if (ends_with(name, ".jd.md")) {
            size_t stem = strlen(name) - strlen(".jd.md");
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            snprintf(expected, sizeof(expected), "%s/%.*s.expected.json", dir, (int)stem, name);
            actual = run_jd(path);
        } else {
            continue;
        }
        cases++;
        if (actual)
            compare(expected, actual);
        json_decref(actual);
    }
    closedir(handle);
    PF_CHECK(cases >= 4);
}

int main(int argc, char **argv)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        return 1;
    static const struct pf_test_case cases[] = {
        PF_CASE(test_golden_kb_cases_match_their_expected_output),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(kb);
    return rc;
}
