/* `personaforge kb`: knowledge-base extraction, matching, job-description skills and stats. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "cli/cli.h"
#include "kb/kb.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"
#include "kb/kb_jd.h"
#include "kb/kb_match.h"
#include "kb/kb_question.h"

#define KB_USAGE                                                                                   \
    "extract FILE.json [--raw-text FILE] [--as-of YYYY-MM] [--cv-id ID]\n"                        \
    "       personaforge kb match TEXTFILE [--all] [--skill-list]\n"                               \
    "       personaforge kb jd TEXTFILE\n"                                                         \
    "       personaforge kb stats"

#define KB_FILE_LIMIT (16u * 1024u * 1024u) /* bytes of one input file */

static int print_json(struct pf_cli *cli, json_t *json)
{
    struct pf_error err = PF_ERROR_INIT;
    char *text = json_dumps(json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    size_t len = strlen(text);
    text = realloc(text, len + 2);
    text[len] = '\n';
    pf_status st = pf_cli_write_output("-", text, len + 1, &err);
    free(text);
    return st == PF_OK ? PF_EXIT_OK : pf_cli_fail(cli, st, &err);
}

static int read_text(struct pf_cli *cli, const char *path, struct pf_buf *buf)
{
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_buf_read_file(buf, path, &err);
    if (st != PF_OK)
        return pf_cli_fail(cli, st, &err);
    if (!pf_utf8_valid(buf->ptr, buf->len)) {
        pf_error_set(&err, PF_E_INVALID, "%s is not valid UTF-8 text", path);
        return pf_cli_fail(cli, PF_E_INVALID, &err);
    }
    return PF_EXIT_OK;
}

static json_t *match_json(const struct pf_kb *kb, struct pf_str text,
                          const struct pf_kb_matches *matches)
{
    json_t *items = json_array();
    for (size_t i = 0; i < matches->count; i++) {
        const struct pf_kb_match *m = &matches->items[i];
        json_t *item = json_object();
        json_object_set_new(item, "concept", json_string(pf_kb_concept_name(kb, m->concept)));
        json_object_set_new(item, "category",
                            json_string(pf_kb_category_name(pf_kb_concept_category(kb, m->concept))));
        json_object_set_new(item, "start", json_integer(m->start));
        json_object_set_new(item, "end", json_integer(m->end));
        json_object_set_new(item, "text",
                            pf_json_string_str(pf_str_make(text.ptr + m->start, m->end - m->start)));
        json_object_set_new(item, "confidence", json_real((double)((int)(m->confidence * 100.0f + 0.5f)) / 100.0));
        json_object_set_new(item, "why", json_string(pf_kb_match_why_name(m->why)));
        json_array_append_new(items, item);
    }
    json_t *out = json_object();
    json_object_set_new(out, "matches", items);
    return out;
}

static int kb_match_cmd(struct pf_cli *cli, const struct pf_kb *kb, int argc, char **argv)
{
    const char *path = NULL;
    unsigned flags = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0)
            flags |= PF_KB_MATCH_ALL;
        else if (strcmp(argv[i], "--skill-list") == 0)
            flags |= PF_KB_MATCH_SKILL_LIST;
        else if (strcmp(argv[i], "--keep-rejected") == 0)
            flags |= PF_KB_MATCH_KEEP_REJECTED;
        else if (argv[i][0] == '-' || path)
            return pf_cli_usage(cli, KB_USAGE);
        else
            path = argv[i];
    }
    if (!path)
        return pf_cli_usage(cli, KB_USAGE);
    struct pf_buf buf = PF_BUF_INIT(KB_FILE_LIMIT);
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    int rc = read_text(cli, path, &buf);
    if (rc != PF_EXIT_OK)
        goto done;
    struct pf_str text = pf_buf_view(&buf);
    pf_status st = pf_kb_match(kb, text, flags, &matches, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    json_t *json = match_json(kb, text, &matches);
    rc = print_json(cli, json);
    json_decref(json);
done:
    pf_kb_matches_fini(&matches);
    pf_buf_fini(&buf);
    return rc;
}

static bool parse_as_of(const char *text, int *out_year, int *out_month)
{
    int64_t year;
    int64_t month;
    if (!text || strlen(text) != 7 || text[4] != '-')
        return false;
    if (!pf_parse_i64(pf_str_make(text, 4), 1900, 2200, &year) ||
        !pf_parse_i64(pf_str_make(text + 5, 2), 1, 12, &month))
        return false;
    *out_year = (int)year;
    *out_month = (int)month;
    return true;
}

