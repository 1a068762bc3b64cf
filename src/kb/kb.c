/* The knowledge-base index: lifecycle, concept accessors, the name map and the trie step. */
#include "kb/kb.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "kb/kb_int.h"

/* The taxonomy compiled into the binary by pf_embed_files (src/kb/CMakeLists.txt). */
extern const struct pf_embedded_file pf_kb_taxonomy[];
extern const size_t pf_kb_taxonomy_count;

static const char *const category_names[PF_KB_CATEGORY_COUNT] = {
    "skill", "tool", "domain", "soft_skill", "preference",
};

void kb_map_fini(struct kb_map *map)
{
    if (!map)
        return;
    free(map->entries);
    free(map->slots);
    memset(map, 0, sizeof(*map));
}

bool kb_map_get(const struct kb_map *map, const char *key, size_t len, uint32_t hash,
                uint32_t *out_value)
{
    if (!map->slots)
        return false;
    size_t slot = hash & map->mask;
    for (;;) {
        uint32_t index = map->slots[slot];
        if (index == 0)
            return false;
        const struct kb_map_entry *entry = &map->entries[index - 1];
        if (entry->hash == hash && entry->len == len && memcmp(entry->key, key, len) == 0) {
            *out_value = entry->value;
            return true;
        }
        slot = (slot + 1) & map->mask;
    }
}

static void map_rehash(struct kb_map *map, size_t slot_count)
{
    free(map->slots);
    map->slots = pf_xcalloc(slot_count, sizeof(*map->slots));
    map->mask = slot_count - 1;
    for (size_t i = 0; i < map->count; i++) {
        size_t slot = map->entries[i].hash & map->mask;
        while (map->slots[slot])
            slot = (slot + 1) & map->mask;
        map->slots[slot] = (uint32_t)i + 1;
    }
}

uint32_t kb_map_put(struct kb_map *map, const char *key, size_t len, uint32_t value)
{
    uint32_t hash = pf_kb_hash(key, len);
    uint32_t existing;
    if (kb_map_get(map, key, len, hash, &existing))
        return existing;
    if (map->count == map->cap) {
        map->cap = map->cap ? map->cap * 2 : 1024;
        map->entries = pf_xrealloc(map->entries, map->cap * sizeof(*map->entries));
    }
    map->entries[map->count++] = (struct kb_map_entry){key, (uint32_t)len, hash, value};
    /* Load factor at most 1/2 keeps probe runs short on the hot lookup path. */
    if (!map->slots || map->count * 2 > map->mask + 1) {
        map_rehash(map, map->slots ? (map->mask + 1) * 2 : 2048);
    } else {
        size_t slot = hash & map->mask;
        while (map->slots[slot])
            slot = (slot + 1) & map->mask;
        map->slots[slot] = (uint32_t)map->count;
    }
    return value;
}

uint32_t kb_trie_step(const struct pf_kb *kb, uint32_t node, uint32_t token, bool glue)
{
    if (!kb->edges)
        return UINT32_MAX;
    uint64_t key = ((uint64_t)node << 33) | ((uint64_t)token << 1) | (glue ? 1u : 0u);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & kb->edge_mask;
    for (;;) {
        const struct kb_edge *edge = &kb->edges[slot];
        if (edge->key == key)
            return edge->child;
        if (edge->key == 0)
            return UINT32_MAX;
        slot = (slot + 1) & kb->edge_mask;
    }
}

uint32_t kb_word_id(const struct pf_kb *kb, const char *word)
{
    uint32_t id;
    size_t len = strlen(word);
    return kb_map_get(&kb->dict, word, len, pf_kb_hash(word, len), &id) ? id : 0;
}

bool kb_is_tech(const struct pf_kb *kb, uint32_t concept)
{
    uint8_t category = kb->concepts[concept].category;
    return category == PF_KB_SKILL || category == PF_KB_TOOL;
}

pf_status pf_kb_new_from_files(const struct pf_embedded_file *files, size_t count,
                               struct pf_kb **out_kb, struct pf_error *err)
{
    int64_t started = pf_monotonic_ns();
    struct pf_kb *kb = pf_xcalloc(1, sizeof(*kb));
    kb->arena = pf_arena_new();
    pf_status st = kb_load(kb, files, count, err);
    if (st != PF_OK)
        goto done;
    kb->build_ms = (double)(pf_monotonic_ns() - started) / 1e6;
    *out_kb = kb;
    kb = NULL;
done:
    pf_kb_free(kb);
    return st;
}

pf_status pf_kb_new(struct pf_kb **out_kb, struct pf_error *err)
{
    return pf_kb_new_from_files(pf_kb_taxonomy, pf_kb_taxonomy_count, out_kb, err);
}

const struct pf_embedded_file *pf_kb_embedded_files(size_t *out_count)
{
    if (out_count)
        *out_count = pf_kb_taxonomy_count;
    return pf_kb_taxonomy;
}

