/* Private structures of the kb module, shared by its files and its unit tests. */
#ifndef PF_KB_KB_INT_H
#define PF_KB_KB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "kb/kb.h"
#include "kb/kb_extract.h"
#include "kb/kb_match.h"

/* A string -> uint32 map with open addressing; keys are borrowed (they live in kb->arena). */
struct kb_map_entry {
    const char *key;
    uint32_t len;   /* bytes */
    uint32_t hash;  /* pf_kb_hash of key */
    uint32_t value;
};

struct kb_map {
    struct kb_map_entry *entries; /* owned; count used */
    size_t count;
    size_t cap;
    uint32_t *slots; /* owned; entry index + 1, 0 = empty; mask + 1 of them */
    size_t mask;
};

void kb_map_fini(struct kb_map *map);
/* The value for key, or false. */
bool kb_map_get(const struct kb_map *map, const char *key, size_t len, uint32_t hash,
                uint32_t *out_value);
/* Inserts key (borrowed) unless present; returns the value now stored for it. */
uint32_t kb_map_put(struct kb_map *map, const char *key, size_t len, uint32_t value);

/* An edge of the token trie: (node, token id, glue bit) -> child node. */
struct kb_edge {
    uint64_t key; /* 0 = empty slot */
    uint32_t child;
};

/* How a pattern's match is checked. The canonical name takes the concept's flags; an alias
 * takes its marker: '=' exact case, '~' cased, '?' context, none = plain. */
enum kb_policy {
    KB_POLICY_PLAIN = 0,   /* any case */
    KB_POLICY_EXACT = 1,   /* exact case (or an all-caps line) */
    KB_POLICY_CASED = 2,   /* exact case; at a sentence start only with evidence */
    KB_POLICY_CONTEXT = 3, /* exact case and evidence */
};

struct kb_pattern {
    uint32_t concept;
    const char *text;   /* the name or alias as written (without its marker) */
    uint8_t tokens;     /* token count */
    uint8_t policy;     /* enum kb_policy */
};

/* A context rule (context_rules.tsv) of one concept. */
enum kb_rule_where { KB_RULE_PREV, KB_RULE_NEXT, KB_RULE_NEAR };
#define KB_WORD_YEAR UINT32_MAX      /* matches a four-digit year */
#define KB_WORD_NUMBER (UINT32_MAX - 1) /* matches any number */

struct kb_rule {
    uint32_t concept;
    uint8_t where;    /* enum kb_rule_where */
    bool accept;      /* accept or reject */
    uint32_t first_word; /* into kb->rule_words */
    uint32_t word_count;
};

/* soft_skill_rules.tsv: a trigger word, optionally followed within window tokens by an
 * object word, shows a soft skill. */
struct kb_soft_rule {
    uint32_t concept;
    uint32_t first_trigger, trigger_count; /* into kb->rule_words */
    uint32_t first_object, object_count;   /* into kb->rule_words; 0 objects = trigger alone */
    uint8_t window;                        /* tokens */
    float confidence;
};

/* employer_cues.tsv: a word in an employer's name suggests a domain. */
struct kb_cue {
    uint32_t word;    /* token id */
    uint32_t concept; /* the domain */
};

struct kb_concept {
    const char *name;
    const char *key;
    const char *group;  /* "" when none */
    uint8_t category;   /* enum pf_kb_category */
    uint8_t flags;      /* PF_KB_CONCEPT_* */
    uint32_t alias_first, alias_count;     /* into kb->aliases */
    uint32_t implies_first, implies_count; /* into kb->implies */
    uint32_t rule_first, rule_count;       /* into kb->rules */
};

/* Word ids the matcher and the rules look at; 0 when absent from the dictionary. */
struct kb_words {
    uint32_t and_, or_, in, using_, with, written, wrote, developed, programming, coding,
        language, languages, experience, of, a, an, the;
};

struct pf_kb {
    struct pf_arena *arena; /* owns every string below */
    struct kb_concept *concepts; /* owned */
    size_t concept_count;
    const char **aliases; /* owned array; strings in arena */
    size_t alias_count;
    uint32_t *implies; /* owned */
    size_t implies_count;
    struct kb_map names; /* normalised name or alias -> concept id */
    struct kb_map dict;  /* normalised token -> token id (value; ids start at 1) */
    struct kb_edge *edges; /* owned; edge_mask + 1 slots */
    size_t edge_mask;
    size_t edge_count;
    uint8_t *starts; /* owned; per token id: 1 when some pattern starts with it */
    size_t starts_len;
    uint32_t *root_child; /* owned; per token id below starts_len: the trie node after it
                             (unglued), UINT32_MAX when none: the first step without probing */
    uint64_t *dict_filter; /* owned; bit (hash & mask) set for every dictionary token: most
                              text words are rejected without a probe */
    size_t dict_filter_mask; /* bits - 1 */
    uint32_t *out_first; /* owned; per trie node: first output in outputs */
    uint16_t *out_count; /* owned; per trie node */
    size_t node_count;
    uint32_t *outputs; /* owned; pattern indexes grouped by node */
    size_t output_count;
    struct kb_pattern *patterns; /* owned */
    size_t pattern_count;
    struct kb_rule *rules; /* owned; sorted by concept */
    size_t rule_count;
    uint32_t *rule_words; /* owned; token ids (or KB_WORD_*) of rules and soft rules */
    size_t rule_word_count;
    struct kb_soft_rule *soft_rules; /* owned */
    size_t soft_rule_count;
    struct kb_cue *cues; /* owned */
    size_t cue_count;
    struct kb_words words;
    size_t max_pattern_tokens;
    double build_ms;
};

