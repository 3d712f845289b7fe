"""The curators' red-flag pages: who sees them, the list and its filters, dismissing, exports, query count."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from katalog.audit.models import AuditEvent
from katalog.procurement.tests.factories import NOW
from katalog.redflags.models import FlagKind, FlagStatus, RedFlag
from katalog.redflags.services import DISMISSED_EVENT

from .factories import JUTA, sent_order, split_flag

pytestmark = pytest.mark.django_db

LIST = reverse("redflags:list")
DAY = dt.timedelta(days=1)


@pytest.fixture
def orders(buyer, vendor):
    return [sent_order(buyer=buyer, vendor=vendor, price_idr=60 * JUTA, now=NOW + days * DAY) for days in (0, 9)]


@pytest.fixture
def flag(orders):
    return split_flag(orders=orders, key="split_orders:test")


def order_link(order) -> str:
    return f'href="{reverse("procurement:order_detail", args=[order.pk])}"'


def test_a_curator_sees_each_open_flag_explained_with_links_to_its_orders(client_for, curator, flag, orders):
    response = client_for(curator).get(LIST)

    assert response.status_code == 200
    assert [row["id"] for row in response.context["rows"]] == [flag.pk]
    row = response.context["rows"][0]
    assert "Rp240,000,000" in row["explanation"] and "Rp200,000,000" in row["explanation"]
    assert "9 days" in row["explanation"]
    content = response.content.decode()
    assert f'id="flag-{flag.pk}"' in content
    assert all(order_link(order) in content for order in orders)
    assert reverse("redflags:dismiss", args=[flag.pk]) in content


def test_a_curator_can_open_the_orders_a_flag_links_to(client_for, curator, orders):
    assert client_for(curator).get(reverse("procurement:order_detail", args=[orders[0].pk])).status_code == 200


def test_a_leader_reads_the_flags_without_order_links_or_dismissal(client_for, leader, flag, orders):
    response = client_for(leader).get(LIST)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="flag-{flag.pk}"' in content
    assert orders[0].number in content
    assert order_link(orders[0]) not in content
    assert reverse("redflags:dismiss", args=[flag.pk]) not in content


def test_a_vendor_is_refused_and_an_anonymous_visitor_sent_to_log_in(client_for, vendor_owner, flag):
    assert client_for(vendor_owner).get(LIST).status_code == 403
    assert client_for(vendor_owner).get(reverse("redflags:detail", args=[flag.pk])).status_code == 403
    assert client_for(vendor_owner).get(reverse("redflags:export_csv")).status_code == 403
    response = client_for().get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_list_filters_by_kind_and_status(client_for, curator, orders, flag):
    other = split_flag(orders=orders, key="price:test", kind=FlagKind.PRICE_ABOVE_MEDIAN, params={
        "ratio_limit": "2.0", "lines": [{"line_id": 1, "name": "Tapis", "category_id": 1, "category": "Tapis",
                                         "quantity": 2, "unit_price_idr": 60 * JUTA, "median_idr": 1_500_000,
                                         "product_count": 4, "ratio": "40.0"}],
    })
    dismissed = split_flag(orders=orders, key="split_orders:old", status=FlagStatus.DISMISSED,
                           dismissal_reason="Sudah diperiksa.")
    client = client_for(curator)

    def ids(query):
        return [row["id"] for row in client.get(LIST, query).context["rows"]]

    assert sorted(ids({})) == sorted([flag.pk, other.pk])
    assert ids({"kind": FlagKind.PRICE_ABOVE_MEDIAN}) == [other.pk]
    assert ids({"status": "dismissed"}) == [dismissed.pk]
    assert sorted(ids({"status": "all"})) == sorted([flag.pk, other.pk, dismissed.pk])
    assert sorted(ids({"kind": "no-such-kind"})) == sorted([flag.pk, other.pk])  # ignored, shown as an error
    counts = {row["kind"]: row["count"] for row in client.get(LIST).context["counts"]}
    assert counts[FlagKind.SPLIT_ORDERS] == 1 and counts[FlagKind.PRICE_ABOVE_MEDIAN] == 1


def test_the_detail_page_lists_every_order_of_the_flag(client_for, curator, flag, orders):
    response = client_for(curator).get(reverse("redflags:detail", args=[flag.pk]))

    assert response.status_code == 200
    assert [o["id"] for o in response.context["flag"]["orders"]] == [o.pk for o in orders]
    assert client_for(curator).get(reverse("redflags:detail", args=[flag.pk + 999])).status_code == 404


# ---- Dismissing ----

def test_a_curator_dismisses_a_flag_from_the_list(client_for, curator, flag):
    response = client_for(curator).post(reverse("redflags:dismiss", args=[flag.pk]), {
        "reason": "Dua paket dengan RUP berbeda.", "next": f"{LIST}?kind=split_orders",
    })

    assert response.status_code == 302 and response["Location"] == f"{LIST}?kind=split_orders"
    flag.refresh_from_db()
    assert (flag.status, flag.dismissal_reason, flag.dismissed_by) == (
        FlagStatus.DISMISSED, "Dua paket dengan RUP berbeda.", curator
    )
    assert AuditEvent.objects.filter(event_type=DISMISSED_EVENT, target_id=str(flag.pk)).count() == 1


def test_dismissing_without_a_reason_is_refused_and_changes_nothing(client_for, curator, flag):
    response = client_for(curator).post(reverse("redflags:dismiss", args=[flag.pk]), {"reason": "  "})

    assert response.status_code == 400
    assert response.context["dismiss_form"].errors["reason"]
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    assert not AuditEvent.objects.filter(event_type=DISMISSED_EVENT).exists()


def test_a_leader_cannot_dismiss_and_an_outside_next_is_not_followed(client_for, curator, leader, flag):
    assert client_for(leader).post(reverse("redflags:dismiss", args=[flag.pk]), {"reason": "x"}).status_code == 403

    response = client_for(curator).post(reverse("redflags:dismiss", args=[flag.pk]), {
        "reason": "Sudah diperiksa.", "next": "https://example.com/",
    })

    assert response["Location"] == LIST


# ---- Exports ----

def test_the_excel_export_holds_the_filtered_flags_and_the_filters(client_for, curator, flag, orders):
    from openpyxl import load_workbook

    response = client_for(curator).get(reverse("redflags:export_xlsx"), {"kind": FlagKind.SPLIT_ORDERS})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    flags_sheet, filters_sheet = workbook.worksheets
    rows = list(flags_sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][7] == 240 * JUTA and rows[1][8] == 2
    assert rows[1][9] == f"{orders[0].number}, {orders[1].number}"
    filters = dict(list(filters_sheet.iter_rows(values_only=True))[1:])
    with translation.override("en"):
        assert filters["Kind"] == str(FlagKind.SPLIT_ORDERS.label)
    assert filters["Flags"] == 1


def test_the_csv_export_holds_the_flags(client_for, leader, flag, orders):
    response = client_for(leader).get(reverse("redflags:export_csv"))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][7] == str(240 * JUTA)
    assert rows[1][9] == f"{orders[0].number}, {orders[1].number}"


# ---- Cost ----

def test_the_list_costs_the_same_queries_however_many_flags_it_shows(client_for, curator, orders):
    client = client_for(curator)
    split_flag(orders=orders, key="split_orders:0")
    client.get(LIST)  # warm the session and the user

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    one = queries()
    for n in range(1, 8):
        split_flag(orders=orders, key=f"split_orders:{n}")
    assert RedFlag.objects.count() == 8
    assert queries() == one


def test_dismissing_a_flag_no_longer_open_says_why_on_its_page(client_for, curator, flag):
    client = client_for(curator)
    client.post(reverse("redflags:dismiss", args=[flag.pk]), {"reason": "Sudah diperiksa."})

    response = client.post(reverse("redflags:dismiss", args=[flag.pk]), {"reason": "Lagi."}, follow=True)

    assert response.redirect_chain == [(reverse("redflags:detail", args=[flag.pk]), 302)]
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    assert AuditEvent.objects.filter(event_type=DISMISSED_EVENT).count() == 1
