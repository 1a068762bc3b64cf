/* Jinja string filters (case, trim, replace, truncate, striptags, indent, format, tojson...)
 * and the string helpers str methods share. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/jinja/jinja_int.h"
#include "render/render_case.h"

#define FILTER(fname)                                                                              \
    static pf_status fname(struct pf_jinja_state *state, const struct pf_jinja_node *node,         \
                           struct pf_jinja_value in, const struct pf_jinja_value *args, size_t n,  \
                           const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk, \
                           struct pf_jinja_value *out)
#define ARG(pos, name) pf_jinja_arg(args, n, names, kw, nk, pos, name)
#define UNUSED_ARGS()                                                                              \
    do {                                                                                           \
        (void)args;                                                                                \
        (void)n;                                                                                   \
        (void)names;                                                                               \
        (void)kw;                                                                                  \
        (void)nk;                                                                                  \
    } while (0)

bool pf_jinja_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1c && cp <= 0x1f) || cp == 0x85 ||
           cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

static bool is_cased(uint32_t cp)
{
    return pf_case_upper(cp) != cp || pf_case_lower(cp) != cp || cp == 0xdf;
}

static bool is_jinja_word_break(uint32_t cp)
{
    return pf_jinja_is_space(cp) || cp == '-' || cp == '(' || cp == '{' || cp == '[' || cp == '<';
}

static void put_cp(struct pf_buf *buf, uint32_t cp)
{
    char tmp[4];
    pf_buf_append(buf, tmp, pf_utf8_encode(cp, tmp));
}

pf_status pf_jinja_case(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                        struct pf_jinja_value in, enum pf_jinja_case mode,
                        struct pf_jinja_value *out)
{
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    const char *p = s.as.str.ptr;
    const char *end = p + s.as.str.len;
    bool first = true;       /* capitalize: the first character; title: a word start */
    bool prev_cased = false; /* str.title(): the previous character was cased */
    bool prev_break = true;  /* Jinja title: the previous character was a word break */
    while (p < end) {
        int32_t c = pf_utf8_decode(&p, end);
        if (c < 0) {
            pf_buf_putc(&buf, *p++);
            continue;
        }
        uint32_t cp = (uint32_t)c;
        switch (mode) {
        case PF_JCASE_UPPER:
            cp = pf_case_upper(cp);
            break;
        case PF_JCASE_LOWER:
            cp = pf_case_lower(cp);
            break;
        case PF_JCASE_CAPITALIZE:
            cp = first ? pf_case_upper(cp) : pf_case_lower(cp);
            break;
        case PF_JCASE_TITLE:
            /* Jinja splits on runs of [-\s({[<]; each piece gets item[0].upper() +
             * item[1:].lower(), and a run of breaks is a piece of its own. */
            if (is_jinja_word_break(cp)) {
                prev_break = true;
                break;
            }
            cp = prev_break ? pf_case_upper(cp) : pf_case_lower(cp);
            prev_break = false;
            break;
        case PF_JCASE_PY_TITLE:
            cp = prev_cased ? pf_case_lower(cp) : pf_case_upper(cp);
            prev_cased = is_cased((uint32_t)c);
            break;
        }
        first = false;
        put_cp(&buf, cp);
    }
    return pf_jv_finish_str(state, node, &buf, (s.flags & PF_JV_SAFE) != 0, out);
}

static bool in_chars(struct pf_str chars, uint32_t cp)
{
    const char *p = chars.ptr;
    const char *end = p + chars.len;
    while (p < end) {
        int32_t c = pf_utf8_decode(&p, end);
        if (c < 0)
            p++;
        else if ((uint32_t)c == cp)
            return true;
    }
    return false;
}

