/* Sends one composed message over SMTP with libcurl: STARTTLS when the server offers
 * it (required with smtps:// or require_tls), AUTH when a user is set. The server's
 * last reply line is kept, so a failure shows what the server said. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "mail/mail_out.h"

struct upload {
    const char *p;
    size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *userp)
{
    struct upload *u = userp;
    size_t room = size * nmemb, n = u->left < room ? u->left : room;
    memcpy(dst, u->p, n);
    u->p += n;
    u->left -= n;
    return n;
}

struct answer {
    char *p;
    size_t cap;
    bool error; /* p holds a 4xx/5xx reply: later lines (the 221 to QUIT) do not replace it */
};

/* keeps the server's last reply line (CURLINFO_HEADER_IN carries SMTP replies) */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
    struct answer *a = userp;
    if (type != CURLINFO_HEADER_IN || size < 3 || !a->cap) return 0;
    bool error = data[0] == '4' || data[0] == '5';
    if (a->error && !error) return 0;
    a->error = error;
    size_t n = size;
    while (n && (data[n - 1] == '\n' || data[n - 1] == '\r')) n--;
    if (n >= a->cap) n = a->cap - 1;
    for (size_t i = 0; i < n; i++) a->p[i] = (data[i] >= 0x20 && data[i] < 0x7f) ? data[i] : ' ';
    a->p[n] = 0;
    return 0;
}

static int progress_cb(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    const smtp_conf *c = userp;
    return c->cancelled && c->cancelled() ? 1 : 0;
}

/* Sockets of transfers in flight, so that a shutdown can cut them: libcurl waits for
 * the server's answer to the message without calling any callback, for up to the whole
 * timeout. shutdown(2) on the socket ends that wait at once. */
enum { MAX_LIVE = 16 };
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static int live[MAX_LIVE];
static int nlive;

static int sockopt_cb(void *userp, curl_socket_t fd, curlsocktype purpose)
{
    const smtp_conf *c = userp;
    pthread_mutex_lock(&live_lock);
    /* the cancel flag is set before mail_smtp_cancel_all takes the lock: either this
     * sees it, or the socket is registered before the cut */
    bool cancelled = c->cancelled && c->cancelled();
    if (!cancelled && nlive < MAX_LIVE) live[nlive++] = fd;
    pthread_mutex_unlock(&live_lock);
    return cancelled ? CURL_SOCKOPT_ERROR : CURL_SOCKOPT_OK;
}

static int closesocket_cb(void *userp, curl_socket_t fd)
{
    pthread_mutex_lock(&live_lock);
    for (int i = 0; i < nlive; i++)
        if (live[i] == fd) {
            live[i] = live[--nlive];
            break;
        }
    int rc = close(fd);
    pthread_mutex_unlock(&live_lock);
    return rc;
}

void mail_smtp_cancel_all(void)
{
    pthread_mutex_lock(&live_lock);
    for (int i = 0; i < nlive; i++) shutdown(live[i], SHUT_RDWR);
    pthread_mutex_unlock(&live_lock);
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

int mail_smtp_send(const smtp_conf *c, const char *from, const char *to, const char *raw, size_t n, char *answer,
                   size_t answer_len)
{
    pthread_once(&curl_once, curl_init_once);
    if (answer_len) answer[0] = 0;
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(answer, answer_len, "libcurl could not start");
        return MAIL_SEND_TEMPORARY;
    }
    struct upload u = {raw, n};
    struct answer a = {answer, answer_len, false};
    char from_arg[400], to_arg[400];
    snprintf(from_arg, sizeof from_arg, "<%s>", from);
    snprintf(to_arg, sizeof to_arg, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to_arg);
    curl_easy_setopt(h, CURLOPT_URL, c->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)(c->require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (c->ca_file && *c->ca_file) curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
    if (c->user && *c->user) {
        curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from_arg);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &u);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)n);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_seconds > 0 ? c->timeout_seconds : 120L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &a);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, sockopt_cb);
    curl_easy_setopt(h, CURLOPT_SOCKOPTDATA, (void *)c);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, closesocket_cb);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, NULL);
    if (c->cancelled) {
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress_cb);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)c);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    }
    CURLcode rc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    if (rc == CURLE_OK) return MAIL_SEND_OK;
    if (answer_len && (code < 400 || !a.error)) /* not the server's refusal: say what libcurl saw */
        snprintf(answer, answer_len, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    /* a 5xx about this message (sender, recipient, content) is final; authentication
     * (535) and TLS problems are the install's configuration: keep retrying */
    if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED && code != 530 && code != 535 && code != 534)
        return MAIL_SEND_PERMANENT;
    return MAIL_SEND_TEMPORARY;
}
