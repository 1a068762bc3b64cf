/* Jinja expression evaluation: slicing, operators with Python semantics, comparisons,
 * concatenation, filters, tests and calls (names and attribute access: jinja_access.c). */
#include <math.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

/* Bounds the evaluator's C stack whatever the template does (nested macros, includes and
 * expressions each add frames). */
#define MAX_RECURSION 1500

/* Python's slice.indices(): clamps start/stop for a sequence of len items. */
static void slice_bounds(int64_t len, const struct pf_jinja_value *start,
                         const struct pf_jinja_value *stop, int64_t step, int64_t *out_start,
                         int64_t *out_stop)
{
    int64_t lower = step > 0 ? 0 : -1;
    int64_t upper = step > 0 ? len : len - 1;
    const struct pf_jinja_value *bounds[2] = {start, stop};
    int64_t result[2];
    for (int b = 0; b < 2; b++) {
        if (!bounds[b]) {
            result[b] = (b == 0) == (step > 0) ? lower : upper;
            continue;
        }
        int64_t v = bounds[b]->kind == PF_JV_BOOL ? bounds[b]->as.boolean : bounds[b]->as.integer;
        if (v < 0) {
            v += len;
            if (v < lower)
                v = lower;
        } else if (v > upper) {
            v = upper;
        }
        result[b] = v;
    }
    *out_start = result[0];
    *out_stop = result[1];
}

static pf_status eval_slice(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                            const struct pf_jinja_node *node, struct pf_jinja_value obj,
                            const struct pf_jinja_node *slice, struct pf_jinja_value *out)
{
    struct pf_jinja_value parts[3];
    const struct pf_jinja_value *given[3] = {NULL, NULL, NULL};
    const struct pf_jinja_node *exprs[3] = {slice->as.slice.start, slice->as.slice.stop,
                                            slice->as.slice.step};
    for (int i = 0; i < 3; i++) {
        if (!exprs[i])
            continue;
        pf_status st = pf_jinja_eval(state, frame, exprs[i], &parts[i]);
        if (st != PF_OK)
            return st;
        if (parts[i].kind == PF_JV_NONE)
            continue;
        if (parts[i].kind != PF_JV_INT && parts[i].kind != PF_JV_BOOL)
            return pf_jinja_fail(state, exprs[i], PF_E_TEMPLATE,
                                 "slice indices must be integers or None");
        given[i] = &parts[i];
    }
    int64_t step = given[2] ? given[2]->as.integer : 1;
    if (step == 0)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "slice step cannot be zero");
    if (obj.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, obj);
    if (obj.kind != PF_JV_LIST && obj.kind != PF_JV_STRING) {
        *out = pf_jv_undefined(node);
        return PF_OK;
    }
    bool is_string = obj.kind == PF_JV_STRING;
    int64_t len = is_string ? (int64_t)pf_jv_utf8_len(obj.as.str) : (int64_t)obj.as.list->len;
    int64_t start, stop;
    slice_bounds(len, given[0], given[1], step, &start, &stop);
    if (is_string) {
        struct pf_buf buf;
        pf_jv_buf_init(state, &buf);
        for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
            size_t from = pf_jv_utf8_offset(obj.as.str, (size_t)i);
            size_t to = pf_jv_utf8_offset(obj.as.str, (size_t)i + 1);
            pf_buf_append(&buf, obj.as.str.ptr + from, to - from);
        }
        return pf_jv_finish_str(state, node, &buf, (obj.flags & PF_JV_SAFE) != 0, out);
    }
    struct pf_jinja_value list = pf_jv_list(state->arena, 0, (obj.flags & PF_JV_TUPLE) != 0);
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        pf_jv_list_push(state->arena, list.as.list, obj.as.list->items[i]);
    *out = list;
    return PF_OK;
}

static pf_status type_error(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            const char *op, struct pf_jinja_value a, struct pf_jinja_value b)
{
    if (a.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, a);
    if (b.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, b);
    return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                         "unsupported operand type(s) for %s: '%s' and '%s'", op,
                         pf_jv_type_name(a), pf_jv_type_name(b));
}

