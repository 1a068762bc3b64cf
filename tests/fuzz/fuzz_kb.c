/* Fuzz target: the KB on arbitrary input. The first byte picks the entry point: matching text
 * (with its flags), JD extraction, CV extraction + inference + questions on JSON (the input
 * split at the first NUL byte into document and raw text), or answering a question. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/json.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"
#include "kb/kb_jd.h"
#include "kb/kb_match.h"
#include "kb/kb_question.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Built once per process: a permitted test hook global (STYLE §18). */
static struct pf_kb *fuzz_kb;

static void fuzz_cv(struct pf_str input, struct pf_arena *arena)
{
    const char *nul = memchr(input.ptr, '\0', input.len);
    struct pf_str doc = nul ? pf_str_make(input.ptr, (size_t)(nul - input.ptr)) : input;
    struct pf_str raw = nul ? pf_str_make(nul + 1, input.len - doc.len - 1) : PF_STR_NULL;
    json_t *resume = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_entries entries;
    struct pf_kb_questions questions;
    struct pf_kb_extract_opts opts = {.cv_id = "fuzz", .raw_text = raw, .as_of_year = 2024,
                                      .as_of_month = 6};
    pf_kb_entries_init(&entries, arena);
    pf_kb_questions_init(&questions, arena);
    if (pf_json_parse(doc, 32, &resume, &err) != PF_OK)
        return;
    if (pf_kb_extract_cv(fuzz_kb, resume, &opts, &entries, &err) == PF_OK &&
        pf_kb_infer(fuzz_kb, resume, &opts, &entries, &err) == PF_OK &&
        pf_kb_questions_generate(fuzz_kb, resume, &entries, &opts, &questions, &err) == PF_OK) {
        json_t *out = pf_kb_entries_to_json(&entries);
        json_decref(out);
        out = pf_kb_questions_to_json(&questions);
        json_decref(out);
    }
    json_decref(resume);
}

static void fuzz_answer(struct pf_str input, struct pf_arena *arena)
{
    static const char *const options[] = {"Remote work", "Hybrid work"};
    struct pf_kb_question questions[] = {
        {"skill_years:go", PF_KB_Q_YEARS, "Go", "?", NULL, 0, "fuzz", NULL, PF_KB_ENTRY_SKILL},
        {"pref:relocation", PF_KB_Q_YES_NO, "relocation", "?", NULL, 0, "fuzz", NULL,
         PF_KB_ENTRY_PREFERENCE},
        {"pref:work_arrangement", PF_KB_Q_CHOICE, "work_arrangement", "?", (const char **)options,
         2, "fuzz", NULL, PF_KB_ENTRY_PREFERENCE},
        {"pref:start_date", PF_KB_Q_DATE, "start_date", "?", NULL, 0, "fuzz", NULL,
         PF_KB_ENTRY_PREFERENCE},
        {"jd:x", PF_KB_Q_FREE_TEXT, "x", "?", NULL, 0, "fuzz", NULL, PF_KB_ENTRY_SKILL},
    };
    json_t *answer = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_entries entries;
    pf_kb_entries_init(&entries, arena);
    if (pf_json_parse(input, 8, &answer, &err) != PF_OK) {
        struct pf_kb_question q;
        if (pf_kb_question_for_requirement(fuzz_kb, input, arena, &q, &err) == PF_OK) {
            json_t *json = pf_kb_question_to_json(&q);
            json_decref(json);
        }
        return;
    }
    for (size_t i = 0; i < sizeof(questions) / sizeof(questions[0]); i++)
        if (pf_kb_answer(fuzz_kb, &questions[i], answer, &entries, &err) != PF_OK)
            continue;
    json_decref(answer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pf_error err = PF_ERROR_INIT;
    if (!fuzz_kb && pf_kb_new(&fuzz_kb, &err) != PF_OK)
        abort();
    if (size == 0)
        return 0;
    struct pf_str input = pf_str_make((const char *)data + 1, size - 1);
    struct pf_arena *arena = pf_arena_new();
    unsigned mode = data[0] % 4;
    if (mode == 0) {
        struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
        if (pf_kb_match(fuzz_kb, input, (data[0] >> 2) & 7u, &matches, &err) == PF_OK)
            (void)matches.count;
        pf_kb_matches_fini(&matches);
    } else if (mode == 1) {
        struct pf_kb_jd jd;
        if (pf_kb_jd_extract(fuzz_kb, input, arena, &jd, &err) == PF_OK) {
            json_t *json = pf_kb_jd_to_json(fuzz_kb, input, &jd);
            json_decref(json);
        }
    } else if (mode == 2) {
        fuzz_cv(input, arena);
    } else {
        fuzz_answer(input, arena);
    }
    pf_arena_free(arena);
    return 0;
}
