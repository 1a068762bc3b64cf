/* Full-text search in the store: ranking per type inside one workspace, the merge of the types
 * into one page, then highlighted titles and snippets for that page only. PostgreSQL ranks with
 * ts_rank_cd over the weighted tsvector columns, every type in one statement, and the page's
 * details come in one more (prepared) statement, highlighted in C (store_search_highlight.c);
 * SQLite ranks with pf_rank (store_sqlite.c: weighted hits over the row's length, like
 * ts_rank_cd) and highlights with highlight() and snippet(). User text only ever travels as
 * bound parameters. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_search_int.h"

#define SQL_MAX ((size_t)1 << 16)

/* A PostgreSQL hit's snippet: up to two fragments of 24 words. */
#define SNIPPET_WORDS 24
#define SNIPPET_FRAGMENTS 2

/* How each type is stored and shown. Expressions use the alias t for the base table. */
static const struct search_table pf_search_tables[PF_SEARCH_TYPE_COUNT] = {
    [PF_SEARCH_PERSONA] = {
        .table = "personas",
        .fts = "personas_fts",
        .fuzzy = "personas_fuzzy",
        .pg_title = "t.title",
        .sqlite_title = "t.title",
        .pg_snippet = "coalesce(t.summary, '') || ' ' || pf_json_text(t.tags) || ' ' ||"
                      " pf_json_text(t.data)",
        .pg_fuzzy_text = "(t.title || ' ' || coalesce(t.summary, ''))",
        .pg_fuzzy_snippet = "coalesce(t.summary, '')",
        .sqlite_fuzzy_snippet = "coalesce(t.summary, '')",
        .extra = "CAST(t.tags AS text), CAST(NULL AS text)",
    },
    [PF_SEARCH_CV] = {
        .table = "cvs",
        .fts = "cvs_fts",
        .fuzzy = "cvs_fuzzy",
        .pg_title = "coalesce(nullif(t.parsed_json #>> '{basics,name}', ''), t.filename)",
        .sqlite_title =
            "coalesce(nullif(json_extract(t.parsed_json, '$.basics.name'), ''), t.filename)",
        .pg_snippet = "coalesce(t.parsed_json #>> '{basics,label}', '') || ' ' ||"
                      " coalesce(t.parsed_json #>> '{basics,summary}', '') || ' ' ||"
                      " left(coalesce(t.raw_text, ''), 30000)",
        .pg_fuzzy_text = "(coalesce(t.parsed_json #>> '{basics,name}', '') || ' ' ||"
                         " coalesce(t.parsed_json #>> '{basics,label}', '') || ' ' ||"
                         " t.filename)",
        .pg_fuzzy_snippet = "coalesce(t.parsed_json #>> '{basics,label}', '')",
        .sqlite_fuzzy_snippet = "coalesce(json_extract(t.parsed_json, '$.basics.label'), '')",
        .extra = "t.filename, CAST(NULL AS text)",
    },
    [PF_SEARCH_KB] = {
        .table = "knowledgebase_entries",
        .fts = "knowledgebase_entries_fts",
        .fuzzy = "knowledgebase_entries_fuzzy",
        .pg_title = "t.value",
        .sqlite_title = "t.value",
        .pg_snippet = "pf_evidence_text(t.evidence)",
        .pg_fuzzy_text = "t.value",
        .pg_fuzzy_snippet = "pf_evidence_text(t.evidence)",
        .sqlite_fuzzy_snippet = "(SELECT coalesce(group_concat(coalesce("
                                "json_extract(e.value, '$.snippet'), json_extract(e.value,"
                                " '$.text')), ' … '), '') FROM json_each(t.evidence) AS e)",
        .extra = "t.type, t.source",
    },
};

const struct search_table *pf_search_table(enum pf_search_type type)
{
    PF_ASSERT(type < PF_SEARCH_TYPE_COUNT);
    return &pf_search_tables[type];
}

int pf_search_param(struct search_params *params, struct pf_db_param value)
{
    if (params->count == params->cap) {
        size_t cap = params->cap ? params->cap * 2 : 16;
        struct pf_db_param *grown = pf_arena_alloc(params->arena, cap * sizeof(*grown));
        if (params->count)
            memcpy(grown, params->items, params->count * sizeof(*grown));
        params->items = grown;
        params->cap = cap;
    }
    params->items[params->count++] = value;
    return (int)params->count;
}

