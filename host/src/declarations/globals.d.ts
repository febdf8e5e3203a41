// What jsbox gives every script, beyond the ECMAScript built-ins (ES2023:
// compile with `--lib es2023`). The script defines `execute(args)`, sync or
// async; its (awaited) return value, as JSON, is the result.

/** Writes a line to the host's log (never into the result). */
declare function log(...values: unknown[]): void;
declare const console: {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
};

/** The isolated-vm helpers: a promise of the parsed JSON body (its text when it is not JSON). A status outside 2xx rejects with an Error carrying `status`, `body` and `response`. */
declare const http: {
  sendGetRequest(headers: Record<string, string>, url: string): Promise<any>;
  /** `data` is sent as JSON (a string as is). */
  sendPostRequest(headers: Record<string, string>, url: string, data?: unknown): Promise<any>;
};

/** Latin-1 base64, as in browsers. */
declare function btoa(data: string): string;
declare function atob(data: string): string;

declare const global: typeof globalThis;
declare const self: typeof globalThis;

declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

type BufferSource = ArrayBuffer | ArrayBufferView;
type HeadersInit = Headers | Record<string, string> | [string, string][];
type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream<Uint8Array>;

declare class URL {
  constructor(url: string | URL, base?: string | URL);
  static canParse(url: string | URL, base?: string | URL): boolean;
  static parse(url: string | URL, base?: string | URL): URL | null;
  href: string; readonly origin: string; protocol: string; username: string; password: string;
  host: string; hostname: string; port: string; pathname: string; search: string;
  readonly searchParams: URLSearchParams; hash: string;
  toString(): string; toJSON(): string;
}
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][] | URLSearchParams);
  readonly size: number;
  append(name: string, value: string): void; delete(name: string, value?: string): void;
  get(name: string): string | null; getAll(name: string): string[]; has(name: string, value?: string): boolean;
  set(name: string, value: string): void; sort(): void; toString(): string;
  forEach(callback: (value: string, key: string, parent: URLSearchParams) => void): void;
  entries(): IterableIterator<[string, string]>; keys(): IterableIterator<string>; values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

declare class TextEncoder {
  readonly encoding: "utf-8";
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string; readonly fatal: boolean; readonly ignoreBOM: boolean;
  decode(input?: BufferSource, options?: { stream?: boolean }): string;
}

declare class Event {
  constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean });
  readonly type: string; readonly defaultPrevented: boolean; readonly timeStamp: number;
  preventDefault(): void; stopPropagation(): void; stopImmediatePropagation(): void;
}
declare class CustomEvent<T = unknown> extends Event {
  constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; detail?: T });
  readonly detail: T;
}
declare class EventTarget {
  addEventListener(type: string, listener: ((event: Event) => void) | null, options?: boolean | { once?: boolean; signal?: AbortSignal }): void;
  removeEventListener(type: string, listener: ((event: Event) => void) | null): void;
  dispatchEvent(event: Event): boolean;
}
declare class AbortSignal extends EventTarget {
  readonly aborted: boolean; readonly reason: any;
  throwIfAborted(): void;
  static abort(reason?: any): AbortSignal;
  static timeout(ms: number): AbortSignal;
  static any(signals: AbortSignal[]): AbortSignal;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: any): void;
}
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
  readonly code: number;
}

declare class Blob {
  constructor(parts?: (BufferSource | Blob | string)[], options?: { type?: string });
  readonly size: number; readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>; bytes(): Promise<Uint8Array>; text(): Promise<string>;
  slice(start?: number, end?: number, contentType?: string): Blob;
  stream(): ReadableStream<Uint8Array>;
}
declare class File extends Blob {
  constructor(parts: (BufferSource | Blob | string)[], name: string, options?: { type?: string; lastModified?: number });
  readonly name: string; readonly lastModified: number;
}
declare class FormData {
  append(name: string, value: string | Blob, filename?: string): void; delete(name: string): void;
  get(name: string): File | string | null; getAll(name: string): (File | string)[]; has(name: string): boolean;
  set(name: string, value: string | Blob, filename?: string): void;
  entries(): IterableIterator<[string, File | string]>;
  [Symbol.iterator](): IterableIterator<[string, File | string]>;
}

