/* Private to src/ingest/: geometric layout analysis of positioned glyphs (PDF), independent of
 * MuPDF so it can be unit-tested with synthetic pages. Segments -> columns -> lines -> blocks
 * -> reading order. */
#ifndef PF_INGEST_INGEST_LAYOUT_H
#define PF_INGEST_INGEST_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest_int.h"

/* One glyph as the PDF draws it. Coordinates in points, origin top-left, y downwards. */
struct pf_layout_char {
    uint32_t cp;          /* Unicode code point (0x20 for spaces the extractor inferred) */
    float x0, y0, x1, y1; /* glyph box */
    float baseline;       /* y of the glyph origin */
    float size;           /* font size in points */
    uint32_t font;        /* builder font index */
    uint32_t flags;       /* PF_SPAN_* */
    uint32_t color;       /* 0xRRGGBB */
    int32_t link;         /* builder link index, or -1 */
};

/* A run of glyphs the extractor put on one line, in drawing order. */
struct pf_layout_run {
    size_t first; /* index into chars */
    size_t count;
    bool horizontal; /* false for rotated text, kept as one segment */
};

/* One page of glyphs. Owned arrays; freed by pf_layout_page_fini(). */
struct pf_layout_page {
    float width, height;
    struct pf_layout_char *chars;
    size_t char_count, char_cap;
    struct pf_layout_run *runs;
    size_t run_count, run_cap;
    float image_area; /* square points covered by images */
};

void pf_layout_page_fini(struct pf_layout_page *page);
/* Appends a glyph to the current run (pf_layout_run_begin() opens one). */
void pf_layout_run_begin(struct pf_layout_page *page, bool horizontal);
void pf_layout_add_char(struct pf_layout_page *page, const struct pf_layout_char *ch);

/* A piece of one run without wide gaps: the unit of column detection. */
struct pf_layout_seg {
    size_t first; /* index of its first glyph in page->chars */
    size_t count; /* glyphs, inner spaces included */
    float x0, y0, x1, y1;
    float baseline;
    float size;   /* largest glyph size */
    int region;   /* set by pf_layout_regions(): band of the page, top to bottom */
    int column;   /* column in that region, left to right */
    bool dropped; /* page furniture (running header/footer, page number) */
};

/* A horizontal band of a page and its columns. */
struct pf_layout_region {
    float y0, y1;
    int columns;        /* 1..PF_LAYOUT_MAX_COLUMNS */
    float gutter[3][2]; /* x ranges between columns */
    bool from_hint;     /* columns taken over from the previous page */
    int sidebar;        /* column read as a sidebar, or -1 (set by the reading order) */
};

#define PF_LAYOUT_MAX_COLUMNS 4
#define PF_LAYOUT_MAX_REGIONS 32

/* Splits the page into bands and columns from the whitespace between segments: a column gutter
 * is an empty vertical strip that runs through a large part of the text with text on both
 * sides. hint (may be NULL) is the previous page's two-column band, tried when the page shows
 * no gutter by itself. Sets region/column of every segment not dropped and returns the
 * regions, sorted top to bottom (at most PF_LAYOUT_MAX_REGIONS). */
size_t pf_layout_regions(struct pf_layout_seg *segs, size_t count,
                         const struct pf_layout_region *hint, struct pf_layout_region *out_regions);

/* A line: segments on one baseline within one column, left to right. */
struct pf_layout_line {
    size_t first; /* index into the work's line_segs */
    size_t count; /* segments */
    float x0, y0, x1, y1;
    float baseline;
    float size;    /* largest glyph size */
    float text_x0; /* x of the text after a leading bullet */
    bool bold;     /* most glyphs bold */
    bool bullet;   /* starts with a bullet glyph */
    int region, column;
};

/* A block: consecutive lines of one column. */
struct pf_layout_block {
    int page;
    size_t first; /* index into the work's lines */
    size_t count; /* lines */
    float x0, y0, x1, y1;
    int region, column;
    uint32_t flags; /* PF_BLOCK_* */
    bool bullet;
};

/* The analysis of one page; all arrays owned (pf_layout_work_fini()). */
struct pf_layout_work {
    struct pf_layout_page *page; /* borrowed */
    struct pf_layout_seg *segs;
    size_t seg_count, seg_cap;
    struct pf_layout_region regions[PF_LAYOUT_MAX_REGIONS];
    size_t region_count;
    size_t *line_segs; /* segment indexes, grouped by line */
    size_t line_seg_count;
    struct pf_layout_line *lines; /* grouped by column, top to bottom within one */
    size_t line_count, line_cap;
    struct pf_layout_block *blocks;
    size_t block_count, block_cap;
};

void pf_layout_work_fini(struct pf_layout_work *w);
/* The steps, in order: segments of every page, then running headers/footers across pages, then
 * per page pf_layout_regions(), lines and blocks. */
void pf_layout_segments(struct pf_layout_work *w);
void pf_layout_drop_furniture(struct pf_layout_work *pages, size_t page_count);
void pf_layout_lines(struct pf_layout_work *w);
void pf_layout_blocks(struct pf_layout_work *w, int page_index);

/* Glyph classes used by the steps: is_space is anything without a visible glyph (whitespace,
 * invisible controls, icon-font glyphs), is_blank only whitespace. */
bool pf_layout_is_space(uint32_t cp);
bool pf_layout_is_blank(uint32_t cp);
bool pf_layout_is_bullet(uint32_t cp);
bool pf_layout_is_dash_bullet(uint32_t cp);
bool pf_layout_is_hyphen(uint32_t cp);
bool pf_layout_is_lower(uint32_t cp);

/* Lays out the pages and feeds the document builder in reading order: headers above, columns
 * (a left label grid interleaved with the rows it labels; a sidebar read after the main flow of
 * the whole document), repeated running headers/footers and page numbers dropped, ligatures,
 * odd hyphens and end-of-line hyphenation repaired. The builder's pages must already exist
 * (one pf_builder_page() per page, in order). */
PF_MUST_CHECK pf_status pf_layout_emit(struct pf_doc_builder *b, struct pf_layout_page *pages,
                                       size_t page_count);

#endif
