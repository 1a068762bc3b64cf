/* Jinja filters over sequences: default, length, first/last, join, sort, unique, min/max/sum,
 * map/select/reject, groupby, batch, items, dictsort, attr. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

#define FILTER(fname)                                                                              \
    static pf_status fname(struct pf_jinja_state *state, const struct pf_jinja_node *node,         \
                           struct pf_jinja_value in, const struct pf_jinja_value *args, size_t n,  \
                           const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk, \
                           struct pf_jinja_value *out)
#define ARG(pos, name) pf_jinja_arg(args, n, names, kw, nk, pos, name)

static bool truthy_arg(const struct pf_jinja_value *arg)
{
    return arg && pf_jv_truthy(*arg);
}

static struct pf_jinja_value list_of(struct pf_jinja_state *state,
                                     const struct pf_jinja_value *items, size_t count)
{
    struct pf_jinja_value list = pf_jv_list(state->arena, count, false);
    if (count)
        memcpy(list.as.list->items, items, count * sizeof(*items));
    list.as.list->len = count;
    return list;
}

/* The key filters sort and compare by: an attribute path (comma-separated paths give a tuple),
 * lower-cased when the comparison ignores case, as Jinja2's make_attrgetter/ignore_case. */
static pf_status make_key(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                          struct pf_jinja_value item, const struct pf_jinja_value *attribute,
                          bool case_sensitive, const struct pf_jinja_value *fallback,
                          struct pf_jinja_value *out)
{
    pf_status st = PF_OK;
    struct pf_jinja_value key = item;
    if (attribute && attribute->kind == PF_JV_STRING &&
        pf_str_find_char(attribute->as.str, ',') >= 0) {
        struct pf_jinja_value tuple = pf_jv_list(state->arena, 0, true);
        struct pf_cur cur = pf_cur_of(attribute->as.str);
        while (st == PF_OK && !pf_cur_at_end(&cur)) {
            struct pf_str part;
            if (!pf_cur_take_until(&cur, ',', &part)) {
                part = pf_str_make(cur.ptr, pf_cur_left(&cur));
                cur.ptr = cur.end;
            }
            struct pf_jinja_value sub;
            st = pf_jinja_attr_path(state, node, item, pf_str_trim(part), &sub);
            if (st == PF_OK && !case_sensitive && sub.kind == PF_JV_STRING)
                st = pf_jinja_case(state, node, sub, PF_JCASE_LOWER, &sub);
            if (st == PF_OK)
                pf_jv_list_push(state->arena, tuple.as.list, sub);
        }
        *out = tuple;
        return st;
    }
    if (attribute && attribute->kind == PF_JV_STRING)
        st = pf_jinja_attr_path(state, node, item, attribute->as.str, &key);
    else if (attribute && attribute->kind == PF_JV_INT)
        st = pf_jinja_getitem(state, node, item, *attribute, &key);
    if (st == PF_OK && fallback && key.kind == PF_JV_UNDEFINED)
        key = *fallback;
    if (st == PF_OK && !case_sensitive && key.kind == PF_JV_STRING)
        st = pf_jinja_case(state, node, key, PF_JCASE_LOWER, &key);
    *out = key;
    return st;
}

struct sorter {
    struct pf_jinja_state *state;
    const struct pf_jinja_node *node;
    const struct pf_jinja_value *keys;
    bool reverse;
    pf_status st;
};

/* True when key a must come after key b (strictly), so equal keys keep their order. */
static bool after(struct sorter *s, size_t a, size_t b)
{
    if (s->st != PF_OK)
        return false;
    int cmp = 0;
    if (pf_jv_compare(s->keys[a], s->keys[b], &cmp) != PF_OK) {
        s->st = pf_jinja_fail(s->state, s->node, PF_E_TEMPLATE,
                              "'<' not supported between instances of '%s' and '%s'",
                              pf_jv_type_name(s->keys[a]), pf_jv_type_name(s->keys[b]));
        return false;
    }
    return s->reverse ? cmp < 0 : cmp > 0;
}

