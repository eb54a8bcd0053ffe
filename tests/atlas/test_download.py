"""Resumable, checksum-verified WorldClim fetch against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from longwalk.atlas.download import download, fetch_worldclim, worldclim_archives
from longwalk.errors import DataError, InputError

# rasterio 1.4 itself multiplies Affine objects with `*` when building transforms
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:rasterio")

# the tiny-GeoTIFF maker of test_worldclim.py, loaded by path so that any pytest import mode works
_spec = importlib.util.spec_from_file_location("_wc_helpers", Path(__file__).with_name("test_worldclim.py"))
_wc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_wc)
make_worldclim = _wc.make_worldclim


class Server:
    """Serves ``files`` (name -> bytes) with HTTP Range support; can cut the first response of a file short."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.requests: list[tuple[str, str | None]] = []
        self.cut_once: set[str] = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                name = self.path.rsplit("/", 1)[-1]
                outer.requests.append((name, self.headers.get("Range")))
                if name not in outer.files:
                    self.send_error(404)
                    return
                body = outer.files[name]
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].split("=")[1].split("-")[0])
                    if start >= len(body):
                        self.send_error(416)
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                if name in outer.cut_once:
                    outer.cut_once.discard(name)
                    self.wfile.write(body[start:start + (len(body) - start) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body[start:])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/base"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def make_archives(tmp_path, res="10m", sidecars=True):
    """Zip tiny WorldClim GeoTIFFs as the WorldClim server does: one archive per variable (and elev)."""
    src = make_worldclim(tmp_path / "src", res=res, elev=500.0)
    files = {}
    for name in worldclim_archives(res):
        var = name.split("_")[2].removesuffix(".zip")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for tif in sorted(src.glob(f"wc2.1_{res}_{var}*.tif")):
                zf.write(tif, tif.name)
        files[name] = buf.getvalue()
        if sidecars:
            files[name + ".sha256"] = f"{hashlib.sha256(buf.getvalue()).hexdigest()}  {name}\n".encode()
    return files


@pytest.fixture
def server(tmp_path):
    s = Server(make_archives(tmp_path))
    yield s
    s.close()


def test_fetch_unpacks_verifies_and_skips_what_is_done(server, tmp_path):
    from longwalk.atlas.worldclim import WorldClimClimatology

    target = fetch_worldclim("10m", target=tmp_path / "wc", base_url=server.url)
    manifest = json.loads((target / "manifest.json").read_text())
    assert set(manifest) == set(worldclim_archives("10m"))
    assert all(m["verified_by"] == "sha256 sidecar" for m in manifest.values())
    assert len(list(target.glob("*.tif"))) == 73
    assert float(WorldClimClimatology(target).normals(42.5, 101.5, 500.0, 3).air_temperature_mean) == \
        pytest.approx(3.11, abs=1e-5)
    n = len(server.requests)
    fetch_worldclim("10m", target=tmp_path / "wc", base_url=server.url)
    assert len(server.requests) == n  # nothing fetched again


def test_interrupted_download_resumes_with_a_range_request(server, tmp_path):
    name = "wc2.1_10m_prec.zip"
    server.cut_once.add(name)
    with pytest.raises(DataError, match="interrupted.*run the command again"):
        download(f"{server.url}/{name}", tmp_path / name)
    part = tmp_path / (name + ".part")
    assert 0 < part.stat().st_size < len(server.files[name])
    expected = hashlib.sha256(server.files[name]).hexdigest()
    download(f"{server.url}/{name}", tmp_path / name, expected_sha256=expected)
    assert server.requests[-1] == (name, f"bytes={len(server.files[name]) // 2}-")
    assert (tmp_path / name).read_bytes() == server.files[name] and not part.exists()


def test_checksum_mismatch_is_an_error_and_deletes_the_partial_file(server, tmp_path):
    name = "wc2.1_10m_wind.zip"
    server.files[name + ".sha256"] = b"0" * 64 + b"  x\n"
    with pytest.raises(DataError, match="checksum mismatch"):
        fetch_worldclim("10m", target=tmp_path / "wc", base_url=server.url)
    assert not list((tmp_path / "wc" / "downloads").glob("*.part"))


def test_without_sidecars_zip_crc_is_checked_and_the_sha256_recorded(tmp_path):
    s = Server(make_archives(tmp_path, sidecars=False))
    try:
        target = fetch_worldclim("10m", target=tmp_path / "wc", base_url=s.url)
    finally:
        s.close()
    manifest = json.loads((target / "manifest.json").read_text())
    entry = manifest["wc2.1_10m_tavg.zip"]
    assert entry["verified_by"] == "zip CRC-32 only"
    assert entry["sha256"] == hashlib.sha256(s.files["wc2.1_10m_tavg.zip"]).hexdigest()


def test_corrupt_archive_and_bad_resolution(tmp_path):
    files = make_archives(tmp_path, sidecars=False)
    files["wc2.1_10m_tavg.zip"] = b"not a zip at all"
    s = Server(files)
    try:
        with pytest.raises(DataError, match="not a valid zip"):
            fetch_worldclim("10m", target=tmp_path / "wc", base_url=s.url)
    finally:
        s.close()
    with pytest.raises(InputError, match="10m, 5m, 2.5m, 30s"):
        worldclim_archives("1km")


def test_cli_fetch_uses_the_env_base_url(server, tmp_path, monkeypatch):
    from longwalk.cli.main import app

    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LONGWALK_WORLDCLIM_URL", server.url)
    result = CliRunner().invoke(app, ["data", "fetch", "worldclim", "--res", "10m", "--quiet"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "cache" / "worldclim" / "10m"
    assert str(out) in result.output and (out / "wc2.1_10m_tavg_01.tif").exists()
