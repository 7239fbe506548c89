/**
 * The `shardwatch` command dispatcher: `probe`, `sim`, `serve`.
 */
import { cliSay } from './args';

const USAGE = `Usage: shardwatch <command> [options]

Commands:
  probe <url>   connect to a gateway, ping it (registers only when asked), and report
  sim           run the gateway simulator
  serve         run Shardwatch in browser mode

Run \`shardwatch <command> --help\` for the options of a command.
`;

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
      process.stdout.write(USAGE);
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
