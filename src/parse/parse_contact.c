/* Contact details: e-mail addresses, phone numbers, URLs and profiles, places. */
#include <string.h>

#include "parse/parse_int.h"

#define FOLD_MAX 96

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_email_local(char ch)
{
    return is_alpha(ch) || is_digit(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' ||
           ch == '-';
}

static bool is_host_char(char ch)
{
    return is_alpha(ch) || is_digit(ch) || ch == '.' || ch == '-';
}

bool pf_find_email(struct pf_str s, size_t *out_start, size_t *out_end)
{
    for (size_t at = 0; at < s.len; at++) {
        if (s.ptr[at] != '@')
            continue;
        size_t a = at;
        while (a > 0 && is_email_local(s.ptr[a - 1]))
            a--;
        size_t b = at + 1;
        while (b < s.len && is_host_char(s.ptr[b]))
            b++;
        while (b > at + 1 && (s.ptr[b - 1] == '.' || s.ptr[b - 1] == '-'))
            b--;
        while (a < at && (s.ptr[a] == '.' || s.ptr[a] == '-'))
            a++;
        if (a == at || b <= at + 1)
            continue;
        /* The domain needs a dot and a top-level part of two letters or more. */
        size_t dot = 0;
        for (size_t i = at + 1; i < b; i++) {
            if (s.ptr[i] == '.')
                dot = i;
        }
        if (!dot || b - dot - 1 < 2 || !is_alpha(s.ptr[dot + 1]))
            continue;
        *out_start = a;
        *out_end = b;
        return true;
    }
    return false;
}

static bool digit_run_is_year(struct pf_str s, size_t i, size_t n)
{
    if (n != 4)
        return false;
    int y = (s.ptr[i] - '0') * 1000 + (s.ptr[i + 1] - '0') * 100 + (s.ptr[i + 2] - '0') * 10 +
            (s.ptr[i + 3] - '0');
    return y >= 1940 && y <= 2100;
}

bool pf_find_phone(struct pf_str s, size_t *out_start, size_t *out_end)
{
    size_t i = 0;
    while (i < s.len) {
        char ch = s.ptr[i];
        bool can_start = ch == '+' || ch == '(' || is_digit(ch);
        if (!can_start || (i > 0 && (is_alpha(s.ptr[i - 1]) || is_digit(s.ptr[i - 1]) ||
                                     s.ptr[i - 1] == '/' || s.ptr[i - 1] == '.'))) {
            i++;
            continue;
        }
        size_t j = i;
        size_t digits = 0;
        size_t groups = 0;
        size_t years = 0;
        size_t last_digit = i;
        while (j < s.len) {
            char c = s.ptr[j];
            if (is_digit(c)) {
                size_t k = j;
                while (k < s.len && is_digit(s.ptr[k]))
                    k++;
                if (digit_run_is_year(s, j, k - j))
                    years++;
                digits += k - j;
                groups++;
                j = k;
                last_digit = j;
                continue;
            }
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' ||
                (c == '+' && j == i)) {
                j++;
                continue;
            }
            if ((unsigned char)c == 0xC2 && j + 1 < s.len && (unsigned char)s.ptr[j + 1] == 0xA0) {
                j += 2;
                continue;
            }
            break;
        }
        size_t end = last_digit;
        bool letter_after = end < s.len && (is_alpha(s.ptr[end]) || s.ptr[end] == '%');
        bool plausible = digits >= 7 && digits <= 15 && !letter_after &&
                         !(years >= 2 && groups <= 3) && !(years >= 1 && groups <= 2) &&
                         (s.ptr[i] == '+' || s.ptr[i] == '(' || groups >= 2 || digits >= 10);
        if (plausible) {
            struct pf_date_range r;
            struct pf_str cand = pf_str_make(s.ptr + i, end - i);
            if (pf_date_find(cand, &r) && r.has_start && r.match_end - r.match_start + 3 >= cand.len)
                plausible = false;
        }
        if (plausible) {
            *out_start = i;
            *out_end = end;
            return true;
        }
        i = j > i ? j : i + 1;
    }
    return false;
}

