/* Highlighted titles and snippets for PostgreSQL's search hits, made here rather than by
 * ts_headline. ts_headline parses and stems every word of every hit's text inside the database
 * (about 100 ns a byte: milliseconds for a page of CVs, tens of them for long CVs, all of it
 * while the connection is held). Here a word is stemmed only when its first letters could make
 * one of the query's lexemes, with libstemmer's English Snowball stemmer, the algorithm of
 * PostgreSQL's english configuration; the lexemes themselves come from PostgreSQL (querytree),
 * so stop words and the parser's splitting are the database's own. */
#include <libstemmer.h>
#include <string.h>

#include "store/store_search_int.h"

#define WORD_MAX 64    /* longer words are never stemmed (nor highlighted) */
#define FILTER_LEN 3   /* letters a word must share with an exact lexeme to be stemmed */
#define CONTEXT_WORDS 3 /* words kept before a fragment's first match */

struct term {
    const char *text;
    size_t len;
    bool prefix;
};

struct pf_search_terms {
    struct sb_stemmer *stemmer;
    struct term *items;
    size_t count;
};

/* A word of the text: its bytes and whether it matches a term. */
struct word {
    size_t start;
    size_t end;
    bool match;
};

struct pf_search_terms *pf_search_terms_new(struct pf_arena *arena, const char *querytree)
{
    struct pf_search_terms *terms = pf_arena_alloc(arena, sizeof(*terms));
    size_t len = querytree ? strlen(querytree) : 0;
    terms->items = pf_arena_alloc(arena, (len / 2 + 1) * sizeof(*terms->items));
    terms->count = 0;
    terms->stemmer = sb_stemmer_new("english", "UTF_8");
    PF_ASSERT(terms->stemmer != NULL); /* only fails without memory */
    /* querytree text: 'lexeme' operands ('' is a quote inside one), each optionally followed by
     * :weights and * for a prefix; operators and parentheses between. */
    const char *p = querytree ? querytree : "";
    while (*p) {
        if (*p != '\'') {
            p++;
            continue;
        }
        struct pf_buf text = PF_BUF_INIT(WORD_MAX * 4);
        for (p++; *p; p++) {
            if (*p == '\'' && p[1] == '\'') {
                p++;
            } else if (*p == '\'') {
                p++;
                break;
            }
            pf_buf_putc(&text, *p);
        }
        bool prefix = false;
        if (*p == ':') {
            for (p++; *p && strchr("ABCD*", *p); p++)
                prefix = prefix || *p == '*';
        }
        if (pf_buf_status(&text) == PF_OK && text.len > 0) {
            struct term *term = &terms->items[terms->count++];
            term->len = text.len;
            term->text = pf_arena_strndup(arena, pf_buf_cstr(&text), text.len);
            term->prefix = prefix;
        }
        pf_buf_fini(&text);
    }
    return terms;
}

void pf_search_terms_free(struct pf_search_terms *terms)
{
    if (terms)
        sb_stemmer_delete(terms->stemmer);
}

/* Reads the character at *p, advancing past it (one byte when it is not valid UTF-8, which
 * separates words): whether it belongs to a word. */
static bool next_is_word(const char **p, const char *end)
{
    const char *start = *p;
    int32_t cp = pf_utf8_decode(p, end);
    if (cp < 0) {
        *p = start + 1;
        return false;
    }
    return pf_search_is_word_cp(cp);
}

static bool word_matches(struct pf_search_terms *terms, const char *word, size_t len)
{
    if (len > WORD_MAX)
        return false;
    char lower[WORD_MAX];
    for (size_t i = 0; i < len; i++)
        lower[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] - 'A' + 'a') : word[i];
    bool candidate = false;
    for (size_t t = 0; t < terms->count; t++) {
        const struct term *term = &terms->items[t];
        if (term->prefix) {
            if (len >= term->len && memcmp(lower, term->text, term->len) == 0)
                return true;
            continue;
        }
        /* A stem keeps the word's first letters but may change its last ("happi"). */
        size_t k = term->len > 1 ? term->len - 1 : 1;
        k = k < FILTER_LEN ? k : FILTER_LEN;
        candidate = candidate || (len >= k && memcmp(lower, term->text, k) == 0);
    }
    if (!candidate)
        return false;
    const sb_symbol *stem = sb_stemmer_stem(terms->stemmer, (const sb_symbol *)lower, (int)len);
    if (!stem)
        return false;
    size_t stem_len = (size_t)sb_stemmer_length(terms->stemmer);
    for (size_t t = 0; t < terms->count; t++) {
        const struct term *term = &terms->items[t];
        if (!term->prefix && term->len == stem_len && memcmp(stem, term->text, stem_len) == 0)
            return true;
    }
    return false;
}