static int64_t int_of(struct pf_jinja_value v)
{
    return v.kind == PF_JV_BOOL ? (v.as.boolean ? 1 : 0) : v.as.integer;
}

static pf_status repeat(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                        struct pf_jinja_value seq, int64_t times, struct pf_jinja_value *out)
{
    if (times < 0)
        times = 0;
    size_t unit = seq.kind == PF_JV_STRING ? seq.as.str.len
                                           : seq.as.list->len * sizeof(struct pf_jinja_value);
    if (unit && (uint64_t)times > SIZE_MAX / unit)
        return pf_jinja_reserve(state, node, SIZE_MAX);
    pf_status st = pf_jinja_reserve(state, node, unit * (size_t)times);
    if (st != PF_OK)
        return st;
    if (seq.kind == PF_JV_STRING) {
        struct pf_buf buf;
        pf_jv_buf_init(state, &buf);
        for (int64_t i = 0; i < times; i++)
            pf_buf_append_str(&buf, seq.as.str);
        return pf_jv_finish_str(state, node, &buf, (seq.flags & PF_JV_SAFE) != 0, out);
    }
    size_t n = seq.as.list->len * (size_t)times;
    struct pf_jinja_value list = pf_jv_list(state->arena, n, (seq.flags & PF_JV_TUPLE) != 0);
    for (int64_t i = 0; i < times; i++)
        for (size_t j = 0; j < seq.as.list->len; j++)
            list.as.list->items[list.as.list->len++] = seq.as.list->items[j];
    *out = list;
    return PF_OK;
}

static pf_status add_strings(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             struct pf_jinja_value a, struct pf_jinja_value b,
                             struct pf_jinja_value *out)
{
    bool safe = (a.flags & PF_JV_SAFE) || (b.flags & PF_JV_SAFE);
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    const struct pf_jinja_value parts[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        if (safe && !(parts[i].flags & PF_JV_SAFE))
            pf_jinja_escape_into(state, &buf, parts[i].as.str);
        else
            pf_buf_append_str(&buf, parts[i].as.str);
    }
    return pf_jv_finish_str(state, node, &buf, safe, out);
}

static pf_status int_pow(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         int64_t base, int64_t exp, struct pf_jinja_value *out)
{
    int64_t result = 1;
    while (exp > 0) {
        if ((exp & 1) && __builtin_mul_overflow(result, base, &result))
            goto overflow;
        exp >>= 1;
        if (exp && __builtin_mul_overflow(base, base, &base))
            goto overflow;
    }
    *out = pf_jv_int(result);
    return PF_OK;
overflow:
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "integer overflow (integers are 64-bit)");
}

static pf_status float_op(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                          enum pf_jinja_op op, double x, double y, struct pf_jinja_value *out)
{
    double r = 0.0;
    if ((op == PF_JOP_DIV || op == PF_JOP_FLOORDIV || op == PF_JOP_MOD) && y == 0.0)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "division by zero");
    switch (op) {
    case PF_JOP_ADD:
        r = x + y;
        break;
    case PF_JOP_SUB:
        r = x - y;
        break;
    case PF_JOP_MUL:
        r = x * y;
        break;
    case PF_JOP_DIV:
        r = x / y;
        break;
    case PF_JOP_FLOORDIV:
    case PF_JOP_MOD: {
        /* CPython's float_divmod, so signs and rounding match. */
        double mod = fmod(x, y);
        double div = (x - mod) / y;
        if (mod != 0.0) {
            if ((y < 0) != (mod < 0)) {
                mod += y;
                div -= 1.0;
            }
        } else {
            mod = copysign(0.0, y);
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = floor(div);
            if (div - floordiv > 0.5)
                floordiv += 1.0;
        } else {
            floordiv = copysign(0.0, x / y);
        }
        r = op == PF_JOP_MOD ? mod : floordiv;
        break;
    }
    case PF_JOP_POW:
        if (x == 0.0 && y < 0)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "0.0 cannot be raised to a negative power");
        if (x < 0 && y != floor(y))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "a negative number to a fractional power is complex");
        r = pow(x, y);
        if (isinf(r) && isfinite(x) && isfinite(y))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "numerical result out of range");
        break;
    default:
        PF_UNREACHABLE();
    }
    *out = pf_jv_float(r);
    return PF_OK;
}

