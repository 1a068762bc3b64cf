/* Search internals shared by store_search*.c, the SQLite driver and their unit tests: the
 * query compilers, the workspace token, trigram similarity and the snippet marker reader. */
#ifndef PF_STORE_STORE_SEARCH_INT_H
#define PF_STORE_STORE_SEARCH_INT_H

#include "base/buf.h"
#include "store/store_db.h"
#include "store/store_search.h"

/* Markers the engines put around highlighted words (ts_headline StartSel/StopSel, FTS5
 * snippet/highlight). Control characters: snippet text is stripped of its own before reading. */
#define PF_SEARCH_MARK_START "\x02"
#define PF_SEARCH_MARK_END "\x03"

/* Similarity (0..1) a fuzzy word needs, on both backends (pg_trgm.word_similarity_threshold). */
#define PF_SEARCH_FUZZY_THRESHOLD 0.5

/* Appends query as PostgreSQL to_tsquery text: every atom a quoted operand that PostgreSQL's own
 * parser splits and stems exactly as it does the documents ('node.js', 'head of engineering'
 * becomes a phrase), ':*' for prefixes, '|' within a clause, '&' between, '!' for exclusions.
 * The query must be searchable. */
void pf_search_to_tsquery(const struct pf_search_query *query, struct pf_buf *out);

/* For a query with a phrase: appends a looser to_tsquery text every match of the query also
 * matches, which the GIN index answers without reading any row: each phrase becomes the AND of
 * its words, exclusions are left out. PostgreSQL checks a phrase against the row's stored
 * tsvector, so ordering a workspace's candidates by this first and checking the phrase only on
 * the newest ones reads a few rows instead of all. False (nothing appended) without a phrase. */
bool pf_search_to_tsquery_loose(const struct pf_search_query *query, struct pf_buf *out);

/* Appends query as an FTS5 MATCH expression over the columns title, summary and body:
 * atoms are double-quoted strings (tokenised by the table's own tokenizer), "…" * for prefixes,
 * OR within a clause, AND between, exclusions as NOT after the positive part. With ws_token
 * (pf_search_ws_token) the expression is ANDed with the workspace token in column ws. */
void pf_search_to_fts5(const struct pf_search_query *query, const char *ws_token,
                       struct pf_buf *out);

/* With only_negated, the same for the OR of the query's excluded atoms (for the fuzzy
 * fallback, which applies exclusions through the full-text index); false when there are none. */
bool pf_search_to_fts5_exclusions(const struct pf_search_query *query, struct pf_buf *out);
/* The to_tsquery text of the OR of the excluded atoms; false when there are none. */
bool pf_search_to_tsquery_exclusions(const struct pf_search_query *query, struct pf_buf *out);

#define PF_SEARCH_WS_TOKEN_SIZE 33 /* eight 4-byte UTF-8 characters and a NUL */

/* The FTS5 workspace token of id: its 128 bits as eight characters of Unicode's private use
 * planes 15 and 16, one per 16 bits. One to one with the id, so a count through the token is
 * exact; no text the users write tokenises to it inside the ws column (the only column it is
 * ever matched in). */
void pf_search_ws_token(pf_id id, char out[PF_SEARCH_WS_TOKEN_SIZE]);

/* The FTS5 rowid of a row with id (a UUIDv7; pf_fts_key() in SQL): smaller is newer, so that
 * FTS5 reads a workspace's matches newest first in ascending rowid order. Ascending, because
 * Debian 12's SQLite (3.40.1) drops rows from an AND query read in descending rowid order once
 * the index is large (with a prefix index; a team's common word lost a third of its matches
 * at the full-scale seed). The key is INT64_MAX minus the id's 42 low bits of milliseconds,
 * its 12-bit sequence and 9 random bits: distinct for every id one process makes until 2109
 * (pf_id_new is strictly increasing), and for ids of two processes unless they share the
 * millisecond, the sequence number and the 9 bits. */
int64_t pf_search_fts_key(pf_id id);

/* The words of the query's positive clauses for the fuzzy fallback, as the spec the trigram
 * scorer reads: clauses separated by '\n', a clause's alternatives by '\t' (a phrase's words
 * each become a clause). Words shorter than three characters are left out; false when no word
 * remains. */
bool pf_search_fuzzy_spec(const struct pf_search_query *query, struct pf_buf *out);

/* Appends the FTS5 trigram MATCH expression for the candidates of spec, scoped to ws_token
 * through column ws: rows holding a piece of a word (two or three pieces of a long word, every
 * trigram of a short one), ORed. */
void pf_search_fuzzy_match(const char *spec, const char *ws_token, struct pf_buf *out);

/* True for a code point that is part of a word in text the search reads itself (trigram
 * scoring, fuzzy and PostgreSQL highlights): ASCII letters and digits, and everything beyond
 * Latin-1's symbols except the Unicode punctuation, symbol and space blocks a CV uses. */
bool pf_search_is_word_cp(int32_t cp);

/* pg_trgm's word_similarity(word, text) in spirit: the best Jaccard similarity between the
 * trigrams of word and those of a contiguous part of one word of text (ASCII case folded). */
