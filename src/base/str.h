/* Non-owning string views and bounds-checked cursors for parsing (STYLE §8). */
#ifndef PF_BASE_STR_H
#define PF_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/common.h"

/* A view of len bytes at ptr. Never assumed NUL-terminated; ptr may be NULL when len is 0. */
struct pf_str {
    const char *ptr;
    size_t len; /* bytes */
};

#define PF_STR_NULL ((struct pf_str){NULL, 0})
/* A view of a string literal, without strlen. */
#define PF_STR(lit) ((struct pf_str){(lit), sizeof(lit) - 1})

/* A view of a NUL-terminated string; NULL gives the empty view. */
struct pf_str pf_str_from_cstr(const char *cstr);
struct pf_str pf_str_make(const char *ptr, size_t len);

bool pf_str_eq(struct pf_str a, struct pf_str b);
bool pf_str_eq_cstr(struct pf_str a, const char *cstr);
/* ASCII case-insensitive comparison. */
bool pf_str_case_eq(struct pf_str a, struct pf_str b);
bool pf_str_case_eq_cstr(struct pf_str a, const char *cstr);
bool pf_str_starts_with(struct pf_str str, struct pf_str prefix);
bool pf_str_ends_with(struct pf_str str, struct pf_str suffix);
/* Index of the first occurrence of needle, or -1. An empty needle is found at 0. */
long pf_str_find(struct pf_str haystack, struct pf_str needle);
long pf_str_find_char(struct pf_str haystack, char ch);
/* Views with leading/trailing ASCII whitespace removed. */
struct pf_str pf_str_trim(struct pf_str str);
/* The sub-view [start, start+len) clamped to str. */
struct pf_str pf_str_slice(struct pf_str str, size_t start, size_t len);

/* True when str is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool pf_utf8_valid(const char *ptr, size_t len);
/* Decodes one code point at *ptr (advancing it) or returns -1 on malformed input without moving. */
int32_t pf_utf8_decode(const char **ptr, const char *end);
/* Encodes cp into out (at least 4 bytes) and returns the byte count (0 for an invalid cp). */
size_t pf_utf8_encode(uint32_t cp, char *out);

/* A read cursor over [ptr, end). Every take/skip advances only on success. */
struct pf_cur {
    const char *ptr;
    const char *end;
};

static inline struct pf_cur pf_cur_of(struct pf_str str)
{
    struct pf_cur cur = {str.ptr, str.ptr + str.len};
    return cur;
}

static inline bool pf_cur_at_end(const struct pf_cur *cur)
{
    return cur->ptr >= cur->end;
}

static inline size_t pf_cur_left(const struct pf_cur *cur)
{
    return (size_t)(cur->end - cur->ptr);
}

/* Takes up to (excluding) the next '\n' or the end, consuming the '\n' and dropping a '\r'
 * before it. False only at the end. */
PF_MUST_CHECK bool pf_cur_take_line(struct pf_cur *cur, struct pf_str *out_line);
/* Takes bytes up to (excluding) delim, consuming delim. False if delim is absent. */
PF_MUST_CHECK bool pf_cur_take_until(struct pf_cur *cur, char delim, struct pf_str *out);
/* Takes ch if it is next. */
PF_MUST_CHECK bool pf_cur_take_char(struct pf_cur *cur, char ch);
/* Takes the literal lit if it is next. */
PF_MUST_CHECK bool pf_cur_take_lit(struct pf_cur *cur, struct pf_str lit);
/* Takes a decimal number that fits in uint32_t (no sign, at least one digit). */
PF_MUST_CHECK bool pf_cur_take_u32(struct pf_cur *cur, uint32_t *out_value);
/* Skips spaces and tabs; returns how many were skipped. */
size_t pf_cur_skip_blanks(struct pf_cur *cur);

/* Parses the whole of str as a signed decimal int64 within [min, max]. */
PF_MUST_CHECK bool pf_parse_i64(struct pf_str str, int64_t min, int64_t max, int64_t *out_value);

#endif
