/* Template compilation and the render pipeline: Jinja (sandboxed) to Markdown, HTML or text, then
 * Markdown on to HTML, PDF, DOCX or text; formats, limits and the data contract. */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "render/render_int.h"

#define DEFAULT_TEMPLATE_BYTES ((size_t)256 * 1024)
#define DEFAULT_STEPS          1000000
#define DEFAULT_DEPTH          64
#define DEFAULT_OUTPUT         ((size_t)8 << 20)
#define DEFAULT_MEMORY         ((size_t)64 << 20)
#define DEFAULT_TIME_MS        2000
#define DEFAULT_PAGES          100

struct pf_template {
    char *name; /* heap */
    enum pf_template_engine engine;
    json_t *config; /* owned reference, an object */
    struct pf_render_style style;
    struct pf_jinja_template *jinja; /* owned */
};

static const struct {
    const char *name;
    const char *content_type;
    const char *extension;
} formats[] = {
    [PF_FORMAT_MD] = {"md", "text/markdown; charset=utf-8", "md"},
    [PF_FORMAT_HTML] = {"html", "text/html; charset=utf-8", "html"},
    [PF_FORMAT_PDF] = {"pdf", "application/pdf", "pdf"},
    [PF_FORMAT_DOCX] = {"docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "docx"},
    [PF_FORMAT_TXT] = {"txt", "text/plain; charset=utf-8", "txt"},
    [PF_FORMAT_JSON] = {"json", "application/json", "json"},
};

bool pf_render_format_parse(const char *name, enum pf_render_format *out_format)
{
    if (!name)
        return false;
    for (size_t i = 0; i < PF_ARRAY_LEN(formats); i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out_format = (enum pf_render_format)i;
            return true;
        }
    }
    if (strcmp(name, "markdown") == 0) {
        *out_format = PF_FORMAT_MD;
        return true;
    }
    if (strcmp(name, "text") == 0) {
        *out_format = PF_FORMAT_TXT;
        return true;
    }
    return false;
}

const char *pf_render_format_name(enum pf_render_format format)
{
    return (size_t)format < PF_ARRAY_LEN(formats) ? formats[format].name : "unknown";
}

const char *pf_render_content_type(enum pf_render_format format)
{
    return (size_t)format < PF_ARRAY_LEN(formats) ? formats[format].content_type
                                                  : "application/octet-stream";
}

const char *pf_render_extension(enum pf_render_format format)
{
    return (size_t)format < PF_ARRAY_LEN(formats) ? formats[format].extension : "bin";
}

bool pf_template_engine_parse(const char *name, enum pf_template_engine *out_engine)
{
    if (name && strcmp(name, "markdown") == 0) {
        *out_engine = PF_ENGINE_MARKDOWN;
        return true;
    }
    if (name && strcmp(name, "jinja") == 0) {
        *out_engine = PF_ENGINE_JINJA;
        return true;
    }
    return false;
}

const char *pf_template_engine_name(enum pf_template_engine engine)
{
    return engine == PF_ENGINE_JINJA ? "jinja" : "markdown";
}

bool pf_template_type_parse(const char *name, enum pf_template_type *out_type)
{
    if (name && strcmp(name, "cv") == 0) {
        *out_type = PF_TEMPLATE_CV;
        return true;
    }
    if (name && strcmp(name, "cover_letter") == 0) {
        *out_type = PF_TEMPLATE_COVER_LETTER;
        return true;
    }
    return false;
}

const char *pf_template_type_name(enum pf_template_type type)
{
    return type == PF_TEMPLATE_COVER_LETTER ? "cover_letter" : "cv";
}

void pf_render_limits_from_config(const struct pf_config *config, struct pf_render_limits *out)
{
    memset(out, 0, sizeof(*out));
    out->template_bytes = (size_t)config->limit_template_bytes;
    out->steps = (uint64_t)config->limit_template_steps;
    out->depth = (uint32_t)config->limit_template_depth;
    out->output_bytes = (size_t)config->limit_render_output;
    out->memory_bytes = (size_t)config->limit_template_memory;
    out->time_ms = config->limit_template_ms;
    out->pages = (uint32_t)config->limit_render_pages;
}

static void effective_limits(const struct pf_render_limits *given, struct pf_render_limits *out)
{
    static const struct pf_render_limits none;
    if (!given)
        given = &none;
    out->template_bytes = given->template_bytes ? given->template_bytes : DEFAULT_TEMPLATE_BYTES;
    out->steps = given->steps ? given->steps : DEFAULT_STEPS;
    out->depth = given->depth ? given->depth : DEFAULT_DEPTH;
    out->output_bytes = given->output_bytes ? given->output_bytes : DEFAULT_OUTPUT;
    out->memory_bytes = given->memory_bytes ? given->memory_bytes : DEFAULT_MEMORY;
    out->time_ms = given->time_ms ? given->time_ms : DEFAULT_TIME_MS;
    out->pages = given->pages ? given->pages : DEFAULT_PAGES;
}

