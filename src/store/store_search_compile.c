/* The search query tree compiled to each engine's syntax (to_tsquery text, FTS5 MATCH), the
 * FTS5 workspace token, and the reader of highlighted snippets. Pure functions: no database. */
#include <string.h>

#include "store/store_search_int.h"

static const char *const type_names[PF_SEARCH_TYPE_COUNT] = {
    [PF_SEARCH_PERSONA] = "persona",
    [PF_SEARCH_CV] = "cv",
    [PF_SEARCH_KB] = "kb_entry",
};

const char *pf_search_type_name(enum pf_search_type type)
{
    PF_ASSERT(type < PF_SEARCH_TYPE_COUNT);
    return type_names[type];
}

bool pf_search_type_parse(const char *name, enum pf_search_type *out_type)
{
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++) {
        if (name && strcmp(name, type_names[t]) == 0) {
            *out_type = (enum pf_search_type)t;
            return true;
        }
    }
    return false;
}

bool pf_search_query_is_searchable(const struct pf_search_query *query)
{
    if (!query)
        return false;
    for (size_t i = 0; i < query->count; i++) {
        if (!query->clauses[i].is_negated && query->clauses[i].count > 0)
            return true;
    }
    return false;
}

/* 'text' with the quote doubled and backslashes escaped: tsquery's own quoting, so whatever
 * the atom holds stays one operand. */
static void ts_operand(const struct pf_search_atom *atom, struct pf_buf *out)
{
    pf_buf_putc(out, '\'');
    for (const char *p = atom->text; *p; p++) {
        if (*p == '\'' || *p == '\\')
            pf_buf_putc(out, *p);
        pf_buf_putc(out, *p);
    }
    pf_buf_putc(out, '\'');
    if (atom->is_prefix)
        pf_buf_puts(out, ":*");
}

static void ts_clause(const struct pf_search_clause *clause, struct pf_buf *out)
{
    if (clause->is_negated)
        pf_buf_putc(out, '!');
    if (clause->count > 1)
        pf_buf_puts(out, "( ");
    for (size_t a = 0; a < clause->count; a++) {
        if (a > 0)
            pf_buf_puts(out, " | ");
        ts_operand(&clause->atoms[a], out);
    }
    if (clause->count > 1)
        pf_buf_puts(out, " )");
}

void pf_search_to_tsquery(const struct pf_search_query *query, struct pf_buf *out)
{
    PF_ASSERT(pf_search_query_is_searchable(query));
    bool first = true;
    /* Positive clauses first: a tsquery may not start with an operator-less negation in some
     * older servers' eyes, and it reads better. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < query->count; i++) {
            const struct pf_search_clause *clause = &query->clauses[i];
            if (clause->count == 0 || clause->is_negated != (pass == 1))
                continue;
            if (!first)
                pf_buf_puts(out, " & ");
            ts_clause(clause, out);
            first = false;
        }
    }
}

/* One word of a phrase as its own operand (the phrase's text is single-spaced). */
static void ts_word(const char *from, const char *to, struct pf_buf *out)
{
    pf_buf_putc(out, '\'');
    for (const char *p = from; p < to; p++) {
        if (*p == '\'' || *p == '\\')
            pf_buf_putc(out, *p);
        pf_buf_putc(out, *p);
    }
    pf_buf_putc(out, '\'');
}

bool pf_search_to_tsquery_loose(const struct pf_search_query *query, struct pf_buf *out)
{
    bool phrase = false;
    for (size_t i = 0; i < query->count; i++) {
        for (size_t a = 0; !query->clauses[i].is_negated && a < query->clauses[i].count; a++)
            phrase = phrase || query->clauses[i].atoms[a].is_phrase;
    }
    if (!phrase)
        return false;
    bool first = true;
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (clause->count == 0 || clause->is_negated)
            continue;
        pf_buf_puts(out, first ? "( " : " & ( ");
        for (size_t a = 0; a < clause->count; a++) {
            const struct pf_search_atom *atom = &clause->atoms[a];
            if (a > 0)
                pf_buf_puts(out, " | ");
            if (!atom->is_phrase) {
                ts_operand(atom, out);
                continue;
            }
            pf_buf_puts(out, "( ");
            const char *word = atom->text;
            for (const char *p = atom->text;; p++) {
                if (*p != ' ' && *p != '\0')
                    continue;
                if (word != atom->text)
                    pf_buf_puts(out, " & ");
                ts_word(word, p, out);
                if (atom->is_prefix) /* PostgreSQL makes every word of a prefix phrase one */
                    pf_buf_puts(out, ":*");
                if (!*p)
                    break;
                word = p + 1;
            }
            pf_buf_puts(out, " )");
        }
        pf_buf_puts(out, " )");
        first = false;
    }
    return true;
}

bool pf_search_to_tsquery_exclusions(const struct pf_search_query *query, struct pf_buf *out)
{
    bool any = false;
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (!clause->is_negated || clause->count == 0)
            continue;
        if (any)
            pf_buf_puts(out, " | ");
        ts_operand(&clause->atoms[0], out);
        any = true;
    }
    return any;
}

