/* Dates and date ranges in every common written form, in English, German, French and Spanish. */
#include <stdio.h>
#include <string.h>

#include "parse/parse_int.h"

#define MAX_TOKENS 96
#define WORD_MAX 24

enum tok_kind { TOK_NUM, TOK_WORD, TOK_PUNCT };

struct tok {
    enum tok_kind kind;
    size_t start, end;     /* bytes in the scanned string */
    int value;             /* TOK_NUM: the number (capped); TOK_PUNCT: the code point */
    int digits;            /* TOK_NUM: digit count */
    char word[WORD_MAX];   /* TOK_WORD: folded */
};

struct month_name {
    const char *name;
    int month;
};

static const struct month_name months[] = {
    {"january", 1}, {"jan", 1}, {"januar", 1}, {"janner", 1}, {"janvier", 1}, {"janv", 1},
    {"enero", 1}, {"ene", 1},
    {"february", 2}, {"feb", 2}, {"febr", 2}, {"februar", 2}, {"fevrier", 2}, {"fevr", 2},
    {"fev", 2}, {"febrero", 2},
    {"march", 3}, {"mar", 3}, {"marz", 3}, {"maerz", 3}, {"mars", 3}, {"marzo", 3},
    {"april", 4}, {"apr", 4}, {"avril", 4}, {"avr", 4}, {"abril", 4}, {"abr", 4},
    {"may", 5}, {"mai", 5}, {"mayo", 5},
    {"june", 6}, {"jun", 6}, {"juni", 6}, {"juin", 6}, {"junio", 6},
    {"july", 7}, {"jul", 7}, {"juli", 7}, {"juillet", 7}, {"juil", 7}, {"julio", 7},
    {"august", 8}, {"aug", 8}, {"aout", 8}, {"agosto", 8}, {"ago", 8},
    {"september", 9}, {"sep", 9}, {"sept", 9}, {"septembre", 9}, {"septiembre", 9},
    {"setiembre", 9},
    {"october", 10}, {"oct", 10}, {"oktober", 10}, {"okt", 10}, {"octobre", 10},
    {"octubre", 10},
    {"november", 11}, {"nov", 11}, {"novembre", 11}, {"noviembre", 11},
    {"december", 12}, {"dec", 12}, {"dezember", 12}, {"dez", 12}, {"decembre", 12},
    {"diciembre", 12}, {"dic", 12},
};

static const char *const seasons[] = {
    "spring", "summer", "fall", "autumn", "winter", "fruhling", "fruhjahr", "sommer",
    "herbst", "printemps", "ete", "automne", "hiver", "primavera", "verano", "otono",
    "invierno", "q1", "q2", "q3", "q4", "h1", "h2", "early", "mid", "late", "sose", "wise",
    "ss", "ws", NULL};

/* Words that close a range as "still ongoing". */
static const char *const present_words[] = {
    "present", "current", "currently", "now", "today", "ongoing", "heute", "aktuell",
    "derzeit", "jetzt", "laufend", "gegenwart", "dato", "aujourdhui", "actuel", "actuelle",
    "actuellement", "actualidad", "presente", "hoy", "actual", "actualmente", "date", "nowadays",
    NULL};

/* Words between two dates of a range. */
static const char *const range_words[] = {
    "to", "until", "till", "til", "through", "thru", "bis", "a", "au", "al", "hasta", "jusqu",
    "jusqua", "and", NULL};

/* Words that open a range without an end. */
static const char *const since_words[] = {"since", "seit", "depuis", "desde", "ab", NULL};

/* Words allowed around a date in a date-only line. */
static const char *const noise_words[] = {
    "issued", "on", "awarded", "published", "date", "dates", "from", "von", "du", "de", "del",
    "le", "el", "the", "in", "of", "since", "seit", "depuis", "desde", "expires", "expired",
    "received", "completed", "graduated", "graduation", "expected", "anticipated", "to", "am",
    "obtained", "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "mon", "jahr",
    "jahre", "monat", "monate", "an", "ans", "mois", "ano", "anos", "mes", "meses", "la", "und",
    "and", "et", "y", "present", "current", "ongoing", "released", "valid", "until", "through",
    "day", "days", "week", "weeks", "wk", "wks", "tag", "tage", "jour", "jours", "dia", "dias",
    NULL};