void pf_kb_free(struct pf_kb *kb)
{
    if (!kb)
        return;
    free(kb->concepts);
    free(kb->aliases);
    free(kb->implies);
    kb_map_fini(&kb->names);
    kb_map_fini(&kb->dict);
    free(kb->edges);
    free(kb->starts);
    free(kb->root_child);
    free(kb->dict_filter);
    free(kb->out_first);
    free(kb->out_count);
    free(kb->outputs);
    free(kb->patterns);
    free(kb->rules);
    free(kb->rule_words);
    free(kb->soft_rules);
    free(kb->cues);
    pf_arena_free(kb->arena);
    free(kb);
}

size_t pf_kb_concept_count(const struct pf_kb *kb)
{
    return kb->concept_count;
}

static const struct kb_concept *concept_at(const struct pf_kb *kb, uint32_t concept)
{
    PF_ASSERT(concept < kb->concept_count);
    return &kb->concepts[concept];
}

const char *pf_kb_concept_name(const struct pf_kb *kb, uint32_t concept)
{
    return concept_at(kb, concept)->name;
}

const char *pf_kb_concept_key(const struct pf_kb *kb, uint32_t concept)
{
    return concept_at(kb, concept)->key;
}

enum pf_kb_category pf_kb_concept_category(const struct pf_kb *kb, uint32_t concept)
{
    return (enum pf_kb_category)concept_at(kb, concept)->category;
}

const char *pf_kb_concept_group(const struct pf_kb *kb, uint32_t concept)
{
    return concept_at(kb, concept)->group;
}

unsigned pf_kb_concept_flags(const struct pf_kb *kb, uint32_t concept)
{
    return concept_at(kb, concept)->flags;
}

size_t pf_kb_concept_alias_count(const struct pf_kb *kb, uint32_t concept)
{
    return concept_at(kb, concept)->alias_count;
}

const char *pf_kb_concept_alias(const struct pf_kb *kb, uint32_t concept, size_t index)
{
    const struct kb_concept *record = concept_at(kb, concept);
    PF_ASSERT(index < record->alias_count);
    return kb->aliases[record->alias_first + index];
}

size_t pf_kb_concept_implies(const struct pf_kb *kb, uint32_t concept, const uint32_t **out_ids)
{
    const struct kb_concept *record = concept_at(kb, concept);
    *out_ids = kb->implies ? kb->implies + record->implies_first : NULL;
    return record->implies_count;
}

bool pf_kb_lookup(const struct pf_kb *kb, struct pf_str name, uint32_t *out_concept)
{
    char key[256];
    size_t len = pf_kb_normalize(name, key, sizeof(key));
    if (len == 0)
        return false;
    return kb_map_get(&kb->names, key, len, pf_kb_hash(key, len), out_concept);
}

const char *pf_kb_category_name(enum pf_kb_category category)
{
    return (unsigned)category < PF_KB_CATEGORY_COUNT ? category_names[category] : "skill";
}

bool pf_kb_category_parse(struct pf_str name, enum pf_kb_category *out_category)
{
    for (size_t i = 0; i < PF_KB_CATEGORY_COUNT; i++) {
        if (pf_str_eq_cstr(name, category_names[i])) {
            *out_category = (enum pf_kb_category)i;
            return true;
        }
    }
    return false;
}

void pf_kb_get_stats(const struct pf_kb *kb, struct pf_kb_stats *out_stats)
{
    memset(out_stats, 0, sizeof(*out_stats));
    out_stats->concepts = kb->concept_count;
    for (size_t i = 0; i < kb->concept_count; i++)
        out_stats->by_category[kb->concepts[i].category]++;
    out_stats->aliases = kb->alias_count;
    out_stats->patterns = kb->pattern_count;
    out_stats->implies = kb->implies_count;
    out_stats->tokens = kb->dict.count;
    out_stats->trie_nodes = kb->node_count;
    out_stats->context_rules = kb->rule_count;
    out_stats->build_ms = kb->build_ms;
    out_stats->memory_bytes =
        pf_arena_used(kb->arena) + kb->concept_count * sizeof(struct kb_concept) +
        kb->alias_count * sizeof(char *) + kb->implies_count * sizeof(uint32_t) +
        (kb->names.cap + kb->dict.cap) * sizeof(struct kb_map_entry) +
        (kb->names.mask + kb->dict.mask + 2) * sizeof(uint32_t) +
        (kb->edges ? (kb->edge_mask + 1) * sizeof(struct kb_edge) : 0) + kb->starts_len +
        kb->node_count * (sizeof(uint32_t) + sizeof(uint16_t)) +
        kb->output_count * sizeof(uint32_t) + kb->pattern_count * sizeof(struct kb_pattern) +
        kb->rule_count * sizeof(struct kb_rule) + kb->rule_word_count * sizeof(uint32_t);
}
