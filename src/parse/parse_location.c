/* Places: "San Francisco, CA", "10115 Berlin, Deutschland", "2712 Broadway St, ..., US". */
#include <string.h>

#include "parse/parse_int.h"

#define MAX_SEGS 12
#define MAX_WORDS 16

static const char *const street_words[] = {
    "st", "street", "ave", "avenue", "road", "rd", "blvd", "boulevard", "lane", "ln", "drive",
    "dr", "way", "court", "ct", "place", "pl", "suite", "apt", "floor", "strasse", "str",
    "weg", "platz", "allee", "gasse", "ring", "damm", "rue", "chemin", "impasse", "calle",
    "avenida", "plaza", "paseo", "via", "square", "terrace", "highway", "hwy", "parkway",
    "broadway", NULL};

static bool all_digits(struct pf_str s)
{
    if (s.len == 0)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9')
            return false;
    }
    return true;
}

static bool has_digit(struct pf_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] >= '0' && s.ptr[i] <= '9')
            return true;
    }
    return false;
}

static bool upper_code(struct pf_str s)
{
    return s.len == 2 && s.ptr[0] >= 'A' && s.ptr[0] <= 'Z' && s.ptr[1] >= 'A' && s.ptr[1] <= 'Z';
}

/* Splits [start, end) into words at spaces (offsets kept). */
static size_t words_of(const struct pf_parse *p, struct pf_span seg, struct pf_span *out)
{
    size_t n = 0;
    size_t i = seg.start;
    while (i < seg.end && n < MAX_WORDS) {
        while (i < seg.end && (p->raw[i] == ' ' || p->raw[i] == '\t' || p->raw[i] == '\n'))
            i++;
        size_t w = i;
        while (i < seg.end && p->raw[i] != ' ' && p->raw[i] != '\t' && p->raw[i] != '\n')
            i++;
        if (i > w)
            out[n++] = (struct pf_span){w, i};
    }
    return n;
}

static size_t segments_of(const struct pf_parse *p, size_t start, size_t end, struct pf_span *out)
{
    size_t n = 0;
    size_t seg = start;
    /* An address wrapped in a narrow column without commas reads as one line. */
    bool newline_cuts = memchr(p->raw + start, ',', end - start) != NULL;
    for (size_t i = start; i <= end && n < MAX_SEGS; i++) {
        bool dash = i + 4 < end && p->raw[i] == ' ' && (unsigned char)p->raw[i + 1] == 0xE2 &&
                    (unsigned char)p->raw[i + 2] == 0x80 && p->raw[i + 4] == ' ';
        bool cut = i == end || p->raw[i] == ',' || (p->raw[i] == '\n' && newline_cuts) || p->raw[i] == '\t' ||
                   p->raw[i] == '|' || p->raw[i] == ';' || dash;
        if (!cut)
            continue;
        struct pf_span s = pf_trim_span(p, (struct pf_span){seg, i}, ".-()");
        if (s.end > s.start)
            out[n++] = s;
        seg = i + 1;
    }
    return n;
}

static bool words_match(const struct pf_parse *p, const struct pf_span *w, size_t from, size_t to,
                        bool (*pred)(struct pf_str))
{
    return pred(pf_raw(p, w[from].start, w[to - 1].end));
}

static bool is_country(struct pf_str s)
{
    return pf_country_code(s) != NULL;
}

/* Place names are capitalised words; the only lower-case ones are particles ("Frankfurt am
 * Main", "Saint-Denis-de-la-Réunion"), never "for" or "of" ("Code for America" is no place). */
static bool place_words(const struct pf_parse *p, const struct pf_span *w, size_t lo, size_t hi)
{
    static const char *const particles[] = {"de", "la", "del", "los", "las", "am", "an", "der",
                                            "sur", "upon", "on", "le", "di", "da", "du", "des",
                                            "im", "bei", "y", "el", "en", NULL};
    for (size_t k = lo; k < hi; k++) {
        struct pf_str t = pf_raw(p, w[k].start, w[k].end);
        if (t.len == 0 || !(t.ptr[0] >= 'a' && t.ptr[0] <= 'z'))
            continue;
        char f[16];
        pf_fold(t, f, sizeof(f));
        if (!pf_in_list(f, particles))
            return false;
    }
    char f[160];
    pf_fold(pf_raw(p, w[lo].start, w[hi - 1].end), f, sizeof(f));
    static const char *const not_places[] = {"university", "college", "school", "institute",
                                             "company", "inc", "llc", "ltd", "gmbh", "group",
                                             "bank", "corp", "list", "award", "team", NULL};
    return !pf_has_listed_word(f, not_places);
}

