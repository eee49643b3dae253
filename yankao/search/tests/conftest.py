from __future__ import annotations

from collections.abc import Iterator

import pytest

from yankao.search.tests.site_server import TestSite, serve


@pytest.fixture
def test_site() -> Iterator[TestSite]:
    with serve() as site:
        yield site


@pytest.fixture
def fast_crawl(settings: pytest.FixtureRequest) -> None:
    """No pauses between retries; no vectors (the crawl tests are about fetching)."""
    settings.SEARCH_FETCH_BACKOFF = 0  # type: ignore[attr-defined]
    settings.SEARCH_EMBEDDINGS = False  # type: ignore[attr-defined]