/* A stable merge sort of positions (Python's sort is stable, also with reverse=True). */
static void merge_sort(struct sorter *s, size_t *idx, size_t *tmp, size_t count)
{
    if (count < 2)
        return;
    size_t half = count / 2;
    merge_sort(s, idx, tmp, half);
    merge_sort(s, idx + half, tmp, count - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < count)
        tmp[k++] = after(s, idx[i], idx[j]) ? idx[j++] : idx[i++];
    while (i < half)
        tmp[k++] = idx[i++];
    while (j < count)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, count * sizeof(*idx));
}

/* Sorts items by keys into a new list. */
static pf_status sort_by(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         const struct pf_jinja_value *items, const struct pf_jinja_value *keys,
                         size_t count, bool reverse, struct pf_jinja_value *out)
{
    pf_status st = pf_jinja_reserve(state, node, count * 2 * sizeof(size_t));
    if (st != PF_OK)
        return st;
    size_t *idx = pf_arena_alloc(state->arena, (count + 1) * sizeof(*idx));
    size_t *tmp = pf_arena_alloc(state->arena, (count + 1) * sizeof(*tmp));
    for (size_t i = 0; i < count; i++)
        idx[i] = i;
    struct sorter s = {state, node, keys, reverse, PF_OK};
    merge_sort(&s, idx, tmp, count);
    if (s.st != PF_OK)
        return s.st;
    struct pf_jinja_value list = pf_jv_list(state->arena, count, false);
    for (size_t i = 0; i < count; i++)
        list.as.list->items[i] = items[idx[i]];
    list.as.list->len = count;
    *out = list;
    return PF_OK;
}

static pf_status keys_of(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         const struct pf_jinja_value *items, size_t count,
                         const struct pf_jinja_value *attribute, bool case_sensitive,
                         const struct pf_jinja_value *fallback, struct pf_jinja_value **out_keys)
{
    pf_status st = pf_jinja_reserve(state, node, count * sizeof(struct pf_jinja_value));
    struct pf_jinja_value *keys = pf_arena_alloc(state->arena, (count + 1) * sizeof(*keys));
    for (size_t i = 0; i < count && st == PF_OK; i++)
        st = make_key(state, node, items[i], attribute, case_sensitive, fallback, &keys[i]);
    *out_keys = keys;
    return st;
}

FILTER(f_default)
{
    const struct pf_jinja_value *fallback = ARG(0, "default_value");
    const struct pf_jinja_value *boolean = ARG(1, "boolean");
    bool use = in.kind == PF_JV_UNDEFINED || (truthy_arg(boolean) && !pf_jv_truthy(in));
    *out = use ? (fallback ? *fallback : pf_jv_str(PF_STR(""), false)) : in;
    return PF_OK;
}

FILTER(f_length)
{
    size_t len = 0;
    if (!pf_jv_length(in, &len))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "object of type '%s' has no len()",
                             pf_jv_type_name(in));
    *out = pf_jv_int((int64_t)len);
    return PF_OK;
}

FILTER(f_first_last)
{
    bool last = node->as.filter.name.ptr[0] == 'l';
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st != PF_OK)
        return st;
    *out = count ? items[last ? count - 1 : 0] : pf_jv_undefined(node);
    return PF_OK;
}

FILTER(f_list)
{
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK)
        *out = list_of(state, items, count);
    return st;
}

FILTER(f_reverse)
{
    if (in.kind == PF_JV_STRING) {
        struct pf_buf buf;
        pf_jv_buf_init(state, &buf);
        const char *end = in.as.str.ptr + in.as.str.len;
        while (end > in.as.str.ptr) {
            const char *start = end - 1;
            while (start > in.as.str.ptr && ((unsigned char)*start & 0xC0) == 0x80)
                start--;
            pf_buf_append(&buf, start, (size_t)(end - start));
            end = start;
        }
        return pf_jv_finish_str(state, node, &buf, (in.flags & PF_JV_SAFE) != 0, out);
    }
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st != PF_OK)
        return st;
    struct pf_jinja_value list = pf_jv_list(state->arena, count, false);
    for (size_t i = 0; i < count; i++)
        list.as.list->items[i] = items[count - 1 - i];
    list.as.list->len = count;
    *out = list;
    return PF_OK;
}

