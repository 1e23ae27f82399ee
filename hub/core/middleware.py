"""Response headers Django and django-csp do not set, and requests no view should see."""

from django.http import Http404, QueryDict

# Swagger UI sets style attributes from its bundle; its page holds no user content.
API_DOCS_CSP_REPLACE = {"style-src": ["'self'", "'unsafe-inline'"]}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # django-csp's CSPMiddleware (outside this one) writes the header from settings.
        if request.path.startswith("/api/v1/docs"):
            response._csp_replace = API_DOCS_CSP_REPLACE
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NulBytesMiddleware:
    """No NUL byte reaches a view. PostgreSQL refuses text holding one, so a `%00` in an
    address or a query value would otherwise be a server error wherever it is looked up:
    an address with one names nothing (404), and query values lose theirs, as a form field
    would refuse them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No page has this address")
        if "%00" in request.META.get("QUERY_STRING", "").upper() or any(
            "\x00" in value for values in request.GET.lists() for value in values[1]
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