interface ReadableStreamReadResult<T> { done: boolean; value?: T }
declare class ReadableStreamDefaultReader<T = any> {
  read(): Promise<ReadableStreamReadResult<T>>; releaseLock(): void; cancel(reason?: any): Promise<void>;
  readonly closed: Promise<void>;
}
declare class ReadableStreamDefaultController<T = any> {
  readonly desiredSize: number | null;
  enqueue(chunk: T): void; close(): void; error(reason?: any): void;
}
declare class ReadableStream<T = any> {
  constructor(source?: {
    start?(controller: ReadableStreamDefaultController<T>): any;
    pull?(controller: ReadableStreamDefaultController<T>): any;
    cancel?(reason?: any): any;
  });
  readonly locked: boolean;
  getReader(): ReadableStreamDefaultReader<T>;
  cancel(reason?: any): Promise<void>;
  [Symbol.asyncIterator](): AsyncIterableIterator<T>;
}

declare class Headers {
  constructor(init?: HeadersInit);
  append(name: string, value: string): void; delete(name: string): void; get(name: string): string | null;
  getSetCookie(): string[]; has(name: string): boolean; set(name: string, value: string): void;
  forEach(callback: (value: string, key: string, parent: Headers) => void): void;
  entries(): IterableIterator<[string, string]>; keys(): IterableIterator<string>; values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}
interface RequestInit {
  method?: string; headers?: HeadersInit; body?: BodyInit | null; signal?: AbortSignal | null;
  redirect?: "follow" | "error" | "manual";
}
declare abstract class Body {
  readonly body: ReadableStream<Uint8Array> | null; readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>; blob(): Promise<Blob>; bytes(): Promise<Uint8Array>;
  formData(): Promise<FormData>; json(): Promise<any>; text(): Promise<string>;
}
declare class Request extends Body {
  constructor(input: string | URL | Request, init?: RequestInit);
  readonly method: string; readonly url: string; readonly headers: Headers; readonly signal: AbortSignal;
  readonly redirect: string;
  clone(): Request;
}
declare class Response extends Body {
  constructor(body?: BodyInit | null, init?: { status?: number; statusText?: string; headers?: HeadersInit });
  static json(data: unknown, init?: { status?: number; statusText?: string; headers?: HeadersInit }): Response;
  static error(): Response;
  static redirect(url: string | URL, status?: number): Response;
  readonly ok: boolean; readonly status: number; readonly statusText: string; readonly headers: Headers;
  readonly redirected: boolean; readonly type: string; readonly url: string;
  clone(): Response;
}
/** Only hosts the policy allows are reached; a status outside 2xx resolves (`ok: false`). */
declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;

declare class CryptoKey {
  readonly type: string; readonly extractable: boolean; readonly algorithm: object; readonly usages: string[];
}
declare class SubtleCrypto {
  digest(algorithm: string | { name: string }, data: BufferSource): Promise<ArrayBuffer>;
  importKey(format: string, keyData: BufferSource | JsonWebKey, algorithm: string | object, extractable: boolean, usages: string[]): Promise<CryptoKey>;
  exportKey(format: string, key: CryptoKey): Promise<ArrayBuffer | JsonWebKey>;
  generateKey(algorithm: string | object, extractable: boolean, usages: string[]): Promise<CryptoKey | { publicKey: CryptoKey; privateKey: CryptoKey }>;
  sign(algorithm: string | object, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: string | object, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
  encrypt(algorithm: object, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  decrypt(algorithm: object, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  deriveBits(algorithm: object, key: CryptoKey, length: number): Promise<ArrayBuffer>;
}
interface JsonWebKey { kty?: string; [member: string]: unknown }
declare class Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
  randomUUID(): string;
}
declare const crypto: Crypto;
declare class Performance {
  now(): number; readonly timeOrigin: number;
}
declare const performance: Performance;
