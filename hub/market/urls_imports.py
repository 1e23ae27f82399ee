from django.urls import path

from hub.market.views import imports

urlpatterns = [
    path("imports/", imports.import_list, name="imports"),
    path("imports/new", imports.import_new, name="import-new"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
    path("reviews/", imports.review_queue, name="reviews"),
    path("reviews/<int:pk>", imports.review_decide, name="review"),
]
