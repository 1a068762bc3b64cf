/* The ODT reader: content.xml streamed into blocks (text:h outline levels, heading and title
 * styles, lists, tables, frames), spans with their automatic styles, links; master-page
 * headers first and footers last (styles.xml); properties from meta.xml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_xml.h"

#define NS_TEXT   "opendocument:xmlns:text:1.0"
#define NS_TABLE  "opendocument:xmlns:table:1.0"
#define NS_STYLE  "opendocument:xmlns:style:1.0"
#define NS_FO     "xmlns:xsl-fo-compatible:1.0"
#define NS_OFFICE "opendocument:xmlns:office:1.0"
#define NS_DRAW   "opendocument:xmlns:drawing:1.0"
#define NS_XLINK  "1999/xlink"

#define NAME_MAX_       96
#define MAX_STYLES      8192
#define MAX_DEPTH_STACK 32

struct odt_style {
    char name[NAME_MAX_];
    char parent[NAME_MAX_];
    int outline; /* default-outline-level, 0 = none */
    bool title;
    signed char bold, italic, small_caps, upper;
    float size;
};

struct odt_table {
    int id, row, col, next_col, span;
};

struct odt {
    struct pf_doc_builder *b;
    struct odt_style *styles;
    size_t style_count, style_cap;
    bool sorted;
    enum pf_block_region region;
    /* the paragraph being read */
    bool in_para;
    bool begun;
    struct pf_block_attrs attrs;
    struct pf_block_attrs saved[MAX_DEPTH_STACK]; /* paragraphs around open frames */
    bool saved_in_para[MAX_DEPTH_STACK];
    int frames;
    int list_depth;
    struct odt_table tables[MAX_DEPTH_STACK];
    int table_depth;
    int table_count;
    struct pf_span_style span[MAX_DEPTH_STACK]; /* span style stack */
    bool span_upper[MAX_DEPTH_STACK];
    int span_depth;
    struct odt_style cur; /* the style:style being read */
    bool in_style;
};

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const struct odt_style *)a)->name, ((const struct odt_style *)b)->name);
}

static const struct odt_style *style_find(struct odt *o, const char *name)
{
    if (!name[0] || o->style_count == 0)
        return NULL;
    if (!o->sorted) {
        qsort(o->styles, o->style_count, sizeof(*o->styles), cmp_style);
        o->sorted = true;
    }
    struct odt_style key;
    snprintf(key.name, sizeof(key.name), "%s", name);
    return bsearch(&key, o->styles, o->style_count, sizeof(*o->styles), cmp_style);
}

/* Follows parent styles (bounded: a cycle stops). */
static void resolve(struct odt *o, const char *name, struct odt_style *out)
{
    memset(out, 0, sizeof(*out));
    out->bold = out->italic = out->small_caps = out->upper = -1;
    const struct odt_style *s = style_find(o, name);
    for (int depth = 0; s && depth < 12; depth++) {
        out->outline = out->outline ? out->outline : s->outline;
        out->title = out->title || s->title;
        out->bold = out->bold < 0 ? s->bold : out->bold;
        out->italic = out->italic < 0 ? s->italic : out->italic;
        out->small_caps = out->small_caps < 0 ? s->small_caps : out->small_caps;
        out->upper = out->upper < 0 ? s->upper : out->upper;
        out->size = out->size > 0 ? out->size : s->size;
        s = style_find(o, s->parent);
    }
}

static bool attr(struct pf_xml *x, const char *ns, const char *local, char *out, size_t cap)
{
    return pf_xml_attr(x, ns, local, out, cap);
}

static int to_int(const char *text, int fallback)
{
    int64_t value;
    if (!pf_parse_i64(pf_str_trim(pf_str_from_cstr(text)), -100000, 100000, &value))
        return fallback;
    return (int)value;
}

