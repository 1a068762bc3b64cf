/* Text helpers for the parser: folding for vocabulary matching, cleaning values, cells. */
#include <string.h>

#include "base/buf.h"
#include "parse/parse_int.h"

/* U+00C0..U+00FF folded to ASCII ('\0': not a letter, becomes a space). */
static const char latin1_fold[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 's',
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 't', 'y'};

static void fold_put(char *out, size_t cap, size_t *len, char ch)
{
    if (ch == ' ') {
        if (*len == 0 || out[*len - 1] == ' ')
            return;
    }
    if (*len + 1 < cap)
        out[(*len)++] = ch;
}

size_t pf_fold(struct pf_str in, char *out, size_t cap)
{
    size_t len = 0;
    const char *ptr = in.ptr;
    const char *end = in.ptr + in.len;
    if (cap == 0)
        return 0;
    while (ptr < end) {
        int32_t cp = pf_utf8_decode(&ptr, end);
        if (cp < 0) {
            ptr++;
            fold_put(out, cap, &len, ' ');
            continue;
        }
        if (cp < 128) {
            char ch = (char)cp;
            if (ch >= 'A' && ch <= 'Z')
                fold_put(out, cap, &len, (char)(ch - 'A' + 'a'));
            else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                fold_put(out, cap, &len, ch);
            else if (ch == '&') {
                fold_put(out, cap, &len, ' ');
                fold_put(out, cap, &len, 'a');
                fold_put(out, cap, &len, 'n');
                fold_put(out, cap, &len, 'd');
                fold_put(out, cap, &len, ' ');
            } else if (ch == '\'' || ch == '.') {
                /* "Bachelor's", "B.Sc." and "d'intérêt" fold without a gap. */
                continue;
            } else
                fold_put(out, cap, &len, ' ');
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            char ch = latin1_fold[cp - 0xC0];
            if (cp == 0xDF) {
                fold_put(out, cap, &len, 's');
                fold_put(out, cap, &len, 's');
            } else
                fold_put(out, cap, &len, ch ? ch : ' ');
        } else if (cp == 0x153 || cp == 0x152) {
            fold_put(out, cap, &len, 'o');
            fold_put(out, cap, &len, 'e');
        } else if (cp == 0x2019 || cp == 0x2018 || cp == 0xAD || cp == 0x200B) {
            continue;
        } else if (cp >= 0x100 && cp <= 0x17F) {
            /* Latin Extended-A: pairs of upper/lower case around a base letter; a coarse
             * mapping is enough for matching words. */
            static const char ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
            size_t idx = (size_t)(cp - 0x100);
            fold_put(out, cap, &len, idx < sizeof(ext_a) - 1 ? ext_a[idx] : ' ');
        } else {
            fold_put(out, cap, &len, ' ');
        }
    }
    while (len > 0 && out[len - 1] == ' ')
        len--;
    out[len] = '\0';
    return len;
}

bool pf_is_bullet_cp(int32_t cp)
{
    switch (cp) {
    case 0x2022: case 0x25E6: case 0x25AA: case 0x25AB: case 0x2023: case 0x2043: case 0x25CF:
    case 0x25CB: case 0x25A0: case 0x25A1: case 0x25BA: case 0x25B8: case 0x25B6: case 0x27A2:
    case 0x2794: case 0x2192: case 0x2713: case 0x2714: case 0x2756: case 0x2605: case 0x2606:
    case 0x00B7: case 0x2219: case 0x25C6: case 0x25C7: case 0x2666: case 0x27A4:
    case '*': case '-': case 0x2013: case 0x2014: case 0xF0B7: case 0xF0A7: case 0xF076:
    case 0xF0D8: case 0xF0FC:
        return true;
    default:
        return false;
    }
}

bool pf_is_icon_cp(int32_t cp)
{
    return cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000) ||
           (cp >= 0x2700 && cp <= 0x27BF) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x2600 && cp <= 0x26FF) || cp == 0x260E || cp == 0x2709 ||
           (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0xFE0F || cp == 0x200B || cp == 0xAD;
}

