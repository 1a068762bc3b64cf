/* Jinja parser, expressions: Jinja2's grammar and precedence (condexpr, or, and, not, compare,
 * +/-, ~, * / // %, **, unary, filters and tests, postfix access, literals). */
#include <string.h>

#include "render/jinja/jinja_parse_int.h"

static pf_status parse_unary(struct pf_jinja_parser *p, bool with_filter,
                             struct pf_jinja_node **out);
static pf_status parse_primary(struct pf_jinja_parser *p, struct pf_jinja_node **out);
static pf_status parse_postfix(struct pf_jinja_parser *p, struct pf_jinja_node **node);
static pf_status parse_filter_expr(struct pf_jinja_parser *p, struct pf_jinja_node **node);

static pf_status parse_call_args(struct pf_jinja_parser *p, struct pf_jinja_node *owner,
                                 struct pf_jinja_args *args)
{
    uint32_t start = cur(p)->offset;
    pf_status st = pf_jinja_p_expect(p, PF_JTOK_LPAREN, "'('");
    struct pf_jinja_vec positional = {0};
    struct pf_jinja_vec keywords = {0};
    struct pf_str names[64];
    bool require_comma = false;
    while (st == PF_OK && !is_type(p, PF_JTOK_RPAREN)) {
        if (require_comma) {
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, "',' or ')'");
            if (st != PF_OK || is_type(p, PF_JTOK_RPAREN))
                break;
        }
        if (is_type(p, PF_JTOK_MUL) || is_type(p, PF_JTOK_POW))
            return pf_jinja_p_fail(p, cur(p)->offset,
                                   "*args and **kwargs in calls are not supported");
        struct pf_jinja_node *value = NULL;
        if (is_type(p, PF_JTOK_NAME) && peek(p, 1)->type == PF_JTOK_ASSIGN) {
            if (keywords.count >= PF_ARRAY_LEN(names))
                return pf_jinja_p_fail(p, cur(p)->offset, "too many keyword arguments");
            names[keywords.count] = cur(p)->text;
            advance(p);
            advance(p);
            st = pf_jinja_p_expression(p, true, &value);
            if (st == PF_OK)
                pf_jinja_p_push(p->arena, &keywords, value);
        } else {
            if (keywords.count)
                return pf_jinja_p_fail(p, start, "invalid syntax for function call expression");
            st = pf_jinja_p_expression(p, true, &value);
            if (st == PF_OK)
                pf_jinja_p_push(p->arena, &positional, value);
        }
        if (st == PF_OK)
            st = pf_jinja_p_deepen(p, owner, value);
        require_comma = true;
    }
    if (st == PF_OK)
        st = pf_jinja_p_expect(p, PF_JTOK_RPAREN, "')'");
    args->positional = pf_jinja_p_nodes(&positional);
    args->keywords = pf_jinja_p_nodes(&keywords);
    args->names =
        keywords.count ? pf_arena_memdup(p->arena, names, keywords.count * sizeof(*names)) : NULL;
    return st;
}

static pf_status parse_call(struct pf_jinja_parser *p, struct pf_jinja_node *callee,
                            struct pf_jinja_node **out)
{
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_CALL, cur(p)->offset);
    node->as.call.callee = callee;
    pf_status st = pf_jinja_p_deepen(p, node, callee);
    if (st == PF_OK)
        st = parse_call_args(p, node, &node->as.call.args);
    *out = node;
    return st;
}

/* A dotted filter/test name: `a.b` is looked up as one name. */
static pf_status parse_dotted_name(struct pf_jinja_parser *p, struct pf_str *out_name)
{
    if (!is_type(p, PF_JTOK_NAME))
        return pf_jinja_p_unexpected(p, "a name");
    const char *start = cur(p)->text.ptr;
    const char *end = start + cur(p)->text.len;
    advance(p);
    while (is_type(p, PF_JTOK_DOT) && peek(p, 1)->type == PF_JTOK_NAME) {
        advance(p);
        end = cur(p)->text.ptr + cur(p)->text.len;
        advance(p);
    }
    *out_name = pf_str_make(start, (size_t)(end - start));
    return PF_OK;
}

