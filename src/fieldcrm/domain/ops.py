"""An op about to be applied, as the rules see it (on the server, a pushed op; the same shape for every table),
and what the rules may ask about the rest of the world while judging it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from fieldcrm.domain.actors import Actor

if TYPE_CHECKING:
    from fieldcrm.domain.appeals import Loss


@dataclass
class OpView:
    kind: str  # insert | fill (a second creation of an existing row) | update | delete | action
    table: str
    row: Any  # a new row (insert), or the row as stored before this op
    sent: Mapping[str, Any] = field(default_factory=dict)  # the fields the op carries, as sent
    changes: dict[str, Any] = field(default_factory=dict)  # the fields it will change; a rule may set one it decides
    action: str | None = None
    base_version: int = 0
    #: The customer a customer-scoped row points at, as the op named it (before following merges); None if none.
    customer: Any = None
    customer_id: str | None = None
    #: The row whose owner decides, where it is not `row`: an op queued against a customer merged into its twin.
    via: Any = None


class Lookup(Protocol):
    """What a rule may look up beyond the op: facts of the company's directory."""

    def supervisor_of(self, rep_id: str) -> str | None: ...

    def supervisor_of_team(self, team_id: str) -> str | None:
        """The supervisor leading the team; None for no such team or none leading it."""
        ...

    def team_of_rep(self, user_id: str) -> str | None:
        """The team of an active rep; None for anyone else."""
        ...

    def holding_of(self, customer_id: str) -> tuple[str | None, bool] | None:
        """Who holds the customer now (owner, in the public pool), as it stands; None if there is no such customer."""
        ...

    def handover_pending(self, customer_id: str, except_id: str) -> bool:
        """Whether another handover of the customer is still waiting."""
        ...

    def loss_of(self, rep_id: str, customer_id: str) -> Loss | None:
        """How the rep lost the customer (`domain.appeals.how_lost` over head office's records), or None."""
        ...

    def open_appeal(self, customer_id: str, rep_id: str, except_id: str) -> bool:
        """Whether the rep has an open appeal about the customer other than `except_id`."""
        ...


#: A table's own rule on an op: None (allowed) or the refusal. Each domain module lists its tables' in OP_CHECKS.
OpCheck = Callable[[Actor, OpView, Lookup], str | None]