pf_status pf_jinja_binop(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                         enum pf_jinja_op op, struct pf_jinja_value a, struct pf_jinja_value b,
                         struct pf_jinja_value *out)
{
    static const char *const names[] = {"+", "-", "*", "/", "//", "%", "**"};
    const char *name = op <= PF_JOP_POW ? names[op] : "?";
    bool numbers = pf_jv_is_number(a) && pf_jv_is_number(b);
    if (numbers && a.kind != PF_JV_FLOAT && b.kind != PF_JV_FLOAT && op != PF_JOP_DIV) {
        int64_t x = int_of(a);
        int64_t y = int_of(b);
        int64_t r = 0;
        bool overflow = false;
        switch (op) {
        case PF_JOP_ADD:
            overflow = __builtin_add_overflow(x, y, &r);
            break;
        case PF_JOP_SUB:
            overflow = __builtin_sub_overflow(x, y, &r);
            break;
        case PF_JOP_MUL:
            overflow = __builtin_mul_overflow(x, y, &r);
            break;
        case PF_JOP_FLOORDIV:
        case PF_JOP_MOD:
            if (y == 0)
                return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                     "integer division or modulo by zero");
            if (x == INT64_MIN && y == -1) {
                overflow = op == PF_JOP_FLOORDIV;
                break;
            }
            if (op == PF_JOP_FLOORDIV) {
                r = x / y;
                if (x % y != 0 && ((x < 0) != (y < 0)))
                    r--;
            } else {
                r = x % y;
                if (r != 0 && ((r < 0) != (y < 0)))
                    r += y;
            }
            break;
        case PF_JOP_POW:
            if (y < 0)
                return float_op(state, node, op, (double)x, (double)y, out);
            return int_pow(state, node, x, y, out);
        default:
            PF_UNREACHABLE();
        }
        if (overflow)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "integer overflow (integers are 64-bit)");
        *out = pf_jv_int(r);
        return PF_OK;
    }
    if (numbers)
        return float_op(state, node, op, pf_jv_to_double(a), pf_jv_to_double(b), out);
    if (op == PF_JOP_ADD && a.kind == PF_JV_STRING && b.kind == PF_JV_STRING)
        return add_strings(state, node, a, b, out);
    if (op == PF_JOP_ADD && a.kind == PF_JV_LIST && b.kind == PF_JV_LIST &&
        (a.flags & PF_JV_TUPLE) == (b.flags & PF_JV_TUPLE)) {
        size_t n = a.as.list->len + b.as.list->len;
        pf_status st = pf_jinja_reserve(state, node, n * sizeof(struct pf_jinja_value));
        if (st != PF_OK)
            return st;
        struct pf_jinja_value list = pf_jv_list(state->arena, n, (a.flags & PF_JV_TUPLE) != 0);
        if (a.as.list->len)
            memcpy(list.as.list->items, a.as.list->items,
                   a.as.list->len * sizeof(*a.as.list->items));
        if (b.as.list->len)
            memcpy(list.as.list->items + a.as.list->len, b.as.list->items,
                   b.as.list->len * sizeof(*b.as.list->items));
        list.as.list->len = n;
        *out = list;
        return PF_OK;
    }
    if (op == PF_JOP_MUL) {
        bool a_seq = a.kind == PF_JV_STRING || a.kind == PF_JV_LIST;
        bool b_seq = b.kind == PF_JV_STRING || b.kind == PF_JV_LIST;
        bool a_int = a.kind == PF_JV_INT || a.kind == PF_JV_BOOL;
        bool b_int = b.kind == PF_JV_INT || b.kind == PF_JV_BOOL;
        if (a_seq && b_int)
            return repeat(state, node, a, int_of(b), out);
        if (b_seq && a_int)
            return repeat(state, node, b, int_of(a), out);
    }
    if (op == PF_JOP_MOD && a.kind == PF_JV_STRING && b.kind != PF_JV_UNDEFINED) {
        if (b.kind == PF_JV_LIST && (b.flags & PF_JV_TUPLE))
            return pf_jinja_percent_format(state, node, a, b.as.list->items, b.as.list->len, out);
        return pf_jinja_percent_format(state, node, a, &b, 1, out);
    }
    return type_error(state, node, name, a, b);
}