static void style_element(struct odt *o, struct pf_xml *x, const char *local)
{
    char value[NAME_MAX_];
    if (strcmp(local, "style") == 0 && pf_xml_is(x, NS_STYLE, local)) {
        memset(&o->cur, 0, sizeof(o->cur));
        o->cur.bold = o->cur.italic = o->cur.small_caps = o->cur.upper = -1;
        if (!attr(x, NS_STYLE, "name", o->cur.name, sizeof(o->cur.name)))
            return;
        attr(x, NS_STYLE, "parent-style-name", o->cur.parent, sizeof(o->cur.parent));
        if (attr(x, NS_STYLE, "default-outline-level", value, sizeof(value)))
            o->cur.outline = to_int(value, 0);
        if (attr(x, NS_STYLE, "display-name", value, sizeof(value)) ||
            attr(x, NS_STYLE, "name", value, sizeof(value)))
            o->cur.title = strcmp(value, "Title") == 0;
        o->in_style = !pf_xml_is_empty(x);
        if (!o->in_style && o->style_count < MAX_STYLES) {
            if (o->style_count == o->style_cap) {
                o->style_cap = o->style_cap ? o->style_cap * 2 : 64;
                o->styles = pf_xrealloc(o->styles, o->style_cap * sizeof(*o->styles));
            }
            o->styles[o->style_count++] = o->cur;
            o->sorted = false;
        }
        return;
    }
    if (o->in_style && strcmp(local, "text-properties") == 0) {
        if (attr(x, NS_FO, "font-weight", value, sizeof(value)))
            o->cur.bold = strcmp(value, "bold") == 0 || to_int(value, 400) >= 600;
        if (attr(x, NS_FO, "font-style", value, sizeof(value)))
            o->cur.italic = strcmp(value, "italic") == 0 || strcmp(value, "oblique") == 0;
        if (attr(x, NS_FO, "font-variant", value, sizeof(value)))
            o->cur.small_caps = strcmp(value, "small-caps") == 0;
        if (attr(x, NS_FO, "text-transform", value, sizeof(value)))
            o->cur.upper = strcmp(value, "uppercase") == 0;
        if (attr(x, NS_FO, "font-size", value, sizeof(value))) {
            char *end = NULL;
            double size = strtod(value, &end);
            if (end && strcmp(end, "pt") == 0 && size > 0 && size < 1000)
                o->cur.size = (float)size;
        }
    }
}

static void style_end(struct odt *o, struct pf_xml *x)
{
    if (o->in_style && pf_xml_is(x, NS_STYLE, "style")) {
        o->in_style = false;
        if (o->style_count < MAX_STYLES) {
            if (o->style_count == o->style_cap) {
                o->style_cap = o->style_cap ? o->style_cap * 2 : 64;
                o->styles = pf_xrealloc(o->styles, o->style_cap * sizeof(*o->styles));
            }
            o->styles[o->style_count++] = o->cur;
            o->sorted = false;
        }
    }
}

static void push_span(struct odt *o, const char *style_name, int32_t link)
{
    if (o->span_depth + 1 >= MAX_DEPTH_STACK) {
        o->span_depth++;
        return;
    }
    struct pf_span_style next = o->span[o->span_depth];
    bool upper = o->span_upper[o->span_depth];
    if (style_name) {
        struct odt_style s;
        resolve(o, style_name, &s);
        if (s.bold >= 0)
            next.flags = s.bold ? next.flags | PF_SPAN_BOLD : next.flags & ~PF_SPAN_BOLD;
        if (s.italic >= 0)
            next.flags = s.italic ? next.flags | PF_SPAN_ITALIC : next.flags & ~PF_SPAN_ITALIC;
        if (s.small_caps >= 0)
            next.flags =
                s.small_caps ? next.flags | PF_SPAN_SMALL_CAPS : next.flags & ~PF_SPAN_SMALL_CAPS;
        if (s.upper >= 0)
            upper = s.upper;
        if (s.size > 0)
            next.size = s.size;
    }
    if (link >= 0)
        next.link = link;
    o->span_depth++;
    o->span[o->span_depth] = next;
    o->span_upper[o->span_depth] = upper;
}

static void pop_span(struct odt *o)
{
    if (o->span_depth > 0)
        o->span_depth--;
}

