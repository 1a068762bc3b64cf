/* The HTML reader: libxml2's HTML parser in SAX mode (no tree, bounded depth), keeping only
 * visible text and block structure: headings, paragraphs, lists, table cells, preformatted
 * text, links and inline emphasis; script, style, head and hidden elements are skipped. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "base/mem.h"
#include "ingest/ingest_xml.h"

#define STACK 64 /* nesting tracked for blocks, inline styles and tables */

enum tag_role { ROLE_INLINE, ROLE_BLOCK, ROLE_SKIP, ROLE_LIST, ROLE_TABLE, ROLE_ROW, ROLE_CELL };

struct html {
    struct pf_doc_builder *b;
    xmlParserCtxtPtr ctxt;
    size_t depth;
    size_t skip_depth; /* > 0: inside a skipped subtree that started at this depth */
    struct pf_block_attrs blocks[STACK];
    int block_depth;
    bool begun; /* a builder block is open for the innermost block */
    struct pf_span_style span[STACK];
    int span_depth;
    bool pre;
    int lists[STACK]; /* 1 for <ol>, 0 for <ul> */
    int list_depth;
    struct {
        int id, row, col;
    } tables[STACK];
    int table_depth;
    int table_count;
    bool in_title;
    bool in_head; /* only <title> and <meta> count there */
    struct pf_buf title;
    unsigned events;
};

static bool has_hidden_attr(const xmlChar **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = (const char *)attrs[i];
        const char *value = attrs[i + 1] ? (const char *)attrs[i + 1] : "";
        if (strcasecmp(name, "hidden") == 0)
            return true;
        if (strcasecmp(name, "aria-hidden") == 0 && strcasecmp(value, "true") == 0)
            return true;
        if (strcasecmp(name, "style") == 0) {
            char compact[256];
            size_t n = 0;
            for (const char *p = value; *p && n + 1 < sizeof(compact); p++)
                if (*p != ' ')
                    compact[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            compact[n] = '\0';
            if (strstr(compact, "display:none") || strstr(compact, "visibility:hidden"))
                return true;
        }
    }
    return false;
}

static const char *attr_of(const xmlChar **attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (strcasecmp((const char *)attrs[i], name) == 0)
            return attrs[i + 1] ? (const char *)attrs[i + 1] : "";
    return NULL;
}

static enum tag_role role_of(const char *tag)
{
    static const char *const skip[] = {"script", "style",  "template", "noscript", "svg",
                                       "math",   "iframe", "object",   "embed",    "canvas",
                                       "select", "option", "datalist", "audio",    "video"};
    static const char *const block[] = {
        "p",        "div",    "section",    "article", "header",  "footer", "main",       "aside",
        "nav",      "li",     "dt",         "dd",      "h1",      "h2",     "h3",         "h4",
        "h5",       "h6",     "blockquote", "pre",     "address", "figure", "figcaption", "form",
        "fieldset", "legend", "details",    "summary", "caption", "body",   "center",     "dl",
        "hr",       "tbody",  "thead",      "tfoot"};
    for (size_t i = 0; i < PF_ARRAY_LEN(skip); i++)
        if (strcmp(tag, skip[i]) == 0)
            return ROLE_SKIP;
    if (strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0 || strcmp(tag, "menu") == 0)
        return ROLE_LIST;
    if (strcmp(tag, "table") == 0)
        return ROLE_TABLE;
    if (strcmp(tag, "tr") == 0)
        return ROLE_ROW;
    if (strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0)
        return ROLE_CELL;
    for (size_t i = 0; i < PF_ARRAY_LEN(block); i++)
        if (strcmp(tag, block[i]) == 0)
            return ROLE_BLOCK;
    return ROLE_INLINE;
}

static void close_builder_block(struct html *h)
{
    if (h->begun)
        pf_builder_block_end(h->b);
    h->begun = false;
}

static void push_block(struct html *h, const char *tag)
{
    close_builder_block(h);
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    if (h->block_depth > 0)
        attrs = h->blocks[h->block_depth - 1 < STACK ? h->block_depth - 1 : STACK - 1];
    attrs.kind = attrs.kind == PF_BLOCK_LIST_ITEM || attrs.kind == PF_BLOCK_TABLE_CELL
                     ? attrs.kind
                     : PF_BLOCK_PARAGRAPH;
    if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0') {
        attrs.kind = PF_BLOCK_HEADING;
        attrs.level = tag[1] - '0';
    } else if (strcmp(tag, "li") == 0) {
        attrs.kind = PF_BLOCK_LIST_ITEM;
        attrs.level = h->list_depth > 0 ? h->list_depth : 1;
        attrs.flags =
            h->list_depth > 0 && h->lists[(h->list_depth - 1) % STACK] ? PF_BLOCK_NUMBERED : 0;
    } else if (strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0) {
        attrs.kind = PF_BLOCK_TABLE_CELL;
        if (h->table_depth > 0) {
            int t = (h->table_depth - 1) % STACK;
            h->tables[t].col++;
            attrs.table = h->tables[t].id;
            attrs.row = h->tables[t].row < 0 ? 0 : h->tables[t].row;
            attrs.col = h->tables[t].col;
        }
    } else if (strcmp(tag, "pre") == 0) {
        attrs.kind = PF_BLOCK_PREFORMATTED;
    }
    if (h->block_depth < STACK)
        h->blocks[h->block_depth] = attrs;
    h->block_depth++;
}

