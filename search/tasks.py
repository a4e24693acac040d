from celery import shared_task

from search import services


@shared_task(name="search.documents_refresh", ignore_result=True, time_limit=120, soft_time_limit=100)
def documents_refresh_task(kind: str, ids: list[int]) -> int:
    """Idempotent: a document always follows its object's current state."""
    if kind not in services.providers():
        return 0
    return services.documents_refresh(kind=kind, ids=ids)


@shared_task(name="search.index_rebuild", ignore_result=True, time_limit=600, soft_time_limit=540)
def index_rebuild_task() -> dict[str, int]:
    return services.index_rebuild()
