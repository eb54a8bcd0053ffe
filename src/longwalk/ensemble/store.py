"""An ensemble's chunks on disk: Parquet files and a manifest, each written whole or not at all.

Layout of the directory::

    manifest.json            scenario, its hash, seed, chunk size, and each finished chunk's file and SHA-256
    chunks/runs-A-B.parquet  the fates of runs A .. B-1 (longwalk.ensemble.chunks.FATE_SCHEMA)

A chunk file is written beside its place and renamed into it, then the manifest (the same way) names it.  So an
interrupted ensemble (Ctrl-C, a killed process, a full disk) leaves a manifest that lists only complete chunks;
``resume`` reads them back, checks each against its checksum and recomputes what is missing or damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from longwalk.errors import InputError, OutputError, os_error_message

MANIFEST = "manifest.json"
CHUNK_DIR = "chunks"
FORMAT = 1  # the layout above; a directory of another format is not resumed


def scenario_hash(scenario) -> str:
    """SHA-256 of the scenario as validated (every field, sources included): runs of one hash are runs of one
    scenario."""
    text = scenario.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_atomic(path: Path, write, scratch: Path) -> None:
    """``write(tmp)`` into a temporary file in ``scratch`` (a folder on the same file system), flushed to disk,
    then renamed onto ``path``."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=scratch)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_directory(directory: Path, scenario, seed: int, resume: bool) -> dict | None:
    """The manifest of the ensemble in ``directory`` (None if there is none), or an :class:`InputError` when the
    directory holds runs of another scenario, or, to ``resume``, of another seed or none at all.  Reads only:
    callers check before slow work starts."""
    path = Path(directory) / MANIFEST
    old = None
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(f"--out {directory}: {MANIFEST} cannot be read ({err}); give a new directory") from None
        if not isinstance(old, dict) or old.get("format") != FORMAT:
            raise InputError(f"--out {directory}: {MANIFEST} is not a longwalk ensemble manifest of format "
                             f"{FORMAT}; give a new directory")
    if old is not None and old.get("scenario_hash") != scenario_hash(scenario):
        raise InputError(
            f"--out {directory}: holds runs of another scenario ({old.get('scenario', '?')}, or the same one with "
            "other settings); give a new directory, nothing there was changed")
    if resume and old is None:
        raise InputError(f"--resume: {directory} holds no ensemble to resume (no {MANIFEST}); leave out --resume "
                         "to start one")
    if resume and int(old.get("seed", -1)) != int(seed):
        raise InputError(f"--resume: {directory} holds runs with seed {old.get('seed')}, not {seed}; resume with "
                         f"--seed {old.get('seed')} or give a new --out")
    return old


class ChunkStore:
    """The finished chunks of one ensemble (one scenario and seed) in ``directory``.

    Opening refuses a directory that holds runs of another scenario, whatever ``resume`` says, and, with
    ``resume``, one of another seed; without ``resume`` the earlier chunks of the same scenario are dropped.
    """

    def __init__(self, directory: Path, scenario, seed: int, chunk_size: int, resume: bool = False):
        self.directory = Path(directory)
        self.manifest_path = self.directory / MANIFEST
        self.chunk_dir = self.directory / CHUNK_DIR
        self.damaged: list[str] = []  # chunk files found not to match their checksum (recomputed)
        digest = scenario_hash(scenario)
        old = check_directory(self.directory, scenario, seed, resume)
        keep = resume and old is not None
        self.manifest = {
            "format": FORMAT, "scenario": scenario.name, "scenario_hash": digest, "seed": int(seed),
            "chunk_size": int(old["chunk_size"]) if keep else int(chunk_size),
            "people": [p.name for p in scenario.party],
            "chunks": list(old.get("chunks", [])) if keep else [],
        }
        try:
            self.chunk_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.chunk_dir.glob(".*.partial"):  # left by a process killed mid-write
                stale.unlink(missing_ok=True)
            if not keep:
                for old_chunk in self.chunk_dir.glob("runs-*.parquet"):
                    old_chunk.unlink()
            self._write_manifest()
        except OSError as err:
            raise OutputError(os_error_message(err, path=f"--out {self.directory}",
                                               what="cannot write the ensemble's chunks")) from None

    @property
    def chunk_size(self) -> int:
        return int(self.manifest["chunk_size"])

    def _write_manifest(self) -> None:
        text = json.dumps(self.manifest, indent=1, sort_keys=True)
        # its temporary file goes in chunks/ too, where a process killed mid-write leaves it to be cleaned up
        _write_atomic(self.manifest_path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"), self.chunk_dir)

    def load(self, start: int, stop: int) -> pa.Table | None:
        """The table of runs ``start .. stop-1`` if that chunk was finished and its file is intact, else None
        (a damaged file is noted in :attr:`damaged` and will be recomputed)."""
        entry = next((c for c in self.manifest["chunks"] if (c["start"], c["stop"]) == (start, stop)), None)
        if entry is None:
            return None
        path = self.chunk_dir / entry["file"]
        try:
            intact = _sha256(path) == entry["sha256"]
            table = pq.read_table(path) if intact else None
        except (OSError, pa.ArrowException):
            intact, table = False, None
        if table is None or table.num_rows != (stop - start) * len(self.manifest["people"]):
            self.damaged.append(entry["file"])
            self.manifest["chunks"].remove(entry)
            return None
        return table

    def save(self, start: int, stop: int, table: pa.Table) -> None:
        """Write the chunk's file, then list it in the manifest: a chunk is finished once the manifest says so."""
        name = f"runs-{start:09d}-{stop:09d}.parquet"
        path = self.chunk_dir / name
        try:
            _write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"), self.chunk_dir)
            chunks = [c for c in self.manifest["chunks"] if (c["start"], c["stop"]) != (start, stop)]
            chunks.append({"start": int(start), "stop": int(stop), "file": name, "sha256": _sha256(path)})
            self.manifest["chunks"] = sorted(chunks, key=lambda c: c["start"])
            self._write_manifest()
        except OSError as err:
            raise OutputError(os_error_message(err, path=f"--out {self.directory}",
                                               what="cannot write the ensemble's chunks")
                              + "; the chunks finished so far are kept, --resume continues") from None
