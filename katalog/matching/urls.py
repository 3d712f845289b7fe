"""Pages of needs (kebutuhan) and vendors' opportunities (peluang); included from config/urls.py."""

from django.urls import path

from . import gap_views, views

app_name = "matching"

urlpatterns = [
    path("kebutuhan/", views.need_list, name="need_list"),
    path("kebutuhan/baru/", views.need_create, name="need_create"),
    path("kebutuhan/impor/", views.need_import, name="need_import"),
    path("kebutuhan/impor/templat.csv", views.import_template, name="import_template"),
    path("kebutuhan/celah/", gap_views.gap_list, name="gaps"),
    path("kebutuhan/celah/excel/", gap_views.gap_xlsx, name="gaps_xlsx"),
    path("kebutuhan/<int:pk>/", views.need_detail, name="need_detail"),
    path("kebutuhan/<int:pk>/ubah/", views.need_edit, name="need_edit"),
    path("kebutuhan/<int:pk>/tutup/", views.need_close, name="need_close"),
    path("kebutuhan/<int:pk>/cocokkan/", views.need_refresh, name="need_refresh"),
    path("kebutuhan/<int:pk>/minat/", views.interest_express, name="interest_express"),
    path("peluang/", views.opportunities, name="opportunities"),
]
