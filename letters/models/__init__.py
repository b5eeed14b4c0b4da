from .directory import MemberOfParliament, PostcodeCacheEntry, Province, Riding
from .ratelimit import RateLimitCounter

__all__ = ["MemberOfParliament", "PostcodeCacheEntry", "Province", "RateLimitCounter", "Riding"]
