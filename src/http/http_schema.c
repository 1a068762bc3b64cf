/* Field-table validation and its JSON Schema expansion. */
#include "http/http_schema.h"

#include <math.h>
#include <string.h>

#include "base/clock.h"
#include "base/uuid.h"
#include "http/http_req.h"

/* Characters, not bytes: limits are about what a person typed. */
static size_t utf8_length(const char *text, size_t bytes)
{
    size_t count = 0;
    for (size_t i = 0; i < bytes; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            count++;
    }
    return count;
}

static void problem(json_t *details, const char *where, const char *path1, const char *path2,
                    const char *msg, const char *type)
{
    json_t *loc = json_array();
    json_array_append_new(loc, json_string(where));
    if (path1)
        json_array_append_new(loc, json_string(path1));
    if (path2)
        json_array_append_new(loc, json_string(path2));
    json_array_append_new(details, json_pack("{s:o,s:s,s:s}", "loc", loc, "msg", msg, "type", type));
}

static bool check_string(const struct pf_field *f, const json_t *value, const char *where,
                         const char *item, json_t *details)
{
    char msg[160];
    if (!json_is_string(value)) {
        problem(details, where, f->name, item, "Input should be a valid string", "string_type");
        return false;
    }
    const char *text = json_string_value(value);
    size_t len = utf8_length(text, json_string_length(value));
    if (f->min > 0 && len < (size_t)f->min) {
        snprintf(msg, sizeof(msg), "String should have at least %lld character%s",
                 (long long)f->min, f->min == 1 ? "" : "s");
        problem(details, where, f->name, item, msg, "string_too_short");
        return false;
    }
    if (f->max > 0 && len > (size_t)f->max) {
        snprintf(msg, sizeof(msg), "String should have at most %lld characters", (long long)f->max);
        problem(details, where, f->name, item, msg, "string_too_long");
        return false;
    }
    return true;
}

