/**
 * What the validator kit (`shared/validate.ts`) says is wrong with a value, in
 * English (key `check`): the detail of "The request was not valid: …", of a
 * settings field and of a profiles-file problem; and the profiles-file
 * parser's own reasons (key `profilesFile`, `profiles/stored-file.ts`).
 * `{path}` names the value as the program does (`settings.language`,
 * `profile 2.url`). `engine-pt-BR-checks.ts` is typed against this one.
 */
export const checkEn = {
  text: '{path} must be text',
  notEmpty: '{path} must not be empty',
  minChars: '{path} must be at least {min} characters',
  maxChars: '{path} must be at most {max} characters',
  number: '{path} must be a number',
  whole: '{path} must be a whole number',
  atLeast: '{path} must be at least {min}',
  atMost: '{path} must be at most {max}',
  bool: '{path} must be true or false',
  oneOf: '{path} must be one of: {values}',
  list: '{path} must be a list',
  tooManyItems: '{path} has more than {max} items',
  object: '{path} must be an object',
  protoField:
    '{path} has a field named "{field}", which is never accepted (it could change how every object behaves); remove it',
  unknownField: '{path} has an unknown field "{field}"',
  argList: '{path} must be a list of arguments',
  argCount: '{path} has {count} arguments, expected {expected}',
  /** A settings request that is not an object. */
  settingsObject: 'Settings must be an object.',
};

export const profilesFileEn = {
  empty: 'the file is empty',
  notJson: 'it is not valid JSON, perhaps truncated',
  notObject: 'it does not hold a JSON object',
  noVersion: 'it has no valid schemaVersion',
  noProfiles: 'it has no list of profiles',
  /** The name of the nth profile in the file, the `{path}` of its problems. */
  profile: 'profile {n}',
  profileNotObject: 'profile {n} is not an object',
  repeatedId: 'profile {n} repeats the id of another profile',
  settingsNotObject: 'the settings are not an object',
  setting: 'setting {name}',
  /** A `{path}` whose start is worded (`{label}`: a profile or a setting of the file). */
  path: '{label}{rest}',
  /** Problems of the file, one after another. */
  listed: '{first}; {rest}',
};
