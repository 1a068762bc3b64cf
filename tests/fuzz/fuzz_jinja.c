/* Fuzz target: the Jinja engine. The first byte picks the escaping mode and whether to render;
 * the rest is the template, compiled and (when picked) rendered with small sandbox limits,
 * sample data and a loader that serves a partial and the template itself. */
#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "render/jinja/jinja.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char context_json[] =
    "{\"name\": \"Ada <Lovelace>\", \"n\": 3, \"f\": 2.5, \"t\": true, \"nothing\": null,"
    " \"items\": [1, 2, 3], \"words\": [\"b\", \"A\", \"c\"],"
    " \"people\": [{\"n\": \"x\", \"a\": 1, \"tags\": [\"p\"]}, {\"n\": \"Y\", \"a\": 2}],"
    " \"resume\": {\"basics\": {\"name\": \"N\", \"profiles\": [{\"url\": \"https://x\"}]},"
    " \"work\": [{\"position\": \"P\", \"highlights\": [\"h1\", \"h2\"]}]}}";

struct loader_ctx {
    struct pf_str self;
};

static pf_status load(void *ctx, struct pf_str name, struct pf_str *out_source,
                      struct pf_error *err)
{
    (void)err;
    const struct loader_ctx *l = ctx;
    if (pf_str_eq_cstr(name, "self")) {
        *out_source = l->self;
        return PF_OK;
    }
    if (pf_str_eq_cstr(name, "part")) {
        *out_source = PF_STR("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ name }}");
        return PF_OK;
    }
    return PF_E_NOT_FOUND;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *context;
    if (!context)
        context = json_loads(context_json, 0, NULL);
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    struct pf_str source = pf_str_make((const char *)data + 1, size - 1);
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_jinja_compile("fuzz", source, 64 * 1024, &tmpl, &err) != PF_OK)
        return 0;
    if (mode & 4) {
        struct loader_ctx l = {source};
        struct pf_jinja_env env = {
            .autoescape = (enum pf_jinja_escape)(mode % 3),
            .limits = {.steps = 20000,
                       .depth = 16,
                       .output_bytes = 64 * 1024,
                       .memory_bytes = 4 << 20,
                       .time_ms = 1000},
            .loader = load,
            .loader_ctx = &l,
        };
        struct pf_buf out = PF_BUF_INIT(1 << 20);
        if (pf_jinja_render(tmpl, context, &env, &out, &err) == PF_OK && out.len > 64 * 1024)
            abort(); /* the output limit was not enforced */
        pf_buf_fini(&out);
    }
    pf_jinja_template_free(tmpl);
    return 0;
}
