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
