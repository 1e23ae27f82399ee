"""GOV.UK-style error pages; requests to the API get the API's JSON error envelope instead."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from hub.core.api import error_response
from hub.core.context_processors import SERVICE_NAME

API_PREFIX = "/api/"


def _error(request, status: int, template: str, message: str):
    if request.path.startswith(API_PREFIX):
        return error_response(status, message)
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "errors/400.html", "The request could not be understood.")


def permission_denied(request, exception=None):
    return _error(request, 403, "errors/403.html", "You do not have permission to see this.")


def page_not_found(request, exception=None):
    return _error(request, 404, "errors/404.html", "There is nothing at this address.")


def server_error(request):
    message = "Sorry, there is a problem with the service."
    if request.path.startswith(API_PREFIX):
        return error_response(500, message)
    # No request context: the failure may be the database, which sessions and users need.
    html = loader.render_to_string("errors/500.html", {"service_name": SERVICE_NAME})
    return HttpResponseServerError(html)
