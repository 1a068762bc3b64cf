/* The DOCX reader: word/document.xml streamed with xmlTextReader into blocks (paragraph styles,
 * lists, tables cell by cell, text boxes where anchored), runs with their formatting,
 * hyperlinks from the relationships, headers first and footers last. Content that Word stores
 * twice (mc:AlternateContent) is read once, from the Choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_docx.h"
#include "ingest/ingest_xml.h"

#define MAX_TABLE_DEPTH  16
#define MAX_BOX_DEPTH    8
#define MAX_FIELD_DEPTH  8
#define MAX_HEADER_PARTS 16

struct para {
    bool open;  /* inside a w:p */
    bool begun; /* its block was begun in the builder */
    char style[PF_DOCX_NAME];
    int num_id; /* -1: from the style */
    int ilvl;
    int outline;
};

struct table {
    int id;
    int row;
    int col;
    int next_col;
    int span;
};

struct field {
    bool in_code; /* between begin and separate */
    char code[512];
    size_t code_len;
    int32_t link;
};

struct walker {
    struct pf_doc_builder *b;
    const struct pf_docx_parts *parts;
    enum pf_block_region region;
    struct para para;
    struct para saved[MAX_BOX_DEPTH]; /* paragraphs around open text boxes */
    int boxes;
    struct table tables[MAX_TABLE_DEPTH];
    int table_depth;
    int table_count; /* tables numbered across the document */
    bool in_ppr, in_rpr, in_run, in_t, in_tcpr, in_instr;
    struct pf_span_style run;
    bool run_caps;
    int32_t link;
    int32_t saved_link;
    struct field fields[MAX_FIELD_DEPTH];
    int field_depth;
};

static void begin_block(struct walker *w)
{
    struct pf_docx_resolved style;
    pf_docx_style_resolve(w->parts, w->para.style, &style);
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.region = w->boxes > 0 && w->region == PF_REGION_BODY ? PF_REGION_TEXT_BOX : w->region;
    attrs.kind = style.kind;
    attrs.level = style.level;
    if (style.numbered)
        attrs.flags |= PF_BLOCK_NUMBERED;
    int num_id = w->para.num_id >= 0 ? w->para.num_id : style.num_id;
    int ilvl = w->para.ilvl >= 0 ? w->para.ilvl : style.ilvl;
    if (w->para.outline >= 0 && w->para.outline < 9 && attrs.kind == PF_BLOCK_PARAGRAPH) {
        attrs.kind = PF_BLOCK_HEADING;
        attrs.level = w->para.outline + 1;
    }
    if (num_id > 0 && attrs.kind == PF_BLOCK_PARAGRAPH) {
        attrs.kind = PF_BLOCK_LIST_ITEM;
        attrs.level = ilvl + 1;
        if (pf_docx_list_numbered(w->parts, num_id, ilvl))
            attrs.flags |= PF_BLOCK_NUMBERED;
    }
    if (w->table_depth > 0) {
        const struct table *t = &w->tables[w->table_depth - 1];
        attrs.table = t->id;
        attrs.row = t->row < 0 ? 0 : t->row;
        attrs.col = t->col < 0 ? 0 : t->col;
        if (attrs.kind == PF_BLOCK_PARAGRAPH)
            attrs.kind = PF_BLOCK_TABLE_CELL;
    }
    pf_builder_block_begin(w->b, &attrs);
    w->para.begun = true;
}

static void ensure_block(struct walker *w)
{
    if (!w->para.begun)
        begin_block(w);
}

/* A run starts from its paragraph style's character settings. */
static void start_run(struct walker *w)
{
    struct pf_docx_resolved style;
    pf_docx_style_resolve(w->parts, w->para.style, &style);
    struct pf_span_style run = PF_SPAN_STYLE_INIT;
    run.flags = (style.bold ? PF_SPAN_BOLD : 0) | (style.italic ? PF_SPAN_ITALIC : 0) |
                (style.small_caps ? PF_SPAN_SMALL_CAPS : 0);
    run.size = (float)style.size_half / 2.0f;
    run.font = pf_builder_font(w->b, style.font, strlen(style.font));
    run.link = w->link;
    for (int i = w->field_depth - 1; i >= 0 && run.link < 0; i--)
        run.link = w->fields[i].link;
    w->run = run;
    w->run_caps = style.caps;
}

