/* Layout analysis of positioned glyphs: segments, running headers/footers, lines, blocks and
 * the reading order across columns and pages, fed to the document builder. */
#include "ingest/ingest_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define GROW(arr, count, cap)                                                                      \
    do {                                                                                           \
        if ((count) == (cap)) {                                                                    \
            (cap) = (cap) ? (cap)*2 : 64;                                                          \
            (arr) = pf_xrealloc((arr), (cap) * sizeof(*(arr)));                                    \
        }                                                                                          \
    } while (0)

void pf_layout_page_fini(struct pf_layout_page *page)
{
    if (!page)
        return;
    free(page->chars);
    free(page->runs);
    memset(page, 0, sizeof(*page));
}

void pf_layout_run_begin(struct pf_layout_page *page, bool horizontal)
{
    GROW(page->runs, page->run_count, page->run_cap);
    struct pf_layout_run *run = &page->runs[page->run_count++];
    run->first = page->char_count;
    run->count = 0;
    run->horizontal = horizontal;
}

void pf_layout_add_char(struct pf_layout_page *page, const struct pf_layout_char *ch)
{
    if (page->run_count == 0)
        pf_layout_run_begin(page, true);
    GROW(page->chars, page->char_count, page->char_cap);
    page->chars[page->char_count++] = *ch;
    page->runs[page->run_count - 1].count++;
}

void pf_layout_work_fini(struct pf_layout_work *w)
{
    if (!w)
        return;
    free(w->segs);
    free(w->line_segs);
    free(w->lines);
    free(w->blocks);
    memset(w, 0, sizeof(*w));
}

bool pf_layout_is_space(uint32_t cp)
{
    /* A soft hyphen counts as a glyph: at a line end it is the hyphen that splits a word. */
    if (cp == 0xAD)
        return false;
    uint32_t out[3];
    size_t n = pf_normalize_cp(cp, out);
    return n == 0 || out[0] == ' ' || out[0] == '\t' || out[0] == '\n';
}

bool pf_layout_is_blank(uint32_t cp)
{
    uint32_t out[3];
    size_t n = pf_normalize_cp(cp, out);
    return n > 0 && (out[0] == ' ' || out[0] == '\t' || out[0] == '\n');
}

bool pf_layout_is_bullet(uint32_t cp)
{
    static const uint32_t bullets[] = {
        0x2022, 0x25E6, 0x25AA, 0x25AB, 0x25A0, 0x25A1, 0x25CF, 0x25CB, 0x25BA, 0x25B8, 0x2023,
        0x2043, 0x2713, 0x2714, 0x27A2, 0x27A4, 0x2605, 0x2606, 0x25C6, 0x25C7, 0x2666, 0x2219,
        0x00B7, 0x25D8, 0x25D9, 0x2756, 0x27A3, 0x2B9A, 0x25B6, 0x25FE, 0x25FD, 0x25AC,
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(bullets); i++)
        if (bullets[i] == cp)
            return true;
    return false;
}

bool pf_layout_is_dash_bullet(uint32_t cp)
{
    return cp == '-' || cp == '*' || cp == 0x2013 || cp == 0x2014 || cp == '>' || cp == 'o';
}

bool pf_layout_is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0xAD || cp == 0x2010 || cp == 0x2011;
}

bool pf_layout_is_lower(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
           (cp >= 0x100 && cp <= 0x17F && (cp & 1)) || (cp >= 0x430 && cp <= 0x45F);
}

static float split_gap(float size)
{
    float gap = 0.8f * size;
    if (gap > 8.0f)
        gap = 8.0f;
    if (gap < 3.0f)
        gap = 3.0f;
    return gap;
}

