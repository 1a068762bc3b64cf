/* Jinja tests (`x is defined`, `x is divisibleby 3`...) with Jinja2's semantics. */
#include <math.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

#define TEST(fname)                                                                                \
    static pf_status fname(struct pf_jinja_state *state, const struct pf_jinja_node *node,         \
                           struct pf_jinja_value in, const struct pf_jinja_value *args, size_t n,  \
                           const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk, \
                           struct pf_jinja_value *out)
#define ARG(pos, name) pf_jinja_arg(args, n, names, kw, nk, pos, name)
#define RESULT(expr)                                                                               \
    do {                                                                                           \
        (void)state;                                                                               \
        (void)node;                                                                                \
        (void)args;                                                                                \
        (void)n;                                                                                   \
        (void)names;                                                                               \
        (void)kw;                                                                                  \
        (void)nk;                                                                                  \
        *out = pf_jv_bool(expr);                                                                   \
        return PF_OK;                                                                              \
    } while (0)

TEST(t_defined)
{
    RESULT(in.kind != PF_JV_UNDEFINED);
}

TEST(t_undefined)
{
    RESULT(in.kind == PF_JV_UNDEFINED);
}

TEST(t_none)
{
    RESULT(in.kind == PF_JV_NONE);
}

TEST(t_boolean)
{
    RESULT(in.kind == PF_JV_BOOL);
}

TEST(t_true)
{
    RESULT(in.kind == PF_JV_BOOL && in.as.boolean);
}

TEST(t_false)
{
    RESULT(in.kind == PF_JV_BOOL && !in.as.boolean);
}

TEST(t_integer)
{
    RESULT(in.kind == PF_JV_INT);
}

TEST(t_float)
{
    RESULT(in.kind == PF_JV_FLOAT);
}

TEST(t_number)
{
    RESULT(pf_jv_is_number(in));
}

TEST(t_string)
{
    RESULT(in.kind == PF_JV_STRING);
}

TEST(t_mapping)
{
    RESULT(in.kind == PF_JV_DICT && !(in.flags & PF_JV_NAMESPACE));
}

/* Python: iter(value) succeeds. Undefined iterates as empty. */
TEST(t_iterable)
{
    RESULT(in.kind == PF_JV_STRING || in.kind == PF_JV_LIST || in.kind == PF_JV_RANGE ||
           in.kind == PF_JV_UNDEFINED || (in.kind == PF_JV_DICT && !(in.flags & PF_JV_NAMESPACE)));
}

/* Jinja2: len(value) and value.__getitem__ both exist. */
TEST(t_sequence)
{
    RESULT(in.kind == PF_JV_STRING || in.kind == PF_JV_LIST || in.kind == PF_JV_RANGE ||
           in.kind == PF_JV_UNDEFINED || (in.kind == PF_JV_DICT && !(in.flags & PF_JV_NAMESPACE)));
}

TEST(t_callable)
{
    RESULT(in.kind == PF_JV_CALLABLE);
}

TEST(t_escaped)
{
    RESULT(in.kind == PF_JV_STRING && (in.flags & PF_JV_SAFE));
}

static bool has_case(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                     struct pf_jinja_value in, enum pf_jinja_case mode)
{
    struct pf_jinja_value other;
    struct pf_jinja_value flipped;
    if (in.kind != PF_JV_STRING)
        return false;
    if (pf_jinja_case(state, node, in, mode, &other) != PF_OK)
        return false;
    /* Cased characters exist when the opposite mapping changes something. */
    enum pf_jinja_case opposite = mode == PF_JCASE_LOWER ? PF_JCASE_UPPER : PF_JCASE_LOWER;
    if (pf_jinja_case(state, node, in, opposite, &flipped) != PF_OK)
        return false;
    return pf_str_eq(other.as.str, in.as.str) && !pf_str_eq(flipped.as.str, in.as.str);
}

TEST(t_lower)
{
    RESULT(has_case(state, node, in, PF_JCASE_LOWER));
}

TEST(t_upper)
{
    RESULT(has_case(state, node, in, PF_JCASE_UPPER));
}

static pf_status compare_test(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                              struct pf_jinja_value in, const struct pf_jinja_value *other,
                              enum pf_jinja_op op, struct pf_jinja_value *out)
{
    if (!other)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "the test needs a value to compare");
    if (op == PF_JOP_EQ || op == PF_JOP_NE) {
        *out = pf_jv_bool(pf_jv_equal(in, *other) == (op == PF_JOP_EQ));
        return PF_OK;
    }
    if (in.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, in);
    int cmp = 0;
    if (pf_jv_compare(in, *other, &cmp) != PF_OK)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "comparison not supported between instances of '%s' and '%s'",
                             pf_jv_type_name(in), pf_jv_type_name(*other));
    bool r = op == PF_JOP_LT     ? cmp < 0
             : op == PF_JOP_LTEQ ? cmp <= 0
             : op == PF_JOP_GT   ? cmp > 0
                                 : cmp >= 0;
    *out = pf_jv_bool(r);
    return PF_OK;
}

#define COMPARE_TEST(fname, op)                                                                    \
    TEST(fname)                                                                                    \
    {                                                                                              \
        return compare_test(state, node, in, ARG(0, "other"), op, out);                            \
    }

