/* The web UI: its static files (built into the binary, or read from web_dir while developing),
 * the single-page app's fallback to index.html, and the browser security headers. */
#include "http/api_web.h"

#include <string.h>
#include <strings.h>

#include "base/embed.h"
#include "base/hash.h"

#define PF_LOG_MODULE "web"

#define WEB_FILE_LIMIT ((size_t)16 << 20) /* bytes: largest file served from web_dir */
#define WEB_PATH_MAX   256                /* bytes: longest asset path accepted */

/* Built by pf_web_assets() in src/http/CMakeLists.txt: every file of web/, and a .gz twin of
 * each compressible one. */
extern const struct pf_embedded_file pf_web_assets[];

struct web_file {
    const char *data; /* embedded (static) or arena-owned */
    size_t len;       /* bytes */
    bool gzipped;     /* data is the gzip encoding of the file */
};

static const struct {
    const char *ext;
    const char *type;
} content_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *content_type_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < PF_ARRAY_LEN(content_types); i++) {
        if (strcmp(dot, content_types[i].ext) == 0)
            return content_types[i].type;
    }
    return "application/octet-stream";
}

/* A relative asset path is plain: letters, digits, '-', '_', '.', '/', no empty, "." or ".."
 * segment. Anything else (traversal, encoded oddities) is simply not an asset. */
static bool is_plain_path(const char *path)
{
    size_t len = strlen(path);
    if (len == 0 || len > WEB_PATH_MAX)
        return false;
    const char *segment = path;
    for (const char *p = path;; p++) {
        char ch = *p;
        if (ch == '/' || ch == '\0') {
            size_t seg_len = (size_t)(p - segment);
            if (seg_len == 0 || segment[0] == '.')
                return false;
            if (ch == '\0')
                return true;
            segment = p + 1;
            continue;
        }
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
        if (!ok)
            return false;
    }
}

/* True when an Accept-Encoding item's parameters say q=0 (q=0, q=0.0, q=0.000: refused). */
static bool quality_is_zero(struct pf_str params)
{
    long at = pf_str_find(params, PF_STR("q="));
    if (at < 0)
        return false;
    bool digits = false;
    for (size_t i = (size_t)at + 2; i < params.len; i++) {
        char ch = params.ptr[i];
        if (ch == '0')
            digits = true;
        else if (ch != '.')
            return ch == ' ' || ch == ';' ? digits : false;
    }
    return digits;
}

