"""The ``buurtdata`` command line: ``demo``, ``handouts --project FILE --out DIR``,
``report [--project FILE] --out DIR``, ``validate [--project FILE]``, ``overdracht --project FILE --out FILE.zip``
(a ``--project`` may be such a dossier) and ``pseudoniem [--project FILE] ID ...``.

Bad input ends in one message and exit code :data:`EXIT_INPUT`, never a traceback; anything unexpected
ends in a short line naming a log file that holds the traceback.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path
from typing import Any, NoReturn

from buurtdata._errors import BuurtdataError
from buurtdata.dossier import as_handed_over

DEFAULT_OUT = Path("buurtdata-demo")
#: The same folder as :data:`buurtdata.outputs.build.DEFAULT_REPORT_OUT` (not imported: it would load the outputs).
DEFAULT_REPORT_OUT = Path("buurtdata-rapport")
#: Exit codes: bad input or usage (as argparse), a file the system could not read or write, a bug, Ctrl-C.
EXIT_INPUT, EXIT_IO, EXIT_BUG, EXIT_INTERRUPTED = 2, 74, 70, 130
#: Exit code of a command stopped by SIGTERM (128 + 15, as a shell reports a process the signal ended).
EXIT_TERMINATED = 143


class _Terminated(KeyboardInterrupt):
    """SIGTERM, as a CI job's timeout, ``docker stop`` or ``kill`` send it, taken as Ctrl-C is: the build cleans up
    its half-built folder and says so (user test K: without it the process died mid-build in silence, leaving a
    ``.NAME.new-PID`` folder beside the output for the next build to remove)."""


#: The signals that stopped the running command. DuckDB turns one that arrives during a query into
#: ``RuntimeError: Query interrupted``: with this, that is still said as a stop, not as a bug to report.
_STOPPED_BY: list[int] = []


def _stop(signum: int, frame: object) -> NoReturn:
    _STOPPED_BY.append(signum)
    raise _Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def _catch_stops() -> dict[int, Any]:
    """Take SIGINT and SIGTERM through :func:`_stop`, where Python's own handling was left in place (a signal a
    shell told the process to ignore, as for a background job, stays ignored); return the handlers replaced."""
    _STOPPED_BY.clear()
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set a handler
        return {}
    kept = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
    return {number: signal.signal(number, _stop) for number, own in kept.items() if signal.getsignal(number) is own}


def _unraisable(hook: Any, unraisable: Any) -> None:
    """Leave out the traceback Python prints of a signal's exception it dropped in a finalizer: the command says
    what happened in one line at its end (:func:`_stopped`)."""
    if not (_STOPPED_BY and isinstance(unraisable.exc_value, KeyboardInterrupt)):
        hook(unraisable)


def _stopped(error: BaseException | None = None, *, finished: bool = False) -> int:
    """Say that the command was stopped, and return its exit code.

    ``finished``: the command ran to its end all the same. Python drops an exception raised while it runs a
    finalizer ("Exception ignored in ..."), and a signal's can land there: the build then went on and published
    its output whole, which the message says, with the signal's exit code (a CI job that was cancelled is).
    """
    terminated = isinstance(error, _Terminated) or signal.SIGTERM in _STOPPED_BY
    how = "stopped (SIGTERM)" if terminated else "interrupted"
    if finished:
        print(
            f"buurtdata: {how}, but the command had nearly finished and ran to its end; what it wrote is whole.",
            file=sys.stderr,
        )
    else:
        print(f"buurtdata: {how}; the output folder was left as it was before.", file=sys.stderr)
    return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


def entry() -> NoReturn:
    """The console script ``buurtdata``: :func:`main`, then the process ends without the garbage collector's
    last passes over everything the command loaded.

    Those passes took a second after ``buurtdata report`` (great-expectations, Altair, nbconvert and matplotlib
    make millions of objects), the user waiting for the prompt; the process ends here anyway, every file
    written and closed, so what they would free does not matter. Not in :func:`main`: tests call that.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


