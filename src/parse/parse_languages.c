/* Languages with their fluency, and interests with their keywords. */
#include <string.h>

#include "parse/parse_int.h"

#define CELLS_MAX 24

static const char *const language_names[] = {
    "english", "spanish", "german", "french", "italian", "portuguese", "dutch", "mandarin",
    "chinese", "cantonese", "japanese", "korean", "arabic", "hindi", "bengali", "urdu",
    "punjabi", "russian", "ukrainian", "polish", "czech", "slovak", "hungarian", "romanian",
    "bulgarian", "greek", "turkish", "hebrew", "persian", "farsi", "swedish", "norwegian",
    "danish", "finnish", "icelandic", "estonian", "latvian", "lithuanian", "serbian",
    "croatian", "bosnian", "slovenian", "albanian", "macedonian", "catalan", "basque",
    "galician", "irish", "welsh", "vietnamese", "thai", "indonesian", "malay", "tagalog",
    "filipino", "swahili", "yoruba", "igbo", "hausa", "amharic", "somali", "zulu", "xhosa",
    "afrikaans", "tamil", "telugu", "marathi", "gujarati", "kannada", "malayalam", "nepali",
    "sinhala", "burmese", "khmer", "lao", "mongolian", "kazakh", "uzbek", "georgian",
    "armenian", "azerbaijani", "latin", "esperanto", "sign language", "asl", "bsl",
    "deutsch", "englisch", "franzosisch", "spanisch", "italienisch", "portugiesisch",
    "niederlandisch", "russisch", "chinesisch", "japanisch", "arabisch", "turkisch",
    "polnisch", "schwedisch", "anglais", "allemand", "espagnol", "italien", "portugais",
    "neerlandais", "russe", "chinois", "japonais", "arabe", "turc", "francais", "ingles",
    "aleman", "frances", "italiano", "portugues", "espanol", "castellano", "ruso", "chino",
    "japones", "holandes", "catalan", "euskera", "gallego", NULL};

static bool is_language(struct pf_parse *p, struct pf_span s)
{
    char f[48];
    pf_fold(pf_raw(p, s.start, s.end), f, sizeof(f));
    return f[0] != '\0' && pf_in_list(f, language_names);
}

static void add_language(struct pf_parse *p, struct pf_span lang, struct pf_span fluency,
                         float conf)
{
    json_t *o = json_object();
    json_t *m = json_object();
    pf_put(o, m, "language", pf_val_span(p, lang.start, lang.end, conf));
    if (fluency.end > fluency.start)
        pf_put(o, m, "fluency", pf_val_span(p, fluency.start, fluency.end, conf - 0.1f));
    if (!json_object_get(o, "language")) {
        json_decref(o);
        json_decref(m);
        return;
    }
    /* The same language twice (a header list and a section): keep the first. */
    json_t *arr = json_object_get(p->resume, "languages");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *have = json_string_value(json_object_get(json_array_get(arr, i), "language"));
        if (have && strcmp(have, json_string_value(json_object_get(o, "language"))) == 0) {
            json_t *fl = json_object_get(o, "fluency");
            if (fl && !json_object_get(json_array_get(arr, i), "fluency"))
                json_object_set(json_array_get(arr, i), "fluency", fl);
            json_decref(o);
            json_decref(m);
            return;
        }
    }
    pf_commit(p, "languages", o, m, false);
}

