// ReadableStream (the Streams standard), the part request and response
// bodies need: a default reader, underlying sources with start/pull/cancel,
// async iteration and tee. Bodies are held in memory, so a body stream is a
// queue of Uint8Array chunks. (No byte streams, BYOB readers or pipes.)
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;

  function deferred() {
    let resolve;
    let reject;
    const promise = new $.PromiseCtor((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  let streamInternals;
  class ReadableStreamDefaultController {
    #stream;

    constructor(token = undefined, stream = undefined) {
      if (token !== TOKEN) throw new $.TypeErrorCtor("Illegal constructor");
      this.#stream = stream;
    }

    get desiredSize() {
      return streamInternals.desiredSize(this.#stream);
    }

    close() {
      streamInternals.close(this.#stream);
    }

    enqueue(chunk = undefined) {
      streamInternals.enqueue(this.#stream, chunk);
    }

    error(reason = undefined) {
      streamInternals.error(this.#stream, reason);
    }
  }
  const TOKEN = {};

  class ReadableStream {
    #state = "readable";
    #queue = [];
    #storedError = undefined;
    #reader = null;
    #disturbed = false;
    #source;
    #controller;
    #closeRequested = false;
    #pulling = false;
    #pullAgain = false;
    #started = false;
    #highWaterMark;

    constructor(underlyingSource = undefined, strategy = undefined) {
      const source = underlyingSource === undefined || underlyingSource === null ? {} : underlyingSource;
      if (typeof source !== "object" && typeof source !== "function") {
        throw new $.TypeErrorCtor("ReadableStream: the underlying source must be an object");
      }
      if (source.type !== undefined) throw new $.RangeErrorCtor("ReadableStream: only default streams are supported here");
      const hwm = strategy !== undefined && strategy !== null && strategy.highWaterMark !== undefined ? $.NumberCtor(strategy.highWaterMark) : 1;
      if ($.isNaN(hwm) || hwm < 0) throw new $.RangeErrorCtor("ReadableStream: invalid highWaterMark");
      this.#highWaterMark = hwm;
      this.#source = source;
      this.#controller = new ReadableStreamDefaultController(TOKEN, this);
      const start = source.start;
      if (start !== undefined && typeof start !== "function") throw new $.TypeErrorCtor("ReadableStream: start must be a function");
      const started = start === undefined ? undefined : $.apply(start, source, [this.#controller]);
      $.promiseThen(
        $.promiseResolve(started),
        () => {
          this.#started = true;
          this.#pullIfNeeded();
        },
        (error) => this.#error(error),
      );
    }

    get locked() {
      return this.#reader !== null;
    }

    cancel(reason = undefined) {
      if (this.#reader !== null) return $.promiseReject(new $.TypeErrorCtor("cancel: the stream is locked"));
      return this.#cancel(reason);
    }

    getReader(options = undefined) {
      if (options !== undefined && options !== null && options.mode !== undefined) {
        throw new $.RangeErrorCtor("getReader: BYOB readers are not supported here");
      }
      return new ReadableStreamDefaultReader(this);
    }

    tee() {
      if (this.#reader !== null) throw new $.TypeErrorCtor("tee: the stream is locked");
      const reader = this.getReader();
      const branches = [];
      const controllers = [];
      let reading = null;
      const pullBoth = () => {
        if (reading === null) {
          reading = $.promiseThen(reader.read(), (result) => {
            reading = null;
            for (let i = 0; i < controllers.length; i++) {
              try {
                if (result.done) controllers[i].close();
                else controllers[i].enqueue(result.value);
              } catch (_) {}
            }
          }, (error) => {
            for (let i = 0; i < controllers.length; i++) controllers[i].error(error);
          });
        }
        return reading;
      };
      for (let i = 0; i < 2; i++) {
        $.push(branches, new ReadableStream({
          start(controller) {
            $.push(controllers, controller);
          },
          pull: pullBoth,
        }));
      }
      return branches;
    }

    pipeTo() {
      return $.promiseReject(new $.TypeErrorCtor("ReadableStream.pipeTo is not supported here"));
    }

    pipeThrough() {
      throw new $.TypeErrorCtor("ReadableStream.pipeThrough is not supported here");
    }

    values(options = undefined) {
      const preventCancel = options !== undefined && options !== null && !!options.preventCancel;
      const reader = this.getReader();
      const iterator = {
        next() {
          return $.promiseThen(reader.read(), (result) => {
            if (result.done) reader.releaseLock();
            return result;
          });
        },
        return(value) {
          const done = { value, done: true };
          if (preventCancel) {
            reader.releaseLock();
            return $.promiseResolve(done);
          }
          return $.promiseThen(reader.cancel(value), () => {
            reader.releaseLock();
            return done;
          });
        },
        [$.asyncIterator]() {
          return this;
        },
      };
      return iterator;
    }

    static from(iterable) {
      const iterator = iterable[$.asyncIterator] !== undefined ? iterable[$.asyncIterator]() : iterable[$.iterator]();
      return new ReadableStream({
        async pull(controller) {
          const result = await iterator.next();
          if (result.done) controller.close();
          else controller.enqueue(result.value);
        },
      });
    }

    #pullIfNeeded() {
      if (!this.#started || this.#state !== "readable" || this.#closeRequested) return;
      const wanted = (this.#reader !== null && streamInternals.pendingReads(this.#reader) > 0) || this.#desiredSize() > 0;
      if (!wanted) return;
      if (this.#pulling) {
        this.#pullAgain = true;
        return;
      }
      const pull = this.#source.pull;
      if (pull === undefined) return;
      this.#pulling = true;
      let result;
      try {
        result = $.apply(pull, this.#source, [this.#controller]);
      } catch (error) {
        this.#error(error);
        return;
      }
      $.promiseThen($.promiseResolve(result), () => {
        this.#pulling = false;
        if (this.#pullAgain) {
          this.#pullAgain = false;
          this.#pullIfNeeded();
        }
      }, (error) => this.#error(error));
    }

    #desiredSize() {
      if (this.#state === "errored") return null;
      if (this.#state === "closed") return 0;
      return this.#highWaterMark - this.#queue.length;
    }

    #cancel(reason) {
      this.#disturbed = true;
      if (this.#state === "closed") return $.promiseResolve(undefined);
      if (this.#state === "errored") return $.promiseReject(this.#storedError);
      this.#queue = [];
      this.#close();
      const cancel = this.#source.cancel;
      let result;
      try {
        result = cancel === undefined ? undefined : $.apply(cancel, this.#source, [reason]);
      } catch (error) {
        return $.promiseReject(error);
      }
      return $.promiseThen($.promiseResolve(result), () => undefined);
    }

    #close() {
      this.#state = "closed";
      if (this.#reader !== null) streamInternals.readerClosed(this.#reader);
    }

    #error(reason) {
      if (this.#state !== "readable") return;
      this.#state = "errored";
      this.#storedError = reason;
      this.#queue = [];
      if (this.#reader !== null) streamInternals.readerErrored(this.#reader, reason);
    }

    static {
      streamInternals = {
        is: (value) => value !== null && typeof value === "object" && #queue in value,
        desiredSize: (stream) => stream.#desiredSize(),
        enqueue(stream, chunk) {
          if (stream.#closeRequested || stream.#state !== "readable") {
            throw new $.TypeErrorCtor("enqueue: the stream is closed or errored");
          }
          if (stream.#reader !== null && streamInternals.pendingReads(stream.#reader) > 0) {
            streamInternals.fulfill(stream.#reader, chunk);
          } else {
            $.push(stream.#queue, chunk);
          }
          stream.#pullIfNeeded();
        },
        close(stream) {
          if (stream.#closeRequested || stream.#state !== "readable") {
            throw new $.TypeErrorCtor("close: the stream is already closing or closed");
          }
          stream.#closeRequested = true;
          if (stream.#queue.length === 0) stream.#close();
        },
        error: (stream, reason) => stream.#error(reason),
        lock(stream, reader) {
          if (stream.#reader !== null) throw new $.TypeErrorCtor("getReader: the stream is locked");
          stream.#reader = reader;
        },
        unlock(stream) {
          stream.#reader = null;
        },
        state: (stream) => stream.#state,
        storedError: (stream) => stream.#storedError,
        disturbed: (stream) => stream.#disturbed,
        // A read: a queued chunk, the end, the error, or a wait.
        read(stream) {
          stream.#disturbed = true;
          if (stream.#queue.length > 0) {
            const chunk = stream.#queue[0];
            $.splice(stream.#queue, 0, 1);
            if (stream.#closeRequested && stream.#queue.length === 0) stream.#close();
            else stream.#pullIfNeeded();
            return { ready: true, result: { value: chunk, done: false } };
          }
          if (stream.#state === "closed") return { ready: true, result: { value: undefined, done: true } };
          if (stream.#state === "errored") return { ready: true, error: stream.#storedError };
          return { ready: false };
        },
        pull: (stream) => stream.#pullIfNeeded(),
        cancel: (stream, reason) => stream.#cancel(reason),
      };
    }
  }
  $.defineProperty(ReadableStream.prototype, $.toStringTag, { value: "ReadableStream", configurable: true });
  $.defineProperty(ReadableStream.prototype, $.asyncIterator, {
    value: ReadableStream.prototype.values,
    writable: true,
    configurable: true,
  });

  class ReadableStreamDefaultReader {
    #stream = null;
    #pending = [];
    #closed = deferred();

    constructor(stream) {
      if (!streamInternals.is(stream)) throw new $.TypeErrorCtor("ReadableStreamDefaultReader: not a ReadableStream");
      streamInternals.lock(stream, this);
      this.#stream = stream;
      const state = streamInternals.state(stream);
      if (state === "closed") this.#closed.resolve(undefined);
      if (state === "errored") this.#closed.reject(streamInternals.storedError(stream));
      $.promiseThen(this.#closed.promise, undefined, () => {});
    }

    get closed() {
      return this.#closed.promise;
    }

    read() {
      if (this.#stream === null) return $.promiseReject(new $.TypeErrorCtor("read: the reader is released"));
      const outcome = streamInternals.read(this.#stream);
      if (outcome.ready) return "error" in outcome ? $.promiseReject(outcome.error) : $.promiseResolve(outcome.result);
      const waiting = deferred();
      $.push(this.#pending, waiting);
      streamInternals.pull(this.#stream);
      return waiting.promise;
    }

    cancel(reason = undefined) {
      if (this.#stream === null) return $.promiseReject(new $.TypeErrorCtor("cancel: the reader is released"));
      return streamInternals.cancel(this.#stream, reason);
    }

    releaseLock() {
      if (this.#stream === null) return;
      const released = new $.TypeErrorCtor("the reader was released");
      for (let i = 0; i < this.#pending.length; i++) this.#pending[i].reject(released);
      this.#pending = [];
      if (streamInternals.state(this.#stream) === "readable") this.#closed.reject(released);
      else this.#closed = { promise: $.promiseReject(released) };
      $.promiseThen(this.#closed.promise, undefined, () => {});
      streamInternals.unlock(this.#stream);
      this.#stream = null;
    }

    static {
      streamInternals.pendingReads = (reader) => reader.#pending.length;
      streamInternals.fulfill = (reader, chunk) => {
        const waiting = reader.#pending[0];
        $.splice(reader.#pending, 0, 1);
        waiting.resolve({ value: chunk, done: false });
      };
      streamInternals.readerClosed = (reader) => {
        for (let i = 0; i < reader.#pending.length; i++) reader.#pending[i].resolve({ value: undefined, done: true });
        reader.#pending = [];
        reader.#closed.resolve(undefined);
      };
      streamInternals.readerErrored = (reader, reason) => {
        for (let i = 0; i < reader.#pending.length; i++) reader.#pending[i].reject(reason);
        reader.#pending = [];
        reader.#closed.reject(reason);
      };
    }
  }
  $.defineProperty(ReadableStreamDefaultReader.prototype, $.toStringTag, { value: "ReadableStreamDefaultReader", configurable: true });

  // A stream of one chunk of bytes (a body held in memory).
  jsbox.byteStream = (bytes) =>
    new ReadableStream({
      start(controller) {
        // A copy: the reader owns its chunk, and writing to it must not
        // change the Blob or the clone the bytes came from.
        if (bytes.length > 0) controller.enqueue($.u8Slice(bytes));
        controller.close();
      },
    });
  jsbox.isReadableStream = streamInternals.is;
  jsbox.streamDisturbed = (stream) => streamInternals.disturbed(stream);

  // All of a stream's bytes (each chunk must be a Uint8Array), locking it.
  jsbox.readAllBytes = async (stream) => {
    const reader = new ReadableStreamDefaultReader(stream);
    const chunks = [];
    for (;;) {
      const result = await reader.read();
      if (result.done) break;
      if (!(result.value instanceof $.Uint8ArrayCtor)) {
        throw new $.TypeErrorCtor("a body stream chunk must be a Uint8Array");
      }
      $.push(chunks, result.value);
    }
    return jsbox.concatBytes(chunks);
  };

  jsbox.expose("ReadableStream", ReadableStream);
  jsbox.expose("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  jsbox.expose("ReadableStreamDefaultController", ReadableStreamDefaultController);
});
