/* DOCX writer: the document model as WordprocessingML (document, styles with real heading
 * styles, numbering for bullet and numbered lists, hyperlink relationships, core properties),
 * zipped with libzip in memory. One flow: a sidebar's content comes first, as in the source. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "render/render_escape.h"
#include "render/render_int.h"

#define TWIPS_PER_POINT 20
#define LIST_INDENT     360 /* twips per list level */
/* Entries carry a fixed date so the same input always gives the same bytes. */
#define ZIP_MTIME ((time_t)1577836800) /* 2020-01-01 */

static const char xml_header[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
static const char ns_w[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char ns_r[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct docx {
    const struct pf_render_ctx *ctx;
    struct pf_buf document;
    struct pf_buf rels; /* word/_rels/document.xml.rels, open */
    struct pf_buf nums; /* <w:num> elements for numbering.xml */
    int next_rel;       /* next relationship id */
    int next_num;       /* next numbering instance id */
    uint32_t open_list; /* the ordered list whose w:num is current_num */
    int current_num;
};

static void xml_text(struct pf_buf *out, const char *text, size_t len)
{
    pf_escape_xml(out, pf_str_make(text, len));
}

static void attr_text(struct pf_buf *out, const char *text)
{
    pf_escape_xml(out, pf_str_from_cstr(text));
}

/* A run of text; "\n" inside becomes a line break. */
static void write_run(struct pf_buf *out, const struct pf_render_style *s,
                      const struct pf_doc_span *span, bool link)
{
    pf_buf_puts(out, "<w:r>");
    if (span->flags & (PF_DOC_BOLD | PF_DOC_ITALIC | PF_DOC_CODE_SPAN) || link) {
        pf_buf_puts(out, "<w:rPr>");
        if (link)
            pf_buf_puts(out, "<w:rStyle w:val=\"Hyperlink\"/>");
        if (span->flags & PF_DOC_CODE_SPAN) {
            pf_buf_puts(out, "<w:rFonts w:ascii=\"");
            attr_text(out, s->font_mono);
            pf_buf_puts(out, "\" w:hAnsi=\"");
            attr_text(out, s->font_mono);
            pf_buf_puts(out, "\"/>");
        }
        if (span->flags & PF_DOC_BOLD)
            pf_buf_puts(out, "<w:b/>");
        if (span->flags & PF_DOC_ITALIC)
            pf_buf_puts(out, "<w:i/>");
        pf_buf_puts(out, "</w:rPr>");
    }
    size_t start = 0;
    for (size_t i = 0; i <= span->len; i++) {
        if (i < span->len && span->text[i] != '\n')
            continue;
        if (i > start) {
            pf_buf_puts(out, "<w:t xml:space=\"preserve\">");
            xml_text(out, span->text + start, i - start);
            pf_buf_puts(out, "</w:t>");
        }
        if (i < span->len)
            pf_buf_puts(out, "<w:br/>");
        start = i + 1;
    }
    pf_buf_puts(out, "</w:r>");
}

/* A hyperlink's relationship; returns its id, or 0 when the URL is not allowed. */
static int add_link(struct docx *d, const char *href)
{
    struct pf_buf url = PF_BUF_INIT(8192);
    int id = 0;
    if (pf_escape_url(&url, pf_str_from_cstr(href)) && pf_buf_status(&url) == PF_OK) {
        id = d->next_rel++;
        pf_buf_printf(&d->rels, "<Relationship Id=\"rId%d\" Type=\"%s/hyperlink\" Target=\"", id,
                      ns_r);
        attr_text(&d->rels, pf_buf_cstr(&url));
        pf_buf_puts(&d->rels, "\" TargetMode=\"External\"/>\n");
    }
    pf_buf_fini(&url);
    return id;
}

static void write_spans(struct docx *d, const struct pf_doc_block *block)
{
    struct pf_buf *out = &d->document;
    for (size_t i = 0; i < block->span_count;) {
        const struct pf_doc_span *span = &block->spans[i];
        int rel = span->href ? add_link(d, span->href) : 0;
        if (!rel) {
            write_run(out, d->ctx->style, span, false);
            i++;
            continue;
        }
        pf_buf_printf(out, "<w:hyperlink r:id=\"rId%d\" w:history=\"1\">", rel);
        const char *href = span->href;
        while (i < block->span_count && block->spans[i].href == href)
            write_run(out, d->ctx->style, &block->spans[i++], true);
        pf_buf_puts(out, "</w:hyperlink>");
    }
}

/* The numbering instance for an item: one shared by all bullets, one per ordered list so each
 * restarts at its first number. */
static int num_for(struct docx *d, const struct pf_doc_block *block)
{
    if (!block->ordinal)
        return 1;
    if (d->open_list != block->list_id) {
        d->open_list = block->list_id;
        d->current_num = d->next_num++;
        pf_buf_printf(&d->nums,
                      "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"1\"/>"
                      "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride w:val=\"%d\"/>"
                      "</w:lvlOverride></w:num>\n",
                      d->current_num, block->level - 1, block->ordinal);
    }
    return d->current_num;
}

static void write_block(struct docx *d, const struct pf_doc_block *block)
{
    struct pf_buf *out = &d->document;
    int level = block->level > 9 ? 9 : block->level;
    switch ((enum pf_doc_block_type)block->type) {
    case PF_DOC_HEADING:
        pf_buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>",
                      block->level > 6 ? 6 : block->level);
        break;
    case PF_DOC_PARAGRAPH:
        if (block->quote)
            pf_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>");
        else
            pf_buf_puts(out, "<w:p>");
        break;
    case PF_DOC_ITEM:
        if (block->marker)
            pf_buf_printf(out,
                          "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr>"
                          "<w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/></w:numPr>"
                          "%s</w:pPr>",
                          level - 1, num_for(d, block),
                          block->tight ? "<w:spacing w:before=\"0\" w:after=\"0\"/>" : "");
        else
            pf_buf_printf(out,
                          "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>"
                          "<w:ind w:left=\"%d\"/></w:pPr>",
                          LIST_INDENT * (level + 1));
        break;
    case PF_DOC_CODE:
        pf_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"Code\"/></w:pPr>");
        break;
    case PF_DOC_RULE:
        pf_buf_puts(out, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" "
                         "w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>\n");
        return;
    case PF_DOC_PAGEBREAK:
        pf_buf_puts(out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
        return;
    }
    write_spans(d, block);
    pf_buf_puts(out, "</w:p>\n");
}

static void font_ref(struct pf_buf *out, const char *font)
{
    pf_buf_puts(out, "<w:rFonts w:ascii=\"");
    attr_text(out, font);
    pf_buf_puts(out, "\" w:hAnsi=\"");
    attr_text(out, font);
    pf_buf_puts(out, "\" w:cs=\"");
    attr_text(out, font);
    pf_buf_puts(out, "\" w:eastAsia=\"");
    attr_text(out, font);
    pf_buf_puts(out, "\"/>");
}

static int half_points(double size)
{
    return (int)(size * 2 + 0.5);
}

static void heading_style(struct pf_buf *out, const struct pf_render_style *s, int level,
                          double size, double before, double after, bool caps)
{
    pf_buf_printf(out,
                  "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\">"
                  "<w:name w:val=\"heading %d\"/><w:basedOn w:val=\"Normal\"/>"
                  "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
                  "<w:pPr><w:keepNext/><w:keepLines/>"
                  "<w:spacing w:before=\"%d\" w:after=\"%d\"/><w:outlineLvl w:val=\"%d\"/>",
                  level, level, (int)(before * TWIPS_PER_POINT), (int)(after * TWIPS_PER_POINT),
                  level - 1);
    if (level == 2 && s->h2_rule)
        pf_buf_printf(out,
                      "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
                      "w:color=\"%06X\"/></w:pBdr>",
                      (unsigned)s->color_accent);
    pf_buf_puts(out, "</w:pPr><w:rPr>");
    font_ref(out, s->font_heading);
    pf_buf_printf(out, "<w:b/>%s<w:color w:val=\"%06X\"/><w:sz w:val=\"%d\"/>",
                  caps ? "<w:caps/>" : "", (unsigned)s->color_heading, half_points(size));
    pf_buf_puts(out, "</w:rPr></w:style>\n");
}

static void write_styles(struct pf_buf *out, const struct pf_render_style *s)
{
    pf_buf_printf(out, "%s<w:styles xmlns:w=\"%s\">\n", xml_header, ns_w);
    pf_buf_puts(out, "<w:docDefaults><w:rPrDefault><w:rPr>");
    font_ref(out, s->font_body);
    pf_buf_printf(out, "<w:color w:val=\"%06X\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>",
                  (unsigned)s->color_text, half_points(s->size_body), half_points(s->size_body));
    pf_buf_printf(out,
                  "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
                  "<w:spacing w:after=\"%d\" w:line=\"%d\" w:lineRule=\"auto\"/>"
                  "</w:pPr></w:pPrDefault></w:docDefaults>\n",
                  (int)(s->paragraph_space * TWIPS_PER_POINT), (int)(240 * s->line_height / 1.16));
    pf_buf_puts(out, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                     "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>\n");
    heading_style(out, s, 1, s->size_h1, 0, 4, false);
    heading_style(out, s, 2, s->size_h2, 12, 5, s->h2_uppercase);
    heading_style(out, s, 3, s->size_h3, 8, 2, false);
    for (int level = 4; level <= 6; level++)
        heading_style(out, s, level, s->size_body, 6, 2, false);
    pf_buf_puts(out, "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\">"
                     "<w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>"
                     "<w:qFormat/><w:pPr><w:spacing w:after=\"40\"/>"
                     "<w:contextualSpacing/></w:pPr></w:style>\n");
    pf_buf_puts(out, "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>"
                     "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"360\"/></w:pPr>"
                     "<w:rPr><w:i/></w:rPr></w:style>\n");
    pf_buf_puts(out, "<w:style w:type=\"paragraph\" w:styleId=\"Code\"><w:name w:val=\"Code\"/>"
                     "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"240\"/></w:pPr><w:rPr>");
    font_ref(out, s->font_mono);
    pf_buf_printf(out, "<w:sz w:val=\"%d\"/></w:rPr></w:style>\n", half_points(s->size_small));
    pf_buf_printf(out,
                  "<w:style w:type=\"character\" w:styleId=\"Hyperlink\">"
                  "<w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"%06X\"/>"
                  "<w:u w:val=\"single\"/></w:rPr></w:style>\n",
                  (unsigned)s->color_link);
    pf_buf_puts(out, "</w:styles>\n");
}

static void write_numbering(struct pf_buf *out, const struct docx *d)
{
    static const char *const bullets[] = {"\u2022", "\u25e6", "\u25aa"};
    pf_buf_printf(out, "%s<w:numbering xmlns:w=\"%s\">\n", xml_header, ns_w);
    for (int abstract = 0; abstract < 2; abstract++) {
        pf_buf_printf(out,
                      "<w:abstractNum w:abstractNumId=\"%d\">"
                      "<w:multiLevelType w:val=\"hybridMultilevel\"/>",
                      abstract);
        for (int level = 0; level < 9; level++) {
            int indent = LIST_INDENT * (level + 1);
            if (abstract == 0)
                pf_buf_printf(out,
                              "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/>"
                              "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"%s\"/>",
                              level, bullets[level % 3]);
            else
                pf_buf_printf(out,
                              "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/>"
                              "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%%%d.\"/>",
                              level, level + 1);
            pf_buf_printf(out,
                          "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"%d\" "
                          "w:hanging=\"%d\"/></w:pPr></w:lvl>",
                          indent, LIST_INDENT);
        }
        pf_buf_puts(out, "</w:abstractNum>\n");
    }
    pf_buf_puts(out, "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\n");
    pf_buf_append_str(out, pf_buf_view(&d->nums));
    pf_buf_puts(out, "</w:numbering>\n");
}

static void write_document(struct pf_buf *out, const struct docx *d)
{
    const struct pf_render_style *s = d->ctx->style;
    pf_buf_printf(out, "%s<w:document xmlns:w=\"%s\" xmlns:r=\"%s\"><w:body>\n", xml_header, ns_w,
                  ns_r);
    pf_buf_append_str(out, pf_buf_view(&d->document));
    pf_buf_printf(
        out,
        "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" "
        "w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"708\" "
        "w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>\n</w:body></w:document>\n",
        (int)(s->page_width * TWIPS_PER_POINT + 0.5), (int)(s->page_height * TWIPS_PER_POINT + 0.5),
        (int)(s->margin_top * TWIPS_PER_POINT), (int)(s->margin_right * TWIPS_PER_POINT),
        (int)(s->margin_bottom * TWIPS_PER_POINT), (int)(s->margin_left * TWIPS_PER_POINT));
}

static void write_core(struct pf_buf *out, const struct pf_render_ctx *ctx)
{
    pf_buf_printf(out,
                  "%s<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
                  "2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                  "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
                  xml_header);
    pf_buf_puts(out, "<dc:title>");
    attr_text(out, ctx->title);
    pf_buf_puts(out, "</dc:title><dc:creator>");
    attr_text(out, ctx->author);
    pf_buf_puts(out, "</dc:creator></cp:coreProperties>\n");
}

struct part {
    const char *name;
    struct pf_buf buf;
};

/* Zips the parts in order into out ([Content_Types].xml first, as Word expects). */
static pf_status zip_parts(struct part *parts, size_t count, struct pf_buf *out,
                           struct pf_error *err)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    pf_status st = PF_OK;
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &zerr) : NULL;
    if (!za) {
        zip_source_free(src);
        st = pf_error_set(err, PF_E_INTERNAL, "libzip: %s", zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return st;
    }
    zip_source_keep(src);
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        zip_source_t *part = zip_source_buffer(za, parts[i].buf.ptr, parts[i].buf.len, 0);
        zip_int64_t index = part ? zip_file_add(za, parts[i].name, part, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            zip_source_free(part);
            st = pf_error_set(err, PF_E_INTERNAL, "libzip: %s", zip_strerror(za));
        } else {
            zip_file_set_mtime(za, (zip_uint64_t)index, ZIP_MTIME, 0);
        }
    }
    if (st != PF_OK) {
        zip_discard(za);
    } else if (zip_close(za) != 0) {
        st = pf_error_set(err, PF_E_INTERNAL, "libzip: %s", zip_strerror(za));
        zip_discard(za);
    }
    if (st == PF_OK && zip_source_open(src) == 0) {
        char chunk[16384];
        zip_int64_t n;
        while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
            pf_buf_append(out, chunk, (size_t)n);
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&zerr);
    return st;
}

