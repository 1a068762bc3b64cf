/* A section's lines cut into entries: header lines (titles, names, dates, places) followed by
 * body items (paragraphs and bullets, wrapped lines joined, one item per bullet). */
#include <string.h>

#include "parse/parse_int.h"

enum line_class { LC_HEAD, LC_DATE, LC_BODY, LC_SUB, LC_SKIP };

static bool is_url_only(const struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    size_t a = 0;
    size_t b = 0;
    return pf_find_url(s, &a, &b) && a == 0 && b + 1 >= s.len;
}

/* The left edge of the text of each page and column within [first, last): the smallest x0. */
static float *left_edges(struct pf_parse *p, size_t first, size_t last, size_t *out_pages)
{
    size_t pages = pf_document_page_count(p->doc);
    if (pages == 0)
        pages = 1;
    float *left = pf_arena_alloc(p->arena, pages * 16 * sizeof(*left));
    for (size_t k = 0; k < pages * 16; k++)
        left[k] = 1e9f;
    for (size_t j = first; j < last; j++) {
        const struct pf_pline *o = &p->lines[j];
        if (!o->has_geom || o->skip || (o->bflags & PF_BLOCK_LABEL) || o->page < 0 ||
            (size_t)o->page >= pages)
            continue;
        size_t slot = (size_t)o->page * 16 + (size_t)(o->column < 0 ? 0 : o->column % 16);
        if (o->x0 < left[slot])
            left[slot] = o->x0;
    }
    /* A page that holds only the bullets of an entry begun on the page before: its left edge
     * is the column's edge on the other pages. */
    for (size_t col = 0; col < 16; col++) {
        float best = 1e9f;
        for (size_t pg = 0; pg < pages; pg++)
            best = left[pg * 16 + col] < best ? left[pg * 16 + col] : best;
        for (size_t pg = 0; pg < pages; pg++) {
            if (left[pg * 16 + col] < 1e9f && left[pg * 16 + col] > best + 6.0f)
                left[pg * 16 + col] = best;
        }
    }
    *out_pages = pages;
    return left;
}

/* Words that start with a lower-case letter: sentences have many, titles and names few. */
static size_t lower_words(struct pf_str s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.len; i++) {
        bool start = i == 0 || s.ptr[i - 1] == ' ';
        if (start && s.ptr[i] >= 'a' && s.ptr[i] <= 'z')
            n++;
    }
    return n;
}

bool pf_line_is_body(const struct pf_parse *p, size_t i)
{
    const struct pf_pline *l = &p->lines[i];
    struct pf_str s = pf_raw(p, l->start, l->end);
    size_t words = pf_word_count(s, NULL, NULL);
    if (l->bullet)
        return true;
    /* Body text is set in the regular weight; a bold line is a title, however long. */
    if (l->bold && !p->body_bold)
        return false;
    if (words >= 10)
        return true;
    bool sentence_end = s.len > 0 && (s.ptr[s.len - 1] == '.' || s.ptr[s.len - 1] == '!');
    if (sentence_end && words >= 5)
        return true;
    size_t lower = lower_words(s);
    if (sentence_end && words >= 3 && lower * 2 >= words)
        return true;
    if (words >= 6 && lower * 2 >= words)
        return true;
    if (l->indented && words >= 4 && lower * 10 >= words * 3 && !is_url_only(p, l))
        return true;
    return false;
}

/* "Won award at AIHacks 2016": a bare year right after a word reads as part of a sentence,
 * not as the dates of an entry. */
static bool year_in_sentence(struct pf_str s, const struct pf_date_range *r)
{
    if (r->has_end || r->present || r->start.month != 0 || r->match_start < 2)
        return false;
    char before = s.ptr[r->match_start - 1];
    char word = s.ptr[r->match_start - 2];
    return before == ' ' && ((word >= 'a' && word <= 'z') || (word >= 'A' && word <= 'Z'));
}

