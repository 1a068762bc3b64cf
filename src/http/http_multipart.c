/* A bounded multipart/form-data reader over a body already in memory. */
#include "http/http_multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool pf_multipart_boundary(struct pf_str content_type, struct pf_str *out_boundary)
{
    struct pf_str type = PF_STR("multipart/form-data");
    if (content_type.len < type.len ||
        strncasecmp(content_type.ptr, type.ptr, type.len) != 0)
        return false;
    struct pf_cur cur = pf_cur_of(pf_str_slice(content_type, type.len, content_type.len));
    while (!pf_cur_at_end(&cur)) {
        struct pf_str param;
        if (!pf_cur_take_until(&cur, ';', &param)) {
            param = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        param = pf_str_trim(param);
        if (param.len > 9 && strncasecmp(param.ptr, "boundary=", 9) == 0) {
            struct pf_str value = pf_str_slice(param, 9, param.len);
            if (value.len >= 2 && value.ptr[0] == '"' && value.ptr[value.len - 1] == '"')
                value = pf_str_slice(value, 1, value.len - 2);
            if (value.len < 1 || value.len > 70)
                return false;
            *out_boundary = value;
            return true;
        }
    }
    return false;
}

/* The value of key="…" (or key=token) in a Content-Disposition header value. */
static struct pf_str disposition_param(struct pf_str header, const char *key)
{
    size_t key_len = strlen(key);
    struct pf_cur cur = pf_cur_of(header);
    while (!pf_cur_at_end(&cur)) {
        struct pf_str param;
        if (!pf_cur_take_until(&cur, ';', &param)) {
            param = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        param = pf_str_trim(param);
        if (param.len > key_len && strncasecmp(param.ptr, key, key_len) == 0 &&
            param.ptr[key_len] == '=') {
            struct pf_str value = pf_str_slice(param, key_len + 1, param.len);
            if (value.len >= 2 && value.ptr[0] == '"' && value.ptr[value.len - 1] == '"')
                value = pf_str_slice(value, 1, value.len - 2);
            return value;
        }
    }
    return PF_STR_NULL;
}

static long find_bytes(struct pf_str haystack, size_t from, const char *needle, size_t len)
{
    if (from > haystack.len)
        return -1;
    long hit = pf_str_find(pf_str_slice(haystack, from, haystack.len), pf_str_make(needle, len));
    return hit < 0 ? -1 : hit + (long)from;
}

pf_status pf_multipart_find(struct pf_str boundary, struct pf_str body, const char *field,
                            struct pf_multipart_part *out_part, struct pf_error *err)
{
    char delim[80];
    int delim_len = snprintf(delim, sizeof(delim), "--%.*s", (int)boundary.len, boundary.ptr);
    long at = find_bytes(body, 0, delim, (size_t)delim_len);
    if (at < 0)
        return pf_error_set(err, PF_E_INVALID, "the multipart body has no boundary line");
    size_t pos = (size_t)at;
    for (int parts = 0; parts <= PF_MULTIPART_MAX_PARTS; parts++) {
        pos += (size_t)delim_len;
        if (pos + 2 <= body.len && memcmp(body.ptr + pos, "--", 2) == 0)
            return pf_error_set(err, PF_E_NOT_FOUND, "no '%s' field in the form", field);
        if (pos + 2 > body.len || memcmp(body.ptr + pos, "\r\n", 2) != 0)
            return pf_error_set(err, PF_E_INVALID, "malformed multipart boundary line");
        pos += 2;
        long headers_end = find_bytes(body, pos, "\r\n\r\n", 4);
        if (headers_end < 0 || (size_t)headers_end - pos > 16384)
            return pf_error_set(err, PF_E_INVALID, "malformed multipart part headers");
        struct pf_multipart_part part;
        memset(&part, 0, sizeof(part));
        struct pf_cur headers = pf_cur_of(pf_str_make(body.ptr + pos, (size_t)headers_end - pos));
        struct pf_str line;
        while (pf_cur_take_line(&headers, &line)) {
            long colon = pf_str_find_char(line, ':');
            if (colon <= 0)
                continue;
            struct pf_str name = pf_str_trim(pf_str_slice(line, 0, (size_t)colon));
            struct pf_str value = pf_str_trim(pf_str_slice(line, (size_t)colon + 1, line.len));
            if (pf_str_case_eq_cstr(name, "Content-Disposition")) {
                part.name = disposition_param(value, "name");
                part.filename = disposition_param(value, "filename");
            } else if (pf_str_case_eq_cstr(name, "Content-Type")) {
                part.content_type = value;
            }
        }
        size_t content = (size_t)headers_end + 4;
        char next[84];
        int next_len = snprintf(next, sizeof(next), "\r\n%s", delim);
        long end = find_bytes(body, content, next, (size_t)next_len);
        if (end < 0)
            return pf_error_set(err, PF_E_INVALID, "the multipart body is truncated");
        part.body = pf_str_make(body.ptr + content, (size_t)end - content);
        if (pf_str_eq_cstr(part.name, field)) {
            *out_part = part;
            return PF_OK;
        }
        pos = (size_t)end + 2;
    }
    return pf_error_set(err, PF_E_INVALID, "the form has more than %d parts",
                        PF_MULTIPART_MAX_PARTS);
}
