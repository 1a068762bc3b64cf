/* The only libmicrohttpd adapter: turns MHD connections into pf_req/pf_resp and back. */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/http_metrics.h"
#include "http/http_route.h"

#define PF_LOG_MODULE "http"

#define SMALL_BODY_LIMIT (64 * 1024) /* bytes accepted for routes that take no body */
#define MULTIPART_OVERHEAD (64 * 1024) /* boundaries and part headers around an upload */
#define MAX_RESPONSE_BYTES ((size_t)64 << 20)

/* Requests are answered by a pool of worker threads, not in libmicrohttpd's I/O threads: an I/O
 * thread serves all its connections, so a slow request (an export, a search, a wait for the
 * database) answered there held up every other connection of that thread, and which connections
 * shared a thread changed with every run. A request that is complete is queued and its
 * connection suspended; a worker answers it and resumes the connection, and the I/O thread
 * sends the answer. Requests that never wait (health, metrics, the OpenAPI document, the web
 * UI's files, 404s) are answered in place. */
struct pf_http_server {
    struct MHD_Daemon *daemon;
    struct pf_app *app;
    struct pf_http_metrics *metrics; /* owned */
    uint16_t port;
    int connection_limit;
    pthread_mutex_t mutex;           /* guards the queue and stopping */
    pthread_cond_t queued;
    struct request_ctx *head, *tail; /* requests waiting for a worker */
    bool stopping;                   /* workers: answer what is queued with 503, then exit */
    int worker_count;
    pthread_t *workers;              /* heap */
};

/* Per-request state between libmicrohttpd's callbacks. */
struct request_ctx {
    struct pf_http_server *server;
    struct pf_arena *arena;  /* the request's memory; freed when MHD reports completion */
    struct pf_buf body;      /* the body as it arrives */
    size_t body_limit;       /* bytes */
    bool too_big;            /* the body passed body_limit: answered 413 */
    bool answered;           /* a response was queued */
    int64_t started_ns;
    int status;              /* the status sent, for the access log */
    size_t bytes_out;
    const struct pf_route *route;
    struct pf_log_ctx log;
    char req_id[40];
    char *method;            /* arena copies for the access log */
    char *path;
    /* A request answered by a worker (see struct pf_http_server). */
    struct MHD_Connection *connection;
    struct request_ctx *next; /* in the queue */
    struct pf_req req;        /* read in the I/O thread before the connection is suspended */
    struct pf_resp resp;      /* written by the worker before it resumes the connection */
    bool dispatched;          /* queued: the next call after resuming sends resp */
};

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char message[512];
    vsnprintf(message, sizeof(message), fmt, ap);
    size_t len = strlen(message);
    if (len && message[len - 1] == '\n')
        message[len - 1] = '\0';
    pf_log_warn(NULL, "libmicrohttpd: %s", message);
}

static size_t body_limit_for(const struct pf_config *config, const struct pf_route *route)
{
    if (!route)
        return SMALL_BODY_LIMIT;
    switch (route->body) {
    case PF_BODY_NONE:
        return SMALL_BODY_LIMIT;
    case PF_BODY_JSON:
        return (size_t)config->limit_json_body;
    case PF_BODY_UPLOAD:
        return (size_t)config->limit_upload_bytes + MULTIPART_OVERHEAD;
    }
    PF_UNREACHABLE();
}

/* A client-supplied request id is echoed only when it is short and plain, so it cannot smuggle
 * text into logs or headers. */
static void choose_request_id(struct MHD_Connection *connection, char out[40])
{
    const char *given = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Request-Id");
    if (given) {
        size_t len = strlen(given);
        bool plain = len > 0 && len < 40;
        for (size_t i = 0; plain && i < len; i++) {
            char ch = given[i];
            plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
        }
        if (plain) {
            memcpy(out, given, len + 1);
            return;
        }
    }
    pf_id_format(pf_id_new(), out);
}

