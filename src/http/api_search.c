/* /search: ranked full-text search over the caller's workspace, with highlighted snippets.
 * Highlights are code-point ranges into plain-text title and snippet fields: no markup ever
 * travels in them, so a client inserts the text as text and wraps the ranges itself. */
#include <string.h>

#include "http/api_schemas.h"
#include "http/http_route.h"
#include "search/search.h"

#define MAX_TAGS 20
#define MAX_TAG_CHARS 100
#define DEFAULT_LIMIT 20

static const char *const hit_types[] = {"persona", "cv", "kb_entry", NULL};
static const char *const kb_categories[] = {"skill",      "tool",      "domain", "soft_skill",
                                            "preference", "seniority", "fact",   NULL};
static const char *const kb_sources[] = {"cv", "user_answer", "ai_extraction", NULL};
static const char *const modes[] = {"fulltext", "fuzzy", NULL};

static const struct pf_field pf_schema_search_hit_fields[] = {
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, hit_types, NULL, NULL},
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"title", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "Plain text"},
    {"title_highlights", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "[start, end) ranges of title to highlight, in Unicode code points"},
    {"snippet", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Plain text around the matches (\"…\" between passages); may be empty"},
    {"highlights", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "[start, end) ranges of snippet to highlight, in Unicode code points"},
    {"rank", PF_FT_NUMBER, PF_F_REQUIRED, 0, 1, NULL, NULL, "0..1, higher is better"},
    {"tags", PF_FT_STRING_LIST, 0, 0, 0, NULL, NULL, "persona: its tags"},
    {"filename", PF_FT_STRING, 0, 0, 0, NULL, NULL, "cv: the uploaded file's name"},
    {"category", PF_FT_ENUM, 0, 0, 0, kb_categories, NULL, "kb_entry: its type"},
    {"source", PF_FT_ENUM, 0, 0, 0, kb_sources, NULL, "kb_entry: where it came from"},
};
PF_SCHEMA(pf_schema_search_hit, false, "One search hit.");

