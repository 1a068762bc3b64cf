/* Text encodings of plain-text-like uploads: BOMs, UTF-16 LE/BE, UTF-8 (repaired, never passed
 * through invalid) and Windows-1252/Latin-1, all decoded into valid UTF-8. */
#include "ingest/ingest_int.h"

static void put_cp(struct pf_buf *out, uint32_t cp)
{
    char enc[4];
    size_t n = pf_utf8_encode(cp, enc);
    if (n == 0)
        n = pf_utf8_encode(0xFFFD, enc);
    pf_buf_append(out, enc, n);
}

static void decode_utf16(struct pf_str bytes, bool big_endian, struct pf_buf *out, bool *repaired)
{
    const unsigned char *p = (const unsigned char *)bytes.ptr;
    size_t n = bytes.len / 2;
    for (size_t i = 0; i < n && pf_buf_status(out) == PF_OK; i++) {
        uint32_t unit = big_endian ? (uint32_t)(p[2 * i] << 8 | p[2 * i + 1])
                                   : (uint32_t)(p[2 * i + 1] << 8 | p[2 * i]);
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < n) {
            uint32_t low = big_endian ? (uint32_t)(p[2 * i + 2] << 8 | p[2 * i + 3])
                                      : (uint32_t)(p[2 * i + 3] << 8 | p[2 * i + 2]);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                put_cp(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                i++;
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {
            *repaired = true;
            unit = 0xFFFD;
        }
        put_cp(out, unit);
    }
    if (bytes.len % 2)
        *repaired = true;
}

static void decode_utf8(struct pf_str bytes, struct pf_buf *out, bool *repaired)
{
    const char *p = bytes.ptr;
    const char *end = bytes.ptr + bytes.len;
    while (p < end && pf_buf_status(out) == PF_OK) {
        const char *run = p;
        while (p < end && (unsigned char)*p < 0x80)
            p++;
        pf_buf_append(out, run, (size_t)(p - run));
        if (p == end)
            break;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            p++;
            cp = 0xFFFD;
            *repaired = true;
        }
        put_cp(out, (uint32_t)cp);
    }
}

static void decode_cp1252(struct pf_str bytes, struct pf_buf *out)
{
    const unsigned char *p = (const unsigned char *)bytes.ptr;
    for (size_t i = 0; i < bytes.len && pf_buf_status(out) == PF_OK; i++) {
        if (p[i] < 0x80)
            pf_buf_putc(out, (char)p[i]);
        else
            put_cp(out, pf_codepage_to_unicode(1252, p[i]));
    }
}

/* UTF-16 without a BOM: text in Latin script has a zero in every other byte. */
static int guess_utf16(struct pf_str bytes)
{
    size_t n = bytes.len < 4096 ? bytes.len : 4096;
    n &= ~(size_t)1;
    if (n < 8)
        return 0;
    size_t even_zero = 0;
    size_t odd_zero = 0;
    for (size_t i = 0; i < n; i += 2) {
        even_zero += bytes.ptr[i] == 0;
        odd_zero += bytes.ptr[i + 1] == 0;
    }
    size_t pairs = n / 2;
    if (odd_zero * 10 >= pairs * 4 && even_zero * 10 < pairs)
        return 1; /* little endian */
    if (even_zero * 10 >= pairs * 4 && odd_zero * 10 < pairs)
        return 2; /* big endian */
    return 0;
}

/* Damaged UTF-8 (some valid multi-byte sequences, a few bad ones) is repaired; text whose high
 * bytes never form sequences is a single-byte encoding. Bad bytes are counted in runs, since
 * one damaged character spoils a run of bytes. */
static bool looks_utf8(struct pf_str bytes)
{
    const char *p = bytes.ptr;
    const char *end = bytes.ptr + bytes.len;
    size_t good = 0;
    size_t bad = 0;
    bool in_bad = false;
    while (p < end) {
        if ((unsigned char)*p < 0x80) {
            p++;
            in_bad = false;
            continue;
        }
        if (pf_utf8_decode(&p, end) < 0) {
            p++;
            bad += !in_bad;
            in_bad = true;
        } else {
            good++;
            in_bad = false;
        }
    }
    return good > 0 && good >= bad;
}

void pf_decode_text(struct pf_str bytes, struct pf_buf *out, const char **out_name,
                    bool *out_repaired)
{
    const unsigned char *u = (const unsigned char *)bytes.ptr;
    bool repaired = false;
    const char *name;
    if (bytes.len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        name = "utf-8";
        decode_utf8(pf_str_slice(bytes, 3, bytes.len), out, &repaired);
    } else if (bytes.len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        name = "utf-16le";
        decode_utf16(pf_str_slice(bytes, 2, bytes.len), false, out, &repaired);
    } else if (bytes.len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        name = "utf-16be";
        decode_utf16(pf_str_slice(bytes, 2, bytes.len), true, out, &repaired);
    } else if (guess_utf16(bytes) == 1) {
        name = "utf-16le";
        decode_utf16(bytes, false, out, &repaired);
    } else if (guess_utf16(bytes) == 2) {
        name = "utf-16be";
        decode_utf16(bytes, true, out, &repaired);
    } else if (pf_utf8_valid(bytes.ptr, bytes.len) || looks_utf8(bytes)) {
        name = "utf-8";
        decode_utf8(bytes, out, &repaired);
    } else {
        name = "windows-1252";
        decode_cp1252(bytes, out);
    }
    if (out_name)
        *out_name = name;
    if (out_repaired)
        *out_repaired = repaired;
}
