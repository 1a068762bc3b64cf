/* The command-line front-end: shared context, exit codes and helpers for every subcommand. */
#ifndef PF_CLI_CLI_H
#define PF_CLI_CLI_H

#include <stdio.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/json.h"
#include "base/log.h"
#include "base/status.h"

/* Exit statuses (ARCHITECTURE §6): success, bad input (one line on stderr), bad usage. */
enum { PF_EXIT_OK = 0, PF_EXIT_INPUT = 1, PF_EXIT_USAGE = 2 };

struct pf_cli_state; /* private to cli.c: the --config path and flags seen so far */

/* What a subcommand gets. The command owns nothing here; main frees it all. */
struct pf_cli {
    const char *name;        /* the subcommand, e.g. "parse" */
    struct pf_config *config; /* defaults + file + env + flags, loaded by pf_cli_load_config */
    struct pf_arena *arena;  /* command-scoped memory */
    struct pf_log_ctx log;   /* command= context for log lines */
    struct pf_cli_state *state;
};

typedef int (*pf_cli_fn)(struct pf_cli *cli, int argc, char **argv);

#define PF_COMMAND(name, fn, summary) int fn(struct pf_cli *cli, int argc, char **argv);
#include "cli/commands.def"
#undef PF_COMMAND

/* Runs `personaforge ARGS`; returns the process exit status. */
int pf_cli_main(int argc, char **argv);

/* Prints "personaforge NAME: <message>" on stderr for st/err and returns PF_EXIT_INPUT
 * (or PF_EXIT_USAGE for PF_E_USAGE). */
int pf_cli_fail(struct pf_cli *cli, pf_status st, const struct pf_error *err);
/* Prints the usage line on stderr and returns PF_EXIT_USAGE. */
int pf_cli_usage(struct pf_cli *cli, const char *usage);

/* Recognises the options every command accepts and records them:
 *   --config FILE, --database URL, --data-dir DIR, --listen HOST:PORT, --log-level L,
 *   --set NAME=VALUE (any setting).
 * Returns the number of argv entries consumed at argv[0] (0: not a common option, -1: a common
 * option missing its value). */
int pf_cli_common_option(struct pf_cli *cli, int argc, char **argv);
/* Applies, in order of precedence: the config file (if --config or PF_CONFIG named one),
 * PF_* environment, then the recorded flags. Returns PF_EXIT_OK or prints and returns
 * PF_EXIT_INPUT. */
int pf_cli_load_config(struct pf_cli *cli);

/* For commands that take only the common options: parses argv[1..] and loads the config.
 * Returns PF_EXIT_OK or the exit status of the usage/config error already reported. */
int pf_cli_parse_common_only(struct pf_cli *cli, int argc, char **argv, const char *usage_line);

/* Reads path ("-": standard input) into out, bounded by max bytes: a bigger file is PF_E_TOO_BIG
 * naming the setting limit. out is initialised here; the caller finalises it. */
PF_MUST_CHECK pf_status pf_cli_read_file(const char *path, size_t max, const char *limit,
                                         struct pf_buf *out, struct pf_error *err);
/* Reads path as JSON (at most limit_json_body bytes, limit_json_depth deep) into *out_json;
 * errors name the file. */
PF_MUST_CHECK pf_status pf_cli_load_json(struct pf_cli *cli, const char *path, json_t **out_json,
                                         struct pf_error *err);

/* Writes len bytes to path ("-" = stdout) atomically: a temporary file renamed into place,
 * so a failure never leaves a half-written output. */
PF_MUST_CHECK pf_status pf_cli_write_output(const char *path, const void *data, size_t len,
                                            struct pf_error *err);

#endif