bool pf_location_parse(struct pf_parse *p, size_t start, size_t end, struct pf_location *out)
{
    memset(out, 0, sizeof(*out));
    struct pf_str all = pf_raw(p, start, end);
    if (all.len == 0 || all.len > 120 || pf_str_find_char(all, '@') >= 0 ||
        pf_str_find(all, PF_STR("://")) >= 0)
        return false;
    struct pf_span segs[MAX_SEGS];
    size_t nseg = segments_of(p, start, end, segs);
    size_t junk = 0;
    for (size_t s = 0; s < nseg; s++) {
        struct pf_span w[MAX_WORDS];
        size_t nw = words_of(p, segs[s], w);
        if (nw == 0)
            continue;
        size_t lo = 0;
        size_t hi = nw;
        struct pf_str seg_text = pf_raw(p, segs[s].start, segs[s].end);
        /* A street address: a number and a street word. */
        char folded[128];
        pf_fold(seg_text, folded, sizeof(folded));
        if (has_digit(seg_text) && pf_has_listed_word(folded, street_words)) {
            /* The street, then (when the layout dropped the commas) the rest of the place. */
            size_t street_end = 0;
            for (size_t k = 0; k < nw; k++) {
                char wf[32];
                pf_fold(pf_raw(p, w[k].start, w[k].end), wf, sizeof(wf));
                if (pf_in_list(wf, street_words))
                    street_end = k + 1;
            }
            if (street_end == 0 || street_end >= nw) {
                if (!out->address.text)
                    out->address = pf_val_span(p, segs[s].start, segs[s].end, 0.7f);
                continue;
            }
            if (!out->address.text)
                out->address = pf_val_span(p, segs[s].start, w[street_end - 1].end, 0.7f);
            lo = street_end;
        }
        /* Country, postal code and region from the end. */
        for (size_t take = 3; take >= 1 && hi > lo; take--) {
            if (hi - lo >= take && !out->country.text &&
                words_match(p, w, hi - take, hi, is_country)) {
                struct pf_str c = pf_raw(p, w[hi - take].start, w[hi - 1].end);
                /* "CA" before a postal code or after a city is a state, not Canada. */
                bool state_code = upper_code(c) && pf_is_region(c) && take == 1 &&
                                  (hi < nw || (s > 0 && !out->region.text && nseg <= 2));
                if (!state_code) {
                    out->country = pf_val_text(p, pf_country_code(c), w[hi - take].start,
                                               w[hi - 1].end, 0.85f);
                    hi -= take;
                    break;
                }
            }
        }
        if (hi > lo && all_digits(pf_raw(p, w[hi - 1].start, w[hi - 1].end))) {
            size_t pstart = hi - 1;
            if (pstart > lo && upper_code(pf_raw(p, w[pstart - 1].start, w[pstart - 1].end)))
                pstart--;
            out->postal = pf_val_span(p, w[pstart].start, w[hi - 1].end, 0.7f);
            if (pstart < hi - 1 && !out->region.text)
                out->region = pf_val_span(p, w[pstart].start, w[pstart].end, 0.7f);
            hi = pstart;
        }
        for (size_t take = 3; take >= 1 && hi > lo; take--) {
            if (hi - lo >= take && words_match(p, w, hi - take, hi, pf_is_region)) {
                if (!out->region.text)
                    out->region = pf_val_span(p, w[hi - take].start, w[hi - 1].end, 0.8f);
                hi -= take;
                break;
            }
        }
        /* A leading postal code ("10115 Berlin", "CA 94115 San Francisco"). */
        if (hi > lo + 1 && upper_code(pf_raw(p, w[lo].start, w[lo].end)) &&
            all_digits(pf_raw(p, w[lo + 1].start, w[lo + 1].end))) {
            out->postal = pf_val_span(p, w[lo].start, w[lo + 1].end, 0.7f);
            if (!out->region.text && pf_is_region(pf_raw(p, w[lo].start, w[lo].end)))
                out->region = pf_val_span(p, w[lo].start, w[lo].end, 0.7f);
            lo += 2;
        } else if (hi > lo + 1 && all_digits(pf_raw(p, w[lo].start, w[lo].end))) {
            out->postal = pf_val_span(p, w[lo].start, w[lo].end, 0.7f);
            lo++;
        }
        if (hi <= lo)
            continue;
        struct pf_str rest = pf_raw(p, w[lo].start, w[hi - 1].end);
        size_t letters = 0;
        size_t upper = 0;
        size_t words = pf_word_count(rest, &letters, &upper);
        bool name_like = !has_digit(rest) && words <= 4 && upper >= 1 &&
                         rest.ptr[0] >= 'A' && rest.ptr[0] <= 'Z' && place_words(p, w, lo, hi);
        if (name_like && !out->city.text)
            out->city = pf_val_span(p, w[lo].start, w[hi - 1].end, 0.75f);
        else
            junk++; /* a second name ("Org, City, ST") or no name at all: not just a place */
    }
    bool ok = (out->city.text && (out->region.text || out->country.text)) ||
              (out->region.text && out->country.text) ||
              (out->postal.text && out->city.text);
    return ok && junk == 0;
}

bool pf_looks_like_location(struct pf_parse *p, size_t start, size_t end)
{
    struct pf_str s = pf_str_trim(pf_raw(p, start, end));
    char folded[64];
    pf_fold(s, folded, sizeof(folded));
    static const char *const remote[] = {"remote", "hybrid", "remote us", "fully remote",
                                         "home office", "teletravail", "remoto", "worldwide",
                                         NULL};
    if (pf_in_list(folded, remote))
        return true;
    if (s.len > 60 || pf_word_count(s, NULL, NULL) > 7)
        return false;
    struct pf_location loc;
    if (!pf_location_parse(p, start, end, &loc))
        return false;
    return !loc.address.text;
}