COMPARE_TEST(t_eq, PF_JOP_EQ)
COMPARE_TEST(t_ne, PF_JOP_NE)
COMPARE_TEST(t_lt, PF_JOP_LT)
COMPARE_TEST(t_le, PF_JOP_LTEQ)
COMPARE_TEST(t_gt, PF_JOP_GT)
COMPARE_TEST(t_ge, PF_JOP_GTEQ)

TEST(t_sameas)
{
    const struct pf_jinja_value *other = ARG(0, "other");
    if (!other)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "sameas needs a value");
    bool same;
    switch (in.kind) {
    case PF_JV_NONE:
    case PF_JV_UNDEFINED:
        same = other->kind == in.kind;
        break;
    case PF_JV_BOOL:
    case PF_JV_INT:
    case PF_JV_FLOAT:
    case PF_JV_STRING:
        same = other->kind == in.kind && pf_jv_equal(in, *other);
        break;
    case PF_JV_LIST:
        same = other->kind == in.kind && other->as.list == in.as.list;
        break;
    case PF_JV_DICT:
        same = other->kind == in.kind && other->as.dict == in.as.dict;
        break;
    default:
        same = other->kind == in.kind && pf_jv_equal(in, *other);
        break;
    }
    *out = pf_jv_bool(same);
    return PF_OK;
}

TEST(t_in)
{
    const struct pf_jinja_value *seq = ARG(0, "seq");
    if (!seq)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "in needs a container");
    bool found = false;
    pf_status st = pf_jinja_contains(state, node, *seq, in, &found);
    *out = pf_jv_bool(found);
    return st;
}

/* value % divisor == 0 with Python's number rules. */
static pf_status divisible(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           struct pf_jinja_value in, struct pf_jinja_value divisor,
                           bool *out_result)
{
    struct pf_jinja_value rem;
    pf_status st = pf_jinja_binop(state, node, PF_JOP_MOD, in, divisor, &rem);
    if (st == PF_OK && in.kind == PF_JV_STRING)
        st = pf_jinja_fail(state, node, PF_E_TEMPLATE,
                           "not all arguments converted during string formatting");
    if (st == PF_OK)
        *out_result = pf_jv_equal(rem, pf_jv_int(0));
    return st;
}

TEST(t_even)
{
    bool r = false;
    pf_status st = divisible(state, node, in, pf_jv_int(2), &r);
    *out = pf_jv_bool(r);
    return st;
}

TEST(t_odd)
{
    struct pf_jinja_value rem;
    pf_status st = pf_jinja_binop(state, node, PF_JOP_MOD, in, pf_jv_int(2), &rem);
    if (st == PF_OK && in.kind == PF_JV_STRING)
        st = pf_jinja_fail(state, node, PF_E_TEMPLATE,
                           "not all arguments converted during string formatting");
    *out = pf_jv_bool(st == PF_OK && pf_jv_equal(rem, pf_jv_int(1)));
    return st;
}

TEST(t_divisibleby)
{
    const struct pf_jinja_value *num = ARG(0, "num");
    if (!num)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "divisibleby needs a number");
    bool r = false;
    pf_status st = divisible(state, node, in, *num, &r);
    *out = pf_jv_bool(r);
    return st;
}

static const struct {
    const char *name;
    pf_jinja_filter_fn fn;
} tests[] = {
    {"!=", t_ne},
    {"<", t_lt},
    {"<=", t_le},
    {"==", t_eq},
    {">", t_gt},
    {">=", t_ge},
    {"boolean", t_boolean},
    {"callable", t_callable},
    {"defined", t_defined},
    {"divisibleby", t_divisibleby},
    {"eq", t_eq},
    {"equalto", t_eq},
    {"escaped", t_escaped},
    {"even", t_even},
    {"false", t_false},
    {"float", t_float},
    {"ge", t_ge},
    {"greaterthan", t_gt},
    {"gt", t_gt},
    {"in", t_in},
    {"integer", t_integer},
    {"iterable", t_iterable},
    {"le", t_le},
    {"lessthan", t_lt},
    {"lower", t_lower},
    {"lt", t_lt},
    {"mapping", t_mapping},
    {"ne", t_ne},
    {"none", t_none},
    {"number", t_number},
    {"odd", t_odd},
    {"sameas", t_sameas},
    {"sequence", t_sequence},
    {"string", t_string},
    {"true", t_true},
    {"undefined", t_undefined},
    {"upper", t_upper},
};

pf_jinja_filter_fn pf_jinja_test_find(struct pf_str name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(tests); i++)
        if (pf_str_eq_cstr(name, tests[i].name))
            return tests[i].fn;
    return NULL;
}

pf_status pf_jinja_run_test(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            pf_jinja_filter_fn fn, struct pf_jinja_value value,
                            const struct pf_jinja_value *args, size_t arg_count, bool *out_result)
{
    struct pf_jinja_value result;
    pf_status st = fn(state, node, value, args, arg_count, NULL, NULL, 0, &result);
    *out_result = st == PF_OK && pf_jv_truthy(result);
    return st;
}
