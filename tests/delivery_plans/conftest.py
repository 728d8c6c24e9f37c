from tests.plans import COMMENTARY, fill, plan  # noqa: F401  (fixtures and helpers for this folder's tests)
