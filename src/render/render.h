/* Templates and export: compile a template (markdown or jinja engine), render it with data into
 * md, html, pdf, docx, txt or json, list the built-in templates (docs/internals/RENDER.md). */
#ifndef PF_RENDER_RENDER_H
#define PF_RENDER_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/common.h"
#include "base/config.h"
#include "base/status.h"
#include "base/str.h"

enum pf_render_format {
    PF_FORMAT_MD = 0,
    PF_FORMAT_HTML,
    PF_FORMAT_PDF,
    PF_FORMAT_DOCX,
    PF_FORMAT_TXT,
    PF_FORMAT_JSON,
};

/* `markdown`: Markdown with Jinja expressions, converted to every format. `jinja`: writes HTML
 * or text directly (its config's "output"). */
enum pf_template_engine {
    PF_ENGINE_MARKDOWN = 0,
    PF_ENGINE_JINJA,
};

enum pf_template_type {
    PF_TEMPLATE_CV = 0,
    PF_TEMPLATE_COVER_LETTER,
};

/* Parses "md", "html", "pdf", "docx", "txt", "json" (also "markdown", "text"). */
PF_MUST_CHECK bool pf_render_format_parse(const char *name, enum pf_render_format *out_format);
/* "md", "html"... Static strings. */
const char *pf_render_format_name(enum pf_render_format format);
/* The MIME type to serve: "application/pdf", "text/markdown; charset=utf-8"... */
const char *pf_render_content_type(enum pf_render_format format);
/* The file extension without the dot: "pdf", "md"... */
const char *pf_render_extension(enum pf_render_format format);
/* Parses "markdown" / "jinja"; "cv" / "cover_letter". */
PF_MUST_CHECK bool pf_template_engine_parse(const char *name, enum pf_template_engine *out_engine);
const char *pf_template_engine_name(enum pf_template_engine engine);
PF_MUST_CHECK bool pf_template_type_parse(const char *name, enum pf_template_type *out_type);
const char *pf_template_type_name(enum pf_template_type type);

/* The sandbox of one render. Zero fields take the defaults of config.def. */
struct pf_render_limits {
    size_t template_bytes; /* limit_template_bytes */
    uint64_t steps;        /* limit_template_steps */
    uint32_t depth;        /* limit_template_depth (at most 256 whatever the config) */
    size_t output_bytes;   /* limit_render_output: the template's output and the exported file */
    size_t memory_bytes;   /* limit_template_memory */
    int64_t time_ms;       /* limit_template_ms: the template and the writer together */
    uint32_t pages;        /* most PDF pages (default 100) */
};

/* Reads the limit_* settings. */
void pf_render_limits_from_config(const struct pf_config *config, struct pf_render_limits *out);

/* Resolves `{% include "name" %}` to template source that stays valid during the render, or
 * returns PF_E_NOT_FOUND. The built-in templates are found without a loader. */
typedef pf_status (*pf_template_loader_fn)(void *ctx, struct pf_str name, struct pf_str *out_source,
                                           struct pf_error *err);

/* Opaque compiled template: immutable once compiled, so it may be cached and rendered by any
 * number of threads at once. */
struct pf_template;

/* Compiles source. name appears in error messages ("name:line:col: message"); config is the
 * template's style (fonts, sizes, colours, page, columns; for the jinja engine "output": "html"
 * or "txt"), a JSON object or NULL for the defaults, borrowed and copied. limits may be NULL.
 * *out_tmpl is freed with pf_template_free(). Errors: PF_E_TEMPLATE (syntax, bad config),
 * PF_E_TOO_BIG (source over limit_template_bytes). Thread-safe. */
PF_MUST_CHECK pf_status pf_template_compile(const char *name, struct pf_str source,
                                            enum pf_template_engine engine, const json_t *config,
                                            const struct pf_render_limits *limits,
                                            struct pf_template **out_tmpl, struct pf_error *err);
/* NULL-safe. */
void pf_template_free(struct pf_template *tmpl);
const char *pf_template_name(const struct pf_template *tmpl);
enum pf_template_engine pf_template_engine_of(const struct pf_template *tmpl);
/* The config given at compile time (borrowed; an empty object when none was given). */
const json_t *pf_template_config(const struct pf_template *tmpl);
/* Whether render can produce format from this template: markdown templates produce every
 * format; jinja templates their "output" format (html by default); json always works. */
