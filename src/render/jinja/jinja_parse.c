/* Jinja parser, statements: template bodies, tags (for, if, set, macro, call, include, import,
 * with, filter, print) and the entry point; expressions are in jinja_parse_expr.c. */
#include <string.h>

#include "render/jinja/jinja_parse_int.h"

void pf_jinja_p_push(struct pf_arena *arena, struct pf_jinja_vec *vec, struct pf_jinja_node *node)
{
    if (vec->count == vec->cap) {
        size_t cap = vec->cap ? vec->cap * 2 : 4;
        struct pf_jinja_node **items = pf_arena_alloc(arena, cap * sizeof(*items));
        if (vec->count)
            memcpy(items, vec->items, vec->count * sizeof(*items));
        vec->items = items;
        vec->cap = cap;
    }
    vec->items[vec->count++] = node;
}

struct pf_jinja_nodes pf_jinja_p_nodes(const struct pf_jinja_vec *vec)
{
    struct pf_jinja_nodes nodes = {vec->items, vec->count};
    return nodes;
}

const char *pf_jinja_p_describe(const struct pf_jinja_token *tok)
{
    switch (tok->type) {
    case PF_JTOK_EOF:
        return "end of template";
    case PF_JTOK_TEXT:
        return "template data";
    case PF_JTOK_VAR_BEGIN:
        return "'{{'";
    case PF_JTOK_VAR_END:
        return "end of print statement";
    case PF_JTOK_BLOCK_BEGIN:
        return "'{%'";
    case PF_JTOK_BLOCK_END:
        return "end of statement block";
    case PF_JTOK_NAME:
        return "name";
    case PF_JTOK_STRING:
        return "string";
    case PF_JTOK_INT:
        return "integer";
    case PF_JTOK_FLOAT:
        return "float";
    default:
        return "operator";
    }
}

pf_status pf_jinja_p_fail(struct pf_jinja_parser *p, uint32_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_status st = pf_jinja_error_atv(p->tmpl, offset, p->err, PF_E_TEMPLATE, fmt, ap);
    va_end(ap);
    return st;
}

pf_status pf_jinja_p_unexpected(struct pf_jinja_parser *p, const char *expected)
{
    const struct pf_jinja_token *tok = cur(p);
    if (tok->type == PF_JTOK_NAME)
        return pf_jinja_p_fail(p, tok->offset, "expected %s, got '%.*s'", expected,
                               (int)tok->text.len, tok->text.ptr);
    return pf_jinja_p_fail(p, tok->offset, "expected %s, got %s", expected,
                           pf_jinja_p_describe(tok));
}

pf_status pf_jinja_p_expect(struct pf_jinja_parser *p, enum pf_jinja_tok type, const char *what)
{
    if (!is_type(p, type))
        return pf_jinja_p_unexpected(p, what);
    advance(p);
    return PF_OK;
}

struct pf_jinja_node *pf_jinja_p_node(struct pf_jinja_parser *p, enum pf_jinja_node_type type,
                                      uint32_t offset)
{
    struct pf_jinja_node *node = pf_arena_alloc(p->arena, sizeof(*node));
    node->type = (uint8_t)type;
    node->offset = offset;
    node->depth = 1;
    return node;
}

pf_status pf_jinja_p_deepen(struct pf_jinja_parser *p, struct pf_jinja_node *node,
                            const struct pf_jinja_node *child)
{
    if (child && child->depth + 1 > node->depth)
        node->depth = (uint16_t)(child->depth + 1);
    if (node->depth > PF_JINJA_MAX_EXPR_DEPTH)
        return pf_jinja_error_at(p->tmpl, node->offset, p->err, PF_E_TOO_BIG,
                                 "expression nests more than %d levels deep",
                                 PF_JINJA_MAX_EXPR_DEPTH);
    return PF_OK;
}

pf_status pf_jinja_p_enter(struct pf_jinja_parser *p)
{
    if (++p->recursion > PF_JINJA_MAX_EXPR_DEPTH)
        return pf_jinja_error_at(p->tmpl, cur(p)->offset, p->err, PF_E_TOO_BIG,
                                 "expression nests more than %d levels deep",
                                 PF_JINJA_MAX_EXPR_DEPTH);
    return PF_OK;
}

