from django.conf import settings

from hub.core.navigation import navigation_items

SERVICE_NAME = "Digital Leadership Hub"


def service(request):
    return {
        "service_name": SERVICE_NAME,
        "service_navigation": navigation_items(request.path),
        "debug": settings.DEBUG,
    }
