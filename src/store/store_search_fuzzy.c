/* The typo fallback: when the full-text query finds nothing, rows whose short fields (titles,
 * names, summaries, KB values) hold words resembling every query word. PostgreSQL: pg_trgm's
 * word_similarity over a (workspace_id, expression) trigram GIN index. SQLite: candidates from
 * the FTS5 trigram tables (every trigram of the words ORed, inside the workspace's token), then
 * scored by pf_trgm_score, the same measure in C. Exclusions still apply, through the
 * full-text index. */
#include <string.h>

#include "store/store_search_int.h"

#define SQL_MAX ((size_t)1 << 16)
#define SNIPPET_MAX 240 /* code points of a fuzzy hit's snippet */

/* The words of spec as ((a OR b) AND c) conditions and the matching score expression. */
static void pg_word_conditions(struct search_params *params, const char *spec, const char *expr,
                               struct pf_buf *where, struct pf_buf *score)
{
    pf_buf_puts(score, "LEAST(");
    bool first_clause = true;
    const char *p = spec;
    while (*p) {
        pf_buf_puts(where, " AND (");
        pf_buf_printf(score, "%sGREATEST(", first_clause ? "" : ", ");
        bool first_word = true;
        for (;;) {
            const char *stop = p;
            while (*stop && *stop != '\n' && *stop != '\t')
                stop++;
            int n = pf_search_param(
                params, pf_db_text(pf_arena_strndup(params->arena, p, (size_t)(stop - p))));
            pf_buf_printf(where, "%s$%d <%% %s", first_word ? "" : " OR ", n, expr);
            pf_buf_printf(score, "%sword_similarity($%d, %s)", first_word ? "" : ", ", n, expr);
            first_word = false;
            p = stop;
            if (*p != '\t')
                break;
            p++;
        }
        pf_buf_putc(where, ')');
        pf_buf_putc(score, ')');
        first_clause = false;
        if (*p == '\n')
            p++;
    }
    pf_buf_putc(score, ')');
}

static pf_status rank_type(struct pf_db *db, struct pf_arena *arena,
                           const struct pf_search_request *request, enum pf_search_type type,
                           const char *spec, int n, struct search_candidates *out,
                           int64_t *out_total, struct pf_error *err)
{
    const struct search_table *info = pf_search_table(type);
    enum pf_db_dialect dialect = pf_db_dialect(db);
    struct search_params params = {.arena = arena};
    struct pf_buf sql = PF_BUF_INIT(SQL_MAX);
    struct pf_buf where = PF_BUF_INIT(SQL_MAX);
    struct pf_buf score = PF_BUF_INIT(SQL_MAX);
    struct pf_buf text = PF_BUF_INIT(SQL_MAX);
    struct pf_db_result *res = NULL;
    int ws = pf_search_param(&params, pf_db_id(arena, request->workspace_id));
    if (dialect == PF_DB_POSTGRES) {
        pg_word_conditions(&params, spec, info->pg_fuzzy_text, &where, &score);
        if (pf_search_to_tsquery_exclusions(request->query, &text))
            pf_buf_printf(&where, " AND NOT t.search @@ to_tsquery('english', $%d)",
                          pf_search_param(&params, pf_db_text(pf_buf_cstr(&text))));
        pf_search_add_filters(&params, &request->filter, type, dialect, &where);
        pf_buf_printf(&sql,
                      "SELECT c.id, c.score, count(*) OVER () FROM (SELECT t.id, %s AS score"
                      " FROM %s AS t WHERE t.workspace_id = $%d%s"
                      " ORDER BY score DESC, t.id DESC LIMIT %d) AS c"
                      " ORDER BY c.score DESC, c.id DESC LIMIT $%d",
                      pf_buf_cstr(&score), info->table, ws, pf_buf_cstr(&where),
                      PF_SEARCH_FUZZY_CANDIDATES, pf_search_param(&params, pf_db_int(n)));
    } else {
        char token[PF_SEARCH_WS_TOKEN_SIZE];
        pf_search_ws_token(request->workspace_id, token);
        pf_search_fuzzy_match(spec, token, &text);
        const char *match_text = pf_arena_strdup(arena, pf_buf_cstr(&text));
        int match = pf_search_param(&params, pf_db_text(match_text));
        int spec_n = pf_search_param(&params, pf_db_text(spec));
        bool joined = pf_search_has_filters(&request->filter, type);
        pf_buf_reset(&text);
        if (pf_search_to_fts5_exclusions(request->query, &text))
            pf_buf_printf(&where, " AND c.key NOT IN (SELECT rowid FROM %s WHERE %s MATCH $%d)",
                          info->fts, info->fts,
                          pf_search_param(&params, pf_db_text(pf_buf_cstr(&text))));
        pf_search_add_filters(&params, &request->filter, type, dialect, &where);
        pf_buf_printf(&sql,
                      "SELECT m.id, printf('%%.17g', c.score), count(*) OVER ()"
                      " FROM (SELECT %s.rowid AS key,"
                      " pf_trgm_score(%s.text, $%d) AS score FROM %s WHERE %s MATCH $%d"
                      " ORDER BY %s.rank LIMIT %d) AS c CROSS JOIN %s AS m ON m.rowid = c.key",
                      info->fuzzy, info->fuzzy, spec_n, info->fuzzy, info->fuzzy, match,
                      info->fuzzy, PF_SEARCH_FUZZY_CANDIDATES, info->fts);
        if (joined)
            pf_buf_printf(&sql, " CROSS JOIN %s AS t ON t.id = m.id", info->table);
        pf_buf_printf(&sql,
                      " WHERE c.score >= %.2f AND m.workspace_id = $%d%s"
                      " ORDER BY c.score DESC, m.id DESC LIMIT $%d",
                      PF_SEARCH_FUZZY_THRESHOLD, ws, pf_buf_cstr(&where),
                      pf_search_param(&params, pf_db_int(n)));
    }
    pf_status st = pf_buf_status(&sql);
    if (st == PF_OK)
        st = pf_buf_status(&where);
    if (st == PF_OK)
        st = pf_buf_status(&score);
    if (st == PF_OK)
        st = pf_buf_status(&text);
    if (st == PF_OK)
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params.items, params.count, &res, err);
    if (st == PF_OK) {
        size_t rows = pf_db_rows(res);
        for (size_t r = 0; r < rows; r++)
            pf_search_add_candidate(out, type, pf_db_get_id(res, r, 0),
                                    pf_db_get_float(res, r, 1), 0);
        *out_total = rows ? pf_db_get_int(res, 0, 2) : 0;
    }
    pf_db_result_free(res);
    pf_buf_fini(&sql);
    pf_buf_fini(&where);
    pf_buf_fini(&score);
    pf_buf_fini(&text);
    return st;
}

