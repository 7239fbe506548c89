import { decodeShardInfo } from '../../electron/core/gateway/shard-info-decoder';
import { decodeFrame } from '../../electron/core/gateway/codec';
import { flattenShardsStats } from '../../shared/protocol';
import { createSecretScrubber } from '../../electron/core/gateway/secret-scrub';
const watch = createSecretScrubber(['Zq9xW2vLp0Kd7Hs3', 'a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1']);
const none = { mayAppearInBytes: () => false };
const shards = [];
for (let i = 0; i < 50000; i++) shards.push({ development: false, disconnected: i % 7 === 0, receibe_ping: i, received: i * 3, send_ping: i + 1, sending: i * 2, shard_hash: 'abcdefghijklmnopqrstuvwxyzABCDEFGHI', shard_id: i });
const buf = Buffer.from(JSON.stringify({ type: 1, event: 'GATEWAY_SHARD_INFO', data: [[shards]] }));
const opts = { watch, maxFrameBytes: 16 << 20 };
const arms: Record<string, () => void> = {
  fast: () => { decodeShardInfo(buf, false, opts); },
  fastNoWatch: () => { decodeShardInfo(buf, false, { watch: none, maxFrameBytes: 16 << 20 }); },
  watch: () => { watch.mayAppearInBytes(buf); },
  general: () => { const x = decodeFrame(buf, false, opts); if (x.ok) flattenShardsStats(x.message.data); },
  parse: () => { JSON.parse(buf.toString('utf8')); },
};
const best: Record<string, number> = {};
for (let r = 0; r < 25; r++) for (const [k, f] of Object.entries(arms)) { const t = performance.now(); f(); const d = performance.now() - t; best[k] = Math.min(best[k] ?? 1e9, d); }
console.log(Object.entries(best).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('  '));
