/* Taxonomy loading: TSV files -> merged concepts, name index, rules and the token trie. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "kb/kb_int.h"

#define KEY_MAX 256 /* bytes of a normalised name */

struct str_node {
    const char *text;
    struct str_node *next;
};

/* A concept while files are merged. */
struct draft {
    const char *name;
    const char *key;
    const char *group;
    int category; /* -1 until a row sets it */
    unsigned flags;
    bool dropped;
    struct str_node *aliases; /* newest first */
    struct str_node *implies;
    const char *file;
    int line;
};

struct loader {
    struct pf_kb *kb;
    struct draft *drafts; /* heap */
    size_t draft_count;
    size_t draft_cap;
    struct kb_map draft_keys; /* key -> draft index */
    const char *file;
    int line;
    struct pf_error *err;
};

static pf_status fail(struct loader *ld, const char *fmt, const char *detail)
{
    pf_error_set(ld->err, PF_E_PARSE, "taxonomy %s:%d: %s '%s'", ld->file, ld->line, fmt,
                 detail);
    return PF_E_PARSE;
}

/* Splits line at TABs into fields (views into the line). Returns the field count. */
static size_t split(struct pf_str line, char sep, struct pf_str *fields, size_t max)
{
    size_t count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= line.len && count < max; i++) {
        if (i == line.len || line.ptr[i] == sep) {
            fields[count++] = pf_str_trim(pf_str_make(line.ptr + start, i - start));
            start = i + 1;
        }
    }
    return count;
}

static const char *normalized_key(struct pf_kb *kb, struct pf_str text)
{
    char key[KEY_MAX];
    size_t len = pf_kb_normalize(text, key, sizeof(key));
    return pf_arena_strndup(kb->arena, key, len);
}

static struct draft *draft_for(struct loader *ld, struct pf_str name, const char *key)
{
    uint32_t index;
    if (kb_map_get(&ld->draft_keys, key, strlen(key), pf_kb_hash(key, strlen(key)), &index))
        return &ld->drafts[index];
    if (ld->draft_count == ld->draft_cap) {
        ld->draft_cap = ld->draft_cap ? ld->draft_cap * 2 : 1024;
        ld->drafts = pf_xrealloc(ld->drafts, ld->draft_cap * sizeof(*ld->drafts));
    }
    struct draft *draft = &ld->drafts[ld->draft_count];
    memset(draft, 0, sizeof(*draft));
    draft->name = pf_arena_strdup_str(ld->kb->arena, name);
    draft->key = key;
    draft->group = "";
    draft->category = -1;
    draft->file = ld->file;
    draft->line = ld->line;
    kb_map_put(&ld->draft_keys, key, strlen(key), (uint32_t)ld->draft_count);
    ld->draft_count++;
    return draft;
}

static void push_list(struct pf_kb *kb, struct str_node **list, struct pf_str items)
{
    struct pf_str parts[64];
    size_t count = split(items, '|', parts, PF_ARRAY_LEN(parts));
    for (size_t i = 0; i < count; i++) {
        if (parts[i].len == 0)
            continue;
        struct str_node *node = pf_arena_alloc(kb->arena, sizeof(*node));
        node->text = pf_arena_strdup_str(kb->arena, parts[i]);
        node->next = *list;
        *list = node;
    }
}

static pf_status parse_flags(struct loader *ld, struct pf_str text, unsigned *flags,
                             bool *dropped)
{
    struct pf_str parts[8];
    size_t count = split(text, ',', parts, PF_ARRAY_LEN(parts));
    for (size_t i = 0; i < count; i++) {
        if (parts[i].len == 0)
            continue;
        if (pf_str_eq_cstr(parts[i], "cased"))
            *flags |= PF_KB_CONCEPT_CASED;
        else if (pf_str_eq_cstr(parts[i], "context"))
            *flags |= PF_KB_CONCEPT_CONTEXT;
        else if (pf_str_eq_cstr(parts[i], "nomatch"))
            *flags |= PF_KB_CONCEPT_NOMATCH;
        else if (pf_str_eq_cstr(parts[i], "drop"))
            *dropped = true;
        else
            return fail(ld, "unknown flag", pf_arena_strdup_str(ld->kb->arena, parts[i]));
    }
    return PF_OK;
}