static const struct pf_field pf_schema_search_result_fields[] = {
    {"items", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_search_hit, "Best first"},
    {"next_cursor", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "Pass as ?cursor= for the next page; null on the last (results stop after 1,000)"},
    {"mode", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, modes, NULL,
     "fuzzy: the words matched nothing, these hits resemble them (typo fallback)"},
    {"totals", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Matches per searched type, counted up to 200 (fuzzy: among the closest candidates)"},
    {"totals_capped", PF_FT_BOOLEAN, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "true when a total reached 200: it means 200 or more"},
};
_Static_assert(PF_SEARCH_TOTAL_CAP == 200, "the totals documentation above says 200");

PF_SCHEMA(pf_schema_search_result, false,
          "Search hits. Query: q (required: words, \"phrases\", OR, -exclusions, prefix*), "
          "types (persona,cv,kb_entry), category and source (KB entries), tags (personas, "
          "repeatable), prefix=1 (type-ahead), limit (1..50), cursor.");

/* Every value of the query parameter name, comma-separated lists split, empty parts dropped. */
static size_t query_list(struct pf_req *req, const char *name, bool split, const char **out,
                         size_t max, bool *out_overflow)
{
    size_t count = 0;
    *out_overflow = false;
    for (size_t i = 0; i < req->query_count; i++) {
        if (strcmp(req->query[i].name, name) != 0)
            continue;
        const char *p = req->query[i].value;
        while (*p) {
            size_t len = split ? strcspn(p, ",") : strlen(p);
            if (len > 0) {
                if (count == max) {
                    *out_overflow = true;
                    return count;
                }
                out[count++] = pf_arena_strndup(req->arena, p, len);
            }
            p += len;
            if (*p == ',')
                p++;
        }
    }
    return count;
}

static bool in_choices(const char *value, const char *const *choices)
{
    for (size_t i = 0; choices[i]; i++) {
        if (strcmp(value, choices[i]) == 0)
            return true;
    }
    return false;
}

/* A comma-separated enum list; on an unknown value fills a 422 and returns false. */
static bool enum_list_or_respond(struct pf_req *req, struct pf_resp *resp, const char *name,
                                 const char *const *choices, const char ***out, size_t *out_count)
{
    const char **values = pf_arena_alloc(req->arena, 8 * sizeof(*values));
    bool overflow = false;
    size_t count = query_list(req, name, true, values, 8, &overflow);
    for (size_t i = 0; i < count; i++) {
        if (!in_choices(values[i], choices))
            overflow = true;
    }
    if (overflow) {
        char *msg = pf_arena_printf(req->arena, "Input should be a comma-separated list of:");
        for (size_t i = 0; choices[i]; i++)
            msg = pf_arena_printf(req->arena, "%s %s", msg, choices[i]);
        return pf_resp_invalid(resp, "query", name, msg, "enum");
    }
    *out = values;
    *out_count = count;
    return true;
}

/* ?cursor=: "t<offset>" (full text) or "f<offset>" (typo fallback), from a previous page. */
static bool cursor_or_respond(struct pf_req *req, struct pf_resp *resp,
                              struct pf_search_params *params)
{
    const char *cursor = pf_req_query(req, "cursor");
    if (!cursor || !*cursor)
        return true;
    int64_t offset = 0;
    if ((cursor[0] != 't' && cursor[0] != 'f') ||
        !pf_parse_i64(pf_str_from_cstr(cursor + 1), 1, PF_SEARCH_MAX_OFFSET, &offset))
        return pf_resp_invalid(resp, "query", "cursor",
                               "Input should be a cursor from a previous page", "value_error");
    params->offset = (int)offset;
    params->fuzzy = cursor[0] == 'f';
    return true;
}

static bool params_or_respond(struct pf_req *req, struct pf_resp *resp,
                              struct pf_search_params *params)
{
    memset(params, 0, sizeof(*params));
    params->limit = DEFAULT_LIMIT;
    const char *q = pf_req_query(req, "q");
    if (!q)
        return pf_resp_invalid(resp, "query", "q", "Field required", "missing");
    params->q = pf_str_from_cstr(q);
    const char *limit = pf_req_query(req, "limit");
    int64_t value = 0;
    if (limit && !pf_parse_i64(pf_str_from_cstr(limit), 1, PF_SEARCH_MAX_LIMIT, &value))
        return pf_resp_invalid(resp, "query", "limit", "Input should be between 1 and 50",
                               "range_error");
    if (limit)
        params->limit = (int)value;
    const char *prefix = pf_req_query(req, "prefix");
    if (prefix && strcmp(prefix, "1") != 0 && strcmp(prefix, "true") != 0 &&
        strcmp(prefix, "0") != 0 && strcmp(prefix, "false") != 0)
        return pf_resp_invalid(resp, "query", "prefix", "Input should be 1, 0, true or false",
                               "bool_parsing");
    params->prefix = prefix && (strcmp(prefix, "1") == 0 || strcmp(prefix, "true") == 0);
    if (!cursor_or_respond(req, resp, params))
        return false;

    struct pf_search_filter *filter = &params->filter;
    const char **types = NULL;
    const char **categories = NULL;
    const char **sources = NULL;
    size_t type_count = 0;
    if (!enum_list_or_respond(req, resp, "types", hit_types, &types, &type_count) ||
        !enum_list_or_respond(req, resp, "category", kb_categories, &categories,
                              &filter->kb_category_count) ||
        !enum_list_or_respond(req, resp, "source", kb_sources, &sources,
                              &filter->kb_source_count))
        return false;
    filter->kb_categories = categories;
    filter->kb_sources = sources;
    const char **tags = pf_arena_alloc(req->arena, MAX_TAGS * sizeof(*tags));
    bool overflow = false;
    filter->tag_count = query_list(req, "tags", false, tags, MAX_TAGS, &overflow);
    filter->tags = tags;
    if (overflow)
        return pf_resp_invalid(resp, "query", "tags", "At most 20 tags", "too_long");
    for (size_t i = 0; i < filter->tag_count; i++) {
        if (!pf_utf8_valid(tags[i], strlen(tags[i])) || strlen(tags[i]) > MAX_TAG_CHARS * 4)
            return pf_resp_invalid(resp, "query", "tags", "A tag is text of up to 100 characters",
                                   "string_type");
    }
    for (size_t i = 0; i < type_count; i++) {
        enum pf_search_type type;
        if (pf_search_type_parse(types[i], &type))
            filter->types |= PF_SEARCH_TYPE_BIT(type);
    }
    /* A filter that only one type has narrows to that type unless types says otherwise. */
    if (type_count == 0) {
        if (filter->tag_count)
            filter->types |= PF_SEARCH_TYPE_BIT(PF_SEARCH_PERSONA);
        if (filter->kb_category_count || filter->kb_source_count)
            filter->types |= PF_SEARCH_TYPE_BIT(PF_SEARCH_KB);
    }
    return true;
}

static json_t *spans_json(const struct pf_search_span *spans, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_pack("[i,i]", spans[i].start, spans[i].end));
    return list;
}

