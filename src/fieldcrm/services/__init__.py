"""Domain operations (no Qt, no SQL in callers): each opens one transaction and records its changes for sync.

The service classes (and the ORM they use) are imported when `Services.for_store` first runs, so light parts
(`search`, `masking`, `errors`, `userinfo`) load without them (the GUI paints its customer list first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldcrm.services.search import CustomerQuery

if TYPE_CHECKING:
    from fieldcrm.services.customers import CustomerService
    from fieldcrm.services.masking import NumberMask
    from fieldcrm.services.opportunities import OpportunityService
    from fieldcrm.services.plans import PlanService
    from fieldcrm.services.profile import ProfileService
    from fieldcrm.services.reports import ReportService
    from fieldcrm.services.search import SearchService
    from fieldcrm.services.visits import VisitService
    from fieldcrm.store import Store


@dataclass(frozen=True)
class Services:
    """The services of one store, acting for one user (default: the profile's current user)."""

    store: Store
    profile: ProfileService
    customers: CustomerService
    search: SearchService
    visits: VisitService
    plans: PlanService
    reports: ReportService
    opportunities: OpportunityService
    masking: NumberMask

    @property
    def user_id(self) -> str | None:
        """The user these services act for (None: the profile's current user); a new area's service is built with
        it: `ComplaintService(services.store, services.user_id)`."""
        return self.customers.user_id

    @classmethod
    def for_store(cls, store: Store, user_id: str | None = None) -> Services:
        from fieldcrm.services.customers import CustomerService
        from fieldcrm.services.masking import NumberMask
        from fieldcrm.services.opportunities import OpportunityService
        from fieldcrm.services.plans import PlanService
        from fieldcrm.services.profile import ProfileService
        from fieldcrm.services.reports import ReportService
        from fieldcrm.services.search import SearchService
        from fieldcrm.services.visits import VisitService

        return cls(
            store=store,
            profile=ProfileService(store),
            customers=CustomerService(store, user_id),
            search=SearchService(store),
            visits=VisitService(store, user_id),
            plans=PlanService(store, user_id),
            reports=ReportService(store, user_id),
            opportunities=OpportunityService(store, user_id),
            masking=NumberMask(store, user_id),
        )


__all__ = ["CustomerQuery", "Services"]
