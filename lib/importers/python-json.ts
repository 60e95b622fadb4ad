// Python's json module writes float('nan') and float('inf') as the bare tokens NaN, Infinity and -Infinity,
// which JSON.parse rejects. The fast path is plain JSON.parse; only text it rejects is rewritten: bare tokens
// outside strings become strings that no real text contains (a leading NUL), and a reviver turns them back.

const SENTINELS = new Map<string, number>([
  ["\u0000NaN", NaN],
  ["\u0000Infinity", Infinity],
  ["\u0000-Infinity", -Infinity],
]);

const TOKENS: readonly [string, string][] = [
  ["-Infinity", '"\\u0000-Infinity"'],
  ["Infinity", '"\\u0000Infinity"'],
  ["NaN", '"\\u0000NaN"'],
];

function revive(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.charCodeAt(0) === 0 ? (SENTINELS.get(value) ?? value) : value;
}

/** Rewrites bare NaN/Infinity tokens outside strings; returns the text unchanged when there are none. */
function quoteNonFinite(text: string): string {
  let out = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c !== 0x4e /* N */ && c !== 0x49 /* I */ && c !== 0x2d /* - */) continue;
    const hit = TOKENS.find(([token]) => text.startsWith(token, i));
    if (!hit) continue;
    out += text.slice(from, i) + hit[1];
    i += hit[0].length - 1;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** JSON.parse that also accepts Python's NaN, Infinity and -Infinity. Throws SyntaxError like JSON.parse. */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const rewritten = quoteNonFinite(text);
    if (rewritten === text) throw error;
    return JSON.parse(rewritten, revive);
  }
}