struct kv_collector {
    struct pf_arena *arena;
    struct pf_kv *items;
    size_t count;
    size_t cap;
};

static enum MHD_Result collect_kv(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    struct kv_collector *c = cls;
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        struct pf_kv *grown = pf_arena_alloc(c->arena, cap * sizeof(*grown));
        if (c->count)
            memcpy(grown, c->items, c->count * sizeof(*grown));
        c->items = grown;
        c->cap = cap;
    }
    c->items[c->count].name = pf_arena_strdup(c->arena, key);
    c->items[c->count].value = pf_arena_strdup(c->arena, value ? value : "");
    c->count++;
    return MHD_YES;
}

static const char *client_address(struct MHD_Connection *connection, struct pf_arena *arena,
                                  bool trust_proxy)
{
    if (trust_proxy) {
        const char *forwarded =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Forwarded-For");
        if (forwarded && *forwarded) {
            const char *comma = strchr(forwarded, ',');
            size_t len = comma ? (size_t)(comma - forwarded) : strlen(forwarded);
            return pf_arena_strdup_str(arena, pf_str_trim(pf_str_make(forwarded, len)));
        }
    }
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "-";
    if (info && info->client_addr) {
        const struct sockaddr *addr = info->client_addr;
        if (addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)addr)->sin_addr, text,
                      sizeof(text));
        else if (addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)addr)->sin6_addr,
                      text, sizeof(text));
    }
    return pf_arena_strdup(arena, text);
}

static enum MHD_Result queue(struct MHD_Connection *connection, struct request_ctx *ctx,
                             struct pf_resp *resp)
{
    size_t len = resp->file_data ? resp->file_len : resp->body.len;
    struct MHD_Response *response;
    if (resp->file_data) {
        response = MHD_create_response_from_buffer(len, (void *)resp->file_data,
                                                   MHD_RESPMEM_MUST_COPY);
    } else {
        size_t taken = 0;
        char *data = pf_buf_take(&resp->body, &taken);
        response = MHD_create_response_from_buffer_with_free_callback(taken, data, free);
    }
    if (!response)
        return MHD_NO;
    if (resp->content_type)
        MHD_add_response_header(response, "Content-Type", resp->content_type);
    for (size_t i = 0; i < resp->header_count; i++)
        MHD_add_response_header(response, resp->headers[i].name, resp->headers[i].value);
    enum MHD_Result result = MHD_queue_response(connection, (unsigned)resp->status, response);
    MHD_destroy_response(response);
    ctx->answered = true;
    ctx->status = resp->status;
    ctx->bytes_out = len;
    return result;
}

static enum MHD_Result queue_error(struct MHD_Connection *connection, struct request_ctx *ctx,
                                   pf_status st, const char *message, const char *field)
{
    struct pf_resp resp;
    pf_resp_init(&resp, 64 * 1024);
    pf_resp_error(&resp, st, message, NULL, field);
    pf_resp_header(&resp, "X-Request-Id", ctx->req_id);
    pf_resp_header(&resp, "Connection", "close");
    enum MHD_Result result = queue(connection, ctx, &resp);
    pf_resp_fini(&resp);
    return result;
}

/* Fills ctx->req from the connection (headers, query, client address): libmicrohttpd's
 * connection data is read in its own thread only. */
static void read_request(struct MHD_Connection *connection, struct request_ctx *ctx)
{
    struct pf_http_server *server = ctx->server;
    struct pf_req *req = &ctx->req;
    memset(req, 0, sizeof(*req));
    req->app = server->app;
    req->arena = ctx->arena;
    req->method = ctx->method;
    req->path = ctx->path;
    req->body = pf_buf_view(&ctx->body);
    memcpy(req->req_id, ctx->req_id, sizeof(req->req_id));
    req->log.req_id = ctx->req_id;
    req->client_ip = client_address(connection, ctx->arena, server->app->config->trust_proxy);
    pf_error_clear(&req->err);
    struct kv_collector headers = {ctx->arena, NULL, 0, 0};
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_kv, &headers);
    req->headers = headers.items;
    req->header_count = headers.count;
    struct kv_collector query = {ctx->arena, NULL, 0, 0};
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_kv, &query);
    req->query = query.items;
    req->query_count = query.count;
}