pf_status pf_search_fuzzy_rank(struct pf_db *db, struct pf_arena *arena,
                               const struct pf_search_request *request, int n,
                               struct search_candidates *out,
                               int64_t out_totals[PF_SEARCH_TYPE_COUNT], struct pf_error *err)
{
    struct pf_buf spec = PF_BUF_INIT(SQL_MAX);
    unsigned types = request->filter.types ? request->filter.types : PF_SEARCH_ALL_TYPES;
    pf_status st = PF_OK;
    if (!pf_search_fuzzy_spec(request->query, &spec))
        goto done; /* no word long enough to compare: nothing resembles */
    st = pf_buf_status(&spec);
    for (int t = 0; st == PF_OK && t < PF_SEARCH_TYPE_COUNT; t++) {
        if (types & PF_SEARCH_TYPE_BIT(t))
            st = rank_type(db, arena, request, (enum pf_search_type)t, pf_buf_cstr(&spec), n, out,
                           &out_totals[t], err);
    }
done:
    pf_buf_fini(&spec);
    return st;
}

/* text cut to SNIPPET_MAX code points at a blank, with an ellipsis (an arena copy when cut). */
static char *clip_snippet(struct pf_arena *arena, char *text)
{
    int count = 0;
    const char *last_blank = NULL;
    for (const char *p = text; *p; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80)
            continue;
        if (count == SNIPPET_MAX) {
            const char *cut = last_blank ? last_blank : p;
            return pf_arena_printf(arena, "%.*s …", (int)(cut - text), text);
        }
        if (*p == ' ')
            last_blank = p;
        count++;
    }
    return text;
}

pf_status pf_search_fuzzy_detail(struct pf_db *db, struct pf_arena *arena,
                                 const struct pf_search_request *request,
                                 enum pf_search_type type, struct pf_search_hit *hits,
                                 size_t count, struct pf_error *err)
{
    const struct search_table *info = pf_search_table(type);
    bool is_pg = pf_db_dialect(db) == PF_DB_POSTGRES;
    struct pf_buf spec = PF_BUF_INIT(SQL_MAX);
    struct pf_buf sql = PF_BUF_INIT(SQL_MAX);
    struct pf_db_result *res = NULL;
    pf_status st = PF_OK;
    if (!pf_search_fuzzy_spec(request->query, &spec))
        goto done;
    pf_buf_printf(&sql, "SELECT %s, %s, %s FROM %s AS t WHERE t.workspace_id = $1 AND t.id = $2",
                  is_pg ? info->pg_title : info->sqlite_title,
                  is_pg ? info->pg_fuzzy_snippet : info->sqlite_fuzzy_snippet, info->extra,
                  info->table);
    st = pf_buf_status(&sql);
    if (st == PF_OK)
        st = pf_buf_status(&spec);
    for (size_t i = 0; st == PF_OK && i < count; i++) {
        struct pf_search_hit *hit = &hits[i];
        if (hit->type != type)
            continue;
        struct pf_db_param params[] = {pf_db_id(arena, request->workspace_id),
                                       pf_db_id(arena, hit->id)};
        pf_db_result_free(res);
        res = NULL;
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params, 2, &res, err);
        if (st != PF_OK || pf_db_rows(res) == 0)
            continue;
        pf_search_set_title(arena, hit, pf_db_get_text(res, 0, 0), NULL);
        pf_trgm_spans(arena, hit->title, pf_buf_cstr(&spec), &hit->title_highlights,
                      &hit->title_highlight_count);
        struct pf_search_span *none = NULL;
        size_t none_count = 0;
        pf_search_read_marked(arena, pf_db_get_text(res, 0, 1), &hit->snippet, &none,
                              &none_count);
        hit->snippet = clip_snippet(arena, hit->snippet);
        pf_trgm_spans(arena, hit->snippet, pf_buf_cstr(&spec), &hit->highlights,
                      &hit->highlight_count);
        pf_search_set_extra(arena, hit, res, 0, 2);
    }
done:
    pf_db_result_free(res);
    pf_buf_fini(&sql);
    pf_buf_fini(&spec);
    return st;
}