/* True when Accept-Encoding lists gzip (or *) without refusing it. */
static bool accepts_gzip(const struct pf_req *req)
{
    const char *accept = pf_req_header(req, "Accept-Encoding");
    if (!accept)
        return false;
    struct pf_cur cur = pf_cur_of(pf_str_from_cstr(accept));
    while (!pf_cur_at_end(&cur)) {
        struct pf_str item;
        if (!pf_cur_take_until(&cur, ',', &item)) {
            item = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        long semi = pf_str_find_char(item, ';');
        struct pf_str coding = semi < 0 ? item : pf_str_slice(item, 0, (size_t)semi);
        coding = pf_str_trim(coding);
        if (pf_str_case_eq_cstr(coding, "gzip") || pf_str_eq_cstr(coding, "*"))
            return semi < 0 || !quality_is_zero(pf_str_slice(item, (size_t)semi, item.len));
    }
    return false;
}

static bool find_embedded(struct pf_arena *arena, const char *path, bool gzip,
                          struct web_file *out_file)
{
    if (gzip) {
        const char *gz_path = pf_arena_printf(arena, "%s.gz", path);
        const struct pf_embedded_file *file =
            pf_embed_find(pf_web_assets, pf_str_from_cstr(gz_path));
        if (file) {
            *out_file = (struct web_file){file->data, file->len, true};
            return true;
        }
    }
    const struct pf_embedded_file *file = pf_embed_find(pf_web_assets, pf_str_from_cstr(path));
    if (!file)
        return false;
    *out_file = (struct web_file){file->data, file->len, false};
    return true;
}

static bool read_into_arena(struct pf_arena *arena, const char *full_path,
                            struct web_file *out_file)
{
    struct pf_buf buf = PF_BUF_INIT(WEB_FILE_LIMIT);
    struct pf_error err = PF_ERROR_INIT;
    bool found = pf_buf_read_file(&buf, full_path, &err) == PF_OK;
    if (found) {
        char *copy = pf_arena_alloc(arena, buf.len + 1);
        memcpy(copy, pf_buf_cstr(&buf), buf.len + 1);
        out_file->data = copy;
        out_file->len = buf.len;
    }
    pf_buf_fini(&buf);
    return found;
}

/* Development mode: the file under web_dir, read on every request so edits show on reload. */
static bool find_on_disk(struct pf_arena *arena, const char *web_dir, const char *path, bool gzip,
                         struct web_file *out_file)
{
    const char *full_path = pf_arena_printf(arena, "%s/%s", web_dir, path);
    if (gzip && read_into_arena(arena, pf_arena_printf(arena, "%s.gz", full_path), out_file)) {
        out_file->gzipped = true;
        return true;
    }
    out_file->gzipped = false;
    return read_into_arena(arena, full_path, out_file);
}

static bool find_file(struct pf_req *req, const char *path, bool gzip, struct web_file *out_file)
{
    const char *web_dir = req->app->config->web_dir;
    if (web_dir && *web_dir)
        return find_on_disk(req->arena, web_dir, path, gzip, out_file);
    return find_embedded(req->arena, path, gzip, out_file);
}

static void set_security_headers(struct pf_resp *resp)
{
    pf_resp_header(resp, "Content-Security-Policy", PF_WEB_CSP);
    pf_resp_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    pf_resp_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    pf_resp_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

/* An app path names a screen, not a file: its last segment has no extension. */
static bool is_app_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *last = slash ? slash + 1 : path;
    return strchr(last, '.') == NULL;
}

bool pf_web_try_serve(struct pf_req *req, struct pf_resp *resp)
{
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return false;
    if (strcmp(req->path, "/api") == 0 || strncmp(req->path, "/api/", 5) == 0)
        return false;
    const char *path = req->path[0] == '/' ? req->path + 1 : req->path;
    if (*path == '\0')
        path = "index.html";
    bool gzip = accepts_gzip(req);
    struct web_file file = {NULL, 0, false};
    bool found = is_plain_path(path) && find_file(req, path, gzip, &file);
    if (!found && is_plain_path(path) && is_app_path(path)) {
        path = "index.html";
        found = find_file(req, path, gzip, &file);
    }
    set_security_headers(resp);
    if (!found) {
        pf_resp_error(resp, PF_E_NOT_FOUND, "no such file", NULL, NULL);
        return true;
    }
    /* Validators rather than lifetimes: a new build changes the bytes, so a revalidated copy is
     * never stale, and a reload costs one 304 per file. */
    char digest[PF_SHA256_HEX_LEN];
    pf_sha256_hex(file.data, file.len, digest);
    const char *etag =
        pf_arena_printf(req->arena, "\"%.20s%s\"", digest, file.gzipped ? "-gz" : "");
    pf_resp_header(resp, "ETag", etag);
    pf_resp_header(resp, "Cache-Control", "no-cache");
    pf_resp_header(resp, "Vary", "Accept-Encoding");
    const char *if_none_match = pf_req_header(req, "If-None-Match");
    if (if_none_match && strstr(if_none_match, etag)) {
        pf_resp_no_content(resp);
        resp->status = 304;
        return true;
    }
    if (file.gzipped)
        pf_resp_header(resp, "Content-Encoding", "gzip");
    resp->status = 200;
    resp->content_type = content_type_for(path);
    resp->file_data = file.data;
    resp->file_len = file.len;
    return true;
}
