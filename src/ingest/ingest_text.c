/* Plain text and Markdown: decoded to UTF-8, paragraphs at blank lines, and for Markdown the
 * block structure (headings, lists, code, tables, quotes) with inline markup removed. */
#include <string.h>

#include "ingest/ingest_int.h"

struct md_line {
    struct pf_str text; /* without the line break */
    size_t indent;      /* leading columns (a tab counts 4) */
    struct pf_str body; /* text after the indentation */
};

static struct md_line split_indent(struct pf_str text)
{
    struct md_line line = {text, 0, text};
    size_t i = 0;
    while (i < text.len && (text.ptr[i] == ' ' || text.ptr[i] == '\t')) {
        line.indent += text.ptr[i] == '\t' ? 4 : 1;
        i++;
    }
    line.body = pf_str_slice(text, i, text.len - i);
    return line;
}

static bool is_blank(struct pf_str text)
{
    return pf_str_trim(text).len == 0;
}

/* "- ", "* ", "+ ", "• ", "1. ", "1) ": the marker's length, or 0. */
static size_t list_marker(struct pf_str body, bool *out_numbered)
{
    *out_numbered = false;
    if (body.len >= 2 && (body.ptr[0] == '-' || body.ptr[0] == '*' || body.ptr[0] == '+') &&
        (body.ptr[1] == ' ' || body.ptr[1] == '\t'))
        return 2;
    if (pf_str_starts_with(body, PF_STR("\xE2\x80\xA2 "))) /* U+2022 bullet */
        return 4;
    size_t i = 0;
    while (i < body.len && i < 9 && body.ptr[i] >= '0' && body.ptr[i] <= '9')
        i++;
    if (i > 0 && i + 1 < body.len && (body.ptr[i] == '.' || body.ptr[i] == ')') &&
        body.ptr[i + 1] == ' ') {
        *out_numbered = true;
        return i + 2;
    }
    return 0;
}

/* The level of an ATX heading ("## Title"), or 0. */
static int atx_level(struct pf_str body)
{
    int level = 0;
    while ((size_t)level < body.len && body.ptr[level] == '#')
        level++;
    if (level == 0 || level > 6)
        return 0;
    if ((size_t)level < body.len && body.ptr[level] != ' ' && body.ptr[level] != '\t')
        return 0;
    return level;
}

/* "===" or "---" under a paragraph line: 1 or 2, else 0. */
static int setext_level(struct pf_str body)
{
    struct pf_str t = pf_str_trim(body);
    if (t.len < 2)
        return 0;
    char ch = t.ptr[0];
    if (ch != '=' && ch != '-')
        return 0;
    for (size_t i = 0; i < t.len; i++)
        if (t.ptr[i] != ch)
            return 0;
    return ch == '=' ? 1 : 2;
}

static bool is_rule(struct pf_str body)
{
    struct pf_str t = pf_str_trim(body);
    size_t marks = 0;
    char ch = t.len ? t.ptr[0] : 0;
    if (ch != '-' && ch != '*' && ch != '_')
        return false;
    for (size_t i = 0; i < t.len; i++) {
        if (t.ptr[i] == ch)
            marks++;
        else if (t.ptr[i] != ' ')
            return false;
    }
    return marks >= 3;
}

static bool is_fence(struct pf_str body)
{
    return pf_str_starts_with(body, PF_STR("```")) || pf_str_starts_with(body, PF_STR("~~~"));
}

/* A table delimiter row: "|---|:--:|". */
static bool is_table_rule(struct pf_str body)
{
    struct pf_str t = pf_str_trim(body);
    if (t.len < 3 || pf_str_find_char(t, '-') < 0)
        return false;
    for (size_t i = 0; i < t.len; i++)
        if (!strchr("|-: \t", t.ptr[i]))
            return false;
    return pf_str_find_char(t, '|') >= 0;
}

/* Inline Markdown to text: emphasis markers, code ticks, links ([text](url) keeps text and
 * records the url as the span's link), images (alt text), autolinks, escapes, simple tags. */
