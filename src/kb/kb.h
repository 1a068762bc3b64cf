/* The knowledge-base index: taxonomy concepts, aliases, implications and the compiled matcher. */
#ifndef PF_KB_KB_H
#define PF_KB_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/common.h"
#include "base/embed.h"
#include "base/status.h"
#include "base/str.h"

/* What a concept is. The names ("skill", "tool", ...) are the `type` of KB entries. */
enum pf_kb_category {
    PF_KB_SKILL = 0,      /* a capability: a programming language, "Machine learning", "SQL" */
    PF_KB_TOOL = 1,       /* a product, framework, library, service: "Docker", "Snowflake" */
    PF_KB_DOMAIN = 2,     /* an industry or field: "Fintech", "Healthcare" */
    PF_KB_SOFT_SKILL = 3, /* "Leadership", "Mentoring" */
    PF_KB_PREFERENCE = 4, /* "Remote work", "Relocation", "Visa sponsorship" */
};
#define PF_KB_CATEGORY_COUNT 5

/* Concept flags (the taxonomy's flags column). CASED and CONTEXT apply to the canonical name;
 * aliases carry their own marker (see pf_kb_concept_alias). */
enum {
    PF_KB_CONCEPT_CASED = 0x01,   /* matches only as written (or in an all-caps line), and at a
                                     sentence start only with supporting context */
    PF_KB_CONCEPT_CONTEXT = 0x02, /* a common word or single letter: matches only with tech
                                     context (a skill list, a cue word, other tech nearby) */
    PF_KB_CONCEPT_NOMATCH = 0x04, /* the name is not matched in text (its aliases are): an
                                     umbrella concept for implications and lookups */
};

#define PF_KB_NO_CONCEPT UINT32_MAX

/* Opaque. Built once (at start-up), immutable afterwards: every function taking a
 * const struct pf_kb * is safe to call from many threads at once. */
struct pf_kb;

/* Builds the index from the taxonomy embedded in the binary (data/taxonomy). The caller frees
 * *out_kb with pf_kb_free(). PF_E_PARSE (with the file and line in err) when the embedded data
 * is inconsistent, which a unit test guards against. */
PF_MUST_CHECK pf_status pf_kb_new(struct pf_kb **out_kb, struct pf_error *err);

/* Builds the index from the given files, in order (later files extend or override earlier
 * concepts of the same normalised name). A file's role comes from its base name:
 * context_rules.tsv, soft_skill_rules.tsv, employer_cues.tsv; any other *.tsv holds concepts.
 * See data/taxonomy/README.md for the formats. files is borrowed for the call only. */
PF_MUST_CHECK pf_status pf_kb_new_from_files(const struct pf_embedded_file *files, size_t count,
                                             struct pf_kb **out_kb, struct pf_error *err);

/* Releases the index. NULL-safe. */
void pf_kb_free(struct pf_kb *kb);

/* The embedded taxonomy files (NULL-path-terminated), for tools and tests. */
const struct pf_embedded_file *pf_kb_embedded_files(size_t *out_count);

/* Concepts are numbered 0 .. count-1. Accessors take a valid id (checked by assertion);
 * returned strings belong to kb and live as long as it does. */
size_t pf_kb_concept_count(const struct pf_kb *kb);
const char *pf_kb_concept_name(const struct pf_kb *kb, uint32_t concept);
/* The normalised name: lower case, accents folded, tokens joined by single spaces. */
const char *pf_kb_concept_key(const struct pf_kb *kb, uint32_t concept);
enum pf_kb_category pf_kb_concept_category(const struct pf_kb *kb, uint32_t concept);
/* The sub-group ("language", "cloud", "database", "work_arrangement", ...); "" when none. */
const char *pf_kb_concept_group(const struct pf_kb *kb, uint32_t concept);
unsigned pf_kb_concept_flags(const struct pf_kb *kb, uint32_t concept);
/* The aliases as written in the taxonomy, with their policy marker if any: '=' exact case,
 * '~' cased (like the CASED flag), '?' needs context (like the CONTEXT flag). */
size_t pf_kb_concept_alias_count(const struct pf_kb *kb, uint32_t concept);
const char *pf_kb_concept_alias(const struct pf_kb *kb, uint32_t concept, size_t index);
/* The direct "implies" edges of concept; *out_ids points into kb. */
size_t pf_kb_concept_implies(const struct pf_kb *kb, uint32_t concept, const uint32_t **out_ids);

/* Finds a concept by its name or any alias, compared in normalised form ("nodejs", "Node.JS").
 * False when unknown. */
bool pf_kb_lookup(const struct pf_kb *kb, struct pf_str name, uint32_t *out_concept);

/* "skill", "tool", "domain", "soft_skill", "preference". */
const char *pf_kb_category_name(enum pf_kb_category category);
bool pf_kb_category_parse(struct pf_str name, enum pf_kb_category *out_category);

/* Sizes of the built index, for `kb stats` and the benchmark. */
struct pf_kb_stats {
    size_t concepts;
    size_t by_category[PF_KB_CATEGORY_COUNT];
    size_t aliases;
    size_t patterns;    /* names and aliases compiled into the matcher */
    size_t implies;     /* edges */
    size_t tokens;      /* distinct normalised tokens in the dictionary */
    size_t trie_nodes;
    size_t context_rules;
    size_t memory_bytes; /* heap held by the index, approximately */
    double build_ms;     /* wall time pf_kb_new* took */
};
void pf_kb_get_stats(const struct pf_kb *kb, struct pf_kb_stats *out_stats);

#endif