pf_status pf_jinja_strip(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         struct pf_jinja_value in, const struct pf_jinja_value *chars, bool left,
                         bool right, struct pf_jinja_value *out)
{
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    if (chars && chars->kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "strip arg must be None or str");
    const char *start = s.as.str.ptr;
    const char *end = start + s.as.str.len;
    while (left && start < end) {
        const char *p = start;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0 ||
            !(chars ? in_chars(chars->as.str, (uint32_t)cp) : pf_jinja_is_space((uint32_t)cp)))
            break;
        start = p;
    }
    while (right && end > start) {
        const char *q = end - 1;
        while (q > start && ((unsigned char)*q & 0xC0) == 0x80)
            q--;
        const char *p = q;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0 ||
            !(chars ? in_chars(chars->as.str, (uint32_t)cp) : pf_jinja_is_space((uint32_t)cp)))
            break;
        end = q;
    }
    *out = pf_jv_str(pf_str_make(start, (size_t)(end - start)), (s.flags & PF_JV_SAFE) != 0);
    return PF_OK;
}

pf_status pf_jinja_replace(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           struct pf_str text, struct pf_str old, struct pf_str new_text,
                           int64_t count, bool safe, struct pf_jinja_value *out)
{
    /* Bounded up front: replacing "" inserts new_text between every character. */
    size_t worst = text.len + (text.len + 1) * new_text.len;
    if (new_text.len && text.len + 1 > (SIZE_MAX - text.len) / new_text.len)
        worst = SIZE_MAX;
    pf_status st = pf_jinja_reserve(state, node, old.len ? text.len : worst);
    if (st != PF_OK)
        return st;
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    int64_t done = 0;
    if (old.len == 0) {
        size_t i = 0;
        while (i <= text.len) {
            if (count < 0 || done < count) {
                pf_buf_append_str(&buf, new_text);
                done++;
            }
            if (i == text.len)
                break;
            size_t next = i + 1;
            while (next < text.len && ((unsigned char)text.ptr[next] & 0xC0) == 0x80)
                next++;
            pf_buf_append(&buf, text.ptr + i, next - i);
            i = next;
        }
    } else {
        struct pf_str rest = text;
        long at;
        while ((count < 0 || done < count) && (at = pf_str_find(rest, old)) >= 0) {
            pf_buf_append(&buf, rest.ptr, (size_t)at);
            pf_buf_append_str(&buf, new_text);
            rest = pf_str_slice(rest, (size_t)at + old.len, SIZE_MAX);
            done++;
        }
        pf_buf_append_str(&buf, rest);
    }
    return pf_jv_finish_str(state, node, &buf, safe, out);
}

pf_status pf_jinja_split(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         struct pf_str text, const struct pf_str *sep, int64_t maxsplit,
                         struct pf_jinja_value *out)
{
    struct pf_jinja_value list = pf_jv_list(state->arena, 0, false);
    pf_status st = pf_jinja_reserve(state, node, (text.len + 1) * sizeof(struct pf_jinja_value));
    if (st != PF_OK)
        return st;
    int64_t splits = 0;
    if (sep) {
        struct pf_str rest = text;
        long at;
        while ((maxsplit < 0 || splits < maxsplit) && (at = pf_str_find(rest, *sep)) >= 0) {
            pf_jv_list_push(state->arena, list.as.list,
                            pf_jv_str(pf_str_make(rest.ptr, (size_t)at), false));
            rest = pf_str_slice(rest, (size_t)at + sep->len, SIZE_MAX);
            splits++;
        }
        pf_jv_list_push(state->arena, list.as.list, pf_jv_str(rest, false));
        *out = list;
        return PF_OK;
    }
    const char *p = text.ptr;
    const char *end = p + text.len;
    for (;;) {
        const char *q = p;
        while (p < end) {
            q = p;
            int32_t cp = pf_utf8_decode(&q, end);
            if (cp < 0 || !pf_jinja_is_space((uint32_t)cp))
                break;
            p = q;
        }
        if (p >= end)
            break;
        if (maxsplit >= 0 && splits >= maxsplit) {
            const char *e = end;
            while (e > p && pf_jinja_is_space((unsigned char)e[-1]))
                e--;
            pf_jv_list_push(state->arena, list.as.list,
                            pf_jv_str(pf_str_make(p, (size_t)(e - p)), false));
            break;
        }
        const char *word = p;
        while (p < end) {
            q = p;
            int32_t cp = pf_utf8_decode(&q, end);
            if (cp >= 0 && pf_jinja_is_space((uint32_t)cp))
                break;
            p = cp < 0 ? p + 1 : q;
        }
        pf_jv_list_push(state->arena, list.as.list,
                        pf_jv_str(pf_str_make(word, (size_t)(p - word)), false));
        splits++;
    }
    *out = list;
    return PF_OK;
}

