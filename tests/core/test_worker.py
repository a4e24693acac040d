import pytest

from ecosystem.celery import ping


@pytest.mark.worker
def test_a_real_worker_runs_a_task_round_trip(celery_worker):
    result = ping.delay("tervehdys")
    assert result.get(timeout=30) == "pong:tervehdys"


def test_without_a_broker_tasks_run_in_process():
    assert ping.delay("hei").get(timeout=5) == "pong:hei"