FILTER(f_join)
{
    const struct pf_jinja_value *sep_arg = ARG(0, "d");
    const struct pf_jinja_value *attribute = ARG(1, "attribute");
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    struct pf_jinja_value sep = pf_jv_str(PF_STR(""), false);
    if (st == PF_OK && sep_arg)
        st = pf_jinja_to_string(state, node, *sep_arg, &sep);
    struct pf_jinja_value *parts = pf_arena_alloc(state->arena, (count + 1) * sizeof(*parts));
    bool any_safe = (sep.flags & PF_JV_SAFE) != 0;
    size_t total = 0;
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        parts[i] = items[i];
        if (attribute && attribute->kind != PF_JV_NONE)
            st = make_key(state, node, items[i], attribute, true, NULL, &parts[i]);
        if (st == PF_OK)
            st = pf_jinja_to_string(state, node, parts[i], &parts[i]);
        if (st == PF_OK) {
            any_safe = any_safe || (parts[i].flags & PF_JV_SAFE);
            total += parts[i].as.str.len + sep.as.str.len;
        }
    }
    if (st == PF_OK)
        st = pf_jinja_reserve(state, node, total);
    if (st != PF_OK)
        return st;
    /* Under autoescape, markup anywhere makes the result markup with the rest escaped. */
    bool escape = any_safe && state->env->autoescape != PF_JINJA_ESCAPE_NONE;
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    for (size_t i = 0; i < count; i++) {
        const struct pf_jinja_value *piece[2] = {&sep, &parts[i]};
        for (int k = i ? 0 : 1; k < 2; k++) {
            if (escape && !(piece[k]->flags & PF_JV_SAFE))
                pf_jinja_escape_into(state, &buf, piece[k]->as.str);
            else
                pf_buf_append_str(&buf, piece[k]->as.str);
        }
    }
    return pf_jv_finish_str(state, node, &buf, escape, out);
}

FILTER(f_sort)
{
    const struct pf_jinja_value *reverse = ARG(0, "reverse");
    const struct pf_jinja_value *case_sensitive = ARG(1, "case_sensitive");
    const struct pf_jinja_value *attribute = ARG(2, "attribute");
    struct pf_jinja_value *items = NULL;
    struct pf_jinja_value *keys = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK)
        st = keys_of(state, node, items, count, attribute, truthy_arg(case_sensitive), NULL, &keys);
    return st != PF_OK ? st : sort_by(state, node, items, keys, count, truthy_arg(reverse), out);
}

FILTER(f_dictsort)
{
    const struct pf_jinja_value *case_sensitive = ARG(0, "case_sensitive");
    const struct pf_jinja_value *by = ARG(1, "by");
    const struct pf_jinja_value *reverse = ARG(2, "reverse");
    if (in.kind != PF_JV_DICT || (in.flags & PF_JV_NAMESPACE))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "dictsort needs a mapping");
    size_t pos = 0;
    if (by && by->kind == PF_JV_STRING && pf_str_eq_cstr(by->as.str, "value"))
        pos = 1;
    else if (by && !(by->kind == PF_JV_STRING && pf_str_eq_cstr(by->as.str, "key")))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "You can only sort by either \"key\" or \"value\"");
    size_t count = in.as.dict->len;
    struct pf_jinja_value *pairs = pf_arena_alloc(state->arena, (count + 1) * sizeof(*pairs));
    struct pf_jinja_value *keys = pf_arena_alloc(state->arena, (count + 1) * sizeof(*keys));
    pf_status st = PF_OK;
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        pairs[i] = pf_jv_list(state->arena, 2, true);
        pairs[i].as.list->items[0] = in.as.dict->keys[i];
        pairs[i].as.list->items[1] = in.as.dict->values[i];
        pairs[i].as.list->len = 2;
        st = make_key(state, node, pairs[i].as.list->items[pos], NULL, truthy_arg(case_sensitive),
                      NULL, &keys[i]);
    }
    return st != PF_OK ? st : sort_by(state, node, pairs, keys, count, truthy_arg(reverse), out);
}

