from django.conf import settings
from django.conf.urls.i18n import i18n_patterns  # noqa: F401  (kept for future language-prefixed URLs)
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from katalog.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("akun/", include("katalog.accounts.urls")),
    path("notifikasi/", include("katalog.notifications.urls")),
    path("penyedia/", include("katalog.vendors.urls")),
    path("kurasi/impor/", include("katalog.imports.urls")),
    path("cari/", include("katalog.search.urls")),
    path("", include("katalog.procurement.documents.urls")),
    path("kompetisi/", include("katalog.procurement.competitions.urls")),
    path("kurasi/pesanan/", include("katalog.procurement.oversight.urls")),
    path("", include("katalog.matching.urls")),
    path("temu-bisnis/", include("katalog.events.urls")),
    path("", include("katalog.monitoring.urls")),
    path("kurasi/peringatan/", include("katalog.redflags.urls")),
    path("open-data/", include("katalog.opendata.urls")),
    path("", include("katalog.procurement.urls")),
    path("", include("katalog.catalog.urls")),
    path("", include("katalog.core.urls")),
]

if getattr(settings, "SERVE_MEDIA", True):
    # Product photos are public. Vendor documents are not: they are served by an access-checked view.
    urlpatterns += [
        path(
            "media/product-photos/<path:path>",
            serve,
            {"document_root": f"{settings.MEDIA_ROOT}/product-photos"},
        )
    ]
