/* Relevance of entries, bullets and skills to a posting, and the selection built from it. */
#include "gap/gap_tailor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "gap/gap_int.h"
#include "gap/jd_parse.h"
#include "kb/kb_match.h"

#define BULLETS_KEPT_MIN 3
#define BULLETS_KEPT_MAX 6
#define OLD_ENTRY_MONTHS 120

struct tailor {
    const struct pf_kb *kb;
    const struct pf_jd *jd;
    const json_t *ids;     /* meta.personaforge.ids */
    const json_t *origins; /* meta.personaforge.origins */
    json_t *provenance;
    json_t *dropped;
    int64_t today_month;
};

/* The posting's weight for a concept: required hard skills 3, preferred 2, others 1. */
static double weight_of(const struct pf_jd *jd, uint32_t concept, const char **out_name)
{
    for (size_t i = 0; i < jd->skill_count; i++) {
        const struct pf_jd_skill *s = &jd->skills[i];
        if (s->concept != concept)
            continue;
        *out_name = s->name;
        if (s->hard)
            return s->required ? 3.0 : 2.0;
        return 1.0;
    }
    return 0.0;
}

/* Relevance of text to the posting; the concepts that made it go to matched. */
static double relevance(const struct tailor *t, const char *text, json_t *matched)
{
    if (!t->kb || !text || !*text)
        return 0.0;
    struct pf_kb_matches m = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    double score = 0.0;
    if (pf_kb_match(t->kb, pf_str_from_cstr(text), 0, &m, &err) ==
        PF_OK) {
        for (size_t i = 0; i < m.count; i++) {
            const char *name = NULL;
            double w = weight_of(t->jd, m.items[i].concept, &name);
            if (w <= 0)
                continue;
            bool seen = false;
            size_t k;
            json_t *item;
            json_array_foreach(matched, k, item) {
                seen |= strcmp(json_string_value(item), name) == 0;
            }
            if (!seen) {
                json_array_append_new(matched, json_string(name));
                score += w;
            }
        }
    }
    pf_kb_matches_fini(&m);
    return score;
}

static const char *id_or_empty(const json_t *map, const char *pointer)
{
    const char *value = json_string_value(json_object_get(map, pointer));
    return value ? value : "";
}

static void note(json_t *list, const json_t *ids, const json_t *origins, const char *pointer,
                 double score, json_t *matched, const char *reason)
{
    json_t *item = json_pack("{s:s,s:s,s:s,s:f,s:O}", "id",
                             id_or_empty(ids, pointer), "pointer",
                             pointer, "origin",
                             id_or_empty(origins, pointer),
                             "relevance", score, "matched", matched);
    if (reason)
        json_object_set_new(item, "reason", json_string(reason));
    json_array_append_new(list, item);
}

/* The id of an item relative to its entry ("h-1a2b3c4d" of "work-…/h-1a2b3c4d"). */
static const char *local_id(const char *qualified)
{
    const char *slash = qualified ? strchr(qualified, '/') : NULL;
    return slash ? slash + 1 : qualified;
}

struct ranked {
    size_t index;
    double score;
    json_t *matched;
};

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked *x = a;
    const struct ranked *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Orders and trims the string list field of entry at pointer; the patch goes into
 * entry_patch[field]. Returns the list's total relevance. */
static double tailor_list(struct tailor *t, const json_t *entry, const char *pointer,
                          const char *field, bool trim, json_t *entry_patch)
{
    const json_t *list = json_object_get(entry, field);
    size_t count = json_array_size(list);
    if (count == 0)
        return 0.0;
    struct ranked *r = calloc(count, sizeof(*r));
    double total = 0.0;
    for (size_t i = 0; i < count; i++) {
        r[i].index = i;
        r[i].matched = json_array();
        const char *text = json_string_value(json_array_get(list, i));
        r[i].score = relevance(t, text, r[i].matched);
        /* A measured result is worth a little on its own. */
        if (text && gap_has_number(text))
            r[i].score += 0.5;
        total += r[i].score;
    }
    qsort(r, count, sizeof(*r), ranked_cmp);
    size_t keep = count;
    if (trim) {
        size_t relevant = 0;
        for (size_t i = 0; i < count; i++)
            relevant += r[i].score >= 1.0 ? 1 : 0;
        keep = relevant < BULLETS_KEPT_MIN ? BULLETS_KEPT_MIN : relevant;
        if (keep > BULLETS_KEPT_MAX)
            keep = BULLETS_KEPT_MAX;
        if (keep > count)
            keep = count;
    }
    json_t *order = json_array();
    for (size_t i = 0; i < count; i++) {
        char item_pointer[256];
        snprintf(item_pointer, sizeof(item_pointer), "%s/%s/%zu", pointer, field, r[i].index);
        const char *id = json_string_value(json_object_get(t->ids, item_pointer));
        if (!id)
            continue;
        if (i < keep) {
            json_array_append_new(order, json_string(local_id(id)));
            note(t->provenance, t->ids, t->origins, item_pointer, r[i].score, r[i].matched,
                 NULL);
        } else {
            note(t->dropped, t->ids, t->origins, item_pointer, r[i].score, r[i].matched,
                 "less relevant to this posting than the bullets kept");
        }
    }
    json_object_set_new(entry_patch, field, json_pack("{s:o}", "$order", order));
    for (size_t i = 0; i < count; i++)
        json_decref(r[i].matched);
    free(r);
    return total;
}

