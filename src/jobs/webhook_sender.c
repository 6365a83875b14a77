/* Sends webhook deliveries: POST the stored JSON with X-Heed-Event, X-Heed-Delivery and
 * X-Heed-Signature (sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>).
 * The host is resolved here and, unless private addresses are allowed, every address must
 * be public; curl is then pinned to the checked address (CURLOPT_RESOLVE), so a name that
 * changes its answer between the check and the connection (DNS rebinding) cannot reach an
 * internal service. No redirects are followed. */
#include <curl/curl.h>
#include <netdb.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jobs/jobs.h"
#include "jobs/webhook_sender.h"
#include "service/svc_webhooks.h"
#include "util/arena.h"
#include "util/netaddr.h"
#include "util/timeutil.h"

enum { CONNECT_SECONDS = 5, TOTAL_SECONDS = 15 };

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p, (void)u;
    return size * n;
}

static const char *hmac_hex(arena *a, const char *secret, const char *body)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, strlen(body));
    crypto_auth_hmacsha256_final(&st, mac);
    char *hex = arena_alloc(a, sizeof mac * 2 + 1);
    sodium_bin2hex(hex, sizeof mac * 2 + 1, mac, sizeof mac);
    return hex;
}

/* host and port of an http(s) URL already checked by svc_webhook_url_check */
static void host_port(const char *url, char *host, size_t n, int *port)
{
    bool tls = !strncmp(url, "https://", 8);
    const char *rest = url + (tls ? 8 : 7);
    size_t hl = strcspn(rest, "/?#");
    snprintf(host, n, "%.*s", (int)hl, rest);
    *port = tls ? 443 : 80;
    char *colon = host[0] == '[' ? strstr(host, "]:") : strrchr(host, ':');
    if (colon) {
        if (host[0] == '[') colon++;
        *port = atoi(colon + 1);
        *colon = 0;
    }
    if (host[0] == '[') {
        memmove(host, host + 1, strlen(host));
        char *end = strchr(host, ']');
        if (end) *end = 0;
    }
}

/* "host:port:address" for CURLOPT_RESOLVE, or NULL with *why when the host is private or unknown */
static const char *pin(arena *a, const char *host, int port, const char **why)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    if (getaddrinfo(host, NULL, &hints, &res) || !res) {
        *why = arena_printf(a, "cannot resolve %s", host);
        return NULL;
    }
    char addr[64] = "";
    bool bad = false;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        bad |= netaddr_is_private(ai->ai_addr);
        if (!*addr && getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, sizeof addr, NULL, 0, NI_NUMERICHOST)) *addr = 0;
    }
    freeaddrinfo(res);
    if (bad && !svc_webhooks_private_allowed()) {
        *why = arena_printf(a, "%s resolves to a loopback or private address (webhook_allow_private is off)", host);
        return NULL;
    }
    return arena_printf(a, strchr(addr, ':') ? "%s:%d:[%s]" : "%s:%d:%s", host, port, addr);
}

static int deliver(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    r->outcome = JOB_HANDLED;
    webhook_delivery_rec d;
    webhook_rec w;
    int found = svc_webhook_delivery_load(s, j->ref_id, &d, &w, e);
    if (found < 0) return -1;
    if (!found || !w.active || strcmp(d.state, "queued")) { /* removed, or already delivered */
        r->outcome = JOB_DONE;
        return 0;
    }
    char host[256];
    int port;
    host_port(w.url, host, sizeof host, &port);
    const char *why = NULL, *resolve = pin(s->a, host, port, &why);
    double t0 = time_mono_ms();
    long status = 0;
    char errbuf[CURL_ERROR_SIZE] = "";
    if (resolve) {
        CURL *h = curl_easy_init();
        struct curl_slist *hdr = NULL, *res = curl_slist_append(NULL, resolve);
        hdr = curl_slist_append(hdr, "Content-Type: application/json");
        hdr = curl_slist_append(hdr, "User-Agent: heed-webhooks/1");
        hdr = curl_slist_append(hdr, arena_printf(s->a, "X-Heed-Event: %s", d.event));
        hdr = curl_slist_append(hdr, arena_printf(s->a, "X-Heed-Delivery: %s", d.uuid));
        hdr = curl_slist_append(hdr, arena_printf(s->a, "X-Heed-Signature: sha256=%s", hmac_hex(s->a, w.secret, d.payload)));
        curl_easy_setopt(h, CURLOPT_URL, w.url);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_RESOLVE, res);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, d.payload);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(d.payload));
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_SECONDS);
        curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)TOTAL_SECONDS);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
        CURLcode rc = curl_easy_perform(h);
        if (rc == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        else why = arena_strdup(s->a, *errbuf ? errbuf : curl_easy_strerror(rc));
        curl_slist_free_all(hdr);
        curl_slist_free_all(res);
        curl_easy_cleanup(h);
    }
    int ms = (int)(time_mono_ms() - t0);
    if (!why && (status < 200 || status >= 300)) why = arena_printf(s->a, "HTTP %ld", status);
    return svc_webhook_attempt(s, j, d.id, (int)status, why, ms, e);
}

void webhook_jobs_register(void)
{
    /* one at a time per claim: a slow receiver holds only its own batch */
    jobs_register(&(job_kind){.kind = WEBHOOK_JOB, .run = deliver, .lease_seconds = 60, .batch = 4,
                              .max_attempts = WEBHOOK_MAX_ATTEMPTS});
}
