/* The Jinja template engine: compile a template once, render it many times
 * (docs/internals/JINJA.md). */
#ifndef PF_RENDER_JINJA_JINJA_H
#define PF_RENDER_JINJA_JINJA_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/common.h"
#include "base/status.h"
#include "base/str.h"

/* Opaque compiled template: the source and its syntax tree. Immutable once compiled, so any
 * number of threads may render the same template at once. */
struct pf_jinja_template;

/* How `{{ expr }}` output is escaped (Jinja's autoescape). NONE prints str(value) as Jinja2 with
 * autoescape=False; HTML mirrors autoescape=True (markupsafe); MARKDOWN escapes the characters
 * that would start Markdown syntax, for templates whose output is Markdown. */
enum pf_jinja_escape {
    PF_JINJA_ESCAPE_NONE = 0,
    PF_JINJA_ESCAPE_HTML,
    PF_JINJA_ESCAPE_MARKDOWN,
};

/* The sandbox: every render stops with an error past any of these (0 means the default). */
struct pf_jinja_limits {
    uint64_t steps;      /* statements, loop iterations, calls and filters (default 1,000,000) */
    uint32_t depth;      /* macro/call/include nesting (default 64) */
    size_t output_bytes; /* bytes written to the output (default 8 MiB) */
    size_t memory_bytes; /* bytes of values built while rendering (default 64 MiB) */
    int64_t time_ms;     /* wall-clock time of one render (default 2000) */
};

/* Resolves `{% include name %}`: stores a view of the named template's source in *out_source
 * (which must stay valid until the render returns) or returns PF_E_NOT_FOUND. Templates never
 * reach files or the network themselves: this callback is their only way out. */
typedef pf_status (*pf_jinja_loader_fn)(void *ctx, struct pf_str name, struct pf_str *out_source,
                                        struct pf_error *err);

/* Render-time settings. Zero-initialised means: no escaping, default limits, no includes. */
struct pf_jinja_env {
    enum pf_jinja_escape autoescape;
    struct pf_jinja_limits limits;
    pf_jinja_loader_fn loader; /* NULL: every include fails as not found */
    void *loader_ctx;
};

/* Compiles source (UTF-8, at most max_source_bytes; 0 means 256 KiB) named name (used in error
 * messages, copied). On success *out_tmpl is a new template the caller frees with
 * pf_jinja_template_free(). Errors: PF_E_TEMPLATE with "name:line:col: message" in err (and
 * err->line/column set), PF_E_TOO_BIG past the size or nesting limit. Thread-safe. */
PF_MUST_CHECK pf_status pf_jinja_compile(const char *name, struct pf_str source,
                                         size_t max_source_bytes,
                                         struct pf_jinja_template **out_tmpl, struct pf_error *err);

/* NULL-safe. */
void pf_jinja_template_free(struct pf_jinja_template *tmpl);

/* The name given at compile time. Never NULL. */
const char *pf_jinja_template_name(const struct pf_jinja_template *tmpl);

/* Renders tmpl with the keys of context (a JSON object, or NULL for none) as its variables and
 * appends the output to out (whose own max also applies). env may be NULL for the defaults.
 * Errors: PF_E_TEMPLATE for runtime errors ("name:line:col: message"), PF_E_TOO_BIG past the
 * steps, depth, output or memory limit (err->field names the limit), PF_E_TIMEOUT past the time
 * limit. On error out holds a partial output the caller should discard. Thread-safe: the
 * template and context are only read. */
PF_MUST_CHECK pf_status pf_jinja_render(const struct pf_jinja_template *tmpl, const json_t *context,
                                        const struct pf_jinja_env *env, struct pf_buf *out,
                                        struct pf_error *err);

#endif