static void put_inline(struct pf_doc_builder *b, struct pf_str text, uint32_t base_flags)
{
    struct pf_span_style style = PF_SPAN_STYLE_INIT;
    uint32_t flags = base_flags;
    size_t i = 0;
    size_t run = 0;
#define FLUSH()                                                                                    \
    do {                                                                                           \
        style.flags = flags;                                                                       \
        pf_builder_text(b, pf_str_slice(text, run, i - run), &style, PF_TEXT_FLOW);                \
    } while (0)
    while (i < text.len) {
        char ch = text.ptr[i];
        if (ch == '\\' && i + 1 < text.len && strchr("\\`*_{}[]()#+-.!|<>~", text.ptr[i + 1])) {
            FLUSH();
            run = i + 1;
            i += 2;
            continue;
        }
        if ((ch == '*' || ch == '_') && i + 1 < text.len && text.ptr[i + 1] == ch) {
            FLUSH();
            flags ^= PF_SPAN_BOLD;
            i += 2;
            run = i;
            continue;
        }
        bool word_inside = ch == '_' && i > 0 && i + 1 < text.len &&
                           pf_str_find_char(PF_STR(" \t"), text.ptr[i - 1]) < 0 &&
                           pf_str_find_char(PF_STR(" \t"), text.ptr[i + 1]) < 0;
        if ((ch == '*' || ch == '_') && !word_inside) {
            FLUSH();
            flags ^= PF_SPAN_ITALIC;
            i++;
            run = i;
            continue;
        }
        if (ch == '`') {
            FLUSH();
            flags ^= PF_SPAN_MONOSPACE;
            i++;
            run = i;
            continue;
        }
        if (ch == '[' || (ch == '!' && i + 1 < text.len && text.ptr[i + 1] == '[')) {
            size_t open = ch == '!' ? i + 1 : i;
            long close = pf_str_find(pf_str_slice(text, open, text.len - open), PF_STR("]("));
            if (close > 0) {
                size_t label_end = open + (size_t)close;
                long paren = pf_str_find_char(
                    pf_str_slice(text, label_end + 2, text.len - label_end - 2), ')');
                if (paren >= 0) {
                    FLUSH();
                    struct pf_str url = pf_str_slice(text, label_end + 2, (size_t)paren);
                    long space = pf_str_find_char(url, ' ');
                    if (space >= 0)
                        url = pf_str_slice(url, 0, (size_t)space);
                    struct pf_span_style link_style = style;
                    link_style.flags = flags;
                    link_style.link = pf_builder_link(b, url.ptr, url.len);
                    pf_builder_text(b, pf_str_slice(text, open + 1, label_end - open - 1),
                                    &link_style, PF_TEXT_FLOW);
                    i = label_end + 2 + (size_t)paren + 1;
                    run = i;
                    continue;
                }
            }
        }
        if (ch == '<') {
            long close = pf_str_find_char(pf_str_slice(text, i, text.len - i), '>');
            struct pf_str inner =
                close > 0 ? pf_str_slice(text, i + 1, (size_t)close - 1) : PF_STR_NULL;
            bool autolink = inner.len > 0 && pf_str_find_char(inner, ' ') < 0 &&
                            (pf_str_find_char(inner, ':') > 0 || pf_str_find_char(inner, '@') > 0);
            bool tag = inner.len > 0 && inner.len < 32 &&
                       (inner.ptr[0] == '/' || (inner.ptr[0] >= 'a' && inner.ptr[0] <= 'z')) &&
                       !autolink;
            if (autolink) {
                FLUSH();
                struct pf_span_style link_style = style;
                link_style.flags = flags;
                link_style.link = pf_builder_link(b, inner.ptr, inner.len);
                pf_builder_text(b, inner, &link_style, PF_TEXT_FLOW);
                i += (size_t)close + 1;
                run = i;
                continue;
            }
            if (tag) {
                FLUSH();
                if (pf_str_starts_with(inner, PF_STR("br")))
                    pf_builder_line_break(b);
                i += (size_t)close + 1;
                run = i;
                continue;
            }
        }
        i++;
    }
    FLUSH();
#undef FLUSH
}

