/* The search service: parse what the user typed, search the workspace, and fall back to the
 * typo-tolerant search when the full-text query finds nothing. */
#include <string.h>

#include "search/search.h"

pf_status pf_search_run(struct pf_app *app, struct pf_arena *arena, pf_id workspace_id,
                        const struct pf_search_params *params,
                        struct pf_search_outcome *out_outcome, struct pf_error *err)
{
    memset(out_outcome, 0, sizeof(*out_outcome));
    out_outcome->mode = params->fuzzy ? PF_SEARCH_MODE_FUZZY : PF_SEARCH_MODE_FULLTEXT;
    const struct pf_config *config = app->config;
    struct pf_search_parse_options options = {
        .max_bytes = (size_t)config->limit_search_bytes,
        .max_terms = (size_t)config->limit_search_terms,
        .prefix_last = params->prefix,
    };
    struct pf_search_query *query = NULL;
    pf_status st = pf_search_parse(arena, params->q, &options, &query, err);
    if (st != PF_OK)
        return st;
    if (!pf_search_query_is_searchable(query))
        return PF_OK; /* only stop words: nothing to find */
    struct pf_search_request request = {
        .workspace_id = workspace_id,
        .query = query,
        .filter = params->filter,
        .offset = params->offset,
        .limit = params->limit,
        .fuzzy = params->fuzzy,
        .timeout_ms = (int)config->limit_search_ms,
    };
    st = pf_store_search(app->store, arena, &request, &out_outcome->result, err);
    if (st != PF_OK || params->fuzzy || params->offset > 0)
        return st;
    int64_t found = 0;
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++)
        found += out_outcome->result.totals[t];
    if (found > 0)
        return PF_OK;
    struct pf_search_result fallback;
    request.fuzzy = true;
    st = pf_store_search(app->store, arena, &request, &fallback, err);
    if (st == PF_OK && fallback.count > 0) {
        out_outcome->result = fallback;
        out_outcome->mode = PF_SEARCH_MODE_FUZZY;
    }
    return st;
}
