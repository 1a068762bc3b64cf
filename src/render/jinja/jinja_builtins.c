/* Jinja globals (range, dict, namespace, joiner, cycler), the methods of strings, dicts and
 * loops, Python's %-formatting, and the argument helpers filters share. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

enum global_id { G_RANGE, G_DICT, G_NAMESPACE, G_JOINER, G_CYCLER };

enum method_id {
    M_UPPER,
    M_LOWER,
    M_STRIP,
    M_LSTRIP,
    M_RSTRIP,
    M_STARTSWITH,
    M_ENDSWITH,
    M_SPLIT,
    M_REPLACE,
    M_TITLE,
    M_CAPITALIZE,
    M_JOIN,
    M_COUNT,
    M_FIND,
    M_ITEMS,
    M_KEYS,
    M_VALUES,
    M_GET,
    M_CYCLE,
    M_CHANGED,
    M_NEXT,
    M_RESET,
};

/* Immutable: globals carry no state (joiner() and cycler() return fresh arena objects). */
static struct pf_jinja_callable globals[] = {
    [G_RANGE] = {.type = PF_JC_GLOBAL, .id = G_RANGE},
    [G_DICT] = {.type = PF_JC_GLOBAL, .id = G_DICT},
    [G_NAMESPACE] = {.type = PF_JC_GLOBAL, .id = G_NAMESPACE},
    [G_JOINER] = {.type = PF_JC_GLOBAL, .id = G_JOINER},
    [G_CYCLER] = {.type = PF_JC_GLOBAL, .id = G_CYCLER},
};

static const char *const global_names[] = {
    [G_RANGE] = "range",   [G_DICT] = "dict",     [G_NAMESPACE] = "namespace",
    [G_JOINER] = "joiner", [G_CYCLER] = "cycler",
};

bool pf_jinja_global_find(struct pf_str name, struct pf_jinja_value *out, struct pf_arena *arena)
{
    (void)arena;
    for (size_t i = 0; i < PF_ARRAY_LEN(global_names); i++) {
        if (pf_str_eq_cstr(name, global_names[i])) {
            out->kind = PF_JV_CALLABLE;
            out->flags = 0;
            out->as.callable = &globals[i];
            return true;
        }
    }
    return false;
}

static const struct {
    const char *name;
    enum method_id id;
    uint8_t kind; /* receiver kind */
} methods[] = {
    {"upper", M_UPPER, PF_JV_STRING},
    {"lower", M_LOWER, PF_JV_STRING},
    {"strip", M_STRIP, PF_JV_STRING},
    {"lstrip", M_LSTRIP, PF_JV_STRING},
    {"rstrip", M_RSTRIP, PF_JV_STRING},
    {"startswith", M_STARTSWITH, PF_JV_STRING},
    {"endswith", M_ENDSWITH, PF_JV_STRING},
    {"split", M_SPLIT, PF_JV_STRING},
    {"replace", M_REPLACE, PF_JV_STRING},
    {"title", M_TITLE, PF_JV_STRING},
    {"capitalize", M_CAPITALIZE, PF_JV_STRING},
    {"join", M_JOIN, PF_JV_STRING},
    {"count", M_COUNT, PF_JV_STRING},
    {"find", M_FIND, PF_JV_STRING},
    {"items", M_ITEMS, PF_JV_DICT},
    {"keys", M_KEYS, PF_JV_DICT},
    {"values", M_VALUES, PF_JV_DICT},
    {"get", M_GET, PF_JV_DICT},
    {"cycle", M_CYCLE, PF_JV_LOOP},
    {"changed", M_CHANGED, PF_JV_LOOP},
    {"next", M_NEXT, PF_JV_CALLABLE},
    {"reset", M_RESET, PF_JV_CALLABLE},
};

