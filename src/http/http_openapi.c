/* OpenAPI 3.1 from routes.def and the field tables: one source for code, docs and clients. */
#include "http/http_openapi.h"

#include <string.h>

#include "http/http_route.h"

static void add_component(json_t *schemas, const struct pf_schema *schema)
{
    if (!schema || json_object_get(schemas, schema->name))
        return;
    json_object_set_new(schemas, schema->name, pf_schema_to_json_schema(schema));
    for (size_t i = 0; i < schema->count; i++)
        add_component(schemas, schema->fields[i].schema);
}

static json_t *ref(const struct pf_schema *schema)
{
    return json_pack("{s:s+}", "$ref", "#/components/schemas/", schema->name);
}

static json_t *error_response(const char *description)
{
    return json_pack("{s:s,s:{s:{s:{s:s}}}}", "description", description, "content",
                     "application/json", "schema", "$ref", "#/components/schemas/Error");
}

struct pf_query_param {
    pf_route_fn handler; /* a typo in queries.def does not compile */
    const char *name;
    const char *type;
    const char *values; /* "a|b|c", or NULL */
    bool required;
    const char *description;
};

static const struct pf_query_param query_params[] = {
#define PF_HTTP_QUERY(op, name, type, values, required, description)                            \
    {op, name, type, values, required, description},
#include "http/queries.def"
#undef PF_HTTP_QUERY
};

static json_t *query_schema(const struct pf_query_param *q)
{
    if (strcmp(q->type, "uuid") == 0)
        return json_pack("{s:s,s:s}", "type", "string", "format", "uuid");
    json_t *schema = json_pack("{s:s}", "type", q->type);
    if (q->values) {
        json_t *values = json_array();
        for (const char *v = q->values; *v;) {
            const char *bar = strchr(v, '|');
            size_t n = bar ? (size_t)(bar - v) : strlen(v);
            json_array_append_new(values, json_stringn(v, n));
            v += n + (bar != NULL);
        }
        json_object_set_new(schema, "enum", values);
    }
    return schema;
}

static json_t *operation(const struct pf_route *route, json_t *schemas)
{
    json_t *op = json_pack("{s:s,s:s,s:[s]}", "operationId", route->operation, "summary",
                           route->summary, "tags", route->tag);
    json_t *params = json_array();
    for (const char *p = strchr(route->pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        json_t *schema = strncmp(p, "{version}", 9) == 0
                             ? json_pack("{s:s,s:i}", "type", "integer", "minimum", 1)
                             : json_pack("{s:s,s:s}", "type", "string", "format", "uuid");
        json_array_append_new(params, json_pack("{s:s#,s:s,s:b,s:o}", "name", p + 1,
                                                (int)(close - p - 1), "in", "path", "required",
                                                1, "schema", schema));
    }
    for (size_t i = 0; i < PF_ARRAY_LEN(query_params); i++) {
        const struct pf_query_param *q = &query_params[i];
        if (q->handler == route->handler)
            json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:s,s:o}", "name", q->name, "in",
                                                    "query", "required", q->required,
                                                    "description", q->description, "schema",
                                                    query_schema(q)));
    }
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);
    if (route->request) {
        add_component(schemas, route->request);
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b,s:{s:{s:o}}}", "required", 1, "content",
                                      "application/json", "schema", ref(route->request)));
    }
    if (route->body == PF_BODY_UPLOAD)
        json_object_set_new(
            op, "requestBody",
            json_pack("{s:b,s:{s:{s:{s:s,s:{s:{s:s,s:s}}}},s:{s:{s:s,s:s}}}}", "required", 1,
                      "content", "multipart/form-data", "schema", "type", "object", "properties",
                      "file", "type", "string", "format", "binary", "application/octet-stream",
                      "schema", "type", "string", "format", "binary"));
    json_t *responses = json_object();
    char status[8];
    snprintf(status, sizeof(status), "%d", route->success_status);
    json_t *ok = json_pack("{s:s}", "description", "success");
    if (route->response) {
        add_component(schemas, route->response);
        json_object_set_new(ok, "content",
                            json_pack("{s:{s:o}}", "application/json", "schema",
                                      ref(route->response)));
    }
    json_object_set_new(responses, status, ok);
    if (route->auth == PF_AUTH_USER) {
        json_object_set_new(responses, "401", error_response("not authenticated"));
        json_object_set_new(responses, "404", error_response("not found in your workspace"));
        json_object_set_new(op, "security", json_pack("[{s:[]},{s:[]}]", "bearerAuth",
                                                      "cookieAuth"));
    }
    if (route->request || strchr(route->pattern, '{'))
        json_object_set_new(responses, "422", error_response("validation failed"));
    json_object_set_new(responses, "default", error_response("error"));
    json_object_set_new(op, "responses", responses);
    return op;
}

json_t *pf_openapi_document(void)
{
    json_t *schemas = json_object();
    json_object_set_new(
        schemas, "Error",
        json_pack("{s:s,s:[s],s:{s:{s:s,s:[s,s],s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}}}", "type",
                  "object", "required", "error", "properties", "error", "type", "object",
                  "required", "code", "message", "properties", "code", "type", "string",
                  "message", "type", "string", "field", "type", "string", "details", "type",
                  "array"));
    json_t *paths = json_object();
    for (size_t i = 0; i < pf_route_count; i++) {
        const struct pf_route *route = &pf_routes[i];
        json_t *item = json_object_get(paths, route->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, route->pattern, item);
        }
        char method[16];
        size_t n = 0;
        for (; route->method[n] && n + 1 < sizeof(method); n++)
            method[n] = (char)(route->method[n] - 'A' + 'a');
        method[n] = '\0';
        json_object_set_new(item, method, operation(route, schemas));
    }
    return json_pack(
        "{s:s,s:{s:s,s:s,s:s},s:o,s:{s:o,s:{s:{s:s,s:s},s:{s:s,s:s,s:s}}}}", "openapi", "3.1.0",
        "info", "title", "PersonaForge API", "version", "1", "description",
        "CVs, knowledge base, personas, gap reports and exports. Errors share one envelope "
        "{error:{code,message,details?,field?}}; validation errors (422) list every problem.",
        "paths", paths, "components", "schemas", schemas, "securitySchemes", "bearerAuth", "type",
        "http", "scheme", "bearer", "cookieAuth", "type", "apiKey", "in", "cookie", "name",
        "pf_session");
}
