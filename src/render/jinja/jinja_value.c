/* Jinja values: construction, containers, JSON conversion, and Python's truth, equality,
 * ordering, str() and repr() rules. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

/* Dicts look keys up linearly until they hold this many entries, then build a hash index. */
#define DICT_INDEX_MIN 12

struct pf_jinja_value pf_jv_undefined(const struct pf_jinja_node *at)
{
    struct pf_jinja_value v = {.kind = PF_JV_UNDEFINED};
    v.as.undefined_at = at;
    return v;
}

struct pf_jinja_value pf_jv_none(void)
{
    struct pf_jinja_value v = {.kind = PF_JV_NONE};
    return v;
}

struct pf_jinja_value pf_jv_bool(bool value)
{
    struct pf_jinja_value v = {.kind = PF_JV_BOOL};
    v.as.boolean = value;
    return v;
}

struct pf_jinja_value pf_jv_int(int64_t value)
{
    struct pf_jinja_value v = {.kind = PF_JV_INT};
    v.as.integer = value;
    return v;
}

struct pf_jinja_value pf_jv_float(double value)
{
    struct pf_jinja_value v = {.kind = PF_JV_FLOAT};
    v.as.number = value;
    return v;
}

struct pf_jinja_value pf_jv_str(struct pf_str str, bool safe)
{
    struct pf_jinja_value v = {.kind = PF_JV_STRING, .flags = safe ? PF_JV_SAFE : 0};
    v.as.str = str;
    return v;
}

struct pf_jinja_value pf_jv_str_copy(struct pf_arena *arena, const char *ptr, size_t len, bool safe)
{
    char *copy = pf_arena_alloc(arena, len + 1);
    if (len)
        memcpy(copy, ptr, len);
    return pf_jv_str(pf_str_make(copy, len), safe);
}

struct pf_jinja_value pf_jv_list(struct pf_arena *arena, size_t cap, bool tuple)
{
    struct pf_jinja_value v = {.kind = PF_JV_LIST, .flags = tuple ? PF_JV_TUPLE : 0};
    v.as.list = pf_arena_alloc(arena, sizeof(*v.as.list));
    if (cap) {
        v.as.list->items = pf_arena_alloc(arena, cap * sizeof(struct pf_jinja_value));
        v.as.list->cap = cap;
    }
    return v;
}

void pf_jv_list_push(struct pf_arena *arena, struct pf_jinja_list *list, struct pf_jinja_value item)
{
    if (list->len == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 4;
        struct pf_jinja_value *items = pf_arena_alloc(arena, cap * sizeof(*items));
        if (list->len)
            memcpy(items, list->items, list->len * sizeof(*items));
        list->items = items;
        list->cap = cap;
    }
    list->items[list->len++] = item;
}

struct pf_jinja_value pf_jv_dict(struct pf_arena *arena, size_t cap)
{
    struct pf_jinja_value v = {.kind = PF_JV_DICT};
    v.as.dict = pf_arena_alloc(arena, sizeof(*v.as.dict));
    if (cap) {
        v.as.dict->keys = pf_arena_alloc(arena, cap * sizeof(struct pf_jinja_value));
        v.as.dict->values = pf_arena_alloc(arena, cap * sizeof(struct pf_jinja_value));
        v.as.dict->cap = cap;
    }
    return v;
}

static uint64_t hash_bytes(const char *ptr, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)ptr[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Equal values hash equally: 1, 1.0 and True share a hash, as in Python. */
static uint64_t hash_value(struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_STRING:
        return hash_bytes(v.as.str.ptr, v.as.str.len);
    case PF_JV_BOOL:
        return (v.as.boolean ? 1ULL : 0ULL) * 0x9E3779B97F4A7C15ULL;
    case PF_JV_INT:
        return (uint64_t)v.as.integer * 0x9E3779B97F4A7C15ULL;
    case PF_JV_FLOAT:
        if (v.as.number == floor(v.as.number) && fabs(v.as.number) < 9.2e18)
            return (uint64_t)(int64_t)v.as.number * 0x9E3779B97F4A7C15ULL;
        return hash_bytes((const char *)&v.as.number, sizeof(v.as.number));
    case PF_JV_LIST: {
        uint64_t h = 7;
        for (size_t i = 0; i < v.as.list->len; i++)
            h = h * 31 + hash_value(v.as.list->items[i]);
        return h;
    }
    default:
        return (uint64_t)v.kind;
    }
}

