"""Stand-ins for torch tensors and NumPy values: the client must take them without importing either."""

from typing import Any, List


class FakeTensor:
    """Has .tolist() and .sum(-1) like a tensor, and nothing iterable, so only the duck-typed path can read it."""

    def __init__(self, values: List[Any]):
        self._values = values

    def tolist(self) -> List[Any]:
        return list(self._values)

    def sum(self, dim: int) -> "FakeTensor":
        assert dim == -1
        return FakeTensor([sum(row) for row in self._values])

    def __iter__(self):
        raise AssertionError("the client must call tolist(), not iterate")


class FakeScalar:
    """A 0-d tensor: .item() gives the number."""

    def __init__(self, value: Any):
        self._value = value

    def item(self) -> Any:
        return self._value