bool pf_jinja_method_find(struct pf_arena *arena, struct pf_jinja_value obj, struct pf_str name,
                          struct pf_jinja_value *out)
{
    if (obj.kind == PF_JV_DICT && (obj.flags & PF_JV_NAMESPACE))
        return false;
    if (obj.kind == PF_JV_CALLABLE) {
        if (obj.as.callable->type != PF_JC_CYCLER)
            return false;
        if (pf_str_eq_cstr(name, "current")) {
            const struct pf_jinja_list *items = obj.as.callable->self.as.list;
            *out = items->len ? items->items[obj.as.callable->counter % items->len] : pf_jv_none();
            return true;
        }
    }
    for (size_t i = 0; i < PF_ARRAY_LEN(methods); i++) {
        if (methods[i].kind != obj.kind || !pf_str_eq_cstr(name, methods[i].name))
            continue;
        struct pf_jinja_callable *method = pf_arena_alloc(arena, sizeof(*method));
        method->type = PF_JC_METHOD;
        method->id = methods[i].id;
        method->self = obj;
        out->kind = PF_JV_CALLABLE;
        out->flags = 0;
        out->as.callable = method;
        return true;
    }
    return false;
}

const struct pf_jinja_value *pf_jinja_arg(const struct pf_jinja_value *args, size_t arg_count,
                                          const struct pf_str *names,
                                          const struct pf_jinja_value *kw_values, size_t kw_count,
                                          size_t pos, const char *name)
{
    if (pos < arg_count)
        return &args[pos];
    for (size_t i = 0; name && i < kw_count; i++)
        if (pf_str_eq_cstr(names[i], name))
            return &kw_values[i];
    return NULL;
}

static bool as_integer(struct pf_jinja_value v, int64_t *out)
{
    if (v.kind == PF_JV_INT) {
        *out = v.as.integer;
        return true;
    }
    if (v.kind == PF_JV_BOOL) {
        *out = v.as.boolean ? 1 : 0;
        return true;
    }
    return false;
}

static pf_status call_range(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            const struct pf_jinja_value *args, size_t n, struct pf_jinja_value *out)
{
    int64_t v[3] = {0, 0, 1};
    if (n < 1 || n > 3)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "range expected 1 to 3 arguments");
    for (size_t i = 0; i < n; i++)
        if (!as_integer(args[i], &v[n == 1 ? 1 : i]))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "'%s' object cannot be interpreted as an integer",
                                 pf_jv_type_name(args[i]));
    if (v[2] == 0)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "range() arg 3 must not be zero");
    struct pf_jinja_range *range = pf_arena_alloc(state->arena, sizeof(*range));
    range->start = v[0];
    range->stop = v[1];
    range->step = v[2];
    out->kind = PF_JV_RANGE;
    out->flags = 0;
    out->as.range = range;
    return PF_OK;
}

static pf_status call_global(struct pf_jinja_state *state, const struct pf_jinja_node *node, int id,
                             const struct pf_jinja_value *args, size_t n,
                             const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk,
                             struct pf_jinja_value *out)
{
    switch ((enum global_id)id) {
    case G_RANGE:
        return call_range(state, node, args, n, out);
    case G_DICT:
    case G_NAMESPACE: {
        struct pf_jinja_value dict = pf_jv_dict(state->arena, nk);
        if (n > 1 || (n == 1 && args[0].kind != PF_JV_DICT))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "%s() takes a dict or keywords",
                                 id == G_DICT ? "dict" : "namespace");
        for (size_t i = 0; n == 1 && i < args[0].as.dict->len; i++)
            pf_jv_dict_set(state->arena, dict.as.dict, args[0].as.dict->keys[i],
                           args[0].as.dict->values[i]);
        for (size_t i = 0; i < nk; i++)
            pf_jv_dict_set(state->arena, dict.as.dict, pf_jv_str(names[i], false), kw[i]);
        if (id == G_NAMESPACE)
            dict.flags |= PF_JV_NAMESPACE;
        *out = dict;
        return PF_OK;
    }
    case G_JOINER:
    case G_CYCLER: {
        struct pf_jinja_callable *object = pf_arena_alloc(state->arena, sizeof(*object));
        if (id == G_JOINER) {
            const struct pf_jinja_value *sep = pf_jinja_arg(args, n, names, kw, nk, 0, "sep");
            object->type = PF_JC_JOINER;
            object->text = sep && sep->kind == PF_JV_STRING ? sep->as.str : PF_STR(", ");
        } else {
            object->type = PF_JC_CYCLER;
            object->self = pf_jv_list(state->arena, n, false);
            for (size_t i = 0; i < n; i++)
                object->self.as.list->items[i] = args[i];
            object->self.as.list->len = n;
        }
        out->kind = PF_JV_CALLABLE;
        out->flags = 0;
        out->as.callable = object;
        return PF_OK;
    }
    }
    return PF_E_INTERNAL;
}