bool pf_jv_is_hashable(struct pf_jinja_value value)
{
    switch (value.kind) {
    case PF_JV_LIST:
        if (!(value.flags & PF_JV_TUPLE))
            return false;
        for (size_t i = 0; i < value.as.list->len; i++)
            if (!pf_jv_is_hashable(value.as.list->items[i]))
                return false;
        return true;
    case PF_JV_DICT:
        return false;
    default:
        return true;
    }
}

static void dict_index_insert(struct pf_jinja_dict *dict, size_t pos)
{
    size_t mask = dict->index_cap - 1;
    size_t slot = (size_t)hash_value(dict->keys[pos]) & mask;
    while (dict->index[slot])
        slot = (slot + 1) & mask;
    dict->index[slot] = (uint32_t)(pos + 1);
}

static void dict_reindex(struct pf_arena *arena, struct pf_jinja_dict *dict)
{
    size_t cap = 32;
    while (cap < dict->len * 2 + 2)
        cap *= 2;
    dict->index = pf_arena_alloc(arena, cap * sizeof(*dict->index));
    dict->index_cap = cap;
    for (size_t i = 0; i < dict->len; i++)
        dict_index_insert(dict, i);
}

static long dict_find(const struct pf_jinja_dict *dict, struct pf_jinja_value key)
{
    if (!dict->index_cap) {
        for (size_t i = 0; i < dict->len; i++)
            if (pf_jv_equal(dict->keys[i], key))
                return (long)i;
        return -1;
    }
    size_t mask = dict->index_cap - 1;
    size_t slot = (size_t)hash_value(key) & mask;
    while (dict->index[slot]) {
        size_t pos = dict->index[slot] - 1;
        if (pf_jv_equal(dict->keys[pos], key))
            return (long)pos;
        slot = (slot + 1) & mask;
    }
    return -1;
}

void pf_jv_dict_set(struct pf_arena *arena, struct pf_jinja_dict *dict, struct pf_jinja_value key,
                    struct pf_jinja_value value)
{
    long found = dict_find(dict, key);
    if (found >= 0) {
        dict->values[found] = value;
        return;
    }
    if (dict->len == dict->cap) {
        size_t cap = dict->cap ? dict->cap * 2 : 4;
        struct pf_jinja_value *keys = pf_arena_alloc(arena, cap * sizeof(*keys));
        struct pf_jinja_value *values = pf_arena_alloc(arena, cap * sizeof(*values));
        if (dict->len) {
            memcpy(keys, dict->keys, dict->len * sizeof(*keys));
            memcpy(values, dict->values, dict->len * sizeof(*values));
        }
        dict->keys = keys;
        dict->values = values;
        dict->cap = cap;
    }
    dict->keys[dict->len] = key;
    dict->values[dict->len] = value;
    dict->len++;
    if (dict->index_cap && dict->len * 2 + 2 > dict->index_cap)
        dict_reindex(arena, dict);
    else if (dict->index_cap)
        dict_index_insert(dict, dict->len - 1);
    else if (dict->len >= DICT_INDEX_MIN)
        dict_reindex(arena, dict);
}

const struct pf_jinja_value *pf_jv_dict_get(const struct pf_jinja_dict *dict,
                                            struct pf_jinja_value key)
{
    long pos = dict_find(dict, key);
    return pos >= 0 ? &dict->values[pos] : NULL;
}

const struct pf_jinja_value *pf_jv_dict_get_str(const struct pf_jinja_dict *dict, struct pf_str key)
{
    return pf_jv_dict_get(dict, pf_jv_str(key, false));
}