pf_status pf_jinja_p_filter(struct pf_jinja_parser *p, struct pf_jinja_node *target,
                            bool start_inline, struct pf_jinja_node **out)
{
    pf_status st = PF_OK;
    while (is_type(p, PF_JTOK_PIPE) || start_inline) {
        if (!start_inline)
            advance(p);
        start_inline = false;
        uint32_t offset = cur(p)->offset;
        struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_FILTER, offset);
        st = parse_dotted_name(p, &node->as.filter.name);
        if (st != PF_OK)
            break;
        node->as.filter.fn = pf_jinja_filter_find(node->as.filter.name);
        if (!node->as.filter.fn)
            return pf_jinja_p_fail(p, offset, "no filter named '%.*s'",
                                   (int)node->as.filter.name.len, node->as.filter.name.ptr);
        node->as.filter.target = target;
        st = pf_jinja_p_deepen(p, node, target);
        if (st == PF_OK && is_type(p, PF_JTOK_LPAREN))
            st = parse_call_args(p, node, &node->as.filter.args);
        if (st != PF_OK)
            break;
        target = node;
    }
    *out = target;
    return st;
}

static pf_status parse_test(struct pf_jinja_parser *p, struct pf_jinja_node *target,
                            struct pf_jinja_node **out)
{
    advance(p); /* is */
    bool negated = false;
    if (is_name(p, "not")) {
        advance(p);
        negated = true;
    }
    uint32_t offset = cur(p)->offset;
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_TEST, offset);
    pf_status st = parse_dotted_name(p, &node->as.filter.name);
    if (st != PF_OK)
        return st;
    node->as.filter.fn = pf_jinja_test_find(node->as.filter.name);
    if (!node->as.filter.fn)
        return pf_jinja_p_fail(p, offset, "no test named '%.*s'", (int)node->as.filter.name.len,
                               node->as.filter.name.ptr);
    node->as.filter.target = target;
    st = pf_jinja_p_deepen(p, node, target);
    enum pf_jinja_tok t = cur(p)->type;
    if (st == PF_OK && t == PF_JTOK_LPAREN) {
        st = parse_call_args(p, node, &node->as.filter.args);
    } else if (st == PF_OK &&
               (t == PF_JTOK_NAME || t == PF_JTOK_STRING || t == PF_JTOK_INT ||
                t == PF_JTOK_FLOAT || t == PF_JTOK_LBRACKET || t == PF_JTOK_LBRACE) &&
               !is_name(p, "else") && !is_name(p, "or") && !is_name(p, "and")) {
        if (is_name(p, "is"))
            return pf_jinja_p_fail(p, cur(p)->offset, "you cannot chain multiple tests with is");
        struct pf_jinja_node *arg = NULL;
        st = parse_primary(p, &arg);
        if (st == PF_OK)
            st = parse_postfix(p, &arg);
        if (st == PF_OK) {
            node->as.filter.args.positional.items = pf_arena_alloc(p->arena, sizeof(arg));
            node->as.filter.args.positional.items[0] = arg;
            node->as.filter.args.positional.count = 1;
            st = pf_jinja_p_deepen(p, node, arg);
        }
    }
    if (st == PF_OK && negated) {
        struct pf_jinja_node *not_node = pf_jinja_p_node(p, PF_JN_NOT, node->offset);
        not_node->as.operand = node;
        st = pf_jinja_p_deepen(p, not_node, node);
        node = not_node;
    }
    *out = node;
    return st;
}

static pf_status parse_filter_expr(struct pf_jinja_parser *p, struct pf_jinja_node **node)
{
    pf_status st = PF_OK;
    while (st == PF_OK) {
        if (is_type(p, PF_JTOK_PIPE))
            st = pf_jinja_p_filter(p, *node, false, node);
        else if (is_name(p, "is"))
            st = parse_test(p, *node, node);
        else if (is_type(p, PF_JTOK_LPAREN))
            st = parse_call(p, *node, node);
        else
            break;
    }
    return st;
}

