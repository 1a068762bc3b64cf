/* Registration, password hashing, login with throttling, and session tokens. */
#include "account/account.h"

#include <sodium.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"

#define PF_LOG_MODULE "account"

#define TOKEN_BYTES 32
#define CSRF_BYTES 18

pf_status pf_account_init(struct pf_error *err)
{
    if (sodium_init() < 0)
        return pf_error_set(err, PF_E_INTERNAL, "libsodium failed to initialise");
    return PF_OK;
}

bool pf_account_secret_eq(const char *a, const char *b)
{
    size_t len = strlen(a);
    if (len != strlen(b))
        return false;
    return sodium_memcmp(a, b, len) == 0;
}

char *pf_account_normalize_email(struct pf_arena *arena, const char *email)
{
    if (!email)
        return NULL;
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(email));
    if (trimmed.len < 3 || trimmed.len > 320)
        return NULL;
    char *out = pf_arena_strdup_str(arena, trimmed);
    size_t at = 0;
    int ats = 0;
    for (size_t i = 0; i < trimmed.len; i++) {
        unsigned char ch = (unsigned char)out[i];
        if (ch <= ' ' || ch == 0x7f || ch == '<' || ch == '>' || ch == ',' || ch == ';' ||
            ch == '"' || ch == '\\')
            return NULL;
        if (ch == '@') {
            at = i;
            ats++;
        }
        if (ch >= 'A' && ch <= 'Z')
            out[i] = (char)(ch - 'A' + 'a');
    }
    if (ats != 1 || at == 0 || at + 1 >= trimmed.len)
        return NULL;
    const char *domain = out + at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || dot[1] == '\0' || strstr(domain, ".."))
        return NULL;
    return out;
}

/* "pf_" + base64url of random bytes. */
static char *random_token(struct pf_arena *arena, size_t bytes, const char *prefix)
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, bytes);
    size_t b64_len = sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    size_t prefix_len = strlen(prefix);
    char *out = pf_arena_alloc(arena, prefix_len + b64_len);
    memcpy(out, prefix, prefix_len);
    sodium_bin2base64(out + prefix_len, b64_len, raw, bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    return out;
}

/* Tokens are stored only as BLAKE2b-256 hex: a database leak does not leak live sessions. */
static void token_hash(const char *token, char out[65])
{
    unsigned char hash[32];
    crypto_generichash(hash, sizeof(hash), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, hash, sizeof(hash));
}

pf_status pf_account_register(struct pf_app *app, struct pf_arena *arena, const char *email,
                              const char *password, const char *name, enum pf_plan plan,
                              struct pf_user **out_user, struct pf_error *err)
{
    const struct pf_config *config = app->config;
    *out_user = NULL;
    char *normalized = pf_account_normalize_email(arena, email);
    if (!normalized)
        return pf_error_set_field(err, PF_E_VALIDATION, "email",
                                  "value is not a valid email address");
    size_t password_len = password ? strlen(password) : 0;
    if (!password || password_len < (size_t)config->password_min_length)
        return pf_error_set_field(err, PF_E_VALIDATION, "password",
                                  "password must have at least %lld characters",
                                  (long long)config->password_min_length);
    if (password_len > 1024)
        return pf_error_set_field(err, PF_E_VALIDATION, "password",
                                  "password must have at most 1024 characters");
    struct pf_str trimmed_name = pf_str_trim(pf_str_from_cstr(name));
    if (trimmed_name.len == 0 || trimmed_name.len > 200)
        return pf_error_set_field(err, PF_E_VALIDATION, "name",
                                  "name must have 1 to 200 characters");

    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, password_len, (unsigned long long)config->password_hash_ops,
                          (size_t)config->password_hash_mem) != 0)
        return pf_error_set(err, PF_E_INTERNAL, "password hashing ran out of memory");

    struct pf_user *user = pf_arena_alloc(arena, sizeof(*user));
    user->id = pf_id_new();
    user->email = normalized;
    user->name = pf_arena_strdup_str(arena, trimmed_name);
    user->password_hash = pf_arena_strdup(arena, hash);
    user->plan = plan;
    user->created_at = user->updated_at = pf_time_now_ms();
    pf_status st = pf_store_user_create(app->store, user, config->plan_team_members, err);
    if (st != PF_OK)
        return st;
    *out_user = user;
    return PF_OK;
}