struct pf_jinja_value pf_jv_from_json(struct pf_arena *arena, const json_t *json)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        struct pf_jinja_value v = pf_jv_dict(arena, json_object_size(json));
        const char *key;
        json_t *member;
        json_object_foreach((json_t *)json, key, member)
        {
            struct pf_str k =
                pf_str_make(key, json_object_iter_key_len(json_object_key_to_iter(key)));
            pf_jv_dict_set(arena, v.as.dict, pf_jv_str(k, false), pf_jv_from_json(arena, member));
        }
        return v;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(json);
        struct pf_jinja_value v = pf_jv_list(arena, n, false);
        for (size_t i = 0; i < n; i++)
            v.as.list->items[i] = pf_jv_from_json(arena, json_array_get(json, i));
        v.as.list->len = n;
        return v;
    }
    case JSON_STRING:
        return pf_jv_str(pf_str_make(json_string_value(json), json_string_length(json)), false);
    case JSON_INTEGER:
        return pf_jv_int((int64_t)json_integer_value(json));
    case JSON_REAL:
        return pf_jv_float(json_real_value(json));
    case JSON_TRUE:
        return pf_jv_bool(true);
    case JSON_FALSE:
        return pf_jv_bool(false);
    case JSON_NULL:
        return pf_jv_none();
    }
    return pf_jv_none();
}

bool pf_jv_truthy(struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_UNDEFINED:
    case PF_JV_NONE:
        return false;
    case PF_JV_BOOL:
        return v.as.boolean;
    case PF_JV_INT:
        return v.as.integer != 0;
    case PF_JV_FLOAT:
        return v.as.number != 0.0;
    case PF_JV_STRING:
        return v.as.str.len > 0;
    case PF_JV_LIST:
        return v.as.list->len > 0;
    case PF_JV_DICT:
        return (v.flags & PF_JV_NAMESPACE) || v.as.dict->len > 0;
    case PF_JV_RANGE: {
        size_t len = 0;
        pf_jv_length(v, &len);
        return len > 0;
    }
    default:
        return true;
    }
}

bool pf_jv_is_number(struct pf_jinja_value v)
{
    return v.kind == PF_JV_BOOL || v.kind == PF_JV_INT || v.kind == PF_JV_FLOAT;
}

double pf_jv_to_double(struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_BOOL:
        return v.as.boolean ? 1.0 : 0.0;
    case PF_JV_INT:
        return (double)v.as.integer;
    case PF_JV_FLOAT:
        return v.as.number;
    default:
        return 0.0;
    }
}

static int64_t as_int(struct pf_jinja_value v)
{
    return v.kind == PF_JV_BOOL ? (v.as.boolean ? 1 : 0) : v.as.integer;
}

