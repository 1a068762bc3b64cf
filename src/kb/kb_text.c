/* Tokeniser for the knowledge base: Unicode-aware folding with byte spans into the original. */
#include "kb/kb_text.h"

#include <string.h>

/* Lower-case ASCII base letters for U+00C0..U+017F (accents dropped); "" = not a letter. */
static const char *const latin_fold[192] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

enum char_class {
    CLASS_SPACE,   /* whitespace, private-use glyphs, malformed bytes */
    CLASS_NEWLINE,
    CLASS_HYPHEN,  /* '-' and the Unicode dashes */
    CLASS_IGNORE,  /* soft hyphen, zero-width characters, variation selectors */
    CLASS_LETTER,
    CLASS_DIGIT,
    CLASS_PUNCT,
};

/* One decoded character: its class, its folded bytes (letters/digits) or symbol (punct). */
struct decoded {
    enum char_class cls;
    size_t size;       /* bytes consumed from the text */
    char fold[4];      /* folded form of a letter or digit */
    size_t fold_len;
    char symbol;       /* PUNCT: ASCII symbol or '*' */
    bool upper;        /* LETTER: upper case in the text */
    bool bullet;       /* PUNCT: a list bullet (ends the previous sentence) */
};

static void classify_ascii(unsigned char ch, struct decoded *out)
{
    if (ch >= 'a' && ch <= 'z') {
        out->cls = CLASS_LETTER;
        out->fold[0] = (char)ch;
        out->fold_len = 1;
    } else if (ch >= 'A' && ch <= 'Z') {
        out->cls = CLASS_LETTER;
        out->fold[0] = (char)(ch - 'A' + 'a');
        out->fold_len = 1;
        out->upper = true;
    } else if (ch >= '0' && ch <= '9') {
        out->cls = CLASS_DIGIT;
        out->fold[0] = (char)ch;
        out->fold_len = 1;
    } else if (ch == '\n') {
        out->cls = CLASS_NEWLINE;
    } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v' || ch < 0x20 ||
               ch == 0x7f) {
        out->cls = CLASS_SPACE;
    } else if (ch == '-') {
        out->cls = CLASS_HYPHEN;
    } else {
        out->cls = CLASS_PUNCT;
        out->symbol = (char)ch;
    }
}

static void classify_code_point(uint32_t cp, const char *bytes, size_t size, struct decoded *out)
{
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
        (cp >= 0xFE00 && cp <= 0xFE0F)) {
        out->cls = CLASS_IGNORE;
    } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        out->cls = CLASS_NEWLINE;
    } else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
               cp == 0x3000 || (cp >= 0xE000 && cp <= 0xF8FF) || cp < 0xA0) {
        /* Private-use code points are icon-font glyphs in PDF text layers: blanks, not words. */
        out->cls = CLASS_SPACE;
    } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D) {
        out->cls = CLASS_HYPHEN;
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
        classify_ascii((unsigned char)(cp - 0xFEE0), out); /* full-width ASCII */
    } else if (cp >= 0xC0 && cp < 0x180) {
        const char *fold = latin_fold[cp - 0xC0];
        if (fold[0]) {
            out->cls = CLASS_LETTER;
            out->fold_len = strlen(fold);
            memcpy(out->fold, fold, out->fold_len);
            /* Upper-case forms: U+00C0..U+00DE, and the even code points of Latin Extended-A
             * (with the odd-even shift after U+0138). */
            out->upper = cp < 0xDF || (cp >= 0x100 && cp < 0x138 && cp % 2 == 0) ||
                         (cp > 0x138 && cp < 0x149 && cp % 2 == 1) ||
                         (cp >= 0x14A && cp < 0x178 && cp % 2 == 0) || cp == 0x178 ||
                         cp == 0x179 || cp == 0x17B || cp == 0x17D;
        } else {
            out->cls = CLASS_PUNCT;
            out->symbol = '*';
        }
    } else if (cp < 0xC0) {
        out->cls = CLASS_PUNCT; /* Latin-1 symbols: « » © ® ° · ... */
        out->symbol = '*';
        out->bullet = cp == 0xB7;
    } else if ((cp >= 0x2016 && cp <= 0x206F) || (cp >= 0x2100 && cp <= 0x2BFF) ||
               (cp >= 0x3001 && cp <= 0x303F) || cp >= 0x1F000 || cp == 0xD7 || cp == 0xF7) {
        out->cls = CLASS_PUNCT;
        out->symbol = '*';
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032)
            out->symbol = '\'';
        else if (cp == 0x201C || cp == 0x201D || cp == 0x201F)
            out->symbol = '"';
        else if (cp == 0x2026)
            out->symbol = '.';
        out->bullet = cp == 0x2022 || cp == 0x2023 || cp == 0x2043 || cp == 0x25AA ||
                      cp == 0x25CF || cp == 0x25A0 || cp == 0x25E6 || cp == 0x2219 ||
                      cp == 0x27A2 || cp == 0x2713 || cp == 0x2714;
    } else {
        out->cls = CLASS_LETTER;
        uint32_t lower = cp;
        if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F))
            lower = cp + 0x20;
        else if (cp >= 0x400 && cp <= 0x40F)
            lower = cp + 0x50;
        out->upper = lower != cp;
        if (lower == cp) {
            memcpy(out->fold, bytes, size);
            out->fold_len = size;
        } else {
            out->fold_len = pf_utf8_encode(lower, out->fold);
        }
    }
}

