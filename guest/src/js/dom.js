// DOMException (WebIDL), Event and EventTarget (DOM, the parts a script
// without a document uses), and AbortController/AbortSignal (DOM §3.3):
// abort(), reason, throwIfAborted(), AbortSignal.abort/timeout/any.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;

  // Legacy codes of the names that have one (WebIDL's table).
  const CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24,
    DataCloneError: 25,
  };
  const CONSTANTS = {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
  };

  let isDOMException;
  class DOMException {
    #name;
    #message;

    constructor(message = undefined, options = undefined) {
      this.#message = message === undefined ? "" : $.StringCtor(message);
      if (options !== null && typeof options === "object") {
        const name = options.name;
        this.#name = name === undefined ? "Error" : $.StringCtor(name);
        if ("cause" in options) $.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true });
      } else {
        this.#name = options === undefined ? "Error" : $.StringCtor(options);
      }
      // A stack, as errors thrown by the engine have.
      const stack = new $.ErrorCtor().stack;
      if (typeof stack === "string") {
        $.defineProperty(this, "stack", { value: stack, writable: true, configurable: true });
      }
    }

    get name() {
      return this.#name;
    }

    get message() {
      return this.#message;
    }

    get code() {
      const code = CODES[this.#name];
      return code === undefined ? 0 : code;
    }

    static {
      isDOMException = (value) => value !== null && typeof value === "object" && #name in value;
    }
  }
  $.setPrototypeOf(DOMException.prototype, $.ErrorCtor.prototype);
  for (const name of $.keys(CONSTANTS)) {
    const constant = { value: CONSTANTS[name], enumerable: true };
    $.defineProperty(DOMException, name, constant);
    $.defineProperty(DOMException.prototype, name, constant);
  }
  $.defineProperty(DOMException.prototype, $.toStringTag, { value: "DOMException", configurable: true });
  for (const accessor of ["name", "message", "code"]) {
    const descriptor = $.getOwnPropertyDescriptor(DOMException.prototype, accessor);
    descriptor.enumerable = true;
    $.defineProperty(DOMException.prototype, accessor, descriptor);
  }
  jsbox.DOMException = DOMException;
  jsbox.isDOMException = isDOMException;
  jsbox.domError = (name, message) => new DOMException(message, name);

  // --- Event -------------------------------------------------------------

  let eventInternals;
  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #target = null;
    #currentTarget = null;
    #phase = 0;
    #canceled = false;
    #stopped = false;
    #stoppedImmediately = false;
    #dispatching = false;
    #inPassive = false;
    #trusted = false;
    #timeStamp;

    constructor(type, eventInitDict = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("Event: 1 argument required, but only 0 present");
      this.#type = $.StringCtor(type);
      const init = eventInitDict === undefined || eventInitDict === null ? {} : eventInitDict;
      if (typeof init !== "object" && typeof init !== "function") throw new $.TypeErrorCtor("Event: the init argument must be an object");
      this.#bubbles = !!init.bubbles;
      this.#cancelable = !!init.cancelable;
      this.#composed = !!init.composed;
      this.#timeStamp = native.now();
      $.defineProperty(this, "isTrusted", { get: isTrusted, enumerable: true, configurable: false });
    }

    static #trustedOf(event) {
      return event.#trusted;
    }

    get type() { return this.#type; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#canceled; }
    get returnValue() { return !this.#canceled; }
    set returnValue(value) { if (!value && this.#cancelable && !this.#inPassive) this.#canceled = true; }
    get cancelBubble() { return this.#stopped; }
    set cancelBubble(value) { if (value) this.#stopped = true; }
    get timeStamp() { return this.#timeStamp; }
    composedPath() { return this.#dispatching && this.#target !== null ? [this.#target] : []; }
    preventDefault() { if (this.#cancelable && !this.#inPassive) this.#canceled = true; }
    stopPropagation() { this.#stopped = true; }
    stopImmediatePropagation() { this.#stopped = true; this.#stoppedImmediately = true; }
    initEvent(type, bubbles = false, cancelable = false) {
      if (this.#dispatching) return;
      this.#type = $.StringCtor(type);
      this.#bubbles = !!bubbles;
      this.#cancelable = !!cancelable;
      this.#stopped = this.#stoppedImmediately = this.#canceled = false;
    }

    static {
      eventInternals = {
        isEvent: (value) => value !== null && typeof value === "object" && #type in value,
        begin(event, target) {
          event.#dispatching = true;
          event.#target = target;
          event.#currentTarget = target;
          event.#phase = 2;
        },
        end(event) {
          event.#dispatching = false;
          event.#currentTarget = null;
          event.#phase = 0;
          event.#stopped = false;
          event.#stoppedImmediately = false;
        },
        dispatching: (event) => event.#dispatching,
        stoppedImmediately: (event) => event.#stoppedImmediately,
        setPassive(event, passive) { event.#inPassive = passive; },
        canceled: (event) => event.#canceled,
        trust(event) {
          event.#trusted = true;
          return event;
        },
        trusted: (event) => Event.#trustedOf(event),
      };
    }
  }
  // An own accessor on every event (WebIDL [LegacyUnforgeable]): true for
  // events the platform dispatches (abort), false for a script's.
  function isTrusted() {
    return eventInternals.isEvent(this) ? eventInternals.trusted(this) : false;
  }
  const EVENT_CONSTANTS = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
  for (const name of $.keys(EVENT_CONSTANTS)) {
    const constant = { value: EVENT_CONSTANTS[name], enumerable: true };
    $.defineProperty(Event, name, constant);
    $.defineProperty(Event.prototype, name, constant);
  }
  $.defineProperty(Event.prototype, $.toStringTag, { value: "Event", configurable: true });

  class CustomEvent extends Event {
    #detail;

    constructor(type, eventInitDict = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("CustomEvent: 1 argument required, but only 0 present");
      super(type, eventInitDict);
      const init = eventInitDict === undefined || eventInitDict === null ? {} : eventInitDict;
      this.#detail = init.detail === undefined ? null : init.detail;
    }

    get detail() {
      return this.#detail;
    }

    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      this.initEvent(type, bubbles, cancelable);
      this.#detail = detail;
    }
  }
  $.defineProperty(CustomEvent.prototype, $.toStringTag, { value: "CustomEvent", configurable: true });

  function reportException(error) {
    // An exception in a listener is reported, not thrown to the dispatcher
    // (HTML's "report the exception"); here it fails the execution, as an
    // uncaught exception in a timer callback does.
    jsbox.fail(error);
  }

  let targetInternals;
  class EventTarget {
    // type -> [{callback, capture, once, passive, removed}]
    #listeners = new $.MapCtor();

    constructor() {}

    addEventListener(type, callback, options = undefined) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("addEventListener: 2 arguments required");
      if (callback === null || callback === undefined) return;
      if (typeof callback !== "function" && typeof callback !== "object") {
        throw new $.TypeErrorCtor("addEventListener: the listener must be an object or a function");
      }
      const flags = listenerFlags(options);
      if (flags.signal !== undefined && flags.signal !== null) {
        if (!isAbortSignal(flags.signal)) throw new $.TypeErrorCtor("addEventListener: signal must be an AbortSignal");
        if (flags.signal.aborted) return;
      }
      const key = $.StringCtor(type);
      let list = $.mapGet(this.#listeners, key);
      if (list === undefined) {
        list = [];
        $.mapSet(this.#listeners, key, list);
      }
      for (let i = 0; i < list.length; i++) {
        if (list[i].callback === callback && list[i].capture === flags.capture) return;
      }
      const entry = { callback, capture: flags.capture, once: flags.once, passive: flags.passive, removed: false };
      $.push(list, entry);
      if (flags.signal !== undefined && flags.signal !== null) {
        abortSteps(flags.signal, () => this.removeEventListener(key, callback, { capture: flags.capture }));
      }
    }

    removeEventListener(type, callback, options = undefined) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("removeEventListener: 2 arguments required");
      const capture = typeof options === "boolean" ? options : !!(options !== null && typeof options === "object" && options.capture);
      const list = $.mapGet(this.#listeners, $.StringCtor(type));
      if (list === undefined) return;
      for (let i = 0; i < list.length; i++) {
        if (list[i].callback === callback && list[i].capture === capture) {
          list[i].removed = true;
          $.splice(list, i, 1);
          return;
        }
      }
    }

    dispatchEvent(event) {
      if (!eventInternals.isEvent(event)) throw new $.TypeErrorCtor("dispatchEvent: the argument must be an Event");
      if (eventInternals.dispatching(event)) throw new DOMException("The event is already being dispatched", "InvalidStateError");
      dispatch(this, event);
      return !eventInternals.canceled(event);
    }

    static {
      targetInternals = { listeners: (target, type) => $.mapGet(target.#listeners, type) };
    }
  }
  $.defineProperty(EventTarget.prototype, $.toStringTag, { value: "EventTarget", configurable: true });

  function listenerFlags(options) {
    if (typeof options === "boolean") return { capture: options, once: false, passive: false, signal: undefined };
    if (options === null || options === undefined || typeof options !== "object") {
      return { capture: false, once: false, passive: false, signal: undefined };
    }
    return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal: options.signal };
  }

  function dispatch(target, event) {
    eventInternals.begin(event, target);
    const list = targetInternals.listeners(target, event.type);
    if (list !== undefined) {
      const snapshot = $.arraySlice(list);
      for (let i = 0; i < snapshot.length; i++) {
        const listener = snapshot[i];
        if (listener.removed) continue;
        if (listener.once) {
          const index = $.arrayIndexOf(list, listener);
          if (index >= 0) $.splice(list, index, 1);
          listener.removed = true;
        }
        eventInternals.setPassive(event, listener.passive);
        try {
          const callback = listener.callback;
          if (typeof callback === "function") {
            $.apply(callback, target, [event]);
          } else {
            const handle = callback.handleEvent;
            if (typeof handle !== "function") throw new $.TypeErrorCtor("the listener has no handleEvent method");
            $.apply(handle, callback, [event]);
          }
        } catch (error) {
          reportException(error);
        }
        eventInternals.setPassive(event, false);
        if (eventInternals.stoppedImmediately(event)) break;
      }
    }
    eventInternals.end(event);
  }

  // `onabort`-style attributes: one ordinary listener, registered when the
  // attribute is first set, calling whatever it holds then (so it keeps its
  // place in the listener order, as event handler attributes do).
  function defineHandlerAttribute(prototype, name) {
    const type = $.strSlice(name, 2);
    const handlers = new $.WeakMapCtor();
    $.defineProperty(prototype, name, {
      enumerable: true,
      configurable: true,
      get() {
        const entry = $.weakMapGet(handlers, this);
        return entry === undefined ? null : entry.value;
      },
      set(value) {
        let entry = $.weakMapGet(handlers, this);
        const callable = typeof value === "function" || (value !== null && typeof value === "object") ? value : null;
        if (entry === undefined) {
          if (callable === null) return;
          entry = { value: callable };
          $.weakMapSet(handlers, this, entry);
          // One listener for the attribute's lifetime, calling whatever the
          // attribute holds when the event fires.
          EventTarget.prototype.addEventListener.call(this, type, function (event) {
            const current = entry.value;
            if (typeof current === "function") return $.apply(current, this, [event]);
          });
        }
        entry.value = callable;
      },
    });
  }

  // --- AbortController / AbortSignal --------------------------------------

  let signalInternals;
  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    // The abort algorithms (dependent signals, fetch, listeners' signal).
    #steps = [];
    #dependent = false;
    #sources = [];
    #dependents = [];

    constructor(token = undefined) {
      if (token !== privateToken) throw new $.TypeErrorCtor("Illegal constructor");
      super();
    }

    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }

    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }

    static abort(reason = undefined) {
      const signal = new AbortSignal(privateToken);
      signal.#aborted = true;
      signal.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
      return signal;
    }

    static timeout(milliseconds) {
      const ms = enforceRange(milliseconds, "AbortSignal.timeout");
      const signal = new AbortSignal(privateToken);
      jsbox.setTimeout(() => {
        signalAbort(signal, new DOMException("The operation timed out.", "TimeoutError"));
      }, ms);
      return signal;
    }

    static any(signals) {
      const list = [];
      if (signals === null || signals === undefined || typeof signals[$.iterator] !== "function") {
        throw new $.TypeErrorCtor("AbortSignal.any: the argument must be a sequence of AbortSignals");
      }
      for (const signal of signals) {
        if (!isAbortSignal(signal)) throw new $.TypeErrorCtor("AbortSignal.any: every item must be an AbortSignal");
        $.push(list, signal);
      }
      return AbortSignal.#anyOf(list);
    }

    // `any` for a list the shims made (an Array, read by index).
    static #anyOf(list) {
      const result = new AbortSignal(privateToken);
      for (let i = 0; i < list.length; i++) {
        if (list[i].#aborted) {
          result.#aborted = true;
          result.#reason = list[i].#reason;
          return result;
        }
      }
      result.#dependent = true;
      for (let i = 0; i < list.length; i++) {
        const source = list[i];
        const roots = source.#dependent ? source.#sources : [source];
        for (let j = 0; j < roots.length; j++) {
          const root = roots[j];
          if ($.arrayIndexOf(result.#sources, root) >= 0) continue;
          $.push(result.#sources, root);
          $.push(root.#dependents, result);
        }
      }
      return result;
    }

    static {
      signalInternals = {
        is: (value) => value !== null && typeof value === "object" && #aborted in value,
        fresh: () => new AbortSignal(privateToken),
        anyOf: (list) => AbortSignal.#anyOf(list),
        // Adds an abort step; returns the function that removes it again
        // (an operation that settled first must not keep its step, and
        // what the step holds, alive for as long as the signal lives).
        steps: (signal, step) => {
          if (signal.#aborted) return () => {};
          $.push(signal.#steps, step);
          return () => {
            const at = $.arrayIndexOf(signal.#steps, step);
            if (at >= 0) $.splice(signal.#steps, at, 1);
          };
        },
        state: (signal) => ({ aborted: signal.#aborted, reason: signal.#reason }),
        abort(signal, reason) {
          if (signal.#aborted) return;
          signal.#aborted = true;
          signal.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
          const dependents = [];
          for (let i = 0; i < signal.#dependents.length; i++) {
            const dependent = signal.#dependents[i];
            if (!dependent.#aborted) {
              dependent.#aborted = true;
              dependent.#reason = signal.#reason;
              $.push(dependents, dependent);
            }
          }
          runAbortSteps(signal);
          for (let i = 0; i < dependents.length; i++) runAbortSteps(dependents[i]);
        },
        runSteps(signal) {
          const steps = signal.#steps;
          signal.#steps = [];
          for (let i = 0; i < steps.length; i++) {
            try {
              steps[i]();
            } catch (error) {
              reportException(error);
            }
          }
        },
      };
    }
  }
  defineHandlerAttribute(AbortSignal.prototype, "onabort");
  $.defineProperty(AbortSignal.prototype, $.toStringTag, { value: "AbortSignal", configurable: true });
  const privateToken = {};
  const isAbortSignal = signalInternals.is;

  function runAbortSteps(signal) {
    signalInternals.runSteps(signal);
    dispatch(signal, eventInternals.trust(new Event("abort")));
  }

  function abortSteps(signal, step) {
    return signalInternals.steps(signal, step);
  }

  function signalAbort(signal, reason) {
    signalInternals.abort(signal, reason);
  }

  function enforceRange(value, what) {
    const number = $.NumberCtor(value);
    if (!$.isFinite(number) || number < 0 || number > 18446744073709551615) {
      throw new $.TypeErrorCtor(what + ": the value is out of range for an unsigned long long");
    }
    return $.MathTrunc(number);
  }

  class AbortController {
    #signal = new AbortSignal(privateToken);

    get signal() {
      return this.#signal;
    }

    abort(reason = undefined) {
      signalAbort(this.#signal, reason);
    }
  }
  $.defineProperty(AbortController.prototype, $.toStringTag, { value: "AbortController", configurable: true });

  jsbox.isAbortSignal = isAbortSignal;
  jsbox.newSignal = signalInternals.fresh;
  jsbox.anySignal = signalInternals.anyOf;
  jsbox.onAbort = abortSteps;
  jsbox.abortState = signalInternals.state;

  jsbox.expose("DOMException", DOMException);
  jsbox.expose("Event", Event);
  jsbox.expose("CustomEvent", CustomEvent);
  jsbox.expose("EventTarget", EventTarget);
  jsbox.expose("AbortController", AbortController);
  jsbox.expose("AbortSignal", AbortSignal);
});
