"""The OBS state mirror: resync snapshots and events, as OBS sends them."""

from __future__ import annotations

from typing import Any

from console.obs.state import LinkPhase, LinkState, RoomState


def _snapshot(studio: bool = False, preview: str | None = None) -> dict[str, Any]:
    # GetSceneList lists scenes with sceneIndex 0 at the bottom of OBS's own list.
    return {
        "scenes": {
            "currentProgramSceneName": "Host",
            "currentPreviewSceneName": preview,
            "scenes": [
                {"sceneIndex": 0, "sceneName": "Break"},
                {"sceneIndex": 1, "sceneName": "Product"},
                {"sceneIndex": 2, "sceneName": "Host"},
                {"sceneIndex": 3, "sceneName": "Opening"},
            ],
        },
        "studio": {"studioModeEnabled": studio},
        "inputs": [{"inputName": "Slide", "inputKind": "image_source"}],
        "transitions": {"transitions": [{"transitionName": "Cut"}, {"transitionName": "Fade"}]},
        "transition": {"transitionName": "Fade", "transitionDuration": 300},
    }


def _loaded(**kwargs: Any) -> tuple[RoomState, list[str]]:
    state = RoomState()
    state.load(_snapshot(**kwargs))
    aspects: list[str] = []
    state.subscribe(aspects.append)
    return state, aspects


def test_scenes_follow_obs_ui_order() -> None:
    state, _ = _loaded()
    assert state.scenes == ["Opening", "Host", "Product", "Break"]
    assert (state.program, state.preview, state.studio_mode) == ("Host", "", False)
    assert state.inputs == {"Slide": "image_source"}
    assert (state.transition, state.transition_ms) == ("Fade", 300)


def test_preview_is_kept_only_in_studio_mode() -> None:
    state, _ = _loaded(studio=True, preview="Product")
    assert state.preview == "Product"


def test_program_event_updates_and_notifies() -> None:
    state, aspects = _loaded()
    assert state.apply("CurrentProgramSceneChanged", {"sceneName": "Product"})
    assert state.program == "Product"
    assert aspects == ["program"]


def test_leaving_studio_mode_clears_preview() -> None:
    state, aspects = _loaded(studio=True, preview="Product")
    assert state.apply("StudioModeStateChanged", {"studioModeEnabled": False})
    assert (state.studio_mode, state.preview) == (False, "")
    assert aspects == ["preview", "studio"]


def test_entering_studio_mode_asks_for_a_resync_to_learn_the_preview() -> None:
    state, _ = _loaded()
    assert not state.apply("StudioModeStateChanged", {"studioModeEnabled": True})
    assert state.studio_mode


def test_scene_rename_follows_program() -> None:
    state, _ = _loaded()
    state.apply("SceneNameChanged", {"oldSceneName": "Host", "sceneName": "Anchor"})
    assert state.scenes == ["Opening", "Anchor", "Product", "Break"]
    assert state.program == "Anchor"


def test_collection_switch_pauses_then_asks_for_resync() -> None:
    state, _ = _loaded()
    state.apply("CurrentSceneCollectionChanging", {"sceneCollectionName": "Other"})
    assert state.collection_switching
    assert not state.apply("CurrentSceneCollectionChanged", {"sceneCollectionName": "Other"})


def test_inputs_follow_create_rename_remove() -> None:
    state, _ = _loaded()
    state.apply("InputCreated", {"inputName": "Logo", "inputKind": "image_source"})
    state.apply("InputNameChanged", {"oldInputName": "Logo", "inputName": "Brand"})
    state.apply("InputRemoved", {"inputName": "Slide"})
    assert state.inputs == {"Brand": "image_source"}


def test_unknown_events_are_ignored() -> None:
    state, aspects = _loaded()
    assert state.apply("VendorEvent", {"vendorName": "x"})
    assert aspects == []


def test_link_state_describes_retry_countdown() -> None:
    link = LinkState(LinkPhase.RECONNECTING, "connection refused", retry_at=105.0)
    assert link.describe(now=100.2) == "reconnecting: connection refused · retry in 5 s"
    assert LinkState(LinkPhase.CONNECTED, obs_version="29.0.2").describe() == (
        "connected · OBS 29.0.2"
    )
