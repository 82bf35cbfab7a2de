"""The scene and output commands: each runs in the room its context names, on that room's
OBS link (``scene.program``, ``scene.take``, ``stream.toggle`` ...)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from console.commands import CommandError, CommandRegistry, Context, ErrorCode, Result
from console.obs.errors import STUDIO_MODE_NOT_ACTIVE, RequestFailed
from console.obs.events import expect
from console.obs.link import ObsLink
from console.text import Text

LinkOf = Callable[[str | None], ObsLink]


def bind(registry: CommandRegistry, link_of: LinkOf) -> None:
    """Attach the scene commands; ``link_of(room)`` is the OBS link of a room."""
    commands = SceneCommands(link_of)
    handlers: dict[str, Callable[..., Any]] = {
        "scene.program": commands.scene_program,
        "scene.preview": commands.scene_preview,
        "scene.take": commands.scene_take,
        "studio.toggle": commands.studio_toggle,
        "transition.set": commands.transition_set,
        "stream.toggle": commands.stream_toggle,
        "record.toggle": commands.record_toggle,
        "obs.ping": commands.obs_ping,
        "obs.reconnect": commands.obs_reconnect,
    }
    for name, handler in handlers.items():
        registry.bind(name, handler)


OUTPUT_STARTED = "OBS_WEBSOCKET_OUTPUT_STARTED"
OUTPUT_STOPPED = "OBS_WEBSOCKET_OUTPUT_STOPPED"


def _settled(data: dict[str, Any]) -> bool:
    return data.get("outputState") in (OUTPUT_STARTED, OUTPUT_STOPPED)


@dataclass(frozen=True)
class Output:
    """Streaming or recording, as the toggle commands need to know them."""

    key: str
    request: str
    event: str
    on: Text
    off: Text
    no_answer: Text
    """OBS said nothing within the wait: ``{started}`` and ``{seconds}`` are filled in."""
    did_not_start: Text
    """OBS stopped the output at once: ``{why}`` says what its settings tell."""

    async def active(self, link: ObsLink) -> bool:
        """Whether OBS says the output runs now (not the mirror's last poll)."""
        status = "GetStreamStatus" if self.key == "streaming" else "GetRecordStatus"
        return bool((await link.request(status)).get("outputActive"))

    async def why_not(self, link: ObsLink) -> Text:
        """What OBS's settings say about a start that failed (OBS 29 sends no reason)."""
        if self.key != "streaming":
            return Text(
                "obs", " (is the recording folder writable and the disk not full? see OBS's log)"
            )
        service = await link.request("GetStreamServiceSettings")
        settings = service.get("streamServiceSettings") or {}
        if not settings.get("server") and not settings.get("service"):
            return Text("obs", ": no stream server is set in OBS (Settings → Stream)")
        if not settings.get("key"):
            return Text("obs", ": no stream key is set in OBS (Settings → Stream)")
        server = settings.get("server") or settings.get("service")
        return Text("obs", ": the server {server} refused it").format(server=server)


STREAM = Output(
    "streaming",
    "ToggleStream",
    "StreamStateChanged",
    Text("obs", "streaming"),
    Text("obs", "stream stopped"),
    Text("obs", "OBS did not say whether the stream {started} within {seconds} s: check OBS"),
    Text("obs", "the stream did not start: OBS stopped it at once{why}"),
)
RECORD = Output(
    "recording",
    "ToggleRecord",
    "RecordStateChanged",
    Text("obs", "recording"),
    Text("obs", "recording stopped"),
    Text("obs", "OBS did not say whether the recording {started} within {seconds} s: check OBS"),
    Text("obs", "the recording did not start: OBS stopped it at once{why}"),
)


class SceneCommands:
    def __init__(self, link_of: LinkOf, output_within: float = 10.0) -> None:
        self.link_of = link_of
        self.output_within = output_within
        """Seconds to wait for OBS to say an output started or stopped."""

    async def scene_program(self, context: Context, scene: str) -> Result:
        await self.link_of(context.room).request("SetCurrentProgramScene", sceneName=scene)
        return Result(Text("obs", "program: {scene}").format(scene=scene), {"program": scene})

    async def scene_preview(self, context: Context, scene: str) -> Result:
        link = self.link_of(context.room)
        await _studio_only(link.request("SetCurrentPreviewScene", sceneName=scene))
        return Result(Text("obs", "preview: {scene}").format(scene=scene), {"preview": scene})

    async def scene_take(self, context: Context) -> Result:
        link = self.link_of(context.room)
        preview = link.state.preview
        await _studio_only(link.request("TriggerStudioModeTransition"))
        state = link.state
        return Result(
            Text("obs", "take: {scene} with {transition} {ms} ms").format(
                scene=preview, transition=state.transition, ms=state.transition_ms
            ),
            {"program": preview, "transition": state.transition},
        )

    async def studio_toggle(self, context: Context) -> Result:
        link = self.link_of(context.room)
        enable = not link.state.studio_mode
        await link.request("SetStudioModeEnabled", studioModeEnabled=enable)
        said = Text("obs", "studio mode on") if enable else Text("obs", "studio mode off")
        return Result(said, {"studio_mode": enable})

    async def transition_set(
        self, context: Context, transition: str, duration: int | None = None
    ) -> Result:
        if duration is not None and not 50 <= duration <= 20000:
            raise CommandError(
                "transition.set: duration must be 50 to 20000 ms", ErrorCode.BAD_ARGUMENT
            )
        link = self.link_of(context.room)
        await link.request("SetCurrentSceneTransition", transitionName=transition)
        if duration is not None:
            await link.request("SetCurrentSceneTransitionDuration", transitionDuration=duration)
        said = (
            Text("obs", "transition: {transition}").format(transition=transition)
            if duration is None
            else Text("obs", "transition: {transition} {ms} ms").format(
                transition=transition, ms=duration
            )
        )
        return Result(said, {"transition": transition, "duration_ms": duration})

    async def stream_toggle(self, context: Context) -> Result:
        return await self._toggle(self.link_of(context.room), STREAM)

    async def record_toggle(self, context: Context) -> Result:
        return await self._toggle(self.link_of(context.room), RECORD)

    async def _toggle(self, link: ObsLink, output: Output) -> Result:
        """Start or stop an output and report what OBS's own output events say it did: the
        request's answer only says what OBS is about to try."""
        starting = not await output.active(link)
        with expect(link, output.event) as events:
            await link.request(output.request)
            settled = await events.until(_settled, self.output_within)
        if settled is None:
            started = Text("obs", "started") if starting else Text("obs", "stopped")
            raise CommandError(
                output.no_answer.format(started=started, seconds=f"{self.output_within:g}"),
                ErrorCode.FAILED,
            )
        active = settled["outputState"] == OUTPUT_STARTED
        if starting and not active:
            why = await output.why_not(link)
            raise CommandError(
                output.did_not_start.format(why=why),
                ErrorCode.FAILED,
                {output.key: False},
            )
        said = output.on if active else output.off
        data: dict[str, Any] = {output.key: active}
        if output is RECORD and not active and settled.get("outputPath"):
            data["path"] = settled["outputPath"]
            said = Text("obs", "{said} ({path})").format(said=said, path=settled["outputPath"])
        return Result(said, data)

    async def obs_ping(self, context: Context) -> Result:
        t0 = time.perf_counter()
        data = await self.link_of(context.room).request("GetVersion")
        elapsed = (time.perf_counter() - t0) * 1e3
        version = data.get("obsVersion", "?")
        return Result(
            Text("obs", "OBS {version} answered in {ms} ms").format(
                version=version, ms=f"{elapsed:.1f}"
            ),
            {"obs_version": version, "ms": round(elapsed, 3)},
        )

    async def obs_reconnect(self, context: Context) -> Result:
        link = self.link_of(context.room)
        link.reconnect_now()
        return Result(Text("obs", "room {room}: reconnecting now").format(room=link.room_id))


async def _studio_only(request: Any) -> Any:
    """Await a studio-mode request, telling the operator how to enable studio mode."""
    try:
        return await request
    except RequestFailed as exc:
        if exc.code == STUDIO_MODE_NOT_ACTIVE:
            raise CommandError(
                Text("obs", "studio mode is off: turn it on first (studio.toggle)"),
                ErrorCode.REFUSED,
            ) from None
        raise
