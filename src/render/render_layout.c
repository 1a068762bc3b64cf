/* The PDF box model: each document block becomes a measured Pango layout with its spacing and
 * keep rules, and pagination places the main and sidebar flows line by line. */
#include "render/render_layout.h"

#include <string.h>

#include "base/clock.h"
#include "render/render_case.h"
#include "render/render_escape.h"

#define INDENT_STEP      12.0 /* points per list level */
#define MARKER_GAP       4.0  /* between a marker and its text */
#define QUOTE_INDENT     10.0
#define TIGHT_ITEM_SPACE 1.5
#define MIN_SPLIT_LINES  2 /* lines kept on each side of a break in a paragraph */

static const double natural_line_ratio = 1.16; /* DejaVu/Liberation line height / size */

void pf_layout_frame(const struct pf_render_style *s, bool has_sidebar, struct pf_page_frame *frame)
{
    memset(frame, 0, sizeof(*frame));
    frame->top = s->margin_top;
    frame->bottom = s->page_height - s->margin_bottom;
    double left = s->margin_left;
    double width = s->page_width - s->margin_left - s->margin_right;
    frame->two_columns = has_sidebar && s->columns == 2;
    if (!frame->two_columns) {
        frame->main_x = left;
        frame->main_width = width;
        return;
    }
    /* The sidebar's background runs off the page edge; its text keeps a small padding. */
    double padding = 8.0;
    double main_width = width - s->sidebar_width - s->gutter;
    if (s->sidebar_right) {
        frame->main_x = left;
        frame->side_x = left + main_width + s->gutter + padding;
        frame->side_band_x = left + main_width + s->gutter;
        frame->side_band_width = s->page_width - frame->side_band_x;
    } else {
        frame->side_x = left + padding;
        frame->main_x = left + s->sidebar_width + s->gutter;
        frame->side_band_x = 0;
        frame->side_band_width = left + s->sidebar_width;
    }
    frame->main_width = main_width;
    frame->side_width = s->sidebar_width - 2 * padding;
}

static PangoAttribute *ranged(PangoAttribute *attr, int start, int end)
{
    attr->start_index = (guint)start;
    attr->end_index = (guint)end;
    return attr;
}

static PangoAttribute *color_attr(uint32_t color, int start, int end)
{
    return ranged(pango_attr_foreground_new((guint16)(((color >> 16) & 0xff) * 257),
                                            (guint16)(((color >> 8) & 0xff) * 257),
                                            (guint16)((color & 0xff) * 257)),
                  start, end);
}

struct text_style {
    const char *family;
    double size;
    bool bold;
    bool uppercase;
};

/* Fills the layout with the block's runs and attributes and records its links. */
static void fill_layout(const struct pf_render_ctx *ctx, PangoLayout *layout,
                        const struct pf_doc_block *block, const struct text_style *ts,
                        struct pf_box *box)
{
    const struct pf_render_style *s = ctx->style;
    struct pf_buf text = PF_BUF_INIT(SIZE_MAX);
    PangoAttrList *attrs = pango_attr_list_new();
    box->links = pf_arena_alloc(ctx->arena, (block->span_count + 1) * sizeof(*box->links));
    for (size_t i = 0; i < block->span_count; i++) {
        const struct pf_doc_span *span = &block->spans[i];
        int start = (int)text.len;
        /* Upper-cased here rather than with Pango's text-transform attribute, whose glyph
         * positions make extractors read letter gaps as word breaks ("Conta ct"). */
        if (ts->uppercase)
            pf_case_upper_utf8(&text, pf_str_make(span->text, span->len));
        else
            pf_buf_append(&text, span->text, span->len);
        int end = (int)text.len;
        if (span->flags & PF_DOC_BOLD)
            pango_attr_list_insert(attrs,
                                   ranged(pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end));
        if (span->flags & PF_DOC_ITALIC)
            pango_attr_list_insert(attrs,
                                   ranged(pango_attr_style_new(PANGO_STYLE_ITALIC), start, end));
        if (span->flags & PF_DOC_CODE_SPAN)
            pango_attr_list_insert(attrs, ranged(pango_attr_family_new(s->font_mono), start, end));
        struct pf_buf url = PF_BUF_INIT(8192);
        if (span->href && pf_escape_url(&url, pf_str_from_cstr(span->href)) &&
            pf_buf_status(&url) == PF_OK) {
            pango_attr_list_insert(attrs, color_attr(s->color_link, start, end));
            struct pf_box_link *link = &box->links[box->link_count++];
            link->start = start;
            link->end = end;
            link->href = pf_arena_strdup(ctx->arena, pf_buf_cstr(&url));
        }
        pf_buf_fini(&url);
    }
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, ts->family);
    pango_font_description_set_absolute_size(font, ts->size * PANGO_SCALE);
    pango_font_description_set_weight(font, ts->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, pf_buf_cstr(&text), (int)text.len);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    pf_buf_fini(&text);
}

