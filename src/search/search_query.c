/* The search query parser: what a user typed → a bounded query tree the store compiles for its
 * engine. Total: every input within the limits parses to a tree or to a named validation error,
 * never to engine syntax errors; the tree holds only words the engines treat as text. */
#include <string.h>

#include "search/search.h"

enum char_class {
    CH_BLANK,  /* separates words: spaces, controls, most punctuation and symbols */
    CH_WORD,   /* letters, digits, and whatever the engines may index */
    CH_JOINER, /* kept inside a word (node.js, o'brien, c#), trimmed at its ends */
    CH_QUOTE,  /* opens or closes a phrase */
    CH_STAR,   /* after a word: prefix */
    CH_PIPE,   /* OR */
    CH_MINUS,  /* at the start of a word: exclusion; inside: a joiner */
};

static enum char_class classify(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            return CH_WORD;
        switch (cp) {
        case '"':
            return CH_QUOTE;
        case '*':
            return CH_STAR;
        case '|':
            return CH_PIPE;
        case '-':
            return CH_MINUS;
        case '.':
        case '_':
        case '\'':
        case '+':
        case '#':
        case '@':
        case '/':
        case '&':
            return CH_JOINER;
        default:
            return CH_BLANK; /* controls, space, and the rest of ASCII punctuation ('\\' too) */
        }
    }
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB)
        return CH_QUOTE; /* typographic quotes, pasted from documents */
    if (cp < 0xC0 && cp != 0xAA && cp != 0xB5 && cp != 0xBA)
        return CH_BLANK; /* C1 controls, no-break space, Latin-1 punctuation and signs */
    if (cp == 0xD7 || cp == 0xF7 || cp == 0x1680 || cp == 0xFEFF)
        return CH_BLANK;
    if ((cp >= 0x2000 && cp <= 0x2BFF) ||   /* punctuation, symbols, arrows, shapes */
        (cp >= 0x3000 && cp <= 0x303F) ||   /* CJK punctuation */
        (cp >= 0xD800 && cp <= 0xF8FF) ||   /* surrogates, private use */
        (cp >= 0xFE00 && cp <= 0xFE6F) ||   /* variation selectors, small forms */
        (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0xFFF0 && cp <= 0xFFFF) ||   /* specials, noncharacters */
        (cp >= 0x1F000 && cp <= 0x1FAFF) || /* emoji and pictographs */
        cp >= 0xE0000)                      /* tags, private use planes 15 and 16 */
        return CH_BLANK;
    return CH_WORD;
}

/* The English stop words PostgreSQL's english configuration drops (checked against the server
 * by the store contract tests), sorted for bsearch. */
static const char *const stop_words[] = {
    "a",       "about",   "above",   "after",   "again",      "against", "all",   "am",
    "an",      "and",     "any",     "are",     "as",         "at",      "be",    "because",
    "been",    "before",  "being",   "below",   "between",    "both",    "but",   "by",
    "can",     "did",     "do",      "does",    "doing",      "don",     "down",  "during",
    "each",    "few",     "for",     "from",    "further",    "had",     "has",   "have",
    "having",  "he",      "her",     "here",    "hers",       "herself", "him",   "himself",
    "his",     "how",     "i",       "if",      "in",         "into",    "is",    "it",
    "its",     "itself",  "just",    "me",      "more",       "most",    "my",    "myself",
    "no",      "nor",     "not",     "now",     "of",         "off",     "on",    "once",
    "only",    "or",      "other",   "our",     "ours",       "ourselves", "out", "over",
    "own",     "s",       "same",    "she",     "should",     "so",      "some",  "such",
    "t",       "than",    "that",    "the",     "their",      "theirs",  "them",  "themselves",
    "then",    "there",   "these",   "they",    "this",       "those",   "through", "to",
    "too",     "under",   "until",   "up",      "very",       "was",     "we",    "were",
    "what",    "when",    "where",   "which",   "while",      "who",     "whom",  "why",
    "will",    "with",    "you",     "your",    "yours",      "yourself", "yourselves",
};

