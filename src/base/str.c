/* String views, UTF-8 checks and cursors. */
#include "base/str.h"

#include <string.h>

struct pf_str pf_str_from_cstr(const char *cstr)
{
    struct pf_str out = {cstr, cstr ? strlen(cstr) : 0};
    return out;
}

struct pf_str pf_str_make(const char *ptr, size_t len)
{
    struct pf_str out = {ptr, len};
    return out;
}

bool pf_str_eq(struct pf_str a, struct pf_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool pf_str_eq_cstr(struct pf_str a, const char *cstr)
{
    return pf_str_eq(a, pf_str_from_cstr(cstr));
}

static char ascii_lower(char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
}

bool pf_str_case_eq(struct pf_str a, struct pf_str b)
{
    if (a.len != b.len)
        return false;
    for (size_t i = 0; i < a.len; i++) {
        if (ascii_lower(a.ptr[i]) != ascii_lower(b.ptr[i]))
            return false;
    }
    return true;
}

bool pf_str_case_eq_cstr(struct pf_str a, const char *cstr)
{
    return pf_str_case_eq(a, pf_str_from_cstr(cstr));
}

bool pf_str_starts_with(struct pf_str str, struct pf_str prefix)
{
    return str.len >= prefix.len && (prefix.len == 0 || memcmp(str.ptr, prefix.ptr, prefix.len) == 0);
}

bool pf_str_ends_with(struct pf_str str, struct pf_str suffix)
{
    return str.len >= suffix.len &&
           (suffix.len == 0 || memcmp(str.ptr + str.len - suffix.len, suffix.ptr, suffix.len) == 0);
}

long pf_str_find(struct pf_str haystack, struct pf_str needle)
{
    if (needle.len == 0)
        return 0;
    if (needle.len > haystack.len)
        return -1;
    for (size_t i = 0; i + needle.len <= haystack.len; i++) {
        if (haystack.ptr[i] == needle.ptr[0] && memcmp(haystack.ptr + i, needle.ptr, needle.len) == 0)
            return (long)i;
    }
    return -1;
}

long pf_str_find_char(struct pf_str haystack, char ch)
{
    if (haystack.len == 0)
        return -1;
    const char *hit = memchr(haystack.ptr, ch, haystack.len);
    return hit ? (long)(hit - haystack.ptr) : -1;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

struct pf_str pf_str_trim(struct pf_str str)
{
    while (str.len > 0 && is_space(str.ptr[0])) {
        str.ptr++;
        str.len--;
    }
    while (str.len > 0 && is_space(str.ptr[str.len - 1]))
        str.len--;
    return str;
}

struct pf_str pf_str_slice(struct pf_str str, size_t start, size_t len)
{
    if (start > str.len)
        start = str.len;
    if (len > str.len - start)
        len = str.len - start;
    return pf_str_make(str.ptr + start, len);
}

int32_t pf_utf8_decode(const char **ptr, const char *end)
{
    const unsigned char *s = (const unsigned char *)*ptr;
    const unsigned char *e = (const unsigned char *)end;
    if (s >= e)
        return -1;
    uint32_t cp;
    size_t need;
    uint32_t min;
    if (s[0] < 0x80) {
        *ptr += 1;
        return s[0];
    } else if ((s[0] & 0xE0) == 0xC0) {
        cp = s[0] & 0x1F;
        need = 1;
        min = 0x80;
    } else if ((s[0] & 0xF0) == 0xE0) {
        cp = s[0] & 0x0F;
        need = 2;
        min = 0x800;
    } else if ((s[0] & 0xF8) == 0xF0) {
        cp = s[0] & 0x07;
        need = 3;
        min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)(e - s) < need + 1)
        return -1;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *ptr += need + 1;
    return (int32_t)cp;
}

bool pf_utf8_valid(const char *ptr, size_t len)
{
    const char *end = ptr + len;
    while (ptr < end) {
        if ((unsigned char)*ptr < 0x80) {
            ptr++;
            continue;
        }
        if (pf_utf8_decode(&ptr, end) < 0)
            return false;
    }
    return true;
}

size_t pf_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

bool pf_cur_take_line(struct pf_cur *cur, struct pf_str *out_line)
{
    if (pf_cur_at_end(cur))
        return false;
    const char *nl = memchr(cur->ptr, '\n', pf_cur_left(cur));
    const char *stop = nl ? nl : cur->end;
    size_t len = (size_t)(stop - cur->ptr);
    if (len > 0 && cur->ptr[len - 1] == '\r')
        len--;
    *out_line = pf_str_make(cur->ptr, len);
    cur->ptr = nl ? nl + 1 : cur->end;
    return true;
}

bool pf_cur_take_until(struct pf_cur *cur, char delim, struct pf_str *out)
{
    const char *hit = pf_cur_at_end(cur) ? NULL : memchr(cur->ptr, delim, pf_cur_left(cur));
    if (!hit)
        return false;
    *out = pf_str_make(cur->ptr, (size_t)(hit - cur->ptr));
    cur->ptr = hit + 1;
    return true;
}

bool pf_cur_take_char(struct pf_cur *cur, char ch)
{
    if (pf_cur_at_end(cur) || *cur->ptr != ch)
        return false;
    cur->ptr++;
    return true;
}

bool pf_cur_take_lit(struct pf_cur *cur, struct pf_str lit)
{
    if (pf_cur_left(cur) < lit.len || memcmp(cur->ptr, lit.ptr, lit.len) != 0)
        return false;
    cur->ptr += lit.len;
    return true;
}

bool pf_cur_take_u32(struct pf_cur *cur, uint32_t *out_value)
{
    const char *p = cur->ptr;
    uint64_t value = 0;
    while (p < cur->end && *p >= '0' && *p <= '9') {
        value = value * 10 + (uint64_t)(*p - '0');
        if (value > UINT32_MAX)
            return false;
        p++;
    }
    if (p == cur->ptr)
        return false;
    *out_value = (uint32_t)value;
    cur->ptr = p;
    return true;
}

size_t pf_cur_skip_blanks(struct pf_cur *cur)
{
    size_t n = 0;
    while (cur->ptr < cur->end && (*cur->ptr == ' ' || *cur->ptr == '\t')) {
        cur->ptr++;
        n++;
    }
    return n;
}

bool pf_parse_i64(struct pf_str str, int64_t min, int64_t max, int64_t *out_value)
{
    size_t i = 0;
    bool negative = false;
    if (str.len == 0)
        return false;
    if (str.ptr[0] == '-' || str.ptr[0] == '+') {
        negative = str.ptr[0] == '-';
        i = 1;
    }
    if (i == str.len)
        return false;
    uint64_t magnitude = 0;
    for (; i < str.len; i++) {
        char ch = str.ptr[i];
        if (ch < '0' || ch > '9')
            return false;
        if (magnitude > (UINT64_MAX - 9) / 10)
            return false;
        magnitude = magnitude * 10 + (uint64_t)(ch - '0');
    }
    int64_t value;
    if (negative) {
        if (magnitude > (uint64_t)INT64_MAX + 1)
            return false;
        value = magnitude == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)magnitude;
    } else {
        if (magnitude > (uint64_t)INT64_MAX)
            return false;
        value = (int64_t)magnitude;
    }
    if (value < min || value > max)
        return false;
    *out_value = value;
    return true;
}