static pf_status parse_subscripted(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    uint32_t offset = cur(p)->offset;
    struct pf_jinja_node *parts[3] = {NULL, NULL, NULL};
    pf_status st = PF_OK;
    if (is_type(p, PF_JTOK_COLON)) {
        advance(p);
    } else {
        st = pf_jinja_p_expression(p, true, &parts[0]);
        if (st != PF_OK || !is_type(p, PF_JTOK_COLON)) {
            *out = parts[0];
            return st;
        }
        advance(p);
    }
    if (!is_type(p, PF_JTOK_COLON) && !is_type(p, PF_JTOK_RBRACKET) && !is_type(p, PF_JTOK_COMMA))
        st = pf_jinja_p_expression(p, true, &parts[1]);
    if (st == PF_OK && is_type(p, PF_JTOK_COLON)) {
        advance(p);
        if (!is_type(p, PF_JTOK_RBRACKET) && !is_type(p, PF_JTOK_COMMA))
            st = pf_jinja_p_expression(p, true, &parts[2]);
    }
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_SLICE, offset);
    node->as.slice.start = parts[0];
    node->as.slice.stop = parts[1];
    node->as.slice.step = parts[2];
    for (int i = 0; i < 3 && st == PF_OK; i++)
        st = pf_jinja_p_deepen(p, node, parts[i]);
    *out = node;
    return st;
}

static pf_status parse_subscript(struct pf_jinja_parser *p, struct pf_jinja_node **node)
{
    uint32_t offset = cur(p)->offset;
    pf_status st = PF_OK;
    if (is_type(p, PF_JTOK_DOT)) {
        advance(p);
        const struct pf_jinja_token *tok = cur(p);
        if (tok->type == PF_JTOK_NAME) {
            struct pf_jinja_node *attr = pf_jinja_p_node(p, PF_JN_GETATTR, (*node)->offset);
            attr->as.attr.target = *node;
            attr->as.attr.name = tok->text;
            advance(p);
            st = pf_jinja_p_deepen(p, attr, *node);
            *node = attr;
            return st;
        }
        if (tok->type != PF_JTOK_INT)
            return pf_jinja_p_unexpected(p, "name or number");
        struct pf_jinja_node *index = pf_jinja_p_node(p, PF_JN_CONST, tok->offset);
        index->as.constant = pf_jv_int(tok->integer);
        advance(p);
        struct pf_jinja_node *item = pf_jinja_p_node(p, PF_JN_GETITEM, (*node)->offset);
        item->as.item.target = *node;
        item->as.item.index = index;
        st = pf_jinja_p_deepen(p, item, *node);
        *node = item;
        return st;
    }
    advance(p); /* [ */
    struct pf_jinja_vec args = {0};
    while (st == PF_OK && !is_type(p, PF_JTOK_RBRACKET)) {
        if (args.count)
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, "',' or ']'");
        struct pf_jinja_node *arg = NULL;
        if (st == PF_OK)
            st = parse_subscripted(p, &arg);
        if (st == PF_OK)
            pf_jinja_p_push(p->arena, &args, arg);
    }
    if (st == PF_OK)
        st = pf_jinja_p_expect(p, PF_JTOK_RBRACKET, "']'");
    if (st != PF_OK)
        return st;
    if (args.count == 0)
        return pf_jinja_p_fail(p, offset, "expected a subscript");
    struct pf_jinja_node *index = args.items[0];
    if (args.count > 1) {
        index = pf_jinja_p_node(p, PF_JN_TUPLE, offset);
        index->as.items = pf_jinja_p_nodes(&args);
        for (size_t i = 0; i < args.count && st == PF_OK; i++)
            st = pf_jinja_p_deepen(p, index, args.items[i]);
    }
    struct pf_jinja_node *item = pf_jinja_p_node(p, PF_JN_GETITEM, (*node)->offset);
    item->as.item.target = *node;
    item->as.item.index = index;
    if (st == PF_OK)
        st = pf_jinja_p_deepen(p, item, *node);
    if (st == PF_OK)
        st = pf_jinja_p_deepen(p, item, index);
    *node = item;
    return st;
}

