/* Internal interfaces of the render module: the style a template's config describes, the
 * document model Markdown is turned into, and the writers that consume it. */
#ifndef PF_RENDER_RENDER_INT_H
#define PF_RENDER_RENDER_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/status.h"
#include "render/jinja/jinja.h"
#include "render/render.h"

#define PF_STYLE_FONT_MAX 64

/* What a template's config JSON sets (docs/internals/RENDER.md lists the keys). Lengths are in
 * PostScript points (1/72 inch); colours are 0xRRGGBB. */
struct pf_render_style {
    double page_width, page_height;
    double margin_top, margin_right, margin_bottom, margin_left;
    char font_body[PF_STYLE_FONT_MAX];
    char font_heading[PF_STYLE_FONT_MAX];
    char font_mono[PF_STYLE_FONT_MAX];
    double size_body, size_small, size_h1, size_h2, size_h3;
    double line_height;     /* multiple of the font size */
    double paragraph_space; /* after a paragraph */
    uint32_t color_text, color_heading, color_accent, color_link, color_muted;
    uint32_t color_sidebar_bg, color_sidebar_text;
    int columns;          /* 1, or 2 for a sidebar layout */
    bool sidebar_right;   /* the sidebar's side when columns == 2 */
    double sidebar_width; /* including its padding */
    double gutter;        /* between sidebar and main column */
    bool h2_uppercase;
    bool h2_rule;       /* a rule under second-level headings */
    bool jinja_text;    /* jinja engine: writes text, not HTML */
    char page_name[16]; /* "A4" or "Letter", for CSS */
};

/* Fills style from config (NULL: defaults). PF_E_TEMPLATE naming the bad key. */
PF_MUST_CHECK pf_status pf_render_style_parse(const json_t *config, struct pf_render_style *style,
                                              struct pf_error *err);

/* The document model: Markdown flattened into blocks of styled text runs, split into a main
 * flow and an optional sidebar flow by `<!-- pf:sidebar -->` / `<!-- pf:main -->` lines. */
enum pf_doc_block_type {
    PF_DOC_HEADING,
    PF_DOC_PARAGRAPH,
    PF_DOC_ITEM, /* a paragraph inside a list item */
    PF_DOC_CODE,
    PF_DOC_RULE,
    PF_DOC_PAGEBREAK,
};

#define PF_DOC_BOLD      0x01
#define PF_DOC_ITALIC    0x02
#define PF_DOC_CODE_SPAN 0x04
#define PF_DOC_LINK      0x08

struct pf_doc_span {
    uint8_t flags;    /* PF_DOC_* */
    const char *text; /* arena, NUL-terminated UTF-8; "\n" for a hard line break */
    size_t len;
    const char *href; /* PF_DOC_LINK: the destination (arena), else NULL */
};

struct pf_doc_block {
    uint8_t type;     /* enum pf_doc_block_type */
    uint8_t level;    /* heading level 1-6; list nesting depth from 1 for items */
    uint8_t quote;    /* block quote nesting */
    bool sidebar;     /* in the sidebar flow */
    bool marker;      /* ITEM: the first paragraph of its item, which shows the marker */
    bool tight;       /* ITEM: in a tight list (no space between items) */
    int ordinal;      /* ITEM in an ordered list: its number; 0 for bullets */
    uint32_t list_id; /* ITEM: which list, 1, 2... in document order */
    uint32_t root_list; /* ITEM: the outermost list holding it */
    struct pf_doc_span *spans;
    size_t span_count;
};

struct pf_doc {
    struct pf_doc_block *blocks; /* arena */
    size_t count;
    bool has_sidebar;
};

/* Parses Markdown (CommonMark, raw HTML dropped) into doc, allocating from arena. */
PF_MUST_CHECK pf_status pf_doc_parse(struct pf_arena *arena, struct pf_str markdown,
                                     struct pf_doc *doc, struct pf_error *err);
/* The text of a block's spans concatenated (arena). */
char *pf_doc_block_text(struct pf_arena *arena, const struct pf_doc_block *block);

/* What every writer gets. */
struct pf_render_ctx {
    const struct pf_render_style *style;
    const char *title;  /* never NULL */
    const char *author; /* never NULL */
    int64_t deadline_ns;
    uint32_t max_pages;
    struct pf_arena *arena; /* scratch for this render */
};

/* Markdown to a self-contained HTML page (CSS inline, no remote assets). */
PF_MUST_CHECK pf_status pf_render_html(const struct pf_render_ctx *ctx, struct pf_str markdown,
                                       struct pf_buf *out, struct pf_error *err);
/* The document model to a PDF typeset with Pango and Cairo. */
PF_MUST_CHECK pf_status pf_render_pdf(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                                      struct pf_buf *out, struct pf_error *err);
/* The document model to a DOCX (WordprocessingML in a zip). */
PF_MUST_CHECK pf_status pf_render_docx(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                                       struct pf_buf *out, struct pf_error *err);
/* The document model to plain, ATS-friendly text. */
PF_MUST_CHECK pf_status pf_render_txt(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                                      struct pf_buf *out, struct pf_error *err);

/* The loader for built-in templates and their partials (render_builtin.c). */
pf_status pf_render_builtin_loader(void *ctx, struct pf_str name, struct pf_str *out_source,
                                   struct pf_error *err);

#endif