static void check_field(const struct pf_field *f, const json_t *value, const char *where,
                        json_t *details)
{
    char msg[256];
    if (json_is_null(value)) {
        if (!(f->flags & PF_F_NULLABLE))
            problem(details, where, f->name, NULL, "Input should not be null", "none_forbidden");
        return;
    }
    switch (f->type) {
    case PF_FT_STRING:
        check_string(f, value, where, NULL, details);
        return;
    case PF_FT_INTEGER:
    case PF_FT_NUMBER: {
        bool ok = f->type == PF_FT_INTEGER ? json_is_integer(value) : json_is_number(value);
        if (!ok) {
            problem(details, where, f->name, NULL,
                    f->type == PF_FT_INTEGER ? "Input should be a valid integer"
                                             : "Input should be a valid number",
                    f->type == PF_FT_INTEGER ? "int_type" : "float_type");
            return;
        }
        double number = json_number_value(value);
        if ((f->min || f->max) && (number < (double)f->min || number > (double)f->max)) {
            snprintf(msg, sizeof(msg), "Input should be between %lld and %lld", (long long)f->min,
                     (long long)f->max);
            problem(details, where, f->name, NULL, msg, "range_error");
        }
        return;
    }
    case PF_FT_BOOLEAN:
        if (!json_is_boolean(value))
            problem(details, where, f->name, NULL, "Input should be a valid boolean", "bool_type");
        return;
    case PF_FT_UUID: {
        pf_id id;
        if (!json_is_string(value) ||
            !pf_id_parse(pf_str_make(json_string_value(value), json_string_length(value)), &id))
            problem(details, where, f->name, NULL, "Input should be a valid UUID", "uuid_parsing");
        return;
    }
    case PF_FT_EMAIL: {
        if (!check_string(f, value, where, NULL, details))
            return;
        /* Surrounding blanks are trimmed by the account service, so only inner ones count. */
        struct pf_str text = pf_str_trim(pf_str_make(json_string_value(value),
                                                     json_string_length(value)));
        long at = pf_str_find_char(text, '@');
        struct pf_str domain = at < 0 ? PF_STR_NULL : pf_str_slice(text, (size_t)at + 1, text.len);
        if (at <= 0 || pf_str_find_char(domain, '@') >= 0 || pf_str_find_char(domain, '.') < 0 ||
            pf_str_find_char(text, ' ') >= 0)
            problem(details, where, f->name, NULL,
                    "value is not a valid email address: An email address must have an @-sign "
                    "and a domain",
                    "value_error");
        return;
    }
    case PF_FT_DATETIME: {
        int64_t ms;
        if (!json_is_string(value) ||
            !pf_time_parse_iso(pf_str_make(json_string_value(value), json_string_length(value)),
                               &ms))
            problem(details, where, f->name, NULL, "Input should be a valid datetime",
                    "datetime_parsing");
        return;
    }
    case PF_FT_ENUM: {
        if (json_is_string(value)) {
            for (const char *const *c = f->choices; *c; c++) {
                if (strcmp(*c, json_string_value(value)) == 0)
                    return;
            }
        }
        size_t used = (size_t)snprintf(msg, sizeof(msg), "Input should be");
        for (const char *const *c = f->choices; *c && used < sizeof(msg); c++)
            used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s '%s'",
                                     c == f->choices ? "" : (c[1] ? "," : " or"), *c);
        problem(details, where, f->name, NULL, msg, "enum");
        return;
    }
    case PF_FT_STRING_LIST: {
        if (!json_is_array(value)) {
            problem(details, where, f->name, NULL, "Input should be a valid list", "list_type");
            return;
        }
        if (f->max > 0 && json_array_size(value) > (size_t)f->max) {
            snprintf(msg, sizeof(msg), "List should have at most %lld items", (long long)f->max);
            problem(details, where, f->name, NULL, msg, "too_long");
            return;
        }
        struct pf_field item = {f->name, PF_FT_STRING, 0, 1, 100, NULL, NULL, NULL};
        size_t i;
        const json_t *entry;
        json_array_foreach(value, i, entry) {
            char index[24];
            snprintf(index, sizeof(index), "%zu", i);
            check_string(&item, entry, where, index, details);
        }
        return;
    }
    case PF_FT_OBJECT:
        if (!json_is_object(value)) {
            problem(details, where, f->name, NULL, "Input should be a valid dictionary",
                    "dict_type");
            return;
        }
        if (f->schema)
            pf_schema_check(f->schema, value, where, details);
        return;
    case PF_FT_ARRAY:
        if (!json_is_array(value)) {
            problem(details, where, f->name, NULL, "Input should be a valid list", "list_type");
            return;
        }
        if (f->max > 0 && json_array_size(value) > (size_t)f->max) {
            snprintf(msg, sizeof(msg), "List should have at most %lld items", (long long)f->max);
            problem(details, where, f->name, NULL, msg, "too_long");
        }
        return;
    case PF_FT_ANY:
        return;
    }
}

bool pf_schema_check(const struct pf_schema *schema, const json_t *json, const char *where,
                     json_t *details)
{
    size_t before = json_array_size(details);
    if (!json_is_object(json)) {
        problem(details, where, NULL, NULL, "Input should be a valid dictionary", "dict_type");
        return false;
    }
    for (size_t i = 0; i < schema->count; i++) {
        const struct pf_field *f = &schema->fields[i];
        const json_t *value = json_object_get(json, f->name);
        if (!value) {
            if (f->flags & PF_F_REQUIRED)
                problem(details, where, f->name, NULL, "Field required", "missing");
            continue;
        }
        check_field(f, value, where, details);
    }
    if (!schema->extra_allowed) {
        const char *key;
        const json_t *value;
        json_object_foreach((json_t *)json, key, value) {
            bool known = false;
            for (size_t i = 0; i < schema->count && !known; i++)
                known = strcmp(schema->fields[i].name, key) == 0;
            if (!known)
                problem(details, where, key, NULL, "Extra inputs are not permitted",
                        "extra_forbidden");
        }
    }
    return json_array_size(details) == before;
}

