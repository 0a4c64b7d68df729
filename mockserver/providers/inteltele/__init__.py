"""IntelTele's IM (Viber) API with SMS fallback."""
