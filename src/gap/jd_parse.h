/* Job-posting parser: title, seniority, required and preferred skills with years, overall
 * years, degree, certificates, spoken languages, location and remote policy. */
#ifndef PF_GAP_JD_PARSE_H
#define PF_GAP_JD_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/json.h"
#include "base/status.h"
#include "kb/kb.h"

/* A skill, tool, soft skill or domain the posting names (one per concept). */
struct pf_jd_skill {
    uint32_t concept;       /* taxonomy concept */
    const char *name;       /* canonical name (borrowed from the kb) */
    const char *as_written; /* the posting's first wording (arena) */
    const char *category;   /* "skill", "tool", "soft_skill", "domain" */
    bool hard;              /* a tool or technical skill: screened as a requirement; other
                                   concepts (professional skills, domains) are keywords */
    bool required;          /* else preferred (or context) */
    int years;              /* years asked for with it; 0 when none */
    int mentions;
    uint32_t start;         /* byte offset of the first mention */
};

/* A named requirement that is not a taxonomy concept (certificate, language). */
struct pf_jd_item {
    const char *name; /* arena */
    bool required;
};

struct pf_jd {
    const char *title;            /* "" when not found */
    const char *seniority;        /* junior | mid | senior | lead | staff | principal |
                                     manager | director */
    const char *seniority_source; /* "title", "years" or "default" */
    int years_min;                /* overall years of experience asked; 0 when none */
    struct pf_jd_skill *skills;   /* arena; in order of first mention */
    size_t skill_count;
    const char *degree;           /* "" | "bachelor" | "master" | "phd" */
    bool degree_required;
    const char *degree_field;     /* "" when none */
    struct pf_jd_item *certificates;
    size_t certificate_count;
    struct pf_jd_item *languages; /* spoken languages ("German") */
    size_t language_count;
    const char *work_arrangement; /* "remote" | "hybrid" | "onsite" | "not_stated" */
    const char *location;         /* "" when not found */
};

/* Parses a posting (UTF-8 plain text or Markdown) into *out_jd, allocated in arena. kb may be
 * NULL (then no skills are found). PF_E_TOO_BIG past PF_JD_LIMIT_BYTES, PF_E_PARSE for text
 * that is not UTF-8. Thread-safe for a shared kb. */
#define PF_JD_LIMIT_BYTES (256u * 1024u)
#define PF_JD_SKILLS_MAX 400
PF_MUST_CHECK pf_status pf_jd_parse(const struct pf_kb *kb, struct pf_str text,
                                    struct pf_arena *arena, struct pf_jd **out_jd,
                                    struct pf_error *err);

/* The parsed posting as JSON (a new reference). */
json_t *pf_jd_to_json(const struct pf_jd *jd);

/* Seniority ranks for comparisons: junior 1, mid 2, senior 3, lead/staff 4, principal 5,
 * manager 4, director 5; 0 for anything else. */
int pf_jd_seniority_rank(const char *seniority);

#endif
