from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(
            template_name="accounts/login.html", extra_context={"site_name": settings.KATALOG["SITE_NAME"]}
        ), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
]
