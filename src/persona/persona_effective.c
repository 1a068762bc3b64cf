/* The effective persona over the store, and what a persona derives from its base CV. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "persona/persona.h"
#include "persona/persona_merge.h"
#include "store/store_cvs.h"

pf_status pf_persona_kb_confirmed(struct pf_app *app, struct pf_arena *arena,
                                  pf_id workspace_id, struct pf_kb_row ***out_entries,
                                  size_t *out_count, struct pf_error *err)
{
    *out_entries = NULL;
    *out_count = 0;
    struct pf_kb_filter filter = {.type = NULL, .source = NULL, .confirmed = 1,
                                  .with_rejected = false};
    struct pf_page page = {.limit = 200, .after = {{0}}};
    struct pf_kb_row **all = NULL;
    size_t count = 0;
    for (;;) {
        struct pf_kb_row **items = NULL;
        size_t got = 0;
        pf_id next = {{0}};
        pf_status st = pf_store_kb_list(app->store, arena, workspace_id, &filter, page, &items,
                                        &got, &next, err);
        if (st != PF_OK)
            return st;
        struct pf_kb_row **grown = pf_arena_alloc(arena, (count + got + 1) * sizeof(*grown));
        if (count)
            memcpy(grown, all, count * sizeof(*grown));
        for (size_t i = 0; i < got; i++) {
            if (items[i]->confirmed && !items[i]->rejected)
                grown[count++] = items[i];
        }
        all = grown;
        if (pf_id_is_nil(next) || count >= PF_PERSONA_KB_MAX)
            break;
        page.after = next;
    }
    *out_entries = all;
    *out_count = count;
    return PF_OK;
}

pf_status pf_persona_effective_of(struct pf_app *app, struct pf_arena *arena,
                                  const struct pf_persona *persona, json_t **out_doc,
                                  struct pf_error *err)
{
    *out_doc = NULL;
    const json_t *base = NULL;
    if (!pf_id_is_nil(persona->base_cv_id)) {
        struct pf_cv *cv = NULL;
        pf_status st = pf_store_cv_get(app->store, arena, persona->workspace_id,
                                       persona->base_cv_id, &cv, err);
        if (st == PF_OK)
            base = cv->parsed_json;
        else if (st != PF_E_NOT_FOUND)
            return st;
    }
    struct pf_kb_row **entries = NULL;
    size_t count = 0;
    pf_status st = pf_persona_kb_confirmed(app, arena, persona->workspace_id, &entries, &count,
                                           err);
    if (st != PF_OK)
        return st;
    struct pf_persona_merge_input input = {
        .base = base, .kb_entries = entries, .kb_count = count, .data = persona->data,
        .kb = app->kb,
    };
    json_t *doc = pf_json_arena(arena, pf_persona_merge(&input));
    json_t *meta = json_object_get(json_object_get(doc, "meta"), "personaforge");
    char id[PF_ID_STR_LEN];
    pf_id_format(persona->id, id);
    json_object_set_new(meta, "persona_id", json_string(id));
    json_object_set_new(meta, "version", json_integer(persona->version));
    if (pf_id_is_nil(persona->base_cv_id)) {
        json_object_set_new(meta, "base_cv_id", json_null());
    } else {
        pf_id_format(persona->base_cv_id, id);
        json_object_set_new(meta, "base_cv_id", json_string(id));
    }
    *out_doc = doc;
    return PF_OK;
}

pf_status pf_persona_effective(struct pf_app *app, struct pf_arena *arena,
                               const struct pf_user *user, pf_id id,
                               struct pf_persona **out_persona, json_t **out_doc,
                               struct pf_error *err)
{
    *out_doc = NULL;
    struct pf_persona *p = NULL;
    pf_status st = pf_store_persona_get(app->store, arena, pf_user_workspace(user), id, &p, err);
    if (st != PF_OK)
        return st;
    if (out_persona)
        *out_persona = p;
    return pf_persona_effective_of(app, arena, p, out_doc, err);
}

/* A copy of text cut to at most max bytes on a UTF-8 character boundary. */
static char *cut_utf8(struct pf_arena *arena, const char *text, size_t max)
{
    size_t len = strlen(text);
    if (len > max) {
        len = max;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    return pf_arena_strndup(arena, text, len);
}

/* "YYYY-MM-DD" prefixes compare as text; a missing end date means "still there". */
static int work_recency_cmp(const json_t *a, const json_t *b)
{
    const char *end_a = pf_json_get_str(a, "endDate");
    const char *end_b = pf_json_get_str(b, "endDate");
    bool current_a = !end_a || !*end_a;
    bool current_b = !end_b || !*end_b;
    if (current_a != current_b)
        return current_a ? 1 : -1;
    int c = current_a ? 0 : strcmp(end_a, end_b);
    if (c != 0)
        return c;
    const char *start_a = pf_json_get_str(a, "startDate");
    const char *start_b = pf_json_get_str(b, "startDate");
    return strcmp(start_a ? start_a : "", start_b ? start_b : "");
}

static int level_weight(const char *level)
{
    if (!level || !*level)
        return 2;
    char lower[32];
    size_t i = 0;
    for (; level[i] && i + 1 < sizeof(lower); i++)
        lower[i] = (char)tolower((unsigned char)level[i]);
    lower[i] = '\0';
    if (strstr(lower, "master") || strstr(lower, "expert"))
        return 4;
    if (strstr(lower, "advanced") || strstr(lower, "senior") || strstr(lower, "fluent"))
        return 3;
    if (strstr(lower, "begin") || strstr(lower, "basic") || strstr(lower, "novice"))
        return 1;
    return 2;
}

/* Case-insensitive search for needle in haystack at word boundaries. */
static bool mentions(const char *haystack, const char *needle)
{
    size_t len = strlen(needle);
    if (len == 0)
        return false;
    for (const char *p = haystack; *p; p++) {
        if (strncasecmp(p, needle, len) != 0)
            continue;
        bool left = p == haystack || !isalnum((unsigned char)p[-1]);
        bool right = !isalnum((unsigned char)p[len]);
        if (left && right)
            return true;
    }
    return false;
}

/* How many experiences (work, projects, volunteer) mention skill. */
static int evidence_count(const json_t *resume, const char *skill)
{
    static const char *const sections[] = {"work", "projects", "volunteer"};
    int count = 0;
    for (size_t s = 0; s < PF_ARRAY_LEN(sections); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(resume, sections[s]), i, entry) {
            char *text = json_dumps(entry, JSON_COMPACT);
            if (text && mentions(text, skill))
                count++;
            free(text);
        }
    }
    return count;
}