pf_status pf_jinja_contains(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            struct pf_jinja_value container, struct pf_jinja_value item,
                            bool *out_result)
{
    *out_result = false;
    switch (container.kind) {
    case PF_JV_UNDEFINED:
        return PF_OK;
    case PF_JV_STRING:
        if (item.kind != PF_JV_STRING)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "'in <string>' requires string as left operand, not %s",
                                 pf_jv_type_name(item));
        *out_result = pf_str_find(container.as.str, item.as.str) >= 0;
        return PF_OK;
    case PF_JV_LIST:
        for (size_t i = 0; i < container.as.list->len; i++) {
            if (pf_jv_equal(container.as.list->items[i], item)) {
                *out_result = true;
                break;
            }
        }
        return PF_OK;
    case PF_JV_DICT:
        if (container.flags & PF_JV_NAMESPACE)
            break;
        if (!pf_jv_is_hashable(item))
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "unhashable type: '%s'",
                                 pf_jv_type_name(item));
        *out_result = pf_jv_dict_get(container.as.dict, item) != NULL;
        return PF_OK;
    case PF_JV_RANGE: {
        if (!pf_jv_is_number(item))
            return PF_OK;
        double v = pf_jv_to_double(item);
        const struct pf_jinja_range *r = container.as.range;
        if (v != floor(v))
            return PF_OK;
        int64_t x = (int64_t)v;
        bool inside = r->step > 0 ? x >= r->start && x < r->stop : x <= r->start && x > r->stop;
        *out_result = inside && (x - r->start) % r->step == 0;
        return PF_OK;
    }
    default:
        break;
    }
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "argument of type '%s' is not iterable",
                         pf_jv_type_name(container));
}

static pf_status compare_op(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            enum pf_jinja_op op, struct pf_jinja_value a, struct pf_jinja_value b,
                            bool *out_result)
{
    if (op == PF_JOP_EQ || op == PF_JOP_NE) {
        *out_result = pf_jv_equal(a, b) == (op == PF_JOP_EQ);
        return PF_OK;
    }
    if (op == PF_JOP_IN || op == PF_JOP_NOTIN) {
        pf_status st = pf_jinja_contains(state, node, b, a, out_result);
        if (op == PF_JOP_NOTIN)
            *out_result = !*out_result;
        return st;
    }
    static const char *const symbols[] = {"<", "<=", ">", ">="};
    const char *symbol = symbols[op - PF_JOP_LT];
    if (a.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, a);
    if (b.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, b);
    if ((a.kind == PF_JV_FLOAT && isnan(a.as.number)) ||
        (b.kind == PF_JV_FLOAT && isnan(b.as.number))) {
        *out_result = false;
        return PF_OK;
    }
    int cmp = 0;
    if (pf_jv_compare(a, b, &cmp) != PF_OK)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "'%s' not supported between instances of '%s' and '%s'", symbol,
                             pf_jv_type_name(a), pf_jv_type_name(b));
    switch (op) {
    case PF_JOP_LT:
        *out_result = cmp < 0;
        break;
    case PF_JOP_LTEQ:
        *out_result = cmp <= 0;
        break;
    case PF_JOP_GT:
        *out_result = cmp > 0;
        break;
    default:
        *out_result = cmp >= 0;
        break;
    }
    return PF_OK;
}

