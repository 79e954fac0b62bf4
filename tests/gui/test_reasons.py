"""Refusals in the user's language: every sentence a service can refuse with has a template (checked by reading the
source, so a new message without one fails here), and the Chinese catalogue turns real refusals into Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import fieldcrm
from fieldcrm.domain.errors import ValidationError
from fieldcrm.services import Services
from fieldcrm.ui.fields import error_text
from fieldcrm.ui.reasons import known, localize

#: Exceptions whose text reaches the window (the rest are programming errors or CLI-only).
SHOWN = {"ValidationError", "NotFoundError", "PermissionDeniedError", "InvalidStateError", "StaleError"}
PACKAGE = Path(fieldcrm.__file__).parent
#: Messages only the command line or the admin can meet.
CLI_ONLY = ("no local profile yet: run `fieldcrm init", "is not a number of customers", "a user named")


def _sentences() -> list[tuple[str, str]]:
    """(where, message with every placeholder filled by a sample value) for each raise of a shown exception."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if {"ui", "server"} & set(path.relative_to(PACKAGE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in SHOWN:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                text = first.value
            elif isinstance(first, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "样例" for v in first.values)
            else:
                continue
            if not any(part in text for part in CLI_ONLY):
                found.append((f"{path.name}:{node.lineno}", text))
    return found


def test_every_refusal_a_service_raises_has_a_template():
    sentences = _sentences()
    assert len(sentences) > 40  # the scan really reads the services
    assert [(where, text) for where, text in sentences if not known(text)] == []


def test_real_refusals_read_in_chinese(chinese, team_services: dict[str, Services]):
    services = team_services["rep"]
    with pytest.raises(ValidationError) as refused:
        services.customers.create(name="宁波港口物流有限公司", grade="Z")
    assert error_text(refused.value) == "等级：“Z”不是客户等级；请使用 A, B, C 之一"
    with pytest.raises(ValidationError) as refused:
        services.customers.create(name="  ")
    assert error_text(refused.value).endswith("为必填项，但未填写")
    assert localize("客户名单.xlsx: the workbook has no sheets") == "客户名单.xlsx：工作簿中没有工作表"
    assert localize("same phone as row 4 of this file, already matched by row 3") == (
        "与本文件第 4 行的电话相同，已与第 3 行匹配"
    )
    assert localize("same phone as an existing customer; it belongs to another rep") == (
        "与现有客户的电话相同；该客户属于其他销售"
    )
    assert localize("an explanation no template knows") == "an explanation no template knows"