bool pf_body_or_respond(struct pf_req *req, struct pf_resp *resp, const struct pf_schema *schema,
                        json_t **out_body)
{
    *out_body = NULL;
    const char *content_type = pf_req_header(req, "Content-Type");
    if (!content_type || strncasecmp(content_type, "application/json", 16) != 0 ||
        (content_type[16] != '\0' && content_type[16] != ';' && content_type[16] != ' ')) {
        pf_resp_error(resp, PF_E_MEDIA_TYPE, "the body must be JSON (Content-Type: application/json)",
                      NULL, NULL);
        return false;
    }
    json_t *body = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_json_parse(req->body, (size_t)req->app->config->limit_json_depth, &body, &err);
    if (st == PF_E_TOO_BIG) {
        pf_resp_error(resp, st, err.message, NULL, err.field);
        return false;
    }
    if (st != PF_OK) {
        json_t *details = pf_json_arena(req->arena, json_array());
        problem(details, "body", NULL, NULL, err.message, "json_invalid");
        pf_resp_error(resp, PF_E_VALIDATION, "the body is not valid JSON", details, NULL);
        return false;
    }
    pf_json_arena(req->arena, body);
    json_t *details = pf_json_arena(req->arena, json_array());
    if (!pf_schema_check(schema, body, "body", details)) {
        pf_resp_error(resp, PF_E_VALIDATION, "the request failed validation", details, NULL);
        return false;
    }
    *out_body = body;
    return true;
}

json_t *pf_schema_to_json_schema(const struct pf_schema *schema)
{
    json_t *properties = json_object();
    json_t *required = json_array();
    for (size_t i = 0; i < schema->count; i++) {
        const struct pf_field *f = &schema->fields[i];
        json_t *prop = json_object();
        static const char *const types[] = {
            [PF_FT_STRING] = "string",  [PF_FT_INTEGER] = "integer", [PF_FT_NUMBER] = "number",
            [PF_FT_BOOLEAN] = "boolean", [PF_FT_UUID] = "string",    [PF_FT_EMAIL] = "string",
            [PF_FT_DATETIME] = "string", [PF_FT_ENUM] = "string",    [PF_FT_STRING_LIST] = "array",
            [PF_FT_OBJECT] = "object",  [PF_FT_ARRAY] = "array",     [PF_FT_ANY] = NULL,
        };
        if (types[f->type]) {
            if (f->flags & PF_F_NULLABLE)
                json_object_set_new(prop, "type", json_pack("[s,s]", types[f->type], "null"));
            else
                json_object_set_new(prop, "type", json_string(types[f->type]));
        }
        if (f->type == PF_FT_UUID)
            json_object_set_new(prop, "format", json_string("uuid"));
        if (f->type == PF_FT_EMAIL)
            json_object_set_new(prop, "format", json_string("email"));
        if (f->type == PF_FT_DATETIME)
            json_object_set_new(prop, "format", json_string("date-time"));
        if (f->type == PF_FT_ENUM) {
            json_t *choices = json_array();
            for (const char *const *c = f->choices; *c; c++)
                json_array_append_new(choices, json_string(*c));
            json_object_set_new(prop, "enum", choices);
        }
        if (f->type == PF_FT_STRING || f->type == PF_FT_EMAIL) {
            if (f->min)
                json_object_set_new(prop, "minLength", json_integer(f->min));
            if (f->max)
                json_object_set_new(prop, "maxLength", json_integer(f->max));
        }
        if ((f->type == PF_FT_INTEGER || f->type == PF_FT_NUMBER) && (f->min || f->max)) {
            json_object_set_new(prop, "minimum", json_integer(f->min));
            json_object_set_new(prop, "maximum", json_integer(f->max));
        }
        if (f->type == PF_FT_STRING_LIST) {
            json_object_set_new(prop, "items", json_pack("{s:s}", "type", "string"));
            if (f->max)
                json_object_set_new(prop, "maxItems", json_integer(f->max));
        }
        if (f->schema && f->type == PF_FT_ARRAY)
            json_object_set_new(prop, "items",
                                json_pack("{s:s+}", "$ref", "#/components/schemas/",
                                          f->schema->name));
        if (f->schema && f->type == PF_FT_OBJECT)
            json_object_set_new(prop, "$ref",
                                json_pack("s+", "#/components/schemas/", f->schema->name));
        if (f->doc)
            json_object_set_new(prop, "description", json_string(f->doc));
        json_object_set_new(properties, f->name, prop);
        if (f->flags & PF_F_REQUIRED)
            json_array_append_new(required, json_string(f->name));
    }
    json_t *out = json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties", properties,
                            "required", required, "additionalProperties", schema->extra_allowed);
    if (schema->doc)
        json_object_set_new(out, "description", json_string(schema->doc));
    return out;
}
