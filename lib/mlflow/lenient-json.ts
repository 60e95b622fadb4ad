/**
 * JSON as Python's `json.dumps` writes it by default: the bare tokens `NaN`, `Infinity` and `-Infinity` outside
 * strings, which `JSON.parse` refuses. MLflow's own client sends non-finite values as proto JSON strings ("NaN"),
 * but a script posting `json.dumps(body)` does not: the tokens become those strings, which the contract reads as
 * the numbers they are. Everything else parses exactly as JSON.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const rewritten = quoteNonFiniteTokens(text);
    if (rewritten === text) throw error;
    return JSON.parse(rewritten);
  }
}

function quoteNonFiniteTokens(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    const token = ["-Infinity", "Infinity", "NaN"].find((t) => text.startsWith(t, i));
    if (token) {
      out += `"${token}"`;
      i += token.length - 1;
    } else out += c;
  }
  return out;
}