static enum line_class classify(const struct pf_parse *p, size_t i, bool prev_body_same_block)
{
    const struct pf_pline *l = &p->lines[i];
    if (l->skip)
        return LC_SKIP;
    if (l->is_sub)
        return LC_SUB;
    struct pf_str s = pf_raw(p, l->start, l->end);
    if (pf_is_date_only(s))
        return LC_DATE;
    /* A bold title run into the paragraph above (rows set tight in a table). */
    if (prev_body_same_block && !l->block_first &&
        !(l->lead_bold && !p->body_bold && !l->bullet && pf_word_count(s, NULL, NULL) <= 8 &&
          lower_words(s) * 2 < pf_word_count(s, NULL, NULL)))
        return LC_BODY;
    struct pf_date_range r;
    size_t words = pf_word_count(s, NULL, NULL);
    if (pf_date_find(s, &r) && (r.has_start || r.present) && words <= 16 && !l->bullet &&
        !l->indented && !year_in_sentence(s, &r))
        return LC_HEAD;
    return pf_line_is_body(p, i) ? LC_BODY : LC_HEAD;
}

static const char *const joining_words[] = {
    "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "by", "on", "at", "from",
    "as", "via", "into", "over", "under", "und", "oder", "der", "die", "das", "mit", "von",
    "fur", "et", "ou", "de", "des", "du", "la", "le", "les", "pour", "avec", "y", "o", "el",
    "los", "las", "con", "para", "por", "en", NULL};