static void decode_at(const char *text, size_t len, size_t pos, struct decoded *out)
{
    memset(out, 0, sizeof(*out));
    unsigned char ch = (unsigned char)text[pos];
    if (ch < 0x80) {
        out->size = 1;
        classify_ascii(ch, out);
        return;
    }
    const char *ptr = text + pos;
    int32_t cp = pf_utf8_decode(&ptr, text + len);
    if (cp < 0) {
        out->size = 1;
        out->cls = CLASS_SPACE;
        return;
    }
    out->size = (size_t)(ptr - (text + pos));
    classify_code_point((uint32_t)cp, text + pos, out->size, out);
}

void pf_kb_tokenizer_init(struct pf_kb_tokenizer *tz, struct pf_str text)
{
    memset(tz, 0, sizeof(*tz));
    tz->text = text.ptr;
    tz->len = text.ptr ? text.len : 0;
    tz->pending_start = true;
}

static bool is_sentence_end(char symbol)
{
    return symbol == '.' || symbol == '!' || symbol == '?';
}

bool pf_kb_tokenizer_next(struct pf_kb_tokenizer *tz, struct pf_kb_token *out_token, char *norm)
{
    struct decoded dec;
    bool line_hyphen = false; /* a hyphen opened the line: a bullet */
    while (tz->pos < tz->len) {
        /* ASCII blanks are most of the bytes between tokens: classify them inline. */
        unsigned char ch = (unsigned char)tz->text[tz->pos];
        if (ch == ' ' || ch == '\t' || ch == '\r') {
            tz->space = true;
            tz->pos++;
            continue;
        }
        decode_at(tz->text, tz->len, tz->pos, &dec);
        if (dec.cls == CLASS_LETTER || dec.cls == CLASS_DIGIT || dec.cls == CLASS_PUNCT)
            break;
        if (dec.cls == CLASS_NEWLINE) {
            tz->newlines++;
            tz->space = true;
        } else if (dec.cls == CLASS_SPACE) {
            tz->space = true;
        } else if (dec.cls == CLASS_HYPHEN) {
            if (tz->newlines > 0 || !tz->had_token)
                line_hyphen = true;
            tz->hyphen = true;
        }
        tz->pos += dec.size;
    }
    if (tz->pos >= tz->len)
        return false;

    memset(out_token, 0, sizeof(*out_token));
    out_token->start = (uint32_t)tz->pos;
    uint8_t flags = 0;
    if (tz->had_token && !tz->space && !tz->hyphen)
        flags |= PF_KB_TOK_GLUED;
    if (tz->had_token && tz->hyphen && !tz->space)
        flags |= PF_KB_TOK_HYPHEN;
    if (!tz->had_token || tz->newlines > 0)
        flags |= PF_KB_TOK_LINE_START;
    if (tz->newlines > 1)
        flags |= PF_KB_TOK_PARA_START;
    if (tz->newlines > 0 || line_hyphen || (tz->sent_end && (tz->space || tz->hyphen)))
        tz->pending_start = true;

    size_t norm_len = 0;
    uint32_t hash = 2166136261u;
    if (dec.cls == CLASS_PUNCT) {
        hash = (hash ^ (unsigned char)dec.symbol) * 16777619u;
        out_token->kind = PF_KB_TOKEN_PUNCT;
        out_token->punct = dec.symbol;
        norm[0] = dec.symbol;
        norm_len = 1;
        tz->pos += dec.size;
        /* Punctuation keeps a pending sentence start for the word after it ("(Go"); a full
         * stop followed by a blank, or a bullet, starts a new one. */
        tz->sent_end = is_sentence_end(dec.symbol);
        if (dec.bullet || ((flags & PF_KB_TOK_LINE_START) &&
                           (dec.symbol == '*' || dec.symbol == '+' || dec.symbol == '#' ||
                            dec.symbol == '>' || dec.symbol == '|')))
            tz->pending_start = true;
    } else {
        bool has_letter = false;
        bool all_upper = true;
        int letters = 0;
        bool first = true;
        while (tz->pos < tz->len) {
            /* The hot path: ASCII letters and digits, folded without a full decode. */
            unsigned char ch = (unsigned char)tz->text[tz->pos];
            if (ch < 0x80) {
                bool lower = ch >= 'a' && ch <= 'z';
                bool upper = ch >= 'A' && ch <= 'Z';
                if (!lower && !upper && !(ch >= '0' && ch <= '9'))
                    break;
                if (lower || upper) {
                    has_letter = true;
                    letters++;
                    all_upper = all_upper && upper;
                    if (first && upper)
                        flags |= PF_KB_TOK_CAPITAL;
                }
                first = false;
                if (norm_len < PF_KB_TOKEN_NORM_MAX) {
                    char folded = (char)(upper ? ch + ('a' - 'A') : ch);
                    norm[norm_len++] = folded;
                    hash = (hash ^ (unsigned char)folded) * 16777619u;
                } else
                    flags |= PF_KB_TOK_LONG;
                tz->pos++;
                continue;
            }
            decode_at(tz->text, tz->len, tz->pos, &dec);
            if (dec.cls == CLASS_IGNORE) {
                tz->pos += dec.size;
                continue;
            }
            if (dec.cls != CLASS_LETTER && dec.cls != CLASS_DIGIT)
                break;
            if (dec.cls == CLASS_LETTER) {
                has_letter = true;
                letters++;
                if (!dec.upper)
                    all_upper = false;
                if (first && dec.upper)
                    flags |= PF_KB_TOK_CAPITAL;
            }
            first = false;
            if (norm_len + dec.fold_len <= PF_KB_TOKEN_NORM_MAX) {
                for (size_t b = 0; b < dec.fold_len; b++)
                    hash = (hash ^ (unsigned char)dec.fold[b]) * 16777619u;
                memcpy(norm + norm_len, dec.fold, dec.fold_len);
                norm_len += dec.fold_len;
            } else {
                flags |= PF_KB_TOK_LONG;
            }
            tz->pos += dec.size;
        }
        out_token->kind = has_letter ? PF_KB_TOKEN_WORD : PF_KB_TOKEN_NUMBER;
        if (has_letter && all_upper && letters >= 2)
            flags |= PF_KB_TOK_ALL_CAPS;
        if (tz->pending_start)
            flags |= PF_KB_TOK_SENT_START;
        tz->pending_start = false;
        tz->sent_end = false;
    }
    out_token->len = (uint32_t)(tz->pos - out_token->start);
    out_token->flags = flags;
    out_token->norm_len = (uint8_t)norm_len;
    out_token->hash = hash;
    tz->had_token = true;
    tz->newlines = 0;
    tz->space = false;
    tz->hyphen = false;
    return true;
}

size_t pf_kb_normalize(struct pf_str phrase, char *out, size_t cap)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    size_t len = 0;
    bool prev_punct = false;
    if (cap == 0)
        return 0;
    pf_kb_tokenizer_init(&tz, phrase);
    while (pf_kb_tokenizer_next(&tz, &token, norm)) {
        bool punct = token.kind == PF_KB_TOKEN_PUNCT;
        bool glue = (token.flags & PF_KB_TOK_GLUED) && (punct || prev_punct);
        if (len > 0 && !glue && len + 1 < cap)
            out[len++] = ' ';
        for (size_t i = 0; i < token.norm_len && len + 1 < cap; i++)
            out[len++] = norm[i];
        prev_punct = punct;
    }
    out[len] = '\0';
    return len;
}