void pf_search_add_filters(struct search_params *params, const struct pf_search_filter *filter,
                           enum pf_search_type type, enum pf_db_dialect dialect,
                           struct pf_buf *sql)
{
    if (type == PF_SEARCH_PERSONA && filter->tag_count > 0) {
        if (dialect == PF_DB_POSTGRES) {
            json_t *tags = json_array();
            for (size_t i = 0; i < filter->tag_count; i++)
                json_array_append_new(tags, json_string(filter->tags[i]));
            struct pf_db_param p = pf_db_json(params->arena, tags);
            json_decref(tags);
            pf_buf_printf(sql, " AND t.tags @> $%d::jsonb", pf_search_param(params, p));
        } else {
            for (size_t i = 0; i < filter->tag_count; i++)
                pf_buf_printf(sql,
                              " AND EXISTS (SELECT 1 FROM json_each(t.tags) AS tag"
                              " WHERE tag.value = $%d)",
                              pf_search_param(params, pf_db_text(filter->tags[i])));
        }
    }
    if (type != PF_SEARCH_KB)
        return;
    const struct {
        const char *column;
        const char *const *values;
        size_t count;
    } lists[] = {{"t.type", filter->kb_categories, filter->kb_category_count},
                 {"t.source", filter->kb_sources, filter->kb_source_count}};
    for (size_t l = 0; l < PF_ARRAY_LEN(lists); l++) {
        if (lists[l].count == 0)
            continue;
        pf_buf_printf(sql, " AND %s IN (", lists[l].column);
        for (size_t i = 0; i < lists[l].count; i++)
            pf_buf_printf(sql, "%s$%d", i ? ", " : "",
                          pf_search_param(params, pf_db_text(lists[l].values[i])));
        pf_buf_putc(sql, ')');
    }
}

bool pf_search_has_filters(const struct pf_search_filter *filter, enum pf_search_type type)
{
    if (type == PF_SEARCH_PERSONA)
        return filter->tag_count > 0;
    if (type == PF_SEARCH_KB)
        return filter->kb_category_count > 0 || filter->kb_source_count > 0;
    return false;
}

void pf_search_add_candidate(struct search_candidates *list, enum pf_search_type type, pf_id id,
                             double rank, int64_t tie)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        struct search_candidate *grown = pf_arena_alloc(list->arena, cap * sizeof(*grown));
        if (list->count)
            memcpy(grown, list->items, list->count * sizeof(*grown));
        list->items = grown;
        list->cap = cap;
    }
    list->items[list->count++] = (struct search_candidate){type, id, rank, tie};
}

/* PostgreSQL: every requested type ranked in one statement. Ranking costs a heap visit, a
 * decompressed tsvector and ts_rank_cd per row, so it is bounded: each type's pool is its newest
 * matches, enough to count up to the cap and to serve the page (the planner walks the
 * (workspace_id, id DESC) index for a word common in the workspace, stopping at the pool's size,
 * and intersects the GIN index for a rare one); the newest PF_SEARCH_RANK_POOL of them are
 * ranked and older ones follow unranked, newest first. That order is the same whatever the
 * page, so pages never overlap; below the pool the ranking is exact. */