pf_status pf_render_docx(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                         struct pf_buf *out, struct pf_error *err)
{
    struct docx d = {.ctx = ctx, .next_rel = 10, .next_num = 2};
    pf_buf_init(&d.document, out->max);
    pf_buf_init(&d.rels, out->max);
    pf_buf_init(&d.nums, out->max);
    for (size_t i = 0; i < doc->count; i++)
        write_block(&d, &doc->blocks[i]);
    struct part parts[] = {
        {"[Content_Types].xml", PF_BUF_INIT(out->max)},
        {"_rels/.rels", PF_BUF_INIT(out->max)},
        {"word/document.xml", PF_BUF_INIT(out->max)},
        {"word/_rels/document.xml.rels", PF_BUF_INIT(out->max)},
        {"word/styles.xml", PF_BUF_INIT(out->max)},
        {"word/numbering.xml", PF_BUF_INIT(out->max)},
        {"word/settings.xml", PF_BUF_INIT(out->max)},
        {"docProps/core.xml", PF_BUF_INIT(out->max)},
        {"docProps/app.xml", PF_BUF_INIT(out->max)},
    };
    const char *doc_type = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    pf_buf_printf(
        &parts[0].buf,
        "%s<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        "content-types\">\n"
        "<Default Extension=\"rels\" ContentType=\"application/"
        "vnd.openxmlformats-package.relationships+xml\"/>\n"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\n"
        "<Override PartName=\"/word/document.xml\" ContentType=\"%s.document.main+xml\"/>\n"
        "<Override PartName=\"/word/styles.xml\" ContentType=\"%s.styles+xml\"/>\n"
        "<Override PartName=\"/word/numbering.xml\" ContentType=\"%s.numbering+xml\"/>\n"
        "<Override PartName=\"/word/settings.xml\" ContentType=\"%s.settings+xml\"/>\n"
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
        "vnd.openxmlformats-package.core-properties+xml\"/>\n"
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.extended-properties+xml\"/>\n</Types>\n",
        xml_header, doc_type, doc_type, doc_type, doc_type);
    pf_buf_printf(&parts[1].buf,
                  "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                  "relationships\">\n"
                  "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" "
                  "Target=\"word/document.xml\"/>\n"
                  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/"
                  "2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\n"
                  "<Relationship Id=\"rId3\" Type=\"%s/extended-properties\" "
                  "Target=\"docProps/app.xml\"/>\n</Relationships>\n",
                  xml_header, ns_r, ns_r);
    write_document(&parts[2].buf, &d);
    pf_buf_printf(&parts[3].buf,
                  "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                  "relationships\">\n"
                  "<Relationship Id=\"rId1\" Type=\"%s/styles\" Target=\"styles.xml\"/>\n"
                  "<Relationship Id=\"rId2\" Type=\"%s/numbering\" Target=\"numbering.xml\"/>\n"
                  "<Relationship Id=\"rId3\" Type=\"%s/settings\" Target=\"settings.xml\"/>\n",
                  xml_header, ns_r, ns_r, ns_r);
    pf_buf_append_str(&parts[3].buf, pf_buf_view(&d.rels));
    pf_buf_puts(&parts[3].buf, "</Relationships>\n");
    write_styles(&parts[4].buf, ctx->style);
    write_numbering(&parts[5].buf, &d);
    pf_buf_printf(&parts[6].buf,
                  "%s<w:settings xmlns:w=\"%s\"><w:defaultTabStop w:val=\"720\"/>"
                  "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
                  "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
                  "</w:settings>\n",
                  xml_header, ns_w);
    write_core(&parts[7].buf, ctx);
    pf_buf_printf(&parts[8].buf,
                  "%s<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                  "extended-properties\"><Application>PersonaForge</Application></Properties>\n",
                  xml_header);
    pf_status st = PF_OK;
    for (size_t i = 0; i < PF_ARRAY_LEN(parts) && st == PF_OK; i++)
        if (pf_buf_status(&parts[i].buf) != PF_OK)
            st = pf_error_set_field(err, PF_E_TOO_BIG, "limit_render_output",
                                    "the DOCX is larger than the output limit");
    if (st == PF_OK)
        st = zip_parts(parts, PF_ARRAY_LEN(parts), out, err);
    for (size_t i = 0; i < PF_ARRAY_LEN(parts); i++)
        pf_buf_fini(&parts[i].buf);
    pf_buf_fini(&d.document);
    pf_buf_fini(&d.rels);
    pf_buf_fini(&d.nums);
    return st;
}