/* Statements. */

static pf_status parse_body(struct pf_jinja_parser *p, const char *const *end_names,
                            struct pf_jinja_nodes *out_body, const char *innermost);

static pf_status end_tag(struct pf_jinja_parser *p)
{
    return pf_jinja_p_expect(p, PF_JTOK_BLOCK_END, "end of statement block");
}

static bool is_assignable_name(struct pf_str name)
{
    return !pf_str_eq_cstr(name, "true") && !pf_str_eq_cstr(name, "false") &&
           !pf_str_eq_cstr(name, "none") && !pf_str_eq_cstr(name, "True") &&
           !pf_str_eq_cstr(name, "False") && !pf_str_eq_cstr(name, "None");
}

static pf_status check_target(struct pf_jinja_parser *p, const struct pf_jinja_node *target)
{
    if (target->type == PF_JN_NAME && is_assignable_name(target->as.name))
        return PF_OK;
    if (target->type == PF_JN_TUPLE) {
        for (size_t i = 0; i < target->as.items.count; i++) {
            const struct pf_jinja_node *item = target->as.items.items[i];
            if (item->type != PF_JN_NAME || !is_assignable_name(item->as.name))
                return pf_jinja_p_fail(p, item->offset, "can only assign to names");
        }
        return PF_OK;
    }
    return pf_jinja_p_fail(p, target->offset, "can't assign to this expression");
}

static pf_status parse_name_only(struct pf_jinja_parser *p, struct pf_str *out_name)
{
    if (!is_type(p, PF_JTOK_NAME) || !is_assignable_name(cur(p)->text))
        return pf_jinja_p_unexpected(p, "a name");
    *out_name = cur(p)->text;
    advance(p);
    return PF_OK;
}

static pf_status parse_signature(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    pf_status st = pf_jinja_p_expect(p, PF_JTOK_LPAREN, "'('");
    struct pf_str params[64];
    struct pf_jinja_node *defaults[64];
    size_t count = 0;
    bool seen_default = false;
    while (st == PF_OK && !is_type(p, PF_JTOK_RPAREN)) {
        if (count)
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, "',' or ')'");
        if (st != PF_OK)
            break;
        if (count >= PF_ARRAY_LEN(params))
            return pf_jinja_p_fail(p, cur(p)->offset, "too many parameters");
        st = parse_name_only(p, &params[count]);
        defaults[count] = NULL;
        if (st == PF_OK && is_type(p, PF_JTOK_ASSIGN)) {
            advance(p);
            st = pf_jinja_p_expression(p, true, &defaults[count]);
            seen_default = true;
        } else if (st == PF_OK && seen_default) {
            st =
                pf_jinja_p_fail(p, cur(p)->offset, "non-default argument follows default argument");
        }
        count++;
    }
    if (st == PF_OK)
        st = pf_jinja_p_expect(p, PF_JTOK_RPAREN, "')'");
    node->as.macro.param_count = count;
    node->as.macro.params = pf_arena_memdup(p->arena, params, count * sizeof(*params) + 1);
    node->as.macro.defaults = pf_arena_memdup(p->arena, defaults, count * sizeof(*defaults) + 1);
    return st;
}

static pf_status parse_macro_body(struct pf_jinja_parser *p, struct pf_jinja_node *node,
                                  const char *end, const char *innermost)
{
    if (p->macro_count >= PF_JINJA_MAX_MACRO_NESTING)
        return pf_jinja_p_fail(p, node->offset, "macros nest too deeply");
    p->macros[p->macro_count++] = node;
    const char *ends[] = {end, NULL};
    pf_status st = end_tag(p);
    if (st == PF_OK)
        st = parse_body(p, ends, &node->as.macro.body, innermost);
    p->macro_count--;
    return st;
}

