"""The window's language: Simplified Chinese or English, through Qt's translation system.

The source strings are English, and read as English without any translation (a count is
never written ``message(s)``). The Chinese is a Qt Linguist file,
``console/translations/console_zh_CN.ts``, compiled with Qt's ``lrelease`` (shipped in
PySide6) at start-up the first time after it changed: each compiled ``.qm`` is named for the
hash of its source and kept in the user's cache folder, so a stale one is never loaded and
nothing compiled is committed. Qt's own translations (standard buttons such as Save and
Cancel) come with PySide6.

The language is the profile's ``show.locale``, else the system's; anything else is English,
said once. ``Language.switch`` changes it while the console runs: Qt sends every widget a
``LanguageChange`` event and each one sets its texts again (``retranslate``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from console.text import Listed, Text

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
ENGLISH, CHINESE = "en", "zh-CN"
LANGUAGES = (CHINESE, ENGLISH)
"""The languages the window speaks."""
TRANSLATED = {CHINESE: "zh_CN"}
"""The languages translated from English, and the suffix of their files (``console_zh_CN.ts``)."""
NAMES = {CHINESE: "简体中文", ENGLISH: "English"}
_ALIASES = {"zh": CHINESE, "zh-cn": CHINESE, "zh-hans": CHINESE, "zh-sg": CHINESE}


def language_of(tag: str) -> str | None:
    """The window language for a locale tag (``zh-CN``, ``zh_Hans_CN``, ``en-US``), or None."""
    lowered = tag.replace("_", "-").lower()
    if lowered in _ALIASES or lowered.startswith("zh-hans"):
        return CHINESE
    if lowered == "en" or lowered.startswith("en-"):
        return ENGLISH
    if lowered.startswith("zh-") and lowered.split("-")[1] in ("cn", "sg"):
        return CHINESE
    return None


def choose(profile_locale: str | None) -> tuple[str, Text | None]:
    """The language to start in: the profile's, else the system's; else English, with the
    reason to tell the operator."""
    tag = profile_locale or QLocale.system().name()
    language = language_of(tag)
    if language is not None:
        return language, None
    note = Text("language", "no translation for {tag}: the window is in English").format(tag=tag)
    return ENGLISH, note


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "live-room-console" / "translations"


def lrelease() -> Path:
    """Qt's ``lrelease``, as PySide6 ships it."""
    return Path(PySide6.__file__).resolve().parent / "lrelease"


def compiled(source: Path, cache: Path) -> Path:
    """The ``.qm`` of a ``.ts`` source, compiled now if this very source never was."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = cache / f"{source.stem}-{digest}.qm"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(suffix=".qm", dir=cache)
    os.close(handle)
    try:
        subprocess.run(
            [str(lrelease()), "-silent", str(source), "-qm", partial],
            check=True,
            capture_output=True,
            timeout=60,
        )
        os.replace(partial, target)  # another console compiling at once writes the same
    finally:
        Path(partial).unlink(missing_ok=True)
    return target


class TranslationUnavailable(Exception):
    """A translation could not be compiled or loaded (the window stays as it is)."""


class Language:
    """The translators installed in the application, one language at a time."""

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache or cache_folder()
        self.current = ENGLISH
        self._installed: list[QTranslator] = []

    def prepare(self) -> None:
        """Compile every translation now (at start-up, before the window shows), so that a
        switch during the show never waits for ``lrelease``."""
        for language in TRANSLATED:
            self._compiled(language)

    def _compiled(self, language: str) -> Path:
        source = TRANSLATIONS / f"console_{TRANSLATED[language]}.ts"
        try:
            return compiled(source, self.cache)
        except (OSError, subprocess.SubprocessError) as exc:
            raise TranslationUnavailable(
                Text("language", "cannot compile {file}: {error}").format(
                    file=source.name, error=str(exc)
                )
            ) from exc

    def switch(self, language: str) -> None:
        """Speak ``language`` (one of ``LANGUAGES``) from now on; every widget is told.
        English is the source language: no translator at all."""
        loaded = self._translators(language) if language in TRANSLATED else []
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        for translator in loaded:
            QCoreApplication.installTranslator(translator)
        self._installed = loaded
        self.current = language

    def _translators(self, language: str) -> list[QTranslator]:
        ours, qt = QTranslator(), QTranslator()
        qm = self._compiled(language)
        if not ours.load(str(qm)):
            raise TranslationUnavailable(
                Text("language", "cannot load {file}").format(file=qm.name)
            )
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{TRANSLATED[language]}", qt_folder):
            return [ours, qt]
        return [ours]

    def other(self) -> str:
        """The language a toggle goes to."""
        return ENGLISH if self.current == CHINESE else CHINESE


def shown(text: str) -> str:
    """A text as the window shows it: a ``Text`` in the current language, arguments that are
    ``Text`` too; plain words as they are. A translation whose placeholders do not fit its
    arguments shows the English words rather than failing."""
    if isinstance(text, Listed):
        return text.separator.join(shown(part) for part in text.parts)
    if not isinstance(text, Text):
        return text
    template = QCoreApplication.translate(text.context, text.source)
    if not text.arguments:
        return template
    arguments = {
        key: shown(value) if isinstance(value, str) else value
        for key, value in text.arguments.items()
    }
    try:
        return template.format(**arguments)
    except (KeyError, IndexError, ValueError):
        return str(text)


def language_changed(event: QEvent) -> bool:
    """Whether a widget's ``changeEvent`` is Qt saying the language changed."""
    return event.type() == QEvent.Type.LanguageChange
