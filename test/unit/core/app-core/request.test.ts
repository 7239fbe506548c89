import { describe, expect, it } from 'vitest';
import { apiOk } from '../../../../shared/api';
import { assertOneHandlerEach } from '../../../../electron/core/app-core/request';

describe('one handler per channel', () => {
  const connect = async () => apiOk(null);

  it('accepts groups that answer different channels', () => {
    expect(() =>
      assertOneHandlerEach([{ 'command:connect': connect }, { 'command:disconnect': connect }]),
    ).not.toThrow();
  });

  it('refuses a channel answered by two groups, naming it', () => {
    expect(() =>
      assertOneHandlerEach([{ 'command:connect': connect }, { 'command:connect': connect }]),
    ).toThrow(/command:connect twice/);
  });
});