pf_status pf_template_compile(const char *name, struct pf_str source,
                              enum pf_template_engine engine, const json_t *config,
                              const struct pf_render_limits *limits, struct pf_template **out_tmpl,
                              struct pf_error *err)
{
    struct pf_render_limits lim;
    effective_limits(limits, &lim);
    struct pf_template *tmpl = pf_xcalloc(1, sizeof(*tmpl));
    tmpl->name = pf_xstrdup(name && *name ? name : "<template>");
    tmpl->engine = engine;
    tmpl->config = config ? json_deep_copy(config) : json_object();
    pf_status st = pf_render_style_parse(tmpl->config, &tmpl->style, err);
    if (st == PF_OK && engine == PF_ENGINE_MARKDOWN && tmpl->style.jinja_text)
        st = pf_error_set(err, PF_E_TEMPLATE,
                          "template config: output applies to the jinja engine only");
    if (st == PF_OK)
        st = pf_jinja_compile(tmpl->name, source, lim.template_bytes, &tmpl->jinja, err);
    if (st != PF_OK)
        goto done;
    *out_tmpl = tmpl;
    tmpl = NULL;
done:
    pf_template_free(tmpl);
    return st;
}

void pf_template_free(struct pf_template *tmpl)
{
    if (!tmpl)
        return;
    pf_jinja_template_free(tmpl->jinja);
    json_decref(tmpl->config);
    free(tmpl->name);
    free(tmpl);
}

const char *pf_template_name(const struct pf_template *tmpl)
{
    return tmpl->name;
}

enum pf_template_engine pf_template_engine_of(const struct pf_template *tmpl)
{
    return tmpl->engine;
}

const json_t *pf_template_config(const struct pf_template *tmpl)
{
    return tmpl->config;
}

bool pf_template_supports(const struct pf_template *tmpl, enum pf_render_format format)
{
    if (format == PF_FORMAT_JSON || tmpl->engine == PF_ENGINE_MARKDOWN)
        return (size_t)format < PF_ARRAY_LEN(formats);
    return format == (tmpl->style.jinja_text ? PF_FORMAT_TXT : PF_FORMAT_HTML);
}

json_t *pf_render_data_new(const struct pf_template *tmpl, const json_t *persona,
                           const json_t *extra)
{
    json_t *data = json_object();
    const char *key;
    json_t *value;
    if (json_is_object(extra)) {
        json_object_foreach((json_t *)extra, key, value)
        {
            json_object_set(data, key, value);
        }
    }
    if (persona)
        json_object_set(data, "resume", (json_t *)persona);
    else
        json_object_set_new(data, "resume", json_object());
    if (tmpl)
        json_object_set(data, "config", tmpl->config);
    else
        json_object_set_new(data, "config", json_object());
    /* The cover-letter contract: a template only ever sees matches it may state as facts. */
    const json_t *matches = json_object_get(extra, "matches");
    if (json_is_array(matches)) {
        size_t dropped = 0;
        json_object_set_new(data, "matches", pf_render_matches_resolve(persona, matches, &dropped));
        json_object_set_new(data, "matches_dropped", json_integer((json_int_t)dropped));
    }
    return data;
}

struct chain_loader {
    pf_template_loader_fn loader;
    void *ctx;
};

/* The caller's loader first (user templates), then the built-ins. */
static pf_status chain_load(void *ctx, struct pf_str name, struct pf_str *out_source,
                            struct pf_error *err)
{
    const struct chain_loader *chain = ctx;
    if (chain->loader) {
        pf_status st = chain->loader(chain->ctx, name, out_source, err);
        if (st != PF_E_NOT_FOUND)
            return st;
    }
    return pf_render_builtin_loader(NULL, name, out_source, err);
}

static const char *document_name(const json_t *data)
{
    const json_t *resume = json_object_get(data, "resume");
    const char *name =
        json_string_value(json_object_get(json_object_get(resume, "basics"), "name"));
    return name && *name ? name : NULL;
}

static pf_status write_json(const struct pf_render_request *req, struct pf_buf *out,
                            struct pf_error *err)
{
    const json_t *resume = json_object_get(req->data, "resume");
    char *text = json_dumps(resume ? resume : req->data, JSON_INDENT(2));
    if (!text)
        return pf_error_set(err, PF_E_INVALID, "the persona cannot be written as JSON");
    pf_buf_puts(out, text);
    pf_buf_putc(out, '\n');
    free(text);
    return PF_OK;
}