FILTER(f_upper)
{
    UNUSED_ARGS();
    return pf_jinja_case(state, node, in, PF_JCASE_UPPER, out);
}

FILTER(f_lower)
{
    UNUSED_ARGS();
    return pf_jinja_case(state, node, in, PF_JCASE_LOWER, out);
}

FILTER(f_capitalize)
{
    UNUSED_ARGS();
    return pf_jinja_case(state, node, in, PF_JCASE_CAPITALIZE, out);
}

FILTER(f_title)
{
    UNUSED_ARGS();
    return pf_jinja_case(state, node, in, PF_JCASE_TITLE, out);
}

FILTER(f_trim)
{
    const struct pf_jinja_value *chars = ARG(0, "chars");
    if (chars && chars->kind == PF_JV_NONE)
        chars = NULL;
    return pf_jinja_strip(state, node, in, chars, true, true, out);
}

FILTER(f_string)
{
    UNUSED_ARGS();
    return pf_jinja_to_string(state, node, in, out);
}

FILTER(f_safe)
{
    UNUSED_ARGS();
    pf_status st = pf_jinja_to_string(state, node, in, out);
    out->flags |= PF_JV_SAFE;
    return st;
}

FILTER(f_escape)
{
    UNUSED_ARGS();
    return pf_jinja_escape_value(state, node, in, out);
}

FILTER(f_forceescape)
{
    UNUSED_ARGS();
    pf_status st = pf_jinja_to_string(state, node, in, &in);
    in.flags = 0;
    return st != PF_OK ? st : pf_jinja_escape_value(state, node, in, out);
}

FILTER(f_replace)
{
    const struct pf_jinja_value *old = ARG(0, "old");
    const struct pf_jinja_value *new_text = ARG(1, "new");
    const struct pf_jinja_value *count = ARG(2, "count");
    if (!old || !new_text)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "replace needs old and new");
    struct pf_jinja_value s, o, w;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st == PF_OK)
        st = pf_jinja_to_string(state, node, *old, &o);
    if (st == PF_OK)
        st = pf_jinja_to_string(state, node, *new_text, &w);
    if (st != PF_OK)
        return st;
    int64_t limit = -1;
    if (count && count->kind == PF_JV_INT)
        limit = count->as.integer;
    bool any_safe = (s.flags | o.flags | w.flags) & PF_JV_SAFE;
    if (state->env->autoescape == PF_JINJA_ESCAPE_NONE || !any_safe)
        return pf_jinja_replace(state, node, s.as.str, o.as.str, w.as.str, limit, false, out);
    /* Markup.replace escapes its arguments; a plain string meeting markup is escaped first. */
    st = pf_jinja_escape_value(state, node, s, &s);
    if (st == PF_OK)
        st = pf_jinja_escape_value(state, node, o, &o);
    if (st == PF_OK)
        st = pf_jinja_escape_value(state, node, w, &w);
    return st != PF_OK
               ? st
               : pf_jinja_replace(state, node, s.as.str, o.as.str, w.as.str, limit, true, out);
}

FILTER(f_truncate)
{
    const struct pf_jinja_value *length_arg = ARG(0, "length");
    const struct pf_jinja_value *killwords = ARG(1, "killwords");
    const struct pf_jinja_value *end_arg = ARG(2, "end");
    const struct pf_jinja_value *leeway_arg = ARG(3, "leeway");
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    int64_t length = length_arg && length_arg->kind == PF_JV_INT ? length_arg->as.integer : 255;
    int64_t leeway = leeway_arg && leeway_arg->kind == PF_JV_INT ? leeway_arg->as.integer : 5;
    struct pf_str end = end_arg && end_arg->kind == PF_JV_STRING ? end_arg->as.str : PF_STR("...");
    int64_t end_len = (int64_t)pf_jv_utf8_len(end);
    if (length < end_len)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "expected length >= %lld, got %lld",
                             (long long)end_len, (long long)length);
    if (leeway < 0)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "expected leeway >= 0");
    int64_t len = (int64_t)pf_jv_utf8_len(s.as.str);
    if (len <= length + leeway) {
        *out = s;
        return PF_OK;
    }
    struct pf_str head =
        pf_str_make(s.as.str.ptr, pf_jv_utf8_offset(s.as.str, (size_t)(length - end_len)));
    if (!(killwords && pf_jv_truthy(*killwords))) {
        /* s[:length - len(end)].rsplit(" ", 1)[0] */
        for (size_t i = head.len; i > 0; i--) {
            if (head.ptr[i - 1] == ' ') {
                head.len = i - 1;
                break;
            }
        }
    }
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    pf_buf_append_str(&buf, head);
    pf_buf_append_str(&buf, end);
    return pf_jv_finish_str(state, node, &buf, false, out);
}

