"""The versioned JSON API's shared parts: one error envelope for every error, and pagination.

Every error answers `{"error": {"status": 404, "code": "not_found", "message": "...",
"details": [...]}}`, whether ninja, a view or Django raised it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PaginationBase
from pydantic import Field

ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_request",
    429: "too_many_requests",
    500: "server_error",
}


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    details: list[dict] = []


class ErrorEnvelope(Schema):
    error: ErrorBody


def error_response(status: int, message: str, details: list[dict] | None = None) -> JsonResponse:
    body = {
        "status": status,
        "code": ERROR_CODES.get(status, "error"),
        "message": message,
        "details": details or [],
    }
    return JsonResponse({"error": body}, status=status)


class HubPagination(PaginationBase):
    """`?page=N&page_size=M` (at most 200), answering count, next and previous page numbers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
        page_size: int = Field(50, ge=1, le=200, description="Records a page, at most 200.")

    class Output(Schema):
        count: int
        page: int
        page_size: int
        pages: int
        items: list

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params):
        page_size = pagination.page_size
        count = self._items_count(queryset)
        pages = max(1, -(-count // page_size))
        page = pagination.page
        offset = (page - 1) * page_size
        return {
            "count": count,
            "page": page,
            "page_size": page_size,
            "pages": pages,
            "items": queryset[offset : offset + page_size],
        }


TOO_MANY_REQUESTS = {
    "description": "Too many requests from this client: wait the Retry-After header's seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer"},
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
}


class HubNinjaAPI(NinjaAPI):
    """Documents the rate limits' 429 answer on every operation, as every one is limited."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ErrorEnvelope" not in components:
            envelope = ErrorEnvelope.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(envelope.pop("$defs", {}))
            components["ErrorEnvelope"] = envelope
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault(429, TOO_MANY_REQUESTS)
        return schema


def build_api(**kwargs) -> NinjaAPI:
    api = HubNinjaAPI(
        title="Digital Leadership Hub API",
        version="1",
        description=(
            "Read the Hub's public records as JSON. Lists are paged with `page` and "
            '`page_size`; every error answers one envelope: `{"error": {status, code, '
            "message, details}}`."
        ),
        docs_url="/docs",
        openapi_url="/openapi.json",
        **kwargs,
    )

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        details = [
            {"location": list(map(str, error.get("loc", []))), "message": error.get("msg", "")}
            for error in exc.errors
        ]
        return error_response(422, "The request has values that are not valid.", details)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return error_response(exc.status_code, str(exc.message))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return error_response(401, "Sign in to use this part of the API.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(404, "There is no record at this address.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error_response(403, "You do not have permission to read this record.")

    return api
