/* The header block: the person's name, the label (headline) under it, and the summary. */
#include <string.h>

#include "parse/parse_int.h"

#define NAME_WINDOW 12

static bool has_contact(struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    size_t a = 0;
    size_t b = 0;
    return pf_find_email(s, &a, &b) || pf_find_phone(s, &a, &b) || pf_find_url(s, &a, &b);
}

/* A person's name: 2 to 5 words, each capitalised, letters only (hyphens, dots, apostrophes). */
bool pf_name_like(struct pf_str s)
{
    s = pf_str_trim(s);
    if (s.len < 3 || s.len > 60)
        return false;
    size_t words = 0;
    bool word_start = true;
    const char *ptr = s.ptr;
    const char *end = s.ptr + s.len;
    while (ptr < end) {
        const char *q = ptr;
        int32_t cp = pf_utf8_decode(&q, end);
        if (cp < 0)
            return false;
        bool upper = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
        bool lower = (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0x24F && cp != 0xF7);
        if (cp == ' ') {
            word_start = true;
        } else if (word_start) {
            /* particles: "van", "de", "von", "da" */
            if (!upper) {
                size_t n = 0;
                while (ptr + n < end && ptr[n] != ' ')
                    n++;
                struct pf_str w = pf_str_make(ptr, n);
                if (!(pf_str_eq_cstr(w, "van") || pf_str_eq_cstr(w, "de") ||
                      pf_str_eq_cstr(w, "von") || pf_str_eq_cstr(w, "da") ||
                      pf_str_eq_cstr(w, "del") || pf_str_eq_cstr(w, "der") ||
                      pf_str_eq_cstr(w, "di") || pf_str_eq_cstr(w, "le") ||
                      pf_str_eq_cstr(w, "la") || pf_str_eq_cstr(w, "bin") ||
                      pf_str_eq_cstr(w, "al")))
                    return false;
            }
            words++;
            word_start = false;
        } else if (!(upper || lower || cp == '-' || cp == '.' || cp == '\'' || cp == 0x2019)) {
            return false;
        }
        ptr = q;
    }
    return words >= 2 && words <= 5;
}

/* "RICHARD HENDRIKS" -> "Richard Hendriks" (ASCII letters; others kept). */
static const char *title_case(struct pf_parse *p, const char *text)
{
    size_t letters = 0;
    size_t upper = 0;
    pf_word_count(pf_str_from_cstr(text), &letters, &upper);
    if (letters < 2 || upper != letters)
        return text;
    char *out = pf_arena_strdup(p->arena, text);
    bool start = true;
    for (char *c = out; *c; c++) {
        if (*c >= 'A' && *c <= 'Z' && !start)
            *c = (char)(*c - 'A' + 'a');
        start = *c == ' ' || *c == '-' || *c == '\'' || *c == '(' || *c == '/';
    }
    return out;
}

static const struct pf_section *header_section(const struct pf_parse *p)
{
    for (size_t i = 0; i < p->section_count; i++) {
        if (p->sections[i].kind == PF_SEC_HEADER)
            return &p->sections[i];
    }
    return NULL;
}

/* Finds the name among the first lines: the most prominent name-like line. */
static long find_name_from(struct pf_parse *p, size_t from, float *out_score);

static long find_name(struct pf_parse *p)
{
    float score = -1;
    long best = find_name_from(p, 0, &score);
    if (best >= 0)
        return best;
    /* Not at the top: the start of a column or table cell of its own (a sidebar first). */
    for (size_t i = 0; i < p->section_count; i++) {
        const struct pf_section *s = &p->sections[i];
        if (s->heading >= 0 || s->count == 0 || s->first == 0)
            continue;
        float sc = -1;
        long cand = find_name_from(p, s->first, &sc);
        if (cand >= 0 && (size_t)cand < s->first + 4 && sc > score) {
            best = cand;
            score = sc;
        }
    }
    return best;
}

static long find_name_from(struct pf_parse *p, size_t from, float *out_score)
{
    long best = -1;
    float best_score = -1;
    size_t seen = 0;
    for (size_t i = from; i < p->line_count && seen < NAME_WINDOW; i++) {
        const struct pf_pline *l = &p->lines[i];
        if (l->skip)
            continue;
        if (l->is_heading && l->heading != PF_SEC_OTHER && l->heading != PF_SEC_CONTACT &&
            l->heading != PF_SEC_SUMMARY)
            break;
        seen++;
        struct pf_str s = pf_raw(p, l->start, l->end);
        if (!pf_name_like(s) || has_contact(p, l) || l->bullet || l->is_heading)
            continue;
        char folded[96];
        pf_fold(s, folded, sizeof(folded));
        if (pf_role_score(p, l->start, l->end) != 0 || pf_country_code(s) ||
            pf_looks_like_location(p, l->start, l->end))
            continue;
        float score = l->size * 2.0f + (l->kind == PF_BLOCK_TITLE ? 50.0f : 0.0f) +
                      (l->bold ? 1.0f : 0.0f) - (float)seen * 0.5f;
        if (score > best_score) {
            best_score = score;
            best = (long)i;
        }
    }
    *out_score = best_score;
    return best;
}

