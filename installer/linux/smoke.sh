#!/usr/bin/env bash
# Smoke test of the Linux package: build it, install it, run the INSTALLED application (self-test
# offscreen, demo data, a monthly report as PDF), remove it. Fails on the first error.
#
#   installer/linux/smoke.sh            (root or sudo; about 5 minutes on two cores)
#
# The installed program runs with HOME and the XDG folders in a temporary directory, so it never
# touches the real user's database or settings; the script checks that the database landed there.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QT_QPA_PLATFORM=offscreen
unset ORALMAN_DESK_DB ORALMAN_DESK_LANG ORALMAN_DESK_STRETCH
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
APP=/usr/bin/oralman-desk  # the installed one, never a development copy on the PATH
START=$SECONDS
step() { echo "== [$((SECONDS - START)) s] $*"; }

TMP=$(mktemp -d)
cleanup() {
  status=$?
  if dpkg -s oralman-desk >/dev/null 2>&1 && [ "$status" != "0" ]; then
    $SUDO dpkg -r oralman-desk >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT

step "build: python installer/build.py"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e ".[build]"
.venv/bin/python installer/build.py
VERSION=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEB="dist/oralman-desk_${VERSION}_$(dpkg --print-architecture).deb"
ls -l "$DEB"

step "install: dpkg -i $DEB"
$SUDO dpkg -i "$DEB"
test -x /opt/oralman-desk/oralman-desk
test -f /usr/share/applications/oralman-desk.desktop
test -f /usr/share/icons/hicolor/256x256/apps/oralman-desk.png

export HOME="$TMP/home" XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME"
cd "$TMP"

step "self-test: $APP --self-test"
"$APP" --self-test "$TMP/selftest"
test -s "$TMP/selftest/kk-residents.pdf"

step "demo data on a new database in the temporary user data folder"
"$APP" --lang kk init --centre-name-kk "Сынақ орталығы" --centre-name-ru "Тестовый центр" \
  --centre-type caio --region 47
"$APP" demo-data --families 40 --seed 1
DB="$XDG_DATA_HOME/OralmanDesk/oralman_desk.db"
test -s "$DB"
"$APP" check

PERIOD=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
step "report monthly --period $PERIOD --lang kk --format pdf"
"$APP" report monthly --period "$PERIOD" --lang kk --format pdf --output "$TMP/monthly-kk.pdf"
head -c 5 "$TMP/monthly-kk.pdf" | grep -q '%PDF-'

step "remove: dpkg -r oralman-desk"
cd /
$SUDO dpkg -r oralman-desk
test ! -e /usr/bin/oralman-desk
test ! -e /opt/oralman-desk/oralman-desk

step "smoke test passed"
if [ $((SECONDS - START)) -gt 600 ]; then
  echo "warning: the smoke test took more than 10 minutes" >&2
fi