static pf_status need_string(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             const struct pf_jinja_value *arg, const char *method)
{
    if (!arg || arg->kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "%s() takes a string argument", method);
    return PF_OK;
}

static pf_status call_string_method(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                    int id, struct pf_jinja_value self,
                                    const struct pf_jinja_value *args, size_t n,
                                    struct pf_jinja_value *out)
{
    const struct pf_jinja_value *a0 = n > 0 ? &args[0] : NULL;
    const struct pf_jinja_value *a1 = n > 1 ? &args[1] : NULL;
    int64_t count = -1;
    pf_status st;
    switch ((enum method_id)id) {
    case M_UPPER:
        return pf_jinja_case(state, node, self, PF_JCASE_UPPER, out);
    case M_LOWER:
        return pf_jinja_case(state, node, self, PF_JCASE_LOWER, out);
    case M_TITLE:
        return pf_jinja_case(state, node, self, PF_JCASE_PY_TITLE, out);
    case M_CAPITALIZE:
        return pf_jinja_case(state, node, self, PF_JCASE_CAPITALIZE, out);
    case M_STRIP:
    case M_LSTRIP:
    case M_RSTRIP:
        if (a0 && a0->kind == PF_JV_NONE)
            a0 = NULL;
        return pf_jinja_strip(state, node, self, a0, id != M_RSTRIP, id != M_LSTRIP, out);
    case M_STARTSWITH:
    case M_ENDSWITH:
        st = need_string(state, node, a0, id == M_STARTSWITH ? "startswith" : "endswith");
        if (st == PF_OK)
            *out = pf_jv_bool(id == M_STARTSWITH ? pf_str_starts_with(self.as.str, a0->as.str)
                                                 : pf_str_ends_with(self.as.str, a0->as.str));
        return st;
    case M_SPLIT:
        if (a1 && !as_integer(*a1, &count))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "maxsplit must be an integer");
        if (a0 && a0->kind == PF_JV_STRING) {
            if (a0->as.str.len == 0)
                return pf_jinja_fail(state, node, PF_E_TEMPLATE, "empty separator");
            return pf_jinja_split(state, node, self.as.str, &a0->as.str, count, out);
        }
        if (a0 && a0->kind != PF_JV_NONE)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "split() takes a string argument");
        return pf_jinja_split(state, node, self.as.str, NULL, count, out);
    case M_REPLACE:
        if (!a0 || !a1 || a0->kind != PF_JV_STRING || a1->kind != PF_JV_STRING)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "replace() takes two strings");
        if (n > 2 && !as_integer(args[2], &count))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "replace() count must be an int");
        return pf_jinja_replace(state, node, self.as.str, a0->as.str, a1->as.str, count,
                                (self.flags & PF_JV_SAFE) != 0, out);
    case M_JOIN: {
        struct pf_jinja_value *items = NULL;
        size_t count_items = 0;
        st = a0 ? pf_jv_iterate(state, node, *a0, &items, &count_items)
                : pf_jinja_fail(state, node, PF_E_TEMPLATE, "join() takes an iterable");
        if (st != PF_OK)
            return st;
        struct pf_buf buf;
        pf_jv_buf_init(state, &buf);
        for (size_t i = 0; i < count_items; i++) {
            if (items[i].kind != PF_JV_STRING) {
                pf_buf_fini(&buf);
                return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                     "sequence item %zu: expected str instance, %s found", i,
                                     pf_jv_type_name(items[i]));
            }
            if (i)
                pf_buf_append_str(&buf, self.as.str);
            pf_buf_append_str(&buf, items[i].as.str);
        }
        return pf_jv_finish_str(state, node, &buf, false, out);
    }
    case M_COUNT:
    case M_FIND: {
        st = need_string(state, node, a0, id == M_COUNT ? "count" : "find");
        if (st != PF_OK)
            return st;
        long at = pf_str_find(self.as.str, a0->as.str);
        if (id == M_FIND) {
            *out = pf_jv_int(
                at < 0 ? -1 : (int64_t)pf_jv_utf8_len(pf_str_make(self.as.str.ptr, (size_t)at)));
            return PF_OK;
        }
        int64_t found = 0;
        if (a0->as.str.len == 0) {
            found = (int64_t)pf_jv_utf8_len(self.as.str) + 1;
        } else {
            struct pf_str rest = self.as.str;
            while ((at = pf_str_find(rest, a0->as.str)) >= 0) {
                found++;
                rest = pf_str_slice(rest, (size_t)at + a0->as.str.len, SIZE_MAX);
            }
        }
        *out = pf_jv_int(found);
        return PF_OK;
    }
    default:
        return PF_E_INTERNAL;
    }
}

