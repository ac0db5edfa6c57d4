/** Lines and columns of byte offsets, for files and for records of git history. */
const NEWLINE = 0x0a;

/** 1-based line and column (in characters) of each offset; `offsets` ascending. */
export function linePositions(data: Buffer, offsets: readonly number[]): Array<{ line: number; column: number }> {
  let line = 1;
  let lineStart = 0;
  return offsets.map((offset) => {
    for (let nl = data.indexOf(NEWLINE, lineStart); nl !== -1 && nl < offset; nl = data.indexOf(NEWLINE, lineStart)) {
      line += 1;
      lineStart = nl + 1;
    }
    return { line, column: Array.from(data.toString('utf8', lineStart, offset)).length + 1 };
  });
}