static pf_status parse_for(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    pf_status st = pf_jinja_p_tuple(p, true, true, "in", false, &node->as.for_.target);
    if (st == PF_OK)
        st = check_target(p, node->as.for_.target);
    if (st == PF_OK && !is_name(p, "in"))
        st = pf_jinja_p_unexpected(p, "'in'");
    if (st != PF_OK)
        return st;
    advance(p);
    st = pf_jinja_p_tuple(p, false, false, "recursive", false, &node->as.for_.iter);
    if (st == PF_OK && is_name(p, "if")) {
        advance(p);
        st = pf_jinja_p_expression(p, true, &node->as.for_.filter);
    }
    if (st == PF_OK && is_name(p, "recursive"))
        st = pf_jinja_p_fail(p, cur(p)->offset, "recursive for loops are not supported");
    if (st == PF_OK)
        st = end_tag(p);
    static const char *const ends[] = {"endfor", "else", NULL};
    if (st == PF_OK)
        st = parse_body(p, ends, &node->as.for_.body, "for");
    if (st == PF_OK && is_name(p, "else")) {
        advance(p);
        st = end_tag(p);
        static const char *const else_ends[] = {"endfor", NULL};
        if (st == PF_OK)
            st = parse_body(p, else_ends, &node->as.for_.else_body, "for");
    }
    return st;
}

static pf_status parse_if(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    static const char *const ends[] = {"endif", "elif", "else", NULL};
    struct pf_jinja_node *current = node;
    pf_status st = pf_jinja_p_tuple(p, false, false, NULL, false, &current->as.if_.test);
    for (;;) {
        if (st == PF_OK)
            st = end_tag(p);
        if (st == PF_OK)
            st = parse_body(p, ends, &current->as.if_.body, "if");
        if (st != PF_OK || !is_name(p, "elif"))
            break;
        struct pf_jinja_node *elif = pf_jinja_p_node(p, PF_JN_IF, cur(p)->offset);
        advance(p);
        current->as.if_.else_body.items = pf_arena_alloc(p->arena, sizeof(elif));
        current->as.if_.else_body.items[0] = elif;
        current->as.if_.else_body.count = 1;
        current = elif;
        st = pf_jinja_p_tuple(p, false, false, NULL, false, &current->as.if_.test);
    }
    if (st == PF_OK && is_name(p, "else")) {
        advance(p);
        static const char *const else_ends[] = {"endif", NULL};
        st = end_tag(p);
        if (st == PF_OK)
            st = parse_body(p, else_ends, &current->as.if_.else_body, "if");
    }
    return st;
}

static pf_status parse_set(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    pf_status st = PF_OK;
    struct pf_jinja_node *target = NULL;
    if (is_type(p, PF_JTOK_NAME) && peek(p, 1)->type == PF_JTOK_DOT) {
        target = pf_jinja_p_node(p, PF_JN_NSREF, cur(p)->offset);
        target->as.nsref.ns_name = cur(p)->text;
        advance(p);
        advance(p);
        if (!is_type(p, PF_JTOK_NAME))
            return pf_jinja_p_unexpected(p, "a name");
        target->as.nsref.attr = cur(p)->text;
        advance(p);
    } else {
        st = pf_jinja_p_tuple(p, true, true, NULL, false, &target);
        if (st == PF_OK)
            st = check_target(p, target);
    }
    if (st != PF_OK)
        return st;
    node->as.set.target = target;
    if (is_type(p, PF_JTOK_ASSIGN)) {
        advance(p);
        st = pf_jinja_p_tuple(p, false, true, NULL, false, &node->as.set.value);
        return st == PF_OK ? end_tag(p) : st;
    }
    if (target->type != PF_JN_NAME)
        return pf_jinja_p_fail(p, target->offset, "a block set assigns to one name");
    node->type = PF_JN_SET_BLOCK;
    if (is_type(p, PF_JTOK_PIPE)) {
        advance(p);
        st = pf_jinja_p_filter(p, NULL, true, &node->as.set.filter);
    }
    if (st == PF_OK)
        st = end_tag(p);
    static const char *const ends[] = {"endset", NULL};
    if (st == PF_OK)
        st = parse_body(p, ends, &node->as.set.body, "set");
    return st;
}