static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xa0},    {"copy", 0xa9},    {"reg", 0xae},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201c},
    {"rdquo", 0x201d}, {"bull", 0x2022},  {"middot", 0xb7},  {"euro", 0x20ac},  {"pound", 0xa3},
    {"yen", 0xa5},     {"sect", 0xa7},    {"deg", 0xb0},     {"plusmn", 0xb1},  {"times", 0xd7},
    {"divide", 0xf7},  {"laquo", 0xab},   {"raquo", 0xbb},
};

/* html.unescape for numeric references and the entities above. */
static void unescape_html(struct pf_buf *buf, struct pf_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] != '&') {
            pf_buf_putc(buf, s.ptr[i]);
            continue;
        }
        size_t semi = i + 1;
        while (semi < s.len && semi - i < 34 && s.ptr[semi] != ';' && s.ptr[semi] != '&')
            semi++;
        if (semi >= s.len || s.ptr[semi] != ';') {
            pf_buf_putc(buf, '&');
            continue;
        }
        struct pf_str name = pf_str_make(s.ptr + i + 1, semi - i - 1);
        uint32_t cp = 0;
        bool found = false;
        if (name.len > 1 && name.ptr[0] == '#') {
            bool hex = name.ptr[1] == 'x' || name.ptr[1] == 'X';
            char digits[16];
            size_t nd = name.len - (hex ? 2 : 1);
            if (nd > 0 && nd < sizeof(digits)) {
                memcpy(digits, name.ptr + (hex ? 2 : 1), nd);
                digits[nd] = '\0';
                char *endp;
                unsigned long v = strtoul(digits, &endp, hex ? 16 : 10);
                found = *endp == '\0' && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
                cp = (uint32_t)v;
            }
        } else {
            for (size_t k = 0; k < PF_ARRAY_LEN(entities) && !found; k++) {
                if (pf_str_eq_cstr(name, entities[k].name)) {
                    cp = entities[k].cp;
                    found = true;
                }
            }
        }
        if (!found) {
            pf_buf_putc(buf, '&');
            continue;
        }
        put_cp(buf, cp);
        i = semi;
    }
}

FILTER(f_striptags)
{
    UNUSED_ARGS();
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    /* markupsafe: drop <!-- ... --> comments, then <...> tags, collapse whitespace, unescape. */
    struct pf_buf pass1, pass2, words;
    pf_jv_buf_init(state, &pass1);
    pf_jv_buf_init(state, &pass2);
    pf_jv_buf_init(state, &words);
    struct pf_str text = s.as.str;
    for (int pass = 0; pass < 2; pass++) {
        struct pf_buf *dst = pass == 0 ? &pass1 : &pass2;
        struct pf_str open = pass == 0 ? PF_STR("<!--") : PF_STR("<");
        struct pf_str close = pass == 0 ? PF_STR("-->") : PF_STR(">");
        struct pf_str rest = text;
        long at;
        while ((at = pf_str_find(rest, open)) >= 0) {
            long stop = pf_str_find(pf_str_slice(rest, (size_t)at, SIZE_MAX), close);
            if (stop < 0)
                break;
            pf_buf_append(dst, rest.ptr, (size_t)at);
            rest = pf_str_slice(rest, (size_t)at + (size_t)stop + close.len, SIZE_MAX);
        }
        pf_buf_append_str(dst, rest);
        text = pf_buf_view(dst);
    }
    struct pf_jinja_value parts;
    st = pf_jinja_split(state, node, text, NULL, -1, &parts);
    for (size_t i = 0; st == PF_OK && i < parts.as.list->len; i++) {
        if (i)
            pf_buf_putc(&words, ' ');
        pf_buf_append_str(&words, parts.as.list->items[i].as.str);
    }
    struct pf_buf result;
    pf_jv_buf_init(state, &result);
    unescape_html(&result, pf_buf_view(&words));
    pf_buf_fini(&pass1);
    pf_buf_fini(&pass2);
    pf_buf_fini(&words);
    if (st != PF_OK) {
        pf_buf_fini(&result);
        return st;
    }
    return pf_jv_finish_str(state, node, &result, false, out);
}