FILTER(f_items)
{
    if (in.kind == PF_JV_UNDEFINED) {
        *out = pf_jv_list(state->arena, 0, false);
        return PF_OK;
    }
    if (in.kind != PF_JV_DICT || (in.flags & PF_JV_NAMESPACE))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "Can only get item pairs from a mapping.");
    struct pf_jinja_value method;
    PF_ASSERT(pf_jinja_method_find(state->arena, in, PF_STR("items"), &method));
    return pf_jinja_call_builtin(state, node, method.as.callable, NULL, 0, names, kw, 0, out);
}

FILTER(f_unique)
{
    const struct pf_jinja_value *case_sensitive = ARG(0, "case_sensitive");
    const struct pf_jinja_value *attribute = ARG(1, "attribute");
    struct pf_jinja_value *items = NULL;
    struct pf_jinja_value *keys = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK)
        st = keys_of(state, node, items, count, attribute, truthy_arg(case_sensitive), NULL, &keys);
    if (st != PF_OK)
        return st;
    struct pf_jinja_value seen = pf_jv_dict(state->arena, 0);
    struct pf_jinja_value list = pf_jv_list(state->arena, 0, false);
    for (size_t i = 0; i < count; i++) {
        if (!pf_jv_is_hashable(keys[i]))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "unhashable type: '%s'",
                                 pf_jv_type_name(keys[i]));
        if (pf_jv_dict_get(seen.as.dict, keys[i]))
            continue;
        pf_jv_dict_set(state->arena, seen.as.dict, keys[i], pf_jv_none());
        pf_jv_list_push(state->arena, list.as.list, items[i]);
    }
    *out = list;
    return PF_OK;
}

FILTER(f_min_max)
{
    bool want_max = node->as.filter.name.ptr[1] == 'a';
    const struct pf_jinja_value *case_sensitive = ARG(0, "case_sensitive");
    const struct pf_jinja_value *attribute = ARG(1, "attribute");
    struct pf_jinja_value *items = NULL;
    struct pf_jinja_value *keys = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK)
        st = keys_of(state, node, items, count, attribute, truthy_arg(case_sensitive), NULL, &keys);
    if (st != PF_OK)
        return st;
    if (count == 0) {
        *out = pf_jv_undefined(node);
        return PF_OK;
    }
    size_t best = 0;
    for (size_t i = 1; i < count; i++) {
        int cmp = 0;
        if (pf_jv_compare(keys[i], keys[best], &cmp) != PF_OK)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "'<' not supported between instances of '%s' and '%s'",
                                 pf_jv_type_name(keys[i]), pf_jv_type_name(keys[best]));
        if (want_max ? cmp > 0 : cmp < 0)
            best = i;
    }
    *out = items[best];
    return PF_OK;
}

FILTER(f_sum)
{
    const struct pf_jinja_value *attribute = ARG(0, "attribute");
    const struct pf_jinja_value *start = ARG(1, "start");
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    struct pf_jinja_value total = start ? *start : pf_jv_int(0);
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        struct pf_jinja_value item = items[i];
        if (attribute && attribute->kind != PF_JV_NONE)
            st = make_key(state, node, item, attribute, true, NULL, &item);
        if (st == PF_OK)
            st = pf_jinja_binop(state, node, PF_JOP_ADD, total, item, &total);
    }
    *out = total;
    return st;
}

