/* Internal types of the Jinja engine (tokens, syntax tree, values, render state), shared by its
 * files and their unit tests. */
#ifndef PF_RENDER_JINJA_JINJA_INT_H
#define PF_RENDER_JINJA_JINJA_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "render/jinja/jinja.h"

/* Syntax nesting the parser accepts: expressions (filter chains, operators, brackets) and
 * statements. Bounds the C stack used by parsing and evaluation whatever the source. */
#define PF_JINJA_MAX_EXPR_DEPTH  200
#define PF_JINJA_MAX_BLOCK_DEPTH 100

enum pf_jinja_tok {
    PF_JTOK_EOF = 0,
    PF_JTOK_TEXT,
    PF_JTOK_VAR_BEGIN,
    PF_JTOK_VAR_END,
    PF_JTOK_BLOCK_BEGIN,
    PF_JTOK_BLOCK_END,
    PF_JTOK_NAME,
    PF_JTOK_STRING,
    PF_JTOK_INT,
    PF_JTOK_FLOAT,
    PF_JTOK_ADD,
    PF_JTOK_SUB,
    PF_JTOK_MUL,
    PF_JTOK_DIV,
    PF_JTOK_FLOORDIV,
    PF_JTOK_MOD,
    PF_JTOK_POW,
    PF_JTOK_TILDE,
    PF_JTOK_LBRACKET,
    PF_JTOK_RBRACKET,
    PF_JTOK_LPAREN,
    PF_JTOK_RPAREN,
    PF_JTOK_LBRACE,
    PF_JTOK_RBRACE,
    PF_JTOK_EQ,
    PF_JTOK_NE,
    PF_JTOK_GT,
    PF_JTOK_GTEQ,
    PF_JTOK_LT,
    PF_JTOK_LTEQ,
    PF_JTOK_ASSIGN,
    PF_JTOK_DOT,
    PF_JTOK_COLON,
    PF_JTOK_PIPE,
    PF_JTOK_COMMA,
    PF_JTOK_SEMICOLON,
};

struct pf_jinja_token {
    enum pf_jinja_tok type;
    uint32_t offset;    /* byte offset in the normalised source */
    struct pf_str text; /* NAME: the name; STRING: decoded value; TEXT: the data */
    int64_t integer;    /* INT */
    double number;      /* FLOAT */
};

/* Splits normalised source into tokens (arena memory). PF_E_TEMPLATE with the offset of the
 * problem in *out_error_offset on a lexical error (message in err, without position). */
PF_MUST_CHECK pf_status pf_jinja_lex(struct pf_arena *arena, struct pf_str source,
                                     struct pf_jinja_token **out_tokens, size_t *out_count,
                                     uint32_t *out_error_offset, struct pf_error *err);

/* Values. Strings are UTF-8 views into the template, the context JSON or the render arena. */
enum pf_jinja_kind {
    PF_JV_UNDEFINED = 0,
    PF_JV_NONE,
    PF_JV_BOOL,
    PF_JV_INT,
    PF_JV_FLOAT,
    PF_JV_STRING,
    PF_JV_LIST,
    PF_JV_DICT,
    PF_JV_RANGE,
    PF_JV_CALLABLE,
    PF_JV_LOOP,
};

#define PF_JV_SAFE      0x01 /* STRING: markup-safe (Jinja's Markup) */
#define PF_JV_TUPLE     0x02 /* LIST: a tuple */
#define PF_JV_NAMESPACE 0x04 /* DICT: a namespace() object, attributes assignable */
#define PF_JV_GROUP     0x08 /* LIST: a groupby tuple (grouper, list) */

struct pf_jinja_list;
struct pf_jinja_dict;
struct pf_jinja_node;
struct pf_jinja_callable;
struct pf_jinja_loop;

struct pf_jinja_range {
    int64_t start, stop, step;
};

struct pf_jinja_value {
    uint8_t kind;  /* enum pf_jinja_kind */
    uint8_t flags; /* PF_JV_* */
    union {
        bool boolean;
        int64_t integer;
        double number;
        struct pf_str str;
        struct pf_jinja_list *list;
        struct pf_jinja_dict *dict;
        struct pf_jinja_range *range;
        struct pf_jinja_callable *callable;
        struct pf_jinja_loop *loop;
        const struct pf_jinja_node *undefined_at; /* UNDEFINED: the lookup that missed, or NULL */
    } as;
};

