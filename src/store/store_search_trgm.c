/* Trigram similarity for the typo fallback on SQLite, in the manner of PostgreSQL's pg_trgm
 * word_similarity (so both backends forgive the same typos): words padded with two blanks in
 * front and one behind, compared as sets of three-code-point runs. */
#include <stdlib.h>
#include <string.h>

#include "store/store_search_int.h"

#define MAX_WORD 64              /* code points of a word considered; the rest is ignored */
#define MAX_TRIGRAMS (MAX_WORD + 1)
#define MAX_PIECES 4             /* pieces of a query word ("node.js": 2) matched across words */
#define MAX_SEQ (MAX_PIECES * MAX_TRIGRAMS)

bool pf_search_is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return !(cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
             (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF);
}

static uint32_t fold(int32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
        return (uint32_t)cp + 0x20;
    return (uint32_t)cp;
}

/* The padded trigram sequence of a word's code points. */
static size_t trigrams_of(const uint32_t *word, size_t len, uint64_t *out)
{
    uint32_t padded[MAX_WORD + 3];
    size_t n = 0;
    padded[n++] = ' ';
    padded[n++] = ' ';
    for (size_t i = 0; i < len; i++)
        padded[n++] = word[i];
    padded[n++] = ' ';
    size_t count = 0;
    for (size_t i = 0; i + 2 < n; i++)
        out[count++] = (uint64_t)padded[i] << 42 | (uint64_t)padded[i + 1] << 21 | padded[i + 2];
    return count;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t sorted_set(uint64_t *items, size_t count)
{
    qsort(items, count, sizeof(*items), compare_u64);
    size_t out = 0;
    for (size_t i = 0; i < count; i++) {
        if (out == 0 || items[out - 1] != items[i])
            items[out++] = items[i];
    }
    return out;
}

static bool set_has(const uint64_t *set, size_t count, uint64_t item)
{
    return bsearch(&item, set, count, sizeof(*set), compare_u64) != NULL;
}

/* Reads the next word of [*p, end) into word (folded, at most MAX_WORD code points). */
static bool next_word(const char **p, const char *end, uint32_t *word, size_t *out_len)
{
    size_t len = 0;
    while (*p < end) {
        const char *start = *p;
        int32_t cp = pf_utf8_decode(p, end);
        if (cp < 0) {
            *p = start + 1;
            cp = 0;
        }
        if (pf_search_is_word_cp(cp)) {
            if (len < MAX_WORD)
                word[len++] = fold(cp);
        } else if (len > 0) {
            break;
        }
    }
    *out_len = len;
    return len > 0;
}

/* The best Jaccard similarity between set (the query word's trigrams) and the trigrams of a
 * contiguous run of the text word's trigram sequence. */
static double best_extent(const uint64_t *set, size_t set_count, const uint64_t *seq, size_t n)
{
    int prev[MAX_SEQ];
    bool in_set[MAX_SEQ];
    for (size_t j = 0; j < n; j++) {
        prev[j] = -1;
        for (size_t k = j; k-- > 0;) {
            if (seq[k] == seq[j]) {
                prev[j] = (int)k;
                break;
            }
        }
        in_set[j] = set_has(set, set_count, seq[j]);
    }
    double best = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_set[i])
            continue; /* an extent starting on a miss is never better than one starting later */
        size_t shared = 0;
        size_t extent = 0;
        for (size_t j = i; j < n; j++) {
            if (prev[j] < (int)i) {
                extent++;
                shared += in_set[j];
            }
            double sim = (double)shared / (double)(set_count + extent - shared);
            if (sim > best)
                best = sim;
        }
    }
    return best;
}

