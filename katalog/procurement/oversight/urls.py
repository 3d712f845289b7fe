"""Curators' overview of orders (included from config/urls.py at kurasi/pesanan/)."""

from django.urls import path

from . import views as oversight_views

app_name = "oversight"

urlpatterns: list = [
    path("", oversight_views.overview, name="overview"),
]