struct pf_str pf_raw(const struct pf_parse *p, size_t start, size_t end)
{
    if (end > p->raw_len)
        end = p->raw_len;
    if (start > end)
        start = end;
    return pf_str_make(p->raw + start, end - start);
}

static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Byte length of the code point that ends right before ptr (within [begin, ptr)). */
static size_t prev_cp_len(const char *begin, const char *ptr)
{
    size_t n = 1;
    while (ptr - n > begin && ((unsigned char)ptr[-(long)n] & 0xC0) == 0x80 && n < 4)
        n++;
    return n;
}

struct pf_span pf_trim_span(const struct pf_parse *p, struct pf_span s, const char *edge)
{
    const char *begin = p->raw + s.start;
    const char *end = p->raw + (s.end > p->raw_len ? p->raw_len : s.end);
    while (begin < end) {
        const char *q = begin;
        int32_t cp = pf_utf8_decode(&q, end);
        if (cp < 0)
            break;
        if (is_space_cp(cp) || pf_is_icon_cp(cp) ||
            (cp < 128 && edge && strchr(edge, (char)cp)) ||
            (edge && (cp == 0x2022 || cp == 0x00B7 || cp == 0x2013 || cp == 0x2014 ||
                      cp == 0x2023 || cp == 0x25E6 || cp == 0x25AA)))
            begin = q;
        else
            break;
    }
    while (end > begin) {
        size_t n = prev_cp_len(begin, end);
        const char *q = end - n;
        int32_t cp = pf_utf8_decode(&q, end);
        if (cp < 0)
            break;
        if (is_space_cp(cp) || pf_is_icon_cp(cp) ||
            (cp < 128 && edge && strchr(edge, (char)cp)) ||
            (edge && (cp == 0x2022 || cp == 0x00B7 || cp == 0x2013 || cp == 0x2014)))
            end -= n;
        else
            break;
    }
    struct pf_span out = {(size_t)(begin - p->raw), (size_t)(end - p->raw)};
    if (out.end < out.start)
        out.end = out.start;
    return out;
}

const char *pf_clean(struct pf_parse *p, size_t start, size_t end)
{
    struct pf_span s = pf_trim_span(p, (struct pf_span){start, end}, ",;:|/-");
    const char *ptr = p->raw + s.start;
    const char *stop = p->raw + s.end;
    char *out = pf_arena_alloc(p->arena, (size_t)(stop - ptr) + 1);
    size_t len = 0;
    bool space = false;
    while (ptr < stop) {
        const char *q = ptr;
        int32_t cp = pf_utf8_decode(&q, stop);
        if (cp < 0) {
            ptr++;
            continue;
        }
        if (is_space_cp(cp)) {
            space = len > 0;
        } else if (pf_is_icon_cp(cp)) {
            space = len > 0;
        } else {
            if (space)
                out[len++] = ' ';
            space = false;
            memcpy(out + len, ptr, (size_t)(q - ptr));
            len += (size_t)(q - ptr);
        }
        ptr = q;
    }
    out[len] = '\0';
    return out;
}

struct pf_val pf_val_span(struct pf_parse *p, size_t start, size_t end, float conf)
{
    struct pf_val v = {NULL, start, end, conf};
    const char *text = pf_clean(p, start, end);
    if (text[0] != '\0')
        v.text = text;
    return v;
}

struct pf_val pf_val_text(struct pf_parse *p, const char *text, size_t start, size_t end,
                          float conf)
{
    struct pf_val v = {NULL, start, end, conf};
    if (text && text[0] != '\0')
        v.text = pf_arena_strdup(p->arena, text);
    return v;
}