static void parse_context_modifier(struct pf_jinja_parser *p, bool *with_context);

static pf_status parse_include(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    pf_status st = pf_jinja_p_expression(p, true, &node->as.include.template_name);
    if (st != PF_OK)
        return st;
    node->as.include.with_context = true;
    if (is_name(p, "ignore") && tok_is_name(peek(p, 1), "missing")) {
        advance(p);
        advance(p);
        node->as.include.ignore_missing = true;
    }
    parse_context_modifier(p, &node->as.include.with_context);
    return end_tag(p);
}

static void parse_context_modifier(struct pf_jinja_parser *p, bool *with_context)
{
    if ((is_name(p, "with") || is_name(p, "without")) && tok_is_name(peek(p, 1), "context")) {
        *with_context = is_name(p, "with");
        advance(p);
        advance(p);
    }
}

/* `import "name" as target` and `from "name" import a, b as c` (without context by default,
 * as in Jinja2). */
static pf_status parse_import(struct pf_jinja_parser *p, struct pf_jinja_node *node, bool from)
{
    pf_status st = pf_jinja_p_expression(p, true, &node->as.include.template_name);
    if (st != PF_OK)
        return st;
    if (!from) {
        if (!is_name(p, "as"))
            return pf_jinja_p_unexpected(p, "'as'");
        advance(p);
        st = parse_name_only(p, &node->as.include.target);
        if (st == PF_OK)
            parse_context_modifier(p, &node->as.include.with_context);
        return st == PF_OK ? end_tag(p) : st;
    }
    if (!is_name(p, "import"))
        return pf_jinja_p_unexpected(p, "'import'");
    advance(p);
    struct pf_str names[64];
    struct pf_str aliases[64];
    size_t count = 0;
    while (st == PF_OK) {
        if (count && is_type(p, PF_JTOK_COMMA))
            advance(p);
        if (is_name(p, "with") || is_name(p, "without") || is_type(p, PF_JTOK_BLOCK_END))
            break;
        if (count >= PF_ARRAY_LEN(names))
            return pf_jinja_p_fail(p, cur(p)->offset, "too many names imported");
        st = parse_name_only(p, &names[count]);
        if (st != PF_OK)
            break;
        if (names[count].len && names[count].ptr[0] == '_')
            return pf_jinja_p_fail(p, cur(p)->offset,
                                   "names starting with an underscore cannot be "
                                   "imported");
        aliases[count] = names[count];
        if (is_name(p, "as")) {
            advance(p);
            st = parse_name_only(p, &aliases[count]);
        }
        count++;
        if (!is_type(p, PF_JTOK_COMMA))
            break;
    }
    if (st == PF_OK && count == 0)
        return pf_jinja_p_unexpected(p, "a name to import");
    node->as.include.names = pf_arena_memdup(p->arena, names, count * sizeof(*names));
    node->as.include.aliases = pf_arena_memdup(p->arena, aliases, count * sizeof(*aliases));
    node->as.include.name_count = count;
    if (st == PF_OK)
        parse_context_modifier(p, &node->as.include.with_context);
    return st == PF_OK ? end_tag(p) : st;
}

static pf_status parse_with(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    struct pf_jinja_vec values = {0};
    struct pf_str names[64];
    size_t count = 0;
    pf_status st = PF_OK;
    while (st == PF_OK && !is_type(p, PF_JTOK_BLOCK_END)) {
        if (count)
            st = pf_jinja_p_expect(p, PF_JTOK_COMMA, "','");
        if (st == PF_OK && count >= PF_ARRAY_LEN(names))
            st = pf_jinja_p_fail(p, cur(p)->offset, "too many names in with");
        if (st == PF_OK)
            st = parse_name_only(p, &names[count]);
        if (st == PF_OK)
            st = pf_jinja_p_expect(p, PF_JTOK_ASSIGN, "'='");
        struct pf_jinja_node *value = NULL;
        if (st == PF_OK)
            st = pf_jinja_p_expression(p, true, &value);
        if (st == PF_OK) {
            pf_jinja_p_push(p->arena, &values, value);
            count++;
        }
    }
    node->as.with.names = pf_arena_memdup(p->arena, names, count * sizeof(*names) + 1);
    node->as.with.values = pf_jinja_p_nodes(&values);
    if (st == PF_OK)
        st = end_tag(p);
    static const char *const ends[] = {"endwith", NULL};
    if (st == PF_OK)
        st = parse_body(p, ends, &node->as.with.body, "with");
    return st;
}

