/* Knowledge-base entries: what the lead persists in knowledgebase_entries, built in an arena. */
#ifndef PF_KB_KB_ENTRY_H
#define PF_KB_KB_ENTRY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/common.h"
#include "kb/kb.h"

/* The entry `type` column. The first five equal enum pf_kb_category. */
enum pf_kb_entry_type {
    PF_KB_ENTRY_SKILL = PF_KB_SKILL,
    PF_KB_ENTRY_TOOL = PF_KB_TOOL,
    PF_KB_ENTRY_DOMAIN = PF_KB_DOMAIN,
    PF_KB_ENTRY_SOFT_SKILL = PF_KB_SOFT_SKILL,
    PF_KB_ENTRY_PREFERENCE = PF_KB_PREFERENCE,
    PF_KB_ENTRY_SENIORITY = 5, /* inferred level: intern .. executive */
    PF_KB_ENTRY_FACT = 6,      /* a user-stated fact about a CV field (e.g. a corrected date) */
};
#define PF_KB_ENTRY_TYPE_COUNT 7

/* The entry `source` column. */
enum pf_kb_source {
    PF_KB_SOURCE_CV = 0,            /* found in the CV text, with evidence */
    PF_KB_SOURCE_USER_ANSWER = 1,   /* the user's answer to a clarifying question */
    PF_KB_SOURCE_AI_EXTRACTION = 2, /* inferred: implied, soft skills from achievements, ... */
};

#define PF_KB_EVIDENCE_MAX 8 /* evidence items kept per entry */

/* One entry. Strings and JSON belong to the arena of the list that holds it. */
struct pf_kb_entry {
    enum pf_kb_entry_type type;
    const char *value;      /* canonical name, or the text as written when not in the taxonomy */
    const char *normalized; /* normalised value: the dedupe key with type */
    uint32_t concept;       /* taxonomy id, or PF_KB_NO_CONCEPT */
    enum pf_kb_source source;
    double confidence;      /* 0..1 */
    bool confirmed;         /* true only for user answers */
    json_t *evidence;       /* array of {cv_id?, field?, start?, end?, snippet?, rule?, ...} */
    json_t *details;        /* object: years, last_used, periods, implied_by, level, ... */
};

/* A growable list of entries whose memory lives in arena (never freed one by one). */
struct pf_kb_entries {
    struct pf_kb_entry *items;
    size_t count;
    size_t cap;
    struct pf_arena *arena; /* borrowed; owns items, strings and (by reference) the JSON */
};

/* Starts an empty list allocating from arena (which must outlive it). */
void pf_kb_entries_init(struct pf_kb_entries *entries, struct pf_arena *arena);

/* The entry with this type and normalised value, or NULL. */
struct pf_kb_entry *pf_kb_entries_find(const struct pf_kb_entries *entries,
                                       enum pf_kb_entry_type type, const char *normalized);

/* Finds the entry (type, normalised value) or appends a new one with empty evidence and details
 * (value and normalized are copied into the arena; normalized NULL = computed from value).
 * *out_created says which. Never NULL. */
struct pf_kb_entry *pf_kb_entries_upsert(struct pf_kb_entries *entries, enum pf_kb_entry_type type,
                                         const char *value, const char *normalized,
                                         uint32_t concept, enum pf_kb_source source,
                                         bool *out_created);

/* Appends item (reference stolen) to entry's evidence unless PF_KB_EVIDENCE_MAX are there
 * (then it is released). */
void pf_kb_entry_add_evidence(struct pf_kb_entry *entry, json_t *item);

/* "skill", "tool", "domain", "soft_skill", "preference", "seniority", "fact". */
const char *pf_kb_entry_type_name(enum pf_kb_entry_type type);
bool pf_kb_entry_type_parse(const char *name, enum pf_kb_entry_type *out_type);
/* "cv", "user_answer", "ai_extraction". */
const char *pf_kb_source_name(enum pf_kb_source source);

/* A new JSON object {type, value, normalized_value, source, confidence, confirmed, evidence,
 * details} (the caller owns the reference). */
json_t *pf_kb_entry_to_json(const struct pf_kb_entry *entry);
/* A new JSON array of every entry, in list order. */
json_t *pf_kb_entries_to_json(const struct pf_kb_entries *entries);

#endif
