"""Integration tests use the real model through the session fixture `e5` of tests/conftest.py."""
