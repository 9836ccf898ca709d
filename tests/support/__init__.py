"""Test support shared by unit and service tests: the scenario HTTP server and its table."""