double pf_trgm_word_similarity(struct pf_str word, struct pf_str text)
{
    uint32_t cps[MAX_WORD];
    size_t len = 0;
    const char *p = word.ptr;
    const char *end = word.ptr + word.len;
    uint64_t set[MAX_TRIGRAMS];
    size_t set_count = 0;
    size_t pieces = 0;
    /* The query word's own pieces form one set ("node.js": node and js). */
    while (next_word(&p, end, cps, &len)) {
        uint64_t part[MAX_TRIGRAMS];
        size_t n = trigrams_of(cps, len, part);
        for (size_t i = 0; i < n && set_count < MAX_TRIGRAMS; i++)
            set[set_count++] = part[i];
        pieces++;
    }
    set_count = sorted_set(set, set_count);
    if (set_count == 0)
        return 0;
    if (pieces > MAX_PIECES)
        pieces = MAX_PIECES;
    /* As pg_trgm, an extent may run over consecutive text words: as many as the query word
     * has pieces, so "node.js" matches "node.js" fully. */
    uint64_t window[MAX_PIECES][MAX_TRIGRAMS];
    size_t window_len[MAX_PIECES];
    size_t seen = 0;
    double best = 0;
    p = text.ptr;
    end = text.ptr + text.len;
    while (best < 1.0 && next_word(&p, end, cps, &len)) {
        size_t slot = seen % pieces;
        window_len[slot] = trigrams_of(cps, len, window[slot]);
        seen++;
        uint64_t seq[MAX_SEQ];
        size_t n = 0;
        for (size_t w = seen > pieces ? seen - pieces : 0; w < seen; w++) {
            memcpy(seq + n, window[w % pieces], window_len[w % pieces] * sizeof(*seq));
            n += window_len[w % pieces];
        }
        double sim = best_extent(set, set_count, seq, n);
        if (sim > best)
            best = sim;
    }
    return best;
}

double pf_trgm_spec_score(struct pf_str spec, struct pf_str text)
{
    double score = 1.0;
    bool any = false;
    const char *p = spec.ptr;
    const char *end = spec.ptr + spec.len;
    while (p < end) {
        double clause_best = 0;
        for (;;) {
            const char *stop = p;
            while (stop < end && *stop != '\n' && *stop != '\t')
                stop++;
            double sim = pf_trgm_word_similarity(pf_str_make(p, (size_t)(stop - p)), text);
            if (sim > clause_best)
                clause_best = sim;
            p = stop;
            if (p >= end || *p == '\n')
                break;
            p++; /* '\t': the next alternative */
        }
        if (p < end)
            p++;
        if (clause_best < PF_SEARCH_FUZZY_THRESHOLD)
            return 0;
        if (clause_best < score)
            score = clause_best;
        any = true;
    }
    return any ? score : 0;
}

/* Whether one text word (already split into code points) resembles a word of spec. */
static bool word_resembles(const uint32_t *word, size_t len, const char *spec)
{
    uint64_t seq[MAX_TRIGRAMS];
    size_t n = trigrams_of(word, len, seq);
    const char *p = spec;
    while (*p) {
        const char *stop = p;
        while (*stop && *stop != '\n' && *stop != '\t')
            stop++;
        uint32_t cps[MAX_WORD];
        size_t cps_len = 0;
        const char *q = p;
        uint64_t set[MAX_TRIGRAMS];
        size_t set_count = 0;
        while (next_word(&q, stop, cps, &cps_len)) {
            uint64_t part[MAX_TRIGRAMS];
            size_t part_count = trigrams_of(cps, cps_len, part);
            for (size_t i = 0; i < part_count && set_count < MAX_TRIGRAMS; i++)
                set[set_count++] = part[i];
        }
        set_count = sorted_set(set, set_count);
        if (set_count && best_extent(set, set_count, seq, n) >= PF_SEARCH_FUZZY_THRESHOLD)
            return true;
        p = *stop ? stop + 1 : stop;
    }
    return false;
}

void pf_trgm_spans(struct pf_arena *arena, const char *text, const char *spec,
                   struct pf_search_span **out_spans, size_t *out_count)
{
    size_t len = text ? strlen(text) : 0;
    struct pf_search_span *spans = pf_arena_alloc(arena, (len / 2 + 1) * sizeof(*spans));
    size_t count = 0;
    const char *p = text ? text : "";
    const char *end = p + len;
    int position = 0;
    uint32_t word[MAX_WORD];
    size_t word_len = 0;
    int word_start = 0;
    for (;;) {
        int32_t cp = -1;
        if (p < end) {
            const char *start = p;
            cp = pf_utf8_decode(&p, end);
            if (cp < 0) {
                p = start + 1;
                cp = 0;
            }
        }
        if (cp >= 0 && pf_search_is_word_cp(cp)) {
            if (word_len == 0)
                word_start = position;
            if (word_len < MAX_WORD)
                word[word_len] = fold(cp);
            word_len++;
        } else if (word_len > 0) {
            size_t used = word_len < MAX_WORD ? word_len : MAX_WORD;
            if (word_resembles(word, used, spec))
                spans[count++] = (struct pf_search_span){word_start, position};
            word_len = 0;
        }
        if (cp < 0)
            break;
        position++;
    }
    *out_spans = spans;
    *out_count = count;
}
