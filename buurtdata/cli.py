"""The ``buurtdata`` command line: ``demo``, ``handouts --project FILE --out DIR`` and ``report [--project FILE] --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from buurtdata._errors import BuurtdataError

DEFAULT_OUT = Path("buurtdata-demo")
#: The same folder as :data:`buurtdata.outputs.build.DEFAULT_REPORT_OUT` (not imported: it would load the outputs).
DEFAULT_REPORT_OUT = Path("buurtdata-rapport")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="buurtdata", description="Buurtcijfers en levende kennis per buurt.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run the whole flow on the embedded Hengelo sample")
    demo.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: ./{DEFAULT_OUT})")
    demo.add_argument("--no-notebook", action="store_true", help="skip executing the notebook")
    demo.add_argument("--no-handouts", action="store_true", help="skip the A4 handouts per buurt")
    handouts = commands.add_parser("handouts", help="write an A4 handout (PDF, PNG) per buurt plus an index page")
    handouts.add_argument("--project", type=Path, required=True, help="project TOML file")
    handouts.add_argument("--out", type=Path, required=True, help="output folder")
    handouts.add_argument("--buurt", action="append", help="only this buurt code (repeatable); default: every buurt")
    handouts.add_argument("--no-png", action="store_true", help="write PDF only")
    report = commands.add_parser("report", help="build the HTML report (notebooks, maps, validation) of a project")
    report.add_argument("--project", type=Path, default=None, help="project TOML file (default: the embedded sample)")
    report.add_argument("--out", type=Path, default=DEFAULT_REPORT_OUT,
                        help=f"output folder (default: ./{DEFAULT_REPORT_OUT})")
    args = parser.parse_args(argv)

    try:
        if args.command == "report":
            from buurtdata.outputs.build import build_report

            build_report(args.project, args.out)
        elif args.command == "handouts":
            from buurtdata.outputs import handout

            paths = handout.make_handouts(args.project, args.out, buurten=args.buurt, png=not args.no_png)
            print(f"buurtdata: {len(paths) - 1} files and {paths[-1]} written")
        else:
            from buurtdata import datasets
            from buurtdata.outputs.build import build
            from buurtdata.outputs.notebooks import DEMO_NOTEBOOK

            build(datasets.get_path("hengelo"), args.out, notebook_names=() if args.no_notebook else (DEMO_NOTEBOOK,),
                  handout_buurten=[] if args.no_handouts else None)
    except BuurtdataError as error:
        print(f"buurtdata: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
