/* Export templates in the store: built-ins (workspace nil) and each workspace's own. */
#ifndef PF_STORE_STORE_TEMPLATES_H
#define PF_STORE_STORE_TEMPLATES_H

#include "store/store.h"

struct pf_template_row {
    pf_id id;
    pf_id workspace_id; /* nil for a built-in */
    pf_id user_id;      /* creator; nil for a built-in */
    char *name;
    char *type;         /* cv | cover_letter */
    char *engine;       /* markdown | jinja */
    char *body;         /* the template source */
    json_t *config;     /* object: style, layout, fields */
    int64_t created_at;
    int64_t updated_at;
};

/* Built-ins and the workspace's own templates, built-ins first, each by name. */
PF_MUST_CHECK pf_status pf_store_template_list(struct pf_store *store, struct pf_arena *arena,
                                               pf_id workspace_id,
                                               struct pf_template_row ***out_items,
                                               size_t *out_count, struct pf_error *err);
/* By id, or by name when key is not a UUID; the workspace's own template wins over a built-in
 * of the same name. PF_E_NOT_FOUND otherwise. */
PF_MUST_CHECK pf_status pf_store_template_find(struct pf_store *store, struct pf_arena *arena,
                                               pf_id workspace_id, const char *key,
                                               struct pf_template_row **out_template,
                                               struct pf_error *err);
/* PF_E_CONFLICT when the workspace already has a template of that name. */
PF_MUST_CHECK pf_status pf_store_template_create(struct pf_store *store,
                                                 const struct pf_template_row *tmpl,
                                                 struct pf_error *err);
/* Updates name, type, engine, body and config of one of the workspace's own templates
 * (built-ins cannot be changed: PF_E_NOT_FOUND, as they are not the workspace's). */
PF_MUST_CHECK pf_status pf_store_template_update(struct pf_store *store,
                                                 const struct pf_template_row *tmpl,
                                                 struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_template_delete(struct pf_store *store, pf_id workspace_id,
                                                 pf_id id, struct pf_error *err);
/* Inserts or refreshes a built-in by name (used when the server starts, after migrations). */
PF_MUST_CHECK pf_status pf_store_template_put_builtin(struct pf_store *store,
                                                      const struct pf_template_row *tmpl,
                                                      struct pf_error *err);

#endif