static json_t *hit_json(const struct pf_search_hit *hit)
{
    json_t *item = json_pack("{s:s,s:o,s:s,s:o,s:s,s:o,s:f}", "type",
                             pf_search_type_name(hit->type), "id", pf_json_id(hit->id), "title",
                             hit->title, "title_highlights",
                             spans_json(hit->title_highlights, hit->title_highlight_count),
                             "snippet", hit->snippet ? hit->snippet : "", "highlights",
                             spans_json(hit->highlights, hit->highlight_count), "rank",
                             hit->rank < 0 ? 0.0 : hit->rank > 1 ? 1.0 : hit->rank);
    if (hit->tags)
        json_object_set(item, "tags", hit->tags);
    if (hit->filename)
        json_object_set_new(item, "filename", json_string(hit->filename));
    if (hit->category)
        json_object_set_new(item, "category", json_string(hit->category));
    if (hit->source)
        json_object_set_new(item, "source", json_string(hit->source));
    return item;
}

/* A query the parser refused: 422 on q, naming the limit when it was one. */
static pf_status respond_bad_query(struct pf_req *req, struct pf_resp *resp)
{
    const char *kind = req->err.field[0] ? req->err.field : "value_error";
    json_t *details = json_pack("[{s:[s,s],s:s,s:s}]", "loc", "query", "q", "msg",
                                pf_error_message(&req->err), "type", kind);
    bool is_limit = strncmp(kind, "limit_", 6) == 0;
    pf_resp_error(resp, PF_E_VALIDATION, pf_error_message(&req->err), details,
                  is_limit ? kind : NULL);
    json_decref(details);
    return PF_OK;
}

pf_status api_search(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_search_params params;
    if (!params_or_respond(req, resp, &params))
        return PF_OK;
    struct pf_search_outcome outcome;
    pf_status st = pf_search_run(req->app, req->arena, pf_req_workspace(req), &params, &outcome,
                                 &req->err);
    if (st == PF_E_VALIDATION)
        return respond_bad_query(req, resp);
    if (st != PF_OK)
        return st;
    const struct pf_search_result *result = &outcome.result;
    json_t *items = json_array();
    for (size_t i = 0; i < result->count; i++)
        json_array_append_new(items, hit_json(&result->hits[i]));
    unsigned types = params.filter.types ? params.filter.types : PF_SEARCH_ALL_TYPES;
    json_t *totals = json_object();
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        if (types & PF_SEARCH_TYPE_BIT(t))
            json_object_set_new(totals, pf_search_type_name((enum pf_search_type)t),
                                json_integer(result->totals[t]));
    }
    bool fuzzy = outcome.mode == PF_SEARCH_MODE_FUZZY;
    json_t *next = result->has_more
                       ? json_string(pf_arena_printf(req->arena, "%c%d", fuzzy ? 'f' : 't',
                                                     params.offset + params.limit))
                       : json_null();
    json_t *out = json_pack("{s:o,s:o,s:s,s:o,s:b}", "items", items, "next_cursor", next, "mode",
                            fuzzy ? "fuzzy" : "fulltext", "totals", totals, "totals_capped",
                            result->totals_capped);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}