/* Compares two numbers exactly, even an int64 beyond 2^53 against a double. */
static int compare_numbers(struct pf_jinja_value a, struct pf_jinja_value b)
{
    if (a.kind != PF_JV_FLOAT && b.kind != PF_JV_FLOAT) {
        int64_t x = as_int(a);
        int64_t y = as_int(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    double x = pf_jv_to_double(a);
    double y = pf_jv_to_double(b);
    if (a.kind != PF_JV_FLOAT && fabs(y) < 9.0e18 && y == floor(y)) {
        int64_t yi = (int64_t)y;
        return as_int(a) < yi ? -1 : as_int(a) > yi ? 1 : 0;
    }
    if (b.kind != PF_JV_FLOAT && fabs(x) < 9.0e18 && x == floor(x)) {
        int64_t xi = (int64_t)x;
        return xi < as_int(b) ? -1 : xi > as_int(b) ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
}

bool pf_jv_equal(struct pf_jinja_value a, struct pf_jinja_value b)
{
    if (pf_jv_is_number(a) && pf_jv_is_number(b)) {
        if (a.kind == PF_JV_FLOAT && isnan(a.as.number))
            return false;
        if (b.kind == PF_JV_FLOAT && isnan(b.as.number))
            return false;
        return compare_numbers(a, b) == 0;
    }
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case PF_JV_UNDEFINED:
    case PF_JV_NONE:
        return true;
    case PF_JV_STRING:
        return pf_str_eq(a.as.str, b.as.str);
    case PF_JV_LIST:
        if ((a.flags & PF_JV_TUPLE) != (b.flags & PF_JV_TUPLE) || a.as.list->len != b.as.list->len)
            return false;
        for (size_t i = 0; i < a.as.list->len; i++)
            if (!pf_jv_equal(a.as.list->items[i], b.as.list->items[i]))
                return false;
        return true;
    case PF_JV_DICT:
        if (a.as.dict == b.as.dict)
            return true;
        if ((a.flags & PF_JV_NAMESPACE) || (b.flags & PF_JV_NAMESPACE) ||
            a.as.dict->len != b.as.dict->len)
            return false;
        for (size_t i = 0; i < a.as.dict->len; i++) {
            const struct pf_jinja_value *other = pf_jv_dict_get(b.as.dict, a.as.dict->keys[i]);
            if (!other || !pf_jv_equal(a.as.dict->values[i], *other))
                return false;
        }
        return true;
    case PF_JV_RANGE:
        return a.as.range->start == b.as.range->start && a.as.range->stop == b.as.range->stop &&
               a.as.range->step == b.as.range->step;
    case PF_JV_CALLABLE:
        return a.as.callable == b.as.callable;
    case PF_JV_LOOP:
        return a.as.loop == b.as.loop;
    default:
        return false;
    }
}

pf_status pf_jv_compare(struct pf_jinja_value a, struct pf_jinja_value b, int *out_cmp)
{
    if (pf_jv_is_number(a) && pf_jv_is_number(b)) {
        *out_cmp = compare_numbers(a, b);
        return PF_OK;
    }
    if (a.kind == PF_JV_STRING && b.kind == PF_JV_STRING) {
        size_t n = a.as.str.len < b.as.str.len ? a.as.str.len : b.as.str.len;
        int c = n ? memcmp(a.as.str.ptr, b.as.str.ptr, n) : 0;
        if (c == 0)
            c = a.as.str.len < b.as.str.len ? -1 : a.as.str.len > b.as.str.len ? 1 : 0;
        *out_cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
        return PF_OK;
    }
    if (a.kind == PF_JV_LIST && b.kind == PF_JV_LIST &&
        (a.flags & PF_JV_TUPLE) == (b.flags & PF_JV_TUPLE)) {
        size_t n = a.as.list->len < b.as.list->len ? a.as.list->len : b.as.list->len;
        for (size_t i = 0; i < n; i++) {
            if (pf_jv_equal(a.as.list->items[i], b.as.list->items[i]))
                continue;
            return pf_jv_compare(a.as.list->items[i], b.as.list->items[i], out_cmp);
        }
        *out_cmp = a.as.list->len < b.as.list->len ? -1 : a.as.list->len > b.as.list->len ? 1 : 0;
        return PF_OK;
    }
    return PF_E_TEMPLATE;
}

const char *pf_jv_type_name(struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_UNDEFINED:
        return "Undefined";
    case PF_JV_NONE:
        return "NoneType";
    case PF_JV_BOOL:
        return "bool";
    case PF_JV_INT:
        return "int";
    case PF_JV_FLOAT:
        return "float";
    case PF_JV_STRING:
        return "str";
    case PF_JV_LIST:
        return (v.flags & PF_JV_TUPLE) ? "tuple" : "list";
    case PF_JV_DICT:
        return (v.flags & PF_JV_NAMESPACE) ? "Namespace" : "dict";
    case PF_JV_RANGE:
        return "range";
    case PF_JV_CALLABLE:
        return "function";
    case PF_JV_LOOP:
        return "LoopContext";
    default:
        return "object";
    }
}

const char *pf_jv_object_name(struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_NONE:
        return "None";
    case PF_JV_BOOL:
        return "bool object";
    case PF_JV_INT:
        return "int object";
    case PF_JV_FLOAT:
        return "float object";
    case PF_JV_STRING:
        return "str object";
    case PF_JV_LIST:
        return (v.flags & PF_JV_TUPLE) ? "tuple object" : "list object";
    case PF_JV_DICT:
        return (v.flags & PF_JV_NAMESPACE) ? "Namespace object" : "dict object";
    default:
        return "object";
    }
}

