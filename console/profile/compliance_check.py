"""The ``compliance:`` section, and the prohibited-terms check run on the profile at load.

Every product text that can reach air (name, selling points, spec labels and values,
guarantee, usage, FAQ answers) is checked with the show's term list. Each hit is a problem
at the line and column of the term itself inside the YAML scalar: the scalar as written is
matched against its value character by character (whitespace aside), which holds for plain,
quoted and block scalars alike; a scalar whose source differs from its value (escapes,
doubled quotes) is pointed at as a whole. The operator rewords the text, or lists the
phrase under ``compliance.allow``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

from console.profile.nodes import child, node_at
from console.profile.spec import TEXT, ListOf, Record, Scalar
from console.profile.validate import Validator

if TYPE_CHECKING:
    from console.show.compliance import TermList

_EXAMPLES = "国家级, 最, 最佳, 第一, TOP1, 唯一, 独家, 顶级, 绝对, 万能 ..."
_LISTED = "in this show's compliance terms"


def _terms(help: str) -> ListOf:
    item = Scalar(TEXT, "a term or phrase", pattern=r"(?s).*\S.*", means="text that is not blank")
    return ListOf(item, help)


COMPLIANCE = Record(
    {
        "terms": _terms(
            f"prohibited terms; left out: the Advertising Law absolute terms ({_EXAMPLES})"
        ),
        "add": _terms("terms prohibited on top of terms (e.g. a competitor's brand)"),
        "remove": _terms("terms dropped from terms (e.g. a default that does not apply)"),
        "allow": _terms("allowed phrases that contain a term, e.g. 最近 (recently) for 最"),
    },
    "the prohibited-terms check run on every product text that can reach air",
)


def term_list(root: yaml.Node, data: dict[str, Any]) -> TermList | None:
    """The show's term list from checked data; None if the section has problems."""
    from console.show.compliance import TermList  # see console.profile.model

    section = data["compliance"]
    if section is None:
        return None
    lists = [section[key] for key in ("terms", "add", "remove", "allow")]
    if any(items is None or None in items for items in lists):
        return None
    terms, add, remove, allow = lists
    given = node_at(root, ["compliance", "terms"])
    if given is None or given.tag.endswith(":null"):
        terms = None
    try:
        return TermList.from_settings(terms, add, remove, allow)
    except ValueError:
        return None  # an all-whitespace term, already reported by its pattern


def check_compliance(
    validator: Validator, root: yaml.Node, data: dict[str, Any], text: str
) -> None:
    """Report every prohibited term in the products' on-air texts, where it is written."""
    from console.show.compliance import DEFAULT_TERMS

    terms = term_list(root, data)
    products = node_at(root, ["products"])
    if terms is None or not isinstance(products, yaml.SequenceNode):
        return
    for index, product in enumerate(products.value):
        for field, node in _on_air(product):
            for hit in terms.check(node.value):
                matched = node.value[hit.start : hit.end]
                why = "Advertising Law absolute term" if hit.term in DEFAULT_TERMS else _LISTED
                if matched != hit.term:
                    why = f"{hit.term}, {why}"
                line, col = locate(text, node, hit.start)
                message = f"prohibited term {matched!r} ({why}) in products[{index}].{field}"
                validator.report_at(line, col, message)


def _on_air(product: yaml.Node) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """The text scalars of one product node that can reach air, with their key paths."""
    for key in ("name", "guarantee", "usage"):
        yield from _text(key, child(product, key))
    points = child(product, "selling_points")
    if isinstance(points, yaml.SequenceNode):
        for index, node in enumerate(points.value):
            yield from _text(f"selling_points[{index}]", node)
    specs = child(product, "specs")
    if isinstance(specs, yaml.MappingNode):
        for label, value in specs.value:
            yield from _text("specs (label)", label)
            yield from _text(f"specs.{getattr(label, 'value', '?')}", value)
    faq = child(product, "faq")
    if isinstance(faq, yaml.SequenceNode):
        for index, entry in enumerate(faq.value):
            yield from _text(f"faq[{index}].answer", child(entry, "answer"))


def _text(field: str, node: yaml.Node | None) -> Iterator[tuple[str, yaml.ScalarNode]]:
    if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
        yield field, node


def locate(text: str, node: yaml.ScalarNode, offset: int) -> tuple[int, int]:
    """1-based line and column in ``text`` of character ``offset`` of the scalar's value.

    The scalar's source (after a block scalar's header line, or inside the quotes) and its
    value must hold the same characters apart from whitespace; then the offset's position
    among the value's non-blank characters is its position in the source. Otherwise the
    scalar's start.
    """
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        start = text.find("\n", start, end) + 1 or end
    elif node.style in ('"', "'"):
        start, end = start + 1, end - 1
    source = [
        (index, char) for index, char in enumerate(text[start:end], start) if not char.isspace()
    ]
    value = [char for char in node.value if not char.isspace()]
    wanted = sum(1 for char in node.value[:offset] if not char.isspace())
    if [char for _, char in source] != value or wanted >= len(source):
        mark = node.start_mark
        return mark.line + 1, mark.column + 1
    position = source[wanted][0]
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1
