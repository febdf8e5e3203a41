"""jsbox for Python: run untrusted JavaScript in a fresh WebAssembly sandbox
per execution, in this process.

    from jsbox_sandbox import Engine

    engine = Engine()
    out = engine.execute("function execute(args) { return args.a + 1 }", {"a": 41})
    assert out.result == 42

The sandbox is the native extension (``_native``), which converts args,
results and helper values itself (by ``json``'s rules). ``execute`` runs on
the calling thread with the GIL released (threads execute in parallel);
``execute_async`` runs on jsbox's own threads and is awaited (cancelling the
task ends the execution).
"""

from __future__ import annotations

import asyncio
import atexit
import datetime
import functools
import inspect
import json
import math
import os
import threading
import weakref
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native

# Before the interpreter finalizes: jsbox's threads stop calling into Python.
atexit.register(_native.shutdown)

__all__ = [
    "Engine",
    "Outcome",
    "Stats",
    "LogLine",
    "JsboxError",
    "ScriptError",
    "LimitError",
    "PolicyError",
    "ContinuationError",
    "EngineClosedError",
    "HelperError",
    "async_helper",
    "sync_helper",
    "LATER",
    "Suspension",
    "PendingCall",
]

__version__ = "0.1.0"

Size = Union[int, str]
"""Bytes, or text such as ``"32MiB"``."""

Timeout = Union[float, int, str, datetime.timedelta]
"""Seconds (``5.0``), text such as ``"250ms"``, or a ``timedelta``."""


# --- outcomes ---------------------------------------------------------------

# Built by the extension (no JSON text on the way back): ``Outcome`` has
# ``result`` (plain Python values: dict, list, str, int, float, bool, None),
# ``stats`` (``Stats``: ``peak_memory``, ``wall_time_us``, ``http_requests``,
# ``helper_calls``, ``cached_bytecode``, ``fuel_used``), ``logs`` (a list of
# ``LogLine(level, message)``) and ``id``.
Outcome = _native.Outcome
Stats = _native.Stats
LogLine = _native.LogLine

# Durable executions (``Engine.run``, ``Engine.resume``): ``Suspension`` has
# ``status`` (``"suspended"``; an ``Outcome`` says ``"done"``), ``id`` (what
# ``resume`` takes), ``pending`` (a list of ``PendingCall(call_id, helper,
# args)``), ``wake_at`` (an aware ``datetime`` when a timer is due, else
# None), ``size``, ``generation`` and ``logs``.
Suspension = _native.Suspension
PendingCall = _native.PendingCall


class _Later:
    """The type of :data:`LATER`."""

    __slots__ = ()
    __jsbox_later__ = True
    _instance: "Optional[_Later]" = None

    def __new__(cls) -> "_Later":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "jsbox_sandbox.LATER"

    def __reduce__(self) -> str:
        return "LATER"


LATER = _Later()
"""What an async helper returns to answer later: under :meth:`Engine.run`
the call stays pending and the execution suspends once nothing else can run;
:meth:`Engine.resume` delivers the answer. Under ``execute`` the call fails
with code ``unavailable``."""


# --- errors -----------------------------------------------------------------


class JsboxError(Exception):
    """An execution failed. ``kind`` is the library's error kind:
    ``syntax``, ``missing-execute``, ``exception``, ``memory-limit``, ``fuel``,
    ``timeout``, ``output-limit``, ``network-denied``, ``helper``,
    ``invalid-args``, ``invalid-policy``, ``continuation-invalid``,
    ``continuation-used``, ``continuation-expired``, ``internal``."""

    kind: str
    message: str
    stack: Optional[str]
    """The script's own stack (``at execute (script.js:3:11)``), if any."""
    code: Optional[str]
    """A helper error's code (the ``code`` of the exception a helper raised)."""
    logs: List[LogLine]
    """The lines the script logged before it failed."""

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        stack: Optional[str] = None,
        code: Optional[str] = None,
        logs: Optional[List[LogLine]] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.stack = stack
        self.code = code
        self.logs = list(logs or [])

    def __str__(self) -> str:
        if self.stack:
            return f"{self.message}\n{self.stack.rstrip()}"
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, message={self.message!r})"


