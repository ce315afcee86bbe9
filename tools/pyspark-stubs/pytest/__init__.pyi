# The part of pytest's API the site's test programs use (advanced-12): `@pytest.fixture`, bare or
# with pytest's keyword arguments. Signatures follow pytest 9's `_pytest.fixtures.fixture`;
# anything else in pytest is Any (the checker checks PySpark, not pytest).
from typing import Any, Callable, Iterable, Literal, Sequence, TypeVar, overload

_F = TypeVar("_F", bound=Callable[..., object])

@overload
def fixture(fixture_function: _F) -> _F: ...
@overload
def fixture(
    fixture_function: None = ...,
    *,
    scope: Literal["session", "package", "module", "class", "function"] = ...,
    params: Iterable[object] | None = ...,
    autouse: bool = ...,
    ids: Sequence[object | None] | Callable[[Any], object | None] | None = ...,
    name: str | None = ...,
) -> Callable[[_F], _F]: ...
def __getattr__(name: str) -> Any: ...
