/* Contact details for basics: e-mail, phone, website, profiles and location, gathered from the
 * header, contact and sidebar parts of the document (never from job or school entries). */
#include <string.h>

#include "parse/parse_int.h"

#define MAX_PROFILES 16
#define CELLS_MAX 16

struct profile {
    const char *network;
    const char *username;
    const char *url;
    size_t start, end;
};

struct contacts {
    struct pf_val email, phone, url;
    struct profile profiles[MAX_PROFILES];
    size_t profile_count;
    struct pf_location loc;
    bool has_loc;
    const char *pending_network; /* a network named on its own, waiting for a username */
    size_t pending_start;
};

static bool scan_section(enum pf_sec k)
{
    switch (k) {
    case PF_SEC_HEADER:
    case PF_SEC_OTHER:
    case PF_SEC_SUMMARY:
    case PF_SEC_CONTACT:
    case PF_SEC_SKILLS:
    case PF_SEC_LANGUAGES:
    case PF_SEC_INTERESTS:
        return true;
    case PF_SEC_WORK:
    case PF_SEC_VOLUNTEER:
    case PF_SEC_EDUCATION:
    case PF_SEC_CERTIFICATES:
    case PF_SEC_PROJECTS:
    case PF_SEC_AWARDS:
    case PF_SEC_PUBLICATIONS:
    case PF_SEC_REFERENCES:
    case PF_SEC_COUNT_:
        return false;
    }
    return false;
}

static void add_profile(struct contacts *c, const char *network, const char *user, const char *url,
                        size_t start, size_t end)
{
    for (size_t i = 0; i < c->profile_count; i++) {
        struct profile *pr = &c->profiles[i];
        if (strcmp(pr->network, network) != 0)
            continue;
        if (!pr->url && url)
            pr->url = url;
        if (!pr->username && user)
            pr->username = user;
        return;
    }
    if (c->profile_count < MAX_PROFILES)
        c->profiles[c->profile_count++] = (struct profile){network, user, url, start, end};
}

/* One URL (typed or a link target) met at [start, end). */
static void take_url(struct pf_parse *p, struct contacts *c, struct pf_str url, size_t start,
                     size_t end, bool typed)
{
    if (pf_str_starts_with(url, PF_STR("mailto:"))) {
        if (!c->email.text && url.len > 7)
            c->email = pf_val_text(p, pf_arena_strdup_str(p->arena, pf_str_make(url.ptr + 7, url.len - 7)),
                                   start, end, 0.9f);
        return;
    }
    if (pf_str_starts_with(url, PF_STR("tel:")))
        return;
    const char *user = NULL;
    const char *network = pf_url_network(p, url, &user);
    const char *abs = pf_url_absolute(p, url);
    if (network) {
        add_profile(c, network, user, abs, start, end);
        return;
    }
    if (!c->url.text && (typed || url.len > 0))
        c->url = pf_val_text(p, abs, start, end, typed ? 0.85f : 0.7f);
}

