/**
 * The `shardwatch` command dispatcher: `probe`, `sim`, `serve`.
 */
import { cliSay } from './args';

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      // A usage error like any other: one line, not the whole help.
      process.stderr.write(`${cliSay()('cli.missingCommand')}\n`);
      return 2;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${cliSay()('cliOut.mainUsage')}\n`);
      return 0;
    case 'probe':
      return (await import('./probe')).runProbeCli(rest);
    case 'serve':
      return (await import('./serve')).runServeCli(rest);
    case 'sim':
      return (await import('./sim')).runSimCli(rest);
    default:
      process.stderr.write(
        `${cliSay()('cli.unknownCommand', { command: command.slice(0, 40) })}\n`,
      );
      return 2;
  }
}
