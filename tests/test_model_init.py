"""The records' slot-storing `__init__` (`model._slot_init`) builds what the dataclass's own does.

`Cable`, `Paragraph`, `Problem`, `Addressee` and `Reference` are built once per cable or per
paragraph; their `__init__` stores each field through its slot instead of `object.__setattr__`.
Each is compared here with the generated `__init__` it replaces (kept as `__wrapped__`): the same
parameters and defaults, the same values stored for positional, keyword and default arguments, a
fresh default from a factory, and the instance still frozen.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli import model
from cablecli.parse import parse_text
from tests.conftest import FIXTURES

CLASSES = [model.Cable, model.Paragraph, model.Problem, model.Addressee, model.Reference]
_VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.text(max_size=3)))


def _state(obj):
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


def _by_the_generated_init(cls, *args, **kwargs):
    obj = object.__new__(cls)
    cls.__init__.__wrapped__(obj, *args, **kwargs)
    return obj


@pytest.mark.parametrize("cls", CLASSES)
def test_the_same_parameters_and_defaults(cls):
    ours = inspect.signature(cls.__init__, follow_wrapped=False)
    generated = inspect.signature(cls.__init__.__wrapped__)
    assert [(p.name, p.kind, p.annotation) for p in ours.parameters.values()] == [
        (p.name, p.kind, p.annotation) for p in generated.parameters.values()
    ]
    assert [repr(p.default) for p in ours.parameters.values()] == [
        repr(p.default) for p in generated.parameters.values()
    ]


@pytest.mark.parametrize("cls", CLASSES)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_the_same_values_stored(cls, data):
    names = [f.name for f in dataclasses.fields(cls)]
    required = [p.name for p in inspect.signature(cls.__init__.__wrapped__).parameters.values()
                if p.default is inspect.Parameter.empty and p.name != "self"]  # fmt: skip
    given_names = required + data.draw(st.lists(st.sampled_from(names), unique=True))
    values = {name: data.draw(_VALUES) for name in given_names}
    cut = data.draw(st.integers(0, len(required)))
    positional = [values[name] for name in required[:cut]]
    keywords = {name: value for name, value in values.items() if name not in required[:cut]}
    ours = cls(*positional, **keywords)
    generated = _by_the_generated_init(cls, *positional, **keywords)
    assert _state(ours) == _state(generated)
    assert ours == generated and repr(ours) == repr(generated)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(ours, names[0], 1)


def test_a_factory_default_is_made_for_each_record():
    a, b = model.Cable(), model.Cable()
    assert a.source == model.Source() and a.source is not b.source
    assert _state(a) == _state(_by_the_generated_init(model.Cable))
    with pytest.raises(TypeError):
        model.Paragraph(1)  # the text is required, as before
    with pytest.raises(TypeError):
        model.Problem("code", "message", 1, 2)


def test_parsed_records_are_rebuilt_equal():
    """Every record of the fixtures, rebuilt field by field through the generated `__init__`."""
    paths = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "made-up").glob("*.txt"))
    assert len(paths) >= 5
    for path in paths:
        cable = parse_text(path.read_text(encoding="utf-8", errors="replace"))
        rebuilt = _by_the_generated_init(model.Cable, *_state(cable))
        assert _state(rebuilt) == _state(cable)
        for paragraph in cable.paragraphs:
            assert _by_the_generated_init(model.Paragraph, *_state(paragraph)) == paragraph


def test_the_record_lists_are_what_their_items_give():
    """`Cable.to_dict` writes its list items out; each is what the item's own `to_dict` gives."""
    paths = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "made-up").glob("*.txt"))
    seen = set()
    for path in paths:
        cable = parse_text(path.read_text(encoding="utf-8", errors="replace"))
        record = cable.to_dict()
        for name in ("to", "info", "references", "paragraphs", "problems"):
            assert record[name] == [item.to_dict() for item in getattr(cable, name)]
            assert all(
                list(a) == list(b.to_dict()) for a, b in zip(record[name], getattr(cable, name), strict=True)
            )
            seen.update([name] if record[name] else [])
    assert seen == {"to", "info", "references", "paragraphs", "problems"}