/* "user (GitHub)", "GitHub: user", "GitHub" then "user" on the next line. */
static void take_network_words(struct pf_parse *p, struct contacts *c, struct pf_span cell,
                               const char *link)
{
    struct pf_str s = pf_raw(p, cell.start, cell.end);
    long open = pf_str_find_char(s, '(');
    if (open > 0 && s.ptr[s.len - 1] == ')') {
        const char *network = pf_network_name(pf_str_make(s.ptr + open + 1, s.len - (size_t)open - 2));
        if (network) {
            struct pf_str user = pf_str_trim(pf_str_make(s.ptr, (size_t)open));
            const char *url = NULL;
            const char *link_user = NULL;
            if (link && pf_url_network(p, pf_str_from_cstr(link), &link_user) == network)
                url = pf_url_absolute(p, pf_str_from_cstr(link));
            add_profile(c, network, pf_arena_strdup_str(p->arena, user), url, cell.start, cell.end);
            return;
        }
    }
    long colon = pf_str_find_char(s, ':');
    if (colon > 0) {
        const char *network = pf_network_name(pf_str_make(s.ptr, (size_t)colon));
        struct pf_str user = pf_str_trim(pf_str_make(s.ptr + colon + 1, s.len - (size_t)colon - 1));
        if (network && user.len > 0 && pf_str_find_char(user, ' ') < 0 &&
            pf_str_find(user, PF_STR("://")) < 0) {
            add_profile(c, network, pf_arena_strdup_str(p->arena, user), NULL, cell.start, cell.end);
            return;
        }
    }
    const char *network = pf_network_name(s);
    if (network) {
        c->pending_network = network;
        c->pending_start = cell.start;
        return;
    }
    if (c->pending_network && pf_str_find_char(s, ' ') < 0 && s.len <= 40) {
        const char *url = NULL;
        const char *link_user = NULL;
        if (link && pf_url_network(p, pf_str_from_cstr(link), &link_user) == c->pending_network)
            url = pf_url_absolute(p, pf_str_from_cstr(link));
        add_profile(c, c->pending_network, pf_arena_strdup_str(p->arena, s), url,
                    c->pending_start, cell.end);
    }
    c->pending_network = NULL;
}

/* Field labels of label/value contact rows ("City<TAB>Berlin", "Phone: ..."). */
enum field_label { FL_NONE, FL_ADDRESS, FL_CITY, FL_POSTAL_CITY, FL_REGION, FL_COUNTRY, FL_LOCATION };

static enum field_label field_label(struct pf_parse *p, struct pf_span cell)
{
    char f[48];
    pf_fold(pf_raw(p, cell.start, cell.end), f, sizeof(f));
    static const char *const address[] = {"address", "adresse", "anschrift", "direccion",
                                          "street", "strasse", NULL};
    static const char *const city[] = {"city", "stadt", "ort", "ville", "ciudad", "wohnort",
                                       NULL};
    static const char *const postal_city[] = {"postal code and city", "plz ort", "zip city",
                                              "postal code city", "code postal ville",
                                              "plz und ort", NULL};
    static const char *const region[] = {"region", "state", "province", "bundesland",
                                         "provincia", NULL};
    static const char *const country[] = {"country", "land", "pays", "pais", NULL};
    static const char *const location[] = {"location", "based in", "standort", "lieu",
                                           "ubicacion", "residence", NULL};
    if (pf_in_list(f, address))
        return FL_ADDRESS;
    if (pf_in_list(f, city))
        return FL_CITY;
    if (pf_in_list(f, postal_city))
        return FL_POSTAL_CITY;
    if (pf_in_list(f, region))
        return FL_REGION;
    if (pf_in_list(f, country))
        return FL_COUNTRY;
    if (pf_in_list(f, location))
        return FL_LOCATION;
    return FL_NONE;
}

static void take_location_field(struct pf_parse *p, struct contacts *c, enum field_label fl,
                                struct pf_span v)
{
    struct pf_location loc;
    switch (fl) {
    case FL_CITY:
        if (!c->loc.city.text)
            c->loc.city = pf_val_span(p, v.start, v.end, 0.85f);
        break;
    case FL_REGION:
        if (!c->loc.region.text)
            c->loc.region = pf_val_span(p, v.start, v.end, 0.85f);
        break;
    case FL_COUNTRY: {
        const char *code = pf_country_code(pf_raw(p, v.start, v.end));
        if (code && !c->loc.country.text)
            c->loc.country = pf_val_text(p, code, v.start, v.end, 0.85f);
        break;
    }
    case FL_POSTAL_CITY:
    case FL_LOCATION:
    case FL_ADDRESS:
        if (pf_location_parse(p, v.start, v.end, &loc) || loc.city.text || loc.postal.text) {
            if (!c->loc.city.text && fl != FL_ADDRESS)
                c->loc.city = loc.city;
            if (!c->loc.region.text)
                c->loc.region = loc.region;
            if (!c->loc.country.text)
                c->loc.country = loc.country;
            if (!c->loc.postal.text)
                c->loc.postal = loc.postal;
        }
        if (fl == FL_ADDRESS && !c->loc.address.text)
            c->loc.address = pf_val_span(p, v.start, v.end, 0.7f);
        break;
    case FL_NONE:
        break;
    }
}