static pf_status pg_rank(struct pf_db *db, struct pf_arena *arena,
                         const struct pf_search_request *request, unsigned types,
                         const char *match, int n, struct search_candidates *out,
                         int64_t totals[PF_SEARCH_TYPE_COUNT], struct pf_error *err)
{
    struct search_params params = {.arena = arena};
    struct pf_buf sql = PF_BUF_INIT(SQL_MAX);
    struct pf_db_result *res = NULL;
    int ws = pf_search_param(&params, pf_db_id(arena, request->workspace_id));
    int q = pf_search_param(&params, pf_db_text(match));
    int limit = pf_search_param(&params, pf_db_int(n));
    int pool = n > PF_SEARCH_TOTAL_CAP ? n : PF_SEARCH_TOTAL_CAP + 1;
    struct pf_buf loose_text = PF_BUF_INIT(SQL_MAX);
    int loose = pf_search_to_tsquery_loose(request->query, &loose_text)
                    ? pf_search_param(&params, pf_db_text(pf_arena_strdup(
                                                   arena, pf_buf_cstr(&loose_text))))
                    : 0;
    pf_buf_fini(&loose_text);
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        if (!(types & PF_SEARCH_TYPE_BIT(t)))
            continue;
        const char *table = pf_search_table((enum pf_search_type)t)->table;
        pf_buf_printf(&sql,
                      "%s(SELECT %d, s.id, CASE WHEN s.ord <= %d THEN"
                      " ts_rank_cd(s.search, to_tsquery('english', $%d), 1|32) ELSE 0 END"
                      " AS rank, count(*) OVER () FROM (SELECT t.id, t.search, row_number()"
                      " OVER (ORDER BY t.id DESC) AS ord FROM ",
                      sql.len ? " UNION ALL " : "", t, PF_SEARCH_RANK_POOL, q);
        if (loose) /* a phrase: candidates newest first from the index, then rows checked */
            pf_buf_printf(&sql,
                          "(SELECT c.id FROM %s AS c WHERE c.workspace_id = $%d"
                          " AND c.search @@ to_tsquery('english', $%d) ORDER BY c.id DESC"
                          " OFFSET 0) AS c JOIN %s AS t ON t.id = c.id WHERE",
                          table, ws, loose, table);
        else
            pf_buf_printf(&sql, "%s AS t WHERE t.workspace_id = $%d AND", table, ws);
        pf_buf_printf(&sql, " t.search @@ to_tsquery('english', $%d)", q);
        pf_search_add_filters(&params, &request->filter, (enum pf_search_type)t,
                              PF_DB_POSTGRES, &sql);
        pf_buf_printf(&sql, " ORDER BY t.id DESC LIMIT %d) AS s ORDER BY rank DESC, s.id DESC"
                            " LIMIT $%d)", pool, limit);
    }
    pf_status st = pf_buf_status(&sql);
    if (st == PF_OK)
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params.items, params.count, &res, err);
    for (size_t r = 0; st == PF_OK && r < pf_db_rows(res); r++) {
        enum pf_search_type type = (enum pf_search_type)pf_db_get_int(res, r, 0);
        pf_search_add_candidate(out, type, pf_db_get_id(res, r, 1), pf_db_get_float(res, r, 2),
                                0);
        totals[type] = pf_db_get_int(res, r, 3);
    }
    pf_db_result_free(res);
    pf_buf_fini(&sql);
    return st;
}

/* SQLite: one type's pool, ranked as on PostgreSQL (pg_rank): its newest matches, enough to
 * count up to the cap and to serve the page, read from the FTS5 index newest first (in
 * ascending rowid order: the rowid is pf_search_fts_key, smaller for newer rows; never
 * descending, which loses rows on Debian 12's SQLite); the newest PF_SEARCH_RANK_POOL of them
 * are ranked, older ones following unranked. Ranking every match instead made a common word
 * cost tens of milliseconds in a large workspace. The rank is pf_rank (store_sqlite.c), which
 * reads the ranked row only, with column weights title 10, summary 4, body 1 (every FTS5 table
 * has columns id, workspace_id, title, summary, body, ws). The workspace token in the MATCH
 * keeps other workspaces out, and being one to one with the id it needs no check of the stored
 * workspace_id here (ids come with the page's details, checked there). Equal ranks are ordered
 * by rowid (newest first), as the merge in C orders them, so pages never overlap; the rank goes
 * out with 17 digits for the same reason. */
