/* Effective persona: slots with ids and origins, patched by the entry convention, emitted back
 * as JSON Resume with meta.personaforge. */
#include "persona/persona_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_text.h"
#include "persona/persona_ids.h"

/* While merging, each section is an array of slots {id, origin, value, lists, overridden}:
 * value is the entry without its string lists, lists maps a list field to an array of items
 * {id, origin, value}; a slot's lists and the entry are put back together on emission. */

json_t *pf_json_merge_patch(const json_t *target, const json_t *patch)
{
    if (!json_is_object(patch))
        return json_deep_copy(patch);
    json_t *out = json_is_object(target) ? json_deep_copy(target) : json_object();
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)patch, key, value) {
        if (json_is_null(value)) {
            json_object_del(out, key);
            continue;
        }
        json_object_set_new(out, key, pf_json_merge_patch(json_object_get(out, key), value));
    }
    return out;
}

/* Appends "/" and key, escaped per RFC 6901, to prefix. Arena-free: a new heap string. */
static char *pointer_join(const char *prefix, const char *key)
{
    size_t len = strlen(prefix) + 2 + 2 * strlen(key);
    char *out = malloc(len);
    char *w = out + snprintf(out, len, "%s/", prefix);
    for (const char *k = key; *k; k++) {
        if (*k == '~' || *k == '/') {
            *w++ = '~';
            *w++ = *k == '~' ? '0' : '1';
        } else {
            *w++ = *k;
        }
    }
    *w = '\0';
    return out;
}

static json_t *make_item(const char *id, const char *origin, json_t *value)
{
    return json_pack("{s:s,s:s,s:o}", "id", id, "origin", origin, "value", value);
}

/* Items of a list value, each with a content id unique within used. */
static json_t *items_from_list(const char *field, const json_t *list, const char *origin_prefix,
                               json_t *used)
{
    json_t *items = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        char id[PF_PERSONA_ID_MAX];
        if (json_is_string(item)) {
            pf_persona_item_id(field, json_string_value(item), id);
        } else {
            char *dump = json_dumps(item, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
            pf_persona_item_id(field, dump, id);
            free(dump);
        }
        pf_persona_id_claim(used, id);
        char origin[512];
        if (origin_prefix)
            snprintf(origin, sizeof(origin), "%s/%s/%zu", origin_prefix, field, i);
        else
            snprintf(origin, sizeof(origin), "persona");
        json_array_append_new(items, make_item(id, origin, json_deep_copy(item)));
    }
    return items;
}

/* A slot for entry (copied). origin_prefix: "cv:/work/3" for base entries, NULL for the
 * persona's own. */
static json_t *make_slot(const struct pf_persona_section *section, const json_t *entry,
                         const char *origin_prefix, json_t *used)
{
    char id[PF_PERSONA_ID_MAX];
    pf_persona_entry_id(section, entry, id);
    pf_persona_id_claim(used, id);
    json_t *value = json_deep_copy(entry);
    json_t *lists = json_object();
    json_t *item_ids = json_object();
    for (size_t i = 0; json_is_object(value) && section->lists[i]; i++) {
        const char *field = section->lists[i];
        json_t *list = json_object_get(value, field);
        if (!json_is_array(list))
            continue;
        json_object_set_new(lists, field, items_from_list(field, list, origin_prefix, item_ids));
        json_object_del(value, field);
    }
    json_t *slot = json_pack("{s:s,s:s,s:o,s:o,s:o,s:[]}", "id", id, "origin",
                             origin_prefix ? origin_prefix : "persona", "value", value, "lists",
                             lists, "item_ids", item_ids, "overridden");
    return slot;
}

static json_t *slots_from_array(const struct pf_persona_section *section, const json_t *array,
                                bool from_base, json_t *used)
{
    json_t *slots = json_array();
    size_t i;
    json_t *entry;
    json_array_foreach(array, i, entry) {
        char origin[128];
        snprintf(origin, sizeof(origin), "cv:/%s/%zu", section->name, i);
        json_array_append_new(slots, make_slot(section, entry, from_base ? origin : NULL, used));
    }
    return slots;
}

static void note_unresolved(json_t *unresolved, const char *data_pointer, const char *id)
{
    json_array_append_new(unresolved, json_pack("{s:s,s:s}", "data", data_pointer, "id", id));
}

