"""make bench: load and memory figures of the mock against a bare aiohttp handler."""