pf_status pf_account_login(struct pf_app *app, struct pf_arena *arena, const char *email,
                           const char *password, const char *client_ip,
                           struct pf_login *out_login, struct pf_error *err)
{
    const struct pf_config *config = app->config;
    int64_t now = pf_time_now_ms();
    int64_t window_ms = config->login_window * 1000;
    memset(out_login, 0, sizeof(*out_login));
    char *normalized = pf_account_normalize_email(arena, email);
    const char *account_key = pf_arena_printf(arena, "email:%s", normalized ? normalized : "-");
    const char *address_key = pf_arena_printf(arena, "ip:%s", client_ip ? client_ip : "-");

    /* Throttle before verifying: argon2id is deliberately expensive, and an attacker must not
     * be able to learn anything (or burn CPU) once an account or address is locked. */
    int64_t by_account = 0;
    int64_t by_address = 0;
    pf_status st = pf_store_login_failures(app->store, account_key, now, window_ms, &by_account,
                                           err);
    if (st == PF_OK)
        st = pf_store_login_failures(app->store, address_key, now, window_ms, &by_address, err);
    if (st != PF_OK)
        return st;
    /* An address gets more tries than an account: several people can share one NAT. */
    if (by_account >= config->login_max_failures || by_address >= config->login_max_failures * 4)
        return pf_error_set(err, PF_E_RATE_LIMIT,
                            "too many failed logins; try again in %lld minutes",
                            (long long)(config->login_window + 59) / 60);

    struct pf_user *user = NULL;
    if (normalized) {
        st = pf_store_user_get_by_email(app->store, arena, normalized, &user, err);
        if (st != PF_OK && st != PF_E_NOT_FOUND)
            return st;
    }
    bool ok = user && password &&
              crypto_pwhash_str_verify(user->password_hash, password, strlen(password)) == 0;
    if (!ok) {
        int64_t ignored = 0;
        st = pf_store_login_failure(app->store, account_key, now, window_ms, &ignored, err);
        if (st == PF_OK)
            st = pf_store_login_failure(app->store, address_key, now, window_ms, &ignored, err);
        if (st != PF_OK)
            return st;
        return pf_error_set(err, PF_E_UNAUTHORIZED, "wrong e-mail or password");
    }
    st = pf_store_login_clear(app->store, account_key, err);
    if (st != PF_OK)
        return st;

    char hash[65];
    struct pf_session session = {.id = pf_id_new(), .user_id = user->id, .created_at = now,
                                 .expires_at = now + config->session_ttl * 1000};
    out_login->token = random_token(arena, TOKEN_BYTES, PF_TOKEN_PREFIX);
    session.csrf_token = random_token(arena, CSRF_BYTES, "");
    token_hash(out_login->token, hash);
    st = pf_store_session_create(app->store, &session, hash, err);
    if (st != PF_OK)
        return st;
    out_login->csrf_token = session.csrf_token;
    out_login->expires_at = session.expires_at;
    out_login->user = user;
    return PF_OK;
}

pf_status pf_account_authenticate(struct pf_app *app, struct pf_arena *arena, const char *token,
                                  struct pf_session **out_session, struct pf_user **out_user,
                                  struct pf_error *err)
{
    *out_session = NULL;
    *out_user = NULL;
    if (!token || strncmp(token, PF_TOKEN_PREFIX, strlen(PF_TOKEN_PREFIX)) != 0 ||
        strlen(token) > 128)
        return pf_error_set(err, PF_E_UNAUTHORIZED, "the token is malformed");
    char hash[65];
    token_hash(token, hash);
    return pf_store_session_lookup(app->store, arena, hash, pf_time_now_ms(), out_session,
                                   out_user, err);
}

pf_status pf_account_logout(struct pf_app *app, const char *token, struct pf_error *err)
{
    if (!token)
        return PF_OK;
    char hash[65];
    token_hash(token, hash);
    return pf_store_session_revoke(app->store, hash, pf_time_now_ms(), err);
}
