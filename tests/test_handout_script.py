"""The README's Python example saved as a script without an ``if __name__ == "__main__":`` guard (sweep 14 F4): the
handouts' workers must not run the script again (it built twice, then stopped on multiprocessing's bootstrapping
error and left an empty handouts folder)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from buurtdata.outputs import handout_pool

SCRIPT = """
import buurtdata
from buurtdata import datasets

print("het script loopt")
project_file = datasets.get_path("hengelo")
buurtdata.make_handouts(project_file, "handouts/")
print("klaar")
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the handouts are drawn without a pool")
def test_a_script_without_a_main_guard_draws_its_handouts_once_on_every_core(tmp_path: Path) -> None:
    (tmp_path / "maak.py").write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    assert handout_pool.workers_for(62) >= 2  # the sample's 62 handouts are drawn by a pool
    done = subprocess.run(
        [sys.executable, "maak.py"], cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == ["het script loopt", "klaar"]  # the workers did not run it again
    assert "bootstrapping" not in done.stderr and "Traceback" not in done.stderr
    assert len(list((tmp_path / "handouts").glob("BU*.pdf"))) == 62


def test_the_main_module_is_left_as_it_was() -> None:
    main = sys.modules["__main__"]
    before = getattr(main, "__spec__", None)
    with handout_pool._main_left_alone():
        pass
    assert getattr(main, "__spec__", None) is before
