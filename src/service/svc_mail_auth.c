/* Reading Authentication-Results (RFC 8601) for the sender's verdict. Only headers whose
 * authserv-id is the operator's own are believed: the operator's MTA must strip incoming
 * ones that claim that id (docs/MAIL.md), as RFC 8601 section 5 asks. Alignment is the
 * relaxed rule approximated without a public-suffix list: the authenticated domain and the
 * From domain are the same, or one is a subdomain of the other (both with a dot). An
 * attacker cannot make spf or dkim pass for a domain they do not control, so this only
 * widens "same organisation" to parents and children of the From domain. */
#include "service/svc_mail_auth.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char auth_id[256];
static enum mail_unverified_mode auth_mode;

void svc_mail_auth_configure(const char *authserv_id, enum mail_unverified_mode mode)
{
    size_t n = authserv_id ? strlen(authserv_id) : 0;
    if (n >= sizeof auth_id) n = 0;
    memcpy(auth_id, authserv_id ? authserv_id : "", n);
    auth_id[n] = 0;
    auth_mode = mode;
}

const char *svc_mail_auth_id(void) { return auth_id; }
enum mail_unverified_mode svc_mail_auth_mode(void) { return auth_mode; }

bool svc_mail_unverified_parse(const char *s, enum mail_unverified_mode *out)
{
    if (!strcmp(s, "new-ticket")) *out = MAIL_UNVERIFIED_NEW_TICKET;
    else if (!strcmp(s, "warn")) *out = MAIL_UNVERIFIED_WARN;
    else return false;
    return true;
}

bool svc_mail_auth_trusted(const char *v) { return !strcmp(v, "pass") || !strcmp(v, "unchecked"); }

enum { AR_MAX = 4096, TOK_MAX = 256 };

/* the header without comments (nested parentheses, \-escapes) and with unfolded blanks;
 * quoted strings kept as they are. false when too long or a comment is not closed. */
static bool strip_comments(const char *in, char *out, size_t cap)
{
    size_t k = 0;
    int depth = 0;
    bool quoted = false;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c == '\\' && p[1] && (quoted || depth)) {
            if (!depth && k + 2 < cap) out[k++] = c, out[k++] = p[1];
            p++;
            continue;
        }
        if (!quoted && c == '(') depth++, c = ' ';
        else if (!quoted && depth && c == ')') depth--, c = ' ';
        else if (depth) continue;
        else if (c == '"') quoted = !quoted;
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
        if (k + 1 >= cap) return false;
        out[k++] = c;
    }
    out[k] = 0;
    return depth == 0 && !quoted;
}

/* the next token of a segment: a word up to a blank, '=', ';' (or a quoted string, its
 * quotes and escapes removed); returns the position after it, NULL at the end */
static const char *token(const char *p, char tok[TOK_MAX])
{
    while (*p == ' ') p++;
    if (!*p || *p == ';') return NULL;
    size_t k = 0;
    if (*p == '=') {
        tok[k++] = '=';
        p++;
    } else if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            if (k + 1 < TOK_MAX) tok[k++] = *p;
        }
        if (*p == '"') p++;
    } else {
        for (; *p && *p != ' ' && *p != '=' && *p != ';' && *p != '"'; p++)
            if (k + 1 < TOK_MAX) tok[k++] = *p;
    }
    tok[k] = 0;
    return p;
}

/* domain of an address or a bare domain, lower case, without a trailing dot */
static void domain_of(const char *s, char out[TOK_MAX])
{
    const char *at = strrchr(s, '@');
    const char *d = at ? at + 1 : s;
    size_t k = 0;
    for (; *d && k + 1 < TOK_MAX; d++) out[k++] = (char)tolower((unsigned char)*d);
    while (k && out[k - 1] == '.') k--;
    out[k] = 0;
}

/* b is a or a subdomain of a */
static bool under(const char *b, const char *a)
{
    size_t la = strlen(a), lb = strlen(b);
    if (lb == la) return !strcmp(a, b);
    return lb > la && b[lb - la - 1] == '.' && !strcmp(b + lb - la, a);
}

static bool aligned(const char *d, const char *from_domain)
{
    if (!*d || !strchr(d, '.') || !strchr(from_domain, '.')) return false;
    return under(d, from_domain) || under(from_domain, d);
}

/* one header: -1 not trusted (other or no authserv-id, malformed), 0 trusted and nothing
 * passes, 1 trusted and passes */
static int one_header(const char *value, const char *authserv_id, const char *from_domain)
{
    char text[AR_MAX], tok[TOK_MAX];
    if (strlen(value) >= sizeof text || !strip_comments(value, text, sizeof text)) return -1;
    const char *p = token(text, tok);
    if (!p || strcasecmp(tok, authserv_id)) return -1;
    int verdict = 0;
    /* each resinfo: ";" method[/version] "=" result [reason=...] [ptype.property=value ...] */
    for (p = strchr(p, ';'); p; p = strchr(p, ';')) {
        p++;
        char method[TOK_MAX], result[TOK_MAX], domain[TOK_MAX] = "", hfrom[TOK_MAX] = "";
        const char *q = token(p, method);
        if (!q || !(q = token(q, tok)) || strcmp(tok, "=") || !(q = token(q, result))) continue;
        char *slash = strchr(method, '/');
        if (slash) *slash = 0;
        bool spf = !strcasecmp(method, "spf"), dkim = !strcasecmp(method, "dkim"), dmarc = !strcasecmp(method, "dmarc");
        /* properties: key "=" value pairs until the next ';' */
        char key[TOK_MAX], val[TOK_MAX];
        while ((q = token(q, key)) && (q = token(q, tok)) && !strcmp(tok, "=") && (q = token(q, val))) {
            if ((spf && !strcasecmp(key, "smtp.mailfrom")) || (dkim && !strcasecmp(key, "header.d")) ||
                (dkim && !*domain && !strcasecmp(key, "header.i")))
                domain_of(val, domain);
            if (dmarc && !strcasecmp(key, "header.from")) domain_of(val, hfrom);
        }
        if (strcasecmp(result, "pass")) continue;
        if (dmarc && (!*hfrom || !strcmp(hfrom, from_domain))) verdict = 1;
        if ((spf || dkim) && aligned(domain, from_domain)) verdict = 1;
    }
    return verdict;
}

const char *svc_mail_auth_verdict(const char *const *headers, int n, const char *authserv_id, const char *from_email)
{
    if (!authserv_id || !*authserv_id) return "unchecked";
    char from_domain[TOK_MAX];
    domain_of(from_email ? from_email : "", from_domain);
    bool trusted = false;
    for (int i = 0; i < n; i++) {
        int v = one_header(headers[i], authserv_id, from_domain);
        if (v == 1) return "pass";
        if (v == 0) trusted = true;
    }
    return trusted ? "fail" : "none";
}
