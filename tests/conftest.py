"""Shared pytest configuration: hypothesis profiles for local runs and CI."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

# CI runs more examples; both stay deterministic in what they check, not in time limits.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Files checked for repeated ids are remembered in a cache (countycare.records.verified_ids): the
# tests keep theirs in a folder of their own, never in the user's, and remove it when they end.
if "COUNTYCARE_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="countycare-test-cache-")
    os.environ["COUNTYCARE_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)