static pf_status eval_concat(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                             const struct pf_jinja_node *node, struct pf_jinja_value *out)
{
    size_t n = node->as.items.count;
    struct pf_jinja_value *parts = pf_arena_alloc(state->arena, n * sizeof(*parts));
    bool any_safe = false;
    for (size_t i = 0; i < n; i++) {
        pf_status st = pf_jinja_eval(state, frame, node->as.items.items[i], &parts[i]);
        if (st != PF_OK)
            return st;
        any_safe = any_safe || (parts[i].kind == PF_JV_STRING && (parts[i].flags & PF_JV_SAFE));
    }
    /* Jinja2 joins with markup_join under autoescape: once any part is markup-safe, the others
     * are escaped and the result is safe. Without autoescape it is a plain str join. */
    bool safe = any_safe && state->env->autoescape != PF_JINJA_ESCAPE_NONE;
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    for (size_t i = 0; i < n; i++) {
        bool part_safe = parts[i].kind == PF_JV_STRING && (parts[i].flags & PF_JV_SAFE);
        if (safe && !part_safe) {
            struct pf_buf tmp;
            pf_jv_buf_init(state, &tmp);
            pf_jv_write_str(&tmp, parts[i]);
            pf_jinja_escape_into(state, &buf, pf_buf_view(&tmp));
            pf_buf_fini(&tmp);
        } else {
            pf_jv_write_str(&buf, parts[i]);
        }
    }
    return pf_jv_finish_str(state, node, &buf, safe, out);
}

/* Evaluates a call's or filter's arguments into arena arrays. */
static pf_status eval_args(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_args *args, struct pf_jinja_value **out_pos,
                           struct pf_jinja_value **out_kw)
{
    size_t np = args->positional.count;
    size_t nk = args->keywords.count;
    struct pf_jinja_value *pos = pf_arena_alloc(state->arena, (np + 1) * sizeof(*pos));
    struct pf_jinja_value *kw = pf_arena_alloc(state->arena, (nk + 1) * sizeof(*kw));
    for (size_t i = 0; i < np; i++) {
        pf_status st = pf_jinja_eval(state, frame, args->positional.items[i], &pos[i]);
        if (st != PF_OK)
            return st;
    }
    for (size_t i = 0; i < nk; i++) {
        pf_status st = pf_jinja_eval(state, frame, args->keywords.items[i], &kw[i]);
        if (st != PF_OK)
            return st;
    }
    *out_pos = pos;
    *out_kw = kw;
    return PF_OK;
}

pf_status pf_jinja_eval_filter(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                               const struct pf_jinja_node *node, const struct pf_jinja_value *input,
                               struct pf_jinja_value *out)
{
    struct pf_jinja_value in;
    pf_status st = pf_jinja_step(state, node);
    if (st != PF_OK)
        return st;
    const struct pf_jinja_node *target = node->as.filter.target;
    if (!target) {
        PF_ASSERT(input); /* only filter blocks and set blocks have no target, and pass one */
        in = *input;
    } else if (target->type == PF_JN_FILTER) {
        st = pf_jinja_eval_filter(state, frame, target, input, &in);
    } else {
        st = pf_jinja_eval(state, frame, target, &in);
    }
    /* Set only now: out may be the very value input points to (set and filter blocks). */
    *out = pf_jv_undefined(NULL);
    struct pf_jinja_value *pos = NULL;
    struct pf_jinja_value *kw = NULL;
    if (st == PF_OK)
        st = eval_args(state, frame, &node->as.filter.args, &pos, &kw);
    if (st == PF_OK)
        st = node->as.filter.fn(state, node, in, pos, node->as.filter.args.positional.count,
                                node->as.filter.args.names, kw, node->as.filter.args.keywords.count,
                                out);
    return st;
}

static pf_status eval_call(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_node *node, struct pf_jinja_value *out)
{
    struct pf_jinja_value callee;
    pf_status st = pf_jinja_step(state, node);
    if (st == PF_OK)
        st = pf_jinja_eval(state, frame, node->as.call.callee, &callee);
    if (st != PF_OK)
        return st;
    struct pf_jinja_value *pos = NULL;
    struct pf_jinja_value *kw = NULL;
    st = eval_args(state, frame, &node->as.call.args, &pos, &kw);
    if (st != PF_OK)
        return st;
    return pf_jinja_call_value(state, node, callee, pos, node->as.call.args.positional.count,
                               node->as.call.args.names, kw, node->as.call.args.keywords.count,
                               out);
}