static pf_status sqlite_rank_type(struct pf_db *db, struct pf_arena *arena,
                                  const struct pf_search_request *request,
                                  enum pf_search_type type, const char *match, int n,
                                  struct search_candidates *out, int64_t *out_total,
                                  struct pf_error *err)
{
    const struct search_table *info = pf_search_table(type);
    struct search_params params = {.arena = arena};
    struct pf_buf sql = PF_BUF_INIT(SQL_MAX);
    struct pf_db_result *res = NULL;
    int ws = pf_search_param(&params, pf_db_id(arena, request->workspace_id));
    int q = pf_search_param(&params, pf_db_text(match));
    int pool = n > PF_SEARCH_TOTAL_CAP ? n : PF_SEARCH_TOTAL_CAP + 1;
    pf_buf_printf(&sql,
                  "SELECT printf('%%.17g', pf_rank(%s, 0, 0, 10, 4, 1, 0)), %s.rowid FROM %s",
                  info->fts, info->fts, info->fts);
    if (pf_search_has_filters(&request->filter, type))
        pf_buf_printf(&sql, " CROSS JOIN %s AS t ON t.id = %s.id AND t.workspace_id = $%d",
                      info->table, info->fts, ws);
    pf_buf_printf(&sql, " WHERE %s MATCH $%d", info->fts, q);
    pf_search_add_filters(&params, &request->filter, type, PF_DB_SQLITE, &sql);
    pf_buf_printf(&sql, " ORDER BY %s.rowid LIMIT $%d", info->fts,
                  pf_search_param(&params, pf_db_int(pool)));
    pf_status st = pf_buf_status(&sql);
    if (st == PF_OK)
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params.items, params.count, &res, err);
    size_t rows = st == PF_OK ? pf_db_rows(res) : 0;
    for (size_t r = 0; r < rows; r++) {
        double rank = r < PF_SEARCH_RANK_POOL ? pf_db_get_float(res, r, 0) : 0;
        rank = rank > 0 ? rank / (1.0 + rank) : 0; /* to [0, 1) as on PostgreSQL (flag 32) */
        pf_search_add_candidate(out, type, (pf_id){{0}}, rank, pf_db_get_int(res, r, 1));
    }
    *out_total = (int64_t)rows;
    pf_db_result_free(res);
    pf_buf_fini(&sql);
    return st;
}

/* The plain display title, and its highlights when the engine's highlighted text is (begins
 * with) that title. */
void pf_search_set_title(struct pf_arena *arena, struct pf_search_hit *hit, const char *title,
                         const char *marked)
{
    struct pf_search_span *none = NULL;
    size_t none_count = 0;
    pf_search_read_marked(arena, title, &hit->title, &none, &none_count);
    char *text = NULL;
    pf_search_read_marked(arena, marked, &text, &hit->title_highlights,
                          &hit->title_highlight_count);
    size_t len = strlen(hit->title);
    if (strncmp(text, hit->title, len) != 0 || (text[len] != '\0' && text[len] != ' ')) {
        hit->title_highlight_count = 0;
        return;
    }
    int limit = 0;
    for (size_t i = 0; i < len; i++)
        limit += ((unsigned char)hit->title[i] & 0xC0) != 0x80;
    size_t kept = 0;
    for (size_t i = 0; i < hit->title_highlight_count; i++) {
        struct pf_search_span span = hit->title_highlights[i];
        if (span.start >= limit)
            continue;
        if (span.end > limit)
            span.end = limit;
        hit->title_highlights[kept++] = span;
    }
    hit->title_highlight_count = kept;
}

/* The type-specific columns of a detail row, from column col on. */
void pf_search_set_extra(struct pf_arena *arena, struct pf_search_hit *hit,
                         const struct pf_db_result *res, size_t row, size_t col)
{
    switch (hit->type) {
    case PF_SEARCH_PERSONA:
        hit->tags = pf_db_get_json(res, row, col, arena);
        break;
    case PF_SEARCH_CV:
        hit->filename = pf_db_dup_text(res, row, col, arena);
        break;
    case PF_SEARCH_KB:
        hit->category = pf_db_dup_text(res, row, col, arena);
        hit->source = pf_db_dup_text(res, row, col + 1, arena);
        break;
    case PF_SEARCH_TYPE_COUNT:
        PF_UNREACHABLE();
    }
}

static bool has_marks(const char *text)
{
    return text && strchr(text, PF_SEARCH_MARK_START[0]) != NULL;
}

/* PostgreSQL: the detail statement, every type at once ($3.. the ids of each type, an empty
 * array for a type not on the page), so its text never changes and its plan is prepared once
 * per connection. The ids drive primary-key lookups whatever the plan (OFFSET 0 fences the
 * lookup: a generic plan would otherwise scan the workspace for them). Each row carries the
 * query's lexemes (querytree, computed once) for the highlighter. */
