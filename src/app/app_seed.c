/* Data the database holds that ships with the binary, refreshed after every migration: the
 * built-in templates (users see and export through them like their own, but cannot edit). */
#include "app/app.h"

#include "base/clock.h"
#include "render/render.h"
#include "store/store_templates.h"

pf_status pf_app_seed(struct pf_app *app, struct pf_error *err)
{
    int64_t now = pf_time_now_ms();
    for (size_t i = 0; i < pf_render_builtin_count(); i++) {
        const struct pf_builtin_template *b = pf_render_builtin_at(i);
        struct pf_arena *arena = pf_arena_new();
        struct pf_template_row row = {
            .id = pf_id_new(),
            .name = (char *)b->name,
            .type = (char *)pf_template_type_name(b->type),
            .engine = (char *)pf_template_engine_name(b->engine),
            .body = pf_arena_strdup_str(arena, b->source),
            .config = (json_t *)b->config,
            .created_at = now,
            .updated_at = now,
        };
        pf_status st = pf_store_template_put_builtin(app->store, &row, err);
        pf_arena_free(arena);
        if (st != PF_OK)
            return st;
    }
    return PF_OK;
}
