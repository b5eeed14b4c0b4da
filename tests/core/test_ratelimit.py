import pytest

from core import ratelimit


@pytest.mark.django_db
def test_counts_per_key_and_refuses_past_the_limit():
    key = ratelimit.hashed_key("test", "203.0.113.5")
    allowed = [ratelimit.allow(key, limit=3, window_seconds=60) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    other = ratelimit.hashed_key("test", "203.0.113.6")
    assert ratelimit.allow(other, limit=3, window_seconds=60)


def test_hashed_key_hides_the_value():
    key = ratelimit.hashed_key("email", "someone@example.org")
    assert "someone" not in key and "@" not in key
    assert key == ratelimit.hashed_key("email", "someone@example.org")