/* "text" with '"' doubled (FTS5's string quoting); the table's tokenizer splits the string, so
 * a multi-word atom is a phrase. */
static void fts_operand(const struct pf_search_atom *atom, struct pf_buf *out)
{
    pf_buf_putc(out, '"');
    for (const char *p = atom->text; *p; p++) {
        if (*p == '"')
            pf_buf_putc(out, '"');
        pf_buf_putc(out, *p);
    }
    pf_buf_putc(out, '"');
    if (atom->is_prefix)
        pf_buf_puts(out, " *");
}

static void fts_clause(const struct pf_search_clause *clause, struct pf_buf *out)
{
    pf_buf_putc(out, '(');
    for (size_t a = 0; a < clause->count; a++) {
        if (a > 0)
            pf_buf_puts(out, " OR ");
        fts_operand(&clause->atoms[a], out);
    }
    pf_buf_putc(out, ')');
}

#define FTS_TEXT_COLUMNS "{title summary body} : "

void pf_search_to_fts5(const struct pf_search_query *query, const char *ws_token,
                       struct pf_buf *out)
{
    PF_ASSERT(pf_search_query_is_searchable(query));
    if (ws_token) {
        pf_buf_puts(out, "ws : \"");
        pf_buf_puts(out, ws_token);
        pf_buf_puts(out, "\" AND ");
    }
    /* FTS5's NOT is binary and binds tighter than AND: ((P1 AND P2) NOT N1 NOT N2). */
    pf_buf_puts(out, FTS_TEXT_COLUMNS "((");
    bool first = true;
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (clause->count == 0 || clause->is_negated)
            continue;
        if (!first)
            pf_buf_puts(out, " AND ");
        fts_clause(clause, out);
        first = false;
    }
    pf_buf_putc(out, ')');
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (clause->count == 0 || !clause->is_negated)
            continue;
        pf_buf_puts(out, " NOT ");
        fts_clause(clause, out);
    }
    pf_buf_putc(out, ')');
}

bool pf_search_to_fts5_exclusions(const struct pf_search_query *query, struct pf_buf *out)
{
    bool any = false;
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (!clause->is_negated || clause->count == 0)
            continue;
        pf_buf_puts(out, any ? " OR " : FTS_TEXT_COLUMNS "(");
        fts_operand(&clause->atoms[0], out);
        any = true;
    }
    if (any)
        pf_buf_putc(out, ')');
    return any;
}

void pf_search_ws_token(pf_id id, char out[PF_SEARCH_WS_TOKEN_SIZE])
{
    size_t pos = 0;
    for (size_t i = 0; i < sizeof(id.bytes); i += 2) {
        uint32_t chunk = (uint32_t)id.bytes[i] << 8 | id.bytes[i + 1];
        /* U+F0000..U+FFFFD, then U+100000.. for the two values that do not fit plane 15. */
        uint32_t cp = chunk < 0xFFFEu ? 0xF0000u + chunk : 0x100000u + (chunk - 0xFFFEu);
        pos += pf_utf8_encode(cp, out + pos);
    }
    out[pos] = '\0';
}

int64_t pf_search_fts_key(pf_id id)
{
    uint64_t ms = 0;
    for (int i = 0; i < 6; i++)
        ms = ms << 8 | id.bytes[i];
    uint64_t seq = (uint64_t)(id.bytes[6] & 0x0F) << 8 | id.bytes[7];
    uint64_t random = ((uint64_t)id.bytes[9] << 1 | id.bytes[10] >> 7) & 0x1FF;
    uint64_t stamp = (ms & ((UINT64_C(1) << 42) - 1)) << 21 | seq << 9 | random;
    return INT64_MAX - (int64_t)stamp;
}

static bool is_word_byte(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch >= 0x80;
}

static size_t count_code_points(const char *ptr, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += ((unsigned char)ptr[i] & 0xC0) != 0x80;
    return count;
}

/* Appends the alphanumeric pieces of text (three code points or more) separated by sep;
 * returns how many. */
