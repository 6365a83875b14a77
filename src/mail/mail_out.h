#ifndef HEED_MAIL_OUT_H
#define HEED_MAIL_OUT_H
/* mail out: composing RFC 5322/MIME messages (mail_compose.c, pure) and sending them
 * over SMTP with libcurl (mail_send.c). No SQL and no business rules here: what to send
 * and when is decided in service/svc_outbox.c, driven by src/jobs/outbox_worker.c. */
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "util/arena.h"
#include "util/buf.h"

/* a file sent with a reply, its bytes already read (the outbox worker reads them at send time) */
typedef struct mail_out_file {
    const char *filename;     /* UTF-8, no path */
    const char *content_type; /* type/subtype */
    const unsigned char *data;
    size_t len;
} mail_out_file;

typedef struct mail_out {
    const char *from_name, *from_addr;     /* display name may be NULL */
    const char *reply_to;                  /* NULL = none */
    const char *to_name, *to_addr;
    const char *subject;                   /* UTF-8, one line */
    const char *message_id;                /* without <> */
    const char *in_reply_to;               /* NULL or one id without <> */
    const char *refs;                      /* NULL or ids without <>, separated by spaces, oldest first */
    const char *body;                      /* UTF-8 text; LF or CRLF line ends */
    time_t date;
    bool auto_replied;                     /* Auto-Submitted: auto-replied (RFC 3834) */
    const mail_out_file *files;            /* attachments; none: the message is multipart/alternative */
    int nfiles;
} mail_out;

/* writes the whole message (CRLF line ends, lines <= 998 bytes, 7-bit clean) to out:
 * multipart/alternative with text/plain and an escaped text/html, quoted-printable UTF-8,
 * RFC 2047 encoded subject and display names. With files: multipart/mixed, the
 * alternative first, then each file base64-encoded, its name in RFC 2231 parameters. The boundary derives from the Message-ID,
 * so the same input gives the same bytes. */
void mail_compose(const mail_out *m, buf *out);
/* RFC 2047 "B" encoded words for a UTF-8 phrase (as is if it is plain printable ASCII
 * that needs no quoting), folded so no line passes 76 characters; header_len: bytes
 * already on the line. Returns the column after it. */
size_t mail_encode_words(buf *out, const char *s, size_t header_len);
/* "Name <addr>" with the name encoded or quoted as needed */
void mail_write_mailbox(buf *out, const char *name, const char *addr, size_t header_len);
/* splits "Support <help@x>" or "help@x" into name (NULL if none) and address, in a */
void mail_split_address(arena *a, const char *in, const char **name, const char **addr);

/* how an SMTP send went */
enum mail_send_result { MAIL_SEND_OK = 0, MAIL_SEND_TEMPORARY, MAIL_SEND_PERMANENT };
typedef struct smtp_conf {
    const char *url;      /* smtp://host:port (STARTTLS when offered) or smtps://host:port; "" = disabled */
    const char *user;     /* "" = no AUTH */
    const char *password;
    bool require_tls;     /* STARTTLS required (CURLUSESSL_ALL); smtps:// always is TLS */
    const char *ca_file;  /* "" or NULL = the system's CAs; else a PEM file of CAs to trust */
    long timeout_seconds; /* whole transfer; 0 = 120 */
    bool (*cancelled)(void); /* NULL, or true to abort a transfer in flight (shutdown): temporary */
} smtp_conf;
/* sends raw (a whole message) from envelope sender `from` to `to`. answer: the server's
 * last reply line (or curl's error), for the delivery state. 5xx replies are permanent;
 * 4xx, network, TLS and authentication problems are temporary. */
/* cuts every transfer in flight (their sends end as temporary failures); with a
 * cancelled() hook that already answers true, no new transfer starts either */
void mail_smtp_cancel_all(void);
int mail_smtp_send(const smtp_conf *c, const char *from, const char *to, const char *raw, size_t n, char *answer,
                   size_t answer_len);

#endif