/* Tries each piece of a contact line between " — ", " – ", " | " and " · " as a place. */
static void take_place_piece(struct pf_parse *p, struct contacts *c, const struct pf_pline *l)
{
    size_t seg = l->start;
    for (size_t i = l->start; i <= l->end && !c->has_loc; i++) {
        bool cut = i == l->end;
        size_t skip = 1;
        if (!cut && i + 4 < l->end && p->raw[i] == ' ' && (unsigned char)p->raw[i + 1] == 0xE2 &&
            (unsigned char)p->raw[i + 2] == 0x80 && p->raw[i + 4] == ' ') {
            cut = true;
            skip = 5;
        } else if (!cut && i + 2 < l->end && p->raw[i] == ' ' &&
                   (p->raw[i + 1] == '|' || p->raw[i + 1] == '-') && p->raw[i + 2] == ' ') {
            cut = true;
            skip = 3;
        } else if (!cut && (p->raw[i] == '\t' || p->raw[i] == '|')) {
            cut = true;
        }
        if (!cut)
            continue;
        struct pf_str piece = pf_raw(p, seg, i);
        size_t a = 0;
        size_t b = 0;
        struct pf_location loc;
        if (!pf_find_email(piece, &a, &b) && !pf_find_url(piece, &a, &b) &&
            !pf_find_phone(piece, &a, &b) && pf_location_parse(p, seg, i, &loc)) {
            c->loc = loc;
            c->has_loc = true;
        }
        i += skip - 1;
        seg = i + 1;
    }
}

