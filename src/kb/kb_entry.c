/* Knowledge-base entries: an arena-backed list with dedupe by (type, normalised value). */
#include "kb/kb_entry.h"

#include <math.h>
#include <string.h>

#include "base/json.h"
#include "kb/kb_text.h"

static const char *const type_names[PF_KB_ENTRY_TYPE_COUNT] = {
    "skill", "tool", "domain", "soft_skill", "preference", "seniority", "fact",
};
static const char *const source_names[] = {"cv", "user_answer", "ai_extraction"};

const char *pf_kb_entry_type_name(enum pf_kb_entry_type type)
{
    return (unsigned)type < PF_KB_ENTRY_TYPE_COUNT ? type_names[type] : "skill";
}

bool pf_kb_entry_type_parse(const char *name, enum pf_kb_entry_type *out_type)
{
    for (size_t i = 0; name && i < PF_KB_ENTRY_TYPE_COUNT; i++) {
        if (strcmp(name, type_names[i]) == 0) {
            *out_type = (enum pf_kb_entry_type)i;
            return true;
        }
    }
    return false;
}

const char *pf_kb_source_name(enum pf_kb_source source)
{
    return (unsigned)source < PF_ARRAY_LEN(source_names) ? source_names[source] : "cv";
}

void pf_kb_entries_init(struct pf_kb_entries *entries, struct pf_arena *arena)
{
    memset(entries, 0, sizeof(*entries));
    entries->arena = arena;
}

struct pf_kb_entry *pf_kb_entries_find(const struct pf_kb_entries *entries,
                                       enum pf_kb_entry_type type, const char *normalized)
{
    for (size_t i = 0; i < entries->count; i++) {
        struct pf_kb_entry *entry = &entries->items[i];
        if (entry->type == type && strcmp(entry->normalized, normalized) == 0)
            return entry;
    }
    return NULL;
}

struct pf_kb_entry *pf_kb_entries_upsert(struct pf_kb_entries *entries, enum pf_kb_entry_type type,
                                         const char *value, const char *normalized,
                                         uint32_t concept, enum pf_kb_source source,
                                         bool *out_created)
{
    char key[256];
    if (!normalized) {
        pf_kb_normalize(pf_str_from_cstr(value), key, sizeof(key));
        normalized = key;
    }
    struct pf_kb_entry *entry = pf_kb_entries_find(entries, type, normalized);
    if (out_created)
        *out_created = entry == NULL;
    if (entry)
        return entry;
    if (entries->count == entries->cap) {
        /* Arena memory is not freed one by one: doubling wastes at most the old copies. */
        size_t cap = entries->cap ? entries->cap * 2 : 32;
        struct pf_kb_entry *items = pf_arena_alloc(entries->arena, cap * sizeof(*items));
        if (entries->count)
            memcpy(items, entries->items, entries->count * sizeof(*items));
        entries->items = items;
        entries->cap = cap;
    }
    entry = &entries->items[entries->count++];
    memset(entry, 0, sizeof(*entry));
    entry->type = type;
    entry->value = pf_arena_strdup(entries->arena, value);
    entry->normalized = pf_arena_strdup(entries->arena, normalized);
    entry->concept = concept;
    entry->source = source;
    entry->evidence = pf_json_arena(entries->arena, json_array());
    entry->details = pf_json_arena(entries->arena, json_object());
    return entry;
}

void pf_kb_entry_add_evidence(struct pf_kb_entry *entry, json_t *item)
{
    if (json_array_size(entry->evidence) >= PF_KB_EVIDENCE_MAX) {
        json_decref(item);
        return;
    }
    json_array_append_new(entry->evidence, item);
}

json_t *pf_kb_entry_to_json(const struct pf_kb_entry *entry)
{
    json_t *json = json_object();
    json_object_set_new(json, "type", json_string(pf_kb_entry_type_name(entry->type)));
    json_object_set_new(json, "value", json_string(entry->value));
    json_object_set_new(json, "normalized_value", json_string(entry->normalized));
    json_object_set_new(json, "source", json_string(pf_kb_source_name(entry->source)));
    json_object_set_new(json, "confidence", json_real(round(entry->confidence * 100.0) / 100.0));
    json_object_set_new(json, "confirmed", json_boolean(entry->confirmed));
    json_object_set(json, "evidence", entry->evidence);
    json_object_set(json, "details", entry->details);
    return json;
}

json_t *pf_kb_entries_to_json(const struct pf_kb_entries *entries)
{
    json_t *array = json_array();
    for (size_t i = 0; i < entries->count; i++)
        json_array_append_new(array, pf_kb_entry_to_json(&entries->items[i]));
    return array;
}