static void pop_block(struct html *h)
{
    close_builder_block(h);
    if (h->block_depth > 0)
        h->block_depth--;
}

static const struct pf_span_style *current_span(const struct html *h)
{
    return &h->span[h->span_depth < STACK ? h->span_depth : STACK - 1];
}

static void push_span(struct html *h, const char *tag, const xmlChar **attrs)
{
    struct pf_span_style next = *current_span(h);
    if (strcmp(tag, "b") == 0 || strcmp(tag, "strong") == 0)
        next.flags |= PF_SPAN_BOLD;
    else if (strcmp(tag, "i") == 0 || strcmp(tag, "em") == 0 || strcmp(tag, "cite") == 0)
        next.flags |= PF_SPAN_ITALIC;
    else if (strcmp(tag, "code") == 0 || strcmp(tag, "kbd") == 0 || strcmp(tag, "samp") == 0 ||
             strcmp(tag, "tt") == 0)
        next.flags |= PF_SPAN_MONOSPACE;
    else if (strcmp(tag, "u") == 0)
        next.flags |= PF_SPAN_UNDERLINE;
    else if (strcmp(tag, "sup") == 0)
        next.flags |= PF_SPAN_SUPERSCRIPT;
    else if (strcmp(tag, "sub") == 0)
        next.flags |= PF_SPAN_SUBSCRIPT;
    else if (strcmp(tag, "a") == 0) {
        const char *href = attr_of(attrs, "href");
        if (href && href[0] && href[0] != '#' && strncasecmp(href, "javascript:", 11) != 0)
            next.link = pf_builder_link(h->b, href, strlen(href));
    }
    h->span_depth++;
    if (h->span_depth < STACK)
        h->span[h->span_depth] = next;
}

static void stop(struct html *h)
{
    xmlStopParser(h->ctxt);
}

