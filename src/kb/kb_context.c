/* Ambiguity resolution: case, context rules, cue words and list evidence decide "Go", "R",
 * "Excel", "React", "Spring"... The order matters: the case test and reject rules first (a
 * lower-case "go" or "excel at" is never the technology), accept rules next, then the weaker
 * evidence of a skills list, the text around the word, and other technologies beside it. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "kb/kb_int.h"

#define LIST_REACH 6  /* tokens scanned on each side for a neighbouring technology */
#define NEAR_REACH 3  /* tokens either side for "near" rules */

static bool word_matches(const struct pf_kb_token *token, struct pf_str text, uint32_t word)
{
    if (word == KB_WORD_NUMBER)
        return token->kind == PF_KB_TOKEN_NUMBER;
    if (word == KB_WORD_YEAR) {
        if (token->kind != PF_KB_TOKEN_NUMBER || token->len != 4)
            return false;
        const char *digits = text.ptr + token->start;
        return (digits[0] == '1' && digits[1] == '9') || (digits[0] == '2' && digits[1] == '0');
    }
    return token->id == word;
}

static bool rule_hits(const struct pf_kb *kb, const struct kb_rule *rule, struct pf_str text,
                      const struct pf_kb_token *tokens, size_t token_count,
                      const struct kb_candidate *cand)
{
    size_t first = cand->first_token;
    size_t last = first + cand->token_count - 1;
    size_t lo = first;
    size_t hi = last;
    if (rule->where == KB_RULE_PREV) {
        if (first == 0)
            return false;
        lo = hi = first - 1;
    } else if (rule->where == KB_RULE_NEXT) {
        if (last + 1 >= token_count)
            return false;
        lo = hi = last + 1;
    } else {
        lo = first >= NEAR_REACH ? first - NEAR_REACH : 0;
        hi = last + NEAR_REACH < token_count ? last + NEAR_REACH : token_count - 1;
    }
    for (size_t t = lo; t <= hi; t++) {
        if (t >= first && t <= last)
            continue;
        for (uint32_t w = 0; w < rule->word_count; w++) {
            if (word_matches(&tokens[t], text, kb->rule_words[rule->first_word + w]))
                return true;
        }
    }
    return false;
}

/* Exact case of every word token, as the pattern writes it. */
static bool case_exact(const struct kb_pattern *pattern, struct pf_str text,
                       const struct pf_kb_token *tokens, const struct kb_candidate *cand)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token ptoken;
    char norm[PF_KB_TOKEN_NORM_MAX];
    size_t k = 0;
    pf_kb_tokenizer_init(&tz, pf_str_from_cstr(pattern->text));
    while (pf_kb_tokenizer_next(&tz, &ptoken, norm) && k < cand->token_count) {
        const struct pf_kb_token *token = &tokens[cand->first_token + k];
        if (ptoken.kind != PF_KB_TOKEN_PUNCT &&
            (ptoken.len != token->len ||
             memcmp(pattern->text + ptoken.start, text.ptr + token->start, token->len) != 0))
            return false;
        k++;
    }
    return true;
}

/* Upper-case text inside an upper-case line ("LANGUAGES: PYTHON, GO") keeps its meaning. */
static bool caps_line(const struct pf_kb_token *tokens, size_t token_count,
                      const struct kb_candidate *cand, unsigned flags)
{
    const struct pf_kb_token *token = &tokens[cand->first_token];
    if (!(token->flags & PF_KB_TOK_ALL_CAPS))
        return false;
    if (flags & PF_KB_MATCH_SKILL_LIST)
        return true;
    for (size_t t = cand->first_token; t-- > 0;) {
        if (tokens[t].kind == PF_KB_TOKEN_WORD)
            return (tokens[t].flags & PF_KB_TOK_ALL_CAPS) != 0;
    }
    for (size_t t = cand->first_token + cand->token_count; t < token_count; t++) {
        if (tokens[t].kind == PF_KB_TOKEN_WORD)
            return (tokens[t].flags & PF_KB_TOK_ALL_CAPS) != 0;
    }
    return false;
}

static bool is_separator(const struct pf_kb *kb, const struct pf_kb_token *token)
{
    if (token->kind == PF_KB_TOKEN_PUNCT)
        return strchr(",/|;()&+:*[]", token->punct) != NULL;
    return token->id != 0 && (token->id == kb->words.and_ || token->id == kb->words.or_);
}

/* A technology accepted on a token reachable through list separators only (line breaks count
 * as separators: a token right across one is adjacent). */
static bool list_evidence(const struct pf_kb *kb, const struct pf_kb_token *tokens,
                          size_t token_count, const uint32_t *owner,
                          const struct kb_candidate *cand)
{
    size_t steps = 0;
    for (size_t t = cand->first_token; t-- > 0 && steps < LIST_REACH; steps++) {
        if (owner[t] != UINT32_MAX)
            return true;
        if (!is_separator(kb, &tokens[t]))
            break;
    }
    steps = 0;
    for (size_t t = cand->first_token + cand->token_count; t < token_count && steps < LIST_REACH;
         t++, steps++) {
        if (owner[t] != UINT32_MAX)
            return true;
        if (!is_separator(kb, &tokens[t]))
            break;
    }
    return false;
}

