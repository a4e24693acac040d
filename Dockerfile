# Production image: the portal, its Celery worker and beat share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint's system libraries (Pango, HarfBuzz, fonts) and curl for health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
       fonts-dejavu-core shared-mime-info curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

# Exactly the locked versions: pip refuses any package (or dependency) without its pinned hash.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt
COPY . .
RUN SECRET_KEY=build-only-not-secret DATABASE_URL=postgresql://build@localhost/build \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private-media /app/backups \
    && chown -R portal:portal /app

USER portal
EXPOSE 8000
CMD ["gunicorn", "ecosystem.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--worker-class", "gthread", "--threads", "16", "--access-logfile", "-"]