class ScriptError(JsboxError):
    """The script failed: ``syntax``, ``missing-execute``, ``exception``, ``helper``."""


class LimitError(JsboxError):
    """The script hit a limit: ``memory-limit``, ``fuel``, ``timeout``, ``output-limit``."""


class PolicyError(JsboxError):
    """The policy or the input said no: ``invalid-policy``, ``invalid-args``, ``network-denied``."""


class ContinuationError(JsboxError):
    """A suspended execution cannot be resumed: ``continuation-invalid``
    (unknown, tampered, another tenant's, another key or jsbox build),
    ``continuation-used`` (resumed before), ``continuation-expired``."""


class EngineClosedError(RuntimeError):
    """``execute`` on an engine after ``close()``."""


_FAMILIES = {
    "syntax": ScriptError,
    "missing-execute": ScriptError,
    "exception": ScriptError,
    "helper": ScriptError,
    "memory-limit": LimitError,
    "fuel": LimitError,
    "timeout": LimitError,
    "output-limit": LimitError,
    "invalid-policy": PolicyError,
    "invalid-args": PolicyError,
    "network-denied": PolicyError,
    "continuation-invalid": ContinuationError,
    "continuation-used": ContinuationError,
    "continuation-expired": ContinuationError,
}


def _failed(failure: Tuple[str, str, Optional[str], Optional[str], List[LogLine]]) -> JsboxError:
    kind, message, stack, code, logs = failure
    if kind == "invalid-policy":
        # The shared decoder names options as the Node.js package spells them.
        for py, js in _OPTION_KEYS + _ENGINE_KEYS:
            if py != js:
                message = message.replace(js, py)
    return _FAMILIES.get(kind, JsboxError)(kind, message, stack=stack, code=code, logs=logs)


def _invalid(message: str) -> PolicyError:
    return PolicyError("invalid-policy", f"invalid policy: {message}")