struct pf_jinja_list {
    size_t len, cap;
    struct pf_jinja_value *items; /* arena */
};

/* Insertion-ordered; keys are compared with Python equality. index is a hash table of
 * positions, built once the dict passes a few entries. */
struct pf_jinja_dict {
    size_t len, cap;
    struct pf_jinja_value *keys;
    struct pf_jinja_value *values;
    uint32_t *index;  /* index_cap slots, 0 = empty, else position + 1 */
    size_t index_cap; /* power of two, or 0 while there is no index */
};

/* Syntax tree. */
enum pf_jinja_node_type {
    PF_JN_CONST = 0,
    PF_JN_NAME,
    PF_JN_GETATTR,
    PF_JN_GETITEM,
    PF_JN_SLICE,
    PF_JN_LIST,
    PF_JN_TUPLE,
    PF_JN_DICT,
    PF_JN_BINOP,
    PF_JN_NEG,
    PF_JN_POS,
    PF_JN_NOT,
    PF_JN_AND,
    PF_JN_OR,
    PF_JN_COMPARE,
    PF_JN_CONDEXPR,
    PF_JN_FILTER,
    PF_JN_TEST,
    PF_JN_CALL,
    PF_JN_CONCAT,
    PF_JN_NSREF,
    PF_JN_TEXT,
    PF_JN_PRINT,
    PF_JN_IF,
    PF_JN_FOR,
    PF_JN_SET,
    PF_JN_SET_BLOCK,
    PF_JN_MACRO,
    PF_JN_CALL_BLOCK,
    PF_JN_INCLUDE,
    PF_JN_FILTER_BLOCK,
    PF_JN_WITH,
    PF_JN_IMPORT,
};

/* Binary and comparison operators (PF_JN_BINOP / PF_JN_COMPARE ops). */
enum pf_jinja_op {
    PF_JOP_ADD,
    PF_JOP_SUB,
    PF_JOP_MUL,
    PF_JOP_DIV,
    PF_JOP_FLOORDIV,
    PF_JOP_MOD,
    PF_JOP_POW,
    PF_JOP_EQ,
    PF_JOP_NE,
    PF_JOP_LT,
    PF_JOP_LTEQ,
    PF_JOP_GT,
    PF_JOP_GTEQ,
    PF_JOP_IN,
    PF_JOP_NOTIN,
};

struct pf_jinja_node;

struct pf_jinja_nodes {
    struct pf_jinja_node **items;
    size_t count;
};

struct pf_jinja_args {
    struct pf_jinja_nodes positional;
    struct pf_str *names; /* keyword names, kw.count of them */
    struct pf_jinja_nodes keywords;
};

struct pf_jinja_state;
struct pf_jinja_frame;

/* A filter or test implementation: in is the piped value, args the evaluated arguments. */
typedef pf_status (*pf_jinja_filter_fn)(struct pf_jinja_state *state,
                                        const struct pf_jinja_node *node, struct pf_jinja_value in,
                                        const struct pf_jinja_value *args, size_t arg_count,
                                        const struct pf_str *names,
                                        const struct pf_jinja_value *kw_values, size_t kw_count,
                                        struct pf_jinja_value *out);