static pf_status parse_postfix(struct pf_jinja_parser *p, struct pf_jinja_node **node)
{
    pf_status st = PF_OK;
    while (st == PF_OK) {
        if (is_type(p, PF_JTOK_DOT) || is_type(p, PF_JTOK_LBRACKET))
            st = parse_subscript(p, node);
        else if (is_type(p, PF_JTOK_LPAREN))
            st = parse_call(p, *node, node);
        else
            break;
    }
    return st;
}

static pf_status parse_list_or_dict(struct pf_jinja_parser *p, bool is_dict,
                                    struct pf_jinja_node **out)
{
    struct pf_jinja_node *node =
        pf_jinja_p_node(p, is_dict ? PF_JN_DICT : PF_JN_LIST, cur(p)->offset);
    enum pf_jinja_tok close = is_dict ? PF_JTOK_RBRACE : PF_JTOK_RBRACKET;
    advance(p);
    struct pf_jinja_vec items = {0};
    pf_status st = PF_OK;
    while (st == PF_OK && !is_type(p, close)) {
        if (items.count)
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, is_dict ? "',' or '}'" : "',' or ']'");
        if (st != PF_OK || is_type(p, close))
            break;
        struct pf_jinja_node *item = NULL;
        st = pf_jinja_p_expression(p, true, &item);
        if (st == PF_OK) {
            pf_jinja_p_push(p->arena, &items, item);
            st = pf_jinja_p_deepen(p, node, item);
        }
        if (st == PF_OK && is_dict) {
            st = pf_jinja_p_expect(p, PF_JTOK_COLON, "':'");
            if (st == PF_OK)
                st = pf_jinja_p_expression(p, true, &item);
            if (st == PF_OK) {
                pf_jinja_p_push(p->arena, &items, item);
                st = pf_jinja_p_deepen(p, node, item);
            }
        }
    }
    if (st == PF_OK)
        st = pf_jinja_p_expect(p, close, is_dict ? "'}'" : "']'");
    node->as.items = pf_jinja_p_nodes(&items);
    *out = node;
    return st;
}

static pf_status parse_primary(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    const struct pf_jinja_token *tok = cur(p);
    struct pf_jinja_node *node = NULL;
    pf_status st = pf_jinja_p_enter(p);
    if (st != PF_OK)
        return st;
    switch (tok->type) {
    case PF_JTOK_NAME:
        node = pf_jinja_p_node(p, PF_JN_CONST, tok->offset);
        if (pf_str_eq_cstr(tok->text, "true") || pf_str_eq_cstr(tok->text, "True")) {
            node->as.constant = pf_jv_bool(true);
        } else if (pf_str_eq_cstr(tok->text, "false") || pf_str_eq_cstr(tok->text, "False")) {
            node->as.constant = pf_jv_bool(false);
        } else if (pf_str_eq_cstr(tok->text, "none") || pf_str_eq_cstr(tok->text, "None")) {
            node->as.constant = pf_jv_none();
        } else {
            node->type = PF_JN_NAME;
            node->as.name = tok->text;
            if (p->macro_count) {
                struct pf_jinja_node *macro = p->macros[p->macro_count - 1];
                if (pf_str_eq_cstr(tok->text, "caller"))
                    macro->as.macro.uses_caller = true;
                else if (pf_str_eq_cstr(tok->text, "varargs"))
                    macro->as.macro.uses_varargs = true;
                else if (pf_str_eq_cstr(tok->text, "kwargs"))
                    macro->as.macro.uses_kwargs = true;
            }
        }
        advance(p);
        break;
    case PF_JTOK_STRING: {
        node = pf_jinja_p_node(p, PF_JN_CONST, tok->offset);
        struct pf_str value = tok->text;
        advance(p);
        if (is_type(p, PF_JTOK_STRING)) {
            /* Adjacent literals concatenate, as in Python. */
            struct pf_buf joined = PF_BUF_INIT(SIZE_MAX);
            pf_buf_append_str(&joined, value);
            while (is_type(p, PF_JTOK_STRING)) {
                pf_buf_append_str(&joined, cur(p)->text);
                advance(p);
            }
            value = pf_str_make(pf_arena_memdup(p->arena, pf_buf_cstr(&joined), joined.len + 1),
                                joined.len);
            pf_buf_fini(&joined);
        }
        node->as.constant = pf_jv_str(value, false);
        break;
    }
    case PF_JTOK_INT:
        node = pf_jinja_p_node(p, PF_JN_CONST, tok->offset);
        node->as.constant = pf_jv_int(tok->integer);
        advance(p);
        break;
    case PF_JTOK_FLOAT:
        node = pf_jinja_p_node(p, PF_JN_CONST, tok->offset);
        node->as.constant = pf_jv_float(tok->number);
        advance(p);
        break;
    case PF_JTOK_LPAREN:
        advance(p);
        st = pf_jinja_p_tuple(p, false, true, NULL, true, &node);
        if (st == PF_OK)
            st = pf_jinja_p_expect(p, PF_JTOK_RPAREN, "')'");
        break;
    case PF_JTOK_LBRACKET:
        st = parse_list_or_dict(p, false, &node);
        break;
    case PF_JTOK_LBRACE:
        st = parse_list_or_dict(p, true, &node);
        break;
    default:
        if (tok->type == PF_JTOK_EOF || tok->type == PF_JTOK_VAR_END ||
            tok->type == PF_JTOK_BLOCK_END)
            st = pf_jinja_p_fail(p, tok->offset, "expected an expression, got %s",
                                 pf_jinja_p_describe(tok));
        else
            st = pf_jinja_p_fail(p, tok->offset, "pf_jinja_p_unexpected %s",
                                 pf_jinja_p_describe(tok));
        break;
    }
    p->recursion--;
    *out = node;
    return st;
}

