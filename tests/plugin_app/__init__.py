"""A test-only app that plugs into the portal through the registries alone, as every new app does."""
