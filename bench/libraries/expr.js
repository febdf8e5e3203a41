// Scenario L (a mathjs-like workload): an expression library — tokenizer,
// precedence-climbing parser to an AST, evaluator with a scope and
// functions, symbolic derivative and simplifier — and an execute that parses,
// differentiates and evaluates generated formulas. Allocation-heavy: many
// small objects and strings (GC).
const Expr = (() => {
  const FUNCTIONS = {
    sin: Math.sin, cos: Math.cos, exp: Math.exp, sqrt: Math.sqrt,
    log: (x) => Math.log(Math.abs(x) + 1e-12), abs: Math.abs,
  };
  const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 3 };

  function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === " ") { i++; continue; }
      if ((c >= "0" && c <= "9") || c === ".") {
        let j = i;
        while (j < text.length && ((text[j] >= "0" && text[j] <= "9") || text[j] === ".")) j++;
        tokens.push({ type: "num", value: parseFloat(text.slice(i, j)) });
        i = j;
      } else if (/[a-z]/.test(c)) {
        let j = i;
        while (j < text.length && /[a-z0-9]/.test(text[j])) j++;
        tokens.push({ type: "name", value: text.slice(i, j) });
        i = j;
      } else if ("+-*/^(),".includes(c)) {
        tokens.push({ type: "op", value: c });
        i++;
      } else {
        throw new SyntaxError(`unexpected ${c} at ${i}`);
      }
    }
    return tokens;
  }

  function parse(text) {
    const tokens = tokenize(text);
    let pos = 0;
    const peek = () => tokens[pos];
    const expect = (v) => {
      const t = tokens[pos++];
      if (!t || t.value !== v) throw new SyntaxError(`expected ${v}`);
    };
    function primary() {
      const t = tokens[pos++];
      if (!t) throw new SyntaxError("unexpected end");
      if (t.type === "num") return { kind: "num", value: t.value };
      if (t.type === "name") {
        if (peek() && peek().value === "(") {
          pos++;
          const arg = expression(0);
          expect(")");
          return { kind: "call", name: t.value, arg };
        }
        return { kind: "var", name: t.value };
      }
      if (t.value === "(") {
        const inner = expression(0);
        expect(")");
        return inner;
      }
      if (t.value === "-") return { kind: "neg", arg: expression(3) };
      throw new SyntaxError(`unexpected ${t.value}`);
    }
    function expression(min) {
      let left = primary();
      for (;;) {
        const t = peek();
        if (!t || t.type !== "op" || !(t.value in PRECEDENCE) || PRECEDENCE[t.value] < min) return left;
        pos++;
        const p = PRECEDENCE[t.value];
        const right = expression(t.value === "^" ? p : p + 1);
        left = { kind: "bin", op: t.value, left, right };
      }
    }
    const tree = expression(0);
    if (pos !== tokens.length) throw new SyntaxError("trailing input");
    return tree;
  }

  function evaluate(node, scope) {
    switch (node.kind) {
      case "num": return node.value;
      case "var": return scope[node.name] ?? 0;
      case "neg": return -evaluate(node.arg, scope);
      case "call": return FUNCTIONS[node.name](evaluate(node.arg, scope));
      case "bin": {
        const a = evaluate(node.left, scope), b = evaluate(node.right, scope);
        switch (node.op) {
          case "+": return a + b;
          case "-": return a - b;
          case "*": return a * b;
          case "/": return a / b;
          default: return Math.pow(a, b);
        }
      }
    }
  }

  const num = (value) => ({ kind: "num", value });
  const bin = (op, left, right) => simplify({ kind: "bin", op, left, right });
  function simplify(n) {
    if (n.kind !== "bin") return n;
    const { op, left: l, right: r } = n;
    if (l.kind === "num" && r.kind === "num" && op !== "^") return num(evaluate(n, {}));
    if (op === "*" && ((l.kind === "num" && l.value === 0) || (r.kind === "num" && r.value === 0))) return num(0);
    if (op === "*" && l.kind === "num" && l.value === 1) return r;
    if ((op === "*" || op === "/") && r.kind === "num" && r.value === 1) return l;
    if ((op === "+" || op === "-") && r.kind === "num" && r.value === 0) return l;
    if (op === "+" && l.kind === "num" && l.value === 0) return r;
    return n;
  }

  function derive(n, x) {
    switch (n.kind) {
      case "num": return num(0);
      case "var": return num(n.name === x ? 1 : 0);
      case "neg": return { kind: "neg", arg: derive(n.arg, x) };
      case "call": {
        const inner = derive(n.arg, x);
        const outer = {
          sin: () => ({ kind: "call", name: "cos", arg: n.arg }),
          cos: () => ({ kind: "neg", arg: { kind: "call", name: "sin", arg: n.arg } }),
          exp: () => n,
          sqrt: () => bin("/", num(0.5), n),
          log: () => bin("/", num(1), n.arg),
          abs: () => bin("/", n.arg, n),
        }[n.name]();
        return bin("*", outer, inner);
      }
      case "bin": {
        const { op, left: u, right: v } = n;
        const du = derive(u, x), dv = derive(v, x);
        if (op === "+" || op === "-") return bin(op, du, dv);
        if (op === "*") return bin("+", bin("*", du, v), bin("*", u, dv));
        if (op === "/") return bin("/", bin("-", bin("*", du, v), bin("*", u, dv)), bin("^", v, num(2)));
        // u^v with a constant exponent.
        return bin("*", bin("*", v, bin("^", u, bin("-", v, num(1)))), du);
      }
    }
  }

  function print(n) {
    switch (n.kind) {
      case "num": return String(n.value);
      case "var": return n.name;
      case "neg": return `-(${print(n.arg)})`;
      case "call": return `${n.name}(${print(n.arg)})`;
      case "bin": return `(${print(n.left)} ${n.op} ${print(n.right)})`;
    }
  }
  return { parse, evaluate, derive, simplify, print };
})();

// Deterministic formulas: a linear congruential generator picks the shapes.
function formulas(count, seed) {
  let state = seed;
  const next = (n) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  const leaf = () => (next(3) === 0 ? String(1 + next(9)) : ["x", "y", "x", "z"][next(4)]);
  function grow(depth) {
    if (depth === 0) return leaf();
    switch (next(6)) {
      case 0: return `${["sin", "cos", "exp", "sqrt", "log"][next(5)]}(${grow(depth - 1)})`;
      case 1: return `(${grow(depth - 1)})^${1 + next(3)}`;
      default: return `${grow(depth - 1)} ${["+", "-", "*", "/"][next(4)]} ${grow(depth - 1)}`;
    }
  }
  return Array.from({ length: count }, () => grow(4));
}

function execute(args) {
  let total = 0, nodes = 0;
  const texts = formulas(args.count || 400, args.seed || 7);
  for (const text of texts) {
    const tree = Expr.parse(text);
    const slope = Expr.derive(tree, "x");
    const printed = Expr.print(slope);
    nodes += printed.length;
    for (let i = 0; i < 10; i++) {
      const scope = { x: i / 10, y: 2 - i / 10, z: 0.5 };
      const value = Expr.evaluate(tree, scope) + Expr.evaluate(slope, scope);
      if (Number.isFinite(value) && Math.abs(value) < 1e9) total += value;
    }
  }
  return { formulas: texts.length, printed: nodes, total: Math.round(total * 1e6) / 1e6 };
}
