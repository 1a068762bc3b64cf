/* The built-in templates: data/templates/ compiled into the binary, described by its
 * manifest.json, and the loader that lets templates include the built-in partials. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/mem.h"
#include "render/render_int.h"

extern const struct pf_embedded_file pf_render_templates[];
extern const size_t pf_render_templates_count;

/* Built once from compiled-in bytes and never written again: constant data, not state. */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static struct pf_builtin_template *table;
static size_t table_count;
static json_t *manifest;

static const struct pf_embedded_file *embedded(struct pf_str path)
{
    return pf_embed_find(pf_render_templates, path);
}

/* The manifest is part of the build: a malformed one is a bug the unit tests catch, so it
 * asserts rather than reporting to a user. */
static void build_table(void)
{
    const struct pf_embedded_file *file = embedded(PF_STR("manifest.json"));
    PF_ASSERT(file);
    json_error_t error;
    manifest = json_loadb(file->data, file->len, 0, &error);
    PF_ASSERT(manifest);
    const json_t *items = json_object_get(manifest, "templates");
    PF_ASSERT(json_is_array(items));
    table_count = json_array_size(items);
    table = pf_xcalloc(table_count + 1, sizeof(*table));
    for (size_t i = 0; i < table_count; i++) {
        const json_t *item = json_array_get(items, i);
        struct pf_builtin_template *t = &table[i];
        t->name = json_string_value(json_object_get(item, "name"));
        t->title = json_string_value(json_object_get(item, "title"));
        const char *path = json_string_value(json_object_get(item, "file"));
        PF_ASSERT(t->name && t->title && path);
        bool known_type =
            pf_template_type_parse(json_string_value(json_object_get(item, "type")), &t->type);
        bool known_engine = pf_template_engine_parse(
            json_string_value(json_object_get(item, "engine")), &t->engine);
        PF_ASSERT(known_type && known_engine);
        const struct pf_embedded_file *source = embedded(pf_str_from_cstr(path));
        PF_ASSERT(source);
        t->source = pf_str_make(source->data, source->len);
        t->config = json_object_get(item, "config");
        if (!t->config) {
            json_object_set_new((json_t *)item, "config", json_object());
            t->config = json_object_get(item, "config");
        }
    }
}

size_t pf_render_builtin_count(void)
{
    pthread_once(&table_once, build_table);
    return table_count;
}

const struct pf_builtin_template *pf_render_builtin_at(size_t index)
{
    pthread_once(&table_once, build_table);
    return index < table_count ? &table[index] : NULL;
}

const struct pf_builtin_template *pf_render_builtin_find(struct pf_str name)
{
    pthread_once(&table_once, build_table);
    for (size_t i = 0; i < table_count; i++)
        if (pf_str_eq_cstr(name, table[i].name))
            return &table[i];
    return NULL;
}

pf_status pf_render_builtin_compile(struct pf_str name, const struct pf_render_limits *limits,
                                    struct pf_template **out_tmpl, struct pf_error *err)
{
    const struct pf_builtin_template *t = pf_render_builtin_find(name);
    if (!t)
        return pf_error_set(err, PF_E_NOT_FOUND, "no built-in template named %.*s", (int)name.len,
                            name.ptr);
    return pf_template_compile(t->name, t->source, t->engine, t->config, limits, out_tmpl, err);
}

json_t *pf_render_builtins_json(void)
{
    json_t *items = json_array();
    for (size_t i = 0; i < pf_render_builtin_count(); i++) {
        const struct pf_builtin_template *t = pf_render_builtin_at(i);
        json_array_append_new(items,
                              json_pack("{s:s, s:s, s:s, s:s, s:O}", "name", t->name, "title",
                                        t->title, "type", pf_template_type_name(t->type), "engine",
                                        pf_template_engine_name(t->engine), "config", t->config));
    }
    return json_pack("{s:o}", "items", items);
}

json_t *pf_render_sample_persona(void)
{
    const struct pf_embedded_file *file = embedded(PF_STR("sample-persona.json"));
    PF_ASSERT(file);
    json_error_t error;
    json_t *persona = json_loadb(file->data, file->len, 0, &error);
    PF_ASSERT(persona);
    return persona;
}

pf_status pf_render_builtin_loader(void *ctx, struct pf_str name, struct pf_str *out_source,
                                   struct pf_error *err)
{
    (void)ctx;
    (void)err;
    /* Partials by path ("partials/contact.md"); whole templates by name. */
    const struct pf_embedded_file *file = embedded(name);
    if (file && !pf_str_eq_cstr(name, "manifest.json")) {
        *out_source = pf_str_make(file->data, file->len);
        return PF_OK;
    }
    const struct pf_builtin_template *t = pf_render_builtin_find(name);
    if (!t)
        return PF_E_NOT_FOUND;
    *out_source = t->source;
    return PF_OK;
}