/* Runs ctx->req through the dispatcher into ctx->resp (initialised here). */
static void answer(struct request_ctx *ctx)
{
    pf_resp_init(&ctx->resp, MAX_RESPONSE_BYTES);
    pf_http_dispatch(&ctx->req, &ctx->resp);
    ctx->route = ctx->req.route;
    ctx->log = ctx->req.log;
}

static enum MHD_Result send_answer(struct MHD_Connection *connection, struct request_ctx *ctx)
{
    enum MHD_Result result = queue(connection, ctx, &ctx->resp);
    pf_resp_fini(&ctx->resp);
    return result;
}

/* Requests that never wait for the database or a renderer: answered in the I/O thread. */
static bool answers_in_place(const struct pf_route *route)
{
    return !route || route->handler == api_health_live || route->handler == api_metrics_get ||
           route->handler == api_openapi_get;
}

static void *worker_main(void *arg)
{
    struct pf_http_server *server = arg;
    for (;;) {
        pthread_mutex_lock(&server->mutex);
        while (!server->head && !server->stopping)
            pthread_cond_wait(&server->queued, &server->mutex);
        struct request_ctx *ctx = server->head;
        if (ctx) {
            server->head = ctx->next;
            if (!server->head)
                server->tail = NULL;
        }
        bool stopping = server->stopping;
        pthread_mutex_unlock(&server->mutex);
        if (!ctx)
            break;
        if (stopping) { /* past the shutdown grace: do not start anything new */
            pf_resp_init(&ctx->resp, 64 * 1024);
            pf_resp_error(&ctx->resp, PF_E_SHUTTING_DOWN, "the server is shutting down", NULL,
                          NULL);
            pf_resp_header(&ctx->resp, "Connection", "close");
        } else {
            answer(ctx);
        }
        /* The last touch of ctx: once resumed, the I/O thread sends and frees it. */
        MHD_resume_connection(ctx->connection);
    }
    return NULL;
}

static enum MHD_Result handle_request(struct MHD_Connection *connection, struct request_ctx *ctx)
{
    struct pf_http_server *server = ctx->server;
    if (ctx->dispatched) /* resumed: the worker's answer is ready */
        return send_answer(connection, ctx);
    read_request(connection, ctx);
    if (answers_in_place(ctx->route)) {
        answer(ctx);
        return send_answer(connection, ctx);
    }
    ctx->connection = connection;
    pthread_mutex_lock(&server->mutex);
    bool stopping = server->stopping;
    if (!stopping) {
        ctx->dispatched = true;
        MHD_suspend_connection(connection); /* before a worker can resume it */
        if (server->tail)
            server->tail->next = ctx;
        else
            server->head = ctx;
        server->tail = ctx;
        pthread_cond_signal(&server->queued);
    }
    pthread_mutex_unlock(&server->mutex);
    if (stopping) /* the workers are gone (a keep-alive connection's late request) */
        return queue_error(connection, ctx, PF_E_SHUTTING_DOWN, "the server is shutting down",
                           NULL);
    return MHD_YES;
}

/* Lets the workers finish: what is queued is answered 503, what runs runs to its end. */
static void stop_workers(struct pf_http_server *server)
{
    pthread_mutex_lock(&server->mutex);
    server->stopping = true;
    pthread_cond_broadcast(&server->queued);
    pthread_mutex_unlock(&server->mutex);
    for (int i = 0; i < server->worker_count; i++)
        pthread_join(server->workers[i], NULL);
    server->worker_count = 0;
}

