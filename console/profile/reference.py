"""The printed reference of the profile format (``main.py --schema``).

It reads like an annotated profile: each key is preceded by its help as a comment, shows
its default as its value, and ends with its type and constraints. It is generated from
:data:`console.profile.schema.PROFILE`, the same declaration the validator walks.
"""

from __future__ import annotations

from console.profile.migrate import current_version
from console.profile.schema import PROFILE
from console.profile.spec import ListOf, MapOf, Node, Record, Scalar, Variant
from console.profile.values import choice, describe_default

_TYPE_COLUMN = 36


def schema_reference() -> str:
    """Every key of the current profile format with its type, default and help, as text."""
    lines = [
        f"# Show profile format, schema_version {current_version()} (YAML, UTF-8).",
        "# Paths are relative to the profile's folder. A key with nothing after it counts",
        "# as not given. Unknown keys are errors.",
    ]
    for key, spec in PROFILE.fields.items():
        lines.append("")
        _render(lines, key, spec, "", "")
    return "\n".join(lines) + "\n"


def _render(lines: list[str], key: str, spec: Node, indent: str, bullet: str) -> None:
    """Append one key (help, key with default, type), then its children one level deeper."""
    lines.append(f"{indent}# {spec.help}")
    head = f"{indent[: len(indent) - len(bullet)]}{bullet}{key}:"
    if isinstance(spec, Scalar) and spec.default is not None:
        head += f" {describe_default(spec.default)}"
    elif isinstance(spec, ListOf) and spec.default is not None:
        head += f" {describe_default(list(spec.default))}"
    lines.append(f"{head.ljust(_TYPE_COLUMN - 2)}  # {_describe(spec)}")
    inner = indent + "  "
    if isinstance(spec, Record):
        for child_key, child in spec.fields.items():
            _render(lines, child_key, child, inner, "")
    elif isinstance(spec, ListOf) and isinstance(spec.item, Record | Variant):
        lines.append(f"{inner}# each entry: {spec.item.help}")
        _render_entry(lines, spec.item, inner + "  ")
    elif isinstance(spec, ListOf) and isinstance(spec.item, Scalar):
        lines.append(f"{inner}# each entry: {spec.item.help}")
        lines.append(f"{inner}- <{spec.item.kind.name}>")
    elif isinstance(spec, MapOf):
        key_name = f"<{spec.key.kind.name}>"
        lines.append(f"{inner}# {key_name}: {spec.key.help}")
        value: Node = spec.value
        if isinstance(value, Record):
            assert value.shorthand is not None, "a map's records have a shorthand"
            value = value.fields[value.shorthand]
        assert isinstance(value, Scalar)
        lines.append(f"{inner}# <{value.kind.name}>: {value.help}")
        lines.append(f"{inner}{key_name}: <{value.kind.name}>")
        if isinstance(spec.value, Record):
            _render(lines, key_name, spec.value, inner, "")


def _render_entry(lines: list[str], spec: Record | Variant, indent: str) -> None:
    """The keys of one list entry, the first behind the entry's ``- ``."""
    if isinstance(spec, Record):
        for index, (key, child) in enumerate(spec.fields.items()):
            _render(lines, key, child, indent, "" if index else "- ")
        return
    tag = Scalar(choice(tuple(spec.variants), spec.noun), spec.tag_help, required=True)
    _render(lines, spec.tag, tag, indent, "- ")
    for key, child in spec.common.items():
        _render(lines, key, child, indent, "")
    for name, keys in spec.variants.items():
        if keys:
            lines.append(f"{indent}# with {spec.tag}: {name}")
        for key, child in keys.items():
            _render(lines, key, child, indent, "")


def _describe(spec: Node) -> str:
    """Type and constraints of a key, as one phrase."""
    parts: list[str] = []
    if isinstance(spec, Scalar):
        parts.append(spec.kind.name)
        if spec.minimum is not None and spec.maximum is not None:
            parts.append(f"{spec.minimum}..{spec.maximum}")
        elif spec.minimum is not None:
            parts.append(f">= {spec.minimum}")
        if spec.means:
            parts.append(spec.means)
        if spec.default_from:
            parts.append(f"default: same as {spec.default_from}")
    elif isinstance(spec, Record):
        parts.append("mapping, may be left out" if spec.optional else "mapping")
        if spec.off is not None:
            parts.append("or true (the defaults) or false (off)")
        if spec.shorthand is not None:
            parts.append(f"or just its {spec.shorthand}")
        parts.extend(f"{a} and {b} exclusive" for a, b in spec.exclusive)
    elif isinstance(spec, ListOf):
        parts.append("list")
        if isinstance(spec.item, Scalar):
            parts[-1] += f" of {spec.item.kind.name}"
        if spec.min_items:
            parts.append(f"at least {spec.min_items}")
        parts.extend(f"{key}s unique" for key, _ in spec.unique)
    elif isinstance(spec, MapOf):
        value = spec.value
        to = value.kind.name if isinstance(value, Scalar) else f"{value.shorthand} or mapping"
        parts.append(f"mapping of {spec.key.kind.name} to {to}")
    else:
        parts.append(f"mapping chosen by {spec.tag}")
    if spec.required:
        parts.append("required")
    return "; ".join(parts)
