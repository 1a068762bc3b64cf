/* The gap run context: narrative texts, issues with resolvable fields and stable keys, the
 * general review and report comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "gap/gap_int.h"

const char *pf_gap_severity_name(enum pf_gap_severity severity)
{
    switch (severity) {
    case PF_GAP_INFO:
        return "info";
    case PF_GAP_LOW:
        return "low";
    case PF_GAP_MEDIUM:
        return "medium";
    case PF_GAP_HIGH:
        return "high";
    }
    return "info";
}

static int severity_rank(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "high") == 0)
        return 3;
    if (strcmp(name, "medium") == 0)
        return 2;
    if (strcmp(name, "low") == 0)
        return 1;
    return 0;
}

/* RFC 6901 reference token decoding: "~1" is '/', "~0" is '~'. */
static void unescape_token(const char *token, size_t len, char *out, size_t cap)
{
    size_t w = 0;
    for (size_t i = 0; i < len && w + 1 < cap; i++) {
        if (token[i] == '~' && i + 1 < len && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out[w++] = token[i + 1] == '0' ? '~' : '/';
            i++;
        } else {
            out[w++] = token[i];
        }
    }
    out[w] = '\0';
}

/* Array index tokens: digits without a leading zero (RFC 6901). */
static bool parse_index(const char *token, size_t *out_index)
{
    if (!*token || (token[0] == '0' && token[1]) || strlen(token) > 9)
        return false;
    size_t value = 0;
    for (const char *c = token; *c; c++) {
        if (*c < '0' || *c > '9')
            return false;
        value = value * 10 + (size_t)(*c - '0');
    }
    *out_index = value;
    return true;
}

/* Walks pointer; *out_consumed is how many bytes of it resolved. */
static const json_t *walk(const json_t *doc, const char *pointer, size_t *out_consumed)
{
    const json_t *cur = doc;
    const char *p = pointer;
    *out_consumed = 0;
    while (*p == '/') {
        const char *token = p + 1;
        size_t len = strcspn(token, "/");
        char key[512];
        unescape_token(token, len, key, sizeof(key));
        const json_t *next = NULL;
        size_t index;
        if (json_is_object(cur))
            next = json_object_get(cur, key);
        else if (json_is_array(cur) && parse_index(key, &index))
            next = json_array_get(cur, index);
        if (!next)
            return NULL;
        cur = next;
        p = token + len;
        *out_consumed = (size_t)(p - pointer);
    }
    return *p ? NULL : cur;
}

const json_t *pf_json_pointer_get(const json_t *doc, const char *pointer)
{
    size_t consumed;
    if (!pointer)
        return NULL;
    return walk(doc, pointer, &consumed);
}

char *gap_pointer_nearest(const json_t *doc, const char *pointer)
{
    size_t consumed = 0;
    if (walk(doc, pointer, &consumed))
        return strdup(pointer);
    return strndup(pointer, consumed);
}

/* The stable part of a pointer for comparing reports: the id of the nearest entry or item
 * (from meta.personaforge.ids) and the rest of the path, so an entry moving from /work/1 to
 * /work/0 keeps its issues' keys. */