/* Applies the filter or test named by args[0] (with the rest as its arguments) to item. */
static pf_status apply_named(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             bool is_test, struct pf_jinja_value item,
                             const struct pf_jinja_value *args, size_t n,
                             const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk,
                             struct pf_jinja_value *out)
{
    if (n == 0 || args[0].kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "expected a %s name",
                             is_test ? "test" : "filter");
    pf_jinja_filter_fn fn =
        is_test ? pf_jinja_test_find(args[0].as.str) : pf_jinja_filter_find(args[0].as.str);
    if (!fn)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "no %s named '%.*s'",
                             is_test ? "test" : "filter", (int)args[0].as.str.len,
                             args[0].as.str.ptr);
    struct pf_jinja_node call = *node;
    call.as.filter.name = args[0].as.str;
    return fn(state, &call, item, args + 1, n - 1, names, kw, nk, out);
}

FILTER(f_map)
{
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    const struct pf_jinja_value *attribute = n == 0 ? ARG(99, "attribute") : NULL;
    const struct pf_jinja_value *fallback = n == 0 ? ARG(99, "default") : NULL;
    struct pf_jinja_value list = pf_jv_list(state->arena, count, false);
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        st = pf_jinja_step(state, node);
        if (st == PF_OK && attribute)
            st =
                make_key(state, node, items[i], attribute, true, fallback, &list.as.list->items[i]);
        else if (st == PF_OK)
            st = apply_named(state, node, false, items[i], args, n, names, kw, nk,
                             &list.as.list->items[i]);
    }
    list.as.list->len = count;
    *out = list;
    return st;
}

static pf_status select_reject(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                               struct pf_jinja_value in, const struct pf_jinja_value *args,
                               size_t n, const struct pf_str *names,
                               const struct pf_jinja_value *kw, size_t nk, bool by_attr,
                               bool keep_when, struct pf_jinja_value *out)
{
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK && by_attr && n == 0)
        st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "missing parameter for attribute name");
    struct pf_jinja_value list = pf_jv_list(state->arena, 0, false);
    size_t off = by_attr ? 1 : 0;
    for (size_t i = 0; i < count && st == PF_OK; i++) {
        struct pf_jinja_value value = items[i];
        struct pf_jinja_value verdict;
        st = pf_jinja_step(state, node);
        if (st == PF_OK && by_attr)
            st = make_key(state, node, value, &args[0], true, NULL, &value);
        if (st != PF_OK)
            break;
        if (n > off)
            st =
                apply_named(state, node, true, value, args + off, n - off, names, kw, nk, &verdict);
        else
            verdict = value;
        if (st == PF_OK && pf_jv_truthy(verdict) == keep_when)
            pf_jv_list_push(state->arena, list.as.list, items[i]);
    }
    *out = list;
    return st;
}

FILTER(f_select)
{
    return select_reject(state, node, in, args, n, names, kw, nk, false, true, out);
}

FILTER(f_reject)
{
    return select_reject(state, node, in, args, n, names, kw, nk, false, false, out);
}

FILTER(f_selectattr)
{
    return select_reject(state, node, in, args, n, names, kw, nk, true, true, out);
}

FILTER(f_rejectattr)
{
    return select_reject(state, node, in, args, n, names, kw, nk, true, false, out);
}

