// The package's types. The option, outcome and stats shapes are generated
// from the Rust types of the addon (`napi build --dts` writes native.d.ts);
// this file adds the JavaScript classes around them.
import type { EngineOptions, ExecuteOptions, ExecuteOutcome, ExecuteStats, LogLine } from "./native";

export type { EngineOptions, ExecuteOptions, ExecuteOutcome, ExecuteStats, LogLine };

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
  /** Refuses further executions; running ones finish, then the engine's memory is released. */
  close(): void;
}

/** Marks a function as an async helper (the script gets a promise). */
export declare function asyncHelper<F extends (...args: any[]) => unknown>(fn: F): F;
/** Marks a function as a sync helper (the script gets its value). */
export declare function syncHelper<F extends (...args: any[]) => unknown>(fn: F): F;
