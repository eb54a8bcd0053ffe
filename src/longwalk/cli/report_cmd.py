"""`longwalk report DIR`: rebuild ``report.html`` from the files a run (or ``odds --out``) wrote into DIR."""

from __future__ import annotations

from pathlib import Path

import typer

from longwalk.cli.edge import check_parent, check_writable, guard, write_file
from longwalk.errors import InputError


def save_report(directory: Path, atlas=None, option: str = "longwalk report") -> Path:
    """Build ``report.html`` from the output files in ``directory`` and write it there, whole or not at all."""
    from longwalk.report.html import REPORT_FILE, build_report

    text = build_report(directory, atlas)
    return write_file(directory / REPORT_FILE, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"),
                      option=option)


def check_report_dir(out: Path, option: str = "--out", also: set[str] = frozenset()) -> Path:
    """The absolute ``out``, made if missing; refuse a directory that holds anything but odds output (the report's
    files and ``also``), and try writing there before the slow work starts."""
    from longwalk.report.html import ODDS_FILES, REPORT_FILE

    out = out.expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise InputError(f"{option} {out}: exists and is not a directory; give a new or earlier output directory")
    if out.is_dir():
        others = sorted({p.name for p in out.iterdir()} - {*ODDS_FILES, REPORT_FILE, *also})
        if others:
            raise InputError(f"{option} {out}: holds files that are not `longwalk odds` output "
                             f"({', '.join(others[:5])}); give a new directory or an earlier odds output directory")
    else:
        check_parent(out)
        out.mkdir()
    check_writable(out, option, out)
    return out


def save_odds(summary, collector, out: Path) -> list[Path]:
    """Write ``odds.json``, ``fates.csv`` and ``report.html`` into ``out``, each whole or not at all."""
    from longwalk.report.html import odds_texts

    paths = []
    for name, text in odds_texts(summary, collector).items():
        paths.append(write_file(out / name, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8",
                                                                                     newline="\n"), option="--out"))
    paths.append(save_report(out, option="--out"))
    return paths


def report(
    directory: Path = typer.Argument(..., help="The output directory of `longwalk run` or `longwalk odds --out`."),
) -> None:
    """Rebuild DIR/report.html (map, profiles, each person; or an ensemble's odds) from the files in DIR.

    The page is one file that needs no network: open it in any browser.
    """
    path = save_report(directory.expanduser().absolute())
    print(f"Wrote {path}")


def register(app: typer.Typer) -> None:
    """Add ``longwalk report`` to the app."""
    app.command("report")(guard(report))
