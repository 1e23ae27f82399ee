from django.urls import path

from hub.assessment.views import plans

urlpatterns = [
    path("<int:pk>/benchmark", plans.benchmark, name="benchmark"),
    path("<int:pk>/plan", plans.plan, name="plan"),
    path("<int:pk>/plan.pdf", plans.plan_pdf, name="plan-pdf"),
    path("<int:pk>/plan/<int:item>", plans.plan_item, name="plan-item"),
    path("sector/", plans.sector_overview, name="sector"),
    path("sector.csv", plans.sector_csv, name="sector-csv"),
]