/* name, category, group, aliases, implies, flags */
static pf_status concept_row(struct loader *ld, struct pf_str *fields, size_t count)
{
    struct pf_kb *kb = ld->kb;
    const char *key = normalized_key(kb, fields[0]);
    if (!key[0])
        return fail(ld, "a concept needs a name", "");
    struct draft *draft = draft_for(ld, fields[0], key);
    if (count > 1 && fields[1].len) {
        enum pf_kb_category category;
        if (!pf_kb_category_parse(fields[1], &category))
            return fail(ld, "unknown category", pf_arena_strdup_str(kb->arena, fields[1]));
        draft->category = (int)category;
    }
    if (count > 2 && fields[2].len)
        draft->group = pf_arena_strdup_str(kb->arena, fields[2]);
    if (count > 3)
        push_list(kb, &draft->aliases, fields[3]);
    if (count > 4)
        push_list(kb, &draft->implies, fields[4]);
    if (count > 5) {
        bool dropped = false;
        pf_status st = parse_flags(ld, fields[5], &draft->flags, &dropped);
        if (st != PF_OK)
            return st;
        draft->dropped = dropped;
    }
    if (draft->category < 0)
        return fail(ld, "a new concept needs a category", draft->name);
    return PF_OK;
}

static uint32_t intern(struct pf_kb *kb, const char *norm, size_t len)
{
    uint32_t id;
    if (kb_map_get(&kb->dict, norm, len, pf_kb_hash(norm, len), &id))
        return id;
    const char *copy = pf_arena_strndup(kb->arena, norm, len);
    return kb_map_put(&kb->dict, copy, len, (uint32_t)kb->dict.count + 1);
}

static uint32_t intern_word(struct pf_kb *kb, struct pf_str word)
{
    char key[KEY_MAX];
    size_t len = pf_kb_normalize(word, key, sizeof(key));
    return len ? intern(kb, key, len) : 0;
}

static void edge_grow(struct pf_kb *kb)
{
    size_t old_cap = kb->edges ? kb->edge_mask + 1 : 0;
    struct kb_edge *old = kb->edges;
    size_t cap = old_cap ? old_cap * 2 : 16384;
    kb->edges = pf_xcalloc(cap, sizeof(*kb->edges));
    kb->edge_mask = cap - 1;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].key)
            continue;
        size_t slot = (size_t)((old[i].key * 0x9E3779B97F4A7C15ull) >> 20) & kb->edge_mask;
        while (kb->edges[slot].key)
            slot = (slot + 1) & kb->edge_mask;
        kb->edges[slot] = old[i];
    }
    free(old);
}

static uint32_t trie_add(struct pf_kb *kb, uint32_t node, uint32_t token, bool glue)
{
    uint32_t child = kb_trie_step(kb, node, token, glue);
    if (child != UINT32_MAX)
        return child;
    if (!kb->edges || (kb->edge_count + 1) * 2 > kb->edge_mask + 1)
        edge_grow(kb);
    uint64_t key = ((uint64_t)node << 33) | ((uint64_t)token << 1) | (glue ? 1u : 0u);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & kb->edge_mask;
    while (kb->edges[slot].key)
        slot = (slot + 1) & kb->edge_mask;
    kb->edges[slot].key = key;
    kb->edges[slot].child = (uint32_t)kb->node_count++;
    kb->edge_count++;
    return kb->edges[slot].child;
}

struct node_output {
    uint32_t node;
    uint32_t pattern;
};