static bool is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_';
    /* Non-ASCII letters and digits count as \w; spaces and general punctuation do not. */
    return !pf_jinja_is_space(cp) &&
           !(cp >= 0xa1 && cp <= 0xbf && cp != 0xaa && cp != 0xb5 && cp != 0xba && cp != 0xb2 &&
             cp != 0xb3 && cp != 0xb9) &&
           cp != 0xd7 && cp != 0xf7 && !(cp >= 0x2010 && cp <= 0x205e) &&
           !(cp >= 0x3000 && cp <= 0x303f);
}

FILTER(f_wordcount)
{
    UNUSED_ARGS();
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    int64_t count = 0;
    bool in_word = false;
    const char *p = s.as.str.ptr;
    const char *end = p + s.as.str.len;
    while (p < end) {
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            p++;
            continue;
        }
        bool word = is_word_cp((uint32_t)cp);
        if (word && !in_word)
            count++;
        in_word = word;
    }
    *out = pf_jv_int(count);
    return PF_OK;
}

/* str.splitlines() boundaries. */
static size_t line_break_len(struct pf_str s, size_t i)
{
    unsigned char ch = (unsigned char)s.ptr[i];
    if (ch == '\r')
        return i + 1 < s.len && s.ptr[i + 1] == '\n' ? 2 : 1;
    if (ch == '\n' || ch == '\v' || ch == '\f' || (ch >= 0x1c && ch <= 0x1e))
        return 1;
    if (ch == 0xc2 && i + 1 < s.len && (unsigned char)s.ptr[i + 1] == 0x85)
        return 2;
    if (ch == 0xe2 && i + 2 < s.len && (unsigned char)s.ptr[i + 1] == 0x80 &&
        ((unsigned char)s.ptr[i + 2] == 0xa8 || (unsigned char)s.ptr[i + 2] == 0xa9))
        return 3;
    return 0;
}

FILTER(f_indent)
{
    const struct pf_jinja_value *width = ARG(0, "width");
    const struct pf_jinja_value *first = ARG(1, "first");
    const struct pf_jinja_value *blank = ARG(2, "blank");
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    struct pf_str indent = PF_STR("    ");
    if (width && width->kind == PF_JV_STRING) {
        indent = width->as.str;
    } else if (width && (width->kind == PF_JV_INT || width->kind == PF_JV_BOOL)) {
        int64_t w = width->kind == PF_JV_BOOL ? width->as.boolean : width->as.integer;
        if (w < 0)
            w = 0;
        st = pf_jinja_reserve(state, node, (size_t)w * 2);
        if (st != PF_OK)
            return st;
        char *spaces = pf_arena_alloc(state->arena, (size_t)w + 1);
        memset(spaces, ' ', (size_t)w);
        indent = pf_str_make(spaces, (size_t)w);
    }
    /* Jinja2: lines = (s + "\n").splitlines(); the first line stays as it is, the others get
     * the indent unless empty (every one with blank=True); first=True indents the first. */
    struct pf_str text = s.as.str;
    size_t lines = 1;
    for (size_t i = 0; i < text.len; i++)
        if (text.ptr[i] == '\n')
            lines++;
    if (indent.len && lines > SIZE_MAX / indent.len / 2)
        return pf_jinja_reserve(state, node, SIZE_MAX);
    st = pf_jinja_reserve(state, node, text.len + lines * indent.len);
    if (st != PF_OK)
        return st;
    bool indent_blank = blank && pf_jv_truthy(*blank);
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    if (first && pf_jv_truthy(*first))
        pf_buf_append_str(&buf, indent);
    size_t line_start = 0;
    bool first_line = true;
    size_t i = 0;
    /* Each line of text ends at a break or at the end (the added "\n" ends the last one). */
    while (line_start <= text.len) {
        while (i < text.len && !line_break_len(text, i))
            i++;
        struct pf_str line = pf_str_make(text.ptr + line_start, i - line_start);
        if (!first_line) {
            pf_buf_putc(&buf, '\n');
            if (line.len || indent_blank)
                pf_buf_append_str(&buf, indent);
        }
        pf_buf_append_str(&buf, line);
        first_line = false;
        if (i >= text.len)
            break;
        i += line_break_len(text, i);
        line_start = i;
    }
    return pf_jv_finish_str(state, node, &buf, (s.flags & PF_JV_SAFE) != 0, out);
}