static void mark_owner(const struct pf_kb *kb, uint32_t *owner, const struct kb_candidate *cand,
                       uint32_t index)
{
    if (!kb_is_tech(kb, cand->concept))
        return;
    for (uint32_t t = 0; t < cand->token_count; t++)
        owner[cand->first_token + t] = index;
}

static void decide(struct kb_candidate *cand, enum pf_kb_match_why why, float confidence)
{
    cand->why = (uint8_t)why;
    cand->confidence = confidence;
    cand->decided = true;
}

/* Cue words right before or after an ambiguous name: "written in C", "Go programming". */
static bool generic_cue(const struct pf_kb *kb, const struct pf_kb_token *tokens,
                        size_t token_count, const struct kb_candidate *cand)
{
    const struct kb_words *w = &kb->words;
    size_t last = cand->first_token + cand->token_count - 1;
    if (cand->first_token > 0) {
        uint32_t prev = tokens[cand->first_token - 1].id;
        if (prev && (prev == w->in || prev == w->using_ || prev == w->with ||
                     prev == w->written || prev == w->wrote || prev == w->developed ||
                     prev == w->programming || prev == w->coding))
            return true;
    }
    if (last + 1 < token_count) {
        uint32_t next = tokens[last + 1].id;
        if (next && (next == w->programming || next == w->coding || next == w->language ||
                     next == w->languages))
            return true;
    }
    return false;
}

void kb_context_resolve(const struct pf_kb *kb, struct pf_str text,
                        const struct pf_kb_token *tokens, size_t token_count,
                        struct kb_candidate *cands, size_t cand_count, unsigned flags)
{
    if (cand_count == 0)
        return;
    uint32_t *owner = pf_xmalloc((token_count + 1) * sizeof(*owner));
    for (size_t t = 0; t < token_count; t++)
        owner[t] = UINT32_MAX;

    for (size_t i = 0; i < cand_count; i++) {
        struct kb_candidate *cand = &cands[i];
        const struct kb_pattern *pattern = &kb->patterns[cand->pattern];
        const struct kb_concept *concept = &kb->concepts[cand->concept];
        if (pattern->policy == KB_POLICY_PLAIN) {
            decide(cand, PF_KB_WHY_PLAIN, 1.0f);
            mark_owner(kb, owner, cand, (uint32_t)i);
            continue;
        }
        /* In a skill list ("python, go, rust") the case carries no meaning. */
        if (!case_exact(pattern, text, tokens, cand) &&
            !caps_line(tokens, token_count, cand, flags) && !(flags & PF_KB_MATCH_SKILL_LIST)) {
            decide(cand, PF_KB_WHY_REJECTED, 0.0f);
            continue;
        }
        if (pattern->policy == KB_POLICY_EXACT) {
            decide(cand, PF_KB_WHY_PLAIN, 1.0f);
            mark_owner(kb, owner, cand, (uint32_t)i);
            continue;
        }
        const struct kb_rule *rules = kb->rules + concept->rule_first;
        for (uint32_t r = 0; r < concept->rule_count && !cand->decided; r++) {
            if (!rules[r].accept && rule_hits(kb, &rules[r], text, tokens, token_count, cand))
                decide(cand, PF_KB_WHY_REJECTED, 0.0f);
        }
        for (uint32_t r = 0; r < concept->rule_count && !cand->decided; r++) {
            if (rules[r].accept && rule_hits(kb, &rules[r], text, tokens, token_count, cand)) {
                decide(cand, PF_KB_WHY_CUE, 0.9f);
                mark_owner(kb, owner, cand, (uint32_t)i);
            }
        }
    }

    /* Weaker evidence, left to right so that "Python, Go, Rust" chains through Go. */
    for (size_t i = 0; i < cand_count; i++) {
        struct kb_candidate *cand = &cands[i];
        if (cand->decided)
            continue;
        const struct kb_pattern *pattern = &kb->patterns[cand->pattern];
        bool sentence_start = (tokens[cand->first_token].flags & PF_KB_TOK_SENT_START) != 0;
        if (flags & PF_KB_MATCH_SKILL_LIST)
            decide(cand, PF_KB_WHY_HINT, 0.9f);
        else if (generic_cue(kb, tokens, token_count, cand))
            decide(cand, PF_KB_WHY_CUE, 0.85f);
        else if (list_evidence(kb, tokens, token_count, owner, cand))
            decide(cand, PF_KB_WHY_LIST, 0.8f);
        else if (pattern->policy == KB_POLICY_CASED && !sentence_start)
            decide(cand, PF_KB_WHY_CASE, 0.75f);
        else
            decide(cand, PF_KB_WHY_REJECTED, 0.0f);
        if (cand->why != PF_KB_WHY_REJECTED)
            mark_owner(kb, owner, cand, (uint32_t)i);
    }
    free(owner);
}
