from django.urls import path

from hub.market.views import watches

urlpatterns = [
    path("watches/", watches.watch_list, name="watches"),
    path("watches/new", watches.watch_new, name="watch-new"),
    path("watches/<int:pk>/remove", watches.watch_remove, name="watch-remove"),
]