/* The words of text, each marked when it matches. */
static size_t split_words(struct pf_arena *arena, struct pf_search_terms *terms, const char *text,
                          size_t len, struct word **out_words)
{
    size_t cap = 64;
    struct word *words = pf_arena_alloc(arena, cap * sizeof(*words));
    size_t count = 0;
    const char *end = text + len;
    const char *p = text;
    while (p < end) {
        const char *start = p;
        if (!next_is_word(&p, end))
            continue;
        const char *stop = p;
        while (p < end && next_is_word(&p, end))
            stop = p;
        p = stop; /* the separator after the word is read again */
        if (count == cap) {
            struct word *grown = pf_arena_alloc(arena, 2 * cap * sizeof(*words));
            memcpy(grown, words, count * sizeof(*words));
            words = grown;
            cap *= 2;
        }
        struct word *w = &words[count++];
        w->start = (size_t)(start - text);
        w->end = (size_t)(stop - text);
        w->match = word_matches(terms, start, w->end - w->start);
    }
    *out_words = words;
    return count;
}

/* Appends text[from, to) with its matched words marked; the text's own marker bytes become
 * spaces so they cannot pose as highlights. */
static void append_marked(struct pf_buf *out, const char *text, size_t from, size_t to,
                          const struct word *words, size_t first, size_t last)
{
    size_t w = first;
    for (size_t i = from; i < to; i++) {
        while (w < last && words[w].end <= i)
            w++;
        bool in_match = w < last && words[w].match && i >= words[w].start;
        if (in_match && i == words[w].start)
            pf_buf_puts(out, PF_SEARCH_MARK_START);
        char ch = text[i];
        pf_buf_putc(out, ch == PF_SEARCH_MARK_START[0] || ch == PF_SEARCH_MARK_END[0] ? ' ' : ch);
        if (in_match && i + 1 == words[w].end)
            pf_buf_puts(out, PF_SEARCH_MARK_END);
    }
}

/* Matched words in words[from, from + span). */
static size_t window_score(const struct word *words, size_t count, size_t from, size_t span)
{
    size_t score = 0;
    for (size_t i = from; i < count && i < from + span; i++)
        score += words[i].match;
    return score;
}

void pf_search_highlight(struct pf_arena *arena, struct pf_search_terms *terms, const char *text,
                         int max_words, int max_fragments, struct pf_buf *out)
{
    size_t len = text ? strlen(text) : 0;
    struct word *words = NULL;
    size_t count = split_words(arena, terms, text ? text : "", len, &words);
    if (max_words <= 0 || count <= (size_t)max_words) {
        append_marked(out, text, 0, len, words, 0, count);
        return;
    }
    size_t span = (size_t)max_words;
    /* Fragments: windows of span words beginning a little before a matched word, best first,
     * none overlapping another; shown in text order. No match: the text's first words. */
    size_t starts[8];
    size_t chosen = 0;
    size_t wanted = max_fragments < 1 ? 1 : max_fragments > 8 ? 8 : (size_t)max_fragments;
    while (chosen < wanted) {
        size_t best = SIZE_MAX;
        size_t best_score = 0;
        for (size_t i = 0; i < count; i++) {
            if (!words[i].match)
                continue;
            size_t from = i > CONTEXT_WORDS ? i - CONTEXT_WORDS : 0;
            if (from + span > count)
                from = count - span;
            bool overlaps = false;
            for (size_t c = 0; c < chosen; c++)
                overlaps = overlaps || (from < starts[c] + span && starts[c] < from + span);
            size_t score = overlaps ? 0 : window_score(words, count, from, span);
            if (score > best_score) {
                best = from;
                best_score = score;
            }
        }
        if (best == SIZE_MAX)
            break;
        starts[chosen++] = best;
    }
    if (chosen == 0)
        starts[chosen++] = 0;
    for (size_t a = 1; a < chosen; a++) { /* text order */
        for (size_t b = a; b > 0 && starts[b - 1] > starts[b]; b--) {
            size_t tmp = starts[b];
            starts[b] = starts[b - 1];
            starts[b - 1] = tmp;
        }
    }
    for (size_t c = 0; c < chosen; c++) {
        if (c > 0)
            pf_buf_puts(out, " … ");
        size_t last = starts[c] + span < count ? starts[c] + span : count;
        append_marked(out, text, words[starts[c]].start, words[last - 1].end, words, starts[c],
                      last);
    }
}