pf_status pf_jinja_call_value(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                              struct pf_jinja_value callee, const struct pf_jinja_value *args,
                              size_t arg_count, const struct pf_str *names,
                              const struct pf_jinja_value *kw_values, size_t kw_count,
                              struct pf_jinja_value *out)
{
    if (callee.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, callee);
    if (callee.kind != PF_JV_CALLABLE)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "'%s' object is not callable",
                             pf_jv_type_name(callee));
    if (callee.as.callable->type == PF_JC_MACRO)
        return pf_jinja_call_macro(state, node, callee.as.callable, args, arg_count, names,
                                   kw_values, kw_count, NULL, out);
    return pf_jinja_call_builtin(state, node, callee.as.callable, args, arg_count, names, kw_values,
                                 kw_count, out);
}

static pf_status eval_compare(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                              const struct pf_jinja_node *node, struct pf_jinja_value *out)
{
    struct pf_jinja_value left;
    pf_status st = pf_jinja_eval(state, frame, node->as.compare.first, &left);
    for (size_t i = 0; st == PF_OK && i < node->as.compare.operands.count; i++) {
        struct pf_jinja_value right;
        st = pf_jinja_eval(state, frame, node->as.compare.operands.items[i], &right);
        bool result = false;
        if (st == PF_OK)
            st = compare_op(state, node, (enum pf_jinja_op)node->as.compare.ops[i], left, right,
                            &result);
        if (st == PF_OK && !result) {
            *out = pf_jv_bool(false);
            return PF_OK;
        }
        left = right;
    }
    if (st == PF_OK)
        *out = pf_jv_bool(true);
    return st;
}

static pf_status eval_unary(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            struct pf_jinja_value v, struct pf_jinja_value *out)
{
    bool negate = node->type == PF_JN_NEG;
    if (v.kind == PF_JV_FLOAT) {
        *out = pf_jv_float(negate ? -v.as.number : v.as.number);
        return PF_OK;
    }
    if (v.kind == PF_JV_INT || v.kind == PF_JV_BOOL) {
        int64_t x = int_of(v);
        if (negate && x == INT64_MIN)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "integer overflow");
        *out = pf_jv_int(negate ? -x : x);
        return PF_OK;
    }
    if (v.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, v);
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "bad operand type for unary %c: '%s'",
                         negate ? '-' : '+', pf_jv_type_name(v));
}

