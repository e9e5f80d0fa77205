"""Build Oralman Desk for the platform this runs on: the PyInstaller bundle, then its package.

    python installer/build.py               bundle + package (.deb on Linux, Inno Setup on Windows)
    python installer/build.py --bundle-only

Needs the project installed with its build extra: ``pip install -e ".[build]"``. Outputs:
``dist/oralman-desk/`` (the bundle), ``dist/oralman-desk_<version>_<arch>.deb`` or
``dist/OralmanDesk-<version>-setup.exe``. Everything it makes is under ``build/`` and ``dist/``.
The version is the one in ``pyproject.toml``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))

from assets import ASSETS, project_version  # noqa: E402
from make_icons import PNG_SIZES  # noqa: E402

SPEC = INSTALLER / "oralman-desk.spec"
ISS = INSTALLER / "windows" / "oralman-desk.iss"
DESKTOP = INSTALLER / "linux" / "oralman-desk.desktop"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "oralman-desk"
PACKAGE = "oralman-desk"
INSTALL_DIR = "/opt/oralman-desk"

# What the bundle does not carry and the desktop needs: the C library, OpenGL/EGL, fonts, the X11
# and Wayland client libraries. Depends: what the application needs even offscreen (the smoke test
# runs it so); Recommends (apt installs them too): what Qt's xcb platform plugin needs on a desktop.
DEB_DEPENDS = (
    "libc6 (>= 2.31), libegl1, libgl1, libfontconfig1, libxkbcommon0, libdbus-1-3, libglib2.0-0"
)
DEB_RECOMMENDS = (
    "libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxkbcommon-x11-0, "
    "libx11-xcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1, fonts-dejavu-core"
)


def log(text: str) -> None:
    print(f"[build] {text}", flush=True)


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def check_environment(version: str) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('PyInstaller is missing: pip install -e ".[build]"')
    try:
        installed = metadata.version("oralman-desk")
    except metadata.PackageNotFoundError:
        sys.exit('oralman-desk is not installed in this environment: pip install -e ".[build]"')
    if installed != version:
        # The bundle carries the installed metadata (the About box reads it).
        sys.exit(
            f"pyproject.toml says {version} but {installed} is installed: pip install -e . again"
        )


def build_bundle() -> Path:
    log(f"PyInstaller {SPEC.relative_to(ROOT)} → {BUNDLE.relative_to(ROOT)}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    log(f"bundle: {size_mb(BUNDLE):.0f} MB in {BUNDLE}")
    return BUNDLE


# ---- Linux: a .deb -------------------------------------------------------------------------------


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def deb_control(version: str, arch: str, installed_kb: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Oralman Desk <oralman-desk@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Recommends: {DEB_RECOMMENDS}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: register and services of an adaptation centre for kandas\n"
        " Oralman Desk keeps the register of an adaptation and integration centre or a\n"
        " temporary placement centre for kandas (oralmans): intake, placement,\n"
        " consultations, courses, employment and the ministry's reports, offline, in\n"
        " Kazakh and Russian. The database lives in each user's data folder.\n"
    )


def build_deb(version: str, bundle: Path) -> Path:
    arch = deb_architecture()
    root = ROOT / "build" / "deb" / f"{PACKAGE}_{version}_{arch}"
    if root.exists():
        shutil.rmtree(root)
    opt = root / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(f"{INSTALL_DIR}/{PACKAGE}")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copyfile(DESKTOP, apps / f"{PACKAGE}.desktop")
    icons = root / "usr" / "share" / "icons" / "hicolor"
    for px in PNG_SIZES:
        target = icons / f"{px}x{px}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(ASSETS / "icons" / f"{PACKAGE}-{px}.png", target / f"{PACKAGE}.png")
    scalable = icons / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ASSETS / "icons" / f"{PACKAGE}.svg", scalable / f"{PACKAGE}.svg")
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        executable = path.is_dir() or os.access(path, os.X_OK)
        path.chmod(0o755 if executable else 0o644)
    debian = root / "DEBIAN"
    debian.mkdir()
    installed_kb = int(size_mb(root) * 1000 / 1024) + 1
    (debian / "control").write_text(deb_control(version, arch, installed_kb), encoding="utf-8")
    out = DIST / f"{PACKAGE}_{version}_{arch}.deb"
    log(f"dpkg-deb → {out.relative_to(ROOT)}")
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(out)],
        check=True,
    )
    log(f"package: {size_mb(out):.0f} MB, {out}")
    return out


# ---- Windows: Inno Setup -------------------------------------------------------------------------


def find_iscc() -> Path:
    candidates = [os.environ.get("ISCC", ""), shutil.which("iscc") or ""]
    for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(var)
        if base:
            sub = "Programs\\Inno Setup 6" if var == "LOCALAPPDATA" else "Inno Setup 6"
            candidates.append(str(Path(base) / sub / "ISCC.exe"))
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    sys.exit("Inno Setup's ISCC.exe was not found: install Inno Setup 6 or set ISCC=path")


def iscc_command(iscc: Path, version: str, bundle: Path) -> list[str]:
    """The compiler's command line; the version comes from pyproject.toml, nowhere else."""
    return [
        str(iscc),
        f"/DAppVersion={version}",
        f"/DSourceDir={bundle}",
        f"/DIconFile={ASSETS / 'icons' / 'oralman-desk.ico'}",
        f"/DOutputDir={DIST}",
        str(ISS),
    ]


def build_windows_installer(version: str, bundle: Path) -> Path:
    subprocess.run(iscc_command(find_iscc(), version, bundle), check=True)
    out = DIST / f"OralmanDesk-{version}-setup.exe"
    log(f"installer: {size_mb(out):.0f} MB, {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle-only", action="store_true", help="skip the package")
    args = parser.parse_args(argv)
    started = time.monotonic()
    version = project_version()
    check_environment(version)
    bundle = build_bundle()
    if not args.bundle_only:
        if sys.platform == "win32":
            build_windows_installer(version, bundle)
        elif sys.platform.startswith("linux"):
            build_deb(version, bundle)
        else:
            log(f"no package format for {sys.platform}; the bundle is ready")
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