struct pf_jinja_node {
    uint8_t type;    /* enum pf_jinja_node_type */
    uint8_t op;      /* BINOP: enum pf_jinja_op */
    uint16_t depth;  /* expression nesting below and including this node */
    uint32_t offset; /* where it starts in the source, for error positions */
    union {
        struct pf_jinja_value constant; /* CONST */
        struct pf_str name;             /* NAME */
        struct {
            struct pf_jinja_node *target;
            struct pf_str name;
        } attr; /* GETATTR; NSREF (target NULL, ns in ns_name) */
        struct {
            struct pf_str ns_name;
            struct pf_str attr;
        } nsref;
        struct {
            struct pf_jinja_node *target, *index;
        } item; /* GETITEM */
        struct {
            struct pf_jinja_node *start, *stop, *step; /* each may be NULL */
        } slice;
        struct pf_jinja_nodes items; /* LIST, TUPLE, CONCAT; DICT: key, value, key, value... */
        struct {
            struct pf_jinja_node *left, *right;
        } binary;                      /* BINOP, AND, OR */
        struct pf_jinja_node *operand; /* NEG, POS, NOT, PRINT */
        struct {
            struct pf_jinja_node *first;
            uint8_t *ops; /* enum pf_jinja_op, operands.count of them */
            struct pf_jinja_nodes operands;
        } compare;
        struct {
            struct pf_jinja_node *test, *then, *otherwise; /* otherwise may be NULL */
        } cond;
        struct {
            struct pf_jinja_node *target; /* NULL in a filter block: the block's output */
            struct pf_str name;
            pf_jinja_filter_fn fn;
            struct pf_jinja_args args;
        } filter; /* FILTER, TEST */
        struct {
            struct pf_jinja_node *callee;
            struct pf_jinja_args args;
        } call;
        struct pf_str text; /* TEXT */
        struct {
            struct pf_jinja_node *test;
            struct pf_jinja_nodes body, else_body; /* elif is an IF alone in else_body */
        } if_;
        struct {
            struct pf_jinja_node *target; /* NAME or TUPLE of NAMEs */
            struct pf_jinja_node *iter;
            struct pf_jinja_node *filter; /* `if` condition, or NULL */
            struct pf_jinja_nodes body, else_body;
        } for_;
        struct {
            struct pf_jinja_node *target; /* NAME, TUPLE of NAMEs, or NSREF */
            struct pf_jinja_node *value;  /* SET */
            struct pf_jinja_nodes body;   /* SET_BLOCK */
            struct pf_jinja_node *filter; /* SET_BLOCK: filter chain over the body, or NULL */
        } set;
        struct {
            struct pf_str name;
            struct pf_str *params;
            struct pf_jinja_node **defaults; /* per param, NULL when none */
            size_t param_count;
            struct pf_jinja_nodes body;
            bool uses_caller, uses_varargs, uses_kwargs;
        } macro; /* MACRO; CALL_BLOCK keeps its caller here and the call in call_expr */
        struct {
            struct pf_jinja_node *template_name;
            bool ignore_missing;
            bool with_context;
            struct pf_str target;   /* IMPORT ... as target (empty for from-import) */
            struct pf_str *names;   /* from-import: the names imported ... */
            struct pf_str *aliases; /* ... and what they are bound to */
            size_t name_count;
        } include; /* INCLUDE, IMPORT */
        struct {
            struct pf_str *names;
            struct pf_jinja_nodes values;
            struct pf_jinja_nodes body;
        } with;
        struct {
            struct pf_jinja_node *chain; /* FILTER nodes, innermost target NULL */
            struct pf_jinja_nodes body;
        } filter_block;
    } as;
    struct pf_jinja_node *call_expr; /* CALL_BLOCK: the macro call */
};

struct pf_jinja_template {
    char *name;             /* heap */
    struct pf_arena *arena; /* owns the source copy, tokens and nodes */
    struct pf_str source;   /* normalised: \r\n and \r became \n, one trailing \n dropped */
    struct pf_jinja_nodes body;
};

/* Parses tokens into tmpl->body. PF_E_TEMPLATE / PF_E_TOO_BIG with the position in err. */
PF_MUST_CHECK pf_status pf_jinja_parse(struct pf_jinja_template *tmpl,
                                       const struct pf_jinja_token *tokens, size_t count,
                                       struct pf_error *err);

/* Fills err with "name:line:col: message" for byte offset in tmpl's source, returns st. */
pf_status pf_jinja_error_at(const struct pf_jinja_template *tmpl, uint32_t offset,
                            struct pf_error *err, pf_status st, const char *fmt, ...)
    PF_PRINTF(5, 6);
pf_status pf_jinja_error_atv(const struct pf_jinja_template *tmpl, uint32_t offset,
                             struct pf_error *err, pf_status st, const char *fmt, va_list ap)
    PF_PRINTF(5, 0);

