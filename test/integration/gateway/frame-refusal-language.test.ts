/**
 * Why a frame was refused, in the user's language: the detail page's "last
 * protocol error" and the protocol-error events, for a connection in a
 * gateway thread (where the sentence is made) and one in process.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayConnection } from '../../../electron/core/gateway/connection';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import type { GatewayConnectionOptions } from '../../../electron/core/gateway/options';
import { createTranslator } from '../../../shared/i18n/translator';
import { IDENTITY, SECRET, gatewayScope, next } from './harness';
import { startAnsweringServer, waitFor } from './test-gateway-server';

const scope = gatewayScope();

const pt = createTranslator('pt-BR');

const kinds: Array<[string, (o: GatewayConnectionOptions) => GatewayConnection]> = [
  ['in a gateway thread', (o) => createWorkerGatewayConnection(o)],
  ['in process', (o) => createGatewayConnection(o)],
];

describe.each(kinds)('a refused frame, connection %s', (_, create) => {
  it('is explained in Portuguese when the user reads Portuguese, secrets kept out', async () => {
    scope.server = await startAnsweringServer();
    const c = create({
      url: scope.server.url,
      dialect: 'documented',
      mode: 'register',
      identity: IDENTITY,
      flags: 0,
      maxFrameBytes: 64 * 1024,
      say: pt.say,
    });
    scope.conn = c;
    const ready = next(c, 'state', (s) => s.state === 'ready');
    c.connect();
    const sc = await scope.server.nextConn();
    await ready;

    const errors: string[] = [];
    c.on('protocol-error', (e) => errors.push(e.reason));
    // Not JSON, with the secret in it; then a text frame over the profile's limit.
    sc.sendRaw(`{"type": 1, "event": "${SECRET}`, false);
    sc.sendRaw(' '.repeat(70 * 1024), false);
    await waitFor(() => errors.length === 2, 'two refusals');

    expect(errors[0]).toMatch(/^O frame não é JSON válido \(/);
    expect(errors[1]).toBe(
      pt.say('frame.tooLargeUncompressed', {
        frame: pt.say('connection.frameTooLarge', { bytes: 70 * 1024, limit: 64 * 1024 }),
        size: '70.0 KiB',
        limit: '64.0 KiB',
      }),
    );
    expect(errors[1]).toContain('marque a flag "Servidor comprime (zlib)"');
    await waitFor(() => c.snapshot().protocolErrors === 2, 'the snapshot to count both');
    expect(c.snapshot().lastProtocolError?.reason).toBe(errors[1]);
    expect(JSON.stringify(errors)).not.toContain(SECRET);
  });
});
