"""The OpenAPI document lists every status each route really answers, each 4xx with its body's shape (a 410's: the
pull's horizon, or a remote wipe's order)."""

from __future__ import annotations

from pathlib import Path

from fieldcrm.server.app import create_app
from fieldcrm.server.db import make_engine

ANSWERS = {
    ("post", "/auth/login"): {200, 400, 401, 403, 413, 422, 426, 429},
    ("post", "/auth/logout"): {204, 401, 403, 410, 413, 422, 426},
    ("post", "/auth/wiped"): {204, 401, 403, 409, 413, 422, 426},
    ("post", "/sync/push"): {200, 400, 401, 403, 410, 413, 422, 426},
    ("get", "/sync/pull"): {200, 401, 403, 410, 413, 422, 426},
    ("get", "/rows/{table}/{row_id}"): {200, 401, 403, 404, 410, 413, 422, 426},
    ("post", "/reveal/{customer_id}"): {200, 401, 403, 404, 410, 413, 422, 426},
    ("get", "/health"): {200, 413},
}


def test_every_route_documents_the_statuses_it_answers(sqlite_template: Path) -> None:
    engine = make_engine(f"sqlite:///{sqlite_template}")
    try:
        document = create_app(engine).openapi()
    finally:
        engine.dispose()
    listed = {
        (method, path): {int(status) for status in operation["responses"]}
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert listed == ANSWERS
    for (method, path), statuses in ANSWERS.items():
        for status in statuses - {200, 204, 422}:
            content = document["paths"][path][method]["responses"][str(status)]["content"]
            body = "GoneBody" if status == 410 else "ErrorBody"  # a 410 may carry a remote wipe's order
            assert content["application/json"]["schema"] == {"$ref": f"#/components/schemas/{body}"}, (path, status)