/* Filters and tests by name, NULL when unknown. */
pf_jinja_filter_fn pf_jinja_filter_find(struct pf_str name);
pf_jinja_filter_fn pf_jinja_test_find(struct pf_str name);

/* Render-time. */

enum pf_jinja_callable_type {
    PF_JC_MACRO,  /* a macro, or the caller of a call block */
    PF_JC_GLOBAL, /* range, dict, namespace, joiner, cycler */
    PF_JC_METHOD, /* a bound method: self.name(...) */
    PF_JC_JOINER, /* the object joiner() returns */
    PF_JC_CYCLER, /* the object cycler() returns */
};

struct pf_jinja_callable {
    uint8_t type;                         /* enum pf_jinja_callable_type */
    int id;                               /* GLOBAL/METHOD: which one */
    struct pf_jinja_value self;           /* METHOD: the receiver; CYCLER: the items */
    const struct pf_jinja_node *macro;    /* MACRO: the MACRO or CALL_BLOCK node */
    const struct pf_jinja_template *tmpl; /* where macro lives */
    struct pf_jinja_frame *closure;       /* MACRO: the scope it was defined in */
    struct pf_jinja_value caller;         /* MACRO: the caller a call block passes */
    size_t counter;                       /* JOINER: calls so far; CYCLER: position */
    struct pf_str text;                   /* JOINER: the separator */
};

struct pf_jinja_loop {
    size_t index0;
    size_t length;
    const struct pf_jinja_value *items; /* the (filtered) items, length of them; NULL for ranges */
    struct pf_jinja_range range;        /* the range iterated when items is NULL */
    struct pf_jinja_value last_changed; /* loop.changed() state */
    bool has_changed;
};

struct pf_jinja_var {
    struct pf_str name;
    struct pf_jinja_value value;
};

/* A scope: a for-loop iteration, a macro call, an include, a with block, or the template. */
struct pf_jinja_frame {
    struct pf_jinja_frame *parent;
    bool isolated;             /* an include without context: lookups skip the render's variables */
    struct pf_jinja_var *vars; /* arena */
    size_t count, cap;
};

struct pf_jinja_include {
    struct pf_str name;
    struct pf_jinja_template *tmpl; /* owned by the state, freed when the render ends */
};

struct pf_jinja_state {
    const struct pf_jinja_env *env;
    struct pf_arena *arena;               /* every value built while rendering */
    struct pf_buf *out;                   /* where output goes now (a capture buffer in macros) */
    const struct pf_jinja_template *tmpl; /* the template being executed, for error positions */
    struct pf_error *err;
    struct pf_jinja_dict *context; /* the render's variables */
    uint64_t steps;
    uint32_t depth;     /* macro/call/include nesting */
    uint32_t recursion; /* C recursion of the evaluator, bounding the stack */
    size_t output_max;
    size_t memory_max;
    int64_t deadline_ns;
    struct pf_jinja_include *includes; /* compiled includes, compiled once per render */
    size_t include_count, include_cap;
};

/* Evaluates an expression node in frame (jinja_expr.c). */
PF_MUST_CHECK pf_status pf_jinja_eval(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                                      const struct pf_jinja_node *node, struct pf_jinja_value *out);
/* Evaluates a filter chain whose innermost target is NULL on input (filter blocks). */
PF_MUST_CHECK pf_status pf_jinja_eval_filter(struct pf_jinja_state *state,
                                             struct pf_jinja_frame *frame,
                                             const struct pf_jinja_node *node,
                                             const struct pf_jinja_value *input,
                                             struct pf_jinja_value *out);
/* Invokes a macro (or a call block's caller) with evaluated arguments; caller may be NULL
 * (jinja_eval.c). */
PF_MUST_CHECK pf_status pf_jinja_call_macro(
    struct pf_jinja_state *state, const struct pf_jinja_node *node,
    const struct pf_jinja_callable *macro, const struct pf_jinja_value *args, size_t arg_count,
    const struct pf_str *names, const struct pf_jinja_value *kw_values, size_t kw_count,
    const struct pf_jinja_value *caller, struct pf_jinja_value *out);