static json_t *find_by_id(json_t *slots, const char *id, size_t *out_index)
{
    size_t i;
    json_t *slot;
    json_array_foreach(slots, i, slot) {
        if (strcmp(pf_json_get_str(slot, "id"), id) == 0) {
            if (out_index)
                *out_index = i;
            return slot;
        }
    }
    return NULL;
}

/* $order, $hide, $add and per-id values over slots (entries or items). make_new builds a slot
 * for an added value. Returns the new slots array (new reference). */
struct convention_ops {
    json_t *(*make_new)(void *ctx, const json_t *value);
    void (*patch)(void *ctx, json_t *slot, const json_t *patch, const char *data_pointer);
    void *ctx;
};

static json_t *apply_convention(json_t *slots, const json_t *patch, const char *data_pointer,
                                const struct convention_ops *ops, json_t *unresolved)
{
    json_t *work = json_copy(slots);
    json_t *added = json_array();
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)patch, key, value) {
        if (key[0] == '$')
            continue;
        char *at = pointer_join(data_pointer, key);
        size_t index;
        json_t *slot = find_by_id(work, key, &index);
        if (!slot)
            note_unresolved(unresolved, at, key);
        else if (json_is_null(value))
            json_array_remove(work, index);
        else
            ops->patch(ops->ctx, slot, value, at);
        free(at);
    }
    const json_t *add = json_object_get(patch, "$add");
    size_t i;
    json_t *item;
    json_array_foreach(add, i, item) {
        json_array_append_new(added, ops->make_new(ops->ctx, item));
    }
    const json_t *order = json_object_get(patch, "$order");
    json_t *result;
    if (json_is_array(order)) {
        result = json_array();
        json_t *all = json_array();
        json_array_extend(all, work);
        json_array_extend(all, added);
        json_t *placed = json_object();
        char *order_at = pointer_join(data_pointer, "$order");
        json_array_foreach(order, i, item) {
            const char *id = json_string_value(item);
            if (!id)
                continue;
            json_t *slot = find_by_id(all, id, NULL);
            if (!slot || json_object_get(placed, id)) {
                if (!slot) {
                    char at[600];
                    snprintf(at, sizeof(at), "%s/%zu", order_at, i);
                    note_unresolved(unresolved, at, id);
                }
                continue;
            }
            json_object_set_new(placed, id, json_true());
            json_array_append(result, slot);
        }
        free(order_at);
        /* Added entries join even when the order does not name them: the user wrote them. */
        json_array_foreach(added, i, item) {
            if (!json_object_get(placed, pf_json_get_str(item, "id")))
                json_array_append(result, item);
        }
        json_decref(placed);
        json_decref(all);
    } else {
        result = json_copy(work);
        json_array_extend(result, added);
    }
    const json_t *hide = json_object_get(patch, "$hide");
    char *hide_at = pointer_join(data_pointer, "$hide");
    json_array_foreach(hide, i, item) {
        const char *id = json_string_value(item);
        size_t index;
        if (id && find_by_id(result, id, &index)) {
            json_array_remove(result, index);
        } else if (id && !find_by_id(slots, id, NULL)) {
            char at[600];
            snprintf(at, sizeof(at), "%s/%zu", hide_at, i);
            note_unresolved(unresolved, at, id);
        }
    }
    free(hide_at);
    json_decref(work);
    json_decref(added);
    return result;
}

struct item_ctx {
    const char *field;
    json_t *used; /* item ids of the entry */
    json_t *unresolved;
};

static json_t *item_make_new(void *ctx, const json_t *value)
{
    struct item_ctx *c = ctx;
    char id[PF_PERSONA_ID_MAX];
    pf_persona_item_id(c->field, json_is_string(value) ? json_string_value(value) : "", id);
    pf_persona_id_claim(c->used, id);
    return make_item(id, "persona", json_deep_copy(value));
}

static void item_patch(void *ctx, json_t *item, const json_t *patch, const char *data_pointer)
{
    (void)ctx;
    (void)data_pointer;
    json_object_set_new(item, "value", json_deep_copy(patch));
    json_object_set_new(item, "origin", json_string("persona"));
}