static void push_seg(struct pf_layout_work *w, size_t first, size_t last)
{
    const struct pf_layout_char *chars = w->page->chars;
    GROW(w->segs, w->seg_count, w->seg_cap);
    struct pf_layout_seg *s = &w->segs[w->seg_count++];
    memset(s, 0, sizeof(*s));
    s->first = first;
    s->count = last - first + 1;
    bool have = false;
    for (size_t i = first; i <= last; i++) {
        const struct pf_layout_char *ch = &chars[i];
        if (pf_layout_is_space(ch->cp))
            continue;
        if (!have) {
            s->x0 = ch->x0;
            s->y0 = ch->y0;
            s->x1 = ch->x1;
            s->y1 = ch->y1;
            s->baseline = ch->baseline;
            have = true;
        }
        s->x0 = fminf(s->x0, ch->x0);
        s->y0 = fminf(s->y0, ch->y0);
        s->x1 = fmaxf(s->x1, ch->x1);
        s->y1 = fmaxf(s->y1, ch->y1);
        s->size = fmaxf(s->size, ch->size);
    }
    if (s->size <= 0)
        s->size = fmaxf(s->y1 - s->y0, 1.0f);
    s->region = -1;
}

/* Cuts every run into segments at wide gaps, dropping whitespace and invisible glyphs at
 * their ends. */
void pf_layout_segments(struct pf_layout_work *w)
{
    const struct pf_layout_page *page = w->page;
    for (size_t r = 0; r < page->run_count; r++) {
        const struct pf_layout_run *run = &page->runs[r];
        size_t start = SIZE_MAX;
        size_t last = 0;
        for (size_t i = run->first; i < run->first + run->count; i++) {
            const struct pf_layout_char *ch = &page->chars[i];
            if (pf_layout_is_space(ch->cp))
                continue;
            if (start != SIZE_MAX && run->horizontal) {
                const struct pf_layout_char *prev = &page->chars[last];
                float gap = ch->x0 - prev->x1;
                float size = fmaxf(ch->size, prev->size);
                bool jump = fabsf(ch->baseline - prev->baseline) > 0.6f * size ||
                            ch->x1 < prev->x0 - 0.5f * size;
                if (gap > split_gap(size) || jump) {
                    push_seg(w, start, last);
                    start = SIZE_MAX;
                }
            }
            if (start == SIZE_MAX)
                start = i;
            last = i;
        }
        if (start != SIZE_MAX)
            push_seg(w, start, last);
    }
}

/* Appends the segment's visible text (digits folded to '#', lowercased ASCII) for comparing
 * running headers across pages. */
static void seg_key(const struct pf_layout_work *w, const struct pf_layout_seg *s, char *out,
                    size_t cap)
{
    size_t n = 0;
    for (size_t i = s->first; i < s->first + s->count && n + 5 < cap; i++) {
        uint32_t cp = w->page->chars[i].cp;
        if (pf_layout_is_space(cp))
            continue;
        if (cp >= '0' && cp <= '9')
            cp = '#';
        else if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        n += pf_utf8_encode(cp, out + n);
    }
    out[n] = '\0';
}

/* "3", "- 3 -", "Page 3", "3 of 5", "3/5". */
static bool is_page_number(const char *key)
{
    const char *p = key;
    if (strncmp(p, "page", 4) == 0)
        p += 4;
    while (*p == '-')
        p++;
    size_t digits = strspn(p, "#");
    if (digits == 0 || digits > 4)
        return false;
    p += digits;
    if (strncmp(p, "of", 2) == 0 || *p == '/') {
        p += *p == '/' ? 1 : 2;
        size_t more = strspn(p, "#");
        if (more == 0)
            return false;
        p += more;
    }
    while (*p == '-')
        p++;
    return *p == '\0';
}

/* Running headers and footers (the same text near the same edge on most pages) and bare page
 * numbers in the margins are not content. Only a bounded number of edge segments per page is
 * compared, so a hostile page full of tiny text stays cheap. */
#define EDGE_MAX 64

struct edge {
    struct pf_layout_seg *seg;
    char key[96];
};

