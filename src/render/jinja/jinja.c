/* Jinja engine entry points: compiling a template (normalise, lex, parse) and error positions. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "render/jinja/jinja_int.h"

#define DEFAULT_MAX_SOURCE ((size_t)256 * 1024)

pf_status pf_jinja_error_atv(const struct pf_jinja_template *tmpl, uint32_t offset,
                             struct pf_error *err, pf_status st, const char *fmt, va_list ap)
{
    if (!err)
        return st;
    int line = 1;
    int column = 1;
    size_t end = offset <= tmpl->source.len ? offset : tmpl->source.len;
    for (size_t i = 0; i < end; i++) {
        unsigned char ch = (unsigned char)tmpl->source.ptr[i];
        if (ch == '\n') {
            line++;
            column = 1;
        } else if ((ch & 0xC0) != 0x80) {
            column++;
        }
    }
    char message[PF_ERROR_MSG_MAX];
    vsnprintf(message, sizeof(message), fmt, ap);
    pf_error_set(err, st, "%s:%d:%d: %s", tmpl->name, line, column, message);
    snprintf(err->field, sizeof(err->field), "%s", tmpl->name);
    err->line = line;
    err->column = column;
    err->offset = (long)offset;
    return st;
}

pf_status pf_jinja_error_at(const struct pf_jinja_template *tmpl, uint32_t offset,
                            struct pf_error *err, pf_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_status ret = pf_jinja_error_atv(tmpl, offset, err, st, fmt, ap);
    va_end(ap);
    return ret;
}

/* Jinja2 turns every \r\n and \r into \n and, with keep_trailing_newline=False (its default),
 * drops one trailing newline. */
static struct pf_str normalise(struct pf_arena *arena, struct pf_str source)
{
    char *copy = pf_arena_alloc(arena, source.len + 1);
    size_t n = 0;
    for (size_t i = 0; i < source.len; i++) {
        char ch = source.ptr[i];
        if (ch == '\r') {
            if (i + 1 < source.len && source.ptr[i + 1] == '\n')
                i++;
            ch = '\n';
        }
        copy[n++] = ch;
    }
    if (n > 0 && copy[n - 1] == '\n')
        n--;
    copy[n] = '\0';
    return pf_str_make(copy, n);
}

pf_status pf_jinja_compile(const char *name, struct pf_str source, size_t max_source_bytes,
                           struct pf_jinja_template **out_tmpl, struct pf_error *err)
{
    struct pf_jinja_template *tmpl = NULL;
    pf_status st = PF_OK;
    size_t max = max_source_bytes ? max_source_bytes : DEFAULT_MAX_SOURCE;
    if (!name || !*name)
        name = "<template>";
    if (source.len > max) {
        st = pf_error_set_field(err, PF_E_TOO_BIG, "limit_template_bytes",
                                "%s: the template is %zu bytes, over the limit of %zu", name,
                                source.len, max);
        goto done;
    }
    if (!pf_utf8_valid(source.ptr, source.len)) {
        st = pf_error_set(err, PF_E_TEMPLATE, "%s: the template is not valid UTF-8", name);
        goto done;
    }
    tmpl = pf_xcalloc(1, sizeof(*tmpl));
    tmpl->name = pf_xstrdup(name);
    tmpl->arena = pf_arena_new();
    tmpl->source = normalise(tmpl->arena, source);
    struct pf_jinja_token *tokens = NULL;
    size_t count = 0;
    uint32_t error_offset = 0;
    st = pf_jinja_lex(tmpl->arena, tmpl->source, &tokens, &count, &error_offset, err);
    if (st != PF_OK) {
        char message[PF_ERROR_MSG_MAX];
        snprintf(message, sizeof(message), "%s", pf_error_message(err));
        pf_jinja_error_at(tmpl, error_offset, err, st, "%s", message);
        goto done;
    }
    st = pf_jinja_parse(tmpl, tokens, count, err);
    if (st != PF_OK)
        goto done;
    *out_tmpl = tmpl;
    tmpl = NULL;
done:
    pf_jinja_template_free(tmpl);
    return st;
}

void pf_jinja_template_free(struct pf_jinja_template *tmpl)
{
    if (!tmpl)
        return;
    pf_arena_free(tmpl->arena);
    free(tmpl->name);
    free(tmpl);
}

const char *pf_jinja_template_name(const struct pf_jinja_template *tmpl)
{
    return tmpl->name;
}
