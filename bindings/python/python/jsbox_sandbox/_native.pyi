# The extension module behind jsbox_sandbox (src/lib.rs). Not a public API:
# use jsbox_sandbox.Engine.
from typing import Callable, List, Optional, Tuple

class NativeEngine:
    def __init__(self, options_json: str) -> None: ...
    def execute(
        self,
        script: str,
        args_json: str,
        options_json: str,
        helpers: List[Tuple[str, bool]],
        call_sync: Callable[[str, str], str],
        call_async: Callable[[int, str, str], None],
    ) -> str: ...
    def start(
        self,
        script: str,
        args_json: str,
        options_json: str,
        helpers: List[Tuple[str, bool]],
        call_sync: Callable[[str, str], str],
        call_async: Callable[[int, str, str], None],
        on_settle: Callable[[str], None],
    ) -> Tuple[int, Optional[str]]: ...
    def cancel(self, token: int) -> None: ...
    def reply(self, call: int, reply: str) -> None: ...
    def close(self) -> None: ...
    def round_trip(self, on_settle: Callable[[str], None]) -> None: ...

def shutdown() -> None: ...
