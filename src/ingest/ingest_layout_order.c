/* Reading order over the analysed pages and emission into the builder: a left label grid is
 * interleaved with the rows it labels, a sidebar is read after the main flow of the whole
 * document (so an entry that runs onto the next page stays whole), other columns left to
 * right; lines are emitted with bullets, doubled hyphens and end-of-line hyphenation repaired. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_layout.h"

enum region_kind { KIND_SINGLE, KIND_FLOW, KIND_SIDEBAR, KIND_LABELS };

struct block_ref {
    struct pf_layout_work *work;
    size_t block;
};

struct order {
    struct block_ref *refs;
    size_t count, cap;
};

static void push(struct order *o, struct pf_layout_work *w, size_t block)
{
    if (o->count == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->refs = pf_xrealloc(o->refs, o->cap * sizeof(*o->refs));
    }
    o->refs[o->count].work = w;
    o->refs[o->count].block = block;
    o->count++;
}

struct column_stats {
    size_t lines;
    size_t chars;
    float x0, x1;
};

static void stats_of(const struct pf_layout_work *w, int region, struct column_stats *out,
                     int columns)
{
    for (int c = 0; c < columns; c++) {
        out[c].lines = 0;
        out[c].chars = 0;
        out[c].x0 = INFINITY;
        out[c].x1 = 0;
    }
    for (size_t i = 0; i < w->line_count; i++) {
        const struct pf_layout_line *line = &w->lines[i];
        if (line->region != region)
            continue;
        struct column_stats *s = &out[line->column];
        s->lines++;
        s->x0 = fminf(s->x0, line->x0);
        s->x1 = fmaxf(s->x1, line->x1);
        for (size_t k = 0; k < line->count; k++)
            s->chars += w->segs[w->line_segs[line->first + k]].count;
    }
}

/* The share of the left column's blocks that start level with a block of the right column:
 * labels start their rows; a sidebar's blocks only line up by chance. */
static float aligned_share(const struct pf_layout_work *w, int region)
{
    size_t left = 0;
    size_t aligned = 0;
    for (size_t i = 0; i < w->block_count; i++) {
        const struct pf_layout_block *l = &w->blocks[i];
        if (l->region != region || l->column != 0)
            continue;
        left++;
        float size = w->lines[l->first].size;
        float tolerance = fmaxf(6.0f, 0.6f * size);
        for (size_t j = 0; j < w->block_count; j++) {
            const struct pf_layout_block *r = &w->blocks[j];
            if (r->region == region && r->column == 1 && fabsf(r->y0 - l->y0) <= tolerance) {
                aligned++;
                break;
            }
        }
    }
    return left ? (float)aligned / (float)left : 0.0f;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a;
    float y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Whether the left column is sparse: its lines sit apart (the rows they label are taller)
 * rather than stacked like a sidebar's. Compares the median gap between its lines with the
 * median line height. */
static bool sparse_left(const struct pf_layout_work *w, int region)
{
    size_t n = 0;
    for (size_t i = 0; i < w->line_count; i++)
        n += w->lines[i].region == region && w->lines[i].column == 0;
    if (n < 2)
        return true;
    float *gaps = pf_xmalloc(n * sizeof(*gaps));
    float *heights = pf_xmalloc(n * sizeof(*heights));
    size_t g = 0;
    size_t h = 0;
    const struct pf_layout_line *prev = NULL;
    for (size_t i = 0; i < w->line_count; i++) {
        const struct pf_layout_line *line = &w->lines[i];
        if (line->region != region || line->column != 0)
            continue;
        heights[h++] = line->y1 - line->y0;
        if (prev)
            gaps[g++] = line->y0 - prev->y1;
        prev = line;
    }
    qsort(gaps, g, sizeof(*gaps), cmp_float);
    qsort(heights, h, sizeof(*heights), cmp_float);
    bool sparse = gaps[g / 2] >= 0.8f * heights[h / 2];
    free(gaps);
    free(heights);
    return sparse;
}

/* Two columns: a narrow left column of short blocks that start level with the rows beside it
 * labels them (section names, dates); a narrow column otherwise is a sidebar; two columns of
 * similar width flow into each other. */
static enum region_kind classify(const struct pf_layout_work *w, int region, int *out_sidebar)
{
    const struct pf_layout_region *r = &w->regions[region];
    *out_sidebar = -1;
    if (r->columns == 1)
        return KIND_SINGLE;
    if (r->from_hint && r->sidebar >= 0) {
        *out_sidebar = r->sidebar;
        return KIND_SIDEBAR;
    }
    if (r->columns != 2)
        return KIND_FLOW;
    struct column_stats s[2];
    stats_of(w, region, s, 2);
    if (s[0].lines == 0 || s[1].lines == 0)
        return KIND_FLOW;
    float w0 = s[0].x1 - s[0].x0;
    float w1 = s[1].x1 - s[1].x0;
    float avg0 = (float)s[0].chars / (float)s[0].lines;
    if (w0 < w1 && avg0 <= 40.0f && aligned_share(w, region) >= 0.6f && sparse_left(w, region))
        return KIND_LABELS;
    float narrow = fminf(w0, w1) / fmaxf(fmaxf(w0, w1), 1.0f);
    if (narrow < 0.75f) {
        *out_sidebar = w0 < w1 ? 0 : 1;
        return KIND_SIDEBAR;
    }
    return KIND_FLOW;
}

/* Blocks of one column of a region, in their (top to bottom) order. */
static size_t column_blocks(const struct pf_layout_work *w, int region, int column, size_t *out,
                            size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < w->block_count && n < max; i++)
        if (w->blocks[i].region == region && w->blocks[i].column == column)
            out[n++] = i;
    return n;
}