static void scan_line(struct pf_parse *p, struct contacts *c, size_t index, bool header)
{
    const struct pf_pline *l = &p->lines[index];
    struct pf_str text = pf_raw(p, l->start, l->end);
    size_t a = 0;
    size_t b = 0;
    bool found = false;
    /* Link targets of the line's spans. */
    const char *first_link = NULL;
    size_t dl = pf_document_line_at(p->doc, l->start);
    if (dl < pf_document_line_count(p->doc)) {
        const struct pf_doc_line *line = pf_document_line(p->doc, dl);
        for (size_t s = 0; s < line->span_count; s++) {
            const struct pf_doc_span *sp = pf_document_span(p->doc, line->first_span + s);
            if (sp->link < 0 || sp->offset + sp->len <= l->start || sp->offset >= l->end)
                continue;
            const char *link = pf_document_link(p->doc, sp->link);
            if (!link)
                continue;
            if (!first_link)
                first_link = link;
            take_url(p, c, pf_str_from_cstr(link), sp->offset, sp->offset + sp->len, false);
            found = true;
        }
    }
    if (pf_find_email(text, &a, &b)) {
        if (!c->email.text)
            c->email = pf_val_span(p, l->start + a, l->start + b, 0.98f);
        found = true;
    }
    struct pf_span cells[CELLS_MAX];
    struct pf_location cell_loc;
    size_t nc = pf_cells(p, l->start, l->end, cells, CELLS_MAX);
    for (size_t k = 0; k < nc; k++) {
        struct pf_str cell = pf_raw(p, cells[k].start, cells[k].end);
        size_t off = 0;
        while (off < cell.len) {
            struct pf_str rest = pf_str_make(cell.ptr + off, cell.len - off);
            if (!pf_find_url(rest, &a, &b))
                break;
            struct pf_str u = pf_str_make(rest.ptr + a, b - a);
            size_t ea = 0;
            size_t eb = 0;
            bool in_email = pf_find_email(cell, &ea, &eb) && off + a >= ea && off + b <= eb;
            if (!in_email) {
                size_t start = cells[k].start + off + a;
                take_url(p, c, u, start, start + u.len, true);
                found = true;
            }
            off += b;
        }
        if (!c->phone.text && pf_find_phone(cell, &a, &b)) {
            c->phone = pf_val_span(p, cells[k].start + a, cells[k].start + b, 0.9f);
            found = true;
            continue;
        }
        size_t ea = 0;
        size_t eb = 0;
        if (nc > 1 && header && !c->has_loc && !pf_find_email(cell, &ea, &eb) &&
            !pf_find_url(cell, &ea, &eb) && pf_location_parse(p, cells[k].start, cells[k].end, &cell_loc)) {
            c->loc = cell_loc;
            c->has_loc = true;
            continue;
        }
        take_network_words(p, c, cells[k], first_link);
    }
    if (!header)
        return;
    if (found) {
        if (!c->has_loc)
            take_place_piece(p, c, l);
        return;
    }
    /* Places: label/value rows ("City<TAB>Berlin", "Location: Boston, MA"), then free text. */
    if (nc >= 2) {
        enum field_label fl = field_label(p, cells[0]);
        if (fl != FL_NONE) {
            take_location_field(p, c, fl, (struct pf_span){cells[1].start, cells[nc - 1].end});
            return;
        }
    }
    if (nc >= 1) {
        long colon = pf_str_find_char(pf_raw(p, cells[0].start, cells[nc - 1].end), ':');
        enum field_label fl = colon > 0 && colon < 32
            ? field_label(p, (struct pf_span){cells[0].start, cells[0].start + (size_t)colon})
            : FL_NONE;
        if (fl != FL_NONE) {
            take_location_field(p, c, fl, (struct pf_span){cells[0].start + (size_t)colon + 1,
                                                           cells[nc - 1].end});
            return;
        }
    }
    pf_languages_from_line(p, index);
    if (c->has_loc)
        return;
    /* "mail — phone — Lyon, France": a place among the contact pieces. */
    if (!c->has_loc)
        take_place_piece(p, c, l);
    struct pf_location loc;
    /* An address set on several lines ("2712 Broadway St, San Francisco," / "California, US"):
     * the whole of it first, so that the country on the second line is not lost. */
    size_t last = index;
    struct pf_str first = pf_raw(p, l->start, l->end);
    bool addressy = pf_str_find_char(first, ',') >= 0;
    for (size_t k = 0; k < first.len && !addressy; k++)
        addressy = first.ptr[k] >= '0' && first.ptr[k] <= '9';
    while (addressy && last + 1 < p->line_count && last < index + 3 &&
           (p->lines[last + 1].block == l->block ||
            p->raw[p->lines[last].end - 1] == ','))
        last++;
    if (last > index && pf_location_parse(p, l->start, p->lines[last].end, &loc)) {
        c->loc = loc;
        c->has_loc = true;
        return;
    }
    if (pf_location_parse(p, l->start, l->end, &loc)) {
        c->loc = loc;
        c->has_loc = true;
    }
}

static void put_location(struct pf_parse *p, struct contacts *c, json_t *basics, json_t *meta)
{
    json_t *loc = json_object();
    json_t *lmeta = json_object();
    pf_put(loc, lmeta, "address", c->loc.address);
    pf_put(loc, lmeta, "postalCode", c->loc.postal);
    pf_put(loc, lmeta, "city", c->loc.city);
    pf_put(loc, lmeta, "region", c->loc.region);
    pf_put(loc, lmeta, "countryCode", c->loc.country);
    if (json_object_size(loc) == 0) {
        json_decref(loc);
        json_decref(lmeta);
        return;
    }
    json_object_set_new(basics, "location", loc);
    const char *key;
    json_t *value;
    json_object_foreach(lmeta, key, value) {
        char path[64];
        snprintf(path, sizeof(path), "location/%s", key);
        json_object_set(meta, path, value);
    }
    json_decref(lmeta);
    PF_UNUSED(p);
}