static const char *const tlds[] = {
    "com", "org", "net", "io", "dev", "me", "de", "fr", "es", "co", "uk", "app", "ai", "info",
    "biz", "edu", "gov", "eu", "ch", "at", "nl", "be", "it", "xyz", "tech", "site", "online",
    "page", "us", "ca", "au", "in", "to", "ly", "sh", "so", "cc", "tv", "se", "no", "dk", "fi",
    "pl", "pt", "ie", "nz", "jp", "br", "mx", "ar", "cl", "blog", "design", "codes", "works",
    "cloud", "social", "pro", "name", "portfolio", "studio", "space", "website", "email", "one",
    NULL};

static bool known_tld(const char *ptr, size_t len)
{
    for (size_t i = 0; tlds[i]; i++) {
        if (strlen(tlds[i]) == len && pf_str_case_eq(pf_str_make(ptr, len), pf_str_from_cstr(tlds[i])))
            return true;
    }
    return false;
}

static bool is_url_char(char ch)
{
    return is_alpha(ch) || is_digit(ch) || strchr("-._~:/?#[]@!$&'*+,;=%", ch) != NULL;
}

bool pf_find_url(struct pf_str s, size_t *out_start, size_t *out_end)
{
    for (size_t i = 0; i < s.len; i++) {
        if (i > 0 && (is_host_char(s.ptr[i - 1]) || s.ptr[i - 1] == '@' || s.ptr[i - 1] == '/'))
            continue;
        size_t host = i;
        bool scheme = false;
        struct pf_str rest = pf_str_make(s.ptr + i, s.len - i);
        if (pf_str_starts_with(rest, PF_STR("https://")) || pf_str_starts_with(rest, PF_STR("http://")) ||
            pf_str_starts_with(rest, PF_STR("HTTPS://")) || pf_str_starts_with(rest, PF_STR("HTTP://"))) {
            host = i + (rest.ptr[4] == ':' ? 7 : 8);
            scheme = true;
        }
        if (host >= s.len || !(is_alpha(s.ptr[host]) || is_digit(s.ptr[host])))
            continue;
        size_t j = host;
        size_t last_dot = 0;
        while (j < s.len && is_host_char(s.ptr[j])) {
            if (s.ptr[j] == '.')
                last_dot = j;
            j++;
        }
        size_t host_end = j;
        while (host_end > host && s.ptr[host_end - 1] == '.')
            host_end--;
        if (last_dot >= host_end)
            last_dot = 0;
        for (size_t k = host_end; k > host; k--) {
            if (s.ptr[k - 1] == '.') {
                last_dot = k - 1;
                break;
            }
        }
        if (!last_dot || last_dot <= host)
            continue;
        if (j < s.len && s.ptr[j] == '@')
            continue; /* an e-mail address */
        bool www = host_end - host > 4 && pf_str_case_eq(pf_str_make(s.ptr + host, 4), PF_STR("www."));
        if (!scheme && !www && !known_tld(s.ptr + last_dot + 1, host_end - last_dot - 1))
            continue;
        size_t end = host_end;
        if (end < s.len && (s.ptr[end] == '/' || s.ptr[end] == ':' || s.ptr[end] == '?' ||
                            s.ptr[end] == '#')) {
            while (end < s.len && is_url_char(s.ptr[end]) && s.ptr[end] != ' ')
                end++;
            while (end > host_end && strchr(".,;:)!?'", s.ptr[end - 1]))
                end--;
        }
        *out_start = i;
        *out_end = end;
        return true;
    }
    return false;
}

struct network {
    const char *host;      /* host suffix */
    const char *name;
    const char *word;      /* folded word that names it */
    const char *prefix;    /* path segment before the username, or NULL */
};

