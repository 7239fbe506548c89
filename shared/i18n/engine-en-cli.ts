/**
 * The command line's usage errors in English (docs/architecture.md §4 "Two
 * languages"): `shardwatch` follows the process's locale (`LC_ALL`,
 * `LC_MESSAGES`, `LANG`), so `LANG=pt_BR.UTF-8` gets Portuguese; flags and
 * command names stay English. Part of the engine catalogue (key `cli`);
 * `engine-pt-BR-cli.ts` is typed against this one.
 */
export const cliEn = {
  unknownOption: 'unknown option {name}',
  takesNoValue: '{name} takes no value',
  needsValue: '{name} needs a value',
  wholeNumber: '{name} must be a whole number from {min} to {max}, got {raw}',
  number: '{name} must be a number from {min} to {max}, got {raw}',
  oneOf: '{name} must be one of {values}, got {raw}',
  flagProblem: '{name}: {problem}',
  unexpected: 'unexpected argument {raw}',
  usageLine: 'shardwatch {command}: {message}. Run "shardwatch {command} --help" for the options.',
  missingCommand:
    'shardwatch: missing a command (probe, sim or serve). Run "shardwatch --help" for the commands.',
  unknownCommand:
    'shardwatch: unknown command "{command}". Run "shardwatch --help" for the commands.',
  missingUrl: 'missing the gateway URL (ws://HOST:PORT/PATH)',
  idRequired: '--id is required (the bot application id)',
  registerRefused:
    "--register is refused with --dialect {dialect}: that server would send the bot's interactions to the probe",
  setSecrets:
    'set {name} in the environment (the secret and the public key are never taken from the command line)',
  setBothSecrets:
    'set SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY in the environment (the secret and the public key are never taken from the command line)',
};
