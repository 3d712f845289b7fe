"""A small province built by hand: three buyers of different types, a micro vendor in Kota Bandar Lampung
and a large one in Kota Metro, four products on either side of the PDN threshold and of "local", and the
orders below. Every expected figure in the tests is worked out from this table.

| order | buyer (type)          | vendor       | lines                                                  | paid on    |
|-------|-----------------------|--------------|--------------------------------------------------------|------------|
| old   | provincial OPD        | micro, 18.71 | 7 × tapis 1.000.000                                    | 2024-12-31 |
| march | provincial OPD        | micro, 18.71 | 3 × tapis 1.000.000 + 2 × batik 500.000   = 4.000.000  | 2025-03-31 |
| april | regency OPD           | large, 18.72 | 25 × coffee 100.000 + 2 × coffee 250.000  = 3.000.000  | 2025-04-01 |
| june  | BUMD                  | micro, 18.71 | 1 × tapis 1.000.000 + 4 × batik 500.000   = 3.000.000  | 2025-06-15 |
| open  | provincial OPD        | micro, 18.71 | 5 × tapis (received, not paid: counts for nothing)     |            |

tapis: TKDN 45 + BMP 5 (PDN), made in 18.71 (local). batik: 20 + 5 (not PDN), made in 18.71 (local).
coffee 100.000: 35 + 5 = 40, exactly the threshold (PDN), made in Jakarta (not local).
coffee 250.000: 39.99 + 0 (not PDN), made in 18.72 (local). The micro vendor is UMK, the large one is not.

2025 in total: 10.000.000; PDN 3.000.000 + 2.500.000 + 1.000.000 = 6.500.000 (65.0%);
local 4.000.000 + 500.000 + 3.000.000 = 7.500.000 (75.0%); UMK 4.000.000 + 3.000.000 = 7.000.000 (70.0%).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import TestCase

from .factories import S, jakarta, new_buyer, new_product, new_vendor, paid_order


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The table above, built once per test module (it takes a while) inside a transaction that is rolled back
    after the module's last test, the way Django's TestCase keeps its setUpTestData. Each test still runs in a
    savepoint of its own (the module's tests are marked django_db), so whatever a test changes is undone.

    The monthly sums are refreshed the way production does it: by the hooks, as each payment is saved (tasks
    run inline in the tests). Use it only in modules whose every test asks for it, or the others would see it
    or not depending on their order.
    """
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            yield _build_world()
        finally:
            TestCase._rollback_atomics(atomics)


def _build_world() -> SimpleNamespace:
    provincial = new_buyer("Dinas Koperasi dan UKM Provinsi Lampung", "opd_provinsi")
    regency = new_buyer("Dinas Pendidikan Kota Metro", "opd_kabkota")
    bumd = new_buyer("PT Lampung Jasa Utama (BUMD)", "bumd")
    micro, micro_owner = new_vendor("Tapis Berseri", region="18.71", scale="mikro")
    large, large_owner = new_vendor("PT Kopi Metro Raya", region="18.72", scale="besar")
    tapis = new_product(micro, category="Tapis Lembaran", price_idr=1_000_000, tkdn="45", bmp="5", origin="18.71")
    batik = new_product(micro, category="Batik Lampung", price_idr=500_000, tkdn="20", bmp="5", origin="18.71")
    imported_coffee = new_product(large, category="Kopi Bubuk", price_idr=100_000, tkdn="35", bmp="5",
                                  origin="31.71")
    local_coffee = new_product(large, category="Kopi Bubuk", price_idr=250_000, tkdn="39.99", origin="18.72")
    old = paid_order(buyer=provincial, vendor_user=micro_owner, lines=[(tapis, 7)], paid_on=dt.date(2024, 12, 31))
    march = paid_order(buyer=provincial, vendor_user=micro_owner, lines=[(tapis, 3), (batik, 2)],
                       paid_on=dt.date(2025, 3, 31))
    # A local coffee and a PDN coffee are both listed: choosing either one needs a reason for the other rule.
    april = paid_order(buyer=regency, vendor_user=large_owner, lines=[(imported_coffee, 25), (local_coffee, 2)],
                       paid_on=dt.date(2025, 4, 1), local_justification="Hanya kopi ini yang tersedia 25 kg.",
                       pdn_justification="Varietas robusta khusus yang diminta.")
    june = paid_order(buyer=bumd, vendor_user=micro_owner, lines=[(tapis, 1), (batik, 4)],
                      paid_on=dt.date(2025, 6, 15), status=S.COMPLETED)
    unpaid = paid_order(buyer=provincial, vendor_user=micro_owner, lines=[(tapis, 5)],
                        paid_on=dt.date(2025, 5, 20), status=S.RECEIVED)
    return SimpleNamespace(
        provincial=provincial.memberships.get().organisation, regency=regency.memberships.get().organisation,
        bumd=bumd.memberships.get().organisation, provincial_ppk=provincial, regency_ppk=regency, bumd_ppk=bumd,
        micro=micro, micro_owner=micro_owner, large=large, large_owner=large_owner,
        tapis=tapis, batik=batik, imported_coffee=imported_coffee, local_coffee=local_coffee,
        old=old, march=march, april=april, june=june, unpaid=unpaid,
    )


@pytest.fixture
def in_2025(frozen_clock):
    """Today is 20 November 2025 in Jakarta: the dashboards open on 2025 by default."""
    frozen_clock.set(jakarta(2025, 11, 20))
    return frozen_clock