FILTER(f_groupby)
{
    const struct pf_jinja_value *attribute = ARG(0, "attribute");
    const struct pf_jinja_value *fallback = ARG(1, "default");
    const struct pf_jinja_value *case_sensitive = ARG(2, "case_sensitive");
    bool sensitive = truthy_arg(case_sensitive);
    struct pf_jinja_value *items = NULL;
    struct pf_jinja_value *keys = NULL;
    size_t count = 0;
    struct pf_jinja_value sorted;
    if (!attribute)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "groupby needs an attribute");
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st == PF_OK)
        st = keys_of(state, node, items, count, attribute, sensitive, fallback, &keys);
    if (st == PF_OK)
        st = sort_by(state, node, items, keys, count, false, &sorted);
    if (st != PF_OK)
        return st;
    struct pf_jinja_value *sorted_keys = NULL;
    st = keys_of(state, node, sorted.as.list->items, count, attribute, sensitive, fallback,
                 &sorted_keys);
    struct pf_jinja_value groups = pf_jv_list(state->arena, 0, false);
    for (size_t i = 0; i < count && st == PF_OK;) {
        size_t j = i + 1;
        while (j < count && pf_jv_equal(sorted_keys[j], sorted_keys[i]))
            j++;
        struct pf_jinja_value group = pf_jv_list(state->arena, 2, true);
        group.flags |= PF_JV_GROUP;
        group.as.list->items[0] = sorted_keys[i];
        if (!sensitive)
            st = make_key(state, node, sorted.as.list->items[i], attribute, true, fallback,
                          &group.as.list->items[0]);
        group.as.list->items[1] = list_of(state, sorted.as.list->items + i, j - i);
        group.as.list->len = 2;
        pf_jv_list_push(state->arena, groups.as.list, group);
        i = j;
    }
    *out = groups;
    return st;
}

FILTER(f_batch)
{
    const struct pf_jinja_value *linecount = ARG(0, "linecount");
    const struct pf_jinja_value *fill = ARG(1, "fill_with");
    if (!linecount || linecount->kind != PF_JV_INT)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "batch needs an integer line count");
    int64_t per = linecount->as.integer;
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    pf_status st = pf_jv_iterate(state, node, in, &items, &count);
    if (st != PF_OK)
        return st;
    if (fill && fill->kind != PF_JV_NONE && per > 0) {
        st = pf_jinja_reserve(state, node, (size_t)per * sizeof(struct pf_jinja_value));
        if (st != PF_OK)
            return st;
    }
    struct pf_jinja_value batches = pf_jv_list(state->arena, 0, false);
    struct pf_jinja_value current = pf_jv_list(state->arena, 0, false);
    for (size_t i = 0; i < count; i++) {
        if ((int64_t)current.as.list->len == per) {
            pf_jv_list_push(state->arena, batches.as.list, current);
            current = pf_jv_list(state->arena, 0, false);
        }
        pf_jv_list_push(state->arena, current.as.list, items[i]);
    }
    if (current.as.list->len) {
        if (fill && fill->kind != PF_JV_NONE)
            while ((int64_t)current.as.list->len < per)
                pf_jv_list_push(state->arena, current.as.list, *fill);
        pf_jv_list_push(state->arena, batches.as.list, current);
    }
    *out = batches;
    return PF_OK;
}

FILTER(f_attr)
{
    const struct pf_jinja_value *name = ARG(0, "name");
    if (!name || name->kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "attr needs a name");
    if (in.kind == PF_JV_DICT && !(in.flags & PF_JV_NAMESPACE)) {
        if (!pf_jinja_method_find(state->arena, in, name->as.str, out))
            *out = pf_jv_undefined(node);
        return PF_OK;
    }
    return pf_jinja_getattr(state, node, in, name->as.str, out);
}

static const struct {
    const char *name;
    pf_jinja_filter_fn fn;
} seq_filters[] = {
    {"attr", f_attr},        {"batch", f_batch},     {"count", f_length},
    {"d", f_default},        {"default", f_default}, {"dictsort", f_dictsort},
    {"first", f_first_last}, {"groupby", f_groupby}, {"items", f_items},
    {"join", f_join},        {"last", f_first_last}, {"length", f_length},
    {"list", f_list},        {"map", f_map},         {"max", f_min_max},
    {"min", f_min_max},      {"reject", f_reject},   {"rejectattr", f_rejectattr},
    {"reverse", f_reverse},  {"select", f_select},   {"selectattr", f_selectattr},
    {"sort", f_sort},        {"sum", f_sum},         {"unique", f_unique},
};

pf_jinja_filter_fn pf_jinja_seq_filter_find(struct pf_str name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(seq_filters); i++)
        if (pf_str_eq_cstr(name, seq_filters[i].name))
            return seq_filters[i].fn;
    return pf_jinja_num_filter_find(name);
}
