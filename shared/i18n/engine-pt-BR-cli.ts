/**
 * The command line's usage errors in Brazilian Portuguese, typed against
 * `engine-en-cli.ts`. Flags and command names stay as they are typed.
 */
import type { cliEn } from './engine-en-cli';

export const cliPtBR: typeof cliEn = {
  unknownOption: 'opção desconhecida {name}',
  takesNoValue: '{name} não aceita valor',
  needsValue: '{name} precisa de um valor',
  wholeNumber: '{name} precisa ser um número inteiro de {min} a {max}; recebido {raw}',
  number: '{name} precisa ser um número de {min} a {max}; recebido {raw}',
  oneOf: '{name} precisa ser um destes: {values}; recebido {raw}',
  flagProblem: '{name}: {problem}',
  unexpected: 'argumento inesperado {raw}',
  usageLine:
    'shardwatch {command}: {message}. Execute "shardwatch {command} --help" para ver as opções.',
  missingCommand:
    'shardwatch: falta um comando (probe, sim ou serve). Execute "shardwatch --help" para ver os comandos.',
  unknownCommand:
    'shardwatch: comando desconhecido "{command}". Execute "shardwatch --help" para ver os comandos.',
  missingUrl: 'falta a URL do gateway (ws://HOST:PORTA/CAMINHO)',
  idRequired: '--id é obrigatório (o id da aplicação do bot)',
  registerRefused:
    '--register é recusado com --dialect {dialect}: esse servidor enviaria as interações do bot para o probe',
  setSecrets:
    'defina {name} no ambiente (o segredo e a chave pública nunca são lidos da linha de comando)',
  setBothSecrets:
    'defina SHARDWATCH_SECRET e SHARDWATCH_PUBLIC_KEY no ambiente (o segredo e a chave pública nunca são lidos da linha de comando)',
};