void pf_layout_drop_furniture(struct pf_layout_work *pages, size_t page_count)
{
    struct edge *edges = pf_xcalloc(page_count * EDGE_MAX + 1, sizeof(*edges));
    size_t *counts = pf_xcalloc(page_count + 1, sizeof(*counts));
    for (size_t p = 0; p < page_count; p++) {
        struct pf_layout_work *w = &pages[p];
        float h = w->page->height;
        for (size_t i = 0; i < w->seg_count && counts[p] < EDGE_MAX; i++) {
            struct pf_layout_seg *s = &w->segs[i];
            if (s->y1 >= 0.09f * h && s->y0 <= 0.91f * h)
                continue;
            struct edge *e = &edges[p * EDGE_MAX + counts[p]];
            e->seg = s;
            seg_key(w, s, e->key, sizeof(e->key));
            if (is_page_number(e->key))
                s->dropped = true;
            else if (e->key[0] != '\0')
                counts[p]++;
        }
    }
    for (size_t p = 0; p < page_count && page_count >= 2; p++) {
        for (size_t i = 0; i < counts[p]; i++) {
            const struct edge *e = &edges[p * EDGE_MAX + i];
            size_t seen = 1;
            for (size_t q = 0; q < page_count; q++) {
                if (q == p)
                    continue;
                for (size_t j = 0; j < counts[q]; j++) {
                    const struct edge *f = &edges[q * EDGE_MAX + j];
                    if (fabsf(f->seg->y0 - e->seg->y0) <= 12.0f &&
                        fabsf(f->seg->x0 - e->seg->x0) <= 40.0f && strcmp(e->key, f->key) == 0) {
                        seen++;
                        break;
                    }
                }
            }
            if (seen * 2 > page_count)
                e->seg->dropped = true;
        }
    }
    free(edges);
    free(counts);
}

struct keyed {
    float k1, k2;
    size_t index;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a;
    const struct keyed *y = b;
    if (x->k1 != y->k1)
        return (x->k1 > y->k1) - (x->k1 < y->k1);
    if (x->k2 != y->k2)
        return (x->k2 > y->k2) - (x->k2 < y->k2);
    return (x->index > y->index) - (x->index < y->index);
}

static float overlap(float a0, float a1, float b0, float b1)
{
    float lo = a0 > b0 ? a0 : b0;
    float hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

static void finish_line(struct pf_layout_work *w, struct pf_layout_line *line)
{
    const struct pf_layout_char *chars = w->page->chars;
    size_t bold = 0;
    size_t visible = 0;
    bool first = true;
    for (size_t k = 0; k < line->count; k++) {
        const struct pf_layout_seg *s = &w->segs[w->line_segs[line->first + k]];
        for (size_t i = s->first; i < s->first + s->count; i++) {
            const struct pf_layout_char *ch = &chars[i];
            if (pf_layout_is_space(ch->cp))
                continue;
            if (first) {
                first = false;
                line->text_x0 = ch->x0;
                bool dash = pf_layout_is_dash_bullet(ch->cp) &&
                            (i + 1 >= s->first + s->count || pf_layout_is_space(chars[i + 1].cp));
                if (pf_layout_is_bullet(ch->cp) || dash) {
                    line->bullet = true;
                    continue;
                }
            } else if (line->bullet && line->text_x0 <= line->x0 + 0.01f) {
                line->text_x0 = ch->x0;
            }
            visible++;
            bold += (ch->flags & PF_SPAN_BOLD) != 0;
        }
    }
    line->bold = visible > 0 && bold * 2 > visible;
}

/* Groups the segments of each column into lines: same baseline, or boxes overlapping enough
 * for a superscript to stay with its line. */
void pf_layout_lines(struct pf_layout_work *w)
{
    size_t n = w->seg_count;
    struct keyed *keys = pf_xmalloc((n + 1) * sizeof(*keys));
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &w->segs[i];
        if (s->dropped || s->region < 0)
            continue;
        keys[m].k1 = (float)(s->region * PF_LAYOUT_MAX_COLUMNS + s->column);
        keys[m].k2 = s->baseline;
        keys[m].index = i;
        m++;
    }
    qsort(keys, m, sizeof(*keys), cmp_keyed);
    w->line_segs = pf_xmalloc((m + 1) * sizeof(*w->line_segs));
    w->line_seg_count = 0;
    size_t i = 0;
    while (i < m) {
        const struct pf_layout_seg *s = &w->segs[keys[i].index];
        struct pf_layout_line line;
        memset(&line, 0, sizeof(line));
        line.first = w->line_seg_count;
        line.region = s->region;
        line.column = s->column;
        line.baseline = s->baseline;
        line.x0 = s->x0;
        line.y0 = s->y0;
        line.x1 = s->x1;
        line.y1 = s->y1;
        line.size = s->size;
        size_t j = i;
        while (j < m) {
            const struct pf_layout_seg *t = &w->segs[keys[j].index];
            if (t->region != line.region || t->column != line.column)
                break;
            float size = fmaxf(t->size, line.size);
            bool same_base = fabsf(t->baseline - line.baseline) <= 0.25f * size;
            float h = fminf(t->y1 - t->y0, line.y1 - line.y0);
            bool inside =
                overlap(t->y0, t->y1, line.y0, line.y1) >= 0.6f * h && t->size < 0.9f * line.size;
            if (j > i && !same_base && !inside)
                break;
            line.x0 = fminf(line.x0, t->x0);
            line.y0 = fminf(line.y0, t->y0);
            line.x1 = fmaxf(line.x1, t->x1);
            line.y1 = fmaxf(line.y1, t->y1);
            if (t->size > line.size) {
                line.size = t->size;
                line.baseline = t->baseline;
            }
            j++;
        }
        /* Left to right within the line. */
        struct keyed *slice = &keys[i];
        for (size_t a = 0; a < j - i; a++)
            slice[a].k2 = w->segs[slice[a].index].x0;
        qsort(slice, j - i, sizeof(*slice), cmp_keyed);
        for (size_t a = 0; a < j - i; a++)
            w->line_segs[w->line_seg_count++] = slice[a].index;
        line.count = j - i;
        line.text_x0 = line.x0;
        finish_line(w, &line);
        GROW(w->lines, w->line_count, w->line_cap);
        w->lines[w->line_count++] = line;
        i = j;
    }
    free(keys);
    /* Top to bottom within each column (the baseline sort already did it per column). */
}

