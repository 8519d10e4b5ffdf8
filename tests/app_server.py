"""One app server for tests/test_data_cache.py: the app in this process (AppTest, so the
process's caches are the server's), driven by one command a line on standard input, each
answered with one line of JSON on standard output.

- ``show``: rerun the Overview and print its figures (label -> value);
- ``upload ORG PERIOD``: store a small workforce return for ORG and PERIOD through the Upload
  page and print ``{"stored": true}`` when the page reports it stored.

The database is ``AHP_DATABASE_URL``. Run as ``python -m tests.app_server`` from the
repository root.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.workbooks import filled_template, workforce_rows

APP = str(Path(__file__).resolve().parents[1] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for line in sys.stdin:
        command, *args = line.split()
        if command == "show":
            at.switch_page("views/overview.py").run()
            answer = {m.label: m.value for m in at.metric}
        elif command == "upload":
            org, period = args
            name = f"{org}-{period}.xlsx"
            content = filled_template({"Workforce": workforce_rows(org, period)})
            at.switch_page("views/upload.py").run()
            at.file_uploader[0].set_value([(name, content, XLSX)]).run()
            next(b for b in at.button if b.label.startswith("Store")).click().run()
            answer = {"stored": bool(at.success)}
        else:
            break
        if at.exception:
            answer = {"exception": [e.value for e in at.exception]}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