static void begin_para(struct odt *o, struct pf_xml *x, bool heading)
{
    char name[NAME_MAX_];
    if (!attr(x, NS_TEXT, "style-name", name, sizeof(name)))
        name[0] = '\0';
    struct odt_style s;
    resolve(o, name, &s);
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.region = o->frames > 0 && o->region == PF_REGION_BODY ? PF_REGION_TEXT_BOX : o->region;
    char value[32];
    if (heading) {
        attrs.kind = PF_BLOCK_HEADING;
        attrs.level = attr(x, NS_TEXT, "outline-level", value, sizeof(value))
                          ? to_int(value, 1)
                          : (s.outline ? s.outline : 1);
        if (attrs.level < 1 || attrs.level > 9)
            attrs.level = 1;
    } else if (s.title) {
        attrs.kind = PF_BLOCK_TITLE;
    } else if (s.outline > 0 && s.outline <= 9) {
        attrs.kind = PF_BLOCK_HEADING;
        attrs.level = s.outline;
    } else if (o->list_depth > 0) {
        attrs.kind = PF_BLOCK_LIST_ITEM;
        attrs.level = o->list_depth;
    }
    if (o->table_depth > 0) {
        const struct odt_table *t = &o->tables[o->table_depth - 1];
        attrs.table = t->id;
        attrs.row = t->row < 0 ? 0 : t->row;
        attrs.col = t->col < 0 ? 0 : t->col;
        if (attrs.kind == PF_BLOCK_PARAGRAPH)
            attrs.kind = PF_BLOCK_TABLE_CELL;
    }
    o->attrs = attrs;
    o->in_para = true;
    o->begun = false;
    o->span_depth = 0;
    memset(&o->span[0], 0, sizeof(o->span[0]));
    o->span[0].link = -1;
    o->span_upper[0] = false;
    push_span(o, name, -1);
}

static void ensure(struct odt *o)
{
    if (!o->begun) {
        pf_builder_block_begin(o->b, &o->attrs);
        o->begun = true;
    }
}

static void end_para(struct odt *o)
{
    if (o->begun)
        pf_builder_block_end(o->b);
    o->begun = false;
    o->in_para = false;
}

static void put_text(struct odt *o, const char *text)
{
    if (!o->in_para)
        return;
    ensure(o);
    const struct pf_span_style *style =
        &o->span[o->span_depth < MAX_DEPTH_STACK ? o->span_depth : MAX_DEPTH_STACK - 1];
    bool upper =
        o->span_upper[o->span_depth < MAX_DEPTH_STACK ? o->span_depth : MAX_DEPTH_STACK - 1];
    if (!upper) {
        pf_builder_text(o->b, pf_str_from_cstr(text), style, PF_TEXT_FLOW);
        return;
    }
    for (const char *p = text; *p; p++) {
        char ch = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        pf_builder_text(o->b, pf_str_make(&ch, 1), style, PF_TEXT_FLOW);
    }
}

/* Returns 1 when the element's subtree must be skipped. */
static int body_element(struct odt *o, struct pf_xml *x, const char *local, bool empty)
{
    char value[2048];
    if (pf_xml_is(x, NS_TEXT, local)) {
        if (strcmp(local, "p") == 0 || strcmp(local, "h") == 0) {
            if (o->in_para && o->begun)
                pf_builder_block_end(o->b);
            begin_para(o, x, local[0] == 'h');
            if (empty)
                end_para(o);
        } else if (strcmp(local, "list") == 0 && !empty) {
            o->list_depth++;
        } else if (strcmp(local, "span") == 0 && !empty) {
            push_span(o, attr(x, NS_TEXT, "style-name", value, sizeof(value)) ? value : NULL, -1);
        } else if (strcmp(local, "a") == 0 && !empty) {
            int32_t link = attr(x, NS_XLINK, "href", value, sizeof(value))
                               ? pf_builder_link(o->b, value, strlen(value))
                               : -1;
            push_span(o, NULL, link);
        } else if (strcmp(local, "s") == 0) {
            if (o->in_para && o->begun)
                pf_builder_separator(o->b, 1);
        } else if (strcmp(local, "tab") == 0) {
            if (o->in_para) {
                ensure(o);
                pf_builder_separator(o->b, 2);
            }
        } else if (strcmp(local, "line-break") == 0) {
            if (o->in_para && o->begun)
                pf_builder_line_break(o->b);
        } else if (strcmp(local, "note") == 0 || strcmp(local, "tracked-changes") == 0 ||
                   strcmp(local, "sequence-decls") == 0 || strcmp(local, "variable-decls") == 0 ||
                   strcmp(local, "user-field-decls") == 0 || strcmp(local, "toc-mark") == 0) {
            return 1;
        }
        return 0;
    }
    if (pf_xml_is(x, NS_TABLE, local)) {
        if (strcmp(local, "table") == 0 && !empty && o->table_depth < MAX_DEPTH_STACK) {
            struct odt_table *t = &o->tables[o->table_depth++];
            t->id = o->table_count++;
            t->row = -1;
            t->col = -1;
            t->next_col = 0;
            t->span = 1;
        } else if (strcmp(local, "table-row") == 0 && o->table_depth > 0) {
            struct odt_table *t = &o->tables[o->table_depth - 1];
            t->row++;
            t->next_col = 0;
        } else if ((strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0) &&
                   o->table_depth > 0) {
            struct odt_table *t = &o->tables[o->table_depth - 1];
            t->col = t->next_col;
            t->span = 1;
            if (attr(x, NS_TABLE, "number-columns-spanned", value, sizeof(value))) {
                int span = to_int(value, 1);
                t->span = span > 0 && span < 1024 ? span : 1;
            }
            if (empty)
                t->next_col = t->col + t->span;
        } else if (strcmp(local, "table-columns") == 0 || strcmp(local, "table-column") == 0) {
            return 1;
        }
        return 0;
    }
    if (pf_xml_is(x, NS_DRAW, local) && strcmp(local, "text-box") == 0 && !empty) {
        if (o->begun)
            pf_builder_block_end(o->b);
        o->begun = false;
        if (o->frames < MAX_DEPTH_STACK) {
            o->saved[o->frames] = o->attrs;
            o->saved_in_para[o->frames] = o->in_para;
        }
        o->frames++;
        o->in_para = false;
        return 0;
    }
    if (strcmp(local, "annotation") == 0 || strcmp(local, "desc") == 0 ||
        strcmp(local, "title") == 0 || strcmp(local, "image") == 0 || strcmp(local, "forms") == 0 ||
        strcmp(local, "event-listeners") == 0)
        return 1;
    return 0;
}

