/* Export service: persona → effective document → stored template → file. */
#include "render/render_service.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "gap/gap.h"
#include "gap/gap_tailor.h"
#include "persona/persona.h"
#include "store/store_templates.h"

#define MAX_MATCHES 8 /* a letter lists the few strongest matches, not every keyword */

/* Includes in a stored template resolve to the workspace's templates by name (built-in
 * partials are found by the renderer itself). */
struct loader_ctx {
    struct pf_store *store;
    struct pf_arena *arena;
    pf_id workspace_id;
};

static pf_status load_include(void *opaque, struct pf_str name, struct pf_str *out_source,
                              struct pf_error *err)
{
    struct loader_ctx *ctx = opaque;
    struct pf_template_row *row = NULL;
    char *key = pf_arena_strdup_str(ctx->arena, name);
    pf_status st = pf_store_template_find(ctx->store, ctx->arena, ctx->workspace_id, key, &row,
                                          err);
    if (st == PF_OK)
        *out_source = pf_str_from_cstr(row->body);
    return st;
}

static pf_status compile(struct pf_app *app, const char *name, const char *body,
                         const char *engine_name, const json_t *config,
                         struct pf_template **out_tmpl, struct pf_error *err)
{
    enum pf_template_engine engine;
    if (!engine_name || !pf_template_engine_parse(engine_name, &engine))
        return pf_error_set_field(err, PF_E_VALIDATION, "engine",
                                  "engine must be markdown or jinja");
    struct pf_render_limits limits;
    pf_render_limits_from_config(app->config, &limits);
    return pf_template_compile(name, pf_str_from_cstr(body), engine, config, &limits, out_tmpl,
                               err);
}

pf_status pf_template_check(struct pf_app *app, const char *name, const char *body,
                            const char *engine, const json_t *config, struct pf_error *err)
{
    struct pf_template *tmpl = NULL;
    pf_status st = compile(app, name, body, engine, config, &tmpl, err);
    pf_template_free(tmpl);
    return st;
}

/* A file name from the persona's title: letters, digits, spaces, dots, dashes. */
static char *file_name(struct pf_arena *arena, const char *title, enum pf_render_format format)
{
    size_t len = strlen(title);
    char *base = pf_arena_alloc(arena, (len > 80 ? 80 : len) + 1);
    size_t n = 0;
    for (size_t i = 0; i < len && n < 80; i++) {
        unsigned char ch = (unsigned char)title[i];
        bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == ' ';
        base[n++] = keep ? (char)ch : '_';
    }
    while (n && (base[n - 1] == ' ' || base[n - 1] == '.'))
        n--;
    base[n] = '\0';
    return pf_arena_printf(arena, "%s.%s", n ? base : "persona", pf_render_extension(format));
}

/* What the persona can claim against the posting: the tailoring's most relevant items that
 * matched a requirement, each as {requirement, pointer, source, confirmed}. The effective
 * persona only carries facts (the CV, the user's overrides, confirmed knowledge), which the
 * renderer checks again (pf_render_matches_resolve). */
static json_t *letter_matches(const json_t *proposal)
{
    json_t *matches = json_array();
    const json_t *provenance = json_object_get(proposal, "provenance");
    size_t i;
    const json_t *item;
    json_array_foreach(provenance, i, item) {
        const json_t *matched = json_object_get(item, "matched");
        const char *pointer = pf_json_get_str(item, "pointer");
        if (!pointer || !json_is_array(matched) || json_array_size(matched) == 0)
            continue;
        const char *origin = pf_json_get_str(item, "origin");
        const char *source = origin && strncmp(origin, "persona", 7) == 0 ? "user_answer" : "cv";
        json_t *names = json_array();
        size_t j;
        const json_t *m;
        json_array_foreach(matched, j, m) {
            if (json_is_string(m))
                json_array_append(names, (json_t *)m);
        }
        char *requirement = NULL;
        {
            struct pf_buf text = PF_BUF_INIT(1024);
            json_array_foreach(names, j, m) {
                if (j)
                    pf_buf_puts(&text, ", ");
                pf_buf_puts(&text, json_string_value(m));
            }
            requirement = pf_buf_take(&text, NULL);
        }
        json_decref(names);
        json_array_append_new(matches, json_pack("{s:s,s:s,s:s,s:b}", "requirement", requirement,
                                                 "pointer", pointer, "source", source,
                                                 "confirmed", 1));
        free(requirement);
        if (json_array_size(matches) >= MAX_MATCHES)
            break;
    }
    return matches;
}

