/* Jinja lexer: splits template source into text, tag delimiters and expression tokens, applying
 * whitespace control (`{%-`, `-%}`...) as Jinja2's lexer does with its default settings. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "render/jinja/jinja_int.h"

enum tag_kind { TAG_NONE, TAG_VAR, TAG_BLOCK, TAG_COMMENT };

struct lexer {
    struct pf_arena *arena;
    const char *src;
    size_t len;
    size_t pos;
    struct pf_jinja_token *tokens; /* heap while lexing */
    size_t count, cap;
    bool lstrip_next; /* the previous tag ended with `-`: strip the next text's head */
    char balance[PF_JINJA_MAX_EXPR_DEPTH];
    size_t balance_len;
    struct pf_error *err;
    uint32_t error_offset;
};

/* Python's \s over ASCII, plus the information separators str.split() also treats as space. */
static bool is_space(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r') || (ch >= 0x1c && ch <= 0x1f);
}

static bool is_name_start(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static bool is_name_char(unsigned char ch)
{
    return is_name_start(ch) || (ch >= '0' && ch <= '9');
}

static pf_status fail(struct lexer *lx, size_t offset, const char *message)
{
    lx->error_offset = (uint32_t)offset;
    return pf_error_set(lx->err, PF_E_TEMPLATE, "%s", message);
}

static struct pf_jinja_token *push(struct lexer *lx, enum pf_jinja_tok type, size_t offset)
{
    if (lx->count == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 64;
        lx->tokens = pf_xrealloc(lx->tokens, lx->cap * sizeof(*lx->tokens));
    }
    struct pf_jinja_token *tok = &lx->tokens[lx->count++];
    memset(tok, 0, sizeof(*tok));
    tok->type = type;
    tok->offset = (uint32_t)offset;
    return tok;
}

static void push_text(struct lexer *lx, size_t start, size_t end, bool rstrip)
{
    if (lx->lstrip_next) {
        while (start < end && is_space((unsigned char)lx->src[start]))
            start++;
        lx->lstrip_next = false;
    }
    if (rstrip) {
        while (end > start && is_space((unsigned char)lx->src[end - 1]))
            end--;
    }
    if (end > start) {
        struct pf_jinja_token *tok = push(lx, PF_JTOK_TEXT, start);
        tok->text = pf_str_make(lx->src + start, end - start);
    }
}

/* The next `{{`, `{%` or `{#` at or after from; len when there is none. */
static size_t find_tag(const struct lexer *lx, size_t from, enum tag_kind *out_kind)
{
    for (size_t i = from; i + 1 < lx->len; i++) {
        if (lx->src[i] != '{')
            continue;
        char next = lx->src[i + 1];
        if (next == '{' || next == '%' || next == '#') {
            *out_kind = next == '{' ? TAG_VAR : next == '%' ? TAG_BLOCK : TAG_COMMENT;
            return i;
        }
    }
    *out_kind = TAG_NONE;
    return lx->len;
}

static bool has_at(const struct lexer *lx, size_t pos, const char *lit)
{
    size_t n = strlen(lit);
    return pos + n <= lx->len && memcmp(lx->src + pos, lit, n) == 0;
}

static size_t skip_spaces(const struct lexer *lx, size_t pos)
{
    while (pos < lx->len && is_space((unsigned char)lx->src[pos]))
        pos++;
    return pos;
}

/* Matches `{%[-+]? raw [-+]?%}`-style tags at pos: the keyword kw between optional modifiers.
 * On a match returns true with the end position and whether each side had `-`. */
static bool match_keyword_tag(const struct lexer *lx, size_t pos, const char *kw, size_t *out_end,
                              bool *out_strip_before, bool *out_strip_after)
{
    if (!has_at(lx, pos, "{%"))
        return false;
    size_t p = pos + 2;
    bool strip_before = false;
    if (p < lx->len && (lx->src[p] == '-' || lx->src[p] == '+')) {
        strip_before = lx->src[p] == '-';
        p++;
    }
    p = skip_spaces(lx, p);
    if (!has_at(lx, p, kw))
        return false;
    p += strlen(kw);
    if (p < lx->len && is_name_char((unsigned char)lx->src[p]))
        return false;
    p = skip_spaces(lx, p);
    bool strip_after = false;
    if (p < lx->len && (lx->src[p] == '-' || lx->src[p] == '+')) {
        strip_after = lx->src[p] == '-';
        p++;
    }
    if (!has_at(lx, p, "%}"))
        return false;
    *out_end = p + 2;
    *out_strip_before = strip_before;
    *out_strip_after = strip_after;
    return true;
}

static pf_status lex_raw(struct lexer *lx, size_t tag_start, size_t body_start, bool strip_after)
{
    for (size_t i = body_start; i + 1 < lx->len; i++) {
        size_t end;
        bool strip_before_end;
        bool strip_after_end;
        if (lx->src[i] != '{' ||
            !match_keyword_tag(lx, i, "endraw", &end, &strip_before_end, &strip_after_end))
            continue;
        lx->lstrip_next = strip_after;
        push_text(lx, body_start, i, strip_before_end);
        /* A raw block's text is never merged with what follows it. */
        lx->lstrip_next = strip_after_end;
        lx->pos = end;
        return PF_OK;
    }
    return fail(lx, tag_start, "missing end of raw directive");
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Decodes a Python string literal body (the unicode-escape codec Jinja2 applies). */
static pf_status decode_string(struct lexer *lx, size_t start, size_t end, struct pf_str *out_value)
{
    char *dst = pf_arena_alloc(lx->arena, end - start + 1);
    size_t n = 0;
    for (size_t i = start; i < end; i++) {
        char ch = lx->src[i];
        if (ch != '\\' || i + 1 >= end) {
            dst[n++] = ch;
            continue;
        }
        char esc = lx->src[++i];
        uint32_t cp = 0;
        int digits = 0;
        switch (esc) {
        case '\n':
            continue;
        case '\\':
        case '\'':
        case '"':
            dst[n++] = esc;
            continue;
        case 'n':
            dst[n++] = '\n';
            continue;
        case 't':
            dst[n++] = '\t';
            continue;
        case 'r':
            dst[n++] = '\r';
            continue;
        case 'a':
            dst[n++] = '\a';
            continue;
        case 'b':
            dst[n++] = '\b';
            continue;
        case 'f':
            dst[n++] = '\f';
            continue;
        case 'v':
            dst[n++] = '\v';
            continue;
        case 'x':
            digits = 2;
            break;
        case 'u':
            digits = 4;
            break;
        case 'U':
            digits = 8;
            break;
        default:
            if (esc >= '0' && esc <= '7') {
                cp = (uint32_t)(esc - '0');
                for (int k = 0;
                     k < 2 && i + 1 < end && lx->src[i + 1] >= '0' && lx->src[i + 1] <= '7'; k++)
                    cp = cp * 8 + (uint32_t)(lx->src[++i] - '0');
                n += pf_utf8_encode(cp, dst + n);
                continue;
            }
            dst[n++] = '\\';
            dst[n++] = esc;
            continue;
        }
        for (int k = 0; k < digits; k++) {
            int h = i + 1 < end ? hex_value(lx->src[i + 1]) : -1;
            if (h < 0)
                return fail(lx, i, "truncated escape sequence in string literal");
            cp = cp * 16 + (uint32_t)h;
            i++;
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return fail(lx, i, "string literal escapes an invalid code point");
        n += pf_utf8_encode(cp, dst + n);
    }
    dst[n] = '\0';
    *out_value = pf_str_make(dst, n);
    return PF_OK;
}

/* Copies digits without the `_` separators Python allows; false on a misplaced `_`. */
static bool strip_underscores(const char *ptr, size_t len, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (ptr[i] == '_')
            continue;
        if (n + 1 >= out_size)
            return false;
        out[n++] = ptr[i];
    }
    out[n] = '\0';
    return true;
}

static size_t scan_digits(const struct lexer *lx, size_t pos, int base)
{
    size_t start = pos;
    while (pos < lx->len) {
        char ch = lx->src[pos];
        int v = hex_value(ch);
        if (ch == '_' && pos > start && pos + 1 < lx->len && hex_value(lx->src[pos + 1]) >= 0 &&
            hex_value(lx->src[pos + 1]) < base) {
            pos++;
            continue;
        }
        if (v < 0 || v >= base)
            break;
        pos++;
    }
    return pos;
}

static pf_status lex_number(struct lexer *lx, size_t start)
{
    char digits[128];
    size_t pos = start;
    int base = 10;
    if (lx->src[pos] == '0' && pos + 1 < lx->len) {
        char p = (char)(lx->src[pos + 1] | 0x20);
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    }
    if (base != 10) {
        size_t end = scan_digits(lx, pos + 2, base);
        if (end == pos + 2)
            return fail(lx, start, "invalid integer literal");
        if (!strip_underscores(lx->src + pos + 2, end - pos - 2, digits, sizeof(digits)))
            return fail(lx, start, "integer literal too long");
        errno = 0;
        unsigned long long v = strtoull(digits, NULL, base);
        if (errno || v > INT64_MAX)
            return fail(lx, start, "integer literal too large (integers are 64-bit)");
        push(lx, PF_JTOK_INT, start)->integer = (int64_t)v;
        lx->pos = end;
        return PF_OK;
    }
    size_t end = scan_digits(lx, pos, 10);
    bool is_float = false;
    /* A fraction needs digits after the dot (`1.` is the integer 1 and a dot). A number right
     * after a dot is never a float, so `x.0.1` is two subscripts. */
    bool after_dot = start > 0 && lx->src[start - 1] == '.';
    if (!after_dot && end + 1 < lx->len && lx->src[end] == '.' && lx->src[end + 1] >= '0' &&
        lx->src[end + 1] <= '9') {
        end = scan_digits(lx, end + 1, 10);
        is_float = true;
    }
    if (!after_dot && end < lx->len && (lx->src[end] | 0x20) == 'e') {
        size_t e = end + 1;
        if (e < lx->len && (lx->src[e] == '+' || lx->src[e] == '-'))
            e++;
        if (e < lx->len && lx->src[e] >= '0' && lx->src[e] <= '9') {
            end = scan_digits(lx, e, 10);
            is_float = true;
        }
    }
    if (!strip_underscores(lx->src + start, end - start, digits, sizeof(digits)))
        return fail(lx, start, "number literal too long");
    if (is_float) {
        push(lx, PF_JTOK_FLOAT, start)->number = strtod(digits, NULL);
    } else {
        /* Python refuses leading zeros ("01"): lex "0" alone like Jinja2's integer rule. */
        if (digits[0] == '0') {
            size_t zeros = start;
            while (zeros < end && (lx->src[zeros] == '0' || lx->src[zeros] == '_'))
                zeros++;
            end = zeros;
            digits[0] = '0';
            digits[1] = '\0';
        }
        errno = 0;
        unsigned long long v = strtoull(digits, NULL, 10);
        if (errno || v > INT64_MAX)
            return fail(lx, start, "integer literal too large (integers are 64-bit)");
        push(lx, PF_JTOK_INT, start)->integer = (int64_t)v;
    }
    lx->pos = end;
    return PF_OK;
}

static const struct {
    const char *text;
    enum pf_jinja_tok type;
} operators[] = {
    {"//", PF_JTOK_FLOORDIV}, {"**", PF_JTOK_POW},      {"==", PF_JTOK_EQ},
    {"!=", PF_JTOK_NE},       {">=", PF_JTOK_GTEQ},     {"<=", PF_JTOK_LTEQ},
    {"+", PF_JTOK_ADD},       {"-", PF_JTOK_SUB},       {"/", PF_JTOK_DIV},
    {"*", PF_JTOK_MUL},       {"%", PF_JTOK_MOD},       {"~", PF_JTOK_TILDE},
    {"[", PF_JTOK_LBRACKET},  {"]", PF_JTOK_RBRACKET},  {"(", PF_JTOK_LPAREN},
    {")", PF_JTOK_RPAREN},    {"{", PF_JTOK_LBRACE},    {"}", PF_JTOK_RBRACE},
    {">", PF_JTOK_GT},        {"<", PF_JTOK_LT},        {"=", PF_JTOK_ASSIGN},
    {".", PF_JTOK_DOT},       {":", PF_JTOK_COLON},     {"|", PF_JTOK_PIPE},
    {",", PF_JTOK_COMMA},     {";", PF_JTOK_SEMICOLON},
};

static pf_status lex_operator(struct lexer *lx)
{
    size_t pos = lx->pos;
    for (size_t i = 0; i < PF_ARRAY_LEN(operators); i++) {
        if (!has_at(lx, pos, operators[i].text))
            continue;
        char ch = operators[i].text[0];
        if (operators[i].text[1] == '\0' && (ch == '(' || ch == '[' || ch == '{')) {
            if (lx->balance_len >= sizeof(lx->balance))
                return pf_error_set(lx->err, PF_E_TOO_BIG, "brackets nest too deeply");
            lx->balance[lx->balance_len++] = ch == '(' ? ')' : ch == '[' ? ']' : '}';
        } else if (operators[i].text[1] == '\0' && (ch == ')' || ch == ']' || ch == '}')) {
            if (lx->balance_len == 0)
                return fail(lx, pos,
                            ch == ')'   ? "unexpected ')'"
                            : ch == ']' ? "unexpected ']'"
                                        : "unexpected '}'");
            if (lx->balance[lx->balance_len - 1] != ch)
                return fail(lx, pos, "unexpected closing bracket: brackets do not match");
            lx->balance_len--;
        }
        push(lx, operators[i].type, pos);
        lx->pos = pos + strlen(operators[i].text);
        return PF_OK;
    }
    return fail(lx, pos, "unexpected character in tag");
}

/* Tokens inside `{{ }}` or `{% %}` up to and including the end delimiter. */
static pf_status lex_tag(struct lexer *lx, enum tag_kind kind, size_t tag_start)
{
    const char *close = kind == TAG_VAR ? "}}" : "%}";
    lx->balance_len = 0;
    for (;;) {
        lx->pos = skip_spaces(lx, lx->pos);
        if (lx->pos >= lx->len)
            return fail(lx, tag_start,
                        kind == TAG_VAR ? "unexpected end of template: '}}' missing"
                                        : "unexpected end of template: '%}' missing");
        size_t pos = lx->pos;
        char ch = lx->src[pos];
        if (lx->balance_len == 0) {
            if ((ch == '-' || (ch == '+' && kind == TAG_BLOCK)) && has_at(lx, pos + 1, close)) {
                push(lx, kind == TAG_VAR ? PF_JTOK_VAR_END : PF_JTOK_BLOCK_END, pos);
                lx->pos = pos + 3;
                lx->lstrip_next = ch == '-';
                return PF_OK;
            }
            if (has_at(lx, pos, close)) {
                push(lx, kind == TAG_VAR ? PF_JTOK_VAR_END : PF_JTOK_BLOCK_END, pos);
                lx->pos = pos + 2;
                return PF_OK;
            }
        }
        pf_status st;
        if ((ch >= '0' && ch <= '9')) {
            st = lex_number(lx, pos);
        } else if (is_name_start((unsigned char)ch)) {
            size_t end = pos;
            while (end < lx->len && is_name_char((unsigned char)lx->src[end]))
                end++;
            push(lx, PF_JTOK_NAME, pos)->text = pf_str_make(lx->src + pos, end - pos);
            lx->pos = end;
            st = PF_OK;
        } else if (ch == '\'' || ch == '"') {
            size_t end = pos + 1;
            while (end < lx->len && lx->src[end] != ch) {
                if (lx->src[end] == '\\' && end + 1 < lx->len)
                    end++;
                end++;
            }
            if (end >= lx->len)
                return fail(lx, pos, "unterminated string literal");
            struct pf_str value;
            st = decode_string(lx, pos + 1, end, &value);
            if (st == PF_OK) {
                push(lx, PF_JTOK_STRING, pos)->text = value;
                lx->pos = end + 1;
            }
        } else {
            st = lex_operator(lx);
        }
        if (st != PF_OK)
            return st;
    }
}

static pf_status lex_comment(struct lexer *lx, size_t tag_start, size_t body_start)
{
    for (size_t i = body_start; i + 1 < lx->len; i++) {
        if (lx->src[i] == '#' && lx->src[i + 1] == '}') {
            lx->lstrip_next = i > body_start && lx->src[i - 1] == '-';
            lx->pos = i + 2;
            return PF_OK;
        }
    }
    return fail(lx, tag_start, "missing end of comment tag");
}

pf_status pf_jinja_lex(struct pf_arena *arena, struct pf_str source,
                       struct pf_jinja_token **out_tokens, size_t *out_count,
                       uint32_t *out_error_offset, struct pf_error *err)
{
    struct lexer lx = {.arena = arena, .src = source.ptr, .len = source.len, .err = err};
    pf_status st = PF_OK;
    while (lx.pos < lx.len) {
        enum tag_kind kind;
        size_t tag = find_tag(&lx, lx.pos, &kind);
        if (kind == TAG_NONE) {
            push_text(&lx, lx.pos, lx.len, false);
            lx.pos = lx.len;
            break;
        }
        char modifier = tag + 2 < lx.len ? lx.src[tag + 2] : '\0';
        bool strip_before = modifier == '-';
        size_t body = tag + 2 + (modifier == '-' || modifier == '+' ? 1 : 0);
        size_t raw_end;
        bool raw_strip_before;
        bool raw_strip_after;
        if (kind == TAG_BLOCK &&
            match_keyword_tag(&lx, tag, "raw", &raw_end, &raw_strip_before, &raw_strip_after)) {
            push_text(&lx, lx.pos, tag, raw_strip_before);
            st = lex_raw(&lx, tag, raw_end, raw_strip_after);
            if (st != PF_OK)
                goto done;
            continue;
        }
        push_text(&lx, lx.pos, tag, strip_before);
        lx.pos = body;
        if (kind == TAG_COMMENT) {
            st = lex_comment(&lx, tag, body);
        } else {
            push(&lx, kind == TAG_VAR ? PF_JTOK_VAR_BEGIN : PF_JTOK_BLOCK_BEGIN, tag);
            st = lex_tag(&lx, kind, tag);
        }
        if (st != PF_OK)
            goto done;
    }
    push(&lx, PF_JTOK_EOF, lx.len);
    *out_tokens = pf_arena_memdup(arena, lx.tokens, lx.count * sizeof(*lx.tokens));
    *out_count = lx.count;
done:
    if (st != PF_OK)
        *out_error_offset = lx.error_offset;
    free(lx.tokens);
    return st;
}
