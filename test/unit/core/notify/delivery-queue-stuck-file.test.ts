/**
 * A damaged delivery queue file that cannot be moved aside: the user is told
 * the waiting messages are lost (with the reason), and the queue starts
 * empty. The file system's refusal is a mock of `renameSync` (as root, the
 * tests cannot make a folder refuse it), for the first call only.
 */
import type * as FsModule from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannelStore } from '../../../../electron/core/notify/channel-store';
import { createDeliveryQueue, QUEUE_FILE } from '../../../../electron/core/notify/delivery-queue';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const refuse = vi.hoisted(() => ({ rename: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof FsModule>();
  return {
    ...real,
    renameSync: (...args: Parameters<typeof real.renameSync>) => {
      if (refuse.rename) {
        refuse.rename = false;
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      }
      real.renameSync(...args);
    },
  };
});

const tempDir = useTempDirs('shardwatch-queue-stuck-');

afterEach(() => {
  refuse.rename = false;
});

describe('a damaged queue file that cannot be moved aside', () => {
  it('says the waiting messages are lost, with the reason, and starts an empty queue', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, QUEUE_FILE), '{"version": 1, "items": [');
    refuse.rename = true;
    const clock = createFakeClock();
    const problems: string[] = [];
    const queue = createDeliveryQueue({
      dir,
      clock,
      channels: createChannelStore({ dir, cipher: createFileKeyCipher(dir), clock }),
      onProblem: (text) => problems.push(wordNotice(text, sayEnglish)),
    });
    try {
      expect(refuse.rename).toBe(false);
      expect(problems).toEqual([
        'The queue of undelivered alert messages could not be read (it is not valid JSON). Messages waiting in it are lost; new alerts are delivered as usual.',
      ]);
      expect(queue.queued('any')).toBe(0);
      expect(queue.log(null, 10)).toEqual([]);
    } finally {
      await queue.dispose();
    }
  });
});
