/**
 * The healthy gateways of `hostile-isolation.test.ts`, in a child process of
 * their own so that nothing the monitor's process does can delay their
 * answers. Run as `node --import tsx hostile-isolation-sims.ts COUNT`.
 *
 * Prints `url <ws-url>` for each simulator once it listens, then `stall
 * <fromEpochMs> <toEpochMs>` for every time this process could not run for
 * longer than {@link STALL_MS} (a 1 ms tick that came late): an answer due in
 * such a gap was late because this process was not scheduled, so its RTT is
 * not the simulator's true latency and the test leaves it out. A `sync`
 * line on stdin is answered `synced` once every stall before it is printed.
 * Ends on SIGTERM.
 */
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';

/** Same threshold as the monitor's own timing probe (electron/core/gateway/timing-probe.ts). */
const STALL_MS = 1.5;

const epochNow = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '10');
  const sims: SimulatorHandle[] = [];
  for (let i = 0; i < count; i++) {
    const sim = await createSimulator({ random: i + 1, latencyMs: 0 });
    sims.push(sim);
    process.stdout.write(`url ${sim.url}\n`);
  }
  let last = epochNow();
  const tick = setInterval(() => {
    const now = epochNow();
    if (now - last > STALL_MS) process.stdout.write(`stall ${last} ${now}\n`);
    last = now;
  }, 1);
  // `sync` on stdin: every stall seen so far has been printed (timers run before I/O).
  process.stdin.setEncoding('utf8').on('data', (c: string) => {
    if (c.includes('sync')) process.stdout.write('synced\n');
  });
  process.once('SIGTERM', () => {
    clearInterval(tick);
    void Promise.all(sims.map((s) => s.stop())).then(() => process.exit(0));
  });
}

void main();
