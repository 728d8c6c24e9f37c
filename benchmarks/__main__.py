"""Run every benchmark module in this package, or those named: `python -m benchmarks [name ...]`."""

import importlib
import os
import pkgutil
import sys
import time

import django


def main(names: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almo_portal.settings.test")
    django.setup()
    import benchmarks

    modules = names or sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.endswith("_bench"))
    for name in modules:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n== {name}: {module.__doc__.strip().splitlines()[0] if module.__doc__ else ''}", flush=True)
        started = time.perf_counter()
        module.run()
        print(f"   ({time.perf_counter() - started:.1f} s in all)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