static void apply_char_style(struct walker *w, const char *id)
{
    struct pf_docx_resolved style;
    pf_docx_style_resolve(w->parts, id, &style);
    if (style.bold)
        w->run.flags |= PF_SPAN_BOLD;
    if (style.italic)
        w->run.flags |= PF_SPAN_ITALIC;
    if (style.caps)
        w->run_caps = true;
}

static void set_flag(struct walker *w, uint32_t flag, bool on)
{
    if (on)
        w->run.flags |= flag;
    else
        w->run.flags &= ~flag;
}

/* HYPERLINK "url" field codes carry links in documents that do not use w:hyperlink. */
static int32_t field_link(struct walker *w, const struct field *f)
{
    struct pf_str code = pf_str_trim(pf_str_make(f->code, f->code_len));
    if (!pf_str_starts_with(code, PF_STR("HYPERLINK")))
        return -1;
    long open = pf_str_find_char(code, '"');
    if (open < 0)
        return -1;
    struct pf_str rest = pf_str_slice(code, (size_t)open + 1, code.len);
    long close = pf_str_find_char(rest, '"');
    if (close <= 0)
        return -1;
    struct pf_str url = pf_str_slice(rest, 0, (size_t)close);
    if (pf_str_find_char(url, ':') < 0)
        return -1;
    return pf_builder_link(w->b, url.ptr, url.len);
}

