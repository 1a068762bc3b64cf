/* Matching: tokenise once, walk the token trie from each known token, then pick the matches. */
#include "kb/kb_match.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "kb/kb_int.h"

static const char *const why_names[] = {"plain", "case", "cue", "list", "hint", "rejected"};

const char *pf_kb_match_why_name(enum pf_kb_match_why why)
{
    return (unsigned)why < PF_ARRAY_LEN(why_names) ? why_names[why] : "plain";
}

void pf_kb_matches_init(struct pf_kb_matches *matches)
{
    memset(matches, 0, sizeof(*matches));
}

void pf_kb_matches_fini(struct pf_kb_matches *matches)
{
    if (!matches)
        return;
    free(matches->items);
    free(matches->tokens);
    memset(matches, 0, sizeof(*matches));
}

static void tokenize(const struct pf_kb *kb, struct pf_str text, struct pf_kb_matches *out)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    pf_kb_tokenizer_init(&tz, text);
    out->token_count = 0;
    while (pf_kb_tokenizer_next(&tz, &token, norm)) {
        if (out->token_count == out->token_cap) {
            out->token_cap = out->token_cap ? out->token_cap * 2 : 256;
            out->tokens = pf_xrealloc(out->tokens, out->token_cap * sizeof(*out->tokens));
        }
        uint32_t id = 0;
        uint32_t bit = token.hash & (uint32_t)kb->dict_filter_mask;
        if (!(token.flags & PF_KB_TOK_LONG) && (kb->dict_filter[bit / 64] >> (bit % 64) & 1u) &&
            !kb_map_get(&kb->dict, norm, token.norm_len, token.hash, &id))
            id = 0;
        token.id = id;
        out->tokens[out->token_count++] = token;
    }
}

struct cand_vec {
    struct kb_candidate *items;
    size_t count;
    size_t cap;
};

static void collect(const struct pf_kb *kb, const struct pf_kb_matches *out, struct cand_vec *cands)
{
    const struct pf_kb_token *tokens = out->tokens;
    size_t count = out->token_count;
    for (size_t i = 0; i < count; i++) {
        uint32_t id = tokens[i].id;
        if (id == 0 || id >= kb->starts_len || !kb->starts[id])
            continue;
        uint32_t node = 0;
        for (size_t j = i; j < count && j - i < kb->max_pattern_tokens; j++) {
            const struct pf_kb_token *token = &tokens[j];
            if (token->id == 0)
                break;
            bool glue = j > i && (token->flags & PF_KB_TOK_GLUED) &&
                        (token->kind == PF_KB_TOKEN_PUNCT ||
                         tokens[j - 1].kind == PF_KB_TOKEN_PUNCT);
            node = j == i ? kb->root_child[id] : kb_trie_step(kb, node, token->id, glue);
            if (node == UINT32_MAX)
                break;
            for (uint32_t k = 0; k < kb->out_count[node]; k++) {
                uint32_t pattern = kb->outputs[kb->out_first[node] + k];
                if (cands->count == cands->cap) {
                    cands->cap = cands->cap ? cands->cap * 2 : 64;
                    cands->items = pf_xrealloc(cands->items, cands->cap * sizeof(*cands->items));
                }
                cands->items[cands->count++] = (struct kb_candidate){
                    .pattern = pattern,
                    .concept = kb->patterns[pattern].concept,
                    .first_token = (uint32_t)i,
                    .token_count = (uint32_t)(j - i + 1),
                };
            }
        }
    }
}

/* Leftmost first, then longer, then more confident. */
static int compare_cands(const void *a, const void *b)
{
    const struct kb_candidate *x = a;
    const struct kb_candidate *y = b;
    if (x->first_token != y->first_token)
        return x->first_token < y->first_token ? -1 : 1;
    if (x->token_count != y->token_count)
        return x->token_count > y->token_count ? -1 : 1;
    if (x->confidence != y->confidence)
        return x->confidence > y->confidence ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

static void emit(struct pf_kb_matches *out, const struct kb_candidate *cand)
{
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 32;
        out->items = pf_xrealloc(out->items, out->cap * sizeof(*out->items));
    }
    const struct pf_kb_token *first = &out->tokens[cand->first_token];
    const struct pf_kb_token *last = &out->tokens[cand->first_token + cand->token_count - 1];
    out->items[out->count++] = (struct pf_kb_match){
        .concept = cand->concept,
        .start = first->start,
        .end = last->start + last->len,
        .first_token = cand->first_token,
        .token_count = cand->token_count,
        .confidence = cand->confidence,
        .why = cand->why,
    };
}

static int compare_matches(const void *a, const void *b)
{
    const struct pf_kb_match *x = a;
    const struct pf_kb_match *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->concept < y->concept ? -1 : x->concept > y->concept;
}

static void select_matches(struct cand_vec *cands, unsigned flags, struct pf_kb_matches *out)
{
    if (cands->count > 1)
        qsort(cands->items, cands->count, sizeof(*cands->items), compare_cands);
    size_t next_free = 0; /* first token not covered by a selected match */
    for (size_t i = 0; i < cands->count; i++) {
        struct kb_candidate *cand = &cands->items[i];
        if (cand->why == PF_KB_WHY_REJECTED)
            continue;
        if (flags & PF_KB_MATCH_ALL) {
            emit(out, cand);
            continue;
        }
        if (cand->first_token < next_free)
            continue;
        emit(out, cand);
        next_free = cand->first_token + cand->token_count;
    }
    if (flags & PF_KB_MATCH_KEEP_REJECTED) {
        size_t accepted = out->count;
        for (size_t i = 0; i < cands->count; i++) {
            struct kb_candidate *cand = &cands->items[i];
            if (cand->why != PF_KB_WHY_REJECTED)
                continue;
            bool covered = false;
            for (size_t k = 0; k < accepted && !covered; k++) {
                const struct pf_kb_match *match = &out->items[k];
                covered = cand->first_token < match->first_token + match->token_count &&
                          match->first_token < cand->first_token + cand->token_count;
            }
            if (!covered)
                emit(out, cand);
        }
    }
    if (out->count > 1)
        qsort(out->items, out->count, sizeof(*out->items), compare_matches);
}

pf_status pf_kb_match(const struct pf_kb *kb, struct pf_str text, unsigned flags,
                      struct pf_kb_matches *out, struct pf_error *err)
{
    struct cand_vec cands = {NULL, 0, 0};
    out->count = 0;
    out->token_count = 0;
    if (text.len > PF_KB_LIMIT_TEXT_BYTES)
        return pf_error_set_field(err, PF_E_TOO_BIG, "PF_KB_LIMIT_TEXT_BYTES",
                                  "text of %zu bytes is over the %u-byte matching limit", text.len,
                                  PF_KB_LIMIT_TEXT_BYTES);
    tokenize(kb, text, out);
    collect(kb, out, &cands);
    kb_context_resolve(kb, text, out->tokens, out->token_count, cands.items, cands.count, flags);
    select_matches(&cands, flags, out);
    free(cands.items);
    return PF_OK;
}
