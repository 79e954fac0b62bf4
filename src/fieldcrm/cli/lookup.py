"""Finding the customer a user means on the command line: by id, or by a name or any part of one."""

from __future__ import annotations

import sys

from fieldcrm.cli.common import CommandError
from fieldcrm.domain.errors import NotFoundError
from fieldcrm.services import CustomerQuery, Services

#: How many candidates an ambiguous name lists before "and N more".
SHOWN = 10


class AmbiguousCustomerError(CommandError):
    """Several customers match what was typed; the message lists them, one a line, for the user to choose."""


def resolve_customer(services: Services, text: str, option: str = "--customer") -> str:
    """The id of the customer `text` names: an id as it is, else the one customer the search finds for it (the
    one whose name is exactly `text` among several). Several or none: an error that says what to type."""
    wanted = text.strip()
    if not wanted or wanted in services.search.rows([wanted]):
        return wanted  # an id (or nothing): the service says if it is unknown
    found = services.search.search(CustomerQuery(text=wanted, limit=SHOWN + 1))
    exact = [row for row in found if row.name == wanted]
    if len(exact) == 1:
        return exact[0].id
    if not found:
        raise NotFoundError(f"no customer with id or name '{wanted}' (see `fieldcrm customers list --search …`)")
    if len(found) == 1:
        print(f"{option}: '{wanted}' is {found[0].name} ({found[0].id})", file=sys.stderr)
        return found[0].id
    total = services.search.count(CustomerQuery(text=wanted))
    lines = [f"{option}: '{wanted}' matches {total} customers; give more of the name, or the id:"]
    lines += [f"  {row.name}  {row.id}" for row in found[:SHOWN]]
    if total > SHOWN:
        lines.append(f"  … and {total - SHOWN} more (`fieldcrm customers list --search {wanted}`)")
    raise AmbiguousCustomerError("\n".join(lines))