static void put_text(struct walker *w, const char *text)
{
    ensure_block(w);
    if (!w->run_caps) {
        pf_builder_text(w->b, pf_str_from_cstr(text), &w->run, PF_TEXT_FLOW);
        return;
    }
    /* w:caps shows lower case as capitals: keep what the reader sees (ASCII only). */
    char chunk[256];
    size_t n = 0;
    for (const char *p = text;; p++) {
        if (*p == '\0' || n == sizeof(chunk)) {
            pf_builder_text(w->b, pf_str_make(chunk, n), &w->run, PF_TEXT_FLOW);
            n = 0;
            if (*p == '\0')
                break;
        }
        chunk[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    }
}

static void end_para(struct walker *w)
{
    if (w->para.begun)
        pf_builder_block_end(w->b);
    memset(&w->para, 0, sizeof(w->para));
}

static void start_para(struct walker *w)
{
    if (w->para.begun)
        pf_builder_block_end(w->b);
    memset(&w->para, 0, sizeof(w->para));
    w->para.open = true;
    w->para.num_id = -1;
    w->para.ilvl = -1;
    w->para.outline = -1;
}

static int to_int(const char *text, int fallback)
{
    int64_t value;
    if (!pf_parse_i64(pf_str_trim(pf_str_from_cstr(text)), -1000000, 1000000, &value))
        return fallback;
    return (int)value;
}

/* Handles a w: start tag. Returns 0 to go on, 1 when the subtree must be skipped. */
static int on_element(struct walker *w, struct pf_xml *x, const char *local, bool empty)
{
    char value[2048];
    bool has = pf_xml_attr(x, PF_NS_W, "val", value, sizeof(value));
    if (strcmp(local, "p") == 0) {
        start_para(w);
        if (empty)
            end_para(w);
    } else if (strcmp(local, "pPr") == 0) {
        w->in_ppr = !empty;
    } else if (strcmp(local, "rPr") == 0) {
        if (w->in_ppr)
            return 1; /* the paragraph mark's formatting */
        w->in_rpr = !empty;
    } else if (w->in_ppr) {
        if (strcmp(local, "pStyle") == 0 && has) {
            size_t len = strnlen(value, sizeof(w->para.style) - 1);
            memcpy(w->para.style, value, len);
            w->para.style[len] = '\0';
        } else if (strcmp(local, "numId") == 0 && has) {
            w->para.num_id = to_int(value, -1);
        } else if (strcmp(local, "ilvl") == 0 && has) {
            w->para.ilvl = to_int(value, -1);
        } else if (strcmp(local, "outlineLvl") == 0 && has) {
            w->para.outline = to_int(value, -1);
        } else if (strcmp(local, "sectPr") == 0) {
            return 1;
        }
    } else if (strcmp(local, "r") == 0) {
        start_run(w);
        w->in_run = !empty;
    } else if (w->in_rpr) {
        if (strcmp(local, "b") == 0)
            set_flag(w, PF_SPAN_BOLD, pf_docx_on(value, has));
        else if (strcmp(local, "i") == 0)
            set_flag(w, PF_SPAN_ITALIC, pf_docx_on(value, has));
        else if (strcmp(local, "smallCaps") == 0)
            set_flag(w, PF_SPAN_SMALL_CAPS, pf_docx_on(value, has));
        else if (strcmp(local, "caps") == 0)
            w->run_caps = pf_docx_on(value, has);
        else if (strcmp(local, "u") == 0)
            set_flag(w, PF_SPAN_UNDERLINE, pf_docx_on(value, has));
        else if (strcmp(local, "sz") == 0 && has)
            w->run.size = (float)to_int(value, 0) / 2.0f;
        else if (strcmp(local, "vertAlign") == 0 && has) {
            set_flag(w, PF_SPAN_SUPERSCRIPT, strcmp(value, "superscript") == 0);
            set_flag(w, PF_SPAN_SUBSCRIPT, strcmp(value, "subscript") == 0);
        } else if (strcmp(local, "rStyle") == 0 && has)
            apply_char_style(w, value);
        else if (strcmp(local, "rFonts") == 0 &&
                 pf_xml_attr(x, PF_NS_W, "ascii", value, sizeof(value)))
            w->run.font = pf_builder_font(w->b, value, strlen(value));
    } else if (strcmp(local, "t") == 0) {
        w->in_t = !empty;
    } else if (strcmp(local, "tab") == 0 || strcmp(local, "ptab") == 0) {
        if (w->in_run) {
            ensure_block(w);
            pf_builder_separator(w->b, 2);
        }
    } else if (strcmp(local, "br") == 0 || strcmp(local, "cr") == 0) {
        if (w->in_run && w->para.begun)
            pf_builder_line_break(w->b);
    } else if (strcmp(local, "noBreakHyphen") == 0) {
        put_text(w, "-");
    } else if (strcmp(local, "instrText") == 0) {
        w->in_instr = !empty;
    } else if (strcmp(local, "fldChar") == 0) {
        char kind[32];
        if (!pf_xml_attr(x, PF_NS_W, "fldCharType", kind, sizeof(kind)))
            kind[0] = '\0';
        if (strcmp(kind, "begin") == 0 && w->field_depth < MAX_FIELD_DEPTH) {
            struct field *f = &w->fields[w->field_depth++];
            memset(f, 0, sizeof(*f));
            f->in_code = true;
            f->link = -1;
        } else if (strcmp(kind, "separate") == 0 && w->field_depth > 0) {
            struct field *f = &w->fields[w->field_depth - 1];
            f->in_code = false;
            f->link = field_link(w, f);
            if (w->in_run && w->run.link < 0)
                w->run.link = f->link;
        } else if (strcmp(kind, "end") == 0 && w->field_depth > 0) {
            w->field_depth--;
        }
    } else if (strcmp(local, "hyperlink") == 0) {
        w->saved_link = w->link;
        if (pf_xml_attr(x, PF_NS_R, "id", value, sizeof(value))) {
            const struct pf_docx_rel *rel = pf_docx_rel_find(w->parts, value);
            if (rel && rel->kind == PF_REL_HYPERLINK)
                w->link = pf_builder_link(w->b, rel->target, strlen(rel->target));
        }
        if (empty)
            w->link = w->saved_link;
    } else if (strcmp(local, "tbl") == 0 && !empty) {
        if (w->para.begun) {
            pf_builder_block_end(w->b);
            w->para.begun = false;
        }
        if (w->table_depth < MAX_TABLE_DEPTH) {
            struct table *t = &w->tables[w->table_depth++];
            t->id = w->table_count++;
            t->row = -1;
            t->col = -1;
            t->next_col = 0;
            t->span = 1;
        }
    } else if (strcmp(local, "tr") == 0 && w->table_depth > 0) {
        struct table *t = &w->tables[w->table_depth - 1];
        t->row++;
        t->next_col = 0;
    } else if (strcmp(local, "tc") == 0 && w->table_depth > 0) {
        struct table *t = &w->tables[w->table_depth - 1];
        t->col = t->next_col;
        t->span = 1;
    } else if (strcmp(local, "tcPr") == 0) {
        w->in_tcpr = !empty;
    } else if (strcmp(local, "gridSpan") == 0 && w->in_tcpr && w->table_depth > 0 && has) {
        int span = to_int(value, 1);
        w->tables[w->table_depth - 1].span = span > 0 && span < 64 ? span : 1;
    } else if (strcmp(local, "txbxContent") == 0 && !empty) {
        /* A text box inside a paragraph: its paragraphs are blocks of their own, read where
         * the box is anchored; the anchoring paragraph resumes afterwards. */
        if (w->para.begun)
            pf_builder_block_end(w->b);
        w->para.begun = false;
        if (w->boxes < MAX_BOX_DEPTH)
            w->saved[w->boxes] = w->para;
        w->boxes++;
        memset(&w->para, 0, sizeof(w->para));
    } else if (strcmp(local, "del") == 0 || strcmp(local, "delText") == 0 ||
               strcmp(local, "moveFrom") == 0 || strcmp(local, "sdtPr") == 0 ||
               strcmp(local, "sdtEndPr") == 0 || strcmp(local, "sym") == 0 ||
               strcmp(local, "footnoteReference") == 0 || strcmp(local, "sectPr") == 0 ||
               strcmp(local, "commentReference") == 0 || strcmp(local, "object") == 0) {
        return 1;
    }
    return 0;
}

static void on_end(struct walker *w, const char *local)
{
    if (strcmp(local, "p") == 0) {
        end_para(w);
    } else if (strcmp(local, "pPr") == 0) {
        w->in_ppr = false;
    } else if (strcmp(local, "rPr") == 0) {
        w->in_rpr = false;
    } else if (strcmp(local, "r") == 0) {
        w->in_run = false;
    } else if (strcmp(local, "t") == 0) {
        w->in_t = false;
    } else if (strcmp(local, "instrText") == 0) {
        w->in_instr = false;
    } else if (strcmp(local, "hyperlink") == 0) {
        w->link = w->saved_link;
    } else if (strcmp(local, "tcPr") == 0) {
        w->in_tcpr = false;
    } else if (strcmp(local, "tc") == 0 && w->table_depth > 0) {
        struct table *t = &w->tables[w->table_depth - 1];
        if (w->para.begun) {
            pf_builder_block_end(w->b);
            w->para.begun = false;
        }
        t->next_col = t->col + t->span;
    } else if (strcmp(local, "tbl") == 0 && w->table_depth > 0) {
        if (w->para.begun) {
            pf_builder_block_end(w->b);
            w->para.begun = false;
        }
        w->table_depth--;
    } else if (strcmp(local, "txbxContent") == 0 && w->boxes > 0) {
        end_para(w);
        w->boxes--;
        if (w->boxes < MAX_BOX_DEPTH)
            w->para = w->saved[w->boxes];
        w->para.begun = false;
    }
}

static void on_text(struct walker *w, const char *text)
{
    if (w->in_instr && w->field_depth > 0) {
        struct field *f = &w->fields[w->field_depth - 1];
        size_t len = strlen(text);
        if (len > sizeof(f->code) - 1 - f->code_len)
            len = sizeof(f->code) - 1 - f->code_len;
        memcpy(f->code + f->code_len, text, len);
        f->code_len += len;
        return;
    }
    if (!w->in_t)
        return;
    for (int i = 0; i < w->field_depth; i++)
        if (w->fields[i].in_code)
            return;
    put_text(w, text);
}

/* Streams one story part (document, header or footer) into the builder. */
static pf_status read_story(struct pf_doc_builder *b, struct pf_zip *zip,
                            const struct pf_docx_parts *parts, const char *name,
                            enum pf_block_region region, int *table_count, bool *out_found)
{
    struct walker *w = pf_xcalloc(1, sizeof(*w));
    w->b = b;
    w->parts = parts;
    w->region = region;
    w->link = -1;
    w->saved_link = -1;
    w->table_count = *table_count;
    struct pf_xml x;
    pf_status st = pf_xml_open(&x, b, zip, name, out_found);
    if (st != PF_OK || !*out_found)
        goto done;
    int rc;
    while ((rc = pf_xml_read(&x)) == 1) {
        int type = pf_xml_type(&x);
        if (type == PF_XML_ELEMENT) {
            const char *local = pf_xml_local(&x);
            const char *ns = pf_xml_ns(&x);
            size_t nslen = strlen(ns);
            bool is_mc =
                nslen >= strlen(PF_NS_MC) && strcmp(ns + nslen - strlen(PF_NS_MC), PF_NS_MC) == 0;
            /* Word writes a drawing twice (DrawingML in Choice, VML in Fallback). */
            if (is_mc && strcmp(local, "Fallback") == 0) {
                rc = pf_xml_skip(&x);
                if (rc < 0)
                    break;
                continue;
            }
            if (!pf_xml_is(&x, PF_NS_W, local) &&
                !pf_xml_is(&x, "ooxml/wordprocessingml/main", local))
                continue;
            if (on_element(w, &x, local, pf_xml_is_empty(&x))) {
                rc = pf_xml_skip(&x);
                if (rc < 0)
                    break;
            }
        } else if (type == PF_XML_END_ELEMENT) {
            if (pf_xml_is(&x, PF_NS_W, pf_xml_local(&x)) ||
                pf_xml_is(&x, "ooxml/wordprocessingml/main", pf_xml_local(&x)))
                on_end(w, pf_xml_local(&x));
        } else if (type == PF_XML_TEXT || type == PF_XML_SIGNIFICANT_WHITESPACE ||
                   type == PF_XML_WHITESPACE || type == PF_XML_CDATA) {
            on_text(w, pf_xml_value(&x));
        }
        if (b->status != PF_OK)
            break;
    }
    if (rc < 0 || b->status != PF_OK)
        st = b->status;
    if (w->para.begun)
        pf_builder_block_end(b);
    *table_count = w->table_count;
done:
    pf_xml_close(&x);
    free(w);
    return st;
}

static int cmp_targets(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Header or footer parts, in part-name order, each read once. */
static pf_status read_margins(struct pf_doc_builder *b, struct pf_zip *zip,
                              const struct pf_docx_parts *parts, enum pf_docx_rel_kind kind,
                              int *table_count)
{
    char *names[MAX_HEADER_PARTS];
    size_t count = 0;
    for (size_t i = 0; i < parts->rel_count && count < MAX_HEADER_PARTS; i++) {
        const struct pf_docx_rel *rel = &parts->rels[i];
        if (rel->kind != kind || rel->external || strstr(rel->target, ".."))
            continue;
        const char *target = rel->target[0] == '/' ? rel->target + 1 : rel->target;
        size_t len = strlen(target) + 8;
        names[count] = pf_xmalloc(len);
        snprintf(names[count], len, "%s%s", rel->target[0] == '/' ? "" : "word/", target);
        count++;
    }
    qsort(names, count, sizeof(*names), cmp_targets);
    pf_status st = PF_OK;
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
            continue;
        bool found;
        st = read_story(b, zip, parts, names[i],
                        kind == PF_REL_HEADER ? PF_REGION_HEADER : PF_REGION_FOOTER, table_count,
                        &found);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    return st;
}

pf_status pf_ingest_read_docx(struct pf_doc_builder *b, struct pf_str bytes)
{
    /* A password-protected OOXML file is an OLE container around an encrypted package. */
    if (bytes.len >= 8 && memcmp(bytes.ptr, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
        if (pf_str_find(bytes, pf_str_make(name, sizeof(name) - 1)) >= 0)
            return pf_builder_fail(b, PF_E_ENCRYPTED, NULL, "the document is password-protected");
        return pf_builder_fail(b, PF_E_FORMAT, NULL,
                               "legacy Word (.doc) files are not supported; save as DOCX");
    }
    struct pf_zip *zip = NULL;
    struct pf_docx_parts parts;
    memset(&parts, 0, sizeof(parts));
    int tables = 0;
    bool found = false;
    pf_status st = pf_zip_open(b, bytes, &zip);
    if (st != PF_OK)
        goto done;
    if (!pf_zip_has(zip, "word/document.xml")) {
        st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "the DOCX has no word/document.xml");
        goto done;
    }
    pf_builder_page(b, 0, 0);
    st = pf_docx_read_rels(b, zip, &parts);
    if (st == PF_OK)
        st = pf_docx_read_styles(b, zip, &parts);
    if (st == PF_OK)
        st = pf_docx_read_numbering(b, zip, &parts);
    if (st == PF_OK)
        st = pf_docx_read_properties(b, zip);
    if (st == PF_OK)
        st = read_margins(b, zip, &parts, PF_REL_HEADER, &tables);
    if (st == PF_OK)
        st = read_story(b, zip, &parts, "word/document.xml", PF_REGION_BODY, &tables, &found);
    if (st == PF_OK)
        st = read_margins(b, zip, &parts, PF_REL_FOOTER, &tables);
done:
    pf_docx_parts_fini(&parts);
    pf_zip_close(zip);
    return st;
}
