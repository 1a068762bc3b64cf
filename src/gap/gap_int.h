/* Private to the gap module and its tests: the run context, issue helpers, text helpers and
 * the entry points of each rule family. */
#ifndef PF_GAP_GAP_INT_H
#define PF_GAP_GAP_INT_H

#include <stdarg.h>

#include "gap/gap.h"
#include "kb/kb_match.h"

/* One piece of narrative text of the persona, with where it is. */
struct gap_text {
    const char *text;
    char pointer[128];   /* JSON Pointer of the string */
    const char *section; /* "basics", "work", ... */
    bool is_bullet;      /* an item of highlights */
    int entry;           /* index within the section, -1 for basics */
};

/* Open hunspell dictionaries: one speller's worth (gap_spellers.c). */
#define GAP_MAX_DICTIONARIES 4
struct gap_dicts {
    struct Hunhandle *handles[GAP_MAX_DICTIONARIES];
    size_t count;
    json_t *missing; /* names that are not installed; owned */
};

/* Opens each dictionary of the comma-separated names that exists under dir (names with '/' or
 * ".." are refused); the others go to dicts->missing. */
void gap_dicts_open(struct gap_dicts *dicts, const char *names, const char *dir);
void gap_dicts_close(struct gap_dicts *dicts);
/* Takes a free speller from the pool (waiting for one), opening it on first use. Hunspell
 * handles are not safe to share, so each is used by one report at a time. */
const struct gap_dicts *gap_spellers_checkout(struct pf_gap_spellers *pool);
void gap_spellers_checkin(struct pf_gap_spellers *pool, const struct gap_dicts *dicts);

struct gap_ctx {
    const json_t *persona;
    const struct pf_gap_options *opts;
    json_t *issues;            /* array being filled */
    json_t *details;           /* object: what the rules measured */
    struct gap_text *texts;    /* owned (heap) */
    size_t text_count;
    int64_t today_month;       /* months since year 0 of opts->now_ms */
};

/* Builds ctx over persona (collects the narrative texts). Release with gap_ctx_fini. */
void gap_ctx_init(struct gap_ctx *ctx, const json_t *persona, const struct pf_gap_options *opts);
void gap_ctx_fini(struct gap_ctx *ctx);

/* Adds an issue of rule_id at pointer (moved up to the nearest member that exists), with a
 * subject that distinguishes issues of one rule at one place (NULL: none) and a suggestion
 * saying what to change. The severity is the rule's. */
void gap_issue(struct gap_ctx *ctx, const char *rule_id, const char *pointer,
               const char *subject, const char *fmt, ...) PF_PRINTF(5, 6);
/* The same with an explicit severity. */
void gap_issue_sev(struct gap_ctx *ctx, const char *rule_id, enum pf_gap_severity severity,
                   const char *pointer, const char *subject, const char *fmt, ...)
    PF_PRINTF(6, 7);
/* Sorts issues (severity, then field) and keeps at most PF_GAP_LIMIT_ISSUES. */
void gap_issues_finish(struct gap_ctx *ctx);

/* The longest prefix of pointer that resolves in doc ("" for the root): a new heap string. */
char *gap_pointer_nearest(const json_t *doc, const char *pointer);

/* Dates of JSON Resume ("YYYY", "YYYY-MM", "YYYY-MM-DD"): months since year 0 (year*12 +
 * month-1; a bare year counts as January, or December for an end). False when not ISO. */
bool gap_date_month(const char *text, bool is_end, int64_t *out_month);
/* The ISO shape of a date string: 1 "YYYY", 2 "YYYY-MM", 3 "YYYY-MM-DD", 0 anything else. */
int gap_date_shape(const char *text);

/* Words: ASCII-case-insensitive comparisons and scanning helpers. */
size_t gap_word_count(const char *text);
/* The first word of text, lower-cased, into out (cap bytes). */
void gap_first_word(const char *text, char *out, size_t cap);
/* True when text contains a digit, a percentage, a currency amount or a number word. */
bool gap_has_number(const char *text);
/* True when word (lower case) is in the NULL-terminated list. */
bool gap_word_in(const char *word, const char *const *list);
/* Case-insensitive search of needle in text at word boundaries. */
bool gap_mentions(const char *text, const char *needle);

/* Rule families (one file each). */
void gap_check_contact(struct gap_ctx *ctx);
void gap_check_summary(struct gap_ctx *ctx);
void gap_check_bullets(struct gap_ctx *ctx);
void gap_check_dates(struct gap_ctx *ctx);
void gap_check_shape(struct gap_ctx *ctx);
void gap_check_skills(struct gap_ctx *ctx);
void gap_check_spelling(struct gap_ctx *ctx);

/* What the persona shows of one skill or tool: where it is listed, which experiences mention
 * it and for how long. Built by gap_profile_build. */
#define GAP_SKILL_SPANS 32
struct gap_skill {
    uint32_t concept;          /* taxonomy concept, or PF_KB_NO_CONCEPT */
    char name[96];             /* as first written in the persona */
    char key[96];              /* concept key, or the normalised text */
    const char *category;      /* "skill", "tool", "soft_skill", "domain", ... or "" */
    const char *group;         /* the taxonomy group ("language", "data", ...) or "" */
    bool listed;               /* in the skills section */
    char listed_pointer[96];   /* where it is listed */
    bool from_kb;              /* a confirmed knowledge-base entry names it */
    int64_t kb_years;          /* years from the KB entry's details, 0 when unknown */
    int evidence_entries;      /* experiences (work, projects, volunteer) mentioning it */
    char evidence_pointer[96]; /* the first such experience ("/work/2") */
    int64_t last_month;        /* latest end month of a mentioning dated entry; -1 none */
    size_t span_count;         /* dated mentioning entries (at most GAP_SKILL_SPANS kept) */
    int64_t span_start[GAP_SKILL_SPANS];
    int64_t span_end[GAP_SKILL_SPANS];
};

struct gap_profile {
    struct gap_skill *skills; /* owned (heap) */
    size_t count;
    const struct pf_kb *kb;
    char *all_text;           /* owned: every narrative string of the persona, joined */
};

void gap_profile_build(const json_t *persona, const struct pf_gap_options *opts,
                       int64_t today_month, struct gap_profile *out);
void gap_profile_fini(struct gap_profile *profile);
/* The skill for concept (when not PF_KB_NO_CONCEPT) or else for the normalised name. */
struct gap_skill *gap_profile_find(const struct gap_profile *profile, uint32_t concept,
                                   const char *name);
/* True for tools and for skills of a technical group: what a skills list is for. */
bool gap_skill_is_tech(const struct gap_skill *skill);
/* Months covered by the skill's dated evidence (union of spans). */
int64_t gap_skill_months(const struct gap_skill *skill);
/* True when from implies to through at most depth "implies" edges. */
bool gap_concept_implies(const struct pf_kb *kb, uint32_t from, uint32_t to, int depth);
/* Normalised key of a name: the concept key when the taxonomy knows it (and its id in
 * *out_concept, else PF_KB_NO_CONCEPT). */
void gap_skill_key(const struct pf_kb *kb, const char *name, char *out, size_t cap,
                   uint32_t *out_concept);

/* Total months of work experience (union of work intervals, open ends up to today). */
int64_t gap_experience_months(const json_t *persona, int64_t today_month);

#endif
