"""The sync API fuzzed from its own OpenAPI document (schemathesis), against a real server on loopback with a rep's
token: whatever a request holds, the answer is one the document lists, in the shape it gives, and never a 5xx."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from fieldcrm.ids import uuid7
from fieldcrm.sync.protocol import PROTOCOL_HEADER
from server_fixtures import PASSWORD

pytestmark = pytest.mark.server_threads(1)

# Every other check of schemathesis runs (no 5xx; status, content type, headers and body as documented). Not the
# one expecting every schema-valid request to succeed: refusals that depend on the server's state or on the
# protocol's meaning (426 for an old protocol number, 401 for a wrong password, 410 for a cursor past the horizon)
# are answers the document lists, not failures.

#: Examples per operation: enough to meet every field's edges, few enough for the run to take about a minute.
EXAMPLES = 30


def test_every_answer_is_documented_and_none_is_a_server_error(server, team) -> None:
    body = {"user": "张伟", "password": PASSWORD, "device_id": uuid7()}
    token = httpx.post(f"{server.url}/auth/login", json=body).json()["token"]
    headers = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    # Logging out would revoke the token the other operations use: it goes last.
    operations = sorted((o.ok() for o in schema.get_all_operations()), key=lambda o: o.path == "/auth/logout")
    assert len(operations) >= 6
    failures: dict[str, str] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            case.call_and_validate(base_url=server.url, headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            call()
        except Exception as exc:  # noqa: BLE001 - every operation's failure is reported together
            failures[operation.label] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