static pf_status parse_unary(struct pf_jinja_parser *p, bool with_filter,
                             struct pf_jinja_node **out)
{
    pf_status st = pf_jinja_p_enter(p);
    if (st != PF_OK)
        return st;
    struct pf_jinja_node *node = NULL;
    if (is_type(p, PF_JTOK_SUB) || is_type(p, PF_JTOK_ADD)) {
        node = pf_jinja_p_node(p, is_type(p, PF_JTOK_SUB) ? PF_JN_NEG : PF_JN_POS, cur(p)->offset);
        advance(p);
        st = parse_unary(p, false, &node->as.operand);
        if (st == PF_OK)
            st = pf_jinja_p_deepen(p, node, node->as.operand);
    } else {
        st = parse_primary(p, &node);
    }
    if (st == PF_OK)
        st = parse_postfix(p, &node);
    if (st == PF_OK && with_filter)
        st = parse_filter_expr(p, &node);
    p->recursion--;
    *out = node;
    return st;
}

static pf_status binary(struct pf_jinja_parser *p, enum pf_jinja_node_type type,
                        enum pf_jinja_op op, struct pf_jinja_node *left,
                        struct pf_jinja_node *right, uint32_t offset, struct pf_jinja_node **out)
{
    struct pf_jinja_node *node = pf_jinja_p_node(p, type, offset);
    node->op = (uint8_t)op;
    node->as.binary.left = left;
    node->as.binary.right = right;
    *out = node;
    pf_status st = pf_jinja_p_deepen(p, node, left);
    return st == PF_OK ? pf_jinja_p_deepen(p, node, right) : st;
}

static pf_status parse_pow(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_unary(p, true, out);
    while (st == PF_OK && is_type(p, PF_JTOK_POW)) {
        uint32_t offset = cur(p)->offset;
        advance(p);
        struct pf_jinja_node *right = NULL;
        st = parse_unary(p, true, &right);
        if (st == PF_OK)
            st = binary(p, PF_JN_BINOP, PF_JOP_POW, *out, right, offset, out);
    }
    return st;
}

