"""A counter per key and hour in the shared cache, for throttling requests that cost
something (an email) and that anyone may make (a password reset).

The cache is Redis when REDIS_URL is set, so every web process on every host counts
together; with no Redis it is per process, which is only the embedded set-up.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)

HOUR = 60 * 60


def allow(scope: str, key: str, *, limit: int, period: int = HOUR) -> bool:
    """Count one request for `key` and say whether it is within `limit` per `period`.

    A fixed window: the count starts again at each period's boundary, so a client
    can at most double the limit across one boundary, which is fine for a throttle.
    If the cache is down the request is allowed (and logged): the throttle must never
    be why a page fails, and the password-reset limit per address, kept in the
    database, still holds.
    """
    window = int(time.time() // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no addresses in the cache
    name = f"throttle:{scope}:{digest}:{window}"
    try:
        cache.add(name, 0, timeout=period)
        count = cache.incr(name)
    except Exception:  # the cache server is down or slow: fail open
        log.warning("Throttle %s not counted: the cache is unavailable", scope, exc_info=True)
        return True
    return count <= limit
