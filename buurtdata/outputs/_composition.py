"""An Altair concat chart composed once and handed out many times, each copy with its own value of one parameter.

The report draws the explorer (:func:`buurtdata.outputs.interactive.explorer`) for a buurt of every wijk, in
one kernel; only the chosen buurt differs. Altair would make each copy slowly: its concat charts copy all their
views again when they are made, a copy remakes every object that way, and showing the copy copies it once more
before its spec is made (together about 0.15 s a copy). Here a copy is made object by object without remaking
it, and as long as nobody changed it, its spec is the composition's, made once, with only that value set.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import altair as alt
from altair.utils.schemapi import SchemaBase, UndefinedType

#: Values a copy may share with the composition: nothing can change them in place.
_IMMUTABLE = (str, int, float, bool, type(None), UndefinedType)
#: How :meth:`Composition.copy`'s chart is shown in JupyterLab (``_repr_mimebundle_``) and how its plain
#: ``to_dict()`` is called; any other call makes the spec the way Altair does.
_USUAL_CALLS = ({}, {"context": {"pre_transform": False}})


class Composition:
    """A chart Altair checked against the Vega-Lite schema once, with a parameter (by name) to set per copy."""

    def __init__(self, chart: alt.HConcatChart, param: str) -> None:
        # Altair checks the composition against the schema here, once (see Checked), making the spec shown.
        shown = _USUAL_CALLS[1]
        spec = chart.to_dict(**shown)
        self._chart = object.__new__(Checked)
        self._chart.__dict__.update(vars(chart))  # as it is: Altair's own copy would compose it once more
        self._param = param
        #: The composition's spec (JSON text) by what else it depends on: the theme, the data transformer, the call.
        self._specs = {_key(shown): json.dumps(spec)}

    def copy(self, value: Any) -> alt.HConcatChart:
        """Return a copy of the chart, sharing nothing with it, whose parameter has ``value``."""
        chart = _with_value(_deep_copy(self._chart), self._param, value)
        # A second copy, private, to see whether anyone changed the chart handed out before it is shown.
        unchanged = _deep_copy(chart)
        object.__setattr__(chart, "_made", (self, unchanged, copy.deepcopy(value)))
        return chart

    def spec(self, value: Any, **kwargs: Any) -> dict[str, Any]:
        """The spec of a copy whose parameter has ``value``, as Altair's ``to_dict(**kwargs)`` makes it."""
        key = _key(kwargs)
        if key not in self._specs:
            if len(self._specs) > 3:  # a theme with options is a new key every time
                self._specs.clear()
            self._specs[key] = json.dumps(self._chart.to_dict(**kwargs))
        spec = json.loads(self._specs[key])
        [param] = [param for param in spec["params"] if param["name"] == self._param]
        param["value"] = copy.deepcopy(value)
        return spec


class Checked(alt.HConcatChart):
    """A copy of a :class:`Composition`. Shown, it is not checked against the schema again (Altair does that
    when a chart is made, and the composition was checked); ``to_dict(validate=True)`` still checks it.
    """

    def __getstate__(self) -> dict[str, Any]:
        # Pickled (multiprocessing, %store) or deep-copied without its composition, which holds Altair's theme
        # function: the copy makes its spec the way Altair does.
        return {name: value for name, value in vars(self).items() if name != "_made"}

    def to_dict(self, *args: Any, validate: bool = False, **kwargs: Any) -> dict[str, Any]:
        made = self.__dict__.get("_made")
        if made is not None and not args and not validate and kwargs in _USUAL_CALLS:
            composition, unchanged, value = made
            if self == unchanged:
                return composition.spec(value, **kwargs)
        return super().to_dict(*args, validate=validate, **kwargs)


def _key(kwargs: dict[str, Any]) -> tuple[Any, ...]:
    return (alt.theme.get(), alt.data_transformers.active, json.dumps(kwargs, sort_keys=True))


def _with_value(chart: alt.HConcatChart, param: str, value: Any) -> alt.HConcatChart:
    [chosen] = [p for p in chart.params if p.name == param]
    chosen.value = copy.deepcopy(value)
    return chart


def _deep_copy(obj: Any) -> Any:
    """A copy of ``obj`` sharing nothing that can change; Altair objects are copied as they are, not remade."""
    if isinstance(obj, _IMMUTABLE):
        return obj
    if isinstance(obj, SchemaBase):
        made = object.__new__(type(obj))
        for name, attribute in vars(obj).items():
            object.__setattr__(made, name, _deep_copy(attribute))
        return made
    if isinstance(obj, list):
        return [_deep_copy(item) for item in obj]
    if isinstance(obj, tuple):
        return tuple(_deep_copy(item) for item in obj)
    if isinstance(obj, dict):
        return {key: _deep_copy(item) for key, item in obj.items()}
    return copy.deepcopy(obj)