static int compare_outputs(const void *a, const void *b)
{
    const struct node_output *x = a;
    const struct node_output *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* Adds one pattern (a name or alias) of concept to the trie. */
static void add_pattern(struct pf_kb *kb, uint32_t concept, const char *text, enum kb_policy policy,
                        struct node_output **outs, size_t *out_count, size_t *out_cap)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    uint32_t node = 0;
    size_t tokens = 0;
    bool prev_punct = false;
    pf_kb_tokenizer_init(&tz, pf_str_from_cstr(text));
    while (pf_kb_tokenizer_next(&tz, &token, norm)) {
        bool punct = token.kind == PF_KB_TOKEN_PUNCT;
        bool glue = tokens > 0 && (token.flags & PF_KB_TOK_GLUED) && (punct || prev_punct);
        uint32_t id = intern(kb, norm, token.norm_len);
        if (tokens == 0) {
            if (id >= kb->starts_len) {
                size_t len = kb->starts_len ? kb->starts_len : 4096;
                while (len <= id)
                    len *= 2;
                kb->starts = pf_xrealloc(kb->starts, len);
                memset(kb->starts + kb->starts_len, 0, len - kb->starts_len);
                kb->starts_len = len;
            }
            kb->starts[id] = 1;
        }
        node = trie_add(kb, node, id, glue);
        tokens++;
        prev_punct = punct;
    }
    if (tokens == 0 || tokens > 255)
        return;
    if (kb->pattern_count % 1024 == 0)
        kb->patterns = pf_xrealloc(kb->patterns, (kb->pattern_count + 1024) * sizeof(*kb->patterns));
    struct kb_pattern *pattern = &kb->patterns[kb->pattern_count];
    pattern->concept = concept;
    pattern->text = text;
    pattern->tokens = (uint8_t)tokens;
    pattern->policy = (uint8_t)policy;
    if (*out_count == *out_cap) {
        *out_cap = *out_cap ? *out_cap * 2 : 4096;
        *outs = pf_xrealloc(*outs, *out_cap * sizeof(**outs));
    }
    (*outs)[(*out_count)++] = (struct node_output){node, (uint32_t)kb->pattern_count};
    kb->pattern_count++;
    if (tokens > kb->max_pattern_tokens)
        kb->max_pattern_tokens = tokens;
}

/* An alias without its policy marker. */
static const char *alias_text(const char *alias)
{
    return alias[0] == '=' || alias[0] == '~' || alias[0] == '?' ? alias + 1 : alias;
}

static enum kb_policy alias_policy(const char *alias)
{
    switch (alias[0]) {
    case '=':
        return KB_POLICY_EXACT;
    case '~':
        return KB_POLICY_CASED;
    case '?':
        return KB_POLICY_CONTEXT;
    default:
        return KB_POLICY_PLAIN;
    }
}

