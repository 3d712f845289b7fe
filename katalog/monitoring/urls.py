"""P3DN monitoring pages; included from config/urls.py at the site root."""

from django.urls import path, re_path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("pemantauan/", views.dashboard_page, name="dashboard"),
    path("pemantauan/rincian/<str:by>/", views.breakdown_page, name="breakdown"),
    path("pemantauan/pesanan/", views.orders_page, name="orders"),
    path("pemantauan/justifikasi/", views.justifications_page, name="justifications"),
    path("pemantauan/target/", views.targets_page, name="targets"),
    re_path(r"^pemantauan/ekspor/(?P<key>[a-z_]+)\.(?P<fmt>xlsx|csv)$", views.export, name="export"),
    path("p3dn/", views.public_summary, name="public"),
    re_path(r"^p3dn/ekspor/(?P<key>[a-z_]+)\.(?P<fmt>xlsx|csv)$", views.public_export, name="public_export"),
]
