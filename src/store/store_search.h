/* Full-text search over a workspace's personas, CVs and knowledge-base entries, and the query
 * tree the store accepts: a parsed, bounded query (src/search/ builds it from what a user typed),
 * which the store compiles to each engine's syntax. User syntax never reaches an engine as is. */
#ifndef PF_STORE_STORE_SEARCH_H
#define PF_STORE_STORE_SEARCH_H

#include "store/store.h"

/* One word or phrase. text is arena- or caller-owned UTF-8 with no control characters, no '"'
 * and no '\\'; a word contains at least one letter or digit and no space; a phrase is two or more
 * such words separated by single spaces. */
struct pf_search_atom {
    const char *text;
    bool is_phrase;
    bool is_prefix; /* the (last) word matches as a prefix: "kube*" */
};

/* One AND operand: alternatives joined by OR, or (is_negated) one excluded atom. */
struct pf_search_clause {
    const struct pf_search_atom *atoms;
    size_t count;    /* >= 1; exactly 1 when is_negated */
    bool is_negated; /* rows matching the atom are excluded */
};

/* A query: every clause must hold. Valid for the engines when at least one clause is positive
 * (pf_search_query_is_searchable); the store answers PF_E_INVALID otherwise. */
struct pf_search_query {
    const struct pf_search_clause *clauses;
    size_t count;
    size_t term_count; /* words as typed (phrase words, exclusions and stop words included) */
};

bool pf_search_query_is_searchable(const struct pf_search_query *query);

enum pf_search_type { PF_SEARCH_PERSONA, PF_SEARCH_CV, PF_SEARCH_KB, PF_SEARCH_TYPE_COUNT };

#define PF_SEARCH_TYPE_BIT(type) (1u << (type))
#define PF_SEARCH_ALL_TYPES ((1u << PF_SEARCH_TYPE_COUNT) - 1u)

/* "persona", "cv", "kb_entry". */
const char *pf_search_type_name(enum pf_search_type type);
/* False for an unknown name. */
bool pf_search_type_parse(const char *name, enum pf_search_type *out_type);

/* Narrowing filters. Each list is ANDed with the query; an empty list does not filter. */
struct pf_search_filter {
    unsigned types;                      /* PF_SEARCH_TYPE_BIT mask; 0 means all */
    const char *const *kb_categories;    /* KB entry type is one of these */
    size_t kb_category_count;
    const char *const *kb_sources;       /* KB entry source is one of these */
    size_t kb_source_count;
    const char *const *tags;             /* the persona carries every one of these tags */
    size_t tag_count;
};

struct pf_search_request {
    pf_id workspace_id;                  /* only this workspace's rows are ever read */
    const struct pf_search_query *query;
    struct pf_search_filter filter;
    int offset;                          /* 0..PF_SEARCH_MAX_OFFSET */
    int limit;                           /* 1..PF_SEARCH_MAX_LIMIT */
    bool fuzzy;                          /* typo fallback: trigram similarity on short fields */
    int timeout_ms;                      /* the whole search; PF_E_TIMEOUT past it (0: none) */
};

#define PF_SEARCH_MAX_LIMIT 50
#define PF_SEARCH_MAX_OFFSET 1000

/* A highlighted range of a snippet or title, in Unicode code points from its start. */
struct pf_search_span {
    int start;
    int end; /* exclusive */
};

/* One hit. Strings are plain text (no markup) tied to the arena. */
struct pf_search_hit {
    enum pf_search_type type;
    pf_id id;
    double rank;                         /* 0..1, higher is better; comparable within a search */
    char *title;
    struct pf_search_span *title_highlights;
    size_t title_highlight_count;
    char *snippet;                       /* a passage around the matches; may be "" */
    struct pf_search_span *highlights;
    size_t highlight_count;
    char *filename;                      /* cv: the file's name; else NULL */
    char *category;                      /* kb_entry: skill, tool, …; else NULL */
    char *source;                        /* kb_entry: cv, user_answer, ai_extraction; else NULL */
    json_t *tags;                        /* persona: its tags (arena-owned); else NULL */
};

struct pf_search_result {
    struct pf_search_hit *hits;          /* arena-owned, best first */
    size_t count;
    bool has_more;                       /* another page follows at offset + limit */
    int64_t totals[PF_SEARCH_TYPE_COUNT]; /* matching rows per searched type, counted up to
                                           * PF_SEARCH_TOTAL_CAP (fuzzy: candidates that passed,
                                           * at most PF_SEARCH_FUZZY_CANDIDATES) */
    bool totals_capped;                  /* some total is PF_SEARCH_TOTAL_CAP: "or more" */
};

#define PF_SEARCH_TOTAL_CAP 200
#define PF_SEARCH_FUZZY_CANDIDATES 200
/* Each engine ranks at most this many matches of one type, the newest, and lists older ones
 * after them newest first: ranking thousands of matches (PostgreSQL: a heap visit and
 * ts_rank_cd over a large tsvector each) does not fit a 20 ms budget. */
#define PF_SEARCH_RANK_POOL 100

/* Runs request over the workspace: ranked hits with highlighted snippets, and totals. Every row
 * read is checked against request->workspace_id. PF_E_INVALID for a query that is not
 * searchable; PF_E_TIMEOUT past request->timeout_ms. Results live in arena. */
PF_MUST_CHECK pf_status pf_store_search(struct pf_store *store, struct pf_arena *arena,
                                        const struct pf_search_request *request,
                                        struct pf_search_result *out_result,
                                        struct pf_error *err);

/* SQLite: one step of merging the full-text indexes' segments, at most `pages` leaf pages of
 * work per FTS5 table, each table in its own short write transaction. Writes leave an FTS5
 * index as a stack of segments (a bulk load, dozens) and a search reads every one. A step
 * merges the segments of any level holding two; with full, every segment into one (for after a
 * bulk load: each later write adds a segment again, so keeping an index fully merged would
 * rewrite all of it each time). *out_more: some table had work left (call again). PostgreSQL
 * has nothing to merge (autovacuum keeps GIN's pending list short): *out_more is false. */
PF_MUST_CHECK pf_status pf_store_search_merge_step(struct pf_store *store, int pages, bool full,
                                                   bool *out_more, struct pf_error *err);

#endif
