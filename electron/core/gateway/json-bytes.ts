/**
 * Reading JSON straight from UTF-8 bytes, for the shard-info decoder
 * (`shard-info-decoder.ts`): whitespace, strings without escapes, numbers as
 * `JSON.parse` reads them, any value skipped and validated. Anything it does
 * not take (an escape, a control character, a key that could reach a
 * prototype, nesting past `MAX_JSON_DEPTH`, invalid JSON) throws
 * {@link NOT_MINE}: the frame is then left to the general path (`codec.ts`).
 */
import { MAX_JSON_DEPTH } from './codec';

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;

/** Thrown inside the parser: the frame is not one this decoder takes. */
export class NotMine extends Error {}
export const NOT_MINE = new NotMine();

/** A position in a frame's bytes and the nesting around it. */
export class JsonBytesReader {
  protected i = 0;
  protected depth = 0;

  constructor(protected readonly b: Uint8Array) {}

  /** Bytes [s, e) as a string. */
  protected text(s: number, e: number): string {
    return Buffer.from(this.b.buffer, this.b.byteOffset + s, e - s).toString('utf8');
  }

  protected spells(s: number, e: number, word: Uint8Array): boolean {
    if (e - s !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.b[s + k] !== word[k]) return false;
    return true;
  }

  protected spellsText(s: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.b[s + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  /** A key that could reach a prototype: the general path drops it (and says nothing). */
  protected forbidden(s: number, e: number): void {
    const len = e - s;
    if (
      (len === 9 && (this.spellsText(s, '__proto__') || this.spellsText(s, 'prototype'))) ||
      (len === 11 && this.spellsText(s, 'constructor'))
    )
      throw NOT_MINE;
  }

  protected enter(): void {
    if (++this.depth > MAX_JSON_DEPTH) throw NOT_MINE;
  }

  protected ws(): void {
    const b = this.b;
    let c = b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.i];
  }

  /** A string at `i` (the opening quote): returns its content's [start, end). No escapes. */
  protected string(): [number, number] {
    const b = this.b;
    if (b[this.i] !== QUOTE) throw NOT_MINE;
    const start = ++this.i;
    const n = b.length;
    for (let i = start; i < n; i++) {
      const c = b[i] as number;
      if (c === QUOTE) {
        this.i = i + 1;
        return [start, i];
      }
      if (c === BACKSLASH || c < 0x20) throw NOT_MINE;
    }
    throw NOT_MINE;
  }

  /** A JSON number at `i`, validated, as `JSON.parse` reads it. */
  protected number(): number {
    const b = this.b;
    const start = this.i;
    let i = start;
    let neg = false;
    if (b[i] === 0x2d) {
      neg = true;
      i++;
    }
    let c = b[i] as number;
    let v = 0;
    const digits0 = i;
    if (c === 0x30) c = b[++i] as number;
    else if (c >= 0x31 && c <= 0x39) {
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        c = b[++i] as number;
      }
    } else throw NOT_MINE;
    let simple = i - digits0 <= 15;
    if (c === 0x2e) {
      simple = false;
      c = b[++i] as number;
      if (!(c >= 0x30 && c <= 0x39)) throw NOT_MINE;
      while (c >= 0x30 && c <= 0x39) c = b[++i] as number;
    }
    if (c === 0x65 || c === 0x45) {
      simple = false;
      c = b[++i] as number;
      if (c === 0x2b || c === 0x2d) c = b[++i] as number;
      if (!(c >= 0x30 && c <= 0x39)) throw NOT_MINE;
      while (c >= 0x30 && c <= 0x39) c = b[++i] as number;
    }
    this.i = i;
    if (simple) return neg ? -v : v;
    return Number(Buffer.from(b.buffer, b.byteOffset + start, i - start).toString('latin1'));
  }

  /** Skip one value of any kind, validating it; nested keys checked for prototype names. */
  protected skip(): void {
    const b = this.b;
    const c = b[this.i];
    if (c === QUOTE) {
      this.string();
      return;
    }
    if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      const close = c === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT;
      this.i++;
      this.enter();
      this.ws();
      if (b[this.i] === close) {
        this.i++;
        this.depth--;
        return;
      }
      for (;;) {
        this.ws();
        if (close === CLOSE_OBJECT) {
          const [s, e] = this.string();
          if (e - s === 9 || e - s === 11) this.forbidden(s, e);
          this.ws();
          if (b[this.i++] !== COLON) throw NOT_MINE;
          this.ws();
        }
        this.skip();
        this.ws();
        const d = b[this.i++];
        if (d === close) break;
        if (d !== COMMA) throw NOT_MINE;
      }
      this.depth--;
      return;
    }
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    this.number();
  }

  protected literal(word: string): void {
    if (!this.spellsText(this.i, word)) throw NOT_MINE;
    this.i += word.length;
  }
}
