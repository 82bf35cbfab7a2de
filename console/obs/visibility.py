"""Whether viewers can see a source: enabled in the program scene, directly or through the
scenes and groups nested in it (an overlay scene nested in every show scene, say), as OBS
itself reports its scene items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from console.obs.layout import drawn_height

MAX_DEPTH = 8  # nested scenes deeper than this are not followed (OBS refuses loops itself)


class Requester(Protocol):
    async def request(self, name: str, reply_within: float | None = None, **data: Any) -> Any: ...


@dataclass(frozen=True)
class Sighting:
    """Where a shown source's item is: the scene (or group) that holds it, its id there, and
    the vertical scale of the nested items it is seen through (1.0 when held directly)."""

    scene: str
    item_id: int
    scale: float = 1.0


async def shown_in(link: Requester, scene: str, source: str) -> bool:
    """True when ``source`` is an enabled item of ``scene`` or of an enabled scene or group
    inside it."""
    return await sighting(link, scene, source) is not None


async def sighting(
    link: Requester, scene: str, source: str, depth: int = 0, scale: float = 1.0
) -> Sighting | None:
    """Where ``scene`` shows ``source`` (the first enabled item found, depth first); None
    when it does not."""
    if depth > MAX_DEPTH:
        return None
    listing = await link.request("GetSceneItemList", sceneName=scene)
    return await _among(link, scene, listing.get("sceneItems", []), source, depth, scale)


async def _among(
    link: Requester,
    scene: str,
    items: list[dict[str, Any]],
    source: str,
    depth: int,
    scale: float,
) -> Sighting | None:
    for item in items:
        if not item.get("sceneItemEnabled"):
            continue
        name = str(item.get("sourceName", ""))
        if name == source:
            return Sighting(scene, int(item["sceneItemId"]), scale)
        inner = scale * _scale(item.get("sceneItemTransform") or {})
        found = None
        if item.get("isGroup"):
            grouped = await link.request("GetGroupSceneItemList", sceneName=name)
            found = await _among(
                link, name, grouped.get("sceneItems", []), source, depth + 1, inner
            )
        elif item.get("sourceType") == "OBS_SOURCE_TYPE_SCENE":
            found = await sighting(link, name, source, depth + 1, inner)
        if found is not None:
            return found
    return None


def _scale(transform: dict[str, Any]) -> float:
    """How much a nested item scales what it holds, vertically, as OBS draws it."""
    height = float(transform.get("sourceHeight", 0.0))
    if height <= 0:
        return abs(float(transform.get("scaleY", 1.0)))
    return drawn_height(transform) / height