struct entry_ctx {
    const struct pf_persona_section *section;
    json_t *used; /* entry ids of the section */
    json_t *unresolved;
};

static void entry_patch(void *ctx, json_t *slot, const json_t *patch, const char *data_pointer);

static json_t *entry_make_new(void *ctx, const json_t *value)
{
    struct entry_ctx *c = ctx;
    return make_slot(c->section, value, NULL, c->used);
}

/* Leaf pointers of a merge patch, relative to prefix, appended to out. */
static void patch_leaves(const json_t *patch, const char *prefix, json_t *out)
{
    if (!json_is_object(patch) || json_object_size(patch) == 0) {
        json_array_append_new(out, json_string(prefix));
        return;
    }
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)patch, key, value) {
        char *at = pointer_join(prefix, key);
        patch_leaves(value, at, out);
        free(at);
    }
}

static void entry_patch(void *ctx, json_t *slot, const json_t *patch, const char *data_pointer)
{
    struct entry_ctx *c = ctx;
    if (!json_is_object(patch)) {
        json_object_set_new(slot, "value", json_deep_copy(patch));
        json_array_append_new(json_object_get(slot, "overridden"), json_string(""));
        return;
    }
    json_t *lists = json_object_get(slot, "lists");
    json_t *plain = json_object();
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)patch, key, value) {
        if (!pf_persona_section_has_list(c->section, key)) {
            json_object_set(plain, key, value);
            continue;
        }
        json_t *items = json_object_get(lists, key);
        json_t *item_ids = json_object_get(slot, "item_ids");
        if (json_is_null(value)) {
            json_object_del(lists, key);
        } else if (json_is_array(value)) {
            json_object_set_new(lists, key, items_from_list(key, value, NULL, item_ids));
        } else if (json_is_object(value)) {
            struct item_ctx ictx = {key, item_ids, c->unresolved};
            struct convention_ops ops = {item_make_new, item_patch, &ictx};
            json_t *empty = json_array();
            char *at = pointer_join(data_pointer, key);
            json_object_set_new(lists, key, apply_convention(items ? items : empty, value, at,
                                                             &ops, c->unresolved));
            free(at);
            json_decref(empty);
        } else {
            json_object_del(lists, key);
            json_object_set(plain, key, value);
        }
    }
    if (json_object_size(plain) > 0) {
        json_t *merged = pf_json_merge_patch(json_object_get(slot, "value"), plain);
        json_object_set_new(slot, "value", merged);
        patch_leaves(plain, "", json_object_get(slot, "overridden"));
    }
    json_decref(plain);
}

/* The kb entry types shown as skills, and the group each becomes. */
static const struct {
    const char *type;
    const char *group;
} kb_groups[] = {{"skill", "Skills"}, {"tool", "Tools"}, {"soft_skill", "Soft skills"}};

static void normalized_key(const struct pf_kb *kb, const char *text, char *out, size_t cap)
{
    uint32_t concept;
    if (kb && pf_kb_lookup(kb, pf_str_from_cstr(text), &concept)) {
        snprintf(out, cap, "#%s", pf_kb_concept_key(kb, concept));
        return;
    }
    pf_kb_normalize(pf_str_from_cstr(text), out, cap);
}

