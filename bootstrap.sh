#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine with python3:
#   ./bootstrap.sh start [PROFILE]   install the console and open it (default: profiles/demo.yaml)
#   ./bootstrap.sh test              install OBS Studio, Xvfb, fonts and the test tools; run
#                                    ruff, mypy and the whole test suite against a real OBS
# Debian packages are installed when running as root (or through sudo when it is available).
set -euo pipefail
cd "$(dirname "$0")"

# Qt's xcb platform plugin, OpenGL, CJK fonts and venv support; the host's offline speech
# (espeak-ng), audio adjustment (sox) and demo clips (ffmpeg).
RUNTIME_PACKAGES="python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk
  espeak-ng sox ffmpeg"
# A real OBS Studio under a virtual X server, screenshots, and keys pressed in another
# window (xdotool, for the global hotkeys).
TEST_PACKAGES="obs-studio xvfb x11-utils imagemagick xdotool"

apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "bootstrap: please install these Debian packages as root: ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

venv() {  # venv [EXTRA]: the project in .venv, with an optional extra such as "test"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${1:+[$1]}"
}

case "${1:-}" in
  start)
    # shellcheck disable=SC2086
    apt_install $RUNTIME_PACKAGES
    venv
    exec .venv/bin/python main.py "${2:-profiles/demo.yaml}"
    ;;
  test)
    # shellcheck disable=SC2086
    apt_install $RUNTIME_PACKAGES $TEST_PACKAGES
    venv test
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    .venv/bin/mypy
    exec .venv/bin/pytest
    ;;
  *)
    echo "usage: $0 start [PROFILE] | test" >&2
    exit 2
    ;;
esac
