/* Markdown (cmark) to the document model the PDF, DOCX and text writers share: blocks of styled
 * runs, list structure, and the layout directives templates write as HTML comments. */
#include <cmark.h>
#include <string.h>

#include "render/render_int.h"

/* Lists deeper than this share the innermost level's indentation and numbering. */
#define MAX_LIST_DEPTH 16

struct list_state {
    bool ordered;
    bool tight;
    int next;    /* the next item's number */
    uint32_t id; /* 1-based, in document order */
};

struct builder {
    struct pf_arena *arena;
    struct pf_doc_block *blocks;
    size_t count, cap;
    struct pf_doc_block *current; /* the paragraph/heading being filled, or NULL */
    size_t span_cap;
    size_t text_cap; /* bytes allocated for the last span's text, which may still grow */
    struct list_state lists[MAX_LIST_DEPTH];
    int list_depth;   /* may exceed MAX_LIST_DEPTH */
    int item_ordinal; /* of the innermost open item */
    uint32_t lists_seen;
    bool marker_pending;
    int quote;
    int bold, italic;
    const char *href; /* innermost open link */
    int link_depth;
    bool sidebar;
};

static struct pf_doc_block *add_block(struct builder *b, enum pf_doc_block_type type)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        struct pf_doc_block *blocks = pf_arena_alloc(b->arena, cap * sizeof(*blocks));
        if (b->count)
            memcpy(blocks, b->blocks, b->count * sizeof(*blocks));
        b->blocks = blocks;
        b->cap = cap;
    }
    struct pf_doc_block *block = &b->blocks[b->count++];
    memset(block, 0, sizeof(*block));
    block->type = (uint8_t)type;
    block->quote = (uint8_t)(b->quote > 255 ? 255 : b->quote);
    block->sidebar = b->sidebar;
    b->span_cap = 0;
    return block;
}

static void add_span(struct builder *b, const char *text, size_t len, uint8_t flags,
                     const char *href)
{
    struct pf_doc_block *block = b->current;
    if (!block || len == 0)
        return;
    if (block->span_count) {
        struct pf_doc_span *last = &block->spans[block->span_count - 1];
        if (last->flags == flags && last->href == href) {
            /* Merge with the previous run: cmark splits text at every escape and entity, so
             * the run grows geometrically to stay linear. */
            char *joined = (char *)last->text;
            if (last->len + len + 1 > b->text_cap) {
                size_t cap = (last->len + len + 1) * 2;
                joined = pf_arena_alloc(b->arena, cap);
                memcpy(joined, last->text, last->len);
                b->text_cap = cap;
            }
            memcpy(joined + last->len, text, len);
            joined[last->len + len] = '\0';
            last->text = joined;
            last->len += len;
            return;
        }
    }
    if (block->span_count == b->span_cap) {
        size_t cap = b->span_cap ? b->span_cap * 2 : 8;
        struct pf_doc_span *spans = pf_arena_alloc(b->arena, cap * sizeof(*spans));
        if (block->span_count)
            memcpy(spans, block->spans, block->span_count * sizeof(*spans));
        block->spans = spans;
        b->span_cap = cap;
    }
    struct pf_doc_span *span = &block->spans[block->span_count++];
    span->flags = flags;
    span->text = pf_arena_strndup(b->arena, text, len);
    span->len = len;
    b->text_cap = len + 1;
    span->href = href;
}

static uint8_t inline_flags(const struct builder *b)
{
    uint8_t flags = 0;
    if (b->bold)
        flags |= PF_DOC_BOLD;
    if (b->italic)
        flags |= PF_DOC_ITALIC;
    if (b->href)
        flags |= PF_DOC_LINK;
    return flags;
}

static void directive(struct builder *b, const char *literal)
{
    struct pf_str text = pf_str_trim(pf_str_from_cstr(literal));
    if (pf_str_eq_cstr(text, "<!-- pf:sidebar -->"))
        b->sidebar = true;
    else if (pf_str_eq_cstr(text, "<!-- pf:main -->"))
        b->sidebar = false;
    else if (pf_str_eq_cstr(text, "<!-- pf:pagebreak -->"))
        add_block(b, PF_DOC_PAGEBREAK);
}

static void start_text_block(struct builder *b, enum pf_doc_block_type type, int level)
{
    struct pf_doc_block *block = add_block(b, type);
    block->level = (uint8_t)(level > 255 ? 255 : level);
    if (type == PF_DOC_ITEM) {
        int depth = b->list_depth < MAX_LIST_DEPTH ? b->list_depth : MAX_LIST_DEPTH;
        const struct list_state *list = &b->lists[depth - 1];
        block->marker = b->marker_pending;
        block->tight = list->tight;
        block->ordinal = list->ordered ? b->item_ordinal : 0;
        block->list_id = list->id;
        block->root_list = b->lists[0].id;
        b->marker_pending = false;
    }
    b->current = block;
}