static void measure(const struct pf_render_ctx *ctx, struct pf_box *box)
{
    box->line_count = pango_layout_get_line_count(box->layout);
    box->lines = pf_arena_alloc(ctx->arena, ((size_t)box->line_count + 1) * sizeof(*box->lines));
    PangoLayoutIter *iter = pango_layout_get_iter(box->layout);
    int i = 0;
    do {
        int y0, y1;
        PangoRectangle logical;
        pango_layout_iter_get_line_yrange(iter, &y0, &y1);
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        struct pf_box_line *line = &box->lines[i++];
        line->top = (double)y0 / PANGO_SCALE;
        line->height = (double)(y1 - y0) / PANGO_SCALE;
        line->baseline = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
        line->x = (double)logical.x / PANGO_SCALE;
    } while (i < box->line_count && pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
}

static PangoLayout *marker_layout(PangoContext *pango, const struct pf_render_style *s,
                                  const struct pf_doc_block *block, double size)
{
    char text[16];
    static const char *const bullets[] = {"\u2022", "\u25e6", "\u25aa"};
    if (block->ordinal)
        snprintf(text, sizeof(text), "%d.", block->ordinal);
    else
        snprintf(text, sizeof(text), "%s", bullets[(block->level - 1) % 3]);
    PangoLayout *layout = pango_layout_new(pango);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, s->font_body);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* In a two-column layout every sidebar line has one size and lines sit at most this many font
 * sizes apart, baseline to baseline: text extractors (poppler's pdftotext) then read the whole
 * sidebar of a page as one block, and never take sidebar and main blocks side by side for table
 * cells, which would interleave the columns. */
#define SIDEBAR_MAX_BASELINE_GAP 1.45
#define SIDEBAR_LINE_HEIGHT      1.2

/* Sets the type-dependent style, spacing and indentation of box for block. */
static void style_box(const struct pf_render_style *s, const struct pf_doc_block *block,
                      struct pf_box *box, struct text_style *ts, double *indent)
{
    bool side = block->sidebar;
    ts->family = s->font_body;
    ts->size = side ? s->size_small : s->size_body;
    box->color = side ? s->color_sidebar_text : s->color_text;
    box->space_after = s->paragraph_space;
    if (side) {
        /* One size, and spacing within SIDEBAR_MAX_BASELINE_GAP (see above): headings stand
         * out by weight, case and colour instead of size and space. */
        double room = (SIDEBAR_MAX_BASELINE_GAP - SIDEBAR_LINE_HEIGHT) * ts->size;
        box->space_before = block->type == PF_DOC_HEADING ? room : room / 3;
        box->space_after = 0;
        if (block->type == PF_DOC_HEADING) {
            ts->family = s->font_heading;
            ts->bold = true;
            ts->uppercase = s->h2_uppercase && block->level <= 2;
            box->color = s->color_heading;
            box->keep_with_next = true;
        }
        return;
    }
    switch ((enum pf_doc_block_type)block->type) {
    case PF_DOC_HEADING:
        ts->family = s->font_heading;
        ts->bold = true;
        box->color = s->color_heading;
        box->keep_with_next = true;
        if (block->level == 1) {
            ts->size = s->size_h1;
            box->space_before = 0;
            box->space_after = 4;
        } else if (block->level == 2) {
            ts->size = s->size_h2;
            ts->uppercase = s->h2_uppercase;
            box->space_before = 12;
            box->space_after = 5;
            box->rule_below = s->h2_rule;
            box->rule_gap = 2;
            box->rule_color = s->color_accent;
        } else {
            ts->size = block->level == 3 ? s->size_h3 : ts->size;
            box->space_before = 8;
            box->space_after = 2;
        }
        break;
    case PF_DOC_ITEM:
        *indent += INDENT_STEP * block->level;
        box->space_before = block->tight ? TIGHT_ITEM_SPACE : s->paragraph_space / 2;
        box->space_after = block->tight ? TIGHT_ITEM_SPACE : s->paragraph_space / 2;
        break;
    case PF_DOC_CODE:
        ts->family = s->font_mono;
        ts->size = s->size_small;
        *indent += 8;
        break;
    case PF_DOC_PARAGRAPH:
    case PF_DOC_RULE:
    case PF_DOC_PAGEBREAK:
        break;
    }
}

pf_status pf_layout_boxes(const struct pf_render_ctx *ctx, PangoContext *pango,
                          const struct pf_doc *doc, const struct pf_page_frame *frame,
                          struct pf_box **out_boxes, size_t *out_count, struct pf_error *err)
{
    const struct pf_render_style *s = ctx->style;
    struct pf_box *boxes = pf_arena_alloc(ctx->arena, (doc->count + 1) * sizeof(*boxes));
    size_t n = 0;
    double factor = s->line_height / natural_line_ratio;
    for (size_t i = 0; i < doc->count; i++) {
        const struct pf_doc_block *block = &doc->blocks[i];
        if (pf_monotonic_ns() > ctx->deadline_ns) {
            *out_boxes = boxes;
            *out_count = n;
            return pf_error_set_field(err, PF_E_TIMEOUT, "limit_template_ms",
                                      "the PDF takes longer than the time limit");
        }
        struct pf_box *box = &boxes[n++];
        memset(box, 0, sizeof(*box));
        bool side = block->sidebar && frame->two_columns;
        box->sidebar = side;
        double column_x = side ? frame->side_x : frame->main_x;
        double column_width = side ? frame->side_width : frame->main_width;
        box->x = column_x;
        box->width = column_width;
        if (block->type == PF_DOC_RULE) {
            box->kind = PF_BOX_RULE;
            box->space_before = box->space_after = 6;
            box->rule_color = s->color_muted;
            continue;
        }
        if (block->type == PF_DOC_PAGEBREAK) {
            box->kind = PF_BOX_BREAK;
            continue;
        }
        struct pf_doc_block local = *block;
        local.sidebar = side;
        struct text_style ts = {0};
        double indent = QUOTE_INDENT * block->quote;
        style_box(s, &local, box, &ts, &indent);
        if (block->quote)
            box->quote_bar_x = column_x + QUOTE_INDENT * block->quote - 6;
        if (indent > column_width / 2)
            indent = column_width / 2;
        box->x = column_x + indent;
        box->width = column_width - indent;
        box->layout = pango_layout_new(pango);
        pango_layout_set_width(box->layout, (int)(box->width * PANGO_SCALE));
        pango_layout_set_wrap(box->layout, PANGO_WRAP_WORD_CHAR);
        double spacing = side ? SIDEBAR_LINE_HEIGHT / natural_line_ratio : factor;
        if (spacing > 1.0)
            pango_layout_set_line_spacing(box->layout, (float)spacing);
        fill_layout(ctx, box->layout, &local, &ts, box);
        if (block->type == PF_DOC_ITEM && block->marker) {
            box->marker = marker_layout(pango, s, block, ts.size);
            box->marker_right = box->x - MARKER_GAP;
        } else if (block->type == PF_DOC_ITEM) {
            box->space_before = 2;
        }
        measure(ctx, box);
    }
    *out_boxes = boxes;
    *out_count = n;
    return PF_OK;
}

void pf_layout_boxes_free(struct pf_box *boxes, size_t count)
{
    for (size_t i = 0; boxes && i < count; i++) {
        if (boxes[i].layout)
            g_object_unref(boxes[i].layout);
        if (boxes[i].marker)
            g_object_unref(boxes[i].marker);
    }
}

static double lines_height(const struct pf_box *box, int count)
{
    if (count > box->line_count)
        count = box->line_count;
    double h = 0;
    for (int i = 0; i < count; i++)
        h += box->lines[i].height;
    return h;
}

static double box_height(const struct pf_box *box)
{
    if (box->kind == PF_BOX_RULE)
        return 1;
    return lines_height(box, box->line_count) + (box->rule_below ? box->rule_gap + 1 : 0);
}

/* The height a heading needs at the bottom of a page: itself, any headings chained to it, and
 * the first two lines of text after them, even when those span blocks (an entry's date line
 * and its first bullet). */
static double keep_height(const struct pf_box *boxes, size_t count, size_t at, bool sidebar)
{
    double need = box_height(&boxes[at]);
    double after = boxes[at].space_after;
    int lines_wanted = MIN_SPLIT_LINES;
    for (size_t j = at + 1; j < count && lines_wanted > 0; j++) {
        const struct pf_box *next = &boxes[j];
        if (next->sidebar != sidebar)
            continue;
        if (next->kind != PF_BOX_TEXT)
            break;
        double gap = after > next->space_before ? after : next->space_before;
        after = next->space_after;
        if (next->keep_with_next) {
            need += gap + box_height(next);
            continue;
        }
        int take = next->line_count < lines_wanted ? next->line_count : lines_wanted;
        need += gap + lines_height(next, take);
        lines_wanted -= take;
    }
    return need;
}

struct cursor {
    int page;
    double y;
    bool at_top;
};

static pf_status new_page(const struct pf_render_ctx *ctx, struct cursor *c,
                          const struct pf_page_frame *frame, struct pf_error *err)
{
    c->page++;
    c->y = frame->top;
    c->at_top = true;
    if ((uint32_t)c->page >= ctx->max_pages)
        return pf_error_set_field(err, PF_E_TOO_BIG, "limit_render_pages",
                                  "the PDF would have more than %u pages", ctx->max_pages);
    return PF_OK;
}

static pf_status place_text(const struct pf_render_ctx *ctx, struct pf_box *boxes, size_t count,
                            size_t i, const struct pf_page_frame *frame, struct cursor *c,
                            double gap, struct pf_error *err)
{
    struct pf_box *box = &boxes[i];
    int n = box->line_count;
    double need = box->keep_with_next        ? keep_height(boxes, count, i, box->sidebar)
                  : n >= 2 * MIN_SPLIT_LINES ? lines_height(box, MIN_SPLIT_LINES)
                                             : box_height(box);
    pf_status st = PF_OK;
    if (!c->at_top && c->y + gap + need > frame->bottom) {
        st = new_page(ctx, c, frame, err);
        gap = 0;
    }
    c->y += gap;
    for (int j = 0; j < n && st == PF_OK; j++) {
        struct pf_box_line *line = &box->lines[j];
        if (j > 0 && c->y + line->height > frame->bottom) {
            st = new_page(ctx, c, frame, err);
            /* No single last line at the top of a page: take one more along. */
            bool widow = n >= 2 * MIN_SPLIT_LINES && n - j < MIN_SPLIT_LINES && j > MIN_SPLIT_LINES;
            if (st == PF_OK && widow) {
                struct pf_box_line *prev = &box->lines[j - 1];
                prev->page = c->page;
                prev->y = c->y;
                c->y += prev->height;
            }
        }
        line->page = c->page;
        line->y = c->y;
        c->y += line->height;
        c->at_top = false;
    }
    if (box->rule_below)
        c->y += box->rule_gap + 1;
    return st;
}

static pf_status paginate_flow(const struct pf_render_ctx *ctx, struct pf_box *boxes, size_t count,
                               bool sidebar, const struct pf_page_frame *frame, int *out_pages,
                               struct pf_error *err)
{
    struct cursor c = {0, frame->top, true};
    double prev_after = 0;
    pf_status st = PF_OK;
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        struct pf_box *box = &boxes[i];
        if (box->sidebar != sidebar)
            continue;
        if (pf_monotonic_ns() > ctx->deadline_ns)
            return pf_error_set_field(err, PF_E_TIMEOUT, "limit_template_ms",
                                      "the PDF takes longer than the time limit");
        if (box->kind == PF_BOX_BREAK) {
            if (!c.at_top)
                st = new_page(ctx, &c, frame, err);
            prev_after = 0;
            continue;
        }
        double gap =
            c.at_top ? 0 : (prev_after > box->space_before ? prev_after : box->space_before);
        if (box->kind == PF_BOX_RULE) {
            if (!c.at_top && c.y + gap + 1 > frame->bottom) {
                st = new_page(ctx, &c, frame, err);
                gap = 0;
            }
            box->rule_page = c.page;
            box->rule_y = c.y + gap;
            c.y += gap + 1;
            c.at_top = false;
        } else {
            st = place_text(ctx, boxes, count, i, frame, &c, gap, err);
        }
        prev_after = box->space_after;
    }
    *out_pages = c.page + 1;
    return st;
}

pf_status pf_layout_paginate(const struct pf_render_ctx *ctx, struct pf_box *boxes, size_t count,
                             const struct pf_page_frame *frame, int *out_pages,
                             struct pf_error *err)
{
    int main_pages = 1;
    int side_pages = 1;
    pf_status st = paginate_flow(ctx, boxes, count, false, frame, &main_pages, err);
    if (st == PF_OK && frame->two_columns)
        st = paginate_flow(ctx, boxes, count, true, frame, &side_pages, err);
    *out_pages = main_pages > side_pages ? main_pages : side_pages;
    return st;
}
