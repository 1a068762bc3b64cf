/* HTML writer: Markdown through cmark (safe mode) into one self-contained page, CSS generated
 * from the template's style inline, the sidebar flow in an <aside>. No remote assets. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_escape.h"
#include "render/render_int.h"

static void css_color(struct pf_buf *out, const char *prop, uint32_t color)
{
    pf_buf_printf(out, "%s:#%06x;", prop, (unsigned)color);
}

static void write_css(struct pf_buf *out, const struct pf_render_style *s, bool two_columns)
{
    pf_buf_printf(out, "@page{size:%s;margin:%.1fpt %.1fpt %.1fpt %.1fpt}\n", s->page_name,
                  s->margin_top, s->margin_right, s->margin_bottom, s->margin_left);
    pf_buf_printf(out, "html{font-family:\"%s\",sans-serif;font-size:%.1fpt;line-height:%.2f;",
                  s->font_body, s->size_body, s->line_height);
    css_color(out, "color", s->color_text);
    pf_buf_puts(out, "}\nbody{margin:0}\n");
    pf_buf_printf(out, ".pf-page{max-width:%.1fpt;margin:0 auto}\n",
                  s->page_width - s->margin_left - s->margin_right);
    pf_buf_printf(out, "@media screen{.pf-page{padding:%.1fpt %.1fpt}}\n", s->margin_top,
                  s->margin_left);
    pf_buf_printf(out, "h1,h2,h3,h4,h5,h6{font-family:\"%s\",sans-serif;", s->font_heading);
    css_color(out, "color", s->color_heading);
    pf_buf_puts(out, "break-after:avoid;page-break-after:avoid;line-height:1.2}\n");
    pf_buf_printf(out, "h1{font-size:%.1fpt;margin:0 0 4pt}\n", s->size_h1);
    pf_buf_printf(out, "h2{font-size:%.1fpt;margin:12pt 0 5pt;%s", s->size_h2,
                  s->h2_uppercase ? "text-transform:uppercase;letter-spacing:0.04em;" : "");
    if (s->h2_rule)
        pf_buf_printf(out, "border-bottom:0.75pt solid #%06x;padding-bottom:2pt;",
                      (unsigned)s->color_accent);
    pf_buf_puts(out, "}\n");
    pf_buf_printf(out, "h3{font-size:%.1fpt;margin:8pt 0 2pt}\n", s->size_h3);
    pf_buf_printf(out, "h4,h5,h6{font-size:%.1fpt;margin:6pt 0 2pt}\n", s->size_body);
    pf_buf_printf(out, "p{margin:0 0 %.1fpt}\n", s->paragraph_space);
    pf_buf_printf(out, "ul,ol{margin:0 0 %.1fpt;padding-left:14pt}\nli>p{margin:0}\n",
                  s->paragraph_space);
    pf_buf_puts(out, "a{text-decoration:none;");
    css_color(out, "color", s->color_link);
    pf_buf_puts(out, "}\nhr{border:0;");
    pf_buf_printf(out, "border-top:0.75pt solid #%06x;margin:8pt 0}\n", (unsigned)s->color_muted);
    pf_buf_printf(out, "code,pre{font-family:\"%s\",monospace;font-size:%.1fpt}\n", s->font_mono,
                  s->size_small);
    pf_buf_puts(out, "blockquote{margin:0 0 5pt;padding-left:8pt;");
    pf_buf_printf(out, "border-left:2pt solid #%06x}\n", (unsigned)s->color_accent);
    pf_buf_puts(out, ".pf-break{break-after:page;page-break-after:always}\n");
    if (two_columns) {
        double main_width =
            s->page_width - s->margin_left - s->margin_right - s->sidebar_width - s->gutter;
        pf_buf_printf(out, ".pf-cols{display:grid;grid-template-columns:%s;column-gap:%.1fpt}\n",
                      s->sidebar_right ? "1fr var(--pf-side)" : "var(--pf-side) 1fr", s->gutter);
        pf_buf_printf(out, ".pf-cols{--pf-side:%.1fpt}\n.pf-main{min-width:0;max-width:%.1fpt}\n",
                      s->sidebar_width, main_width);
        pf_buf_printf(out, ".pf-side{padding:8pt;font-size:%.1fpt;", s->size_small);
        css_color(out, "background", s->color_sidebar_bg);
        css_color(out, "color", s->color_sidebar_text);
        pf_buf_printf(out, "%s}\n", s->sidebar_right ? "order:2" : "");
        pf_buf_puts(out, ".pf-side h2{font-size:1.1em}\n");
    }
    pf_buf_puts(out, "@media print{a{color:inherit}}\n");
}

static bool is_directive(cmark_node *node, const char *name)
{
    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK)
        return false;
    struct pf_str text = pf_str_trim(pf_str_from_cstr(cmark_node_get_literal(node)));
    return pf_str_eq_cstr(text, name);
}

pf_status pf_render_html(const struct pf_render_ctx *ctx, struct pf_str markdown,
                         struct pf_buf *out, struct pf_error *err)
{
    (void)err;
    const struct pf_render_style *s = ctx->style;
    /* cmark's default is safe: raw HTML is omitted and javascript:/data: links are dropped. */
    int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    cmark_node *root =
        cmark_parse_document(markdown.ptr ? markdown.ptr : "", markdown.len, options);
    struct pf_buf main_html = PF_BUF_INIT(out->max);
    struct pf_buf side_html = PF_BUF_INIT(out->max);
    bool sidebar = false;
    bool has_sidebar = false;
    for (cmark_node *node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
        if (is_directive(node, "<!-- pf:sidebar -->")) {
            sidebar = true;
            has_sidebar = true;
            continue;
        }
        if (is_directive(node, "<!-- pf:main -->")) {
            sidebar = false;
            continue;
        }
        struct pf_buf *target = sidebar ? &side_html : &main_html;
        if (is_directive(node, "<!-- pf:pagebreak -->")) {
            pf_buf_puts(target, "<div class=\"pf-break\"></div>\n");
            continue;
        }
        if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
            continue;
        char *html = cmark_render_html(node, options);
        pf_buf_puts(target, html);
        free(html);
    }
    cmark_node_free(root);
    bool two_columns = has_sidebar && s->columns == 2;
    pf_buf_puts(out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    pf_buf_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    pf_buf_puts(out, "<title>");
    pf_escape_html(out, pf_str_from_cstr(ctx->title));
    pf_buf_puts(out, "</title>\n<meta name=\"author\" content=\"");
    pf_escape_html(out, pf_str_from_cstr(ctx->author));
    pf_buf_puts(out, "\">\n<meta name=\"generator\" content=\"PersonaForge\">\n<style>\n");
    write_css(out, s, two_columns);
    pf_buf_puts(out, "</style>\n</head>\n<body>\n<div class=\"pf-page\">\n");
    if (two_columns) {
        pf_buf_puts(out, "<div class=\"pf-cols\">\n<aside class=\"pf-side\">\n");
        pf_buf_append_str(out, pf_buf_view(&side_html));
        pf_buf_puts(out, "</aside>\n<main class=\"pf-main\">\n");
        pf_buf_append_str(out, pf_buf_view(&main_html));
        pf_buf_puts(out, "</main>\n</div>\n");
    } else {
        /* One column: the sidebar's content comes first, where a reader expects contacts. */
        pf_buf_append_str(out, pf_buf_view(&side_html));
        pf_buf_append_str(out, pf_buf_view(&main_html));
    }
    pf_buf_puts(out, "</div>\n</body>\n</html>\n");
    pf_buf_fini(&main_html);
    pf_buf_fini(&side_html);
    return PF_OK;
}