static char pg_detail_sql[4096];
static pthread_once_t pg_detail_once = PTHREAD_ONCE_INIT;

static void pg_detail_build(void)
{
    struct pf_buf sql = PF_BUF_INIT(sizeof(pg_detail_sql) - 1);
    pf_buf_puts(&sql, "WITH q AS (SELECT querytree(to_tsquery('english', $1)) AS tree)");
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        const struct search_table *info = pf_search_table((enum pf_search_type)t);
        pf_buf_printf(&sql,
                      "%s SELECT %d, t.id, %s, %s, %s, q.tree FROM q, unnest($%d::uuid[]) AS k(id),"
                      " LATERAL (SELECT * FROM %s AS t WHERE t.id = k.id OFFSET 0) AS t"
                      " WHERE t.workspace_id = $2",
                      t ? " UNION ALL" : "", t, info->pg_title, info->pg_snippet, info->extra,
                      3 + t, info->table);
    }
    PF_ASSERT(pf_buf_status(&sql) == PF_OK);
    memcpy(pg_detail_sql, pf_buf_cstr(&sql), sql.len + 1);
    pf_buf_fini(&sql);
}

/* PostgreSQL: titles, snippets and extra fields of the page's hits, from the workspace's own
 * rows only, highlighted in C (store_search_highlight.c). A hit whose row vanished meanwhile
 * keeps an empty title; pf_store_search drops it. */
static pf_status pg_detail(struct pf_db *db, struct pf_arena *arena,
                           const struct pf_search_request *request, const char *match,
                           struct pf_search_hit *hits, size_t count, struct pf_error *err)
{
    pthread_once(&pg_detail_once, pg_detail_build);
    struct pf_db_param params[2 + PF_SEARCH_TYPE_COUNT] = {
        pf_db_text(match),
        pf_db_id(arena, request->workspace_id),
    };
    struct pf_buf ids = PF_BUF_INIT(SQL_MAX);
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        pf_buf_reset(&ids);
        pf_buf_putc(&ids, '{');
        for (size_t i = 0; i < count; i++) {
            if (hits[i].type != (enum pf_search_type)t)
                continue;
            char text[PF_ID_STR_LEN];
            pf_id_format(hits[i].id, text);
            pf_buf_printf(&ids, "%s%s", ids.len > 1 ? "," : "", text);
        }
        pf_buf_putc(&ids, '}');
        params[2 + t] = pf_db_text(pf_arena_strdup(arena, pf_buf_cstr(&ids)));
    }
    pf_status st = pf_buf_status(&ids);
    pf_buf_fini(&ids);
    struct pf_db_result *res = NULL;
    if (st == PF_OK)
        st = pf_db_exec(db, pg_detail_sql, params, PF_ARRAY_LEN(params), &res, err);
    struct pf_search_terms *terms = NULL;
    struct pf_buf marked = PF_BUF_INIT(SQL_MAX);
    for (size_t r = 0; st == PF_OK && r < pf_db_rows(res); r++) {
        if (!terms)
            terms = pf_search_terms_new(arena, pf_db_get_text(res, r, 6));
        enum pf_search_type type = (enum pf_search_type)pf_db_get_int(res, r, 0);
        pf_id id = pf_db_get_id(res, r, 1);
        for (size_t i = 0; i < count; i++) {
            struct pf_search_hit *hit = &hits[i];
            if (hit->type != type || !pf_id_eq(hit->id, id))
                continue;
            const char *title = pf_db_get_text(res, r, 2);
            pf_buf_reset(&marked);
            pf_search_highlight(arena, terms, title, 0, 0, &marked);
            pf_search_set_title(arena, hit, title, pf_buf_cstr(&marked));
            pf_buf_reset(&marked);
            pf_search_highlight(arena, terms, pf_db_get_text(res, r, 3), SNIPPET_WORDS,
                                SNIPPET_FRAGMENTS, &marked);
            pf_search_read_marked(arena, pf_buf_cstr(&marked), &hit->snippet, &hit->highlights,
                                  &hit->highlight_count);
            pf_search_set_extra(arena, hit, res, r, 4);
        }
    }
    pf_search_terms_free(terms);
    pf_buf_fini(&marked);
    pf_db_result_free(res);
    return st;
}

