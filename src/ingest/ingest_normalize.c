/* Character-level normalisation of extracted text: odd spaces, invisible characters, icon
 * glyphs, hyphen look-alikes and ligatures, so every reader hands the parser the same text. */
#include "ingest/ingest_int.h"

static size_t one(uint32_t out[3], uint32_t cp)
{
    out[0] = cp;
    return 1;
}

static size_t two(uint32_t out[3], uint32_t a, uint32_t b)
{
    out[0] = a;
    out[1] = b;
    return 2;
}

static size_t three(uint32_t out[3], uint32_t a, uint32_t b, uint32_t c)
{
    out[0] = a;
    out[1] = b;
    out[2] = c;
    return 3;
}

static bool is_space_like(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
           cp == 0x180E;
}

/* Characters with no visible form that only steer rendering: dropping them keeps words whole
 * ("Pied\u00ADPiper" must read "PiedPiper", not "Pied Piper"). */
static bool is_invisible(uint32_t cp)
{
    return cp == 0xAD ||                     /* soft hyphen */
           (cp >= 0x200B && cp <= 0x200F) || /* zero-width space/joiners, LRM, RLM */
           (cp >= 0x202A && cp <= 0x202E) || /* bidi embeddings */
           (cp >= 0x2060 && cp <= 0x206F) || /* word joiner, invisible operators, isolates */
           cp == 0xFEFF ||                   /* BOM / ZWNBSP */
           (cp >= 0xFE00 && cp <= 0xFE0F) || /* variation selectors */
           cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
           cp == 0x17B5 || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF); /* tags, variation selectors supplement */
}

/* Private-use code points are icon-font glyphs in CVs (phone, mail, pin): not text. */
static bool is_private_use(uint32_t cp)
{
    return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
}

static bool is_noncharacter(uint32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF ||
           (cp >= 0xD800 && cp <= 0xDFFF);
}

size_t pf_normalize_cp(uint32_t cp, uint32_t out[3])
{
    if (cp == '\t')
        return one(out, '\t');
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
        return one(out, '\n');
    if (is_space_like(cp))
        return one(out, ' ');
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return 0;
    if (is_invisible(cp) || is_private_use(cp) || is_noncharacter(cp))
        return 0;
    switch (cp) {
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2012: /* figure dash */
    case 0x2043: /* hyphen bullet */
    case 0x2212: /* minus sign */
    case 0xFE63: /* small hyphen-minus */
    case 0xFF0D: /* fullwidth hyphen-minus */
        return one(out, '-');
    case 0xFB00:
        return two(out, 'f', 'f');
    case 0xFB01:
        return two(out, 'f', 'i');
    case 0xFB02:
        return two(out, 'f', 'l');
    case 0xFB03:
        return three(out, 'f', 'f', 'i');
    case 0xFB04:
        return three(out, 'f', 'f', 'l');
    case 0xFB05:
    case 0xFB06:
        return two(out, 's', 't');
    case 0x2024: /* one dot leader */
        return one(out, '.');
    case 0x2044: /* fraction slash */
        return one(out, '/');
    default:
        break;
    }
    return one(out, cp);
}