bool pf_template_supports(const struct pf_template *tmpl, enum pf_render_format format);

/* One render. data is the template's variables (a JSON object). */
struct pf_render_request {
    const struct pf_template *tmpl;
    const json_t *data;
    enum pf_render_format format;
    const struct pf_render_limits *limits; /* NULL: defaults */
    pf_template_loader_fn loader;          /* NULL: built-in templates only */
    void *loader_ctx;
    const char *title;  /* PDF/DOCX/HTML document title; NULL: data.resume.basics.name */
    const char *author; /* PDF/DOCX author; NULL: the same name */
};

/* Renders req into out (appending; out's own max applies too). json writes data.resume (or
 * data when it has no resume) as indented JSON. Errors: PF_E_TEMPLATE with the position,
 * PF_E_TOO_BIG / PF_E_TIMEOUT past a limit (err->field names it), PF_E_NOT_ACCEPTABLE when the
 * template cannot produce the format. Thread-safe. */
PF_MUST_CHECK pf_status pf_render(const struct pf_render_request *req, struct pf_buf *out,
                                  struct pf_error *err);

/* The data a CV or cover-letter template sees (docs/internals/RENDER.md): {"resume": persona,
 * "config": the template's config, ...extra's keys (job, letter, matches for cover letters)},
 * with matches filtered by pf_render_matches_resolve and "matches_dropped" counting the rest.
 * persona is borrowed (incref'd into the result); extra may be NULL. New reference. */
json_t *pf_render_data_new(const struct pf_template *tmpl, const json_t *persona,
                           const json_t *extra);

/* The matches a cover letter may state, from matches (an array of {requirement, pointer,
 * source, confirmed}): a match is kept when its pointer (RFC 6901) names a string in resume and
 * its source is "cv" or "user_answer" or it is confirmed; the kept ones gain evidence (the
 * resume's text at the pointer), section and entry (the resume entry holding it). Unconfirmed
 * inferences and dangling pointers are dropped (*out_dropped counts them; may be NULL). New
 * reference. pf_render_data_new applies it to extra's "matches". */
json_t *pf_render_matches_resolve(const json_t *resume, const json_t *matches, size_t *out_dropped);

/* A built-in template (data/templates/manifest.json, compiled into the binary). */
struct pf_builtin_template {
    const char *name;  /* "classic", "modern", "compact", "ats", "letter-formal"... */
    const char *title; /* human-readable */
    enum pf_template_type type;
    enum pf_template_engine engine;
    struct pf_str source;
    const json_t *config; /* borrowed, lives as long as the process */
};

/* The built-ins in manifest order; index past the end gives NULL. Thread-safe (the table is
 * built once, on first use). */
size_t pf_render_builtin_count(void);
const struct pf_builtin_template *pf_render_builtin_at(size_t index);
/* By name, or NULL. */
const struct pf_builtin_template *pf_render_builtin_find(struct pf_str name);
/* Compiles a built-in by name; PF_E_NOT_FOUND when there is none. */
PF_MUST_CHECK pf_status pf_render_builtin_compile(struct pf_str name,
                                                  const struct pf_render_limits *limits,
                                                  struct pf_template **out_tmpl,
                                                  struct pf_error *err);
/* {"items": [{"name", "title", "type", "engine", "config"}...]} for GET /templates. New
 * reference. */
json_t *pf_render_builtins_json(void);
/* A realistic sample persona (JSON Resume) for previews. New reference. */
json_t *pf_render_sample_persona(void);

/* Loads the fonts ahead of the first PDF (fontconfig's configuration and cache, Pango's font
 * map), so the first export of a server does not spend its time limit on them. Optional;
 * thread-safe; call once at start-up. */
void pf_render_prepare(void);

/* Template preview: compiles source and renders it with data (NULL: the sample persona, wrapped
 * as pf_render_data_new does) to format. For an editor showing a template as it is typed. */
PF_MUST_CHECK pf_status pf_render_preview(struct pf_str source, enum pf_template_engine engine,
                                          const json_t *config, const json_t *data,
                                          enum pf_render_format format,
                                          const struct pf_render_limits *limits, struct pf_buf *out,
                                          struct pf_error *err);

#endif