/* SQLite: titles, snippets and extra fields of the page's hits of one type. snippet() and
 * highlight() need the MATCH, so one statement per hit; the rowid constraint lets FTS5 evaluate
 * the query for that row only. CROSS JOIN keeps the FTS table the outer loop: left to itself
 * the planner may walk the workspace's rows and run the MATCH once for each of them. A hit
 * whose row vanished meanwhile keeps an empty title; pf_store_search drops it. */
static pf_status sqlite_detail_type(struct pf_db *db, struct pf_arena *arena,
                                    const struct pf_search_request *request,
                                    enum pf_search_type type, const char *match,
                                    struct pf_search_hit *hits,
                                    const struct search_candidate *cands, size_t count,
                                    struct pf_error *err)
{
    const struct search_table *info = pf_search_table(type);
    struct pf_buf sql = PF_BUF_INIT(SQL_MAX);
    struct pf_db_result *res = NULL;
    pf_buf_printf(&sql,
                  "SELECT %s, highlight(%s, 2, $3, $4), snippet(%s, 3, $3, $4, '…', 12),"
                  " snippet(%s, 4, $3, $4, '…', 24), %s, t.id FROM %s"
                  " CROSS JOIN %s AS t ON t.id = %s.id WHERE %s MATCH $1"
                  " AND %s.rowid = $2 AND t.workspace_id = $5",
                  info->sqlite_title, info->fts, info->fts, info->fts, info->extra, info->fts,
                  info->table, info->fts, info->fts, info->fts);
    pf_status st = pf_buf_status(&sql);
    for (size_t i = 0; st == PF_OK && i < count; i++) {
        struct pf_search_hit *hit = &hits[i];
        if (hit->type != type)
            continue;
        struct pf_db_param params[] = {
            pf_db_text(match), pf_db_int(cands[i].tie), pf_db_text(PF_SEARCH_MARK_START),
            pf_db_text(PF_SEARCH_MARK_END), pf_db_id(arena, request->workspace_id),
        };
        pf_db_result_free(res);
        res = NULL;
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params, PF_ARRAY_LEN(params), &res, err);
        if (st != PF_OK || pf_db_rows(res) == 0)
            continue;
        hit->id = pf_db_get_id(res, 0, 6);
        pf_search_set_title(arena, hit, pf_db_get_text(res, 0, 0), pf_db_get_text(res, 0, 1));
        const char *summary = pf_db_get_text(res, 0, 2);
        const char *body = pf_db_get_text(res, 0, 3);
        const char *best = has_marks(summary) || !has_marks(body) ? summary : body;
        if (!has_marks(best) && (!best || !*best))
            best = body;
        pf_search_read_marked(arena, best, &hit->snippet, &hit->highlights,
                              &hit->highlight_count);
        pf_search_set_extra(arena, hit, res, 0, 4);
    }
    pf_db_result_free(res);
    pf_buf_fini(&sql);
    return st;
}

static int compare_candidates(const void *a, const void *b)
{
    const struct search_candidate *x = a;
    const struct search_candidate *y = b;
    if (x->rank != y->rank)
        return x->rank > y->rank ? -1 : 1;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    if (x->tie != y->tie) /* SQLite's FTS rowid, smaller for newer rows; 0 on PostgreSQL */
        return x->tie < y->tie ? -1 : 1;
    return -memcmp(x->id.bytes, y->id.bytes, sizeof(x->id.bytes)); /* newest first */
}

/* Statement timeout for the search's transaction. */
static pf_status set_deadline(struct pf_db *db, struct pf_arena *arena, int timeout_ms,
                              struct pf_error *err)
{
    if (pf_db_dialect(db) == PF_DB_POSTGRES) {
        struct pf_db_param params[] = {
            pf_db_text(pf_arena_printf(arena, "%d", timeout_ms > 0 ? timeout_ms : 0)),
            pf_db_text(pf_arena_printf(arena, "%.2f", PF_SEARCH_FUZZY_THRESHOLD)),
        };
        /* random_page_cost 1.1: with the default 4 the planner prefers walking the primary
         * key backwards over all workspaces to the workspace's own (workspace_id, id DESC)
         * index for the newest matches of a common word (seconds instead of milliseconds on a
         * million rows). The data searched is hot; 1.1 is the usual SSD/in-memory figure. */
        return pf_db_exec(db,
                          "SELECT set_config('statement_timeout', $1, true),"
                          " set_config('pg_trgm.word_similarity_threshold', $2, true),"
                          " set_config('random_page_cost', '1.1', true)",
                          params, 2, NULL, err);
    }
    struct pf_db_param params[] = {pf_db_int(timeout_ms > 0 ? timeout_ms : 0)};
    return pf_db_exec(db, "SELECT pf_deadline($1)", params, 1, NULL, err);
}