static void tailor_section(struct tailor *t, const json_t *persona, const char *section,
                           const char *list_field, bool drop_irrelevant, json_t *selection)
{
    const json_t *entries = json_object_get(persona, section);
    size_t count = json_array_size(entries);
    if (count == 0)
        return;
    json_t *patch = json_object();
    struct ranked *r = calloc(count, sizeof(*r));
    for (size_t i = 0; i < count; i++) {
        const json_t *entry = json_array_get(entries, i);
        char pointer[96];
        snprintf(pointer, sizeof(pointer), "/%s/%zu", section, i);
        const char *id = json_string_value(json_object_get(t->ids, pointer));
        r[i].index = i;
        r[i].matched = json_array();
        json_t *entry_patch = json_object();
        double score = 0.0;
        static const char *const fields[] = {"position", "name", "summary", "description", NULL};
        for (size_t f = 0; fields[f]; f++)
            score += relevance(t, pf_json_get_str(entry, fields[f]), r[i].matched);
        if (list_field)
            score += tailor_list(t, entry, pointer, list_field, strcmp(section, "skills") != 0,
                                 entry_patch);
        r[i].score = score;
        if (id && json_object_size(entry_patch) > 0)
            json_object_set(patch, id, entry_patch);
        json_decref(entry_patch);
    }
    /* Jobs keep their chronological order (a reordered timeline misleads); other sections are
     * ordered by relevance. */
    bool by_relevance = strcmp(section, "work") != 0;
    if (by_relevance)
        qsort(r, count, sizeof(*r), ranked_cmp);
    json_t *order = json_array();
    size_t relevant = 0;
    for (size_t i = 0; i < count; i++)
        relevant += r[i].score > 0 ? 1 : 0;
    for (size_t i = 0; i < count; i++) {
        const json_t *entry = json_array_get(entries, r[i].index);
        char pointer[96];
        snprintf(pointer, sizeof(pointer), "/%s/%zu", section, r[i].index);
        const char *id = json_string_value(json_object_get(t->ids, pointer));
        if (!id)
            continue;
        int64_t end = t->today_month;
        const char *end_text = pf_json_get_str(entry, "endDate");
        bool old = end_text && *end_text && gap_date_month(end_text, true, &end) &&
                   t->today_month - end > OLD_ENTRY_MONTHS;
        bool drop = drop_irrelevant && r[i].score <= 0 && relevant >= 1;
        if (strcmp(section, "work") == 0)
            drop = old && r[i].score <= 0;
        if (drop) {
            note(t->dropped, t->ids, t->origins, pointer, r[i].score, r[i].matched,
                 strcmp(section, "work") == 0
                     ? "ended over 10 years ago and names nothing the posting asks for"
                     : "names nothing the posting asks for");
            json_object_del(patch, id);
        } else {
            json_array_append_new(order, json_string(id));
            note(t->provenance, t->ids, t->origins, pointer, r[i].score, r[i].matched, NULL);
        }
    }
    json_object_set_new(patch, "$order", order);
    json_object_set_new(selection, section, patch);
    for (size_t i = 0; i < count; i++)
        json_decref(r[i].matched);
    free(r);
}

pf_status pf_gap_tailor(const json_t *effective, const char *posting, size_t len,
                        const struct pf_gap_options *opts, json_t **out_proposal,
                        struct pf_error *err)
{
    *out_proposal = NULL;
    if (!json_is_object(effective))
        return pf_error_set(err, PF_E_INVALID, "the persona is not a JSON Resume object");
    struct pf_arena *arena = pf_arena_new();
    struct pf_jd *jd = NULL;
    pf_status st = pf_jd_parse(opts->kb, pf_str_make(posting, len), arena, &jd, err);
    if (st != PF_OK) {
        pf_arena_free(arena);
        return st;
    }
    int year = 0, month = 0, day = 0;
    pf_time_civil(opts->now_ms, &year, &month, &day);
    struct tailor t = {
        .kb = opts->kb,
        .jd = jd,
        .ids = pf_json_pointer_get(effective, "/meta/personaforge/ids"),
        .origins = pf_json_pointer_get(effective, "/meta/personaforge/origins"),
        .provenance = json_array(),
        .dropped = json_array(),
        .today_month = (int64_t)year * 12 + (month - 1),
    };
    json_t *selection = json_object();
    tailor_section(&t, effective, "work", "highlights", false, selection);
    tailor_section(&t, effective, "projects", "highlights", true, selection);
    tailor_section(&t, effective, "volunteer", "highlights", false, selection);
    tailor_section(&t, effective, "skills", "keywords", false, selection);
    tailor_section(&t, effective, "certificates", NULL, false, selection);
    *out_proposal = json_pack("{s:o,s:o,s:o,s:o}", "selection", selection, "provenance",
                              t.provenance, "dropped", t.dropped, "posting", pf_jd_to_json(jd));
    pf_arena_free(arena);
    return PF_OK;
}

json_t *pf_gap_tailor_apply(const json_t *data, const json_t *selection)
{
    json_t *out = json_is_object(data) ? json_deep_copy(data) : json_object();
    const char *section;
    json_t *patch;
    json_object_foreach((json_t *)selection, section, patch) {
        json_t *current = json_object_get(out, section);
        if (json_is_array(current) || json_is_null(current))
            continue;
        if (!json_is_object(current)) {
            json_object_set(out, section, patch);
            continue;
        }
        const char *key;
        json_t *value;
        json_object_foreach(patch, key, value) {
            json_t *existing = json_object_get(current, key);
            if (key[0] == '$' || !json_is_object(existing)) {
                if (!json_is_null(existing))
                    json_object_set(current, key, value);
                continue;
            }
            const char *field;
            json_t *list;
            json_object_foreach(value, field, list) {
                json_t *old = json_object_get(existing, field);
                if (json_is_object(old))
                    json_object_set(old, "$order", json_object_get(list, "$order"));
                else if (!old)
                    json_object_set(existing, field, list);
            }
        }
    }
    return out;
}
