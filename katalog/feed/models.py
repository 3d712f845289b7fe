"""The change log behind the public feed: one row per object changed, written in the changing transaction.

A row says only "this object changed"; the feed reads the object's public state when it is asked, so
a row never holds data that could go stale or leak. Where the feed may put a reader's cursor is decided
by `txid` (see katalog.feed.positions).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedKind(models.TextChoices):
    ORDERS = "orders", _("Orders")
    COMPETITIONS = "competitions", _("Mini-competitions")
    PRODUCTS = "products", _("Products")
    COMMITMENTS = "commitments", _("Commitments")


class Change(models.Model):
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=12, choices=FeedKind.choices)
    object_id = models.BigIntegerField()
    changed_at = models.DateTimeField()
    # PostgreSQL: the writing transaction's id (pg_current_xact_id, epoch-extended, never wraps).
    # SQLite: 0, as ids already grow in commit order there.
    txid = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            # Every read is one kind's rows after a position, in (txid, id) order: one index range scan.
            models.Index(fields=["kind", "txid", "id"], name="feed_change_kind_position"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} @ {self.txid}.{self.id}"