static void order_region(struct pf_layout_work *w, int region, struct order *main,
                         struct order *side, bool *has_sidebar)
{
    int sidebar;
    enum region_kind kind = classify(w, region, &sidebar);
    w->regions[region].sidebar = sidebar;
    int columns = w->regions[region].columns;
    size_t *list = pf_xmalloc((w->block_count + 1) * sizeof(*list));
    if (kind == KIND_LABELS) {
        size_t *labels = pf_xmalloc((w->block_count + 1) * sizeof(*labels));
        size_t *before = pf_xmalloc((w->block_count + 1) * sizeof(*before));
        size_t n_labels = column_blocks(w, region, 0, labels, w->block_count);
        size_t n_rows = column_blocks(w, region, 1, list, w->block_count);
        size_t floor = 0;
        for (size_t k = 0; k < n_labels; k++) {
            const struct pf_layout_block *label = &w->blocks[labels[k]];
            /* A label goes before the first row block that is not entirely above it... */
            size_t j = floor;
            while (j < n_rows && w->blocks[list[j]].y1 <= label->y0 + 1.0f)
                j++;
            /* ...or before the tight group of rows it is centred on ("Contact" beside the
             * e-mail, phone and web rows starts level with the second of them). */
            float height = label->y1 - label->y0;
            while (j > floor && j < n_rows) {
                const struct pf_layout_block *up = &w->blocks[list[j - 1]];
                const struct pf_layout_block *row = &w->blocks[list[j]];
                if (up->y0 < label->y0 - 1.5f * height || row->y0 - up->y1 > 0.6f * height)
                    break;
                j--;
            }
            before[k] = j;
            floor = j;
        }
        size_t next = 0;
        for (size_t j = 0; j <= n_rows; j++) {
            while (next < n_labels && before[next] == j) {
                w->blocks[labels[next]].flags |= PF_BLOCK_LABEL;
                push(main, w, labels[next++]);
            }
            if (j < n_rows)
                push(main, w, list[j]);
        }
        free(before);
        free(labels);
    } else {
        for (int c = 0; c < columns; c++) {
            size_t n = column_blocks(w, region, c, list, w->block_count);
            for (size_t k = 0; k < n; k++) {
                if (c == sidebar) {
                    w->blocks[list[k]].flags |= PF_BLOCK_SIDEBAR;
                    push(side, w, list[k]);
                    *has_sidebar = true;
                } else {
                    push(main, w, list[k]);
                }
            }
        }
    }
    free(list);
}

