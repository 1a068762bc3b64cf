/* Export as a service: a persona's effective document through a stored template to a file, and
 * template validation and previews for the API. */
#ifndef PF_RENDER_RENDER_SERVICE_H
#define PF_RENDER_RENDER_SERVICE_H

#include "app/app.h"
#include "base/arena.h"
#include "base/buf.h"
#include "render/render.h"
#include "store/store.h"

/* A rendered file. */
struct pf_export {
    char *data;               /* arena-owned bytes */
    size_t len;
    const char *content_type; /* static */
    char *filename;           /* arena-owned: "<persona title>.<ext>", safe for a header */
};

/* Renders persona id (its effective document) with the template named or identified by
 * template_key, to format. A cover-letter template needs job_description: its matches are the
 * persona's items most relevant to the posting, each pointing at the text it quotes, and only
 * facts (CV, the user's own words, confirmed knowledge) are stated; letter (may be NULL) holds
 * {greeting?, closing?, body?}. Errors: PF_E_NOT_FOUND (persona or template), PF_E_VALIDATION
 * (err->field: format, template, job_description), PF_E_NOT_ACCEPTABLE (format this template
 * cannot make), PF_E_TEMPLATE (position in err), PF_E_TOO_BIG / PF_E_TIMEOUT (limits). */
PF_MUST_CHECK pf_status pf_export_persona(struct pf_app *app, struct pf_arena *arena,
                                          const struct pf_user *user, pf_id persona_id,
                                          const char *template_key, const char *format,
                                          const char *job_description, const json_t *letter,
                                          struct pf_export *out_export, struct pf_error *err);

/* Compiles body to check it (name, line and column in err on PF_E_TEMPLATE); PF_E_VALIDATION
 * for an unknown engine (err->field "engine"). */
PF_MUST_CHECK pf_status pf_template_check(struct pf_app *app, const char *name, const char *body,
                                          const char *engine, const json_t *config,
                                          struct pf_error *err);

/* Renders body (not stored) with persona_id's effective document, or the sample persona when
 * persona_id is nil, to format: what a template editor shows as it is typed. */
PF_MUST_CHECK pf_status pf_template_preview(struct pf_app *app, struct pf_arena *arena,
                                            const struct pf_user *user, const char *body,
                                            const char *engine, const json_t *config,
                                            const char *format, pf_id persona_id,
                                            struct pf_export *out_export, struct pf_error *err);

#endif
