"""The yearly targets: the defaults from the settings, curators setting a year's own (audited), leaders reading."""

from decimal import Decimal

import pytest
from django.test import override_settings

from katalog.audit.models import AuditEvent
from katalog.core.errors import PermissionDeniedError, ValidationFailed
from katalog.monitoring.models import Target
from katalog.monitoring.targets import default_targets, target_set, targets_for

from .factories import jakarta

pytestmark = pytest.mark.django_db
NOW = jakarta(2025, 11, 20)
URL = "/pemantauan/target/"


def shares(targets):
    return targets.pdn_pct, targets.local_pct, targets.umk_pct


def test_a_year_without_its_own_targets_uses_the_defaults():
    targets = targets_for(2025)

    assert shares(targets) == (Decimal("95"), Decimal("40"), Decimal("40"))
    assert targets.is_default


def test_the_defaults_come_from_the_settings():
    from django.conf import settings

    with override_settings(KATALOG={**settings.KATALOG, "TARGET_PDN_PCT": 90, "TARGET_LOCAL_PCT": "35.5",
                                    "TARGET_UMK_PCT": 45}):
        assert shares(default_targets(2030)) == (Decimal("90"), Decimal("35.5"), Decimal("45"))


def test_a_curator_sets_a_year_and_each_change_is_audited_with_the_old_values(curator):
    target_set(actor=curator, year=2025, pdn_pct="90", local_pct="45,5", umk_pct=40, now=NOW)
    target_set(actor=curator, year=2025, pdn_pct="92.25", local_pct="45.5", umk_pct="41", now=NOW)

    assert shares(targets_for(2025)) == (Decimal("92.25"), Decimal("45.5"), Decimal("41"))
    assert not targets_for(2025).is_default
    assert targets_for(2026).is_default
    target = Target.objects.get(year=2025)
    assert (target.updated_by, target.updated_at) == (curator, NOW)
    first, second = AuditEvent.objects.filter(event_type="monitoring.target.set").order_by("id")
    assert (second.actor, second.target_type, second.target_id) == (curator, "monitoring.target", str(target.pk))

    def numbers(changes):
        return {name: [None if v is None else Decimal(v) for v in pair] for name, pair in changes.items()}

    assert numbers(first.changes) == {"pdn_pct": [None, Decimal("90")], "local_pct": [None, Decimal("45.5")],
                                      "umk_pct": [None, Decimal("40")]}
    assert numbers(second.changes) == {"pdn_pct": [Decimal("90"), Decimal("92.25")],
                                       "local_pct": [Decimal("45.5"), Decimal("45.5")],
                                       "umk_pct": [Decimal("40"), Decimal("41")]}


@pytest.mark.parametrize(("values", "field"), [
    ({"pdn_pct": "150"}, "pdn_pct"),
    ({"pdn_pct": "-1"}, "pdn_pct"),
    ({"local_pct": "x"}, "local_pct"),
    ({"local_pct": ""}, "local_pct"),
    ({"umk_pct": "40.125"}, "umk_pct"),
    ({"umk_pct": "NaN"}, "umk_pct"),
    ({"umk_pct": "1e3"}, "umk_pct"),
    ({"year": 1999}, "year"),
    ({"year": "2025"}, "year"),
])
def test_refuses_bad_targets_naming_the_field_and_saves_nothing(curator, values, field):
    arguments = {"year": 2025, "pdn_pct": "95", "local_pct": "40", "umk_pct": "40", **values}

    with pytest.raises(ValidationFailed) as refused:
        target_set(actor=curator, now=NOW, **arguments)

    assert list(refused.value.field_errors) == [field]
    assert not Target.objects.exists()
    assert not AuditEvent.objects.filter(event_type="monitoring.target.set").exists()


def test_only_curators_set_targets(leader, buyer):
    for actor in (leader, buyer):
        with pytest.raises(PermissionDeniedError):
            target_set(actor=actor, year=2025, pdn_pct="90", local_pct="40", umk_pct="40", now=NOW)
    assert not Target.objects.exists()


# ---- The page ----

def test_a_leader_reads_the_targets_but_cannot_post(client_for, leader, curator):
    target_set(actor=curator, year=2025, pdn_pct="90", local_pct="40", umk_pct="40", now=NOW)
    client = client_for(leader)

    page = client.get(URL)
    refused = client.post(URL, {"year": "2025", "pdn_pct": "10", "local_pct": "10", "umk_pct": "10"})

    assert page.status_code == 200
    assert b'data-year="2025"' in page.content
    assert b'name="pdn_pct"' not in page.content  # no form for leaders
    assert refused.status_code == 403
    assert targets_for(2025).pdn_pct == Decimal("90")


def test_a_curator_sets_targets_on_the_page(client_for, curator, frozen_clock):
    frozen_clock.set(NOW)

    response = client_for(curator).post(URL, {"year": "2026", "pdn_pct": "96", "local_pct": "42,5",
                                              "umk_pct": "40"})

    assert response.status_code == 302
    assert shares(targets_for(2026)) == (Decimal("96"), Decimal("42.5"), Decimal("40"))
    assert Target.objects.get(year=2026).updated_at == NOW


@pytest.mark.parametrize(("values", "field"), [
    ({"pdn_pct": "150"}, "pdn_pct"),
    ({"local_pct": "x"}, "local_pct"),
    ({"umk_pct": "12.345"}, "umk_pct"),
    ({"year": ""}, "year"),
    ({"year": "1999"}, "year"),
    ({"year": "²"}, "year"),
])
def test_the_page_shows_what_is_wrong_with_status_400(client_for, curator, values, field):
    data = {"year": "2025", "pdn_pct": "95", "local_pct": "40", "umk_pct": "40", **values}

    response = client_for(curator).post(URL, data)

    assert response.status_code == 400
    assert list(response.context["errors"]) == [field]
    assert b"is-invalid" in response.content and b"invalid-feedback" in response.content
    assert not Target.objects.exists()


def test_people_outside_the_government_side_cannot_open_the_targets(client_for, buyer, vendor_owner):
    assert client_for(buyer).get(URL).status_code == 403
    assert client_for(vendor_owner).get(URL).status_code == 403
    assert client_for().get(URL).status_code == 302  # to the login
