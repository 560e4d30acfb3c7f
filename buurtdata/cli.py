"""The ``buurtdata`` command line: ``buurtdata demo --out DIR``, ``buurtdata report [--project FILE] --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from buurtdata._errors import BuurtdataError

DEFAULT_OUT = Path("buurtdata-demo")
DEFAULT_REPORT_OUT = Path("buurtdata-rapport")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="buurtdata", description="Buurtcijfers en levende kennis per buurt.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run the whole flow on the embedded Hengelo sample")
    demo.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: ./{DEFAULT_OUT})")
    demo.add_argument("--no-notebook", action="store_true", help="skip executing the notebook")
    report = commands.add_parser("report", help="build the HTML report (notebooks, maps, validation) of a project")
    report.add_argument("--project", type=Path, default=None, help="project TOML file (default: the embedded sample)")
    report.add_argument("--out", type=Path, default=DEFAULT_REPORT_OUT,
                        help=f"output folder (default: ./{DEFAULT_REPORT_OUT})")
    args = parser.parse_args(argv)

    from buurtdata import datasets, demo as demo_module

    try:
        if args.command == "report":
            from buurtdata.report import build_report

            build_report(args.project, args.out)
        else:
            demo_module.build_outputs(datasets.get_path("hengelo"), args.out, notebook=not args.no_notebook)
    except BuurtdataError as error:
        print(f"buurtdata: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