static pf_status search_page(struct pf_db *db, struct pf_arena *arena,
                             const struct pf_search_request *request,
                             struct pf_search_result *out, struct pf_error *err)
{
    struct pf_buf match = PF_BUF_INIT(SQL_MAX);
    struct search_candidates candidates = {.arena = arena};
    unsigned types = request->filter.types ? request->filter.types : PF_SEARCH_ALL_TYPES;
    int end = request->offset + request->limit;
    pf_status st = PF_OK;
    char ws_token[PF_SEARCH_WS_TOKEN_SIZE];
    pf_search_ws_token(request->workspace_id, ws_token);
    bool pg = pf_db_dialect(db) == PF_DB_POSTGRES;
    if (request->fuzzy) {
        st = pf_search_fuzzy_rank(db, arena, request, end + 1, &candidates, out->totals, err);
    } else if (pg) {
        pf_search_to_tsquery(request->query, &match);
        st = pf_buf_status(&match);
        if (st == PF_OK)
            st = pg_rank(db, arena, request, types, pf_buf_cstr(&match), end + 1, &candidates,
                         out->totals, err);
    } else {
        pf_search_to_fts5(request->query, ws_token, &match);
        st = pf_buf_status(&match);
        for (int t = 0; st == PF_OK && t < PF_SEARCH_TYPE_COUNT; t++) {
            if (types & PF_SEARCH_TYPE_BIT(t))
                st = sqlite_rank_type(db, arena, request, (enum pf_search_type)t,
                                      pf_buf_cstr(&match), end + 1, &candidates,
                                      &out->totals[t], err);
        }
    }
    if (st != PF_OK)
        goto done;
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        if (out->totals[t] > PF_SEARCH_TOTAL_CAP) {
            out->totals[t] = PF_SEARCH_TOTAL_CAP;
            out->totals_capped = true;
        }
    }
    if (candidates.count)
        qsort(candidates.items, candidates.count, sizeof(*candidates.items),
              compare_candidates);
    size_t first = (size_t)request->offset;
    size_t last = candidates.count < (size_t)end ? candidates.count : (size_t)end;
    size_t count = last > first ? last - first : 0;
    struct pf_search_hit *hits = pf_arena_alloc(arena, (count ? count : 1) * sizeof(*hits));
    for (size_t i = 0; i < count; i++) {
        hits[i].type = candidates.items[first + i].type;
        hits[i].id = candidates.items[first + i].id;
        hits[i].rank = candidates.items[first + i].rank;
    }
    /* The snippets come from the workspace's own rows only: the detail queries filter on
     * workspace_id again, whatever the ranking returned. */
    if (!request->fuzzy && pg) {
        st = pg_detail(db, arena, request, pf_buf_cstr(&match), hits, count, err);
    } else {
        if (!request->fuzzy) { /* the MATCH again, without the workspace token */
            pf_buf_reset(&match);
            pf_search_to_fts5(request->query, NULL, &match);
            st = pf_buf_status(&match);
        }
        for (int t = 0; st == PF_OK && t < PF_SEARCH_TYPE_COUNT; t++) {
            if (!(types & PF_SEARCH_TYPE_BIT(t)))
                continue;
            if (request->fuzzy)
                st = pf_search_fuzzy_detail(db, arena, request, (enum pf_search_type)t, hits,
                                            count, err);
            else
                st = sqlite_detail_type(db, arena, request, (enum pf_search_type)t,
                                        pf_buf_cstr(&match), hits, candidates.items + first,
                                        count, err);
        }
    }
    if (st != PF_OK)
        goto done;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (hits[i].title)
            hits[kept++] = hits[i];
    }
    out->hits = hits;
    out->count = kept;
    out->has_more = candidates.count > (size_t)end && end < PF_SEARCH_MAX_OFFSET;
