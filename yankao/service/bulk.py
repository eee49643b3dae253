"""Fast inserts for the bulk paths (demo year, importers, benchmarks): many rows, few statements.

Django's `bulk_create` spends about a millisecond per 40-column row compiling SQL, which makes a
year of records (1.3 M rows) take half an hour. Here the rows go in with PostgreSQL's COPY, or
SQLite's `executemany`, with primary keys reserved first so that the caller gets them back
(`obj.pk` is set, as `bulk_create` does). No signals and no `save()`: callers write one audit
event per batch (`yankao.core.audit.record_event`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone


def _reserve_ids(model: type[models.Model], n: int) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, n])
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the write transaction (BEGIN IMMEDIATE) holds the database, so max + 1 is ours
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # noqa: S608 - table from _meta
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + n))


def _sqlite_converter(field: models.Field) -> Any:
    """How SQLite wants a value of this field (None: as Python gives it)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if isinstance(field, (models.CharField, models.TextField, models.BooleanField, models.IntegerField)):
        return None
    if isinstance(field, models.ForeignKey):
        return None
    return lambda v: field.get_db_prep_save(v, connection)


def fast_insert(objs: Sequence[models.Model]) -> int:
    """Insert unsaved instances of one model; sets their primary keys. Returns the row count."""
    if not objs:
        return 0
    model = type(objs[0])
    meta = model._meta
    now = timezone.now()
    fields = [f for f in meta.concrete_fields]
    for obj in objs:
        for name in ("created_at", "updated_at"):
            if hasattr(obj, name) and getattr(obj, name) is None:
                setattr(obj, name, now)
    with transaction.atomic():
        for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
            obj.pk = pk
            obj._state.adding = False
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw: Any = cursor.cursor
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[union-attr]
                    for obj in objs:
                        copy.write_row([getattr(obj, f.attname) for f in fields])
            else:
                marks = ", ".join(["%s"] * len(fields))
                prep = [_sqlite_converter(f) for f in fields]
                names = [f.attname for f in fields]
                rows = [
                    [
                        v if c is None or v is None else c(v)
                        for c, v in zip(prep, (getattr(obj, n) for n in names), strict=True)
                    ]
                    for obj in objs
                ]
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
    return len(objs)
