/* Simple case mapping shared by the Jinja string filters and the PDF writer's upper-case
 * headings (docs/internals/JINJA.md lists how it differs from Python's full tables). */
#include "render/render_case.h"

uint32_t pf_case_upper(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp < 0x80)
        return cp;
    if ((cp >= 0xe0 && cp <= 0xfe && cp != 0xf7))
        return cp - 32;
    if (cp == 0xff)
        return 0x178;
    if (cp == 0xb5)
        return 0x39c;
    if (cp >= 0x100 && cp <= 0x17f) {
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
            return (cp & 1) ? cp : cp - 1;
        if (cp == 0x131)
            return 'I';
        if (cp == 0x17f)
            return 'S';
        if (cp == 0x130 || cp == 0x138 || cp == 0x149 || cp == 0x178)
            return cp;
        return (cp & 1) ? cp - 1 : cp;
    }
    if (cp >= 0x3b1 && cp <= 0x3c9 && cp != 0x3c2)
        return cp - 32;
    if (cp == 0x3c2)
        return 0x3a3;
    if (cp >= 0x430 && cp <= 0x44f)
        return cp - 32;
    if (cp >= 0x450 && cp <= 0x45f)
        return cp - 80;
    return cp;
}

uint32_t pf_case_lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0x80)
        return cp;
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
        return cp + 32;
    if (cp == 0x178)
        return 0xff;
    if (cp >= 0x100 && cp <= 0x17f) {
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
            return (cp & 1) ? cp + 1 : cp;
        if (cp == 0x130)
            return 'i';
        if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17f)
            return cp;
        return (cp & 1) ? cp : cp + 1;
    }
    if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42f)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40f)
        return cp + 80;
    return cp;
}

void pf_case_upper_utf8(struct pf_buf *out, struct pf_str text)
{
    const char *p = text.ptr;
    const char *end = text.ptr + text.len;
    while (p < end) {
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            pf_buf_putc(out, *p++);
            continue;
        }
        char tmp[4];
        pf_buf_append(out, tmp, pf_utf8_encode(pf_case_upper((uint32_t)cp), tmp));
    }
}
