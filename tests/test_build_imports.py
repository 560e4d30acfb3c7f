"""A build imports what it uses, no more: the notebook kernels' asyncio and the REFI-QDA reader and writer (xml,
defusedxml) are imported where they are used, not by a build of CSV interviews and its GeoPackage (issue 19: 10-40 ms
of every build's process). What they export is still there when asked for."""

import subprocess
import sys

#: Modules a build of the shipped Hengelo sample (CSV interviews) has no use for.
UNUSED = (
    "asyncio",
    "defusedxml",
    "xml.etree.ElementTree",
    "buurtdata.sources.interviews.qda",
    "buurtdata.sources.interviews.qda_archive",
    "buurtdata.sources.interviews.qda_write",
)


def test_a_csv_build_imports_neither_asyncio_nor_the_qda_files(tmp_path):
    code = f"""
import sys, warnings
from buurtdata import datasets, pipeline
from buurtdata.outputs.build import _write_geopackage
from buurtdata.project import Project

warnings.simplefilter("ignore")
result = pipeline.run(Project.load(datasets.get_path("hengelo")), key=b"test")
_write_geopackage(result, {str(tmp_path / "buurten.gpkg")!r})
print(sorted(name for name in {UNUSED!r} if name in sys.modules))
"""
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.strip() == "[]", printed


def test_the_qda_writer_is_still_exported_by_the_interviews_package():
    from buurtdata.sources import interviews
    from buurtdata.sources.interviews import CASE_VARIABLES, qda_write, write_qdc, write_qdpx

    assert (write_qdpx, write_qdc, CASE_VARIABLES) == (
        qda_write.write_qdpx,
        qda_write.write_qdc,
        qda_write.CASE_VARIABLES,
    )
    assert all(hasattr(interviews, name) for name in interviews.__all__)
    try:
        interviews.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
