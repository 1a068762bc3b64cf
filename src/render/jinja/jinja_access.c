/* Jinja name lookup and attribute/item access with Jinja2's fallbacks (attributes before keys
 * on dicts, keys before attributes on subscripts, undefined for what is missing) and the
 * undefined error. */
#include <string.h>

#include "render/jinja/jinja_int.h"

pf_status pf_jinja_undefined_error(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                   struct pf_jinja_value value)
{
    /* Point at the lookup that gave undefined when there is one: that is what to fix. */
    const struct pf_jinja_node *at = value.as.undefined_at;
    if (at)
        node = at;
    if (at && at->type == PF_JN_NAME)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "'%.*s' is undefined",
                             (int)at->as.name.len, at->as.name.ptr);
    if (at && at->type == PF_JN_GETATTR)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "'%.*s' is undefined (the object has no such attribute)",
                             (int)at->as.attr.name.len, at->as.attr.name.ptr);
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "the value is undefined");
}

struct pf_jinja_value pf_jinja_lookup(struct pf_jinja_state *state,
                                      const struct pf_jinja_frame *frame,
                                      const struct pf_jinja_node *node, struct pf_str name)
{
    bool isolated = false;
    for (; frame; frame = frame->parent) {
        for (size_t i = frame->count; i > 0; i--)
            if (pf_str_eq(frame->vars[i - 1].name, name))
                return frame->vars[i - 1].value;
        if (frame->isolated) {
            isolated = true;
            break;
        }
    }
    if (!isolated && state->context) {
        const struct pf_jinja_value *value = pf_jv_dict_get_str(state->context, name);
        if (value)
            return *value;
    }
    struct pf_jinja_value global;
    if (pf_jinja_global_find(name, &global, state->arena))
        return global;
    return pf_jv_undefined(node);
}

static pf_status get_loop_attr(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                               struct pf_jinja_value obj, struct pf_str name,
                               struct pf_jinja_value *out)
{
    const struct pf_jinja_loop *loop = obj.as.loop;
    size_t i = loop->index0;
    if (pf_str_eq_cstr(name, "index"))
        *out = pf_jv_int((int64_t)i + 1);
    else if (pf_str_eq_cstr(name, "index0"))
        *out = pf_jv_int((int64_t)i);
    else if (pf_str_eq_cstr(name, "revindex"))
        *out = pf_jv_int((int64_t)(loop->length - i));
    else if (pf_str_eq_cstr(name, "revindex0"))
        *out = pf_jv_int((int64_t)(loop->length - i - 1));
    else if (pf_str_eq_cstr(name, "first"))
        *out = pf_jv_bool(i == 0);
    else if (pf_str_eq_cstr(name, "last"))
        *out = pf_jv_bool(i + 1 == loop->length);
    else if (pf_str_eq_cstr(name, "length"))
        *out = pf_jv_int((int64_t)loop->length);
    else if (pf_str_eq_cstr(name, "depth"))
        *out = pf_jv_int(1);
    else if (pf_str_eq_cstr(name, "depth0"))
        *out = pf_jv_int(0);
    else if (pf_str_eq_cstr(name, "previtem") || pf_str_eq_cstr(name, "nextitem")) {
        bool prev = name.ptr[0] == 'p';
        if ((prev && i == 0) || (!prev && i + 1 >= loop->length)) {
            *out = pf_jv_undefined(node);
        } else {
            size_t at = prev ? i - 1 : i + 1;
            *out = loop->items ? loop->items[at]
                               : pf_jv_int(loop->range.start + (int64_t)at * loop->range.step);
        }
    } else if (!pf_jinja_method_find(state->arena, obj, name, out)) {
        *out = pf_jv_undefined(node);
    }
    return PF_OK;
}

pf_status pf_jinja_getattr(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           struct pf_jinja_value obj, struct pf_str name,
                           struct pf_jinja_value *out)
{
    switch (obj.kind) {
    case PF_JV_UNDEFINED:
        return pf_jinja_undefined_error(state, node, obj);
    case PF_JV_LOOP:
        return get_loop_attr(state, node, obj, name, out);
    case PF_JV_DICT:
        /* Python attributes win over keys: d.items is the method even with an "items" key. */
        if (!(obj.flags & PF_JV_NAMESPACE) && pf_jinja_method_find(state->arena, obj, name, out))
            return PF_OK;
        {
            const struct pf_jinja_value *value = pf_jv_dict_get_str(obj.as.dict, name);
            *out = value ? *value : pf_jv_undefined(node);
        }
        return PF_OK;
    case PF_JV_LIST:
        if (obj.flags & PF_JV_GROUP) {
            if (pf_str_eq_cstr(name, "grouper")) {
                *out = obj.as.list->items[0];
                return PF_OK;
            }
            if (pf_str_eq_cstr(name, "list")) {
                *out = obj.as.list->items[1];
                return PF_OK;
            }
        }
        break;
    default:
        if (pf_jinja_method_find(state->arena, obj, name, out))
            return PF_OK;
        break;
    }
    *out = pf_jv_undefined(node);
    return PF_OK;
}

static bool index_of(int64_t key, size_t len, size_t *out_index)
{
    int64_t i = key < 0 ? key + (int64_t)len : key;
    if (i < 0 || (uint64_t)i >= len)
        return false;
    *out_index = (size_t)i;
    return true;
}

pf_status pf_jinja_getitem(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           struct pf_jinja_value obj, struct pf_jinja_value key,
                           struct pf_jinja_value *out)
{
    size_t i;
    bool int_key = key.kind == PF_JV_INT || key.kind == PF_JV_BOOL;
    int64_t k = key.kind == PF_JV_BOOL ? (key.as.boolean ? 1 : 0) : key.as.integer;
    switch (obj.kind) {
    case PF_JV_UNDEFINED:
        return pf_jinja_undefined_error(state, node, obj);
    case PF_JV_DICT:
        if (pf_jv_is_hashable(key) && !(obj.flags & PF_JV_NAMESPACE)) {
            const struct pf_jinja_value *value = pf_jv_dict_get(obj.as.dict, key);
            if (value) {
                *out = *value;
                return PF_OK;
            }
        }
        break;
    case PF_JV_LIST:
        if (int_key && index_of(k, obj.as.list->len, &i)) {
            *out = obj.as.list->items[i];
            return PF_OK;
        }
        break;
    case PF_JV_STRING:
        if (int_key && index_of(k, pf_jv_utf8_len(obj.as.str), &i)) {
            size_t start = pf_jv_utf8_offset(obj.as.str, i);
            size_t end = pf_jv_utf8_offset(obj.as.str, i + 1);
            *out = pf_jv_str(pf_str_make(obj.as.str.ptr + start, end - start),
                             (obj.flags & PF_JV_SAFE) != 0);
            return PF_OK;
        }
        break;
    case PF_JV_RANGE: {
        size_t len = 0;
        pf_jv_length(obj, &len);
        if (int_key && index_of(k, len, &i)) {
            *out = pf_jv_int(obj.as.range->start + (int64_t)i * obj.as.range->step);
            return PF_OK;
        }
        break;
    }
    default:
        break;
    }
    if (key.kind == PF_JV_STRING)
        return pf_jinja_getattr(state, node, obj, key.as.str, out);
    *out = pf_jv_undefined(node);
    return PF_OK;
}