static void stable_where(const json_t *persona, const char *pointer, char *out, size_t cap)
{
    const json_t *ids = pf_json_pointer_get(persona, "/meta/personaforge/ids");
    char prefix[256];
    snprintf(prefix, sizeof(prefix), "%s", pointer);
    for (;;) {
        const char *id = json_string_value(json_object_get(ids, prefix));
        if (id) {
            snprintf(out, cap, "%s%s", id, pointer + strlen(prefix));
            return;
        }
        char *slash = strrchr(prefix, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    snprintf(out, cap, "%s", pointer);
}

static void issue_v(struct gap_ctx *ctx, const char *rule_id, const char *severity,
                    const char *pointer, const char *subject, const char *fmt, va_list ap)
{
    const struct pf_gap_rule *rule = pf_gap_rule_find(rule_id);
    PF_ASSERT(rule != NULL);
    char suggestion[1024];
    vsnprintf(suggestion, sizeof(suggestion), fmt, ap);
    char *field = gap_pointer_nearest(ctx->persona, pointer ? pointer : "");
    /* The key uses the pointer the rule meant, not where it resolved: adding a phone must
     * not change the key of the "no e-mail" issue that pointed at /basics meanwhile. */
    char where[400];
    stable_where(ctx->persona, pointer ? pointer : "", where, sizeof(where));
    char key[800];
    snprintf(key, sizeof(key), "%s|%s%s%.200s", rule_id, where, subject ? "|" : "",
             subject ? subject : "");
    /* One issue per key: rules that scan several texts may meet the same thing twice. */
    size_t i;
    json_t *existing;
    json_array_foreach(ctx->issues, i, existing) {
        if (strcmp(pf_json_get_str(existing, "key"), key) == 0) {
            free(field);
            return;
        }
    }
    json_t *issue = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "rule", rule_id, "severity",
                              severity ? severity : pf_gap_severity_name(rule->severity),
                              "field", field, "suggestion", suggestion, "message", rule->title,
                              "key", key);
    if (issue)
        json_array_append_new(ctx->issues, issue);
    free(field);
}

void gap_issue(struct gap_ctx *ctx, const char *rule_id, const char *pointer,
               const char *subject, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    issue_v(ctx, rule_id, NULL, pointer, subject, fmt, ap);
    va_end(ap);
}

void gap_issue_sev(struct gap_ctx *ctx, const char *rule_id, enum pf_gap_severity severity,
                   const char *pointer, const char *subject, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    issue_v(ctx, rule_id, pf_gap_severity_name(severity), pointer, subject, fmt, ap);
    va_end(ap);
}

static int issue_cmp(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a;
    const json_t *y = *(json_t *const *)b;
    int rx = severity_rank(pf_json_get_str(x, "severity"));
    int ry = severity_rank(pf_json_get_str(y, "severity"));
    if (rx != ry)
        return ry - rx;
    int c = strcmp(pf_json_get_str(x, "field"), pf_json_get_str(y, "field"));
    if (c != 0)
        return c;
    return strcmp(pf_json_get_str(x, "key"), pf_json_get_str(y, "key"));
}

void gap_issues_finish(struct gap_ctx *ctx)
{
    size_t count = json_array_size(ctx->issues);
    json_t **items = calloc(count + 1, sizeof(*items));
    for (size_t i = 0; i < count; i++)
        items[i] = json_incref(json_array_get(ctx->issues, i));
    qsort(items, count, sizeof(*items), issue_cmp);
    json_array_clear(ctx->issues);
    for (size_t i = 0; i < count; i++) {
        if (i < PF_GAP_LIMIT_ISSUES)
            json_array_append(ctx->issues, items[i]);
        json_decref(items[i]);
    }
    free(items);
    if (count > PF_GAP_LIMIT_ISSUES)
        json_object_set_new(ctx->details, "issues_dropped",
                            json_integer((json_int_t)(count - PF_GAP_LIMIT_ISSUES)));
}

static void add_text(struct gap_ctx *ctx, const char *text, const char *pointer,
                     const char *section, bool is_bullet, int entry)
{
    if (!text || !*text)
        return;
    ctx->texts = realloc(ctx->texts, (ctx->text_count + 1) * sizeof(*ctx->texts));
    struct gap_text *t = &ctx->texts[ctx->text_count++];
    t->text = text;
    snprintf(t->pointer, sizeof(t->pointer), "%s", pointer);
    t->section = section;
    t->is_bullet = is_bullet;
    t->entry = entry;
}

/* Narrative sections: their free-text fields and bullet lists. */
static const struct {
    const char *section;
    const char *fields[3];
} narrative[] = {
    {"work", {"summary", "description", NULL}},
    {"volunteer", {"summary", NULL, NULL}},
    {"projects", {"description", NULL, NULL}},
    {"awards", {"summary", NULL, NULL}},
    {"publications", {"summary", NULL, NULL}},
};

void gap_ctx_init(struct gap_ctx *ctx, const json_t *persona, const struct pf_gap_options *opts)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->persona = persona;
    ctx->opts = opts;
    ctx->issues = json_array();
    ctx->details = json_object();
    int year = 0, month = 0, day = 0;
    pf_time_civil(opts->now_ms, &year, &month, &day);
    ctx->today_month = (int64_t)year * 12 + (month - 1);
    add_text(ctx, pf_json_get_str(json_object_get(persona, "basics"), "summary"),
             "/basics/summary", "basics", false, -1);
    for (size_t s = 0; s < PF_ARRAY_LEN(narrative); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, narrative[s].section), i, entry) {
            char pointer[128];
            for (size_t f = 0; f < 3 && narrative[s].fields[f]; f++) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu/%s", narrative[s].section, i,
                         narrative[s].fields[f]);
                add_text(ctx, pf_json_get_str(entry, narrative[s].fields[f]), pointer,
                         narrative[s].section, false, (int)i);
            }
            size_t j;
            json_t *bullet;
            json_array_foreach(json_object_get(entry, "highlights"), j, bullet) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu/highlights/%zu",
                         narrative[s].section, i, j);
                add_text(ctx, json_string_value(bullet), pointer, narrative[s].section, true,
                         (int)i);
            }
        }
    }
}

