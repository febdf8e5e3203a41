# The extension module behind jsbox_sandbox (src/lib.rs). Engine is the
# public API; Outcome, Stats and LogLine are re-exported by jsbox_sandbox.
import datetime
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

Failure = Tuple[str, str, Optional[str], Optional[str], List["LogLine"]]
HelperSpec = Tuple[str, Callable[..., Any], bool]

class Outcome:
    """A finished execution."""

    @property
    def status(self) -> str:
        """``"done"``."""
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

class PendingCall:
    """A helper call a suspended execution awaits."""

    @property
    def call_id(self) -> int:
        """What its result is given for in ``resume(results={call_id: …})``."""
    @property
    def helper(self) -> str: ...
    @property
    def args(self) -> List[Any]: ...

class Suspension:
    """A durable execution waiting in the engine's store."""

    @property
    def status(self) -> str:
        """``"suspended"``."""
    @property
    def id(self) -> str:
        """What ``resume`` takes."""
    @property
    def pending(self) -> List[PendingCall]: ...
    @property
    def wake_at(self) -> Optional[datetime.datetime]:
        """When its next timer is due (UTC), if it has one."""
    @property
    def size(self) -> int:
        """The sealed continuation's size in bytes."""
    @property
    def generation(self) -> int:
        """How many times it has suspended, this one included."""
    @property
    def logs(self) -> List[LogLine]:
        """The lines it logged since it started (or was resumed)."""

Settled = Union[Outcome, Suspension, Failure]

class NativeEngine:
    def __init__(self, options_json: str) -> None: ...
    def execute(
        self, script: str, args: Any, options_json: str, helpers: List[HelperSpec], calls: Any, durable: bool = False
    ) -> Settled: ...
    def resume(
        self, id: str, completions: Dict[str, Any], options_json: str, helpers: List[HelperSpec], calls: Any
    ) -> Settled: ...
    def start(
        self,
        script: str,
        args: Any,
        options_json: str,
        helpers: List[HelperSpec],
        calls: Any,
        on_settle: Callable[[Settled], None],
        durable: bool = False,
    ) -> Tuple[int, Optional[Settled]]: ...
    def start_resume(
        self,
        id: str,
        completions: Dict[str, Any],
        options_json: str,
        helpers: List[HelperSpec],
        calls: Any,
        on_settle: Callable[[Settled], None],
    ) -> Tuple[int, Optional[Settled]]: ...
    def cancel(self, token: int) -> None: ...
    def reply(self, call: int, value: Any, error: Optional[BaseException] = None) -> None: ...
    def close(self) -> None: ...
    def round_trip(self, on_settle: Callable[[None], None]) -> None: ...

def shutdown() -> None: ...
