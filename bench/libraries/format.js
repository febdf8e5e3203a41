// Scenario L (a prettier-like workload): a formatter for a JavaScript subset
// — tokenizer, recursive-descent parser to an AST, a document IR of groups,
// indents and line breaks, and a printer that breaks a group only when it
// does not fit the line — and an execute that formats a generated,
// minified program. String building, recursion and many short-lived objects.
const Format = (() => {
  const PUNCT = ["===", "!==", "=>", "<=", ">=", "&&", "||", "{", "}", "(", ")", "[", "]", ";", ",", ":", ".", "=", "+", "-", "*", "/", "<", ">", "!", "?"];
  const KEYWORDS = new Set(["function", "return", "if", "else", "let", "const", "for", "of", "new"]);

  function tokenize(src) {
    const out = [];
    let i = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === " " || c === "\n" || c === "\t") { i++; continue; }
      if (/[A-Za-z_$]/.test(c)) {
        let j = i + 1;
        while (j < src.length && /[A-Za-z0-9_$]/.test(src[j])) j++;
        const word = src.slice(i, j);
        out.push({ t: KEYWORDS.has(word) ? "kw" : "id", v: word });
        i = j;
      } else if (/[0-9]/.test(c)) {
        let j = i + 1;
        while (j < src.length && /[0-9.]/.test(src[j])) j++;
        out.push({ t: "num", v: src.slice(i, j) });
        i = j;
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        while (src[j] !== c) j += src[j] === "\\" ? 2 : 1;
        out.push({ t: "str", v: '"' + src.slice(i + 1, j).replace(/"/g, '\\"') + '"' });
        i = j + 1;
      } else {
        const p = PUNCT.find((p) => src.startsWith(p, i));
        if (!p) throw new SyntaxError(`unexpected ${c}`);
        out.push({ t: "p", v: p });
        i += p.length;
      }
    }
    return out;
  }

  function parse(src) {
    const toks = tokenize(src);
    let k = 0;
    const at = (v) => toks[k] && toks[k].v === v;
    const eat = (v) => {
      if (!at(v)) throw new SyntaxError(`expected ${v} at token ${k}, got ${toks[k] && toks[k].v}`);
      return toks[k++];
    };
    const list = (close, item) => {
      const items = [];
      while (!at(close)) {
        items.push(item());
        if (!at(close)) eat(",");
      }
      eat(close);
      return items;
    };
    function block() {
      eat("{");
      const body = [];
      while (!at("}")) body.push(statement());
      eat("}");
      return body;
    }
    function statement() {
      if (at("function")) {
        k++;
        const name = toks[k++].v;
        eat("(");
        return { type: "fn", name, params: list(")", () => toks[k++].v), body: block() };
      }
      if (at("return")) { k++; const arg = expr(); eat(";"); return { type: "return", arg }; }
      if (at("let") || at("const")) {
        const kind = toks[k++].v, name = toks[k++].v;
        eat("=");
        const init = expr();
        eat(";");
        return { type: "decl", kind, name, init };
      }
      if (at("if")) {
        k++; eat("(");
        const test = expr();
        eat(")");
        const then = block();
        let otherwise = null;
        if (at("else")) { k++; otherwise = at("if") ? [statement()] : block(); }
        return { type: "if", test, then, otherwise };
      }
      if (at("for")) {
        k++; eat("("); eat("const");
        const name = toks[k++].v;
        eat("of");
        const of = expr();
        eat(")");
        return { type: "for", name, of, body: block() };
      }
      const e = expr();
      eat(";");
      return { type: "expr", e };
    }
    const BINARY = [["||"], ["&&"], ["===", "!=="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/"]];
    function expr() {
      const test = binary(0);
      if (at("?")) { k++; const a = expr(); eat(":"); return { type: "cond", test, a, b: expr() }; }
      if (at("=")) { k++; return { type: "assign", target: test, value: expr() }; }
      return test;
    }
    function binary(level) {
      if (level === BINARY.length) return unary();
      let left = binary(level + 1);
      while (toks[k] && toks[k].t === "p" && BINARY[level].includes(toks[k].v)) {
        const op = toks[k++].v;
        left = { type: "bin", op, left, right: binary(level + 1) };
      }
      return left;
    }
    function unary() {
      if (at("!") || at("-")) { const op = toks[k++].v; return { type: "unary", op, arg: unary() }; }
      return postfix(primary());
    }
    function postfix(e) {
      for (;;) {
        if (at(".")) { k++; e = { type: "member", obj: e, prop: toks[k++].v }; }
        else if (at("(")) { k++; e = { type: "call", callee: e, args: list(")", expr) }; }
        else if (at("[")) { k++; const index = expr(); eat("]"); e = { type: "index", obj: e, index }; }
        else return e;
      }
    }
    function primary() {
      const t = toks[k++];
      if (t.t === "num" || t.t === "str") return { type: "lit", v: t.v };
      if (t.t === "id") {
        if (at("=>")) { k++; return { type: "arrow", params: [t.v], body: expr() }; }
        return { type: "id", v: t.v };
      }
      if (t.v === "(") {
        // `(a, b) => body`: identifiers and commas up to `)` then `=>`.
        let j = k;
        while (toks[j] && (toks[j].t === "id" || toks[j].v === ",")) j++;
        if (toks[j] && toks[j].v === ")" && toks[j + 1] && toks[j + 1].v === "=>") {
          const params = list(")", () => toks[k++].v);
          eat("=>");
          return { type: "arrow", params, body: expr() };
        }
        const e = expr();
        eat(")");
        return e;
      }
      if (t.v === "[") return { type: "array", items: list("]", expr) };
      if (t.v === "{") {
        return { type: "object", props: list("}", () => { const key = toks[k++].v; eat(":"); return { key, value: expr() }; }) };
      }
      if (t.v === "new") { const callee = primary(); eat("("); return { type: "new", callee, args: list(")", expr) }; }
      throw new SyntaxError(`unexpected ${t.v}`);
    }
    const program = [];
    while (k < toks.length) program.push(statement());
    return program;
  }

  // The document IR: strings, arrays (concatenation), and a few node kinds.
  const group = (doc) => ({ d: "group", doc });
  const indent = (doc) => ({ d: "indent", doc });
  const line = { d: "line" }, softline = { d: "softline" }, hardline = { d: "hardline" };
  const join = (sep, docs) => docs.flatMap((doc, i) => (i === 0 ? [doc] : [sep, doc]));

  // `(a, b)` flat, one item a line when broken; objects keep spaces inside braces.
  function commaList(open, items, close, edge = softline) {
    if (items.length === 0) return open + close;
    return group([open, indent([edge, join([",", line], items)]), edge, close]);
  }
  function body(statements) {
    if (statements.length === 0) return "{}";
    return ["{", indent([hardline, join(hardline, statements.map(stmtDoc))]), hardline, "}"];
  }
  function stmtDoc(s) {
    switch (s.type) {
      case "fn": return ["function ", s.name, commaList("(", s.params, ")"), " ", body(s.body)];
      case "return": return ["return ", exprDoc(s.arg), ";"];
      case "decl": return group([s.kind, " ", s.name, " =", indent([line, exprDoc(s.init)]), ";"]);
      case "if": {
        const doc = ["if (", group(exprDoc(s.test)), ") ", body(s.then)];
        if (s.otherwise) doc.push(" else ", s.otherwise.length === 1 && s.otherwise[0].type === "if" ? stmtDoc(s.otherwise[0]) : body(s.otherwise));
        return doc;
      }
      case "for": return ["for (const ", s.name, " of ", exprDoc(s.of), ") ", body(s.body)];
      default: return [exprDoc(s.e), ";"];
    }
  }
  function exprDoc(e) {
    switch (e.type) {
      case "lit": case "id": return e.v;
      case "bin": return group([exprDoc(e.left), " ", e.op, indent([line, exprDoc(e.right)])]);
      case "unary": return [e.op, exprDoc(e.arg)];
      case "cond": return group([exprDoc(e.test), indent([line, "? ", exprDoc(e.a), line, ": ", exprDoc(e.b)])]);
      case "assign": return group([exprDoc(e.target), " =", indent([line, exprDoc(e.value)])]);
      case "member": return [exprDoc(e.obj), ".", e.prop];
      case "index": return [exprDoc(e.obj), "[", exprDoc(e.index), "]"];
      case "call": return [exprDoc(e.callee), commaList("(", e.args.map(exprDoc), ")")];
      case "new": return ["new ", exprDoc(e.callee), commaList("(", e.args.map(exprDoc), ")")];
      case "arrow": {
        const params = e.params.length === 1 ? e.params[0] : "(" + e.params.join(", ") + ")";
        const result = e.body.type === "object" ? ["(", exprDoc(e.body), ")"] : exprDoc(e.body);
        return group([params, " =>", indent([line, result])]);
      }
      case "array": return commaList("[", e.items.map(exprDoc), "]");
      case "object": return commaList("{", e.props.map((p) => [p.key, ": ", exprDoc(p.value)]), "}", line);
    }
  }

  // Does `doc` fit in `width` columns when printed flat?
  function fits(doc, width) {
    const stack = [doc];
    while (width >= 0 && stack.length) {
      const d = stack.pop();
      if (typeof d === "string") width -= d.length;
      else if (Array.isArray(d)) for (let i = d.length - 1; i >= 0; i--) stack.push(d[i]);
      else if (d.d === "line") width -= 1;
      else if (d.d === "hardline") return true;
      else if (d.d !== "softline") stack.push(d.doc);
    }
    return width >= 0;
  }
  function print(doc, width) {
    const out = [];
    let column = 0;
    const stack = [[0, false, doc]];
    while (stack.length) {
      const [ind, flat, d] = stack.pop();
      if (typeof d === "string") { out.push(d); column += d.length; }
      else if (Array.isArray(d)) for (let i = d.length - 1; i >= 0; i--) stack.push([ind, flat, d[i]]);
      else if (d.d === "indent") stack.push([ind + 2, flat, d.doc]);
      else if (d.d === "group") stack.push([ind, flat || fits(d.doc, width - column), d.doc]);
      else if (d.d === "hardline" || !flat) {
        if (d.d === "softline" && flat) continue;
        out.push("\n" + " ".repeat(ind));
        column = ind;
      } else if (d.d === "line") { out.push(" "); column += 1; }
    }
    return out.join("");
  }
  return { format: (src, width = 80) => print(join(hardline, parse(src).map(stmtDoc)), width) + "\n" };
})();

// A minified program: `count` functions built from a few templates.
function program(count) {
  const parts = [];
  for (let i = 0; i < count; i++) {
    parts.push(
      `function handler${i}(request,context,options){const items=request.items.filter(item=>item.active&&item.price>${i % 50});` +
      `let total=items.map(item=>item.price*item.quantity).reduce((a,b)=>a+b,0);` +
      `if(total>${100 + i}&&options.discount){total=total-total*options.discount/100;}else if(total<${i}){return {status:"small",total:total,items:items.length};}` +
      `for(const item of items){context.log("item "+item.id+" of "+request.id,{price:item.price,quantity:item.quantity,label:item.label});}` +
      `return {status:total>${1000 + i}?"large":"ok",total:Math.round(total*100)/100,currency:options.currency||"EUR",items:items.map(item=>({id:item.id,name:item.name}))};}`,
    );
  }
  return parts.join("");
}

function execute(args) {
  const source = program(args.functions || 60);
  const formatted = Format.format(source, args.width || 80);
  // Formatting is idempotent: the formatted program formats to itself.
  const again = Format.format(formatted, args.width || 80);
  return { input: source.length, output: formatted.length, lines: formatted.split("\n").length, stable: again === formatted };
}
