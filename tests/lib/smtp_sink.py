#!/usr/bin/python3
"""A real SMTP server for heed's mail tests: aiosmtpd (Debian: python3-aiosmtpd), bound
to 127.0.0.1 only. Each accepted message is written to DIR/N.eml (the bytes received)
with DIR/N.json (envelope). Recipients starting with "tempfail" get 451, "reject" 550; for
"slow" the server stalls two minutes after the data (and touches DIR/slow.started).
With --auth USER:PASS, AUTH PLAIN/LOGIN is offered (without TLS: loopback only) and
required; with --tls CERT KEY, STARTTLS is offered and required; with --implicit-tls CERT
KEY the server speaks TLS from the first byte (smtps, as on port 465). Prints "ready" once
listening. Usage: smtp_sink.py PORT DIR [--auth U:P] [--tls CERT KEY | --implicit-tls CERT KEY]"""
import asyncio, json, os, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, out = int(sys.argv[1]), sys.argv[2]
args = sys.argv[3:]
auth = args[args.index('--auth') + 1] if '--auth' in args else None
tls = args[args.index('--tls') + 1:args.index('--tls') + 3] if '--tls' in args else None
implicit = args[args.index('--implicit-tls') + 1:args.index('--implicit-tls') + 3] if '--implicit-tls' in args else None
os.makedirs(out, exist_ok=True)
count = 0

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('tempfail'):
            return '451 4.3.0 Mailbox temporarily unavailable, try later'
        if address.startswith('reject'):
            return '550 5.1.1 <%s>: Recipient address rejected: no such user' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        global count
        if any(r.startswith('slow') for r in envelope.rcpt_tos):  # a server that stalls after DATA
            open(os.path.join(out, 'slow.started'), 'w').close()
            await asyncio.sleep(120)
        count += 1
        with open(os.path.join(out, '%d.eml' % count), 'wb') as f:
            f.write(envelope.original_content)
        with open(os.path.join(out, '%d.json' % count), 'w') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                       'auth': bool(getattr(session, 'authenticated', False)),
                       'tls': getattr(session, 'ssl', None) is not None,
                       'implicit_tls': server.transport.get_extra_info('ssl_object') is not None and
                       getattr(session, 'ssl', None) is None}, f)
        return '250 2.0.0 Ok: queued as heedtest%d' % count

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and \
        auth_data.login.decode() + ':' + auth_data.password.decode() == auth
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself

kw = {}
if auth:
    kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
def server_context(cert, key):
    import ssl
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx

if tls:  # offers STARTTLS, and requires it before MAIL
    kw.update(tls_context=server_context(*tls), require_starttls=True)
ctl = {}
if implicit:  # TLS from the first byte; the controller's own readiness probe copes with it
    ctl.update(ssl_context=server_context(*implicit))
c = Controller(Handler(), hostname='127.0.0.1', port=port, server_hostname='sink.heed.test',
               decode_data=False, **ctl, **kw)
c.start()
print('ready', flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    c.stop()
