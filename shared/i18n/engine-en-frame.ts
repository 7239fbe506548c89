/**
 * Why the codec refused a gateway frame, in English
 * (electron/core/gateway/codec.ts): the "last protocol error" of a profile's
 * detail page, the probe's report and the register failure. Part of the
 * engine catalogue (key `frame`); `engine-pt-BR-frame.ts` is typed against
 * this one.
 */
export const frameEn = {
  tooLarge:
    'The gateway sent a {frame}: {size}, over the {limit} limit ("Largest frame" in the profile).',
  tooLargeUncompressed:
    'The gateway sent a {frame}: {size}, over the {limit} limit ("Largest frame" in the profile). It came uncompressed: in the profile, tick the flag "Server compresses (zlib)" (ENCODE_ZLIB, 1) so the server compresses what it sends, or raise "Largest frame".',
  tooDeep: "The frame's JSON nests deeper than {depth} levels.",
  inflateTooLarge: 'The {compression} frame inflates past the {limit} limit.',
  inflateFailed: 'The {compression} frame could not be decompressed ({why}).',
  invalidUtf8: 'The frame is not valid UTF-8 text.',
  invalidJson: 'The frame is not valid JSON ({why}).',
  unexpectedCharacter: 'unexpected character',
  holdsArray: 'The frame holds an array, not a JSON object.',
  holdsNull: 'The frame holds null, not a JSON object.',
  holds: 'The frame holds {type}, not a JSON object.',
  noType: 'The frame has no "type" field.',
  typeNotInteger: 'The frame\'s "type" must be an integer, got {got}.',
  notString: 'The frame\'s "{field}" must be a string, got {got}.',
  notBoolean: 'The frame\'s "{field}" must be a boolean, got {got}.',
  registerUnreadable: "The gateway's answer to the register request could not be read: {reason}",
};