static pf_status call_dict_method(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                  int id, struct pf_jinja_value self,
                                  const struct pf_jinja_value *args, size_t n,
                                  struct pf_jinja_value *out)
{
    const struct pf_jinja_dict *dict = self.as.dict;
    if (id == M_GET) {
        if (n < 1 || n > 2)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "get() takes 1 or 2 arguments");
        if (!pf_jv_is_hashable(args[0]))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "unhashable type: '%s'",
                                 pf_jv_type_name(args[0]));
        const struct pf_jinja_value *value = pf_jv_dict_get(dict, args[0]);
        *out = value ? *value : n == 2 ? args[1] : pf_jv_none();
        return PF_OK;
    }
    pf_status st = pf_jinja_reserve(state, node, dict->len * 4 * sizeof(struct pf_jinja_value));
    if (st != PF_OK)
        return st;
    struct pf_jinja_value list = pf_jv_list(state->arena, dict->len, false);
    for (size_t i = 0; i < dict->len; i++) {
        if (id == M_KEYS) {
            list.as.list->items[i] = dict->keys[i];
        } else if (id == M_VALUES) {
            list.as.list->items[i] = dict->values[i];
        } else {
            struct pf_jinja_value pair = pf_jv_list(state->arena, 2, true);
            pair.as.list->items[0] = dict->keys[i];
            pair.as.list->items[1] = dict->values[i];
            pair.as.list->len = 2;
            list.as.list->items[i] = pair;
        }
    }
    list.as.list->len = dict->len;
    *out = list;
    return PF_OK;
}

static pf_status call_loop_method(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                  int id, struct pf_jinja_value self,
                                  const struct pf_jinja_value *args, size_t n,
                                  struct pf_jinja_value *out)
{
    struct pf_jinja_loop *loop = self.as.loop;
    if (id == M_CYCLE) {
        if (n == 0)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "no items for cycling given");
        *out = args[loop->index0 % n];
        return PF_OK;
    }
    struct pf_jinja_value now = pf_jv_list(state->arena, n, true);
    for (size_t i = 0; i < n; i++)
        now.as.list->items[i] = args[i];
    now.as.list->len = n;
    bool changed = !loop->has_changed || !pf_jv_equal(loop->last_changed, now);
    loop->last_changed = now;
    loop->has_changed = true;
    *out = pf_jv_bool(changed);
    return PF_OK;
}

pf_status pf_jinja_call_builtin(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                const struct pf_jinja_callable *callable,
                                const struct pf_jinja_value *args, size_t arg_count,
                                const struct pf_str *names, const struct pf_jinja_value *kw_values,
                                size_t kw_count, struct pf_jinja_value *out)
{
    struct pf_jinja_callable *object = (struct pf_jinja_callable *)callable;
    switch ((enum pf_jinja_callable_type)callable->type) {
    case PF_JC_GLOBAL:
        return call_global(state, node, callable->id, args, arg_count, names, kw_values, kw_count,
                           out);
    case PF_JC_JOINER:
        *out = object->counter++ ? pf_jv_str(callable->text, false) : pf_jv_str(PF_STR(""), false);
        return PF_OK;
    case PF_JC_CYCLER:
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "'Cycler' object is not callable");
    case PF_JC_METHOD:
        break;
    case PF_JC_MACRO:
        return PF_E_INTERNAL;
    }
    struct pf_jinja_value self = callable->self;
    switch (self.kind) {
    case PF_JV_STRING:
        return call_string_method(state, node, callable->id, self, args, arg_count, out);
    case PF_JV_DICT:
        return call_dict_method(state, node, callable->id, self, args, arg_count, out);
    case PF_JV_LOOP:
        return call_loop_method(state, node, callable->id, self, args, arg_count, out);
    case PF_JV_CALLABLE: {
        struct pf_jinja_callable *cycler = self.as.callable;
        const struct pf_jinja_list *items = cycler->self.as.list;
        if (callable->id == M_RESET) {
            cycler->counter = 0;
            *out = pf_jv_none();
        } else {
            *out = items->len ? items->items[cycler->counter % items->len] : pf_jv_none();
            cycler->counter++;
        }
        return PF_OK;
    }
    default:
        return PF_E_INTERNAL;
    }
}

