import {
  chmodSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../electron/core/history/schema';
import { HOUR, MIN, SEC, totalPings, useHarness, wordedHealth } from './helpers';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';

const harness = useHarness();

describe('disk trouble', () => {
  const SAVE_FAILED =
    'History could not be saved: a write to the history file failed (simulated). Monitoring continues; charts may have gaps.';

  it('keeps monitoring when writes fail, says so once, and saves the backlog later', () => {
    const h = harness();
    let failing = false;
    const store = h.open({ faults: { failWrites: () => failing } });
    const start = h.clock.wallNow();
    store.recordPing('p', start - 5 * SEC, 10);
    h.clock.advance(SEC);
    expect(store.stats().rawRows).toBe(1);

    failing = true;
    for (let i = 0; i < 10; i++) {
      store.recordPing('p', h.clock.wallNow(), 20);
      store.recordPing('new-profile', h.clock.wallNow(), 40);
      h.clock.advance(SEC);
    }
    expect(h.errors).toEqual([SAVE_FAILED]);
    expect(wordedHealth(store)).toEqual({ ok: false, error: SAVE_FAILED });
    expect(store.stats()).toMatchObject({ rawRows: 1, pendingSamples: 20 });
    // Charts still show everything, from memory.
    expect(
      totalPings(store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow()).points),
    ).toBe(11);

    failing = false;
    h.clock.advance(SEC);
    expect(wordedHealth(store)).toEqual({ ok: true, error: null });
    expect(store.stats()).toMatchObject({ rawRows: 21, pendingSamples: 0 });
    expect(h.errors).toHaveLength(1);

    failing = true; // the same trouble coming back later is news again
    store.recordPing('p', h.clock.wallNow(), 30);
    h.clock.advance(SEC);
    expect(h.errors).toEqual([SAVE_FAILED, SAVE_FAILED]);
    failing = false;
    store.close();
    const reopened = h.open();
    expect(reopened.stats().rawRows).toBe(22);
    const q = { window: '15m', profileId: 'new-profile' } as const;
    expect(totalPings(reopened.query(q, h.clock.wallNow()).points)).toBe(10);
  });

  it('withdraws a write problem once a write succeeds, and tells it again if it returns', () => {
    const h = harness();
    let failing = true;
    const recovered: string[][] = [];
    const store = h.open({
      faults: { failWrites: () => failing },
      onRecovered: (messages) => recovered.push(messages.map((m) => wordNotice(m, sayEnglish))),
    });
    store.recordPing('p', h.clock.wallNow() - 1000, 12);
    expect(store.flush()).toBe(false);
    expect(store.flush()).toBe(false);
    expect(h.errors).toEqual([SAVE_FAILED]);
    expect(wordedHealth(store)).toEqual({ ok: false, error: SAVE_FAILED });
    expect(recovered).toEqual([]);

    failing = false;
    expect(store.flush()).toBe(true);
    expect(recovered).toEqual([[SAVE_FAILED]]);
    expect(wordedHealth(store)).toEqual({ ok: true, error: null });
    // Nothing to withdraw after a write that follows a good one.
    store.recordPing('p', h.clock.wallNow() - 500, 13);
    expect(store.flush()).toBe(true);
    expect(recovered).toHaveLength(1);

    failing = true;
    store.recordPing('p', h.clock.wallNow() - 400, 14);
    expect(store.flush()).toBe(false);
    expect(h.errors).toEqual([SAVE_FAILED, SAVE_FAILED]);
  });

  it('bounds the backlog by dropping the oldest samples and counting them', () => {
    const h = harness();
    let failing = true;
    const store = h.open({ faults: { failWrites: () => failing }, maxBufferedSamples: 100 });
    const t0 = h.clock.wallNow();
    for (let i = 0; i < 150; i++) store.recordPing('p', t0 - 150 * SEC + i * SEC, i);
    h.clock.advance(SEC);
    expect(store.stats()).toMatchObject({ pendingSamples: 100, droppedSamples: 50 });
    failing = false;
    h.clock.advance(SEC);
    const s = store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow());
    expect(totalPings(s.points)).toBe(100);
    expect(s.points[0]?.min).toBe(50);
  });

  it('waits out a database locked by another program', () => {
    const h = harness();
    const store = h.open({ busyTimeoutMs: 20 });
    store.recordPing('p', h.clock.wallNow(), 1);
    h.clock.advance(SEC);

    const other = new DatabaseSync(h.file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      for (let i = 0; i < 3; i++) {
        store.recordPing('p', h.clock.wallNow(), 2);
        h.clock.advance(SEC);
      }
      expect(h.errors).toEqual([
        'History could not be saved: the history database is locked by another program. Monitoring continues; charts may have gaps.',
      ]);
      expect(store.health().ok).toBe(false);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    h.clock.advance(SEC);
    expect(store.health().ok).toBe(true);
    expect(store.stats().rawRows).toBe(4);
  });

  it('reports a full disk without losing what is stored', () => {
    const h = harness();
    const store = h.open({ faults: { maxPageCount: 40 } });
    const t0 = h.clock.wallNow();
    store.recordPing('p', t0 - MIN, 7);
    h.clock.advance(SEC);
    const stored = store.query({ profileId: 'p', window: '1h' }, t0);

    for (let i = 0; i < 30_000; i++) store.recordPing('p', t0 - 10 * HOUR + i * SEC, 9);
    expect(() => h.clock.advance(SEC)).not.toThrow();
    expect(h.errors).toEqual([
      'History could not be saved: the disk is full. Monitoring continues; charts may have gaps.',
    ]);
    expect(store.stats()).toMatchObject({ rawRows: 1, pendingSamples: 30_000 });
    store.close();
    const reopened = h.open();
    expect(reopened.query({ profileId: 'p', window: '1h' }, t0)).toEqual(stored);
  });

  it('starts without its folder and saves once the folder can be made', () => {
    const h = harness();
    const blocker = join(h.dir, 'blocker');
    writeFileSync(blocker, 'a file where the folder should be');
    const file = join(blocker, 'history.sqlite');
    const store = h.open({ file });
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(
      /^History could not be saved: the folder for .*blocker.history\.sqlite cannot be created \(a file is in the way\)\. Monitoring continues; charts may have gaps\.$/,
    );
    expect(store.health().ok).toBe(false);
    for (let i = 0; i < 5; i++) {
      store.recordPing('p', h.clock.wallNow(), 3);
      h.clock.advance(SEC);
    }
    expect(h.errors).toHaveLength(1);
    expect(
      totalPings(store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow()).points),
    ).toBe(5);

    rmSync(blocker);
    h.clock.advance(SEC);
    expect(store.health().ok).toBe(true);
    store.close();
    expect(h.open({ file }).stats().rawRows).toBe(5);
  });

  it('moves a corrupt file aside and starts a fresh history', () => {
    const h = harness();
    const garbage = 'this is not a database\n'.repeat(500);
    writeFileSync(h.file, garbage);
    const store = h.open();
    const moved = `${h.file}.corrupt-2026-11-26T12-00-00-000Z`;
    expect(h.errors).toEqual([
      `History could not be read (${h.file} is damaged or not a database); the damaged file was moved to ${moved} and a new history was started. Monitoring continues.`,
    ]);
    expect(readFileSync(moved, 'utf8')).toBe(garbage);
    expect(store.health().ok).toBe(true);

    store.recordPing('p', h.clock.wallNow(), 8);
    store.close();
    expect(h.open().stats().rawRows).toBe(1);
    expect(h.errors).toHaveLength(1);
  });

  it('opens a file written before samples had a disturbed flag, keeping its samples and rollups', () => {
    const h = harness();
    const now = h.clock.wallNow(); // 12:00:00
    const m = now - 30 * MIN;
    // What Shardwatch wrote at schema version 1: no disturbed column anywhere.
    const old = new DatabaseSync(h.file);
    old.exec(MIGRATIONS[0]?.sql ?? '');
    old.exec('PRAGMA user_version = 1');
    old.exec(`INSERT INTO schema_migrations VALUES (1, ${now - 24 * HOUR})`);
    old.exec(
      `INSERT INTO profiles (key, profile_id, minute_done, hour_done) VALUES (1, 'p', ${m + MIN}, ${now - 2 * HOUR})`,
    );
    const insert = old.prepare('INSERT INTO samples (pkey, t, rtt) VALUES (1, ?, ?)');
    for (let s = 0; s < 10; s++) insert.run(m + s * SEC, 10 + s);
    old.exec(`INSERT INTO rollup_minute VALUES (1, ${m}, 10, 0, 10, 19, 10, 14, 19, 145)`);
    old.close();

    const store = h.open();
    store.recordPing('p', m + MIN + SEC, 30);
    store.recordPing('p', m + MIN + 2 * SEC, 5000, true);
    h.clock.advance(SEC);
    expect(h.errors).toEqual([]);
    const day = store.query({ profileId: 'p', window: '24h' }, h.clock.wallNow());
    expect(day.points).toEqual([
      expect.objectContaining({ t: m, count: 10, disturbed: 0, max: 19, p50: 14 }),
      expect.objectContaining({ t: m + MIN, count: 1, disturbed: 1, max: 30 }),
    ]);
    store.close();
    const check = new DatabaseSync(h.file);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    expect(check.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({
      v: SCHEMA_VERSION,
    });
    expect(check.prepare('SELECT count(*) AS n FROM samples WHERE disturbed = 1').get()).toEqual({
      n: 1,
    });
    check.close();
  });

  it('leaves a file from a newer version alone', () => {
    const h = harness();
    const db = new DatabaseSync(h.file);
    db.exec('CREATE TABLE future (x); PRAGMA user_version = 99');
    db.close();
    const store = h.open();
    store.recordPing('p', h.clock.wallNow(), 1);
    h.clock.advance(5 * SEC);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(/newer version of Shardwatch/);
    store.close();
    const check = new DatabaseSync(h.file);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
    check.close();
    expect(readdirSync(h.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(existsSync(h.file)).toBe(true);
  });
});

describe('file permissions', () => {
  // POSIX modes do not exist on Windows; the data folder's ACL applies there.
  const posix = process.platform !== 'win32';

  it.runIf(posix)(
    '(POSIX) keeps the database, its side files and a folder it creates owner-only, whatever the umask',
    () => {
      const h = harness();
      const file = join(h.dir, 'nested', 'data', 'history.sqlite');
      const before = process.umask(0);
      try {
        const store = h.open({ file });
        store.recordPing('p', h.clock.wallNow() - 1000, 12);
        expect(store.flush()).toBe(true);
        const created = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
        // WAL mode: the database and both side files exist while it is open.
        expect(created).toHaveLength(3);
        for (const f of created) expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
        for (const d of [join(h.dir, 'nested'), join(h.dir, 'nested', 'data')]) {
          expect((statSync(d).mode & 0o777).toString(8)).toBe('700');
        }
      } finally {
        process.umask(before);
      }
    },
  );

  it.runIf(posix)('(POSIX) tightens a history file an older build left readable by others', () => {
    const h = harness();
    h.open().close();
    chmodSync(h.file, 0o644);
    const store = h.open();
    store.recordPing('p', h.clock.wallNow() - 1000, 12);
    expect(store.flush()).toBe(true);
    expect((statSync(h.file).mode & 0o777).toString(8)).toBe('600');
  });
});
