# The extension module behind jsbox_sandbox (src/lib.rs). Engine is the
# public API; Outcome, Stats and LogLine are re-exported by jsbox_sandbox.
from typing import Any, Callable, List, Optional, Tuple, Union

Failure = Tuple[str, str, Optional[str], Optional[str], List["LogLine"]]
HelperSpec = Tuple[str, Callable[..., Any], bool]

class Outcome:
    """A finished execution."""

    @property
    def result(self) -> Any:
        """What ``execute`` returned, as plain Python values."""
    @property
    def stats(self) -> Stats:
        """What the execution used."""
    @property
    def logs(self) -> List[LogLine]:
        """The script's log lines, in order."""
    @property
    def id(self) -> str:
        """The execution's id."""

class Stats:
    """What one execution used."""

    @property
    def peak_memory(self) -> int: ...
    @property
    def wall_time_us(self) -> int: ...
    @property
    def http_requests(self) -> int: ...
    @property
    def helper_calls(self) -> int: ...
    @property
    def cached_bytecode(self) -> bool: ...
    @property
    def fuel_used(self) -> Optional[int]: ...

class LogLine:
    """One line the script logged (``log``, ``console.*``)."""

    def __init__(self, level: str, message: str) -> None: ...
    @property
    def level(self) -> str:
        """``debug``, ``info``, ``warn`` or ``error``."""
    @property
    def message(self) -> str: ...

class NativeEngine:
    def __init__(self, options_json: str) -> None: ...
    def execute(
        self, script: str, args: Any, options_json: str, helpers: List[HelperSpec], calls: Any
    ) -> Union[Outcome, Failure]: ...
    def start(
        self,
        script: str,
        args: Any,
        options_json: str,
        helpers: List[HelperSpec],
        calls: Any,
        on_settle: Callable[[Union[Outcome, Failure]], None],
    ) -> Tuple[int, Optional[Union[Outcome, Failure]]]: ...
    def cancel(self, token: int) -> None: ...
    def reply(self, call: int, value: Any, error: Optional[BaseException] = None) -> None: ...
    def close(self) -> None: ...
    def round_trip(self, on_settle: Callable[[None], None]) -> None: ...

def shutdown() -> None: ...
