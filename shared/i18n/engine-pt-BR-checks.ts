/**
 * What the validator kit says is wrong with a value, and the profiles-file
 * parser's reasons, in Brazilian Portuguese, typed against
 * `engine-en-checks.ts`.
 */
import type { checkEn, profilesFileEn } from './engine-en-checks';

export const checkPtBR: typeof checkEn = {
  text: '{path} precisa ser texto',
  notEmpty: '{path} não pode ficar vazio',
  minChars: '{path} precisa ter pelo menos {min} caracteres',
  maxChars: '{path} pode ter no máximo {max} caracteres',
  number: '{path} precisa ser um número',
  whole: '{path} precisa ser um número inteiro',
  atLeast: '{path} precisa ser pelo menos {min}',
  atMost: '{path} pode ser no máximo {max}',
  bool: '{path} precisa ser verdadeiro ou falso',
  oneOf: '{path} precisa ser um destes: {values}',
  list: '{path} precisa ser uma lista',
  tooManyItems: '{path} tem mais de {max} itens',
  object: '{path} precisa ser um objeto',
  protoField:
    '{path} tem um campo chamado "{field}", que nunca é aceito (ele poderia mudar o comportamento de todos os objetos); remova-o',
  unknownField: '{path} tem um campo desconhecido "{field}"',
  argList: '{path} precisa ser uma lista de argumentos',
  argCount: '{path} tem {count} argumentos; o esperado é {expected}',
  settingsObject: 'As configurações precisam ser um objeto.',
};

export const profilesFilePtBR: typeof profilesFileEn = {
  empty: 'o arquivo está vazio',
  notJson: 'não é um JSON válido, talvez esteja truncado',
  notObject: 'não contém um objeto JSON',
  noVersion: 'não tem um schemaVersion válido',
  noProfiles: 'não tem uma lista de perfis',
  profile: 'perfil {n}',
  profileNotObject: 'o perfil {n} não é um objeto',
  repeatedId: 'o perfil {n} repete o id de outro perfil',
  settingsNotObject: 'as configurações não são um objeto',
  setting: 'configuração {name}',
  path: '{label}{rest}',
  listed: '{first}; {rest}',
};