/* Looks name up through the frames, the render's variables and the globals. */
struct pf_jinja_value pf_jinja_lookup(struct pf_jinja_state *state,
                                      const struct pf_jinja_frame *frame,
                                      const struct pf_jinja_node *node, struct pf_str name);
/* The error for using an undefined value where Jinja2 raises UndefinedError. */
pf_status pf_jinja_undefined_error(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                   struct pf_jinja_value value);
/* Python's `item in container`. */
PF_MUST_CHECK pf_status pf_jinja_contains(struct pf_jinja_state *state,
                                          const struct pf_jinja_node *node,
                                          struct pf_jinja_value container,
                                          struct pf_jinja_value item, bool *out_result);
/* Python's `%` string formatting (also the format filter): fmt % args. */
PF_MUST_CHECK pf_status pf_jinja_percent_format(struct pf_jinja_state *state,
                                                const struct pf_jinja_node *node,
                                                struct pf_jinja_value fmt,
                                                const struct pf_jinja_value *args, size_t arg_count,
                                                struct pf_jinja_value *out);

/* String helpers shared by filters and str methods (jinja_filters.c). */
enum pf_jinja_case {
    PF_JCASE_UPPER,
    PF_JCASE_LOWER,
    PF_JCASE_CAPITALIZE, /* str.capitalize() */
    PF_JCASE_TITLE,      /* Jinja's title filter */
    PF_JCASE_PY_TITLE,   /* str.title() */
};
/* Python's str.isspace() for one code point. */
bool pf_jinja_is_space(uint32_t cp);
PF_MUST_CHECK pf_status pf_jinja_case(struct pf_jinja_state *state,
                                      const struct pf_jinja_node *node, struct pf_jinja_value in,
                                      enum pf_jinja_case mode, struct pf_jinja_value *out);
/* str.strip/lstrip/rstrip: chars NULL strips whitespace; left/right pick the ends. */
PF_MUST_CHECK pf_status pf_jinja_strip(struct pf_jinja_state *state,
                                       const struct pf_jinja_node *node, struct pf_jinja_value in,
                                       const struct pf_jinja_value *chars, bool left, bool right,
                                       struct pf_jinja_value *out);
/* str.replace(old, new[, count]); count < 0 replaces all. */
PF_MUST_CHECK pf_status pf_jinja_replace(struct pf_jinja_state *state,
                                         const struct pf_jinja_node *node, struct pf_str text,
                                         struct pf_str old, struct pf_str new_text, int64_t count,
                                         bool safe, struct pf_jinja_value *out);
/* str.split([sep[, maxsplit]]): sep NULL splits on whitespace runs. */
PF_MUST_CHECK pf_status pf_jinja_split(struct pf_jinja_state *state,
                                       const struct pf_jinja_node *node, struct pf_str text,
                                       const struct pf_str *sep, int64_t maxsplit,
                                       struct pf_jinja_value *out);
/* Sequence filters and tests live in their own files; these find them by name. */
pf_jinja_filter_fn pf_jinja_seq_filter_find(struct pf_str name);
pf_jinja_filter_fn pf_jinja_num_filter_find(struct pf_str name);

/* Counts one evaluation step and enforces the steps, memory and time limits. */
PF_MUST_CHECK pf_status pf_jinja_step(struct pf_jinja_state *state,
                                      const struct pf_jinja_node *node);
/* Records a runtime error at node in state->err and returns st. */
pf_status pf_jinja_fail(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                        pf_status st, const char *fmt, ...) PF_PRINTF(4, 5);
/* PF_E_TOO_BIG naming the memory limit when bytes more would pass it. */
PF_MUST_CHECK pf_status pf_jinja_reserve(struct pf_jinja_state *state,
                                         const struct pf_jinja_node *node, size_t bytes);

