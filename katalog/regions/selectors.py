"""Reads of the region reference data."""

from __future__ import annotations

import re

from django.conf import settings

from .models import Region


def home_province_code() -> str:
    return settings.KATALOG["HOME_PROVINCE_CODE"]


def region_is_home(region: Region | None) -> bool:
    """True when the region is the home province or one of its regencies."""
    return region is not None and region.code.split(".")[0] == home_province_code()


def normalise_region_code(raw: str) -> str:
    """Accept `18.71`, ` 18.71 ` and the undotted Kemendagri form `1871`; return the dotted form."""
    code = (raw or "").strip()
    if re.fullmatch(r"\d{4}", code):
        return f"{code[:2]}.{code[2:]}"
    return code


def region_by_code(raw: str) -> Region | None:
    return Region.objects.filter(code=normalise_region_code(raw)).first()


def region_choice_groups() -> tuple[str, list[tuple[int, str]], list[tuple[int, str]]]:
    """For select boxes: the home province's name, its regencies as (pk, name), then every other region."""
    home = home_province_code()
    regions = region_choices_home_first()
    home_group = [(r.pk, r.name) for r in regions if r.code.startswith(f"{home}.")]
    other_group = [(r.pk, r.name) for r in regions if not r.code.startswith(f"{home}.")]
    province = Region.objects.filter(code=home).values_list("name", flat=True).first() or home
    return province, home_group, other_group


def region_choices_home_first() -> list[Region]:
    """Home province regencies first (the common case), then every province."""
    home = home_province_code()
    regencies = list(Region.objects.filter(level=Region.Level.REGENCY, parent__code=home))
    others = list(Region.objects.exclude(parent__code=home).exclude(code=home).order_by("level", "code"))
    return regencies + others