pf_status pf_jinja_attr_path(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             struct pf_jinja_value obj, struct pf_str path,
                             struct pf_jinja_value *out)
{
    struct pf_cur cur = pf_cur_of(path);
    struct pf_jinja_value item = obj;
    while (!pf_cur_at_end(&cur)) {
        struct pf_str part;
        if (!pf_cur_take_until(&cur, '.', &part)) {
            part = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        int64_t index;
        struct pf_jinja_value key =
            pf_parse_i64(part, 0, INT64_MAX, &index) ? pf_jv_int(index) : pf_jv_str(part, false);
        pf_status st = pf_jinja_getitem(state, node, item, key, &item);
        if (st != PF_OK)
            return st;
    }
    *out = item;
    return PF_OK;
}

/* Pads a formatted number to width: sign and prefix first, then zeros or spaces. */
static void pad_number(struct pf_buf *buf, const char *flags, int width, const char *sign,
                       const char *prefix, const char *digits)
{
    int len = (int)(strlen(sign) + strlen(prefix) + strlen(digits));
    bool left = strchr(flags, '-') != NULL;
    bool zero = !left && strchr(flags, '0') != NULL;
    if (!left && !zero)
        for (int i = len; i < width; i++)
            pf_buf_putc(buf, ' ');
    pf_buf_puts(buf, sign);
    pf_buf_puts(buf, prefix);
    if (zero)
        for (int i = len; i < width; i++)
            pf_buf_putc(buf, '0');
    pf_buf_puts(buf, digits);
    if (left)
        for (int i = len; i < width; i++)
            pf_buf_putc(buf, ' ');
}

/* One %-conversion: flags, width and precision already parsed. */
static pf_status format_one(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            struct pf_buf *buf, char conv, const char *flags, int width,
                            int precision, struct pf_jinja_value arg)
{
    char digits[512];
    if (conv == 's' || conv == 'r') {
        struct pf_buf text;
        pf_jv_buf_init(state, &text);
        if (conv == 's')
            pf_jv_write_str(&text, arg);
        else
            pf_jv_write_repr(&text, arg);
        struct pf_str s = pf_buf_view(&text);
        if (precision >= 0)
            s.len = pf_jv_utf8_offset(s, (size_t)precision);
        size_t len = pf_jv_utf8_len(s);
        bool left = strchr(flags, '-') != NULL;
        if (!left)
            for (size_t i = len; (int)i < width; i++)
                pf_buf_putc(buf, ' ');
        pf_buf_append_str(buf, s);
        if (left)
            for (size_t i = len; (int)i < width; i++)
                pf_buf_putc(buf, ' ');
        pf_buf_fini(&text);
        return PF_OK;
    }
    if (!pf_jv_is_number(arg))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "%%%c format: a real number is required, not %s", conv,
                             pf_jv_type_name(arg));
    if (width > 400 || precision > 400)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "format width or precision too large");
    double d = pf_jv_to_double(arg);
    bool is_int_conv = conv == 'd' || conv == 'i' || conv == 'x' || conv == 'X' || conv == 'o';
    if (is_int_conv && arg.kind == PF_JV_FLOAT && conv != 'd' && conv != 'i')
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "%%%c format: an integer is required, not float", conv);
    bool negative;
    const char *prefix = "";
    if (is_int_conv) {
        int64_t v = arg.kind == PF_JV_FLOAT  ? (int64_t)trunc(d)
                    : arg.kind == PF_JV_BOOL ? (int64_t)arg.as.boolean
                                             : arg.as.integer;
        negative = v < 0;
        uint64_t mag = negative ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        char raw[32];
        if (conv == 'x')
            snprintf(raw, sizeof(raw), "%" PRIx64, mag);
        else if (conv == 'X')
            snprintf(raw, sizeof(raw), "%" PRIX64, mag);
        else if (conv == 'o')
            snprintf(raw, sizeof(raw), "%" PRIo64, mag);
        else
            snprintf(raw, sizeof(raw), "%" PRIu64, mag);
        size_t len = strlen(raw);
        size_t zeros = precision > 0 && (size_t)precision > len ? (size_t)precision - len : 0;
        memset(digits, '0', zeros);
        memcpy(digits + zeros, raw, len + 1);
        if (strchr(flags, '#'))
            prefix = conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0o" : "";
    } else {
        int p = precision < 0 ? 6 : precision;
        negative = signbit(d) && !isnan(d);
        double mag = fabs(d);
        switch (conv) {
        case 'f':
            snprintf(digits, sizeof(digits), "%.*f", p, mag);
            break;
        case 'F':
            snprintf(digits, sizeof(digits), "%.*F", p, mag);
            break;
        case 'e':
            snprintf(digits, sizeof(digits), "%.*e", p, mag);
            break;
        case 'E':
            snprintf(digits, sizeof(digits), "%.*E", p, mag);
            break;
        case 'g':
            snprintf(digits, sizeof(digits), "%.*g", p, mag);
            break;
        default:
            snprintf(digits, sizeof(digits), "%.*G", p, mag);
            break;
        }
    }
    const char *sign = negative ? "-" : strchr(flags, '+') ? "+" : strchr(flags, ' ') ? " " : "";
    pad_number(buf, flags, width, sign, prefix, digits);
    return PF_OK;
}

