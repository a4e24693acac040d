from datetime import datetime

from django.utils import timezone

from core.views import healthz, readyz


class HealthCheckMiddleware:
    """Answer /healthz/ and /readyz/ before host validation and HTTPS redirects.

    Container and load-balancer probes reach the server by an internal address that is
    not in ALLOWED_HOSTS and over plain HTTP; the health answer reveals nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz/":
            return healthz(request)
        if request.path == "/readyz/":
            return readyz(request)
        return self.get_response(request)


class RequestReceivedMiddleware:
    """Note when the request reached the server, once, before anything else runs.

    Deadlines (the funding call's close) are judged by this moment: a request that arrived in time
    is in time, however long it waited for a database lock or for its turn of the CPU. The client's
    clock is never asked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.received_at = timezone.now()
        return self.get_response(request)


def received_at(request) -> datetime:
    """When ``request`` reached the server (now, for a request that did not pass the middleware)."""
    return getattr(request, "received_at", None) or timezone.now()
