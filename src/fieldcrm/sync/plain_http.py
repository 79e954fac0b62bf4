"""Plain http:// only to this machine, or to a server the user allowed it for at login (remembered in the profile):
anything else would send the password and the customer file unencrypted."""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

from sqlmodel import Session

from fieldcrm.services.state import get_state, set_state

#: The servers this profile may reach over plain http (a JSON list of their addresses as logged in to).
ALLOWED_KEY = "plain_http_servers"
#: Why plain http is refused; the GUI shows the same sentence (translated) beside its choice.
WHY = (
    "http:// is not encrypted: anyone on the network between this laptop and {host} could read your password and "
    "your customers' data, or change them on the way."
)
CLI_CHOICE = "Use the server's https:// address, or log in with --insecure if you trust every network in between."


def is_loopback(host: str) -> bool:
    """This machine: localhost, 127.0.0.0/8 or ::1 (by the address as written, never by what a name resolves to)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unencrypted_host(server: str) -> str | None:
    """The host `server` would be reached at without encryption on another machine, or None (https, loopback)."""
    parts = urlsplit(server.strip())
    if parts.scheme.lower() != "http" or not parts.hostname:
        return None
    return None if is_loopback(parts.hostname) else parts.hostname


def allowed(session: Session, server: str) -> bool:
    return server in json.loads(get_state(session, ALLOWED_KEY) or "[]")


def allow(session: Session, server: str) -> None:
    servers = json.loads(get_state(session, ALLOWED_KEY) or "[]")
    if server not in servers:
        set_state(session, ALLOWED_KEY, json.dumps([*servers, server]))


def check(session: Session, server: str, insecure: bool = False) -> None:
    """Refuse (before anything is sent) plain http to another machine unless allowed now or before."""
    from fieldcrm.sync.transport import PlainHttpRefused  # here: the GUI's login form uses this module unloaded httpx

    host = unencrypted_host(server)
    if host is not None and not insecure and not allowed(session, server):
        raise PlainHttpRefused(f"{WHY.format(host=host)} {CLI_CHOICE}")
