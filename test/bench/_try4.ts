import { decodeShardInfo } from '../../electron/core/gateway/shard-info-decoder';
const none = { mayAppearInBytes: () => false };
const shards = [];
for (let i = 0; i < 50000; i++) shards.push({ development: false, disconnected: i % 7 === 0, receibe_ping: i, received: i * 3, send_ping: i + 1, sending: i * 2, shard_hash: 'abcdefghijklmnopqrstuvwxyzABCDEFGHI', shard_id: i });
const buf = Buffer.from(JSON.stringify({ type: 1, event: 'GATEWAY_SHARD_INFO', data: [[shards]] }));
for (let r = 0; r < 60; r++) decodeShardInfo(buf, false, { watch: none, maxFrameBytes: 16 << 20 });
