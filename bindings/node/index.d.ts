// The package's types. The option, outcome and stats shapes are generated
// from the Rust types of the addon (`napi build --dts` writes native.d.ts);
// this file adds the JavaScript classes around them.
import type { EngineOptions, ExecuteOptions, ExecuteOutcome, ExecuteStats, LogLine, Pending, Suspension } from "./native";

export type { EngineOptions, ExecuteOptions, ExecuteOutcome, ExecuteStats, LogLine, Pending, Suspension };

/** How a durable execution (`run`, `resume`) ended: settled, or suspended. */
export type RunOutcome<T = any> = (ExecuteOutcome & { status: "done"; result: T }) | Suspension;

/** The answers a `resume` delivers, by call id. */
export interface Completions {
  /** What each call returned. */
  results?: Record<number | string, unknown>;
  /** Calls that failed: the script's promise rejects with this message (and `code`). */
  errors?: Record<number | string, string | { message: string; code?: string }>;
}

/** The library's error kinds. */
export type ErrorKind =
  | "syntax"
  | "missing-execute"
  | "exception"
  | "memory-limit"
  | "fuel"
  | "timeout"
  | "output-limit"
  | "network-denied"
  | "helper"
  | "invalid-args"
  | "invalid-policy"
  | "continuation-invalid"
  | "continuation-used"
  | "continuation-expired"
  | "internal";

/** Why an execution failed. */
export declare class JsboxError extends Error {
  readonly name: "JsboxError";
  /** The library's error kind: match on this, not on the message. */
  readonly kind: ErrorKind;
  /** A helper's machine-readable code, for kind `helper`. */
  readonly code?: string;
  /** The script's own stack, for kind `exception`. */
  readonly scriptStack?: string;
  /** The lines the script logged before it failed. */
  readonly logs: LogLine[];
}

/**
 * Runs scripts, each in a fresh WebAssembly sandbox, off the main thread.
 * Create one per process and share it.
 *
 * @example
 * const engine = new Engine();
 * const { result } = await engine.execute("function execute(a) { return a.x + 1 }", { x: 41 });
 */
export declare class Engine {
  constructor(options?: EngineOptions);
  /**
   * Runs `script`'s `execute(args)`. Rejects with a `JsboxError`, with
   * `options.signal.reason` when the signal aborts, or, after `close()`,
   * with an `Error` whose `code` is `ERR_JSBOX_CLOSED`.
   */
  execute<T = any>(script: string, args?: unknown, options?: ExecuteOptions): Promise<ExecuteOutcome & { result: T }>;
  /**
   * Runs `script` as a durable execution (the engine needs `suspendDir`): it
   * suspends to disk when it awaits only helper calls answered with `later`
   * (or a timer past `policy.suspend_timers_after`).
   *
   * @example
   * const engine = new Engine({ suspendDir: "/var/lib/app/suspended" });
   * const approval = async (request) => later; // file `request` somewhere
   * const run = await engine.run(script, { amount: 120 }, { helpers: { approval } });
   * if (run.status === "suspended") {
   *   // …days later, maybe in another process:
   *   const done = await engine.resume(run.id, { results: { [run.pending[0].callId]: true } }, { helpers: { approval } });
   * }
   */
  run<T = any>(script: string, args?: unknown, options?: ExecuteOptions): Promise<RunOutcome<T>>;
  /**
   * Resumes suspended execution `id` with the answers of the calls it
   * awaits; give its helpers again (and its options, if it ran with any
   * that set its policy). Each suspension is resumed at most once.
   */
  resume<T = any>(id: string, completions?: Completions, options?: ExecuteOptions): Promise<RunOutcome<T>>;
  /** Refuses further executions; running ones finish, then the engine's memory is released. */
  close(): void;
}

/**
 * What an async helper returns (or resolves with) to answer later: under
 * `run`, the call stays pending and the execution suspends; `resume`
 * delivers the answer. Under `execute` the call fails with code `unavailable`.
 */
export declare const later: unique symbol;
/** Marks a function as an async helper (the script gets a promise). */
export declare function asyncHelper<F extends (...args: any[]) => unknown>(fn: F): F;
/** Marks a function as a sync helper (the script gets its value). */
export declare function syncHelper<F extends (...args: any[]) => unknown>(fn: F): F;
