/* Clarifying questions where knowledge is thin or ambiguous, and turning answers into entries. */
#ifndef PF_KB_KB_QUESTION_H
#define PF_KB_KB_QUESTION_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/common.h"
#include "base/status.h"
#include "base/str.h"
#include "kb/kb.h"
#include "kb/kb_entry.h"
#include "kb/kb_extract.h"

#define PF_KB_YEARS_MAX 60          /* the largest accepted "years" answer */
#define PF_KB_ANSWER_TEXT_MAX 4000  /* bytes of a free-text answer */
#define PF_KB_SKILL_QUESTIONS_MAX 20 /* "where and how long" questions asked per CV */

/* What kind of answer a question takes (ARCHITECTURE §6). */
enum pf_kb_question_kind {
    PF_KB_Q_FREE_TEXT = 0, /* a non-empty string */
    PF_KB_Q_YES_NO = 1,    /* true/false, or "yes"/"no" */
    PF_KB_Q_CHOICE = 2,    /* one of options (a string) */
    PF_KB_Q_YEARS = 3,     /* a number 0..PF_KB_YEARS_MAX, or {"years": n, "where": "..."} */
    PF_KB_Q_DATE = 4,      /* "YYYY-MM" or "YYYY-MM-DD" */
};

/* One question. Strings live in the arena of the list (or the caller's arena). */
struct pf_kb_question {
    const char *key;   /* stable dedupe key: "skill_years:kubernetes", "pref:relocation", ... */
    enum pf_kb_question_kind kind;
    const char *topic; /* what it is about: a concept name, a preference group, a JSON Pointer */
    const char *text;  /* the question for the user */
    const char **options; /* CHOICE: the accepted answers */
    size_t option_count;
    const char *reason; /* skill_without_dates, missing_preference, missing_dates,
                           conflicting_dates, ambiguous_mention, jd_requirement */
    const char *field;  /* JSON Pointer into the resume it concerns, or NULL */
    enum pf_kb_entry_type entry_type; /* the type of the entries an answer makes */
};

struct pf_kb_questions {
    struct pf_kb_question *items;
    size_t count;
    size_t cap;
    struct pf_arena *arena; /* borrowed */
};

void pf_kb_questions_init(struct pf_kb_questions *questions, struct pf_arena *arena);

/* Generates the questions for a CV given its entries (extraction + inference): skills and
 * tools listed with no dated use (at most PF_KB_SKILL_QUESTIONS_MAX, most confident first),
 * preferences the entries do not settle (work arrangement, relocation, visa sponsorship,
 * contract type, schedule, travel, start date, salary), work entries with missing or
 * conflicting dates, and ambiguous names the CV uses without enough context ("Go").
 * Appends to out, skipping keys already present. Thread-safe for a shared kb. */
PF_MUST_CHECK pf_status pf_kb_questions_generate(const struct pf_kb *kb, const json_t *resume,
                                                 const struct pf_kb_entries *entries,
                                                 const struct pf_kb_extract_opts *opts,
                                                 struct pf_kb_questions *out,
                                                 struct pf_error *err);

/* The question for a job-description requirement the KB cannot answer (the gap engine calls
 * it): a YEARS question when the requirement names a skill or tool, the preference question
 * when it names a preference, else FREE_TEXT keyed by the requirement's normalised text.
 * Strings are allocated in arena. PF_E_INVALID for an empty requirement. */
PF_MUST_CHECK pf_status pf_kb_question_for_requirement(const struct pf_kb *kb,
                                                       struct pf_str requirement,
                                                       struct pf_arena *arena,
                                                       struct pf_kb_question *out_question,
                                                       struct pf_error *err);

/* {key, kind, topic, text, options?, reason, field?, entry_type, min?, max?}: a new reference.
 * kind names: "free_text", "yes_no", "choice", "years", "date". */
json_t *pf_kb_question_to_json(const struct pf_kb_question *question);
json_t *pf_kb_questions_to_json(const struct pf_kb_questions *questions);

/* Reads back what pf_kb_question_to_json wrote (as the store keeps it). Strings are copied into
 * arena. PF_E_VALIDATION naming the field when something is missing or wrong. */
PF_MUST_CHECK pf_status pf_kb_question_from_json(const json_t *json, struct pf_arena *arena,
                                                 struct pf_kb_question *out_question,
                                                 struct pf_error *err);

/* Validates answer against the question's kind and appends the entries it yields to out, with
 * source "user_answer", confirmed and confidence 1 (a free-text answer also yields the skills
 * it names). PF_E_VALIDATION with a message saying what is accepted when the answer does not
 * fit (a years answer out of range, a choice not among the options, a malformed date ...). */
PF_MUST_CHECK pf_status pf_kb_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                                     const json_t *answer, struct pf_kb_entries *out,
                                     struct pf_error *err);

/* "free_text", "yes_no", "choice", "years", "date"; parse is the reverse. */
const char *pf_kb_question_kind_name(enum pf_kb_question_kind kind);
bool pf_kb_question_kind_parse(const char *name, enum pf_kb_question_kind *out_kind);

#endif