static int kb_extract_cmd(struct pf_cli *cli, const struct pf_kb *kb, int argc, char **argv)
{
    const char *path = NULL;
    const char *raw_path = NULL;
    struct pf_kb_extract_opts opts = {0};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--raw-text") == 0 && i + 1 < argc) {
            raw_path = argv[++i];
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            if (!parse_as_of(argv[++i], &opts.as_of_year, &opts.as_of_month)) {
                fprintf(stderr, "personaforge %s: --as-of takes YYYY-MM\n", cli->name);
                return PF_EXIT_INPUT;
            }
        } else if (strcmp(argv[i], "--cv-id") == 0 && i + 1 < argc) {
            opts.cv_id = argv[++i];
        } else if (argv[i][0] == '-' || path) {
            return pf_cli_usage(cli, KB_USAGE);
        } else {
            path = argv[i];
        }
    }
    if (!path)
        return pf_cli_usage(cli, KB_USAGE);
    struct pf_buf doc = PF_BUF_INIT(KB_FILE_LIMIT);
    struct pf_buf raw = PF_BUF_INIT(KB_FILE_LIMIT);
    struct pf_error err = PF_ERROR_INIT;
    json_t *resume = NULL;
    json_t *out = NULL;
    struct pf_kb_entries entries;
    struct pf_kb_questions questions;
    pf_kb_entries_init(&entries, cli->arena);
    pf_kb_questions_init(&questions, cli->arena);
    int rc = read_text(cli, path, &doc);
    if (rc != PF_EXIT_OK)
        goto done;
    if (raw_path) {
        rc = read_text(cli, raw_path, &raw);
        if (rc != PF_EXIT_OK)
            goto done;
        opts.raw_text = pf_buf_view(&raw);
    }
    pf_status st = pf_json_parse(pf_buf_view(&doc), 64, &resume, &err);
    if (st == PF_OK)
        st = pf_kb_extract_cv(kb, resume, &opts, &entries, &err);
    if (st == PF_OK)
        st = pf_kb_infer(kb, resume, &opts, &entries, &err);
    if (st == PF_OK)
        st = pf_kb_questions_generate(kb, resume, &entries, &opts, &questions, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    out = json_object();
    json_object_set_new(out, "entries", pf_kb_entries_to_json(&entries));
    json_object_set_new(out, "questions", pf_kb_questions_to_json(&questions));
    rc = print_json(cli, out);
done:
    json_decref(out);
    json_decref(resume);
    pf_buf_fini(&doc);
    pf_buf_fini(&raw);
    return rc;
}

static int kb_jd_cmd(struct pf_cli *cli, const struct pf_kb *kb, int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-')
        return pf_cli_usage(cli, KB_USAGE);
    struct pf_buf buf = PF_BUF_INIT(KB_FILE_LIMIT);
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_jd jd;
    int rc = read_text(cli, argv[0], &buf);
    if (rc != PF_EXIT_OK)
        goto done;
    pf_status st = pf_kb_jd_extract(kb, pf_buf_view(&buf), cli->arena, &jd, &err);
    if (st != PF_OK) {
        rc = pf_cli_fail(cli, st, &err);
        goto done;
    }
    json_t *json = pf_kb_jd_to_json(kb, pf_buf_view(&buf), &jd);
    rc = print_json(cli, json);
    json_decref(json);
done:
    pf_buf_fini(&buf);
    return rc;
}

static int kb_stats_cmd(struct pf_cli *cli, const struct pf_kb *kb)
{
    struct pf_kb_stats stats;
    pf_kb_get_stats(kb, &stats);
    json_t *json = json_object();
    json_object_set_new(json, "concepts", json_integer((json_int_t)stats.concepts));
    json_t *by = json_object();
    for (int c = 0; c < PF_KB_CATEGORY_COUNT; c++)
        json_object_set_new(by, pf_kb_category_name((enum pf_kb_category)c),
                            json_integer((json_int_t)stats.by_category[c]));
    json_object_set_new(json, "by_category", by);
    json_object_set_new(json, "aliases", json_integer((json_int_t)stats.aliases));
    json_object_set_new(json, "patterns", json_integer((json_int_t)stats.patterns));
    json_object_set_new(json, "implies", json_integer((json_int_t)stats.implies));
    json_object_set_new(json, "tokens", json_integer((json_int_t)stats.tokens));
    json_object_set_new(json, "trie_nodes", json_integer((json_int_t)stats.trie_nodes));
    json_object_set_new(json, "context_rules", json_integer((json_int_t)stats.context_rules));
    json_object_set_new(json, "memory_bytes", json_integer((json_int_t)stats.memory_bytes));
    json_object_set_new(json, "build_ms", json_real(stats.build_ms));
    int rc = print_json(cli, json);
    json_decref(json);
    return rc;
}

int pf_cli_kb(struct pf_cli *cli, int argc, char **argv)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    int rc;
    if (argc < 2)
        return pf_cli_usage(cli, KB_USAGE);
    const char *sub = argv[1];
    if (strcmp(sub, "match") != 0 && strcmp(sub, "stats") != 0 && strcmp(sub, "extract") != 0 &&
        strcmp(sub, "jd") != 0)
        return pf_cli_usage(cli, KB_USAGE);
    pf_status st = pf_kb_new(&kb, &err);
    if (st != PF_OK)
        return pf_cli_fail(cli, st, &err);
    if (strcmp(sub, "match") == 0)
        rc = kb_match_cmd(cli, kb, argc - 2, argv + 2);
    else if (strcmp(sub, "extract") == 0)
        rc = kb_extract_cmd(cli, kb, argc - 2, argv + 2);
    else if (strcmp(sub, "jd") == 0)
        rc = kb_jd_cmd(cli, kb, argc - 2, argv + 2);
    else
        rc = kb_stats_cmd(cli, kb);
    pf_kb_free(kb);
    return rc;
}