static int kb_entry_cmp(const void *a, const void *b)
{
    const struct pf_kb_row *x = *(struct pf_kb_row *const *)a;
    const struct pf_kb_row *y = *(struct pf_kb_row *const *)b;
    int64_t yx = pf_json_get_int(x->details, "years", 0);
    int64_t yy = pf_json_get_int(y->details, "years", 0);
    if (yx != yy)
        return yx > yy ? -1 : 1;
    if (x->confidence != y->confidence)
        return x->confidence > y->confidence ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* Adds one skills group per kb type for the confirmed entries the CV's skills do not name. */
static void add_kb_skills(const struct pf_persona_merge_input *in, json_t *slots, json_t *used)
{
    if (in->kb_count == 0)
        return;
    const struct pf_persona_section *section = pf_persona_section_find("skills");
    json_t *known = json_object();
    size_t i;
    json_t *slot;
    char key[256];
    json_array_foreach(slots, i, slot) {
        normalized_key(in->kb, pf_json_get_str(json_object_get(slot, "value"), "name"), key,
                       sizeof(key));
        json_object_set_new(known, key, json_true());
        size_t j;
        json_t *item;
        json_array_foreach(json_object_get(json_object_get(slot, "lists"), "keywords"), j, item) {
            const char *text = pf_json_get_str(item, "value");
            if (!text)
                continue;
            normalized_key(in->kb, text, key, sizeof(key));
            json_object_set_new(known, key, json_true());
        }
    }
    struct pf_kb_row **sorted = calloc(in->kb_count, sizeof(*sorted));
    memcpy(sorted, in->kb_entries, in->kb_count * sizeof(*sorted));
    qsort(sorted, in->kb_count, sizeof(*sorted), kb_entry_cmp);
    for (size_t g = 0; g < PF_ARRAY_LEN(kb_groups); g++) {
        json_t *items = json_array();
        json_t *item_ids = json_object();
        for (size_t k = 0; k < in->kb_count; k++) {
            const struct pf_kb_row *e = sorted[k];
            if (!e->confirmed || e->rejected || !e->value ||
                strcmp(e->type, kb_groups[g].type) != 0)
                continue;
            normalized_key(in->kb, e->value, key, sizeof(key));
            if (json_object_get(known, key))
                continue;
            json_object_set_new(known, key, json_true());
            char id[PF_PERSONA_ID_MAX];
            char origin[64];
            char uuid[PF_ID_STR_LEN];
            pf_persona_item_id("keywords", e->value, id);
            pf_persona_id_claim(item_ids, id);
            pf_id_format(e->id, uuid);
            snprintf(origin, sizeof(origin), "kb:%s", uuid);
            json_array_append_new(items, make_item(id, origin, json_string(e->value)));
        }
        if (json_array_size(items) == 0) {
            json_decref(items);
            json_decref(item_ids);
            continue;
        }
        char seed[64];
        snprintf(seed, sizeof(seed), "personaforge knowledge base %s", kb_groups[g].type);
        json_t *seed_entry = json_pack("{s:s}", "name", seed);
        char id[PF_PERSONA_ID_MAX];
        pf_persona_entry_id(section, seed_entry, id);
        json_decref(seed_entry);
        pf_persona_id_claim(used, id);
        json_array_append_new(
            slots, json_pack("{s:s,s:s,s:{s:s},s:{s:o},s:o,s:[]}", "id", id, "origin", "kb",
                             "value", "name", kb_groups[g].group, "lists", "keywords", items,
                             "item_ids", item_ids, "overridden"));
    }
    free(sorted);
    json_decref(known);
}

/* Writes the slots of one section back into doc[section] and the meta maps. */
static void emit_section(json_t *doc, const char *name, json_t *slots, json_t *ids,
                         json_t *origins, json_t *overridden)
{
    json_t *array = json_array();
    size_t i;
    json_t *slot;
    json_array_foreach(slots, i, slot) {
        char pointer[128];
        snprintf(pointer, sizeof(pointer), "/%s/%zu", name, i);
        const char *id = pf_json_get_str(slot, "id");
        json_object_set_new(ids, pointer, json_string(id));
        json_object_set_new(origins, pointer, json_string(pf_json_get_str(slot, "origin")));
        json_t *value = json_deep_copy(json_object_get(slot, "value"));
        const char *field;
        json_t *items;
        json_object_foreach(json_object_get(slot, "lists"), field, items) {
            json_t *list = json_array();
            size_t j;
            json_t *item;
            json_array_foreach(items, j, item) {
                char item_pointer[256];
                char qualified[2 * PF_PERSONA_ID_MAX];
                snprintf(item_pointer, sizeof(item_pointer), "%s/%s/%zu", pointer, field, j);
                snprintf(qualified, sizeof(qualified), "%s/%s", id, pf_json_get_str(item, "id"));
                json_object_set_new(ids, item_pointer, json_string(qualified));
                json_object_set_new(origins, item_pointer,
                                    json_string(pf_json_get_str(item, "origin")));
                json_array_append(list, json_object_get(item, "value"));
            }
            if (json_is_object(value))
                json_object_set_new(value, field, list);
            else
                json_decref(list);
        }
        json_t *leaf;
        size_t k;
        json_array_foreach(json_object_get(slot, "overridden"), k, leaf) {
            char full[600];
            snprintf(full, sizeof(full), "%s%s", pointer, json_string_value(leaf));
            json_array_append_new(overridden, json_string(full));
        }
        json_array_append_new(array, value);
    }
    json_object_set_new(doc, name, array);
}

json_t *pf_persona_merge(const struct pf_persona_merge_input *in)
{
    json_t *doc = json_is_object(in->base) ? json_deep_copy(in->base) : json_object();
    json_t *meta = json_object_get(doc, "meta");
    if (json_is_object(meta))
        json_object_del(meta, "personaforge");
    size_t section_count;
    const struct pf_persona_section *sections = pf_persona_sections(&section_count);
    json_t *slots_by = json_object();
    json_t *used_by = json_object();
    for (size_t s = 0; s < section_count; s++) {
        json_t *used = json_object();
        const json_t *array = json_object_get(doc, sections[s].name);
        if (json_is_array(array))
            json_object_set_new(slots_by, sections[s].name,
                                slots_from_array(&sections[s], array, true, used));
        json_object_set_new(used_by, sections[s].name, used);
    }
    if (in->kb_count > 0) {
        json_t *skills = json_object_get(slots_by, "skills");
        if (!skills) {
            skills = json_array();
            json_object_set_new(slots_by, "skills", skills);
        }
        add_kb_skills(in, skills, json_object_get(used_by, "skills"));
    }
    json_t *overridden = json_array();
    json_t *unresolved = json_array();
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)in->data, key, value) {
        const struct pf_persona_section *section = pf_persona_section_find(key);
        char *at = pointer_join("", key);
        if (!section) {
            if (strcmp(key, "meta") == 0 && json_is_object(value)) {
                json_t *patch = json_deep_copy(value);
                json_object_del(patch, "personaforge");
                json_object_set_new(doc, key, pf_json_merge_patch(json_object_get(doc, key), patch));
                json_decref(patch);
            } else if (json_is_null(value)) {
                json_object_del(doc, key);
                json_array_append_new(overridden, json_string(at));
            } else {
                json_object_set_new(doc, key, pf_json_merge_patch(json_object_get(doc, key), value));
                patch_leaves(value, at, overridden);
            }
            free(at);
            continue;
        }
        json_t *used = json_object_get(used_by, key);
        if (json_is_null(value)) {
            json_object_del(slots_by, key);
            json_object_del(doc, key);
        } else if (json_is_array(value)) {
            json_object_clear(used);
            json_object_set_new(slots_by, key, slots_from_array(section, value, false, used));
        } else if (json_is_object(value)) {
            struct entry_ctx ctx = {section, used, unresolved};
            struct convention_ops ops = {entry_make_new, entry_patch, &ctx};
            json_t *slots = json_object_get(slots_by, key);
            json_t *empty = json_array();
            json_object_set_new(slots_by, key,
                                apply_convention(slots ? slots : empty, value, at, &ops,
                                                 unresolved));
            json_decref(empty);
        } else {
            json_object_del(slots_by, key);
            json_object_set(doc, key, value);
            json_array_append_new(overridden, json_string(at));
        }
        free(at);
    }
    json_t *ids = json_object();
    json_t *origins = json_object();
    for (size_t s = 0; s < section_count; s++) {
        json_t *slots = json_object_get(slots_by, sections[s].name);
        if (slots)
            emit_section(doc, sections[s].name, slots, ids, origins, overridden);
    }
    meta = json_object_get(doc, "meta");
    if (!json_is_object(meta)) {
        meta = json_object();
        json_object_set_new(doc, "meta", meta);
    }
    json_object_set_new(meta, "personaforge",
                        json_pack("{s:o,s:o,s:o,s:o}", "ids", ids, "origins", origins,
                                  "overridden", overridden, "unresolved", unresolved));
    json_decref(slots_by);
    json_decref(used_by);
    return doc;
}

json_t *pf_persona_known_ids(const json_t *effective)
{
    json_t *set = json_object();
    const json_t *ids = json_object_get(json_object_get(json_object_get(effective, "meta"),
                                                        "personaforge"),
                                        "ids");
    const char *pointer;
    json_t *id;
    json_object_foreach((json_t *)ids, pointer, id) {
        if (json_is_string(id))
            json_object_set_new(set, json_string_value(id), json_true());
    }
    return set;
}