/* "English (native)", "Deutsch: Muttersprache", "French – B2". */
static bool split_pair(struct pf_parse *p, struct pf_span cell, struct pf_span *out_lang,
                       struct pf_span *out_fluency)
{
    struct pf_str s = pf_raw(p, cell.start, cell.end);
    long open = pf_str_find_char(s, '(');
    long colon = pf_str_find_char(s, ':');
    if (open > 0 && s.ptr[s.len - 1] == ')' && (colon < 0 || colon > open)) {
        *out_lang = pf_trim_span(p, (struct pf_span){cell.start, cell.start + (size_t)open}, NULL);
        *out_fluency = (struct pf_span){cell.start + (size_t)open + 1, cell.end - 1};
        return true;
    }
    static const char *const seps[] = {":", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
    for (size_t i = 0; seps[i]; i++) {
        long at = pf_str_find(s, pf_str_from_cstr(seps[i]));
        if (at > 0) {
            *out_lang = pf_trim_span(p, (struct pf_span){cell.start, cell.start + (size_t)at}, NULL);
            *out_fluency = pf_trim_span(p, (struct pf_span){cell.start + (size_t)at + strlen(seps[i]),
                                                            cell.end}, NULL);
            return out_fluency->end > out_fluency->start;
        }
    }
    return false;
}

void pf_languages_extract(struct pf_parse *p, const struct pf_section *s)
{
    size_t last = s->first + s->count;
    for (size_t i = s->first; i < last; i++) {
        const struct pf_pline *l = &p->lines[i];
        if (l->skip || l->is_sub)
            continue;
        struct pf_span cells[CELLS_MAX];
        size_t nc = pf_cells(p, l->start, l->end, cells, CELLS_MAX);
        /* Commas separate languages too ("English, German"), unless in parentheses. */
        bool from_commas = false;
        if (nc == 1 && pf_str_find_char(pf_raw(p, l->start, l->end), ',') >= 0) {
            from_commas = true;
            nc = 0;
            size_t seg = l->start;
            int depth = 0;
            for (size_t k = l->start; k <= l->end && nc < CELLS_MAX; k++) {
                if (k < l->end)
                    depth += p->raw[k] == '(' ? 1 : p->raw[k] == ')' && depth > 0 ? -1 : 0;
                if (k == l->end || (p->raw[k] == ',' && depth == 0)) {
                    struct pf_span c = pf_trim_span(p, (struct pf_span){seg, k}, NULL);
                    if (c.end > c.start)
                        cells[nc++] = c;
                    seg = k + 1;
                }
            }
        }
        size_t langs = 0;
        for (size_t c = 0; c < nc; c++)
            langs += is_language(p, cells[c]);
        /* A grid: a row of languages over a row of fluencies. */
        if (nc >= 2 && langs == nc && i + 1 < last) {
            struct pf_span below[CELLS_MAX];
            size_t nb = pf_cells(p, p->lines[i + 1].start, p->lines[i + 1].end, below, CELLS_MAX);
            size_t below_langs = 0;
            for (size_t c = 0; c < nb; c++)
                below_langs += is_language(p, below[c]);
            if (nb == nc && below_langs == 0) {
                for (size_t c = 0; c < nc; c++)
                    add_language(p, cells[c], below[c], 0.75f);
                i++;
                continue;
            }
        }
        if (nc == 2 && !from_commas && !is_language(p, cells[1])) {
            add_language(p, cells[0], cells[1], 0.85f);
            continue;
        }
        if (nc == 1) {
            struct pf_span lang;
            struct pf_span fluency;
            if (split_pair(p, cells[0], &lang, &fluency)) {
                add_language(p, lang, fluency, 0.85f);
                continue;
            }
            /* "English" then "Native speaker" on the next line. */
            if (i + 1 < last && pf_word_count(pf_raw(p, cells[0].start, cells[0].end), NULL, NULL) <= 3) {
                const struct pf_pline *n = &p->lines[i + 1];
                struct pf_span nc1[2];
                if (pf_cells(p, n->start, n->end, nc1, 2) == 1 && !is_language(p, nc1[0]) &&
                    is_language(p, cells[0]) && pf_word_count(pf_raw(p, n->start, n->end), NULL, NULL) <= 4) {
                    add_language(p, cells[0], nc1[0], 0.75f);
                    i++;
                    continue;
                }
            }
        }
        for (size_t c = 0; c < nc; c++) {
            struct pf_span lang;
            struct pf_span fluency = {0, 0};
            if (!split_pair(p, cells[c], &lang, &fluency))
                lang = cells[c];
            if (pf_word_count(pf_raw(p, lang.start, lang.end), NULL, NULL) <= 3)
                add_language(p, lang, fluency, is_language(p, lang) ? 0.8f : 0.5f);
        }
    }
}

/* A list of languages printed in the header ("English, Spanish, Mandarin"). */
void pf_languages_from_line(struct pf_parse *p, size_t i)
{
    const struct pf_pline *l = &p->lines[i];
    struct pf_span cells[CELLS_MAX];
    size_t nc = 0;
    size_t seg = l->start;
    for (size_t k = l->start; k <= l->end && nc < CELLS_MAX; k++) {
        if (k == l->end || p->raw[k] == ',' || p->raw[k] == '\t') {
            struct pf_span c = pf_trim_span(p, (struct pf_span){seg, k}, NULL);
            if (c.end > c.start)
                cells[nc++] = c;
            seg = k + 1;
        }
    }
    if (nc < 2)
        return;
    for (size_t c = 0; c < nc; c++) {
        if (!is_language(p, cells[c]))
            return;
    }
    for (size_t c = 0; c < nc; c++)
        add_language(p, cells[c], (struct pf_span){0, 0}, 0.6f);
}

static void add_interest(struct pf_parse *p, struct pf_span name, const struct pf_span *keywords,
                         size_t nk)
{
    json_t *o = json_object();
    json_t *m = json_object();
    pf_put(o, m, "name", pf_val_span(p, name.start, name.end, 0.75f));
    for (size_t k = 0; k < nk; k++)
        pf_push(o, m, "keywords", pf_val_span(p, keywords[k].start, keywords[k].end, 0.7f));
    if (!json_object_get(o, "name")) {
        json_decref(o);
        json_decref(m);
        return;
    }
    pf_commit(p, "interests", o, m, false);
}

static size_t items_of(struct pf_parse *p, const struct pf_pline *l, struct pf_span *out,
                       bool spaces)
{
    struct pf_span cells[CELLS_MAX];
    size_t nc = pf_cells(p, l->start, l->end, cells, CELLS_MAX);
    size_t n = 0;
    for (size_t c = 0; c < nc; c++) {
        size_t seg = cells[c].start;
        for (size_t k = cells[c].start; k <= cells[c].end && n < CELLS_MAX; k++) {
            bool cut = k == cells[c].end || p->raw[k] == ',' ||
                       (spaces && nc == 1 && p->raw[k] == ' ');
            if (cut) {
                struct pf_span s = pf_trim_span(p, (struct pf_span){seg, k}, ",;.");
                if (s.end > s.start)
                    out[n++] = s;
                seg = k + 1;
            }
        }
    }
    return n;
}

void pf_interests_extract(struct pf_parse *p, const struct pf_section *s)
{
    size_t last = s->first + s->count;
    /* Names in bold over plain keywords: the style says which is which. */
    size_t bold = 0;
    size_t plain = 0;
    for (size_t i = s->first; i < last; i++) {
        if (p->lines[i].skip)
            continue;
        if (p->lines[i].bold)
            bold++;
        else
            plain++;
    }
    if (bold > 0 && plain > 0 && p->lines[s->first].bold) {
        for (size_t i = s->first; i < last; i++) {
            if (p->lines[i].skip || !p->lines[i].bold)
                continue;
            struct pf_span kw[CELLS_MAX];
            size_t nk = 0;
            for (size_t j = i + 1; j < last && !p->lines[j].bold && nk < CELLS_MAX; j++) {
                struct pf_span items[CELLS_MAX];
                size_t n = items_of(p, &p->lines[j], items, false);
                for (size_t k = 0; k < n && nk < CELLS_MAX; k++)
                    kw[nk++] = items[k];
            }
            struct pf_span names[CELLS_MAX];
            size_t nn = items_of(p, &p->lines[i], names, false);
            for (size_t k = 0; k < nn; k++)
                add_interest(p, names[k], k == 0 ? kw : NULL, k == 0 ? nk : 0);
        }
        return;
    }
    for (size_t i = s->first; i < last; i++) {
        const struct pf_pline *l = &p->lines[i];
        if (l->skip || l->is_sub)
            continue;
        struct pf_span items[CELLS_MAX];
        size_t n = items_of(p, l, items, false);
        size_t next = i + 1;
        if (next < last && !p->lines[next].skip) {
            const struct pf_pline *nl = &p->lines[next];
            struct pf_str nt = pf_raw(p, nl->start, nl->end);
            struct pf_span below[CELLS_MAX];
            size_t nb = items_of(p, nl, below, false);
            bool styled = l->bold != nl->bold || l->size - nl->size >= 0.5f ||
                          nl->size - l->size >= 0.5f;
            /* A name over its keywords: one item over a list. */
            if (n == 1 && (nb >= 2 || pf_word_count(nt, NULL, NULL) >= 3 || styled)) {
                if (nb == 1 && pf_word_count(nt, NULL, NULL) >= 3)
                    nb = items_of(p, nl, below, true);
                add_interest(p, items[0], below, nb);
                i = next;
                continue;
            }
            /* A row of names over a longer row of keywords. */
            if (n >= 2 && nb > n) {
                for (size_t k = 0; k < n; k++)
                    add_interest(p, items[k], NULL, 0);
                i = next;
                continue;
            }
        }
        for (size_t k = 0; k < n; k++)
            add_interest(p, items[k], NULL, 0);
    }
}