static const struct network networks[] = {
    {"github.com", "GitHub", "github", NULL},
    {"gitlab.com", "GitLab", "gitlab", NULL},
    {"linkedin.com", "LinkedIn", "linkedin", "in"},
    {"twitter.com", "Twitter", "twitter", NULL},
    {"x.com", "X", "x", NULL},
    {"stackoverflow.com", "Stack Overflow", "stack overflow", "users"},
    {"stackexchange.com", "Stack Exchange", "stack exchange", "users"},
    {"medium.com", "Medium", "medium", NULL},
    {"dribbble.com", "Dribbble", "dribbble", NULL},
    {"behance.net", "Behance", "behance", NULL},
    {"facebook.com", "Facebook", "facebook", NULL},
    {"instagram.com", "Instagram", "instagram", NULL},
    {"youtube.com", "YouTube", "youtube", NULL},
    {"xing.com", "XING", "xing", "profile"},
    {"kaggle.com", "Kaggle", "kaggle", NULL},
    {"bitbucket.org", "Bitbucket", "bitbucket", NULL},
    {"codepen.io", "CodePen", "codepen", NULL},
    {"dev.to", "DEV", "dev to", NULL},
    {"soundcloud.com", "SoundCloud", "soundcloud", NULL},
    {"researchgate.net", "ResearchGate", "researchgate", "profile"},
    {"orcid.org", "ORCID", "orcid", NULL},
    {"scholar.google.com", "Google Scholar", "google scholar", NULL},
    {"leetcode.com", "LeetCode", "leetcode", NULL},
    {"hackerrank.com", "HackerRank", "hackerrank", NULL},
    {"npmjs.com", "npm", "npm", "~"},
    {"reddit.com", "Reddit", "reddit", "user"},
    {"mastodon.social", "Mastodon", "mastodon", NULL},
    {"threads.net", "Threads", "threads", NULL},
    {"bsky.app", "Bluesky", "bluesky", "profile"},
    {"vimeo.com", "Vimeo", "vimeo", NULL},
    {"twitch.tv", "Twitch", "twitch", NULL},
    {"tiktok.com", "TikTok", "tiktok", NULL},
    {"pinterest.com", "Pinterest", "pinterest", NULL},
    {"angel.co", "AngelList", "angellist", NULL},
    {"wellfound.com", "Wellfound", "wellfound", NULL},
    {"hashnode.com", "Hashnode", "hashnode", NULL},
    {"keybase.io", "Keybase", "keybase", NULL},
    {"telegram.me", "Telegram", "telegram", NULL},
    {"t.me", "Telegram", "telegram", NULL},
    {"skype.com", "Skype", "skype", NULL},
};

const char *pf_network_name(struct pf_str word)
{
    char folded[FOLD_MAX];
    pf_fold(pf_str_trim(word), folded, sizeof(folded));
    if (strcmp(folded, "stackoverflow") == 0)
        return "Stack Overflow";
    for (size_t i = 0; i < PF_ARRAY_LEN(networks); i++) {
        if (strcmp(folded, networks[i].word) == 0)
            return networks[i].name;
    }
    return NULL;
}

const char *pf_url_network(struct pf_parse *p, struct pf_str url, const char **out_user)
{
    *out_user = NULL;
    size_t i = 0;
    long scheme = pf_str_find(url, PF_STR("://"));
    if (scheme >= 0)
        i = (size_t)scheme + 3;
    size_t host_end = i;
    while (host_end < url.len && url.ptr[host_end] != '/' && url.ptr[host_end] != '?')
        host_end++;
    struct pf_str host = pf_str_make(url.ptr + i, host_end - i);
    if (host.len > 4 && pf_str_case_eq(pf_str_make(host.ptr, 4), PF_STR("www.")))
        host = pf_str_make(host.ptr + 4, host.len - 4);
    for (size_t n = 0; n < PF_ARRAY_LEN(networks); n++) {
        struct pf_str suffix = pf_str_from_cstr(networks[n].host);
        bool match = pf_str_case_eq(host, suffix) ||
                     (host.len > suffix.len && host.ptr[host.len - suffix.len - 1] == '.' &&
                      pf_str_case_eq(pf_str_make(host.ptr + host.len - suffix.len, suffix.len),
                                     suffix) && strcmp(networks[n].host, "x.com") != 0);
        if (!match)
            continue;
        /* The username: the first path segment (after a known prefix such as "in/"). */
        size_t k = host_end;
        for (int seg = 0; seg < 3 && k < url.len; seg++) {
            while (k < url.len && url.ptr[k] == '/')
                k++;
            size_t e = k;
            while (e < url.len && url.ptr[e] != '/' && url.ptr[e] != '?' && url.ptr[e] != '#')
                e++;
            struct pf_str segment = pf_str_make(url.ptr + k, e - k);
            if (segment.len == 0)
                break;
            if (networks[n].prefix && seg == 0 &&
                pf_str_case_eq(segment, pf_str_from_cstr(networks[n].prefix))) {
                k = e;
                continue;
            }
            if (segment.len > 1 && segment.ptr[0] == '@')
                segment = pf_str_make(segment.ptr + 1, segment.len - 1);
            /* Stack Overflow: users/<id>/<name> -> the name when there is one. */
            bool numeric = true;
            for (size_t c = 0; c < segment.len; c++)
                numeric = numeric && is_digit(segment.ptr[c]);
            if (numeric && networks[n].prefix && strcmp(networks[n].prefix, "users") == 0) {
                size_t e2 = e + 1;
                while (e2 < url.len && url.ptr[e2] != '/' && url.ptr[e2] != '?')
                    e2++;
                if (e + 1 < e2)
                    segment = pf_str_make(url.ptr + e + 1, e2 - e - 1);
            }
            *out_user = pf_arena_strdup_str(p->arena, segment);
            break;
        }
        return networks[n].name;
    }
    return NULL;
}

