from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.results, name="results"),
    path("saran/", views.suggestions, name="suggest"),
    path("bandingkan/", views.compare, name="compare"),
    path("bandingkan/pilih/", views.compare_select, name="compare_select"),
    path("bandingkan/kosongkan/", views.compare_clear, name="compare_clear"),
]