/* Token id of a normalised word, or 0. */
uint32_t kb_word_id(const struct pf_kb *kb, const char *word);

/* The trie child of node for (token, glue), or UINT32_MAX. */
uint32_t kb_trie_step(const struct pf_kb *kb, uint32_t node, uint32_t token, bool glue);

/* Loads the files into a new kb (concepts, rules, trie). Used by pf_kb_new*. */
PF_MUST_CHECK pf_status kb_load(struct pf_kb *kb, const struct pf_embedded_file *files,
                                size_t count, struct pf_error *err);

/* Decides the ambiguous candidates of one text (kb_context.c). cands are the raw trie hits,
 * tokens the whole text's tokens; sets each candidate's why/confidence (why REJECTED when it
 * fails). */
struct kb_candidate {
    uint32_t pattern;
    uint32_t concept;
    uint32_t first_token;
    uint32_t token_count;
    float confidence;
    uint8_t why;
    bool decided;
};
void kb_context_resolve(const struct pf_kb *kb, struct pf_str text,
                        const struct pf_kb_token *tokens, size_t token_count,
                        struct kb_candidate *cands, size_t cand_count, unsigned flags);

/* True when the concept is a technology (skill or tool) for list evidence. */
bool kb_is_tech(const struct pf_kb *kb, uint32_t concept);

/* Periods in months (kb_extract.c): month index = year * 12 + month - 1, both ends inclusive. */
struct kb_period {
    int start;
    int end;
};
/* Sorts and merges overlapping or adjacent periods in place; returns the new count. */
size_t kb_periods_merge(struct kb_period *periods, size_t count);
/* Months covered by merged periods. */
int kb_periods_months(const struct kb_period *periods, size_t count);
/* The as-of month index of opts (the current UTC month when unset). */
int kb_as_of_index(const struct pf_kb_extract_opts *opts);
/* The period of a work/volunteer/project entry; false without a parseable start date or when
 * the end comes before the start. */
bool kb_entry_period(const json_t *item, int as_of, struct kb_period *out_period,
                     bool *out_present);
/* "YYYY-MM" of a month index into out (8 bytes at least). */
void kb_month_format(int month_index, char *out, size_t cap);

/* Where a text field sits in a JSON Resume document. */
enum kb_section {
    KB_SECTION_BASICS,
    KB_SECTION_WORK,
    KB_SECTION_VOLUNTEER,
    KB_SECTION_PROJECTS,
    KB_SECTION_EDUCATION,
    KB_SECTION_SKILLS,
    KB_SECTION_OTHER, /* certificates, awards, publications */
};

struct kb_field {
    char pointer[96];      /* JSON Pointer of the string ("/work/0/highlights/1") */
    const char *text;      /* the string (owned by the document) */
    const json_t *owner;   /* the object holding it (for its `meta`) */
    const char *key;       /* its key in owner */
    int index;             /* index in owner[key] when that is an array, else -1 */
    enum kb_section section;
    int item;              /* index of the section item (work[i]), -1 for basics */
    unsigned match_flags;  /* PF_KB_MATCH_SKILL_LIST for keyword lists */
    bool is_title;         /* a position or label */
};
typedef void (*kb_field_fn)(void *ctx, const struct kb_field *field);
/* Calls fn for every text field the KB reads, in document order. */
void kb_walk_fields(const json_t *resume, kb_field_fn fn, void *ctx);

/* Locates fields and mentions in raw_text, preferring positions after the last one found. */
struct kb_locator {
    struct pf_str raw;
    const json_t *resume;
    size_t cursor;
};
/* A new evidence object for the mention [start, end) of field->text, or for the whole field
 * when start == end == 0; rule (may be NULL) names the inference that used it. */
json_t *kb_evidence_new(const struct pf_kb_extract_opts *opts, struct kb_locator *locator,
                        const struct kb_field *field, size_t start, size_t end, const char *rule);

#endif
