#ifndef HEED_PAGE_ACCOUNTS_H
#define HEED_PAGE_ACCOUNTS_H
/* The account parts of "Your settings" (page_accounts.c): password, sessions, API tokens. */
#include "web/page.h"

/* what a refused or just-done form on the settings page shows again */
typedef struct account_view {
    const char *form;        /* "password" | "token": the form the error belongs to */
    const char *field, *error;
    const char *token_name, *token_days; /* typed into the token form */
    const char *new_token;   /* a token just made: shown once */
} account_view;

/* the settings page with the time-zone form (page_settings.c) and the account sections */
void page_settings_render(req *r, resp *w, int status, const char *typed_tz, const char *tz_error,
                          const account_view *v);
/* the password, sessions and tokens cards */
void page_account_sections(req *r, buf *b, const account_view *v);
/* the client's address, as text */
const char *page_client_address(req *r);
#endif