static pf_status eval_node(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_node *node, struct pf_jinja_value *out)
{
    struct pf_jinja_value a;
    struct pf_jinja_value b;
    pf_status st = PF_OK;
    switch ((enum pf_jinja_node_type)node->type) {
    case PF_JN_CONST:
        *out = node->as.constant;
        return PF_OK;
    case PF_JN_NAME:
        *out = pf_jinja_lookup(state, frame, node, node->as.name);
        return PF_OK;
    case PF_JN_GETATTR:
        st = pf_jinja_eval(state, frame, node->as.attr.target, &a);
        return st != PF_OK ? st : pf_jinja_getattr(state, node, a, node->as.attr.name, out);
    case PF_JN_GETITEM:
        st = pf_jinja_eval(state, frame, node->as.item.target, &a);
        if (st != PF_OK)
            return st;
        if (node->as.item.index->type == PF_JN_SLICE)
            return eval_slice(state, frame, node, a, node->as.item.index, out);
        st = pf_jinja_eval(state, frame, node->as.item.index, &b);
        return st != PF_OK ? st : pf_jinja_getitem(state, node, a, b, out);
    case PF_JN_LIST:
    case PF_JN_TUPLE: {
        size_t n = node->as.items.count;
        struct pf_jinja_value list = pf_jv_list(state->arena, n, node->type == PF_JN_TUPLE);
        for (size_t i = 0; i < n && st == PF_OK; i++)
            st = pf_jinja_eval(state, frame, node->as.items.items[i], &list.as.list->items[i]);
        list.as.list->len = n;
        *out = list;
        return st;
    }
    case PF_JN_DICT: {
        size_t n = node->as.items.count / 2;
        struct pf_jinja_value dict = pf_jv_dict(state->arena, n);
        for (size_t i = 0; i < n && st == PF_OK; i++) {
            st = pf_jinja_eval(state, frame, node->as.items.items[2 * i], &a);
            if (st == PF_OK)
                st = pf_jinja_eval(state, frame, node->as.items.items[2 * i + 1], &b);
            if (st == PF_OK && !pf_jv_is_hashable(a))
                st = pf_jinja_fail(state, node, PF_E_TEMPLATE, "unhashable type: '%s'",
                                   pf_jv_type_name(a));
            if (st == PF_OK)
                pf_jv_dict_set(state->arena, dict.as.dict, a, b);
        }
        *out = dict;
        return st;
    }
    case PF_JN_BINOP:
        st = pf_jinja_eval(state, frame, node->as.binary.left, &a);
        if (st == PF_OK)
            st = pf_jinja_eval(state, frame, node->as.binary.right, &b);
        return st != PF_OK ? st
                           : pf_jinja_binop(state, node, (enum pf_jinja_op)node->op, a, b, out);
    case PF_JN_NEG:
    case PF_JN_POS:
        st = pf_jinja_eval(state, frame, node->as.operand, &a);
        return st != PF_OK ? st : eval_unary(state, node, a, out);
    case PF_JN_NOT:
        st = pf_jinja_eval(state, frame, node->as.operand, &a);
        *out = pf_jv_bool(!pf_jv_truthy(a));
        return st;
    case PF_JN_AND:
    case PF_JN_OR:
        st = pf_jinja_eval(state, frame, node->as.binary.left, &a);
        if (st != PF_OK)
            return st;
        if (pf_jv_truthy(a) == (node->type == PF_JN_OR)) {
            *out = a;
            return PF_OK;
        }
        return pf_jinja_eval(state, frame, node->as.binary.right, out);
    case PF_JN_COMPARE:
        return eval_compare(state, frame, node, out);
    case PF_JN_CONDEXPR:
        st = pf_jinja_eval(state, frame, node->as.cond.test, &a);
        if (st != PF_OK)
            return st;
        if (pf_jv_truthy(a))
            return pf_jinja_eval(state, frame, node->as.cond.then, out);
        if (node->as.cond.otherwise)
            return pf_jinja_eval(state, frame, node->as.cond.otherwise, out);
        *out = pf_jv_undefined(node);
        return PF_OK;
    case PF_JN_FILTER:
        return pf_jinja_eval_filter(state, frame, node, NULL, out);
    case PF_JN_TEST: {
        struct pf_jinja_value *pos = NULL;
        struct pf_jinja_value *kw = NULL;
        st = pf_jinja_step(state, node);
        if (st == PF_OK)
            st = pf_jinja_eval(state, frame, node->as.filter.target, &a);
        if (st == PF_OK)
            st = eval_args(state, frame, &node->as.filter.args, &pos, &kw);
        if (st == PF_OK)
            st = node->as.filter.fn(state, node, a, pos, node->as.filter.args.positional.count,
                                    node->as.filter.args.names, kw,
                                    node->as.filter.args.keywords.count, out);
        return st;
    }
    case PF_JN_CALL:
        return eval_call(state, frame, node, out);
    case PF_JN_CONCAT:
        return eval_concat(state, frame, node, out);
    default:
        return pf_jinja_fail(state, node, PF_E_INTERNAL, "not an expression");
    }
}

pf_status pf_jinja_eval(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                        const struct pf_jinja_node *node, struct pf_jinja_value *out)
{
    /* Every path leaves *out defined, errors included. */
    *out = pf_jv_undefined(NULL);
    if (++state->recursion > MAX_RECURSION) {
        state->recursion--;
        pf_status st =
            pf_jinja_fail(state, node, PF_E_TOO_BIG, "the template nests calls too deeply");
        if (state->err)
            snprintf(state->err->field, sizeof(state->err->field), "limit_template_depth");
        return st;
    }
    pf_status st = eval_node(state, frame, node, out);
    state->recursion--;
    return st;
}
