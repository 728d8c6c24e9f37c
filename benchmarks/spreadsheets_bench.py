"""Reading uploads: the issue's file of one row of 6,000,000 cells, and legitimate files of 5,000 rows.

Aims: every file read, or refused with its message, within 5 s and 100 MB of memory growth. Time is taken
without tracemalloc, which slows allocation several times over; memory is tracemalloc's peak of Python
allocations (expat and zlib allocate through Python, so they count), read with the reader's clock set aside.
No database needed.
"""

import time
import tracemalloc

AIM_SECONDS, AIM_MB = 5.0, 100.0


def _outcome(name: str, content: bytes, max_rows: int) -> str:
    from core.spreadsheets import SpreadsheetError, read_table

    rows = 0
    try:
        for _row in read_table(name, content, max_columns=11, max_rows=max_rows):
            rows += 1
    except SpreadsheetError as error:
        return f"refused: {error.message[:50]}"
    return f"read {rows:,} rows"


def _measure(name: str, content: bytes, max_rows: int) -> tuple[str, float, float]:
    from core import spreadsheets

    started = time.perf_counter()
    outcome = _outcome(name, content, max_rows)
    seconds = time.perf_counter() - started
    limit, spreadsheets.TIME_LIMIT_SECONDS = spreadsheets.TIME_LIMIT_SECONDS, 600
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        _outcome(name, content, max_rows)
        peak_mb = (tracemalloc.get_traced_memory()[1] - before) / 1024 / 1024
    finally:
        tracemalloc.stop()
        spreadsheets.TIME_LIMIT_SECONDS = limit
    return outcome, seconds, peak_mb


def _figures_csv(rows: int) -> bytes:
    lines = ["indicator_code,year,quarter,numerator,denominator,value,what_happened,why"]
    lines += [f"RP{n % 40:02d},2025,{n % 4 + 1},{n * 3},{1000 + n},12.25,Repairs in area {n}," for n in range(rows)]
    return "\r\n".join(lines).encode()


def run() -> None:
    from tests.core.test_spreadsheets import ALL_ROWS, figures_xlsx, many_rows_xlsx, one_wide_row_xlsx

    files = [
        ("xlsx: one row of 6,000,000 cells", "figures.xlsx", one_wide_row_xlsx(), 50_001),
        ("xlsx: 300,000 rows of one cell", "figures.xlsx", many_rows_xlsx(), ALL_ROWS),
        ("xlsx: 5,000 rows of figures", "figures.xlsx", figures_xlsx(5_000), 50_001),
        ("csv: 5,000 rows of figures", "figures.csv", _figures_csv(5_000), 50_001),
    ]
    print(f"   {'file':<34} {'KB':>6} {'s':>5} {'peak MB':>7}  outcome", flush=True)
    for label, name, content, max_rows in files:
        outcome, seconds, peak_mb = _measure(name, content, max_rows)
        verdict = "within" if seconds <= AIM_SECONDS and peak_mb <= AIM_MB else "OUTSIDE"
        print(
            f"   {label:<34} {len(content) / 1024:>6.0f} {seconds:>5.2f} {peak_mb:>7.1f}  {outcome} [{verdict}]",
            flush=True,
        )
    print(f"   aims: {AIM_SECONDS:.0f} s and {AIM_MB:.0f} MB for any file")