void pf_jv_write_float(struct pf_buf *buf, double value)
{
    if (isnan(value)) {
        pf_buf_puts(buf, "nan");
        return;
    }
    if (isinf(value)) {
        pf_buf_puts(buf, value < 0 ? "-inf" : "inf");
        return;
    }
    /* Python's repr: the shortest digits that round-trip, fixed notation for exponents in
     * [-4, 16), scientific with a signed two-digit exponent otherwise. */
    char sci[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(sci, sizeof(sci), "%.*e", precision - 1, value);
        if (strtod(sci, NULL) == value)
            break;
    }
    const char *p = sci;
    bool negative = *p == '-';
    if (negative)
        p++;
    char digits[24];
    size_t n = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && n < sizeof(digits) - 1)
            digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    int exponent = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
    if (negative)
        pf_buf_putc(buf, '-');
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            pf_buf_puts(buf, "0.");
            for (int i = -1; i > exponent; i--)
                pf_buf_putc(buf, '0');
            pf_buf_append(buf, digits, n);
        } else {
            size_t int_digits = (size_t)exponent + 1;
            for (size_t i = 0; i < int_digits; i++)
                pf_buf_putc(buf, i < n ? digits[i] : '0');
            pf_buf_putc(buf, '.');
            if (n > int_digits)
                pf_buf_append(buf, digits + int_digits, n - int_digits);
            else
                pf_buf_putc(buf, '0');
        }
        return;
    }
    pf_buf_putc(buf, digits[0]);
    if (n > 1) {
        pf_buf_putc(buf, '.');
        pf_buf_append(buf, digits + 1, n - 1);
    }
    pf_buf_printf(buf, "e%c%02d", exponent < 0 ? '-' : '+', abs(exponent));
}

/* Code points Python's str.isprintable() rejects, which repr() escapes (an approximation of
 * the Unicode categories Cc, Cf, Zl, Zp and Zs other than the space). */