#: Commands people type for one of buurtdata's (in English or Dutch), and the one they mean.
_SAID_FOR = {
    "build": "report", "run": "report", "rapport": "report", "html": "report", "new": "nieuw", "init": "nieuw",
    "start": "nieuw", "check": "validate", "valideer": "validate", "validatie": "validate", "handout": "handouts",
    "print": "handouts", "handover": "overdracht", "pseudonym": "pseudoniem", "pseudonymise": "pseudoniem",
}  # fmt: skip


def _refuse_unknown_command(parser: argparse.ArgumentParser, known: Any, said: list[str]) -> None:
    """Refuse a command buurtdata has not, naming the one meant (``buurtdata build``: argparse listed the seven
    choices without saying that ``report`` builds), and exit 2 as argparse does."""
    if not said or said[0].startswith("-") or said[0] in known:
        return
    import difflib

    word = said[0]
    meant = _SAID_FOR.get(word.casefold()) or next(iter(difflib.get_close_matches(word.casefold(), known, 1)), None)
    hint = f"; did you mean 'buurtdata {meant}'?" if meant else "."
    parser.error(f"'{word}' is not a buurtdata command{hint} The commands are: {', '.join(known)}.")


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
    handouts.add_argument(
        "--buurt", action="append", help="only this buurt, by code or name (repeatable); default: every buurt"
    )
    handouts.add_argument(
        "--gemeente",
        action="append",
        help="every buurt of this gemeente, by code (GM0164) or name (repeatable; with --buurt: both)",
    )
    handouts.add_argument("--no-png", action="store_true", help="write PDF only")
    report = commands.add_parser("report", help="build the HTML report (notebooks, maps, validation) of a project")
    report.add_argument("--project", type=Path, default=None, help="project TOML file (default: the embedded sample)")
    report.add_argument(
        "--out", type=Path, default=DEFAULT_REPORT_OUT, help=f"output folder (default: ./{DEFAULT_REPORT_OUT})"
    )
    check = commands.add_parser("validate", help="check a project's data with the great-expectations suite")
    check.add_argument("--project", type=Path, default=None, help="project TOML file (default: the embedded sample)")
    new = commands.add_parser(
        "nieuw",
        help="write a ready project folder for a gemeente, a region or NL (never overwrites a file)",
        usage="buurtdata nieuw GEMEENTE [GEMEENTE ...] MAP --jaar JAAR",
    )
    # One list, split in _run: argparse cannot give a nargs="+" positional and the folder after it when --jaar
    # stands between them (buurtdata nieuw GM0402 GM0406 --jaar 2024 MAP); main() adds what follows --jaar.
    new.add_argument(
        "codes_and_folder",
        nargs="+",
        metavar="GEMEENTE [GEMEENTE ...] MAP",
        help="gemeente code (GM0308), several for a region (GM0402 GM0406) or NL for the whole country; "
        "then the project folder to write",
    )
    new.add_argument("--jaar", type=int, required=True, help="KWB year of the figures, e.g. 2024")
    overdracht = commands.add_parser("overdracht", help="pack an overdrachtsdossier (zip) for a next organisation")
    overdracht.add_argument("--project", type=Path, required=True, help="project TOML file")
    overdracht.add_argument("--out", type=Path, required=True, help="the dossier to write (.zip)")
    overdracht.add_argument(
        "--outputs",
        type=Path,
        default=None,
        help="a finished build to include (default: build database, GeoPackage and maps)",
    )
    pseudoniem = commands.add_parser(
        "pseudoniem",
        help="print the pseudonym (R-...) of respondent ids with this machine's key (a consent withdrawn after an "
        "overdracht: the successor holds only pseudonyms)",
    )
    pseudoniem.add_argument("ids", nargs="+", metavar="ID", help="a respondent id as the segments file has it")
    pseudoniem.add_argument(
        "--project",
        type=Path,
        default=None,
        help="project TOML file whose rounds' segments must hold each id (a mistyped id is refused, with the closest)",
    )
    _refuse_unknown_command(parser, commands.choices, sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    # argparse takes nieuw's codes and folder only up to --jaar; the rest (GM0402 --jaar 2024 MAP) is left over.
    if args.command == "nieuw":
        args.codes_and_folder += [text for text in extra if not text.startswith("-")]
        extra = [text for text in extra if text.startswith("-")]
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")

    replaced, unraisable_hook = _catch_stops(), sys.unraisablehook
    sys.unraisablehook = functools.partial(_unraisable, unraisable_hook)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = functools.partial(_show_warning, said=set())
            _run(args)
        if _STOPPED_BY:  # the signal's exception was dropped (see _stopped)
            return _stopped(finished=True)
    except BuurtdataError as error:
        if _STOPPED_BY:  # e.g. a query the signal interrupted, wrapped as a file that could not be written
            return _stopped()
        print(f"buurtdata: {as_handed_over(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt as error:
        return _stopped(error)
    except OSError as error:
        if _STOPPED_BY:
            return _stopped()
        log = _log_traceback()
        what = f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
        print(
            f"buurtdata: could not read or write a file ({what}). Check that the path is right, is a file "
            f"or folder as asked, and that you may read or write it. Details: {log}",
            file=sys.stderr,
        )
        return EXIT_IO
    except Exception as error:
        if _STOPPED_BY:  # a query the signal interrupted: no bug
            return _stopped()
        log = _log_traceback()
        print(
            f"buurtdata: unexpected error ({type(error).__name__}: {error}). This is a bug in buurtdata; "
            f"please report it with the log file {log}.",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        sys.unraisablehook = unraisable_hook
        for number, handler in replaced.items():
            signal.signal(number, handler)
    return 0


def _show_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int, *_: object, said: set[str]
) -> None:
    """Print buurtdata's own warnings as one line a user can act on; the file and line of the code that warned
    (Python's default, with that line of source) say nothing to them. Others' warnings print as Python would."""
    if category.__module__.split(".")[0] == "buurtdata":
        line = f"buurtdata: warning: {as_handed_over(str(message))}"
        # One command may read a file twice (overdracht builds, then packs every round): said once is enough.
        if line not in said:  # the lines the running command has said
            said.add(line)
            print(line, file=sys.stderr)
    else:
        print(warnings.formatwarning(message, category, filename, lineno).rstrip(), file=sys.stderr)


def _run(args: argparse.Namespace) -> None:
    if args.command == "nieuw":
        from buurtdata.scaffold import new_project

        *gemeenten, last = args.codes_and_folder
        if not gemeenten:
            msg = (
                f"nieuw {last}: give the gemeente code(s), then the folder to write the project in, e.g. "
                "buurtdata nieuw GM0308 --jaar 2024 baarn"
            )
            raise BuurtdataError(msg)
        folder = Path(last)
        written, kept, unnamed = new_project(gemeenten, args.jaar, folder)
        for path in written:
            print(f"  {path}")
        for path in kept:
            print(f"  {path}  (bestond al; niet overschreven)")
        if unnamed:  # also in project.toml and README.md, but easily missed there
            print(f"buurtdata: let op: {unnamed}.", file=sys.stderr)
        print(f"buurtdata: project folder {folder} ready; read {folder / 'README.md'} for what to add")
    elif args.command == "overdracht":
        from buurtdata.outputs.overdracht import pack

        pack(args.project, args.out, outputs=args.outputs)
    elif args.command == "validate":
        _validate(args.project)
    elif args.command == "pseudoniem":
        _pseudonyms(args.ids, args.project)
    elif args.command == "report":
        from buurtdata.outputs.build import build_report

        build_report(args.project, args.out)
    elif args.command == "handouts":
        from buurtdata.outputs.build import build, handout_sheets

        paths = build(
            args.project,
            args.out,
            handout_buurten=args.buurt,
            handout_gemeenten=args.gemeente,
            handout_png=not args.no_png,
            handouts_only=True,
            say=lambda line: None,
        )
        sheets = handout_sheets(paths)
        folders = len({path.parent for path in sheets})
        where = f" in {folders} folders, one per gemeente," if folders > 1 else ""
        print(
            f"buurtdata: {len(sheets):,} {'handout' if len(sheets) == 1 else 'handouts'} "
            f"({'PDF' if args.no_png else 'PDF and PNG'}){where} and their index written in {args.out}; "
            f"open {paths[-1]}"
        )
        _say_left_out(Path(args.out) / "gemeenten.csv")
    else:
        from buurtdata import datasets
        from buurtdata.outputs.build import build
        from buurtdata.outputs.notebooks import DEMO_NOTEBOOK

        build(
            datasets.get_path("hengelo"),
            args.out,
            notebook_names=() if args.no_notebook else (DEMO_NOTEBOOK,),
            handout_buurten=[] if args.no_handouts else None,
        )


def _say_left_out(listed: Path) -> None:
    """Name the gemeenten of a region's ``gemeenten.csv`` that have no handouts because the build left them out:
    the handouts' folder has none of theirs, which nobody would notice (user test P)."""
    import csv

    from buurtdata._spreadsheet import SEPARATOR
    from buurtdata.pipeline.scope import REFUSED

    if not listed.is_file():
        return
    with listed.open(encoding="utf-8-sig", newline="") as file:  # as written for Excel (_spreadsheet.write_csv)
        rows = csv.DictReader(file, delimiter=SEPARATOR)
        left = [f"{row['gemeente']} ({row['gemeentecode']})" for row in rows if row["status"] == REFUSED]
    if left:
        print(f"buurtdata: no handouts for {', '.join(left)}: left out of this build; the reason is in {listed}")


def _validate(project_file: Path | None) -> None:
    """Build the project's tables in memory and check them with great-expectations; a failure raises.

    No pseudonym key is created (sweep 13 #8): the in-memory build only counts respondents, which any key does alike,
    and is thrown away; a key that exists is used, so what is checked is what a build gives."""
    from buurtdata import datasets, pipeline, settings
    from buurtdata._optional import require
    from buurtdata.pipeline.validation import left_out, validate
    from buurtdata.project import Project
    from buurtdata.sources.interviews.privacy import load_or_create_key

    require("validate", "buurtdata validate")  # before the build, not after it
    project = Project.load(project_file or datasets.get_path("hengelo"))
    # An existing key is read as a build reads it (one too short is refused alike), none is made.
    key = load_or_create_key() if settings.key_file.exists() else os.urandom(32)
    result = pipeline.run(project, key=key)
    try:
        checked = validate(result.con, project)
        untold = left_out(result.con, project)
    finally:
        result.con.close()
    if result.themes is not None and len(result.unplaced):
        # What a build says of them, before the meeting (sweep 13 #14): a warning, not a failure.
        from buurtdata.outputs._unplaced import UNPLACED, placement_told

        listed, placement = placement_told(result)
        print(
            f"buurtdata: warning: {as_handed_over(listed)}; a report or buurtdata handouts lists them in {UNPLACED}, "
            f"each with the reason and the fix\n  {placement}",
            file=sys.stderr,
        )
    print("\n".join([f"buurtdata: {project.name}: all {len(checked)} rules pass (great-expectations)", *untold]))


def _pseudonyms(ids: list[str], project_file: Path | None = None) -> None:
    """Print each respondent id with its pseudonym under this machine's key, which is never created here: a
    pseudonym made with a new key would match nothing (user test B: the organisation that held a round could not
    tell its successor which pseudonym to delete when a respondent withdrew).

    With ``project_file`` an id that no round's segments hold is refused, with the closest ids; without it, a line
    on stderr says the ids were not checked (review 3.5: a typo gave a pseudonym that matched nothing, unsaid).
    """
    import pandas as pd

    from buurtdata import settings
    from buurtdata.sources.interviews.privacy import existing_key, pseudonymise

    _refuse_pseudonyms(ids, project_file)
    key = existing_key()
    if key is None:
        msg = (
            f"no pseudonym key at {settings.key_file}: only the machine that built the round has it (set "
            "BUURTDATA_KEY_FILE where the key is kept elsewhere); ask the organisation that held the round."
        )
        raise BuurtdataError(msg)
    if project_file is None:
        print(
            "buurtdata: the ids were not checked against the interviews; pass --project FILE to have a mistyped id "
            "refused (its pseudonym would match no segment)",
            file=sys.stderr,
        )
    else:
        _check_respondents(ids, project_file)
    found = pseudonymise(pd.DataFrame({"respondent": ids}), key)["respondent"]
    for respondent, pseudonym in zip(ids, found, strict=True):
        print(f"{respondent}\t{pseudonym}")


def _refuse_pseudonyms(ids: list[str], project_file: Path | None) -> None:
    """Refuse what holds pseudonyms already (sweep 13 #4: on a dossier, ``pseudoniem R-1386e7b2f2`` printed a
    pseudonym of a pseudonym, which no file holds): a dossier, or an id that is a pseudonym."""
    import re

    said = "pseudoniem is for the organisation that held the round, on its own project with its own key"
    if project_file is not None and project_file.suffix.lower() == ".zip":
        msg = (
            f"{project_file} is an overdrachtsdossier: its respondents are pseudonyms of the previous organisation's "
            f"key already; {said}. Ask it for the pseudonym of the respondent (LEESMIJ.txt of the dossier)."
        )
        raise BuurtdataError(msg)
    if given := [one for one in ids if re.fullmatch(r"\s*R-[0-9a-fA-F]{10}\s*", one)]:
        msg = (
            f"{', '.join(repr(one) for one in given)} is a pseudonym already, not a respondent's code as the segments "
            f"file has it (HGL-B01, B3): look for that pseudonym in fragmenten/ itself; {said}."
        )
        raise BuurtdataError(msg)


def _check_respondents(ids: list[str], project_file: Path) -> None:
    """Refuse each of ``ids`` that no round of the project holds, naming the closest ids, as ``no_handover`` does."""
    import pandas as pd

    from buurtdata.outputs.overdracht_ids import respondents, unknown
    from buurtdata.project import Project

    project = Project.load(project_file)
    if not project.rounds:
        raise BuurtdataError(f"--project {project.path}: it has no interviews ([interviews]) to check the ids against")
    said = unknown(ids, pd.concat([respondents(one) for one in project.rounds], ignore_index=True))
    if said:
        files = ", ".join(dict.fromkeys(one.segments.name for one in project.rounds))
        msg = (
            f"--project {project.path}: {'; '.join(said)} is no respondent of any round ({files}); type the code as "
            "the export writes it. No pseudonym was printed: one of a mistyped id matches nothing."
        )
        raise BuurtdataError(msg)


def _log_traceback() -> Path:
    """Write the traceback being handled to a log file (in the cache folder if possible); return its path."""
    import tempfile

    name = f"buurtdata-error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    text = f"buurtdata {' '.join(sys.argv[1:])}\n\n{traceback.format_exc()}"
    folders = [Path(tempfile.gettempdir())]
    try:
        from buurtdata import settings

        folders.insert(0, Path(settings.cache_dir) / "logs")
    except BuurtdataError:
        pass  # the settings themselves are broken: the temp folder still takes the log
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
            return folder / name
        except OSError:
            continue
    return Path(name)


if __name__ == "__main__":
    entry()
