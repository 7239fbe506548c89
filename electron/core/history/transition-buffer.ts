/**
 * Shard state records as parallel typed arrays (time, shard id, code): what
 * the transition store buffers before a flush and what its reads collect,
 * without an object per record.
 */

/** A growable list of `(t, shard, code)` records. */
export class TransitionBuffer {
  t = new Float64Array(64);
  shard = new Int32Array(64);
  code = new Uint8Array(64);
  n = 0;

  push(t: number, shard: number, code: number): void {
    if (this.n === this.t.length) {
      const size = this.n * 2;
      const t2 = new Float64Array(size);
      t2.set(this.t);
      this.t = t2;
      const s2 = new Int32Array(size);
      s2.set(this.shard);
      this.shard = s2;
      const c2 = new Uint8Array(size);
      c2.set(this.code);
      this.code = c2;
    }
    this.t[this.n] = t;
    this.shard[this.n] = shard;
    this.code[this.n] = code;
    this.n++;
  }

  /** Put the records in time order (stable) unless they already are. */
  sortByTime(): void {
    let sorted = true;
    for (let i = 1; i < this.n && sorted; i++)
      sorted = (this.t[i - 1] as number) <= (this.t[i] as number);
    if (sorted) return;
    const idx = Array.from({ length: this.n }, (_, i) => i).sort(
      (a, b) => (this.t[a] as number) - (this.t[b] as number) || a - b,
    );
    const t = Float64Array.from(idx, (i) => this.t[i] as number);
    const shard = Int32Array.from(idx, (i) => this.shard[i] as number);
    const code = Uint8Array.from(idx, (i) => this.code[i] as number);
    this.t.set(t);
    this.shard.set(shard);
    this.code.set(code);
  }

  /** Drop the oldest `k` records. */
  dropOldest(k: number): void {
    const m = Math.min(k, this.n);
    this.t.copyWithin(0, m, this.n);
    this.shard.copyWithin(0, m, this.n);
    this.code.copyWithin(0, m, this.n);
    this.n -= m;
  }
}
