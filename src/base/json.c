/* jansson helpers. */
#include "base/json.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

size_t pf_json_depth(struct pf_str text, size_t limit)
{
    size_t depth = 0;
    size_t deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.len; i++) {
        char ch = text.ptr[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = false;
            continue;
        }
        if (ch == '"') {
            in_string = true;
        } else if (ch == '[' || ch == '{') {
            depth++;
            if (depth > deepest) {
                deepest = depth;
                if (deepest > limit)
                    return deepest;
            }
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            depth--;
        }
    }
    return deepest;
}

pf_status pf_json_parse(struct pf_str text, size_t max_depth, json_t **out_json,
                        struct pf_error *err)
{
    *out_json = NULL;
    if (pf_json_depth(text, max_depth) > max_depth)
        return pf_error_set_field(err, PF_E_TOO_BIG, "limit_json_depth",
                                  "JSON nests deeper than the limit of %zu levels", max_depth);
    if (!pf_utf8_valid(text.ptr, text.len))
        return pf_error_set(err, PF_E_PARSE, "JSON is not valid UTF-8");
    json_error_t jerr;
    json_t *json = json_loadb(text.ptr ? text.ptr : "", text.len,
                              JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!json) {
        pf_error_set(err, PF_E_PARSE, "invalid JSON at line %d, column %d: %s", jerr.line,
                     jerr.column, jerr.text);
        if (err) {
            err->line = jerr.line;
            err->column = jerr.column;
            err->offset = jerr.position;
        }
        return PF_E_PARSE;
    }
    *out_json = json;
    return PF_OK;
}

static int dump_callback(const char *data, size_t size, void *ctx)
{
    pf_buf_append(ctx, data, size);
    return 0;
}

void pf_json_dump_buf(const json_t *json, struct pf_buf *buf)
{
    json_dump_callback(json, dump_callback, buf, JSON_COMPACT | JSON_ENCODE_ANY);
}

char *pf_json_dump(const json_t *json)
{
    struct pf_buf buf = PF_BUF_INIT(SIZE_MAX / 2);
    pf_json_dump_buf(json, &buf);
    return pf_buf_take(&buf, NULL);
}

static void decref_cleanup(void *ptr)
{
    json_decref(ptr);
}

json_t *pf_json_arena(struct pf_arena *arena, json_t *json)
{
    if (json)
        pf_arena_defer(arena, decref_cleanup, json);
    return json;
}

const char *pf_json_get_str(const json_t *obj, const char *key)
{
    const json_t *value = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_string(value) ? json_string_value(value) : NULL;
}

int64_t pf_json_get_int(const json_t *obj, const char *key, int64_t fallback)
{
    const json_t *value = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_integer(value) ? (int64_t)json_integer_value(value) : fallback;
}

bool pf_json_get_bool(const json_t *obj, const char *key, bool fallback)
{
    const json_t *value = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_boolean(value) ? json_is_true(value) : fallback;
}

void pf_json_set_str(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
    else
        json_object_del(obj, key);
}

json_t *pf_json_string_str(struct pf_str str)
{
    json_t *out = json_stringn(str.ptr ? str.ptr : "", str.len);
    return out ? out : json_null();
}