pf_status pf_render(const struct pf_render_request *req, struct pf_buf *out, struct pf_error *err)
{
    const struct pf_template *tmpl = req->tmpl;
    struct pf_render_limits lim;
    effective_limits(req->limits, &lim);
    struct pf_buf text = PF_BUF_INIT(lim.output_bytes);
    struct pf_buf file = PF_BUF_INIT(lim.output_bytes);
    struct pf_arena *arena = pf_arena_new();
    pf_status st = PF_OK;
    if (req->data && !json_is_object(req->data)) {
        st = pf_error_set(err, PF_E_INVALID, "render data must be a JSON object");
        goto done;
    }
    if (!pf_template_supports(tmpl, req->format)) {
        st = pf_error_set(err, PF_E_NOT_ACCEPTABLE, "template %s (%s engine) cannot produce %s",
                          tmpl->name, pf_template_engine_name(tmpl->engine),
                          pf_render_format_name(req->format));
        goto done;
    }
    if (req->format == PF_FORMAT_JSON) {
        st = write_json(req, &file, err);
        goto finish;
    }
    int64_t deadline = pf_monotonic_ns() + lim.time_ms * 1000000;
    struct chain_loader chain = {req->loader, req->loader_ctx};
    struct pf_jinja_env env = {
        .autoescape = tmpl->engine == PF_ENGINE_MARKDOWN ? PF_JINJA_ESCAPE_MARKDOWN
                      : tmpl->style.jinja_text           ? PF_JINJA_ESCAPE_NONE
                                                         : PF_JINJA_ESCAPE_HTML,
        .limits = {lim.steps, lim.depth, lim.output_bytes, lim.memory_bytes, lim.time_ms},
        .loader = chain_load,
        .loader_ctx = &chain,
    };
    st = pf_jinja_render(tmpl->jinja, req->data, &env, &text, err);
    if (st != PF_OK)
        goto done;
    if (tmpl->engine == PF_ENGINE_JINJA || req->format == PF_FORMAT_MD) {
        pf_buf_append_str(&file, pf_buf_view(&text));
        goto finish;
    }
    const char *name = document_name(req->data);
    struct pf_render_ctx ctx = {
        .style = &tmpl->style,
        .title = req->title ? req->title
                 : name     ? name
                            : tmpl->name,
        .author = req->author ? req->author
                  : name      ? name
                              : "",
        .deadline_ns = deadline,
        .max_pages = lim.pages,
        .arena = arena,
    };
    if (req->format == PF_FORMAT_HTML) {
        st = pf_render_html(&ctx, pf_buf_view(&text), &file, err);
        goto finish;
    }
    struct pf_doc doc;
    st = pf_doc_parse(arena, pf_buf_view(&text), &doc, err);
    if (st != PF_OK)
        goto done;
    switch (req->format) {
    case PF_FORMAT_PDF:
        st = pf_render_pdf(&ctx, &doc, &file, err);
        break;
    case PF_FORMAT_DOCX:
        st = pf_render_docx(&ctx, &doc, &file, err);
        break;
    case PF_FORMAT_TXT:
        st = pf_render_txt(&ctx, &doc, &file, err);
        break;
    case PF_FORMAT_MD:
    case PF_FORMAT_HTML:
    case PF_FORMAT_JSON:
        PF_UNREACHABLE();
    }
finish:
    if (st == PF_OK && pf_buf_status(&file) != PF_OK)
        st = pf_error_set_field(err, PF_E_TOO_BIG, "limit_render_output",
                                "the exported %s is larger than the output limit (%zu bytes)",
                                pf_render_format_name(req->format), lim.output_bytes);
    if (st != PF_OK)
        goto done;
    pf_buf_append_str(out, pf_buf_view(&file));
    if (pf_buf_status(out) != PF_OK)
        st = pf_error_set_field(err, PF_E_TOO_BIG, "limit_render_output",
                                "the exported file does not fit the output buffer");
done:
    pf_arena_free(arena);
    pf_buf_fini(&file);
    pf_buf_fini(&text);
    return st;
}

pf_status pf_render_preview(struct pf_str source, enum pf_template_engine engine,
                            const json_t *config, const json_t *data, enum pf_render_format format,
                            const struct pf_render_limits *limits, struct pf_buf *out,
                            struct pf_error *err)
{
    struct pf_template *tmpl = NULL;
    json_t *sample = NULL;
    json_t *wrapped = NULL;
    pf_status st = pf_template_compile("preview", source, engine, config, limits, &tmpl, err);
    if (st != PF_OK)
        goto done;
    if (!data) {
        sample = pf_render_sample_persona();
        wrapped = pf_render_data_new(tmpl, sample, NULL);
        data = wrapped;
    }
    struct pf_render_request req = {.tmpl = tmpl, .data = data, .format = format, .limits = limits};
    st = pf_render(&req, out, err);
done:
    json_decref(wrapped);
    json_decref(sample);
    pf_template_free(tmpl);
    return st;
}

void pf_render_prepare(void)
{
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_template_compile("prepare", PF_STR("# PersonaForge\n\n*ready* `now`"),
                            PF_ENGINE_MARKDOWN, NULL, NULL, &tmpl, &err) != PF_OK)
        return;
    struct pf_buf out = PF_BUF_INIT((size_t)1 << 20);
    struct pf_render_limits limits = {.time_ms = 60000};
    struct pf_render_request req = {.tmpl = tmpl, .format = PF_FORMAT_PDF, .limits = &limits};
    /* A failure here only means the first real export pays for the fonts. */
    if (pf_render(&req, &out, &err) != PF_OK)
        pf_error_clear(&err);
    pf_buf_fini(&out);
    pf_template_free(tmpl);
}
