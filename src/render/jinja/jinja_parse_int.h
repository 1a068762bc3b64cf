/* Internal interface between the Jinja parser's statement and expression halves. */
#ifndef PF_RENDER_JINJA_JINJA_PARSE_INT_H
#define PF_RENDER_JINJA_JINJA_PARSE_INT_H

#include "render/jinja/jinja_int.h"

#define PF_JINJA_MAX_MACRO_NESTING 32

struct pf_jinja_parser {
    struct pf_jinja_template *tmpl;
    struct pf_arena *arena;
    const struct pf_jinja_token *tokens;
    size_t pos, count;
    struct pf_error *err;
    int recursion;   /* C recursion of the expression/statement parsers */
    int block_depth; /* nesting of block statements */
    struct pf_jinja_node *macros[PF_JINJA_MAX_MACRO_NESTING]; /* being parsed, innermost last */
    size_t macro_count;
};

/* A growable node list in the arena (the waste of doubling is bounded by the source size). */
struct pf_jinja_vec {
    struct pf_jinja_node **items;
    size_t count, cap;
};

static inline const struct pf_jinja_token *cur(const struct pf_jinja_parser *p)
{
    return &p->tokens[p->pos];
}

static inline const struct pf_jinja_token *peek(const struct pf_jinja_parser *p, size_t ahead)
{
    size_t i = p->pos + ahead;
    return &p->tokens[i < p->count ? i : p->count - 1];
}

static inline void advance(struct pf_jinja_parser *p)
{
    if (p->pos + 1 < p->count)
        p->pos++;
}

static inline bool is_type(const struct pf_jinja_parser *p, enum pf_jinja_tok type)
{
    return cur(p)->type == type;
}

static inline bool tok_is_name(const struct pf_jinja_token *tok, const char *name)
{
    return tok->type == PF_JTOK_NAME && pf_str_eq_cstr(tok->text, name);
}

static inline bool is_name(const struct pf_jinja_parser *p, const char *name)
{
    return tok_is_name(cur(p), name);
}

void pf_jinja_p_push(struct pf_arena *arena, struct pf_jinja_vec *vec, struct pf_jinja_node *node);
struct pf_jinja_nodes pf_jinja_p_nodes(const struct pf_jinja_vec *vec);
/* A PF_E_TEMPLATE error at offset ("name:line:col: message"). */
pf_status pf_jinja_p_fail(struct pf_jinja_parser *p, uint32_t offset, const char *fmt, ...)
    PF_PRINTF(3, 4);
/* "expected X, got Y" at the current token. */
pf_status pf_jinja_p_unexpected(struct pf_jinja_parser *p, const char *expected);
/* Consumes a token of type or fails naming what. */
PF_MUST_CHECK pf_status pf_jinja_p_expect(struct pf_jinja_parser *p, enum pf_jinja_tok type,
                                          const char *what);
struct pf_jinja_node *pf_jinja_p_node(struct pf_jinja_parser *p, enum pf_jinja_node_type type,
                                      uint32_t offset);
/* Records that child hangs below node; fails past PF_JINJA_MAX_EXPR_DEPTH. */
PF_MUST_CHECK pf_status pf_jinja_p_deepen(struct pf_jinja_parser *p, struct pf_jinja_node *node,
                                          const struct pf_jinja_node *child);
/* Counts one level of parser recursion (the caller decrements p->recursion). */
PF_MUST_CHECK pf_status pf_jinja_p_enter(struct pf_jinja_parser *p);

/* How a token reads in messages ("end of template", "string"...). */
const char *pf_jinja_p_describe(const struct pf_jinja_token *tok);

/* Expressions (jinja_parse_expr.c). */
PF_MUST_CHECK pf_status pf_jinja_p_expression(struct pf_jinja_parser *p, bool with_condexpr,
                                              struct pf_jinja_node **out);
/* Jinja2's parse_tuple: one expression, or a tuple when commas follow. */
PF_MUST_CHECK pf_status pf_jinja_p_tuple(struct pf_jinja_parser *p, bool simplified,
                                         bool with_condexpr, const char *extra_end,
                                         bool explicit_parens, struct pf_jinja_node **out);
/* A filter chain on target (NULL for a filter block's output); start_inline: no leading `|`. */
PF_MUST_CHECK pf_status pf_jinja_p_filter(struct pf_jinja_parser *p, struct pf_jinja_node *target,
                                          bool start_inline, struct pf_jinja_node **out);

#endif