static void body_end(struct odt *o, struct pf_xml *x, const char *local)
{
    if (pf_xml_is(x, NS_TEXT, local)) {
        if (strcmp(local, "p") == 0 || strcmp(local, "h") == 0)
            end_para(o);
        else if (strcmp(local, "list") == 0 && o->list_depth > 0)
            o->list_depth--;
        else if (strcmp(local, "span") == 0 || strcmp(local, "a") == 0)
            pop_span(o);
    } else if (pf_xml_is(x, NS_TABLE, local)) {
        if (strcmp(local, "table") == 0 && o->table_depth > 0) {
            o->table_depth--;
        } else if ((strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0) &&
                   o->table_depth > 0) {
            struct odt_table *t = &o->tables[o->table_depth - 1];
            t->next_col = t->col + t->span;
        }
    } else if (pf_xml_is(x, NS_DRAW, local) && strcmp(local, "text-box") == 0 && o->frames > 0) {
        end_para(o);
        o->frames--;
        if (o->frames < MAX_DEPTH_STACK) {
            o->attrs = o->saved[o->frames];
            o->in_para = o->saved_in_para[o->frames];
        }
        o->begun = false;
    }
}

enum pass { PASS_CONTENT, PASS_HEADERS, PASS_FOOTERS };

/* Streams one part: styles are collected everywhere; text is read from office:text (content),
 * or from style:header* / style:footer* (styles.xml), depending on the pass. */