static bool sentence_line(struct pf_parse *p, const struct pf_pline *l);

static bool label_like(struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    size_t words = pf_word_count(s, NULL, NULL);
    if (words == 0 || words > 10 || l->is_heading || l->bullet || has_contact(p, l))
        return false;
    if (s.ptr[s.len - 1] == '.' || pf_looks_like_location(p, l->start, l->end))
        return false;
    if (sentence_line(p, l))
        return false;
    /* A street number or postal code is no headline. */
    size_t digits = 0;
    for (size_t i = 0; i < s.len; i++) {
        digits = s.ptr[i] >= '0' && s.ptr[i] <= '9' ? digits + 1 : 0;
        if (digits >= 3)
            return false;
    }
    struct pf_date_range r;
    if (pf_date_find(s, &r) && r.has_start)
        return false;
    return true;
}

/* Joins the lines [first, last) of one paragraph (or several) into one value. */
static struct pf_val join_lines(struct pf_parse *p, size_t first, size_t last, float conf)
{
    size_t start = p->lines[first].start;
    size_t end = p->lines[last - 1].end;
    return pf_val_span(p, start, end, conf);
}

static bool sentence_line(struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    size_t words = pf_word_count(s, NULL, NULL);
    if (words < 8 || has_contact(p, l))
        return false;
    /* Prose has lower-case words; an address or a list of names has next to none. */
    size_t lower = 0;
    for (size_t i = 0; i < s.len; i++)
        lower += (i == 0 || s.ptr[i - 1] == ' ') && s.ptr[i] >= 'a' && s.ptr[i] <= 'z';
    return lower * 4 >= words;
}

void pf_header_extract(struct pf_parse *p, json_t *basics, json_t *meta)
{
    long name = find_name(p);
    if (name >= 0) {
        const struct pf_pline *l = &p->lines[name];
        struct pf_val v = pf_val_span(p, l->start, l->end, l->size >= p->body_size + 2 ? 0.95f : 0.7f);
        if (v.text)
            v.text = title_case(p, v.text);
        pf_put(basics, meta, "name", v);
        /* The label: the next short line (or the one above, "Engineer" over the name). */
        for (size_t j = (size_t)name + 1; j < p->line_count && j <= (size_t)name + 2; j++) {
            const struct pf_pline *c = &p->lines[j];
            if (c->skip)
                continue;
            if (label_like(p, c)) {
                size_t end = c->end;
                /* "Junior Data Analyst (former" / "Restaurant Manager)": a wrapped headline. */
                struct pf_str t = pf_raw(p, c->start, c->end);
                if (pf_str_find_char(t, '(') >= 0 && pf_str_find_char(t, ')') < 0 &&
                    j + 1 < p->line_count && p->lines[j + 1].block == c->block &&
                    pf_str_find_char(pf_raw(p, p->lines[j + 1].start, p->lines[j + 1].end), ')') >= 0)
                    end = p->lines[j + 1].end;
                struct pf_val lv = pf_val_span(p, c->start, end, 0.75f);
                if (lv.text)
                    lv.text = title_case(p, lv.text);
                pf_put(basics, meta, "label", lv);
            }
            break;
        }
    }
    /* Summary: a summary section, else the paragraph of the header block. */
    for (size_t i = 0; i < p->section_count; i++) {
        const struct pf_section *s = &p->sections[i];
        if (s->kind != PF_SEC_SUMMARY || s->count == 0)
            continue;
        size_t first = s->first;
        size_t last = s->first + s->count;
        while (first < last && (p->lines[first].skip || !sentence_line(p, &p->lines[first])))
            first++;
        size_t stop = first;
        while (stop < last && !p->lines[stop].skip && !has_contact(p, &p->lines[stop]))
            stop++;
        if (stop > first) {
            pf_put(basics, meta, "summary", join_lines(p, first, stop, 0.85f));
            return;
        }
    }
    const struct pf_section *h = header_section(p);
    if (!h)
        return;
    for (size_t i = h->first; i < h->first + h->count; i++) {
        if (!sentence_line(p, &p->lines[i]) || (long)i == name)
            continue;
        size_t stop = i + 1;
        while (stop < h->first + h->count && p->lines[stop].block == p->lines[i].block)
            stop++;
        pf_put(basics, meta, "summary", join_lines(p, i, stop, 0.7f));
        return;
    }
}
