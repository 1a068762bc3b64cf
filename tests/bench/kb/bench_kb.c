/* Benchmark of the kb matcher: taxonomy build time and memory, and matching throughput over a
 * text corpus against a tokeniser-only pass and a plain byte scan measured in the same run.
 *   bench_kb [CORPUS_FILE] [MIN_MEGABYTES]
 * Times are thread CPU time. Prints key=value lines; run.sh turns them into the report table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "kb/kb.h"
#include "kb/kb_match.h"
#include "kb/kb_text.h"

/* CPU time of this thread: the machine is shared, so wall time would measure the neighbours. */
static int64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long rss_kib(void)
{
    FILE *file = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    while (file && fgets(line, sizeof(line), file)) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            value = strtol(line + 6, NULL, 10);
            break;
        }
    }
    if (file)
        fclose(file);
    return value;
}

static const char fallback[] =
    "Senior Data Engineer. We use Python, SQL, dbt and Snowflake on AWS; Airflow or Dagster for "
    "orchestration, Terraform for infrastructure, Kafka for streaming. Nice to have: Go, Rust, "
    "Kubernetes, Docker, Looker or Power BI. You will mentor engineers, collaborate with "
    "stakeholders and lead the migration of legacy ETL jobs to a lakehouse on Databricks.\n";

/* Splits text into documents at blank-line runs of at least 3 newlines or every 16 KiB. */
static double run_matcher(const struct pf_kb *kb, struct pf_str text, size_t rounds,
                          size_t *out_matches)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    size_t total = 0;
    int64_t started = cpu_ns();
    for (size_t r = 0; r < rounds; r++) {
        size_t pos = 0;
        while (pos < text.len) {
            size_t len = text.len - pos > 16384 ? 16384 : text.len - pos;
            while (pos + len < text.len && len < 20000 && text.ptr[pos + len] != '\n')
                len++;
            if (pf_kb_match(kb, pf_str_make(text.ptr + pos, len), 0, &matches, &err) != PF_OK)
                abort();
            total += matches.count;
            pos += len;
        }
    }
    double seconds = (double)(cpu_ns() - started) / 1e9;
    pf_kb_matches_fini(&matches);
    *out_matches = total;
    return seconds;
}

static double run_tokenizer(struct pf_str text, size_t rounds, size_t *out_tokens)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX];
    size_t tokens = 0;
    int64_t started = cpu_ns();
    for (size_t r = 0; r < rounds; r++) {
        pf_kb_tokenizer_init(&tz, text);
        while (pf_kb_tokenizer_next(&tz, &token, norm))
            tokens += token.norm_len > 0;
    }
    *out_tokens = tokens;
    return (double)(cpu_ns() - started) / 1e9;
}

static double run_scan(struct pf_str text, size_t rounds, size_t *out_lines)
{
    size_t lines = 0;
    int64_t started = cpu_ns();
    for (size_t r = 0; r < rounds; r++) {
        const char *p = text.ptr;
        const char *end = text.ptr + text.len;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            lines++;
            p++;
        }
    }
    *out_lines = lines;
    return (double)(cpu_ns() - started) / 1e9;
}

int main(int argc, char **argv)
{
    struct pf_buf corpus = PF_BUF_INIT((size_t)512 * 1024 * 1024);
    struct pf_error err = PF_ERROR_INIT;
    double min_mb = argc > 2 ? strtod(argv[2], NULL) : 64.0;
    if (argc > 1 && pf_buf_read_file(&corpus, argv[1], &err) != PF_OK) {
        fprintf(stderr, "bench_kb: %s\n", pf_error_message(&err));
        return 1;
    }
    if (corpus.len == 0) {
        for (int i = 0; i < 2000; i++)
            pf_buf_puts(&corpus, fallback);
    }
    struct pf_str text = pf_buf_view(&corpus);

    double build_ms[5];
    long rss_before = rss_kib();
    struct pf_kb *kb = NULL;
    for (int i = 0; i < 5; i++) {
        pf_kb_free(kb);
        kb = NULL;
        if (pf_kb_new(&kb, &err) != PF_OK) {
            fprintf(stderr, "bench_kb: %s\n", pf_error_message(&err));
            return 1;
        }
        struct pf_kb_stats stats;
        pf_kb_get_stats(kb, &stats);
        build_ms[i] = stats.build_ms;
    }
    long rss_after = rss_kib();
    struct pf_kb_stats stats;
    pf_kb_get_stats(kb, &stats);
    double best_build = build_ms[0];
    for (int i = 1; i < 5; i++)
        best_build = build_ms[i] < best_build ? build_ms[i] : best_build;

    size_t rounds = (size_t)(min_mb * 1024 * 1024 / (double)text.len) + 1;
    size_t matches = 0;
    size_t tokens = 0;
    size_t lines = 0;
    double mb = (double)text.len * (double)rounds / (1024.0 * 1024.0);
    run_matcher(kb, text, 1, &matches); /* warm-up */
    int64_t wall_started = pf_monotonic_ns();
    double t_match = run_matcher(kb, text, rounds, &matches);
    double t_match_wall = (double)(pf_monotonic_ns() - wall_started) / 1e9;
    double t_token = run_tokenizer(text, rounds, &tokens);
    double t_scan = run_scan(text, rounds, &lines);

    printf("concepts=%zu patterns=%zu tokens=%zu trie_nodes=%zu\n", stats.concepts,
           stats.patterns, stats.tokens, stats.trie_nodes);
    printf("build_ms_best=%.2f build_ms_first=%.2f\n", best_build, build_ms[0]);
    printf("index_bytes=%zu rss_growth_kib=%ld\n", stats.memory_bytes, rss_after - rss_before);
    printf("corpus_bytes=%zu rounds=%zu megabytes=%.1f\n", text.len, rounds, mb);
    printf("match_mb_s=%.1f matches=%zu match_wall_mb_s=%.1f\n", mb / t_match, matches,
           mb / t_match_wall);
    printf("tokenize_mb_s=%.1f tokens=%zu\n", mb / t_token, tokens);
    printf("memchr_mb_s=%.1f lines=%zu\n", mb / t_scan, lines);
    printf("match_vs_tokenize=%.2f match_vs_memchr=%.4f\n", t_token / t_match, t_scan / t_match);
    pf_kb_free(kb);
    pf_buf_fini(&corpus);
    return 0;
}