static pf_status read_part(struct odt *o, struct pf_zip *zip, const char *name, enum pass pass)
{
    struct pf_doc_builder *b = o->b;
    struct pf_xml x;
    bool found;
    pf_status st = pf_xml_open(&x, b, zip, name, &found);
    if (st != PF_OK || !found) {
        pf_xml_close(&x);
        if (st == PF_OK && pass == PASS_CONTENT)
            st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "the ODT has no content.xml");
        return st;
    }
    int text_depth = -1; /* depth of the element whose text is read, -1 outside */
    int rc;
    while ((rc = pf_xml_read(&x)) == 1 && b->status == PF_OK) {
        int type = pf_xml_type(&x);
        const char *local = pf_xml_local(&x);
        if (type == PF_XML_ELEMENT) {
            bool empty = pf_xml_is_empty(&x);
            if (text_depth < 0) {
                bool start = false;
                if (pass == PASS_CONTENT)
                    start = pf_xml_is(&x, NS_OFFICE, "text");
                else if (pf_xml_is(&x, NS_STYLE, local))
                    start = strncmp(local, pass == PASS_HEADERS ? "header" : "footer", 6) == 0 &&
                            strstr(local, "style") == NULL && strstr(local, "properties") == NULL;
                if (start && !empty) {
                    text_depth = pf_xml_depth(&x);
                    o->region = pass == PASS_HEADERS   ? PF_REGION_HEADER
                                : pass == PASS_FOOTERS ? PF_REGION_FOOTER
                                                       : PF_REGION_BODY;
                    continue;
                }
                if (pass != PASS_FOOTERS)
                    style_element(o, &x, local);
                continue;
            }
            if (body_element(o, &x, local, empty)) {
                rc = pf_xml_skip(&x);
                if (rc != 1)
                    break;
            }
        } else if (type == PF_XML_END_ELEMENT) {
            if (text_depth >= 0 && pf_xml_depth(&x) == text_depth) {
                end_para(o);
                text_depth = -1;
            } else if (text_depth >= 0) {
                body_end(o, &x, local);
            } else if (pass != PASS_FOOTERS) {
                style_end(o, &x);
            }
        } else if (text_depth >= 0 && (type == PF_XML_TEXT || type == PF_XML_WHITESPACE ||
                                       type == PF_XML_SIGNIFICANT_WHITESPACE)) {
            put_text(o, pf_xml_value(&x));
        }
    }
    if (rc < 0 || b->status != PF_OK)
        st = b->status;
    end_para(o);
    pf_xml_close(&x);
    return st;
}

static pf_status read_meta(struct pf_doc_builder *b, struct pf_zip *zip)
{
    static const struct {
        const char *local;
        const char *which;
        bool date;
    } fields[] = {
        {"title", "title", false},
        {"subject", "subject", false},
        {"initial-creator", "author", false},
        {"keyword", "keywords", false},
        {"language", "language", false},
        {"creation-date", "created", true},
        {"date", "modified", true},
        {"generator", "creator", false},
    };
    struct pf_xml x;
    bool found;
    pf_status st = pf_xml_open(&x, b, zip, "meta.xml", &found);
    const char *pending = NULL;
    bool date = false;
    int rc = 0;
    while (st == PF_OK && found && (rc = pf_xml_read(&x)) == 1) {
        int type = pf_xml_type(&x);
        if (type == PF_XML_ELEMENT) {
            pending = NULL;
            for (size_t i = 0; i < PF_ARRAY_LEN(fields); i++)
                if (strcmp(pf_xml_local(&x), fields[i].local) == 0) {
                    pending = fields[i].which;
                    date = fields[i].date;
                }
        } else if (type == PF_XML_TEXT && pending) {
            struct pf_str value = pf_str_from_cstr(pf_xml_value(&x));
            if (date)
                pf_builder_meta_date(b, pending, value);
            else
                pf_builder_meta(b, pending, value);
            pending = NULL;
        } else if (type == PF_XML_END_ELEMENT) {
            pending = NULL;
        }
    }
    if (rc < 0)
        st = b->status;
    pf_xml_close(&x);
    return st;
}

pf_status pf_ingest_read_odt(struct pf_doc_builder *b, struct pf_str bytes)
{
    struct pf_zip *zip = NULL;
    struct odt *o = pf_xcalloc(1, sizeof(*o));
    o->b = b;
    struct pf_buf manifest = PF_BUF_INIT((size_t)1 << 20);
    pf_status st = pf_zip_open(b, bytes, &zip);
    if (st != PF_OK)
        goto done;
    bool found;
    st = pf_zip_read(zip, "META-INF/manifest.xml", &manifest, &found);
    if (st != PF_OK)
        goto done;
    if (pf_str_find(pf_buf_view(&manifest), PF_STR("encryption-data")) >= 0) {
        st = pf_builder_fail(b, PF_E_ENCRYPTED, NULL, "the document is password-protected");
        goto done;
    }
    pf_builder_page(b, 0, 0);
    st = read_meta(b, zip);
    if (st == PF_OK)
        st = read_part(o, zip, "styles.xml", PASS_HEADERS);
    if (st == PF_OK)
        st = read_part(o, zip, "content.xml", PASS_CONTENT);
    if (st == PF_OK)
        st = read_part(o, zip, "styles.xml", PASS_FOOTERS);
done:
    pf_buf_fini(&manifest);
    pf_zip_close(zip);
    free(o->styles);
    free(o);
    return st;
}