static pf_status parse_call_block(struct pf_jinja_parser *p, struct pf_jinja_node *node)
{
    pf_status st = PF_OK;
    if (is_type(p, PF_JTOK_LPAREN))
        st = parse_signature(p, node);
    struct pf_jinja_node *call = NULL;
    if (st == PF_OK)
        st = pf_jinja_p_expression(p, true, &call);
    if (st == PF_OK && call->type != PF_JN_CALL)
        st = pf_jinja_p_fail(p, call->offset, "expected a call expression");
    node->call_expr = call;
    node->as.macro.name = PF_STR("caller");
    if (st == PF_OK)
        st = parse_macro_body(p, node, "endcall", "call");
    return st;
}

static pf_status parse_statement(struct pf_jinja_parser *p, struct pf_jinja_node **out)
{
    const struct pf_jinja_token *tok = cur(p);
    if (tok->type != PF_JTOK_NAME)
        return pf_jinja_p_fail(p, tok->offset, "tag name expected");
    if (++p->block_depth > PF_JINJA_MAX_BLOCK_DEPTH)
        return pf_jinja_error_at(p->tmpl, tok->offset, p->err, PF_E_TOO_BIG,
                                 "blocks nest more than %d levels deep", PF_JINJA_MAX_BLOCK_DEPTH);
    struct pf_jinja_node *node = pf_jinja_p_node(p, PF_JN_TEXT, tok->offset);
    struct pf_str keyword = tok->text;
    advance(p);
    pf_status st;
    if (pf_str_eq_cstr(keyword, "for")) {
        node->type = PF_JN_FOR;
        st = parse_for(p, node);
    } else if (pf_str_eq_cstr(keyword, "if")) {
        node->type = PF_JN_IF;
        st = parse_if(p, node);
    } else if (pf_str_eq_cstr(keyword, "set")) {
        node->type = PF_JN_SET;
        st = parse_set(p, node);
    } else if (pf_str_eq_cstr(keyword, "macro")) {
        node->type = PF_JN_MACRO;
        st = parse_name_only(p, &node->as.macro.name);
        if (st == PF_OK)
            st = parse_signature(p, node);
        if (st == PF_OK)
            st = parse_macro_body(p, node, "endmacro", "macro");
    } else if (pf_str_eq_cstr(keyword, "call")) {
        node->type = PF_JN_CALL_BLOCK;
        st = parse_call_block(p, node);
    } else if (pf_str_eq_cstr(keyword, "include")) {
        node->type = PF_JN_INCLUDE;
        st = parse_include(p, node);
    } else if (pf_str_eq_cstr(keyword, "import") || pf_str_eq_cstr(keyword, "from")) {
        node->type = PF_JN_IMPORT;
        st = parse_import(p, node, keyword.ptr[0] == 'f');
    } else if (pf_str_eq_cstr(keyword, "with")) {
        node->type = PF_JN_WITH;
        st = parse_with(p, node);
    } else if (pf_str_eq_cstr(keyword, "filter")) {
        node->type = PF_JN_FILTER_BLOCK;
        st = pf_jinja_p_filter(p, NULL, true, &node->as.filter_block.chain);
        if (st == PF_OK)
            st = end_tag(p);
        static const char *const ends[] = {"endfilter", NULL};
        if (st == PF_OK)
            st = parse_body(p, ends, &node->as.filter_block.body, "filter");
    } else if (pf_str_eq_cstr(keyword, "print")) {
        node->type = PF_JN_PRINT;
        st = pf_jinja_p_tuple(p, false, true, NULL, false, &node->as.operand);
        if (st == PF_OK)
            st = end_tag(p);
    } else {
        st = pf_jinja_p_fail(p, tok->offset, "encountered unknown tag '%.*s'", (int)keyword.len,
                             keyword.ptr);
    }
    p->block_depth--;
    *out = node;
    return st;
}