struct ranked_tag {
    const char *name;
    int score;
    size_t order;
};

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked_tag *x = a;
    const struct ranked_tag *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

static int kb_strength_cmp(const void *a, const void *b)
{
    const struct pf_kb_row *x = *(struct pf_kb_row *const *)a;
    const struct pf_kb_row *y = *(struct pf_kb_row *const *)b;
    int64_t yx = pf_json_get_int(x->details, "years", 0);
    int64_t yy = pf_json_get_int(y->details, "years", 0);
    if (yx != yy)
        return yx > yy ? -1 : 1;
    int ex = (int)json_array_size(x->evidence);
    int ey = (int)json_array_size(y->evidence);
    if (ex != ey)
        return ex > ey ? -1 : 1;
    if (x->confidence != y->confidence)
        return x->confidence > y->confidence ? -1 : 1;
    return strcmp(x->value, y->value);
}

#define PF_PERSONA_TAGS_MAX 8

static json_t *derive_tags(const json_t *resume, struct pf_kb_row *const *kb_entries,
                           size_t kb_count)
{
    json_t *tags = json_array();
    json_t *seen = json_object();
    size_t usable = 0;
    struct pf_kb_row **sorted = calloc(kb_count + 1, sizeof(*sorted));
    for (size_t i = 0; i < kb_count; i++) {
        const char *type = kb_entries[i]->type;
        if (kb_entries[i]->confirmed && !kb_entries[i]->rejected &&
            (strcmp(type, "skill") == 0 || strcmp(type, "tool") == 0))
            sorted[usable++] = kb_entries[i];
    }
    qsort(sorted, usable, sizeof(*sorted), kb_strength_cmp);
    for (size_t i = 0; i < usable && json_array_size(tags) < PF_PERSONA_TAGS_MAX; i++) {
        const char *key = sorted[i]->normalized_value ? sorted[i]->normalized_value
                                                      : sorted[i]->value;
        if (json_object_get(seen, key))
            continue;
        json_object_set_new(seen, key, json_true());
        json_array_append_new(tags, json_string(sorted[i]->value));
    }
    free(sorted);
    if (usable > 0) {
        json_decref(seen);
        return tags;
    }
    struct ranked_tag *ranked = NULL;
    size_t count = 0;
    size_t i;
    json_t *group;
    json_array_foreach(json_object_get(resume, "skills"), i, group) {
        int weight = level_weight(pf_json_get_str(group, "level"));
        const json_t *keywords = json_object_get(group, "keywords");
        size_t n = json_array_size(keywords);
        for (size_t k = 0; k < (n ? n : 1); k++) {
            const char *name = n ? json_string_value(json_array_get(keywords, k))
                                 : pf_json_get_str(group, "name");
            if (!name || !*name || strlen(name) > 100)
                continue;
            ranked = realloc(ranked, (count + 1) * sizeof(*ranked));
            ranked[count].name = name;
            ranked[count].score = weight * 10 + evidence_count(resume, name) * 5;
            ranked[count].order = count;
            count++;
        }
    }
    if (count)
        qsort(ranked, count, sizeof(*ranked), ranked_cmp);
    for (size_t r = 0; r < count && json_array_size(tags) < PF_PERSONA_TAGS_MAX; r++) {
        char key[128];
        size_t len = 0;
        for (const char *c = ranked[r].name; *c && len + 1 < sizeof(key); c++)
            key[len++] = (char)tolower((unsigned char)*c);
        key[len] = '\0';
        if (json_object_get(seen, key))
            continue;
        json_object_set_new(seen, key, json_true());
        json_array_append_new(tags, json_string(ranked[r].name));
    }
    free(ranked);
    json_decref(seen);
    return tags;
}

void pf_persona_derive(struct pf_arena *arena, const json_t *resume, const char *filename,
                       struct pf_kb_row *const *kb_entries, size_t kb_count,
                       const char **out_title, const char **out_summary, json_t **out_tags)
{
    const json_t *basics = json_object_get(resume, "basics");
    const char *label = pf_json_get_str(basics, "label");
    const json_t *latest = NULL;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(resume, "work"), i, entry) {
        const char *position = pf_json_get_str(entry, "position");
        if (position && *position && (!latest || work_recency_cmp(entry, latest) > 0))
            latest = entry;
    }
    if (label && *label)
        *out_title = cut_utf8(arena, label, 200);
    else if (latest)
        *out_title = cut_utf8(arena, pf_json_get_str(latest, "position"), 200);
    else
        *out_title = pf_arena_printf(arena, "Persona from %.150s", filename ? filename : "CV");
    const char *summary = pf_json_get_str(basics, "summary");
    *out_summary = summary && *summary ? cut_utf8(arena, summary, 5000) : NULL;
    *out_tags = pf_json_arena(arena, derive_tags(resume, kb_entries, kb_count));
}
