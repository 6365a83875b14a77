# Email in (docs/MAIL.md): heed mail-fetch against a real Dovecot, and heed mail-ingest behind a real Postfix, on loopback, in make check.
#   make mailin-fetch
CHECK_STEPS += mailin-fetch

.PHONY: mailin-fetch
mailin-fetch: heed
	@HEED_BIN=$(CURDIR)/heed bash tests/mailin/fetch_dovecot.sh

# heed mail-ingest behind a real Postfix on loopback (a private instance, pipe transport).
#   make mailin-postfix
CHECK_STEPS += mailin-postfix

.PHONY: mailin-postfix
mailin-postfix: heed
	@HEED_BIN=$(CURDIR)/heed bash tests/mailin/postfix_pipe.sh