FILTER(f_center)
{
    const struct pf_jinja_value *width = ARG(0, "width");
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    int64_t w = width && width->kind == PF_JV_INT ? width->as.integer : 80;
    int64_t len = (int64_t)pf_jv_utf8_len(s.as.str);
    if (w <= len) {
        *out = s;
        return PF_OK;
    }
    st = pf_jinja_reserve(state, node, (size_t)w);
    if (st != PF_OK)
        return st;
    /* CPython: left = pad / 2 + (pad & width & 1). */
    int64_t pad = w - len;
    int64_t left = pad / 2 + (pad & w & 1);
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    for (int64_t i = 0; i < left; i++)
        pf_buf_putc(&buf, ' ');
    pf_buf_append_str(&buf, s.as.str);
    for (int64_t i = 0; i < pad - left; i++)
        pf_buf_putc(&buf, ' ');
    return pf_jv_finish_str(state, node, &buf, false, out);
}

FILTER(f_format)
{
    struct pf_jinja_value s;
    pf_status st = pf_jinja_to_string(state, node, in, &s);
    if (st != PF_OK)
        return st;
    if (nk) {
        struct pf_jinja_value dict = pf_jv_dict(state->arena, nk);
        for (size_t i = 0; i < nk; i++)
            pf_jv_dict_set(state->arena, dict.as.dict, pf_jv_str(names[i], false), kw[i]);
        return pf_jinja_percent_format(state, node, s, &dict, 1, out);
    }
    return pf_jinja_percent_format(state, node, s, args, n, out);
}

static int compare_keys(const void *a, const void *b)
{
    const struct pf_jinja_value *x = *(const struct pf_jinja_value *const *)a;
    const struct pf_jinja_value *y = *(const struct pf_jinja_value *const *)b;
    size_t len = x->as.str.len < y->as.str.len ? x->as.str.len : y->as.str.len;
    int c = len ? memcmp(x->as.str.ptr, y->as.str.ptr, len) : 0;
    return c ? c : (x->as.str.len > y->as.str.len) - (x->as.str.len < y->as.str.len);
}