class HelperError(Exception):
    """Raise it from a helper to give the script an error with a ``code``
    (any exception works; its ``code`` attribute, if any, is passed on)."""

    def __init__(self, message: str, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code


# --- helpers ----------------------------------------------------------------

_KIND = "__jsbox_helper__"


def async_helper(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Marks ``fn`` as an async helper (the script gets a promise), whatever it is."""
    return _marked("async", fn)


def sync_helper(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Marks ``fn`` as a sync helper (the script gets its value directly)."""
    return _marked("sync", fn)


def _marked(kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    if not callable(fn):
        raise TypeError(f"{kind}_helper: a callable is required")

    @functools.wraps(fn)
    def wrapped(*args: Any) -> Any:
        return fn(*args)

    setattr(wrapped, _KIND, kind)
    return wrapped


def _is_async(fn: Callable[..., Any]) -> bool:
    kind = getattr(fn, _KIND, None)
    if kind is not None:
        return kind == "async"
    if inspect.iscoroutinefunction(fn):
        return True
    call = getattr(fn, "__call__", None)
    return call is not None and inspect.iscoroutinefunction(call)


async def _awaited(value: Awaitable[Any]) -> Any:
    return await value


class _Calls:
    """One execution's async helper calls, as the extension hands them over
    (it runs sync helpers and converts values itself)."""

    __slots__ = ("native", "loop", "tasks", "done")

    def __init__(self, native: Any, loop: Callable[[], asyncio.AbstractEventLoop]):
        self.native = native
        self.loop = loop  # the loop async helpers run on (made on first use)
        self.tasks: "set[asyncio.Future[Any]]" = set()
        self.done = False

    def schedule(self, call: int, fn: Callable[..., Any], args: Tuple[Any, ...]) -> None:
        # On a sandbox thread: hand the call to the loop, return at once.
        self.loop().call_soon_threadsafe(self._begin, call, fn, args)

    def resolve(self, awaitable: Awaitable[Any]) -> Any:
        # A plain function returned a coroutine: awaited on the execution's
        # loop, the sandbox's thread waiting.
        return asyncio.run_coroutine_threadsafe(_awaited(awaitable), self.loop()).result()

    def _begin(self, call: int, fn: Callable[..., Any], args: Tuple[Any, ...]) -> None:
        native = self.native
        if self.done:
            return
        try:
            value = fn(*args)
            if not inspect.isawaitable(value):  # async_helper(a plain function)
                native.reply(call, value)
                return
            task = asyncio.ensure_future(value)
        except BaseException as error:
            native.reply(call, None, error)
            return
        self.tasks.add(task)
        task.add_done_callback(functools.partial(self._finished, call))

    def _finished(self, call: int, task: "asyncio.Future[Any]") -> None:
        self.tasks.discard(task)
        if task.cancelled():
            self.native.reply(call, None, HelperError("the helper was cancelled", "cancelled"))
        elif task.exception() is not None:
            self.native.reply(call, None, task.exception())
        else:
            self.native.reply(call, task.result())

    def finish(self) -> None:
        """The execution ended: its helpers still running are cancelled (on their loop)."""
        self.done = True
        for task in list(self.tasks):
            task.get_loop().call_soon_threadsafe(task.cancel)


# --- options ----------------------------------------------------------------


def _millis(timeout: Timeout, what: str) -> Union[int, str]:
    if isinstance(timeout, str):
        return timeout
    if isinstance(timeout, datetime.timedelta):
        seconds = timeout.total_seconds()
    elif isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        seconds = float(timeout)
    else:
        raise _invalid(f"{what} is seconds (a number), text such as \"250ms\" or a timedelta, not {type(timeout).__name__}")
    if not math.isfinite(seconds) or seconds < 0:
        raise _invalid(f"{what} must be at least 0 seconds, not {seconds}")
    ms = seconds * 1000.0
    # Whole milliseconds; anything above zero waits at least one.
    return max(1, round(ms)) if ms > 0 else 0


_OPTION_KEYS = (
    ("memory", "memory"),
    ("fuel", "fuel"),
    ("allow_hosts", "allowHosts"),
    ("secrets", "secrets"),
    ("modules", "modules"),
    ("language", "language"),
    ("max_log_bytes", "maxLogBytes"),
    ("max_log_lines", "maxLogLines"),
    ("max_result_bytes", "maxResultBytes"),
    ("max_requests", "maxRequests"),
    ("max_request_bytes", "maxRequestBytes"),
    ("max_response_bytes", "maxResponseBytes"),
    ("max_helper_calls", "maxHelperCalls"),
    ("policy", "policy"),
)


_ENGINE_KEYS = (
    ("max_concurrency", "maxConcurrency"),
    ("max_memory", "maxMemory"),
    ("cache_dir", "cacheDir"),
    ("suspend_dir", "suspendDir"),
    ("continuation_key", "continuationKey"),
)

# What ``run`` and ``resume`` take, as ``execute`` does (plus ``tenant``).
_RUN_KEYS = frozenset(py for py, _ in _OPTION_KEYS) | {"timeout", "helpers", "tenant"}


def _options_json(timeout: Optional[Timeout], given: Mapping[str, Any], tenant: Optional[str] = None) -> str:
    options: Dict[str, Any] = {}
    if tenant is not None:
        if not isinstance(tenant, str):
            raise _invalid(f"tenant is a str, not {type(tenant).__name__}")
        options["tenant"] = tenant
    if timeout is not None:
        options["timeout"] = _millis(timeout, "timeout")
    for py, js in _OPTION_KEYS:
        value = given[py]
        if value is not None:
            if py == "allow_hosts" and isinstance(value, str):
                raise _invalid("allow_hosts is a list of hosts, not a string")
            if py in ("allow_hosts",) and not isinstance(value, (list, tuple)):
                raise _invalid(f"allow_hosts is a list of hosts, not {type(value).__name__}")
            options[js] = list(value) if py == "allow_hosts" else value
    if not options:
        return "{}"
    try:
        return json.dumps(options, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        raise _invalid(f"options: {error}") from None


def _helper_table(helpers: Optional[Mapping[str, Callable[..., Any]]]) -> List[Tuple[str, Callable[..., Any], bool]]:
    if helpers is None:
        return []
    if not isinstance(helpers, Mapping):
        raise _invalid("helpers is a dict of callables")
    table: List[Tuple[str, Callable[..., Any], bool]] = []
    for name, fn in helpers.items():
        if not isinstance(name, str):
            raise _invalid(f"helper names are strings, not {type(name).__name__}")
        if not callable(fn):
            raise _invalid(f"helper {name!r} must be callable")
        table.append((name, fn, _is_async(fn)))
    return table


def _run_options(options: Dict[str, Any]) -> Tuple[str, List[Tuple[str, Callable[..., Any], bool]]]:
    unknown = sorted(set(options) - _RUN_KEYS)
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    given = {py: options.get(py) for py, _ in _OPTION_KEYS}
    text = _options_json(options.get("timeout"), given, options.get("tenant"))
    return text, _helper_table(options.get("helpers"))


def _completions(results: Optional[Mapping[int, Any]], errors: Optional[Mapping[int, Any]]) -> Dict[str, Any]:
    completions: Dict[str, Any] = {}
    if results is not None:
        if not isinstance(results, Mapping):
            raise PolicyError("invalid-args", "invalid args: results is a dict {call_id: value}")
        completions["results"] = results
    if errors is not None:
        if not isinstance(errors, Mapping):
            raise PolicyError("invalid-args", "invalid args: errors is a dict {call_id: message or exception}")
        failed: Dict[Any, Any] = {}
        for call, error in errors.items():
            if isinstance(error, BaseException):
                code = getattr(error, "code", None)
                entry: Dict[str, Any] = {"message": str(error) or type(error).__name__}
                if code is not None:
                    entry["code"] = str(code)
                failed[call] = entry
            else:
                failed[call] = error
        completions["errors"] = failed
    return completions


async def _started(native: Any, start: Callable[..., Any]) -> Any:
    """Awaits an execution ``start(calls, on_settle)`` begins on jsbox's
    threads (``execute_async``, ``run_async``, ``resume_async``): its async
    helpers run on this loop; cancelling the awaiting task ends it."""
    loop = asyncio.get_running_loop()
    future: "asyncio.Future[Any]" = loop.create_future()

    def settle(value: Any) -> None:
        if not future.done():
            future.set_result(value)

    def on_settle(value: Any) -> None:
        # From a jsbox thread; the loop may be closed by now.
        try:
            loop.call_soon_threadsafe(settle, value)
        except RuntimeError:
            pass

    calls = _Calls(native, lambda: loop)
    token, early = start(calls, on_settle)
    if early is not None:
        return _settled(early)
    try:
        value = await future
    except asyncio.CancelledError:
        native.cancel(token)
        raise
    finally:
        calls.finish()
    return _settled(value)


def _settled(value: Any) -> Outcome:
    if type(value) is tuple:
        raise _failed(value)
    return value


# --- the engine -------------------------------------------------------------


class _Loop:
    """The event loop async helpers of ``execute`` (the sync call) run on:
    one daemon thread per engine, started on first use, stopped by
    ``close()`` or at exit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None

    def get(self) -> asyncio.AbstractEventLoop:
        loop = self._loop
        if loop is not None:
            return loop
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()
                    loop.close()

                thread = threading.Thread(target=run, name="jsbox-helpers", daemon=True)
                thread.start()
                ready.wait()
                self._thread = thread
                self._loop = loop
            return self._loop

    def stop(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is not None and thread is not None:
            try:
                loop.call_soon_threadsafe(loop.stop)
            except RuntimeError:
                pass
            if thread is not threading.current_thread():
                thread.join()


def _stop(loop: _Loop, native: Any) -> None:
    native.close()
    loop.stop()


_NO_ARGS: Any = object()
_EMPTY: Dict[str, Any] = {}  # the default args; never handed to user code
_NO_HELPERS: List[Tuple[str, Callable[..., Any], bool]] = []
_NONE16 = (None,) * 16


class Engine:
    """Runs scripts, each in a fresh sandbox. Create one per process (it
    loads the compiled sandbox, about a second the first time) and share it
    between threads.

    ``max_concurrency``: executions running at once (more wait for a slot
    before their clock starts; default 1000). ``max_memory``: the largest
    ``memory`` an execution may ask for (default ``"1GiB"``). ``cache_dir``:
    where the compiled sandbox is cached (default ``$JSBOX_CACHE_DIR``, else
    ``~/.cache/jsbox``); ``False`` compiles it in every process.
    ``suspend_dir``: where durable executions (:meth:`run`, :meth:`resume`)
    are kept while suspended; ``continuation_key``: the key they are sealed
    with, 64 hex digits (default ``$JSBOX_CONTINUATION_KEY``, else
    ``suspend_dir/key``, made on first use with mode 0600).
    """

    def __init__(
        self,
        *,
        max_concurrency: Optional[int] = None,
        max_memory: Optional[Size] = None,
        cache_dir: Union[str, "os.PathLike[str]", bool, None] = None,
        suspend_dir: Union[str, "os.PathLike[str]", None] = None,
        continuation_key: Optional[str] = None,
    ) -> None:
        options: Dict[str, Any] = {}
        if suspend_dir is not None:
            options["suspendDir"] = _fspath(suspend_dir)
        if continuation_key is not None:
            options["continuationKey"] = continuation_key
        if max_concurrency is not None:
            options["maxConcurrency"] = max_concurrency
        if max_memory is not None:
            options["maxMemory"] = max_memory
        if cache_dir is not None:
            options["cacheDir"] = cache_dir if isinstance(cache_dir, bool) else _fspath(cache_dir)
        try:
            text = json.dumps(options, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise _invalid(f"engine options: {error}") from None
        try:
            self._native = _native.NativeEngine(text)
        except ValueError as error:
            failure = json.loads(str(error))
            raise _failed((failure["kind"], failure["message"], None, None, [])) from None
        self._loop = _Loop()
        self._closed = False
        # Sync executions with helpers in flight: close() leaves their
        # helper loop running until the last one ends.
        self._lock = threading.Lock()
        self._in_flight = 0
        self._finalizer = weakref.finalize(self, _stop, self._loop, self._native)

    def execute(
        self,
        script: str,
        args: Any = _NO_ARGS,
        *,
        memory: Optional[Size] = None,
        timeout: Optional[Timeout] = None,
        fuel: Optional[int] = None,
        allow_hosts: Optional[Sequence[str]] = None,
        helpers: Optional[Mapping[str, Callable[..., Any]]] = None,
        secrets: Optional[Mapping[str, Mapping[str, Any]]] = None,
        modules: Optional[Mapping[str, str]] = None,
        language: Optional[str] = None,
        max_log_bytes: Optional[Size] = None,
        max_log_lines: Optional[int] = None,
        max_result_bytes: Optional[Size] = None,
        max_requests: Optional[int] = None,
        max_request_bytes: Optional[Size] = None,
        max_response_bytes: Optional[Size] = None,
        max_helper_calls: Optional[int] = None,
        policy: Optional[Mapping[str, Any]] = None,
    ) -> Outcome:
        """Runs ``script``'s ``execute(args)`` in a fresh sandbox on this
        thread (the GIL released) and returns its :class:`Outcome`; raises
        :class:`JsboxError` (a :class:`ScriptError`, :class:`LimitError` or
        :class:`PolicyError`) when it fails.

        ``args`` (default ``{}``) and the result cross as JSON. ``memory``:
        ``"32MiB"`` or bytes (default 64 MiB). ``timeout``: seconds, ``"5s"``
        or a timedelta (default 10 s). ``fuel``: a deterministic CPU budget.
        ``allow_hosts``: hosts ``fetch`` may reach (``"api.example.com"``,
        ``"*.example.com"``, ``"host:port"``). ``helpers``: ``{name: callable}``
        — a ``def`` gives the script its value, an ``async def`` a promise.
        ``secrets``: ``{"NAME": {"value": "…", "hosts": ["api.example.com"]}}``
        (or ``"env"`` instead of ``"value"``), used as ``{{secrets.NAME}}``.
        ``modules``: ``{name: source}`` the script may import (``.ts`` names
        are TypeScript). ``language``: ``"javascript"`` or ``"typescript"``.
        ``policy``: a whole jsbox policy (snake_case, as the CLI reads it);
        the arguments above apply on top of it.
        """
        native = self._native
        if self._closed:
            raise EngineClosedError("this jsbox Engine is closed")
        if type(script) is not str and not isinstance(script, str):
            raise _invalid("the script must be a str")
        if args is _NO_ARGS:
            args = _EMPTY
        if (memory, timeout, fuel, allow_hosts, helpers, secrets, modules, language, max_log_bytes, max_log_lines,
                max_result_bytes, max_requests, max_request_bytes, max_response_bytes, max_helper_calls, policy) == _NONE16:
            # No options: nothing to encode (the common case, kept short).
            return _settled(native.execute(script, args, "{}", _NO_HELPERS, None))
        options = _options_json(timeout, locals())
        table = _helper_table(helpers)
        if not table:
            return _settled(native.execute(script, args, options, table, None))
        calls = _Calls(native, self._loop.get)
        with self._lock:
            self._in_flight += 1
        try:
            return _settled(native.execute(script, args, options, table, calls))
        finally:
            calls.finish()
            with self._lock:
                self._in_flight -= 1
                last = self._closed and self._in_flight == 0
            if last:
                self._finalizer()

    async def execute_async(
        self,
        script: str,
        args: Any = _NO_ARGS,
        *,
        memory: Optional[Size] = None,
        timeout: Optional[Timeout] = None,
        fuel: Optional[int] = None,
        allow_hosts: Optional[Sequence[str]] = None,
        helpers: Optional[Mapping[str, Callable[..., Any]]] = None,
        secrets: Optional[Mapping[str, Mapping[str, Any]]] = None,
        modules: Optional[Mapping[str, str]] = None,
        language: Optional[str] = None,
        max_log_bytes: Optional[Size] = None,
        max_log_lines: Optional[int] = None,
        max_result_bytes: Optional[Size] = None,
        max_requests: Optional[int] = None,
        max_request_bytes: Optional[Size] = None,
        max_response_bytes: Optional[Size] = None,
        max_helper_calls: Optional[int] = None,
        policy: Optional[Mapping[str, Any]] = None,
    ) -> Outcome:
        """:meth:`execute` for asyncio: the sandbox runs on jsbox's threads,
        async helpers on this event loop (sync ones on the sandbox's
        thread). Cancelling the awaiting task ends the execution at once and
        cancels its helpers still running."""
        options = _options_json(timeout, locals())
        native = self._usable()
        table = _helper_table(helpers)
        if not isinstance(script, str):
            raise _invalid("the script must be a str")
        if args is _NO_ARGS:
            args = _EMPTY
        return await _started(native, lambda calls, settle: native.start(script, args, options, table, calls, settle))

    def run(self, script: str, args: Any = _NO_ARGS, **options: Any) -> Union[Outcome, Suspension]:
        """Runs ``script`` as a durable execution (the engine needs
        ``suspend_dir``), with :meth:`execute`'s keyword arguments and
        ``tenant`` (the tenant its continuation is bound to). Returns its
        :class:`Outcome` (``status == "done"``), or a :class:`Suspension`
        when it waits only for helper calls answered with :data:`LATER` (or a
        timer past ``policy={"suspend_timers_after": …}``)."""
        if not isinstance(script, str):
            raise _invalid("the script must be a str")
        if args is _NO_ARGS:
            args = _EMPTY
        return self._blocking(options, lambda native, text, table, calls: native.execute(script, args, text, table, calls, True))

    def resume(
        self,
        id: str,
        results: Optional[Mapping[int, Any]] = None,
        errors: Optional[Mapping[int, Union[str, BaseException]]] = None,
        **options: Any,
    ) -> Union[Outcome, Suspension]:
        """Resumes suspended execution ``id`` with the answers of the calls it
        awaits: ``results`` ``{call_id: value}``, ``errors`` ``{call_id:
        message or exception}`` (the script's promise rejects with its
        message and ``code``). Give its ``helpers`` again, and, if it ran with
        options that set its policy, the same options. Returns as :meth:`run`
        does; raises :class:`ContinuationError` when it cannot be resumed
        (each suspension is resumed at most once)."""
        if not isinstance(id, str):
            raise PolicyError("invalid-args", "invalid args: the execution id must be a str")
        completions = _completions(results, errors)
        return self._blocking(options, lambda native, text, table, calls: native.resume(id, completions, text, table, calls))

    async def run_async(self, script: str, args: Any = _NO_ARGS, **options: Any) -> Union[Outcome, Suspension]:
        """:meth:`run` for asyncio, as :meth:`execute_async` is for :meth:`execute`."""
        if not isinstance(script, str):
            raise _invalid("the script must be a str")
        if args is _NO_ARGS:
            args = _EMPTY
        return await self._awaited_job(options, lambda native, text, table, calls, settle: native.start(script, args, text, table, calls, settle, True))

    async def resume_async(
        self,
        id: str,
        results: Optional[Mapping[int, Any]] = None,
        errors: Optional[Mapping[int, Union[str, BaseException]]] = None,
        **options: Any,
    ) -> Union[Outcome, Suspension]:
        """:meth:`resume` for asyncio."""
        if not isinstance(id, str):
            raise PolicyError("invalid-args", "invalid args: the execution id must be a str")
        completions = _completions(results, errors)
        return await self._awaited_job(options, lambda native, text, table, calls, settle: native.start_resume(id, completions, text, table, calls, settle))

    def _blocking(self, options: Dict[str, Any], call: Callable[..., Any]) -> Any:
        native = self._usable()
        text, table = _run_options(options)
        calls = _Calls(native, self._loop.get)
        with self._lock:
            self._in_flight += 1
        try:
            return _settled(call(native, text, table, calls))
        finally:
            calls.finish()
            with self._lock:
                self._in_flight -= 1
                last = self._closed and self._in_flight == 0
            if last:
                self._finalizer()

    async def _awaited_job(self, options: Dict[str, Any], start: Callable[..., Any]) -> Any:
        native = self._usable()
        text, table = _run_options(options)
        return await _started(native, lambda calls, settle: start(native, text, table, calls, settle))

    def _usable(self) -> Any:
        if self._closed:
            raise EngineClosedError("this jsbox Engine is closed")
        return self._native

    def close(self) -> None:
        """Refuses further executions (:class:`EngineClosedError`); running
        ones finish, and the helper thread ``execute`` started stops after
        the last of them."""
        with self._lock:
            self._closed = True
            idle = self._in_flight == 0
        if idle:
            self._finalizer()
        else:
            self._native.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def _fspath(path: Any) -> str:
    return os.fspath(path)
