/* The parser's line model: document lines with their style summarised, bullets recognised,
 * headings glued to the first line split off, and rows of side-by-side columns separated. */
#include <math.h>
#include <string.h>

#include "parse/parse_int.h"

#define SIZE_BUCKETS 200 /* font sizes in half points up to 100 pt */
#define MAX_CELLS 16

/* Style of bytes [start, end) of a document line from its spans. */
struct line_style {
    float size;
    bool bold;
    bool caps_flag;
    int32_t link;
    float x0;
    bool has_box;
    bool lead_bold;
    float lead_size;
    bool has_lead;
};

static void style_of(const struct pf_document *doc, const struct pf_doc_line *line, size_t start,
                     size_t end, struct line_style *out)
{
    double weight_size = 0;
    size_t total = 0;
    size_t bold = 0;
    size_t caps = 0;
    memset(out, 0, sizeof(*out));
    out->link = -1;
    float best_size = 0;
    size_t best_len = 0;
    for (size_t i = 0; i < line->span_count; i++) {
        const struct pf_doc_span *sp = pf_document_span(doc, line->first_span + i);
        size_t s0 = sp->offset > start ? sp->offset : start;
        size_t s1 = sp->offset + sp->len < end ? sp->offset + sp->len : end;
        if (s1 <= s0)
            continue;
        struct pf_str text = pf_document_slice(doc, s0, s1 - s0);
        if (!pf_has_alnum(text))
            continue;
        size_t n = s1 - s0;
        total += n;
        weight_size += (double)sp->size * (double)n;
        if (sp->flags & PF_SPAN_BOLD)
            bold += n;
        if (sp->flags & PF_SPAN_SMALL_CAPS)
            caps += n;
        if (out->link < 0 && sp->link >= 0)
            out->link = sp->link;
        if (!out->has_lead) {
            out->lead_bold = (sp->flags & PF_SPAN_BOLD) != 0;
            out->lead_size = sp->size;
            out->has_lead = true;
        }
        if (!out->has_box && (sp->box.x1 > sp->box.x0)) {
            out->x0 = sp->box.x0;
            out->has_box = true;
        }
        if (n > best_len) {
            best_len = n;
            best_size = sp->size;
        }
    }
    PF_UNUSED(weight_size);
    out->size = best_size;
    out->bold = total > 0 && bold * 2 > total;
    out->caps_flag = total > 0 && caps * 2 > total;
}

static bool letters_all_caps(struct pf_str s)
{
    size_t letters = 0;
    size_t upper = 0;
    pf_word_count(s, &letters, &upper);
    return letters >= 2 && upper == letters;
}

/* Skips a leading bullet glyph ("• ", "- ", "* ", "– ", "▪") at [*start, end). */
static bool skip_bullet(const char *raw, size_t *start, size_t end)
{
    const char *ptr = raw + *start;
    const char *stop = raw + end;
    const char *q = ptr;
    int32_t cp = pf_utf8_decode(&q, stop);
    if (cp < 0 || !pf_is_bullet_cp(cp))
        return false;
    bool ascii_like = cp == '-' || cp == '*' || cp == 0x2013 || cp == 0x2014 || cp == 0x00B7;
    if (ascii_like && !(q < stop && (*q == ' ' || *q == '\t')))
        return false;
    while (q < stop && (*q == ' ' || *q == '\t'))
        q++;
    if (q >= stop)
        return false;
    *start = (size_t)(q - raw);
    return true;
}

static float span_x_at(const struct pf_document *doc, const struct pf_doc_line *line, size_t pos)
{
    for (size_t i = 0; i < line->span_count; i++) {
        const struct pf_doc_span *sp = pf_document_span(doc, line->first_span + i);
        if (pos >= sp->offset && pos < sp->offset + sp->len) {
            if (sp->box.x1 <= sp->box.x0)
                return line->box.x0;
            /* Proportional position inside the span: good enough to tell columns apart. */
            float frac = sp->len ? (float)(pos - sp->offset) / (float)sp->len : 0.0f;
            return sp->box.x0 + frac * (sp->box.x1 - sp->box.x0);
        }
    }
    return line->box.x0;
}

static void fill_line(struct pf_parse *p, struct pf_pline *pl, const struct pf_doc_block *b,
                      size_t block_index, const struct pf_doc_line *line, size_t start,
                      size_t end)
{
    memset(pl, 0, sizeof(*pl));
    struct pf_span s = pf_trim_span(p, (struct pf_span){start, end}, NULL);
    pl->start = s.start;
    pl->end = s.end;
    pl->block = block_index;
    pl->kind = b->kind;
    pl->bflags = b->flags;
    pl->level = b->level;
    pl->page = b->page;
    pl->column = b->column;
    pl->table = b->table;
    pl->row = b->row;
    pl->col = b->col;
    struct line_style st;
    style_of(p->doc, line, s.start, s.end, &st);
    pl->size = st.size;
    pl->bold = st.bold;
    pl->lead_bold = st.lead_bold;
    pl->lead_size = st.lead_size;
    pl->link = st.link;
    pl->has_geom = line->box.x1 > line->box.x0;
    pl->x0 = pl->has_geom ? span_x_at(p->doc, line, s.start) : 0;
    pl->y0 = line->box.y0;
    pl->x1 = line->box.x1;
    pl->y1 = line->box.y1;
    pl->bullet = b->kind == PF_BLOCK_LIST_ITEM;
    size_t text_start = pl->start;
    if (skip_bullet(p->raw, &text_start, pl->end)) {
        pl->bullet = true;
        pl->glyph = true;
        pl->start = text_start;
    }
    pl->caps = st.caps_flag || letters_all_caps(pf_raw(p, pl->start, pl->end));
}