/* Turns the merged drafts into the final concept table, name index and trie. */
static pf_status finish_concepts(struct loader *ld)
{
    struct pf_kb *kb = ld->kb;
    uint32_t *new_id = pf_xmalloc((ld->draft_count + 1) * sizeof(*new_id));
    size_t alias_cap = 0;
    size_t implies_cap = 0;
    struct node_output *outs = NULL;
    size_t out_count = 0;
    size_t out_cap = 0;
    pf_status st = PF_OK;

    kb->concepts = pf_xcalloc(ld->draft_count + 1, sizeof(*kb->concepts));
    for (size_t i = 0; i < ld->draft_count; i++) {
        struct draft *draft = &ld->drafts[i];
        new_id[i] = PF_KB_NO_CONCEPT;
        if (draft->dropped)
            continue;
        uint32_t id = (uint32_t)kb->concept_count++;
        new_id[i] = id;
        struct kb_concept *concept = &kb->concepts[id];
        concept->name = draft->name;
        concept->key = draft->key;
        concept->group = draft->group;
        concept->category = (uint8_t)draft->category;
        concept->flags = (uint8_t)draft->flags;
        kb_map_put(&kb->names, draft->key, strlen(draft->key), id);
    }
    /* Aliases after every canonical name, so a name always wins over another's alias. */
    for (size_t i = 0; i < ld->draft_count; i++) {
        if (new_id[i] == PF_KB_NO_CONCEPT)
            continue;
        struct kb_concept *concept = &kb->concepts[new_id[i]];
        concept->alias_first = (uint32_t)kb->alias_count;
        for (struct str_node *node = ld->drafts[i].aliases; node; node = node->next) {
            const char *text = alias_text(node->text);
            const char *key = normalized_key(kb, pf_str_from_cstr(text));
            /* An unmarked alias spelled like the name adds nothing, and would bypass the
             * name's own case or context policy. */
            if (!key[0] || (text == node->text && strcmp(key, ld->drafts[i].key) == 0))
                continue;
            uint32_t owner = kb_map_put(&kb->names, key, strlen(key), new_id[i]);
            if (owner != new_id[i])
                continue; /* another concept's name or earlier alias */
            if (kb->alias_count == alias_cap) {
                alias_cap = alias_cap ? alias_cap * 2 : 4096;
                kb->aliases = pf_xrealloc(kb->aliases, alias_cap * sizeof(*kb->aliases));
            }
            kb->aliases[kb->alias_count++] = node->text;
        }
        concept->alias_count = (uint32_t)kb->alias_count - concept->alias_first;
    }
    for (size_t i = 0; i < ld->draft_count; i++) {
        if (new_id[i] == PF_KB_NO_CONCEPT)
            continue;
        struct kb_concept *concept = &kb->concepts[new_id[i]];
        concept->implies_first = (uint32_t)kb->implies_count;
        for (struct str_node *node = ld->drafts[i].implies; node; node = node->next) {
            uint32_t target;
            if (!pf_kb_lookup(kb, pf_str_from_cstr(node->text), &target)) {
                ld->file = ld->drafts[i].file;
                ld->line = ld->drafts[i].line;
                st = fail(ld, "implies an unknown concept", node->text);
                goto done;
            }
            if (target == new_id[i])
                continue;
            if (kb->implies_count == implies_cap) {
                implies_cap = implies_cap ? implies_cap * 2 : 4096;
                kb->implies = pf_xrealloc(kb->implies, implies_cap * sizeof(*kb->implies));
            }
            kb->implies[kb->implies_count++] = target;
        }
        concept->implies_count = (uint32_t)kb->implies_count - concept->implies_first;
    }
    kb->node_count = 1; /* the root */
    for (uint32_t id = 0; id < kb->concept_count; id++) {
        struct kb_concept *concept = &kb->concepts[id];
        enum kb_policy policy = KB_POLICY_PLAIN;
        if (concept->flags & PF_KB_CONCEPT_CONTEXT)
            policy = KB_POLICY_CONTEXT;
        else if (concept->flags & PF_KB_CONCEPT_CASED)
            policy = KB_POLICY_CASED;
        if (!(concept->flags & PF_KB_CONCEPT_NOMATCH))
            add_pattern(kb, id, concept->name, policy, &outs, &out_count, &out_cap);
        for (uint32_t a = 0; a < concept->alias_count; a++) {
            const char *alias = kb->aliases[concept->alias_first + a];
            add_pattern(kb, id, alias_text(alias), alias_policy(alias), &outs, &out_count,
                        &out_cap);
        }
    }
    if (out_count > 1)
        qsort(outs, out_count, sizeof(*outs), compare_outputs);
    kb->out_first = pf_xcalloc(kb->node_count, sizeof(*kb->out_first));
    kb->out_count = pf_xcalloc(kb->node_count, sizeof(*kb->out_count));
    kb->outputs = pf_xmalloc((out_count + 1) * sizeof(*kb->outputs));
    for (size_t i = 0; i < out_count; i++) {
        uint32_t node = outs[i].node;
        /* One pattern per concept and node: a name and an alias that normalise alike. */
        if (i > 0 && outs[i - 1].node == node &&
            kb->patterns[outs[i - 1].pattern].concept == kb->patterns[outs[i].pattern].concept)
            continue;
        if (kb->out_count[node] == 0)
            kb->out_first[node] = (uint32_t)kb->output_count;
        if (kb->out_count[node] < UINT16_MAX)
            kb->out_count[node]++;
        kb->outputs[kb->output_count++] = outs[i].pattern;
    }
done:
    free(outs);
    free(new_id);
    return st;
}

static uint32_t push_word(struct pf_kb *kb, uint32_t id, size_t *cap)
{
    if (kb->rule_word_count == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        kb->rule_words = pf_xrealloc(kb->rule_words, *cap * sizeof(*kb->rule_words));
    }
    kb->rule_words[kb->rule_word_count] = id;
    return (uint32_t)kb->rule_word_count++;
}

/* Appends the '|'-separated words of list to kb->rule_words; returns the first index. */
static uint32_t push_words(struct pf_kb *kb, struct pf_str list, uint32_t *out_count, size_t *cap)
{
    struct pf_str parts[64];
    size_t count = split(list, '|', parts, PF_ARRAY_LEN(parts));
    uint32_t first = (uint32_t)kb->rule_word_count;
    *out_count = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t id;
        if (parts[i].len == 0 || pf_str_eq_cstr(parts[i], "-"))
            continue;
        if (pf_str_eq_cstr(parts[i], "<year>"))
            id = KB_WORD_YEAR;
        else if (pf_str_eq_cstr(parts[i], "<num>"))
            id = KB_WORD_NUMBER;
        else
            id = intern_word(kb, parts[i]);
        if (id == 0)
            continue;
        push_word(kb, id, cap);
        (*out_count)++;
    }
    return first;
}

static pf_status lookup_concept(struct loader *ld, struct pf_str name, uint32_t *out_concept)
{
    if (pf_kb_lookup(ld->kb, name, out_concept))
        return PF_OK;
    return fail(ld, "unknown concept", pf_arena_strdup_str(ld->kb->arena, name));
}