/* True when line b continues the sentence of line a (a wrapped line, not a new item). */
static bool continues(const struct pf_parse *p, const struct pf_pline *a, const struct pf_pline *b)
{
    if (b->bullet)
        return false;
    if (b->block != a->block) {
        /* A wrapped line the reader put in a block of its own: same left edge, right below,
         * starting in lower case. */
        unsigned char f = b->start < p->raw_len ? (unsigned char)p->raw[b->start] : 0;
        if (!(a->has_geom && b->has_geom && f >= 'a' && f <= 'z' && a->page == b->page &&
              b->x0 - a->x0 < 3.0f && a->x0 - b->x0 < 3.0f && b->y0 - a->y1 < a->size))
            return false;
    }
    /* Only text separated by a line break can join: never across interleaved labels. */
    for (size_t k = a->end; k < b->start; k++) {
        char ch = p->raw[k];
        if (ch != '\n' && ch != ' ' && ch != '\t')
            return false;
    }
    struct pf_str bt = pf_raw(p, b->start, b->end);
    struct pf_str at = pf_raw(p, a->start, a->end);
    if (bt.len == 0 || at.len == 0)
        return false;
    unsigned char first = (unsigned char)bt.ptr[0];
    if ((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9') || first == '(' ||
        first == '&' || first == '%' || first == '-')
        return true;
    char last = at.ptr[at.len - 1];
    if (last == ',' || last == '-' || last == '/' || last == '&' || last == '(')
        return true;
    /* The last word of a: a conjunction or preposition does not end an item. */
    size_t w = at.len;
    while (w > 0 && at.ptr[w - 1] != ' ')
        w--;
    char folded[16];
    pf_fold(pf_str_make(at.ptr + w, at.len - w), folded, sizeof(folded));
    if (pf_in_list(folded, joining_words))
        return true;
    /* A capital after a complete line starts the next item (bullets whose glyphs the layout
     * drew as graphics look exactly like this), unless a short tail wrapped off a full line. */
    if (a->has_geom && b->has_geom && pf_word_count(bt, NULL, NULL) <= 2) {
        size_t chars = a->end - a->start;
        float char_w = chars ? (a->x1 - a->x0) / (float)chars : 5.0f;
        return a->x1 >= a->right - 3.0f * char_w;
    }
    return false;
}

static bool same_look(const struct pf_pline *a, const struct pf_pline *b)
{
    return a->lead_bold == b->lead_bold && a->lead_size - b->lead_size < 0.6f &&
           b->lead_size - a->lead_size < 0.6f;
}

static void add_item(struct pf_entry *e, struct pf_span span, bool bullet, bool course)
{
    if (course) {
        if (e->course_count < PF_ENTRY_MAX_ITEMS)
            e->courses[e->course_count++] = span;
        return;
    }
    if (e->item_count < PF_ENTRY_MAX_ITEMS) {
        e->item_bullet[e->item_count] = bullet;
        e->items[e->item_count++] = span;
    }
}

static bool entry_has_date(const struct pf_entry *e)
{
    return e->has_dates;
}

static void note_date(const struct pf_parse *p, struct pf_entry *e, size_t line)
{
    const struct pf_pline *l = &p->lines[line];
    struct pf_str s = pf_raw(p, l->start, l->end);
    struct pf_date_range r;
    if (!pf_date_find(s, &r))
        return;
    if (!e->has_dates) {
        e->dates = r;
        e->has_dates = true;
        e->date_span.start = l->start + r.match_start;
        e->date_span.end = l->start + r.match_end;
        return;
    }
    /* A start year on one line and the end year on the next ("2010" / "2014"). */
    if (!e->dates.has_end && !e->dates.present && r.has_start && !r.has_end &&
        r.start.year >= e->dates.start.year) {
        e->dates.end = r.start;
        e->dates.has_end = true;
        e->date_span.end = l->start + r.match_end;
    } else if (!e->dates.has_end && !e->dates.present && r.present && !r.has_start) {
        e->dates.present = true;
    }
}

static size_t single_year_line(const struct pf_parse *p, size_t line)
{
    const struct pf_pline *l = &p->lines[line];
    struct pf_str s = pf_raw(p, l->start, l->end);
    struct pf_date_range r;
    if (!pf_date_find(s, &r) || r.has_end || r.present)
        return 0;
    return (size_t)r.start.year;
}

size_t pf_entries_split(struct pf_parse *p, const struct pf_section *s,
                        struct pf_entry **out_entries)
{
    size_t first = s->first;
    size_t last = s->first + s->count;
    enum line_class *cls = pf_arena_alloc(p->arena, (s->count + 1) * sizeof(*cls));
    bool any_body = false;
    /* Nested lists: an item with deeper items under it is an entry header, not a bullet. */
    int max_level = 0;
    for (size_t i = first; i < last; i++) {
        if (p->lines[i].kind == PF_BLOCK_LIST_ITEM && p->lines[i].level > max_level)
            max_level = p->lines[i].level;
    }
    for (size_t i = first; i < last; i++) {
        struct pf_pline *l = &p->lines[i];
        if (l->kind == PF_BLOCK_LIST_ITEM && l->level < max_level)
            l->bullet = false;
        /* A list item right above a date line is an entry's title, listed for the layout. */
        if (l->kind == PF_BLOCK_LIST_ITEM && i + 1 < last && !l->glyph &&
            pf_is_date_only(pf_raw(p, p->lines[i + 1].start, p->lines[i + 1].end)))
            l->bullet = false;
    }
    size_t pages = 0;
    float *left = left_edges(p, first, last, &pages);
    for (size_t i = first; i < last; i++) {
        struct pf_pline *l = &p->lines[i];
        if (l->has_geom && !(l->bflags & PF_BLOCK_LABEL) && l->page >= 0 &&
            (size_t)l->page < pages)
            l->indented = l->x0 > left[(size_t)l->page * 16 + (size_t)(l->column < 0 ? 0 : l->column % 16)] + 6.0f;
        bool prev_body = i > first && cls[i - 1 - first] == LC_BODY &&
                         p->lines[i - 1].block == l->block;
        cls[i - first] = classify(p, i, prev_body);
        any_body = any_body || cls[i - first] == LC_BODY;
    }
    /* Entries are large: one per header or date line at most (plus a leading body). */
    size_t cap = 2;
    for (size_t i = first; i < last; i++)
        cap += cls[i - first] == LC_HEAD || cls[i - first] == LC_DATE;
    struct pf_entry *entries = pf_arena_alloc(p->arena, cap * sizeof(*entries));
    size_t count = 0;
    struct pf_entry *cur = NULL;
    const struct pf_pline *title_style = NULL; /* first line of the first entry */
    bool in_body = false;
    bool courses = false;
    bool date_leads = false;
    bool learned = false;
    for (size_t i = first; i < last; i++) {
        enum line_class c = cls[i - first];
        if (c == LC_SKIP)
            continue;
        if (c == LC_SUB) {
            char folded[32];
            pf_fold(pf_raw(p, p->lines[i].start, p->lines[i].end), folded, sizeof(folded));
            courses = strstr(folded, "course") != NULL || strcmp(folded, "kurse") == 0 ||
                      strcmp(folded, "cours") == 0 || strcmp(folded, "cursos") == 0;
            if (cur)
                in_body = true;
            continue;
        }
        if (s->kind == PF_SEC_EDUCATION && cur && c != LC_DATE &&
            pf_course_code_at(p, p->lines[i].start, p->lines[i].end)) {
            add_item(cur, (struct pf_span){p->lines[i].start, p->lines[i].end}, false, true);
            in_body = true;
            continue;
        }
        if (c == LC_BODY || (courses && cur && c == LC_HEAD && in_body)) {
            if (!cur) {
                cur = &entries[count++];
                memset(cur, 0, sizeof(*cur));
            }
            struct pf_span span = {p->lines[i].start, p->lines[i].end};
            /* Join wrapped lines into one item. */
            while (i + 1 < last && cls[i + 1 - first] == LC_BODY &&
                   continues(p, &p->lines[i], &p->lines[i + 1])) {
                i++;
                span.end = p->lines[i].end;
            }
            add_item(cur, span, p->lines[i].bullet, courses);
            in_body = true;
            continue;
        }
        /* A header line (or a date line). */
        bool start_new = cur == NULL;
        bool distinct_titles = title_style &&
                               ((title_style->lead_bold && !p->body_bold) ||
                                title_style->lead_size > p->body_size + 0.5f);
        if (cur && in_body && c == LC_HEAD && distinct_titles &&
            !same_look(title_style, &p->lines[i]) &&
            !pf_date_find(pf_raw(p, p->lines[i].start, p->lines[i].end), &(struct pf_date_range){0})) {
            /* Not in the style entries start with: a line of tags or a stray line inside this
             * entry (technologies under a project), not a new entry. */
            struct pf_str t = pf_raw(p, p->lines[i].start, p->lines[i].end);
            size_t words = pf_word_count(t, NULL, NULL);
            if (words > 5 || (words >= 3 && lower_words(t) > 0))
                add_item(cur, (struct pf_span){p->lines[i].start, p->lines[i].end}, false, courses);
            continue;
        }
        if (cur && in_body) {
            start_new = true;
            if (c == LC_DATE && !entry_has_date(cur)) {
                size_t next = i + 1;
                while (next < last && cls[next - first] == LC_SKIP)
                    next++;
                if (next >= last || cls[next - first] != LC_BODY)
                    start_new = false; /* a date printed after the entry's text */
            }
        } else if (cur && !any_body && s->kind == PF_SEC_EDUCATION &&
                   (pf_is_score(p, p->lines[i].start, p->lines[i].end) ||
                    pf_course_code_at(p, p->lines[i].start, p->lines[i].end))) {
            start_new = false; /* a grade or a course belongs to the degree above */
        } else if (cur && !any_body && s->kind == PF_SEC_EDUCATION && c == LC_HEAD) {
            /* A degree entry has one school and one degree: a second one starts the next. */
            bool school = pf_is_school_line(p, i);
            bool degree = pf_is_degree_line(p, i);
            bool had_school = false;
            bool had_degree = false;
            for (size_t h = 0; h < cur->head_count; h++) {
                had_school = had_school || pf_is_school_line(p, cur->head[h]);
                had_degree = had_degree || pf_is_degree_line(p, cur->head[h]);
            }
            start_new = (school && had_school) || (degree && had_degree && !school);
        } else if (cur && !any_body) {
            /* Entries without text: a date closes (or opens) each one. */
            if (!learned && entry_has_date(cur)) {
                date_leads = cur->head_count > 0 &&
                             pf_date_find(pf_raw(p, p->lines[cur->head[0]].start,
                                                 p->lines[cur->head[0]].end),
                                          &(struct pf_date_range){0});
                learned = true;
            }
            if (entry_has_date(cur)) {
                if (date_leads)
                    start_new = c == LC_DATE || (c == LC_HEAD && pf_date_find(
                        pf_raw(p, p->lines[i].start, p->lines[i].end), &(struct pf_date_range){0}));
                else
                    start_new = true;
                /* "2010" then "2014" on the next line: one range. */
                if (single_year_line(p, i) && !cur->dates.has_end && !cur->dates.present &&
                    single_year_line(p, i) >= (size_t)cur->dates.start.year &&
                    cur->dates.start.month == 0)
                    start_new = false;
            }
        } else if (cur && c == LC_DATE && entry_has_date(cur)) {
            size_t year = single_year_line(p, i);
            start_new = !(year && !cur->dates.has_end && !cur->dates.present &&
                          cur->dates.start.month == 0 && year >= (size_t)cur->dates.start.year);
        }
        if (start_new) {
            if (count >= cap)
                break;
            cur = &entries[count++];
            memset(cur, 0, sizeof(*cur));
            in_body = false;
            courses = false;
        }
        if (cur->head_count < PF_ENTRY_MAX_HEAD)
            cur->head[cur->head_count++] = i;
        if (!title_style && c == LC_HEAD && !(p->lines[i].bflags & PF_BLOCK_LABEL))
            title_style = &p->lines[i];
        note_date(p, cur, i);
    }
    *out_entries = entries;
    return count;
}