/* Whether line b starts a new block after line a (same column, a above b). */
static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a;
    float y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The line pitch inside paragraphs of the column whose lines are lines[0..count), from the
 * pitches between neighbouring lines of one size (paragraph and item breaks only ever add
 * space). 0 when there are too few to tell. */
static float typical_pitch(const struct pf_layout_line *lines, size_t count)
{
    if (count < 5)
        return 0;
    float *pitches = pf_xmalloc(count * sizeof(*pitches));
    size_t n = 0;
    for (size_t i = 1; i < count; i++) {
        const struct pf_layout_line *a = &lines[i - 1];
        const struct pf_layout_line *b = &lines[i];
        float pitch = b->baseline - a->baseline;
        if (fabsf(a->size - b->size) <= 0.1f * a->size && pitch >= 0.9f * a->size &&
            pitch <= 3.0f * a->size)
            pitches[n++] = pitch;
    }
    float typical = 0;
    if (n >= 4) {
        qsort(pitches, n, sizeof(*pitches), cmp_float);
        typical = pitches[n / 4];
        /* The smallest pitch seen twice: CV columns are mostly one-line items, so even the
         * first quartile can be an item break; two wrapped lines show the real leading. */
        for (size_t i = 0; i + 1 < n; i++) {
            if (pitches[i + 1] - pitches[i] <= 0.3f) {
                typical = pitches[i];
                break;
            }
        }
    }
    free(pitches);
    return typical;
}