/* A line that starts with a heading word in another style ("Work" in 20 pt, then the first
 * job title in bold 16 pt: a label column the reader joined to the row). Returns the byte
 * offset where the rest starts, or 0. */
static size_t glued_heading_end(struct pf_parse *p, const struct pf_doc_line *line)
{
    if (line->span_count < 2)
        return 0;
    const struct pf_doc_span *first = pf_document_span(p->doc, line->first_span);
    const struct pf_doc_span *second = pf_document_span(p->doc, line->first_span + 1);
    bool differs = fabsf(first->size - second->size) >= 1.0f ||
                   ((first->flags ^ second->flags) & PF_SPAN_BOLD);
    if (!differs)
        return 0;
    struct pf_str text = pf_document_span_text(p->doc, first);
    bool sub = false;
    if (pf_heading_kind(pf_str_trim(text), &sub) == PF_SEC_HEADER || sub)
        return 0;
    struct pf_str rest = pf_document_slice(p->doc, second->offset,
                                           line->offset + line->len - second->offset);
    if (!pf_has_alnum(rest))
        return 0;
    return second->offset;
}

static void push(struct pf_parse *p, size_t *cap, const struct pf_pline *pl)
{
    if (pl->end <= pl->start || !pf_has_alnum(pf_raw(p, pl->start, pl->end)))
        return;
    if (p->line_count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        struct pf_pline *n = pf_arena_alloc(p->arena, ncap * sizeof(*n));
        if (p->line_count)
            memcpy(n, p->lines, p->line_count * sizeof(*n));
        p->lines = n;
        *cap = ncap;
    }
    p->lines[p->line_count++] = *pl;
}

/* A row whose tab cells are all headings ("ABOUT<TAB>CONTACT") opens side-by-side sections;
 * the rows after it hold one cell per column until the next heading. The reader left them
 * interleaved, so split the cells and regroup them column by column. */
static void split_parallel_rows(struct pf_parse *p, const size_t *doc_line_of)
{
    for (size_t i = 0; i < p->line_count; i++) {
        struct pf_pline *row = &p->lines[i];
        struct pf_span cells[MAX_CELLS];
        size_t n = pf_cells(p, row->start, row->end, cells, MAX_CELLS);
        if (n < 2 || n > 4)
            continue;
        bool all = true;
        for (size_t c = 0; c < n && all; c++) {
            bool sub = false;
            enum pf_sec k = pf_heading_kind(pf_raw(p, cells[c].start, cells[c].end), &sub);
            all = k != PF_SEC_HEADER && !sub;
        }
        if (!all)
            continue;
        /* The run: until a line that is a heading by itself, or another page. */
        size_t end = i + 1;
        while (end < p->line_count && p->lines[end].page == row->page) {
            bool sub = false;
            struct pf_pline *l = &p->lines[end];
            if (pf_heading_kind(pf_raw(p, l->start, l->end), &sub) != PF_SEC_HEADER && !sub)
                break;
            end++;
        }
        const struct pf_doc_line *row_line = pf_document_line(p->doc, doc_line_of[i]);
        float col_x[MAX_CELLS];
        for (size_t c = 0; c < n; c++)
            col_x[c] = span_x_at(p->doc, row_line, cells[c].start);
        size_t total = n;
        for (size_t j = i + 1; j < end; j++)
            total += pf_cells(p, p->lines[j].start, p->lines[j].end, cells, MAX_CELLS) + 1;
        struct pf_pline *out = pf_arena_alloc(p->arena, total * sizeof(*out));
        int *col_of = pf_arena_alloc(p->arena, total * sizeof(*col_of));
        size_t count = 0;
        n = pf_cells(p, row->start, row->end, cells, MAX_CELLS);
        size_t heads = n;
        for (size_t c = 0; c < n; c++) {
            out[count] = *row;
            out[count].start = cells[c].start;
            out[count].end = cells[c].end;
            out[count].x0 = col_x[c];
            col_of[count++] = (int)c;
        }
        for (size_t j = i + 1; j < end; j++) {
            const struct pf_pline *l = &p->lines[j];
            const struct pf_doc_line *dl = pf_document_line(p->doc, doc_line_of[j]);
            size_t m = pf_cells(p, l->start, l->end, cells, MAX_CELLS);
            for (size_t c = 0; c < m; c++) {
                float x = span_x_at(p->doc, dl, cells[c].start);
                int best = 0;
                for (size_t h = 1; h < heads; h++) {
                    if (x + 8.0f >= col_x[h])
                        best = (int)h;
                }
                out[count] = *l;
                out[count].start = cells[c].start;
                out[count].end = cells[c].end;
                out[count].x0 = x;
                out[count].block_first = c == 0 ? l->block_first : true;
                col_of[count++] = best;
            }
        }
        /* Rebuild the line array: before the run, the run column by column, after it. */
        size_t new_count = i + count + (p->line_count - end);
        struct pf_pline *lines = pf_arena_alloc(p->arena, (new_count + 1) * sizeof(*lines));
        size_t *map = pf_arena_alloc(p->arena, (new_count + 1) * sizeof(*map));
        memcpy(lines, p->lines, i * sizeof(*lines));
        memcpy(map, doc_line_of, i * sizeof(*map));
        size_t k = i;
        for (size_t c = 0; c < heads; c++) {
            for (size_t j = 0; j < count; j++) {
                if (col_of[j] == (int)c) {
                    lines[k] = out[j];
                    map[k++] = doc_line_of[i];
                }
            }
        }
        memcpy(lines + k, p->lines + end, (p->line_count - end) * sizeof(*lines));
        memcpy(map + k, doc_line_of + end, (p->line_count - end) * sizeof(*map));
        p->lines = lines;
        p->line_count = k + (p->line_count - end);
        doc_line_of = map;
        i = k - 1;
    }
}

