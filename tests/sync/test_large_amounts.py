"""Money past 32 bits: a deal of ¥50,000,000.00 (5,000,000,000 分) goes from one laptop through the head office's
database (SQLite or PostgreSQL) to another laptop unchanged."""

from __future__ import annotations

from laptops import local_count, server_count

#: ¥50,000,000.00 in 分: more than a 32-bit column holds (2**31 - 1 分 is about ¥21.4M).
BIG_DEAL_CENTS = 5_000_000_000


def test_a_deal_past_32_bits_reaches_the_server_and_the_other_laptop_unchanged(server, team, laptop_factory) -> None:
    mine, other = laptop_factory("mine", "张伟"), laptop_factory("other", "张伟")
    customer_id = mine.cli("customers", "add", "--name", "上海大单贸易有限公司").strip()
    deal_id = mine.services().opportunities.create(customer_id, "全年集采", amount="50,000,000.00")
    result = mine.sync()
    # the customer, its first contact and the deal
    assert (result.pushed, result.rejected) == (3, 0), result.summary()
    assert server_count(server, f"SELECT amount_cents FROM opportunity WHERE id = '{deal_id}'") == BIG_DEAL_CENTS
    other.sync()
    assert local_count(other, f"SELECT amount_cents FROM opportunity WHERE id = '{deal_id}'") == BIG_DEAL_CENTS
