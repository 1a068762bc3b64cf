/* Search as a service: the one parser of the query syntax users type, and the search itself
 * (full text first, the typo fallback when that finds nothing) over the caller's workspace.
 *
 * Syntax, the same on every backend:
 *   kubernetes go          both words (AND is implied; a literal AND is accepted and ignored)
 *   "platform engineer"    the words next to each other, in order
 *   golang OR go           either (OR binds tighter than the implied AND: "a b OR c" is a AND
 *                          (b OR c)); '|' is OR too
 *   -php  NOT php  -"x y"  exclude rows with the word or phrase
 *   kube*                  a prefix (three characters or more; shorter is an exact word)
 * Words are matched stemmed (English): "managed" finds "managing". Punctuation inside a word
 * stays and each engine splits it as it splits the documents ("node.js", "o'brien"); other
 * punctuation, control characters and unmatched operators are blanks. English stop words ("the",
 * "of") are dropped outside phrases, as PostgreSQL does, so both backends agree. */
#ifndef PF_SEARCH_SEARCH_H
#define PF_SEARCH_SEARCH_H

#include "app/app.h"
#include "base/arena.h"
#include "base/str.h"
#include "store/store_search.h"

struct pf_search_parse_options {
    size_t max_bytes;  /* longest query (limit_search_bytes) */
    size_t max_terms;  /* most words, phrase words and exclusions included (limit_search_terms) */
    bool prefix_last;  /* type-ahead: the word being typed (the last, unless followed by a blank
                        * or a closed quote) is a prefix */
};

/* Parses text into a query tree in arena. PF_E_VALIDATION with err->field naming the problem:
 *   "limit_search_bytes", "limit_search_terms" (past a limit), "utf8" (not UTF-8),
 *   "empty" (no word at all), "only_exclusions" (nothing left to find).
 * A query of nothing but stop words parses (PF_OK) to a query that is not searchable
 * (pf_search_query_is_searchable), which finds nothing. Never touches a database. */
PF_MUST_CHECK pf_status pf_search_parse(struct pf_arena *arena, struct pf_str text,
                                        const struct pf_search_parse_options *options,
                                        struct pf_search_query **out_query,
                                        struct pf_error *err);

/* True for an English stop word (ASCII, any case). */
bool pf_search_is_stop_word(struct pf_str word);
/* The stop word list (static, sorted), for the tests that hold it against PostgreSQL's. */
const char *const *pf_search_stop_words(size_t *out_count);

enum pf_search_mode { PF_SEARCH_MODE_FULLTEXT, PF_SEARCH_MODE_FUZZY };

/* What a caller asks for. */
struct pf_search_params {
    struct pf_str q;
    bool prefix;                     /* type-ahead mode */
    struct pf_search_filter filter;
    int offset;                      /* 0..PF_SEARCH_MAX_OFFSET */
    int limit;                       /* 1..PF_SEARCH_MAX_LIMIT */
    bool fuzzy;                      /* a later page of a fallback: search fuzzily at once */
};

struct pf_search_outcome {
    struct pf_search_result result;
    enum pf_search_mode mode;        /* FUZZY: the full-text query found nothing, these hits are
                                      * the typo fallback's */
};

/* Parses params->q (limits from app->config) and searches workspace_id. Full text first; when
 * that finds nothing on the first page, the typo fallback (params->fuzzy: the fallback only). A query of only stop words finds
 * nothing. Errors: those of pf_search_parse, PF_E_TIMEOUT past limit_search_ms, store errors.
 * Results live in arena. */
PF_MUST_CHECK pf_status pf_search_run(struct pf_app *app, struct pf_arena *arena,
                                      pf_id workspace_id, const struct pf_search_params *params,
                                      struct pf_search_outcome *out_outcome,
                                      struct pf_error *err);

#endif