/* Value constructors and helpers (jinja_value.c). */
struct pf_jinja_value pf_jv_undefined(const struct pf_jinja_node *at);
struct pf_jinja_value pf_jv_none(void);
struct pf_jinja_value pf_jv_bool(bool value);
struct pf_jinja_value pf_jv_int(int64_t value);
struct pf_jinja_value pf_jv_float(double value);
struct pf_jinja_value pf_jv_str(struct pf_str str, bool safe);
/* A string copied into the arena. */
struct pf_jinja_value pf_jv_str_copy(struct pf_arena *arena, const char *ptr, size_t len,
                                     bool safe);
struct pf_jinja_value pf_jv_list(struct pf_arena *arena, size_t cap, bool tuple);
struct pf_jinja_value pf_jv_dict(struct pf_arena *arena, size_t cap);
void pf_jv_list_push(struct pf_arena *arena, struct pf_jinja_list *list,
                     struct pf_jinja_value item);
/* Sets key to value (replacing an equal key). Keys must be hashable (checked by callers). */
void pf_jv_dict_set(struct pf_arena *arena, struct pf_jinja_dict *dict, struct pf_jinja_value key,
                    struct pf_jinja_value value);
/* The value at key, or NULL. */
const struct pf_jinja_value *pf_jv_dict_get(const struct pf_jinja_dict *dict,
                                            struct pf_jinja_value key);
const struct pf_jinja_value *pf_jv_dict_get_str(const struct pf_jinja_dict *dict,
                                                struct pf_str key);
/* A deep conversion of json into values (strings borrow json's memory). */
struct pf_jinja_value pf_jv_from_json(struct pf_arena *arena, const json_t *json);
bool pf_jv_is_hashable(struct pf_jinja_value value);

bool pf_jv_truthy(struct pf_jinja_value value);
bool pf_jv_is_number(struct pf_jinja_value value); /* bool, int or float (Python Number) */
double pf_jv_to_double(struct pf_jinja_value value);
/* Python ==. */
bool pf_jv_equal(struct pf_jinja_value a, struct pf_jinja_value b);
/* Python ordering (<): PF_OK with *out_cmp -1/0/1, or PF_E_TEMPLATE for unorderable types. */
PF_MUST_CHECK pf_status pf_jv_compare(struct pf_jinja_value a, struct pf_jinja_value b,
                                      int *out_cmp);
/* Python's type name of value ("int", "str", "dict"...). */
const char *pf_jv_type_name(struct pf_jinja_value value);
/* The Jinja kind name used in messages: "dict object", "list object"... */
const char *pf_jv_object_name(struct pf_jinja_value value);

/* str(value) appended to buf (as Jinja prints it); repr(value) appended to buf. */
void pf_jv_write_str(struct pf_buf *buf, struct pf_jinja_value value);
void pf_jv_write_repr(struct pf_buf *buf, struct pf_jinja_value value);
/* Python repr of a float. */
void pf_jv_write_float(struct pf_buf *buf, double value);

/* Code points in a UTF-8 string (invalid bytes count one each). */
size_t pf_jv_utf8_len(struct pf_str str);
/* Byte offset of code point index cp (clamped to len). */
size_t pf_jv_utf8_offset(struct pf_str str, size_t cp);

/* The length of a sized value; false when it has none. */
bool pf_jv_length(struct pf_jinja_value value, size_t *out_len);
/* Materialises an iterable as items: lists as they are, strings as characters, dicts as keys,
 * ranges as integers, undefined as nothing. PF_E_TEMPLATE when value is not iterable, TOO_BIG
 * past the memory limit. */
PF_MUST_CHECK pf_status pf_jv_iterate(struct pf_jinja_state *state,
                                      const struct pf_jinja_node *node, struct pf_jinja_value value,
                                      struct pf_jinja_value **out_items, size_t *out_count);

/* The result of finishing a string buffer: the bytes copied to the arena, or TOO_BIG/ the
 * error at node when buf overflowed. buf is reset either way. */
PF_MUST_CHECK pf_status pf_jv_finish_str(struct pf_jinja_state *state,
                                         const struct pf_jinja_node *node, struct pf_buf *buf,
                                         bool safe, struct pf_jinja_value *out);
/* An empty string buffer bounded by the memory left. */
void pf_jv_buf_init(struct pf_jinja_state *state, struct pf_buf *buf);

