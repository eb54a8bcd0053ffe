"""At the end of a game: the journal and the report, written as ``longwalk run --out`` writes them (the same
writers, the same staging directory moved into place whole)."""

from __future__ import annotations

from pathlib import Path

from longwalk.errors import OutputError, os_error_message


def write_run_outputs(session, out_dir: Path, atlas=None) -> list[Path]:
    """Write the finished (or abandoned) game's outputs into ``out_dir``; return the paths written."""
    from longwalk.cli import run_cmd
    from longwalk.cli.edge import remove_quietly, staging_dir
    from longwalk.report.html import REPORT_FILE, build_report

    out_dir = Path(out_dir).expanduser().absolute()
    run_cmd._check_out_dir(out_dir)
    result = session.result()
    tmp = None
    try:
        tmp = staging_dir(run_cmd._staging_parent(out_dir) / out_dir.name)
        written = run_cmd.write_outputs(result, tmp, run=0, scenario=session.scenario, atlas=atlas)
        (tmp / REPORT_FILE).write_text(build_report(tmp), encoding="utf-8", newline="\n")
        run_cmd._move_into_place(tmp, out_dir)
        tmp = None
    except OSError as err:
        raise OutputError(os_error_message(err, path=f"--out {out_dir}", what="cannot write the output")
                          + "; nothing was written") from None
    finally:
        remove_quietly(tmp)
    return [out_dir / p.name for p in written] + [out_dir / REPORT_FILE]
