/* Renders Jinja cases with this engine for the differential test (run_diff.py): reads a JSON
 * array of {name, template, data, autoescape, includes} on stdin and writes a JSON array of
 * {name, output, error} on stdout. */
#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/json.h"
#include "render/jinja/jinja.h"

static pf_status load(void *ctx, struct pf_str name, struct pf_str *out_source,
                      struct pf_error *err)
{
    (void)err;
    const json_t *includes = ctx;
    char key[256];
    if (name.len >= sizeof(key))
        return PF_E_NOT_FOUND;
    snprintf(key, sizeof(key), "%.*s", (int)name.len, name.ptr);
    const json_t *source = json_object_get(includes, key);
    if (!json_is_string(source))
        return PF_E_NOT_FOUND;
    *out_source = pf_str_make(json_string_value(source), json_string_length(source));
    return PF_OK;
}

static json_t *run_case(const json_t *c)
{
    const json_t *source = json_object_get(c, "template");
    struct pf_jinja_env env = {
        .autoescape = json_is_true(json_object_get(c, "autoescape")) ? PF_JINJA_ESCAPE_HTML
                                                                     : PF_JINJA_ESCAPE_NONE,
        .loader = load,
        .loader_ctx = json_object_get(c, "includes"),
    };
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_buf out = PF_BUF_INIT((size_t)64 << 20);
    json_t *result = json_pack("{s:O}", "name", json_object_get(c, "name"));
    pf_status st = pf_jinja_compile(
        "case", pf_str_make(json_string_value(source), json_string_length(source)), 0, &tmpl, &err);
    if (st == PF_OK)
        st = pf_jinja_render(tmpl, json_object_get(c, "data"), &env, &out, &err);
    if (st == PF_OK)
        json_object_set_new(result, "output", json_stringn(pf_buf_cstr(&out), out.len));
    else
        json_object_set_new(result, "error", json_string(pf_error_message(&err)));
    pf_jinja_template_free(tmpl);
    pf_buf_fini(&out);
    return result;
}

int main(void)
{
    json_error_t error;
    json_t *cases = json_loadf(stdin, 0, &error);
    if (!json_is_array(cases)) {
        fprintf(stderr, "jinja_runner: stdin is not a JSON array: %s\n", error.text);
        return 2;
    }
    json_t *results = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c)
    {
        json_array_append_new(results, run_case(c));
    }
    json_dumpf(results, stdout, JSON_COMPACT);
    putchar('\n');
    json_decref(results);
    json_decref(cases);
    return 0;
}
