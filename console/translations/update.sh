#!/usr/bin/env bash
# Extract every translatable string of the console into the Qt Linguist sources, keeping
# the translations already made (translate the new ones, marked unfinished, with Qt
# Linguist or by hand):  console/translations/update.sh [FOLDER]   (default: this folder)
# Python's Qt strings are self.tr(...), QCoreApplication.translate(...) and the core's
# Text("context", "words") (console/text.py), read as QT_TRANSLATE_NOOP.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
cd "$here/../.."
lupdate="${LUPDATE:-.venv/bin/pyside6-lupdate}"  # PySide6's, in the project's venv
mapfile -t files < <(find console -name '*.py' | sort)
common=(-tr-function-alias QT_TRANSLATE_NOOP+=Text -locations none -no-obsolete -silent
        -source-language en)
# English is the source language: it needs no file.
"$lupdate" "${files[@]}" "${common[@]}" -target-language zh_CN -ts "$out/console_zh_CN.ts"