/* Parses until a `{% name %}` with name in end_names (left at the name) or, when end_names is
 * NULL, the end of the template. */
static pf_status parse_body(struct pf_jinja_parser *p, const char *const *end_names,
                            struct pf_jinja_nodes *out_body, const char *innermost)
{
    struct pf_jinja_vec body = {0};
    pf_status st = PF_OK;
    for (;;) {
        const struct pf_jinja_token *tok = cur(p);
        if (tok->type == PF_JTOK_EOF) {
            if (end_names)
                st = pf_jinja_p_fail(
                    p, tok->offset,
                    "pf_jinja_p_unexpected end of template: the '%s' block needs '{%% %s %%}'",
                    innermost, end_names[0]);
            break;
        }
        if (tok->type == PF_JTOK_TEXT) {
            struct pf_jinja_node *text = pf_jinja_p_node(p, PF_JN_TEXT, tok->offset);
            text->as.text = tok->text;
            pf_jinja_p_push(p->arena, &body, text);
            advance(p);
            continue;
        }
        if (tok->type == PF_JTOK_VAR_BEGIN) {
            advance(p);
            struct pf_jinja_node *print = pf_jinja_p_node(p, PF_JN_PRINT, tok->offset);
            st = pf_jinja_p_tuple(p, false, true, NULL, false, &print->as.operand);
            if (st == PF_OK)
                st = pf_jinja_p_expect(p, PF_JTOK_VAR_END, "end of print statement");
            if (st != PF_OK)
                break;
            pf_jinja_p_push(p->arena, &body, print);
            continue;
        }
        if (tok->type != PF_JTOK_BLOCK_BEGIN) {
            st = pf_jinja_p_unexpected(p, "template data or a tag");
            break;
        }
        advance(p);
        const struct pf_jinja_token *name = cur(p);
        bool is_end = false;
        for (size_t i = 0; end_names && end_names[i]; i++)
            is_end = is_end || tok_is_name(name, end_names[i]);
        if (is_end) {
            /* The caller consumes the closing keyword, except for plain end tags. */
            if (name->text.len > 3 && memcmp(name->text.ptr, "end", 3) == 0) {
                advance(p);
                st = end_tag(p);
            }
            break;
        }
        if (name->type == PF_JTOK_NAME &&
            (pf_str_starts_with(name->text, PF_STR("end")) || pf_str_eq_cstr(name->text, "else") ||
             pf_str_eq_cstr(name->text, "elif"))) {
            if (innermost)
                st = pf_jinja_p_fail(
                    p, name->offset,
                    "pf_jinja_p_unexpected '%.*s': the innermost open block is '%s', closed by "
                    "'%s'",
                    (int)name->text.len, name->text.ptr, innermost, end_names[0]);
            else
                st = pf_jinja_p_fail(p, name->offset,
                                     "pf_jinja_p_unexpected '%.*s': no block is open",
                                     (int)name->text.len, name->text.ptr);
            break;
        }
        struct pf_jinja_node *node = NULL;
        st = parse_statement(p, &node);
        if (st != PF_OK)
            break;
        pf_jinja_p_push(p->arena, &body, node);
    }
    *out_body = pf_jinja_p_nodes(&body);
    return st;
}

pf_status pf_jinja_parse(struct pf_jinja_template *tmpl, const struct pf_jinja_token *tokens,
                         size_t count, struct pf_error *err)
{
    struct pf_jinja_parser p = {
        .tmpl = tmpl, .arena = tmpl->arena, .tokens = tokens, .count = count, .err = err};
    return parse_body(&p, NULL, &tmpl->body, NULL);
}
