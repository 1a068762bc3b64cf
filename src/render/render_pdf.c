/* PDF writer: the laid-out boxes drawn with Pango and Cairo into a PDF with embedded font
 * subsets, title/author metadata and clickable links. Per page the sidebar flow is drawn before
 * the main flow, so text extraction reads each column whole. */
#include <cairo-pdf.h>
#include <string.h>

#include "render/render_escape.h"
#include "render/render_layout.h"

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    struct pf_buf *out = closure;
    pf_buf_append(out, data, length);
    return pf_buf_status(out) == PF_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void set_color(cairo_t *cr, uint32_t color)
{
    cairo_set_source_rgb(cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                         (color & 0xff) / 255.0);
}

static void hline(cairo_t *cr, double x, double y, double width, uint32_t color)
{
    set_color(cr, color);
    cairo_set_line_width(cr, 0.75);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + width, y);
    cairo_stroke(cr);
}

/* One link tag per link and page, with a rectangle for each line it covers there. */
static void draw_links(cairo_t *cr, const struct pf_box *box, int page)
{
    for (size_t k = 0; k < box->link_count; k++) {
        const struct pf_box_link *link = &box->links[k];
        struct pf_buf attrs = PF_BUF_INIT(16384);
        pf_buf_puts(&attrs, "rect=[");
        bool any = false;
        GSList *lines = pango_layout_get_lines_readonly(box->layout);
        for (int i = 0; lines && i < box->line_count; i++, lines = lines->next) {
            const struct pf_box_line *pos = &box->lines[i];
            PangoLayoutLine *line = lines->data;
            int start = link->start > line->start_index ? link->start : line->start_index;
            int line_end = line->start_index + line->length;
            int end = link->end < line_end ? link->end : line_end;
            if (pos->page != page || start >= end)
                continue;
            int x0, x1;
            pango_layout_line_index_to_x(line, start, 0, &x0);
            pango_layout_line_index_to_x(line, end, 0, &x1);
            if (x1 <= x0)
                continue;
            pf_buf_printf(&attrs, "%s%.2f %.2f %.2f %.2f", any ? " " : "",
                          box->x + pos->x + (double)x0 / PANGO_SCALE, pos->y,
                          (double)(x1 - x0) / PANGO_SCALE, pos->height);
            any = true;
        }
        pf_buf_puts(&attrs, "] uri='");
        pf_escape_cairo_string(&attrs, pf_str_from_cstr(link->href));
        pf_buf_putc(&attrs, '\'');
        if (any && pf_buf_status(&attrs) == PF_OK) {
            cairo_tag_begin(cr, CAIRO_TAG_LINK, pf_buf_cstr(&attrs));
            cairo_tag_end(cr, CAIRO_TAG_LINK);
        }
        pf_buf_fini(&attrs);
    }
}

static void draw_text_box(cairo_t *cr, const struct pf_box *box, int page)
{
    GSList *lines = pango_layout_get_lines_readonly(box->layout);
    bool drawn = false;
    const struct pf_box_line *last = NULL;
    for (int i = 0; lines && i < box->line_count; i++, lines = lines->next) {
        const struct pf_box_line *pos = &box->lines[i];
        if (pos->page != page)
            continue;
        double baseline = pos->y + (pos->baseline - pos->top);
        if (i == 0 && box->marker) {
            int width;
            pango_layout_get_pixel_size(box->marker, &width, NULL);
            PangoLayoutLine *marker = pango_layout_get_line_readonly(box->marker, 0);
            set_color(cr, box->color);
            cairo_move_to(cr, box->marker_right - width, baseline);
            pango_cairo_show_layout_line(cr, marker);
        }
        set_color(cr, box->color);
        cairo_move_to(cr, box->x + pos->x, baseline);
        pango_cairo_show_layout_line(cr, lines->data);
        if (box->quote_bar_x > 0) {
            set_color(cr, box->rule_color ? box->rule_color : 0x999999);
            cairo_set_line_width(cr, 1.5);
            cairo_move_to(cr, box->quote_bar_x, pos->y);
            cairo_line_to(cr, box->quote_bar_x, pos->y + pos->height);
            cairo_stroke(cr);
        }
        drawn = true;
        last = pos;
    }
    if (!drawn)
        return;
    if (box->rule_below && last == &box->lines[box->line_count - 1])
        hline(cr, box->x, last->y + last->height + box->rule_gap, box->width, box->rule_color);
    draw_links(cr, box, page);
}

static void draw_flow(cairo_t *cr, const struct pf_box *boxes, size_t count, bool sidebar, int page)
{
    for (size_t i = 0; i < count; i++) {
        const struct pf_box *box = &boxes[i];
        if (box->sidebar != sidebar)
            continue;
        if (box->kind == PF_BOX_RULE && box->rule_page == page)
            hline(cr, box->x, box->rule_y, box->width, box->rule_color);
        else if (box->kind == PF_BOX_TEXT)
            draw_text_box(cr, box, page);
    }
}

static PangoContext *new_pango_context(cairo_t *cr)
{
    PangoContext *pango = pango_cairo_create_context(cr);
    /* Cairo's PDF units are points: lay text out at 72 dpi, unhinted, so widths measured are
     * the widths drawn. */
    pango_cairo_context_set_resolution(pango, 72.0);
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango, options);
    cairo_font_options_destroy(options);
    return pango;
}

pf_status pf_render_pdf(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                        struct pf_buf *out, struct pf_error *err)
{
    const struct pf_render_style *s = ctx->style;
    struct pf_box *boxes = NULL;
    size_t count = 0;
    int pages = 1;
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(write_to_buf, out, s->page_width, s->page_height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ctx->title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, ctx->author);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "PersonaForge");
    cairo_t *cr = cairo_create(surface);
    PangoContext *pango = new_pango_context(cr);
    struct pf_page_frame frame;
    pf_layout_frame(s, doc->has_sidebar, &frame);
    pf_status st = pf_layout_boxes(ctx, pango, doc, &frame, &boxes, &count, err);
    if (st == PF_OK)
        st = pf_layout_paginate(ctx, boxes, count, &frame, &pages, err);
    for (int page = 0; st == PF_OK && page < pages; page++) {
        if (frame.two_columns) {
            set_color(cr, s->color_sidebar_bg);
            cairo_rectangle(cr, frame.side_band_x, 0, frame.side_band_width, s->page_height);
            cairo_fill(cr);
            draw_flow(cr, boxes, count, true, page);
        }
        draw_flow(cr, boxes, count, false, page);
        cairo_show_page(cr);
    }
    pf_layout_boxes_free(boxes, count);
    g_object_unref(pango);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t cs = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st == PF_OK && pf_buf_status(out) != PF_OK)
        st = pf_error_set_field(err, PF_E_TOO_BIG, "limit_render_output",
                                "the PDF is larger than the output limit");
    if (st == PF_OK && cs != CAIRO_STATUS_SUCCESS)
        st = pf_error_set(err, PF_E_INTERNAL, "cairo: %s", cairo_status_to_string(cs));
    return st;
}