double pf_trgm_word_similarity(struct pf_str word, struct pf_str text);

/* The score of text for a fuzzy spec: the least, over clauses, of the best similarity of its
 * alternatives; 0 when some clause is below PF_SEARCH_FUZZY_THRESHOLD. */
double pf_trgm_spec_score(struct pf_str spec, struct pf_str text);

/* Reads an engine's highlighted text: copies it without markers into the arena (control
 * characters become spaces; the result is valid UTF-8) and lists the marked ranges in code
 * points. */
void pf_search_read_marked(struct pf_arena *arena, const char *marked, char **out_text,
                           struct pf_search_span **out_spans, size_t *out_count);

/* The lexemes of a PostgreSQL querytree() text, for highlighting (store_search_highlight.c).
 * Holds a stemmer: free with pf_search_terms_free, on the thread that made it. */
struct pf_search_terms;
struct pf_search_terms *pf_search_terms_new(struct pf_arena *arena, const char *querytree);
void pf_search_terms_free(struct pf_search_terms *terms);

/* Appends text with the words whose English stem is one of terms' lexemes (or begins with a
 * prefix lexeme) between PF_SEARCH_MARK_START and PF_SEARCH_MARK_END, for
 * pf_search_read_marked. All of the text when max_words is 0 or the text is no longer;
 * otherwise up to max_fragments windows of max_words words around the most matches, in text
 * order and joined by " … " (the first words when nothing matches). */
void pf_search_highlight(struct pf_arena *arena, struct pf_search_terms *terms, const char *text,
                         int max_words, int max_fragments, struct pf_buf *out);

/* How one searchable type is stored and shown; SQL expressions use the alias t for the base
 * table. */
struct search_table {
    const char *table;                /* base table */
    const char *fts;                  /* SQLite FTS5 table */
    const char *fuzzy;                /* SQLite FTS5 trigram table */
    const char *pg_title;             /* the display title */
    const char *sqlite_title;
    const char *pg_snippet;           /* the text snippets are cut from (PostgreSQL) */
    const char *pg_fuzzy_text;        /* the trigram index expression (pg/003_search.sql) */
    const char *pg_fuzzy_snippet;     /* the snippet of a fuzzy hit */
    const char *sqlite_fuzzy_snippet;
    const char *extra;                /* two type-specific columns (pf_search_set_extra) */
};

const struct search_table *pf_search_table(enum pf_search_type type);

/* Bound parameters of a statement built at run time, in the arena. */
struct search_params {
    struct pf_arena *arena;
    struct pf_db_param *items;
    size_t count;
    size_t cap;
};

/* Appends value and returns its placeholder number ($N). */
int pf_search_param(struct search_params *params, struct pf_db_param value);

/* Appends the filters of type as " AND …" conditions on the base table t. */
void pf_search_add_filters(struct search_params *params, const struct pf_search_filter *filter,
                           enum pf_search_type type, enum pf_db_dialect dialect,
                           struct pf_buf *sql);
/* True when filter narrows type (the base table is needed). */
bool pf_search_has_filters(const struct pf_search_filter *filter, enum pf_search_type type);

/* A ranked row before the page is cut. */
struct search_candidate {
    enum pf_search_type type;
    pf_id id;
    double rank;
    int64_t tie; /* orders equal ranks as the SQL did, smaller first: the FTS5 rowid on SQLite
                  * (pf_search_fts_key), else 0 */
};

struct search_candidates {
    struct pf_arena *arena;
    struct search_candidate *items;
    size_t count;
    size_t cap;
};

void pf_search_add_candidate(struct search_candidates *list, enum pf_search_type type, pf_id id,
                             double rank, int64_t tie);

/* Sets hit->title (normalised) and, when marked is that title with markers, its highlights. */
void pf_search_set_title(struct pf_arena *arena, struct pf_search_hit *hit, const char *title,
                         const char *marked);
/* Reads the two type-specific columns at col into hit. */
void pf_search_set_extra(struct pf_arena *arena, struct pf_search_hit *hit,
                         const struct pf_db_result *res, size_t row, size_t col);

/* The typo fallback (store_search_fuzzy.c): the best n candidates of every requested type by
 * trigram similarity of the short fields, totals per type; then the page's details, with the
 * words that resemble the query's highlighted. */
PF_MUST_CHECK pf_status pf_search_fuzzy_rank(struct pf_db *db, struct pf_arena *arena,
                                             const struct pf_search_request *request, int n,
                                             struct search_candidates *out,
                                             int64_t out_totals[PF_SEARCH_TYPE_COUNT],
                                             struct pf_error *err);
PF_MUST_CHECK pf_status pf_search_fuzzy_detail(struct pf_db *db, struct pf_arena *arena,
                                               const struct pf_search_request *request,
                                               enum pf_search_type type,
                                               struct pf_search_hit *hits, size_t count,
                                               struct pf_error *err);

/* The ranges of text's words that resemble a word of spec (fuzzy highlights). */
void pf_trgm_spans(struct pf_arena *arena, const char *text, const char *spec,
                   struct pf_search_span **out_spans, size_t *out_count);

#endif
