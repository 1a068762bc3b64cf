/* Tokeniser for the knowledge base: byte spans plus a normalised (folded) form per token. */
#ifndef PF_KB_KB_TEXT_H
#define PF_KB_KB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/str.h"

/* Longest normalised form kept for one token; longer tokens are cut and flagged LONG, and can
 * never match a taxonomy term (none is that long). */
#define PF_KB_TOKEN_NORM_MAX 64

enum pf_kb_token_kind {
    PF_KB_TOKEN_WORD = 0,   /* letters, possibly with digits: "python", "html5" */
    PF_KB_TOKEN_NUMBER = 1, /* digits only: "2019", "3" */
    PF_KB_TOKEN_PUNCT = 2,  /* one symbol: '+', '#', '.', '/', ',', '&', '(' ... */
};

/* Token flags. GLUED: no whitespace (or hyphen) between this token and the previous one. */
enum {
    PF_KB_TOK_GLUED = 0x01,
    PF_KB_TOK_LINE_START = 0x02,  /* first token on its line */
    PF_KB_TOK_SENT_START = 0x04,  /* first word of a sentence, line or bullet */
    PF_KB_TOK_CAPITAL = 0x08,     /* starts with an upper-case letter */
    PF_KB_TOK_ALL_CAPS = 0x10,    /* every letter upper case, at least two letters */
    PF_KB_TOK_PARA_START = 0x20,  /* a blank line (or more) comes before it */
    PF_KB_TOK_HYPHEN = 0x40,      /* joined to the previous token by a hyphen or dash */
    PF_KB_TOK_LONG = 0x80,        /* the normalised form was cut at PF_KB_TOKEN_NORM_MAX */
};

/* One token. Spans are byte offsets into the tokenised text. */
struct pf_kb_token {
    uint32_t start; /* bytes from the start of the text */
    uint32_t len;   /* bytes in the text (not of the normalised form) */
    uint32_t id;    /* dictionary id given by the caller; 0 = unknown */
    uint8_t kind;   /* enum pf_kb_token_kind */
    uint8_t flags;  /* PF_KB_TOK_* */
    char punct;     /* the ASCII symbol of a PUNCT token (non-ASCII symbols give '*'), else 0 */
    uint8_t norm_len; /* bytes of the normalised form */
    uint32_t hash;    /* pf_kb_hash of the normalised form */
};

/* Streaming tokeniser state over one text. Plain data: no cleanup needed. */
struct pf_kb_tokenizer {
    const char *text;
    size_t len;
    size_t pos;        /* next byte to read */
    bool had_token;    /* a token was produced already */
    bool sent_end;     /* the previous token was '.', '!' or '?' */
    bool pending_start; /* the next word starts a sentence */
    int newlines;      /* newlines seen since the previous token */
    bool space;        /* whitespace seen since the previous token */
    bool hyphen;       /* a hyphen or dash seen since the previous token */
};

/* Starts tokenising text (not copied; must outlive the tokeniser). */
void pf_kb_tokenizer_init(struct pf_kb_tokenizer *tz, struct pf_str text);

/* Produces the next token into *out_token and its normalised form into norm (at least
 * PF_KB_TOKEN_NORM_MAX bytes, not NUL-terminated; out_token->norm_len says how long).
 * Normalisation: ASCII and Latin-1/Latin Extended-A letters lower-cased with accents removed
 * ("É" -> "e", "ß" -> "ss"), Greek and Cyrillic lower-cased, full-width ASCII mapped to ASCII,
 * soft hyphens and zero-width characters dropped. Hyphens and dashes separate tokens like
 * spaces (and set PF_KB_TOK_HYPHEN). Malformed UTF-8 bytes separate tokens. out_token->id is
 * set to 0. Returns false at the end of the text. Never fails otherwise. */
bool pf_kb_tokenizer_next(struct pf_kb_tokenizer *tz, struct pf_kb_token *out_token, char *norm);

/* Normalises a whole phrase into out (bytes of the tokens' normalised forms joined by single
 * spaces, with no space around PUNCT tokens that were glued in the input, so "Node.js" gives
 * "node.js" and "Power  BI" gives "power bi"). Writes at most cap-1 bytes plus a NUL and
 * returns the length (cut at cap-1). */
size_t pf_kb_normalize(struct pf_str phrase, char *out, size_t cap);

/* 32-bit FNV-1a hash of bytes (used for dictionary keys). */
static inline uint32_t pf_kb_hash(const char *data, size_t len)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)data[i];
        hash *= 16777619u;
    }
    return hash;
}

#endif
