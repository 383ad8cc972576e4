"""Settings for the IMS Content API.

Every value comes from the environment (12-factor). The helpers below parse it
and fail loudly, at start-up, on a value they cannot read; nothing secret has a
production default.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false, 1/0, yes/no).")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below its minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blank entries are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_date(name: str) -> date | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a date (YYYY-MM-DD).") from None


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default).strip().upper()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {sorted(choices)}.")
    return value


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Where the canonical, human-readable page of each item lives, per deployment.
# `{type}` is conditions, faqs or mechanisms; `{slug}` the item's slug.
CANONICAL_URL_TEMPLATE = env_str(
    "CANONICAL_URL_TEMPLATE", default="https://example-clinic.test/ims/{type}/{slug}/"
)
if "{slug}" not in CANONICAL_URL_TEMPLATE:
    raise ImproperlyConfigured("CANONICAL_URL_TEMPLATE must contain {slug}.")

# Credit and licence carried by every item, so that partners who republish it
# show where it comes from (DESIGN 2.7).
ATTRIBUTION_TEXT = env_str(
    "ATTRIBUTION_TEXT", default="Content from the IMS clinic; reproduced with permission."
)
LICENSE_NAME = env_str("LICENSE_NAME", default="All rights reserved; syndication by agreement")
LICENSE_URL = env_str("LICENSE_URL", default="")
# Who publishes the content and holds its copyright, as JSON-LD names them
# (an Organization): the clinic's name, its site and, optionally, its logo.
PUBLISHER_NAME = env_str("PUBLISHER_NAME", default="The IMS clinic")
PUBLISHER_URL = env_str("PUBLISHER_URL", default="https://example-clinic.test/")
PUBLISHER_LOGO_URL = env_str("PUBLISHER_LOGO_URL", default="")

# A released API version can be deprecated with a sunset date: its responses
# then carry Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link.
API_LIFECYCLE: dict[str, dict[str, Any]] = {
    "v1": {
        "deprecated_since": env_date("API_V1_DEPRECATED_SINCE"),
        "sunset": env_date("API_V1_SUNSET"),
        "successor": env_str("API_V1_SUCCESSOR"),
    },
}

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    # Django's admin on the editors' site, with its sign-in throttle.
    "content.apps.ContentAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "rest_framework_api_key",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "web",
    "content",
    "api.consumers",
    "api.webhooks",
    "api.v1",
]

MIDDLEWARE = [
    # First, so that the request id covers every other log record and the
    # logged duration and status are what the client got (web/requestlog.py).
    "web.requestlog.RequestLogMiddleware",
    "web.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "web.security.ContentSecurityPolicyMiddleware",
    # Large documents (a page of expanded items, the bundle) travel compressed;
    # an ETag of a compressed response becomes weak, as RFC 9110 requires.
    "web.compression.CompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "web.security.RequestLimitsMiddleware",
    # Under /api/, DEBUG's HTML pages for client errors become problems.
    "web.problems.DebugErrorProblemMiddleware",
    # Answers a repeated anonymous read with the response stored from the first.
    "api.caching.responses.ResponseCacheMiddleware",
    # Outside CommonMiddleware, which would give a 304 the length of its empty body.
    "api.caching.conditional.NotModifiedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# An embedded SQLite file unless DATABASE_URL says otherwise. On PostgreSQL,
# connections persist across requests and are health-checked before reuse.
DATABASE_URL = env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=600),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# An optional PostgreSQL read replica that answers the public API's reads
# (config/routers.py says which, and what the replica must guarantee). Tests
# read it through the primary's test database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=600),
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is not a database URL: {error}") from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("web.security.RequestLimitsMiddleware") + 1,
        "config.routers.ReplicaReadsMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The list-order index covers a page's (id, stamp) on PostgreSQL (`include`,
# content/models/items.py); SQLite builds it without those columns, as it should,
# and `make run` must start without a warning saying so three times.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else []
)

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
    CACHES = {
        "default": {
            # Django's, skipping Redis for a moment after it failed (config/caches.py).
            "BACKEND": "config.caches.FailFastRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", default="ims"),
            # A Redis that stops answering must fail fast, not hang a request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "FAIL_FAST_SECONDS": 2,
            # One Redis client per process, not one per call (config/caches.py).
            "KEEP_CLIENTS": env_bool("REDIS_KEEP_CLIENTS", default=True),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long the shared cache may answer "what is the content version" without
# asking the database. Publishing updates it at once; the lifetime only bounds
# a missed update (the cache unreachable at that moment). Only a cache shared by
# every process may hold it, so without Redis every request asks the database.
CONTENT_VERSION_CACHE_SECONDS = env_int(
    "CONTENT_VERSION_CACHE_SECONDS", default=30 if REDIS_URL else 0
)
# How long each process keeps the version it read from that shared cache, so a
# warm hit or a 304 makes no network call: other processes see a change at most
# this late (the process that made it, at once). 0 asks the cache every time.
CONTENT_VERSION_LOCAL_SECONDS = env_int("CONTENT_VERSION_LOCAL_SECONDS", default=1)

# Anonymous reads of published content are allowed unless keys are required.
API_KEYS_REQUIRED = env_bool("API_KEYS_REQUIRED", default=False)

# Browsers may call the API from these origins and from those of active API
# clients (api/consumers/cors.py); from nowhere else.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# The API, and image renditions (a kiosk on another origin keeps them for offline use).
CORS_URLS_REGEX = r"^/(?:api/v\d+/|media/images/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [
    "accept", "accept-language", "authorization", "if-none-match", "if-modified-since",
    "x-request-id",
]  # fmt: skip
CORS_EXPOSE_HEADERS = [
    "etag", "last-modified", "content-language", "retry-after", "ratelimit-limit",
    "ratelimit-remaining", "ratelimit-reset", "deprecation", "sunset", "link",
    "x-request-id",
]  # fmt: skip
CORS_PREFLIGHT_MAX_AGE = env_int("CORS_PREFLIGHT_MAX_AGE", default=86400)

# Requests per window (API_RATE_WINDOW seconds): anonymous clients per IP,
# keyed clients by their rate tier; 0 means unlimited.
API_RATE_WINDOW = env_int("API_RATE_WINDOW", default=60, minimum=1)
# While Redis cannot count, each process counts alone against the limit
# divided by this: the number of processes serving (gunicorn's workers).
API_RATE_PROCESSES = env_int(
    "API_RATE_PROCESSES", default=env_int("GUNICORN_WORKERS", default=2, minimum=1), minimum=1
)
API_RATE_LIMITS = {
    tier: env_int(f"API_RATE_{tier.upper()}", default=default) or None
    for tier, default in (("anonymous", 120), ("standard", 600), ("high", 3000), ("unlimited", 0))
}

# HTTP caching of public API responses (DESIGN 2.6): what browsers and CDNs
# may reuse, and how long the server keeps a rendered response (entries of an
# old content version are never read again; this only frees memory).
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", default=60)
API_CACHE_STALE_WHILE_REVALIDATE = env_int("API_CACHE_STALE_WHILE_REVALIDATE", default=300)
API_RESPONSE_CACHE_SECONDS = env_int("API_RESPONSE_CACHE_SECONDS", default=24 * 3600, minimum=1)
# How much each process keeps in memory in front of the shared cache
# (api/caching/store.py): responses, representations, counts. The least
# recently used entries go first; what is not kept is read from Redis.
API_LOCAL_CACHE_MB = env_int("API_LOCAL_CACHE_MB", default=20)
# What this deployment is (a git commit, an image tag): part of every cache key,
# so that a deploy never serves what an older release stored in a shared Redis.
# Set it per deploy; the default is the project's version.
RELEASE = env_str("RELEASE", default="ims-content-api 0.1.0")
# Background work (DESIGN 2.10): Django's Tasks API (django-tasks, the backport of
# Django 6's django.tasks) on its database backend, the same on SQLite and
# PostgreSQL; `manage.py db_worker` runs the tasks (`make run` starts one beside the
# web server; docker-compose.yml has a `worker` service). TASKS_BACKEND=rq keeps them
# in Redis instead (django-tasks-rq), run by `manage.py rqworker` (docs/operating.md).
TASKS_BACKEND = env_str("TASKS_BACKEND", default="database").lower()
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if TASKS_BACKEND not in ("database", "rq"):
    raise ImproperlyConfigured("TASKS_BACKEND: database or rq.")
if REDIS_URL:
    # RQ's queues, in the cache's Redis: read whenever RQ is used, tests included.
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq keeps the tasks in Redis: set REDIS_URL.")
    # django_rq's queues, failures and workers in the admin (Django RQ → Queues).
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
# A task that fails is enqueued again after each of these delays in turn (seconds;
# content/tasks.py), then given up.
TASK_RETRY_DELAYS = [30, 60, 120, 240]
# Webhook deliveries (api/webhooks/) retry for more than a day: 35 hours in all.
WEBHOOK_RETRY_DELAYS = [30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 12 * 3600]
# Webhook targets on private, loopback and link-local addresses are refused (SSRF)
# unless this is on: for a development machine or a private network only.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", default=False)
# An edge cache in front (api/caching/edge.py): the headers that carry each answer's
# surrogate keys (any of Surrogate-Key, xkey, Cache-Tag), and what purges them after a
# change: "" (nothing), varnish (EDGE_PURGE_URL, its address), fastly or cloudflare.
EDGE_KEY_HEADERS = env_list("EDGE_KEY_HEADERS")
EDGE_PURGER = env_str("EDGE_PURGER").lower()
if {h.lower() for h in EDGE_KEY_HEADERS} - {"surrogate-key", "xkey", "cache-tag"}:
    raise ImproperlyConfigured("EDGE_KEY_HEADERS: any of Surrogate-Key, xkey, Cache-Tag.")
if EDGE_PURGER not in {"", "varnish", "fastly", "cloudflare"}:
    raise ImproperlyConfigured("EDGE_PURGER: varnish, fastly or cloudflare (or empty).")
EDGE_PURGE_URL = env_str("EDGE_PURGE_URL")
# The purge API's address, for a test server; the vendor's by default.
EDGE_PURGE_API = env_str("EDGE_PURGE_API")
FASTLY_SERVICE_ID = env_str("FASTLY_SERVICE_ID")
FASTLY_API_TOKEN = env_str("FASTLY_API_TOKEN")
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFLARE_API_TOKEN = env_str("CLOUDFLARE_API_TOKEN")
# An endpoint whose deliveries have all failed for this many days is turned off.
WEBHOOKS_DISABLE_AFTER_DAYS = env_int("WEBHOOKS_DISABLE_AFTER_DAYS", default=3, minimum=1)

# After a change commits, a worker renders the stored representations of up to
# this many changed items of each type, in every language, before readers ask
# (api/caching/warming.py); 0: readers render them. Only a cache that every process
# shares (Redis) can hold what a worker renders, so without REDIS_URL it is 0.
WARM_AFTER_PUBLISH = env_int("WARM_AFTER_PUBLISH", default=500 if REDIS_URL else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default; French (Canada) is possible for every text field and
# falls back to English field by field (django-modeltranslation).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr-ca", "French (Canada)")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The kiosk and the partner embed (clients/, web/clients.py) are static files too.
STATICFILES_DIRS = [
    ("kiosk", BASE_DIR / "clients" / "kiosk"),
    ("embed", BASE_DIR / "clients" / "embed"),
]
# Uploaded images and their renditions (DESIGN 1.6, content/renditions.py): on this
# disk by default, served by the app under MEDIA_URL with immutable cache headers
# (web/media.py).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
# An upload over either is refused with a clear error (content/uploads.py).
IMAGE_MAX_UPLOAD_MB = env_int("IMAGE_MAX_UPLOAD_MB", default=20, minimum=1)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", default=50_000_000, minimum=1)
# The widths made of every image (none wider than it), and the crops, around its focal point.
_widths = env_list("IMAGE_RENDITION_WIDTHS", default=["320", "640", "1024", "1600"])
IMAGE_RENDITION_CROPS = env_list("IMAGE_RENDITION_CROPS", default=["16:9", "1:1"])
if not all(w.isdigit() and 0 < int(w) <= 4000 for w in _widths):
    raise ImproperlyConfigured(
        "IMAGE_RENDITION_WIDTHS: widths in pixels (1 to 4000), comma-separated."
    )
if not all(re.fullmatch(r"[1-9]\d?:[1-9]\d?", c) for c in IMAGE_RENDITION_CROPS):
    raise ImproperlyConfigured("IMAGE_RENDITION_CROPS: ratios such as 16:9,1:1, comma-separated.")
IMAGE_RENDITION_WIDTHS = sorted({int(w) for w in _widths})
STORAGES: dict[str, Any] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Images in an S3-compatible bucket instead of MEDIA_ROOT (django-storages): its URLs
# (or MEDIA_S3_CUSTOM_DOMAIN's, a CDN in front) serve the renditions. Credentials come
# from the environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            # Renditions are public (the bucket's policy says so, docs/operating.md):
            # plain URLs, the same for every reader, cacheable for a year.
            "querystring_auth": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Media types are negotiated by Accept alone; an unknown parameter is a 400.
    "URL_FORMAT_OVERRIDE": None,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["api.consumers.throttling.ClientRateThrottle"],
    "NUM_PROXIES": env_int("API_TRUSTED_PROXIES", default=0),
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.consumers.authentication.ApiKeyAuthentication"],
    # AllowAny changes nothing (permissions are all checked); it tells the
    # OpenAPI document that the key is optional.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.AllowAny",
        "api.consumers.authentication.KeyRequiredWhenConfigured",
    ],
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "IMS Content API",
    "ENUM_NAME_OVERRIDES": {
        "SchemaOrgContextEnum": ["https://schema.org"],
        "BodyBlockTypeEnum": ["heading", "paragraph", "list", "quote", "figure", "urgent_care"],
        "ReviewStatusEnum": ["pending", "current", "overdue"],
        "UrgentCareReviewStatusEnum": ["pending", "approved"],
        "TypeEnum": ["condition", "faq", "mechanism"],
        "ItemTypeEnum": ["condition", "faq", "mechanism", "image"],
        "RenditionFormatEnum": ["avif", "webp", "jpeg"],
    },
    "DESCRIPTION": (
        "Conditions that Intramuscular Stimulation (IMS) helps with, FAQs and how IMS "
        "works, as versioned, structured JSON for clinic websites, kiosks, apps and partners."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.hooks.document_health",
        "api.openapi.hooks.comma_separated_lists",
        "api.openapi.hooks.document_answers_of_every_operation",
        "api.openapi.hooks.sparse_fieldsets",
    ],
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is hard to undo (https://hstspreload.org/#removal): opt in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)

# Request size limits: bodies (only the admin accepts any) and, under /api/,
# query strings (a longer one is a 414 problem, api/security.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=1000)
API_MAX_QUERY_STRING_BYTES = env_int("API_MAX_QUERY_STRING_BYTES", default=2048, minimum=1)
# The longest header value the API reads (431 beyond); gunicorn refuses, with
# its own page, a header over 16 KiB and a request line over 8 KiB
# (config/gunicorn.py), so both limits must stay below those.
API_MAX_HEADER_BYTES = env_int("API_MAX_HEADER_BYTES", default=8192, minimum=1)
# The most headers a request under the API may carry (431 beyond); gunicorn
# refuses more than 1,000 with its own page (config/gunicorn.py).
API_MAX_HEADER_COUNT = env_int("API_MAX_HEADER_COUNT", default=100, minimum=1)

# Clinical review (DESIGN 1.5, content/approval.py): with REVIEW_REQUIRED_TO_PUBLISH,
# only a clinical reviewer makes a change reach readers, and doing so records their
# review; an approved item is due again REVIEW_INTERVAL_MONTHS later.
REVIEW_REQUIRED_TO_PUBLISH = env_bool("REVIEW_REQUIRED_TO_PUBLISH", default=True)
REVIEW_INTERVAL_MONTHS = env_int("REVIEW_INTERVAL_MONTHS", default=12, minimum=1)

# Refused admin sign-ins per client IP, and per account, before a 429, for this many seconds
# after the first (content/admin/site.py); 0 turns the limit off.
ADMIN_LOGIN_MAX_FAILURES = env_int("ADMIN_LOGIN_MAX_FAILURES", default=5)
ADMIN_LOGIN_LOCKOUT_SECONDS = env_int("ADMIN_LOGIN_LOCKOUT_SECONDS", default=900, minimum=1)

# Prometheus metrics at /metrics (web/metrics.py): with a token, for
# `Authorization: Bearer <token>` only; without one, only while DEBUG is on.
METRICS_ENABLED = env_bool("METRICS_ENABLED", default=True)
METRICS_TOKEN = env_str("METRICS_TOKEN")
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOG_LEVEL = env_choice("LOG_LEVEL", default="INFO", choices=_LOG_LEVELS)
# One JSON object per line in production, for log pipelines; text for people.
# Every record carries the request id (web/requestlog.py).
LOG_FORMAT = env_choice(
    "LOG_FORMAT", default="TEXT" if DEBUG else "JSON", choices={"JSON", "TEXT"}
).lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "web.requestlog.RequestIdFilter"},
        "client_mistakes": {"()": "web.requestlog.ClientMistakeFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "client_mistakes"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The request line (logger api.requests) reports every response; Django's
    # own warning for each 4xx would say it twice. Its 5xx tracebacks stay.
    "loggers": {"django.request": {"level": "ERROR"}},
}