const char *pf_url_absolute(struct pf_parse *p, struct pf_str u)
{
    u = pf_str_trim(u);
    if (pf_str_find(u, PF_STR("://")) > 0)
        return pf_arena_strdup_str(p->arena, u);
    return pf_arena_printf(p->arena, "https://%.*s", (int)u.len, u.ptr);
}

struct country {
    const char *name; /* folded */
    const char *code;
};

static const struct country countries[] = {
    {"united states", "US"}, {"united states of america", "US"}, {"usa", "US"}, {"us", "US"},
    {"u s", "US"}, {"u s a", "US"}, {"vereinigte staaten", "US"},
    {"etats unis", "US"}, {"estados unidos", "US"}, {"eeuu", "US"},
    {"united kingdom", "GB"}, {"uk", "GB"}, {"gb", "GB"}, {"great britain", "GB"},
    {"england", "GB"}, {"scotland", "GB"}, {"wales", "GB"}, {"northern ireland", "GB"},
    {"grossbritannien", "GB"}, {"vereinigtes konigreich", "GB"}, {"royaume uni", "GB"},
    {"reino unido", "GB"},
    {"germany", "DE"}, {"deutschland", "DE"}, {"de", "DE"}, {"allemagne", "DE"},
    {"alemania", "DE"}, {"france", "FR"}, {"frankreich", "FR"}, {"francia", "FR"},
    {"fr", "FR"}, {"spain", "ES"}, {"spanien", "ES"}, {"espagne", "ES"}, {"espana", "ES"},
    {"es", "ES"}, {"netherlands", "NL"}, {"the netherlands", "NL"}, {"holland", "NL"},
    {"niederlande", "NL"}, {"pays bas", "NL"}, {"paises bajos", "NL"}, {"nl", "NL"},
    {"belgium", "BE"}, {"belgien", "BE"}, {"belgique", "BE"}, {"belgica", "BE"},
    {"portugal", "PT"}, {"italy", "IT"}, {"italien", "IT"}, {"italie", "IT"},
    {"italia", "IT"}, {"ireland", "IE"}, {"irland", "IE"}, {"irlande", "IE"},
    {"switzerland", "CH"}, {"schweiz", "CH"}, {"suisse", "CH"}, {"suiza", "CH"},
    {"ch", "CH"}, {"austria", "AT"}, {"osterreich", "AT"}, {"autriche", "AT"},
    {"at", "AT"}, {"denmark", "DK"}, {"danemark", "DK"}, {"dinamarca", "DK"},
    {"sweden", "SE"}, {"schweden", "SE"}, {"suede", "SE"}, {"suecia", "SE"},
    {"norway", "NO"}, {"norwegen", "NO"}, {"norvege", "NO"}, {"noruega", "NO"},
    {"finland", "FI"}, {"finnland", "FI"}, {"finlande", "FI"}, {"finlandia", "FI"},
    {"poland", "PL"}, {"polen", "PL"}, {"pologne", "PL"}, {"polonia", "PL"},
    {"czechia", "CZ"}, {"czech republic", "CZ"}, {"tschechien", "CZ"}, {"luxembourg", "LU"},
    {"luxemburg", "LU"}, {"greece", "GR"}, {"hungary", "HU"}, {"romania", "RO"},
    {"canada", "CA"}, {"kanada", "CA"}, {"mexico", "MX"}, {"mexiko", "MX"},
    {"mexique", "MX"}, {"brazil", "BR"}, {"brasilien", "BR"}, {"bresil", "BR"},
    {"brasil", "BR"}, {"argentina", "AR"}, {"argentinien", "AR"}, {"chile", "CL"},
    {"colombia", "CO"}, {"peru", "PE"}, {"india", "IN"}, {"indien", "IN"}, {"inde", "IN"},
    {"china", "CN"}, {"chine", "CN"}, {"japan", "JP"}, {"japon", "JP"},
    {"south korea", "KR"}, {"korea", "KR"}, {"singapore", "SG"}, {"singapur", "SG"},
    {"australia", "AU"}, {"australien", "AU"}, {"australie", "AU"},
    {"new zealand", "NZ"}, {"neuseeland", "NZ"}, {"israel", "IL"},
    {"south africa", "ZA"}, {"sudafrika", "ZA"}, {"nigeria", "NG"}, {"kenya", "KE"},
    {"egypt", "EG"}, {"turkey", "TR"}, {"turkei", "TR"}, {"turquie", "TR"},
    {"ukraine", "UA"}, {"russia", "RU"}, {"russland", "RU"},
    {"united arab emirates", "AE"}, {"uae", "AE"}, {"philippines", "PH"},
    {"vietnam", "VN"}, {"indonesia", "ID"}, {"malaysia", "MY"}, {"thailand", "TH"},
    {"pakistan", "PK"}, {"bangladesh", "BD"}, {"morocco", "MA"}, {"maroc", "MA"},
    {"tunisia", "TN"}, {"tunisie", "TN"}, {"algeria", "DZ"}, {"algerie", "DZ"},
    {"senegal", "SN"}, {"ghana", "GH"}, {"iceland", "IS"}, {"estonia", "EE"},
};