static void enter(struct builder *b, cmark_node *node)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
        b->quote++;
        break;
    case CMARK_NODE_LIST:
        if (b->list_depth < MAX_LIST_DEPTH) {
            struct list_state *list = &b->lists[b->list_depth];
            list->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
            list->tight = cmark_node_get_list_tight(node) != 0;
            list->next = cmark_node_get_list_start(node);
            list->id = ++b->lists_seen;
        }
        b->list_depth++;
        break;
    case CMARK_NODE_ITEM: {
        int depth = b->list_depth < MAX_LIST_DEPTH ? b->list_depth : MAX_LIST_DEPTH;
        b->item_ordinal = depth > 0 ? b->lists[depth - 1].next++ : 0;
        b->marker_pending = true;
        break;
    }
    case CMARK_NODE_PARAGRAPH:
        start_text_block(b, b->list_depth > 0 ? PF_DOC_ITEM : PF_DOC_PARAGRAPH, b->list_depth);
        break;
    case CMARK_NODE_HEADING:
        start_text_block(b, PF_DOC_HEADING, cmark_node_get_heading_level(node));
        break;
    case CMARK_NODE_CODE_BLOCK: {
        const char *literal = cmark_node_get_literal(node);
        size_t len = literal ? strlen(literal) : 0;
        while (len && literal[len - 1] == '\n')
            len--;
        b->current = add_block(b, PF_DOC_CODE);
        add_span(b, literal ? literal : "", len, PF_DOC_CODE_SPAN, NULL);
        b->current = NULL;
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
        directive(b, cmark_node_get_literal(node));
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        add_block(b, PF_DOC_RULE);
        break;
    case CMARK_NODE_TEXT: {
        const char *literal = cmark_node_get_literal(node);
        add_span(b, literal, strlen(literal), inline_flags(b), b->href);
        break;
    }
    case CMARK_NODE_CODE: {
        const char *literal = cmark_node_get_literal(node);
        add_span(b, literal, strlen(literal), inline_flags(b) | PF_DOC_CODE_SPAN, b->href);
        break;
    }
    case CMARK_NODE_SOFTBREAK:
        add_span(b, " ", 1, inline_flags(b), b->href);
        break;
    case CMARK_NODE_LINEBREAK:
        add_span(b, "\n", 1, inline_flags(b), b->href);
        break;
    case CMARK_NODE_EMPH:
        b->italic++;
        break;
    case CMARK_NODE_STRONG:
        b->bold++;
        break;
    case CMARK_NODE_LINK:
        if (b->link_depth++ == 0) {
            const char *url = cmark_node_get_url(node);
            b->href = url && *url ? pf_arena_strdup(b->arena, url) : NULL;
        }
        break;
    default:
        /* Inline HTML is dropped (templates cannot smuggle markup into a PDF or DOCX); images
         * contribute their alt text through their children. */
        break;
    }
}

static void leave(struct builder *b, cmark_node *node)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
        b->quote--;
        break;
    case CMARK_NODE_LIST:
        b->list_depth--;
        break;
    case CMARK_NODE_ITEM:
        b->marker_pending = false;
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        b->current = NULL;
        break;
    case CMARK_NODE_EMPH:
        b->italic--;
        break;
    case CMARK_NODE_STRONG:
        b->bold--;
        break;
    case CMARK_NODE_LINK:
        if (--b->link_depth == 0)
            b->href = NULL;
        break;
    default:
        break;
    }
}

pf_status pf_doc_parse(struct pf_arena *arena, struct pf_str markdown, struct pf_doc *doc,
                       struct pf_error *err)
{
    (void)err;
    cmark_node *root = cmark_parse_document(markdown.ptr ? markdown.ptr : "", markdown.len,
                                            CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    struct builder b = {.arena = arena};
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER)
            enter(&b, node);
        else
            leave(&b, node);
    }
    cmark_iter_free(iter);
    cmark_node_free(root);
    doc->blocks = b.blocks;
    doc->count = b.count;
    doc->has_sidebar = false;
    for (size_t i = 0; i < b.count; i++)
        doc->has_sidebar = doc->has_sidebar || b.blocks[i].sidebar;
    return PF_OK;
}

char *pf_doc_block_text(struct pf_arena *arena, const struct pf_doc_block *block)
{
    size_t len = 0;
    for (size_t i = 0; i < block->span_count; i++)
        len += block->spans[i].len;
    char *text = pf_arena_alloc(arena, len + 1);
    size_t at = 0;
    for (size_t i = 0; i < block->span_count; i++) {
        memcpy(text + at, block->spans[i].text, block->spans[i].len);
        at += block->spans[i].len;
    }
    text[at] = '\0';
    return text;
}
