"""Background work of search: a full rebuild can take minutes on a large catalogue."""

from django_tasks import task


@task()
def rebuild_index() -> int:
    from .indexing import reindex_all

    return reindex_all()
