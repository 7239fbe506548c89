/**
 * Log lines of `shardwatch serve`: plain text on stderr for a person at a
 * terminal (the default), or JSON lines on stdout with `--log-format json`
 * for a service manager (systemd's journal, Docker, a log shipper). Every line
 * passes a redactor first: the session token and anything shaped like a
 * bearer token or `token=` are masked (docs/architecture.md §3.7).
 */
import { createSecretScrubber } from '../core/gateway/secret-scrub';

/** The formats `--log-format` takes. */
export const LOG_FORMATS = ['text', 'json'] as const;
/** One log format. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Severity of a line. */
export type LogLevel = 'info' | 'warn' | 'error';

/** A logger for serve. */
export interface ServeLogger {
  readonly format: LogFormat;
  /** A line from the core or the server; its level is read from its start. */
  line(text: string): void;
  /** A line with its own level and extra fields (JSON mode keeps them as fields). */
  event(level: LogLevel, msg: string, fields?: Record<string, string | number | boolean>): void;
  /** Mask this value from now on (the session token). */
  addSecret(value: string): void;
}

const PATTERNS: Array<[RegExp, string]> = [
  [/([?&]token=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[REDACTED]'],
];

/** The level a core log line implies. */
function levelOf(text: string): LogLevel {
  if (/^(internal error|notice \(error\))/.test(text)) return 'error';
  if (/^(notice \(warning\)|alert \[|serve: refused|demo gateway could not)/.test(text))
    return 'warn';
  return 'info';
}

/** Create the logger; `write` receives whole lines with their newline. */
export function createServeLogger(opts: {
  format: LogFormat;
  writeOut: (line: string) => void;
  writeErr: (line: string) => void;
  now?: () => number;
}): ServeLogger {
  const now = opts.now ?? Date.now;
  let secrets: string[] = [];
  let scrubber = createSecretScrubber([]);
  const redact = (text: string): string => {
    let out = scrubber.scrubString(text);
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return out;
  };
  function event(
    level: LogLevel,
    msg: string,
    fields: Record<string, string | number | boolean> = {},
  ): void {
    if (opts.format === 'text') {
      const extra = Object.entries(fields)
        .map(([k, v]) => ` ${k}=${String(v)}`)
        .join('');
      opts.writeErr(`${redact(msg + extra)}\n`);
      return;
    }
    const doc: Record<string, unknown> = {
      time: new Date(now()).toISOString(),
      level,
      msg: redact(msg),
    };
    for (const [k, v] of Object.entries(fields)) doc[k] = typeof v === 'string' ? redact(v) : v;
    opts.writeOut(`${JSON.stringify(doc)}\n`);
  }
  return {
    format: opts.format,
    line: (text) => event(levelOf(text), text),
    event,
    addSecret(value) {
      if (value.length < 4) return;
      secrets = [...secrets, value];
      scrubber = createSecretScrubber(secrets);
    },
  };
}