void gap_ctx_fini(struct gap_ctx *ctx)
{
    json_decref(ctx->issues);
    json_decref(ctx->details);
    free(ctx->texts);
    memset(ctx, 0, sizeof(*ctx));
}

pf_status pf_gap_general(const json_t *persona, const struct pf_gap_options *opts,
                         json_t **out_report, struct pf_error *err)
{
    *out_report = NULL;
    if (!json_is_object(persona))
        return pf_error_set(err, PF_E_INVALID, "the persona is not a JSON Resume object");
    struct gap_ctx ctx;
    gap_ctx_init(&ctx, persona, opts);
    gap_check_contact(&ctx);
    gap_check_summary(&ctx);
    gap_check_bullets(&ctx);
    gap_check_dates(&ctx);
    gap_check_shape(&ctx);
    gap_check_skills(&ctx);
    gap_check_spelling(&ctx);
    gap_issues_finish(&ctx);
    json_t *counts = json_pack("{s:i,s:i,s:i,s:i}", "high", 0, "medium", 0, "low", 0, "info", 0);
    size_t i;
    json_t *issue;
    json_array_foreach(ctx.issues, i, issue) {
        const char *severity = pf_json_get_str(issue, "severity");
        json_object_set_new(counts, severity,
                            json_integer(json_integer_value(json_object_get(counts, severity)) +
                                         1));
    }
    json_object_set_new(ctx.details, "counts", counts);
    json_object_set_new(ctx.details, "texts_checked", json_integer((json_int_t)ctx.text_count));
    *out_report = json_pack("{s:s,s:O,s:O}", "type", "general", "issues", ctx.issues,
                            "details", ctx.details);
    gap_ctx_fini(&ctx);
    return PF_OK;
}

json_t *pf_gap_compare(const json_t *older_issues, const json_t *newer_issues)
{
    json_t *older = json_object();
    json_t *newer = json_object();
    size_t i;
    json_t *issue;
    json_array_foreach(older_issues, i, issue) {
        const char *key = pf_json_get_str(issue, "key");
        if (key)
            json_object_set(older, key, issue);
    }
    json_array_foreach(newer_issues, i, issue) {
        const char *key = pf_json_get_str(issue, "key");
        if (key)
            json_object_set(newer, key, issue);
    }
    json_t *resolved = json_array();
    json_t *added = json_array();
    json_t *unchanged = json_array();
    json_array_foreach(older_issues, i, issue) {
        const char *key = pf_json_get_str(issue, "key");
        if (key && !json_object_get(newer, key))
            json_array_append(resolved, issue);
    }
    json_array_foreach(newer_issues, i, issue) {
        const char *key = pf_json_get_str(issue, "key");
        if (!key)
            continue;
        if (json_object_get(older, key))
            json_array_append(unchanged, issue);
        else
            json_array_append(added, issue);
    }
    json_t *out = json_pack("{s:o,s:o,s:o,s:{s:I,s:I,s:I}}", "resolved", resolved, "new", added,
                            "unchanged", unchanged, "counts", "resolved",
                            (json_int_t)json_array_size(resolved), "new",
                            (json_int_t)json_array_size(added), "unchanged",
                            (json_int_t)json_array_size(unchanged));
    json_decref(older);
    json_decref(newer);
    return out;
}