static pf_status parse_math2(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_pow(p, out);
    while (st == PF_OK) {
        enum pf_jinja_op op;
        switch (cur(p)->type) {
        case PF_JTOK_MUL:
            op = PF_JOP_MUL;
            break;
        case PF_JTOK_DIV:
            op = PF_JOP_DIV;
            break;
        case PF_JTOK_FLOORDIV:
            op = PF_JOP_FLOORDIV;
            break;
        case PF_JTOK_MOD:
            op = PF_JOP_MOD;
            break;
        default:
            return st;
        }
        uint32_t offset = cur(p)->offset;
        advance(p);
        struct pf_jinja_node *right = NULL;
        st = parse_pow(p, &right);
        if (st == PF_OK)
            st = binary(p, PF_JN_BINOP, op, *out, right, offset, out);
    }
    return st;
}

static pf_status parse_concat(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_math2(p, out);
    if (st != PF_OK || !is_type(p, PF_JTOK_TILDE))
        return st;
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_CONCAT, (*out)->offset);
    struct pf_jinja_vec parts = {0};
    pf_jinja_p_push(p->arena, &parts, *out);
    st = pf_jinja_p_deepen(p, node, *out);
    while (st == PF_OK && is_type(p, PF_JTOK_TILDE)) {
        advance(p);
        struct pf_jinja_node *part = NULL;
        st = parse_math2(p, &part);
        if (st == PF_OK) {
            pf_jinja_p_push(p->arena, &parts, part);
            st = pf_jinja_p_deepen(p, node, part);
        }
    }
    node->as.items = pf_jinja_p_nodes(&parts);
    *out = node;
    return st;
}

static pf_status parse_math1(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_concat(p, out);
    while (st == PF_OK && (is_type(p, PF_JTOK_ADD) || is_type(p, PF_JTOK_SUB))) {
        enum pf_jinja_op op = is_type(p, PF_JTOK_ADD) ? PF_JOP_ADD : PF_JOP_SUB;
        uint32_t offset = cur(p)->offset;
        advance(p);
        struct pf_jinja_node *right = NULL;
        st = parse_concat(p, &right);
        if (st == PF_OK)
            st = binary(p, PF_JN_BINOP, op, *out, right, offset, out);
    }
    return st;
}

static pf_status parse_compare(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_math1(p, out);
    struct pf_jinja_node *node = NULL;
    struct pf_jinja_vec operands = {0};
    uint8_t ops[256];
    while (st == PF_OK) {
        enum pf_jinja_op op;
        switch (cur(p)->type) {
        case PF_JTOK_EQ:
            op = PF_JOP_EQ;
            break;
        case PF_JTOK_NE:
            op = PF_JOP_NE;
            break;
        case PF_JTOK_LT:
            op = PF_JOP_LT;
            break;
        case PF_JTOK_LTEQ:
            op = PF_JOP_LTEQ;
            break;
        case PF_JTOK_GT:
            op = PF_JOP_GT;
            break;
        case PF_JTOK_GTEQ:
            op = PF_JOP_GTEQ;
            break;
        default:
            if (is_name(p, "in")) {
                op = PF_JOP_IN;
            } else if (is_name(p, "not") && tok_is_name(peek(p, 1), "in")) {
                op = PF_JOP_NOTIN;
                advance(p);
            } else {
                goto finish;
            }
        }
        if (operands.count >= sizeof(ops))
            return pf_jinja_p_fail(p, cur(p)->offset, "too many chained comparisons");
        if (!node) {
            node = pf_jinja_p_node(p, PF_JN_COMPARE, (*out)->offset);
            node->as.compare.first = *out;
            st = pf_jinja_p_deepen(p, node, *out);
        }
        advance(p);
        struct pf_jinja_node *right = NULL;
        if (st == PF_OK)
            st = parse_math1(p, &right);
        if (st == PF_OK) {
            ops[operands.count] = (uint8_t)op;
            pf_jinja_p_push(p->arena, &operands, right);
            st = pf_jinja_p_deepen(p, node, right);
        }
    }
finish:
    if (node && st == PF_OK) {
        node->as.compare.operands = pf_jinja_p_nodes(&operands);
        node->as.compare.ops = pf_arena_memdup(p->arena, ops, operands.count);
        *out = node;
    }
    return st;
}

