from django.urls import path

from . import views

app_name = "procurement"
urlpatterns = [
    # Public tools
    path("alat/preferensi-harga/", views.price_preference_calculator, name="price_preference"),
]