static void begin(struct pf_doc_builder *b, enum pf_block_kind kind, int level, uint32_t flags)
{
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.kind = kind;
    attrs.level = level;
    attrs.flags = flags;
    pf_builder_block_begin(b, &attrs);
}

static void put_table_row(struct pf_doc_builder *b, struct pf_str body, int table, int row)
{
    struct pf_str t = pf_str_trim(body);
    if (t.len && t.ptr[0] == '|')
        t = pf_str_slice(t, 1, t.len - 1);
    if (t.len && t.ptr[t.len - 1] == '|')
        t.len--;
    int col = 0;
    struct pf_cur cur = pf_cur_of(t);
    while (!pf_cur_at_end(&cur)) {
        struct pf_str cell;
        if (!pf_cur_take_until(&cur, '|', &cell)) {
            cell = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
        attrs.kind = PF_BLOCK_TABLE_CELL;
        attrs.table = table;
        attrs.row = row;
        attrs.col = col++;
        pf_builder_block_begin(b, &attrs);
        put_inline(b, pf_str_trim(cell), 0);
        pf_builder_block_end(b);
    }
}

static void read_markdown(struct pf_doc_builder *b, struct pf_str text)
{
    struct pf_cur cur = pf_cur_of(text);
    struct pf_str raw;
    bool in_para = false; /* a paragraph or list item is open and takes continuation lines */
    bool in_code = false;
    int table = -1;
    int tables = 0;
    int row = 0;
    size_t list_indent[16];
    int list_depth = 0;
    while (b->status == PF_OK && pf_cur_take_line(&cur, &raw)) {
        struct md_line line = split_indent(raw);
        if (in_code) {
            if (is_fence(line.body)) {
                in_code = false;
                pf_builder_block_end(b);
                continue;
            }
            struct pf_span_style style = PF_SPAN_STYLE_INIT;
            style.flags = PF_SPAN_MONOSPACE;
            pf_builder_text(b, raw, &style, PF_TEXT_LINES);
            pf_builder_line_break(b);
            continue;
        }
        if (is_blank(raw)) {
            pf_builder_block_end(b);
            in_para = false;
            table = -1;
            continue;
        }
        if (is_fence(line.body)) {
            begin(b, PF_BLOCK_PREFORMATTED, 0, 0);
            in_code = true;
            in_para = false;
            continue;
        }
        /* A setext underline turns the open one-line paragraph into a heading. */
        int setext = in_para ? setext_level(line.body) : 0;
        if (setext && b->in_block && b->block.kind == PF_BLOCK_PARAGRAPH) {
            b->block.kind = PF_BLOCK_HEADING;
            b->block.level = setext;
            pf_builder_block_end(b);
            in_para = false;
            continue;
        }
        if (is_rule(line.body)) {
            pf_builder_block_end(b);
            in_para = false;
            continue;
        }
        int level = atx_level(line.body);
        if (level) {
            struct pf_str title = pf_str_trim(pf_str_slice(line.body, (size_t)level, raw.len));
            while (title.len && title.ptr[title.len - 1] == '#')
                title.len--;
            begin(b, PF_BLOCK_HEADING, level, 0);
            put_inline(b, title, 0);
            pf_builder_block_end(b);
            in_para = false;
            continue;
        }
        if (table >= 0 || (pf_str_find_char(line.body, '|') >= 0 && cur.ptr < cur.end)) {
            struct pf_cur peek = cur;
            struct pf_str next;
            if (table < 0 && pf_cur_take_line(&peek, &next) && is_table_rule(next)) {
                pf_builder_block_end(b);
                table = tables++;
                row = 0;
                put_table_row(b, line.body, table, row++);
                cur = peek;
                in_para = false;
                continue;
            }
            if (table >= 0) {
                put_table_row(b, line.body, table, row++);
                continue;
            }
        }
        bool numbered;
        size_t marker = list_marker(line.body, &numbered);
        if (marker) {
            while (list_depth > 0 && list_indent[list_depth - 1] > line.indent)
                list_depth--;
            if (list_depth == 0 || list_indent[list_depth - 1] < line.indent) {
                if (list_depth < (int)PF_ARRAY_LEN(list_indent))
                    list_indent[list_depth++] = line.indent;
            }
            begin(b, PF_BLOCK_LIST_ITEM, list_depth ? list_depth : 1,
                  numbered ? PF_BLOCK_NUMBERED : 0);
            put_inline(b, pf_str_slice(line.body, marker, line.body.len), 0);
            in_para = true;
            continue;
        }
        struct pf_str body = line.body;
        if (body.len && body.ptr[0] == '>') {
            body = pf_str_slice(body, 1, body.len - 1);
        }
        if (!in_para) {
            list_depth = line.indent > 0 ? list_depth : 0;
            begin(b, PF_BLOCK_PARAGRAPH, 0, 0);
            in_para = true;
        } else {
            /* Two trailing spaces or a backslash: a hard break; otherwise the lines flow. */
            if (pf_str_ends_with(raw, PF_STR("  ")) || pf_str_ends_with(raw, PF_STR("\\")))
                pf_builder_line_break(b);
            else
                pf_builder_separator(b, 1);
        }
        put_inline(b, pf_str_trim(body), 0);
    }
    pf_builder_block_end(b);
}

/* Plain text: a block per run of non-blank lines; lines are kept as they are (CVs written as
 * text use one line per item), a line starting with a bullet becomes a list item. */
static void read_plain(struct pf_doc_builder *b, struct pf_str text)
{
    struct pf_cur cur = pf_cur_of(text);
    struct pf_str raw;
    struct pf_span_style style = PF_SPAN_STYLE_INIT;
    bool open = false;
    while (b->status == PF_OK && pf_cur_take_line(&cur, &raw)) {
        if (is_blank(raw)) {
            pf_builder_block_end(b);
            open = false;
            continue;
        }
        struct md_line line = split_indent(raw);
        bool numbered;
        size_t marker = list_marker(line.body, &numbered);
        if (marker && !numbered) {
            begin(b, PF_BLOCK_LIST_ITEM, 1, 0);
            open = false;
        } else if (!open) {
            begin(b, PF_BLOCK_PARAGRAPH, 0, 0);
            open = true;
        }
        /* A list item's text leaves its bullet out, as in every other format. */
        pf_builder_text(b,
                        marker && !numbered ? pf_str_slice(line.body, marker, line.body.len) : raw,
                        &style, PF_TEXT_LINES);
        pf_builder_line_break(b);
        if (marker && !numbered) {
            pf_builder_block_end(b);
            open = false;
        }
    }
    pf_builder_block_end(b);
}

pf_status pf_ingest_read_text(struct pf_doc_builder *b, struct pf_str bytes, bool markdown)
{
    struct pf_buf utf8 = PF_BUF_INIT(bytes.len * 3 + 16);
    const char *encoding = NULL;
    bool repaired = false;
    pf_decode_text(bytes, &utf8, &encoding, &repaired);
    if (repaired)
        pf_builder_warn(b, "invalid_utf8", "invalid %s sequences were replaced by U+FFFD",
                        encoding);
    if (strcmp(encoding, "utf-8") != 0)
        pf_builder_warn(b, "encoding", "decoded from %s", encoding);
    /* Carriage returns: CRLF and lone CR both end a line. */
    struct pf_buf lines = PF_BUF_INIT(utf8.len + 16);
    const char *p = pf_buf_cstr(&utf8);
    for (size_t i = 0; i < utf8.len; i++) {
        if (p[i] == '\r') {
            if (i + 1 < utf8.len && p[i + 1] == '\n')
                continue;
            pf_buf_putc(&lines, '\n');
            continue;
        }
        pf_buf_putc(&lines, p[i]);
    }
    pf_buf_fini(&utf8);
    pf_builder_page(b, 0, 0);
    if (markdown)
        read_markdown(b, pf_buf_view(&lines));
    else
        read_plain(b, pf_buf_view(&lines));
    pf_buf_fini(&lines);
    return b->status;
}
