"""Settings shared by every environment; values come from environment variables."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KATALOG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "katalog.core",
    "katalog.audit",
    "katalog.regions",
    "katalog.accounts",
    "katalog.notifications",
    "katalog.vendors",
    "katalog.catalog",
    "katalog.search",
    "katalog.procurement",
    "katalog.matching",
    "katalog.events",
    "katalog.monitoring",
    "katalog.redflags",
    "katalog.opendata",
    "katalog.feed",
    "katalog.imports",
    "katalog.demo",
    "katalog.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "katalog.core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "katalog.core.middleware.ValueTooLargeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "katalog.core.context_processors.site",
                "katalog.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'katalog.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a writer (an import, a task worker) works.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Search queries are short; compiling them with JIT costs more than it saves (measured: p95 -20%).
    # A broad search keeps a bitmap of ~100,000 matching rows and sorts them: with the server's default
    # 4 MB the bitmap turns lossy and the planner reads the whole table instead (measured: 245 ms -> 40 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c jit=off -c work_mem={os.environ.get('KATALOG_PG_WORK_MEM', '32MB')}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("KATALOG_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Background work goes to the database queue, run by `katalog db_worker`. A single-machine set-up
# without a worker (the demo) may run tasks inline with KATALOG_TASKS_INLINE=1.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("KATALOG_TASKS_INLINE", False)
        else "django_tasks_db.DatabaseBackend"
    }
}

# Uploaded certificates and photos: bigger files are refused with a message.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KATALOG_LOG_LEVEL", "WARNING")},
}

# ---- Domain settings (../DOMAIN rules that may change; defaults are the current rule) ----
KATALOG = {
    # Kemendagri code of the province that runs this catalogue; "local" means made here.
    "HOME_PROVINCE_CODE": os.environ.get("KATALOG_HOME_PROVINCE_CODE", "18"),
    "SITE_NAME": os.environ.get("KATALOG_SITE_NAME", "Katalog Lokal Provinsi Lampung"),
    # The address before links in e-mails ("https://katalog.example.go.id"); empty: bare paths.
    "SITE_URL": os.environ.get("KATALOG_SITE_URL", ""),
    # Perpres 16/2018 jo. 12/2021 Pasal 66: domestic product duty at TKDN + BMP >= 40%.
    "PDN_THRESHOLD_PCT": 40,
    # Pasal 67: price preference for goods with TKDN >= 25%.
    "PREFERENCE_TKDN_MIN_PCT": 25,
    # Permenperin 35/2025: BMP is at most 15%.
    "BMP_MAX_PCT": 15,
    # A price change above this percentage sends an approved product back to curation.
    "PRICE_CHANGE_RECURATION_PCT": 10,
    # Certificate and photo uploads.
    "UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
    "PRODUCT_PHOTOS_MAX": 6,
    # Documents expiring within this many days are shown as "expiring soon".
    "DOCUMENT_EXPIRY_WARNING_DAYS": 30,
    # Submissions waiting longer than this are highlighted in the curators' queues.
    "CURATION_WAIT_WARNING_DAYS": 5,
    "CATALOG_PAGE_SIZE": 24,
    "API_PAGE_SIZE_MAX": 200,
    # Perpres 16/2018 jo. 12/2021 Pasal 67: KP = TKDN x this, for goods.
    "PREFERENCE_MAX_PCT": 25,
    # Pasal 67 applies the preference to packages above this value (HPS); the province may apply it to
    # every local mini-competition instead.
    "PREFERENCE_MIN_PACKAGE_IDR": 1_000_000_000,
    "PREFERENCE_FOR_EVERY_COMPETITION": env_bool("KATALOG_PREFERENCE_FOR_EVERY_COMPETITION", True),
    # An order above this total needs the PPK's approval (the pejabat pengadaan's limit).
    "PP_ORDER_LIMIT_IDR": 200_000_000,
    # An order waiting on the PPK or the vendor longer than this many working days expires.
    "ORDER_RESPONSE_WORKING_DAYS": 3,
    # Mini-competitions invite at least this many vendors.
    "COMPETITION_MIN_VENDORS": 2,
    # An agreed unit price above this multiple of the category's median paid price is flagged for curators.
    "REFERENCE_PRICE_FLAG_RATIO": 1.5,
    # ---- P3DN monitoring ----
    # Default yearly targets (percent of realised value) until curators set a year's own: domestic products
    # (SE Kepala LKPP 8/2023: 95%), micro and small businesses (UU 11/2020 Pasal 97: at least 40%), and local
    # products (no national rule; the province sets it).
    "TARGET_PDN_PCT": 95,
    "TARGET_UMK_PCT": 40,
    "TARGET_LOCAL_PCT": 40,
    # ---- Red flags for curators ----
    # Orders split to stay under a limit: same buyer, same vendor or category, within this many days, each below
    # a limit and together above it. The limits: the pejabat pengadaan's order limit and the small-purchase cap.
    "FLAG_SPLIT_WINDOW_DAYS": 14,
    "FLAG_SPLIT_LIMITS_IDR": [200_000_000, 50_000_000],
    # A unit price this many times the category's median catalogue price.
    "FLAG_PRICE_MEDIAN_RATIO": 2.0,
    # A buyer justifying a non-local product this many times within this many days.
    "FLAG_JUSTIFICATION_REPEATS": 3,
    "FLAG_JUSTIFICATION_WINDOW_DAYS": 90,
    # ---- Open data ----
    # OCDS identifier prefix registered with the Open Contracting Partnership ("ocds-" and six characters).
    "OCDS_OCID_PREFIX": os.environ.get("KATALOG_OCDS_OCID_PREFIX", "ocds-kl18lp"),
    # The licence of the published data (an empty value leaves it out of the packages).
    "OCDS_LICENSE_URL": os.environ.get("KATALOG_OCDS_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"),
    "FEED_PAGE_SIZE": 100,
}