pf_status pf_jinja_percent_format(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                  struct pf_jinja_value fmt, const struct pf_jinja_value *args,
                                  size_t arg_count, struct pf_jinja_value *out)
{
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    struct pf_str f = fmt.as.str;
    size_t next_arg = 0;
    const struct pf_jinja_dict *mapping =
        arg_count == 1 && args[0].kind == PF_JV_DICT ? args[0].as.dict : NULL;
    pf_status st = PF_OK;
    for (size_t i = 0; i < f.len && st == PF_OK; i++) {
        if (f.ptr[i] != '%') {
            pf_buf_putc(&buf, f.ptr[i]);
            continue;
        }
        if (++i >= f.len) {
            st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "incomplete format");
            break;
        }
        const struct pf_jinja_value *arg = NULL;
        if (f.ptr[i] == '(') {
            size_t close = i + 1;
            while (close < f.len && f.ptr[close] != ')')
                close++;
            const struct pf_jinja_value *v =
                mapping && close < f.len
                    ? pf_jv_dict_get_str(mapping, pf_str_make(f.ptr + i + 1, close - i - 1))
                    : NULL;
            if (!v) {
                st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "format key not found");
                break;
            }
            arg = v;
            i = close + 1;
        }
        char flags[8] = "";
        size_t nf = 0;
        while (i < f.len && strchr("-+ 0#", f.ptr[i]) && nf < sizeof(flags) - 1)
            flags[nf++] = f.ptr[i++];
        flags[nf] = '\0';
        int width = 0;
        while (i < f.len && f.ptr[i] >= '0' && f.ptr[i] <= '9' && width < 100000)
            width = width * 10 + (f.ptr[i++] - '0');
        int precision = -1;
        if (i < f.len && f.ptr[i] == '.') {
            precision = 0;
            i++;
            while (i < f.len && f.ptr[i] >= '0' && f.ptr[i] <= '9' && precision < 100000)
                precision = precision * 10 + (f.ptr[i++] - '0');
        }
        if (i >= f.len) {
            st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "incomplete format");
            break;
        }
        char conv = f.ptr[i];
        if (conv == '%') {
            pf_buf_putc(&buf, '%');
            continue;
        }
        if (!strchr("srdixXofFeEgG", conv)) {
            st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "unsupported format character '%c'",
                               conv);
            break;
        }
        if (!arg) {
            if (mapping && arg_count == 1 && next_arg == 0 && conv == 's') {
                arg = &args[0];
                next_arg++;
            } else if (next_arg >= arg_count) {
                st = pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                   "not enough arguments for format string");
                break;
            } else {
                arg = &args[next_arg++];
            }
        }
        st = format_one(state, node, &buf, conv, flags, width, precision, *arg);
    }
    if (st == PF_OK && !mapping && next_arg < arg_count)
        st = pf_jinja_fail(state, node, PF_E_TEMPLATE,
                           "not all arguments converted during string formatting");
    if (st != PF_OK) {
        pf_buf_fini(&buf);
        return st;
    }
    return pf_jv_finish_str(state, node, &buf, (fmt.flags & PF_JV_SAFE) != 0, out);
}
