/* Helpers the Jinja unit tests share: compile and render a template from strings. */
#ifndef PF_TESTS_JINJA_TEST_UTIL_H
#define PF_TESTS_JINJA_TEST_UTIL_H

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "render/jinja/jinja.h"

/* Renders source with data (JSON text, or NULL) under env (NULL for defaults). Returns the
 * status; *out_text is the output or the error message (caller frees). */
static inline pf_status jt_render_env(const char *source, const char *data,
                                      const struct pf_jinja_env *env, char **out_text,
                                      struct pf_error *out_err)
{
    struct pf_error err = PF_ERROR_INIT;
    struct pf_jinja_template *tmpl = NULL;
    struct pf_buf out = PF_BUF_INIT((size_t)64 << 20);
    json_t *json = data ? json_loads(data, 0, NULL) : NULL;
    pf_status st = pf_jinja_compile("t", pf_str_from_cstr(source), 0, &tmpl, &err);
    if (st == PF_OK)
        st = pf_jinja_render(tmpl, json, env, &out, &err);
    *out_text = st == PF_OK ? pf_buf_take(&out, NULL) : strdup(pf_error_message(&err));
    if (out_err)
        *out_err = err;
    pf_buf_fini(&out);
    json_decref(json);
    pf_jinja_template_free(tmpl);
    return st;
}

/* Renders and returns the output, or "ERROR: message" (static buffer, valid until the next
 * call) for easy comparisons. */
static inline const char *jt_render(const char *source, const char *data)
{
    static char result[4096];
    char *text = NULL;
    pf_status st = jt_render_env(source, data, NULL, &text, NULL);
    snprintf(result, sizeof(result), "%s%s", st == PF_OK ? "" : "ERROR: ", text);
    free(text);
    return result;
}

#endif
