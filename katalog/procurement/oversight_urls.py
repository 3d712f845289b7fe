"""Curators' overview of orders (included from config/urls.py at kurasi/pesanan/).

The vendor rating fragment is public: a vendor's profile (catalog) loads it without importing procurement.
"""

from django.urls import path

from . import oversight_views

app_name = "oversight"

urlpatterns: list = [
    path("", oversight_views.overview, name="overview"),
    path("penyedia/<int:vendor_id>/penilaian/", oversight_views.vendor_rating, name="vendor_rating"),
]