static struct pf_span_style style_of(const struct pf_layout_char *ch)
{
    struct pf_span_style style = PF_SPAN_STYLE_INIT;
    style.font = ch->font;
    style.size = roundf(ch->size * 10.0f) / 10.0f;
    style.flags = ch->flags;
    style.color = ch->color;
    style.link = ch->link;
    style.box.x0 = ch->x0;
    style.box.y0 = ch->y0;
    style.box.x1 = ch->x1;
    style.box.y1 = ch->y1;
    return style;
}

/* The first and last visible glyph of a line (SIZE_MAX when none). */
static void line_ends(const struct pf_layout_work *w, const struct pf_layout_line *line,
                      size_t *out_first, size_t *out_last)
{
    *out_first = SIZE_MAX;
    *out_last = SIZE_MAX;
    for (size_t k = 0; k < line->count; k++) {
        const struct pf_layout_seg *s = &w->segs[w->line_segs[line->first + k]];
        for (size_t i = s->first; i < s->first + s->count; i++) {
            if (pf_layout_is_space(w->page->chars[i].cp))
                continue;
            if (*out_first == SIZE_MAX)
                *out_first = i;
            *out_last = i;
        }
    }
}

/* Whether the line ends in a hyphen that splits a word continued on the next line. */
static bool hyphenated(const struct pf_layout_work *w, const struct pf_layout_line *line,
                       const struct pf_layout_line *next)
{
    if (next->bullet)
        return false;
    size_t first;
    size_t last;
    line_ends(w, line, &first, &last);
    size_t next_first;
    size_t next_last;
    line_ends(w, next, &next_first, &next_last);
    if (last == SIZE_MAX || next_first == SIZE_MAX || last == first)
        return false;
    const struct pf_layout_char *chars = w->page->chars;
    uint32_t end = chars[last].cp;
    if (!pf_layout_is_hyphen(end))
        return false;
    /* Odd hyphens come doubled ("-" U+00AD U+2010): look before the whole run. */
    size_t before = last;
    while (before > first && pf_layout_is_hyphen(chars[before].cp))
        before--;
    if (pf_layout_is_hyphen(chars[before].cp) || pf_layout_is_space(chars[before].cp))
        return false;
    if (end == 0xAD)
        return true;
    return pf_layout_is_lower(chars[before].cp) && pf_layout_is_lower(chars[next_first].cp);
}

/* Whether next holds the rest of an e-mail address or URL that line's last word started: a
 * narrow column wraps them anywhere ("richard.hendriks@mail.co" / "m"). */
static bool token_wrapped(const struct pf_layout_work *w, const struct pf_layout_block *block,
                          const struct pf_layout_line *line, const struct pf_layout_line *next)
{
    const struct pf_layout_char *chars = w->page->chars;
    if (next->bullet || next->count != 1 || line->x1 < block->x1 - 2.0f * line->size)
        return false;
    const struct pf_layout_seg *ns = &w->segs[w->line_segs[next->first]];
    bool started = false;
    for (size_t i = ns->first; i < ns->first + ns->count; i++) {
        if (pf_layout_is_blank(chars[i].cp))
            return false;
        if (!started && !pf_layout_is_space(chars[i].cp)) {
            uint32_t cp = chars[i].cp;
            if (!pf_layout_is_lower(cp) && !(cp >= '0' && cp <= '9') && cp != '.' && cp != '/')
                return false;
            started = true;
        }
    }
    const struct pf_layout_seg *ls = &w->segs[w->line_segs[line->first + line->count - 1]];
    size_t end = ls->first + ls->count;
    size_t start = end;
    while (start > ls->first && !pf_layout_is_blank(chars[start - 1].cp))
        start--;
    bool at = false;
    bool inner_dot = false;
    bool slash = false;
    for (size_t i = start; i < end; i++) {
        uint32_t cp = chars[i].cp;
        at = at || cp == '@';
        slash = slash || cp == '/';
        inner_dot = inner_dot || (cp == '.' && i > start && i + 1 < end);
    }
    uint32_t last = chars[end - 1].cp;
    bool closed = last == '.' || last == ',' || last == ';' || last == ')' || last == ':';
    return !closed && (at || slash || inner_dot);
}