static void compute_right_edges(struct pf_parse *p)
{
    /* Per page, column and sidebar flag: the right edge the text wraps at. */
    size_t pages = pf_document_page_count(p->doc);
    size_t slots = (pages ? pages : 1) * 16;
    float *right = pf_arena_alloc(p->arena, slots * sizeof(*right));
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < p->line_count; i++) {
            struct pf_pline *l = &p->lines[i];
            if (!l->has_geom || l->page < 0 || (size_t)l->page >= pages)
                continue;
            size_t col = l->column < 0 ? 0 : (size_t)(l->column > 7 ? 7 : l->column);
            size_t slot = (size_t)l->page * 16 + col * 2 + ((l->bflags & PF_BLOCK_SIDEBAR) != 0);
            if (pass == 0 && l->x1 > right[slot])
                right[slot] = l->x1;
            else if (pass == 1)
                l->right = right[slot];
        }
    }
}

static void compute_body_style(struct pf_parse *p)
{
    size_t buckets[SIZE_BUCKETS] = {0};
    size_t bold = 0;
    size_t total = 0;
    for (size_t i = 0; i < p->line_count; i++) {
        const struct pf_pline *l = &p->lines[i];
        size_t n = l->end - l->start;
        int b = (int)lroundf(l->size * 2.0f);
        if (b > 0 && b < SIZE_BUCKETS)
            buckets[b] += n;
        if (l->bold)
            bold += n;
        total += n;
    }
    size_t best = 0;
    for (int b = 1; b < SIZE_BUCKETS; b++) {
        if (buckets[b] > buckets[best])
            best = (size_t)b;
    }
    p->body_size = (float)best / 2.0f;
    p->body_bold = total > 0 && bold * 2 > total;
}

void pf_lines_build(struct pf_parse *p)
{
    const struct pf_document *doc = p->doc;
    size_t cap = 0;
    size_t map_cap = pf_document_line_count(doc) * 2 + 8;
    size_t *doc_line_of = pf_arena_alloc(p->arena, map_cap * sizeof(*doc_line_of));
    p->lines = NULL;
    p->line_count = 0;
    size_t blocks = pf_document_block_count(doc);
    for (size_t bi = 0; bi < blocks; bi++) {
        const struct pf_doc_block *b = pf_document_block(doc, bi);
        for (size_t li = 0; li < b->line_count; li++) {
            size_t index = b->first_line + li;
            const struct pf_doc_line *line = pf_document_line(doc, index);
            struct pf_pline pl;
            size_t split = glued_heading_end(p, line);
            if (split) {
                fill_line(p, &pl, b, bi, line, line->offset, split);
                pl.block_first = true;
                if (p->line_count + 2 > map_cap)
                    break;
                doc_line_of[p->line_count] = index;
                push(p, &cap, &pl);
                fill_line(p, &pl, b, bi, line, split, line->offset + line->len);
                pl.block_first = true;
                pl.x0 = span_x_at(doc, line, split);
            } else {
                fill_line(p, &pl, b, bi, line, line->offset, line->offset + line->len);
                pl.block_first = li == 0;
                /* Only the first line of a list item carries its bullet. */
                if (li > 0 && !pl.glyph)
                    pl.bullet = false;
            }
            if (p->line_count + 1 > map_cap)
                break;
            doc_line_of[p->line_count] = index;
            push(p, &cap, &pl);
        }
    }
    split_parallel_rows(p, doc_line_of);
    compute_right_edges(p);
    compute_body_style(p);
    p->geometry = false;
    for (size_t i = 0; i < p->line_count && !p->geometry; i++)
        p->geometry = p->lines[i].has_geom;
}
