"""What bounding pull pages in bytes costs: the size estimate of a page's rows against serialising the page, and
how close the estimate comes to the bytes sent. Prints the figures; no database needed."""

from __future__ import annotations

import timeit

from fieldcrm.ids import uuid7
from fieldcrm.server.pull import _json_bytes
from fieldcrm.sync.protocol import PullResponse, RowChange


def customer_row(n: int, notes: str) -> dict:
    return {
        "id": uuid7(), "created_at": "2026-12-01T08:00:00+00:00", "updated_at": "2026-12-01T08:00:00+00:00",
        "version": n, "deleted": False, "owner_id": uuid7(), "name": f"上海华润万家超市有限公司{n}",
        "name_norm": f"上海华润万家超市{n}", "credit_code": None, "phone": "021-62345678", "phone_norm": "02162345678",
        "address": "上海市静安区南京西路1266号", "region": "华东", "industry": "零售", "size": "500人以上",
        "grade": "A", "stage": "重要", "source": "展会", "first_contact_at": None, "first_contact_by": None,
        "protection_until": None, "in_public_pool": False, "tags": "零售,重点", "notes": notes,
        "next_follow_up": "2026-12-15", "merged_into": None,
    }  # fmt: skip


def measure(label: str, rows: list[dict]) -> None:
    changes = [RowChange(seq=n, table="customer", id=r["id"], row=r) for n, r in enumerate(rows)]
    page = PullResponse(changes=changes, next_after=len(rows), has_more=False, server_time="2026-12-01T08:00:00")
    estimate = sum(_json_bytes("customer", r) for r in rows)
    sent = len(page.model_dump_json().encode())
    # The best of five runs of each (the machine may be busy).
    estimating = min(timeit.repeat(lambda: sum(_json_bytes("customer", r) for r in rows), number=1, repeat=5))
    serialising = min(timeit.repeat(page.model_dump_json, number=1, repeat=5))
    print(
        f"{label}: {len(rows)} rows, estimate {estimate:,} B vs sent {sent:,} B ({estimate / sent:.2f}x); "
        f"estimating {estimating * 1000:.1f} ms vs serialising {serialising * 1000:.1f} ms "
        f"({estimating / serialising:.1%})"
    )


if __name__ == "__main__":
    measure("5,000 customers, short notes", [customer_row(n, "定期拜访，关注新品") for n in range(5000)])
    measure("1,000 customers, 2,000-character notes", [customer_row(n, "备注" * 1000) for n in range(1000)])
    measure("200 customers, 20,000 ASCII notes with lines", [customer_row(n, "note line\n" * 2000) for n in range(200)])
