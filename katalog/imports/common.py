"""What the vendor and product imports share: batching, region look-ups, error collection, audit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils.translation import gettext as _

from katalog.core.errors import ValidationFailed
from katalog.core.tabular import ImportReport, RowError, Table, read_table
from katalog.regions.models import Region
from katalog.regions.selectors import normalise_region_code
from katalog.vendors.identifiers import IdentifierError

from .cells import CellError

T = TypeVar("T")

# Rows per INSERT/UPDATE batch, and values per `IN (...)` look-up (SQLite allows 999 parameters
# in older builds; Django lowers the insert batch further when a row has many columns).
BATCH_SIZE = 2000
LOOKUP_CHUNK = 500

IMPORT_ACTOR_NAME = "import"


def chunked(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def fetch_in_chunks(make_queryset, values: Iterable) -> list:
    """Rows whose key is one of `values`, with one query per LOOKUP_CHUNK values."""
    unique = sorted(set(values))
    rows: list = []
    for chunk in chunked(unique, LOOKUP_CHUNK):
        rows.extend(make_queryset(chunk))
    return rows


class RegionLookup:
    """Every region, loaded once: `18.71`, `1871` and province codes like `31`."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = dict(Region.objects.values_list("code", "id"))
        self.codes: dict[int, str] = {pk: code for code, pk in self.ids.items()}

    def id_for(self, raw: str) -> int:
        code = normalise_region_code(raw)
        if re.fullmatch(r"\d{2}\.\d", code):
            code += "0"  # a spreadsheet that took 18.10 for a number shows 18.1
        if code not in self.ids:
            raise CellError(
                _("Region code %(value)r is not known. Use a Kemendagri code such as 18.71 (or 1871), "
                  "or a province code such as 31.") % {"value": raw}
            )
        return self.ids[code]

    def code_of(self, region_id: int | None) -> str | None:
        return None if region_id is None else self.codes.get(region_id)


class ErrorCollector:
    """Every error of every row, in file order; which rows are invalid."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.bad_rows: set[int] = set()

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))
        self.bad_rows.add(row)

    def check(self, row: int, column: str, parse, /, *args, **kwargs):
        """Run a cell parser; on CellError record it and return None."""
        try:
            return parse(*args, **kwargs)
        except (CellError, IdentifierError) as exc:
            self.add(row, column, str(exc))
            return None


def open_import(source, *, filename, required: Sequence[str]) -> tuple[Table, ImportReport, ErrorCollector]:
    """Read the file (ValidationFailed when it cannot be read or lacks a column) and start its report."""
    table = read_table(source, filename=filename, required=required)
    return table, ImportReport(rows=len(table.rows)), ErrorCollector()


def rows_to_write(
    report: ImportReport, collector: ErrorCollector, rows: Sequence[T], *, skip_invalid: bool
) -> list[T]:
    """Put the errors in the report; the valid rows to write (none when an invalid row stops the file).

    Each row has the spreadsheet row number in `row`.
    """
    report.errors = sorted(collector.errors, key=lambda e: e.row)
    report.skipped = len(collector.bad_rows)
    if collector.errors and not skip_invalid:
        return []
    return [r for r in rows if r.row not in collector.bad_rows]


@contextmanager
def write_plan(report: ImportReport, plan) -> Iterator[None]:
    """The one transaction of an import's writes. The report counts the plan's created, updated and
    unchanged rows, and is `written` once it commits. A row changed by someone else meanwhile undoes it all."""
    report.created, report.updated, report.unchanged = len(plan.created), len(plan.updated), plan.unchanged
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationFailed(
            _("The catalogue changed while the file was being imported, so nothing was written (%(error)s). "
              "Import the file again.") % {"error": exc}
        ) from exc
    report.written = True


def audit_actor(actor) -> dict:
    """Arguments of build_event naming who imported: the person, or "import" when no one did."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_name": IMPORT_ACTOR_NAME}
    return {"actor": actor}


def user_or_none(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def source_label(filename: str | None) -> str:
    return _("Imported from %(file)s") % {"file": filename} if filename else _("Imported from a spreadsheet")


def file_name_of(source, filename: str | None) -> str:
    """The name to show for the imported file (the path's last part, or the upload's name)."""
    if filename:
        return Path(str(filename)).name
    if isinstance(source, str | Path):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or "")).name


_PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey)


def bulk_insert(model, objs: Sequence, *, batch_size: int = BATCH_SIZE) -> None:
    """INSERT new rows with one `executemany` per batch, in plain, portable SQL.

    Does what `bulk_create` does for rows without database defaults, without compiling one SQL
    expression per value (several times faster for 100,000 rows). Does not set the objects' ids:
    read them back by a unique key. Values go through each field's `get_db_prep_save` (cached for
    repeated dates, decimals and JSON values), as the ORM would send them.
    """
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    auto_dates = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    attnames = [f.attname for f in fields]
    converters = [
        (i, _cached_prep(f, connection))
        for i, f in enumerate(fields)
        if not isinstance(f, _PLAIN_FIELDS) or isinstance(f, models.JSONField)
    ]
    with connection.cursor() as cursor:
        for batch in chunked(objs, batch_size):
            params = []
            for obj in batch:
                for f in auto_dates:
                    f.pre_save(obj, add=True)
                row = [getattr(obj, name) for name in attnames]
                for i, convert in converters:
                    row[i] = convert(row[i])
                params.append(row)
            cursor.executemany(sql, params)


def _cached_prep(field, connection):
    """`field.get_db_prep_save`, remembered per value (an import repeats the same few dates and codes)."""
    cache: dict = {}

    def convert(value):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            key = ("list", tuple(value))
        elif isinstance(value, dict | list):
            return field.get_db_prep_save(value, connection)
        else:
            key = (type(value), value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]

    return convert
