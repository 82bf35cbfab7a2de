"""IRC lines with IRCv3 message tags, as Twitch chat sends them.

``@badge-info=;badges=moderator/1;display-name=Ann;emotes=25:0-4;id=…;user-id=… :ann!ann@ann.tmi.twitch.tv PRIVMSG #chan :Kappa hi``
"""  # noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field

_TAG_ESCAPES = {":": ";", "s": " ", "\\": "\\", "r": "\r", "n": "\n"}


@dataclass(frozen=True)
class IrcLine:
    """One parsed line: tags, prefix (``nick!user@host``), command and parameters (the
    trailing parameter, after `` :``, is the last one)."""

    command: str
    params: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    prefix: str = ""

    @property
    def nick(self) -> str:
        return self.prefix.split("!", 1)[0]


def unescape_tag(value: str) -> str:
    """IRCv3 tag value escapes: ``\\:`` → ``;``, ``\\s`` → space, ``\\\\`` → ``\\``, ..."""
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_TAG_ESCAPES.get(following, following))
        else:
            out.append(char)
    return "".join(out)


def parse_line(line: str) -> IrcLine:
    """Parse one line (without its CRLF); raise ``ValueError`` if it has no command."""
    rest = line
    tags: dict[str, str] = {}
    if rest.startswith("@"):
        raw_tags, _, rest = rest[1:].partition(" ")
        for item in raw_tags.split(";"):
            if item:
                key, _, value = item.partition("=")
                tags[key] = unescape_tag(value)
        rest = rest.lstrip(" ")
    prefix = ""
    if rest.startswith(":"):
        prefix, _, rest = rest[1:].partition(" ")
        rest = rest.lstrip(" ")
    trailing: str | None = None
    if " :" in rest:
        rest, _, trailing = rest.partition(" :")
    elif rest.startswith(":"):
        rest, trailing = "", rest[1:]
    words = rest.split()
    if not words:
        raise ValueError("no command")
    params = words[1:]
    if trailing is not None:
        params.append(trailing)
    return IrcLine(words[0].upper(), params, tags, prefix)


def parse_badges(value: str) -> dict[str, str]:
    """``broadcaster/1,subscriber/12`` → ``{"broadcaster": "1", "subscriber": "12"}``."""
    badges: dict[str, str] = {}
    for item in value.split(","):
        if item:
            name, _, version = item.partition("/")
            badges[name] = version
    return badges


def parse_emotes(value: str) -> list[tuple[str, int, int]]:
    """``25:0-4,12-16/1902:6-10`` → ``[("25", 0, 5), ("25", 12, 17), ("1902", 6, 11)]``:
    emote id and the half-open span of its code in the text, in text order."""
    emotes: list[tuple[str, int, int]] = []
    for group in value.split("/"):
        emote, _, places = group.partition(":")
        for place in places.split(","):
            start, sep, end = place.partition("-")
            if emote and sep and start.isdigit() and end.isdigit():
                emotes.append((emote, int(start), int(end) + 1))
    return sorted(emotes, key=lambda item: item[1])
