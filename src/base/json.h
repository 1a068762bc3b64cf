/* JSON in and out with jansson: bounded parsing, typed getters, arena-scoped values. */
#ifndef PF_BASE_JSON_H
#define PF_BASE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/common.h"
#include "base/status.h"
#include "base/str.h"

/* Parses text as one JSON value (any type) after checking that it nests at most max_depth
 * arrays/objects deep and is valid UTF-8. Duplicate object keys and NUL characters are
 * refused. On success *out_json is a new reference the caller releases with json_decref().
 * PF_E_TOO_BIG when the depth is exceeded, PF_E_PARSE otherwise, with line/column in err. */
PF_MUST_CHECK pf_status pf_json_parse(struct pf_str text, size_t max_depth, json_t **out_json,
                                      struct pf_error *err);

/* The deepest nesting of arrays/objects in text (strings skipped), stopping early once it
 * passes limit. Does not validate. */
size_t pf_json_depth(struct pf_str text, size_t limit);

/* Serialises json compactly (keys in insertion order) into a new heap string (free()). */
char *pf_json_dump(const json_t *json);
/* Appends the compact serialisation of json to buf. */
void pf_json_dump_buf(const json_t *json, struct pf_buf *buf);

/* Ties one reference of json to arena: it is decref'd when the arena is freed. Returns json. */
json_t *pf_json_arena(struct pf_arena *arena, json_t *json);

/* Borrowed getters: NULL / fallback when obj is not an object, key is absent or the type
 * differs. The string is owned by obj. */
const char *pf_json_get_str(const json_t *obj, const char *key);
int64_t pf_json_get_int(const json_t *obj, const char *key, int64_t fallback);
bool pf_json_get_bool(const json_t *obj, const char *key, bool fallback);
/* Sets obj[key] to a new string, or removes key when value is NULL. */
void pf_json_set_str(json_t *obj, const char *key, const char *value);
/* A new JSON string from a view (invalid UTF-8 gives JSON null). */
json_t *pf_json_string_str(struct pf_str str);

#endif
