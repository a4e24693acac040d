import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecosystem.settings")

app = Celery("ecosystem")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ecosystem.ping", time_limit=10, soft_time_limit=8, ignore_result=False)
def ping(value: str) -> str:
    """Round-trip probe used by the health check and the worker test."""
    return f"pong:{value}"