/* The extra data of a cover letter: job, matches and letter, from the posting. */
static pf_status letter_extra(struct pf_app *app, struct pf_arena *arena,
                              const struct pf_persona *persona, const json_t *effective,
                              const char *posting, const json_t *letter, json_t **out_extra,
                              struct pf_error *err)
{
    struct pf_kb_row **kb = NULL;
    size_t kb_count = 0;
    pf_status st = pf_persona_kb_confirmed(app, arena, persona->workspace_id, &kb, &kb_count, err);
    if (st != PF_OK)
        return st;
    struct pf_gap_options opts = {.kb = app->kb, .kb_entries = kb, .kb_count = kb_count,
                                  .now_ms = pf_time_now_ms()};
    json_t *proposal = NULL;
    st = pf_gap_tailor(effective, posting, strlen(posting), &opts, &proposal, err);
    if (st != PF_OK)
        return st;
    pf_json_arena(arena, proposal);
    const json_t *parsed = json_object_get(proposal, "posting");
    json_t *job = json_pack("{s:s}", "description", posting);
    static const char *const keys[] = {"title", "company", "location"};
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++) {
        const char *value = pf_json_get_str(parsed, keys[i]);
        if (value && *value)
            json_object_set_new(job, keys[i], json_string(value));
    }
    char today[PF_TIME_ISO_LEN];
    pf_time_format_iso(pf_time_now_ms(), today);
    today[10] = '\0';
    json_t *letter_data = letter ? json_deep_copy(letter) : json_object();
    json_object_set_new(letter_data, "date", json_string(today));
    *out_extra = pf_json_arena(arena, json_pack("{s:o,s:o,s:o}", "job", job, "matches",
                                                letter_matches(proposal), "letter", letter_data));
    return PF_OK;
}

static pf_status render_to(struct pf_app *app, struct pf_arena *arena, struct pf_template *tmpl,
                           const json_t *data, enum pf_render_format format, pf_id workspace_id,
                           const char *title, struct pf_export *out, struct pf_error *err)
{
    struct pf_render_limits limits;
    pf_render_limits_from_config(app->config, &limits);
    struct loader_ctx ctx = {app->store, arena, workspace_id};
    struct pf_render_request req = {.tmpl = tmpl, .data = data, .format = format,
                                    .limits = &limits, .loader = load_include,
                                    .loader_ctx = &ctx};
    struct pf_buf buf = PF_BUF_INIT((size_t)app->config->limit_render_output);
    pf_status st = pf_render(&req, &buf, err);
    if (st == PF_OK) {
        out->len = buf.len;
        out->data = pf_arena_memdup(arena, buf.ptr ? buf.ptr : "", buf.len);
        out->content_type = pf_render_content_type(format);
        out->filename = file_name(arena, title, format);
    }
    pf_buf_fini(&buf);
    return st;
}

static pf_status parse_format(const char *name, enum pf_render_format *out_format,
                              struct pf_error *err)
{
    if (!name || !pf_render_format_parse(name, out_format))
        return pf_error_set_field(err, PF_E_VALIDATION, "format",
                                  "format must be pdf, docx, md, html, txt or json");
    return PF_OK;
}

pf_status pf_export_persona(struct pf_app *app, struct pf_arena *arena,
                            const struct pf_user *user, pf_id persona_id,
                            const char *template_key, const char *format_name,
                            const char *job_description, const json_t *letter,
                            struct pf_export *out, struct pf_error *err)
{
    struct pf_template *tmpl = NULL;
    struct pf_persona *persona = NULL;
    json_t *effective = NULL;
    json_t *data = NULL;
    json_t *extra = NULL;
    enum pf_render_format format;
    pf_status st = parse_format(format_name, &format, err);
    if (st != PF_OK)
        goto done;
    if (!template_key || !*template_key) {
        st = pf_error_set_field(err, PF_E_VALIDATION, "template", "template is required");
        goto done;
    }
    st = pf_persona_effective(app, arena, user, persona_id, &persona, &effective, err);
    if (st != PF_OK)
        goto done;
    struct pf_template_row *row = NULL;
    st = pf_store_template_find(app->store, arena, pf_user_workspace(user), template_key, &row,
                                err);
    if (st != PF_OK)
        goto done;
    st = compile(app, row->name, row->body, row->engine, row->config, &tmpl, err);
    if (st != PF_OK)
        goto done;
    if (strcmp(row->type, "cover_letter") == 0) {
        if (!job_description || !*job_description) {
            st = pf_error_set_field(err, PF_E_VALIDATION, "job_description",
                                    "a cover letter needs the job description it answers");
            goto done;
        }
        st = letter_extra(app, arena, persona, effective, job_description, letter, &extra, err);
        if (st != PF_OK)
            goto done;
    }
    data = pf_render_data_new(tmpl, effective, extra);
    st = render_to(app, arena, tmpl, data, format, persona->workspace_id, persona->title, out,
                   err);
done:
    json_decref(data);
    pf_template_free(tmpl);
    return st;
}

pf_status pf_template_preview(struct pf_app *app, struct pf_arena *arena,
                              const struct pf_user *user, const char *body, const char *engine,
                              const json_t *config, const char *format_name, pf_id persona_id,
                              struct pf_export *out, struct pf_error *err)
{
    struct pf_template *tmpl = NULL;
    json_t *persona = NULL;
    json_t *data = NULL;
    enum pf_render_format format;
    pf_status st = parse_format(format_name, &format, err);
    if (st == PF_OK)
        st = compile(app, "preview", body, engine, config, &tmpl, err);
    if (st != PF_OK)
        goto done;
    if (pf_id_is_nil(persona_id)) {
        persona = pf_render_sample_persona();
    } else {
        json_t *effective = NULL;
        st = pf_persona_effective(app, arena, user, persona_id, NULL, &effective, err);
        if (st != PF_OK)
            goto done;
        persona = json_incref(effective);
    }
    data = pf_render_data_new(tmpl, persona, NULL);
    st = render_to(app, arena, tmpl, data, format, pf_user_workspace(user), "preview", out, err);
done:
    json_decref(data);
    json_decref(persona);
    pf_template_free(tmpl);
    return st;
}
