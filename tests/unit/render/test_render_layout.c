/* Tests for render/render_layout.c: boxes and pagination (keep rules, widows, page limit). */
#include <cairo.h>
#include <string.h>

#include "harness.h"
#include "render/render_layout.h"
#include "render_test_util.h"

struct laid {
    struct rt_env env;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pango;
    struct pf_page_frame frame;
    struct pf_box *boxes;
    size_t count;
    int pages;
};

static pf_status lay_out(struct laid *l, const char *config, const char *md, uint32_t max_pages)
{
    rt_setup(&l->env, config, md);
    l->env.ctx.max_pages = max_pages;
    l->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    l->cr = cairo_create(l->surface);
    l->pango = pango_cairo_create_context(l->cr);
    pango_cairo_context_set_resolution(l->pango, 72.0);
    pf_layout_frame(&l->env.style, l->env.doc.has_sidebar, &l->frame);
    struct pf_error err = PF_ERROR_INIT;
    pf_status st =
        pf_layout_boxes(&l->env.ctx, l->pango, &l->env.doc, &l->frame, &l->boxes, &l->count, &err);
    if (st == PF_OK)
        st = pf_layout_paginate(&l->env.ctx, l->boxes, l->count, &l->frame, &l->pages, &err);
    return st;
}

static void release(struct laid *l)
{
    pf_layout_boxes_free(l->boxes, l->count);
    g_object_unref(l->pango);
    cairo_destroy(l->cr);
    cairo_surface_destroy(l->surface);
    rt_teardown(&l->env);
}

static void test_headings_stay_with_what_follows(void)
{
    struct pf_buf md = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 60; i++)
        pf_buf_printf(&md,
                      "### Role %d\n\n*2020 – 2021*\n\n- did a thing worth two lines of "
                      "text so that it wraps onto a second line in the column\n\n",
                      i);
    struct laid l = {0};
    PF_CHECK_STATUS(lay_out(&l, NULL, pf_buf_cstr(&md), 100), PF_OK);
    PF_CHECK(l.pages > 2);
    for (size_t i = 0; i + 1 < l.count; i++) {
        const struct pf_box *b = &l.boxes[i];
        if (!b->keep_with_next)
            continue;
        const struct pf_box *next = &l.boxes[i + 1];
        PF_CHECK_INT_EQ(b->lines[b->line_count - 1].page, next->lines[0].page);
        /* and the heading's entry shows at least two lines with it */
        const struct pf_box *after = &l.boxes[i + 2];
        if (next->line_count == 1 && i + 2 < l.count)
            PF_CHECK_INT_EQ(after->lines[0].page, next->lines[0].page);
    }
    release(&l);
    pf_buf_fini(&md);
}

static void test_long_paragraphs_keep_two_lines_each_side(void)
{
    struct pf_buf md = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 12; i++) {
        for (int w = 0; w < 120; w++)
            pf_buf_puts(&md, "word ");
        pf_buf_puts(&md, "\n\n");
    }
    struct laid l = {0};
    PF_CHECK_STATUS(lay_out(&l, NULL, pf_buf_cstr(&md), 100), PF_OK);
    for (size_t i = 0; i < l.count; i++) {
        const struct pf_box *b = &l.boxes[i];
        int first_page = b->lines[0].page;
        int on_first = 0;
        for (int k = 0; k < b->line_count; k++)
            on_first += b->lines[k].page == first_page;
        if (on_first < b->line_count) {
            PF_CHECK(on_first >= 2);
            PF_CHECK(b->line_count - on_first >= 2);
        }
        for (int k = 0; k < b->line_count; k++) {
            PF_CHECK(b->lines[k].y >= l.frame.top - 0.01);
            PF_CHECK(b->lines[k].y + b->lines[k].height <= l.frame.bottom + 0.01);
        }
    }
    release(&l);
    pf_buf_fini(&md);
}

static void test_page_limit(void)
{
    struct pf_buf md = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 50; i++)
        pf_buf_puts(&md, "page\n\n<!-- pf:pagebreak -->\n\n");
    struct laid l = {0};
    PF_CHECK_STATUS(lay_out(&l, NULL, pf_buf_cstr(&md), 10), PF_E_TOO_BIG);
    release(&l);
    pf_buf_fini(&md);
}

static void test_sidebar_flow_is_placed_separately(void)
{
    struct laid l = {0};
    PF_CHECK_STATUS(
        lay_out(&l, "{\"columns\": 2}",
                "<!-- pf:sidebar -->\n\n## Contact\n\nx\n\n<!-- pf:main -->\n\n# Name\n", 100),
        PF_OK);
    PF_CHECK(l.frame.two_columns);
    PF_CHECK(l.boxes[0].sidebar && !l.boxes[2].sidebar);
    PF_CHECK(l.boxes[0].x < l.boxes[2].x);
    /* Both flows start at the top of the first page. */
    PF_CHECK(l.boxes[0].lines[0].y == l.boxes[2].lines[0].y);
    release(&l);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_headings_stay_with_what_follows),
        PF_CASE(test_long_paragraphs_keep_two_lines_each_side),
        PF_CASE(test_page_limit),
        PF_CASE(test_sidebar_flow_is_placed_separately),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
