from __future__ import annotations

from collections.abc import Iterator

import pytest

from yankao.search.tests.site_server import TestSite, serve


@pytest.fixture(autouse=True)
def _fresh_search_caches() -> Iterator[None]:
    """Each test sees its own index: per-process term counts and vectors are forgotten."""
    from yankao.search.selectors import index_changed

    index_changed()
    yield
    index_changed()


@pytest.fixture
def test_site() -> Iterator[TestSite]:
    with serve() as site:
        yield site


@pytest.fixture
def fast_crawl(settings: pytest.FixtureRequest) -> None:
    """No pauses between retries; no vectors (the crawl tests are about fetching)."""
    settings.SEARCH_FETCH_BACKOFF = 0  # type: ignore[attr-defined]
    settings.SEARCH_EMBEDDINGS = False  # type: ignore[attr-defined]


# verified citizens and proposals made through the participation app's real services
from yankao.participation.tests.conftest import _empty_outboxes, make_citizen, proposer, verify  # noqa: E402

__all__ = ["_empty_outboxes", "make_citizen", "proposer", "verify"]
