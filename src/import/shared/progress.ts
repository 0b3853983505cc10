/**
 * Progress of a long import. On a terminal: one bar redrawn in place (done /
 * total bytes, records, rate, ETA). Otherwise (logs, pipes): a plain line at
 * most every `intervalMs`.
 */
export type ProgressOutput = { write(text: string): unknown; isTTY?: boolean };

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput | null,
    private readonly totalBytes: number,
    private readonly intervalMs = 5000,
  ) {}

  private line(bytes: number, records: number): string {
    const seconds = (Date.now() - this.started) / 1000;
    const share = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 0;
    const rate = seconds > 0 ? records / seconds : 0;
    const eta = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
    return `${(share * 100).toFixed(1)} %  ${records} records  ${rate.toFixed(0)}/s  ETA ${duration(eta)}`;
  }

  /** Reports progress; cheap to call often (it draws at most a few times a second). */
  update(bytes: number, records: number): void {
    if (!this.out) return;
    const now = Date.now();
    const tty = this.out.isTTY === true;
    if (now - this.last < (tty ? 200 : this.intervalMs)) return;
    this.last = now;
    if (tty) {
      const share = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 0;
      const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '-');
      this.out.write(`\r[${bar}] ${this.line(bytes, records)}\u001b[K`);
      this.drawn = true;
    } else {
      this.out.write(`import: ${this.line(bytes, records)}\n`);
    }
  }

  /** Ends the bar's line. */
  finish(): void {
    if (this.drawn) this.out?.write('\n');
  }
}
