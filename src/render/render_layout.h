/* The PDF writer's box model: the document's blocks as Pango layouts with spacing and keep
 * rules, broken into pages line by line (render_layout.c), then drawn (render_pdf.c). */
#ifndef PF_RENDER_RENDER_LAYOUT_H
#define PF_RENDER_RENDER_LAYOUT_H

#include <pango/pangocairo.h>

#include "render/render_int.h"

enum pf_box_kind {
    PF_BOX_TEXT,
    PF_BOX_RULE,  /* a horizontal line across the column */
    PF_BOX_BREAK, /* a forced page break */
};

/* A link: bytes [start, end) of the box's layout text lead to href. */
struct pf_box_link {
    int start, end;
    const char *href; /* arena; already checked by pf_escape_url */
};

/* One line of a laid-out box: where Pango put it and where the page break put it. */
struct pf_box_line {
    double top;      /* in the layout, points */
    double height;   /* points */
    double baseline; /* in the layout, points */
    double x;        /* logical x offset in the layout */
    int page;        /* 0-based, set by pagination */
    double y;        /* top of the line on its page */
};

struct pf_box {
    enum pf_box_kind kind;
    bool sidebar;
    PangoLayout *layout; /* TEXT: owned */
    PangoLayout *marker; /* a list item's bullet or number, owned, or NULL */
    double x, width;     /* the text's left edge and width on the page */
    double marker_right; /* where the marker ends */
    double space_before, space_after;
    bool keep_with_next; /* headings: not alone at the bottom of a page */
    uint32_t color;      /* text colour */
    bool rule_below;     /* second-level headings with a rule */
    double rule_gap;     /* between the text and the rule */
    uint32_t rule_color;
    double quote_bar_x; /* > 0: draw a block-quote bar at this x */
    struct pf_box_line *lines;
    int line_count;
    struct pf_box_link *links;
    size_t link_count;
    int rule_page; /* RULE: where it went */
    double rule_y;
};

/* The geometry of the page and its two flows. */
struct pf_page_frame {
    double top, bottom; /* the text area's vertical extent */
    double main_x, main_width;
    double side_x, side_width;           /* two columns only */
    double side_band_x, side_band_width; /* the sidebar's background, full page height */
    bool two_columns;
};

/* Computes the frame for style (two columns only when doc has a sidebar and the style asks). */
void pf_layout_frame(const struct pf_render_style *style, bool has_sidebar,
                     struct pf_page_frame *frame);

/* Builds one box per block with its Pango layout (measured, not yet placed). Boxes and lines
 * come from arena; layouts are released by pf_layout_boxes_free(). */
PF_MUST_CHECK pf_status pf_layout_boxes(const struct pf_render_ctx *ctx, PangoContext *pango,
                                        const struct pf_doc *doc, const struct pf_page_frame *frame,
                                        struct pf_box **out_boxes, size_t *out_count,
                                        struct pf_error *err);
void pf_layout_boxes_free(struct pf_box *boxes, size_t count);

/* Places every line of the main and sidebar flows on pages: headings stay with the two lines
 * after them, paragraphs of four or more lines keep two lines on each side of a break, shorter
 * ones move whole. *out_pages is the page count. PF_E_TOO_BIG past ctx->max_pages,
 * PF_E_TIMEOUT past the deadline. */
PF_MUST_CHECK pf_status pf_layout_paginate(const struct pf_render_ctx *ctx, struct pf_box *boxes,
                                           size_t count, const struct pf_page_frame *frame,
                                           int *out_pages, struct pf_error *err);

#endif
