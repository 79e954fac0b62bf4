"""Laptop side of head-office sync: wire types, outbox reading, applying pulled rows, the HTTP client."""
