/**
 * A small terminal screen for the pseudo-terminal tests: it applies what a program writes (text, CR, LF, BS, TAB,
 * and the CSI sequences readline uses — cursor moves `A` `B` `C` `D` `G` `H`, erases `J` `K`; colours `m` and any
 * other sequence are ignored) to a grid of `rows` × `cols` cells, so tests can read the screen a person would see:
 * `lines()`, `cursorLine()`, the line the cursor is on, and `cursorColumn()`. Lines that scroll off the top are kept in `scrollback`.
 * Characters are one cell each (the tests type ASCII).
 */
export class Screen {
  private grid: string[][];
  private row = 0;
  private col = 0;
  /** xterm's deferred wrap: the last column was written, the next character goes to the next line. */
  private pendingWrap = false;
  readonly scrollback: string[] = [];
  private carry = '';

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => this.blank());
  }

  private blank(): string[] {
    return new Array<string>(this.cols).fill(' ');
  }

  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.scrollback.push(this.grid.shift()!.join('').trimEnd());
      this.grid.push(this.blank());
    } else {
      this.row++;
    }
  }

  private put(ch: string): void {
    if (this.pendingWrap) {
      this.pendingWrap = false;
      this.col = 0;
      this.lineFeed();
    }
    this.grid[this.row]![this.col] = ch;
    if (this.col === this.cols - 1) this.pendingWrap = true;
    else this.col++;
  }

  /** Applies output written by the program. */
  write(data: string): void {
    const text = this.carry + data;
    this.carry = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\x1b') {
        const csi = /^\x1b\[([?0-9;]*)([@-~])/.exec(text.slice(i));
        if (csi) {
          this.csi(csi[1]!, csi[2]!);
          i += csi[0].length;
          continue;
        }
        // An escape cut at the end of a chunk: keep it for the next one.
        if (/^\x1b(\[[?0-9;]*)?$/.test(text.slice(i))) {
          this.carry = text.slice(i);
          return;
        }
        i += 2; // another two-character escape: ignored
        continue;
      }
      i++;
      if (ch === '\r') {
        this.col = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.pendingWrap = false;
        this.lineFeed();
      } else if (ch === '\b') {
        this.col = Math.max(0, this.col - 1);
        this.pendingWrap = false;
      } else if (ch === '\t') {
        this.col = Math.min(this.cols - 1, (Math.floor(this.col / 8) + 1) * 8);
      } else if (ch === '\x07' || ch < ' ') {
        // bell and other controls: nothing to draw
      } else {
        this.put(ch);
      }
    }
  }

  private csi(params: string, final: string): void {
    const nums = params.replace('?', '').split(';').map((p) => (p === '' ? NaN : Number(p)));
    const n = Number.isNaN(nums[0]!) ? 1 : nums[0]!;
    this.pendingWrap = false;
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + n);
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'G':
        this.col = Math.min(this.cols - 1, Math.max(0, n - 1));
        break;
      case 'H': {
        const r = Number.isNaN(nums[0]!) ? 1 : nums[0]!;
        const c = Number.isNaN(nums[1] ?? NaN) ? 1 : nums[1]!;
        this.row = Math.min(this.rows - 1, Math.max(0, r - 1));
        this.col = Math.min(this.cols - 1, Math.max(0, c - 1));
        break;
      }
      case 'K': {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        const line = this.grid[this.row]!;
        const [from, to] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
        for (let c = from; c < to; c++) line[c] = ' ';
        break;
      }
      case 'J': {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        if (mode === 0) {
          for (let c = this.col; c < this.cols; c++) this.grid[this.row]![c] = ' ';
          for (let r = this.row + 1; r < this.rows; r++) this.grid[r] = this.blank();
        } else if (mode === 2 || mode === 3) {
          this.grid = Array.from({ length: this.rows }, () => this.blank());
        }
        break;
      }
      default:
        // m (colours), h/l (modes) and the rest change nothing a test reads.
        break;
    }
  }

  /** The screen's lines, trailing spaces trimmed. */
  lines(): string[] {
    return this.grid.map((l) => l.join('').trimEnd());
  }

  /** Everything shown so far: the scrollback, then the screen, as one text. */
  text(): string {
    return [...this.scrollback, ...this.lines()].join('\n');
  }

  /** The cursor's column (0-based). */
  cursorColumn(): number {
    return this.col;
  }

  /** The line the cursor is on. */
  cursorLine(): string {
    return this.grid[this.row]!.join('').trimEnd();
  }
}