static int append_pieces(const char *text, char sep, struct pf_buf *out, bool first)
{
    int count = 0;
    const char *p = text;
    while (*p) {
        while (*p && !is_word_byte((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && is_word_byte((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - start);
        if (len == 0 || count_code_points(start, len) < 3)
            continue;
        if (!first || count > 0)
            pf_buf_putc(out, sep);
        pf_buf_append(out, start, len);
        count++;
    }
    return count;
}

bool pf_search_fuzzy_spec(const struct pf_search_query *query, struct pf_buf *out)
{
    size_t start_len = out->len;
    bool any = false;
    for (size_t i = 0; i < query->count; i++) {
        const struct pf_search_clause *clause = &query->clauses[i];
        if (clause->is_negated || clause->count == 0)
            continue;
        if (clause->count == 1) {
            /* A lone word or phrase: each of its words must be found. */
            any = append_pieces(clause->atoms[0].text, '\n', out, !any) > 0 || any;
            continue;
        }
        size_t mark = out->len;
        if (any)
            pf_buf_putc(out, '\n');
        int alternatives = 0;
        for (size_t a = 0; a < clause->count; a++)
            alternatives += append_pieces(clause->atoms[a].text, '\t', out, alternatives == 0);
        if (alternatives == 0)
            pf_buf_truncate(out, mark);
        else
            any = true;
    }
    if (!any)
        pf_buf_truncate(out, start_len);
    return any;
}

static void quoted_piece(struct pf_buf *out, bool *first, const char *from, const char *to)
{
    if (!*first)
        pf_buf_puts(out, " OR ");
    pf_buf_putc(out, '"');
    pf_buf_append(out, from, (size_t)(to - from));
    pf_buf_putc(out, '"');
    *first = false;
}

void pf_search_fuzzy_match(const char *spec, const char *ws_token, struct pf_buf *out)
{
    pf_buf_puts(out, "ws : \"");
    pf_buf_puts(out, ws_token);
    pf_buf_puts(out, "\" AND text : (");
    bool first = true;
    const char *p = spec;
    while (*p) {
        const char *end = p;
        while (*end && *end != '\n' && *end != '\t')
            end++;
        /* Code point boundaries of the word (its first 64 code points). */
        const char *at[65];
        int n = 0;
        for (const char *c = p; c < end && n < 64; n++) {
            at[n] = c;
            c++;
            while (c < end && ((unsigned char)*c & 0xC0) == 0x80)
                c++;
            at[n + 1] = c;
        }
        /* Pigeonhole: a word cut into k + 1 pieces keeps one piece intact through k typos
         * (the trigram tokenizer matches a quoted piece as a substring). Three pieces of nine
         * code points or more survive two typos or a swap across a cut; two pieces, one typo;
         * under six, every trigram, so one typo leaves most of them. Far fewer candidates than
         * ORing every trigram of a long word, whose common trigrams match half the table. */
        int pieces = n >= 9 ? 3 : n >= 6 ? 2 : 0;
        if (pieces) {
            for (int k = 0; k < pieces; k++)
                quoted_piece(out, &first, at[n * k / pieces], at[n * (k + 1) / pieces]);
        } else {
            for (int k = 0; k + 3 <= n; k++)
                quoted_piece(out, &first, at[k], at[k + 3]);
        }
        p = *end ? end + 1 : end;
    }
    pf_buf_putc(out, ')');
}

void pf_search_read_marked(struct pf_arena *arena, const char *marked, char **out_text,
                           struct pf_search_span **out_spans, size_t *out_count)
{
    size_t len = marked ? strlen(marked) : 0;
    char *text = pf_arena_alloc(arena, len * 3 + 1); /* an invalid byte becomes U+FFFD */
    size_t spans_cap = len / 2 + 1;
    struct pf_search_span *spans = pf_arena_alloc(arena, spans_cap * sizeof(*spans));
    size_t count = 0;
    size_t pos = 0;
    int cp_count = 0;
    bool open = false;
    bool last_space = true; /* drops leading blanks */
    const char *p = marked ? marked : "";
    const char *end = p + len;
    while (p < end) {
        unsigned char ch = (unsigned char)*p;
        if (ch == PF_SEARCH_MARK_START[0] || ch == PF_SEARCH_MARK_END[0]) {
            if (ch == PF_SEARCH_MARK_START[0] && !open) {
                spans[count].start = cp_count;
                open = true;
            } else if (ch == PF_SEARCH_MARK_END[0] && open) {
                spans[count].end = cp_count;
                if (spans[count].end > spans[count].start)
                    count++;
                open = false;
            }
            p++;
            continue;
        }
        if (ch < 0x20 || ch == 0x7F || ch == ' ') {
            p++;
            if (!last_space) {
                text[pos++] = ' ';
                cp_count++;
                last_space = true;
            }
            continue;
        }
        const char *start = p;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp >= 0x80 && cp < 0xA0) { /* C1 controls: blanks too */
            if (!last_space) {
                text[pos++] = ' ';
                cp_count++;
                last_space = true;
            }
            continue;
        }
        if (cp < 0) {
            p = start + 1;
            pos += pf_utf8_encode(0xFFFD, text + pos);
        } else {
            memcpy(text + pos, start, (size_t)(p - start));
            pos += (size_t)(p - start);
        }
        cp_count++;
        last_space = false;
    }
    if (open) {
        spans[count].end = cp_count;
        if (spans[count].end > spans[count].start)
            count++;
    }
    while (pos > 0 && text[pos - 1] == ' ') {
        pos--;
        cp_count--;
    }
    text[pos] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (spans[i].end > cp_count)
            spans[i].end = cp_count;
    }
    while (count > 0 && spans[count - 1].start >= spans[count - 1].end)
        count--;
    *out_text = text;
    *out_spans = spans;
    *out_count = count;
}
