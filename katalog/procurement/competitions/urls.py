"""Pages of mini-competitions (included from config/urls.py at kompetisi/)."""

from django.urls import path

from . import actions, views

app_name = "competitions"

urlpatterns = [
    path("", views.competition_list, name="list"),
    path("permintaan-penawaran/", views.quote_requests, name="quote_requests"),
    path("baru/", views.competition_create, name="create"),
    path("<int:pk>/", views.competition_detail, name="detail"),
    path("<int:pk>/undang/", views.competition_invite, name="invite"),
    path("<int:pk>/terbitkan/", actions.publish, name="publish"),
    path("<int:pk>/batalkan/", actions.cancel, name="cancel"),
    path("<int:pk>/evaluasi/", actions.evaluate, name="evaluate"),
    path("<int:pk>/menangkan/", actions.award, name="award"),
    path("<int:pk>/penawaran/", actions.quote, name="quote"),
    path("<int:pk>/penawaran.csv", views.quotes_csv, name="quotes_csv"),
]
