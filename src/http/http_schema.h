/* Declarative field tables: one per request and response body. They drive validation (422 with
 * every problem, Pydantic style), the OpenAPI document and the API docs (ARCHITECTURE §6). */
#ifndef PF_HTTP_HTTP_SCHEMA_H
#define PF_HTTP_HTTP_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "base/json.h"

struct pf_req;
struct pf_resp;

enum pf_ftype {
    PF_FT_STRING,      /* min/max: length in characters */
    PF_FT_INTEGER,     /* min/max: value */
    PF_FT_NUMBER,      /* min/max: value */
    PF_FT_BOOLEAN,
    PF_FT_UUID,
    PF_FT_EMAIL,
    PF_FT_DATETIME,    /* RFC 3339, UTC */
    PF_FT_ENUM,        /* one of choices */
    PF_FT_STRING_LIST, /* min/max: item count; item_max: characters per item */
    PF_FT_OBJECT,      /* a JSON object; schema (optional) describes it */
    PF_FT_ARRAY,       /* min/max: item count; schema (optional) describes each item */
    PF_FT_ANY,
};

#define PF_F_REQUIRED 0x1u /* must be present */
#define PF_F_NULLABLE 0x2u /* null is accepted (and means "clear") */

struct pf_schema;

struct pf_field {
    const char *name;
    enum pf_ftype type;
    unsigned flags;              /* PF_F_* */
    int64_t min;                 /* 0 and 0: unbounded */
    int64_t max;
    const char *const *choices;  /* NULL-terminated, for PF_FT_ENUM */
    const struct pf_schema *schema; /* nested object / array item shape, or NULL */
    const char *doc;
};

struct pf_schema {
    const char *name;            /* OpenAPI component name */
    const struct pf_field *fields;
    size_t count;
    bool extra_allowed;          /* unknown keys accepted (else 422 extra_forbidden) */
    const char *doc;
};

#define PF_SCHEMA(id, extra, description)                                                          \
    const struct pf_schema id = {#id, id##_fields, sizeof(id##_fields) / sizeof(id##_fields[0]),  \
                                 extra, description}

/* A page of items: {items: [item], next_cursor}. */
#define PF_LIST_SCHEMA(id, item, description)                                                      \
    static const struct pf_field id##_fields[] = {                                                 \
        {"items", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &item, "The page's items"},              \
        {"next_cursor", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,               \
         "Pass as ?cursor= for the next page; null on the last page"},                             \
    };                                                                                             \
    PF_SCHEMA(id, false, description)

/* Validates json against schema and appends Pydantic-style problems
 * {loc: [where, …path], msg, type} to details. Returns true when there were none. */
bool pf_schema_check(const struct pf_schema *schema, const json_t *json, const char *where,
                     json_t *details);

/* Parses the request body as JSON and validates it. On any problem fills a 422 (or 415 for a
 * body that is not JSON, 413 past the depth limit) and returns false. On success *out_body is
 * the object, tied to the request's arena. */
bool pf_body_or_respond(struct pf_req *req, struct pf_resp *resp, const struct pf_schema *schema,
                        json_t **out_body);

/* The JSON Schema (OpenAPI 3.1 dialect) of a field table. New reference. */
json_t *pf_schema_to_json_schema(const struct pf_schema *schema);

#endif