static bool is_unprintable(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad ||
           (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
           (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff ||
           (cp >= 0xfff9 && cp <= 0xfffb);
}

static void write_string_repr(struct pf_buf *buf, struct pf_str s)
{
    bool has_single = memchr(s.ptr ? s.ptr : "", '\'', s.len) != NULL;
    bool has_double = memchr(s.ptr ? s.ptr : "", '"', s.len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    pf_buf_putc(buf, quote);
    const char *p = s.ptr;
    const char *end = s.ptr + s.len;
    while (p < end) {
        const char *start = p;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            pf_buf_printf(buf, "\\x%02x", (unsigned char)*p);
            p++;
            continue;
        }
        if (cp == quote || cp == '\\') {
            pf_buf_putc(buf, '\\');
            pf_buf_putc(buf, (char)cp);
        } else if (cp == '\n') {
            pf_buf_puts(buf, "\\n");
        } else if (cp == '\r') {
            pf_buf_puts(buf, "\\r");
        } else if (cp == '\t') {
            pf_buf_puts(buf, "\\t");
        } else if (is_unprintable((uint32_t)cp)) {
            if (cp < 0x100)
                pf_buf_printf(buf, "\\x%02x", (unsigned)cp);
            else
                pf_buf_printf(buf, "\\u%04x", (unsigned)cp);
        } else {
            pf_buf_append(buf, start, (size_t)(p - start));
        }
    }
    pf_buf_putc(buf, quote);
}

static void write_dict_repr(struct pf_buf *buf, const struct pf_jinja_dict *dict)
{
    pf_buf_putc(buf, '{');
    for (size_t i = 0; i < dict->len && pf_buf_status(buf) == PF_OK; i++) {
        if (i)
            pf_buf_puts(buf, ", ");
        pf_jv_write_repr(buf, dict->keys[i]);
        pf_buf_puts(buf, ": ");
        pf_jv_write_repr(buf, dict->values[i]);
    }
    pf_buf_putc(buf, '}');
}

void pf_jv_write_repr(struct pf_buf *buf, struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_UNDEFINED:
        pf_buf_puts(buf, "Undefined");
        return;
    case PF_JV_STRING:
        if (v.flags & PF_JV_SAFE) {
            pf_buf_puts(buf, "Markup(");
            write_string_repr(buf, v.as.str);
            pf_buf_putc(buf, ')');
        } else {
            write_string_repr(buf, v.as.str);
        }
        return;
    case PF_JV_LIST: {
        bool tuple = (v.flags & PF_JV_TUPLE) != 0;
        pf_buf_putc(buf, tuple ? '(' : '[');
        for (size_t i = 0; i < v.as.list->len && pf_buf_status(buf) == PF_OK; i++) {
            if (i)
                pf_buf_puts(buf, ", ");
            pf_jv_write_repr(buf, v.as.list->items[i]);
        }
        if (tuple && v.as.list->len == 1)
            pf_buf_putc(buf, ',');
        pf_buf_putc(buf, tuple ? ')' : ']');
        return;
    }
    default:
        pf_jv_write_str(buf, v);
        return;
    }
}

void pf_jv_write_str(struct pf_buf *buf, struct pf_jinja_value v)
{
    switch (v.kind) {
    case PF_JV_UNDEFINED:
        return;
    case PF_JV_NONE:
        pf_buf_puts(buf, "None");
        return;
    case PF_JV_BOOL:
        pf_buf_puts(buf, v.as.boolean ? "True" : "False");
        return;
    case PF_JV_INT:
        pf_buf_printf(buf, "%" PRId64, v.as.integer);
        return;
    case PF_JV_FLOAT:
        pf_jv_write_float(buf, v.as.number);
        return;
    case PF_JV_STRING:
        pf_buf_append_str(buf, v.as.str);
        return;
    case PF_JV_LIST:
        pf_jv_write_repr(buf, v);
        return;
    case PF_JV_DICT:
        if (v.flags & PF_JV_NAMESPACE) {
            pf_buf_puts(buf, "<Namespace ");
            write_dict_repr(buf, v.as.dict);
            pf_buf_putc(buf, '>');
        } else {
            write_dict_repr(buf, v.as.dict);
        }
        return;
    case PF_JV_RANGE:
        if (v.as.range->step == 1)
            pf_buf_printf(buf, "range(%" PRId64 ", %" PRId64 ")", v.as.range->start,
                          v.as.range->stop);
        else
            pf_buf_printf(buf, "range(%" PRId64 ", %" PRId64 ", %" PRId64 ")", v.as.range->start,
                          v.as.range->stop, v.as.range->step);
        return;
    case PF_JV_CALLABLE:
        if (v.as.callable->type == PF_JC_MACRO)
            pf_buf_printf(buf, "<Macro '%.*s'>", (int)v.as.callable->macro->as.macro.name.len,
                          v.as.callable->macro->as.macro.name.ptr);
        else
            pf_buf_puts(buf, "<function>");
        return;
    case PF_JV_LOOP:
        pf_buf_printf(buf, "<LoopContext %zu/%zu>", v.as.loop->index0 + 1, v.as.loop->length);
        return;
    default:
        return;
    }
}

size_t pf_jv_utf8_len(struct pf_str str)
{
    size_t n = 0;
    for (size_t i = 0; i < str.len; i++)
        if (((unsigned char)str.ptr[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t pf_jv_utf8_offset(struct pf_str str, size_t cp)
{
    size_t seen = 0;
    for (size_t i = 0; i < str.len; i++) {
        if (((unsigned char)str.ptr[i] & 0xC0) != 0x80) {
            if (seen == cp)
                return i;
            seen++;
        }
    }
    return str.len;
}

static size_t range_len(const struct pf_jinja_range *r)
{
    if (r->step > 0 && r->start < r->stop)
        return (size_t)(((uint64_t)r->stop - (uint64_t)r->start - 1) / (uint64_t)r->step + 1);
    if (r->step < 0 && r->start > r->stop)
        return (size_t)(((uint64_t)r->start - (uint64_t)r->stop - 1) / (uint64_t)(-r->step) + 1);
    return 0;
}

bool pf_jv_length(struct pf_jinja_value v, size_t *out_len)
{
    switch (v.kind) {
    case PF_JV_UNDEFINED:
        *out_len = 0;
        return true;
    case PF_JV_STRING:
        *out_len = pf_jv_utf8_len(v.as.str);
        return true;
    case PF_JV_LIST:
        *out_len = v.as.list->len;
        return true;
    case PF_JV_DICT:
        if (v.flags & PF_JV_NAMESPACE)
            return false;
        *out_len = v.as.dict->len;
        return true;
    case PF_JV_RANGE:
        *out_len = range_len(v.as.range);
        return true;
    default:
        return false;
    }
}

pf_status pf_jv_iterate(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                        struct pf_jinja_value v, struct pf_jinja_value **out_items,
                        size_t *out_count)
{
    pf_status st = PF_OK;
    switch (v.kind) {
    case PF_JV_UNDEFINED:
        *out_items = NULL;
        *out_count = 0;
        return PF_OK;
    case PF_JV_LIST:
        *out_items = v.as.list->items;
        *out_count = v.as.list->len;
        return PF_OK;
    case PF_JV_DICT:
        if (v.flags & PF_JV_NAMESPACE)
            break;
        *out_items = v.as.dict->keys;
        *out_count = v.as.dict->len;
        return PF_OK;
    case PF_JV_STRING: {
        size_t n = pf_jv_utf8_len(v.as.str);
        st = pf_jinja_reserve(state, node, n * sizeof(struct pf_jinja_value));
        if (st != PF_OK)
            return st;
        struct pf_jinja_value *items = pf_arena_alloc(state->arena, (n + 1) * sizeof(*items));
        const char *p = v.as.str.ptr;
        const char *end = p + v.as.str.len;
        for (size_t i = 0; i < n; i++) {
            const char *start = p;
            p++;
            while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
                p++;
            items[i] = pf_jv_str(pf_str_make(start, (size_t)(p - start)), false);
        }
        *out_items = items;
        *out_count = n;
        return PF_OK;
    }
    case PF_JV_RANGE: {
        size_t n = range_len(v.as.range);
        if (n > SIZE_MAX / sizeof(struct pf_jinja_value))
            n = SIZE_MAX / sizeof(struct pf_jinja_value);
        st = pf_jinja_reserve(state, node, n * sizeof(struct pf_jinja_value));
        if (st != PF_OK)
            return st;
        struct pf_jinja_value *items = pf_arena_alloc(state->arena, (n + 1) * sizeof(*items));
        for (size_t i = 0; i < n; i++)
            items[i] = pf_jv_int(v.as.range->start + (int64_t)i * v.as.range->step);
        *out_items = items;
        *out_count = n;
        return PF_OK;
    }
    default:
        break;
    }
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "'%s' object is not iterable",
                         pf_jv_type_name(v));
}

void pf_jv_buf_init(struct pf_jinja_state *state, struct pf_buf *buf)
{
    size_t used = pf_arena_used(state->arena);
    size_t left = used < state->memory_max ? state->memory_max - used : 1;
    pf_buf_init(buf, left);
}

pf_status pf_jv_finish_str(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           struct pf_buf *buf, bool safe, struct pf_jinja_value *out)
{
    pf_status st = pf_buf_status(buf);
    if (st != PF_OK) {
        st = pf_jinja_fail(state, node, PF_E_TOO_BIG,
                           "the render uses more than %zu bytes of memory", state->memory_max);
        if (state->err)
            snprintf(state->err->field, sizeof(state->err->field), "limit_template_memory");
    } else {
        *out = pf_jv_str_copy(state->arena, pf_buf_cstr(buf), buf->len, safe);
    }
    pf_buf_fini(buf);
    return st;
}