done:
    pf_buf_fini(&match);
    return st;
}

pf_status pf_store_search(struct pf_store *store, struct pf_arena *arena,
                          const struct pf_search_request *request,
                          struct pf_search_result *out_result, struct pf_error *err)
{
    memset(out_result, 0, sizeof(*out_result));
    if (!pf_search_query_is_searchable(request->query))
        return pf_error_set(err, PF_E_INVALID, "the query has no word to search for");
    PF_ASSERT(request->limit >= 1 && request->limit <= PF_SEARCH_MAX_LIMIT);
    PF_ASSERT(request->offset >= 0 && request->offset <= PF_SEARCH_MAX_OFFSET);
    struct pf_db db;
    bool deadline = false;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin_read(&db, err);
    /* PostgreSQL: always, for the trigram threshold; both settings end with the transaction. */
    if (st == PF_OK && (request->timeout_ms > 0 || pf_db_dialect(&db) == PF_DB_POSTGRES)) {
        st = set_deadline(&db, arena, request->timeout_ms, err);
        deadline = st == PF_OK;
    }
    if (st == PF_OK)
        st = search_page(&db, arena, request, out_result, err);
    if (deadline && pf_db_dialect(&db) == PF_DB_SQLITE) {
        /* The SQLite deadline belongs to the connection, not the transaction. */
        struct pf_error ignored = PF_ERROR_INIT;
        if (set_deadline(&db, arena, 0, &ignored) != PF_OK)
            db.broken = true;
    }
    pf_db_rollback(&db);
    pf_db_release(&db);
    if (st != PF_OK)
        memset(out_result, 0, sizeof(*out_result));
    return st;
}

/* SQLite: one FTS5 table's merge step in its own write transaction; *out_more when it did work
 * (FTS5 reports none through the statement: total_changes() moves by 2 or more when the merge
 * wrote pages, by at most 1 when nothing was left to merge). */
static pf_status merge_fts_table(struct pf_db *db, const char *table, int pages,
                                 bool *out_more, struct pf_error *err)
{
    char sql[128];
    snprintf(sql, sizeof(sql), "INSERT INTO %s (%s, rank) VALUES ('merge', $1)", table, table);
    struct pf_db_param param = pf_db_int(pages);
    struct pf_db_result *before = NULL;
    struct pf_db_result *after = NULL;
    pf_status st = pf_db_begin(db, err);
    if (st == PF_OK)
        st = pf_db_exec(db, "SELECT total_changes()", NULL, 0, &before, err);
    if (st == PF_OK)
        st = pf_db_exec_dynamic(db, sql, &param, 1, NULL, err);
    if (st == PF_OK)
        st = pf_db_exec(db, "SELECT total_changes()", NULL, 0, &after, err);
    if (st == PF_OK)
        st = pf_db_commit(db, err);
    if (st == PF_OK && pf_db_get_int(after, 0, 0) - pf_db_get_int(before, 0, 0) >= 2)
        *out_more = true;
    pf_db_result_free(before);
    pf_db_result_free(after);
    pf_db_rollback(db); /* after a failure; nothing to do after the commit */
    return st;
}

pf_status pf_store_search_merge_step(struct pf_store *store, int pages, bool full,
                                     bool *out_more, struct pf_error *err)
{
    PF_ASSERT(pages > 0);
    *out_more = false;
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    /* FTS5: a negative count merges every segment into one, a positive one only the levels
     * holding usermerge (2, sqlite/005_search_merge.sql) segments. */
    int count = full ? -pages : pages;
    bool sqlite = pf_db_dialect(&db) == PF_DB_SQLITE; /* PostgreSQL: autovacuum's work */
    for (int t = 0; sqlite && st == PF_OK && t < PF_SEARCH_TYPE_COUNT; t++) {
        const struct search_table *info = pf_search_table((enum pf_search_type)t);
        st = merge_fts_table(&db, info->fts, count, out_more, err);
        if (st == PF_OK)
            st = merge_fts_table(&db, info->fuzzy, count, out_more, err);
    }
    pf_db_release(&db);
    return st;
}