const char *pf_country_code(struct pf_str name)
{
    char folded[FOLD_MAX];
    pf_fold(pf_str_trim(name), folded, sizeof(folded));
    if (folded[0] == '\0')
        return NULL;
    /* Two-letter codes only when written in capitals ("DE", not "de"). */
    struct pf_str t = pf_str_trim(name);
    if (t.len == 2 && !(t.ptr[0] >= 'A' && t.ptr[0] <= 'Z' && t.ptr[1] >= 'A' && t.ptr[1] <= 'Z'))
        return NULL;
    for (size_t i = 0; i < PF_ARRAY_LEN(countries); i++) {
        if (strcmp(folded, countries[i].name) == 0)
            return countries[i].code;
    }
    return NULL;
}

static const char *const us_states[] = {
    "al", "alabama", "ak", "alaska", "az", "arizona", "ar", "arkansas", "ca", "california",
    "co", "colorado", "ct", "connecticut", "de", "delaware", "fl", "florida", "ga", "georgia",
    "hi", "hawaii", "id", "idaho", "il", "illinois", "in", "indiana", "ia", "iowa", "ks",
    "kansas", "ky", "kentucky", "la", "louisiana", "me", "maine", "md", "maryland", "ma",
    "massachusetts", "mi", "michigan", "mn", "minnesota", "ms", "mississippi", "mo",
    "missouri", "mt", "montana", "ne", "nebraska", "nv", "nevada", "nh", "new hampshire", "nj",
    "new jersey", "nm", "new mexico", "ny", "new york", "nc", "north carolina", "nd",
    "north dakota", "oh", "ohio", "ok", "oklahoma", "or", "oregon", "pa", "pennsylvania", "ri",
    "rhode island", "sc", "south carolina", "sd", "south dakota", "tn", "tennessee", "tx",
    "texas", "ut", "utah", "vt", "vermont", "va", "virginia", "wa", "washington", "wv",
    "west virginia", "wi", "wisconsin", "wy", "wyoming", "dc", "district of columbia",
    "ontario", "on", "quebec", "qc", "british columbia", "bc", "alberta", "ab", "manitoba",
    "mb", "nova scotia", "ns", "saskatchewan", "sk", "bavaria", "bayern",
    "nordrhein westfalen", "nrw", "hessen", "baden wurttemberg", "niedersachsen", "sachsen",
    "ile de france", "catalonia", "cataluna", "catalunya", "andalucia",
    "new south wales", "nsw", "victoria", "vic", "queensland", "qld", NULL};

bool pf_is_region(struct pf_str s)
{
    char folded[FOLD_MAX];
    struct pf_str t = pf_str_trim(s);
    pf_fold(t, folded, sizeof(folded));
    if (t.len == 2 && !(t.ptr[0] >= 'A' && t.ptr[0] <= 'Z' && t.ptr[1] >= 'A' && t.ptr[1] <= 'Z'))
        return false;
    return folded[0] != '\0' && pf_in_list(folded, us_states);
}
