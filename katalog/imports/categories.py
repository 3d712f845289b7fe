"""Finding the category a spreadsheet row names, in memory, and planning the ones to create.

A row may name a category by its name at any level ("Tapis Lembaran"), by a path from the top or
its last parts ("Kain & Tapis > Kain Tapis > Tapis Lembaran", "Kain Tapis > Tapis Lembaran"), or by
its slug. Names are compared case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from katalog.catalog.models import Category

from .cells import CellError

PATH_SEPARATOR = ">"
MAX_LEVEL = 3
NAME_MAX_LENGTH = Category._meta.get_field("name").max_length


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _loose_key(name: str) -> str:
    """Names as people write them: besides case and spacing, the joiners "&", "dan", "/", "-" do not matter."""
    text = re.sub(r"[&/+,\-–]", " ", name.casefold())
    return " ".join(w for w in text.split() if w not in {"dan", "and", "serta"})


def _has_joiner(name: str) -> bool:
    return _loose_key(name) != " ".join(name.casefold().split())


def _loose_matches(candidates: list[Category], value: str) -> list[Category]:
    """"Kain dan Tapis" means "Kain & Tapis" rather than "Kain Tapis": joined names prefer joined names."""
    if len(candidates) > 1:
        same = [c for c in candidates if _has_joiner(c.name) == _has_joiner(value)]
        if len(same) == 1:
            return same
    return candidates


def _unique(categories: list[Category]) -> list[Category]:
    return list({c.pk: c for c in categories}.values())


@dataclass
class PlannedCategory:
    """A category to create when the import is written. `parent` is a Category or another plan."""

    name: str
    parent: Category | PlannedCategory | None
    level: int
    path: str
    first_row: int
    created: Category | None = None


@dataclass
class CategoryResolver:
    """Loads the whole tree once (a few hundred rows) and answers every row from memory."""

    create_missing: bool = False
    by_id: dict[int, Category] = field(default_factory=dict)
    by_name: dict[str, list[Category]] = field(default_factory=dict)
    by_slug: dict[str, Category] = field(default_factory=dict)
    by_loose_name: dict[str, list[Category]] = field(default_factory=dict)
    by_alias: dict[str, list[Category]] = field(default_factory=dict)
    planned: dict[tuple, PlannedCategory] = field(default_factory=dict)
    _cache: dict[str, Category | PlannedCategory] = field(default_factory=dict)

    @classmethod
    def load(cls, *, create_missing: bool = False) -> CategoryResolver:
        resolver = cls(create_missing=create_missing)
        for category in Category.objects.all():
            resolver.by_id[category.pk] = category
            resolver.by_name.setdefault(_key(category.name), []).append(category)
            resolver.by_slug[category.slug] = category
            resolver.by_loose_name.setdefault(_loose_key(category.name), []).append(category)
            for alias in category.aliases or []:
                resolver.by_alias.setdefault(_loose_key(alias), []).append(category)
        return resolver

    # ---- reading ----

    def names_of(self, category: Category) -> list[str]:
        names = [category.name]
        parent_id = category.parent_id
        while parent_id and parent_id in self.by_id:
            parent = self.by_id[parent_id]
            names.insert(0, parent.name)
            parent_id = parent.parent_id
        return names

    def path_of(self, category: Category) -> str:
        return f" {PATH_SEPARATOR} ".join(self.names_of(category))

    def resolve(self, raw: str, *, row: int) -> Category | PlannedCategory:
        """The category (or planned category) the cell names; CellError when unknown or ambiguous."""
        value = (raw or "").strip()
        if not value:
            raise CellError(_("The category is required."))
        cache_key = _key(value)
        if cache_key in self._cache:
            return self._cache[cache_key]
        found = self._resolve(value, row=row)
        if isinstance(found, Category) and not found.is_active:
            raise CellError(_("The category %(path)s is closed.") % {"path": self.path_of(found)})
        self._cache[cache_key] = found
        return found

    def _resolve(self, value: str, *, row: int) -> Category | PlannedCategory:
        parts = [p.strip() for p in value.split(PATH_SEPARATOR)]
        if any(not p for p in parts):
            raise CellError(_("The category path %(value)r has an empty part.") % {"value": value})
        if len(parts) == 1:
            # An exact name first, then the same name written loosely, then another name of a category.
            matches = list(self.by_name.get(_key(value), []))
            if not matches and value.lower() in self.by_slug:
                return self.by_slug[value.lower()]
            matches = (
                matches
                or _loose_matches(list(self.by_loose_name.get(_loose_key(value), [])), value)
                or _unique(self.by_alias.get(_loose_key(value), []))
            )
        else:
            wanted = [_key(p) for p in parts]
            matches = [
                c
                for c in self.by_name.get(wanted[-1], [])
                if [_key(n) for n in self.names_of(c)][-len(wanted):] == wanted
            ]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            paths = sorted(self.path_of(c) for c in matches)
            raise CellError(
                _("The category %(value)r matches several categories: %(paths)s. Write its path, e.g. %(example)r.")
                % {"value": value, "paths": "; ".join(paths), "example": paths[0]}
            )
        planned = self.planned.get(tuple(_key(p) for p in parts))
        if planned is not None:
            return planned
        if not self.create_missing:
            raise CellError(
                _("The category %(value)r is not known. Use a category name, path or slug of the catalogue, "
                  "or allow creating categories.") % {"value": value}
            )
        return self._plan(parts, row=row)

    def _plan(self, parts: list[str], *, row: int) -> PlannedCategory:
        """Plan the missing categories of a path; the known part of the path is their parent."""
        if len(parts) > MAX_LEVEL:
            raise CellError(
                _("A category path has at most %(max)d levels (found %(count)d).") % {"max": MAX_LEVEL, "count": len(parts)}
            )
        parent: Category | PlannedCategory | None = None
        if len(parts) > 1:
            parent = self._resolve(f" {PATH_SEPARATOR} ".join(parts[:-1]), row=row)
            if isinstance(parent, Category) and not parent.is_active:
                raise CellError(_("The category %(path)s is closed.") % {"path": self.path_of(parent)})
        level = 1 if parent is None else parent.level + 1
        if level > MAX_LEVEL:
            raise CellError(
                _("%(name)r cannot be created under %(parent)r: the tree has at most %(max)d levels.")
                % {"name": parts[-1], "parent": parts[-2], "max": MAX_LEVEL}
            )
        if len(parts[-1]) > NAME_MAX_LENGTH:
            raise CellError(
                _("A category name has at most %(max)d characters (found %(count)d).")
                % {"max": NAME_MAX_LENGTH, "count": len(parts[-1])}
            )
        parent_path = "" if parent is None else (parent.path if isinstance(parent, PlannedCategory) else self.path_of(parent))
        path = f"{parent_path} {PATH_SEPARATOR} {parts[-1]}" if parent_path else parts[-1]
        plan = PlannedCategory(name=parts[-1], parent=parent, level=level, path=path, first_row=row)
        self.planned[tuple(_key(p) for p in parts)] = plan
        # Written as a plain name later in the file, the same new category is meant.
        if len(parts) > 1:
            self.planned.setdefault((_key(parts[-1]),), plan)
        return plan

    # ---- writing ----

    def create_planned(self, used) -> list[Category]:
        """Create the planned categories that `used` rows need (and their planned parents), parents first.

        Runs inside the import's transaction.
        """
        needed: dict[int, PlannedCategory] = {}
        for plan in used:
            while isinstance(plan, PlannedCategory) and id(plan) not in needed:
                needed[id(plan)] = plan
                plan = plan.parent
        created = []
        slugs = set(self.by_slug)
        for plan in sorted(needed.values(), key=lambda p: p.level):
            if plan.created is not None:
                continue
            parent = plan.parent.created if isinstance(plan.parent, PlannedCategory) else plan.parent
            category = Category(
                name=plan.name,
                slug=_unique_slug(plan.name, parent, slugs),
                parent=parent,
                level=plan.level,
                kbli_codes=list(parent.kbli_codes) if parent is not None else [],
                position=0,
            )
            category.full_clean()
            category.save()
            slugs.add(category.slug)
            self.by_slug[category.slug] = category
            plan.created = category
            created.append(category)
        return created


def category_id(found: Category | PlannedCategory) -> int:
    """The id of a resolved category, after `create_planned` ran for planned ones."""
    if isinstance(found, PlannedCategory):
        assert found.created is not None, "create_planned() must run first"
        return found.created.pk
    return found.pk


def _unique_slug(name: str, parent: Category | None, taken: set[str]) -> str:
    base = slugify(name)[:150] or "kategori"
    if base not in taken:
        return base
    if parent is not None:
        candidate = f"{parent.slug}-{base}"[:160]
        if candidate not in taken:
            return candidate
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
