"""Turning what training code holds (floats, tensors, arrays, nested dicts) into what the API accepts."""

from __future__ import annotations

import dataclasses
import enum
import math
from typing import Any, Dict, List, Mapping, Optional, Union

Number = Union[int, float, str]

# JSON has no literal for these; the API spells them as strings and keeps them as data.
NON_FINITE_STRINGS = ("NaN", "Infinity", "-Infinity")
_MAX_SAFE_INT = 2**53


def encode_number(value: Any) -> Optional[Number]:
    """A metric value as the API takes it, or None when the value is not a number (a string, a list, None)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if abs(value) <= _MAX_SAFE_INT else _encode_float(float(value))
    if isinstance(value, str):
        return value if value in NON_FINITE_STRINGS else None
    if value is None or isinstance(value, (bytes, list, tuple, dict)):
        return None
    if hasattr(value, "item") and not isinstance(value, float):
        # 0-d tensors and NumPy scalars; a tensor of several elements refuses, and is not a metric.
        try:
            value = value.item()
        except Exception:
            return None
        if isinstance(value, (bool, int)):
            return encode_number(value)
    try:
        return _encode_float(float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def _encode_float(value: float) -> Number:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def decode_number(value: Any) -> Optional[float]:
    """The inverse of encode_number for values read back from the API."""
    if isinstance(value, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value)
    return None if value is None else float(value)


def flatten_metrics(values: Mapping[str, Any], prefix: str = "") -> Dict[str, Any]:
    """{"rewards": {"chosen": x}} becomes {"rewards/chosen": x}, TRL's way of naming."""
    flat: Dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_metrics(value, prefix=f"{name}/"))
        else:
            flat[name] = value
    return flat


def to_list(values: Any, field: str) -> List[Any]:
    """A sequence of numbers from a list, a tuple, or anything with .tolist() (torch tensors, NumPy arrays)."""
    if hasattr(values, "tolist"):
        values = values.tolist()
        if not isinstance(values, list):
            return [values]
    elif isinstance(values, (str, bytes, Mapping)):
        raise TypeError(f"{field}: expected a list, tensor or array, got {type(values).__name__}")
    try:
        items = list(values)
    except TypeError:
        raise TypeError(f"{field}: expected a list, tensor or array, got {type(values).__name__}") from None
    if any(isinstance(item, list) for item in items):
        raise ValueError(f"{field}: expected one value per pair, got a nested list (shape it as [n])")
    return items


def text(value: Any) -> str:
    """A string the server can store: Postgres text refuses NUL (the server answers 500 to it)."""
    return str(value).replace("\x00", "\ufffd")


def json_safe(value: Any, _depth: int = 0) -> Any:
    """Config and summary values made JSON-safe: non-finite floats as the API's strings, the rest as str()."""
    if _depth > 32:
        return text(value)
    if isinstance(value, str):
        return text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _encode_float(value)
    if isinstance(value, enum.Enum):
        return json_safe(value.value, _depth + 1)
    if isinstance(value, Mapping):
        return {text(k): json_safe(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v, _depth + 1) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_safe(dataclasses.asdict(value), _depth + 1)
    if hasattr(value, "tolist"):
        return json_safe(value.tolist(), _depth + 1)
    number = encode_number(value)
    return number if number is not None else text(value)


def as_step(step: Any) -> int:
    """A step as logged: a whole number >= 0 (a 0-d tensor or a whole float is taken as one)."""
    if hasattr(step, "item"):
        step = step.item()
    whole = isinstance(step, int) or (isinstance(step, float) and step.is_integer())
    if isinstance(step, bool) or not whole or step < 0:
        raise ValueError(f"step must be an integer >= 0, got {step!r}")
    return int(step)


def as_pair_id(pair_id: Any) -> Union[str, int]:
    """A pair id as the API takes it: an integer (a whole float becomes one) or a string."""
    if isinstance(pair_id, float) and pair_id.is_integer():
        return int(pair_id)
    return pair_id if isinstance(pair_id, int) and not isinstance(pair_id, bool) else text(pair_id)


def as_sequence_value(value: Any, field: str) -> Any:
    """One per-pair number for the wire (NaN and ±Inf spelled out); anything else is refused."""
    number = encode_number(value)
    if number is None:
        raise ValueError(f"log_sequences: {field} holds {value!r}, not a number")
    return number


def utf16_length(value: str) -> int:
    """A string's length as the server counts it (UTF-16 code units: an emoji counts two)."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def checked_text(value: Any, field: str, least: int, most: int) -> str:
    """A name, group, note or tag as the API takes it (NUL replaced), or a ValueError naming the field."""
    if not isinstance(value, str):
        raise TypeError(f"{field}: expected a string, got {type(value).__name__}")
    value = text(value)
    if not least <= utf16_length(value) <= most:
        raise ValueError(f"{field}: {least}-{most} characters, got {utf16_length(value)}")
    return value


def checked_tags(tags: Any, field: str = "tags") -> List[str]:
    """A list of up to 100 tags of 1-128 characters each; a lone string is refused (it is not a list of tags)."""
    if isinstance(tags, (str, bytes, Mapping)) or not hasattr(tags, "__iter__"):
        raise TypeError(f"{field}: expected a list of strings, got {type(tags).__name__}")
    checked = [checked_text(tag, f"{field}[{i}]", 1, 128) for i, tag in enumerate(tags)]
    if len(checked) > 100:
        raise ValueError(f"{field}: at most 100 tags, got {len(checked)}")
    return checked


def checked_group(group: Any, field: str = "group") -> Optional[str]:
    """A group of 1-256 characters, or None to take the run out of its group."""
    return None if group is None else checked_text(group, field, 1, 256)
