"""Opportunities through the funnel stages."""

import pytest

from fieldcrm.domain.errors import InvalidStateError, ValidationError
from fieldcrm.services import Services


def test_funnel_moves_close_and_reopen(services: Services) -> None:
    cid = services.customers.create(name="成都天府软件有限公司")
    opp = services.opportunities.create(cid, "ERP 升级", amount="120,000.50", expected_close="2026-12-31")
    for stage in ("意向客户", "需求确认", "方案提供", "谈判签约"):
        assert services.opportunities.move(opp, stage)["stage"] == stage
    won = services.opportunities.move(opp, "赢单")
    assert won["closed_at"] is not None
    assert services.opportunities.move(opp, "谈判签约")["closed_at"] is None  # reopened
    with pytest.raises(ValidationError) as err:
        services.opportunities.move(opp, "输单")
    assert err.value.field == "lost_reason"
    lost = services.opportunities.move(opp, "输单", lost_reason="预算取消")
    assert lost["lost_reason"] == "预算取消"
    with pytest.raises(InvalidStateError):
        services.opportunities.move(opp, "输单", lost_reason="again")
    funnel = services.opportunities.funnel()
    assert funnel["输单"] == {"count": 1, "amount_cents": 12_000_050}
    assert [o["title"] for o in services.customers.get(cid)["opportunities"]] == ["ERP 升级"]


def test_opportunity_validation(services: Services) -> None:
    cid = services.customers.create(name="武汉光谷电子有限公司")
    with pytest.raises(ValidationError) as err:
        services.opportunities.create(cid, "x", amount="很多")
    assert err.value.field == "amount"
    with pytest.raises(ValidationError) as err:
        services.opportunities.create(cid, "x", stage="赢单")
    assert err.value.field == "stage"
    with pytest.raises(ValidationError):
        services.opportunities.create(cid, "  ")
