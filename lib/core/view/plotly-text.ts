/**
 * Text for Plotly's titles, axis titles, legend names, annotations and hover text, shown as written. Plotly reads a
 * subset of HTML there (`<a href>`, `<b>`, `<br>`, `<span style>`) and decodes entities after it has split the
 * tags, so a metric, run or group named `<a href="…">` would become a live link; escaping `&`, `<` and `>` keeps it
 * text. Parts written for Plotly (`<br>`, `%{y}`, `<extra></extra>`) go around the escaped text, never through it.
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
