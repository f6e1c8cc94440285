"""Time the data-entry workbook against plain baselines in the same run.

    python benchmarks/bench_template.py

Writes the bundled sample into the template (vs. pandas' own ``to_excel`` of the same five
tables) and loads it back (vs. loading the CSV folder). Best of 3; the ratios matter, not the
seconds, on a shared machine.
"""

import tempfile
import time
from pathlib import Path

import pandas as pd

import sgnet
from sgnet.template import template_frame, write_template


def best(fn, n=3):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    ds = sgnet.load()
    tmp = Path(tempfile.mkdtemp())
    book = tmp / "template.xlsx"

    def plain_excel():
        with pd.ExcelWriter(tmp / "plain.xlsx", engine="openpyxl") as writer:
            for name in ds.tables:
                template_frame(ds, name).to_excel(writer, sheet_name=name, index=False)

    write_base = best(plain_excel)
    write = best(lambda: write_template(book, ds, overwrite=True))
    load_csv = best(lambda: sgnet.load())
    load_book = best(lambda: sgnet.load(book))
    print(f"write: pandas to_excel {write_base:.2f} s, sgnet template {write:.2f} s "
          f"(x{write / write_base:.2f})")
    print(f"load:  CSV folder {load_csv:.2f} s, template workbook {load_book:.2f} s "
          f"(x{load_book / load_csv:.2f})")


if __name__ == "__main__":
    main()