static void free_server(struct pf_http_server *server)
{
    server->app->http_metrics = NULL;
    pf_http_metrics_free(server->metrics);
    pthread_mutex_destroy(&server->mutex);
    pthread_cond_destroy(&server->queued);
    free(server->workers);
    free(server);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)version;
    struct pf_http_server *server = cls;
    struct request_ctx *ctx = *req_cls;
    if (!ctx) {
        ctx = pf_xcalloc(1, sizeof(*ctx));
        ctx->server = server;
        ctx->arena = pf_arena_new();
        ctx->started_ns = pf_monotonic_ns();
        ctx->method = pf_arena_strdup(ctx->arena, method);
        ctx->path = pf_arena_strdup(ctx->arena, url);
        choose_request_id(connection, ctx->req_id);
        ctx->log.req_id = ctx->req_id;
        ctx->route = pf_route_peek(method, url);
        ctx->body_limit = body_limit_for(server->app->config, ctx->route);
        pf_buf_init(&ctx->body, ctx->body_limit);
        *req_cls = ctx;
        /* Refuse a declared oversize body before reading a byte of it. */
        const char *length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
        int64_t declared = 0;
        if (length && pf_parse_i64(pf_str_from_cstr(length), 0, INT64_MAX, &declared) &&
            (uint64_t)declared > ctx->body_limit) {
            ctx->too_big = true;
            return queue_error(connection, ctx, PF_E_TOO_BIG,
                               "the request body is larger than the limit",
                               ctx->route && ctx->route->body == PF_BODY_UPLOAD
                                   ? "limit_upload_bytes"
                                   : "limit_json_body");
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!ctx->too_big && !ctx->answered) {
            pf_buf_append(&ctx->body, upload_data, *upload_data_size);
            if (pf_buf_status(&ctx->body) != PF_OK)
                ctx->too_big = true;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (ctx->answered)
        return MHD_YES;
    if (ctx->too_big)
        return queue_error(connection, ctx, PF_E_TOO_BIG,
                           "the request body is larger than the limit",
                           ctx->route && ctx->route->body == PF_BODY_UPLOAD ? "limit_upload_bytes"
                                                                            : "limit_json_body");
    return handle_request(connection, ctx);
}

/* The connection limit is the server's, not each pool thread's: libmicrohttpd splits its own
 * limit evenly between the threads, and whichever thread wins the accept takes the
 * connection, so with 8 threads a quarter of http_connection_limit was enough for one thread to
 * refuse connections. libmicrohttpd gets the whole limit for every thread and the total is
 * counted here (a few connections over it at most, when threads accept at the same instant). */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    (void)addr;
    (void)addrlen;
    struct pf_http_server *server = cls;
    return pf_http_metrics_connections(server->metrics) < server->connection_limit ? MHD_YES
                                                                                  : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)connection;
    (void)socket_ctx;
    struct pf_http_server *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        pf_http_metrics_connection(server->metrics, 1);
    else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        pf_http_metrics_connection(server->metrics, -1);
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **req_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)connection;
    struct pf_http_server *server = cls;
    struct request_ctx *ctx = *req_cls;
    if (!ctx)
        return;
    int64_t duration_us = (pf_monotonic_ns() - ctx->started_ns) / 1000;
    int status = ctx->answered ? ctx->status : 499;
    pf_http_metrics_observe(server->metrics, ctx->route, status, duration_us, ctx->bytes_out);
    pf_log_info(&ctx->log, "%s %s %d %lldus %zuB%s", ctx->method, ctx->path, status,
                (long long)duration_us, ctx->bytes_out,
                code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (client gone or timed out)");
    pf_buf_fini(&ctx->body);
    pf_arena_free(ctx->arena);
    free(ctx);
    *req_cls = NULL;
}

