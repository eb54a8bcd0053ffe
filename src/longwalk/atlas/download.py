"""Resumable, checksum-verified downloads; fetching WorldClim 2.1 into the cache.

WorldClim 2.1 (https://www.worldclim.org/data/worldclim21.html) serves one zip per variable and resolution,
``<base>/wc2.1_<res>_<var>.zip``, from ``https://geodata.ucdavis.edu/climate/worldclim/2_1/base``.  **WorldClim
publishes no checksums.**  So verification is, in order of strength:

1. a ``<archive>.sha256`` sidecar next to the archive, if the server has one (a mirror may; the tests' server
   does) — the download must match it;
2. otherwise the zip's own CRC-32 of every member (:meth:`zipfile.ZipFile.testzip`), which catches truncation
   and corruption but not a deliberately altered archive; the archive's sha256 is then recorded in
   ``manifest.json`` beside the unpacked files (trust on first use) so a later fetch can tell if it changed.

Downloads go to ``<file>.part`` and resume with an HTTP ``Range`` request after an interruption.  The base URL is
``$LONGWALK_WORLDCLIM_URL`` if set, or the ``base_url`` argument.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from http.client import HTTPException
from pathlib import Path

from longwalk.atlas.worldclim import RESOLUTIONS as WORLDCLIM_RESOLUTIONS
from longwalk.atlas.worldclim import VARIABLES
from longwalk.errors import DataError, InputError, os_error_message
from longwalk.paths import cache_dir, worldclim_location

WORLDCLIM_BASE_URL = "https://geodata.ucdavis.edu/climate/worldclim/2_1/base"
_CHUNK = 1 << 16

# progress(advance_bytes, total_bytes_or_None, description)
Progress = Callable[[int, int | None, str], None]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _unreachable(url: str, err: Exception) -> str:
    """Why ``url`` could not be reached, in one sentence with what to do (no raw ``<urlopen error ...>``)."""
    reason = getattr(err, "reason", err)
    reason = getattr(reason, "strerror", None) or str(reason) or type(err).__name__
    host = urllib.parse.urlsplit(url).netloc or url
    return (f"cannot reach {host} to fetch {url} ({reason}); check the network connection, or give a mirror with "
            "--base-url (or LONGWALK_WORLDCLIM_URL), then run the command again (it resumes)")


def fetch_text(url: str, timeout: float = 30.0) -> str | None:
    """The body of a small text resource, or None if the server does not offer it (401, 403, 404, 410)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        if err.code in (401, 403, 404, 410):
            return None
        raise DataError(f"cannot fetch {url}: HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, OSError, HTTPException) as err:
        raise DataError(_unreachable(url, err)) from None


def download(url: str, dest: Path, expected_sha256: str | None = None, progress: Progress | None = None,
             timeout: float = 60.0) -> Path:
    """Download ``url`` to ``dest``, resuming a previous partial download in ``dest.part``.

    Raises
    ------
    DataError
        Network failure (the partial file is kept: run again to resume) or checksum mismatch (the partial file is
        deleted).
    """
    dest = Path(dest)
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as err:
        if err.code == 416 and have:  # nothing left to send: the partial file is complete
            response = None
        else:
            raise DataError(f"cannot download {url}: HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, OSError, HTTPException) as err:
        raise DataError(_unreachable(url, err)) from None
    if response is not None:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)  # only once the server answers: no empty folder
        except OSError as err:
            response.close()
            raise DataError(os_error_message(err, path=dest.parent, what="cannot create the download folder")) \
                from None
        with response:
            if have and response.status != 206:  # the server ignored Range: start again
                have = 0
            length = response.headers.get("Content-Length")
            total = have + int(length) if length is not None else None
            if progress:
                progress(have, total, dest.name)
            try:
                with part.open("ab" if have else "wb") as handle:
                    while chunk := response.read(_CHUNK):
                        try:
                            handle.write(chunk)
                        except OSError as err:  # the disk, not the network: say so (the part file is kept)
                            raise DataError(os_error_message(err, path=part, what="cannot write the download")
                                            + "; then run the command again to resume") from None
                        if progress:
                            progress(len(chunk), total, dest.name)
            except (OSError, HTTPException) as err:
                raise DataError(f"download of {url} interrupted after {part.stat().st_size} bytes ({err}); "
                                "run the command again to resume") from err
            if total is not None and part.stat().st_size < total:
                raise DataError(f"download of {url} interrupted after {part.stat().st_size} of {total} bytes; "
                                "run the command again to resume")
    if expected_sha256 is not None:
        actual = sha256_of(part)
        if actual != expected_sha256.lower():
            part.unlink()
            raise DataError(f"checksum mismatch for {url}: sha256 {actual}, expected {expected_sha256}; "
                            "the partial file was deleted, run the command again")
    part.replace(dest)
    return dest


def worldclim_base_url(base_url: str | None = None) -> str:
    """The WorldClim base URL: the argument, else ``$LONGWALK_WORLDCLIM_URL``, else the official server.

    Raises :class:`InputError` for anything urllib cannot fetch (no ``http``, ``https``, ``ftp`` or ``file`` scheme).
    """
    url = (base_url or os.environ.get("LONGWALK_WORLDCLIM_URL") or WORLDCLIM_BASE_URL).rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https", "ftp", "file") or not (parts.netloc or parts.scheme == "file"):
        raise InputError(f"--base-url (or LONGWALK_WORLDCLIM_URL) {url!r} is not a URL; give one such as "
                         f"{WORLDCLIM_BASE_URL}")
    return url


def worldclim_archives(resolution: str) -> list[str]:
    """Archive names for one resolution: the six monthly variables and elevation."""
    if resolution not in WORLDCLIM_RESOLUTIONS:
        raise InputError(f"WorldClim resolution {resolution!r} is not one of {', '.join(WORLDCLIM_RESOLUTIONS)}")
    return [f"wc2.1_{resolution}_{v}.zip" for v in (*VARIABLES, "elev")]


def fetch_worldclim(resolution: str = "10m", target: Path | None = None, base_url: str | None = None,
                    progress: Progress | None = None, log: Callable[[str], None] = lambda _: None) -> Path:
    """Download, verify and unpack WorldClim 2.1 into ``target`` (default :func:`longwalk.paths.worldclim_location`,
    ``<cache>/worldclim/<res>``, where ``--climate worldclim`` finds it).

    Archives already unpacked and recorded in ``manifest.json`` are skipped, so an interrupted fetch continues
    where it stopped.  Returns the directory, ready for
    :class:`~longwalk.atlas.worldclim.WorldClimClimatology`.
    """
    names = worldclim_archives(resolution)
    base = worldclim_base_url(base_url)
    if target is None:
        cache_dir()  # created and signed as the cache, before the folder inside it
        target = worldclim_location(resolution)
    target = Path(target)
    downloads = target / "downloads"
    # the folders this call creates: removed again if they are still empty when it fails (no network, say)
    created = [p for p in (downloads, target, *target.parents) if not p.exists()]
    try:
        try:
            target.mkdir(parents=True, exist_ok=True)  # before the network: a bad target is said first
        except OSError as err:
            raise DataError(os_error_message(err, path=target, what="cannot create the WorldClim folder")) from None
        _fetch_into(names, base, target, downloads, progress, log)
    except BaseException:
        for folder in created:  # deepest first; a folder holding a resumable .part stays
            try:
                folder.rmdir()
            except FileNotFoundError:
                continue
            except OSError:
                break
        raise
    return target


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """``write(tmp)`` then move ``tmp`` over ``path``: a full disk leaves the old file (or none), never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise DataError(os_error_message(err, path=path, what="cannot write") + "; then run the command again "
                        "(what is already unpacked is kept)") from None


def _fetch_into(names: list[str], base: str, target: Path, downloads: Path, progress: Progress | None,
                log: Callable[[str], None]) -> None:
    manifest_path = target / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    except (OSError, ValueError):
        log(f"warning: {manifest_path} cannot be read; fetching every archive again")
        manifest = {}
    for name in names:
        if name in manifest and all((target / m).exists() for m in manifest[name]["members"]):
            log(f"{name}: already unpacked, skipped")
            continue
        url = f"{base}/{name}"
        sidecar = fetch_text(url + ".sha256")
        expected = sidecar.split()[0] if sidecar and sidecar.split() else None
        archive = download(url, downloads / name, expected_sha256=expected, progress=progress)
        try:
            with zipfile.ZipFile(archive) as zf:
                bad = zf.testzip()
                if bad is not None:
                    raise DataError(f"{archive}: member {bad} fails its CRC check")
                members = []
                for member in zf.namelist():
                    if member.endswith(".tif"):
                        name_only = Path(member).name  # never a path from the archive: no traversal

                        def unpack(tmp: Path, member: str = member) -> None:
                            with zf.open(member) as src, tmp.open("wb") as dst:
                                shutil.copyfileobj(src, dst)

                        _write_atomically(target / name_only, unpack)
                        members.append(name_only)
        except zipfile.BadZipFile as err:
            archive.unlink()
            raise DataError(f"{archive} is not a valid zip archive ({err}); it was deleted, run again") from err
        digest = sha256_of(archive)
        if name in manifest and manifest[name]["sha256"] != digest:
            log(f"warning: {name} differs from the copy recorded earlier (sha256 {manifest[name]['sha256']})")
        manifest[name] = {"sha256": digest, "verified_by": "sha256 sidecar" if expected else "zip CRC-32 only",
                          "members": members, "url": url}
        text = json.dumps(manifest, indent=1)
        _write_atomically(manifest_path, lambda tmp, text=text: tmp.write_text(text))
        archive.unlink()
        log(f"{name}: {len(members)} files, verified by {manifest[name]['verified_by']}")