static int compare_rules(const void *a, const void *b)
{
    const struct kb_rule *x = a;
    const struct kb_rule *y = b;
    return x->concept < y->concept ? -1 : x->concept > y->concept;
}

enum file_role { ROLE_CONCEPTS, ROLE_CONTEXT, ROLE_SOFT, ROLE_CUES };

static enum file_role role_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "context_rules.tsv") == 0)
        return ROLE_CONTEXT;
    if (strcmp(base, "soft_skill_rules.tsv") == 0)
        return ROLE_SOFT;
    if (strcmp(base, "employer_cues.tsv") == 0)
        return ROLE_CUES;
    return ROLE_CONCEPTS;
}

static bool is_tsv(const char *path)
{
    size_t len = strlen(path);
    return len > 4 && strcmp(path + len - 4, ".tsv") == 0;
}

/* Rule files come after the concepts: their rows name concepts. */
static pf_status rule_row(struct loader *ld, enum file_role role, struct pf_str *fields,
                          size_t count, size_t *rule_cap, size_t *soft_cap, size_t *cue_cap,
                          size_t *word_cap)
{
    struct pf_kb *kb = ld->kb;
    uint32_t concept;
    pf_status st;
    if (role == ROLE_CONTEXT) {
        if (count < 4)
            return fail(ld, "context rule needs concept, where, words, effect", "");
        st = lookup_concept(ld, fields[0], &concept);
        if (st != PF_OK)
            return st;
        struct kb_rule rule = {concept, KB_RULE_NEAR, false, 0, 0};
        if (pf_str_eq_cstr(fields[1], "prev"))
            rule.where = KB_RULE_PREV;
        else if (pf_str_eq_cstr(fields[1], "next"))
            rule.where = KB_RULE_NEXT;
        else if (!pf_str_eq_cstr(fields[1], "near"))
            return fail(ld, "where must be prev, next or near", "");
        if (pf_str_eq_cstr(fields[3], "accept"))
            rule.accept = true;
        else if (!pf_str_eq_cstr(fields[3], "reject"))
            return fail(ld, "effect must be accept or reject", "");
        rule.first_word = push_words(kb, fields[2], &rule.word_count, word_cap);
        if (kb->rule_count == *rule_cap) {
            *rule_cap = *rule_cap ? *rule_cap * 2 : 256;
            kb->rules = pf_xrealloc(kb->rules, *rule_cap * sizeof(*kb->rules));
        }
        kb->rules[kb->rule_count++] = rule;
    } else if (role == ROLE_SOFT) {
        if (count < 5)
            return fail(ld, "soft-skill rule needs skill, triggers, objects, window, confidence",
                        "");
        st = lookup_concept(ld, fields[0], &concept);
        if (st != PF_OK)
            return st;
        int64_t window = 0;
        int64_t percent = 0;
        if (!pf_parse_i64(fields[3], 0, 20, &window) ||
            !pf_parse_i64(fields[4], 1, 100, &percent))
            return fail(ld, "window 0..20 and confidence 1..100 (percent) expected", "");
        struct kb_soft_rule rule = {concept, 0, 0, 0, 0, (uint8_t)window, (float)percent / 100.0f};
        rule.first_trigger = push_words(kb, fields[1], &rule.trigger_count, word_cap);
        rule.first_object = push_words(kb, fields[2], &rule.object_count, word_cap);
        if (kb->soft_rule_count == *soft_cap) {
            *soft_cap = *soft_cap ? *soft_cap * 2 : 64;
            kb->soft_rules = pf_xrealloc(kb->soft_rules, *soft_cap * sizeof(*kb->soft_rules));
        }
        kb->soft_rules[kb->soft_rule_count++] = rule;
    } else {
        if (count < 2)
            return fail(ld, "employer cue needs word, domain", "");
        st = lookup_concept(ld, fields[1], &concept);
        if (st != PF_OK)
            return st;
        if (kb->cue_count == *cue_cap) {
            *cue_cap = *cue_cap ? *cue_cap * 2 : 128;
            kb->cues = pf_xrealloc(kb->cues, *cue_cap * sizeof(*kb->cues));
        }
        kb->cues[kb->cue_count++] = (struct kb_cue){intern_word(kb, fields[0]), concept};
    }
    return PF_OK;
}