struct emit_state {
    size_t skip_until; /* glyphs of the current line before this index are already out */
    bool drop_trailing_hyphens;
};

/* Emits the glyphs of one line (no line break). */
static void emit_line(struct pf_doc_builder *b, const struct pf_layout_work *w,
                      const struct pf_layout_line *line, bool strip_bullet,
                      const struct emit_state *state)
{
    const struct pf_layout_char *chars = w->page->chars;
    size_t first;
    size_t last;
    line_ends(w, line, &first, &last);
    size_t hyphen_run = SIZE_MAX;
    if (state->drop_trailing_hyphens && last != SIZE_MAX) {
        hyphen_run = last;
        while (hyphen_run > first && pf_layout_is_hyphen(chars[hyphen_run - 1].cp))
            hyphen_run--;
    }
    bool bullet_pending = strip_bullet && line->bullet;
    const struct pf_layout_char *prev = NULL;
    float prev_x1 = 0; /* right edge of prev and of the duplicates skipped after it */
    for (size_t k = 0; k < line->count; k++) {
        const struct pf_layout_seg *s = &w->segs[w->line_segs[line->first + k]];
        if (k > 0) {
            const struct pf_layout_seg *p = &w->segs[w->line_segs[line->first + k - 1]];
            float gap = s->x0 - p->x1;
            pf_builder_separator(b, gap > 1.2f * fminf(s->size, p->size) ? 2 : 1);
            prev = NULL;
        }
        for (size_t i = s->first; i < s->first + s->count; i++) {
            const struct pf_layout_char *ch = &chars[i];
            if (i < state->skip_until)
                continue;
            if (pf_layout_is_space(ch->cp)) {
                if (pf_layout_is_blank(ch->cp))
                    pf_builder_separator(b, 1);
                continue;
            }
            if (bullet_pending) {
                bullet_pending = false;
                continue;
            }
            if (hyphen_run != SIZE_MAX && i >= hyphen_run)
                break;
            if (prev) {
                float size = fmaxf(ch->size, prev->size);
                /* A glyph painted twice (fake bold) is one glyph; "-" U+00AD U+2010 is how
                 * some writers spell one hyphen. */
                if ((ch->cp == prev->cp && fabsf(ch->x0 - prev->x0) < 0.15f * size) ||
                    (pf_layout_is_hyphen(ch->cp) && pf_layout_is_hyphen(prev->cp))) {
                    prev_x1 = fmaxf(prev_x1, ch->x1);
                    continue;
                }
                if (ch->x0 - prev_x1 > 0.3f * size)
                    pf_builder_separator(b, 1);
            }
            struct pf_span_style style = style_of(ch);
            pf_builder_char(b, ch->cp, &style);
            prev = ch;
            prev_x1 = ch->x1;
        }
    }
}

/* Emits the first word of line (the rest of a hyphenated word) and returns the index of the
 * glyph after it. */
static size_t emit_first_word(struct pf_doc_builder *b, const struct pf_layout_work *w,
                              const struct pf_layout_line *line)
{
    const struct pf_layout_seg *s = &w->segs[w->line_segs[line->first]];
    const struct pf_layout_char *chars = w->page->chars;
    size_t i = s->first;
    size_t end = s->first + s->count;
    while (i < end && pf_layout_is_space(chars[i].cp))
        i++;
    const struct pf_layout_char *prev = NULL;
    for (; i < end; i++) {
        const struct pf_layout_char *ch = &chars[i];
        if (pf_layout_is_space(ch->cp))
            break;
        if (prev && ch->x0 - prev->x1 > 0.3f * fmaxf(ch->size, prev->size))
            break;
        struct pf_span_style style = style_of(ch);
        pf_builder_char(b, ch->cp, &style);
        prev = ch;
    }
    return i;
}