const char *const *pf_search_stop_words(size_t *out_count)
{
    *out_count = PF_ARRAY_LEN(stop_words);
    return stop_words;
}

bool pf_search_is_stop_word(struct pf_str word)
{
    char lower[16];
    if (word.len == 0 || word.len >= sizeof(lower))
        return false;
    for (size_t i = 0; i < word.len; i++) {
        char ch = word.ptr[i];
        lower[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    lower[word.len] = '\0';
    size_t lo = 0;
    size_t hi = PF_ARRAY_LEN(stop_words);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(lower, stop_words[mid]);
        if (cmp == 0)
            return true;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* One lexed item. */
enum item_kind { ITEM_ATOM, ITEM_OR, ITEM_NOT };

struct item {
    enum item_kind kind;
    struct pf_search_atom atom;
    bool is_negated;
    bool is_open; /* ended at the end of the input, still being typed */
};

struct lexer {
    const char *ptr;
    const char *end;
    struct pf_arena *arena;
    struct pf_buf words;  /* the current atom's text */
    size_t word_count;    /* words in the current atom */
    size_t term_count;    /* words so far, for the limit */
    size_t max_terms;
};

static int32_t peek(const struct lexer *lex, const char **out_next)
{
    const char *p = lex->ptr;
    if (p >= lex->end) {
        *out_next = p;
        return -1;
    }
    int32_t cp = pf_utf8_decode(&p, lex->end);
    PF_ASSERT(cp >= 0); /* the input was validated as UTF-8 */
    *out_next = p;
    return cp;
}

/* Reads one word (word characters with joiners and minus signs between them) and appends it,
 * trimmed of joiners at both ends, to lex->words. Stops before anything else. False when the run
 * held no word character (nothing appended). */
static bool read_word(struct lexer *lex)
{
    const char *first_word = NULL;
    const char *last_word_end = NULL;
    for (;;) {
        const char *next;
        int32_t cp = peek(lex, &next);
        if (cp < 0)
            break;
        enum char_class cls = classify(cp);
        if (cls == CH_WORD) {
            if (!first_word)
                first_word = lex->ptr;
            last_word_end = next;
        } else if (cls != CH_JOINER && cls != CH_MINUS) {
            break;
        }
        lex->ptr = next;
    }
    if (!first_word)
        return false;
    if (lex->word_count > 0)
        pf_buf_putc(&lex->words, ' ');
    pf_buf_append(&lex->words, first_word, (size_t)(last_word_end - first_word));
    lex->word_count++;
    lex->term_count++;
    return true;
}

/* Skips blanks and stray joiners; inside a phrase, everything that is not a word or a quote. */
static void skip_blanks(struct lexer *lex, bool in_phrase)
{
    for (;;) {
        const char *next;
        int32_t cp = peek(lex, &next);
        if (cp < 0)
            return;
        enum char_class cls = classify(cp);
        bool skip = in_phrase ? cls != CH_WORD && cls != CH_QUOTE
                              : cls == CH_BLANK || cls == CH_JOINER;
        if (!skip)
            return;
        lex->ptr = next;
    }
}

static bool take_star(struct lexer *lex)
{
    const char *next;
    if (peek(lex, &next) == '*') {
        lex->ptr = next;
        return true;
    }
    return false;
}

static size_t code_points(const char *text)
{
    size_t count = 0;
    for (const char *p = text; *p; p++)
        count += ((unsigned char)*p & 0xC0) != 0x80;
    return count;
}

/* Finishes the atom in lex->words. Prefixes of fewer than three code points are exact words:
 * a one- or two-letter prefix would expand to much of the vocabulary. */
static struct item make_atom(struct lexer *lex, bool is_prefix, bool is_negated, bool is_open)
{
    struct item item = {.kind = ITEM_ATOM, .is_negated = is_negated, .is_open = is_open};
    item.atom.text = pf_arena_strdup(lex->arena, pf_buf_cstr(&lex->words));
    item.atom.is_phrase = lex->word_count > 1;
    const char *last = strrchr(item.atom.text, ' ');
    item.atom.is_prefix = is_prefix && code_points(last ? last + 1 : item.atom.text) >= 3;
    pf_buf_reset(&lex->words);
    lex->word_count = 0;
    return item;
}

/* The next item, or false at the end of input. *out_limit is set past the term limit. */
static bool next_item(struct lexer *lex, struct item *out, bool *out_limit)
{
    for (;;) {
        if (lex->term_count > lex->max_terms) {
            *out_limit = true;
            return false;
        }
        skip_blanks(lex, false);
        const char *next;
        int32_t cp = peek(lex, &next);
        if (cp < 0)
            return false;
        enum char_class cls = classify(cp);
        bool negated = false;
        if (cls == CH_MINUS) {
            lex->ptr = next;
            while (peek(lex, &next) == '-')
                lex->ptr = next;
            cp = peek(lex, &next);
            cls = cp < 0 ? CH_BLANK : classify(cp);
            if (cls != CH_WORD && cls != CH_QUOTE)
                continue; /* a lone minus */
            negated = true;
        }
        if (cls == CH_PIPE) {
            lex->ptr = next;
            *out = (struct item){.kind = ITEM_OR};
            return true;
        }
        if (cls == CH_STAR) {
            lex->ptr = next;
            continue;
        }
        if (cls == CH_QUOTE) {
            lex->ptr = next;
            bool closed = false;
            for (;;) {
                skip_blanks(lex, true);
                cp = peek(lex, &next);
                if (cp < 0)
                    break;
                if (classify(cp) == CH_QUOTE) {
                    lex->ptr = next;
                    closed = true;
                    break;
                }
                if (!read_word(lex))
                    lex->ptr = next;
                if (lex->term_count > lex->max_terms) {
                    *out_limit = true;
                    return false;
                }
            }
            bool star = closed && take_star(lex);
            if (lex->word_count == 0)
                continue; /* "" or quotes around punctuation */
            *out = make_atom(lex, star, negated, !closed);
            return true;
        }
        const char *word_start = lex->ptr;
        if (!read_word(lex)) {
            lex->ptr = next;
            continue;
        }
        size_t len = (size_t)(lex->ptr - word_start);
        if (!negated && lex->word_count == 1) {
            struct pf_str word = pf_str_make(word_start, len);
            if (pf_str_eq_cstr(word, "OR")) {
                pf_buf_reset(&lex->words);
                lex->word_count = 0;
                lex->term_count--;
                *out = (struct item){.kind = ITEM_OR};
                return true;
            }
            if (pf_str_eq_cstr(word, "AND") || pf_str_eq_cstr(word, "NOT")) {
                pf_buf_reset(&lex->words);
                lex->word_count = 0;
                lex->term_count--;
                if (word.ptr[0] == 'A')
                    continue;
                *out = (struct item){.kind = ITEM_NOT};
                return true;
            }
        }
        bool star = take_star(lex);
        bool open = lex->ptr >= lex->end;
        *out = make_atom(lex, star, negated, open);
        return true;
    }
}

/* Appends atom to the clause list: a new clause, or an alternative of the last one. */
struct builder {
    struct pf_arena *arena;
    struct pf_search_clause *clauses;
    struct pf_search_atom **atoms; /* per clause, growable */
    size_t *caps;
    size_t count;
    size_t cap;
};

static void add_clause(struct builder *b, const struct pf_search_atom *atom, bool negated)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        struct pf_search_clause *clauses = pf_arena_alloc(b->arena, cap * sizeof(*clauses));
        struct pf_search_atom **atoms = pf_arena_alloc(b->arena, cap * sizeof(*atoms));
        size_t *caps = pf_arena_alloc(b->arena, cap * sizeof(*caps));
        if (b->count) {
            memcpy(clauses, b->clauses, b->count * sizeof(*clauses));
            memcpy(atoms, b->atoms, b->count * sizeof(*atoms));
            memcpy(caps, b->caps, b->count * sizeof(*caps));
        }
        b->clauses = clauses;
        b->atoms = atoms;
        b->caps = caps;
        b->cap = cap;
    }
    b->caps[b->count] = 4;
    b->atoms[b->count] = pf_arena_alloc(b->arena, 4 * sizeof(**b->atoms));
    b->atoms[b->count][0] = *atom;
    b->clauses[b->count] = (struct pf_search_clause){b->atoms[b->count], 1, negated};
    b->count++;
}

static void add_alternative(struct builder *b, const struct pf_search_atom *atom)
{
    size_t last = b->count - 1;
    struct pf_search_clause *clause = &b->clauses[last];
    if (clause->count == b->caps[last]) {
        size_t cap = b->caps[last] * 2;
        struct pf_search_atom *atoms = pf_arena_alloc(b->arena, cap * sizeof(*atoms));
        memcpy(atoms, b->atoms[last], clause->count * sizeof(*atoms));
        b->atoms[last] = atoms;
        b->caps[last] = cap;
    }
    b->atoms[last][clause->count++] = *atom;
    clause->atoms = b->atoms[last];
}

static bool is_dropped(const struct pf_search_atom *atom)
{
    return !atom->is_phrase && pf_search_is_stop_word(pf_str_from_cstr(atom->text));
}

pf_status pf_search_parse(struct pf_arena *arena, struct pf_str text,
                          const struct pf_search_parse_options *options,
                          struct pf_search_query **out_query, struct pf_error *err)
{
    *out_query = NULL;
    if (text.len > options->max_bytes)
        return pf_error_set_field(err, PF_E_VALIDATION, "limit_search_bytes",
                                  "the query is longer than limit_search_bytes (%zu bytes)",
                                  options->max_bytes);
    if (!pf_utf8_valid(text.ptr, text.len))
        return pf_error_set_field(err, PF_E_VALIDATION, "utf8", "the query is not valid UTF-8");
    struct lexer lex = {.ptr = text.ptr, .end = text.ptr + text.len, .arena = arena,
                        .words = PF_BUF_INIT(text.len + 1), .max_terms = options->max_terms};
    struct builder b = {.arena = arena};
    struct item item;
    bool limit = false;
    bool pending_or = false;
    bool pending_not = false;
    bool any_negated = false;
    while (next_item(&lex, &item, &limit)) {
        if (item.kind == ITEM_OR) {
            pending_or = b.count > 0 && !b.clauses[b.count - 1].is_negated;
            continue;
        }
        if (item.kind == ITEM_NOT) {
            pending_not = true;
            continue;
        }
        bool negated = item.is_negated || pending_not;
        if (options->prefix_last && item.is_open && !negated) {
            const char *last = strrchr(item.atom.text, ' ');
            item.atom.is_prefix = code_points(last ? last + 1 : item.atom.text) >= 3;
        }
        if (negated) {
            any_negated = true;
            if (!is_dropped(&item.atom))
                add_clause(&b, &item.atom, true);
        } else if (pending_or && b.count > 0 && !b.clauses[b.count - 1].is_negated) {
            if (!is_dropped(&item.atom))
                add_alternative(&b, &item.atom);
        } else if (!is_dropped(&item.atom)) {
            add_clause(&b, &item.atom, false);
        } else {
            /* A dropped stop word still separates: "a OR the OR b" keeps a and b apart. */
            pending_or = false;
            pending_not = false;
            continue;
        }
        pending_or = false;
        pending_not = false;
    }
    pf_buf_fini(&lex.words);
    if (limit)
        return pf_error_set_field(err, PF_E_VALIDATION, "limit_search_terms",
                                  "the query has more than limit_search_terms (%zu) words",
                                  options->max_terms);
    if (lex.term_count == 0)
        return pf_error_set_field(err, PF_E_VALIDATION, "empty",
                                  "the query has no word to search for");
    struct pf_search_query *query = pf_arena_alloc(arena, sizeof(*query));
    query->clauses = b.clauses;
    query->count = b.count;
    query->term_count = lex.term_count;
    if (!pf_search_query_is_searchable(query) && any_negated && b.count > 0)
        return pf_error_set_field(err, PF_E_VALIDATION, "only_exclusions",
                                  "the query only excludes; add a word to search for");
    *out_query = query;
    return PF_OK;
}