static bool breaks_block(const struct pf_layout_block *block, const struct pf_layout_line *first,
                         const struct pf_layout_line *a, const struct pf_layout_line *b,
                         float col_left, float col_right, float typical)
{
    float size = fmaxf(a->size, b->size);
    float pitch = b->baseline - a->baseline;
    /* More space than the column's usual line pitch: a new paragraph or list item. */
    if (typical > 0 && fabsf(a->size - b->size) <= 0.1f * size && pitch > 1.2f * typical + 0.5f)
        return true;
    if (b->bullet)
        return true;
    if (fabsf(a->size - b->size) > 0.12f * size)
        return true;
    if (a->bold != b->bold)
        return true;
    if (b->y0 - a->y1 > 0.8f * size)
        return true;
    if (block->count >= 2) {
        float established = a->baseline - (a - 1)->baseline;
        if (pitch > 1.2f * established + 0.5f)
            return true;
    } else if (pitch > 1.75f * size) {
        return true;
    }
    /* A bullet whose text hangs after its marker wraps to the text's x: a line back at the
     * marker's x is not its continuation but what follows the list. */
    if (first->bullet && first->text_x0 > first->x0 + 0.25f * size &&
        b->x0 < first->text_x0 - 0.25f * size)
        return true;
    /* An indented line starts a paragraph, unless it is a bullet's hanging indent. */
    if (b->x0 > a->x0 + 0.8f * size) {
        bool hanging = first->bullet && fabsf(b->x0 - first->text_x0) <= 0.8f * size;
        if (!hanging)
            return true;
    }
    /* A line that stops well short of the column's right edge ended its paragraph. */
    float width = col_right - col_left;
    float slack = fmaxf(0.2f * width, 4.0f * size);
    if (a->x1 < col_right - slack)
        return true;
    return false;
}

void pf_layout_blocks(struct pf_layout_work *w, int page_index)
{
    /* Each column's text extent, for telling a wrapped line from a short last line. */
    float left[PF_LAYOUT_MAX_REGIONS][PF_LAYOUT_MAX_COLUMNS];
    float right[PF_LAYOUT_MAX_REGIONS][PF_LAYOUT_MAX_COLUMNS];
    for (size_t r = 0; r < PF_LAYOUT_MAX_REGIONS; r++)
        for (size_t c = 0; c < PF_LAYOUT_MAX_COLUMNS; c++) {
            left[r][c] = INFINITY;
            right[r][c] = 0;
        }
    for (size_t i = 0; i < w->line_count; i++) {
        const struct pf_layout_line *line = &w->lines[i];
        left[line->region][line->column] = fminf(left[line->region][line->column], line->x0);
        right[line->region][line->column] = fmaxf(right[line->region][line->column], line->x1);
    }
    size_t i = 0;
    size_t column_start = SIZE_MAX;
    float typical = 0;
    while (i < w->line_count) {
        const struct pf_layout_line *first = &w->lines[i];
        if (column_start == SIZE_MAX || w->lines[column_start].region != first->region ||
            w->lines[column_start].column != first->column) {
            size_t end = i;
            while (end < w->line_count && w->lines[end].region == first->region &&
                   w->lines[end].column == first->column)
                end++;
            column_start = i;
            typical = typical_pitch(&w->lines[i], end - i);
        }
        float col_left = left[first->region][first->column];
        float col_right = right[first->region][first->column];
        struct pf_layout_block block;
        memset(&block, 0, sizeof(block));
        block.page = page_index;
        block.first = i;
        block.count = 1;
        block.region = first->region;
        block.column = first->column;
        block.bullet = first->bullet;
        size_t j = i + 1;
        while (j < w->line_count) {
            const struct pf_layout_line *b = &w->lines[j];
            if (b->region != first->region || b->column != first->column)
                break;
            if (breaks_block(&block, first, &w->lines[j - 1], b, col_left, col_right, typical))
                break;
            block.count++;
            j++;
        }
        block.x0 = first->x0;
        block.y0 = first->y0;
        block.x1 = first->x1;
        block.y1 = first->y1;
        for (size_t k = i; k < j; k++) {
            block.x0 = fminf(block.x0, w->lines[k].x0);
            block.y0 = fminf(block.y0, w->lines[k].y0);
            block.x1 = fmaxf(block.x1, w->lines[k].x1);
            block.y1 = fmaxf(block.y1, w->lines[k].y1);
        }
        GROW(w->blocks, w->block_count, w->block_cap);
        w->blocks[w->block_count++] = block;
        i = j;
    }
}
