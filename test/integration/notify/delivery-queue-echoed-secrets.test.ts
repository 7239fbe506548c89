/**
 * A receiver's answer is shown in the delivery log and after "Send test";
 * what it echoes of the channel's secrets is removed, and nothing else is.
 * Real receivers on loopback (delivery-rig.ts).
 */
import { describe, expect, it } from 'vitest';
import { add, channelInput, enqueueOpen, receiver, rig } from './delivery-rig';

describe('secrets a receiver echoes', () => {
  it('an ntfy access token echoed in the answer is removed from the log and the test result', async () => {
    const TOKEN = 'tk_q7Wm2Xr9Lp4Vn8Zs';
    const ntfy = await receiver();
    ntfy.fallback = (req) => ({
      status: 401,
      body: `{"error":"token ${String(req.headers.authorization).slice('Bearer '.length)} is not allowed to publish"}`,
    });
    const r = rig();
    const id = add(r, channelInput('ntfy', ntfy.url('/alerts-topic'), { signingSecret: TOKEN }));

    const result = await r.queue.testSend(id);
    expect(ntfy.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.answer).toBe('401 {"error":"token [REDACTED] is not allowed to publish"}');

    enqueueOpen(r, id, [1]);
    await r.step();
    const lines = r.queue.log(id, 10).map((e) => e.answer);
    expect(lines).toHaveLength(2);
    for (const answer of lines) {
      expect(answer).toBe('401 {"error":"token [REDACTED] is not allowed to publish"}');
    }
  });

  it('an address without a path: the slashes of the answer stay', async () => {
    const hook = await receiver();
    hook.fallback = () => ({ status: 404, body: 'no route for POST / (try /hooks/in)' });
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('')));
    const result = await r.queue.testSend(id);
    expect(hook.requests[0]?.path).toBe('/');
    expect(result.answer).toBe('404 no route for POST / (try /hooks/in)');
  });
});