static bool word_in(const char *word, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(word, list[i]) == 0)
            return true;
    }
    return false;
}

static int month_of(const char *word)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(months); i++) {
        if (strcmp(word, months[i].name) == 0)
            return months[i].month;
    }
    return 0;
}

static bool valid_year(int y);

static size_t tokenize(struct pf_str s, struct tok *toks, size_t max)
{
    size_t count = 0;
    const char *base = s.ptr;
    const char *ptr = s.ptr;
    const char *end = s.ptr + s.len;
    while (ptr < end && count < max) {
        const char *start = ptr;
        int32_t cp = pf_utf8_decode(&ptr, end);
        if (cp < 0) {
            ptr++;
            continue;
        }
        struct tok *t = &toks[count];
        if (cp >= '0' && cp <= '9') {
            int value = cp - '0';
            int digits = 1;
            while (ptr < end && *ptr >= '0' && *ptr <= '9') {
                if (value < 100000)
                    value = value * 10 + (*ptr - '0');
                digits++;
                ptr++;
            }
            t->kind = TOK_NUM;
            t->value = value;
            t->digits = digits;
            /* "Dec, 20182 years": a year run into a duration by the converter. */
            if ((digits == 5 || digits == 6) && ptr < end && *ptr == ' ') {
                int year = digits == 5 ? value / 10 : value / 100;
                const char *w = ptr + 1;
                if (valid_year(year) && (strncmp(w, "year", 4) == 0 || strncmp(w, "month", 5) == 0 ||
                                         strncmp(w, "yr", 2) == 0 || strncmp(w, "mo", 2) == 0)) {
                    t->value = year;
                    t->digits = 4;
                    ptr -= digits - 4;
                }
            }
            /* "1st", "2nd", "15th": the suffix belongs to the number. */
            if (end - ptr >= 2 && (strncmp(ptr, "st", 2) == 0 || strncmp(ptr, "nd", 2) == 0 ||
                                   strncmp(ptr, "rd", 2) == 0 || strncmp(ptr, "th", 2) == 0) &&
                (end - ptr == 2 || !((ptr[2] | 0x20) >= 'a' && (ptr[2] | 0x20) <= 'z')))
                ptr += 2;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                   (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)) {
            while (ptr < end) {
                const char *q = ptr;
                int32_t c2 = pf_utf8_decode(&q, end);
                bool letter = (c2 >= 'a' && c2 <= 'z') || (c2 >= 'A' && c2 <= 'Z') ||
                              (c2 >= 0xC0 && c2 <= 0x24F && c2 != 0xD7 && c2 != 0xF7) ||
                              ((c2 == '\'' || c2 == 0x2019) && q < end &&
                               ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'));
                if (!letter)
                    break;
                ptr = q;
            }
            t->kind = TOK_WORD;
            pf_fold(pf_str_make(start, (size_t)(ptr - start)), t->word, sizeof(t->word));
            t->value = 0;
            t->digits = 0;
        } else if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
                   (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F) {
            continue;
        } else {
            t->kind = TOK_PUNCT;
            t->value = cp;
            t->digits = 0;
        }
        t->start = (size_t)(start - base);
        t->end = (size_t)(ptr - base);
        count++;
    }
    return count;
}

static bool is_dash(const struct tok *t)
{
    return t->kind == TOK_PUNCT && (t->value == '-' || t->value == 0x2013 || t->value == 0x2014 ||
                                    t->value == 0x2212 || t->value == 0x2010 ||
                                    t->value == 0x2011 || t->value == 0x2192 || t->value == '~');
}

static bool is_punct(const struct tok *t, int ch)
{
    return t->kind == TOK_PUNCT && t->value == ch;
}

static bool valid_year(int y)
{
    return y >= 1940 && y <= 2100;
}

/* Parses one date at toks[i]; on success returns the index after it. */
static size_t parse_date_at(const struct tok *toks, size_t n, size_t i, struct pf_date *out)
{
    memset(out, 0, sizeof(*out));
    if (i >= n)
        return 0;
    const struct tok *t = &toks[i];
    if (t->kind == TOK_WORD) {
        int month = month_of(t->word);
        size_t j = i + 1;
        if (month) {
            if (j < n && is_punct(&toks[j], '.'))
                j++;
            if (j < n && is_punct(&toks[j], ','))
                j++;
            /* "May 01, 2024" */
            if (j + 1 < n && toks[j].kind == TOK_NUM && toks[j].digits <= 2 &&
                toks[j].value >= 1 && toks[j].value <= 31) {
                size_t k = j + 1;
                if (k < n && is_punct(&toks[k], ','))
                    k++;
                if (k < n && toks[k].kind == TOK_NUM && toks[k].digits == 4 &&
                    valid_year(toks[k].value)) {
                    out->year = toks[k].value;
                    out->month = month;
                    out->day = toks[j].value;
                    return k + 1;
                }
            }
            if (j < n && toks[j].kind == TOK_NUM && toks[j].digits == 4 &&
                valid_year(toks[j].value)) {
                out->year = toks[j].value;
                out->month = month;
                return j + 1;
            }
            /* "Jan '19" */
            if (j + 1 < n && (is_punct(&toks[j], '\'') || is_punct(&toks[j], 0x2019)) &&
                toks[j + 1].kind == TOK_NUM && toks[j + 1].digits == 2) {
                int yy = toks[j + 1].value;
                out->year = yy < 50 ? 2000 + yy : 1900 + yy;
                out->month = month;
                return j + 2;
            }
            return 0;
        }
        if (word_in(t->word, seasons)) {
            if (j < n && is_punct(&toks[j], '/'))
                return 0;
            if (j < n && toks[j].kind == TOK_NUM && toks[j].digits == 4 &&
                valid_year(toks[j].value)) {
                out->year = toks[j].value;
                return j + 1;
            }
        }
        return 0;
    }
    if (t->kind != TOK_NUM)
        return 0;
    /* YYYY-MM(-DD), YYYY/MM, YYYY.MM */
    if (t->digits == 4 && valid_year(t->value)) {
        out->year = t->value;
        if (i + 2 < n && (is_punct(&toks[i + 1], '-') || is_punct(&toks[i + 1], '/') ||
                          is_punct(&toks[i + 1], '.')) &&
            toks[i + 2].kind == TOK_NUM && toks[i + 2].digits == 2 && toks[i + 2].value >= 1 &&
            toks[i + 2].value <= 12 && toks[i + 1].end == toks[i + 2].start &&
            toks[i + 1].start == t->end) {
            out->month = toks[i + 2].value;
            size_t j = i + 3;
            if (j + 1 < n && is_punct(&toks[j], toks[i + 1].value) &&
                toks[j + 1].kind == TOK_NUM && toks[j + 1].digits <= 2 &&
                toks[j + 1].value >= 1 && toks[j + 1].value <= 31 &&
                toks[j].start == toks[i + 2].end) {
                out->day = toks[j + 1].value;
                return j + 2;
            }
            return j;
        }
        return i + 1;
    }
    if (t->digits > 2 || t->value < 1)
        return 0;
    /* DD Month YYYY, "15. März 2020" */
    {
        size_t j = i + 1;
        if (j < n && is_punct(&toks[j], '.'))
            j++;
        if (j + 1 < n && toks[j].kind == TOK_WORD && month_of(toks[j].word) && t->value <= 31) {
            size_t k = j + 1;
            if (k < n && is_punct(&toks[k], '.'))
                k++;
            if (k < n && is_punct(&toks[k], ','))
                k++;
            if (k < n && toks[k].kind == TOK_NUM && toks[k].digits == 4 &&
                valid_year(toks[k].value)) {
                out->year = toks[k].value;
                out->month = month_of(toks[j].word);
                out->day = t->value;
                return k + 1;
            }
        }
    }
    /* MM/YYYY, MM.YYYY, MM-YYYY, and a/b/YYYY */
    if (i + 2 < n && toks[i + 1].kind == TOK_PUNCT &&
        (toks[i + 1].value == '/' || toks[i + 1].value == '.' || toks[i + 1].value == '-') &&
        toks[i + 1].start == t->end && toks[i + 2].kind == TOK_NUM &&
        toks[i + 2].start == toks[i + 1].end) {
        int sep = toks[i + 1].value;
        const struct tok *b = &toks[i + 2];
        if (b->digits == 4 && valid_year(b->value) && t->value <= 12) {
            out->year = b->value;
            out->month = t->value;
            return i + 3;
        }
        if (b->digits <= 2 && i + 4 < n && is_punct(&toks[i + 3], sep) &&
            toks[i + 4].kind == TOK_NUM && toks[i + 4].digits == 4 &&
            valid_year(toks[i + 4].value)) {
            int a = t->value;
            int c = b->value;
            int month;
            int day;
            /* US order first with '/', day first with '.' (and whenever a cannot be a month). */
            if (sep == '.' ? (c <= 12) : (a > 12)) {
                month = c;
                day = a;
            } else {
                month = a;
                day = c;
            }
            if (month < 1 || month > 12 || day < 1 || day > 31)
                return 0;
            out->year = toks[i + 4].value;
            out->month = month;
            out->day = day;
            return i + 5;
        }
    }
    return 0;
}

/* A "Present" word (or phrase) at toks[i]: returns the index after it, 0 when none. */
static size_t parse_present_at(const struct tok *toks, size_t n, size_t i)
{
    if (i >= n || toks[i].kind != TOK_WORD)
        return 0;
    const char *w = toks[i].word;
    if (strcmp(w, "date") == 0 || strcmp(w, "dato") == 0 || strcmp(w, "la") == 0 ||
        strcmp(w, "ce") == 0)
        return 0; /* only after "to"/"bis" etc. (handled by the caller) */
    if (strcmp(w, "en") == 0 && i + 1 < n && toks[i + 1].kind == TOK_WORD &&
        strcmp(toks[i + 1].word, "cours") == 0)
        return i + 2;
    if (word_in(w, present_words)) {
        if (i + 1 < n && toks[i + 1].kind == TOK_WORD && strcmp(toks[i + 1].word, "day") == 0)
            return i + 2;
        return i + 1;
    }
    return 0;
}

/* "to date", "bis heute", "à ce jour", "a la fecha", "up to now". */
static size_t parse_open_end(const struct tok *toks, size_t n, size_t i)
{
    size_t j = parse_present_at(toks, n, i);
    if (j)
        return j;
    if (i + 1 < n && toks[i].kind == TOK_WORD &&
        (word_in(toks[i].word, range_words) || strcmp(toks[i].word, "up") == 0)) {
        size_t k = i + 1;
        if (strcmp(toks[i].word, "up") == 0 && k < n && toks[k].kind == TOK_WORD &&
            strcmp(toks[k].word, "to") == 0)
            k++;
        if (k < n && toks[k].kind == TOK_WORD &&
            (strcmp(toks[k].word, "date") == 0 || strcmp(toks[k].word, "dato") == 0))
            return k + 1;
        if (k + 1 < n && toks[k].kind == TOK_WORD &&
            (strcmp(toks[k].word, "ce") == 0 || strcmp(toks[k].word, "la") == 0) &&
            toks[k + 1].kind == TOK_WORD &&
            (strcmp(toks[k + 1].word, "jour") == 0 || strcmp(toks[k + 1].word, "fecha") == 0 ||
             strcmp(toks[k + 1].word, "actualidad") == 0))
            return k + 2;
        j = parse_present_at(toks, n, k);
        if (j)
            return j;
    }
    return 0;
}

static size_t parse_range_at(const struct tok *toks, size_t n, size_t i,
                             struct pf_date_range *out)
{
    memset(out, 0, sizeof(*out));
    size_t start_tok = i;
    bool since = false;
    if (i < n && toks[i].kind == TOK_WORD && word_in(toks[i].word, since_words)) {
        since = true;
        i++;
    } else if (i < n && toks[i].kind == TOK_WORD &&
               (strcmp(toks[i].word, "from") == 0 || strcmp(toks[i].word, "von") == 0 ||
                strcmp(toks[i].word, "du") == 0 || strcmp(toks[i].word, "de") == 0 ||
                strcmp(toks[i].word, "del") == 0)) {
        i++;
    }
    struct pf_date first;
    size_t j = parse_date_at(toks, n, i, &first);
    if (!j) {
        /* A bare "Present" never stands alone as a range start. */
        return 0;
    }
    out->start = first;
    out->has_start = true;
    out->match_start = toks[start_tok].start;
    out->match_end = toks[j - 1].end;
    if (since) {
        out->present = true;
        return j;
    }
    size_t k = j;
    bool sep = false;
    if (k < n && (is_dash(&toks[k]) || is_punct(&toks[k], '/'))) {
        k++;
        sep = true;
    } else if (k < n && toks[k].kind == TOK_WORD && word_in(toks[k].word, range_words)) {
        sep = true;
        size_t open = parse_open_end(toks, n, k);
        if (open) {
            out->present = true;
            out->match_end = toks[open - 1].end;
            return open;
        }
        k++;
    }
    /* "2010 2014": two years side by side (a table's cells run together). */
    if (!sep && k < n && toks[k].kind == TOK_NUM && toks[k].digits == 4 && first.month == 0 &&
        valid_year(toks[k].value) && toks[k].value >= first.year && toks[k].value - first.year <= 12 &&
        k + 1 == n) {
        out->end.year = toks[k].value;
        out->has_end = true;
        out->match_end = toks[k].end;
        return k + 1;
    }
    if (!sep)
        return j;
    struct pf_date second;
    size_t m = parse_date_at(toks, n, k, &second);
    if (m) {
        /* "2019 - 05/2020" is fine; a second date before the first is not a range. */
        if (second.year < first.year)
            return j;
        out->end = second;
        out->has_end = true;
        out->match_end = toks[m - 1].end;
        return m;
    }
    /* "Jan - Mar 2020": a month range within one year. */
    size_t open = parse_open_end(toks, n, k);
    if (open) {
        out->present = true;
        out->match_end = toks[open - 1].end;
        return open;
    }
    /* "2019 –" with nothing after: open, as far as the text says. */
    if (k >= n) {
        out->present = true;
        out->match_end = toks[k - 1].end;
        return k;
    }
    return j;
}

/* "Jan – Mar 2020": a month alone then a dated month. */
static size_t parse_month_pair_at(const struct tok *toks, size_t n, size_t i,
                                  struct pf_date_range *out)
{
    if (i + 2 >= n || toks[i].kind != TOK_WORD || !month_of(toks[i].word))
        return 0;
    size_t k = i + 1;
    if (k < n && is_punct(&toks[k], '.'))
        k++;
    if (k >= n || !(is_dash(&toks[k]) || (toks[k].kind == TOK_WORD &&
                                         word_in(toks[k].word, range_words))))
        return 0;
    struct pf_date second;
    size_t m = parse_date_at(toks, n, k + 1, &second);
    if (!m || second.month == 0)
        return 0;
    memset(out, 0, sizeof(*out));
    out->start.year = second.year;
    out->start.month = month_of(toks[i].word);
    out->has_start = true;
    out->end = second;
    out->has_end = true;
    out->match_start = toks[i].start;
    out->match_end = toks[m - 1].end;
    return m;
}

bool pf_date_find(struct pf_str s, struct pf_date_range *out)
{
    struct tok toks[MAX_TOKENS];
    size_t n = tokenize(s, toks, MAX_TOKENS);
    for (size_t i = 0; i < n; i++) {
        /* Skip numbers glued to letters or other numbers ("ISO27001", "+1 2020 555"). */
        if (toks[i].kind == TOK_NUM && i > 0 && toks[i - 1].end == toks[i].start &&
            (toks[i - 1].kind == TOK_WORD || toks[i - 1].kind == TOK_NUM ||
             is_punct(&toks[i - 1], '+') || is_punct(&toks[i - 1], '$')))
            continue;
        if (parse_month_pair_at(toks, n, i, out))
            return true;
        size_t j = parse_range_at(toks, n, i, out);
        if (!j)
            continue;
        /* A year followed by a letter-number blend ("2019ers") or a percent is no date. */
        if (toks[j - 1].kind == TOK_NUM && j < n && toks[j].start == toks[j - 1].end &&
            (toks[j].kind == TOK_WORD || is_punct(&toks[j], '%') || is_punct(&toks[j], '+')))
            continue;
        return true;
    }
    /* A lone "Present" / "heute" (the other half printed elsewhere). */
    for (size_t i = 0; i < n; i++) {
        size_t j = parse_open_end(toks, n, i);
        if (j) {
            memset(out, 0, sizeof(*out));
            out->present = true;
            out->match_start = toks[i].start;
            out->match_end = toks[j - 1].end;
            return n <= 3;
        }
    }
    return false;
}

bool pf_date_parse(struct pf_str s, struct pf_date *out)
{
    struct tok toks[MAX_TOKENS];
    size_t n = tokenize(s, toks, MAX_TOKENS);
    size_t j = parse_date_at(toks, n, 0, out);
    return j > 0 && j == n;
}

bool pf_is_present_word(struct pf_str s)
{
    struct tok toks[8];
    size_t n = tokenize(s, toks, 8);
    if (n == 0)
        return false;
    size_t j = parse_open_end(toks, n, 0);
    return j > 0 && j == n;
}

bool pf_is_date_only(struct pf_str s)
{
    struct pf_date_range r;
    if (!pf_date_find(s, &r))
        return false;
    struct tok toks[MAX_TOKENS];
    size_t n = tokenize(s, toks, MAX_TOKENS);
    for (size_t i = 0; i < n; i++) {
        if (toks[i].start >= r.match_start && toks[i].end <= r.match_end)
            continue;
        if (toks[i].kind == TOK_PUNCT)
            continue;
        if (toks[i].kind == TOK_WORD && word_in(toks[i].word, noise_words))
            continue;
        /* durations: "2 years 7 months" */
        if (toks[i].kind == TOK_NUM && toks[i].digits <= 2 && i + 1 < n &&
            toks[i + 1].kind == TOK_WORD && word_in(toks[i + 1].word, noise_words))
            continue;
        return false;
    }
    return true;
}

bool pf_is_duration(struct pf_str s)
{
    struct tok toks[MAX_TOKENS];
    size_t n = tokenize(s, toks, MAX_TOKENS);
    bool number = false;
    for (size_t i = 0; i < n; i++) {
        if (toks[i].kind == TOK_PUNCT)
            continue;
        if (toks[i].kind == TOK_NUM && toks[i].digits <= 2 && i + 1 < n &&
            toks[i + 1].kind == TOK_WORD && word_in(toks[i + 1].word, noise_words)) {
            number = true;
            continue;
        }
        if (toks[i].kind == TOK_WORD && word_in(toks[i].word, noise_words))
            continue;
        return false;
    }
    return number;
}

void pf_date_format(struct pf_date d, char out[16])
{
    if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31)
        snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
    else if (d.month >= 1 && d.month <= 12)
        snprintf(out, 16, "%04d-%02d", d.year, d.month);
    else
        snprintf(out, 16, "%04d", d.year);
}
