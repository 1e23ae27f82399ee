from django.urls import path

from hub.market.views import insight

urlpatterns = [
    path("", insight.home, name="home"),
    path("contracts/", insight.contract_list, name="contracts"),
    path("contracts.csv", insight.contract_list_csv, name="contracts-csv"),
    path("contracts/<int:pk>/", insight.contract_detail, name="contract"),
    path("councils/<slug:slug>/", insight.council, name="council"),
    path("councils/<slug:slug>/contracts.csv", insight.council_csv, name="council-csv"),
    path("categories/", insight.category, name="category"),
    path("categories.csv", insight.category_csv, name="category-csv"),
    path("suppliers/", insight.supplier_list, name="suppliers"),
    path("suppliers/<slug:slug>/", insight.supplier, name="supplier"),
    path("suppliers/<slug:slug>/contracts.csv", insight.supplier_csv, name="supplier-csv"),
]
