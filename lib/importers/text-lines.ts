/**
 * Splits UTF-8 bytes arriving in arbitrary chunks into lines (LF or CRLF), numbering them from 1. A chunk
 * boundary may fall inside a multi-byte character or between CR and LF; the partial tail waits for the next
 * chunk. A leading byte-order mark is dropped.
 */
export class TextLineSplitter {
  private readonly decoder = new TextDecoder();
  private tail = "";
  private lineNumber = 0;

  push(chunk: Uint8Array, onLine: (line: string, lineNumber: number) => void): void {
    // Searching from the old tail's end keeps a long line spread over many chunks linear, not quadratic.
    this.split(this.tail + this.decoder.decode(chunk, { stream: true }), this.tail.length, onLine);
  }

  end(onLine: (line: string, lineNumber: number) => void): void {
    this.split(this.tail + this.decoder.decode(), this.tail.length, onLine);
    if (this.tail !== "") onLine(this.tail, ++this.lineNumber);
    this.tail = "";
  }

  private split(text: string, searchFrom: number, onLine: (line: string, lineNumber: number) => void): void {
    let from = 0;
    for (let nl = text.indexOf("\n", searchFrom); nl >= 0; nl = text.indexOf("\n", from)) {
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(from, end), ++this.lineNumber);
      from = nl + 1;
    }
    this.tail = text.slice(from);
  }
}
