"""Whether viewers can see a source: enabled in the program scene, directly or through the
scenes and groups nested in it, as OBS itself reports its scene items."""

from __future__ import annotations

from typing import Any, Protocol

MAX_DEPTH = 8  # nested scenes deeper than this are not followed (OBS refuses loops itself)


class Requester(Protocol):
    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...


async def shown_in(link: Requester, scene: str, source: str, depth: int = 0) -> bool:
    """True when ``source`` is an enabled item of ``scene`` or of an enabled scene or group
    inside it."""
    if depth > MAX_DEPTH:
        return False
    listing = await link.request("GetSceneItemList", sceneName=scene)
    return await _shown_among(link, listing.get("sceneItems", []), source, depth)


async def _shown_among(
    link: Requester, items: list[dict[str, Any]], source: str, depth: int
) -> bool:
    for item in items:
        if not item.get("sceneItemEnabled"):
            continue
        name = str(item.get("sourceName", ""))
        if name == source:
            return True
        if item.get("isGroup"):
            grouped = await link.request("GetGroupSceneItemList", sceneName=name)
            if await _shown_among(link, grouped.get("sceneItems", []), source, depth + 1):
                return True
        elif item.get("sourceType") == "OBS_SOURCE_TYPE_SCENE" and await shown_in(
            link, name, source, depth + 1
        ):
            return True
    return False
