"""Gunicorn settings for the registration app: `gunicorn -c deploy/gunicorn.conf.py 'registration:create_app()'`."""

import multiprocessing
import os

bind = os.environ.get("LEERSTAD_BIND", "127.0.0.1:8001")  # nginx proxies the app's prefixes here
# 2-4 sync workers: SQLite takes one writer at a time, so more processes only queue on its lock.
workers = int(os.environ.get("LEERSTAD_WORKERS", min(4, max(2, multiprocessing.cpu_count()))))
worker_class = "sync"
# Off: each worker opens its own SQLite connections and runs create_app() itself (migrations are
# serialised by a file lock), and a reload picks up new code without restarting the master.
preload_app = False
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then; jitter so they do not all restart at once
max_requests_jitter = 200
# No access log here: nginx logs requests, with manage-link tokens masked (docs/deploy.md).
accesslog = None
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