/* json.dumps(sort_keys=True) with ensure_ascii, then Jinja's htmlsafe replacements. */
static pf_status write_json(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            struct pf_buf *buf, struct pf_jinja_value v, int depth)
{
    if (depth > 100)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "tojson: value nests too deeply");
    switch (v.kind) {
    case PF_JV_NONE:
        pf_buf_puts(buf, "null");
        return PF_OK;
    case PF_JV_BOOL:
        pf_buf_puts(buf, v.as.boolean ? "true" : "false");
        return PF_OK;
    case PF_JV_INT:
    case PF_JV_FLOAT:
        if (v.kind == PF_JV_FLOAT && isnan(v.as.number))
            pf_buf_puts(buf, "NaN");
        else if (v.kind == PF_JV_FLOAT && isinf(v.as.number))
            pf_buf_puts(buf, v.as.number < 0 ? "-Infinity" : "Infinity");
        else
            pf_jv_write_str(buf, v);
        return PF_OK;
    case PF_JV_STRING: {
        pf_buf_putc(buf, '"');
        const char *p = v.as.str.ptr;
        const char *end = p + v.as.str.len;
        while (p < end) {
            int32_t cp = pf_utf8_decode(&p, end);
            if (cp < 0) {
                p++;
                continue;
            }
            if (cp == '"' || cp == '\\') {
                pf_buf_putc(buf, '\\');
                pf_buf_putc(buf, (char)cp);
            } else if (cp == '\n') {
                pf_buf_puts(buf, "\\n");
            } else if (cp == '\r') {
                pf_buf_puts(buf, "\\r");
            } else if (cp == '\t') {
                pf_buf_puts(buf, "\\t");
            } else if (cp == '\b') {
                pf_buf_puts(buf, "\\b");
            } else if (cp == '\f') {
                pf_buf_puts(buf, "\\f");
            } else if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == '\'' ||
                       (cp >= 0x7f && cp < 0x10000)) {
                pf_buf_printf(buf, "\\u%04x", (unsigned)cp);
            } else if (cp >= 0x10000) {
                uint32_t c = (uint32_t)cp - 0x10000;
                pf_buf_printf(buf, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
            } else {
                pf_buf_putc(buf, (char)cp);
            }
        }
        pf_buf_putc(buf, '"');
        return PF_OK;
    }
    case PF_JV_LIST:
        pf_buf_putc(buf, '[');
        for (size_t i = 0; i < v.as.list->len; i++) {
            if (i)
                pf_buf_puts(buf, ", ");
            pf_status st = write_json(state, node, buf, v.as.list->items[i], depth + 1);
            if (st != PF_OK)
                return st;
        }
        pf_buf_putc(buf, ']');
        return PF_OK;
    case PF_JV_DICT: {
        size_t len = v.as.dict->len;
        const struct pf_jinja_value **keys =
            pf_arena_alloc(state->arena, (len + 1) * sizeof(*keys));
        for (size_t i = 0; i < len; i++) {
            if (v.as.dict->keys[i].kind != PF_JV_STRING)
                return pf_jinja_fail(state, node, PF_E_TEMPLATE, "tojson: keys must be strings");
            keys[i] = &v.as.dict->keys[i];
        }
        qsort(keys, len, sizeof(*keys), compare_keys);
        pf_buf_putc(buf, '{');
        for (size_t i = 0; i < len; i++) {
            if (i)
                pf_buf_puts(buf, ", ");
            pf_status st = write_json(state, node, buf, *keys[i], depth + 1);
            pf_buf_puts(buf, ": ");
            if (st == PF_OK)
                st = write_json(state, node, buf, *pf_jv_dict_get(v.as.dict, *keys[i]), depth + 1);
            if (st != PF_OK)
                return st;
        }
        pf_buf_putc(buf, '}');
        return PF_OK;
    }
    default:
        if (v.kind == PF_JV_UNDEFINED)
            return pf_jinja_undefined_error(state, node, v);
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "Object of type %s is not JSON serializable", pf_jv_type_name(v));
    }
}

FILTER(f_tojson)
{
    UNUSED_ARGS();
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    pf_status st = write_json(state, node, &buf, in, 0);
    if (st != PF_OK) {
        pf_buf_fini(&buf);
        return st;
    }
    return pf_jv_finish_str(state, node, &buf, true, out);
}

static const struct {
    const char *name;
    pf_jinja_filter_fn fn;
} string_filters[] = {
    {"capitalize", f_capitalize},
    {"center", f_center},
    {"e", f_escape},
    {"escape", f_escape},
    {"forceescape", f_forceescape},
    {"format", f_format},
    {"indent", f_indent},
    {"lower", f_lower},
    {"replace", f_replace},
    {"safe", f_safe},
    {"string", f_string},
    {"striptags", f_striptags},
    {"title", f_title},
    {"tojson", f_tojson},
    {"trim", f_trim},
    {"truncate", f_truncate},
    {"upper", f_upper},
    {"wordcount", f_wordcount},
};

pf_jinja_filter_fn pf_jinja_filter_find(struct pf_str name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(string_filters); i++)
        if (pf_str_eq_cstr(name, string_filters[i].name))
            return string_filters[i].fn;
    return pf_jinja_seq_filter_find(name);
}