/* Parses "HOST:PORT" or "[V6]:PORT" into addr. */
static pf_status parse_listen(const char *listen, struct sockaddr_storage *addr,
                              struct pf_error *err)
{
    memset(addr, 0, sizeof(*addr));
    const char *colon = strrchr(listen, ':');
    int64_t port = 0;
    if (!colon || !pf_parse_i64(pf_str_from_cstr(colon + 1), 0, 65535, &port))
        return pf_error_set_field(err, PF_E_INVALID, "listen", "listen must be HOST:PORT, not '%s'",
                                  listen);
    char host[256];
    size_t host_len = (size_t)(colon - listen);
    if (host_len >= sizeof(host))
        return pf_error_set_field(err, PF_E_INVALID, "listen", "listen host is too long");
    memcpy(host, listen, host_len);
    host[host_len] = '\0';
    if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']') {
        memmove(host, host + 1, host_len - 2);
        host[host_len - 2] = '\0';
    }
    struct sockaddr_in *v4 = (struct sockaddr_in *)(void *)addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)(void *)addr;
    if (strcmp(host, "localhost") == 0)
        memcpy(host, "127.0.0.1", 10);
    if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        return PF_OK;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        return PF_OK;
    }
    return pf_error_set_field(err, PF_E_INVALID, "listen",
                              "listen host '%s' is not an IP address or localhost", host);
}

pf_status pf_http_server_start(struct pf_app *app, struct pf_http_server **out_server,
                               struct pf_error *err)
{
    const struct pf_config *config = app->config;
    struct sockaddr_storage addr;
    pf_status st = parse_listen(config->listen, &addr, err);
    if (st != PF_OK)
        return st;
    struct pf_http_server *server = pf_xcalloc(1, sizeof(*server));
    server->app = app;
    server->metrics = pf_http_metrics_new();
    app->http_metrics = server->metrics;
    pthread_mutex_init(&server->mutex, NULL);
    pthread_cond_init(&server->queued, NULL);
    server->workers = pf_xcalloc((size_t)config->http_threads, sizeof(*server->workers));
    for (int i = 0; i < (int)config->http_threads; i++) {
        if (pthread_create(&server->workers[i], NULL, worker_main, server) != 0) {
            stop_workers(server);
            free_server(server);
            return pf_error_set(err, PF_E_INTERNAL, "cannot start HTTP worker thread %d", i);
        }
        server->worker_count = i + 1;
    }
    /* ITC lets MHD_quiesce_daemon wake the pool threads for a graceful stop. The I/O threads
     * only read requests and write answers: a quarter of the workers. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    unsigned io_threads = (unsigned)(config->http_threads + 3) / 4;
    server->connection_limit = (int)config->http_connection_limit;
    server->daemon = MHD_start_daemon(
        flags, 0, on_accept, server, on_request, server, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
        NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, io_threads,
        MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)config->http_connection_limit * io_threads, /* see on_accept */
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, server,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)config->http_per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)config->http_timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, server, MHD_OPTION_LISTENING_ADDRESS_REUSE,
        1u, MHD_OPTION_END);
    if (!server->daemon) {
        stop_workers(server);
        free_server(server);
        return pf_error_set(err, PF_E_IO, "cannot listen on %s (in use, or not permitted)",
                            config->listen);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(server->daemon,
                                                           MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : 0;
    *out_server = server;
    return PF_OK;
}

uint16_t pf_http_server_port(const struct pf_http_server *server)
{
    return server->port;
}

void pf_http_server_stop(struct pf_http_server *server, int grace_s)
{
    if (!server)
        return;
    /* Stop accepting at once, then give in-flight requests their grace period. */
    MHD_socket listener = MHD_quiesce_daemon(server->daemon);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    int64_t deadline = pf_monotonic_ns() + (int64_t)grace_s * 1000000000;
    while (pf_monotonic_ns() < deadline) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!info || info->num_connections == 0)
            break;
        usleep(20000);
    }
    stop_workers(server); /* every suspended connection resumed before libmicrohttpd stops */
    MHD_stop_daemon(server->daemon);
    free_server(server);
}