static void emit_block(struct pf_doc_builder *b, const struct pf_layout_work *w,
                       const struct pf_layout_block *block)
{
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.kind = block->bullet ? PF_BLOCK_LIST_ITEM : PF_BLOCK_PARAGRAPH;
    attrs.level = block->bullet ? 1 : 0;
    attrs.flags = block->flags;
    attrs.column = block->column;
    attrs.page = block->page;
    attrs.box.x0 = block->x0;
    attrs.box.y0 = block->y0;
    attrs.box.x1 = block->x1;
    attrs.box.y1 = block->y1;
    pf_builder_block_begin(b, &attrs);
    struct emit_state state = {0, false};
    for (size_t k = 0; k < block->count; k++) {
        const struct pf_layout_line *line = &w->lines[block->first + k];
        const struct pf_layout_line *next =
            k + 1 < block->count ? &w->lines[block->first + k + 1] : NULL;
        state.drop_trailing_hyphens = next && hyphenated(w, line, next);
        bool joined = state.drop_trailing_hyphens || (next && token_wrapped(w, block, line, next));
        emit_line(b, w, line, k == 0, &state);
        state.skip_until = 0;
        if (joined)
            state.skip_until = emit_first_word(b, w, next);
        pf_builder_line_break(b);
    }
    pf_builder_block_end(b);
}

pf_status pf_layout_emit(struct pf_doc_builder *b, struct pf_layout_page *pages, size_t page_count)
{
    struct pf_layout_work *works = pf_xcalloc(page_count + 1, sizeof(*works));
    struct order main = {NULL, 0, 0};
    struct order side = {NULL, 0, 0};
    bool has_sidebar = false;
    for (size_t p = 0; p < page_count && b->status == PF_OK; p++) {
        works[p].page = &pages[p];
        pf_layout_segments(&works[p]);
        if (pf_builder_check_time(b) != PF_OK)
            break;
    }
    if (b->status == PF_OK)
        pf_layout_drop_furniture(works, page_count);
    struct pf_layout_region hint;
    bool have_hint = false;
    for (size_t p = 0; p < page_count && b->status == PF_OK; p++) {
        struct pf_layout_work *w = &works[p];
        w->region_count =
            pf_layout_regions(w->segs, w->seg_count, have_hint ? &hint : NULL, w->regions);
        pf_layout_lines(w);
        pf_layout_blocks(w, (int)p);
        int columns = 1;
        for (size_t r = 0; r < w->region_count; r++) {
            columns = w->regions[r].columns > columns ? w->regions[r].columns : columns;
            order_region(w, (int)r, &main, &side, &has_sidebar);
        }
        have_hint = false;
        for (size_t r = 0; r < w->region_count; r++) {
            if (w->regions[r].columns == 2) {
                hint = w->regions[r];
                have_hint = true;
            }
        }
        if (p < b->doc->page_count)
            b->doc->pages[p].columns = columns;
        if (pf_builder_check_time(b) != PF_OK)
            break;
    }
    for (size_t i = 0; i < main.count && b->status == PF_OK; i++)
        emit_block(b, main.refs[i].work, &main.refs[i].work->blocks[main.refs[i].block]);
    for (size_t i = 0; i < side.count && b->status == PF_OK; i++)
        emit_block(b, side.refs[i].work, &side.refs[i].work->blocks[side.refs[i].block]);
    b->doc->has_sidebar = has_sidebar;
    for (size_t p = 0; p < page_count; p++)
        pf_layout_work_fini(&works[p]);
    free(works);
    free(main.refs);
    free(side.refs);
    return b->status;
}