static pf_status parse_not(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    if (!is_name(p, "not"))
        return parse_compare(p, out);
    pf_status st = pf_jinja_p_enter(p);
    if (st != PF_OK)
        return st;
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_NOT, cur(p)->offset);
    advance(p);
    st = parse_not(p, &node->as.operand);
    if (st == PF_OK)
        st = pf_jinja_p_deepen(p, node, node->as.operand);
    p->recursion--;
    *out = node;
    return st;
}

static pf_status parse_and(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_not(p, out);
    while (st == PF_OK && is_name(p, "and")) {
        uint32_t offset = cur(p)->offset;
        advance(p);
        struct pf_jinja_node *right = NULL;
        st = parse_not(p, &right);
        if (st == PF_OK)
            st = binary(p, PF_JN_AND, PF_JOP_ADD, *out, right, offset, out);
    }
    return st;
}

static pf_status parse_or(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_and(p, out);
    while (st == PF_OK && is_name(p, "or")) {
        uint32_t offset = cur(p)->offset;
        advance(p);
        struct pf_jinja_node *right = NULL;
        st = parse_and(p, &right);
        if (st == PF_OK)
            st = binary(p, PF_JN_OR, PF_JOP_ADD, *out, right, offset, out);
    }
    return st;
}

static pf_status parse_condexpr(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    pf_status st = parse_or(p, out);
    while (st == PF_OK && is_name(p, "if")) {
        struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_CONDEXPR, cur(p)->offset);
        advance(p);
        node->as.cond.then = *out;
        st = parse_or(p, &node->as.cond.test);
        if (st == PF_OK && is_name(p, "else")) {
            advance(p);
            st = pf_jinja_p_enter(p);
            if (st == PF_OK)
                st = parse_condexpr(p, &node->as.cond.otherwise);
            p->recursion--;
        }
        if (st == PF_OK)
            st = pf_jinja_p_deepen(p, node, node->as.cond.then);
        if (st == PF_OK)
            st = pf_jinja_p_deepen(p, node, node->as.cond.test);
        if (st == PF_OK)
            st = pf_jinja_p_deepen(p, node, node->as.cond.otherwise);
        *out = node;
    }
    return st;
}

pf_status pf_jinja_p_expression(struct pf_jinja_parser *p, bool with_condexpr,
                                struct pf_jinja_node **out)
{
    pf_status st = pf_jinja_p_enter(p);
    if (st == PF_OK)
        st = with_condexpr ? parse_condexpr(p, out) : parse_or(p, out);
    p->recursion--;
    return st;
}

static bool is_tuple_end(const struct pf_jinja_parser *p, const char *extra_end)
{
    enum pf_jinja_tok t = cur(p)->type;
    if (t == PF_JTOK_VAR_END || t == PF_JTOK_BLOCK_END || t == PF_JTOK_RPAREN)
        return true;
    return extra_end && is_name(p, extra_end);
}

pf_status pf_jinja_p_tuple(struct pf_jinja_parser *p, bool simplified, bool with_condexpr,
                           const char *extra_end, bool explicit_parens, struct pf_jinja_node **out)
{
    uint32_t offset = cur(p)->offset;
    struct pf_jinja_vec items = {0};
    bool is_tuple = false;
    pf_status st = PF_OK;
    for (;;) {
        if (items.count) {
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, "','");
            if (st != PF_OK)
                return st;
        }
        if (is_tuple_end(p, extra_end))
            break;
        struct pf_jinja_node *item = NULL;
        st = simplified ? parse_primary(p, &item) : pf_jinja_p_expression(p, with_condexpr, &item);
        if (st != PF_OK)
            return st;
        pf_jinja_p_push(p->arena, &items, item);
        if (!is_type(p, PF_JTOK_COMMA))
            break;
        is_tuple = true;
    }
    if (!is_tuple) {
        if (items.count) {
            *out = items.items[0];
            return PF_OK;
        }
        if (!explicit_parens)
            return pf_jinja_p_unexpected(p, "an expression");
    }
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_TUPLE, offset);
    node->as.items = pf_jinja_p_nodes(&items);
    for (size_t i = 0; i < items.count && st == PF_OK; i++)
        st = pf_jinja_p_deepen(p, node, items.items[i]);
    *out = node;
    return st;
}