/* Escaping with the environment's autoescape (HTML when none is set: Jinja's escape()). */
void pf_jinja_escape_into(const struct pf_jinja_state *state, struct pf_buf *buf,
                          struct pf_str text);
/* escape(value): markup-safe strings pass, others are escaped into a new safe string. */
PF_MUST_CHECK pf_status pf_jinja_escape_value(struct pf_jinja_state *state,
                                              const struct pf_jinja_node *node,
                                              struct pf_jinja_value in, struct pf_jinja_value *out);
/* str(value) as a string value (safe strings stay safe). */
PF_MUST_CHECK pf_status pf_jinja_to_string(struct pf_jinja_state *state,
                                           const struct pf_jinja_node *node,
                                           struct pf_jinja_value in, struct pf_jinja_value *out);

/* Attribute and item access with Jinja's fallbacks. */
PF_MUST_CHECK pf_status pf_jinja_getattr(struct pf_jinja_state *state,
                                         const struct pf_jinja_node *node,
                                         struct pf_jinja_value obj, struct pf_str name,
                                         struct pf_jinja_value *out);
PF_MUST_CHECK pf_status pf_jinja_getitem(struct pf_jinja_state *state,
                                         const struct pf_jinja_node *node,
                                         struct pf_jinja_value obj, struct pf_jinja_value key,
                                         struct pf_jinja_value *out);

/* Calls callee (macro, global, method) with evaluated arguments. */
PF_MUST_CHECK pf_status pf_jinja_call_value(
    struct pf_jinja_state *state, const struct pf_jinja_node *node, struct pf_jinja_value callee,
    const struct pf_jinja_value *args, size_t arg_count, const struct pf_str *names,
    const struct pf_jinja_value *kw_values, size_t kw_count, struct pf_jinja_value *out);
/* Global functions (range, dict, namespace, joiner, cycler) by name; false when unknown. */
bool pf_jinja_global_find(struct pf_str name, struct pf_jinja_value *out, struct pf_arena *arena);
/* The bound method name of obj (str/dict/loop methods); false when there is none. */
bool pf_jinja_method_find(struct pf_arena *arena, struct pf_jinja_value obj, struct pf_str name,
                          struct pf_jinja_value *out);
PF_MUST_CHECK pf_status pf_jinja_call_builtin(struct pf_jinja_state *state,
                                              const struct pf_jinja_node *node,
                                              const struct pf_jinja_callable *callable,
                                              const struct pf_jinja_value *args, size_t arg_count,
                                              const struct pf_str *names,
                                              const struct pf_jinja_value *kw_values,
                                              size_t kw_count, struct pf_jinja_value *out);

/* Binary arithmetic with Python semantics (the evaluator and the sum filter share it). */
PF_MUST_CHECK pf_status pf_jinja_binop(struct pf_jinja_state *state,
                                       const struct pf_jinja_node *node, enum pf_jinja_op op,
                                       struct pf_jinja_value left, struct pf_jinja_value right,
                                       struct pf_jinja_value *out);
/* Runs the test fn (from pf_jinja_test_find) on value with args; *out_result its truth. */
PF_MUST_CHECK pf_status pf_jinja_run_test(struct pf_jinja_state *state,
                                          const struct pf_jinja_node *node, pf_jinja_filter_fn fn,
                                          struct pf_jinja_value value,
                                          const struct pf_jinja_value *args, size_t arg_count,
                                          bool *out_result);

/* Looks up a dotted attribute path ("a.b", or an integer index) as filters do with
 * attribute=...: missing parts give undefined. */
PF_MUST_CHECK pf_status pf_jinja_attr_path(struct pf_jinja_state *state,
                                           const struct pf_jinja_node *node,
                                           struct pf_jinja_value obj, struct pf_str path,
                                           struct pf_jinja_value *out);

/* Keyword/positional argument helpers for filters: the argument at position pos or named
 * name, or NULL. */
const struct pf_jinja_value *pf_jinja_arg(const struct pf_jinja_value *args, size_t arg_count,
                                          const struct pf_str *names,
                                          const struct pf_jinja_value *kw_values, size_t kw_count,
                                          size_t pos, const char *name);

#endif