static pf_status each_row(struct loader *ld, const struct pf_embedded_file *file,
                          enum file_role want, size_t *caps)
{
    struct pf_cur cur = pf_cur_of(pf_str_make(file->data, file->len));
    struct pf_str line;
    ld->file = file->path;
    ld->line = 0;
    while (pf_cur_take_line(&cur, &line)) {
        struct pf_str fields[8];
        ld->line++;
        if (line.len == 0 || line.ptr[0] == '#' || pf_str_trim(line).len == 0)
            continue;
        size_t count = split(line, '\t', fields, PF_ARRAY_LEN(fields));
        pf_status st = want == ROLE_CONCEPTS
                           ? concept_row(ld, fields, count)
                           : rule_row(ld, want, fields, count, &caps[0], &caps[1], &caps[2],
                                      &caps[3]);
        if (st != PF_OK)
            return st;
    }
    return PF_OK;
}

static void intern_helper_words(struct pf_kb *kb)
{
    struct kb_words *w = &kb->words;
    w->and_ = intern_word(kb, PF_STR("and"));
    w->or_ = intern_word(kb, PF_STR("or"));
    w->in = intern_word(kb, PF_STR("in"));
    w->using_ = intern_word(kb, PF_STR("using"));
    w->with = intern_word(kb, PF_STR("with"));
    w->written = intern_word(kb, PF_STR("written"));
    w->wrote = intern_word(kb, PF_STR("wrote"));
    w->developed = intern_word(kb, PF_STR("developed"));
    w->programming = intern_word(kb, PF_STR("programming"));
    w->coding = intern_word(kb, PF_STR("coding"));
    w->language = intern_word(kb, PF_STR("language"));
    w->languages = intern_word(kb, PF_STR("languages"));
    w->experience = intern_word(kb, PF_STR("experience"));
    w->of = intern_word(kb, PF_STR("of"));
    w->a = intern_word(kb, PF_STR("a"));
    w->an = intern_word(kb, PF_STR("an"));
    w->the = intern_word(kb, PF_STR("the"));
}

/* Tables that spare the matcher a hash probe per text token (built after every word is in). */
static void build_lookup_accelerators(struct pf_kb *kb)
{
    size_t bits = 1u << 18;
    kb->dict_filter = pf_xcalloc(bits / 64, sizeof(*kb->dict_filter));
    kb->dict_filter_mask = bits - 1;
    for (size_t i = 0; i < kb->dict.count; i++) {
        uint32_t bit = kb->dict.entries[i].hash & (uint32_t)kb->dict_filter_mask;
        kb->dict_filter[bit / 64] |= 1ull << (bit % 64);
    }
    kb->root_child = pf_xmalloc((kb->starts_len + 1) * sizeof(*kb->root_child));
    for (size_t id = 0; id < kb->starts_len; id++)
        kb->root_child[id] = kb->starts[id] ? kb_trie_step(kb, 0, (uint32_t)id, false) : UINT32_MAX;
}

pf_status kb_load(struct pf_kb *kb, const struct pf_embedded_file *files, size_t count,
                  struct pf_error *err)
{
    struct loader ld = {.kb = kb, .err = err};
    size_t caps[4] = {0, 0, 0, 0};
    pf_status st = PF_OK;
    for (size_t i = 0; i < count; i++) {
        if (!is_tsv(files[i].path) || role_of(files[i].path) != ROLE_CONCEPTS)
            continue;
        st = each_row(&ld, &files[i], ROLE_CONCEPTS, caps);
        if (st != PF_OK)
            goto done;
    }
    st = finish_concepts(&ld);
    if (st != PF_OK)
        goto done;
    intern_helper_words(kb);
    for (size_t i = 0; i < count; i++) {
        enum file_role role = role_of(files[i].path);
        if (!is_tsv(files[i].path) || role == ROLE_CONCEPTS)
            continue;
        st = each_row(&ld, &files[i], role, caps);
        if (st != PF_OK)
            goto done;
    }
    if (kb->rule_count > 1)
        qsort(kb->rules, kb->rule_count, sizeof(*kb->rules), compare_rules);
    build_lookup_accelerators(kb);
    for (size_t i = 0; i < kb->rule_count; i++) {
        struct kb_concept *concept = &kb->concepts[kb->rules[i].concept];
        if (concept->rule_count == 0)
            concept->rule_first = (uint32_t)i;
        concept->rule_count++;
    }
done:
    kb_map_fini(&ld.draft_keys);
    free(ld.drafts);
    return st;
}