/* Countries whose ISO code is also a US state's or a Canadian province's, by calling code. */
static const struct {
    const char *prefix;
    const char *iso;
} calling_codes[] = {
    {"31", "NL"},  {"49", "DE"},  {"51", "PE"},   {"54", "AR"},  {"57", "CO"},  {"62", "ID"},
    {"91", "IN"},  {"212", "MA"}, {"216", "TN"},  {"227", "NE"}, {"241", "GA"}, {"248", "SC"},
    {"249", "SD"}, {"355", "AL"}, {"356", "MT"},  {"373", "MD"}, {"382", "ME"}, {"421", "SK"},
    {"507", "PA"}, {"687", "NC"}, {"853", "MO"},  {"856", "LA"}, {"972", "IL"}, {"976", "MN"},
    {"994", "AZ"},
};

/* The country of an international phone number ("+49 30 …", "0049 …") among those above. */
static const char *phone_country(const char *phone)
{
    while (*phone == ' ' || *phone == '(')
        phone++;
    if (*phone == '+')
        phone++;
    else if (phone[0] == '0' && phone[1] == '0')
        phone += 2;
    else
        return NULL;
    for (size_t i = 0; i < PF_ARRAY_LEN(calling_codes); i++) {
        size_t n = strlen(calling_codes[i].prefix);
        if (strncmp(phone, calling_codes[i].prefix, n) == 0)
            return calling_codes[i].iso;
    }
    return NULL;
}

/* "Berlin, DE" reads as Delaware after a city, unless the phone says otherwise: a "+49"
 * number makes the state-looking code the country it also is. */
static void region_or_country(struct contacts *c)
{
    if (!c->has_loc || c->loc.country.text || !c->loc.region.text || !c->phone.text)
        return;
    const char *iso = phone_country(c->phone.text);
    const char *region = pf_country_code(pf_str_from_cstr(c->loc.region.text));
    if (iso && region && strcmp(iso, region) == 0) {
        c->loc.country = c->loc.region;
        c->loc.country.text = iso;
        c->loc.region = (struct pf_val){0};
    }
}

void pf_contact_extract(struct pf_parse *p, json_t *basics, json_t *meta)
{
    struct contacts c;
    memset(&c, 0, sizeof(c));
    for (size_t si = 0; si < p->section_count; si++) {
        const struct pf_section *s = &p->sections[si];
        if (!scan_section(s->kind))
            continue;
        bool header = s->kind == PF_SEC_HEADER || s->kind == PF_SEC_CONTACT ||
                      s->kind == PF_SEC_OTHER || s->kind == PF_SEC_SUMMARY;
        for (size_t i = s->first; i < s->first + s->count; i++) {
            if (!p->lines[i].skip)
                scan_line(p, &c, i, header);
        }
    }
    pf_put(basics, meta, "email", c.email);
    pf_put(basics, meta, "phone", c.phone);
    pf_put(basics, meta, "url", c.url);
    if (c.url.text)
        p->basics_url = c.url.text;
    region_or_country(&c);
    put_location(p, &c, basics, meta);
    for (size_t i = 0; i < c.profile_count; i++) {
        struct profile *pr = &c.profiles[i];
        json_t *o = json_object();
        json_t *m = json_object();
        pf_put(o, m, "network", (struct pf_val){pr->network, pr->start, pr->end, 0.9f});
        pf_put(o, m, "username", (struct pf_val){pr->username, pr->start, pr->end, 0.8f});
        pf_put(o, m, "url", (struct pf_val){pr->url, pr->start, pr->end, 0.85f});
        json_t *arr = json_object_get(basics, "profiles");
        if (!arr) {
            arr = json_array();
            json_object_set_new(basics, "profiles", arr);
        }
        const char *key;
        json_t *value;
        json_object_foreach(m, key, value) {
            char path[64];
            snprintf(path, sizeof(path), "profiles/%zu/%s", json_array_size(arr), key);
            json_object_set(meta, path, value);
        }
        json_array_append_new(arr, o);
        json_decref(m);
    }
}
