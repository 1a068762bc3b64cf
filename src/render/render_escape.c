/* Escaping for every output format (HTML, XML, Markdown, URLs), kept in one place so no writer
 * or handler builds markup by hand. */
#include "render/render_escape.h"

#include <string.h>

static bool is_alnum(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch >= 0x80;
}

void pf_escape_html(struct pf_buf *out, struct pf_str text)
{
    size_t start = 0;
    for (size_t i = 0; i < text.len; i++) {
        const char *entity;
        switch (text.ptr[i]) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&#34;";
            break;
        case '\'':
            entity = "&#39;";
            break;
        default:
            continue;
        }
        pf_buf_append(out, text.ptr + start, i - start);
        pf_buf_puts(out, entity);
        start = i + 1;
    }
    pf_buf_append(out, text.ptr + start, text.len - start);
}

void pf_escape_xml(struct pf_buf *out, struct pf_str text)
{
    const char *p = text.ptr;
    const char *end = text.ptr + text.len;
    while (p < end) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x80) {
            switch (ch) {
            case '&':
                pf_buf_puts(out, "&amp;");
                break;
            case '<':
                pf_buf_puts(out, "&lt;");
                break;
            case '>':
                pf_buf_puts(out, "&gt;");
                break;
            case '"':
                pf_buf_puts(out, "&quot;");
                break;
            default:
                if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
                    pf_buf_putc(out, (char)ch);
                break;
            }
            p++;
            continue;
        }
        const char *start = p;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            p++;
            continue;
        }
        if (cp != 0xFFFE && cp != 0xFFFF)
            pf_buf_append(out, start, (size_t)(p - start));
    }
}

/* True when the line starting at text[i] consists only of ch (at least once) and spaces: a
 * setext underline or thematic break if left unescaped. */
static bool line_only_of(struct pf_str text, size_t i, char ch)
{
    bool seen = false;
    for (; i < text.len && text.ptr[i] != '\n'; i++) {
        if (text.ptr[i] == ch)
            seen = true;
        else if (text.ptr[i] != ' ' && text.ptr[i] != '\t')
            return false;
    }
    return seen;
}

/* Handles the first non-blank character of a line; returns how many bytes it consumed. */
static size_t escape_line_start(struct pf_buf *out, struct pf_str text, size_t i)
{
    char ch = text.ptr[i];
    char next = i + 1 < text.len ? text.ptr[i + 1] : '\n';
    bool next_blank = next == ' ' || next == '\t' || next == '\n';
    if (ch == '#' || ch == '=' || ch == '~' ||
        ((ch == '-' || ch == '+') && (next_blank || line_only_of(text, i, ch)))) {
        pf_buf_putc(out, '\\');
        pf_buf_putc(out, ch);
        return 1;
    }
    if (ch >= '0' && ch <= '9') {
        size_t j = i;
        while (j < text.len && j - i < 9 && text.ptr[j] >= '0' && text.ptr[j] <= '9')
            j++;
        if (j < text.len && (text.ptr[j] == '.' || text.ptr[j] == ')')) {
            char after = j + 1 < text.len ? text.ptr[j + 1] : '\n';
            if (after == ' ' || after == '\t' || after == '\n') {
                pf_buf_append(out, text.ptr + i, j - i);
                pf_buf_putc(out, '\\');
                pf_buf_putc(out, text.ptr[j]);
                return j - i + 1;
            }
        }
    }
    return 0;
}

static bool entity_follows(struct pf_str text, size_t i)
{
    size_t j = i + 1;
    if (j < text.len && text.ptr[j] == '#')
        j++;
    size_t start = j;
    while (j < text.len && j - start < 32 && is_alnum((unsigned char)text.ptr[j]) &&
           (unsigned char)text.ptr[j] < 0x80)
        j++;
    return j > start && j < text.len && text.ptr[j] == ';';
}

void pf_escape_markdown(struct pf_buf *out, struct pf_str text)
{
    bool line_start = true;
    for (size_t i = 0; i < text.len;) {
        unsigned char ch = (unsigned char)text.ptr[i];
        if (line_start && (ch == ' ' || ch == '\t')) {
            /* Leading blanks would make an indented code block: keep one space at most. */
            size_t j = i;
            while (j < text.len && (text.ptr[j] == ' ' || text.ptr[j] == '\t'))
                j++;
            if (j - i < 4)
                pf_buf_append(out, text.ptr + i, j - i);
            else
                pf_buf_putc(out, ' ');
            i = j;
            continue;
        }
        if (line_start && ch != '\n') {
            line_start = false;
            size_t used = escape_line_start(out, text, i);
            if (used) {
                i += used;
                continue;
            }
        }
        switch (ch) {
        case '\\':
        case '`':
        case '*':
        case '[':
        case ']':
        case '<':
        case '>':
            pf_buf_putc(out, '\\');
            pf_buf_putc(out, (char)ch);
            break;
        case '_': {
            bool inner = i > 0 && i + 1 < text.len && is_alnum((unsigned char)text.ptr[i - 1]) &&
                         is_alnum((unsigned char)text.ptr[i + 1]);
            if (!inner)
                pf_buf_putc(out, '\\');
            pf_buf_putc(out, '_');
            break;
        }
        case '&':
            if (entity_follows(text, i))
                pf_buf_putc(out, '\\');
            pf_buf_putc(out, '&');
            break;
        case '\n':
            pf_buf_putc(out, '\n');
            line_start = true;
            break;
        case '\r':
            break;
        default:
            pf_buf_putc(out, (char)ch);
            break;
        }
        i++;
    }
}

static bool scheme_allowed(struct pf_str url, bool *out_has_scheme)
{
    size_t i = 0;
    while (i < url.len && is_alnum((unsigned char)url.ptr[i]) && (unsigned char)url.ptr[i] < 0x80)
        i++;
    while (i < url.len && (url.ptr[i] == '+' || url.ptr[i] == '-' || url.ptr[i] == '.' ||
                           is_alnum((unsigned char)url.ptr[i])))
        i++;
    *out_has_scheme = i > 0 && i < url.len && url.ptr[i] == ':';
    if (!*out_has_scheme)
        return true;
    struct pf_str scheme = pf_str_make(url.ptr, i);
    return pf_str_case_eq_cstr(scheme, "http") || pf_str_case_eq_cstr(scheme, "https") ||
           pf_str_case_eq_cstr(scheme, "mailto") || pf_str_case_eq_cstr(scheme, "tel");
}

bool pf_escape_url(struct pf_buf *out, struct pf_str url)
{
    url = pf_str_trim(url);
    bool has_scheme;
    if (url.len == 0 || !scheme_allowed(url, &has_scheme))
        return false;
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < url.len; i++) {
        unsigned char ch = (unsigned char)url.ptr[i];
        if (ch <= 0x20 || ch == 0x7f || ch == '"' || ch == '<' || ch == '>' || ch == '\\' ||
            ch == '`' || ch == '\'') {
            pf_buf_putc(out, '%');
            pf_buf_putc(out, hex[ch >> 4]);
            pf_buf_putc(out, hex[ch & 15]);
        } else {
            pf_buf_putc(out, (char)ch);
        }
    }
    return true;
}

void pf_escape_cairo_string(struct pf_buf *out, struct pf_str text)
{
    for (size_t i = 0; i < text.len; i++) {
        if (text.ptr[i] == '\\' || text.ptr[i] == '\'')
            pf_buf_putc(out, '\\');
        pf_buf_putc(out, text.ptr[i]);
    }
}