/* Length of a separator starting at ptr (0 when none): tab, icon, " | ", " · ", " • ", ";". */
static size_t separator_at(const char *ptr, const char *end, const char *line_start)
{
    if (*ptr == '\t' || *ptr == ';' || *ptr == '|')
        return 1;
    const char *q = ptr;
    int32_t cp = pf_utf8_decode(&q, end);
    if (cp < 0)
        return 0;
    if (pf_is_icon_cp(cp))
        return (size_t)(q - ptr);
    if ((cp == 0x00B7 || cp == 0x2022 || cp == 0x25CF || cp == 0x25AA) &&
        (ptr == line_start || ptr[-1] == ' ' || ptr[-1] == '\t'))
        return (size_t)(q - ptr);
    return 0;
}

size_t pf_cells(const struct pf_parse *p, size_t start, size_t end, struct pf_span *out,
                size_t max)
{
    size_t count = 0;
    const char *base = p->raw;
    const char *ptr = base + start;
    const char *stop = base + (end > p->raw_len ? p->raw_len : end);
    const char *cell = ptr;
    while (ptr <= stop && count < max) {
        size_t sep = ptr < stop ? separator_at(ptr, stop, base + start) : 1;
        if (sep > 0) {
            struct pf_span s = {(size_t)(cell - base), (size_t)(ptr - base)};
            s = pf_trim_span(p, s, NULL);
            if (s.end > s.start && pf_has_alnum(pf_raw(p, s.start, s.end)))
                out[count++] = s;
            ptr += sep;
            cell = ptr;
        } else {
            ptr++;
        }
    }
    return count;
}

size_t pf_word_count(struct pf_str s, size_t *out_letters, size_t *out_upper)
{
    size_t words = 0;
    size_t letters = 0;
    size_t upper = 0;
    bool in_word = false;
    const char *ptr = s.ptr;
    const char *end = s.ptr + s.len;
    while (ptr < end) {
        int32_t cp = pf_utf8_decode(&ptr, end);
        if (cp < 0) {
            ptr++;
            in_word = false;
            continue;
        }
        bool alpha = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                     (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
        bool digit = cp >= '0' && cp <= '9';
        if (alpha) {
            letters++;
            if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
                upper++;
        }
        if (alpha || digit || cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.') {
            if (!in_word && (alpha || digit))
                words++;
            in_word = in_word || alpha || digit;
        } else {
            in_word = false;
        }
    }
    if (out_letters)
        *out_letters = letters;
    if (out_upper)
        *out_upper = upper;
    return words;
}

bool pf_has_alnum(struct pf_str s)
{
    const char *ptr = s.ptr;
    const char *end = s.ptr + s.len;
    while (ptr < end) {
        int32_t cp = pf_utf8_decode(&ptr, end);
        if (cp < 0) {
            ptr++;
            continue;
        }
        if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
            (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7))
            return true;
    }
    return false;
}

static bool ascii_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (unsigned char)ch >= 0x80;
}

long pf_find_word(struct pf_str s, const char *word)
{
    size_t n = strlen(word);
    if (n == 0 || s.len < n)
        return -1;
    for (size_t i = 0; i + n <= s.len; i++) {
        if (i > 0 && ascii_alpha(s.ptr[i - 1]))
            continue;
        if (i + n < s.len && ascii_alpha(s.ptr[i + n]))
            continue;
        if (pf_str_case_eq(pf_str_make(s.ptr + i, n), pf_str_make(word, n)))
            return (long)i;
    }
    return -1;
}

bool pf_in_list(const char *folded, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(folded, list[i]) == 0)
            return true;
    }
    return false;
}

bool pf_has_listed_word(const char *folded, const char *const *list)
{
    size_t len = strlen(folded);
    for (size_t i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        const char *hit = n > 0 ? strstr(folded, list[i]) : NULL;
        while (hit) {
            size_t at = (size_t)(hit - folded);
            bool left = at == 0 || folded[at - 1] == ' ';
            bool right = at + n == len || folded[at + n] == ' ';
            if (left && right)
                return true;
            hit = strstr(hit + 1, list[i]);
        }
    }
    return false;
}
