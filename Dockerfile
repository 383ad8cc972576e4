# IMS Content API: gunicorn serves the app, WhiteNoise the static files, as a non-root user.
# The builder resolves nothing itself: every package and hash comes from requirements.lock.
FROM python:3.11-slim-bookworm AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
# psycopg[binary] ships libpq in its wheel, so no compiler or libpq-dev is needed here.
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock


FROM python:3.11-slim-bookworm

# What this image is (`docker build --build-arg RELEASE=$(git rev-parse --short HEAD)`):
# part of every cache key, so a new image never serves what an older one stored in Redis.
ARG RELEASE=unreleased
ENV RELEASE=$RELEASE \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings

# A fixed uid so volume permissions and Kubernetes runAsUser can rely on it. A real
# home: gunicorn (>= 25.1) puts its control socket in $HOME/.gunicorn/.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app

WORKDIR /app
# Same base image in both stages, so the venv's interpreter symlinks stay valid.
COPY --from=builder /opt/venv /opt/venv
COPY manage.py openapi.yaml ./
COPY config/ config/
COPY content/ content/
COPY api/ api/
COPY web/ web/
COPY clients/kiosk/ clients/kiosk/
COPY clients/embed/ clients/embed/
COPY docker/entrypoint.sh docker/entrypoint.sh

# Code and static files stay root-owned: the app user can read, not rewrite, them.
# The key is a throwaway for this one command (settings refuse DEBUG off without
# one); it never reaches the image's environment.
RUN chmod 0755 docker/entrypoint.sh \
    && SECRET_KEY=collectstatic-only DEBUG=false python manage.py collectstatic --no-input \
    && install -d -o app -g app /media
# Uploaded images and their renditions (MEDIA_ROOT): the app's to write; mount a volume
# there (docker-compose.yml), or keep them in a bucket (MEDIA_S3_BUCKET).
ENV MEDIA_ROOT=/media

USER app

EXPOSE 8000

# /admin/login/ is the only page always present for now; /readyz replaces it once
# the API issue lands. Its Host header is 127.0.0.1, so ALLOWED_HOSTS must list it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/admin/login/', timeout=4).status == 200 else 1)"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# config/gunicorn.py reads GUNICORN_* from the environment. The entrypoint execs
# this command, so gunicorn is PID 1 and gets SIGTERM (graceful_timeout applies).
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
