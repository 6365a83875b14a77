#ifndef HEED_SVC_MAIL_AUTH_H
#define HEED_SVC_MAIL_AUTH_H
/* Whether an email's From can be believed: read from the Authentication-Results headers
 * (RFC 8601) that the operator's own mail server adds, trusted only when their authserv-id
 * is the one configured (mail_authserv_id). See docs/MAIL.md "Forged mail". */
#include <stdbool.h>

/* what mail that does not pass may do (mail_unverified) */
enum mail_unverified_mode { MAIL_UNVERIFIED_NEW_TICKET = 0, MAIL_UNVERIFIED_WARN };

/* process-wide, set once at start before threads (from config); authserv_id NULL or "" =
 * not checked (every mail's verdict is "unchecked" and threading is as before) */
void svc_mail_auth_configure(const char *authserv_id, enum mail_unverified_mode mode);
const char *svc_mail_auth_id(void);
enum mail_unverified_mode svc_mail_auth_mode(void);
/* "new-ticket" | "warn" to the mode; false if neither */
bool svc_mail_unverified_parse(const char *s, enum mail_unverified_mode *out);

/* The verdict for a mail from from_email, given the values of its Authentication-Results
 * headers (n of them, as found) and the trusted authserv-id (NULL/"" = "unchecked"):
 * "pass": a trusted header says dmarc=pass (for this From domain when it names one), or
 *         spf=pass / dkim=pass for a domain aligned with the From domain (the same, or one
 *         a subdomain of the other);
 * "fail": trusted headers, none of which passes;
 * "none": no header with the trusted authserv-id at all.
 * Headers with any other authserv-id are ignored (anyone can write them). Static strings. */
const char *svc_mail_auth_verdict(const char *const *headers, int n, const char *authserv_id, const char *from_email);
/* true for "pass" and "unchecked": mail that may join a ticket by subject tag or reference */
bool svc_mail_auth_trusted(const char *verdict);

#endif