static bool tick(struct html *h)
{
    if (++h->events % 1024 == 0 && pf_builder_check_time(h->b) != PF_OK) {
        stop(h);
        return false;
    }
    return h->b->status == PF_OK;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
    struct html *h = ctx;
    if (!tick(h))
        return;
    h->depth++;
    if (h->depth > h->b->limits->max_xml_depth) {
        pf_builder_fail(h->b, PF_E_TOO_BIG, "limit_xml_depth",
                        "the HTML nests elements deeper than limit_xml_depth (%zu)",
                        h->b->limits->max_xml_depth);
        stop(h);
        return;
    }
    if (h->skip_depth)
        return;
    const char *tag = (const char *)name;
    if (strcmp(tag, "title") == 0) {
        h->in_title = true;
        return;
    }
    if (strcmp(tag, "head") == 0) {
        h->in_head = true;
        return;
    }
    if (strcmp(tag, "meta") == 0) {
        const char *meta = attr_of(attrs, "name");
        const char *content = attr_of(attrs, "content");
        if (meta && content && strcasecmp(meta, "author") == 0)
            pf_builder_meta(h->b, "author", pf_str_from_cstr(content));
        else if (meta && content && strcasecmp(meta, "keywords") == 0)
            pf_builder_meta(h->b, "keywords", pf_str_from_cstr(content));
        return;
    }
    if (strcmp(tag, "html") == 0) {
        const char *lang = attr_of(attrs, "lang");
        if (lang)
            pf_builder_meta(h->b, "language", pf_str_from_cstr(lang));
        return;
    }
    if (h->in_head)
        return;
    enum tag_role role = role_of(tag);
    if (role == ROLE_SKIP || has_hidden_attr(attrs)) {
        h->skip_depth = h->depth;
        return;
    }
    switch (role) {
    case ROLE_LIST:
        if (h->list_depth < STACK)
            h->lists[h->list_depth] = strcmp(tag, "ol") == 0;
        h->list_depth++;
        push_block(h, tag);
        break;
    case ROLE_TABLE:
        if (h->table_depth < STACK) {
            h->tables[h->table_depth].id = h->table_count++;
            h->tables[h->table_depth].row = -1;
            h->tables[h->table_depth].col = -1;
        }
        h->table_depth++;
        push_block(h, tag);
        break;
    case ROLE_ROW:
        if (h->table_depth > 0 && h->table_depth <= STACK) {
            h->tables[h->table_depth - 1].row++;
            h->tables[h->table_depth - 1].col = -1;
        }
        push_block(h, tag);
        break;
    case ROLE_CELL:
    case ROLE_BLOCK:
        push_block(h, tag);
        if (strcmp(tag, "pre") == 0)
            h->pre = true;
        break;
    case ROLE_INLINE:
        if (strcmp(tag, "br") == 0) {
            if (h->begun)
                pf_builder_line_break(h->b);
            return;
        }
        if (strcmp(tag, "img") == 0 || strcmp(tag, "input") == 0 || strcmp(tag, "wbr") == 0)
            return;
        push_span(h, tag, attrs);
        break;
    case ROLE_SKIP:
        break;
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    struct html *h = ctx;
    if (!tick(h))
        return;
    const char *tag = (const char *)name;
    if (h->skip_depth) {
        if (h->depth == h->skip_depth)
            h->skip_depth = 0;
        if (h->depth > 0)
            h->depth--;
        return;
    }
    if (h->depth > 0)
        h->depth--;
    if (strcmp(tag, "title") == 0) {
        h->in_title = false;
        pf_builder_meta(h->b, "title", pf_buf_view(&h->title));
        return;
    }
    if (strcmp(tag, "head") == 0) {
        h->in_head = false;
        return;
    }
    if (strcmp(tag, "meta") == 0 || strcmp(tag, "html") == 0 || h->in_head)
        return;
    switch (role_of(tag)) {
    case ROLE_LIST:
        if (h->list_depth > 0)
            h->list_depth--;
        pop_block(h);
        break;
    case ROLE_TABLE:
        if (h->table_depth > 0)
            h->table_depth--;
        pop_block(h);
        break;
    case ROLE_ROW:
    case ROLE_CELL:
    case ROLE_BLOCK:
        if (strcmp(tag, "pre") == 0)
            h->pre = false;
        pop_block(h);
        break;
    case ROLE_INLINE:
        if (strcmp(tag, "br") == 0 || strcmp(tag, "img") == 0 || strcmp(tag, "input") == 0 ||
            strcmp(tag, "wbr") == 0)
            return;
        if (h->span_depth > 0)
            h->span_depth--;
        break;
    case ROLE_SKIP:
        break;
    }
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    struct html *h = ctx;
    if (!tick(h) || h->skip_depth || len <= 0)
        return;
    if (h->in_title) {
        pf_buf_append(&h->title, text, (size_t)len);
        return;
    }
    if (h->in_head)
        return;
    if (!h->begun) {
        struct pf_str view = pf_str_trim(pf_str_make((const char *)text, (size_t)len));
        if (view.len == 0)
            return;
        struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
        if (h->block_depth > 0)
            attrs = h->blocks[h->block_depth - 1 < STACK ? h->block_depth - 1 : STACK - 1];
        pf_builder_block_begin(h->b, &attrs);
        h->begun = true;
    }
    pf_builder_text(h->b, pf_str_make((const char *)text, (size_t)len), current_span(h),
                    h->pre ? PF_TEXT_LINES : PF_TEXT_FLOW);
}

pf_status pf_ingest_read_html(struct pf_doc_builder *b, struct pf_str bytes)
{
    pf_xml_global_init();
    /* Decoded to UTF-8 first (BOM, UTF-16, Windows-1252), then parsed as UTF-8 so a <meta
     * charset> cannot re-decode it. */
    struct pf_buf utf8 = PF_BUF_INIT(bytes.len * 3 + 16);
    bool repaired = false;
    pf_decode_text(bytes, &utf8, NULL, &repaired);
    if (repaired)
        pf_builder_warn(b, "invalid_utf8", "invalid UTF-8 sequences were replaced by U+FFFD");
    struct html *h = pf_xcalloc(1, sizeof(*h));
    h->b = b;
    h->span[0] = (struct pf_span_style)PF_SPAN_STYLE_INIT;
    pf_buf_init(&h->title, 1024);
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    pf_status st = PF_OK;
    if (utf8.len == 0)
        goto done;
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(pf_buf_cstr(&utf8), (int)utf8.len);
    if (!ctxt) {
        st = pf_builder_fail(b, PF_E_INTERNAL, NULL, "cannot create an HTML parser");
        goto done;
    }
    xmlSAXHandler *saved = ctxt->sax;
    ctxt->sax = (xmlSAXHandler *)&sax;
    ctxt->userData = h;
    h->ctxt = ctxt;
    pf_builder_page(b, 0, 0);
    htmlCtxtUseOptions(ctxt, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                 HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    ctxt->sax = saved;
    htmlFreeParserCtxt(ctxt);
    close_builder_block(h);
    st = b->status;
done:
    pf_buf_fini(&h->title);
    free(h);
    pf_buf_fini(&utf8);
    return st;
}
