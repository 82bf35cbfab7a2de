"""The declared schema: complete help, consistent defaults, and a reference that shows it."""

from __future__ import annotations

from collections.abc import Iterator

from console.profile import schema_reference
from console.profile.schema import PROFILE
from console.profile.spec import ListOf, MapOf, Node, Record, Scalar, Variant
from console.profile.values import describe_default


def walk(spec: Node, path: str = "") -> Iterator[tuple[str, Node]]:
    yield path, spec
    if isinstance(spec, Record):
        for key, child in spec.fields.items():
            yield from walk(child, f"{path}.{key}" if path else key)
    elif isinstance(spec, ListOf):
        yield from walk(spec.item, f"{path}[]")
    elif isinstance(spec, MapOf):
        yield from walk(spec.key, f"{path}.<key>")
        yield from walk(spec.value, f"{path}.<value>")
    elif isinstance(spec, Variant):
        for key, child in spec.common.items():
            yield from walk(child, f"{path}.{key}")
        for keys in spec.variants.values():
            for key, child in keys.items():
                yield from walk(child, f"{path}.{key}")


def test_every_key_has_a_one_line_help() -> None:
    for path, spec in walk(PROFILE):
        assert spec.help.strip(), f"{path} has no help"
        assert "\n" not in spec.help, f"{path} help spans lines"


def test_constraints_refer_to_keys_that_exist() -> None:
    for path, spec in walk(PROFILE):
        if isinstance(spec, Record):
            for pair in spec.exclusive:
                assert set(pair) <= spec.fields.keys(), path
                for key in pair:
                    child = spec.fields[key]
                    assert isinstance(child, Scalar) and child.default is None, f"{path}.{key}"
            for key, child in spec.fields.items():
                if isinstance(child, Scalar) and child.default_from:
                    assert child.default_from in spec.fields, f"{path}.{key}"
        if isinstance(spec, ListOf):
            for key, message in spec.unique:
                assert isinstance(spec.item, Record) and key in spec.item.fields, path
                assert "{" in message, f"{path}: the message names the repeated value"
        if isinstance(spec, Record) and spec.optional:
            assert not spec.required, f"{path}: optional and required"
        if isinstance(spec, Scalar):
            assert not (spec.required and spec.default is not None), f"{path}: both"
            assert (spec.pattern is None) == (not spec.means), f"{path}: pattern needs means"


def test_the_reference_lists_every_key_with_its_default_and_help() -> None:
    reference = schema_reference()

    for path, spec in walk(PROFILE):
        if not path or "<" in path:
            continue
        key = path.rsplit(".", 1)[-1].removesuffix("[]")
        assert f"{key}:" in reference, path
        assert spec.help in reference, path
        if isinstance(spec, Scalar) and spec.default is not None:
            assert f"{key}: {describe_default(spec.default)}" in reference, path
        if isinstance(spec, ListOf) and spec.default is not None:
            assert f"{key}: {describe_default(list(spec.default))}" in reference, path
    assert "schema_version 1" in reference
    assert "port: 4455" in reference
    assert "<hotkey>: <command line>" in reference
